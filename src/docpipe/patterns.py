"""Heuristics as named, compiled constants — each with the case that motivated it.

Everything docpipe "knows" about page chrome, dates, outline markers and document types lives
here, so a change to a heuristic is a change to one constant, reviewed with its reason.
Sections: fetch/encoding · text boilerplate · HTML main content · metadata · structure.
No rule here may be keyed to one site or page: patterns describe conventions shared by many.
"""

from __future__ import annotations

import re

# =============================================================================================
# fetch / encoding

# GB2312 and GBK are subsets of GB18030; decoding with the superset never loses characters
# that a page labelled "gb2312" actually uses (real pages routinely exceed the label).
ENCODING_ALIASES: dict[str, str] = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "gb_2312-80": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "gb18030",
    "big5": "big5hkscs",
    "iso-8859-1": "cp1252",  # browsers treat latin-1 as windows-1252 (WHATWG encoding spec)
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
}

# <meta charset="gbk"> or <meta http-equiv="Content-Type" content="text/html; charset=gbk">,
# looked for in the first 4 KB of bytes only (the HTML spec's prescan window is 1024).
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.I)
HTTP_CHARSET = re.compile(r"""charset\s*=\s*["']?([a-zA-Z0-9_:.\-]+)""", re.I)

# Bytes that never occur in text: NUL and most C0 controls. A body with many is binary.
BINARY_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
BINARY_CONTROL_RATIO = 0.05
# Magic numbers of common binary formats served under a text name (.html) or type.
BINARY_MAGIC: tuple[bytes, ...] = (
    b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"BZh",
    b"\x7fELF", b"MZ", b"Rar!", b"7z\xbc\xaf", b"\xd0\xcf\x11\xe0", b"OggS", b"ID3", b"RIFF",
)

# =============================================================================================
# text boilerplate (plain-text scrapes such as the seed: chrome kept as lines around the body)

# A banner line: "<site name> 导航" / "首页 > 栏目 > 正文" breadcrumbs.
TEXT_NAV_LINE = re.compile(r"^\s*(\S{2,30}?)\s*(导航|首页\s*[>›»/].*|网站导航|当前位置[:：].*)\s*$")
# A site-name + timestamp line under the title: "三味园范文网 2024-12-06 00:37:14".
TEXT_SITE_DATE_LINE = re.compile(
    r"^\s*(?:(?P<site>[^\s\d]{2,30}?)\s+)?(?:发布(?:时间|日期)[:：]\s*)?"
    r"(?P<date>(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)"
    r"(?:\s+(?:来源|作者)[:：]\s*\S+)*\s*$"
)
# The share notice 范文 sites append: "《TITLE》,由互联网用户分享整理。" (the opening 《 may be
# lost in scraping, leaving "TITLE 》,由互联网用户分享整理。").
TEXT_SHARE_NOTICE = re.compile(r"由互联网用户分享整理|本文(?:由|来源于)网友|转载请(?:保留|注明)|版权归原作者")
# "链接地址:http://…" — the page's own URL, kept as metadata.
TEXT_LINK_LINE = re.compile(r"(?:链接地址|原文(?:链接|地址)|本文(?:链接|地址)|文章地址)\s*[:：]\s*(?P<url>https?://\S+?)(?=\s|$|转载)")
# Headers of link lists after the body: everything from here to the end is chrome.
TEXT_TAIL_HEADER = re.compile(
    r"^\s*(相关(?:文章|阅读|推荐|范文|内容|链接)|推荐(?:文章|阅读|范文)|热门(?:文章|推荐|范文)|"
    r"猜你喜欢|延伸阅读|更多(?:相关|精彩|范文)|上一篇|下一篇|友情链接|Related (?:posts|articles)|"
    r"You may also like)\s*[:：]?.*$",
    re.I,
)
TEXT_COPYRIGHT_LINE = re.compile(r"^\s*(?:©|\(c\)|copyright\b|版权所有|Copyright ©)", re.I)
TEXT_FRIEND_LINKS = re.compile(r"^\s*友情链接\s*[:：]?")

