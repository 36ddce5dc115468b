from __future__ import annotations

import json
from pathlib import Path

import pytest

from docpipe.clean.html import clean_html
from docpipe.clean.profiles import Profiles
from docpipe.errors import ConfigError

PAGE = """<html><head><title>站点首页</title></head><body>
<div class="box"><p>侧栏里的一段很长的文字，讲的是别的事情，讲了很多很多，比正文还要长得多得多得多得多得多得多得多。</p>
<p>侧栏里的第二段很长的文字，讲的还是别的事情，也讲了很多很多，比正文还要长得多得多得多得多得多。</p></div>
<div class="zw"><span class="t">关于开展检查的通知</span><span class="d">2024-03-05</span>
<p>各单位：现将有关事项通知如下。</p><p class="share">分享到微信</p></div></body></html>"""

TOML = """
[[site]]
domain = "example.gov.cn"
content = "div.zw"
title = "span.t"
date = "span.d"
drop = ["p.share", "span.t", "span.d"]
"""


def test_profile_applied_before_heuristics(tmp_path: Path) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text(TOML, encoding="utf-8")
    profiles = Profiles.load(path)
    blocks, md = clean_html(PAGE, "http://www.example.gov.cn/a/1.html", profiles=profiles)
    assert [b.text for b in blocks] == ["各单位：现将有关事项通知如下。"]
    assert md.title == "关于开展检查的通知"
    assert md.published_at == "2024-03-05"


def test_no_match_falls_back_to_heuristics() -> None:
    profiles = Profiles.from_dict({"site": [{"domain": "example.gov.cn", "content": "div.zw"}]})
    assert profiles.match("http://other.org/x") is None
    assert profiles.match("https://sub.example.gov.cn/x") is not None
    blocks, _ = clean_html(PAGE, "http://other.org/x", profiles=profiles)
    assert "侧栏里的一段" in "".join(b.text for b in blocks)


@pytest.mark.parametrize(
    "data",
    [{"site": [{"content": "div"}]}, {"site": [{"domain": "a.b", "content": "div[["}]}, {"site": [{"domain": "a.b", "bogus": 1}]}],
)
def test_invalid_profiles_raise_config_error(data: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        Profiles.from_dict(data)


# A real article (scrapinghub_aeb, tests/fixtures/eval_subset/SOURCE.md) whose canonical link
# names slashgear.com; its section headings are <h2> inside div.content.
SLASHGEAR = (
    Path(__file__).resolve().parents[1] / "fixtures" / "eval_subset" / "scrapinghub_aeb" / "pages"
    / "3cb22bfabed8de715c0813a7bb5052363c96bd71ccce3bb2dfb3ab9d1d7a9bbc.html"
)


def _extract_text(*args: str) -> str:
    from typer.testing import CliRunner

    from docpipe.cli import app

    result = CliRunner().invoke(app, ["extract", str(SLASHGEAR), *args])
    assert result.exit_code == 0, result.output
    (doc,) = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return str(doc["text"])


def test_profile_from_config_drops_through_the_cli(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles.toml"
    profiles.write_text('[[site]]\ndomain = "slashgear.com"\ndrop = ["div.content h2", "p.secret"]\n', encoding="utf-8")
    config = tmp_path / "docpipe.toml"
    config.write_text(f"profiles = {json.dumps(str(profiles))}\n", encoding="utf-8")
    plain = _extract_text()
    profiled = _extract_text("--config", str(config))
    assert "Power and Performance" in plain
    assert "Power and Performance" not in profiled
    assert "Audi has revealed the second production model" in profiled


def test_bad_profiles_file_stops_the_cli_before_any_work(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from docpipe.cli import app

    profiles = tmp_path / "profiles.toml"
    profiles.write_text('[[site]]\ndomain = "slashgear.com"\ndrop = ["div[["]\n', encoding="utf-8")
    config = tmp_path / "docpipe.toml"
    config.write_text(f"profiles = {json.dumps(str(profiles))}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(SLASHGEAR), "--config", str(config)])
    assert result.exit_code == 2
    assert "invalid CSS selector" in result.output
    assert "Audi" not in result.output  # no page was extracted
