"""What every pass knows about elements: tag classes and the class/id/hidden hints."""

from __future__ import annotations

import functools
import re

from lxml import etree

from docpipe import patterns

HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
# Block-level tags: text inside them starts a new block. Everything else is inline.
BLOCK = frozenset(
    (
        "html", "body", "p", "div", "section", "article", "main", "aside", "header", "footer",
        "nav", "ul", "ol", "li", "dl", "dt", "dd", "table", "tbody", "thead", "tfoot", "tr",
        "td", "th", "caption", "blockquote", "pre", "figure", "figcaption", "form", "fieldset",
        "center", "address", "details", "summary", "hr", "menu", "dir", "h1", "h2", "h3", "h4",
        "h5", "h6", "noframes", "legend", "hgroup", "search",
    )
) | HEADINGS

# The tone of an element's class/id: names content only, names chrome only, or neither/both.
CONTENT, NEUTRAL, CHROME = 1, 0, -1


def tag(el: etree._Element) -> str:
    # libxml2's HTML parser lower-cases tag names already.
    name = el.tag
    return name if isinstance(name, str) else ""


def nws(s: str) -> int:
    """Characters that are not whitespace: text mass, independent of markup indentation."""
    return len("".join(s.split()))


@functools.lru_cache(maxsize=8192)
def classify(cls: str, ident: str) -> tuple[bool, bool, int]:
    """(strong chrome, weak chrome, tone) of a class/id pair. Cached: templates repeat the same
    few dozen class strings on every element, and this is the hot path. A content token
    outweighs a chrome token on the same element ("article-header" loses, "post-content" wins)."""
    tokens = {t.lower() for t in patterns.HTML_TOKEN_SPLIT.split(f"{cls} {ident}") if t}
    if not tokens:
        return False, False, NEUTRAL
    if not tokens.isdisjoint(patterns.HTML_HIDE_TOKENS) and not _hidden_word(f"{cls} {ident}"):
        tokens -= patterns.HTML_HIDE_TOKENS
    good = not tokens.isdisjoint(patterns.HTML_CONTENT_TOKENS)
    strong = not tokens.isdisjoint(patterns.HTML_BOILER_TOKENS)
    weak = not tokens.isdisjoint(patterns.HTML_WEAK_BOILER_TOKENS)
    tone = NEUTRAL
    if good and not (strong or weak):
        tone = CONTENT
    elif (strong or weak) and not good:
        tone = CHROME
    return strong and not good, weak and not good, tone


def _hidden_word(raw: str) -> bool:
    """Whether a class/id word hides its element: it ends in "hide"/"hidden", or one is
    followed by a screen or device token (see HTML_HIDE_TOKENS)."""
    hide, responsive = patterns.HTML_HIDE_TOKENS, patterns.HTML_RESPONSIVE_TOKENS
    for word in raw.split():
        parts = [t.lower() for t in patterns.HTML_TOKEN_SPLIT.split(word) if t]
        for i, part in enumerate(parts):
            if part in hide and (i + 1 == len(parts) or parts[i + 1] in responsive) and not _overflow(parts, i):
                return True
    return False


def _overflow(parts: list[str], i: int) -> bool:
    """Whether the hide token at `i` is a CSS overflow utility's value ("overflow-hidden",
    "overflow-x-hidden": content clipped at its box, not hidden)."""
    j = i - 1
    if j >= 0 and parts[j] in patterns.HTML_OVERFLOW_AXES:
        j -= 1
    return j >= 0 and parts[j] == "overflow"


def hints(el: etree._Element) -> tuple[bool, bool, int]:
    cls = el.get("class")
    ident = el.get("id")
    if not cls and not ident:
        return False, False, NEUTRAL
    found = classify(cls or "", ident or "")
    if ident and (found[0] or found[1]) and is_heading_anchor(el):
        return classify(cls or "", "")  # the id is the slug of the element's heading
    return found


# Words of a slug or a heading: runs of letters and digits.
_SLUG_WORD = re.compile(r"[^\W_]+")
# How far into a section its heading may sit: the first element children (a Sphinx section
# opens with an empty <span id> anchor, then its <h2>).
_ANCHOR_HEADING_MAX_CHILDREN = 3


def is_heading_anchor(el: etree._Element) -> bool:
    """Whether the element's id is the slug of its own heading — the heading itself, or one of
    its first element children: documentation generators name each section after its title
    (Sphinx's <section id="flower-real-time-celery-web-monitor"> under "Flower: Real-time Celery
    web-monitor", Django's "s-more-about-django-form-classes"), and the words of a title are no
    class name ("time", "more", "related" there say nothing of chrome). The id ends with the
    heading's words, optionally followed by a number (a repeated title's "inspecting-queues-1")."""
    ident = el.get("id")
    if not ident:
        return False
    words = [w.lower() for w in _SLUG_WORD.findall(ident)]
    if words and words[-1].isdigit():
        words.pop()
    if not words:
        return False
    heading = el if el.tag in HEADINGS else None
    if heading is None:
        for i, child in enumerate(el.iterchildren(etree.Element)):
            if i >= _ANCHOR_HEADING_MAX_CHILDREN:
                break
            if child.tag in HEADINGS:
                heading = child
                break
    if heading is None:
        return False
    title = [w.lower() for w in _SLUG_WORD.findall(" ".join(heading.itertext()))]
    return bool(title) and len(title) <= len(words) and words[len(words) - len(title):] == title


