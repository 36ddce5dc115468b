"""Outline: headings with levels, lead-sentence splitting, glued headings, numbering checks.

A heading is a marker (一、 （一） 1. （1） ⑴ ① 第一， 第一部分/章/节/条, 首先…, and in English
1. 1.1 I. A.) that opens a block, followed by either the whole line or the lead sentence of a
paragraph (up to the first 。？！；). Where line breaks were lost, a heading can also sit in the
middle of a paragraph right after a sentence end ("…落到实处。第二,突出重点,…"); such a glued
heading is accepted only when it continues a numbering sequence already in use, so enumerations
in running text ("我讲三点：第一，…；第二，…") stay inline points.

Levels follow the nesting of the numbering (assign_levels: a stack of the open marker styles,
GB/T 9704's 一、 > （一） > 1. > （1） deciding which of two styles is above the other), so one style
can sit at different depths in one text; a document that opens with 1. has 1. as level 1.
Numbering that skips, repeats or restarts is reported in outline_warnings and left as written.
"""

from __future__ import annotations

from docpipe import regex_cache as re  # re, its compiled patterns kept between processes
from collections.abc import Iterator
from dataclasses import dataclass, replace

from docpipe import patterns
from docpipe.models import BlockKind, CleanBlock
from docpipe.structure.items import RUNON_MIN_ENTRIES, runon_markers
from docpipe.structure.normalize import analysis_view

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ROMAN = {"I": 1, "V": 5, "X": 10}
_CJK_PUNCT_OR_SPACE = re.compile(r"[\s,、:;。！？!?“”\"'()《》]")
_TRAIL_PUNCT = re.compile(r"[\s,，、:：;；。！？!?.．]+$")
_SPACE = re.compile(r"[ \t]")
_SPACE_RUN = re.compile(r"[ \t]+")
_CLAUSE_PUNCT = re.compile(r"[,、:]")
# What may precede the numerals of a marker: the start of a sentence ("…方案.一.指导思想").
_MARKER_BOUNDARY = frozenset("。！？!?;；:.,第)")

# A heading on a line of its own is short; a longer marker-led line is a paragraph whose lead
# sentence is the heading.
MAX_HEADING_CHARS = 80
# A lead sentence longer than this is checked for a glued body opener ("…效能当前,我县…").
GLUE_CHECK_CHARS = 12
# English: a numbered line is a heading only when it reads like a title, not a sentence.
EN_MAX_HEADING_WORDS = 14
# HTML bold lines longer than this are emphasised sentences, not headings.
BOLD_MAX_CHARS = 40

# Styles that may be recognised in the middle of a paragraph after a sentence end even before
# they have been seen as headings (a document that lost all its line breaks opens with "一、").
_GLUE_FREE_STYLES = {"cn_dun", "di_部分", "di_章", "di_篇"}
# Numbered styles that may open a new level inside a paragraph when "1." and "2." both follow
# sentence ends.
_SEQUENCE_GLUE_STYLES = {"ar_dot", "ar_paren", "ar_rparen", "cn_paren"}
# Styles tried at a block start, in order (multi-level decimals before "1.").
_CHINESE_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("pian", patterns.STRUCT_HEAD_PIAN),
    ("di", patterns.STRUCT_HEAD_DI),
    ("ar_multi", patterns.STRUCT_HEAD_AR_MULTI),
    ("ar_bare", patterns.STRUCT_HEAD_AR_BARE),
    ("ar_dot", patterns.STRUCT_HEAD_AR_DOT),
    ("ar_rparen", patterns.STRUCT_HEAD_AR_RPAREN),
    ("ar_paren", patterns.STRUCT_HEAD_AR_PAREN),
    ("cn_dun", patterns.STRUCT_HEAD_CN_DUN),
    ("cn_paren", patterns.STRUCT_HEAD_CN_PAREN),
    ("circled", patterns.STRUCT_HEAD_CIRCLED),
    ("seq", patterns.STRUCT_HEAD_SEQ),
)
_ENGLISH_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("roman", patterns.STRUCT_HEAD_EN_ROMAN),
    ("alpha", patterns.STRUCT_HEAD_EN_ALPHA),
)


def _heading_text(written: str) -> str:
    """The heading text as written, without trailing punctuation but with a trailing colon ("主持人出场:",
    "评比标准:", "…有关问题:"): the structure_real labels keep it (labelling convention 3)."""
    text = _TRAIL_PUNCT.sub("", written)
    end = written.rstrip()
    return text + end[-1] if text and end.endswith((":", "：")) else text


