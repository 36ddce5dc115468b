"""Plain-text scrapes: the page chrome survives as lines around the body.

A typical 范文 scrape (see samples/speech_sanweiyuan_43077.txt) reads

    <site> 导航                         banner           -> site_name candidate, dropped
    <title>                             title line       -> title, dropped from the body
    <site> 2024-12-06 00:37:14          site/date line   -> published_at, dropped
    <body …>
    <title> 》,由互联网用户分享整理。    share notice     -> start of the tail, dropped
    链接地址:http://…  转载请保留        link line        -> url
    相关文章 / 推荐文章 / © / 友情链接   tail             -> dropped (© line -> site_name)

The head is recognised by shape (short lines before the first dated line), the tail by its
markers; the body in between is kept whole, one paragraph per line.
"""

from __future__ import annotations

import re

from docpipe import dates, patterns
from docpipe.clean.noise import Dropped, block_chrome, chrome_reason, chunk_numbers, filter_lines, is_title_echo, strip_markup
from docpipe.models import CleanBlock, DroppedLine, PageMetadata
from docpipe.config import StructureSettings
from docpipe.structure.title import default_settings, fanwen_page_title, find_title

# The head (banner, title, date) sits within the first few non-empty lines.
_HEAD_WINDOW = 8
# A repost marker ("全文如下") is looked for among this many first non-empty lines.
_REPOST_HEAD_LINES = 15
# Related-article headlines after a repost's credit lines are short and not sentences.
_RELATED_HEADLINE_CHARS = 40
# A title is one line, not a sentence of running text.
_MAX_TITLE_CHARS = 80
_SENTENCE_END = re.compile(r"[。！？!?；;]$|[.](?:\s|$)")
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
# Edge chrome by shape (_edge_chrome): the body's prose spans from its first to its last line of
# at least EDGE_PROSE_MIN_CHARS characters with clause punctuation; above and below that span, a
# line of at most EDGE_META_MAX_CHARS characters that is mostly not ideographs (under
# EDGE_META_MAX_IDEOGRAPH_SHARE of its letters: "402,402", "2002-10-07", "Moderator", "- 大小:16.00 KB",
# "时间:2023-10-02 01:09:01") is page metadata — unless it is a date, a 文号 or a numbered line,
# which are the document's own. A short label line next to such a value ("荣誉分数" above "76",
# "消息" above "402,402": a forum user card) goes with it.
EDGE_PROSE_MIN_CHARS = 15
EDGE_META_MAX_CHARS = 30
EDGE_META_MAX_IDEOGRAPH_SHARE = 0.5
EDGE_LABEL_MAX_CHARS = 6
_PROSE_PUNCT = re.compile(r"[。，,；;！？!?]")
_LETTER = re.compile(r"[^\W_]")
_SLOT = re.compile(r"[Xx×*＊]{2,}|(?<![A-Za-z])[Xx×](?![A-Za-z])")
# a run of more ideographs than this is a word of the text (a field label is at most 4: 文档页数)
EDGE_META_MAX_IDEOGRAPH_RUN = 4
_IDEOGRAPH_RUN = re.compile(patterns.IDEOGRAPH.pattern + "+")


# A hard-wrapped PDF text (a document site's extraction that breaks lines around every run of Latin letters and
# digits: "XX" / "镇" / "2023" / "年政府工作报告", baijiadoc.com in tests/fixtures/structure_real_4 tuning): when enough
# non-empty lines are short and enough break off inside a sentence after a comma (thresholds: the hard_wrap_* fields
# of StructureSettings, docpipe/config.py), a line that does not end a sentence or a label is continued by the next,
# unless that opens with a marker or is a salutation line ("各位代表:"). The line shapes: patterns.TEXT_WRAP_*.


