"""Prune passes: chrome removed by name before the statistics (nav/aside/footer, hidden elements,
class/id hints), and chrome skipped inside the chosen content after selection (weakly-named
boxes, link boxes)."""

from __future__ import annotations

from lxml import etree

from docpipe import patterns
from docpipe.clean.html.dom import BLOCK, CONTENT, hints, is_comment_box, leading_text, named_chrome
from docpipe.clean.html.settings import CleanSettings
from docpipe.clean.html.statistics import Stats, Z, text_and_link_size


def prune_chrome(
    body: etree._Element, total: float, settings: CleanSettings, kept: list[etree._Element] | None = None
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
    share = settings.chrome_spare_share * total
    max_ld = settings.chrome_spare_max_link_density
    for el in body.iter(etree.Element):  # document order, iterated in C
        if skipping:
            if el is not resume:
                continue  # inside a pruned subtree
            skipping = False
        name = el.tag
        if el is not body and (name in ("nav", "aside", "footer") or named_chrome(el)):
            n, lk = text_and_link_size(el, share)
            spared = n > share and lk < max_ld * n
            # Comment threads can outweigh the article they follow: a comment-named box is
            # spared only when it wraps the article (holds the h1 or a content-named element).
            if spared and is_comment_box(el):
                spared = any(
                    d.tag == "h1" or hints(d)[2] == CONTENT for d in el.iter(etree.Element) if d is not el
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


def detach(el: etree._Element) -> None:
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


def inner_chrome(chosen: list[etree._Element], stats: Stats, settings: CleanSettings) -> set[etree._Element]:
    """Inside the chosen content: weakly-named chrome (tags, byline, tools) that is small or
    link-heavy, and link-heavy lists/boxes (related links embedded in the article)."""
    total = sum(stats.d.get(c, Z)[0] for c in chosen) or 1
    s = settings
    skip: set[etree._Element] = set()
    for top in chosen:
        for el in top.iter(etree.Element):
            st = stats.d.get(el, Z)
            n = st[0]
            if not n or el is top:
                continue
            name = el.tag
            ld = st[1] / n
            if hints(el)[1] and (n < s.inner_weak_max_share * total or ld > s.inner_weak_max_link_density):
                skip.add(el)
            elif (
                name in ("ul", "ol", "dl", "table", "div", "section", "aside", "form")
                and ld > s.inner_linkbox_min_link_density
                and n < s.inner_linkbox_max_share * total
            ):
                skip.add(el)
            elif ld > s.inner_headed_min_link_density and n < s.inner_headed_max_share * total and name in BLOCK:
                lead = leading_text(el, s.inner_header_chars)
                if lead and patterns.HTML_BOILER_HEADER.match(lead):
                    skip.add(el)
    return skip
