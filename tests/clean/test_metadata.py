from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from docpipe.clean.html import clean_html
from docpipe.clean.metadata import byline_element_name, is_site_name
from docpipe.dates import find as date_from_text, parse as normalise_date


def meta(html: str):
    return clean_html(html, None)[1]


BODY = "<p>" + "正文内容，讨论具体工作安排和落实措施。" * 10 + "</p>"


def test_title_from_h1_confirmed_by_title_minus_site_suffix() -> None:
    md = meta(f"<html><head><title>关于做好年度工作的通知_某某政府网</title></head><body><div class='logo'><h1>某某政府网</h1></div><h1>关于做好年度工作的通知</h1>{BODY}</body></html>")
    assert md.title == "关于做好年度工作的通知"
    assert md.site_name == "某某政府网"


def test_title_og_and_site_name_meta() -> None:
    md = meta(
        '<html><head><meta property="og:title" content="Budget passes | Example News">'
        '<meta property="og:site_name" content="Example News"><title>Budget passes | Example News</title></head>'
        f"<body>{BODY}</body></html>"
    )
    assert md.title == "Budget passes"
    assert md.site_name == "Example News"


def test_english_title_suffix() -> None:
    md = meta(f"<html><head><title>Council approves plan - The Daily Bugle</title></head><body>{BODY}</body></html>")
    assert md.title == "Council approves plan"
    assert md.site_name == "The Daily Bugle"


def test_date_meta_timezone_kept() -> None:
    md = meta(f'<html><head><meta property="article:published_time" content="2019-11-19T13:03:00+08:00"></head><body>{BODY}</body></html>')
    assert md.published_at == "2019-11-19T13:03:00+08:00"


def test_date_json_ld() -> None:
    md = meta(
        '<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-03-04",'
        f'"author":{{"@type":"Person","name":"Jane Roe"}}}}</script></head><body>{BODY}</body></html>'
    )
    assert md.published_at == "2021-03-04"
    assert md.author == "Jane Roe"


def test_chinese_dateline_near_title_and_author_line_removed() -> None:
    html = (
        "<html><head><title>全县推进会召开_某某网</title></head><body>"
        "<div class='top'>今天是2030年1月1日</div><h1>全县推进会召开</h1>"
        "<div class='info'>发布时间：2024年12月6日 08:30 来源：县政府办 作者：张三</div>"
        f"<div class='article'>{BODY}<p>责任编辑：李四</p></div></body></html>"
    )
    blocks, md = clean_html(html)
    text = "\n".join(b.text for b in blocks)
    assert md.published_at == "2024-12-06T08:30:00"
    assert md.author == "张三"
    assert "作者" not in text and "发布时间" not in text and "责任编辑" not in text


def test_editor_credit_is_not_author() -> None:
    html = f"<html><head><title>消息_某网</title></head><body><h1>消息</h1><div class='c'>{BODY}<p>责任编辑：李四</p></div></body></html>"
    assert meta(html).author is None  # the only credit is the editor's


def test_reporter_in_parentheses() -> None:
    html = f"<html><body><div class='c'>{BODY}<p>推动工业高质量发展。（记者 胡晓蓉）</p></div></body></html>"
    assert meta(html).author == "胡晓蓉"


def test_canonical_and_copyright_site() -> None:
    html = (
        '<html><head><link rel="canonical" href="https://example.invalid/a/1.html"><title>标题</title></head>'
        f"<body><div class='c'>{BODY}</div><div class='bottom'>© 2024 三味园范文网 版权所有</div></body></html>"
    )
    md = meta(html)
    assert md.canonical_url == "https://example.invalid/a/1.html"
    assert md.site_name == "三味园范文网"


def test_date_helpers() -> None:
    assert date_from_text("发布：2005/3/21 11:21") == "2005-03-21T11:21:00"
    assert date_from_text("Posted November 19, 2019") == "2019-11-19"
    assert date_from_text("no date here") is None
    assert normalise_date("2024-12-06T00:37:14Z") == "2024-12-06T00:37:14+00:00"
    assert date_from_text("2024-02-30") is None


def test_title_split_variants() -> None:
    from docpipe.clean.metadata import _split_title

    assert _split_title("民间资本路在何方-搜狐财经") == ("民间资本路在何方", "搜狐财经")
    assert _split_title("日本无性婚姻问题严重(图)--雅虎新闻") == ("日本无性婚姻问题严重(图)", "雅虎新闻")
    assert _split_title("Wal-Mart profits rise - Reuters") == ("Wal-Mart profits rise", "Reuters")
    assert _split_title("述职报告怎么写 - 公文写作 - 某某论坛 - Powered by Discuz!")[0] == "述职报告怎么写"


def test_forum_footer_date_without_colon() -> None:
    html = f"<html><body><div class='c'>{BODY}<p>〓 网易娱乐 发布时间 2005/05/17 22:11:42 by 某网友</p></div></body></html>"
    assert meta(html).published_at == "2005-05-17T22:11:42"


def test_copyright_year_is_not_the_site() -> None:
    html = f"<html><body><div class='c'>{BODY}</div><div class='bottom'>Copyright © 2000-2006 版权所有</div></body></html>"
    assert meta(html).site_name is None  # the line names no site, only years


def test_government_site_meta_conventions() -> None:
    html = (
        '<html><head><title>关于印发方案的通知_某省人民政府</title><meta name="ArticleTitle" content="关于印发方案的通知">'
        '<meta name="PubDate" content="2024-05-06 10:00"><meta name="SiteName" content="某省人民政府"></head>'
        f"<body><div class='article'>{BODY}</div></body></html>"
    )
    md = meta(html)
    assert (md.title, md.published_at, md.site_name) == ("关于印发方案的通知", "2024-05-06T10:00:00", "某省人民政府")


def test_bylines_and_datelines() -> None:
    from docpipe.clean.metadata import is_byline

    for line in ("Published November 20th, 2019 - 07:29 GMT", "UPDATED: Tue., Nov. 19, 2019", "2005-03-21 11:21 来源：新浪财经 作者：尹娟"):
        assert is_byline(line), line
    for line in ("On November 20, 2019 the council voted to approve the plan.", "央广网北京2月13日消息 据中央广播电视总台中国之声《新闻和报纸摘要》报道，习近平签署命令"):
        assert not is_byline(line), line


