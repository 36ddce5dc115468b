"""Heuristics as named, compiled constants — each with the case that motivated it.

Everything docpipe "knows" about page chrome, dates, outline markers and document types lives
here, so a change to a heuristic is a change to one constant, reviewed with its reason.
Sections: fetch/encoding · text boilerplate · HTML main content · metadata · structure.
No rule here may be keyed to one site or page: patterns describe conventions shared by many.
"""

from __future__ import annotations

# `re` with its compiled patterns kept from one process to the next (docpipe/regex_cache.py:
# compiling this module's patterns was the largest part of start-up); the names are re's own.
from docpipe import regex_cache as re

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

# Undeclared bytes that GB18030 decodes cleanly may still be Big5 (traditional-character
# pages) or Latin-1/cp1252 (Western pages): see fetch/decode.py.
BIG5_CODECS = frozenset({"big5", "big5hkscs", "cp950"})
LATIN_SINGLE_BYTE_CODECS = frozenset({"cp1252", "latin_1", "iso8859_15"})  # else cp1252, the web's default
# CJK ideographs (Extension A + Unified, Compatibility): one token each in the metric. The
# ranges serve code that counts code points in bulk (the learned block scorer's features).
IDEOGRAPH_RANGES: tuple[tuple[int, int], ...] = ((0x3400, 0x9FFF), (0xF900, 0xFAFF))
IDEOGRAPH = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in IDEOGRAPH_RANGES) + "]")
# "na飗e r閟um": a Latin accented letter plus the next byte read as one ideograph, with
# Latin letters on both sides — rare in Chinese text, where ideographs come in runs.
IDEOGRAPH_INSIDE_LATIN_WORD = re.compile(r"(?<=[A-Za-z])[\u3400-\u9fff\uf900-\ufaff\ue000-\uf8ff](?=[A-Za-z])")
MISREAD_LATIN_MIN_SHARE = 0.3
# Kana, Greek, Cyrillic and box drawing: GB2312's symbol rows, where Big5's most common lead
# bytes land when Big5 text is read as GB ("各位同志" -> "вさぱи"). (①② are left out: common in
# Chinese documents.)
GB_SYMBOL_ROW_CHARS = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u3040-\u30ff\u2500-\u257f]")
MISREAD_BIG5_MIN_SHARE = 0.05

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
# The banner proper, "<site> 导航 首页 | 讲话稿 | 工作总结 …": the site name, then 导航 and the
# menu run on one line. Only this form names the site (a breadcrumb's first word does not).
TEXT_BANNER_LINE = re.compile(r"^\s*(?P<site>[^\s|>›»/:：]{2,30}?)\s*(?:网站)?导航(?:\s.*)?$")
# A bare menu line: four or more short items separated by spaces or bars, no sentence
# punctuation ("首页 工作计划 工作总结 述职报告 讲话稿").
# A writing book's apparatus at the top of an example: "【範例一】", "【致辭人】××市人口計生委",
# "【致辭背景】××市…動員大會致辭" — a bracketed label with a short value, above the document.
TEXT_BRACKET_LABEL_LINE = re.compile(r"^\s*【[^】]{1,6}】[^。！？!?]{0,40}$")
# (not a line letter-spaced to a title's width, every word one character: "五 華 縣 人 民 政 府" above "關于…的通告",
# footfavors in structure_real_9 tuning)
TEXT_MENU_LINE = re.compile(r"^(?!\s*(?:\S\s+)+\S\s*$)\s*(?:[^\s|，。；！？,;!?]{1,8}\s*[|｜/]?\s+){3,}[^\s|，。；！？,;!?]{1,8}\s*$")
# A site-name + timestamp line under the title: "三味园范文网 2024-12-06 00:37:14".
TEXT_SITE_DATE_LINE = re.compile(
    r"^\s*(?:(?P<site>[^\s\d]{2,30}?)\s+)?(?:发布(?:时间|日期)[:：]\s*)?"
    r"(?P<date>(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)"
    r"(?P<fields>(?:\s+(?:来源|作者|编辑|责任编辑|发布者|阅读|阅读次数|浏览|浏览次数|点击|点击数|人气|热度)[:：]?\s*\S+)*)\s*$"
)
# One "label：value" field of such a line ("作者：张三", "浏览次数：1832").
TEXT_META_FIELD = re.compile(r"(来源|作者|编辑|责任编辑|发布者|阅读|阅读次数|浏览|浏览次数|点击|点击数|人气|热度)[:：]?\s*(\S+)")
# Uploader names that 范文 sites print as 作者 but that name no author.
TEXT_NON_AUTHORS = re.compile(r"^(?:admin|administrator|管理员|网友|网友投稿|佚名|匿名|未知|本站|小编|[a-z]{1,3}\d*)$", re.I)
# The share notice 范文 sites append: "《TITLE》,由互联网用户分享整理。" (the opening 《 may be
# lost in scraping, leaving "TITLE 》,由互联网用户分享整理。").
TEXT_SHARE_NOTICE = re.compile(r"由互联网用户分享整理|本文(?:由|来源于)网友|转载请(?:保留|注明)|版权归原作者")
# "链接地址:http://…" — the page's own URL, kept as metadata.
TEXT_LINK_LINE = re.compile(r"(?:链接地址|原文(?:链接|地址)|本文(?:链接|地址)|文章地址)\s*[:：]\s*(?P<url>https?://\S+?)(?=\s|$|转载)")
# Headers of link lists after the body: everything from here to the end is chrome.
TEXT_TAIL_HEADER = re.compile(
    r"^\s*(相关(?:文章|阅读|推荐|范文|内容|链接)|推荐(?:文章|阅读|范文)|热门(?:文章|推荐|范文)|"
    r"猜你喜欢|延伸阅读|更多(?:相关|精彩|范文)|上一篇|下一篇|友情链接|Related (?:posts|articles)|"
    r"You may also like)\s*[:：]?"
    # A header is short: "推荐阅读:随着团省委…,相反," at the top is a teaser of the opening, not a link list.
    r"(?:[^。，,;；!?！？]{0,40}|.{0,60}(?<![。，,;；!?！？]))$",
    re.I,
)
TEXT_COPYRIGHT_LINE = re.compile(r"^\s*(?:©|\(c\)|copyright\b|版权所有|Copyright ©)", re.I)
TEXT_FRIEND_LINKS = re.compile(r"^\s*友情链接\s*[:：]?")
# A paywall note ends the free part of a 范文 page: "预览结束,免费获取全文…", "试读结束", "本文共1563字,
# 仅供站内会员…". Everything after it is membership prompts and site promotion.
TEXT_PAYWALL_END = re.compile(
    r"^\s*(?:预览结束|试读结束|全文阅读已结束|本文共\s*\d+\s*字)"
    # "……(未完,全文共6831字,当前仅显示2399字,请阅读下面提示信息。" (wm114.cn, tests/fixtures/structure_pages)
    r"|当前仅显示\s*\d+\s*字"
)

# Chinese text scrapes (clean/text.py):
# a short label line of a forum user card, beside a count dropped as page metadata ("消息" above "402,402",
# "荣誉分数" above "76"; clean/text._edge_chrome, its length bounded by EDGE_LABEL_MAX_CHARS): ideographs only.
TEXT_EDGE_LABEL_LINE = re.compile(r"^[\u4e00-\u9fff]+$")
# the text's own year of a date ("2024年6月", "2024年5月30日" of the 落款, a template's "20XX年", "二〇二四年"): a line
# holding one is the document's, not page metadata (clean/text._metadata_shaped).
TEXT_OWN_YEAR = re.compile(r"(?:19|20)\d{2}\s*年|20[\dXx×]{2}\s*年|[〇零一二三四五六七八九OＯ]{4}年")
# A hard-wrapped PDF text (baijiadoc.com in tests/fixtures/structure_real_4 tuning; clean/text._rejoin_hard_wraps):
# a line broken off inside a sentence after a comma ("现在,我代表", "…报告工作,请"),
TEXT_WRAP_CUT_CLAUSE = re.compile(r"[,，、]\s*[^。！？!?；;：:,，、]*$")
# a line that ends a sentence or a label (not continued by the next),
TEXT_WRAP_END = re.compile(r"[。！？!?；;：:]\s*$")
# and a line that opens with an outline marker (一、 (一) 1. (1) 第一章), never joined to the line above.
TEXT_WRAP_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]|第[一二三四五六七八九十]+[章节条])"
)

