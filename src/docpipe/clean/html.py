"""HTML main-content detection on lxml — the hot path (no BeautifulSoup tree per page).

Pipeline for one page, each step a single pass over the tree:

1. parse with libxml2's HTML parser, network and huge-tree mode off (libxml2's HTML parser
   expands no DTD entities, so entity-expansion payloads stay inert);
2. read metadata (meta tags, JSON-LD, title, byline) before anything is removed;
3. drop junk (scripts, styles, form controls, embeds, images) and unwrap presentational inline
   tags, inside libxml2;
4. chrome — nav/aside/footer and hidden elements, and elements whose class/id tokens say
   nav/footer/sidebar/comment/share/related/… — is removed unless it holds most of the page's
   text (subtree sizes measured by libxml2);
5. one bottom-up pass computes, per element, its text length, link-text length and
   punctuation count (whole subtree and "inline" part, i.e. not under a nested block);
6. every block with inline text scores its parent fully, its grandparent by half and its
   great-grandparent by a fifth (a readability-style score that favours the tightest container
   of the running text), weighted by 1 - link density and the class/id hints;
7. the best container climbs to an enclosing one when that only adds paragraph-sized text
   (content split across cousin cells), and is widened to sibling containers that carry
   comparable text and to repeated records of the same shape (forum posts, blog posts);
8. inside the chosen subtrees, link-heavy boxes (link lists, boxes headed 相关/推荐/版权/…)
   and weakly-named chrome are skipped; the rest is walked in document order and emitted as
   blocks (heading, paragraph, list_item, table, quote), dropping link-dense blocks, chrome
   lines and the byline, which metadata has already read.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass

from lxml import etree

from docpipe import dates, patterns
from docpipe.clean import metadata as meta_mod
from docpipe.clean.noise import clean_line
from docpipe.models import CleanBlock, PageMetadata

# ---------------------------------------------------------------------------------------------
# constants (the tunable heuristics with a case behind them live in patterns.py)

_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
# Block-level tags: text inside them starts a new block. Everything else is inline.
_BLOCK = frozenset(
    (
        "html", "body", "p", "div", "section", "article", "main", "aside", "header", "footer",
        "nav", "ul", "ol", "li", "dl", "dt", "dd", "table", "tbody", "thead", "tfoot", "tr",
        "td", "th", "caption", "blockquote", "pre", "figure", "figcaption", "form", "fieldset",
        "center", "address", "details", "summary", "hr", "menu", "dir", "h1", "h2", "h3", "h4",
        "h5", "h6", "noframes", "legend", "hgroup", "search",
    )
) | _HEADINGS
# Structural tags that are never the body however much text sits below them.
_NOT_CANDIDATE = frozenset(("html", "body", "a", "ul", "ol", "dl", "tr", "tbody", "thead", "tfoot"))
_BOLD = frozenset(("b", "strong"))
# Blocks whose inline text scores their container (headings are titles, not running text).
_SCORED = tuple(sorted(_BLOCK - _HEADINGS))
_MAX_WALK_DEPTH = 400  # libxml2 caps HTML nesting at 256 without huge_tree
_SENTENCE_END = re.compile(r"[。！？!?…”」』.)）;；]\s*$")
_DIGITS = re.compile(r"\d+")
_ODD_SPACE = "\u200b"  # zero-width space: not whitespace to str.split()
_WS_RUN = re.compile(r"[ \t\r\n\f\v\u00a0\u3000\u200b\ufeff]+")


def _nws(s: str) -> int:
    """Characters that are not whitespace: text mass, independent of markup indentation."""
    return len("".join(s.split()))


_PARSER_LOCAL = threading.local()


def _parser() -> etree.HTMLParser:
    # lxml parsers are not thread-safe; one per thread. no_network keeps libxml2 from loading
    # any external resource; huge_tree=False keeps its depth/size safety limits on.
    parser = getattr(_PARSER_LOCAL, "parser", None)
    if parser is None:
        parser = etree.HTMLParser(
            encoding="utf-8",
            remove_comments=True,
            remove_pis=True,
            no_network=True,
            huge_tree=False,
            recover=True,
            default_doctype=False,
            collect_ids=False,
            compact=True,
        )
        _PARSER_LOCAL.parser = parser
    return parser


def parse_html(html: str) -> etree._Element | None:
    """Parse to an lxml tree; None for input with no markup/text at all."""
    # NUL stops libxml2 reading a document; other C0 controls it skips in recovery mode.
    cleaned = html.replace("\x00", "") if "\x00" in html else html
    if not cleaned.strip():
        return None
    data = cleaned.encode("utf-8", errors="replace")
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError:
        # libxml2 gives up on some documents (e.g. only a doctype); the page has no body.
        return None
    return root


# ---------------------------------------------------------------------------------------------
# per-element statistics


@dataclass(slots=True)
class _Stats:
    """Per element: [text, link, punct, inl, inl_link, inl_punct] — non-whitespace characters
    in the subtree, of which inside <a>, punctuation marks, and the same three counted only
    for text not under a nested block element ("inline" text). One dict of small lists: the
    statistics pass is the hot loop of the engine."""

    d: dict[etree._Element, list[int]]


_Z = (0, 0, 0, 0, 0, 0)  # statistics of an element that has none (a comment, a detached node)
TEXT, LINK, PUNCT, INL, INL_LINK, INL_PUNCT = range(6)


def _tag(el: etree._Element) -> str:
    # libxml2's HTML parser lower-cases tag names already.
    tag = el.tag
    return tag if isinstance(tag, str) else ""


# ASCII strings (most of an English page's text) are measured with bytes.translate, which
# deletes in C without building a word list (str.split) or a match list (findall): twice as
# fast. The byte sets are derived from what str.split() and HTML_TEXT_PUNCT treat as
# whitespace and punctuation, so both ways give the same counts.
_ASCII_WS = bytes(c for c in range(128) if chr(c).isspace())
_ASCII_PUNCT = bytes(c for c in range(128) if patterns.HTML_TEXT_PUNCT.match(chr(c)))


def _compute_stats(body: etree._Element, nodes: list[etree._Element] | None = None) -> _Stats:
    """`nodes`: body's elements in document order when the caller has them (the prune pass
    lists what it keeps)."""
    d: dict[etree._Element, list[int]] = {}
    block = _BLOCK
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
    return _Stats(d)


def _ld(stats: _Stats, el: etree._Element) -> float:
    n = stats.d.get(el, _Z)[0]
    return stats.d.get(el, _Z)[1] / n if n else 1.0


# ---------------------------------------------------------------------------------------------
# hints


@functools.lru_cache(maxsize=8192)
def _classify(cls: str, ident: str) -> tuple[bool, bool, float]:
    """(strong chrome, weak chrome, score weight) of a class/id pair. Cached: templates repeat
    the same few dozen class strings on every element, and this is the hot path."""
    tokens = {t.lower() for t in patterns.HTML_TOKEN_SPLIT.split(f"{cls} {ident}") if t}
    if not tokens:
        return False, False, 1.0
    good = not tokens.isdisjoint(patterns.HTML_CONTENT_TOKENS)
    strong = not tokens.isdisjoint(patterns.HTML_BOILER_TOKENS)
    weak = not tokens.isdisjoint(patterns.HTML_WEAK_BOILER_TOKENS)
    weight = 1.0
    if good and not (strong or weak):
        weight = 1.25
    elif (strong or weak) and not good:
        weight = 0.5
    return strong and not good, weak and not good, weight


def _hints(el: etree._Element) -> tuple[bool, bool, float]:
    cls = el.get("class")
    ident = el.get("id")
    if not cls and not ident:
        return False, False, 1.0
    return _classify(cls or "", ident or "")


def _is_hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true" and _tag(el) not in _BLOCK:
        return True
    style = el.get("style")
    return bool(style and patterns.HTML_HIDDEN_STYLE.search(style))


def _leading_text(el: etree._Element, limit: int = 24) -> str:
    out: list[str] = []
    size = 0
    for s in el.itertext():
        s = s.strip()
        if s:
            out.append(s)
            size += len(s)
            if size >= limit:
                break
    return "".join(out)[:limit]


# ---------------------------------------------------------------------------------------------
# block emission


@dataclass(slots=True)
class _Raw:
    kind: str
    text: str
    level: int | None
    bold: bool
    link_chars: int
    chars: int
    element_tag: str


class _Emitter:
    """Walks chosen subtrees in document order and turns them into raw blocks."""

    def __init__(self, stats: _Stats, skip: set[etree._Element]) -> None:
        self.stats = stats
        self.skip = skip
        self.out: list[_Raw] = []
        self.buf: list[str] = []
        self.link_buf: list[str] = []
        self.buf_bold = True

    def _add(self, s: str | None, bold: bool, in_link: bool) -> None:
        # Sizes are counted once per block in flush(); here only what flush needs is kept.
        if not s:
            return
        self.buf.append(s)
        if in_link:
            self.link_buf.append(s)
        if not bold and self.buf_bold and not s.isspace():
            self.buf_bold = False

    def flush(self, kind: str, tag: str) -> None:
        if not self.buf:
            return  # nothing added since the last flush: link_buf is empty, buf_bold True
        text = " ".join("".join(self.buf).split())
        if _ODD_SPACE in text or "\ufeff" in text:
            text = " ".join(_WS_RUN.sub(" ", text).split())
        if text:
            chars = len(text) - text.count(" ")
            link = _nws("".join(self.link_buf)) if self.link_buf else 0
            self.out.append(_Raw(kind, text, None, self.buf_bold, link, chars, tag))
        self.buf = []
        self.link_buf = []
        self.buf_bold = True

    def walk(self, el: etree._Element, kind: str = "paragraph", bold: bool = False,
             in_link: bool = False, depth: int = 0) -> None:
        tag = el.tag
        if not isinstance(tag, str) or el in self.skip:
            return
        if depth > _MAX_WALK_DEPTH:
            self._add(" ".join(el.itertext()), bold, in_link)
            return
        if tag in _HEADINGS:
            self.flush(kind, tag)
            text = _WS_RUN.sub(" ", " ".join(s for s in el.itertext())).strip()
            if text:
                n = self.stats.d.get(el, _Z)[0]
                self.out.append(_Raw("heading", text, int(tag[1]), True, self.stats.d.get(el, _Z)[1], n, tag))
            return
        if tag == "table" and _is_data_table(el, self.stats):
            self.flush(kind, tag)
            rows = []
            for tr in el.iter("tr"):
                cells = [_WS_RUN.sub(" ", " ".join(td.itertext())).strip() for td in tr if _tag(td) in ("td", "th")]
                cells = [c for c in cells if c]
                if cells:
                    rows.append(" | ".join(cells))
            if rows:
                n = self.stats.d.get(el, _Z)[0]
                self.out.append(_Raw("table", "\n".join(rows), None, False, self.stats.d.get(el, _Z)[1], n, tag))
            return
        if tag == "br":
            self.flush(kind, "br")
            return
        if tag in _BLOCK:
            self.flush(kind, tag)
            if tag == "li":
                kind = "list_item"
            elif tag == "blockquote":
                kind = "quote"
            self._add(el.text, bold, in_link)
            for c in el:
                self.walk(c, kind, bold, in_link, depth + 1)
                self._add(c.tail, bold, in_link)
            self.flush(kind, tag)
            return
        # inline
        if tag in _BOLD:
            bold = True
        elif tag == "a":
            in_link = True
        self._add(el.text, bold, in_link)
        for c in el:
            self.walk(c, kind, bold, in_link, depth + 1)
            self._add(c.tail, bold, in_link)


def _is_data_table(el: etree._Element, stats: _Stats) -> bool:
    """A table of data (rows of short cells), not a layout table holding the page."""
    rows = 0
    for sub in el.iter(etree.Element):
        t = _tag(sub)
        if sub is not el and t in ("table", "p", "div", "ul", "ol", "blockquote", "h1", "h2", "h3"):
            return False
        if t == "tr":
            rows += 1
    if rows < 2:
        return False
    cells = [c for c in el.iter("td", "th")]
    if len(cells) < 4:
        return False
    avg = sum(stats.d.get(c, _Z)[0] for c in cells) / len(cells)
    return avg < 120


# ---------------------------------------------------------------------------------------------
# main-content selection


def _signature(el: etree._Element) -> tuple[str, str]:
    """Shape of a record: tag, first class token, id with digits masked. Only the first class
    counts: forums mark some posts with extra classes (the first floor's "noborder", a
    highlighted reply) that do not change what the record is."""
    classes = (el.get("class") or "").split()
    ident = _DIGITS.sub("#", el.get("id") or "")
    return (_tag(el), f"{classes[0] if classes else ''}|{ident}")


def _path_signature(top: etree._Element, anc: etree._Element) -> list[tuple[str, str]]:
    path = []
    el = top
    while el is not None and el is not anc:
        path.append(_signature(el))
        el = el.getparent()
    path.reverse()
    return path


def _resolve(start: etree._Element, path: list[tuple[str, str]]) -> etree._Element | None:
    el = start
    for sig in path:
        nxt = None
        for c in el:
            if isinstance(c.tag, str) and _signature(c) == sig:
                nxt = c
                break
        if nxt is None:
            return None
        el = nxt
    return el


class _Selector:
    def __init__(self, body: etree._Element, stats: _Stats) -> None:
        self.body = body
        self.stats = stats
        self.score: dict[etree._Element, float] = {}

    def run(self) -> list[etree._Element]:
        stats = self.stats
        raw: dict[etree._Element, float] = {}
        get = stats.d.get
        for el in self.body.iter(*_SCORED):
            st = get(el, _Z)
            n = st[3] - st[4]
            if n < patterns.HTML_MIN_SCORING_CHARS:
                continue
            contrib = n + patterns.HTML_PUNCT_WEIGHT * st[5]
            raw[el] = raw.get(el, 0.0) + contrib
            parent = el.getparent()
            for factor in patterns.HTML_ANCESTOR_WEIGHTS:
                if parent is None:
                    break
                raw[parent] = raw.get(parent, 0.0) + contrib * factor
                parent = parent.getparent()
        best, best_score = None, 0.0
        for el, value in raw.items():
            tag = el.tag
            if tag in _NOT_CANDIDATE and tag != "body":
                continue
            w = _hints(el)[2]
            s = value * (1.0 - _ld(stats, el)) * w
            self.score[el] = s
            if s > best_score:
                best, best_score = el, s
        if best is None:
            return [self.body]
        best = self._climb(best)
        return self._widen(best, self.score.get(best, best_score))

    def _climb(self, top: etree._Element) -> etree._Element:
        """Move up while the enclosing container adds text that reads like the body (low link
        density, running-text punctuation) and does not swamp it: content split across
        cousin containers (a lead paragraph cell and a table cell below it)."""
        stats = self.stats
        for _ in range(3):
            if _tag(top) in ("article", "main") or _hints(top)[2] > 1.0:
                break  # the page named its content container: trust it
            parent = top.getparent()
            # Rows and row groups are not containers of their own: judge the table directly.
            while parent is not None and parent.tag in ("tr", "tbody", "thead", "tfoot"):
                parent = parent.getparent()
            if parent is None or parent is self.body or _tag(parent) in ("html", "body"):
                break
            t_text = stats.d.get(top, _Z)[0] - stats.d.get(top, _Z)[1]
            p_text = stats.d.get(parent, _Z)[0] - stats.d.get(parent, _Z)[1]
            extra = stats.d.get(parent, _Z)[0] - stats.d.get(top, _Z)[0]
            extra_link = stats.d.get(parent, _Z)[1] - stats.d.get(top, _Z)[1]
            if extra <= 0:
                top = parent
                continue
            if p_text > (4.0 if parent.tag in ("table", "td") else 2.5) * t_text or extra_link / extra > 0.25:
                break
            t_density = stats.d.get(top, _Z)[2] / max(stats.d.get(top, _Z)[0], 1)
            e_density = (stats.d.get(parent, _Z)[2] - stats.d.get(top, _Z)[2]) / extra
            if e_density < 0.5 * t_density:
                break
            if self._long_text(parent, top) < 0.6 * extra:
                break  # the extra is headers, datelines, share bars, bios: short lines
            top = parent
        return top

    def _long_text(self, root: etree._Element, exclude: etree._Element) -> int:
        """Text in `root` outside `exclude` that sits in paragraph-sized blocks or data tables."""
        stats = self.stats
        total = 0
        stack = [c for c in root if c is not exclude]
        while stack:
            el = stack.pop()
            if not isinstance(el.tag, str):
                continue
            if _tag(el) == "table" and _is_data_table(el, stats):
                total += stats.d.get(el, _Z)[0] - stats.d.get(el, _Z)[1]
                continue
            n = stats.d.get(el, _Z)[3] - stats.d.get(el, _Z)[4]
            if n >= 60:
                total += n
            stack.extend(c for c in el if c is not exclude)
        return total

    def _widen(self, top: etree._Element, top_score: float) -> list[etree._Element]:
        stats = self.stats
        # Repeated records (forum posts, comment-like article sections): the same path of
        # tag/class signatures under siblings that look like `anc`.
        records = self._records(top)
        if records:
            return records
        parent = top.getparent()
        if parent is None or _tag(top) == "body":
            return [top]
        chosen: list[etree._Element] = []
        threshold = max(10.0, top_score * patterns.HTML_SIBLING_SHARE)
        for sib in parent:
            if not isinstance(sib.tag, str):
                continue
            if sib is top:
                chosen.append(sib)
                continue
            n = stats.d.get(sib, _Z)[0]
            if not n:
                continue
            ld = _ld(stats, sib)
            s = self.score.get(sib, 0.0)
            if s >= threshold and ld < 0.3:
                chosen.append(sib)
            elif _tag(sib) in ("p", "pre", "blockquote") or (_tag(sib) not in _BLOCK):
                if (n >= 60 and ld < 0.25) or (n > 0 and ld == 0 and _sentence_like(sib)):
                    chosen.append(sib)
        return chosen

    def _records(self, top: etree._Element) -> list[etree._Element] | None:
        """Forum threads: each post sits in a sibling of the same shape as the top post's
        ancestor; take the matching descendant (the post body) of every such sibling."""
        stats = self.stats
        anc = top  # the top candidate may itself be one of the records (blog posts)
        depth = 0
        # Forum software nests the post body ~10 levels below the per-post wrapper.
        while anc is not None and anc is not self.body and depth < 12:
            parent = anc.getparent()
            if parent is None:
                break
            sig = _signature(anc)
            peers = [s for s in parent if isinstance(s.tag, str) and s is not anc and _signature(s) == sig]
            if peers and sig[1] != "|":
                path = _path_signature(top, anc)
                found = []
                for peer in parent:
                    if peer is anc:
                        found.append(top)
                        continue
                    if not isinstance(peer.tag, str) or _signature(peer) != sig:
                        continue
                    node = _resolve(peer, path)
                    if node is not None and stats.d.get(node, _Z)[0] > 0 and _ld(stats, node) < 0.5:
                        found.append(node)
                if len(found) >= 2:
                    top_text = stats.d.get(top, _Z)[0] - stats.d.get(top, _Z)[1]
                    rest = sum(stats.d.get(f, _Z)[0] - stats.d.get(f, _Z)[1] for f in found if f is not top)
                    # Records must add real text: a page of teaser boxes is not a thread.
                    if rest >= 0.15 * top_text:
                        return found
                return None
            anc = parent
            depth += 1
        return None


def _sentence_like(el: etree._Element) -> bool:
    text = "".join(el.itertext()).strip()
    return bool(text) and bool(_SENTENCE_END.search(text))


# ---------------------------------------------------------------------------------------------
# entry point


# Text size of a subtree computed inside libxml2 (whitespace runs count as one character):
# used where only a share of the page matters, so no Python string is built.
_TEXT_SIZE = etree.XPath("string-length(normalize-space(.))")


def _size(el: etree._Element) -> float:
    value = _TEXT_SIZE(el)
    return float(value) if isinstance(value, float) else 0.0


def _text_and_link(el: etree._Element, min_text: float) -> tuple[float, float]:
    """Text and link-text size of a subtree; link text only counted when the text is at
    least `min_text` (the only case where the caller looks at it)."""
    n = _size(el)
    lk = sum(_size(a) for a in el.iter("a")) if n > min_text else 0.0
    return n, lk


def _prune_chrome(
    body: etree._Element, total: float, kept: list[etree._Element] | None = None
) -> list[etree._Element]:
    """Outermost chrome subtrees by name: nav/aside/footer elements, hidden elements and
    class/id hints (nav, footer, sidebar, comment, share, related, copyright, ad …). A subtree
    holding most of the page's text is kept whatever its name says (a mislabelled wrapper).
    Depth-first, not descending into what is pruned, before any statistics are computed.

    `kept` receives the elements outside the pruned subtrees, in document order: the element
    list of the pruned body, so the statistics pass does not walk the tree again (and the
    element proxies it holds stay alive, which makes later walks cheaper)."""
    out: list[etree._Element] = []
    resume: etree._Element | None = None  # first element after the last pruned subtree
    skipping = False
    for el in body.iter(etree.Element):  # document order, iterated in C
        if skipping:
            if el is not resume:
                continue  # inside a pruned subtree
            skipping = False
        tag = el.tag
        if el is not body and (tag in ("nav", "aside", "footer") or _named_chrome(el)):
            share = patterns.HTML_SPARE_SHARE * total
            n, lk = _text_and_link(el, share)
            spared = n > share and lk < 0.5 * n
            # Comment threads can outweigh the article they follow: a comment-named box is
            # spared only when it wraps the article (holds the h1 or a content-named element).
            if spared and _is_comment_box(el):
                spared = any(
                    d.tag == "h1" or _hints(d)[2] > 1.0 for d in el.iter(etree.Element) if d is not el
                )
            if not spared:
                out.append(el)
                resume = _next_after(el, body)
                if resume is None:
                    break
                skipping = True
                continue
        if kept is not None:
            kept.append(el)
    return out


def _named_chrome(el: etree._Element) -> bool:
    """Strong chrome hints or hidden: the test of _hints(el)[0] or _is_hidden(el), with one
    keys() call and a .get() only for the attributes the element has (this runs on every
    element of the page; most have one or two attributes, many none)."""
    keys = el.keys()
    if not keys:
        return False
    cls = el.get("class") if "class" in keys else None
    ident = el.get("id") if "id" in keys else None
    if (cls or ident) and _classify(cls or "", ident or "")[0]:
        return True
    if "hidden" in keys:
        return True
    if "aria-hidden" in keys and el.get("aria-hidden") == "true" and _tag(el) not in _BLOCK:
        return True
    if "style" in keys:
        style = el.get("style")
        return bool(style and patterns.HTML_HIDDEN_STYLE.search(style))
    return False


def _next_after(el: etree._Element, stop: etree._Element) -> etree._Element | None:
    """The first element after `el`'s subtree in document order (None at the end of `stop`)."""
    node: etree._Element | None = el
    while node is not None and node is not stop:
        nxt = node.getnext()
        while nxt is not None and not isinstance(nxt.tag, str):
            nxt = nxt.getnext()
        if nxt is not None:
            return nxt
        node = node.getparent()
    return None