def test_credits_written_around_the_name() -> None:
    from docpipe.clean.metadata import author_from_text

    assert author_from_text("本报记者罗科苏盈发自北京 23日下午，在会上") == "罗科苏盈"
    assert author_from_text("河南商报记者马俊峰/文 受访者供图") == "马俊峰"
    assert author_from_text("本贴由 大卫 于2005年8月12日16:12:21在论坛发表") == "大卫"
    assert author_from_text("文：眉间尺") == "眉间尺"
    assert author_from_text("原文：这是一段引文") is None
    assert author_from_text("责任编辑：魏喆") is None


# ---------------------------------------------------------------------------------------------
# rules added with the labelled sets (tests/fixtures/metadata): each with its own small page

EN_BODY = "<p>" + "The council met on Tuesday to discuss the budget and the new school plan. " * 8 + "</p>"


def test_date_from_url_path_when_page_prints_none() -> None:
    for url in ("http://news.example.cn/2024-12/06/c_123.htm", "http://example.com/20241206/n1.shtml",
                "https://example.com/2024/12/6/slug"):
        assert meta_url(f"<html><body><h1>某地召开会议</h1>{BODY}</body></html>", url).published_at == "2024-12-06", url
    # A month-only archive path gives no day.
    assert meta_url(f"<html><body>{BODY}</body></html>", "https://example.com/2024/12/slug").published_at is None


def meta_url(html: str, url: str):
    return clean_html(html, url)[1]


def test_chinese_datelines_near_title() -> None:
    page = "<html><head><title>某地召开会议_某网</title></head><body><h1>某地召开会议</h1><div>{line}</div>" + BODY + "</body></html>"
    assert meta(page.format(line="发布时间：2024-12-06 10:00")).published_at == "2024-12-06T10:00:00"
    md = meta(page.format(line="2024年12月06日 10:00 来源：新华网"))
    assert md.published_at == "2024-12-06T10:00:00"


def test_chinese_author_forms() -> None:
    page = "<html><head><title>某地召开会议_某网</title></head><body><h1>某地召开会议</h1><div>{line}</div>" + BODY + "</body></html>"
    md = meta(page.format(line="作者：张三 李四"))
    assert md.author is not None and "张三" in md.author and "李四" in md.author
    assert meta(page.format(line="记者 王五")).author == "王五"
    assert meta(page.format(line="文/赵六")).author == "赵六"
    lead = "<html><body><h1>某地召开会议</h1><p>本报讯（记者 孙七）" + "正文内容，讨论具体工作安排和落实措施。" * 10 + "</p></body></html>"
    assert meta(lead).author == "孙七"


def test_editor_credits_alone_give_no_author() -> None:
    for credit in ("责任编辑：李四", "编辑：王五", "（责任编辑：魏某）"):
        html = f"<html><body><h1>某地召开会议</h1>{BODY}<p>{credit}</p></body></html>"
        assert meta(html).author is None, credit


def test_dateline_bracket_name() -> None:
    html = f"<html><body><h1>某地召开会议</h1><div>2004年7月16日08:19 [ 黄某 ] 来源：[ 某报 ]</div>{BODY}</body></html>"
    assert meta(html).author == "黄某"


def test_government_issuer_is_the_author() -> None:
    html = (
        "<html><body><table><tr><td>发文机关：</td><td>某某省人民政府</td></tr>"
        f"<tr><td>成文日期：</td><td>2022年01月27日</td></tr></table><h1>某某省人民政府关于某事的通告</h1>{BODY}</body></html>"
    )
    assert meta(html).author == "某某省人民政府"


def test_english_byline_with_two_authors_and_by_on_its_own_line() -> None:
    page = "<html><head><title>Council approves plan - Daily</title></head><body><h1>Council approves plan</h1>{by}" + EN_BODY + "</body></html>"
    assert meta(page.format(by="<p>By Jane Doe and John Roe</p>")).author == "Jane Doe, John Roe"
    assert meta(page.format(by="<div><span>by</span><a href='/a/bd'>Bryan DeArdo</a></div>")).author == "Bryan DeArdo"
    assert meta(page.format(by="<p>BY TOM KRISHER, AP Auto Writer</p>")).author == "TOM KRISHER"
    # "by" inside a sentence is not a byline.
    assert meta(page.format(by="<p>The storm was named by Forecasters Office staff today.</p>")).author is None


def test_json_ld_person_authors_outrank_meta_publisher() -> None:
    html = (
        '<html><head><meta name="author" content="Big Publisher Group">'
        '<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Molly Roe"},'
        '{"@type":"Person","name":"Sam Poe, Example.com"}]}</script></head>'
        f"<body><h1>Banking news</h1>{EN_BODY}</body></html>"
    )
    assert meta(html).author == "Molly Roe, Sam Poe"


def test_byline_element_class() -> None:
    html = f'<html><body><h1>Banking news</h1><span class="byline">By Anna Menin</span>{EN_BODY}</body></html>'
    assert meta(html).author == "Anna Menin"


def test_utc_timestamp_yields_to_the_day_printed_under_the_headline() -> None:
    page = (
        '<html><head><meta property="article:published_time" content="2019-11-20T01:50:59Z"></head>'
        "<body><h1>Exec says glitches were demand</h1><p>By Meg James</p><p>{shown}</p>" + EN_BODY + "</body></html>"
    )
    assert meta(page.format(shown="Nov. 19, 2019 5:50 PM")).published_at == "2019-11-19"
    # The same day printed: the precise timestamp is kept.
    assert meta(page.format(shown="Nov. 20, 2019")).published_at == "2019-11-20T01:50:59+00:00"
    # A timestamp with a local offset already gives the local day.
    local = page.replace("01:50:59Z", "01:50:59+08:00").format(shown="Nov. 19, 2019")
    assert meta(local).published_at == "2019-11-20T01:50:59+08:00"


def test_time_element_text_and_datetime() -> None:
    html = (
        f'<html><body><h1>Wild beat Sabres</h1><time datetime="2019-11-19T20:59:46">November 19, 2019 at 8:59 pm</time>{EN_BODY}</body></html>'
    )
    assert meta(html).published_at == "2019-11-19T20:59:46"


def test_headline_confirmed_by_json_ld_over_seo_title() -> None:
    html = (
        "<html><head><title>Simple Hiking Survival Kit - The Blog</title>"
        '<meta property="og:title" content="Simple Hiking Survival Kit - The Blog">'
        '<script type="application/ld+json">{"@type":"BlogPosting","headline":"Hiking the Flat Irons"}</script></head>'
        f"<body><h1>Hiking the Flat Irons</h1>{EN_BODY}</body></html>"
    )
    assert meta(html).title == "Hiking the Flat Irons"