def cn_to_int(numeral: str) -> int | None:
    """一→1, 十二→12, 二十→20, 二十三→23, 一百→100; None if not a numeral."""
    if not numeral:
        return None
    if numeral.isdigit():
        return int(numeral)
    total, current = 0, 0
    for ch in numeral:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def roman_to_int(numeral: str) -> int | None:
    values = [_ROMAN.get(ch) for ch in numeral]
    if not values or any(v is None for v in values):
        return None
    total = 0
    for i, v in enumerate(values):
        assert v is not None
        nxt = values[i + 1] if i + 1 < len(values) else None
        total += -v if nxt is not None and nxt > v else v
    return total


@dataclass(frozen=True)
class MarkerMatch:
    style: str
    num: int | None
    start: int
    marker_end: int  # end of the marker as written (no trailing spaces)
    end: int  # where the heading text starts


def _number(style: str, m: re.Match[str]) -> int | None:
    groups = m.groupdict()
    if groups.get("circ"):
        ch = groups["circ"]
        base = 0x2474 if "⑴" <= ch <= "⒇" else 0x2460
        return ord(ch) - base + 1
    if style == "seq":
        return patterns.STRUCT_SEQ_ORDER.get(m.group("word"))
    raw = groups.get("num") or ""
    if style == "roman":
        return roman_to_int(raw)
    if style == "alpha":
        return ord(raw) - ord("A") + 1
    if style.startswith("ar_multi"):
        return int(raw.split(".")[-1])
    return cn_to_int(raw)


def _decimal_child_follows(view: str, m: re.Match[str]) -> bool:
    """"1 总 则 1.1 编制目的": a bare chapter number is one only when its N.1 follows its short title."""
    child = f"{m.group('num')}.1"
    at = view.find(child, m.end(), m.end() + patterns.STRUCT_AR_BARE_CHILD_WITHIN + len(child))
    return at > m.end() and view[at - 1] in " \t" and not view[at + len(child):at + len(child) + 1].isdigit() \
        and not patterns.STRUCT_SENTENCE_END.search(view, m.end(), at)


def _any_of(styles: tuple[tuple[str, re.Pattern[str]], ...]) -> re.Pattern[str]:
    """One pattern that matches where any of the styles' patterns matches (their named groups
    made plain: it is only asked whether one matches)."""
    return re.compile("|".join(f"(?:{re.sub(r'[(][?]P<[^>]+>', '(?:', p.pattern)})" for _, p in styles))


# Most positions match_marker is asked about hold no marker (every paragraph's start, every
# sentence end of a Chinese paragraph): one match of the union there, in C, instead of one
# Python call per style (96 of every 100 calls on the 550 pages and daniel_zh).
_ANY_CHINESE = _any_of(_CHINESE_STYLES)
_ANY_ENGLISH = _any_of(_ENGLISH_STYLES + _CHINESE_STYLES)


def match_marker(view: str, pos: int, english: bool) -> MarkerMatch | None:
    """The outline marker at view[pos], if any."""
    if not (_ANY_ENGLISH if english else _ANY_CHINESE).match(view, pos):
        return None
    styles = _ENGLISH_STYLES + _CHINESE_STYLES if english else _CHINESE_STYLES
    for style, pattern in styles:
        m = pattern.match(view, pos)
        if not m:
            continue
        name = style
        if style == "di" and m.group("unit"):
            name = f"di_{m.group('unit')}"
        elif style == "ar_multi":
            name = f"ar_multi{m.group('num').count('.') + 1}"
        elif style == "ar_paren" and m.group("circ"):
            name = "ar_paren"
        if (style == "ar_multi" or style == "ar_dot" and m.group("punct") == ".") and patterns.STRUCT_MARKER_DATE_AFTER.match(view, m.end()):
            continue  # "1.3月5日": a date, not "1." and its text
        if style == "ar_bare" and not _decimal_child_follows(view, m):
            continue  # "3 个": a number in running text, not a chapter number
        marker_end = m.end()
        while marker_end > pos and view[marker_end - 1] in " \t":
            marker_end -= 1
        end = m.end()
        while end < len(view) and view[end] in " \t":
            end += 1
        return MarkerMatch(name, _number(style, m), pos, marker_end, end)
    return None


