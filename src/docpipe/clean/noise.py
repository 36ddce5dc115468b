"""Noise inside body lines that no block-level rule can catch:

- Discuz forum "jammer" strings: anti-copy runs of random ASCII glued to lines, e.g.
  "我们要加强学习) L. c9 R- ~' O6 L3 u" (Discuz wraps them in hidden <font>/<span class=jammer>,
  which a plain-text scrape or a careless extraction keeps);
- page counters and chunk numbers of document-sharing sites ("第 3 页 共 12 页", "- 3 -", "3/12");
- pinyin glosses inserted after characters: "長(zhǎng)", "行（háng）".
"""

from __future__ import annotations

import re

from docpipe import patterns


_HAS_CJK = re.compile(r"[\u3400-\u9fff]").search


def strip_jammer(line: str) -> str:
    """Remove Discuz jammer runs (≥ 3 short ASCII tokens with punctuation, glued to CJK text)."""
    # Jammer is glued to Chinese text: lines without CJK (English prose is full of short
    # words that pass the cheap hint) are left alone without the costly substitution.
    # (The hint needs two spaces: most CJK lines have none and skip the regex.)
    if not line or line.count(" ") < 2 or not _HAS_CJK(line) or not patterns.NOISE_JAMMER_HINT.search(line):
        return line
    return patterns.NOISE_JAMMER.sub(_drop_if_jammer, line).strip()


def _drop_if_jammer(match: re.Match[str]) -> str:
    run = match.group(0)
    tokens = run.split()
    letters = any(any(ch.isalpha() for ch in t) for t in tokens)
    others = any(any(not ch.isalpha() for ch in t) for t in tokens)
    # Jammer mixes letters with digits/punctuation; plain words or numbers are prose.
    if letters and others and not all(t.isalnum() and len(t) > 1 for t in tokens):
        return ""
    return run


def strip_pinyin(line: str) -> str:
    if "(" not in line and "（" not in line:
        return line
    return patterns.NOISE_PINYIN.sub(r"\g<char>", line)


def is_page_counter(line: str) -> bool:
    return bool(patterns.NOISE_PAGE_COUNTER.match(line))


def clean_line(line: str) -> str:
    """Jammer and pinyin removed; page counters become empty (the caller drops the line)."""
    if is_page_counter(line):
        return ""
    if not _HAS_CJK(line):
        # Jammer runs and pinyin glosses are both glued to CJK characters: nothing to remove.
        return line.strip()
    return strip_pinyin(strip_jammer(line)).strip()