def test_curly_quoted_h1_confirmed_by_straight_quoted_og_title() -> None:
    html = (
        "<html><head><meta property=\"og:title\" content=\"'We had issues,' exec says\"><title>Other SEO title - Times</title></head>"
        f"<body><h1>\u2018We had issues,\u2019 exec says</h1>{EN_BODY}</body></html>"
    )
    assert meta(html).title == "\u2018We had issues,\u2019 exec says"


def test_h2_headline_when_h1_is_the_logo() -> None:
    html = f"<html><head><title>土豆不“土” 土豆无“土” 某江网</title></head><body><h1>某江网</h1><h2>土豆不“土” 土豆无“土”</h2>{BODY}</body></html>"
    assert meta(html).title == "土豆不“土” 土豆无“土”"


def test_whole_title_kept_when_printed_as_the_headline_line() -> None:
    page = "<html><head><title>{t}</title></head><body><div class='t'>{shown}</div><div>2022-02-13 20:04</div>" + BODY + "</body></html>"
    title = "书记市长这一周 | 奋马扬鞭争春色"
    assert meta(page.format(t=title, shown=title)).title == title
    # Printed without the part after the separator: the split title stands.
    assert meta(page.format(t=title, shown="书记市长这一周")).title == "书记市长这一周"


def test_title_cleanup_markup_private_use_and_page_suffix() -> None:
    md = meta(f'<html><head><meta name="ArticleTitle" content="凝聚强大力量<div>——热烈祝贺大会开幕</div>"></head><body>{BODY}</body></html>')
    assert md.title == "凝聚强大力量——热烈祝贺大会开幕"
    assert meta(f"<html><head><title>投身外交(3)\ue004_读书频道_某网</title></head><body>{BODY}</body></html>").title == "投身外交(3)"
    md = meta(f"<html><head><title>社会资本与再就业(页 1) - 学术前沿 - 某论坛</title></head><body>{BODY}</body></html>")
    assert md.title == "社会资本与再就业"


# ---------------------------------------------------------------------------------------------
# the labelled sets: floors a little below what was measured (see tests/fixtures/metadata)

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from docpipe import evaluate_metadata as em  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
LABELS = REPO / "tests" / "fixtures" / "metadata"


# Measured after the rules above (docpipe eval SET --metadata): scrapinghub_aeb title 1.000,
# date 0.975, author 1.000; cwced_zh title 0.950, date 0.971, author 0.920.
FLOORS = {"scrapinghub_aeb": (0.95, 0.925, 0.93), "cwced_zh": (0.90, 0.94, 0.88)}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_labelled_sets_meet_floors(name: str, shared_dir: Path) -> None:
    pages_dir = shared_dir / "eval" / name / "pages"
    pages = em.load_labelled(LABELS / f"{name}.jsonl", pages_dir)
    assert len(pages) == 40
    (r,) = em.score_predictors(pages, {}, ["docpipe"])
    t = r.tallies["all"]
    for field, floor in zip(("title", "date", "author"), FLOORS[name]):
        assert (t.ratio(field) or 0.0) >= floor, [m for m in em.misses(pages, r, "all", name) if f" {field} " in m]


def test_surname_check_on_bare_names_and_drafter_credit() -> None:
    tail = "<p>" + "正文内容，讨论具体工作安排和落实措施。" * 10 + "{end}</p>"
    page = "<html><body><h1>某地召开会议</h1>" + tail + "</body></html>"
    # A bare name in brackets closing the story is the author when it reads as a surnamed name...
    assert meta(page.format(end="（常某 马某某）")).author == "常某 马某某"
    # ...a channel word in brackets is not, nor a place-and-报道 tail.
    assert meta(page.format(end="（预测）")).author is None
    assert meta(page.format(end="（姚某 上海报道）")).author == "姚某"
    # A channel menu after the story: each "(X)" line follows another menu line, not a sentence.
    menu = f"<html><body><h1>某地召开会议</h1>{BODY}" + "".join(
        f"<div><a href='/{i}'>({w})</a></div>" for i, w in enumerate(("新闻", "房产", "财经"))
    ) + "</body></html>"
    assert meta(menu).author is None
    assert meta(page.format(end="</p><p>执笔人：闵某 赵某某 刘某")).author == "闵某 赵某某 刘某"
    # "[ 打印 ]" after a date on the next lines is a button, not a bracketed dateline name.
    assert meta(f"<html><body><h1>标题</h1><p>写于3月18日</p><p>[</p><p>打印</p><p>]</p>{BODY}</body></html>").author is None


def test_english_by_phrases_that_are_not_bylines() -> None:
    page = "<html><body><h1>Project views</h1>{x}" + EN_BODY + "</body></html>"
    for x in ("<p>Sort</p><p>by</p><p>Date</p>", "<p>By Chapter</p>", "<p>Design Schools By Location</p>",
              "<p>A Lie By Any Other Name</p>", "<p>By Boxes and Bubbles Ltd</p>"):
        assert meta(page.format(x=x)).author is None, x


def test_footer_date_on_a_short_page_past_the_first_3000_characters() -> None:
    long_body = "<p>" + "正文内容，讨论具体工作安排和落实措施。" * 200 + "</p>"
    html = f"<html><body><h1>标题</h1>{long_body}<p>本贴由 大卫 于2005年8月12日16:12:21在〖心灵〗发表</p></body></html>"
    assert meta(html).published_at == "2005-08-12T16:12:21"


def test_posted_dateline_without_year_checks_a_utc_timestamp() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2019-11-19T01:19:34Z"></head>'
        "<body><h1>South Dakota doubles down</h1><p>Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM</p>"
        f"{EN_BODY}</body></html>"
    )
    assert meta(html).published_at == "2019-11-18"


def test_trailing_label_and_organisation_json_ld_author() -> None:
    html = f"<html><body><h1>纯棉婚姻</h1><p>作者： 赵某 出自：某出版社</p>{BODY}</body></html>"
    assert meta(html).author == "赵某"
    ld = (
        '<html><head><script type="application/ld+json">{"@type":"Article","author":{"@type":"Organization",'
        f'"name":"维基媒体项目贡献者"}}}}</script></head><body><h1>条目</h1>{BODY}</body></html>'
    )
    assert meta(ld).author is None


