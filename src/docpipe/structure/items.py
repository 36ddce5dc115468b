"""Inline points inside paragraphs: 一是/二是, 第一/第二, 首先/其次/再次/最后, 一方面/另一方面,
dash-led ——, and ①②. Each point is its marker plus the lead phrase up to the first ，。；.

Markers count only at the start of a paragraph or right after punctuation, so words that merely
contain them ("统一是", "第一责任人", "再次强调") are not points.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docpipe import patterns
from docpipe.structure.doctype import doc_type_from_title
from docpipe.structure.normalize import analysis_view

# Each item pattern with the texts one of which every match of it contains (None: no such
# text). A paragraph without any of them is not searched: the patterns open with look-behinds,
# which the regex engine tries at every position of the paragraph (find_points was a quarter of
# the structure stage's time on cwced_zh, where most paragraphs hold none of the markers).
_ITEM_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, ...] | None], ...] = (
    (patterns.STRUCT_ITEM_SHI, ("是",)),
    (patterns.STRUCT_ITEM_DI, ("第",)),
    (patterns.STRUCT_ITEM_SEQ, ("首先", "其次", "再次", "最后")),
    (patterns.STRUCT_ITEM_ASPECT, ("一方面",)),
    (patterns.STRUCT_ITEM_QI, ("其",)),
    (patterns.STRUCT_ITEM_DASH, ("——",)),
    (patterns.STRUCT_ITEM_CIRCLED, None),
)
_AFTER_SUBJECT_NEEDS = ("一是", "一方面")
# every run-on marker's punctuation
_RUNON_NEEDS = ("、", ".", "．")
_SKIP_AFTER_MARKER = re.compile(r"[\s,、:]*")
# "1、市中院2、市检察院3、…": three entries make a run-on list (two could be a figure pair).
RUNON_MIN_ENTRIES = 3


@dataclass(frozen=True)
class Point:
    marker: str
    text: str
    start: int


def runon_markers(view: str) -> list[tuple[int, int]]:
    """(start, end) of the markers of a run-on numbered list in one paragraph: 1、 2、 3、 … in
    order with short entries between them, or a single "1、" right after a colon inside the line."""
    marks = [m for m in patterns.STRUCT_RUNON_MARKER.finditer(view)]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(marks):
        if int(marks[i].group("num")) != 1:
            i += 1
            continue
        run = [marks[i]]
        before = view[: marks[i].start()].rstrip()
        after_colon = (
            # "…共有三项议程: 1、…" (a space where a line break was lost is no boundary here)
            before.endswith((":", "："))
            and not patterns.STRUCT_ATTACHMENT.match(view)  # "附件：1.…一览表" is the attachment list
        )
        for m in marks[i + 1:]:
            # Bare entries: no clause punctuation between two markers ("1.甲；2.乙；" is an inline list).
            gap = view[run[-1].end():m.start()]
            if int(m.group("num")) == int(run[-1].group("num")) + 1 and len(gap) <= patterns.STRUCT_RUNON_MAX_ENTRY \
                    and not patterns.STRUCT_RUNON_BREAK.search(gap):
                run.append(m)
            elif int(m.group("num")) == int(run[-1].group("num")) + 1 and after_colon \
                    and len(gap) <= patterns.STRUCT_RUNON_MAX_LISTED_ENTRY and not patterns.STRUCT_SENTENCE_END_STRONG.search(gap):
                # After a colon the entries may end with ; ("议程: 1、审议…(草案); 2、审议…;"): one list.
                run.append(m)
            elif int(m.group("num")) == int(run[-1].group("num")) + 1:
                break
        if len(run) >= RUNON_MIN_ENTRIES or after_colon:
            out.extend((m.start(), m.end()) for m in run)
        i += len(run)
    return out


def find_points(raw: str) -> list[Point]:
    """Inline points in one paragraph, in order; markers as written, lead phrases as written."""
    view = analysis_view(raw)
    found: list[tuple[int, int]] = []  # (marker start, marker end) in view
    for pattern, needs in _ITEM_PATTERNS:
        if needs is not None and not any(n in view for n in needs):
            continue
        for m in pattern.finditer(view):
            found.append((m.start("marker"), m.end("marker")))
    if any(n in view for n in _AFTER_SUBJECT_NEEDS):
        for m in patterns.STRUCT_ITEM_AFTER_SUBJECT.finditer(view):
            # "大家一是要…；二是要…": the subject before 一是 is no punctuation, the 二是 after it
            # says this is an enumeration (not "统一是").
            if patterns.STRUCT_ITEM_SECOND[m.group("marker")].search(view, m.end()):
                found.append((m.start("marker"), m.end("marker")))
    if any(n in view for n in _RUNON_NEEDS):
        found.extend(runon_markers(view))
    found = sorted(set(found))
    points: list[Point] = []
    taken_until = -1
    starts = [s for s, _ in found]
    for idx, (start, end) in enumerate(found):
        if start < taken_until:
            continue  # overlapping matches ("另一方面" also contains "一方面")
        if view[start:end] == "——" and start == 0 and doc_type_from_title(raw[end:]) is not None:
            continue  # "——某县政府督查室关于…的问题汇报": a subtitle line, not a point
        taken_until = end
        # The punctuation written right after the marker is part of it ("一方面," "①、").
        if end < len(view) and patterns.STRUCT_ITEM_MARKER_PUNCT.match(view, end):
            end += 1
        lead_start = _SKIP_AFTER_MARKER.match(view, end)
        begin = lead_start.end() if lead_start else end
        next_start = next((s for s in starts[idx + 1:] if s > start), len(view))
        stop = patterns.STRUCT_ITEM_LEAD_END.search(view, begin, next_start)
        lead_end = min(stop.start() if stop else next_start, begin + patterns.STRUCT_ITEM_MAX_LEAD)
        lead = raw[begin:lead_end].strip()
        if lead:
            points.append(Point(raw[start:end], lead, start))
    return points