@dataclass
class Seg:
    """One output block while the outline is worked out."""

    kind: BlockKind
    raw: str  # the text as written, for the body text
    text: str  # heading: text without marker
    marker: str | None = None
    style: str | None = None
    num: int | None = None
    level: int | None = None
    seq_origin: str | None = None  # a 首先… candidate: the paragraph it was split from
    block_no: int = 0

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"


def _marker_dot(view: str, dot: int) -> bool:
    """True when the "." at view[dot] is the punctuation of a Chinese-numeral marker ("一."
    "十二." "第三.") rather than a sentence end: the numerals before it open a sentence."""
    i = dot
    while i > 0 and dot - i < 3 and view[i - 1] in patterns.STRUCT_CN_NUM:
        i -= 1
    if i == dot:
        return False
    return i == 0 or view[i - 1] in _MARKER_BOUNDARY or view[i - 1].isspace()


def _sentence_ends(pattern: re.Pattern[str], view: str, pos: int = 0) -> Iterator[re.Match[str]]:
    """Matches of a sentence-end pattern from `pos`, without the dots of "一." markers."""
    for m in pattern.finditer(view, pos):
        if view[m.start()] == "." and _marker_dot(view, m.start()):
            continue
        yield m


def _lead_split(view: str, start: int) -> tuple[int, int, bool]:
    """(heading_end, body_start, body_may_open_with_heading) for a Chinese heading at `start`."""
    # A dot right after the marker ("（1）.加强…") is part of the marker, not the lead sentence's end.
    m = next((e for e in _sentence_ends(patterns.STRUCT_SENTENCE_END, view, start)
              if not (e.start() == start and view[start] == ".")), None)
    head_end, body_start = (m.start(), m.end()) if m and view[m.end():].strip() else (len(view), len(view))
    # A space where a line break was, before the next marker: "二、目标任务 （一）总体目标。…"
    # is two headings, not one running over the marker.
    for space in _SPACE_RUN.finditer(view, start + 1, head_end):
        nxt = match_marker(view, space.end(), False)
        if nxt is not None and nxt.style != "seq" and nxt.end < len(view):
            return space.start(), space.end(), True
    # A sub-heading glued to this one: "一、工作开展情况（一）聚焦发展抓经济，…".
    sub = patterns.STRUCT_GLUED_SUBHEAD.search(view, start + 2, head_end)
    if sub and cn_to_int(sub.group("num")) == 1 and not _CJK_PUNCT_OR_SPACE.match(view[sub.start() - 1]):
        return sub.start(), sub.start(), True
    # "2)评比标准:①、节目主题鲜明,…": the heading text stops where its points begin.
    circ = patterns.STRUCT_ITEM_CIRCLED.search(view, start, head_end)
    if circ and circ.start() > start and view[circ.start() - 1] in ":：":
        return circ.start(), circ.start(), False
    # "第六条 禁止下列行为：①…；②…" — the points after the colon belong to the body.
    colon = view.find(":", start, head_end)
    if colon > start and patterns.STRUCT_LEAD_COLON_POINTS.match(view, colon + 1):
        # "一、乡镇工作困难及乡镇干部的困惑 就乡镇工作面临的困难而言,…有四件:一是…": a space where the line
        # break was ends the heading before the body's lead-in to its points (body text: clause punctuation
        # before the colon, as the space rule below asks).
        gap = _SPACE.search(view, start + 2, min(colon, start + 40))
        if gap and colon - gap.end() >= 10 and _CLAUSE_PUNCT.search(view, gap.end(), colon):
            return gap.start(), gap.end(), False
        return colon, colon + 1, False
    # "一、指导思想：以…为指导，…。" — the heading text runs to the sentence end, colon and all, as
    # the real scraped sets label it ("活动主题:迎奥运,爱三星,…", "公告期限:2026年3月16日至…").
    if head_end - start > GLUE_CHECK_CHARS:
        # Glued heading: the body starts with an opener right after the heading's last word.
        opener = patterns.STRUCT_BODY_OPENER.search(view, start + 4, head_end)
        if opener and not _CJK_PUNCT_OR_SPACE.match(view[opener.start() - 1]):
            return opener.start(), opener.start(), False
        # Or a space where the line break was ("一、总体要求 坚持以…，…"); not the space between
        # the two phrases of a heading ("一、认清形势 增强做好防汛工作的紧迫感"): body text after
        # the space has clause punctuation before its sentence ends.
        space = _SPACE.search(view, start + 2, min(head_end, start + 40))
        if space and head_end - space.end() >= 10 and _CLAUSE_PUNCT.search(view, space.end(), head_end):
            return space.start(), space.end(), True
    return head_end, body_start, False