# Noise inside lines (clean/noise.py), for text and HTML alike.
# Discuz anti-copy "jammer": runs of ≥ 3 space-separated 1-3 char ASCII tokens glued to a line,
# e.g. "加强学习) L. c9 R- ~' O6 L3 u". The hint is a cheap pre-filter; NOISE_JAMMER finds the
# run (starting after CJK text or punctuation) and clean/noise.py checks it mixes letters with
# digits/punctuation, so "A B C" in prose is not touched.
NOISE_JAMMER_HINT = re.compile(r"[!-~]{1,3} [!-~]{1,3} [!-~]{1,3}")
NOISE_JAMMER = re.compile(
    r"(?:(?<=[\u3400-\u9fff，。！？：；、”）])|^)[ \t]*(?:[!-~]{1,3}[ \t]+){2,}[!-~]{1,3}(?=[ \t]*(?:[\u3400-\u9fff“（]|$))"
)
# Pinyin glosses after a character: "長(zhǎng)", "行（háng）", "重(chong2)". A tone mark or tone
# digit is required so "方案(a)" or "美元(USD)" stay.
NOISE_PINYIN = re.compile(
    r"(?P<char>[\u3400-\u9fff])[(（](?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]|[a-zü]{1,6}[1-5][)）])"
    r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[1-5]?[)）]"
)
# Page counters and chunk numbers of document-sharing sites, alone on a line: "第 3 页 共 12 页",
# "共12页", "- 3 -", "3/12", "Page 3 of 12", a bare "3".
NOISE_PAGE_COUNTER = re.compile(
    r"^\s*(?:第\s*\d{1,4}\s*页\s*(?:[,，/、]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页|[-—–]\s*\d{1,4}\s*[-—–]|"
    r"\d{1,4}\s*/\s*\d{1,4}|page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|\d{1,4})\s*$",
    re.I,
)

# Noise inside lines (clean/noise.py), for text and HTML alike.
# Discuz anti-copy "jammer": runs of ≥ 3 space-separated 1-3 char ASCII tokens glued to a line,
# e.g. "加强学习) L. c9 R- ~' O6 L3 u". The hint is a cheap pre-filter; NOISE_JAMMER finds the
# run (starting after CJK text or punctuation) and clean/noise.py checks it mixes letters with
# digits/punctuation, so "A B C" in prose is not touched.
NOISE_JAMMER_HINT = re.compile(r"[!-~]{1,3} [!-~]{1,3} [!-~]{1,3}")
NOISE_JAMMER = re.compile(
    r"(?:(?<=[\u3400-\u9fff，。！？：；、”）])|^)[ \t]*(?:[!-~]{1,3}[ \t]+){2,}[!-~]{1,3}(?=[ \t]*(?:[\u3400-\u9fff“（]|$))"
)
# Pinyin glosses after a character: "長(zhǎng)", "行（háng）", "重(chong2)". A tone mark or tone
# digit is required so "方案(a)" or "美元(USD)" stay.
NOISE_PINYIN = re.compile(
    r"(?P<char>[\u3400-\u9fff])[(（](?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]|[a-zü]{1,6}[1-5][)）])"
    r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[1-5]?[)）]"
)
# Page counters and chunk numbers of document-sharing sites, alone on a line: "第 3 页 共 12 页",
# "共12页", "- 3 -", "3/12", "Page 3 of 12", a bare "3".
NOISE_PAGE_COUNTER = re.compile(
    r"^\s*(?:第\s*\d{1,4}\s*页\s*(?:[,，/、]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页|[-—–]\s*\d{1,4}\s*[-—–]|"
    r"\d{1,4}\s*/\s*\d{1,4}|page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|\d{1,4})\s*$",
    re.I,
)

# =============================================================================================
# HTML main content  (owned by clean/html.py)

