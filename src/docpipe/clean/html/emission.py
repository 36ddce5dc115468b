"""Emission pass: the chosen subtrees walked in document order and turned into blocks (heading,
paragraph, list_item, table, quote), then filtered: link-dense blocks, chrome lines, title
repeats and the byline (which metadata has already read) are dropped."""

from __future__ import annotations

import html as html_mod
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from docpipe import patterns
from docpipe.clean import metadata as meta_mod
from docpipe.clean.html.dom import BLOCK, HEADINGS, in_page, nws, tag
from docpipe.clean.html.settings import CleanSettings
from docpipe.clean.html.statistics import Stats, Z, described_term, is_data_table
from docpipe.clean.noise import CHROME_MAX_CHARS, chrome_reason, clean_line, simplified_view
from docpipe.models import CleanBlock

_BOLD = frozenset(("b", "strong"))
_ODD_SPACE = "\u200b"  # zero-width space: not whitespace to str.split()
_WS_RUN = re.compile(r"[ \t\r\n\f\v\u00a0\u3000\u200b\ufeff]+")


# Inline elements that a page's components put side by side without a space, rendered apart by
# their style: a card's brand and product name (<span class="…brand">The North Face</span><span
# class="…title">Wawona 6 Tent</span>), a row of tag links (<a class="tag">Developer
# Experience</a><a class="tag">Developer Tools</a>). Read as one run of text they fuse two words
# ("FaceWawona", "ExperienceDeveloper"). Two links side by side are two items; two spans are
# when each carries a class (a component's parts; bare spans split nothing), unless they share
# it and sit in one link (a site builder's "Le" | "arn More" label) or their run carries its own
# spaces: a word processor's pieces of one text (Word's "NormalTextRun" spans cut "child" |
# "ren" and hold the spaces themselves). Inside
# <pre>/<code> a highlighter's classed spans are parts of one token ("self" "." "name") and
# stay joined.
_ITEMS = frozenset(("a", "span"))
_CODE = frozenset(("pre", "code"))


def _apart(prev: etree._Element, nxt: etree._Element, in_link: bool) -> bool:
    """Whether two adjacent sibling elements, nothing between them, read as two words
    (`in_link`: they sit inside one link, whose label they are pieces of when alike)."""
    a, b = prev.tag, nxt.tag
    if a not in _ITEMS or b not in _ITEMS:
        return False
    if a == "a" and b == "a":
        return True
    first, second = prev.get("class"), nxt.get("class")
    if first is None or second is None:
        return False
    return first != second or not (in_link or _spaced_runs(prev.getparent()))


def _spaced_runs(parent: etree._Element | None) -> bool:
    """Whether the spans under `parent` carry the text's own spaces (a span of " ", a run
    ending "for child" before "ren", ", "): pieces of one running text, as a word processor
    cuts it, not a row of items (a film's "2026", "1h 54m", "R", each a span of one class)."""
    if parent is None:
        return False
    for c in parent:
        if c.tag == "span":
            t = c.text
            if t and (t[0].isspace() or t[-1].isspace()):
                return True
    return False


@dataclass(slots=True)
class RawBlock:
    kind: str
    text: str
    level: int | None
    bold: bool
    link_chars: int
    chars: int
    owner: etree._Element  # the block-level element (heading, data table) the text sits in
    depth: int  # the owner's depth below the walk's root


def _flat(s: str) -> str:
    """Whitespace runs of any kind (zero-width spaces too) as one space, ends stripped."""
    return " ".join(_WS_RUN.sub(" ", s).split())