def _rejoin_hard_wraps(lines: list[str], cfg: StructureSettings | None = None) -> list[str]:
    """The lines of a hard-wrapped text joined back into paragraphs (comment above; cfg.hard_wrap_*); other texts unchanged."""
    cfg = cfg or default_settings()
    filled = [line for line in lines if line]
    if len(filled) < cfg.hard_wrap_min_lines or sum(len(line) <= cfg.hard_wrap_short_chars for line in filled) < cfg.hard_wrap_min_share * len(filled):
        return lines
    if sum(bool(patterns.TEXT_WRAP_CUT_CLAUSE.search(line)) and not patterns.TEXT_WRAP_END.search(line) for line in filled) < cfg.hard_wrap_min_cut_clauses:
        return lines
    out: list[str] = []
    for line in lines:
        # A blank line is a barrier: it ends a paragraph and is kept; nothing is joined across it. A page's
        # text fed as a scrape (cwced_zh 36efbc69 in tests/fixtures/eval_subset, its markup stripped: many short
        # script/caption lines between blank lines) passed the hard-wrap thresholds, and joining over the dropped blank
        # lines glued separate paragraphs: an image tag's tail to the next report ("…imageslim\"/>2月7日，宿迁…") and the
        # byline to the credit line under it ("整合 新华日报·交汇点记者 徐睿翔素材来源 江苏13个…").
        if not line:
            out.append(line)
            continue
        salutation = len(line) <= cfg.hard_wrap_salutation_chars and patterns.TEXT_WRAP_END.search(line) and line.rstrip()[-1] in ":："
        if out and out[-1] and not patterns.TEXT_WRAP_END.search(out[-1]) and not patterns.TEXT_WRAP_MARKER.match(line) and not salutation:
            out[-1] += line
        else:
            out.append(line)
    return out