# Elements whose content is never body text: code, styling, embedded objects, form controls.
HTML_JUNK_TAGS: tuple[str, ...] = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "frame", "frameset",
    "object", "embed", "applet", "canvas", "video", "audio", "map", "input", "select",
    "textarea", "button", "option", "datalist", "dialog", "link", "meta", "title",
)
# Inline display is hidden: style="display:none" / "visibility:hidden" (collapsed menus,
# SEO keyword stuffing, templates for JS).
HTML_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# class/id tokens of page chrome. Matched against whole tokens of class/id split on space,
# '-' and '_' (so "nav" hits "main-nav" but not "canvas"). Chinese portals use pinyin and
# English-ish ids alike (xgyd = 相关阅读, tj = 推荐, bq = 版权 are too short to be safe and
# are not listed; their boxes are caught by HTML_BOILER_HEADER and link density instead).
HTML_BOILER_TOKEN = re.compile(
    r"^(?:nav|navbar|navigation|menu|menus|submenu|topbar|footer|sidebar|rightbar|leftbar|"
    r"comment|comments|commentlist|share|sharing|social|bshare|jiathis|related|relate|"
    r"recommend|recommended|breadcrumb|breadcrumbs|crumb|crumbs|copyright|banner|ad|ads|adv|"
    r"advert|adverts|advertisement|sponsor|sponsored|promo|popup|modal|cookie|cookies|"
    r"newsletter|subscribe|login|signup|register|toolbar|tagcloud|widget|widgets|pagination|"
    r"pager|paging|masthead|signature|sign|sig|userinfo|profile|avatar|postauthor|friendlink|"
    r"outbrain|taboola|disqus|skip|rss)$",
    re.I,
)
# Weaker chrome tokens: a layout column ("left-side") or a header may hold the article, so
# these only lower a container's score and prune small or link-heavy parts inside the body.
HTML_WEAK_BOILER_TOKEN = re.compile(
    r"^(?:side|aside|foot|ft|header|reply|replies|tags|tag|byline|author|meta|rank|links|"
    r"print|tools|hidden|hide|caption|credit|dateline|timestamp|keywords|feedback|logo|"
    r"search|more|hot|extra|info|date|time|source)$",
    re.I,
)
# Tokens that mark the body container itself; they outweigh a chrome token on the same
# element ("article-header" loses, "post-content" wins).
HTML_CONTENT_TOKEN = re.compile(
    r"^(?:article|articles|content|contents|entry|post|body|text|story|main|detail|details|"
    r"news|blog|zw|zhengwen|txt|con|cont|artibody|article_content|postbody|postmessage|"
    r"message|t_f|read|doc|document|page|paper|column)$",
    re.I,
)
# The class/id splitter: "main-nav_bar top" -> main, nav, bar, top.
HTML_TOKEN_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")
# Headers of link boxes (the box is dropped when it is also link-heavy): 相关文章, 推荐阅读,
# 热门排行, 版权声明 … — the HTML twins of TEXT_TAIL_HEADER, as seen on Chinese portals.
HTML_BOILER_HEADER = re.compile(
    r"^\s*(?:相关|推荐|热门|热点|猜你喜欢|延伸阅读|更多|精彩|最新|上一篇|下一篇|友情链接|版权|"
    r"免责|声明|评论|网友评论|发表评论|我要评论|分享到|分享|打印|关闭|收藏|返回|"
    r"related|recommended|more from|read more|you may also|popular|trending|most read|"
    r"share|comments?|leave a reply|advertisement|sponsored|newsletter|sign up|subscribe|"
    r"copyright|©)",
    re.I,
)
# Short lines inside the content that are chrome: font-size switches, print/close links,
# editor credits, share prompts, "上一篇/下一篇", "(完)" is kept (it is body text).
HTML_CHROME_LINE = re.compile(
    r"^\s*(?:【?\s*(?:字体|字号)\s*[:：]?\s*[大中小\s]+】?|【?打印(?:本页|此文)?】?|【?关闭(?:窗口)?】?|"
    r"(?:责任编辑|编辑|责编|审核|校对|值班编辑|图片编辑|美编)\s*[:：]|分享到[:：]?|上一篇|下一篇|"
    r"返回(?:顶部|首页|列表)|点击(?:次数|数|量)?[:：]|浏览(?:次数)?[:：]|阅读(?:次数|数)?[:：]\s*\d|"
    r"(?:本文)?标签[:：]|关键词[:：]|tags?\s*:|share (?:this|on)|print this|email this|"
    r"(?:posted|filed) (?:in|under)\b|advertisement$|sponsored$|related:|read more\b|"
    r"click here\b|all rights reserved|©|copyright\b|版权所有|skip to)",
    re.I,
)
# Punctuation that running text has and link lists/menus lack (Chinese and Latin).
HTML_TEXT_PUNCT = re.compile(r"[，。、；：！？,.;:!?「」“”]")
# A byline / dateline under the title: "2005-03-21 11:21 来源：新浪财经 作者：尹娟",
# "发布时间：2024-12-06 00:37:14 浏览次数：12". Removed from the body (kept as metadata).
HTML_BYLINE = re.compile(
    r"(?:(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|(?:来源|作者|出处|发布(?:时间|日期|者)?|"
    r"时间|日期|编辑|记者|通讯员|点击|浏览|阅读|字号|字体|稿源|文/|文章来源|信息来源)\s*[:：])"
)