class Walker(ABC):
    """The one walk from a subtree to blocks, in document order: runs of inline text under one
    block-level element, whole headings, whole data tables (rows of cells joined by " | ").
    The emitter walks the chosen subtrees of the pruned tree with its statistics; the learned
    block scorer (clean/learned.py) walks a fresh unpruned tree and measures headings and
    tables itself (the hooks below)."""

    def __init__(self, skip: set[etree._Element], max_depth: int, pasted_urls_are_text: bool = False) -> None:
        self.skip = skip
        self.max_depth = max_depth
        self.pasted_urls_are_text = pasted_urls_are_text  # see settings.pasted_urls_are_text
        self.out: list[RawBlock] = []
        self.buf: list[str] = []
        self.link_buf: list[str] = []
        self.buf_bold = True
        self.code_depth = 0  # open <pre>/<code> elements around the walk's position

    # -- hooks: how headings and tables are measured, which tables are data ---------------------
    @abstractmethod
    def heading_sizes(self, el: etree._Element, text: str, in_link: bool) -> tuple[int, int]:
        """(characters, link characters) of a heading."""

    @abstractmethod
    def is_data_table(self, el: etree._Element) -> bool:
        """Whether a <table> is data (emitted whole) rather than layout (walked into)."""

    @abstractmethod
    def table_sizes(self, el: etree._Element, text: str) -> tuple[int, int]:
        """(characters, link characters) of a data table."""

    # -- the walk ---------------------------------------------------------------------------------
    def _add(self, s: str | None, bold: bool, in_link: bool) -> None:
        # Sizes are counted once per block in flush(); here only what flush needs is kept.
        if not s:
            return
        self.buf.append(s)
        if in_link:
            self.link_buf.append(s)
        if not bold and self.buf_bold and not s.isspace():
            self.buf_bold = False

    def flush(self, kind: str, owner: etree._Element, depth: int) -> None:
        if not self.buf:
            return  # nothing added since the last flush: link_buf is empty, buf_bold True
        text = " ".join("".join(self.buf).split())
        if _ODD_SPACE in text or "\ufeff" in text:
            text = " ".join(_WS_RUN.sub(" ", text).split())
        if text:
            chars = len(text) - text.count(" ")
            link = nws("".join(self.link_buf)) if self.link_buf else 0
            self.out.append(RawBlock(kind, text, None, self.buf_bold, link, chars, owner, depth))
        self.buf = []
        self.link_buf = []
        self.buf_bold = True

    def walk(self, el: etree._Element, kind: str, owner: etree._Element, owner_depth: int,
             bold: bool = False, in_link: bool = False, depth: int = 0) -> None:
        """`owner`, `owner_depth`: the block-level element the text reached here sits in."""
        name = el.tag
        if not isinstance(name, str) or el in self.skip:
            return
        if depth > self.max_depth:
            self._add(" ".join(el.itertext()), bold, in_link)
            return
        if name in HEADINGS:
            self.flush(kind, owner, owner_depth)
            text = _flat(" ".join(el.itertext()))
            if text:
                n, link = self.heading_sizes(el, text, in_link)
                self.out.append(RawBlock("heading", text, int(name[1]), True, link, n, el, depth))
            return
        if name == "table" and self.is_data_table(el):
            self.flush(kind, owner, owner_depth)
            rows = []
            for tr in el.iter("tr"):
                cells = [_flat(" ".join(td.itertext())) for td in tr if tag(td) in ("td", "th")]
                cells = [c for c in cells if c]
                if cells:
                    rows.append(" | ".join(cells))
            if rows:
                text = "\n".join(rows)
                n, link = self.table_sizes(el, text)
                self.out.append(RawBlock("table", text, None, False, link, n, el, depth))
            return
        if name == "br":
            self.flush(kind, owner, owner_depth)
            return
        if name in BLOCK:
            self.flush(kind, owner, owner_depth)
            if name == "li":
                kind = "list_item"
            elif name == "blockquote":
                kind = "quote"
            self._add(el.text, bold, in_link)
            self._children(el, kind, el, depth, bold, in_link, depth + 1)
            self.flush(kind, el, depth)
            return
        # inline
        if name in _BOLD:
            bold = True
        elif name == "a" and not (self.pasted_urls_are_text and _pasted_url(el)):
            in_link = True
        self._add(el.text, bold, in_link)
        self._children(el, kind, owner, owner_depth, bold, in_link, depth + 1)

    def _children(self, el: etree._Element, kind: str, owner: etree._Element, owner_depth: int,
                  bold: bool, in_link: bool, depth: int) -> None:
        """Walk `el`'s children, each followed by its tail. Two item elements side by side with
        nothing between them are two words (see _ITEMS), outside code."""
        code = el.tag in _CODE
        if code:
            self.code_depth += 1
        prev: etree._Element | None = None
        for c in el:
            if prev is not None and not prev.tail and not self.code_depth and _apart(prev, c, in_link):
                self._add(" ", bold, in_link)
            self.walk(c, kind, owner, owner_depth, bold, in_link, depth)
            self._add(c.tail, bold, in_link)
            prev = c
        if code:
            self.code_depth -= 1

    def run(self, root: etree._Element) -> list[RawBlock]:
        """The blocks of `root`'s subtree (appended to `out`)."""
        self.walk(root, "paragraph", root, 0)
        self.flush("paragraph", root, 0)
        return self.out