def is_hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true" and tag(el) not in BLOCK:
        return True
    style = el.get("style")
    return bool(style and patterns.HTML_HIDDEN_STYLE.search(style))


# ARIA roles of a dialog over the page (WAI-ARIA 1.2): consent managers' banners and preference
# centres (OneTrust's role="dialog" aria-modal="true" "Privacy Preference Center", Fides's
# role="alertdialog" cookie banner), newsletter and login pop-ups. A modal dialog interrupts the
# page; it is never the page's content (a dialog holding most of the text is spared by the
# prune pass only when it holds the page's h1: is_overlay).
_MODAL_ROLES = frozenset(("dialog", "alertdialog"))


def named_chrome(el: etree._Element) -> bool:
    """Strong chrome hints, hidden or a modal dialog (_MODAL_ROLES, aria-modal): the test of
    hints(el)[0] or is_hidden(el) or a dialog's role, with one
    keys() call and a .get() only for the attributes the element has (this runs on every
    element of the page; most have one or two attributes, many none)."""
    keys = el.keys()
    if not keys:
        return False
    cls = el.get("class") if "class" in keys else None
    ident = el.get("id") if "id" in keys else None
    if (cls or ident) and classify(cls or "", ident or "")[0]:
        if not (ident and is_heading_anchor(el) and not classify(cls or "", "")[0]):
            return True
    if "hidden" in keys:
        return True
    if ("aria-modal" in keys and el.get("aria-modal") == "true") or ("role" in keys and el.get("role") in _MODAL_ROLES):
        return True
    if "aria-hidden" in keys and el.get("aria-hidden") == "true" and tag(el) not in BLOCK:
        return True
    if "style" in keys:
        style = el.get("style")
        return bool(style and patterns.HTML_HIDDEN_STYLE.search(style))
    return False


@functools.lru_cache(maxsize=4096)
def _strong_tokens(cls: str, ident: str) -> frozenset[str]:
    """The strong chrome tokens of a class/id pair."""
    tokens = {t.lower() for t in patterns.HTML_TOKEN_SPLIT.split(f"{cls} {ident}") if t}
    return frozenset(tokens & patterns.HTML_BOILER_TOKENS)


def weak_chrome(el: etree._Element) -> bool:
    """Whether the element's class/id names chrome weakly (hints(el)[1]), unless it is a heading
    named only as a header (patterns.HTML_HEADING_SELF_TOKENS)."""
    if not hints(el)[1]:
        return False
    if el.tag not in HEADINGS:
        return True
    tokens = {t.lower() for t in patterns.HTML_TOKEN_SPLIT.split(f"{el.get('class') or ''} {el.get('id') or ''}") if t}
    return not (tokens & patterns.HTML_WEAK_BOILER_TOKENS) <= patterns.HTML_HEADING_SELF_TOKENS


def named_only_by(el: etree._Element, family: frozenset[str]) -> bool:
    """Whether the element's class/id names chrome by tokens of `family` alone: comment tokens
    ("thing comment noncollapsed": a post of a thread when its run of peers says so, prune.py;
    "comment-share" is not), link-widget tokens ("skip-link", "breadcrumbs", "pager")."""
    cls, ident = el.get("class"), el.get("id")
    if not cls and not ident:
        return False
    strong = _strong_tokens(cls or "", ident or "")
    return bool(strong) and strong <= family


def is_disclosure(el: etree._Element, controlled: frozenset[str]) -> bool:
    """Whether a hidden element is a collapsed panel of the content: a tab panel or region, the
    target of a toggle's aria-controls (`controlled`: the page's aria-controls ids), right
    under a heading (an accordion's panel: the question's <h3>, its answer hidden below; wcxb_dev
    tuning 0609's FAQ, 1821's collapsible sections), named as an answer/accordion/collapse
    panel, or a segment streamed by React."""
    if el.get("role") in ("tabpanel", "region"):
        return True
    ident = el.get("id")
    if ident and (ident in controlled or patterns.HTML_STREAMED_SEGMENT_ID.fullmatch(ident)):
        return True
    prev = el.getprevious()
    while prev is not None and not isinstance(prev.tag, str):
        prev = prev.getprevious()
    if prev is not None and prev.tag in HEADINGS:
        return True
    cls = el.get("class")
    if not cls:
        return False
    tokens = {t.lower() for t in patterns.HTML_TOKEN_SPLIT.split(cls) if t}
    return not tokens.isdisjoint(patterns.HTML_DISCLOSURE_TOKENS)


def is_overlay(el: etree._Element) -> bool:
    """Whether the element is a pop-up over the page: a modal dialog (_MODAL_ROLES, aria-modal)
    or named as one (patterns.HTML_OVERLAY_TOKENS: "mdbook-help-popup", "newsletter-modal")."""
    if el.get("aria-modal") == "true" or el.get("role") in _MODAL_ROLES:
        return True
    cls, ident = el.get("class"), el.get("id")
    if not cls and not ident:
        return False
    return not _strong_tokens(cls or "", ident or "").isdisjoint(patterns.HTML_OVERLAY_TOKENS)


def is_comment_box(el: etree._Element) -> bool:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return "comment" in raw


def leading_text(el: etree._Element, limit: int) -> str:
    """The first `limit` characters of the element's text, whitespace removed per string."""
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


def in_page(href: str | None) -> bool:
    """Whether a link points to a named place on the page itself ("#usage"; a bare "#" is a
    script's toggle, a menu's heading)."""
    return bool(href) and len(href) > 1 and href[0] == "#"  # type: ignore[index]