def _is_comment_box(el: etree._Element) -> bool:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return "comment" in raw


def _detach(el: etree._Element) -> None:
    """Remove a subtree, keeping its tail text in the document."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    parent.remove(el)
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _inner_chrome(chosen: list[etree._Element], stats: _Stats) -> set[etree._Element]:
    """Inside the chosen content: weakly-named chrome (tags, byline, tools) that is small or
    link-heavy, and link-heavy lists/boxes (related links embedded in the article)."""
    total = sum(stats.d.get(c, _Z)[0] for c in chosen) or 1
    skip: set[etree._Element] = set()
    for top in chosen:
        for el in top.iter(etree.Element):
            st = stats.d.get(el, _Z)
            n = st[0]
            if not n or el is top:
                continue
            tag = el.tag
            ld = st[1] / n
            if _hints(el)[1] and (n < 0.3 * total or ld > 0.3):
                skip.add(el)
            elif tag in ("ul", "ol", "dl", "table", "div", "section", "aside", "form") and ld > 0.6 and n < 0.3 * total:
                skip.add(el)
            elif ld > 0.3 and n < 0.25 * total and tag in _BLOCK:
                lead = _leading_text(el, 12)
                if lead and patterns.HTML_BOILER_HEADER.match(lead):
                    skip.add(el)
    return skip


def _drop_junk(root: etree._Element) -> None:
    """Drop junk subtrees and textless elements; unwrap presentational inline tags (their text
    stays). Fewer elements make every later pass cheaper; all of it runs inside libxml2."""
    etree.strip_elements(root, *patterns.HTML_JUNK_TAGS, with_tail=False)
    # Presentational inline tags that carry a class/id/style (a Discuz <font class="jammer">,
    # a hidden <font style="display:none">) are kept, as <span>, for the chrome/hidden checks.
    for el in root.iter(*patterns.HTML_UNWRAP_TAGS):
        if el.get("class") is not None or el.get("id") is not None or el.get("style") is not None or el.get("hidden") is not None:
            el.tag = "span"
    etree.strip_tags(root, *patterns.HTML_UNWRAP_TAGS)


_LINK_LABELS = ("链接".encode(), "地址".encode())
_COPYRIGHT_MARKS = ("©".encode(), b"opyright", "版权".encode(), b"(c)", b"(C)")


def _text_marks(el: etree._Element) -> tuple[bool, bool]:
    """Whether the text can hold a link line ("原文链接：…": every label has 链接 or 地址) and a
    © line (©, copyright, 版权, (c) — what complete_from_body tests before its search). Tested
    on the concatenated text as UTF-8 bytes, serialised inside libxml2 (0.04 ms a page; the
    list of strings costs 0.16 ms): a mark in any one string is in the concatenation."""
    data = etree.tostring(el, method="text", encoding="utf-8", with_tail=False)
    return any(m in data for m in _LINK_LABELS), any(m in data for m in _COPYRIGHT_MARKS)


def _last_strings(root: etree._Element, limit: int) -> list[str]:
    """The last `limit` non-blank strings of root.itertext(), in document order, read from the
    end of the tree (itertext would build a Python string for every text node of the page)."""
    out: list[str] = []
    stack = [(root, reversed(root))]
    while stack:
        el, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            t = el.text
        else:
            t = child.tail
            if isinstance(child.tag, str):
                if len(child):
                    stack.append((child, reversed(child)))
                else:
                    # A leaf (most elements): its tail, then its text, without a stack entry.
                    if t and not t.isspace():
                        out.append(t)
                        if len(out) >= limit:
                            break
                    t = child.text
        if t and not t.isspace():
            out.append(t)
            if len(out) >= limit:
                break
    out.reverse()
    return out


def _norm_title(s: str) -> str:
    return "".join(s.split()).lower()


def clean_html(
    html: str, url: str | None = None, *, profiles: object | None = None
) -> tuple[tuple[CleanBlock, ...], PageMetadata]:
    """Main-content blocks and page metadata of one HTML page.

    `profiles` is an optional clean.profiles.Profiles: when one matches `url`, its selectors
    pick content/title/date and drop elements before the heuristics run.
    """
    root = parse_html(html)
    if root is None:
        return (), PageMetadata()
    profile = None
    if profiles is not None:
        from docpipe.clean.profiles import Profiles

        if isinstance(profiles, Profiles):
            profile = profiles.match(url)
    meta_info = meta_mod.extract_metadata(root, url)
    if profile is not None:
        _apply_profile_metadata(meta_info, profile, root)
    _drop_junk(root)
    body = root.find("body")
    if body is None:
        body = root
    forced = profile.apply(root) if profile is not None else None
    if forced is not None:
        body = forced
    md = meta_info.metadata
    # The page's strings (before chrome is pruned) are needed only to look for a link line
    # or a © line, and only when the text has a link-line label or a © mark at all (checked
    # on the text serialised by libxml2). The whole list for a link line; for the © line only
    # the last strings, where complete_from_body looks for it.
    page_strings: list[str] | None = None
    if not (md.canonical_url and md.site_name):
        marks = _text_marks(body)
        if not md.canonical_url and marks[0]:
            page_strings = list(body.itertext())
        elif not md.site_name and marks[1]:
            page_strings = _last_strings(body, meta_mod.COPYRIGHT_LINES)
        else:
            page_strings = []  # neither label nor mark in the text: nothing to find
    total = max(_size(body), 1.0)
    kept: list[etree._Element] = []
    for el in _prune_chrome(body, total, kept):
        _detach(el)
    # Date and author from the page without its chrome; link line and © line from all of it.
    meta_mod.complete_from_body(meta_info, body, page_strings, kept)
    stats = _compute_stats(body, kept)
    # A profile's content selector is the user's word: no container search, only filtering.
    chosen = [body] if forced is not None else _Selector(body, stats).run()
    emitter = _Emitter(stats, _inner_chrome(chosen, stats))
    for el in chosen:
        emitter.walk(el)
        emitter.flush("paragraph", "end")
    blocks = _filter_blocks(emitter.out, meta_info)
    meta_mod.complete_from_blocks(meta_info, [b.text for b in blocks[-3:]])
    return blocks, meta_info.metadata


def _apply_profile_metadata(info: meta_mod.MetaInfo, profile: object, root: etree._Element) -> None:
    from docpipe.clean.profiles import Profile

    assert isinstance(profile, Profile)
    update: dict[str, str] = {}
    title = profile.first_text(profile.title, root)
    if title:
        update["title"] = title
        info.titles.insert(0, title)
    raw_date = profile.first_text(profile.date, root)
    date = dates.find(raw_date) if raw_date else None
    if date:
        update["published_at"] = date
    if update:
        info.metadata = info.metadata.model_copy(update=update)


def _filter_blocks(raw: list[_Raw], info: meta_mod.MetaInfo) -> tuple[CleanBlock, ...]:
    title_key = _norm_title(info.metadata.title) if info.metadata.title else None
    out: list[CleanBlock] = []
    seen_body = 0  # characters of body text emitted so far
    for i, b in enumerate(raw):
        text = clean_line(b.text) if b.kind != "table" else b.text
        if not text:
            continue
        n = b.chars
        if title_key and seen_body < 200 and len(text) < 3 * len(title_key) + 10:
            key = _norm_title(text)
            if key == title_key or (b.kind == "heading" and key and key in title_key and len(key) > 0.6 * len(title_key)):
                continue
        ld = b.link_chars / n if n else 0.0
        if b.kind in ("paragraph", "list_item") and ld > patterns.HTML_MAX_BLOCK_LINK_DENSITY:
            continue
        if b.kind == "heading" and ld > 0.6:
            continue
        if n < 60 and patterns.HTML_CHROME_LINE.match(text):
            continue
        if seen_body < 150 and len(text) < 120 and meta_mod.is_byline(text):
            continue
        if len(text) < 40 and meta_mod.is_author_line(text):
            continue
        out.append(CleanBlock(kind=b.kind, text=text, level=b.level, bold=b.bold and b.kind != "heading"))  # type: ignore[arg-type]
        if b.kind != "heading":
            seen_body += n
    # Trailing chrome: a short boilerplate header ("相关阅读", "分享到") at the end.
    while out and len(out[-1].text) < 30 and patterns.HTML_BOILER_HEADER.match(out[-1].text):
        out.pop()
    return tuple(out)
