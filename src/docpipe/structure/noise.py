"""Noise guard: jammer strings, page counters and inserted pinyin never reach the outline.

Cleaning (clean stage) is meant to remove this noise; the structure stage cannot rely on it
(plain-text inputs from document-sharing sites, forum copies, a future cleaner that misses a
form). So each block is passed through `strip_noise` before markers are looked for: a page
counter line "- 2 -" must not become heading "2", a Discuz jammer "I. c9 R- ~' O6" must not
become heading "I.". Each pattern is idempotent, so text that was already cleaned is unchanged.
"""

from __future__ import annotations

import re

from docpipe import patterns

_LETTERS = re.compile(r"^[A-Za-z]+$")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _jammer(match: re.Match[str]) -> str:
    """Drop a run of short ASCII tokens when it looks random, keep English words."""
    tokens = match.group(0).split()
    odd = sum(1 for t in tokens if not _LETTERS.match(t))
    # Random jammer tokens mix letters, digits and symbols ("c9", "R-", "~'"); a run of short
    # English words ("I am a big fan") is letters only.
    if odd >= max(2, (len(tokens) + 1) // 2):
        return " "
    return match.group(0)


def strip_noise(text: str) -> str:
    """The text without jammer runs, pinyin annotations and page counters ('' if nothing is left)."""
    if patterns.STRUCT_NOISE_PAGE_LINE.match(text):
        return ""
    out = patterns.STRUCT_NOISE_PINYIN.sub("", text)
    if _CJK.search(out):
        # Jammers are an anti-copy device of Chinese forums; English lines ("options A, B, C.")
        # are left alone.
        out = patterns.STRUCT_NOISE_JAMMER.sub(_jammer, out)
        out = patterns.STRUCT_NOISE_JAMMER_TIGHT.sub("", out)
    out = patterns.STRUCT_NOISE_PAGE_INLINE.sub(" ", out)
    out = re.sub(r"[ \t]{2,}", " ", out).strip()
    # Spaces left where a run sat between two Chinese characters are not text.
    out = re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", out) if out != text.strip() else out
    if patterns.STRUCT_NOISE_PAGE_LINE.match(out):
        return ""
    return out