def _bold_heading_like(view: str) -> bool:
    """A bold line without a marker is a heading when it reads like one: short, not a sentence,
    not the salutation ("同志们：") or the closing ("谢谢大家！") set in bold."""
    text = view.strip()
    return (
        0 < len(text) <= BOLD_MAX_CHARS
        and not re.search(r"[。！？!?；;:,，]$", text)
        and not patterns.STRUCT_SALUTATION.match(text)
        and not patterns.STRUCT_CLOSING.search(text)
    )


def _english_title_like(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= EN_MAX_HEADING_WORDS
        and len(text) <= 100
        and not text.rstrip().endswith((".", ";", ","))
        and not patterns.STRUCT_EN_SENTENCE_END.search(text.rstrip(".!?;"))
    )


class Outliner:
    """Turns clean blocks into segments; keeps the numbering state glued headings need."""

    def __init__(self, english: bool) -> None:
        self.english = english
        self.last_num: dict[str, int] = {}
        self.segs: list[Seg] = []
        self.inline_circled = False  # a ①… list has begun inside a paragraph

    # -- public ------------------------------------------------------------------------
    def add_block(self, block: CleanBlock, block_no: int) -> None:
        raw = block.text.strip()
        if not raw:
            return
        view = analysis_view(raw)
        if block.kind in ("table", "quote", "list_item"):
            m = match_marker(view, 0, self.english) if block.kind == "list_item" else None
            if m and m.end < len(view):
                self._emit(Seg("list_item", raw, raw[m.end:], raw[: m.marker_end], m.style, m.num, block_no=block_no))
            else:
                self._emit(Seg(block.kind, raw, raw, block_no=block_no))
            return
        if block.kind == "heading":
            m = match_marker(view, 0, self.english)
            if m and m.end < len(view) and m.style != "seq":
                text = _TRAIL_PUNCT.sub("", raw[m.end:]) or raw[m.end:]
                self._heading(Seg("heading", raw, text, raw[: m.marker_end], m.style, m.num, block_no=block_no))
            else:
                style = f"h{block.level}" if block.level else "h0"
                self._heading(Seg("heading", raw, _TRAIL_PUNCT.sub("", raw) or raw, None, style, None, block_no=block_no))
            return
        if block.bold and match_marker(view, 0, self.english) is None and _bold_heading_like(view):
            self._heading(Seg("heading", raw, _TRAIL_PUNCT.sub("", raw) or raw, None, "bold", None, block_no=block_no))
            return
        # A bold line with a marker is read like any marker-led paragraph (lead sentence).
        opens_circled = bool(patterns.STRUCT_HEAD_CIRCLED.match(view))
        self._paragraph(view, raw, block_no, at_block_start=True)
        if not opens_circled:
            self.inline_circled = bool(patterns.STRUCT_INLINE_CIRCLED_START.search(view))

    # -- internals ---------------------------------------------------------------------
    def _emit(self, seg: Seg) -> None:
        self.segs.append(seg)

    def _heading(self, seg: Seg) -> None:
        if seg.style and seg.num is not None:
            self.last_num[seg.style] = seg.num
        self._emit(seg)

    def _paragraph(self, view: str, raw: str, block_no: int, at_block_start: bool) -> None:
        """A paragraph, possibly opening with a heading and carrying glued headings inside.

        A loop, not recursion: a paragraph that lost all its line breaks can hold hundreds of
        glued headings."""
        while True:
            m = match_marker(view, 0, self.english) if at_block_start else None
            if m and m.end < len(view) and self._accept_opening(m, view):
                if self.english:
                    # English numbered lines: a title-like line is a heading, a sentence a list item.
                    if not _english_title_like(raw[m.end:]):
                        self._emit(Seg("list_item", raw, raw[m.end:], raw[: m.marker_end], m.style, m.num, block_no=block_no))
                        return
                    head_end = body_start = len(view)
                    body_heading = False
                elif patterns.STRUCT_ITEM_CIRCLED.match(view, m.end) and patterns.STRUCT_ITEM_CIRCLED.search(view, m.end + 1):
                    # "三、①尽快编制…②…③…": the heading has no text of its own; its points are the body.
                    head_end = body_start = m.end
                    body_heading = False
                else:
                    head_end, body_start, body_heading = _lead_split(view, m.end)
                head_text = _heading_text(raw[m.end:head_end])
                # "三、①尽快编制…②…③…": the heading has no text of its own before its points.
                points_only = not self.english and head_end == m.end and patterns.STRUCT_ITEM_CIRCLED.match(view, m.end)
                if head_text or points_only:
                    seg = Seg("heading", raw[:body_start].rstrip(), head_text, raw[: m.marker_end], m.style, m.num, block_no=block_no)
                    if m.style == "seq":
                        seg.seq_origin = raw
                    self._heading(seg)
                    rest_view, rest_raw = view[body_start:], raw[body_start:]
                    lead = len(rest_raw) - len(rest_raw.lstrip())
                    if not rest_raw.strip():
                        return
                    view, raw, at_block_start = rest_view[lead:], rest_raw[lead:], body_heading
                    continue
            # The body right after a heading's lead sentence starts after a sentence end too.
            glued = self._find_glued(view, include_start=not at_block_start)
            if glued is None:
                self._emit(Seg("paragraph", raw, raw, block_no=block_no))
                return
            before = raw[: glued.start].rstrip()
            if before:
                self._emit(Seg("paragraph", before, before, block_no=block_no))
            view, raw, at_block_start = view[glued.start:], raw[glued.start:], True

    def _accept_opening(self, m: MarkerMatch, view: str) -> bool:
        if m.style == "circled" and patterns.STRUCT_ITEM_CIRCLED.search(view, m.end):
            return False  # "①…；②…；③…" in one paragraph is an inline list, not a heading
        if m.style == "ar_dot" and m.start == 0 and len(runon_markers(view)) >= RUNON_MIN_ENTRIES \
                and runon_markers(view)[0][0] == 0:
            return False  # "1、市中院2、市检察院3、…": a run-on list in one line, points not a heading
        if m.style == "circled" and self.inline_circled:
            # "2)评比标准:①、…" then "②、…" on the next lines: the list began inline, so its
            # continuation lines are points too.
            return False
        return True

    def _find_glued(self, view: str, include_start: bool = False) -> MarkerMatch | None:
        if self.english:
            return None
        ends = [e.end() for e in _sentence_ends(patterns.STRUCT_GLUE_END, view)]
        # "…下面,我先讲三点意见:一、全面盘点…": a speech announcing its points opens the first one.
        ends += [e.end() for e in patterns.STRUCT_POINTS_ANNOUNCE.finditer(view)]
        # A space where a line break was ("…全面推进 三、加强保障…") also counts, but only before a
        # marker that continues a numbering already in use.
        spaces = {e.end() for e in _SPACE_RUN.finditer(view)} - set(ends)
        starts = ([0] if include_start else []) + sorted(set(ends) | spaces)
        for pos in starts:
            if pos >= len(view):
                break
            m = match_marker(view, pos, False)
            if m is None or m.style in ("seq", "circled") or m.end >= len(view):
                continue
            last = self.last_num.get(m.style)
            if pos in spaces:
                if last is not None and m.num == last + 1:
                    return m
                # "…特提出如下意见: 一、 定期举行…。(略) 二、根据…": paragraphs kept apart only by
                # spaces; a first "一、" counts when its "二、" also follows a space or sentence end.
                if m.style in _GLUE_FREE_STYLES and m.num == 1 and last is None and self._sequence_follows(view, m, spaces):
                    return m
                # decimal-numbered sections where line breaks were lost ("…邮箱 1 总 则 1.1 编制目的 为…。 1.2 …"):
                # a chapter number with its N.1 after it, and an N.1 whose N.2 follows
                if m.style == "ar_bare" or m.style.startswith("ar_multi") and m.num == 1 and self._sequence_follows(view, m, spaces):
                    return m
                continue
            if m.style in _GLUE_FREE_STYLES and (m.num == 1 and last is None or last is not None and m.num == last + 1):
                return m
            if last is not None and m.num is not None and (m.num == last + 1 or m.num == 1):
                return m
            # "（一）" after a sentence end, under an established "一、" level: the second GB/T 9704
            # level glued into the paragraph of its parent ("会议强调，…。（一）抓好…。").
            if m.style == "cn_paren" and m.num == 1 and last is None and "cn_dun" in self.last_num:
                return m
            # A new numbered level inside a paragraph that lost its line breaks ("…整治。1.清理…。
            # 2.规范…"): "1." counts only when a "2." of the same style also follows a sentence
            # end, so an inline list ("重点。1.甲；2.乙；") stays in the paragraph.
            # Not "第一，…。第二，…。": that is the running-text enumeration of speeches.
            if m.num == 1 and last is None and m.style in _SEQUENCE_GLUE_STYLES and self._sequence_follows(view, m):
                return m
        return None

    def _sequence_follows(self, view: str, first: MarkerMatch, spaces: set[int] | None = None) -> bool:
        starts = [end.end() for end in _sentence_ends(patterns.STRUCT_GLUE_END, view, first.end)]
        starts += [p for p in spaces or () if p > first.end]
        for pos in starts:
            nxt = match_marker(view, pos, False)
            if nxt is not None and nxt.style == first.style and nxt.num == 2:
                return True
        return False


