"""docpipe.dates: the one parser of written dates and the one place that decides their zone.

Real pages used: tests/fixtures/eval_subset/cwced_zh (Chinese-Web-Content-Extraction-Dataset,
MIT; see that folder's SOURCE.md): 658d9f03… is a bilibili column article whose publication time
is only in a script's JSON (`"publish_time":1644778899`); the set's truth gives 2022-02-14 03:01.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from docpipe import dates
from docpipe.clean import with_zone
from docpipe.clean.html import clean_html
from docpipe.models import PageMetadata

SUBSET = Path(__file__).resolve().parent / "fixtures" / "eval_subset"
BILIBILI = SUBSET / "cwced_zh" / "pages" / "658d9f03-ebba-4946-b0e8-25b6fdbeb1c7.html"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2024-12-06", "2024-12-06"),
        ("2024-12-06T00:37:14Z", "2024-12-06T00:37:14+00:00"),
        ("2024-12-06 00:37:14", "2024-12-06T00:37:14"),
        ("2024年3月5日", "2024-03-05"),
        ("2024年3月5日 10:21", "2024-03-05T10:21:00"),
        ("2012.01.12", "2012-01-12"),
        ("发布时间：2011/12/15 08:30", "2011-12-15T08:30:00"),
        ("November 19, 2019", "2019-11-19"),
        ("1581234567", "2020-02-09T07:49:27+00:00"),  # epoch seconds (WeChat `var ct`)
        ("1581234567000", "2020-02-09T07:49:27+00:00"),  # epoch milliseconds
        ("0000000001", None),  # an epoch of 1970 is no publication date
        ("2024-02-30", None),
        ("17:00", None),  # a time alone
        ("", None),
    ],
)
def test_parse_one_value(raw: str, iso: str | None) -> None:
    assert dates.parse(raw) == iso


def test_written_cn_dates_of_documents() -> None:
    assert dates.parse_written_cn("二〇二四年三月五日") == "2024-03-05"
    assert dates.parse_written_cn("2024年12月6日") == "2024-12-06"
    assert dates.parse_written_cn("202x年x月x日") is None
    assert dates.parse_written_cn("二〇二四年二月三十日") is None


def test_labelled_url_and_last_dates() -> None:
    assert dates.labelled("首页 新闻 发布时间：2024-12-06 00:37 来源：某报") == "2024-12-06T00:37:00"
    assert dates.labelled("no label 2024-12-06") is None
    assert dates.from_url("http://business.sohu.com/20050311/n224643115.shtml") == "2005-03-11"
    assert dates.from_url("https://example.org/2019/11/") is None
    assert dates.find_last("2005-08-01 回复\n本贴由 X 于2005年8月12日发表") == "2005-08-12"


def test_script_variables_and_data_attributes() -> None:
    assert dates.from_scripts(['var ct = "1581234567";']) == "2020-02-09T07:49:27+00:00"
    assert dates.from_scripts(['var publish_time = "2020-02-09" || "";']) == "2020-02-09"
    assert dates.from_scripts(['{"pubDate": "2020-02-09 10:21"}']) == "2020-02-09T10:21:00"
    assert dates.from_scripts(['data-publish-time="2020-02-09 10:21:00"']) == "2020-02-09T10:21:00"
    # comment/creation times and minified code are not the article's date
    assert dates.from_scripts(["createTime: 1581234567", "var ct=wn(),lt=wn(!0);"]) is None


def test_platform_page_date_only_in_script_json() -> None:
    """The bilibili page: the first "publish_time" epoch is the article's; read in the page's
    zone it is the truth's 2022-02-14 03:01 (UTC it is still the 13th)."""
    html = BILIBILI.read_text(encoding="utf-8")
    stamp = dates.from_scripts([html])
    assert stamp == "2022-02-13T19:01:39+00:00"
    assert dates.localise(stamp, "Asia/Shanghai") == ("2022-02-14T03:01:39+08:00", "Asia/Shanghai")
    blocks, md = clean_html(html, None)
    local = with_zone(md, blocks, None, None)
    assert local.published_at is not None and local.published_at.startswith("2022-02-14")
    assert local.published_tz == "Asia/Shanghai"


@pytest.mark.parametrize(
    ("language", "url", "chinese", "zone"),
    [
        ("zh-CN", None, True, "Asia/Shanghai"),
        ("zh-TW", None, True, "Asia/Taipei"),
        ("zh-HK", None, True, "Asia/Hong_Kong"),
        ("zh-Hant", None, True, "Asia/Taipei"),
        (None, "http://news.example.com.hk/a.html", True, "Asia/Hong_Kong"),
        (None, "http://www.example.com.tw/a", True, "Asia/Taipei"),
        (None, "http://news.example.com/a", True, "Asia/Shanghai"),
        ("en", None, True, "Asia/Shanghai"),  # Chinese text under a template's lang="en"
        ("en", "http://example.com/a", False, None),  # an English page's zone is unknown
        (None, None, False, None),
    ],
)
def test_zone_inferred_from_language_and_region(language: str | None, url: str | None, chinese: bool, zone: str | None) -> None:
    assert dates.infer_zone(language, url, chinese) == zone


