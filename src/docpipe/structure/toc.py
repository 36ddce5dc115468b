"""目录/提纲 blocks: a table of contents is not part of the outline or of the body text.

Two shapes are recognised:

- **Headed**: a 目录/提纲/目次 line with at least `toc_min_entries` entry lines under it (numbered lines
  or lines ending in a page number, wuxingwenku-style compilations).
- **Headless** (`toc_run`): a run of at least `toc_run_min_entries` short numbered lines with no body
  text between them, some of which recur further down as the lines that open the body's sections
  ("1 总则 / 1.1编制目的 / … / 8.2预案实施" above "1 总则 / 1.1编制目的 / 为建立健全…", a government
  portal's 应急预案 whose 目录 line was lost in the scrape). A real outline never repeats its own
  headings, so the recurrence is the evidence; a run of short numbered lines alone (a 主持词 agenda
  written one entry per line) is not enough. Excerpts are often cut soon after the table, so the first
  entry recurring, or `toc_min_recurring` entries, is enough.

The thresholds are fields of docpipe.config.StructureSettings (`[structure]` in the config).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from docpipe import patterns
from docpipe.config import StructureSettings
from docpipe.structure.normalize import analysis_view
from docpipe.structure.outline import match_marker

# The thresholds when a caller passes none (the pipeline passes Settings.structure).
DEFAULT = StructureSettings()

_PUNCT_IN_ENTRY = re.compile(r"[。！？!?；;,，:：]")
# Dotted leaders and the page number after them ("1.1编制目的……3", "第一章 总则 .... 12").
_LEADER_TAIL = re.compile(r"(?:[…·.．_\-—\s]{2,}|\s)\d{1,3}\s*$|[…·.．_]{2,}\s*$")
_SPACE = re.compile(r"\s+")


# What _LEADER_TAIL's matches are made of (besides whitespace and digits).
_LEADER_CHARS = frozenset("…·.．_-—")


def _kept_at_least(text: str) -> int:
    """A lower bound of len(_LEADER_TAIL.sub("", text)): the text without its longest suffix of
    the characters a leader tail is made of. Read from the end (most lines end in a character of
    text at once), it spares a body line longer than an entry the substitution, which tries every
    position of the line (toc_spans on the 550 pages + daniel_zh: 553 ms -> 206 ms)."""
    i = len(text)
    while i and (text[i - 1] in _LEADER_CHARS or text[i - 1].isspace() or text[i - 1].isdecimal()):
        i -= 1
    return i


def _key(view: str) -> str:
    return _SPACE.sub("", _LEADER_TAIL.sub("", view))


def _numbered_entry(view: str, cfg: StructureSettings = DEFAULT) -> bool:
    text = view.strip()
    if not text or _kept_at_least(text) > cfg.toc_entry_max_chars:
        return False
    entry = _LEADER_TAIL.sub("", text)  # (once: it was substituted up to three times)
    if len(entry) > cfg.toc_entry_max_chars:
        return False
    if patterns.STRUCT_HEAD_AR_BARE.match(text):
        # "1 总则": a bare chapter number, which in the body is known only by its "1.1" below
        return not _PUNCT_IN_ENTRY.search(entry)
    m = match_marker(text, 0, False)
    if m is None or m.style in ("seq", "circled") or m.end >= len(text):
        return False
    return not _PUNCT_IN_ENTRY.search(entry, m.end)


def _unnumbered_entry(view: str, cfg: StructureSettings = DEFAULT) -> bool:
    if _kept_at_least(view.strip()) > cfg.toc_unnumbered_max_chars:
        return False
    text = _LEADER_TAIL.sub("", view.strip())
    return 0 < len(text) <= cfg.toc_unnumbered_max_chars and not _PUNCT_IN_ENTRY.search(text)


def headed_toc_spans(views: Sequence[str], cfg: StructureSettings = DEFAULT) -> list[tuple[int, int]]:
    """(start, end) of each 目录/提纲 line with its entry lines."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(views):
        if patterns.STRUCT_TOC_HEADING.match(views[i]):
            j = i + 1
            while j < len(views) and patterns.STRUCT_TOC_ENTRY.search(views[j]):
                j += 1
            if j - i - 1 >= cfg.toc_min_entries:
                spans.append((i, j))
                i = j
                continue
        i += 1
    return spans


def toc_run(views: Sequence[str], cfg: StructureSettings = DEFAULT) -> tuple[int, int] | None:
    """(start, end) of the first headless table of contents among the lines, or None."""
    i = 0
    while i < len(views):
        if not _numbered_entry(views[i], cfg):
            i += 1
            continue
        j, numbered, last_numbered = i, 0, i
        seen: set[str] = set()
        while j < len(views) and (_numbered_entry(views[j], cfg) or _unnumbered_entry(views[j], cfg)):
            key = _key(views[j])
            if key in seen and len(key) >= cfg.toc_key_min_chars:
                break  # "1 总则" again: the body's own first heading right after the table
            seen.add(key)
            if _numbered_entry(views[j], cfg):
                numbered, last_numbered = numbered + 1, j
            j += 1
        end = j if j < len(views) and _key(views[j]) in seen else last_numbered + 1
        if numbered >= cfg.toc_run_min_entries and _recurs_below(views, i, end, cfg):
            return i, end
        i = max(end, i + 1)
    return None


def _recurs_below(views: Sequence[str], start: int, end: int, cfg: StructureSettings) -> bool:
    below = [_key(v) for v in views[end:] if v.strip()]
    if not below:
        return False
    entries = [_key(v) for v in views[start:end] if _numbered_entry(v, cfg)]
    recurring = [k for k in entries if len(k) >= cfg.toc_key_min_chars and any(b.startswith(k) for b in below)]
    return entries[0] in recurring or len(recurring) >= cfg.toc_min_recurring


def toc_spans(texts: Sequence[str], cfg: StructureSettings = DEFAULT) -> list[tuple[int, int]]:
    """Every table of contents among the lines (headed ones, then a headless one outside them)."""
    views = [analysis_view(t) for t in texts]
    spans = headed_toc_spans(views, cfg)
    covered = {k for s, e in spans for k in range(s, e)}
    rest = ["" if k in covered else v for k, v in enumerate(views)]
    run = toc_run(rest, cfg)
    if run is not None:
        spans.append(run)
    return sorted(spans)