# Noise (clean/noise.py, the one noise module of both stages), for text and HTML alike.
# Discuz anti-copy "jammer": runs of ≥ 3 space-separated 1-3 char ASCII tokens glued to a line,
# e.g. "加强学习) L. c9 R- ~' O6 L3 u", "…解读8 [; o H! @9 B! f& ?# \", "2 E% S- b' o8 q3 Z- H二、".
# The hint is a cheap pre-filter; NOISE_JAMMER finds the run (at the line start, after a space
# or after non-ASCII text) and clean/noise.py checks it mixes letters, digits and symbols.
NOISE_JAMMER_HINT = re.compile(r"[!-~]{1,3} [!-~]{1,3} [!-~]{1,3}")
NOISE_JAMMER = re.compile(
    r"(?:(?<=[^\x00-\x7f])|(?<=\s)|^)[ \t]*(?:[!-~]{1,3}[ \t]+){2,}[!-~]{1,3}(?=[ \t]|$|[^\x00-\x7f])"
)
# The last token of a jammer run that is an outline marker glued to the text ("…f/ d 1.首部。",
# "…Z2 (2)主体"): the document's marker, kept.
# An opening bracket as the last token ("…e8 z3 O (一)情况调查报告。"): the "(" of the text's own "(一)".
NOISE_JAMMER_KEEP_MARKER = re.compile(r"^(?:\d{1,2}[.、)]|\(\d{1,2}\)|[(（])$")
# A jammer run glued without spaces between two Chinese characters: "会议8W@~的".
# Needs a letter and a symbol that numbers never carry ("12.5%" and "TCP/IP" stay), and does not
# open with a closing bracket: "[世华财讯]EFSF顺利拍卖…" closes the text's own bracket before a
# Latin word (daniel_zh tuning: the lead sentence of a wire story lost "]EFSF").
NOISE_JAMMER_TIGHT = re.compile(r"(?<=[\u4e00-\u9fff])(?![\])}>])(?=[!-~]*[~@#$^&*+=|\\{}\[\]<>`])(?=[!-~]*[A-Za-z])[!-~]{4,12}(?=[\u4e00-\u9fff])")
# Page counters and chunk numbers of document-sharing sites, alone on a line: "第 3 页 共 12 页",
# "共12页", "- 3 -", "3/12", "Page 3 of 12", "[3]", a bare "17" (1-3 digits: "2024" may be a year),
# and pagers "上一页 1 2 3 下一页".
NOISE_PAGE_COUNTER = re.compile(
    r"^\s*(?:第\s*\d{1,4}\s*页\s*(?:[,，/、]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页(?:\s*[,，/]?\s*第\s*\d{1,4}\s*页)?|"
    r"[-—–]+\s*\d{1,4}\s*[-—–]+|\d{1,4}\s*/\s*\d{1,4}|page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|\d{1,3}|[\[(]\s*\d{1,4}\s*[\])])\s*$"
    r"|^(?=.*(?:上一页|下一页))(?:上一页|下一页|首页|尾页|末页|\d{1,3}|\s)+$",
    re.I,
)
NOISE_PAGE_INLINE = re.compile(r"\s*(?:第\s*\d+\s*页\s*[,/]?\s*共\s*\d+\s*页|共\s*\d+\s*页\s*[,/]?\s*第\s*\d+\s*页|[-—–]\s*\d{1,4}\s*[-—–](?=\s|$))\s*")
# A site's word-count note glued to a headline: "赴西柏坡学习有感[此文共768字]", "(全文共3512字)".
NOISE_WORD_COUNT = re.compile(r"[\[【(（]\s*(?:此文|本文|全文)共\s*\d+\s*字\s*[\]】)）]")
# A document site's editor's summary glued between the title and the body: "编者按:本文主要从…几个
# 方面进行阐述。其中,主要内容包括:一是…、二是…等。具体材料请详见:同志们:…" — up to its closing
# "(具体材料)请详见:" or, without one, up to the salutation that opens the body.
NOISE_EDITOR_NOTE = re.compile(
    r"编者按\s*[:：](?:.{0,600}?(?:具体(?:材料|内容)?)?请详见\s*[:：]|.{0,600}?(?=(?:同志们|各位|尊敬的)[^。，,]{0,20}[:：]))"
)
# Hidden-text marks of 范文 sites inside a sentence: "……此处隐藏20613个字……".
# Also the site-watermarked form: "现在,我……(新文秘网https://www.wm114.cn省略854字,正式会员可完整阅读)".
NOISE_HIDDEN_TEXT = re.compile(
    r"[…\.]*\s*此处(?:隐藏|省略)\s*\d+\s*个?字\s*[…\.]*|[…\.]*\s*[(（][^()（）]{0,60}?省略\s*\d+\s*个?字[^()（）]{0,30}[)）]"
)
# A law database's annotation inside an article: "【已废止】", "【已廢止…】", "【已失效】" (matched in
# both scripts; the article's text goes on after it).
NOISE_SITE_ANNOTATION = re.compile(r"【\s*(?:已|本[条條]?)?(?:废止|廢止|失效|修改|修訂|修订|被修订|被修訂)[^】]{0,40}】")
# A paywall truncation run at the end of a line: "…认识不清,…………", "…各项任务目标,真......".
# (Two "……" are the Chinese ellipsis and stay.)
NOISE_TRUNCATION_TAIL = re.compile(r"(?:…{3,}|\.{6,}|。{3,})\s*$")
# A 范文 site's intro sentence, with the preamble before it, glued before the body:
# "下面是小编为大家整理的…【优秀范文】,供大家参考。同志们:…", "以下是小编为大家收集的…8篇,仅供参考…。"
# It names the site's editor (小编/本站) or a count of 篇 and ends with an offer to read.
NOISE_SITE_INTRO = re.compile(
    r"^.{0,300}?(?:下面|以下)是(?=[^。!?！？]{0,80}?(?:小编|本站|编辑|\d+篇|[一二三四五六七八九十]篇))"
    r"[^。!?！？]{0,120}?(?:参考|借鉴|学习|看看|阅读|帮助)[^。!?！？]{0,30}?[。!！]"
    # "…,九九公文网小编今天就为您带来了…8篇,相信一定会对你有所帮助。": the editor brings the reader the texts
    # (or its editors: "…出国留学网的编辑用心挑选为您寻找一篇优秀的“…”文章,以下内容仅供参考请勿作为最终判断的依据!",
    # liuxue86 in structure_real_8 tuning)
    r"|^.{0,300}?(?:小编|本站|我们|编辑)[^。!?！？]{0,16}?[为给](?:您|你|大家)(?:精心)?(?:带来|整理|精选|精编|收集|推荐|分享|准备|寻找|挑选)"
    r"[^。!?！？]{0,120}?(?:参考|借鉴|帮助|阅读|喜欢|收藏)[^。!?！？]{0,30}?[。!！]"
    # "…,愿这些范文能点燃您思维的火花…。欢迎深入阅读并收藏。": the site's wish after it goes with it
    r"(?:\s*(?:欢迎|希望|愿)[^。!?！？]{0,30}?(?:阅读|收藏|参考|借鉴|帮助|喜欢)[^。!?！？]{0,10}?[。!！])?"
)
# A 范文 collection page's intro that asks the reader how such texts are written, just above the collection's first
# entry label: "为有力保证…,就需要我们事先制定方案,方案属于计划类文书的一种。那么优秀的方案是什么样的呢?" above "实施方案 1"
# (duzhishi.com, structure_real_7 tuning). Its last sentence is a how/what question ending in 呢? (noise.block_chrome
# reads it only right above a collection label, where no document's own text stands).
NOISE_SITE_INTRO_QUESTION = re.compile(
    r"(?:^|[。！!？?])[^。！!？?]{0,40}(?:怎么|怎样|如何|什么样|什麼樣|怎麼|怎樣)[^。！!？?]{0,30}呢\s*[？?]\s*$"
)
# Labelled fields of 来源/时间/浏览 lines and of government metadata tables. Strong labels make a
# line chrome by themselves; weak ones (时间, 名称, 文号, 作者 …) only with another field or a
# date — "时间:2024年3月5日上午" alone is a 通知's own arrangement.
_NOISE_META_STRONG_LABELS = (
    "信息来源|来源|來源|稿源|发布时间|發布時間|发布日期|發布日期|更新时间|浏览次数|瀏覽次數|浏览量|浏览|瀏覽|阅读次数|阅读量|"
    "阅读|閱讀|点击量|点击数|点击|點擊|人气|热度|责任编辑|責任編輯|索\s?引\s?号|组配分类|信息分类|主题分类|体裁分类|"
    "发布机构|发文机构|发文字号|生成日期|发文日期|生效时间|废止时间|有效性|内容概述|公开方式|公开范围|公开时限|是否同意公开|是否公开|"
    "办理结果|今天是|征集状态|结果反馈日期|下载次数|下載次數|上传时间|上传者|上传人|贡献者|文档页数|所属栏目|所在栏目|阅读人次|浏览人次|"
    # a byline's publisher, a page's tag line, a law database's validity fields ("发布人: 谜语网",
    # "标签: #工作总结", "生效日期:2018年03月27", "时效性 :现行有效", "发文机关:山西省人民政府")
    "发布人|发布者|标签|生效日期|施行日期|时效性|发文机关"
)
_NOISE_META_WEAK_LABELS = "时间|時間|日期|作者|编辑|編輯|名称|文号|关键词|主题词|分类|栏目|截止|格式|大小|页数|字号|成文日期"
NOISE_META_FIELD = re.compile(
    r"(?:^|(?<=[\s|｜]))(?P<label>" + _NOISE_META_STRONG_LABELS + "|" + _NOISE_META_WEAK_LABELS + r")\s*[:：]\s*(?P<value>[^\s|｜]*)"
    # the credit lines of reposted WeChat articles write a slash: "来源/石家庄长安发布", "编辑/魏鹏霖"
    r"|^(?P<slash>来源|編輯|编辑|责编|审核|校对|排版)/(?P<svalue>[^\s，,。;；!?！？:：]{1,20})$"
)
# A strong label glued to what comes before it ("07:32:07来源:新华网", "阅读:183来源:国知局": a site's
# dateline spans written without a space between them, as other extractors leave them in the text of
# the search tool's pages corpus): _is_meta_line reads it as a field of its own.
NOISE_META_GLUED_LABEL = re.compile(r"(?<=[^\s|｜])(?=(?:" + _NOISE_META_STRONG_LABELS + r")\s*[:：])")
# A labelled field: a label of 2–6 ideographs and a colon ("标题: …").
NOISE_TABLE_FIELD = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[:：]")
# A metadata label alone on its line, its value on the next ("索引号:", "发文机构:").
NOISE_META_LABEL_ONLY = re.compile(r"^(?:" + _NOISE_META_STRONG_LABELS + "|" + _NOISE_META_WEAK_LABELS + r")\s*[:：]\s*$")
NOISE_META_STRONG = re.compile(r"^(?:" + _NOISE_META_STRONG_LABELS + r")$")
# A site's date or datetime (an uploader name may be glued before it: "admin2019-12-02  20").
NOISE_META_DATETIME = re.compile(
    r"(?:[A-Za-z]\w{0,15})?(?P<iso>(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})?(?(iso)|(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)"
    r"(?P<weekday>\s*(?:星期|周)[一二三四五六日天])?(?P<clock>\s*\d{1,2}[:：時时]\d{2}(?:[:：分]\d{2})?分?)?"
)
# What else such a line holds: counts, emoji, widget words (打印, 我要投稿, 放大字体 缩小字体),
# "…的版权声明" links.
NOISE_META_FILLER = re.compile(
    r"[\U0001F000-\U0001FFFF\u2600-\u27BF\uFE0F]|\b\d{1,7}\b|打印|我要投稿|投稿|收藏|分享|关闭|版权反馈|举报|纠错|保存|"
    r"放大字[体體]|缩小字[体體]|縮小字[体體]|字[体體][:：]?\s*[大中小]|\S{0,12}(?:版权声明|免责声明)|上[传傳]|"
    # a document site's bar: "2023-04-25 15:10:15 第一文档网 [ 字体: ] [ 阅读: ] [ 文档下载 ]" — the site's
    # name (…网, …文库) beside its timestamp, bracketed widgets, a bare 字体: label
    r"[\[\]【】]|字[体體]\s*[:：]|文档下载|下载文档|[^\s|｜\[\]]{1,10}(?:网|網|文库|文庫)(?=[\s\[]|$)|"
    # a portal's dateline with its home page: "http://www.sina.com.cn 2012年01月12日15:57 凤凰网"
    r"https?://\S+"
)
# A breadcrumb: "当前位置：首页 > 栏目 > 正文", "首页 > 公开 > 建议提案 > 人大代表建议",
# "述职报告网>范文>模板>…", "您的当前位置:首页正文".
NOISE_BREADCRUMB = re.compile(
    r"^(?:您的?(?:当前|當前)?的?位置|当前的?(?:位置|页面)|當前的?(?:位置|頁面)|所在位置)\s*[:：]"
    # a trail whose upper levels are elided: ">> ... >> 其他政策文件" (szzj.gov.cn, tests/fixtures/structure_pages)
    r"|^(?:>>|»)\s*(?:\.{3}|…)\s*(?:>>|»)"
    r"|^[^。，,;；!?！？>»›]{1,30}(?:\s*[>»›]\s*[^。，,;；!?！？>»›]{1,30}){2,}\s*[>»›]?$"
    # a trail that lost its separators: "首页范文稿件发言稿", "首页 理论教育 通用公文写作的基本要求"
    # (fanwen.gdygsk.com, guayunfan.com: tests/fixtures/structure_pages)
    r"|^首[页頁](?=\s|[\u4e00-\u9fff]{2})[^。，,;；:：!?！？“”《》()（）]{2,40}$"
)
# Whole chrome lines by kind, each with the case behind it (matched with injected pinyin
# removed, so "相關(guān)推薦" is seen as 相關推薦).
NOISE_CHROME_LINES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("breadcrumb", NOISE_BREADCRUMB),
    # Paywall and membership notes: 预览结束…, 试读结束, 本文共1563字,仅供站内会员…, 已阅读5页,还剩6页未读,
    # 点此注册/刷新页面/登录网站, the "请点击👉 … 👈联系老师" contact widget, 版权说明:本文档由用户提供并上传…
    ("paywall", re.compile(
        r"预览结束|试读结束|本文共\s*\d+\s*字|还剩\s*\d+\s*页未读|继续免费阅读|免费获取全文|定制代笔|"
        r"仅供站内会员|【点此注册】|【刷新页面】|【登录网站】|请点击.{0,24}联系|扫码联系|"
        r"本文档由用户提供并上传|下载地址\s*[:：]|点击此处下载|网站编辑推荐|了解我站|本站范文|"
        # payment widgets of document sites
        r"微信支付|支付宝支付|扫码支付|付费阅读|购买全文|立即下载|下载本文档|VIP会员免费|"
        # a document site's download disclaimer and its QQ contact widget ("说明:文章内容仅供预览,部分内容
        # 可能不全。下载后的文档,内容与下面显示的完全一致…", "点击这里给我发消息")
        r"内容仅供预览|下载后的文档|点击这里给我发消息|"
        # a 范文 site's truncation note "……(未完,全文共6831字,当前仅显示2399字,请阅读下面提示信息。", reading-time bars
        r"当前仅显示\s*\d+\s*字|预计阅读时长|阅读约\s*\d+\s*分钟|请输入验证码|"
        # a document-sharing (文库) site's numbered terms above every document it serves: "1、本文档共10页,
        # 可阅读全部内容。", "…网站文档一经付费(服务费),不意味着购买了该文档的版权…", "…付费前请自行鉴别。…",
        # "…请点击“版权申诉”…", "该文档为VIP文档,如果想要下载,成为VIP会员后,下载免费。", "本站所有内容均由
        # 合作方或网友上传…" (the same ~600 characters on every copy such a site holds; seen as the bulk of
        # short excerpts, where they made two different 办法 look alike and hid copies of each)
        r"本文档共\s*\d+\s*页|文档一经付费|付费前请自行鉴别|版权申诉|VIP文档|成为VIP|合作方或网友上传|"
        # membership adverts: "近500万道试题、…、60多万篇范文免费使用", "每天仅需0.22元,尊享会员权益"
        r"\d+多?万篇范文|每[天日]仅需\s*[\d.]+\s*元|尊享会员权益"
    )),
    # A page's disclaimer: "免责声明:", "…刊登的文章仅代表作者个人观点…", "如有侵犯原作者权益,请及时联系我们删除",
    # "导语:…一文来源于网友上传,不代表本站观点,…", a licence note ("…屬於公有領域", "Public domain") and the
    # "原文地址:…" link of a repost.
    # A portal's repost notice: "声明：" alone above it, "…转载并不代表本网赞同其观点…", "声明：新浪网登载此文出于传递
    # 更多信息之目的，并不意味着赞同其观点…" ("网易声明：…", "…目的在于传播更多信息…" alike), "【免责声明】本文仅代表
    # 作者本人观点…", "…未经本网书面授权，不得…转载" (daniel_zh tuning: the footer of most articles of six portals), and its
    # feedback invitation beside it: "您若对该稿件内容有任何疑问或质疑，请即与新民网联系，…" (daniel_zh tuning, xinmin.cn).
    # A document-sharing (文库) site's numbered 下载声明 above the document it serves: "• 【下载声明】", "1. 本站全部试题类
    # 文档,…请谨慎下单,一旦售出,不予退换。", "3. 本页资料《…》由用户(…)主动上传,…163文库仅提供信息存储空间,…", "4. …本站不保证
    # 下载资源的准确性…", "5. 本站所有资源如无特殊说明,都需要本地电脑安装OFFICE2007…" (163wenku, tests/fixtures/structure_real_8
    # tuning: its 1.–5. were taken as headings); "仅提供信息存储空间" is the platform's safe-harbour formula.
    ("disclaimer", re.compile(
        r"^[-·•\s\d、.]*[【\[]?(?:免[责責]声明|版[权權]声明|下载声明|声明)[】\]]?\s*[:：]?\s*$|"
        r"一旦售出\s*[,，]?\s*不予退换|仅提供信息存储空间|不保证下载资源|本站所有资源如无特殊说明|"
        r"(?:传递|传播)更多信息|赞同其观点|对(?:该|本)(?:稿件|文章|新闻)(?:内容)?有任何(?:疑问|质疑|異議|异议|投诉)|未经本(?:网|站|报|刊)(?:书面)?(?:授权|许可)|仅代表作者(?:个人|本人)?观点|不代表本(?:站|网|网站|網|網站)(?:的)?(?:观点|觀點|立场|立場)|(?:属于|屬於)公有[领領]域|^Public\s?domain|^原文(?:地址|链接|鏈接)\s*[:：]|如有侵[犯权]|联系我们删除|请联系(?:本站|我们)删除"
    )),
    # A newspaper's copyright notice above a repost: "凡本报记者署名文字、图片,版权均属新安晚报所有。任何媒体、网站或个人,未经授权
    # 不得转载…" (830036, structure_real_9 tuning)
    ("disclaimer", re.compile(r"版[权權](?:均|皆)?(?:属|屬|归|歸)[^。,，;；]{2,16}所有[。,，;；][^。]{0,40}未经(?:书面)?授[权權]")),
    # A repost's print source, image caption and spaced editor line: "《 人民日报 》( 2010年12月21日   02 版)" (smwenxue),
    # "(相关资料图)", "编辑 张思平" (830036; both structure_real_9 tuning)
    ("credit", re.compile(
        r"^《\s*[\u4e00-\u9fff]{2,10}\s*》\s*[(（]\s*(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:\d{1,3}\s*版)?\s*[)）]$|"
        r"^[(（](?:相关|相關)?(?:资料图|資料圖)片?[)）]$|^(?:责任编辑|責任編輯|编辑|編輯)\s+[\u4e00-\u9fff·]{2,4}$"
    )),
    # A tip jar under a forum copy: "如果覺得這篇文章對您有幫助,請打賞支持一下!" (footfavors, structure_real_9 tuning)
    ("social", re.compile(r"^(?:如果|若)(?:觉得|覺得)[^。！？!?]{0,16}(?:有帮助|有幫助)[^。！？!?]{0,12}(?:打赏|打賞|赞赏|讚賞)")),
    # Credit lines of news reposts: "编辑:姚红", "(来源:天鹅镇 通讯员:王君怡 一审编辑:赵思然 …)".
    # (A bare "来源:…" line is a meta field, judged below.)
    # In brackets, a value may hold spaces ("（来源：中国日报网 信莲 编辑：北风）", "(本文来源：网易财经 )",
    # "[稿源：红网]", "【责任编辑：王婧】", "[作者：范思鼎]"); a name before its role ("(陈巍 编辑)", "(李艳 撰稿)",
    # "(李军伟 编译)") and a repost's source ("(据《重庆晚报》)", "據《中国青年报》") are credits too (daniel_zh
    # tuning: the last line of the articles of four portals).
    ("credit", re.compile(
        r"^[(（](?:(?:来源|{l})\s*[:：]\s*{v}\s*)+[)）]$|^(?:(?:{l})\s*[:：]\s*{v}\s*)(?:(?:来源|{l})\s*[:：]\s*{v}\s*)*$|"
        r"^[(（\[【]\s*(?:(?:本文来源|文章来源|来源|稿源|作者|{l})\s*[:：]\s*[^\s:：()（）\[\]【】,，。;；!?！？]{{1,16}}(?:\s+[^\s:：()（）\[\]【】,，。;；!?！？]{{1,8}})*\s*)+[)）\]】]$|"
        r"^[(（][\u4e00-\u9fff·]{{2,8}}(?:\s+[\u4e00-\u9fff·]{{2,8}})*\s?(?:编辑|撰稿|编译|责编)[)）]$|"
        # a news site's name before its editors: "千岛湖新闻网 编辑:程就 姜智荣" (qdhnews.com.cn, tests/fixtures/structure_pages)
        r"^[\u4e00-\u9fff]{{2,10}}(?:网|報|报|台)\s+(?:{l})\s*[:：]\s*[\u4e00-\u9fff·]{{2,4}}(?:\s+[\u4e00-\u9fff·]{{2,4}}){{0,3}}$|"
        # a translator's or writer's credit under the title: "译： Chen Bin", "文：眉间尺" (cwced_zh tuning)
        r"^(?:译|翻译|译者|文)\s*[:：]\s*[^\s:：，,。]{{1,12}}(?:\s[^\s:：，,。]{{1,12}})?$|"
        r"^[(（]?[据據]《[^》]{{1,20}}》(?:报道)?[)）]?$".format(
            l=r"通讯员|记者|摄影|[一二三]审(?:编辑|校对)?|终审(?:核发)?|编辑|责任编辑|责编|审核|校对|核发|"
              # a portal's footer "网络编辑:石振海 信息审核:石振海" (yijun.gov.cn, tests/fixtures/structure_pages)
              r"(?:网络|网站|文字|信息|图片)(?:编辑|审核|校对)",
            v=r"[^\s:：()（）,，。;；!?！？]{1,12}",
        )
    )),
    # Widget labels alone on a line: 正文复制, 显示全文, 内容预览:, 文档简介, 下载附件, 回顶部, 推荐图文,
    # 点击排行, 扫一扫在手机打开当前页, 关联稿件:, 相关附件:, 登录/注册, "- 通告 推荐度:", "- 相关推荐".
    ("widget", re.compile(
        r"^[-·•\s]*(?:正文复制|复制正文|显示全文|展开全文|阅读全文|查看全文|全文阅读|内容预览|文档简介|"
        r"下[载載]附件|回[顶頂]部|返回[顶頂]部|推[荐薦]\S{0,6}|[点點][击擊]排行|[热熱]门排行|相[关關]推[荐薦]|相[关關]附件|[关關][联聯]稿件|"
        r"登录\s*/\s*注册|登[录陆]注册|查看更多|打印本页|关闭窗口|文章图片|图片来源\S{0,20}|(?:手机浏览器)?扫描二维码\S{0,8}|[扫掃]一[扫掃].{0,12}当前页面?|[扫掃]一[扫掃].{0,12}當前頁面?|"
        # a recommendation widget's title ("- 代理記賬公司績效考核方案 推薦度:"), a related-links header
        # ("小編精心推薦"), a login prompt ("请先登录"), a document site's buttons ("下载资源", "资源描述"),
        # the share targets under "扫一扫在手机打开当前页" ("微信", "手机APP") (pages corpus probes,
        # tests/fixtures/structure_pages)
        r"[^。，,;；!?！？]{0,40}?\s*推[荐薦]度|(?:小[编編](?:精心)?|精彩|热门|熱門|编辑|編輯)推[荐薦]|请先登录|請先登錄|立即登录|"
        # (and its "配套讲稿:" block label, 163wenku in structure_real_8 tuning)
        r"下载资源|资源描述|配套讲稿|微信|微博|QQ空间|手机APP|手机版|"
        # a share bar's label and a font-size switch cut off ("分享到:", "【字體:", jeevanhouse.com), or left as its empty
        # brackets once the size links went ("字号:[ ]", kman.gov.cn in structure_real_8 tuning)
        r"分享到|【?\s*字[体體号號]\s*[:：]?\s*[\[［]?[大中小\s]*[\]］]?】?|"
        # "更多>>", "关闭×" (qdhnews.com.cn, chxf.gov.cn)
        r"更多|关闭\s*[×xX✕])"
        r"\s*[>»]*\s*[:：]?\s*$"
    )),
    # Social widgets of news portals, each alone on a line: follow and like prompts ("Facebook 馬上按讚
    # 加入台視新聞粉絲團", "关注、星标公众号,直达精彩内容"), comment counters and their links
    # ("已有_COUNT_位用户评论 点击查看评论", "已有0人参与", "0条评论") and share instructions ("点击右上角微信好友",
    # "请使用浏览器分享功能进行分享", "用微信扫描二维码分享至好友和朋友圈", "扫一扫，用手机看新闻！") (daniel_zh
    # tuning: a portal's follow prompt under three articles, a product box's comment counter; the rest as
    # seen in the text of Chinese news pages of the search tool's pages corpus, where extractors left
    # them). Rows of button words ("【打印】【关闭】", "我要评论") are widget rows (NOISE_WIDGET_ROW_WORDS).
    ("social", re.compile(
        r"^[^。！？!?]{0,24}(?:加入|关注|關注|追蹤|追踪)[^。！？!?]{0,12}(?:粉[絲丝](?:團|团|專頁|专页)|公众号|公眾號)[^。！？!?]{0,12}$|"
        r"^(?:已有|共有|共)?\s*(?:\d[\d,，.万]*|_COUNT_)\s*(?:位|条|條|人)\s*(?:网友|網友|用户|用戶)?\s*(?:评论|評論|参与|參與|跟帖)"
        r"(?:\s*[,，|｜]?\s*(?:点击|點擊)?\s*(?:查看|发表|我要)?\s*(?:评论|評論))?\s*$|"
        r"点击右上角\S{0,8}(?:微信好友|分享)|请使用浏览器(?:的)?分享功能|扫描二维码\S{0,10}分享|分享至(?:好友和)?朋友圈|"
        r"^[^。！？!?]{0,12}用手机看新闻[！!]?$|"
        # an article's rating widget and its counter ("请您对该文章评分：", "/ 0 人已评") and a tip-off advert ("上海滩微博#爆料#
        # 或短信爆料15900430043 一经采用最高奖励500元") under a portal's articles (daniel_zh tuning, xinmin.cn: dropped there by
        # their class names; lines of this shape are what is left where a site's names say nothing)
        r"^请?您?对(?:该|本|此)篇?(?:文章|新闻|稿件)(?:进行)?(?:评分|打分|评价)\s*[:：]?$|^[/\s]*\d[\d,]*\s*人(?:已评|参评|已投票)$|"
        r"(?:爆料|报料)[^。！？!?]{0,40}一经采用"
    )),
    # Document-site file furniture: "- 格式:doc", "- 大小:16.00 KB", "文档页数:4", file name and size bars,
    # "通告.jpg (2.02 MB, 下载次数: 293)", "- 附件【….jpg】已下载次".
    ("doc_site_field", re.compile(
        r"^[-·•\s]*(?:格式|文档格式|大小|文件大小|文档页数|页数|下载积分|编号|文档编号)\s*[:：]\s*\S{0,16}(?:\s*[KM]B)?\s*$|"
        # a document site's file name, size and upload bar: "镇目标工作计划(2篇).docxVIP", "约6.22千字", "约 11页",
        # "2026-01-28 发布于四川"
        r"^[^。，,;；!?！？]{2,60}\.(?:docx?|pdf|pptx?|xlsx?|wps|txt)(?:VIP)?\s*$|^[-·•\s]*约\s?[\d.]+\s?(?:千字|万字|字|页)\s*$|"
        r"^[-·•\s]*(?:19|20)\d\d-\d{1,2}-\d{1,2}\s*发布于\S{0,8}\s*$|"
        r"\.(?:jpg|jpeg|png|gif|pdf|docx?|xlsx?|zip|rar)\b.{0,40}(?:下[载載]|[KM]B\b)|已下[载載]\s*\d*\s*次|"
        # a document site's page images and its share sentence: "企事业单位公文格式规范WORD20页.docx_第1页",
        # "《….docx》由会员分享,可在线阅读,更多相关《…》请在冰豆网上搜索。" (m.bdocx.com, m.yzwku.com)
        r"^[^。，,;；!?！？]{2,80}_第\s?\d{1,4}\s?页$|由会员分享\s*[,，]?\s*可在线阅读|请在\S{1,12}上搜索",
        re.I,
    )),
    # Collection labels of 范文 pages: "修建排水沟请示范文 篇1", "城管局副局长述职报告篇1", "第1篇",
    # "交通管制通告合集15篇", "交通管制通告1", "常务会议纪要范文精选", "…汇编(7篇)", "(15篇)", "…范文(通用4篇)",
    # "乡镇年度工作计划 篇一".
    ("collection_label", re.compile(
        r"^[^。，,;；:：!?！？]{0,40}?(?:\s?篇\s?(?:\d{1,2}|[一二三四五六七八九十]{1,3})|第\s?\d{1,2}\s?篇|合集\s?\d*\s?篇?|汇编\s?[(（]\s?\d+\s?篇\s?[)）]|"
        r"[(（][\u4e00-\u9fff]{0,4}\d{1,3}篇[)）]|[范範]文(?:精[选選]|[锦錦]集|集合|大全|汇总|\d*篇|[一二三四五六七八九十]+篇)?\S{0,4}|\d{1,2}篇|"
        # "交通管制通告1", and an entry of a collection numbered in brackets: "镇目标工作计划(一)" (not "…致辞(2)",
        # a paginated page's number, a title decoration)
        r"(?:通知|通告|公告|报告|讲话|讲话稿|发言|致辞|总结|计划|方案|心得体会|体会|请示|批复|纪要|意见|决定|主持词|倡议书|"
        # "公司文书管理工作制度5" (m.pmceo.com, tests/fixtures/structure_pages)
        r"制度|办法|细则|预案)"
        r"\s?(?:\d{1,2}|[(（][一二三四五六七八九十]{1,3}[)）]))"
        # a paginated collection's page label: "调研报告汇编(61篇)(第7/23页)"
        r"(?:\s?[(（]第\s?\d{1,3}(?:\s?/\s?\d{1,3})?\s?页[)）])?$"
    )),
    # Lines of |-separated search keywords on hijacked pages ("囯产精品…|国产日韩视频…|…").
    # (also joined by "_": "日韩高清亚洲日韩精品一区二区_亚洲成a人片在线观看无码_…")
    ("keyword_bar", re.compile(
        r"^(?:[^|｜_\s。，,]{6,40}[|｜_]){2,}[^|｜_\s。，,]{6,40}$|"
        # a link-farm line of short phrases joined by hyphens above a reposted document ("伊人…在线-一道本在线-
        # 国产成人精品…-久久久五月-…"): five or more hyphenated phrases with no sentence punctuation in the line
        r"^(?:[^-\s。，,、；;：:！？!?]{2,16}-){4,}[^-\s。，,、；;：:！？!?]{2,16}$|"
        # a bar of related-page links with spaced bars: "述職報告范文 | 述職報告開頭結尾 | 述職報告模板 | …" (four or
        # more short phrases; a table row "| 项目 | 内容 |" opens with its bar)
        r"^(?:[^|｜\s。，,、；;：:！？!?]{2,20}\s+[|｜]\s+){3,}[^|｜\s。，,、；;：:！？!?]{2,20}$"
    )),
    # A site's summary of the page above the document: "【摘要】精品学习网演讲稿专区提醒各位朋友,…", "【摘要】:五、…"
    # (51edu.com, guayunfan.com: tests/fixtures/structure_pages). Not a news page's "核心提示:" lead, which is
    # the article's own (daniel_zh tuning, a big5.xinhuanet.com page).
    ("site_summary", re.compile(r"^[【\[]\s*(?:摘\s*要|导\s*读|導\s*讀|导\s*语|導\s*語)\s*[】\]]")),
    # A portal's metadata table without colons, a label and its value per cell: "索 引 號 主題分類 科技、教育 \ 教育",
    # "發布機構 自治區人民政府辦公廳 文  號 內政辦發〔2012〕40號", "成文日期 2012-03-22", "索 引 號" (jeevanhouse.com,
    # tests/fixtures/structure_pages): a line opening with a table label, then a space or nothing, and no sentence
    ("meta_table", re.compile(
        r"^(?:索\s*引\s*[号號]|主[题題]分[类類]|[发發][布文][机機][构構]|成文日期|[发發][布文]日期|文\s*[号號]|[发發]文字[号號]|"
        r"[体體]裁分[类類]|[组組]配分[类類]|有效性)(?:\s+[^。；;！!？?]{1,60})?$"
    )),
    # A portal's footer: its site registration (ICP备…, 公网安备, 网站标识码), its host and operator lines (主办及版权所有:…,
    # 承办:… 联系电话:…), its address with the post code and its no-reposting notice (roundyun.com, tests/fixtures/structure_pages)
    ("site_footer", re.compile(
        r"ICP[备備]\s*\d|公网安[备備]|公網安[备備]|网站标识码|網站標識碼|^主[办辦](?:单位|單位)?(?:及版[权權]所有)?\s*[:：]|"
        r"^承[办辦](?:单位|單位)?\s*[:：].{0,40}(?:联系电话|聯系電話|電話|电话)|^地\s*址\s*[:：].{0,40}(?:邮编|郵編)\s*[:：]|"
        r"未[经經]授[权權]禁止[转轉][载載]|"
        # a portal's contact bar under every article, a row of contact fields and nothing else: "电话：021-52921234转641133
        # 021-52921234转 新民网 传真：021-62677454", "邮箱：稿件处理 处理时间：9:00—18:00" (daniel_zh tuning: xinmin.cn, under
        # six of its articles). Two labelled fields, no sentence punctuation; a document's own contact line names its person
        # and says 联系电话 ("联系人:邓长青,电话:2710900,传真:2710028", structure_real) and is not matched.
        + r"^{c}\s*[:：][^。！？!?，,；;]{{0,60}}?\s{c}\s*[:：][^。！？!?，,；;]{{0,60}}$".format(
            c=r"(?:报料|爆料|投稿|新闻|客服|值班)?(?:电话|電話|热线|熱線|传真|傳真|邮箱|郵箱|信箱|处理时间|處理時間)"
        )
    )),
    # A page's reader count and its editor's credit: "193人看过", "询律网小编整理" (xunlv.cn, tests/fixtures/structure_pages)
    ("counter", re.compile(r"^\d{1,9}\s*(?:人|次)\s*(?:看过|阅读|浏览|围观|已读|收藏|点赞)$|^[^\s。，,]{0,12}(?:小编|小編)(?:整理|编辑|推荐)$")),
    # A line of arrows and bars only: a breadcrumb's or a pager's leftover (">", "»", "|") (fanwenq.com)
    ("symbol_only", re.compile(r"^[<>»«›‹|｜/\\]+$")),
    # CSS rules and stray tag fragments of document-site exports ("body{margin:0;…}", "l>").
    ("css", re.compile(r"[\w.#\-\]\[=\"':]+\s*\{[^{}]*:[^{}]*\}|(?:[a-z-]{3,}\s*:\s*[^;{}:]{1,40};\s*){2,}", re.I)),
    # A writing book's apparatus around its examples: "[例文1]", "【範例一】" alone on a line.
    ("example_label", re.compile(r"^[\[【〔]\s*(?:例文|范例|範例|样文|樣文|范文|範文|示例)\s*[\d一二三四五六七八九十]{0,3}\s*[\]】〕]$")),
    # A page or chapter id alone on a line ("625800000007"): a number of 9 or more digits is no text.
    ("page_id", re.compile(r"^\d{9,}$")),
    ("html_fragment", re.compile(r"^</?[a-zA-Z]{0,8}\s*/?>$|^[a-z]{1,6}>$")),
    # Links to the neighbouring pages: "上一篇:关于大学助学金申请书四篇", "下一篇:…".
    ("adjacent_link", re.compile(r"^(?:上一篇|下一篇|上一篇文章|下一篇文章)\s*[:：]")),
    # A site's notice about itself: the old site closing or moving ("舊站將于1月11日關(guān)閉,屆時將無法訪問,請您及時將
    # 舊站信息保存。" above a reposted 公告: yuyu18.com, structure_real_7 tuning); matched without the injected pinyin.
    ("site_notice", re.compile(
        r"^[^。！？!?]{0,12}(?:旧站|舊站|老站|旧版网站|舊版網站|本站|本网站|本網站)\s*(?:将|將)(?:于|於)?[^。！？!?]{0,16}"
        r"(?:关闭|關閉|停止(?:访问|訪問|服务|服務|运营|運營)|下线|下線)"
    )),
)
# A page-button row: a line made only of these words, bracketed or not ("【打印本页】 【关闭窗口】",
# "下载 相关 举报", "[ 字体: 大 中 小 ] [ 打印 ] [ 关闭 ]", "保存 打印", "分享到: 微信 微博 QQ空间") — the words of
# the buttons of Chinese portals and document sites (pages corpus probes, tests/fixtures/structure_pages).
NOISE_WIDGET_ROW_WORDS = frozenset(
    "打印 打印本页 打印此页 打印此文 打印文章 我要打印 关闭 关闭窗口 关闭本页 收藏 收藏本页 加入收藏 我要收藏 分享 分享到 "
    "举报 下载 下载本文 相关 返回 返回顶部 返回列表 返回首页 纠错 我要纠错 评论 我要评论 发表评论 保存 复制 复制链接 "
    "微信 微博 QQ QQ空间 新浪微博 腾讯微博 手机APP 手机版 字体 字号 大 中 小 默认 放大 缩小 上一页 下一页 首页 尾页 "
    "点赞 赞 顶 踩 推荐 设为首页 打印本文 關閉 關閉窗口 列印 打印預覽 打印预览 告诉好友 发送给好友 我要投稿 投稿 "
    "查看评论 点击查看评论 网友评论 我要反馈 收藏本文 保存到博客 推荐给朋友 朋友圈 微信好友 QQ好友 人人网 豆瓣".split()
)
# Button words that are a widget alone on their line too ("我要评论", "保存到博客", "朋友圈" under a
# portal's article); the others ("相关", "返回", "大", "顶", "推荐") only in a row of two or more.
NOISE_WIDGET_ROW_ALONE_WORDS = frozenset(
    "打印本页 打印此文 我要打印 关闭窗口 加入收藏 我要收藏 我要纠错 纠错 举报 我要评论 发表评论 查看评论 点击查看评论 "
    "我要反馈 收藏本文 保存到博客 推荐给朋友 朋友圈 微信好友".split()
)
NOISE_WIDGET_ROW_SPLIT = re.compile(r"[\s\[\]【】()（）|｜/:：,，、·•]+")
# The end of a line scraped from a table cell: its bars, and the empty metadata fields of the cells beside it
# ("…先进个人的决定 | |", "…2013年12月27日 作者: 信息來源: |": bjzhk.net, structure_real_5 tuning).
NOISE_TABLE_TAIL = re.compile(
    r"(?<=\S)(?:\s+(?:作者|信息来源|信息來源|来源|來源|编辑|編輯|责任编辑|發布時間|发布时间)\s*[:：])*(?:\s+[|｜])+\s*$"
)
# The opening line of a CSS rule kept in a document-site export ("p {", ".content p{text-indent:2em;").
NOISE_CSS_OPEN = re.compile(r"^[\w.#\-\s,>*:\[\]=\"']{1,80}\{")
# Answer options and the answer of an exam page ("选项 A、××省关于…的批复", "B、…", "答案A").
NOISE_EXAM_OPTION = re.compile(r"^(?:选项\s*)?(?P<letter>[A-D])\s*[、.．]")
NOISE_EXAM_ANSWER = re.compile(r"^(?:答案|参考答案|正确答案)\s*[:：]?\s*[A-D]+\s*$")
# A document site's chunk number at a line start ("2、书名单…"), and the end of a line that was not
# cut off mid-sentence (a sentence end or a colon).
NOISE_CHUNK_NUMBER = re.compile(r"^(?P<num>\d{1,3})、(?=\S)")
NOISE_CHUNK_CUT_END = re.compile(r"[。！？!?；;:：…”」』)）]\s*$")
# HTML source left in a text scrape ("<p>各市、县人民政府:</p><p style=\"text-align: right;\">…",
# "<strong> 一、指导思想</strong>"): block tags end a line, inline tags go; counted from this many tags.
NOISE_MARKUP_TAG = re.compile(r"</?(?P<tag>[a-zA-Z][a-zA-Z0-9]{0,9})\b(?:\s[^<>]{0,300})?/?>")
NOISE_MARKUP_BLOCK_TAGS = frozenset(("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                                     "tr", "table", "section", "article", "blockquote", "hr"))
NOISE_MARKUP_MIN_TAGS = 3
# A repost's own lead ends where the reposted document begins: "全文如下↓↓↓", "通报全文如下:", "原文如下".
NOISE_REPOST_MARKER = re.compile(r"^[^。！？!?]{0,12}?(?:全文|原文)如下\s*[:：]?\s*[↓⬇👇]*\s*$")
# A writing book's chapter line named after a 文种 ("第7章 通 报" above "[例文1]": dushuhao.com, structure_real_3 tuning).
NOISE_BOOK_CHAPTER = re.compile(r"^第\s*[一二三四五六七八九十百\d]{1,4}\s*章\s*(?P<name>(?:[\u4e00-\u9fff]\s*){2,5})$")
# A bracketed headline at the start of a line ("【 『紧急通知』石家庄…公布】4月22日,…"): a news page's lead bracket.
NOISE_LEAD_BRACKET = re.compile(r"^\s*【(?P<headline>[^【】]{4,80})】")
# A credit line of a repost ("来源/…", "编辑/…", "责任编辑:…", "审核:…"): the related-article headlines
# after the last one are the page's, not the document's.
NOISE_CREDIT_LINE = re.compile(r"^(?:来源|编辑|責任編輯|责任编辑|责编|审核|校对|排版|编审)\s*[/:：]")
# The label a page puts before its teaser of the opening ("推荐阅读:", "导读:", "摘要:").
NOISE_TEASER_LABEL = re.compile(r"^(?:推荐阅读|导读|導讀|导语|導語|摘要|简介|簡介|内容提要|内容简介)[:：】]")
# A list bullet before a chrome line ("  • 索引号:"), ignored when the line is judged.
NOISE_BULLET = re.compile(r"^[•·●◆■▪►\-–]\s*")
# A space between two non-ASCII characters: the gap a jammer run or a mark leaves between two Chinese characters
# when it is cut ("加强学习) L. c9 R- ~' O6 L3 u" inside a sentence); clean/noise.py removes it unless the line parts
# its words by such spaces already (noise.LOST_BREAK_SPACES: a text whose line breaks were lost into spaces,
# qq.com in structure_real_4 tuning).
NOISE_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])")
# A label of two or three ideographs spaced out to the width of a table's column before its colon ("名    称:蔚县…",
# "文    号:", "主 题 词:" of government information pages): read as the label (名称:, 文号:, 主题词:).
NOISE_SPACED_LABEL = re.compile(r"(?:(?<=^)|(?<=\s))[\u4e00-\u9fff](?: +[\u4e00-\u9fff]){1,2}(?= *[:：])")
# The end of a document site's name in its watermark line, the name before the page's title ("腾讯文库2024年镇委…",
# qq.com in structure_real_4 tuning; clean/noise.is_title_echo).
NOISE_SITE_NAME_END = re.compile(r"(?:文库|文庫|文档|文檔|网|網|站)$")
# What makes a line a collection label rather than a title, at its end: "…篇1", "合集15篇", "汇编(61篇)(第7/23页)",
# "范文精选", "(15篇)" — cut before the 文种 of the collection is read.
NOISE_COLLECTION_TAIL = re.compile(
    r"(?:\s?篇\s?\d{1,2}|第\s?\d{1,2}\s?篇|合集\s?\d*\s?篇?|汇编|[(（]\d{1,3}篇[)）]|[范範]文\S{0,4}|\d{1,2}篇|"
    r"[(（]第\s?\d{1,3}(?:\s?/\s?\d{1,3})?\s?页[)）]|\s?\d{1,2})+$"
)
# A collection label glued before the document's first line: "小学学校校长述职报告 篇1尊敬的各位领导…".
NOISE_COLLECTION_PREFIX = re.compile(r"^[^。，,;；:：!?！？]{2,40}?\s?篇\s?\d{1,2}(?=[\u4e00-\u9fff])")
# Injected pinyin after a character ("總結(jié)", "長(zhǎng)"): kept in the text as written (see
# clean/noise.py), but ignored when a line is matched against the chrome patterns above.
# Toneless pinyin glosses in ASCII brackets ("不代表本站(zhan)觀點(dian)"), a jammer some 范文 sites inject:
# left out only when a line is judged as chrome (clean/noise.chrome_reason), never removed from text.
NOISE_PINYIN_PLAIN = re.compile(r"(?<=[\u3400-\u9fff])\((?=[a-z]*[aeiouv])[a-z]{2,6}\)")
NOISE_PINYIN = re.compile(
    r"(?<=[\u3400-\u9fff])\s?[(（](?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]|[a-zü]{1,6}[1-5][)）])"
    r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}[1-5]?[)）]"
)

