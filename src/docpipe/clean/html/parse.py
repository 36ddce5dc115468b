"""Parse pass: HTML text to an lxml tree shaped like a browser's, then junk dropped and
presentational tags unwrapped.

The tree is built by the HTML5 algorithm (lexbor, through selectolax), whose output markup is
then read by libxml2 into the lxml tree every later pass works on. libxml2's own HTML parser
mis-nests modern markup: an end tag it cannot match to the current element is ignored (an
unclosed <div> in a <button> keeps the header open, and the page's whole <main> ends up inside
<header><button>, where chrome pruning deletes it), and text after a stray </body></html> is
dropped. HTML5's tree is the one a browser shows, and lexbor's serialisation of it is markup
libxml2 reads without repairs.

Neither parser touches the network or expands DTD entities: HTML5 has no DTDs (an internal
subset is bogus markup; "&lol;" stays the text "&lol;"), and libxml2 runs with network and
huge-tree mode off, so entity-expansion payloads stay inert and libxml2's depth/size limits
still apply to what reaches the tree. Only a page that hits the depth limit (256 nested
elements, where libxml2 stops reading and everything from there on is lost) is read again in
huge-tree mode, whose limit is 2,048: entity expansion cannot apply to it either (HTML has no
DTD), and fetch has already capped its size.
"""

from __future__ import annotations

import re
import threading

from lxml import etree
from selectolax.lexbor import LexborHTMLParser

from docpipe import patterns
from docpipe.clean.html.settings import DEFAULT, CleanSettings

_PARSER_LOCAL = threading.local()
# C0 control characters other than tab, line feed and carriage return: not allowed in XML text.
_C0_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_C0_BYTES = bytes(c for c in range(0x20) if _C0_CONTROLS.match(chr(c)))


def _parser(huge: bool = False) -> etree.HTMLParser:
    # lxml parsers are not thread-safe; one per thread. no_network keeps libxml2 from loading
    # any external resource; huge_tree=False keeps its depth/size safety limits on.
    name = "huge_parser" if huge else "parser"
    parser = getattr(_PARSER_LOCAL, name, None)
    if parser is None:
        parser = etree.HTMLParser(
            encoding="utf-8",
            remove_comments=True,
            remove_pis=True,
            no_network=True,
            huge_tree=huge,
            recover=True,
            default_doctype=False,
            collect_ids=False,
            compact=True,
        )
        setattr(_PARSER_LOCAL, name, parser)
    return parser


def _hit_a_limit(parser: etree.HTMLParser) -> bool:
    """Whether libxml2 stopped reading at one of its resource limits (nesting depth)."""
    return any(e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for e in parser.error_log)


# Elements without text or metadata of their own, removed inside lexbor before its tree is
# serialised (drop_junk would remove them later anyway; inline SVG and style sheets are a large
# share of a modern page's bytes, which libxml2 then need not read).
_HTML5_STRIP = ["style", "svg", "math"]
# The attributes a placeholder <a> (a fragment target) carries; any other may script it.
_PLACEHOLDER_ANCHOR_ATTRS = frozenset(("name", "id", "style", "title", "target"))


def html5_markup(data: bytes, settings: CleanSettings = DEFAULT) -> bytes:
    """The page re-serialised from its HTML5 tree (lexbor): every element closed where a browser
    closes it. Pages with more tag openings than `settings.html5_max_tags` keep their markup
    as it is (libxml2 reads them directly): HTML5 tree building costs time proportional to
    tags × nesting depth, and a page of 20,000 nested <div>s takes lexbor seconds."""
    if data.count(b"<") > settings.html5_max_tags:
        return data
    doc = LexborHTMLParser(data)
    doc.strip_tags(_HTML5_STRIP)
    # A named anchor or a bare <a> (no href, nothing that scripts it) is no link: HTML calls it a
    # placeholder. Left unclosed, HTML5 reconstructs it around the text of every block that
    # follows, and a forum post after "<a name=top1>楼层" read as one long link (cwced_zh tuning,
    # F1 0.956 -> 0.030). An <a> a script makes a link (Vue's :href, @click, a class or role
    # for its handlers) stays one.
    for anchor in doc.css("a:not([href])"):
        if _PLACEHOLDER_ANCHOR_ATTRS.issuperset(anchor.attributes):
            anchor.unwrap()
    # HTML5 puts every table's rows in a <tbody> (libxml2 does not): one level more between a
    # cell's text and its table, which the selection's ancestor weights and climb then count
    # (cleaneval_final_en tuning lost 0.49 F1 on a table-layout page). Row groups carry no
    # content of their own.
    doc.unwrap_tags(["tbody"])
    markup = doc.html
    return markup.encode("utf-8", errors="replace") if markup else data


