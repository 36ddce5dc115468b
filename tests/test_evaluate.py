"""`docpipe eval` scores by the metric of docs/interface.md, exactly as the evaluation data's own
scorer reports: always against its saved output on bundled predictions (tests/fixtures/
scorer_agreement), and, where ../shared is present, against the scorer itself on docpipe's output."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from docpipe.evaluate import (
    EXTRACTORS,
    format_report,
    load_predictions,
    load_set,
    prf,
    run_extractor,
    score_texts,
    write_predictions,
)

SUBSET = Path(__file__).resolve().parent / "fixtures" / "eval_subset"
AGREEMENT = Path(__file__).resolve().parent / "fixtures" / "scorer_agreement"
REFERENCE_LINE = re.compile(r"^\s*(?:pages=\d+ missing=\d+|(\S+))\s+P=([\d.]+) R=([\d.]+) F1=([\d.]+)$")


def test_prf_metric() -> None:
    assert prf("", "abc") == (0.0, 0.0, 0.0)
    p, r, f = prf("中文 text text", "中 text other")
    # tokens: pred {中,文,text×2} truth {中,text,other}: overlap 2
    assert (round(p, 3), round(r, 3)) == (0.5, 0.667)
    assert f == pytest.approx(2 * p * r / (p + r))


@pytest.mark.parametrize("name", ["cwced_zh", "scrapinghub_aeb"])
def test_scores_equal_the_reference_scorers_saved_output(name: str) -> None:
    """Macro P/R/F1 and every page's P/R/F1 equal, to the printed three decimals, what the data's
    scorer printed for the same predictions (no ../shared needed)."""
    expected: dict[str | None, tuple[str, str, str]] = {}
    for line in (AGREEMENT / f"{name}.reference.txt").read_text(encoding="utf-8").splitlines():
        m = REFERENCE_LINE.match(line)
        assert m is not None, line
        expected[m.group(1)] = (m.group(2), m.group(3), m.group(4))
    pages = load_set(SUBSET / name)
    result = score_texts("saved", pages, load_predictions(AGREEMENT / f"{name}.predictions.jsonl"))
    assert len(expected) == len(pages) + 1  # the macro line and one line per page
    assert expected[None] == (f"{result.precision:.3f}", f"{result.recall:.3f}", f"{result.f1:.3f}")
    for s in result.scores:
        assert expected[s.id] == (f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"), s.id


def test_eval_agrees_with_score_extraction(shared_dir: Path, tmp_path: Path) -> None:
    scorer = shared_dir / "tools" / "score_extraction.py"
    if not scorer.exists():
        pytest.skip("score_extraction.py not present")
    set_dir = SUBSET / "cwced_zh"
    result = run_extractor("docpipe", EXTRACTORS["docpipe"], load_set(set_dir))
    preds = tmp_path / "pred.jsonl"
    write_predictions(result, preds)
    out = subprocess.run([sys.executable, str(scorer), str(preds), str(set_dir)], capture_output=True, text=True, check=True).stdout
    m = re.search(r"P=([\d.]+) R=([\d.]+) F1=([\d.]+)", out)
    assert m is not None, out
    assert (f"{result.precision:.3f}", f"{result.recall:.3f}", f"{result.f1:.3f}") == m.groups()
    report = format_report(set_dir, [result])
    assert f"{result.f1:6.3f}" in report and "worst pages" in report


def test_eval_on_full_dev_set_matches_scorer(shared_dir: Path, tmp_path: Path) -> None:
    scorer = shared_dir / "tools" / "score_extraction.py"
    set_dir = shared_dir / "eval" / "cwced_zh"
    if not scorer.exists() or not set_dir.exists():
        pytest.skip("dev set not present")
    result = run_extractor("docpipe", EXTRACTORS["docpipe"], load_set(set_dir))
    preds = tmp_path / "pred.jsonl"
    write_predictions(result, preds)
    out = subprocess.run([sys.executable, str(scorer), str(preds), str(set_dir)], capture_output=True, text=True, check=True).stdout
    assert f"F1={result.f1:.3f}" in out and f"P={result.precision:.3f}" in out and f"R={result.recall:.3f}" in out
    assert json.loads(preds.read_text(encoding="utf-8").splitlines()[0])["id"]


def test_docpipe_eval_command_on_bundled_subset() -> None:
    from typer.testing import CliRunner

    from docpipe.cli import app

    result = CliRunner().invoke(app, ["eval", str(SUBSET / "scrapinghub_aeb"), "--limit", "3", "--metadata"])
    assert result.exit_code == 0, result.output
    assert "docpipe" in result.output and "F1" in result.output and "worst pages" in result.output
    assert "metadata (scrapinghub_aeb" in result.output and "title" in result.output


def test_split_parts_are_disjoint_by_site_and_cover_the_set() -> None:
    set_dir = SUBSET / "scrapinghub_aeb"
    every = {p.id for p in load_set(set_dir)}
    tuning = {p.id for p in load_set(set_dir, split="tuning")}
    validation = {p.id for p in load_set(set_dir, split="validation")}
    assert tuning and validation and not tuning & validation
    assert tuning | validation == every
    sites = json.loads((Path(__file__).resolve().parents[1] / "src" / "docpipe" / "data" / "eval_splits.json")
                       .read_text(encoding="utf-8"))["sets"]["scrapinghub_aeb"]["ids"]
    assert all(sites[i] == "validation" for i in validation)


def test_gzipped_pages_and_page_types_are_scored(tmp_path: Path) -> None:
    import gzip
    import shutil

    src = SUBSET / "scrapinghub_aeb"
    rows = [json.loads(line) for line in (src / "truth.jsonl").read_text(encoding="utf-8").split("\n") if line.strip()][:4]
    set_dir = tmp_path / "typed_set"
    (set_dir / "pages").mkdir(parents=True)
    for n, row in enumerate(rows):
        page = src / "pages" / f"{row['id']}.html"
        if n % 2:  # half the pages gzipped, as saved crawls (and WCXB) often are
            (set_dir / "pages" / f"{row['id']}.html.gz").write_bytes(gzip.compress(page.read_bytes()))
        else:
            shutil.copy(page, set_dir / "pages" / page.name)
        row["page_type"] = "article" if n < 2 else "listing"
        words = row["text"].split()
        row["with"] = [" ".join(words[:6])]
        row["without"] = ["this sentence is on no page at all"]
    (set_dir / "truth.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    pages = load_set(set_dir)
    assert [p.id for p in pages] == [r["id"] for r in rows]  # gzipped pages read too
    plain = run_extractor("docpipe", EXTRACTORS["docpipe"], load_set(src))
    result = run_extractor("docpipe", EXTRACTORS["docpipe"], pages)
    by_id = {s.id: s.f1 for s in plain.scores}
    assert all(abs(s.f1 - by_id[s.id]) < 1e-9 for s in result.scores)  # same text, same score
    report = format_report(set_dir, [result])
    assert re.search(r"^article\s+2 \| ", report, re.M) and re.search(r"^listing\s+2 \| ", report, re.M), report
    # the must-have snippet is the page's own first words: found wherever the page was extracted
    assert all(s.with_hits == (1, 1) for s in result.scores if s.f1 > 0.5)