# =============================================================================================
# HTML main content  (owned by clean/html/; its numeric thresholds are clean/html/settings.py)

# A link whose whole text is a URL with a path ("https://help.aliyun.com/document_detail/433945.html",
# "https://github.com/HamCQ/flarum-ext-filter-plus"): an address a poster pasted and the forum
# linked, part of the post (forum_zh tuning flarum_cn_15448: two such lines of the opening post
# were dropped as link-dense). Navigation reads as words; a bare domain ("www.gov.cn") in a
# footer has no path and is not matched.
HTML_PASTED_URL = re.compile(r"(?:https?://|www\.)[^\s/]+\.[^\s/]+/\S+$", re.I)

# Elements whose content is never body text: code, styling, embedded objects, form controls.
HTML_JUNK_TAGS: tuple[str, ...] = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "frame", "frameset",
    "object", "embed", "applet", "canvas", "video", "audio", "map", "input", "select",
    "textarea", "button", "option", "datalist", "dialog", "link", "meta", "title",
    "img", "wbr", "area", "source", "track", "param",  # no text of their own (alt is not body)
)
# Presentational inline tags unwrapped before analysis (their text and children stay): old
# pages nest <font> in every cell; one element fewer per run of text speeds every pass.
HTML_UNWRAP_TAGS: tuple[str, ...] = ("font", "i", "em", "u", "small", "big", "tt", "nobr", "s", "strike", "abbr", "acronym", "cite", "ins", "mark", "q", "time")
# Inline display is hidden: style="display:none" / "visibility:hidden" (collapsed menus,
# SEO keyword stuffing, templates for JS).
HTML_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# class/id tokens of page chrome. Matched against whole tokens of class/id split on space,
# '-' and '_' (so "nav" hits "main-nav" but not "canvas"). Chinese portals use pinyin and
# English-ish ids alike (xgyd = 相关阅读, tj = 推荐, bq = 版权 are too short to be safe and
# are not listed; their boxes are caught by HTML_BOILER_HEADER and link density instead).
HTML_BOILER_TOKENS: frozenset[str] = frozenset((
    "nav", "navbar", "navigation", "menu", "menus", "submenu", "topbar", "footer", "sidebar",
    "rightbar", "leftbar", "comment", "comments", "commentlist", "share", "sharing", "social",
    "bshare", "jiathis", "related", "relate", "recommend", "recommended", "breadcrumb",
    "breadcrumbs", "crumb", "crumbs", "copyright", "ad", "ads", "adv", "advert",
    "adverts", "advertisement", "sponsor", "sponsored", "promo", "popup", "modal", "cookie",
    "cookies", "newsletter", "subscribe", "login", "signup", "register", "toolbar", "tagcloud",
    "pagination", "pager", "paging", "masthead", "signature", "sign", "sig",
    "userinfo", "avatar", "postauthor", "friendlink", "outbrain", "taboola", "disqus",
    "skip", "rss",
    # (not "banner", a weak token: landing pages put their lead section in a "heroBanner" /
    # "hero-banner" and page builders name every full-width strip one — pruning them deleted
    # a store's whole home page; ad banners say "ad"/"promo" too.)
    # (not "widget": page builders — Elementor's elementor-widget-container, HubSpot's
    # widget-span, CMS WidgetWrapper — wrap every block of the article in one)
    # forum software conventions (Discuz! and its clones): anti-copy jammer text, the post
    # status line "本帖最后由 X 于 … 编辑", rating boxes
    "jammer", "pstatus", "postratings",
    # cookie-consent managers, whose banner and preference centre sit at the end of <body> with
    # paragraphs of policy text (OneTrust's onetrust-consent-sdk, Ethyca's fides-banner,
    # Complianz's cmplz-cookiebanner, "gdpr-banner", "cookie-consent"; wcxb_dev tuning 0543,
    # 2967, 2971, 2974, 2991, 4812 kept them). (Not "cc": a utility-class prefix of page builders.)
    "onetrust", "fides", "gdpr", "consent", "cookiebanner", "cookieconsent", "cmplz",
    # MediaWiki's section edit links beside every heading ("简介 [ 编辑 ]", "History [edit]":
    # span.mw-editsection; cwced_zh tuning d5bced5e's headings missed the truth's for them)
    "editsection",
))
# The chrome tokens that name a comment section (a subset of HTML_BOILER_TOKENS). A comment
# section beside an article is chrome; on a thread page (old.reddit, slashdot) every post is
# named "comment" and the posts are the content (clean/html/prune.py decides which by the run
# of posts: settings.thread_*).
HTML_COMMENT_TOKENS: frozenset[str] = frozenset(("comment", "comments", "commentlist"))
# The chrome tokens that name a widget made of links: skip links ("skip-to-content"),
# breadcrumbs, pagers, feeds, tag clouds. A subtree named so whose text is not link text is not
# that widget (wcxb_dev tuning 4233: an article's ten sections are "skip-item" scroll targets):
# prune.py keeps it (settings.link_widget_max_link_density).
HTML_LINK_WIDGET_TOKENS: frozenset[str] = frozenset((
    "skip", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "pagination", "pager", "paging",
    "rss", "tagcloud", "friendlink",
))
# The chrome tokens that name a forum post's signature (a subset of HTML_BOILER_TOKENS). On a
# definition term (<dt>) they name an API reference's signature instead: Sphinx writes every
# class and function as <dt class="sig sig-object py"> ("class UpdateCacheMiddleware [source]"),
# the entry's title, not a poster's sign-off (clean/html/prune.py keeps it; wcxb_dev tuning
# 0661, Django's middleware reference, lost all 22 class signatures).
HTML_SIGNATURE_TOKENS: frozenset[str] = frozenset(("signature", "sign", "sig"))
# The class/id token of a page's main column ("c-layout-main", "site-main", "main-content"): a
# chrome-named layout around it is a wrapper, not chrome (clean/html/prune.py _wraps_main).
HTML_MAIN_TOKEN = "main"
# The chrome tokens that name a pop-up over the page (a subset of HTML_BOILER_TOKENS): its text
# can outweigh a short page's own (mdbook's keyboard-help popup, four English lines, above a
# chapter page of one Chinese paragraph: Rust by Example zh, flow_control.html), so a subtree
# named so, or a modal dialog, is spared by prune.py only when it holds the page's h1.
HTML_OVERLAY_TOKENS: frozenset[str] = frozenset(("popup", "modal"))
# "hide"/"hidden" name a hidden element when they end a class word ("hidden", "is-hidden",
# "visually-hidden") or open a responsive one ("hide-on-mobile", "hidden-xs",
# "hide-for-small-only": a shop's second copy of its description for another screen, dropped
# as a weak-chrome duplicate); followed by any other token they are a styling modifier
# ("hideBullet": a list without bullets, wcxb_dev tuning 4900's price plans), not chrome.
HTML_HIDE_TOKENS: frozenset[str] = frozenset(("hide", "hidden"))
# ... but not after "overflow" (Tailwind's and Bootstrap's "overflow-hidden", "overflow-x-hidden":
# the box clips what overflows it, its content shows; wcxb_dev tuning 4464's feature sections).
HTML_OVERFLOW_AXES: frozenset[str] = frozenset(("x", "y"))
HTML_RESPONSIVE_TOKENS: frozenset[str] = frozenset((
    "on", "for", "mobile", "desktop", "tablet", "phone", "small", "medium", "large", "xs", "sm",
    "md", "lg", "xl", "xxl", "print", "screen",
))
# Class/id tokens of a collapsed panel a reader opens (an FAQ's answer, an accordion or tab
# panel): hidden by the page's style until its toggle is clicked, and content all the same
# (wcxb_dev tuning 0132's "faq__answer", 0607's "chakra-collapse"). Read by prune.py.
HTML_DISCLOSURE_TOKENS: frozenset[str] = frozenset((
    "answer", "accordion", "collapse", "collapsible", "tabpanel", "expandable",
))
# The id of a segment React's streaming renderer sends hidden and moves into place by script
# (<div hidden id="S:0">): the page as shown, not hidden content (wcxb_dev tuning 4503, 0046).
HTML_STREAMED_SEGMENT_ID = re.compile(r"S:[0-9a-z]+")
# Weaker chrome tokens: a layout column ("left-side") or a header may hold the article, so
# these only lower a container's score and prune small or link-heavy parts inside the body.
HTML_WEAK_BOILER_TOKENS: frozenset[str] = frozenset((
    "side", "aside", "foot", "ft", "header", "banner", "reply", "replies", "tags", "tag", "byline",
    "author", "meta", "rank", "links", "print", "tools", "hidden", "hide", "caption", "credit",
    "dateline", "timestamp", "keywords", "feedback", "logo", "search", "more", "hot", "extra",
    "info", "date", "time", "source",
    # a "profile" column may be a company profile page's body; a forum user panel is link-heavy
    "profile",
))
# Weak chrome tokens that, on a heading element (h1-h6), name the heading itself: a heading is the
# header of its section (rustdoc's <h4 class="code-header"> above every method signature,
# "section-header", "card-header"), not the page header the token means on a box (wcxb_dev
# tuning 2861 lost every signature as inner chrome).
HTML_HEADING_SELF_TOKENS: frozenset[str] = frozenset(("header",))
# Tokens that mark the body container itself; they outweigh a chrome token on the same
# element ("article-header" loses, "post-content" wins).
HTML_CONTENT_TOKENS: frozenset[str] = frozenset((
    "article", "articles", "content", "contents", "entry", "post", "body", "text", "story",
    "main", "detail", "details", "news", "blog", "zw", "zhengwen", "txt", "con", "cont",
    "artibody", "article_content", "postbody", "postmessage", "message", "t_f", "read", "doc",
    "document", "page", "paper", "column",
))
# The class/id splitter: "main-nav_bar top" -> main, nav, bar, top; "articleBody" -> article,
# body (tokens are lower-cased after splitting and looked up in the sets above).
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
# The title of a shop's recommendation carousel: other products than the page's own ("Similar
# items", "Explore related items", "People who viewed this item also viewed", "You may also like",
# "Customers also bought", "Frequently bought together", "Recently viewed"). A section that opens
# with such a title is chrome whatever its links say: its cards are often script-driven tiles
# with little link text (wcxb_dev tuning product pages; WCXB's truth lists "People who viewed
# this item also viewed" as must-not text). Matched on a heading's whole text.
HTML_RECOMMENDATION_HEADING = re.compile(
    r"^\s*(?:(?:similar|related|recommended|sponsored|suggested)\s+(?:items?|products?)|"
    r"explore\s+(?:more\s+|related\s+)?(?:items?|products?)|"
    r"(?:people|customers|shoppers)\s+(?:who\s+\w+\s+(?:this|these)\s+(?:items?|products?)\s+)?also\s+\w+|"
    r"you\s+(?:may|might)\s+also\s+(?:like|love|be\s+interested)|frequently\s+bought\s+together|"
    r"recently\s+viewed(?:\s+(?:items?|products?))?|more\s+(?:items?|products?)\s+(?:from|like|to\s+consider))\b",
    re.I,
)
# The same headers written the other way round, the topic first: "“苹果”手机相关", "本周热点推荐" (a
# link box's title left at the end of the content once its links are dropped: daniel_zh tuning).
HTML_BOILER_HEADER_END = re.compile(r"(?:相关|相關|推荐|推薦|延伸阅读|延伸閱讀|排行)\s*[:：]?\s*$")
# A heading that names the readers' comments below an article ("评论", "网友评论 (12)", "发表评论", "63条评论"): where the
# comment section's names say nothing, it is what tells the comments from the article (cwced_zh tuning 54e89e4e, a blog
# post: read without its class names, its 40 comments under the heading "评论" were taken as the post; clean/html/emission).
HTML_COMMENTS_HEADING = re.compile(
    r"^\s*(?:网友|網友|读者|讀者|最新|热门|熱門|全部|精彩)?(?:评论|評論|留言)(?:列表|区|區)?\s*(?:[(（]\s*\d+\s*[)）])?\s*[:：]?\s*$|"
    r"^\s*(?:发表|發表|我要)(?:评论|評論)\s*$|^\s*(?:共|已有)?\s*\d+\s*(?:条|條)(?:评论|評論)\s*$"
)
# Short lines inside the content that are chrome: font-size switches, print/close links,
# editor credits, share prompts, "上一篇/下一篇", "(完)" is kept (it is body text). A keyword line says 关键词, 关键字 or
# their traditional forms ("關鍵字：視力模糊、角膜、…" under a ttv.com.tw article, daniel_zh tuning, dropped there by its name).
HTML_CHROME_LINE = re.compile(
    r"^\s*(?:【?\s*(?:字体|字号)\s*[:：]?\s*[大中小\s]+】?|【?打印(?:本页|此文)?】?|【?关闭(?:窗口)?】?|"
    r"【?(?:责任编辑|编辑|责编|审核|校对|值班编辑|图片编辑|美编)\s*[:：]|分享到[:：]?|上一篇|下一篇|"
    r"返回(?:顶部|首页|列表)|点击(?:次数|数|量)?[:：]|浏览(?:次数)?[:：]|阅读(?:次数|数)?[:：]\s*\d|"
    r"(?:本文)?(?:标签|標籤)[:：]|(?:关键词|关键字|關鍵詞|關鍵字)[:：]|tags?\s*:|share (?:this|on)|print this|email this|"
    r"(?:posted|filed) (?:in|under)\b|advertisement$|sponsored$|related:|read more\b|"
    r"click here\b|all rights reserved|©|copyright\b|版权所有|skip to|"
    # share-plugin and reading-time widgets ("Sharing is caring!", "3 min read")
    r"sharing is caring|reading time\b|\d+\s*min(?:ute)?s?\s+read$|tempo de leitura)",
    re.I,
)
# A short line that opens with a credit's label but ends like a sentence (？！。) is no credit: an interview's question
# "记者：你通过什么渠道最快的获取这些信息？" (cwced_zh tuning a0cb0242, a news site's interview: the reporter's questions
# were dropped as author lines). A credit ends with the name.
HTML_CREDIT_SENTENCE_END = re.compile(r"[？?！!。]\s*$")
# English dateline words, removed before judging whether a short line is only a dateline:
# "Published November 20th, 2019 - 07:29 GMT", "Updated Tue., Nov. 19, 2019 5:30 pm ET".
BYLINE_WORDS_EN = re.compile(
    r"\b(?:published|updated|posted|last|modified|on|at|by|am|pm|[a-z]{1,3}t|utc|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)\b\.?|\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}/\d{1,2}/\d{2,4}",
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

# Generator credits in <title>: "… - Powered by Discuz!", "Powered by PHPWind".
TITLE_GENERATOR = re.compile(r"^(?:powered by|published with|built with)\b", re.I)
# Title separators, for splitting "标题_栏目_站点" / "Title | Section | Site" into parts.
# A bare hyphen separates only next to Chinese text ("标题-搜狐财经", "标题--雅虎新闻"), so
# "Wal-Mart" or "2005-04" stay whole.
TITLE_SEPARATORS = re.compile(
    r"\s*(?:_|\||｜|–|—{1,2}|\s-\s|\s::\s|»|·\s|(?<=[\u3400-\u9fff）)】」])-{1,2}|-{1,2}(?=[\u3400-\u9fff]))\s*"
)
# What may follow a <title> headline in the <h1> that continues it (metadata.h1_continuing): a
# word after a space, a closing ":"/"."/"?", or the rest of a word the title was cut in; not a
# separator before a tagline, the site or a source ("… - Personally Tested", "… | Cookshack",
# "… (latimes.com) 87", "… Posted on July 1, 2024 by …").
TITLE_H1_CONTINUATION = re.compile(r"^(?:\s+[^\W\d_]|[:.?!]|[a-z])")
TITLE_H1_NOT_CONTINUATION = re.compile(r"^\s*[|\-–—·•»(\[]|\.(?:com|org|net|io)\b|\bposted\b", re.I)
# Meta tags that state the publication time (Open Graph, Dublin Core, Parsely, sailthru,
# Chinese CMSs' "publishdate"/"pubdate"), most specific first.
META_DATE_NAMES: tuple[str, ...] = (
    "article:published_time", "og:article:published_time", "datepublished", "publishdate",
    "pubdate", "publish-date", "publish_date", "dc.date.issued", "dc.date", "dcterms.created",
    "dcterms.date", "date", "sailthru.date", "parsely-pub-date", "article.published",
    "published-date", "release_date", "og:published_time", "og:release_date", "created",
    # (a blog CMS's <meta name="published" content="July 17, 2025">; a forum topic's
    # itemprop="dateCreated", the first post's time)
    "published", "datecreated",
    # Chinese portals and government sites (政府网站 meta conventions: PubDate, ArticleTitle …)
    "pubtime", "publishtime", "firstpublishedtime", "weibo: article:create_at",
    "article:create_at", "releasedate",
    "article:modified_time", "og:updated_time", "lastmod",
)
# Meta tags that state the headline itself (Chinese government sites' ArticleTitle).
META_TITLE_NAMES: tuple[str, ...] = ("articletitle", "og:title", "twitter:title", "title")
# (cXense's "cXenseParse:author" first: the byline's name where "author" names the account,
# NBC News Select's "shopwithselect")
META_AUTHOR_NAMES: tuple[str, ...] = (
    "cxenseparse:author", "author", "article:author", "og:article:author", "dc.creator", "byl", "parsely-author",
    "sailthru.author", "citation_author", "twitter:creator",
)
META_SITE_NAMES: tuple[str, ...] = ("og:site_name", "sitename", "application-name")
# A year read as a date's year, 1900-2099 (dates._YEAR_HINT's quick test of a text, and the year
# of a speaker-and-date title tail below): one spelling for every pattern that needs a bare year.
DATE_YEAR = re.compile(r"(?:19|20)\d\d")
# A date written on the page, with an optional time and numeric UTC offset: 2024-12-06 00:37:14,
# 2024年12月6日 08:30, 2005/3/21, 2024-12-06T00:37:14+08:00.
DATE_IN_TEXT = re.compile(
    r"(?=[12])(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})"
    r"(?!\d)\s*日?(?:\s*(?:T|\s)?\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?"
    r"(?:\s*(?P<tz>Z|[+-]\d{2}:?\d{2}))?)?"
)
# A US-style numeric date with a 12-hour time, as ASP templates print it after a Chinese date
# label ("发布日期： 9/17/2004 5:54:13 AM"): month first. Read only right after a date label.
DATE_US_NUMERIC = re.compile(
    r"^\s*(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d{2})"
    r"(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[AaPp][Mm]))?"
)
# English dates: "November 19, 2019", "19 Nov 2019", "Nov. 19, 2019 5:30 pm".
DATE_IN_TEXT_EN = re.compile(
    r"(?=[JFMASONDjfmasond0-9])\b(?:(?P<mon1>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d{2})"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon2>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(?P<y2>(?:19|20)\d{2}))\b",
    re.I,
)
# A dotted day-first date with a four-digit year, as European sites print it: "23.07.2025"
# (a dotted year-first "2012.01.12" is DATE_IN_TEXT's). Not inside a longer dotted number.
DATE_DMY_DOTTED = re.compile(r"(?<![\w.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d{2})(?![\d.]|\.\d)")
# A numeric date with the year last, "2/24/2026" under a US byline, "11-29-2024, 09:03 AM" of a
# vBulletin post (dates.find reads it month first unless the first number cannot be a month):
# not inside a longer run of numbers and separators (a part number, a fraction).
DATE_MDY_NUMERIC = re.compile(r"(?<![\w./-])(?P<a>[0-3]?\d)(?P<sep>[/-])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d{2})(?![\w/-])")
# (Several patterns here open with a lookahead of their possible first characters: Python's
# regex engine then skips ahead with a fast scan instead of trying every alternative at every
# position — 7x faster on page-length text.)
# "Posted Nov 18, 8:19 PM": a dateline without the year (the year comes from the page's
# machine timestamp; used only to check that timestamp's day).
DATE_POSTED_NO_YEAR_EN = re.compile(
    r"(?:Posted|Published)(?:\s+on)?:?\s+(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
    r"(?P<d>\d{1,2})\b(?!(?:st|nd|rd|th)?,?\s*(?:19|20)\d{2})",
    re.I,
)
# Any CJK ideograph (a cheap test before the Chinese-only patterns).
HAS_CJK = re.compile(r"[\u3400-\u9fff]").search
# The publication time of a platform page kept only in a script or a data attribute (WeChat
# articles: `var ct = "1581234567"`, `var publish_time = "2020-02-09"`; self-media and portal
# channels: `"publish_time": 1581234567`, `"pubDate": "2020-02-09 10:21"`, `publishTime:`,
# `data-publish-time="…"`). Comment and "create" times are left out: they are not the
# article's. The value is epoch seconds/milliseconds or a written date.
SCRIPT_DATE = re.compile(
    # (the lookahead lists the possible first characters: 2.5x faster over the scripts of a page
    # that states no date elsewhere, ~12 ms a wcxb_dev page before)
    r"""(?=[vV"'pPrRdDfF])(?:\bvar\s+ct\s*=\s*|["']?\b(?:publish_?time|publish_?date|pub_?date|pub_?time|release_?time|"""
    r"""date_?published|published_?(?:at|time)|first_?published_?time)\b["']?\s*[:=]\s*|"""
    r"""\bdata-(?:publish|pub|release)-?(?:time|date)\s*=\s*)["']?"""
    r"""(?P<value>\d{10}(?:\d{3})?(?!\d)|(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}[^"'<,}]{0,20})""",
    re.I,
)
# Scripts are searched this far for SCRIPT_DATE (the variables sit near the start of their
# script; minified bundles of several MB are not worth scanning whole).
SCRIPT_DATE_MAX_CHARS = 200_000
# What every SCRIPT_DATE match holds near its start: "pub" (publish_time, pubDate, date_published,
# first_published_time, data-pub-time), "relea" (release_time) or "var ct". A script without
# one has no match and is not scanned; one with it is scanned from SCRIPT_DATE_KEYWORD_LEAD
# characters before the first (the longest lead is '"first_' of "first_published_time").
# No letter of the keywords has a second case-blind spelling (the long s of "release" is left
# to SCRIPT_DATE). Output-identical; dates.from_scripts over the scripts of 445 wcxb_dev pages
# 0.65 -> 0.56 s, best of 3, the same 17 dates found.
SCRIPT_DATE_KEYWORD = re.compile(r"pub|relea|var\s+ct", re.I)
SCRIPT_DATE_KEYWORD_LEAD = 7
# A line that opens a list of other items (related stories, "Also see"): the dates and names
# after it in the dateline window are theirs, not the article's ("Also see\nGuidance\nPublish
# date\n17 Jan 2019" under a guide published 15 November 2018). English only: a Chinese portal's
# "相关新闻" line may sit between the headline and its dateline.
RELATED_ITEMS_LINE = re.compile(
    r"(?im)^[ \t]*(?:also see|see also|related(?: articles| posts| stories| content| reading)?|"
    r"you may also like|more (?:stories|articles|posts) like this|read next|recommended(?: for you)?)[ \t:]*$"
)
# A footer line of the site, not of the article: its dates are the site's (copyright years,
# ICP registration, "last updated" of the whole site) and never the publication date.
SITE_FOOTER_LINE = re.compile(r"©|\(c\)|copyright|版权所有|版權所有|备案|ICP|all rights reserved", re.I)
# What SITE_FOOTER_LINE can match, as lower-case substrings: a text holding none of them has no
# footer line, found with `in` on its lower-cased copy (the case-blind regex takes ~1 ms on the
# 6,000 characters searched when a page states no date; the substrings ~0.02 ms).
SITE_FOOTER_MARKS: tuple[str, ...] = ("©", "(c)", "copyright", "版权所有", "版權所有", "备案", "icp", "all rights reserved")
# Labels that introduce the publication time on Chinese pages ("发布时间：", "时间：", forum
# footers' "发布时间 2005/05/17 22:11:42" without a colon, then a digit); only
# the label's end matters, so the optional 发布/发表 prefix is left out (it made the regex
# try an optional group at every position of the page text).
# A label before a printed date that makes it some other date than the publication: an update
# ("Updated on June 18, 2025", "Last updated:"), a forum's join date or last reply ("Joined Nov 4,
# 2011", "last post by ggery Sep 26, 2024"), a review. Read over the characters just before the
# date (DATE_OTHER_LABEL_CHARS), across a line break.
DATE_OTHER_LABEL = re.compile(
    r"(?:updated|updates|modified|edited|revised|reviewed|joined|last\s+(?:post|reply|activity|active|seen)(?:\s+by\s+\S+)?|"
    r"更新|修改|注册|最后回复)\s*(?:on|at|:|：)?\s*[\w,.]{0,4}\s*$",
    re.I,
)
DATE_OTHER_LABEL_CHARS = 40
DATE_LABEL = re.compile(r"(?=[时日发Pp])(?:(?:时间|日期)\s*[:：]?\s*(?=\d)|发表于|发布于|[Pp]osted|[Pp]ublished)")
# Author labels. 责任编辑/编辑 are editor credits, never the author. 执笔(人)： names
# the drafters of a report or a proposal.
AUTHOR_LABEL = re.compile(
    r"(?=[作撰通供本记記特文执BA])(?:(?:作\s*者|撰\s*文|通讯员|通訊員|供稿|执笔人?)\s*[:：/]\s*|(?:本报|本報|本台|本刊|特约|特約)?(?:记者|記者)(?:\s*[:：]\s*|\s+)|"
    r"(?<![\u3400-\u9fff])文\s*[/:：]\s*|Author:\s*)"
    r"(?P<name>[\u3400-\u9fff·]{2,4}(?:[ 　、,，和及]+[\u3400-\u9fff·]{2,4}){0,5}(?![\u3400-\u9fff])|"
    r"[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}|[A-Za-z0-9_&]{3,20}(?=\s|$))",
)
# 作者 without a colon before the writer's name, the name ending its line or a bracket: "《棱镜》作者
# 周纯" closing a portal story (GNE test page qq 2), "作者" / "魏星" as two cells of a byline row
# (csdn 1: the text has the label and the name on lines of their own), "【文/观察者网专栏作者
# 王文】" (guancha). The caller wants a surnamed person's name (clean/metadata._person_like):
# "作者最新文章", "作者简介" are not credits.
AUTHOR_LABEL_BARE = re.compile(
    r"作者[ \t\u3000]*\n?[ \t\u3000]*(?P<name>[\u3400-\u9fff·]{2,4})(?=[ \t\u3000]*(?:$|\n|[】\]）)]))"
)
# Credits written around the name: "本报记者罗科苏盈发自北京", "记者马俊峰/文", and forum
# footers "本贴由 大卫 于2005年8月12日…" / "本帖最后由 X 于 … 编辑".
AUTHOR_AROUND = re.compile(
    r"(?=[本记])(?:(?:本报|本台|本刊|特约)?记者\s*(?P<reporter>[\u3400-\u9fff·]{2,4}?)\s*(?:发自|报道|采写|/\s*文)"
    r"|本(?:帖最后|[贴帖])由\s*(?P<poster>[^\s于]{1,20})\s*于)"
)
# (a value with markup characters is an attribute the label sits in, not an outlet: 来源：size="20")
# "来源于：东区办事处" (a Chinese portal's byline slot, GNE test page zsnews 1) is the same label
# with 于/於 before the colon.
SOURCE_LABEL = re.compile(
    r"(?:来源于|來源於|来源|來源|稿源|出处|出處|文章来源|信息来源|本文来源|本文來源|摘自)\s*[:：]\s*"
    r"""(?P<name>[^\s|/,，;；()（）【】=<>"']{2,30})(?=[\s|/,，;；()（）【】]|$)"""
)
# The 来源 label alone at the end of its line (after the row's "|" separator) and the outlet alone
# on the next: a byline row of cells "| 来源" / "CSDN" (GNE test page csdn 1, the row "发表于 | … | 来源 | CSDN | … | 作者 | 魏星").
SOURCE_LABEL_BARE = re.compile(
    r"(?m)^[ \t\u3000|｜]*(?:来源|來源|稿源)[ \t\u3000]*\n[ \t\u3000]*"
    r"""(?P<name>[^\s|/,，;；()（）【】=<>"':：]{2,30})[ \t\u3000]*$"""
)
# A closing credit naming the outlet, then the writer, then the editor: "（来源：中国日报网 信莲
# 编辑：北风）" — the name between the outlet and the editor label (or the bracket's end) is the
# author (the outlet is the 来源).
SOURCE_THEN_WRITER = re.compile(
    r"(?:来源|來源)[ \t\u3000]*[:：][ \t\u3000]*[^\s()（）:：]{2,20}(?:网|網|报|報|社|台)[ \t\u3000]+"
    r"(?P<name>[\u3400-\u9fff]{2,3})(?=[ \t\u3000]*(?:编辑|編輯|责编|責編|[)）]))"
)
# The role words of a reporter credit (simplified and traditional: 通讯员, 实习生, 见习记者, 记者), between the names of
# "(记者 柳德新 通讯员 彭娟)": read by DATELINE_REPORTERS, and taken out of the names by clean/metadata._reporters.
_REPORTER_ROLES = r"(?:通讯员|通訊員|实习生|實習生|见习记者|見習記者|记者|記者)"
REPORTER_ROLE = re.compile(_REPORTER_ROLES)
# Reporters credited in brackets in a Chinese dateline (simplified and traditional):
# "本报讯（记者毛某）", "（记者张建 周长庆）", "(南海网记者陈望 通讯员樊骁)", "新华网北京12月9日电(记者罗沙)",
# "(記者楊沼畔 通訊員衣曉峰 方慶偉)", "(记者 柳德新 通讯员 彭娟)". 通讯员 are authors of the text too.
DATELINE_REPORTERS = re.compile(
    r"[（(【\[][ \t\u3000]*[^（()）【】\[\]\s]{0,10}?(?:记者|記者)[ \t\u3000]*"
    r"(?P<names>[\u3400-\u9fff\ufffd·]{2,4}(?:[ \t\u3000、,，]+(?:" + _REPORTER_ROLES + r"[ \t\u3000]*)?[\u3400-\u9fff\ufffd·]{2,4}"
    r"|[ \t\u3000]*(?:通讯员|通訊員|实习生|實習生)[ \t\u3000]*[\u3400-\u9fff·]{2,4}){0,5})[ \t\u3000]*[)）】\]]"
)
# The bracket right after a dateline's opening ("新华网北京12月9日电(记者罗某)", "本报讯（记者X 通讯员Y）",
# "中国网1月17日讯（王某某）"): the lead story's own credit, with or without the 记者 role.
DATELINE_OPENING = re.compile(
    r"(?:\d{1,2}日|本报|本報|消息)(?:电|電|讯|訊|消息)?[ \t\u3000]*[（(][ \t\u3000]*[^（()）\s]{0,10}?(?P<role>记者|記者)?[ \t\u3000]*"
    r"(?P<names>[\u3400-\u9fff\ufffd·]{2,4}(?:[ \t\u3000、,，]+(?:(?:通讯员|通訊員|实习生|實習生|记者|記者)[ \t\u3000]*)?[\u3400-\u9fff\ufffd·]{2,4}){0,5})[ \t\u3000]*[)）]"
)
# A reporter and the place reported from, written together (Taiwanese and HK bylines):
# "【台灣醒報記者潘某某台北報導】", "（中央社記者X台北11日電）", "◎ 記者林某某/採訪報導", "記者X／台北報導".
# The name is the run between 記者 and the place; a place is REPORTER_PLACE_CHARS characters.
REPORTER_PLACE = re.compile(
    r"(?:记者|記者)[ \t\u3000]*(?:(?P<name>[\u3400-\u9fff]{2,4})[ \t\u3000]*[/／]"
    r"|(?P<run>[\u3400-\u9fff]{4,7}?)(?:\d{1,2}日)?(?:報導|报道|报导|電|电)(?![\u3400-\u9fff]{0,1}[:：]))"
)
REPORTER_PLACE_CHARS = 2
# A photo credit: "新华社记者廖某某摄", "（中国台湾网 王某某 摄）", "韩某某 摄" — the name after 记者, a
# bracket or a space, before 摄/攝 that ends the word (not "拍摄").
PHOTO_CREDIT = re.compile(r"(?:记者|記者|[ \t\u3000（(])(?P<name>[\u3400-\u9fff]{2,3})[ \t\u3000]*[/／]?[ \t\u3000]*(?:摄|攝)(?:影)?(?![\u3400-\u9fff])")
# A line that is only a name and "reports", after the date or not: "2012/1/17 蔡某某 報導" under
# the headline (a surnamed name is required by the caller).
REPORTED_BY_LINE = re.compile(r"(?m)^[ \t\u3000\xa0]*(?:[\d/.:年月日-]+[ \t\u3000\xa0]+)?(?P<name>[\u3400-\u9fff]{2,4})[ \t\u3000\xa0]*(?:報導|报道|報道|报导)[ \t\u3000\xa0]*$")
# A line of its own crediting the writer after the names: "彭某 賀某某文/圖" (text and photos),
# "王某某/文", "张某 文" — the names, then 文 after a slash or a space, or 文/图 (a word ending in
# 文 such as "查看原文" has neither).
WRITER_ROLE_LINE = re.compile(
    r"(?m)^[ \t\u3000\xa0]*(?P<names>[\u3400-\u9fff]{2,4}(?:[ \t\u3000\xa0、]+[\u3400-\u9fff]{2,4}){0,3})"
    r"(?:[ \t\u3000\xa0]*[/／][ \t\u3000\xa0]*文|[ \t\u3000\xa0]+文|[ \t\u3000\xa0]*文[ \t\u3000\xa0]*[/／、][ \t\u3000\xa0]*(?:图|圖))"
    r"[ \t\u3000\xa0]*$"
)
# The outlet in a Chinese byline without a label: right after the time ("2011年12月09日 16:41
# 果壳网 作者：…", "2012-1-12 13:47:30 新浪财经 [字体") or before "(date)" ("台灣醒報 (2012-01-11
# 16:58)"); in the lead's dateline ("新华网北京12月9日电", "中評社北京1月9日電"), a lead in brackets
# ("[世华财讯]北京市…") or "据楚天金报1月12日报道". Only names that read as an outlet count.
SOURCE_AFTER_TIME = re.compile(
    r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\s+(?P<name>[\u3400-\u9fffA-Za-z0-9·\-－]{2,20}(?:\.(?:com|cn|net|org)(?:\.cn)?)?)(?=\s|[\[【(（]|$)"
)
SOURCE_BEFORE_DATE = re.compile(r"(?P<name>[\u3400-\u9fffA-Za-z0-9·\-－]{2,20})\s*[（(][ \t\u3000]*(?:19|20)\d{2}-\d{1,2}-\d{1,2}")
SOURCE_DATELINE = re.compile(
    r"(?:^|[\s】\]】])(?P<name>[\u3400-\u9fff]{1,6}(?:网|網|社|报|報|台))[\u3400-\u9fff]{2,8}?\d{1,2}月\d{1,2}日(?:电|電|讯|訊|消息)"
    r"|^[ \t\u3000]*[\[【](?P<bracket>[\u3400-\u9fff]{2,10})[\]】]"
    # a lead opening with the outlet and the city in round brackets: "（明报多伦多）还有…"
    r"|^[ \t\u3000]*[（(](?P<paren>[\u3400-\u9fff]{1,6}?(?:报|報|社|网|網))[\u3400-\u9fff]{2,4}[)）]"
    # a credit line naming only the outlet: "◎ 公視新聞" (a person's credit is "◎ 記者X/採訪報導")
    r"|^[ \t\u3000]*◎[ \t\u3000]*(?P<mark>[\u3400-\u9fff]{2,10})[ \t\u3000]*$"
    r"|据《?(?P<per>[\u3400-\u9fff]{2,10}?)》?(?:\d{1,2}月\d{1,2}日)?(?:报道|報導)",
    re.M,
)
# How an outlet's name ends (网/报/社/台/财经 …): a byline token that does not is no outlet.
SOURCE_ORG_END = re.compile(
    r"(?:网|網|报|報|社|台|刊|财经|財經|财讯|財訊|在线|在線|日报|晚报|中心|电台|電台|资讯|資訊|动力|之家|网站|網站|新闻|新聞|时报|時報|周刊|週刊|杂志|雜誌|广播|廣播|频道|頻道|娱乐|娛樂|体育|體育|科技)$"
    # an outlet named by its domain in the byline slot: "IT168.com"
    r"|^[A-Za-z0-9][\w-]*\.(?:com|cn|net|org)(?:\.cn)?$"
)
# Source values that name no outlet: picture credits, "the internet", the site itself.
# (A label left where the value is empty, "来源： 作者: X", is no outlet either.)
SOURCE_NOT_OUTLET = re.compile(r"^(?:作者|作\s*者|记者|記者|编辑|編輯|责任编辑|責任編輯|发布|發佈|时间|時間)\s*[:：]?$|^(?:资料图|資料圖|网络|網絡|網路|互联网|互聯網|网友|網友|本站|本网|本網|原创|原創|转载|轉載|未知|不详|不詳|综合|綜合)")
# English bylines: "By Jane Doe and John Roe", "BY TOM KRISHER, AP Auto Writer", "Written by X",
# "Posted by X" (not "Reviewed by": a reviewer is no author), and "by" alone on
# its line above the name ("by\nBryan DeArdo"). Only at a line start: "hit by Hurricane Maria",
# "Schools By Location", "A Lie By Any Other Name" inside a line are not bylines (and a name
# needs two words: "Sort by\nDate", "By Chapter").
BYLINE_EN = re.compile(
    r"(?:^|\n)[ \t]*(?:(?:This|The)[ \t]+(?:post|article|story|piece)[ \t]+(?:was|is)[ \t]+written[ \t]+"
    r"|(?:Written|Posted|Authored|Words|Article)[ \t]+)?(?:By|by|BY)(?:[ \t]*:)?[ \t\n]+"
    r"(?P<names>[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){0,3}"
    r"(?:(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+|[ \t]*&[ \t]*)[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){0,3}){0,4})"
)
# A byline crediting the site's staff: "Podium Staff" in a byline's name element (a company
# blog's house credit, which the WCXB truth keeps as the author; BYLINE_NOT_NAME_EN reads "staff"
# as a role after a name, "Jane Doe, Staff Writer").
BYLINE_STAFF_CREDIT_EN = re.compile(r"^(?:[A-Z][\w.&'’-]*[ \t]+){1,3}Staff$")
# Words of an organisation's name, not a person's: a site named "Liberty University" or "Acme
# Media" is no personal site (clean/metadata.personal_site_name).
ORG_WORDS_EN = re.compile(
    r"\b(?:university|college|school|institute|academy|company|co|group|media|news|blog|press|studio|labs?|"
    r"foundation|association|society|center|centre|clinic|hospital|bank|insurance|services|solutions|"
    r"systems|technologies|tech|software|shop|store|magazine|journal|times|post|daily|network|agency|"
    r"partners|consulting|capital|health|church|city|county|state|library|museum|club|team|staff|official|"
    r"online|world|global|international|digital|inc|ltd|llc|corp|guide|review|reviews|hub|home|house)\b",
    re.I,
)
# The post's author in the dataLayer of WordPress's Google Tag Manager plugin (GTM4WP:
# `var dataLayer_content = {"pagePostType":"post", …, "pagePostAuthor":"Krystyna"}`), the only
# statement of it on pages whose theme prints no byline.
SCRIPT_POST_AUTHOR = re.compile(r'"pagePostAuthor"\s*:\s*"(?P<name>[^"\\]{2,60})"')
# A name right after the date of a dateline, past a middle dot or a bar: "Dec. 19, 2025 · Niko
# Matsakis on behalf of …", "2025-12-17 · Trond Teigen" (blog templates print no "By").
NAME_AFTER_DATE_EN = re.compile(r"\s*[·•|]\s*(?P<name>[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){1,3})(?=[ \t]*(?:\n|$|on behalf\b|[·•|]))")
# Byline parts that are a role or the outlet, not a name: "AP Auto Writer", "Staff Writer",
# "Cleveland.com", "NJ Advance Media for NJ.com".
BYLINE_NOT_NAME_EN = re.compile(
    r"\b(?:writer|editor|reporter|correspondent|staff|columnist|contributor|opinion|updated|published|"
    r"posted|media|for|ltd|inc|llc|corp)\b|\.(?:com|org|net|co|uk|in)\b",
    re.I,
)
# A reporter's name in brackets inside the dateline: "2004年7月16日08:19 [ 黄宇 ] 来源：…".
# Same line only ("写于3月18日\n[\n打印\n]" is a button row, not a credit).
DATELINE_BRACKET_NAME = re.compile(r"(?:\d{1,2}[:：]\d{2}|\d日)[ \t\u3000]*[\[【][ \t\u3000]*(?P<name>[\u3400-\u9fff·]{2,4})[ \t\u3000]*[\]】]")
# Common Chinese surnames (single and compound). A bare 2-4 character CJK string is taken for a
# person only when it starts with one: "（财经）" in a channel menu, "（预测）" in running text and
# "[打印]" are words, "（常书香 马丹阳）" and "来源: 尹娟" are people.
CN_SURNAMES_COMPOUND = (
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙", "长孙", "宇文", "司徒", "夏侯", "端木", "西门", "南宫", "独孤",
    "歐陽", "司馬", "諸葛", "東方", "尉遲", "公孫", "長孫", "西門", "南宮", "獨孤",
)
CN_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾"
    "夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷"
    "詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司"
    "卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
    "苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计"
    "索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公湛宾戎勾茅利於呼居揭干但"
    "尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由格扎次索达旦益多德拉"
    # the same surnames in traditional characters (OpenCC s2t/s2tw/s2hk of the ones above, less
    # the conversions that are words rather than surnames: 幹 餘 範 鬱 樸 遊 閉): Taiwanese and
    # Hong Kong bylines ("陳某某 張某某 報導", "（劉某）") are surnamed as much as mainland ones
    "來儲劉勞區厲叢吳呂喬單嚴國堯塗婁孫宮寧嶽帥師張強應戰時晉楊榮樂樓權欒歐況湯溫滿烏畢盤盧竇簡紀練繆羅聞聶"
    "荊莊華萬葉蓋蔣藍藺蘆蘇蘭衛衞計許談諶諸謝譚豐費賀賈賓趙車農連達遲邊鄒鄔鄧鄭鄺銀錢鍾門閆閔閻闕關闞陰陳陸"
    "陽雲鞏韋韓項顏顧饒馬馮駱魯鮑鮮麥黃黨齊龍龐龔"
)
# The issuing body of an official document on government information-disclosure pages
# ("发文机关：吉林省人民政府", "发布机构：XX市人民政府办公室"): the document's author.
AUTHOR_ISSUER_LABEL = re.compile(r"(?:发文机关|发布机构|发文单位|发布单位)\s*[:：]\s*(?P<name>[\u3400-\u9fff（）()]{2,40})")
# A date in the URL path, as news CMSs file articles by day: /2019/11/19/, /2024-12/06/,
# /2005-03-21/, /20050311/n224643115.shtml, /articles/2025-12-15+Rust+GCC… (a slug whose
# spaces are written "+"). A month-only archive path (/2019/11/) has no day.
DATE_IN_URL = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?=[/._+-]|$)"
    r"|/(?P<y2>(?:19|20)\d{2})(?P<m2>0[1-9]|1[0-2])(?P<d2>0[1-9]|[12]\d|3[01])(?=[/._]|$)"
)
# Pagination appended to a title: "标题(页 1)" (Discuz archiver), "标题（第2页）", "Title (Page 2)".
TITLE_PAGE_SUFFIX = re.compile(r"\s*[(（]\s*(?:页\s*\d+|第\s*\d+\s*页|page\s*\d+)\s*[)）]\s*$", re.I)
# "© 2024 三味园范文网", "Copyright © 2005-2024 Example Inc. All rights reserved", "版权所有：XX".
COPYRIGHT_SITE = re.compile(
    r"(?=[©(cC版])(?:©|\(c\)|copyright|版权所有)\s*(?:©|\(c\))?\s*(?:(?:19|20)\d{2}\s*(?:[-–]\s*(?:19|20)\d{2})?)?\s*[:：]?\s*"
    # The site is never the rights phrase itself: "Copyright © 2000-2006 版权所有" names no site.
    r"(?P<site>(?!版权所有|保留|all\s+rights)[A-Za-z\u3400-\u9fff][^\s©|,，。·]{1,29})",
    re.I,
)

