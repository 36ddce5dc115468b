"""Chinese byline and 来源 forms on real pages outside the dev sets (tests/fixtures/metadata/platform_zh:
GeneralNewsExtractor's test pages, MIT). Each test fails when its rule is reverted."""

from __future__ import annotations

from pathlib import Path

import pytest

from docpipe import dates, patterns
from docpipe.clean import metadata as meta
from docpipe.clean.html import clean_html
from docpipe.models import PageMetadata

PLATFORM_ZH = Path(__file__).resolve().parents[1] / "fixtures" / "metadata" / "platform_zh"


def _md(name: str) -> PageMetadata:
    return clean_html((PLATFORM_ZH / name).read_text(encoding="utf-8"), None)[1]


def test_platform_account_printed_over_the_article_is_its_author() -> None:
    # ACCOUNT_NAME_CLASS: <p class="author-name">IT之家</p> is the page's only byline; the
    # header's logged-in reader (class "usrname": 月落_长安) is not the author.
    md = _md("gne_baijiahao_2.html")
    assert md.title == "日本最后一家传呼机公司停止服务，殡仪馆为BB机送终"
    assert md.author == "IT之家"


def test_account_rule_reverted_gives_no_author(monkeypatch: pytest.MonkeyPatch) -> None:
    # (the test above fails without the rule: nothing else on the page names a writer)
    monkeypatch.setattr(meta, "ACCOUNT_NAME_CLASS", meta.re.compile(r"(?!)"))
    assert _md("gne_baijiahao_2.html").author is None


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



def test_dateline_without_year_dated_by_the_pages_stated_date(monkeypatch: pytest.MonkeyPatch) -> None:
    # dates.YEARLESS_DATELINE: "发布时间：09-30" "22:46" under the headline; the year is the one of
    # <meta itemprop="dateUpdate" content="2019-09-30 22:46:13"> (same month and day). Without
    # the rule the page has no date (the script's "time":"2019-12-29 …" is not taken).
    assert (_md("gne_baijiahao_2.html").published_at or "")[:16] == "2019-09-30T22:46"
    monkeypatch.setattr(dates, "YEARLESS_DATELINE", meta.re.compile(r"(?!)"))
    assert _md("gne_baijiahao_2.html").published_at is None
