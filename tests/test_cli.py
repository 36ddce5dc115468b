"""`docpipe extract` as users and outside checks call it (docs/interface.md), on the seed and samples."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from docpipe.cli import CONTRACT_FIELDS, app
from tests.conftest import FIXTURES, REPO, SAMPLES

SEED_TXT = SAMPLES / "speech_sanweiyuan_43077.txt"
SEED_HTML = SAMPLES / "speech_sanweiyuan_43077.html"
TITLE = "某县长在县推进依法行政工作领导组会议暨全县法治政府建设推进会上的讲话"
CHROME = ("三味园范文网", "导航", "由互联网用户分享整理", "链接地址", "转载请保留", "相关文章", "推荐文章", "友情链接", "©")

runner = CliRunner()


def extract(*args: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["extract", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("path", [SEED_TXT, SEED_HTML], ids=["text", "html"])
def test_seed_speech_fields(path: Path) -> None:
    (doc,) = extract(str(path))
    assert doc["error"] is None
    assert doc["title"] == TITLE
    assert doc["site_name"] == "三味园范文网"
    # local time with its offset: the page states no zone, a Chinese page is read in Beijing time
    assert doc["published_at"] == "2024-12-06T00:37:14+08:00"
    assert doc["published_tz"] == "Asia/Shanghai"
    assert doc["url"] == "http://m.sanweiyuan.com/news/43077.html"
    assert doc["doc_type"] == "讲话"
    assert doc["salutation"] == "同志们"
    assert doc["language"] == "zh"
    level1 = [h for h in doc["headings"] if h["level"] == 1]
    assert [h["marker"].rstrip(",，、") for h in level1] == ["第一", "第二", "第三"]
    assert [h["text"][:4] for h in level1] == ["准确站位", "突出重点", "强化保障"]
    markers = [item["marker"] for item in doc["items"]]
    five = ["一是", "二是", "三是", "四是", "五是"]
    assert markers == five + five + five[:4]
    assert {"X县", "202x年"} <= set(doc["placeholders"])
    assert "202x年依法行政重点工作安排(讨论稿)" in doc["references"]
    for chrome in CHROME:
        assert chrome not in doc["text"], chrome
    assert doc["text"].startswith("同志们")
    assert "以优异成绩迎接党的二十大胜利召开" in doc["text"]
    assert "\n\n" in doc["text"]  # paragraphs separated by a blank line


def test_contract_fields_present_and_typed() -> None:
    (doc,) = extract(str(SEED_TXT))
    for field in (*CONTRACT_FIELDS, "error"):
        assert field in doc, field
    assert isinstance(doc["headings"], list) and isinstance(doc["blocks"], list)
    for block in doc["blocks"]:
        assert block["kind"] in {"heading", "paragraph", "list_item", "table", "quote"}
        assert set(block) >= {"kind", "text", "level", "marker"}


def test_directory_input_in_sorted_order_with_reject_and_no_abort() -> None:
    docs = extract(str(SAMPLES))
    names = [Path(d["source"]).name for d in docs]
    assert names == sorted(names)
    broken = next(d for d in docs if d["source"].endswith("broken.html"))
    assert broken["error"]["stage"] == "fetch"
    assert broken["error"]["reason"] == "binary_content"
    others = [d for d in docs if d is not broken]
    assert others and all(d["error"] is None for d in others)


def test_input_order_is_kept_and_missing_paths_are_errors(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    docs = extract(str(missing), str(SEED_TXT))
    assert [d["source"] for d in docs] == [str(missing), str(SEED_TXT)]
    assert docs[0]["error"] == {"stage": "fetch", "reason": "not_found", "message": "no such file or directory"}
    assert docs[1]["error"] is None


def test_gbk_page_is_decoded() -> None:
    (doc,) = extract(str(SAMPLES / "gbk_notice.html"))
    assert doc["error"] is None
    assert doc["title"] == "关于做好2025年春节期间安全生产工作的通知"
    assert "隐患排查" in doc["text"]
    assert "\ufffd" not in doc["text"]


def test_english_article() -> None:
    (doc,) = extract(str(SAMPLES / "english_news.html"))
    assert doc["language"] == "en"
    assert doc["title"] == "City council approves new riverside park plan"
    assert doc["site_name"] == "The Riverton Ledger"
    assert doc["author"] == "Maria Lopez"
    assert doc["published_at"].startswith("2024-03-18")
    assert "42 acres" in doc["text"]
    for chrome in ("Most read", "Subscribe", "All rights reserved", "Great news for the east side"):
        assert chrome not in doc["text"]


def test_json_format_is_one_array(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(SEED_TXT), str(SAMPLES / "english_news.html"), "--format", "json"])
    assert result.exit_code == 0
    docs = json.loads(result.stdout)
    assert isinstance(docs, list) and len(docs) == 2


def test_installed_console_script_runs() -> None:
    # The README's promise: after install, the `docpipe` command exists and works.
    exe = Path(sys.executable).with_name("docpipe")
    out = subprocess.run([str(exe), "extract", str(SEED_TXT)], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["title"] == TITLE


def test_nothing_extracted_exits_1_and_every_input_is_reported(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["extract", str(empty), str(tmp_path / "*.txt"), "ftp://127.0.0.1/a.html"])
    assert result.exit_code == 1
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["error"]["reason"] for d in docs] == ["no_documents", "no_documents", "unsupported_scheme"]


def test_error_lines_have_the_same_keys_as_documents(tmp_path: Path) -> None:
    docs = extract(str(tmp_path / "missing.txt"), str(SEED_TXT))
    assert list(docs[0]) == list(docs[1])


def test_local_inputs_need_no_http_client(monkeypatch: pytest.MonkeyPatch) -> None:
    # `docpipe extract DIR` reads files directly; an HTTP client per input made it slow.
    import docpipe.fetch as fetch

    def no_batch(*args: object, **kwargs: object) -> None:
        raise AssertionError("fetch_batch used for a local file")

    monkeypatch.setattr(fetch, "fetch_batch", no_batch)
    (doc,) = extract(str(SAMPLES / "english_news.html"))
    assert doc["error"] is None


def test_run_refuses_an_unusable_output_before_any_work(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["run", str(SAMPLES), "--out", str(blocker)])
    assert result.exit_code == 2
    assert "exists and is not a directory" in " ".join(result.output.split())  # rich wraps lines
    result = runner.invoke(app, ["run"])
    assert result.exit_code == 2 and "[[sources]]" in result.output


def test_inspect_compact_and_eval_refuse_wrong_paths(tmp_path: Path) -> None:
    typo = tmp_path / "typo"
    for command in ("inspect", "compact"):
        result = runner.invoke(app, [command, str(typo)])
        assert result.exit_code == 1 and "not a docpipe dataset" in " ".join(result.output.split())
    assert not typo.exists()  # compact created nothing
    result = runner.invoke(app, ["eval", str(tmp_path)])
    assert result.exit_code == 2 and "not an evaluation set" in " ".join(result.output.split())
    (tmp_path / "pages").mkdir()
    (tmp_path / "truth.jsonl").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(tmp_path), "--compare", "bogus"])
    assert result.exit_code == 2 and "bogus" in result.output
    assert runner.invoke(app, ["eval", str(tmp_path), "--limit", "0"]).exit_code == 2


def test_config_errors_are_one_short_line_per_field(tmp_path: Path) -> None:
    config = tmp_path / "nightly.toml"
    config.write_text(
        'batch_size = 0\nbogus = 1\n[fetch]\ntimeout = "soon"\n[[sources]]\nkind = "rss"\nlocation = "x"\n'
        '[[sources]]\nkind = "sitemap"\n',
        encoding="utf-8",
    )
    exe = Path(sys.executable).with_name("docpipe")
    env = {**os.environ, "DOCPIPE_WORKERS": "0", "COLUMNS": "80"}
    proc = subprocess.run([str(exe), "run", "x", "--config", str(config)], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2
    where = f"config file {config}"
    # One line per bad field — not wrapped at 80 columns although stderr is a pipe — with no
    # pydantic dump (no "validation error", no documentation URL) and no traceback.
    assert proc.stderr.splitlines() == [
        f"error: {where}: batch_size = 0: should be greater than or equal to 1",
        "environment DOCPIPE_WORKERS: workers = '0': should be greater than or equal to 1",
        f"{where}: fetch.timeout = 'soon': should be a valid number, unable to parse string as a number",
        f"{where}: sources[1].kind = 'rss': should be 'urls', 'sitemap', 'feed', 'listing', 'path' or 'warc'",
        f"{where}: sources[2]: kind = 'sitemap' needs `location`",
        f"{where}: bogus: unknown key; allowed keys: out, batch_size, workers, profiles, schedule, "
        "dask_address, wait_for_lock, writer_lease, fetch, clean, structure, near_dup, sources",
    ]
    env.pop("DOCPIPE_WORKERS")
    option = subprocess.run([str(exe), "run", "x", "--batch-size", "0"], capture_output=True, text=True, env=env, timeout=120)
    assert option.stderr.strip() == "error: option --batch-size: batch_size = 0: should be greater than or equal to 1"


def test_eval_compare_with_a_missing_extractor_stops_at_once_naming_the_extra() -> None:
    import importlib.util

    if importlib.util.find_spec("trafilatura") is not None:
        pytest.skip("trafilatura is installed here (bench extra): nothing is missing")
    set_dir = REPO / "tests" / "fixtures" / "eval_subset" / "cwced_zh"
    result = runner.invoke(app, ["eval", str(set_dir), "--compare", "trafilatura"])
    assert result.exit_code == 2
    assert "--compare trafilatura: not installed; install the bench extra: pip install 'docpipe[bench]'" in result.output
    assert "F1" not in result.output and "ModuleNotFoundError" not in result.output


def test_every_rejected_input_line_names_input_stage_and_reason(tmp_path: Path) -> None:
    # A path that does not exist is rejected before it is read; its stderr line lacked the
    # stage ("missing.txt: not_found: …") while a file rejected when read said "fetch/empty_file".
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["extract", str(missing), str(SAMPLES / "broken.html"), str(SEED_TXT)])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [  # one line each, however long (soft_wrap)
        f"rejected {missing}: fetch/not_found: no such file or directory",
        f"rejected {SAMPLES / 'broken.html'}: fetch/binary_content: body is binary, not text: 21% of its first 4 KB are NUL or control bytes",
    ]


def test_serve_with_a_bad_cron_or_no_server_behind_the_url_exits_2_with_one_line(tmp_path: Path) -> None:
    # `docpipe serve --help`: "Exit status: 2 bad settings or no Prefect server". A cron typo
    # and a PREFECT_API_URL with nothing listening were pydantic / httpx tracebacks (exit 1).
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    exe = Path(sys.executable).with_name("docpipe")
    env = {**os.environ, "PREFECT_API_URL": f"http://127.0.0.1:{port}/api", "COLUMNS": "80"}
    config = tmp_path / "nightly.toml"
    config.write_text('schedule = "0 2 * *"\n', encoding="utf-8")  # four fields
    for args, line in (
        (["--cron", "bad cron"], "error: option --cron: schedule = 'bad cron': Invalid cron string: \"bad cron\""),
        (["--config", str(config)], f"error: config file {config}: schedule = '0 2 * *': Invalid cron string: \"0 2 * *\""),
    ):
        proc = subprocess.run([str(exe), "serve", str(SAMPLES), *args], capture_output=True, text=True, env=env, timeout=120)
        assert (proc.returncode, proc.stderr.splitlines()) == (2, [line])
    proc = subprocess.run([str(exe), "serve", str(SAMPLES), "--interval", "3600"], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"error: the Prefect server at http://127.0.0.1:{port}/api cannot be used: ConnectError")


def test_extract_help_states_every_exit_status_it_uses(tmp_path: Path) -> None:
    # --help said "0 … 1 when none did"; a bad --config exits 2 (before any input is read).
    config = tmp_path / "bad.toml"
    config.write_text("batch_size = 0\n", encoding="utf-8")
    assert runner.invoke(app, ["extract", str(SEED_TXT), "--config", str(config)]).exit_code == 2
    shown = " ".join(runner.invoke(app, ["extract", "--help"], env={"COLUMNS": "200"}).stdout.split())
    assert "1 when none did, 2 bad settings" in shown
