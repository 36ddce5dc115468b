"""Statistics pass: one bottom-up walk gives every element its text length, link-text length and
punctuation count (whole subtree and "inline" part, i.e. not under a nested block element)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from docpipe import patterns
from docpipe.clean.html.dom import BLOCK, HEADINGS, in_page, tag
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


# Links that belong to the content they sit in: a section title's permalink (MDN and Sphinx wrap
# every h2 in <a href="#id">) and the linked term of a definition list whose description
# follows (a reference page's members: <dt><a>WebSocket.binaryType</a></dt><dd><p>The binary
# data type …</p></dd>). Counted as link text they made an MDN reference page's sections look
# like link boxes and teasers around its intro, which alone was kept (wcxb_dev tuning 2993,
# documentation, F1 0.91).
OWN_LINK_HOLDERS = frozenset(HEADINGS | {"dt"})


def described_term(dt: etree._Element, min_chars: int) -> bool:
    """Whether a <dt> is followed by a <dd> holding at least `min_chars` characters."""
    dd = dt.getnext()
    while dd is not None and not isinstance(dd.tag, str):
        dd = dd.getnext()
    return dd is not None and dd.tag == "dd" and len("".join("".join(dd.itertext()).split())) >= min_chars


def own_link_chars(
    el: etree._Element, d: dict[etree._Element, list[int]], min_description: int,
    outside: Callable[[etree._Element], bool] | None = None,
) -> int:
    """Link text in `el` that is the content's own (OWN_LINK_HOLDERS): an in-page link in a
    heading, any link in a definition term with a description of `min_description` characters.
    `outside`: links for which it is true are not counted."""
    own = 0
    for a in el.iter("a"):
        holder = a.getparent()
        while holder is not None and holder.tag not in OWN_LINK_HOLDERS and holder is not el:
            holder = holder.getparent()
        if holder is None or holder is el or holder.tag not in OWN_LINK_HOLDERS:
            continue
        if holder.tag == "dt" and not described_term(holder, min_description):
            continue
        if holder.tag != "dt" and not in_page(a.get("href")):
            continue  # a heading's link to another page is a teaser's headline
        if outside is not None and outside(a):
            continue
        own += d.get(a, Z)[0]
    return own


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