def test_localise_and_utc_instant() -> None:
    # A stated zone converts exactly: no off-by-one day from reading it in another zone.
    assert dates.localise("2024-12-06T00:37:14+08:00", "America/New_York") == ("2024-12-06T00:37:14+08:00", "+08:00")
    assert dates.to_utc("2024-12-06T00:37:14+08:00") == datetime(2024, 12, 5, 16, 37, 14, tzinfo=timezone.utc)
    # A time without a zone takes the configured/inferred one: Beijing 00:37 is 16:37 UTC the day before.
    local, tz = dates.localise("2024-12-06T00:37:14", "Asia/Shanghai")
    assert (local, tz) == ("2024-12-06T00:37:14+08:00", "Asia/Shanghai")
    assert dates.to_utc(local) == datetime(2024, 12, 5, 16, 37, 14, tzinfo=timezone.utc)
    assert dates.localise("2012-01-11T21:43:00", "Asia/Hong_Kong")[0] == "2012-01-11T21:43:00+08:00"
    # A UTC instant (epoch, `Z` meta) of a page with a known zone is shown in local time.
    assert dates.localise("2019-11-20T01:50:59+00:00", "Asia/Taipei") == ("2019-11-20T09:50:59+08:00", "Asia/Taipei")
    # A date without a time stays a date: its day, midnight UTC in Parquet.
    assert dates.localise("2024-12-06", "Asia/Shanghai") == ("2024-12-06", "Asia/Shanghai")
    assert dates.to_utc("2024-12-06") == datetime(2024, 12, 6, tzinfo=timezone.utc)
    # No zone known: kept as written, and published_tz says so (null).
    assert dates.localise("2024-12-06T00:37:14", None) == ("2024-12-06T00:37:14", None)
    assert dates.to_utc("2024-12-06T00:37:14") == datetime(2024, 12, 6, 0, 37, 14, tzinfo=timezone.utc)
    assert dates.to_utc("not a date") is None


def test_configured_zone_beats_the_inferred_one() -> None:
    md = PageMetadata(title="某地召开会议", published_at="2024-12-06T00:37:14", language="zh-CN")
    assert with_zone(md, (), "Asia/Taipei", None).published_at == "2024-12-06T00:37:14+08:00"
    assert with_zone(md, (), "Europe/Berlin", None).published_tz == "Europe/Berlin"
    assert with_zone(md, (), None, None).published_tz == "Asia/Shanghai"
    assert with_zone(PageMetadata(published_at="2024-12-06T00:37:14", language="en"), (), None, None).published_tz is None


def test_check_zone() -> None:
    assert dates.check_zone("Asia/Shanghai") == "Asia/Shanghai"
    with pytest.raises(ValueError, match="unknown time zone"):
        dates.check_zone("Mars/Olympus")


def test_month_first_date_with_12_hour_time_after_a_chinese_label() -> None:
    # A real ASP news page (tests/fixtures/eval_subset/cwced_zh, MIT): "发布日期： 9/17/2004 5:54:13 AM".
    page = Path(__file__).parent / "fixtures" / "eval_subset" / "cwced_zh" / "pages" / "6650f72a-89ca-403a-9384-204ea6c072e6.html"
    md = clean_html(page.read_text(encoding="utf-8"), "http://cdp1998.org/details.asp?detailsid=675")[1]
    assert md.published_at is not None and md.published_at.startswith("2004-09-17T05:54:13")
    assert dates.labelled("发布日期： 7/5/2005 9:23:57 PM") == "2005-07-05T21:23:57"


def test_dotted_day_first_dates_are_not_read_inside_version_numbers() -> None:
    # "Elliot Raba 23.07.2025 · 5 min read" (tests/fixtures/metadata/wcxb 0309, the byline's date)
    assert dates.find("Elliot Raba 23.07.2025 · 5 min read") == "2025-07-23"
    assert dates.find("release v1.2.2019 notes") is None
    assert dates.find("build 10.1.2012.5") is None
    assert dates.find("31.13.2020") is None
    assert dates.find("2012.01.12") == "2012-01-12"  # year first stays DATE_IN_TEXT's


def test_url_date_before_a_plus_joined_slug() -> None:
    # tests/fixtures/metadata/wcxb 0494
    assert dates.from_url("https://blog.guillaume-gomez.fr/articles/2025-12-15+Rust+GCC+backend:+Why+and+how") == "2025-12-15"


@pytest.mark.parametrize(("page_id", "day"), [("4497", "2026-02-24"), ("0533", "2024-11-29")])
def test_a_numeric_date_with_the_year_last_is_read_month_first(page_id: str, day: str) -> None:
    # Real pages (tests/fixtures/metadata/wcxb, WCXB tuning half, CC-BY-4.0) whose only date is
    # "2/24/2026" under the byline (cartalk) and "11-29-2024, 09:03 AM" over a vBulletin post.
    import gzip
    import json

    folder = Path(__file__).parent / "fixtures" / "metadata" / "wcxb"
    truth = next(r for r in map(json.loads, (folder / "truth.jsonl").read_text(encoding="utf-8").splitlines()) if r["id"] == page_id)
    html = gzip.decompress((folder / "pages" / f"{page_id}.html.gz").read_bytes()).decode("utf-8")
    md = clean_html(html, truth["url"])[1]
    assert md.published_at is not None and md.published_at[:10] == day == truth["date"][:10]
    # Day first only where the first number cannot be a month; not inside longer number runs.
    assert dates.find("24/02/2026") == "2026-02-24"
    assert dates.find("part 12/3/2024/7") is None