def resolve_sequences(segs: list[Seg]) -> list[Seg]:
    """Keep 首先/其次/最后 headings only where a sequence of them opens paragraphs of a section."""
    out: list[Seg] = []
    groups: list[list[int]] = [[]]
    for i, seg in enumerate(segs):
        if seg.is_heading and seg.style != "seq":
            groups.append([])
        elif seg.is_heading and seg.style == "seq":
            groups[-1].append(i)
    promoted: set[int] = set()
    for group in groups:
        words = {segs[i].num for i in group}
        if len(group) >= 2 and len(words) >= 2 and 1 in words:
            promoted.update(group)
    skip_next = False
    for i, seg in enumerate(segs):
        if skip_next:
            skip_next = False
            continue
        if seg.is_heading and seg.style == "seq" and i not in promoted:
            origin = seg.seq_origin or seg.raw
            out.append(Seg("paragraph", origin, origin, block_no=seg.block_no))
            nxt = segs[i + 1] if i + 1 < len(segs) else None
            # Its body (same block) goes back into the one paragraph.
            if nxt is not None and nxt.block_no == seg.block_no and not nxt.is_heading:
                skip_next = True
            continue
        out.append(seg)
    return out


# Families of marker styles whose order is fixed by convention, each style with its rank in its
# family (smaller = higher). GB/T 9704 numbers 一、 > （一） > 1. > （1）, and regulations put 篇 >
# 部分 > 章 > 节 > 条 above them; ")"-only 1) and circled ① sit below （1） in 方案. Decimal
# numbering nests by its number of components (1 > 1.1 > 1.1.1), HTML headings by hN, English
# outlines I. > A. > 1. Styles outside a family (第一， 首先, bold lines) take their place from
# where they occur.
_STYLE_RANK: dict[str, tuple[str, int]] = {
    "pian": ("gbt", 0), "di_篇": ("gbt", 0), "di_部分": ("gbt", 1), "di_章": ("gbt", 2), "di_节": ("gbt", 3),
    "di_条": ("gbt", 4), "cn_dun": ("gbt", 5), "cn_paren": ("gbt", 6), "ar_dot": ("gbt", 7),
    "ar_paren": ("gbt", 8), "ar_rparen": ("gbt", 9), "circled": ("gbt", 10),
    "ar_bare": ("decimal", 1), "roman": ("en", 1), "alpha": ("en", 2),
}
_ENGLISH_RANK: dict[str, tuple[str, int]] = {"ar_dot": ("en", 3)}
_HTML_STYLE = re.compile(r"h(\d)")