# Elements whose content is never body text: code, styling, embedded objects, form controls.
HTML_JUNK_TAGS: tuple[str, ...] = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "frame", "frameset",
    "object", "embed", "applet", "canvas", "video", "audio", "map", "input", "select",
    "textarea", "button", "option", "datalist", "dialog", "link", "meta", "title",
)
# Inline display is hidden: style="display:none" / "visibility:hidden" (collapsed menus,
# SEO keyword stuffing, templates for JS).
HTML_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# class/id tokens of page chrome. Matched against whole tokens of class/id split on space,
# '-' and '_' (so "nav" hits "main-nav" but not "canvas"). Chinese portals use pinyin and
# English-ish ids alike (xgyd = 相关阅读, tj = 推荐, bq = 版权 are too short to be safe and
# are not listed; their boxes are caught by HTML_BOILER_HEADER and link density instead).
HTML_BOILER_TOKEN = re.compile(
    r"^(?:nav|navbar|navigation|menu|menus|submenu|topbar|footer|sidebar|rightbar|leftbar|"
    r"comment|comments|commentlist|share|sharing|social|bshare|jiathis|related|relate|"
    r"recommend|recommended|breadcrumb|breadcrumbs|crumb|crumbs|copyright|banner|ad|ads|adv|"
    r"advert|adverts|advertisement|sponsor|sponsored|promo|popup|modal|cookie|cookies|"
    r"newsletter|subscribe|login|signup|register|toolbar|tagcloud|widget|widgets|pagination|"
    r"pager|paging|masthead|signature|sign|sig|userinfo|profile|avatar|postauthor|friendlink|"
    r"outbrain|taboola|disqus|skip|rss)$",
    re.I,
)
# Weaker chrome tokens: a layout column ("left-side") or a header may hold the article, so
# these only lower a container's score and prune small or link-heavy parts inside the body.
HTML_WEAK_BOILER_TOKEN = re.compile(
    r"^(?:side|aside|foot|ft|header|reply|replies|tags|tag|byline|author|meta|rank|links|"
    r"print|tools|hidden|hide|caption|credit|dateline|timestamp|keywords|feedback|logo|"
    r"search|more|hot|extra|info|date|time|source)$",
    re.I,
)
# Tokens that mark the body container itself; they outweigh a chrome token on the same
# element ("article-header" loses, "post-content" wins).
HTML_CONTENT_TOKEN = re.compile(
    r"^(?:article|articles|content|contents|entry|post|body|text|story|main|detail|details|"
    r"news|blog|zw|zhengwen|txt|con|cont|artibody|article_content|postbody|postmessage|"
    r"message|t_f|read|doc|document|page|paper|column)$",
    re.I,
)
# The class/id splitter: "main-nav_bar top" -> main, nav, bar, top.
HTML_TOKEN_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")
# Headers of link boxes (the box is dropped when it is also link-heavy): 相关文章, 推荐阅读,
# 热门排行, 版权声明 … — the HTML twins of TEXT_TAIL_HEADER, as seen on Chinese portals.
HTML_BOILER_HEADER = re.compile(
    r"^\s*(?:相关|推荐|热门|热点|猜你喜欢|延伸阅读|更多|精彩|最新|上一篇|下一篇|友情链接|版权|"
    r"免责|声明|评论|网友评论|发表评论|我要评论|分享到|分享|打印|关闭|收藏|返回|"
    r"related|recommended|more from|read more|you may also|popular|trending|most read|"
    r"share|comments?|leave a reply|advertisement|sponsored|newsletter|sign up|subscribe|"
    r"copyright|©)",
    re.I,
)
# Short lines inside the content that are chrome: font-size switches, print/close links,
# editor credits, share prompts, "上一篇/下一篇", "(完)" is kept (it is body text).
HTML_CHROME_LINE = re.compile(
    r"^\s*(?:【?\s*(?:字体|字号)\s*[:：]?\s*[大中小\s]+】?|【?打印(?:本页|此文)?】?|【?关闭(?:窗口)?】?|"
    r"(?:责任编辑|编辑|责编|审核|校对|值班编辑|图片编辑|美编)\s*[:：]|分享到[:：]?|上一篇|下一篇|"
    r"返回(?:顶部|首页|列表)|点击(?:次数|数|量)?[:：]|浏览(?:次数)?[:：]|阅读(?:次数|数)?[:：]\s*\d|"
    r"(?:本文)?标签[:：]|关键词[:：]|tags?\s*:|share (?:this|on)|print this|email this|"
    r"(?:posted|filed) (?:in|under)\b|advertisement$|sponsored$|related:|read more\b|"
    r"click here\b|all rights reserved|©|copyright\b|版权所有|skip to)",
    re.I,
)
# Punctuation that running text has and link lists/menus lack (Chinese and Latin).
HTML_TEXT_PUNCT = re.compile(r"[，。、；：！？,.;:!?「」“”]")
# A byline / dateline under the title: "2005-03-21 11:21 来源：新浪财经 作者：尹娟",
# "发布时间：2024-12-06 00:37:14 浏览次数：12". Removed from the body (kept as metadata).
HTML_BYLINE = re.compile(
    r"(?:(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|(?:来源|作者|出处|发布(?:时间|日期|者)?|"
    r"时间|日期|编辑|记者|通讯员|点击|浏览|阅读|字号|字体|稿源|文/|文章来源|信息来源)\s*[:：])"
)


