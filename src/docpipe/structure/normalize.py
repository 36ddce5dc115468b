"""The analysis view of a text: width-folded and converted to simplified characters.

Patterns in docpipe.patterns (structure section) are written once, for half-width punctuation
and simplified characters. The corpus mixes `（一）` and `(一)`, `，` and `,`, and some documents
are in traditional characters (講話, 最後, 「」). `analysis_view` maps a text to that form one
character for one character, so a match position in the view is the same position in the
original text, and headings, items and fields are sliced from the original as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

# Full-width ASCII (U+FF01–U+FF5E) to ASCII, ideographic and no-break spaces to a space.
# Chinese punctuation without an ASCII twin (、。《》“”) is kept: patterns name it directly.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0xFF61: ord("。")})
# "﹐" "﹔" "﹕" (small forms, in some Big5 texts) fold like their full-width twins.
_FOLD.update({0xFE50: ord(","), 0xFE51: ord("、"), 0xFE52: ord("."), 0xFE54: ord(";"), 0xFE55: ord(":")})


# Below this code point OpenCC's t2s changes no character (checked over U+0020–U+2E7F: its
# dictionaries are Han phrases), so a text without one is its own simplified form.
_FIRST_CONVERTED = "\u2e80"
# Distinct texts whose analysis view is kept: a block's view is asked for by the TOC check,
# the title, the outline, items and fields in turn; a document has a few hundred blocks.
VIEW_CACHE_SIZE = 4096


_FOLDABLE = re.compile("[" + "".join(f"\\u{cp:04x}" for cp in sorted(_FOLD)) + "]")


_FOLD_CHARS = {chr(cp): chr(to) for cp, to in _FOLD.items()}


def fold_width(text: str) -> str:
    """Full-width ASCII → half-width; the result has the same length as the input."""
    # translate() looks every character up in _FOLD (a dict lookup per character: 5.6 µs for a
    # 72-character line); a scan for the folded ones costs far less, and English text with
    # “curly quotes” or accents has none of them. A Chinese line holds a few distinct ones
    # (，：（）), each replaced in one pass: 3.2x faster than translate() on 3,684 dev lines.
    # (No folded character is itself folded, so the order of the passes does not matter.)
    if text.isascii():
        return text
    for ch in set(_FOLDABLE.findall(text)):
        text = text.replace(ch, _FOLD_CHARS[ch])
    return text


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified, same length as the input.

    OpenCC converts phrase by phrase; a phrase whose simplified form has another length would
    shift every later position, so such a text is converted character by character instead.
    """
    if not text or max(text) < _FIRST_CONVERTED:  # no Han character: nothing to convert
        return text
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    chars = [_t2s().convert(ch) for ch in text]
    return "".join(c if len(c) == 1 else ch for c, ch in zip(chars, text))


@lru_cache(maxsize=VIEW_CACHE_SIZE)
def analysis_view(text: str) -> str:
    """fold_width + to_simplified: what every structure pattern is matched against.

    Computed once per distinct text and shared by every rule that asks for it (it was computed
    about 140 times per document, most of them again for a text already seen)."""
    if text.isascii():  # Latin-only text: neither folding nor conversion changes it
        return text
    return to_simplified(fold_width(text))


def fold_marker(marker: str) -> str:
    """A marker compared across documents: width-folded, without spaces."""
    return "".join(fold_width(marker).split())