def _norm(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def _is_title_like(line: str) -> bool:
    return 0 < len(line) <= _MAX_TITLE_CHARS and not _SENTENCE_END.search(line)


def clean_text(
    text: str, title_settings: StructureSettings | None = None
) -> tuple[tuple[CleanBlock, ...], PageMetadata, tuple[DroppedLine, ...]]:
    """Split a plain-text scrape into body paragraphs, the metadata its chrome carries, and the
    lines dropped as chrome (each with its reason). The title is chosen with the title_* fields of
    the structure settings (docpipe.structure.title)."""
    cfg = title_settings or default_settings()
    text = strip_markup(text)
    lines = _rejoin_hard_wraps([_norm(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")], cfg)
    dropped: list[Dropped] = []
    # A repost: the lead of the page that reposts a document ends at "全文如下"; the document follows.
    repost = next((i for i in [k for k, line in enumerate(lines) if line][:_REPOST_HEAD_LINES]
                   if patterns.NOISE_REPOST_MARKER.match(lines[i])), None)
    if repost is not None:
        lead = {line.strip() for line in lines[:repost] if line.strip()}
        dropped.extend(Dropped(line, "repost_lead") for line in lines[:repost] if line)
        dropped.append(Dropped(lines[repost], "repost_marker"))
        lines = [""] * (repost + 1) + lines[repost + 1:]
        # the reposting page's headline in 【】 glued before a sentence of the document ("【 『紧急通知』石家庄…公布】4月22日,…":
        # jiangsulong.com, structure_real_more tuning) goes with the lead it repeats
        for i in range(repost + 1, len(lines)):
            bracket = patterns.NOISE_LEAD_BRACKET.match(lines[i])
            if bracket and bracket.group("headline").strip() in lead and lines[i][bracket.end():].strip():
                dropped.append(Dropped(bracket.group(0).strip(), "repost_lead"))
                lines[i] = lines[i][bracket.end():]
    # (chrome lines above the first chunk are not read: "《….docx》由会员分享,…" then "1、2023年XX镇…")
    unchromed = [line if line and chrome_reason(line) is None else "" for line in lines]
    for i in sorted(chunk_numbers(unchromed)):
        # a document site's chunk number, not the text's marker: cut, and a chunk that continues a
        # sentence cut off at the chunk break is joined to it ("…宣读大会秘" + "书名单(草案)")
        number = patterns.NOISE_CHUNK_NUMBER.match(lines[i])
        assert number is not None
        dropped.append(Dropped(number.group(0), "chunk_number"))
        prev = next((k for k in range(i - 1, -1, -1) if unchromed[k]), None)
        if prev is None:
            lines[i] = lines[i][number.end():]
        else:
            lines[prev], lines[i] = lines[prev] + lines[i][number.end():], ""
            unchromed[i] = ""
    raw_lines = list(lines)
    for i, reason in block_chrome(lines).items():
        dropped.append(Dropped(lines[i], reason))
        lines[i] = ""
    for i, line in enumerate(lines):
        # Chrome lines (clean/noise.py) are out before the head is read, so a breadcrumb, a
        # 来源/时间 line or a collection label is never taken for the title; a site/date line
        # stays for the head to read its date and site from.
        reason = chrome_reason(line) if line else None
        # (a metadata table's "成文日期 2012-03-22" is shaped like a site/date line, but its label is no site)
        if reason is not None and (reason == "meta_table" or not patterns.TEXT_SITE_DATE_LINE.match(line)):
            dropped.append(Dropped(line, reason))
            lines[i] = ""
    nonempty = [i for i, line in enumerate(lines) if line]
    site: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None

    # ---- head: banner / title / site+date, within the first few non-empty lines
    body_start = nonempty[0] if nonempty else len(lines)
    head = nonempty[:_HEAD_WINDOW]
    # The site/date line belongs to the head only if nothing but head-shaped lines (banner,
    # title, short labels) precede it: in a short 公文 the date line of the signature block can
    # fall within the first few lines, after the body has started.
    lead: list[int] = []
    for i in head:
        lead.append(i)
        line = lines[i]
        if not (_is_chrome_head(line) or patterns.TEXT_SITE_DATE_LINE.match(line) or _is_title_like(line)):
            break
    date_at = next((i for i in lead if patterns.TEXT_SITE_DATE_LINE.match(lines[i])), None)
    if date_at is not None:
        match = patterns.TEXT_SITE_DATE_LINE.match(lines[date_at])
        assert match is not None
        date = dates.parse(match.group("date")) or match.group("date")
        site = match.group("site") or None
        for label, value in patterns.TEXT_META_FIELD.findall(match.group("fields") or ""):
            if label == "作者" and not patterns.TEXT_NON_AUTHORS.match(value):
                author = value
        before = [i for i in head if i < date_at]
        for i in before:
            banner = patterns.TEXT_BANNER_LINE.match(lines[i])
            if banner:
                site = site or banner.group("site")
        # (the finder sees the collection labels, as below: a label is read as the page title it decorates —
        # "最新有关…演讲稿范文" above "编辑:…" and "2013-10-30", 51edu.com in tests/fixtures/structure_pages)
        found = find_title(["" if i >= date_at or _is_chrome_head(line) else line
                            for i, line in enumerate(_with_labels(lines[:date_at], raw_lines))], cfg=cfg, body_follows=True)
        title = found.title if found else None
        body_start = date_at + 1
        if found is not None and found.title:
            # the page's headline above its date, the document's own title line under it, with the issuer the headline
            # leaves out ("关于加强温岭铁路站场管理的通告" / "2010-10-08" / "温岭市人民政府关于加强温岭铁路站场管理的通告":
            # wl.gov.cn, structure_real_7 tuning): the document's line is the title and the body starts under it
            below = find_title(["" if i <= date_at or _is_chrome_head(line) else line for i, line in enumerate(lines)],
                               date_at + 1, cfg)
            if below is not None and below.title and not below.remainder and _extends_headline(below.title, found.title):
                title, body_start = below.title, below.end
        if found is None:
            # no title above the page's date line: the document's own title line under it, below the page's metadata
            # ("发布日期: 2021-03-15" / "来苏委发〔2021〕68号" / issuer lines / "关于印发…的通知": cqyc.gov.cn in
            # tests/fixtures/structure_pages)
            below = find_title(["" if i <= date_at or _is_chrome_head(line) else line for i, line in enumerate(lines)],
                               date_at + 1, cfg)
            if below is not None and below.title and not below.remainder:
                title, body_start = below.title, below.end
    elif head:
        # Banner, breadcrumb and menu lines at the top are chrome, whatever their order.
        while head and _is_chrome_head(lines[head[0]]):
            banner = patterns.TEXT_BANNER_LINE.match(lines[head[0]])
            if banner and site is None:
                site = banner.group("site")
            head = head[1:]
        # The document's title among the head lines (structure/title.py: not the salutation, past
        # page titles, collection labels and a 目录 block, broken titles joined).
        # (The finder sees the chrome lines too: a collection label marks the heading above it.)
        view = ["" if i < head[0] or not raw or _is_chrome_head(raw) else raw for i, raw in enumerate(raw_lines)] if head else []
        found = find_title(view, head[0], cfg) if head else None
        if found is not None:
            title = found.title
            body_start = found.end
            if found.remainder:  # a glued first line: the body goes on after its title
                lines[found.start] = found.remainder
                body_start = found.start
        elif head:
            body_start = head[0]
        if title is None and head:
            # Only 范文 page titles above the body ("乡镇2021年工作规划范文" twice, dropped as collection
            # labels): the title is the page title without its decoration.
            top = [raw if i < head[0] and raw and not _is_chrome_head(raw) else "" for i, raw in enumerate(raw_lines)]
            page_title = fanwen_page_title(top, cfg=cfg)
            title = page_title.title if page_title is not None else None

    # ---- tail: from the first tail marker after the body on, everything is chrome
    body_end = len(lines)
    for i in range(body_start, len(lines)):
        line = raw_lines[i]  # a paywall note is chrome itself, and still ends the body
        if not line:
            continue
        if patterns.NOISE_CREDIT_LINE.match(line) and _only_headlines_after(raw_lines, i):
            # "来源/石家庄长安发布", "编辑/…", then "最新公布!河北3市多人任免" …: the page's related links
            body_end = next((k for k in range(i + 1, len(lines)) if raw_lines[k] and not patterns.NOISE_CREDIT_LINE.match(raw_lines[k])), len(lines))
            break
        if (
            patterns.TEXT_SHARE_NOTICE.search(line)
            or patterns.TEXT_LINK_LINE.search(line)
            or patterns.TEXT_TAIL_HEADER.match(line)
            or patterns.TEXT_COPYRIGHT_LINE.match(line)
            or patterns.TEXT_FRIEND_LINKS.match(line)
            or patterns.TEXT_PAYWALL_END.search(line)
        ):
            body_end = i
            break
    for line in raw_lines[body_end:]:
        link = patterns.TEXT_LINK_LINE.search(line)
        if link and url is None:
            url = link.group("url").rstrip("，,。")
        if patterns.TEXT_COPYRIGHT_LINE.match(line) and site is None:
            words = re.sub(patterns.TEXT_COPYRIGHT_LINE, "", line).split()
            site = words[0] if words else None

    dropped.extend(Dropped(line, "head") for line in lines[:body_start] if line)
    dropped.extend(Dropped(line, "tail") for line in lines[body_end:] if line)
    body = [line for line in lines[body_start:body_end] if line]
    edge = _edge_chrome(body)
    dropped.extend(Dropped(body[i], "edge_meta") for i in sorted(edge))
    body = [line for i, line in enumerate(body) if i not in edge]
    echo = [line for line in body if is_title_echo(line, title)]
    dropped.extend(Dropped(line, "title_echo") for line in echo)
    body = [line for line in body if line not in echo]
    dropped.extend(Dropped(line, "stray_chrome") for line in body if _is_chrome_line(line))
    kept, inline = filter_lines(line for line in body if not _is_chrome_line(line))
    dropped.extend(inline)
    blocks = tuple(CleanBlock(kind="paragraph", text=line) for line in kept)
    metadata = PageMetadata(title=title, published_at=date, site_name=site, author=author, canonical_url=url)
    return blocks, metadata, tuple(DroppedLine(text=d.line, reason=d.reason) for d in dropped)


def _extends_headline(title: str, headline: str) -> bool:
    """The document's title line is the page's headline with more around it (its issuer before it)."""
    full, head = "".join(title.split()), "".join(headline.split())
    return len(full) > len(head) and head in full


def _with_labels(lines: list[str], raw_lines: list[str]) -> list[str]:
    """The lines with the collection labels dropped from them put back (the title finder reads them)."""
    return [raw if not line and raw and chrome_reason(raw) == "collection_label" else line for line, raw in zip(lines, raw_lines)]


def _metadata_shaped(line: str) -> bool:
    """A short line made mostly of digits, Latin letters and signs: a counter, a timestamp, a user
    name, a file size. Not a date, a 文号 or a marker-led line ("2024年5月30日", "粤府办〔2023〕5号",
    "1." are the document's)."""
    text = line.strip()
    if not text or len(text) > EDGE_META_MAX_CHARS:
        return False
    # template slots ("XXX", "××", "****") stand for the document's names: not Latin letters
    unslotted = _SLOT.sub("", text)
    letters = _LETTER.findall(unslotted)
    if not letters:
        return bool(re.search(r"\d", unslotted))  # "402,402"; not "****", a masked line
    ideographs = sum(1 for ch in letters if patterns.IDEOGRAPH.match(ch))
    if ideographs >= EDGE_META_MAX_IDEOGRAPH_SHARE * len(letters):
        return False
    if any(len(run) > EDGE_META_MAX_IDEOGRAPH_RUN for run in _IDEOGRAPH_RUN.findall(text)):
        return False  # "同志们：) L. c9 R- ~'": the text's words with a jammer glued on
    return not (
        patterns.TEXT_OWN_YEAR.search(text)
        or patterns.STRUCT_SALUTATION.match(text)  # "同志们：) L. c9 R-": the salutation, a jammer glued on
        or patterns.STRUCT_DOC_NUMBER.search(text)
        or re.match(r"\(?\d{1,2}[.、)．]", text)
    )


def _edge_chrome(body: list[str]) -> set[int]:
    """Indices of metadata-shaped lines above the first and below the last prose line of a
    Chinese body (constants above), with the short label lines beside them."""
    prose = [i for i, line in enumerate(body) if len(line) >= EDGE_PROSE_MIN_CHARS and _PROSE_PUNCT.search(line)]
    if not prose or len(patterns.IDEOGRAPH.findall("".join(body[k] for k in prose))) * 2 < sum(len(body[k]) for k in prose):
        return set()
    edges = [i for i in range(len(body)) if i < prose[0] or i > prose[-1]]
    found = {i for i in edges if _metadata_shaped(body[i])}
    # the card's labels: short ideograph lines chained to a count ("消息" / "402,402" / "荣誉分数" /
    # "声望点数", the counts under the last two already dropped as page counters)
    chain = [i for i in found if body[i].strip().replace(",", "").isdigit()]
    while chain:
        i = chain.pop()
        for k in (i - 1, i + 1):
            if k in edges and k not in found and len(body[k]) <= EDGE_LABEL_MAX_CHARS and patterns.TEXT_EDGE_LABEL_LINE.match(body[k]):
                found.add(k)
                chain.append(k)
    return found


def _only_headlines_after(lines: list[str], at: int) -> bool:
    """True when every line after `at` is a credit line or a short headline (no sentence end)."""
    return all(
        not line or patterns.NOISE_CREDIT_LINE.match(line)
        or len(line) <= _RELATED_HEADLINE_CHARS and not _SENTENCE_END.search(line) and "。" not in line
        for line in lines[at + 1:]
    )


def _is_chrome_head(line: str) -> bool:
    """Banner ("<site> 导航 …"), breadcrumb ("当前位置：首页 > …"), a bare menu line or a book's
    bracketed label line ("【致辭人】…")."""
    return bool(
        patterns.TEXT_BANNER_LINE.match(line)
        or patterns.TEXT_NAV_LINE.match(line)
        or patterns.TEXT_MENU_LINE.match(line)
        or patterns.TEXT_BRACKET_LABEL_LINE.match(line)
    )


def _is_chrome_line(line: str) -> bool:
    """Stray chrome inside the body span (a repeated banner or copyright line)."""
    return bool(
        patterns.TEXT_NAV_LINE.match(line) and len(line) < 30
        or patterns.TEXT_COPYRIGHT_LINE.match(line)
        or patterns.TEXT_SHARE_NOTICE.search(line) and len(line) < 120
    )