# =============================================================================================
# language (structure.detect_language): by script, since no language-ID model is bundled
# (ideographs are counted with IDEOGRAPH above)

LANG_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Japanese writes kanji among hiragana/katakana; a few kana in Chinese text (a brand name)
# must not flip it, so kana need a minimum count and ≥ 1/10 of the ideographs.
LANG_KANA = re.compile(r"[\u3040-\u30ff]")
LANG_MIN_KANA = 5
LANG_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
LANG_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LANG_CYRILLIC_TAGS = frozenset({"ru", "uk", "bg", "sr", "be", "kk", "mk"})

# =============================================================================================
# structure  (owned by docpipe.structure)

# All structure patterns run on an *analysis view* of the text: full-width ASCII folded to
# half-width (（一）→(一), ，→, , １．→1.) and traditional characters converted to simplified
# (講話→讲话, 最後→最后), one character for one character, so a match position is also a
# position in the original text. Chinese numerals: the ones outline markers use.
STRUCT_CN_NUM = "一二三四五六七八九十百零〇两"
_CN = f"[{STRUCT_CN_NUM}]"

# --- outline markers at the start of a block (GB/T 9704: 一、 > （一） > 1. > （1）) -----
# "一、总体要求" / "一.总体要求". Not "一、二季度" (a range of numerals, running text).
# Not "七、一班" either: a class name (grade 七, class 一班) in a roster line.
STRUCT_HEAD_CN_DUN = re.compile(rf"(?P<num>{_CN}{{1,3}})(?P<punct>[、.])(?!{_CN}{{1,2}}[、.季月岁年个天日次名位班])")  # "十四、五岁"
# "（一）加强领导" / "(一)" / "（一）、" — full and half width mixed in the corpus.
STRUCT_HEAD_CN_PAREN = re.compile(rf"\((?P<num>{_CN}{{1,3}})\)(?P<punct>、?)")
# "1.1 Background" / "2.3.1 范围" — multi-level decimal numbering (English reports, 标准).
# Not "1.5亿元" / "2.5倍": a decimal number followed by a unit is running text.
STRUCT_HEAD_AR_MULTI = re.compile(
    r"(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})\.?(?=[ \t]|[\u4e00-\u9fff])(?![亿万千百元倍个米吨亩%‰℃岁年月日天次人名家户辆台套件项公平立克升])"
)
# A bare chapter number of decimal-numbered 预案/标准 ("1 总 则" above "1.1 编制目的"): taken only where
# its first sub-section N.1 follows within STRUCT_AR_BARE_CHILD_WITHIN characters (structure/outline.py).
STRUCT_HEAD_AR_BARE = re.compile(r"(?P<num>\d{1,2})[ \t]+(?=[\u4e00-\u9fff])")
STRUCT_AR_BARE_CHILD_WITHIN = 16
# "1." / "1、" / "1．"(folded) — not "2024.5", "3、4月份" or "1.5亿" (a digit follows).
STRUCT_HEAD_AR_DOT = re.compile(r"(?P<num>\d{1,2})(?P<punct>[.、])(?![\d.])")
# "1.3月5日": a number glued to a date or unit is running text, not "1." before "3月5日"
# (a marker's text never opens with a digit run and 月/日/号).
STRUCT_MARKER_DATE_AFTER = re.compile(r"\d{1,4}\s*[月日号时]")
# "1)" — a closing parenthesis only (used below （1） in some 方案).
# "3)、彩排时间": a stray 、 after the parenthesis is part of the marker as written.
STRUCT_HEAD_AR_RPAREN = re.compile(r"(?P<num>\d{1,2})\)(?!\))、?")
# "（1）" / "(1)" / "⑴" — ⑴ is the single-character form of the same marker.
STRUCT_HEAD_AR_PAREN = re.compile(r"(?:\((?P<num>\d{1,2})\)|(?P<circ>[⑴-⒇]))(?P<punct>、?)")
# "①加强…" as the opening of a paragraph.
STRUCT_HEAD_CIRCLED = re.compile(r"(?P<circ>[①-⑳])")
# "第一部分" / "第一章" / "第一节" / "第一条" / "第一篇" (制度, 报告), with or without a space;
# plain "第一，" / "第一、" / "第一:" (speeches: the seed's "第一,准确站位,…"). "第一次" and
# "第一责任人" are running text: without a unit the punctuation is required.
# Ordinal phrases built on 第一 that open a paragraph are read like "第一,": "第一句话,",
# "第一点希望,", "第一大类:" (the marker is the whole phrase, as the real sets label it).
STRUCT_HEAD_DI = re.compile(
    rf"第(?P<num>{_CN}{{1,3}}|\d{{1,2}})(?:(?P<unit>部分|章|节|条|篇)(?P<upunct>[,、:.]?)|"
    rf"(?P<phrase>句话|点希望|点意见|点建议|点体会|点感受|大类|个方面|方面|个问题|层次|阶段)?(?P<punct>[,、:.]))"
)
# 首先/其次/再次/最后 opening a paragraph: a heading only when a sequence of them structures a
# section (心得体会: "首先，加强理论学习。…" "其次，…" "最后，…"); otherwise an inline point.
# 范文 sites put several texts on one page: "篇一：…心得体会", "【篇二】", "范文三：". Each opens
# its own outline (which restarts at 一、 under it).
STRUCT_HEAD_PIAN = re.compile(rf"[【\[]?(?:篇|范文|范例)(?P<num>{_CN}{{1,3}}|\d{{1,2}})[】\]]?(?P<punct>[:、.]?)")
STRUCT_HEAD_SEQ = re.compile(r"(?P<word>首先|其次|再次|然后|最后)(?P<punct>[,、:])")
STRUCT_SEQ_ORDER: dict[str, int] = {"首先": 1, "其次": 2, "再次": 3, "然后": 3, "最后": 4}
# English outlines: "I. Introduction", "A. Scope" (a capital word must follow).
STRUCT_HEAD_EN_ROMAN = re.compile(r"(?=[IVX])(?P<num>(?:X{0,3})(?:IX|IV|V?I{0,3}))\.[ \t]+(?=[A-Z])")
STRUCT_HEAD_EN_ALPHA = re.compile(r"(?P<num>[A-H])[.)][ \t]+(?=[A-Z])")