# ---------------------------------------------------------------------------------------------
# Chinese bylines, 来源 and the site name (issue 12's failure patterns). Real pages: the cwced_zh
# subset in tests/fixtures/eval_subset (MIT, see its SOURCE.md); the byline strings below are
# the forms quoted in eval_labels/SOURCE.md.

from docpipe.clean.metadata import dateline_reporters, source_from_text  # noqa: E402

SUBSET_ZH = REPO / "tests" / "fixtures" / "eval_subset" / "cwced_zh" / "pages"


@pytest.mark.parametrize(
    ("page", "source"),
    [
        ("500b350d-d38d-4fb0-9e81-75e0c95e95a8", "巴彦淖尔日报"),  # 来源：巴彦淖尔日报
        ("b4c2eccd-f73b-4c8f-b70e-f0dbfeba0d72", "第一财经日报"),  # 来源: 第一财经日报 on biz.163.com
        ("f70d9c97-9d64-415e-a7e4-840c9258eaf5", "央广网"),
        ("9890f458-7af7-4e96-a507-6eb1b359d675", "云南日报"),
        ("05e98007-d810-4036-b154-2ef2fe68c2af", None),  # "来源：" inside markup (size="20"): no outlet
    ],
)
def test_source_name_is_kept_apart_from_the_author(page: str, source: str | None) -> None:
    md = clean_html((SUBSET_ZH / f"{page}.html").read_text(encoding="utf-8"), None)[1]
    assert md.source_name == source
    if source:
        assert md.author != source


def test_source_name_forms_without_a_label() -> None:
    # sina's byline template: time, then the media name
    assert source_from_text("http://www.sina.com.cn 2011年12月09日 16:41 果壳网 作者：Steed", "", "") == "果壳网"
    # sina.com.tw: provider before "(date)"
    assert source_from_text("特約院所 台灣醒報 (2012-01-11 16:58) 分享|", "", "") == "台灣醒報"
    # the lead's dateline, a bracketed lead, "据…报道"
    assert source_from_text("新华网北京12月9日电(记者罗某)我国第28次南极考察队", "", "") == "新华网"
    assert source_from_text("[世华财讯]北京市工商局通报", "", "") == "世华财讯"
    assert source_from_text("字号 据楚天金报1月12日报道，由于", "", "") == "楚天金报"
    # a label wins; picture credits and 转载 are not outlets
    assert source_from_text("来源：资料图 中国网1月17日讯", "", "") is None
    assert source_from_text("来源：转载文章 正文", "", "") is None
    assert source_from_text("2011-12-15 20:06 来源：新华社 12月15日", "", "") == "新华社"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("新华网北京12月9日电(记者罗某)我国", "罗某"),
        ("本报讯 （记者毛\ufffd磊）体坛", "毛\ufffd磊"),  # a name with a character lost on the page itself
        ("湖南日报12月15日讯(记者 柳某新 通讯员 彭某)24.77米", "柳某新 彭某"),
        ("中广网海口1月12日消息（记者朱某 通讯员王某）随着", "朱某 王某"),
        ("红网长沙1月17日讯（某某晚报滚动新闻记者 范某鼎）今日", "范某鼎"),
        ("【台灣醒報記者潘某羽台北報導】春節期間", "潘某羽"),
        ("◎ 記者林某謙/採訪報導 此篇文章", "林某謙"),
    ],
)
def test_dateline_reporters(text: str, names: str) -> None:
    assert dateline_reporters(text, anchored=True) == names or dateline_reporters(text) == names


def test_site_name_is_never_the_author() -> None:
    html = f'<html><head><meta name="author" content="网易"><title>李娜领衔体坛风云人物_网易新闻中心</title></head><body><h1>李娜领衔体坛风云人物</h1>{BODY}</body></html>'
    assert meta(html).author is None
    # a person or an English organisation that is also the site stays the author
    html = f'<html><head><meta name="author" content="Andrew King"><title>Fall trends - Andrew King</title></head><body>{BODY}</body></html>'
    assert meta(html).author == "Andrew King"


def test_photo_and_editor_credits_are_not_authors() -> None:
    html = (
        "<html><head><title>湘江长沙站跌破历史最低水位</title></head><body><h1>湘江长沙站跌破历史最低水位</h1>"
        "<p>本报记者 郭某亮 摄</p><p>湖南日报12月15日讯(记者 柳某新 通讯员 彭某)今天8时，湘江长沙站水位再创历史新低。</p>"
        f"{BODY}</body></html>"
    )
    assert meta(html).author == "柳某新 彭某"
    html = (
        '<html><head><meta name="author" content="田某伟"><title>持续治理年关欠薪</title></head><body><h1>持续治理年关欠薪</h1>'
        f"<p>作者：王某 来源：新华网 2011-12-09 19:55:00</p>{BODY}<p>责任编辑：田某伟</p></body></html>"
    )
    md = meta(html)
    assert (md.author, md.source_name) == ("王某", "新华网")


def test_site_suffix_of_the_title_is_cut_by_site_name_or_host() -> None:
    from docpipe.clean.metadata import strip_site_part

    # og:site_name names the suffix
    html = (
        '<html><head><meta property="og:site_name" content="EDN 电子技术设计">'
        f"<title>国产车规芯片量产-EDN 电子技术设计</title></head><body>{BODY}</body></html>"
    )
    assert meta(html).title == "国产车规芯片量产"
    # the host's brand names it (no site name stated)
    assert strip_site_part("Online Tuition and Financing | Liberty University", None, "https://www.liberty.edu/x/") == "Online Tuition and Financing"
    assert strip_site_part("Best free certificate courses | Alison", None, "https://alison.com/courses") == "Best free certificate courses"
    # a part that is not the site stays; a title is never cut to nothing
    assert strip_site_part("Budget passes | City Hall", None, "https://www.example-news.com/a") == "Budget passes | City Hall"
    assert strip_site_part("Alison", None, "https://alison.com/") == "Alison"


def test_english_byline_forms_and_author_page_links() -> None:
    # WCXB dev pages (CC-BY-4.0) print "Written by X" and link the writer's author page.
    BODY = "<p>" + "Security teams patch systems, review access and train staff every quarter. " * 8 + "</p>"  # noqa: N806
    page = f"<html><head><title>IT best practices</title></head><body><h1>IT best practices</h1><p>Written by John Crenshaw</p>{BODY}</body></html>"
    assert meta(page).author == "John Crenshaw"
    page = (
        "<html><head><title>IT best practices</title></head><body><h1>IT best practices</h1>"
        f'<div><span><a href="/authors/trevor-jackins">Trevor Jackins</a></span></div>{BODY}</body></html>'
    )
    assert meta(page).author == "Trevor Jackins"
    page = f"<html><head><title>IT best practices</title></head><body><h1>IT best practices</h1><p>Reviewed by Jane Doe</p>{BODY}</body></html>"
    assert meta(page).author is None


