"""The analysis view of a text: width-folded and converted to simplified characters.

Patterns in docpipe.patterns (structure section) are written once, for half-width punctuation
and simplified characters. The corpus mixes `（一）` and `(一)`, `，` and `,`, and some documents
are in traditional characters (講話, 最後, 「」). `analysis_view` maps a text to that form one
character for one character, so a match position in the view is the same position in the
original text, and headings, items and fields are sliced from the original as written.
"""

from __future__ import annotations

from functools import lru_cache

import opencc

# Full-width ASCII (U+FF01–U+FF5E) to ASCII, ideographic and no-break spaces to a space.
# Chinese punctuation without an ASCII twin (、。《》“”) is kept: patterns name it directly.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0xFF61: ord("。")})
# "﹐" "﹔" "﹕" (small forms, in some Big5 texts) fold like their full-width twins.
_FOLD.update({0xFE50: ord(","), 0xFE51: ord("、"), 0xFE52: ord("."), 0xFE54: ord(";"), 0xFE55: ord(":")})


def fold_width(text: str) -> str:
    """Full-width ASCII → half-width; the result has the same length as the input."""
    return text.translate(_FOLD)


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified, same length as the input.

    OpenCC converts phrase by phrase; a phrase whose simplified form has another length would
    shift every later position, so such a text is converted character by character instead.
    """
    if not text:
        return text
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    chars = [_t2s().convert(ch) for ch in text]
    return "".join(c if len(c) == 1 else ch for c, ch in zip(chars, text))


def analysis_view(text: str) -> str:
    """fold_width + to_simplified: what every structure pattern is matched against."""
    return to_simplified(fold_width(text))


def fold_marker(marker: str) -> str:
    """A marker compared across documents: width-folded, without spaces."""
    return "".join(fold_width(marker).split())
