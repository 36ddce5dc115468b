"""Chinese byline and 来源 forms on real pages outside the dev sets (tests/fixtures/metadata/platform_zh:
GeneralNewsExtractor's test pages, MIT; and tests/fixtures/metadata_zh_gne, the same project's pages
from its gne 0.4.3 sdist, GPL-3.0). Each test fails when its rule is reverted."""

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


# ---------------------------------------------------------------------------------------------
# tests/fixtures/metadata_zh_gne (GNE's test pages from the gne 0.4.3 sdist, GPL-3.0; labels in
# its truth.jsonl): tuning pages of that set.

GNE_SET = Path(__file__).resolve().parents[1] / "fixtures" / "metadata_zh_gne" / "pages"


def _gne(page_id: str) -> PageMetadata:
    import gzip

    return clean_html(gzip.decompress((GNE_SET / f"{page_id}.html.gz").read_bytes()).decode("utf-8"), None)[1]


@pytest.mark.parametrize(
    ("page_id", "author"),
    [("gne_qq_2", "周纯"), ("gne_csdn_1", "魏星"), ("gne_guancha_guancha", "王文")],
)
def test_author_label_without_its_colon(monkeypatch: pytest.MonkeyPatch, page_id: str, author: str) -> None:
    # BARE_AUTHOR_LABEL: "《棱镜》作者 周纯" closing the story; the byline cells "作者" / "魏星";
    # "【文/观察者网专栏作者 王文】". Without the rule none of the pages has an author.
    assert _gne(page_id).author == author
    monkeypatch.setattr(meta, "BARE_AUTHOR_LABEL", False)
    assert _gne(page_id).author is None


def test_source_label_without_its_colon(monkeypatch: pytest.MonkeyPatch) -> None:
    # BARE_SOURCE_LABEL: the byline row "发表于 | 2014-08-24 21:30 | … | 来源 | CSDN | … | 作者 | 魏星".
    assert _gne("gne_csdn_1").source_name == "CSDN"
    monkeypatch.setattr(meta, "BARE_SOURCE_LABEL", False)
    assert _gne("gne_csdn_1").source_name is None


def test_an_acronym_is_no_persons_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # ACRONYM_NOT_PERSON: "来源：EETOP" under the headline is the outlet, not the writer.
    md = _gne("gne_guancha_2")
    assert (md.author, md.source_name) == (None, "EETOP")
    monkeypatch.setattr(meta, "ACRONYM_NOT_PERSON", False)
    md = _gne("gne_guancha_2")
    assert (md.author, md.source_name) == ("EETOP", None)


def test_credit_line_of_its_own_in_the_page_head(monkeypatch: pytest.MonkeyPatch) -> None:
    # CREDIT_LINE_IN_HEAD: "采写：南都记者 余毅菁 向雪妮" / "作者：余毅菁 向雪妮" under the story's last
    # paragraph, mid-page (a long list of other stories follows), past the first 3000 characters.
    assert _gne("gne_njxfhn_1").author == "余毅菁 向雪妮"
    monkeypatch.setattr(meta, "CREDIT_LINE_IN_HEAD", False)
    assert _gne("gne_njxfhn_1").author is None