def _rank(style: str, english: bool) -> tuple[str, int] | None:
    if english and style in _ENGLISH_RANK:
        return _ENGLISH_RANK[style]
    if style in _STYLE_RANK:
        return _STYLE_RANK[style]
    if style.startswith("ar_multi") and style[8:].isdigit():
        return ("decimal", int(style[8:]))
    html = _HTML_STYLE.fullmatch(style)
    return ("html", int(html.group(1))) if html else None


def assign_levels(segs: list[Seg], english: bool = False) -> list[Seg]:
    """Level = depth of the heading in the nesting of its numbering, worked out with a stack of
    the styles open above it.

    A style already open closes everything under it and takes its place (二、 after 1、…5、 is a
    sibling of 一、). A new style opens under the innermost open heading, unless convention puts
    that heading's style below the new one (a "（二）" after "1.": GB/T 9704 has （二） above 1.),
    which is closed first. It opens one level down, or more where the text has already shown
    styles between the two: after "一、 （一） 1." a "1." straight under "三、" stays at level 3
    (the text's own hierarchy, its level 2 left empty), but in "一、 1、 … 二、 （一） 1、" the
    first 1、 is level 2 — （一） had not been used yet — and the second level 3, as a reader
    nests them. Level 1 is the top level present. An excerpt cut inside a section ("（三）…（六）…"
    then "三、…") puts its opening headings under the parent that was cut off, whose level stays
    empty (section_paths 0)."""
    headings = [s for s in segs if s.is_heading]
    if not headings:
        return segs
    rank = {s.style or "": _rank(s.style or "", english) for s in headings}
    first_num: dict[str, int | None] = {}
    for seg in headings:
        first_num.setdefault(seg.style or "", seg.num)

    def below(style: str, other: str) -> bool:
        a, b = rank.get(style), rank.get(other)
        return a is not None and b is not None and a[0] == b[0] and a[1] > b[1]

    opening = headings[0].style or ""
    # Parents cut off: styles above the opening one whose own headings come later numbered past 1
    # (or unnumbered HTML headings above the first hN).
    stack = sorted((s for s, num in first_num.items() if below(opening, s) and (num is None or num > 1)),
                   key=lambda s: rank[s] or ("", 0))
    order = list(stack)  # the styles in the hierarchy the text has shown so far, top first
    out: list[Seg] = []
    for seg in segs:
        if not seg.is_heading:
            out.append(seg)
            continue
        style = seg.style or ""
        if style not in order:
            at = next((i for i, other in enumerate(order) if below(other, style)), len(order))
            order.insert(at, style)
        if style in stack:
            del stack[stack.index(style):]
        else:
            while stack and below(stack[-1], style):
                stack.pop()
            if stack and order.index(stack[-1]) < order.index(style):
                stack.extend(order[order.index(stack[-1]) + 1:order.index(style)])
        stack.append(style)
        out.append(replace(seg, level=len(stack)))
    return out


