"""Statistics pass: one bottom-up walk gives every element its text length, link-text length and
punctuation count (whole subtree and "inline" part, i.e. not under a nested block element)."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from docpipe import patterns
from docpipe.clean.html.dom import BLOCK, tag
from docpipe.clean.html.settings import CleanSettings


@dataclass(slots=True)
class Stats:
    """Per element: [text, link, punct, inl, inl_link, inl_punct] — non-whitespace characters
    in the subtree, of which inside <a>, punctuation marks, and the same three counted only
    for text not under a nested block element ("inline" text). One dict of small lists: the
    statistics pass is the hot loop of the engine."""

    d: dict[etree._Element, list[int]]


Z = (0, 0, 0, 0, 0, 0)  # statistics of an element that has none (a comment, a detached node)
TEXT, LINK, PUNCT, INL, INL_LINK, INL_PUNCT = range(6)

# ASCII strings (most of an English page's text) are measured with bytes.translate, which
# deletes in C without building a word list (str.split) or a match list (findall): twice as
# fast. The byte sets are derived from what str.split() and HTML_TEXT_PUNCT treat as
# whitespace and punctuation, so both ways give the same counts.
_ASCII_WS = bytes(c for c in range(128) if chr(c).isspace())
_ASCII_PUNCT = bytes(c for c in range(128) if patterns.HTML_TEXT_PUNCT.match(chr(c)))


def compute_stats(body: etree._Element, nodes: list[etree._Element] | None = None) -> Stats:
    """`nodes`: body's elements in document order when the caller has them (the prune pass
    lists what it keeps)."""
    d: dict[etree._Element, list[int]] = {}
    block = BLOCK
    count_punct = patterns.HTML_TEXT_PUNCT.findall
    ascii_ws, ascii_punct = _ASCII_WS, _ASCII_PUNCT
    get = d.get
    if nodes is None:
        nodes = list(body.iter(etree.Element))
    # Reversed pre-order visits every element after all of its descendants. (Locals and inlined
    # helpers: this loop runs once per element of every page.)
    for el in reversed(nodes):
        t = el.text
        if t and not t.isspace():  # (indentation-only strings, the most common, count 0)
            if t.isascii():
                b = t.encode()
                n = len(b.translate(None, ascii_ws))
                p = len(b) - len(b.translate(None, ascii_punct))
            else:
                n = len("".join(t.split()))
                p = len(count_punct(t))
        else:
            n = p = 0
        ni, pi, li, lk = n, p, 0, 0
        for c in el:
            cs = get(c)
            if cs is None:  # a comment or processing instruction that survived
                continue
            n += cs[0]
            lk += cs[1]
            p += cs[2]
            if c.tag not in block:
                ni += cs[3]
                li += cs[4]
                pi += cs[5]
            tail = c.tail
            if tail and not tail.isspace():
                if tail.isascii():
                    b = tail.encode()
                    k = len(b.translate(None, ascii_ws))
                    q = len(b) - len(b.translate(None, ascii_punct))
                else:
                    k = len("".join(tail.split()))
                    q = len(count_punct(tail))
                n += k
                ni += k
                p += q
                pi += q
        if el.tag == "a":
            lk = n
            li = ni
        d[el] = [n, lk, p, ni, li, pi]
    return Stats(d)


def link_density(stats: Stats, el: etree._Element) -> float:
    n = stats.d.get(el, Z)[0]
    return stats.d.get(el, Z)[1] / n if n else 1.0


def is_data_table(el: etree._Element, stats: Stats, settings: CleanSettings) -> bool:
    """A table of data (rows of short cells), not a layout table holding the page."""
    rows = 0
    for sub in el.iter(etree.Element):
        t = tag(sub)
        if sub is not el and t in ("table", "p", "div", "ul", "ol", "blockquote", "h1", "h2", "h3"):
            return False
        if t == "tr":
            rows += 1
    if rows < settings.data_table_min_rows:
        return False
    cells = [c for c in el.iter("td", "th")]
    if len(cells) < settings.data_table_min_cells:
        return False
    avg = sum(stats.d.get(c, Z)[0] for c in cells) / len(cells)
    return avg < settings.data_table_max_cell_chars


# Text size of a subtree computed inside libxml2 (whitespace runs count as one character):
# used where only a share of the page matters, so no Python string is built.
_TEXT_SIZE = etree.XPath("string-length(normalize-space(.))")


def text_size(el: etree._Element) -> float:
    value = _TEXT_SIZE(el)
    return float(value) if isinstance(value, float) else 0.0


def text_and_link_size(el: etree._Element, min_text: float) -> tuple[float, float]:
    """Text and link-text size of a subtree; link text only counted when the text is at
    least `min_text` (the only case where the caller looks at it)."""
    n = text_size(el)
    lk = sum(text_size(a) for a in el.iter("a")) if n > min_text else 0.0
    return n, lk