# A half-width "." ends a sentence in text typed without a Chinese IME ("…特制定本方案.一、工作
# 原则.坚持…"), but not in a number (3.5%, 2024.5), after a Latin letter (www.gov.cn), in "..."
# nor as a marker's own dot ("1." here; "一." / "第一." are told apart in structure/outline.py).
_HALF_STOP = r"(?<![\dA-Za-z.])\.(?!\.)"
# Where a heading's lead sentence ends ("一、加强组织领导。各单位要…").
STRUCT_SENTENCE_END = re.compile(rf"[。！？!?；;]|{_HALF_STOP}")
# A sentence end after which a glued heading may start ("…落到实处。第二,…"; not "；").
STRUCT_GLUE_END = re.compile(rf"(?:[。！？!?]|{_HALF_STOP})\s*")
STRUCT_EN_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")
# Body openers that follow a glued heading with no punctuation in between: "…的政治责任党的
# 十八大以来,以…" — the heading ends where such an opener (always followed by a comma) starts.
STRUCT_BODY_OPENER = re.compile(
    rf"(?:党的{_CN}{{1,3}}大以来|近年来|近些年来|今年以来|去年以来|长期以来|多年来|一直以来|当前|目前|"
    r"实践证明|事实证明|众所周知|一段时间以来|一年来|过去一年|下一步|今后|为此|总的来看|总体来看|"
    r"通过学习|工作中|实践中|近期|近日|"
    # "…工作思路2025年，我们将…": a year opening the body right after the heading.
    r"(?<!\d)(?:19|20)\d{2}年(?:以来|上半年|下半年|是)?)(?=,)"
)
# Inline points right after a colon in a heading's lead sentence ("第六条 禁止下列行为：①…；②…"):
# the heading ends at the colon and the points stay in the body.
STRUCT_LEAD_COLON_POINTS = re.compile(rf"\s*(?:[①-⑳]|——|{_CN}{{1,3}}是|第{_CN}{{1,3}}[,、]|首先|一方面)")
# A speech announcing its points right before the first one, where line breaks were lost: "下面,我先讲
# 三点意见:一、…", "我讲六个问题:" — the colon ends a sentence for a glued heading after it.
STRUCT_POINTS_ANNOUNCE = re.compile(
    rf"(?:讲|谈|提|说)[^。！？!?；;:：]{{0,6}}?(?:{_CN}{{1,2}}|几|\d)(?:点|个方面|个问题|方面|条)"
    r"(?:意见|看法|想法|体会|要求|建议|问题|打算)?\s*[:：]\s*"
    # a pledge announcing its parts: "在此,我郑重表态:一、…", "表三个态:", "郑重承诺:" (structure_real_6 tuning)
    rf"|(?:郑重|作如下|作出如下)?表(?:{_CN}{{1,2}}个)?态(?:如下)?\s*[:：]\s*|郑重承诺\s*[:：]\s*"
)
# A sub-heading glued to its parent heading with nothing between: "一、工作开展情况（一）聚焦…".
STRUCT_GLUED_SUBHEAD = re.compile(rf"\((?P<num>{_CN}{{1,3}})\)")

