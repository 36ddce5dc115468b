"""Parse pass: HTML text to an lxml tree, then junk dropped and presentational tags unwrapped.

libxml2's HTML parser runs with network and huge-tree mode off; it expands no DTD entities, so
entity-expansion payloads stay inert.
"""

from __future__ import annotations

import re
import threading

from lxml import etree

from docpipe import patterns
from docpipe.clean.html.settings import DEFAULT, CleanSettings

_PARSER_LOCAL = threading.local()
# C0 control characters other than tab, line feed and carriage return: not allowed in XML text.
_C0_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


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
    # NUL stops libxml2 reading a document, and the other C0 controls it keeps in text nodes,
    # where lxml then refuses every assignment (a page with one stray \x1f became
    # "unparseable"): none of them is text, all go before parsing.
    cleaned = _C0_CONTROLS.sub("", html) if _C0_CONTROLS.search(html) else html
    if not cleaned.strip():
        return None
    data = cleaned.encode("utf-8", errors="replace")
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError:
        # libxml2 gives up on some documents (e.g. only a doctype); the page has no body.
        return None
    return root


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