def _pasted_url(a: etree._Element) -> bool:
    """Whether a link's text is an address written out with its path (patterns.HTML_PASTED_URL):
    a URL a poster pasted and the software linked, part of what they wrote."""
    text = "".join(a.itertext()).strip()
    return bool(text) and patterns.HTML_PASTED_URL.match(text) is not None


class Emitter(Walker):
    """The walk over chosen subtrees of the pruned tree, measured by the statistics pass."""

    def __init__(self, stats: Stats, skip: set[etree._Element], settings: CleanSettings) -> None:
        super().__init__(skip, settings.max_walk_depth, settings.pasted_urls_are_text)
        self.stats = stats
        self.settings = settings

    def heading_sizes(self, el: etree._Element, text: str, in_link: bool) -> tuple[int, int]:
        d = self.stats.d
        st = d.get(el, Z)
        link = st[1]
        if link:
            # A link to a place on the page itself is the heading's permalink or its way back
            # to the table of contents (Sphinx's toc-backref, MDN's <a href="#instance_properties">
            # around every section title), not navigation away: its text is the heading's own.
            link -= sum(d.get(a, Z)[0] for a in el.iter("a") if in_page(a.get("href")))
        return st[0], max(link, 0)

    def is_data_table(self, el: etree._Element) -> bool:
        return is_data_table(el, self.stats, self.settings)

    def table_sizes(self, el: etree._Element, text: str) -> tuple[int, int]:
        st = self.stats.d.get(el, Z)
        return st[0], st[1]


def emit(chosen: list[etree._Element], stats: Stats, skip: set[etree._Element], settings: CleanSettings) -> list[RawBlock]:
    """Raw blocks of the chosen subtrees, in order, `skip`'s subtrees left out."""
    emitter = Emitter(stats, skip, settings)
    for el in chosen:
        emitter.run(el)
    return emitter.out


def _norm_title(s: str) -> str:
    return "".join(s.split()).lower()


# Class/id tokens and itemprop values of a shop's customer reviews (Yotpo's yotpo-review,
# "product-review__footer", schema.org microdata itemprop="review"): on a page that declares a
# Product, the reviews are what buyers wrote, not what the page says of the product — like the
# comments under an article (WCXB's product truth leaves them out: on the wcxb_dev tuning
# product pages ~60,000 characters of review text lie outside the truth, ~3,000 inside). A
# review site's article is no Product page and keeps its "review" sections.
_REVIEW_TOKENS = frozenset(("review", "reviews"))


def _is_review(el: etree._Element) -> bool:
    if (el.get("itemprop") or "").strip().lower() in _REVIEW_TOKENS:
        return True
    raw = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(raw.strip()) and any(t.lower() in _REVIEW_TOKENS for t in patterns.HTML_TOKEN_SPLIT.split(raw) if t)


def _in_reviews(el: etree._Element, memo: dict[etree._Element, bool]) -> bool:
    """Whether `el` sits inside a customer-review subtree (memoised on the ancestor chains,
    which a page's blocks share; elements as keys keep their proxies alive)."""
    chain: list[etree._Element] = []
    node: etree._Element | None = el
    while node is not None and node not in memo:
        if _is_review(node):
            memo[node] = True
            break
        chain.append(node)
        node = node.getparent()
    found = node is not None and memo[node]
    memo.update(dict.fromkeys(chain, found))
    return found


def _review_owners(raw: list[RawBlock]) -> set[etree._Element]:
    """The block owners that sit inside a customer-review subtree."""
    memo: dict[etree._Element, bool] = {}
    return {b.owner for b in raw if _in_reviews(b.owner, memo)}


def _products(info: meta_mod.MetaInfo) -> Iterator[dict[str, object]]:
    """The page's JSON-LD objects of schema.org type Product or ProductGroup."""
    for obj in info.jsonld:
        kind = obj.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if "Product" in kinds or "ProductGroup" in kinds:
            yield obj


# schema.org types of a written piece: a "best dishwashers of the year" article declares the
# Products it reviews beside its NewsArticle, and its "…-review" sections are its content.
_WRITTEN = frozenset(("Article", "NewsArticle", "BlogPosting", "TechArticle", "Report",
                      "ScholarlyArticle", "LiveBlogPosting", "Review", "OpinionNewsArticle"))