def numbering_warnings(segs: list[Seg]) -> list[str]:
    """Skips, repeats and restarts in each run of sibling headings of one style."""
    warnings: list[str] = []
    stack: list[tuple[int, int]] = []  # (level, index of heading)
    last: dict[tuple[int, str], int] = {}
    last_anywhere: dict[str, int] = {}  # 第N条 numbers run on across chapters
    for i, seg in enumerate(segs):
        if not seg.is_heading or seg.level is None:
            continue
        while stack and stack[-1][0] >= seg.level:
            stack.pop()
        parent = stack[-1][1] if stack else -1
        stack.append((seg.level, i))
        if seg.num is None or seg.style in (None, "seq", "bold") or (seg.style or "").startswith("h"):
            continue
        key = (parent, seg.style or "")
        label = f"{seg.marker or ''}{seg.text[:12]}"
        prev = last.get(key)
        continues = last_anywhere.get(seg.style or "") == seg.num - 1
        last_anywhere[seg.style or ""] = seg.num
        if prev is None and seg.num != 1 and not continues:
            warnings.append(f"{label}: numbering starts at {seg.num}, not 1")
        elif prev is not None and seg.num == prev:
            warnings.append(f"{label}: number {seg.num} repeats")
        elif prev is not None and seg.num > prev + 1:
            warnings.append(f"{label}: numbering skips from {prev} to {seg.num}")
        elif prev is not None and seg.num < prev:
            warnings.append(f"{label}: numbering restarts at {seg.num} after {prev}")
        last[key] = seg.num
    return warnings


def section_paths(segs: list[Seg]) -> list[tuple[int, ...]]:
    """1-based positions of the enclosing headings; a skipped level counts as 0."""
    counts: list[int] = []
    paths: list[tuple[int, ...]] = []
    for seg in segs:
        if seg.is_heading and seg.level is not None:
            lvl = seg.level
            if len(counts) >= lvl:
                counts = counts[:lvl]
                counts[lvl - 1] += 1
            else:
                counts = counts + [0] * (lvl - 1 - len(counts)) + [1]
        paths.append(tuple(counts))
    return paths