def test_closing_credit_at_the_end_of_the_story_not_of_the_page() -> None:
    from docpipe.clean.metadata import closing_credit

    # forms quoted in eval_labels/SOURCE.md and seen on portal pages
    assert closing_credit(["仍是美国国债的全球最大单一持有国。（高某） (本文来源：中国证券报)"]) == "高某"
    assert closing_credit(["进行校验并采取正确数据。”(王某 发自上海)"]) == "王某"
    assert closing_credit(["(李某 撰稿)"]) == "李某"
    assert closing_credit(["（姚某 上海报道）"]) == "姚某"
    assert closing_credit(["（预测）"]) is None
    # the story ends long before the page: comments and related links follow the credit
    tail = "".join(f"<li><a href='/r{i}'>相关新闻标题第{i}条，内容很长很长很长很长很长很长</a></li>" for i in range(120))
    page = (
        "<html><head><title>中国减持美国国债</title></head><body><h1>中国减持美国国债</h1>"
        f"{BODY}<p>这是中国在截至10月的7个月中第二次减持美国国债。（高某）</p><ul>{tail}</ul></body></html>"
    )
    assert meta(page).author == "高某"


def test_footer_copyright_date_never_beats_the_article_date() -> None:
    footer = "<div>Copyright © 2003-2012 某某网 版权所有 更新于 2012-01-05 京ICP备05012345号</div>"
    page = f"<html><head><title>某地召开会议</title></head><body><h1>某地召开会议</h1>{BODY}{footer}</body></html>"
    assert meta(page).published_at is None  # the footer's date is the site's, not the story's
    dated = f"<html><head><title>某地召开会议</title></head><body><h1>某地召开会议</h1><p>2011年12月9日</p>{BODY}{footer}</body></html>"
    assert meta(dated).published_at == "2011-12-09"


# ---------------------------------------------------------------------------------------------
# English authors on real pages (tests/fixtures/metadata/wcxb, WCXB tuning half, CC-BY-4.0)

WCXB_META = Path(__file__).resolve().parents[1] / "fixtures" / "metadata" / "wcxb"


def wcxb_page(page_id: str):
    """(page metadata, the benchmark's truth line) of a copied WCXB page."""
    truth = next(
        row for row in (json.loads(line) for line in (WCXB_META / "truth.jsonl").read_text(encoding="utf-8").splitlines())
        if row["id"] == page_id
    )
    html = gzip.decompress((WCXB_META / "pages" / f"{page_id}.html.gz").read_bytes()).decode("utf-8")
    return clean_html(html, truth["url"])[1], truth


@pytest.mark.parametrize(
    ("page_id", "author"),
    [
        ("0254", "Jim Donnelly"),  # the article's untyped JSON-LD author, not the Person reviewer
        ("0277", "Shivkumar M"),  # {"@id": ".../author/shivkumar/#author"} looked up in the graph
    ],
)
def test_json_ld_author_of_the_article_object_by_reference(page_id: str, author: str) -> None:
    md, truth = wcxb_page(page_id)
    assert md.author == author == truth["author"]


@pytest.mark.parametrize(
    ("page_id", "author"),
    [
        ("0127", "Lisa Pham"),  # post-hero__author, past "pullquote-testimonial__author" quotes
        ("0396", "BeauHD"),  # "Posted by BeauHD on Friday December 19, 2025 @08:00PM from the …"
        ("0508", "Laubrani"),  # <span itemprop=author>Laubrani (Laubrani)</span>, the thread's first post
        ("0533", "HOSTLAR"),  # <a class="username"> in a post's user block, which pruning drops
    ],
)
def test_byline_and_user_name_elements(page_id: str, author: str) -> None:
    md, truth = wcxb_page(page_id)
    assert md.author == author == truth["author"]


@pytest.mark.parametrize(
    ("page_id", "author"),
    [
        ("0562", "InsaneSnow45"),  # old.reddit: the poster only in the post's data-author attribute
        # the username element of an English thread whose first post quotes "2025年12月18日 GMT+8"
        ("0403", "beijingwalker"),
        ("0516", "paulb203"),  # a handle ending in three digits is a user name, not an id
        ("2827", "user447274"),
    ],
)
def test_forum_posters_stated_as_attributes_and_handles_with_digits(page_id: str, author: str) -> None:
    md, truth = wcxb_page(page_id)
    assert md.author == author == truth["author"]


@pytest.mark.parametrize(
    ("page_id", "author"),
    [
        ("0431", "Matias Heikkilä"),  # <h2>Article by</h2><div>Matias Heikkilä</div> closing the post
        ("0447", "Trond Teigen"),  # "2025-12-17\n·\nTrond Teigen": the dateline's parts on lines of their own
        ("2381", "Danielle Padula"),  # "This post was written by Danielle Padula, Head of Marketing …"
        ("0327", "Daniel Burstein"),  # <span class="author">Daniel Burstein, Senior Director, Content & …</span>
        ("0459", "ibby"),  # "12/19 — 2025\nby ibby" under the headline
        ("0097", "Krystyna"),  # no byline printed; dataLayer {"pagePostAuthor":"Krystyna"}
        # an English dateline byline beats the stated author: "by Aoife O'Riordan Oct 22, 2025"
        # over the meta author "KatieS", "by Meaghan Weeden ● December 23, 2025" over "One Tree Planted"
        ("0331", "Aoife O'Riordan"),
        ("4614", "Meaghan Weeden"),
        # a meta author listing people by comma is the authors (not a keyword list, which it rejects)
        ("0423", "Artur Ekert, Timothy Hosgood, Alastair Kay, Chiara Macchiavello"),
        ("4472", "Harry Rabinowitz"),  # cXenseParse:author over the meta author "shopwithselect"
    ],
)
def test_english_bylines_in_other_words_and_places(page_id: str, author: str) -> None:
    md, truth = wcxb_page(page_id)
    assert md.author == author == truth["author"]