# --- inline points inside paragraphs ------------------------------------------------------
# Each must follow the start of the paragraph or punctuation, so "统一是" or "第一责任人" are
# not points. The lead phrase runs to the first ，。；.
_PT_BEFORE = rf"(?:(?<=^)|(?<=[。；;,:：！？!?\s)）])|(?<={_HALF_STOP}))"  # "…较大.一是…" (half-width ".")
STRUCT_ITEM_SHI = re.compile(rf"{_PT_BEFORE}(?P<marker>{_CN}{{1,3}}是)(?![非否])")  # 一是/二是
STRUCT_ITEM_DI = re.compile(rf"{_PT_BEFORE}(?P<marker>第{_CN}{{1,3}})(?=[,、:])")  # 第一，…；第二，…
STRUCT_ITEM_SEQ = re.compile(  # 首先… 其次… 再次， 最后，  (再次/最后 need the comma: "再次强调")
    rf"{_PT_BEFORE}(?P<marker>首先|其次|再次(?=[,、:])|最后(?=[,、:]))"
)
# Numbered entries run together inside one line ("1、市中院2、市检察院3、市公安局", agenda and
# speaking-order lists) and a numbered entry right after a colon inside a line ("…价值取向:1、两个
# “上帝”论。"): points, not headings. The number must not be part of a figure ("1.5万", "2024.").
STRUCT_RUNON_MARKER = re.compile(r"(?<![\d.．])(?P<marker>(?P<num>\d{1,2})[、.．](?![\d]))")
# The entries of a run-on list are short: at most this many characters between two markers.
STRUCT_RUNON_MAX_ENTRY = 24
STRUCT_RUNON_BREAK = re.compile(r"[,，;；。！？!?]")
# Entries listed after a colon and ended by ";" may be longer, up to a sentence end.
STRUCT_RUNON_MAX_LISTED_ENTRY = 60
STRUCT_SENTENCE_END_STRONG = re.compile(r"[。！？!?]")
STRUCT_SEQ_FIRST = re.compile(r"首先")
STRUCT_SEQ_FOLLOW_UP = re.compile(r"其次|再次|最后")
STRUCT_ITEM_ASPECT = re.compile(rf"{_PT_BEFORE}(?P<marker>另一方面|一方面)")
# 其一，…；其二，…；其三，… (speeches: "基于三个层面的战略考量。其一,是…;其二,是…").
STRUCT_ITEM_QI = re.compile(rf"{_PT_BEFORE}(?P<marker>其{_CN})(?=[,，、:：是])")
# 一是/一方面 after a short subject: "大家一是要…；二是要…", "我们一方面要…，另一方面…". Taken only
# when the second point (二是 / 另一方面) follows in the same paragraph.
STRUCT_ITEM_AFTER_SUBJECT = re.compile(r"(?:(?<=^)|(?<=[。；;,，:：！？!?\s]))[\u4e00-\u9fff]{1,4}?(?P<marker>一是|一方面)")
STRUCT_ITEM_SECOND = {"一是": re.compile(r"二是"), "一方面": re.compile(r"另一方面")}
# The punctuation written right after a point's marker belongs to the marker as the real sets
# label it ("一方面,", "其一,", "①、").
STRUCT_ITEM_MARKER_PUNCT = re.compile(r"[,，、:：]")
STRUCT_ITEM_DASH = re.compile(rf"(?:(?<=^)|(?<=[。；;！？!?：:])|(?<={_HALF_STOP}))\s*(?P<marker>——)(?!—)")
STRUCT_ITEM_CIRCLED = re.compile(r"(?P<marker>[①-⑳])")
# A ① list that begins inside a paragraph, after a colon ("2)评比标准:①、…").
STRUCT_INLINE_CIRCLED_START = re.compile(r"[:：]\s*①")
STRUCT_ITEM_LEAD_END = re.compile(rf"[,，。；;！？!?]|{_HALF_STOP}")
STRUCT_ITEM_MAX_LEAD = 60