def page_markup(html: str, settings: CleanSettings = DEFAULT) -> bytes | None:
    """The markup libxml2 reads for the page (its HTML5 serialisation, see the module
    docstring); None for input with no markup/text at all. Kept by clean_html for the passes
    that need a fresh tree of the same page (the learned pass, the unpruned fallback): read
    again by markup_tree, they do not run the HTML5 tree building a second time."""
    # NUL stops libxml2 reading a document, and the other C0 controls it keeps in text nodes,
    # where lxml then refuses every assignment (a page with one stray \x1f became
    # "unparseable"): none of them is text, all go before parsing. They are deleted from the
    # UTF-8 bytes, where a byte below 0x20 is that control character and nothing else, by
    # bytes.translate in C (0.08 ms a page; the regex search over the str took 0.37 ms).
    data = html.encode("utf-8", errors="replace")
    kept = data.translate(None, _C0_BYTES)
    cleaned = html
    if len(kept) != len(data):
        cleaned = _C0_CONTROLS.sub("", html)
        data = kept
    if not cleaned or cleaned.isspace():
        return None
    return html5_markup(data, settings)


def markup_tree(data: bytes) -> etree._Element | None:
    """The lxml tree of page_markup's output (a new tree on every call); None where libxml2
    finds no document in it."""
    try:
        parser = _parser()
        root = etree.fromstring(data, parser=parser)
        if _hit_a_limit(parser):
            # Past 256 nested elements libxml2 stops reading: the rest of the page was lost.
            root = etree.fromstring(data, parser=_parser(huge=True))
    except etree.XMLSyntaxError:
        # libxml2 gives up on some documents (e.g. only a doctype); the page has no body.
        return None
    return root


def page_tree(html: str, settings: CleanSettings = DEFAULT) -> tuple[bytes | None, etree._Element | None]:
    """The page's markup (page_markup, kept for the passes that read a fresh tree of it) and
    its lxml tree; (None, None) for input with no markup/text at all."""
    data = page_markup(html, settings)
    return data, (markup_tree(data) if data is not None else None)


def parse_html(html: str, settings: CleanSettings = DEFAULT) -> etree._Element | None:
    """Parse to an lxml tree (built by the HTML5 algorithm, see the module docstring); None
    for input with no markup/text at all."""
    return page_tree(html, settings)[1]


_TEXT_SIZE = etree.XPath("string-length(normalize-space(.))")
_JUNK_BUT_NOSCRIPT = tuple(t for t in patterns.HTML_JUNK_TAGS if t != "noscript")


def _noscript_is_the_page(root: etree._Element, settings: CleanSettings) -> bool:
    """Whether <noscript> holds most of the page's text (scripts and styles already gone):
    apps that render in JavaScript (a Discourse forum thread) put the whole thread there for
    readers without it."""
    if root.find(".//noscript") is None:
        return False
    inside = 0.0
    for el in root.iter("noscript"):
        value = _TEXT_SIZE(el)
        inside += float(value) if isinstance(value, float) else 0.0
    if not inside:
        # Empty <noscript>s (a tracking pixel's <img>) hold no share of any page: the page's
        # whole text is not measured for them.
        return False
    total = _TEXT_SIZE(root)
    return inside > settings.noscript_min_share * (float(total) if isinstance(total, float) else 0.0)


def drop_junk(root: etree._Element, settings: CleanSettings = DEFAULT) -> None:
    """Drop junk subtrees and textless elements; unwrap presentational inline tags (their text
    stays). Fewer elements make every later pass cheaper; all of it runs inside libxml2."""
    etree.strip_elements(root, *_JUNK_BUT_NOSCRIPT, with_tail=False)
    if _noscript_is_the_page(root, settings):
        etree.strip_tags(root, "noscript")
    else:
        etree.strip_elements(root, "noscript", with_tail=False)
    # Presentational inline tags that carry a class/id/style (a Discuz <font class="jammer">,
    # a hidden <font style="display:none">) are kept, as <span>, for the chrome/hidden checks.
    for el in root.iter(*patterns.HTML_UNWRAP_TAGS):
        if el.get("class") is not None or el.get("id") is not None or el.get("style") is not None or el.get("hidden") is not None:
            el.tag = "span"
    etree.strip_tags(root, *patterns.HTML_UNWRAP_TAGS)