def test_a_byline_naming_the_site_is_the_last_resort() -> None:
    # <a rel="author">whova</a> on whova.com's blog: the site's own account, the page's only
    # credit, is its author (SITE_CREDIT_LAST; the WCXB truth credits "whova").
    md, truth = wcxb_page("0051")
    assert md.site_name == "Whova"
    assert byline_element_name("whova", name_element=True) == "whova"
    assert md.author == truth["author"] == "whova"
    # "Posted by IndustrySelect on Tuesday, August 29, 2023" on industryselect.com.
    md, truth = wcxb_page("0052")
    assert md.author == truth["author"] == "IndustrySelect"
    # A personal site named after its author keeps its author.
    assert not is_site_name("Pierce Freeman", "Pierce Freeman", "https://pierce.dev/notes/x")
    assert is_site_name("HomeAdvisor", None, "https://www.homeadvisor.com/cost/x")


@pytest.mark.parametrize(
    ("page_id", "author"),
    [
        # <p class="authorName">Podium Staff</p>: the company blog's house credit (STAFF_CREDIT)
        ("0219", "Podium Staff"),
        # no byline; the personal site's name is its author's (PERSONAL_SITE_AUTHOR):
        # "Go ahead, self-host Postgres | Pierce Freeman" on pierce.dev, og:site_name on pollybarks.com
        ("0436", "Pierce Freeman"),
        ("4610", "Polly Barks"),
    ],
)
def test_staff_credits_and_personal_sites(page_id: str, author: str) -> None:
    md, truth = wcxb_page(page_id)
    assert md.author is not None and md.author.startswith(author) and truth["author"] == author
    from docpipe.clean.metadata import personal_site_name

    # an organisation named like a person is no personal site; nor a host not named after the name
    assert not personal_site_name("Liberty University", "https://www.liberty.edu/online/")
    assert not personal_site_name("Polly Barks", "https://www.example.com/blog/x")


def test_an_organization_author_gives_way_to_the_printed_author() -> None:
    # JSON-LD "author": {"@type": "Organization", "name": "Levitate Media"}; the page prints
    # "Insights from" / "Liza Burke" / "Marketing Director" under the headline.
    md, truth = wcxb_page("1974")
    assert md.author == truth["author"] == "Liza Burke"


def test_a_json_ld_author_string_is_no_organization() -> None:
    # "author": "Rick Steves" (a plain string) in the NewsArticle's JSON-LD on WCXB tuning page
    # 0070: the page's author as the head gives it, not kept aside as a site credit the way an
    # Organization is (JSON_LD_NON_PERSON_AUTHOR_LAST; the truth credits Rick Steves).
    from docpipe.clean.html import parse_html
    from docpipe.clean.metadata import extract_metadata

    truth = next(
        row for row in (json.loads(line) for line in (WCXB_META / "truth.jsonl").read_text(encoding="utf-8").splitlines())
        if row["id"] == "0070"
    )
    html = gzip.decompress((WCXB_META / "pages" / "0070.html.gz").read_bytes()).decode("utf-8")
    info = extract_metadata(parse_html(html), truth["url"])
    assert info.metadata.author == truth["author"] == "Rick Steves"
    assert info.site_credit is None
    assert clean_html(html, truth["url"])[1].author == "Rick Steves"


@pytest.mark.parametrize(
    ("page_id", "day"),
    [
        ("0016", "2025-11-14"),  # byline "Chirag Bhardwaj VP - Technology November 14, 2025"; meta says 2024-09-06
        ("0545", "2024-03-05"),  # "By Payam Montie March 5, 2024 in …"; the page's machine date is 2024-03-10
        ("0039", "2024-10-15"),  # "Updated on June 18, 2025 at 12:35 PM" is passed over: the stated date stays
        ("0538", "2024-02-24"),  # "Joined: Mon Jul 24, 2017" of the poster is passed over
        # "#1 · Mar 21, 2025" printed in UTC for 2025-03-20T20:05:01-04:00: one instant, the local day stays
        ("0534", "2025-03-20"),
        ("4105", "2018-11-15"),  # "Also see\nGuidance\nPublish date\n17 Jan 2019" under the headline: another item's
        ("0343", "2025-08-13"),  # <time pubdate datetime="2025-08-13"> over article:published_time 2025-08-08
        # "Written By:\nCatherine Boeckmann\nExecutive Digital Editor and Master Gardener\nDecember 17,
        # 2025" ends 210 characters after the headline (PRINTED_DATE_CHARS); JSON-LD says 2024-04-05
        ("0214", "2025-12-17"),
    ],
)
def test_the_dateline_under_the_headline_beats_a_stated_date_unless_it_is_an_update(page_id: str, day: str) -> None:
    md, truth = wcxb_page(page_id)
    assert md.published_at is not None and md.published_at[:10] == day == truth["date"][:10]


# ---------------------------------------------------------------------------------------------
# Chinese authors on real pages (tests/fixtures/metadata/daniel_zh, daniel_zh tuning half, GPL-3.0)

DANIEL_META = Path(__file__).resolve().parents[1] / "fixtures" / "metadata" / "daniel_zh" / "pages"


@pytest.mark.parametrize(
    ("prefix", "author"),
    [
        ("20111209_www.cs.com.cn_", "王攀"),  # printed 作者：王攀; meta author 田鸿伟 filed the page
        ("20120117_www.ttv.com.tw_6b", "蔡崇梧"),  # three-line headline, then "2012/1/17 蔡崇梧 報導"
        ("20120117_www.ttv.com.tw_cb", None),  # no reporter line; "記者:劉宜函" is a sidebar item
        ("20111215_sports.xinmin.cn_", "廖宇杰"),  # photo item credited "新华社记者廖宇杰摄" only
        ("20111215_ent.xinmin.cn_177", "万象"),  # photo item credited "新华社发（万象 摄）" only
        ("20111215_ent.xinmin.cn_1cd", None),  # photo item credited "新华社发" without a name
        ("20120112_news-hzrb.", None),  # "作者：" left empty before "编辑：": 编辑 is no name
        ("20120112_www.chinadaily.com.cn_a6404cb4", "信莲"),  # "（来源：中国日报网 信莲 编辑：北风）"
        # the story's first line "彭瑜 賀懷湘文/圖" (賀: a surname in traditional characters), not the
        # "作者：韓瑜" of a book widget at the end of the page
        ("20120117_news.sina.com.tw_a5daf201", "彭瑜 賀懷湘"),
        # "(李敏摄)" closing a caption is a photo credit, not a writer "李敏摄"; no writer is credited,
        # so the page's first photo credit "(李守铭摄)" stands, as on photo items
        ("20120112_www.iask.ca_6460acca", "李守铭"),
        # "成都商报 (微博) 记者 余文龙 实习生 向英子": the intern's role word is not part of the names
        ("20120112_go.rss.sina.com.cn_68ce56de", "余文龙 向英子"),
        # "作者：见习编辑 李琼皙": the job title in the 作者 slot is not part of the name
        ("20120117_house.hexun.com_1ebd10e9", "李琼皙"),
    ],
)
def test_chinese_bylines_on_real_pages(prefix: str, author: str | None) -> None:
    path = next(DANIEL_META.glob(f"{prefix}*.html.gz"))
    md = clean_html(gzip.decompress(path.read_bytes()).decode("utf-8"), None)[1]
    assert md.author == author