# --- speech framing -----------------------------------------------------------------------
# Salutation: a short opening line addressed to people ("同志们：", "尊敬的各位领导、各位来宾：",
# "各位代表：", "女士们、先生们：", "亲爱的同学们："), possibly with the speech glued after it.
STRUCT_SALUTATION = re.compile(
    r"^(?P<sal>(?:尊敬的|亲爱的|各位|同志们|女士们|先生们|老师们|同学们|朋友们|家长们|战友们|青年朋友们)"
    r"[^。！？!?:]{0,40}?)\s*(?:[:]|[!！](?=\s*$)|$)"
)
STRUCT_SALUTATION_GLUED = re.compile(r"^(?P<sal>同志们|同事们|朋友们|各位代表|各位委员)(?P<punct>[:,!])")
# Lines above a salutation that name the speaker ("X县县长 XXX", "县委副书记、县长 张三"): short,
# no sentence or clause punctuation (a line with ，：。 is already the speech or the salutation).
STRUCT_BYLINE_MAX = 24
STRUCT_BYLINE_BREAK = re.compile(r"[。！？!?；;,:：，]")
STRUCT_SALUTATION_WORDS = re.compile(r"同志|领导|代表|嘉宾|来宾|朋友|同事|老师|同学|女士|先生|委员|战友|家长|乡亲|企业家")
# Closing of a speech or a 公文 ("谢谢大家！", "以上发言，不妥之处请批评指正。", "特此通知。").
STRUCT_CLOSING = re.compile(
    r"(?:[^。！？!?]{0,30}(?:谢谢(?:大家|各位|您们|你们)?|感谢(?:大家|各位)[^。！？!?]{0,10}(?:聆听|倾听|关注)|"
    r"批评指正|不妥之处|宣布[^。！？!?]{0,12}(?:闭幕|结束|散会)|散会|发言完毕|汇报完毕|讲话完毕)"
    r"[^。！？!?]{0,20}[。！？!?]*"
    r"|特此(?:通知|报告|函告|函复|批复|通报|公告|通告|请示)[。!]?"
    r"|(?:妥否|当否|是否妥当)[,，]?请(?:批示|审批|批复|指示)[。!]?"
    r"|此复[。!]?)"
)
# "某县长在县…推进会上的讲话", "在2024年度总结表彰大会上的致辞", "——XXX同志在…时的讲话".
STRUCT_SPEECH_TITLE = re.compile(
    r"(?:^|——|—|:|\s)(?P<speaker>[^——:\s]{0,30}?)在(?P<occasion>.{2,80}?)(?:上|中|时|期间)?的"
    r"(?P<kind>讲话|发言|致辞|致词|主持词|报告|工作报告|讲稿|党课|演讲)"
)
# "2024年度总结表彰大会主持词" → occasion = the part before the speech word.
STRUCT_OCCASION_TITLE = re.compile(r"^(?P<occasion>.{4,60}?(?:会议|大会|会|仪式|典礼|活动|论坛|座谈会|晚会))(?:上的)?(?:主持词|致辞|讲话|发言)")
# A subtitle under the main title: "——在全县经济工作会议上的讲话" / "（XXX同志在…上的发言）".
# It belongs to the title (speaker, occasion), not to the outline or the points.
STRUCT_SUBTITLE = re.compile(
    r"^\s*(?:—{1,2}|-{2}|\()?\s*[^。！？!?]{0,40}在[^。！？!?]{2,80}?(?:上|中|时|期间)?的"
    r"(?:讲话|发言|致辞|致词|主持词|报告|工作报告|讲稿|党课|演讲)(?:稿|提纲|摘要)?\s*\)?\s*$"
)

# --- title of a text without markup (structure/title.py) -----------------------------------
# Decorations a 范文 site puts around the title: "最新…" (sanwenji-style SEO prefix), "第1篇 …"
# (the first text of a collection page), and after it "(15篇)" or the 文号 in brackets
# ("征收土地预公告(昌政征启公告〔2024〕05号)").
# A breadcrumb or tag in brackets glued before the title: "[县长在县委书记]县长在…的讲话".
# ("文章标题:县长在…的讲话": a document site's title field; the label is not part of the title.)
STRUCT_TITLE_DECORATION_HEAD = re.compile(
    r"^(?:最新|第\s?\d{1,2}\s?篇|篇\s?\d{1,2}|\[[^\[\]]{1,20}\]|【[^【】]{1,20}】|(?:文章|文档)?标题\s*[:：]|"
    # a site's watermark with its domain glued before the title: "秘书之家—全网资源每日更新 www.mishuzj.com县…表态发言"
    # (structure_real_6 tuning)
    r"[^\s。，,:：]{2,30}\s*(?:https?://)?www\.[A-Za-z0-9-]+(?:\.[A-Za-z]{2,6}){1,2}/?)\s*"
)
# A site's address inside a watermark glued before a title ("…素材[库:https://www.xinyuwenchuang.cn/。公众@号:…。",
# structure_real_8 tuning): a URL or a www. domain.
STRUCT_TITLE_WATERMARK_ADDRESS = re.compile(r"(?:https?://|www\.)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# The speaker and the date in brackets after a title's 文种 word, where line breaks were lost: "…表态发言遂昌县县长童森军
# (2026 年 2 月 6 日)" (structure_real_6 tuning).
STRUCT_TITLE_SPEAKER_DATE_TAIL = re.compile(r"^[\u4e00-\u9fff·]{2,20}\s*[(（][^()（）]{0,6}" + DATE_YEAR.pattern + r"\s*年[^()（）]{0,16}[)）]$")
# The title field of a document site inside a glued first line: "… 文章标题:县长在…的讲话 同志们:…".
STRUCT_TITLE_FIELD = re.compile(r"(?:(?<=\s)|^)(?:文章|文档)?标题\s*[:：]\s*")
# A page title that is the document's title with 范文 appended and nothing after ("商城开业庆典致辞范文"):
# the title without it, when no other title-like line is there (not a collection: "…范文精选", "…范文1").
STRUCT_TITLE_FANWEN_SUFFIX = re.compile(r"^(?P<title>.{4,}?)\s*[范範]文$")
# A page headline "鲁政发〔2014〕20号《山东省人民政府关于…的实施意见》": the 文号 and the brackets
# around the document's title.
STRUCT_TITLE_NUMBERED_HEADLINE = re.compile(r"^[^《》\s]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*[号號]\s*《(?P<title>[^《》]+)》$")
# (also a 范文 site's word count after the page title, "关于春节消费的社会调查报告800字", and a paginated
# page's number, "乡镇领导在春节团拜会上的致辞(2)"; and a 公告's bare number after the 文种 word, "长葛市人民政府土地征收预公告〔2021〕
# 第25号": changge, structure_real_9 tuning — with 第, not a 文号 with its 机关代字 "明政办〔2016〕82号", which a field line holds)
STRUCT_TITLE_DECORATION_TAIL = re.compile(
    r"(?:\s*[(（][\u4e00-\u9fff]{0,4}\d{1,3}篇[)）]|\s*[(（][^()（）]{0,20}[〔\[［][^()（）]{0,12}号[)）]|"
    r"(?<=[\u4e00-\u9fff])\s*[〔\[［](?:19|20)\d\d[〕\]］]\s*第\s*\d{1,4}\s*[号號]|(?<=[\u4e00-\u9fff])\s*\d{3,5}字|(?<=[\u4e00-\u9fff])[(（]\d{1,2}[)）])+$"
)
# A draft's edition note on the line under its title: "(征求意見稿)" (footfavors, structure_real_9 tuning), "(讨论稿)", "(草案)".
STRUCT_TITLE_EDITION_NOTE = re.compile(r"\s*[(（][^()（）]{0,8}(?:稿|草案)[)）]\s*")
# A page title of a 范文 site, not the document's own title line: it names 范文 ("…述职报告范文五篇-…",
# "2024年鄉鎮年工作總結範文和…"). When it is the only title-like line, the title is null.
STRUCT_TITLE_PAGE_DECORATION = re.compile(r"[范範]文")
# A subtitle line ("——某县政府督查室关于…的问题汇报") belongs to the title line above it.
STRUCT_SUBTITLE_DASH = re.compile(r"^\s*(?:—{1,2}|-{2,})")
# A 目录/提纲 block: its heading line, and its entries — numbered short lines, or lines that end
# with a page number ("1.农业农村水利局2023年上半年工作总结及下半年工作谋划 2").
STRUCT_TOC_HEADING = re.compile(r"^\s*(?:目\s*录|提\s*纲|目\s*次|内容提要)\s*[:：]?\s*$")
STRUCT_TOC_ENTRY = re.compile(
    r"(?:\s|…|\.{2,}|·{2,})\d{1,3}\s*$|^\s*(?:\d{1,2}[.、．]|[一二三四五六七八九十]{1,3}、|"
    r"[(（][一二三四五六七八九十\d]{1,3}[)）]|第[一二三四五六七八九十\d]{1,3}[章节篇部分])[^。！？!?]{0,60}$"
)
# A title has words: a masked line ("****") or a bare number is not one.
# A labelled field with a numeric value ("- 公文生成日期:2016-06-23", "发布文号: 宁政发[2006]275号") is
# a page's metadata table, never the title: a title has no "label:" before a number.
STRUCT_TITLE_FIELD_LINE = re.compile(r"^[\s\W]*[\u4e00-\u9fff][\u4e00-\u9fff /]{0,9}[:：]\s*[^\s，,。；;:：]{0,30}\d[^，,。；;:：]{0,30}$")
# A list entry: a line led by a list bullet is an entry of a page's list (a document site's file metadata
# "• 上传人(卖家):淡然人生" / "• 文档编号:3146226", 163wenku in tests/fixtures/structure_real_8 tuning), never the
# title: no title in the real gold sets starts with a bullet.
STRUCT_TITLE_BULLET_LINE = re.compile(r"^\s*[•●▪◦‣]")
# A row of a page's metadata table with its values empty ("文号: 关键字:" under "名 称: …的答复", kman.gov.cn in
# tests/fixtures/structure_real_8 tuning): two or more bare form labels, not a salutation ending the head above the
# document's own title line.
STRUCT_TITLE_FORM_LABEL_ROW = re.compile(r"^\s*(?:[\u4e00-\u9fff][\u4e00-\u9fff ]{0,5}\s*[:：]\s*){2,}$")
# The letters of a title (ideographs and Latin letters), counted against a minimum length.
STRUCT_TITLE_WORD_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z]")
STRUCT_TITLE_HAS_WORD = re.compile(r"[\u3400-\u9fffA-Za-z]{2}")
# Masking characters of exam and tender sites ("问题 ××××××××××××"): a line mostly masked is no title.
STRUCT_TITLE_MASK = re.compile(r"[×*＊Xx]")
# The salutation where a title lost its line break before it: "…大会上的讲话同志们:今天…".
STRUCT_GLUED_SALUTATION_START = re.compile(r"同志们|各位(?:领导|代表|委员|嘉宾|来宾|同事|老师|同学|朋友)|尊敬的|亲爱的")

