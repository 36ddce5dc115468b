from __future__ import annotations

from docpipe.clean.html import clean_html
from docpipe.clean.metadata import date_from_text, normalise_date


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
    assert meta(html).author != "李四"


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
    assert meta(html).site_name != "2006"


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