@pytest.mark.parametrize(
    "page_id",
    [
        "2871",  # <h1>Models<a class="headerlink">¶</a></h1> under <title>Models | Django documentation</title>
        "2923",  # og:title "Sofas & Couches | Living Room Furniture & Living Room Furniture Sets"
        "0589",  # og:title "Black Edition | Meal Replacement Protein Powder"
    ],
)
def test_english_titles_without_permalink_glyph_or_tagline(page_id: str) -> None:
    md, truth = wcxb_page(page_id)
    assert md.title == truth["title"]


def test_a_site_prefix_the_page_does_not_print_is_cut_from_the_title() -> None:
    path = next(DANIEL_META.glob("20120112_www.chinareviewnews.com_8274e9cc*.html.gz"))
    md = clean_html(gzip.decompress(path.read_bytes()).decode("utf-8"), None)[1]
    # <title>中國評論新聞：“看病送火車票”　折射春運之殤</title>; the page prints the headline alone.
    assert md.title is not None and md.title.replace("\u3000", " ") == "“看病送火車票” 折射春運之殤"


@pytest.mark.parametrize(
    ("prefix", "source_name"),
    [
        ("20120117_tech.sina.com.cn_4b3e1627", "IT168.com"),  # "2012年01月17日 18:45 IT168.com 微博"
        # The 来源 slot is empty and followed by "作者:": no outlet is read from it; the lead's
        # opening "（明报多伦多）" names the outlet and the city.
        ("20120112_www.iask.ca_6460acca", "明报"),
        ("20120117_www.uho.com.tw_193667c6", "公視新聞"),  # the credit line "◎ 公視新聞" names only an outlet
        # "2012-01-11 09:06:00千龙网" in the byline slot is the site itself; the story closes
        # "编辑：米兰 来源：中国新闻网"
        ("20120112_finance.qianlong.com_c4af251c", "中国新闻网"),
    ],
)
def test_source_name_in_the_byline_slot(prefix: str, source_name: str | None) -> None:
    path = next(DANIEL_META.glob(f"{prefix}*.html.gz"))
    md = clean_html(gzip.decompress(path.read_bytes()).decode("utf-8"), None)[1]
    assert md.source_name == source_name


@pytest.mark.parametrize(
    ("page_id", "title"),
    [
        ("0679", "Fields"),  # "Fields - Pydantic Validation", <h1>Fields</h1>: the longer part is the site
        ("2855", "<table>: The Table element"),  # a lone "<table>" in <title> is the element's name
        # "Reddit - The heart of the internet" on a thread: the site and its tagline, the <h1> is the thread's
        ("0563", "Enameled Cast Iron Pan and Metal"),
        # <h1>Home Repair Assis&shy;tance Program</h1>: without its soft hyphen the <title> confirms it
        ("4554", "Home Repair Assistance Program"),
    ],
)
def test_short_printed_title_part_and_element_names_in_titles(page_id: str, title: str) -> None:
    md, truth = wcxb_page(page_id)
    assert md.title == title == truth["title"]


@pytest.mark.parametrize(
    ("page_id", "day"),
    [
        ("0244", "2025-07-17"),  # <meta name="published" content="July 17, 2025">
        ("0309", "2025-07-23"),  # "Elliot Raba 23.07.2025 · 5 min read": dotted, day first
        ("0494", "2025-12-15"),  # /articles/2025-12-15+Rust+GCC+backend…: the URL's day
        ("4087", "2024-07-03"),  # <meta content='2024-07-03 07:57:13 -0700' itemprop='dateCreated'>
    ],
)
def test_dates_from_published_meta_dotted_dates_url_slugs_and_date_created(page_id: str, day: str) -> None:
    md, truth = wcxb_page(page_id)
    assert md.published_at is not None and md.published_at[:10] == day == truth["date"][:10]


def test_a_question_s_author_is_the_asker_named_in_its_microdata_card() -> None:
    # The editor's card (no itemprop) comes first, and each comment's author is itemprop=author
    # too; the asker's card prints reputation and badge counts beside the name.
    md, truth = wcxb_page("0172")
    assert md.author == "KumikoGoingCrAzY" == truth["author"]


# The page text metadata completion reads: its first and last few thousand characters, read
# from the two ends of the tree without listing every string (issue 13); the lines must be
# those of the whole list of strings. Real pages: a long forum thread (0533), a long article
# (0016), a short documentation page (0679) and a short Chinese page (cwced_zh 36efbc69, tests/
# fixtures/metadata/pages), where head and tail meet.
@pytest.mark.parametrize("page", ["wcxb/0533", "wcxb/0016", "wcxb/0679", "cwced/36efbc69-53dd-4d58-9e67-0353e2a1a7ec"])
def test_head_and_tail_lines_read_from_the_two_ends_of_the_tree(page: str) -> None:
    from docpipe.clean import metadata as metadata_module
    from docpipe.clean.html.parse import parse_html

    kind, page_id = page.split("/")
    if kind == "wcxb":
        html = gzip.decompress((WCXB_META / "pages" / f"{page_id}.html.gz").read_bytes()).decode("utf-8")
    else:
        html = (WCXB_META.parent / "pages" / f"{page_id}.html").read_text(encoding="utf-8")
    root = parse_html(html)
    assert root is not None
    for el in [root, root.find("body"), *list(root.iter("div"))[:40]]:
        strings = [s for s in el.itertext() if not s.isspace()]
        assert [s for _, s in metadata_module.strings_from_start(el)] == strings
        assert metadata_module.last_strings(el, 60) == strings[-60:]
        lines = [" ".join(s.split()) for s in strings]
        head, tail = metadata_module._head_tail_lines(el)
        assert head == lines[: len(head)]
        if head is tail:
            assert head == lines  # the whole text is shorter than the head
            continue
        assert sum(map(len, head)) >= 6000
        # the tail: the last lines after the head holding 2500 characters (all of them when fewer)
        expected: list[str] = []
        for line in reversed(lines[len(head):]):
            expected.insert(0, line)
            if sum(map(len, expected)) >= 2500:
                break
        assert tail == expected