def declares_product(info: meta_mod.MetaInfo) -> bool:
    """Whether the page's JSON-LD declares a schema.org Product (or ProductGroup) and no
    article or review of its own (_WRITTEN): a shop's product page."""
    if next(_products(info), None) is None:
        return False
    for obj in info.jsonld:
        kind = obj.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and k in _WRITTEN for k in kinds):
            return False
    return True


def _copy_of(first: etree._Element, later: etree._Element, levels: int) -> bool:
    """Whether `later`'s block repeats `first`'s as part of a copied wrapper: the two meet at
    most `levels` ancestors above each, and the two subtrees below that meeting point that hold
    them carry the same text (a responsive copy of a whole description box; a workout plan's
    "Warm up" line repeated in each day's list is not a copy, the lists differ)."""
    up: dict[etree._Element, etree._Element] = {}  # ancestor of `first` -> its child on the path
    el: etree._Element | None = first
    below = first
    for _ in range(levels + 1):
        if el is None:
            break
        up[el] = below
        below = el
        el = el.getparent()
    el, below = later, later
    for _ in range(levels + 1):
        if el is None:
            return False
        wrapper = up.get(el)
        if wrapper is not None:
            if el is first or el is later or wrapper is first or below is later:
                # one block inside the other's owner, or two lines side by side in one list:
                # a copied box holds its blocks below its own root
                return False
            return _flat(" ".join(wrapper.itertext())) == _flat(" ".join(below.itertext()))
        below = el
        el = el.getparent()
    return False


def _chrome_block(text: str, n: int, seen_body: int, s: CleanSettings) -> bool:
    """Whether a block's text is a chrome line, or the byline or an author credit (which
    metadata has read), in either script: a traditional-script line is judged as its simplified
    form too (noise.simplified_view; the patterns are written in simplified characters)."""
    if _chrome_block_as_written(text, n, seen_body, s):
        return True
    if len(text) > max(CHROME_MAX_CHARS, s.chrome_line_max_chars, s.byline_max_chars, s.author_line_max_chars):
        return False  # (no line the checks judge is longer: the conversion is spared for running text)
    view = simplified_view(text)
    return view != text and (chrome_reason(view) is not None or _chrome_block_as_written(view, n, seen_body, s))


def _chrome_block_as_written(text: str, n: int, seen_body: int, s: CleanSettings) -> bool:
    if n < s.chrome_line_max_chars and patterns.HTML_CHROME_LINE.match(text):
        return True
    if seen_body < s.byline_window_chars and len(text) < s.byline_max_chars and meta_mod.is_byline(text):
        return True
    return (
        len(text) < s.author_line_max_chars and meta_mod.is_author_line(text)
        and not patterns.HTML_CREDIT_SENTENCE_END.search(text)  # "记者：…在哪？" asks, it credits no one
    )


