"""Chinese byline and 来源 forms on real pages outside the dev sets (tests/fixtures/metadata/platform_zh:
GeneralNewsExtractor's test pages, MIT). Each test fails when its rule is reverted."""

from __future__ import annotations

from pathlib import Path

import pytest

from docpipe import patterns
from docpipe.clean import metadata as meta
from docpipe.clean.html import clean_html
from docpipe.models import PageMetadata

PLATFORM_ZH = Path(__file__).resolve().parents[1] / "fixtures" / "metadata" / "platform_zh"


def _md(name: str) -> PageMetadata:
    return clean_html((PLATFORM_ZH / name).read_text(encoding="utf-8"), None)[1]


def test_source_label_with_yu_before_the_colon(monkeypatch: pytest.MonkeyPatch) -> None:
    # patterns.SOURCE_LABEL: "来源于：东区办事处" in the byline slot under the headline.
    assert _md("gne_zsnews_1.html").source_name == "东区办事处"
    without_yu = patterns.SOURCE_LABEL.pattern.replace("来源于|來源於|", "")
    monkeypatch.setattr(patterns, "SOURCE_LABEL", meta.re.compile(without_yu))
    assert _md("gne_zsnews_1.html").source_name is None


def test_department_glued_after_the_headline_is_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    # MAX_TITLE_SUFFIX / printed_without_suffix: <title> "…开展调研工作 东区办事处_中山网"; the page
    # prints the headline without "东区办事处" and names it in the byline "来源于：东区办事处".
    headline = "顺德区大良街道党工委委员潘卓辉一行到众创金融街开展调研工作"
    assert _md("gne_zsnews_1.html").title == headline
    monkeypatch.setattr(meta, "MAX_TITLE_SUFFIX", 0)
    assert _md("gne_zsnews_1.html").title == headline + " 东区办事处"