@pytest.mark.parametrize(
    ("page_id", "author"),
    [
        ("0379", "Niko Matsakis"),  # "Dec. 19, 2025 · Niko Matsakis on behalf of the Rust Vision Doc group"
        ("0222", "John Crenshaw"),  # "Written by John Crenshaw" above the bio at the article's end
    ],
)
def test_english_name_after_the_dateline_date_and_closing_written_by(page_id: str, author: str) -> None:
    md, truth = wcxb_page(page_id)
    assert md.author == author == truth["author"]
    from docpipe.clean.metadata import dateline_name_en

    assert dateline_name_en("2025-12-17 · Trond Teigen\nThe pilot has landed") == "Trond Teigen"
    assert dateline_name_en("Dec. 19, 2025 · 5 min read") is None  # not a name
    assert dateline_name_en("Dec. 19, 2025 · News") is None  # one word: a section


@pytest.mark.parametrize(
    ("page_id", "title"),
    [
        ("0181", "Machine Learning Recruiters and Executive Search"),  # <title> "Machine Learning Recruiters - Redfish …"
        ("0320", "Plumbing Maintenance Tips: 11 Best Practices & Upgrades to Prevent Issues"),
        # "… laptop, and k | Oakywood.shop": a <title> cut mid-word
        ("4524", "Ergonomic desk step by step: how to set up your monitor, laptop, and keyboard (checklist)"),
        ("4563", "Pros and Cons of Tiny House Living: Why Live in a Tiny House?"),
        # but not an <h1> that only adds a tagline or other elements:
        ("0097", "15 Language Learning Apps Compared"),  # <h1> "… Compared - Personally Tested": a tagline after a dash
        ("0589", "Black Edition"),  # <h1> "Black EditionComplete high-protein powder meal": another element glued on
        # <h1> "… No Longer Guarantee Jobs (latimes.com) 87": the source and a count after the headline
        ("0396", "Stanford Computer Science Grads Find Their Degrees No Longer Guarantee Jobs"),
    ],
)
def test_a_title_cut_short_of_the_printed_h1_is_the_h1(page_id: str, title: str) -> None:
    md, truth = wcxb_page(page_id)
    assert md.title == title == truth["title"]


def test_a_link_to_the_author_s_listing_by_query_is_a_byline() -> None:
    # "<h6>Author(s)</h6><ul><li><a href="/library/?_author=John%20A.%20Alic">John A. Alic</a>…"
    md, truth = wcxb_page("4519")
    assert md.author == "John A. Alic"
    assert truth["author"].startswith("John A. Alic")


def test_json_ld_carried_in_a_meta_tag() -> None:
    # <meta name="script:ld+json" content="{&quot;@type&quot;:&quot;Article&quot;, … datePublished …}">
    md, truth = wcxb_page("4053")
    assert md.published_at is not None and md.published_at[:10] == "2025-11-17" == truth["date"][:10]
    assert md.title == "Full EV Cars: 2025 Guide to Fully Electric Vehicles" == truth["title"]


def test_a_bare_name_under_the_headline_is_the_writer() -> None:
    # cwced_zh tuning 5dc3fa2d (tests/fixtures/metadata/pages): "犬儒病(上)" / "胡平" / "——当代中国的
    # 精神危机 (上)"; the page states no other credit (truth author 胡平).
    html = (LABELS / "pages" / "5dc3fa2d-6734-41e9-8520-a9c7c91ae1f8.html").read_text(encoding="utf-8")
    assert clean_html(html, None)[1].author == "胡平"
    from docpipe.clean.metadata import lead_name

    # the content's first two blocks only; an organisation or a role word is no name
    assert lead_name(["犬儒病(上)", "胡平"]) == "胡平"
    assert lead_name(["标题", "正文第一段", "胡平"]) is None
    assert lead_name(["标题", "新华社"]) is None
    assert lead_name(["标题", "编辑"]) is None


def test_a_long_first_post_s_labelled_date_beats_the_last_reply_s() -> None:
    # cwced_zh tuning d519ec93 (tests/fixtures/metadata/pages): the thread's first post closes
    # "发布时间 2005/03/15 22:36:13 by duscha" past the first 5000 characters of the text; the
    # page's last lines date the last reply 2005/08/30 (truth date 2005-03-15 22:36:13).
    html = (LABELS / "pages" / "d519ec93-d4ea-492e-af93-d782d587dabe.html").read_text(encoding="utf-8")
    published = clean_html(html, None)[1].published_at
    assert published is not None and published[:10] == "2005-03-15"


def test_the_title_part_printed_over_a_byline_is_the_headline() -> None:
    # cwced_zh tuning d02c66a2 (tests/fixtures/eval_subset): <title> "Joel on Software - 给计算机系
    # 学生的建议" (the site's name leads, as long as half the headline); the page prints
    # "给计算机系学生的建议" over "作者： 周思博 (Joel Spolsky)" and "2005年1月2日" (the label's title).
    md = clean_html((SUBSET_ZH / "d02c66a2-2288-4641-a70e-01c908dcc6e6.html").read_text(encoding="utf-8"), None)[1]
    assert md.title == "给计算机系学生的建议"
    # a headline printed on two lines ("主标题" / "——副标题") stays whole (cwced_zh tuning 500b350d)
    md = clean_html((SUBSET_ZH / "500b350d-d38d-4fb0-9e81-75e0c95e95a8.html").read_text(encoding="utf-8"), None)[1]
    assert md.title == "为现代化巴彦淖尔建设凝聚强大智慧和力量——热烈祝贺市政协五届一次会议开幕"


def test_a_json_ld_value_written_with_html_entities_is_decoded() -> None:
    # WCXB tuning page 0009: the Yoast graph's Person is "name": "Maria &amp; Katerina"; the page's
    # author is "Maria & Katerina" (the entity is the plugin's escaping, not the name).
    md, truth = wcxb_page("0009")
    assert md.author == truth["author"] == "Maria & Katerina"