# =============================================================================================
# metadata  (titles, dates, site names, authors)

# Title suffixes: "标题_三味园范文网", "标题 - 新浪网", "Title | Site". The separator must be
# surrounded by the title on the left and a short site name on the right.
TITLE_SITE_SUFFIX = re.compile(r"^(?P<title>.+?)\s*(?:[_|–—]|\s-\s|\s::\s|——)\s*(?P<site>[^_|–—]{2,40})$")
# Title separators, for splitting "标题_栏目_站点" / "Title | Section | Site" into parts.
TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|–|—{1,2}|\s-\s|\s::\s|»|·\s)\s*")
# Meta tags that state the publication time (Open Graph, Dublin Core, Parsely, sailthru,
# Chinese CMSs' "publishdate"/"pubdate"), most specific first.
META_DATE_NAMES: tuple[str, ...] = (
    "article:published_time", "og:article:published_time", "datepublished", "publishdate",
    "pubdate", "publish-date", "publish_date", "dc.date.issued", "dc.date", "dcterms.created",
    "dcterms.date", "date", "sailthru.date", "parsely-pub-date", "article.published",
    "published-date", "release_date", "og:published_time", "og:release_date", "created",
    "article:modified_time", "og:updated_time", "lastmod",
)
META_AUTHOR_NAMES: tuple[str, ...] = (
    "author", "article:author", "og:article:author", "dc.creator", "byl", "parsely-author",
    "sailthru.author", "citation_author", "twitter:creator",
)
META_SITE_NAMES: tuple[str, ...] = ("og:site_name", "application-name", "twitter:site", "publisher")
# A date written on the page, with an optional time and numeric UTC offset: 2024-12-06 00:37:14,
# 2024年12月6日 08:30, 2005/3/21, 2024-12-06T00:37:14+08:00.
DATE_IN_TEXT = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})"
    r"(?!\d)\s*日?(?:\s*(?:T|\s)?\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?"
    r"(?:\s*(?P<tz>Z|[+-]\d{2}:?\d{2}))?)?"
)
# English dates: "November 19, 2019", "19 Nov 2019", "Nov. 19, 2019 5:30 pm".
DATE_IN_TEXT_EN = re.compile(
    r"\b(?:(?P<mon1>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d{2})"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon2>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(?P<y2>(?:19|20)\d{2}))\b",
    re.I,
)
# Labels that introduce the publication time on Chinese pages ("发布时间：", "时间：").
DATE_LABEL = re.compile(r"(?:发布|发表|更新|上传|录入|刊发|出版)?(?:时间|日期)\s*[:：]|发表于|发布于|posted|published", re.I)
# Author labels. 责任编辑/编辑 are editor credits, never the author (issue 3).
AUTHOR_LABEL = re.compile(
    r"(?:(?<![责任编])(?:作\s*者|撰\s*文|通讯员|供稿)\s*[:：/]\s*|(?:本报|本台|本刊|特约)?记者(?:\s*[:：]\s*|\s+)|"
    r"(?<![\u3400-\u9fff])文\s*/\s*|\bBy\s+(?=[A-Z])|Author:\s*)"
    r"(?P<name>[\u3400-\u9fff·]{2,4}(?:[ 　、,，和及]+[\u3400-\u9fff·]{2,4}){0,5}(?![\u3400-\u9fff])|"
    r"[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}|[A-Za-z0-9_&]{3,20}(?=\s|$))",
)
SOURCE_LABEL = re.compile(r"(?:来源|稿源|出处|文章来源|信息来源)\s*[:：]\s*(?P<name>[^\s|/,，;；()（）【】]{2,30})")
# "© 2024 三味园范文网", "Copyright © 2005-2024 Example Inc. All rights reserved", "版权所有：XX".
COPYRIGHT_SITE = re.compile(
    r"(?:©|\(c\)|copyright|版权所有)\s*(?:©|\(c\))?\s*(?:(?:19|20)\d{2}\s*(?:[-–]\s*(?:19|20)\d{2})?)?\s*[:：]?\s*"
    r"(?P<site>[^\s©|,，。·]{2,30})",
    re.I,
)
# Title separators, for splitting "标题_栏目_站点" / "Title | Section | Site" into parts.
TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|–|—{1,2}|\s-\s|\s::\s|»|·\s)\s*")
# Meta tags that state the publication time (Open Graph, Dublin Core, Parsely, sailthru,
# Chinese CMSs' "publishdate"/"pubdate"), most specific first.
META_DATE_NAMES: tuple[str, ...] = (
    "article:published_time", "og:article:published_time", "datepublished", "publishdate",
    "pubdate", "publish-date", "publish_date", "dc.date.issued", "dc.date", "dcterms.created",
    "dcterms.date", "date", "sailthru.date", "parsely-pub-date", "article.published",
    "published-date", "release_date", "og:published_time", "og:release_date", "created",
    "article:modified_time", "og:updated_time", "lastmod",
)
META_AUTHOR_NAMES: tuple[str, ...] = (
    "author", "article:author", "og:article:author", "dc.creator", "byl", "parsely-author",
    "sailthru.author", "citation_author", "twitter:creator",
)
META_SITE_NAMES: tuple[str, ...] = ("og:site_name", "application-name", "twitter:site", "publisher")
# A date written on the page, with an optional time and numeric UTC offset: 2024-12-06 00:37:14,
# 2024年12月6日 08:30, 2005/3/21, 2024-12-06T00:37:14+08:00.
DATE_IN_TEXT = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})"
    r"(?!\d)\s*日?(?:\s*(?:T|\s)?\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?"
    r"(?:\s*(?P<tz>Z|[+-]\d{2}:?\d{2}))?)?"
)
# English dates: "November 19, 2019", "19 Nov 2019", "Nov. 19, 2019 5:30 pm".
DATE_IN_TEXT_EN = re.compile(
    r"\b(?:(?P<mon1>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d{2})"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon2>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(?P<y2>(?:19|20)\d{2}))\b",
    re.I,
)
# Labels that introduce the publication time on Chinese pages ("发布时间：", "时间：").
DATE_LABEL = re.compile(r"(?:发布|发表|更新|上传|录入|刊发|出版)?(?:时间|日期)\s*[:：]|发表于|发布于|posted|published", re.I)
# Author labels. 责任编辑/编辑 are editor credits, never the author (issue 3).
AUTHOR_LABEL = re.compile(
    r"(?<![责任编])(?:作者|文\s*/|记者|撰文|作\s*者|通讯员|By|Author)\s*[:：/]?\s*"
    r"(?P<name>[^\s:：|/,，;；()（）\[\]【】<>]{1,30}(?:[ 、,，和及][^\s:：|/,，;；()（）\[\]【】<>0-9]{1,12}){0,5})",
)
SOURCE_LABEL = re.compile(r"(?:来源|稿源|出处|文章来源|信息来源)\s*[:：]\s*(?P<name>[^\s|/,，;；()（）【】]{2,30})")
# "© 2024 三味园范文网", "Copyright © 2005-2024 Example Inc. All rights reserved", "版权所有：XX".
COPYRIGHT_SITE = re.compile(
    r"(?:©|\(c\)|copyright|版权所有)\s*(?:©|\(c\))?\s*(?:(?:19|20)\d{2}\s*(?:[-–]\s*(?:19|20)\d{2})?)?\s*[:：]?\s*"
    r"(?P<site>[^\s©|,，。·]{2,30})",
    re.I,
)

# =============================================================================================
# structure  (owned by docpipe.structure)