def filter_blocks(
    raw: list[RawBlock], info: meta_mod.MetaInfo, settings: CleanSettings, *, cards: bool = False
) -> tuple[CleanBlock, ...]:
    """The blocks a reader calls content. `cards`: the blocks are a listing's card region
    (selection.Selection.cards), where link text is the content: no block is dropped for its
    link density. On a Product page the customer reviews are left out (_REVIEW_TOKENS)."""
    s = settings
    reviews = _review_owners(raw) if s.product_drop_reviews and raw and declares_product(info) else set()
    max_ld = 1.0 if cards else s.max_block_link_density
    max_heading_ld = 1.0 if cards else s.max_heading_link_density
    title_key = _norm_title(info.metadata.title) if info.metadata.title else None
    out: list[CleanBlock] = []
    seen_body = 0  # characters of body text emitted so far
    # Responsive copies: a page ships one box twice, for wide and narrow screens
    # ("product-description hidden-down-md" and "… hidden-up-md" side by side); a block of the
    # copy is dropped when it meets the first within `repeat_max_levels` ancestors and the boxes
    # holding the two are alike (a thread's quote of an earlier post sits in another post, far
    # up the tree; a line repeated in each card of a listing sits in cards that differ).
    first_owner: dict[str, etree._Element] = {}
    for b in raw:
        if reviews and b.owner in reviews:
            continue
        if b.chars >= s.repeat_min_chars:
            earlier = first_owner.get(b.text)
            if earlier is None:
                first_owner[b.text] = b.owner
            elif _copy_of(earlier, b.owner, s.repeat_max_levels):
                continue
        # A code listing (<pre>) is the page's text as written: CSS rules and shell lines in it
        # are documentation, never the chrome lines the line patterns look for.
        code = b.owner.tag == "pre"
        text = b.text if b.kind == "table" or code else clean_line(b.text)
        if not text:
            continue
        n = b.chars
        if (
            title_key
            and seen_body < s.title_window_chars
            and len(text) < s.title_repeat_max_factor * len(title_key) + s.title_repeat_slack
        ):
            key = _norm_title(text)
            if key == title_key or (
                b.kind == "heading" and key and key in title_key and len(key) > s.title_heading_min_share * len(title_key)
            ):
                continue
        ld = b.link_chars / n if n else 0.0
        if b.kind in ("paragraph", "list_item") and ld > max_ld and not (
            s.own_links and b.owner.tag == "dt" and described_term(b.owner, s.own_term_min_description_chars)
        ):
            continue  # (a reference's linked term before its description is kept)
        if b.kind == "heading" and ld > max_heading_ld:
            continue
        if not code and _chrome_block(text, n, seen_body, s):
            continue
        out.append(CleanBlock(
            kind=b.kind, text=text, level=b.level, bold=b.bold and b.kind != "heading",  # type: ignore[arg-type]
            noise_vetted=b.kind != "table",  # text = clean_line(b.text) above: structure need not repeat it
        ))
        if b.kind != "heading":
            seen_body += n
    if s.comments_heading_min_body_chars and not cards:
        out = _before_comments(out, s.comments_heading_min_body_chars)
    # Trailing chrome: a short boilerplate header ("相关阅读", "分享到") at the end, or a heading
    # that names its box after the topic ("“苹果”手机相关", patterns.HTML_BOILER_HEADER_END).
    while out and len(out[-1].text) < s.trailing_header_max_chars and (
        patterns.HTML_BOILER_HEADER.match(view := simplified_view(out[-1].text))
        or out[-1].kind == "heading" and patterns.HTML_BOILER_HEADER_END.search(view)
    ):
        out.pop()
    return tuple(out)


def _before_comments(out: list[CleanBlock], min_body: int) -> list[CleanBlock]:
    """The blocks above the first heading that names the readers' comments (patterns.HTML_COMMENTS_HEADING)
    once `min_body` characters of body text have come: what follows it is the comment section."""
    body = 0
    for i, b in enumerate(out):
        if b.kind == "heading":
            if body >= min_body and patterns.HTML_COMMENTS_HEADING.match(b.text):
                return out[:i]
        else:
            body += len(b.text)
    return out


_TAGS = re.compile(r"<[^>]{0,200}>")
_WORD = re.compile(r"[^\W_]+")


def product_description(info: meta_mod.MetaInfo) -> str | None:
    """The description a page's JSON-LD gives its Product (schema.org), as plain text: shops
    render it in a tab or a script the tree does not hold. (Descriptions carry HTML markup
    and entities often.)"""
    for obj in _products(info):
        value = obj.get("description")
        if isinstance(value, str) and value.strip():
            text = html_mod.unescape(_TAGS.sub("\n", value))
            lines = [" ".join(line.split()) for line in text.splitlines()]
            out = "\n".join(line for line in lines if line)
            if out:
                return out
    return None


def with_product_description(
    blocks: tuple[CleanBlock, ...], info: meta_mod.MetaInfo, settings: CleanSettings
) -> tuple[CleanBlock, ...]:
    """A product page whose visible content lacks its description (the rules found less text
    than the description holds, and little of its wording) gets the JSON-LD description as
    its first paragraphs. Pages with the description on view are left as they are."""
    s = settings
    desc = product_description(info)
    if desc is None:
        return blocks
    size = nws(desc)
    if size < s.product_description_min_chars:
        return blocks
    if sum(nws(b.text) for b in blocks) >= size:
        return blocks  # the page shows at least as much text as the description: trust it
    words = [w.lower() for w in _WORD.findall(desc)]
    shown = {w.lower() for b in blocks for w in _WORD.findall(b.text)}
    if words and sum(1 for w in words if w in shown) >= s.product_description_max_shown * len(words):
        return blocks
    added = tuple(CleanBlock(kind="paragraph", text=line, level=None, bold=False) for line in desc.splitlines())
    return added + blocks