# --- 文种 (docs/interface.md) ---------------------------------------------------------------
# Title endings, longest first: "…的通知", "…实施方案", "…工作汇报" (汇报 is a 报告 upward),
# "…心得体会", "…讲话稿". Trailing edition notes ("(讨论稿)", "范文", "3篇") are stripped first.
STRUCT_TITLE_TAIL_NOISE = re.compile(
    r"(?:\s*[(\[【][^()\[\]【】]{0,12}[)\]】]|\s*(?:范文|模板|精选|全文|大全|\d+篇|[一二三四五六七八九十]篇|最新|优秀|合集))+\s*$"
)
STRUCT_DOCTYPE_TITLE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p + r"$"), t)
    for p, t in (
        (r"述职(?:述廉|述德述廉)?报告", "述职报告"),
        (r"(?:(?:调研|调查|考察)报告|调研与思考|调查与思考|调研思考)", "调研报告"),
        (r"(?:心得体会|心得|体会|感悟|感想|读后感|观后感|学习体会|有感|感言)", "心得体会"),
        (r"(?:主持词|主持稿|串词|主持人讲话|主持讲话)", "主持词"),
        (r"(?:致辞|致词|贺词|欢迎词|答谢词|祝酒词|开幕词|闭幕词)", "致辞"),
        (r"(?:发言|发言稿|发言材料|发言提纲|表态发言|交流发言|交流材料|经验交流)", "发言"),
        (r"(?:讲话|讲话稿|讲稿|讲话提纲|党课|演讲稿|讲话材料)", "讲话"),
        (r"(?:会议纪要|纪要)", "纪要"),
        (r"请示", "请示"),
        (r"批复", "批复"),
        (r"(?:通知|补充通知|紧急通知)", "通知"),
        (r"通报", "通报"),
        (r"通告", "通告"),
        (r"公告", "公告"),
        (r"(?:指导意见|实施意见|意见)", "意见"),
        (r"决定", "决定"),
        (r"(?:实施方案|工作方案|方案)", "方案"),
        (r"(?:工作要点|计划|规划|工作安排|安排)", "计划"),
        (r"(?:总结|小结)", "总结"),
        (r"(?:报告|汇报|工作汇报|情况汇报|汇报材料|情况报告)", "报告"),
        # "…第31号建议的答复": the answer to a deputy's 建议 or a 提案 is sent as a letter (答复函); the 人大 form
        # "…第28号建议、批评和意见的答复" lists its kinds (kman.gov.cn, structure_real_8 tuning: read as 意见 before)
        (r"(?:复函|函|的函|(?:建议|提案|议案)(?:[、和及与][^、和及与的]{1,4})*的答复(?:函)?)", "函"),
        (r"(?:办法|规定|细则|条例|制度|章程|规则|守则|须知|倡议书|公开信|简报)", "其他"),
    )
)
# A site's navigation menu taken for the title ("XX范文网 导航 首页 工作计划 述职报告 讲话稿"):
# words split by spaces or bars, each a 文种 name by itself (at most 6 characters, the 文种 word
# starting within the first 2: "工作计划", "年终总结"). Two such words of different 文种 make a menu.
STRUCT_TITLE_MENU_SPLIT = re.compile(r"[\s|/»>]+")
STRUCT_MENU_WORD_MAX = 6
STRUCT_MENU_WORD_PREFIX = 2
# "乡镇xx年工作总结和xx年工作计划": two 文种 joined by 和/及/暨/与 (no 《》 quoted document): the first
# names the text (the excerpt is its 总结 half).
STRUCT_TITLE_TWO_TYPES = re.compile(r"^(?P<first>[^《》]+?)(?:和|及|暨|与|并)(?P<second>[^《》]+)$")
# A 主送 line addressed to a set of subordinate units: "各乡镇人民政府,县政府各部门,…".
STRUCT_RECIPIENTS_MANY = re.compile(r"^\s*各")
# Body evidence when the title says nothing, strongest first.
STRUCT_DOCTYPE_BODY: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), t)
    for p, t in (
        # "以上请示妥否,请批示", "以上请示如无不妥请批示", "特具请示"
        (r"(?:妥否|当否)[,，]?请(?:批示|审批)|特(?:此|具)请示|以上请示|如无不妥[,，]?请(?:批示|批准)", "请示"),
        # "经研究,批复如下:", "特此作出如上批复", "此复"
        (r"特此批复|此复|批复如下|如上批复", "批复"),
        # "现将会议确定事项纪要如下", "会议原则同意…" (the minutes' formula for each decision)
        (r"纪要如下|会议(?:议定|确定)(?:的)?事项|会议原则同意", "纪要"),
        (r"特此通知|现(?:将|就)[^。]{0,40}通知如下|通知如下", "通知"),
        # "…予以通报表彰", "给予通报批评": the 通报's own formula
        (r"特此通报|现(?:将|就)[^。]{0,40}通报如下|予以通报(?:表彰|批评|表扬)|给予通报(?:表彰|批评|表扬)", "通报"),
        (r"特此通告|通告如下", "通告"),
        # "现将拟征收土地有关事项告知如下", "现将有关事项公布于后"
        (r"特此公告|公告如下|现将[^。]{0,40}(?:告知|公布)如下|公布于后", "公告"),
        # "特此函达,务希研究见复", "现答复如下" (the answer to a deputy's 建议)
        (r"特此函(?:告|复|达)|请(?:予)?函复|务希[^。]{0,6}见复|现答复如下", "函"),
        # a 下行文 handing work down: "现将…目标任务分解下达", "现予印发,请遵照执行"
        (r"现将[^。]{0,60}(?:下达|印发给你们|转发给你们)|现予印发|请遵照执行", "通知"),
        (r"特此报告|现(?:将|就)[^。]{0,40}报告如下", "报告"),
        # "特作如下决定", "现作出如下决定", "特此决定"
        # "经市政府研究,决定对…进行表彰", "经研究,决定表彰…", "国务院决定授予…" (a 表彰 决定 without its title:
        # structure_real_5 tuning; a 通报's "决定对…予以通报表彰" matched as 通报 above)
        (r"(?:作出|作)如下决定|决定如下|特此决定|(?:经|经过)[^。]{0,12}研究[,，]\s*决定(?:对|授予|表彰|给予|命名)|决定授予", "决定"),
        # "现就…提出如下意见", "特提出以下意见"
        (r"提出(?:如下|以下)(?:实施)?意见", "意见"),
        (r"我(?:的)?述职|现将[^。]{0,30}述职", "述职报告"),
        # "现在进行第一项议程" (the chairman opening a session, comefromchina, structure_real_3 tuning: read as 其他
        # with 下面/接下来 only). Not "我宣布…开幕", which an opening address (开幕词, 致辞) also ends with.
        (r"(?:会议|大会)(?:现在)?开始|现在开会|散会[。!！]|会议(?:的)?议程(?:是|有)|(?:下面|接下来|现在)[^。]{0,10}进行(?:第[一二三四五六七八九十]+项|下一项)|请[^。]{0,20}(?:讲话|致辞|发言)[^。]{0,6}(?:大家欢迎|掌声)", "主持词"),
        # the speaker naming the speech: "我很荣幸能站在这里,代表全体运动员发言" (aihuau, structure_real_3 tuning:
        # its salutation 尊敬的各位领导、各位来宾 and 我谨代表 read it as 致辞); first person only, so a host's
        # "请学生代表发言" is not read as the speech itself
        (r"我[^。！？]{0,16}代表[^。，,；]{1,16}发言", "发言"),
        (r"心得|体会|感悟|收获很大|收获良多|收获颇丰|受益匪浅", "心得体会"),
        # the address at a ceremony or contest: "我谨代表xx,向…表示热烈的祝贺"
        (r"我谨代表|表示热烈的(?:祝贺|欢迎)|值此[^。]{2,30}之际|祝[^。]{2,30}圆满成功", "致辞"),
        # "…我简要作个讲话" (a leader's address before a contest): the speaker names it
        (r"同志们|我讲(?:几|三|两|四)点(?:意见)?|下面,?我(?:再)?(?:强调|讲)|我[^。,，]{0,4}(?:作|做)(?:个|一个)?(?:简短的?)?讲话", "讲话"),
        (r"(?:我|我们)(?:的)?发言|交流发言", "发言"),
        # "特制定本方案", "特制定本目标工作计划": the document names itself after 制定本
        (r"实施方案|工作方案|本方案|制定本[^。，,]{0,8}方案", "方案"),
        (r"本(?:工作)?计划|计划如下|本要点|工作要点如下|制定本[^。，,]{0,8}计划", "计划"),  # "特制定本计划" like "本方案"
        (r"工作总结|总结如下|取得了?[^。]{0,10}成效|主要做法", "总结"),
        # a recruitment text that names itself: "按照发布招聘公告、报名、资格审查…等程序进行" (the excerpt of a town's
        # 招聘公告 without its title: yingyudengji.com, structure_real_3 tuning); weakest, after every formula above
        (r"(?:招聘|招考|招录)(?:公告|简章)", "公告"),
    )
)

# --- 公文 header / footer -------------------------------------------------------------------
# 文号: "国发〔2024〕5号", "X政办发[2024]12号", "XX发〔202X〕X号" (brackets of any kind).
STRUCT_DOC_NUMBER = re.compile(
    r"(?P<num>[\u4e00-\u9fffXx×*]{1,12}[〔\[［【(（]\s*(?:(?:19|20)\d{2}|20[\dXx×]{2}|202[Xx×])\s*[〕\]］】)）]\s*"
    r"(?:\d{1,4}|[Xx×]{1,3})\s*号)"
)
# Header line "XX县人民政府文件" / "中共XX县委办公室文件".
STRUCT_ISSUER_HEADER = re.compile(r"^(?P<issuer>.{2,40}?)\s*文件$")
# Organisation names (issuer from the title prefix or the signature; 主送 lists).
STRUCT_ORG_SUFFIX = re.compile(
    r"(?:人民政府|政府|委员会|办公室|办公厅|局|厅|部|委|院|中心|公司|集团|党委|党组|县委|市委|省委|"
    r"支部|总支|小组|协会|学会|联合会|大学|学校|医院|法院|检察院|所|站|处|科|队|社|会)$"
)
STRUCT_TITLE_ISSUER = re.compile(r"^(?P<issuer>.{2,40}?)关于")
# 主送: "各乡镇人民政府，县直各部门：" — organisations, ending with a colon.
STRUCT_RECIPIENTS = re.compile(r"^(?P<to>[^。！？!?]{2,120}?)\s*:$")
STRUCT_RECIPIENT_WORDS = re.compile(r"各|政府|部门|单位|机关|委员会|局|厅|办|党委|党组|公司|学校|街道|乡镇|委|院|所")
# 附件: "附件：1．XX方案" / "附件:XX表"; continuation lines "2．XX清单".
STRUCT_ATTACHMENT = re.compile(r"^附件\s*\d*\s*[:]\s*(?P<rest>.*)$")
STRUCT_ATTACHMENT_ITEM = re.compile(r"^\s*(?:\d{1,2}\s*[.、]|\(\d{1,2}\)|[①-⑳])\s*(?P<title>.+?)\s*$")
# Date line of the signature block: "2024年3月5日", "二〇二四年三月五日", "202x年x月x日".
STRUCT_DATE_LINE = re.compile(
    rf"^(?P<date>(?:(?:19|20)\d{{2}}|20[\dXx×]{{2}}|202[Xx×]|[{STRUCT_CN_NUM}]{{4}})\s*年\s*"
    rf"(?:\d{{1,2}}|[Xx×]{{1,2}}|[{STRUCT_CN_NUM}]{{1,3}})\s*月\s*"
    rf"(?:\d{{1,2}}|[Xx×]{{1,2}}|[{STRUCT_CN_NUM}]{{1,3}})\s*日)$"
)
STRUCT_SIGNATURE_MAX = 40

# --- template slots, references, quoted terms --------------------------------------------
# "X县", "XX同志", "XXX镇", "××局", "***镇": a run of placeholders and what it stands before.
STRUCT_SLOT_SUFFIX = (
    "街道|社区|同志|公司|集团|学校|大学|中学|小学|医院|单位|部门|项目|工程|会议|活动|镇党委|党支部|"
    "支部|企业|银行|协会|中心|书记|县长|市长|镇长|乡长|区长|主任|局长|同学|老师|先生|女士|领导|万元|亿元|"
    "省|市|县|区|镇|乡|村|局|委|厅|办|部|处|科|组|队|届|次|期|人|名|个|家|万|亿|元|号|月|日|年|天|项|条|所|户"
)
STRUCT_PLACEHOLDER_RUN = re.compile(
    rf"(?<![A-Za-z])(?P<run>[Xx×]{{1,4}}|\*{{2,6}}|□{{2,6}}|○{{2,6}})(?![A-Za-z])(?P<suffix>{STRUCT_SLOT_SUFFIX})?"
)
# "202x年", "20XX年", "20××年".
STRUCT_PLACEHOLDER_YEAR = re.compile(r"(?<!\d)(?:20[\dXx×][Xx×]|20[Xx×]{2}|19[Xx×]{2})年")
# Blanks to fill in: "____", "＿＿"(folded), "（    ）".
STRUCT_PLACEHOLDER_BLANK = re.compile(r"_{3,}")
# Titles in 《》 (books, laws, documents), and quoted terms “…” / 「…」 / 『…』 (short ones only:
# terms such as “放管服”, not quoted sentences).
STRUCT_REFERENCE = re.compile(r"《(?P<ref>[^《》\n]{1,80})》")
STRUCT_QUOTED = re.compile(r"[“「『](?P<term>[^“”「」『』\n]{1,30})[”」』]")

