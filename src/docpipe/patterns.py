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

# =============================================================================================
# HTML main content  (owned by clean/html.py)

# =============================================================================================
# metadata  (titles, dates, site names, authors)

# Title suffixes: "标题_三味园范文网", "标题 - 新浪网", "Title | Site". The separator must be
# surrounded by the title on the left and a short site name on the right.
TITLE_SITE_SUFFIX = re.compile(r"^(?P<title>.+?)\s*(?:[_|–—]|\s-\s|\s::\s|——)\s*(?P<site>[^_|–—]{2,40})$")

# =============================================================================================
# structure  (owned by docpipe.structure)
