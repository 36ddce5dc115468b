"""Prune passes: chrome removed by name before the statistics (nav/aside/footer, hidden elements,
class/id hints), and chrome skipped inside the chosen content after selection (weakly-named
boxes, link boxes)."""

from __future__ import annotations

from lxml import etree

from docpipe import patterns
from docpipe.clean.html.dom import (
    BLOCK, CONTENT, HEADINGS, hints, is_comment_box, is_disclosure, is_hidden, is_overlay, leading_text, named_chrome,
    named_only_by, weak_chrome,
)
from docpipe.clean.html.settings import CleanSettings
from docpipe.clean.html.statistics import Stats, Z, own_link_chars, text_and_link_size, text_size
from docpipe.clean.noise import simplified_view


def prune_chrome(
    body: etree._Element, total: float, settings: CleanSettings, kept: list[etree._Element] | None = None,
    threads_at: frozenset[tuple[int, ...]] = frozenset(),
) -> list[etree._Element]:
    """Outermost chrome subtrees by name: nav/aside/footer elements, hidden elements and
    class/id hints (nav, footer, sidebar, comment, share, related, copyright, ad …). A subtree
    holding most of the page's text is kept whatever its name says (a mislabelled wrapper).
    Depth-first, not descending into what is pruned, before any statistics are computed.

    `kept` receives the elements outside the pruned subtrees, in document order: the element
    list of the pruned body, so the statistics pass does not walk the tree again (and the
    element proxies it holds stay alive, which makes later walks cheaper).

    `threads_at`: tree paths (tree_path) of comment-named elements known to be the page's
    thread (page.py's lost-thread pass): each is kept, and the comment-named posts inside it."""
    out: list[etree._Element] = []
    resume: etree._Element | None = None  # first element after the last pruned subtree
    skipping = False
    share = settings.chrome_spare_share * total
    max_ld = settings.chrome_spare_max_link_density
    # Lists whose comment-named children are the page's thread (parent -> verdict), and the
    # first element after the thread being walked (inside it, comment-named replies are posts).
    threads: dict[etree._Element, bool] = {}
    thread_end: etree._Element | None = None
    in_thread = False
    # Inside code, class names are a syntax highlighter's token types ("hljs-comment", Prism's
    # "token comment"), never chrome: a code block is kept whole once its own element is.
    in_code = False
    code_end: etree._Element | None = None
    controlled: frozenset[str] | None = None  # ids the page's toggles control (aria-controls)
    carousels = recommendation_boxes(body, total, settings)
    for el in body.iter(etree.Element):  # document order, iterated in C
        if skipping:
            if el is not resume:
                continue  # inside a pruned subtree
            skipping = False
        if in_thread and el is thread_end:
            in_thread = False
        if in_code:
            if el is not code_end:
                if kept is not None:
                    kept.append(el)
                continue
            in_code = False
        name = el.tag
        drop = bool(carousels) and el in carousels  # a recommendation carousel: chrome by its title
        tagged = name in ("nav", "aside", "footer")
        if not drop and el is not body and (tagged or named_chrome(el)):
            content = False  # named like chrome, but what it holds says otherwise
            # A nav/aside/footer element gets none of these exceptions by kind: only the size
            # check below can spare it.
            if not tagged:
                if not hints(el)[0]:
                    # Hidden, not named chrome: a collapsed panel a reader opens (an FAQ answer,
                    # a tab) is content; a hidden menu or dialog is named so or is links.
                    if controlled is None:
                        controlled = frozenset(str(v) for v in body.xpath(".//@aria-controls"))
                    if is_disclosure(el, controlled):
                        n, lk = text_and_link_size(el, 0)
                        content = lk <= settings.disclosure_max_link_density * n
                elif named_only_by(el, patterns.HTML_COMMENT_TOKENS):
                    parent = el.getparent()
                    if not in_thread and threads_at and tree_path(el) in threads_at:
                        in_thread, thread_end = True, _next_after(el, body)
                    if not in_thread and parent is not None:
                        if parent not in threads:
                            threads[parent] = _is_thread(parent, total, settings)
                        if threads[parent]:
                            in_thread, thread_end = True, _next_after(parent, body)
                    content = in_thread  # a post of the thread, or a reply inside one
                elif named_only_by(el, patterns.HTML_LINK_WIDGET_TOKENS) and not is_hidden(el):
                    # A skip link, breadcrumb or pager is links; named so with text that is not
                    # links, the subtree is something else (a section a skip menu scrolls to).
                    n, lk = text_and_link_size(el, 0)
                    content = n >= settings.paragraph_min_chars and lk <= settings.link_widget_max_link_density * n
                elif settings.api_signatures and named_only_by(el, patterns.HTML_SIGNATURE_TOKENS):
                    # An API reference's signature and its parts (Sphinx's <dt class="sig">, its
                    # <span class="sig-name">): a definition term, not a poster's sign-off.
                    content = name == "dt" or any(a.tag == "dt" for a in el.iterancestors())
                if not content and hints(el)[0]:
                    # A layout named for its sidebar ("c-layout-sidebar-left" around the sidebar
                    # and "c-layout-main"): the main column inside it is the page.
                    content = _wraps_main(el, settings)
            if not content:
                n, lk = text_and_link_size(el, share)
                spared = n > share and lk < max_ld * n
                # Comment threads can outweigh the article they follow: a comment-named box is
                # spared only when it wraps the article (holds the h1 or a content-named element:
                # a thread's post bodies). A nav/aside/footer element needs more: the h1, or
                # content-named elements holding most of its text (a service area's <footer> of
                # city names has a 'text-bold' label in each column).
                if spared and tagged:
                    spared = _wraps_article(el, n, settings)
                elif spared and is_overlay(el):
                    # A pop-up interrupts the page: it is the page only when it holds its h1.
                    spared = next(el.iter("h1"), None) is not None
                elif spared and is_comment_box(el):
                    spared = any(
                        d.tag == "h1" or hints(d)[2] == CONTENT for d in el.iter(etree.Element) if d is not el
                    )
                drop = not spared
        if drop:
            out.append(el)
            resume = _next_after(el, body)
            if resume is None:
                break
            skipping = True
            continue
        if name in ("pre", "code"):
            code_end = _next_after(el, body)
            in_code = True
        if kept is not None:
            kept.append(el)
    return out


def recommendation_boxes(body: etree._Element, total: float, settings: CleanSettings) -> set[etree._Element]:
    """A shop's recommendation carousels: the outermost element that opens with a heading
    titled as other products (patterns.HTML_RECOMMENDATION_HEADING: "Similar items", "You may
    also like") and holds at most `chrome_spare_share` of the page's text. Its tiles are often
    script-driven cards with little link text, so neither names nor link density find it
    (wcxb_dev tuning 3021: eBay's "Similar items" region, 4,700 characters of other listings,
    was chosen as the content of a 237-character item page)."""
    if not settings.recommendation_boxes:
        return set()
    found: set[etree._Element] = set()
    limit = settings.chrome_spare_share * total
    for h in body.iter(*HEADINGS):
        title = "".join("".join(h.itertext()).split())
        if not title or len(title) > settings.recommendation_heading_max_chars:
            continue
        if not patterns.HTML_RECOMMENDATION_HEADING.match(" ".join(" ".join(h.itertext()).split())):
            continue
        box = h
        while True:
            parent = box.getparent()
            if parent is None or parent is body or parent.tag in ("html", "body", "main", "article"):
                break
            if not "".join(leading_text(parent, 2 * len(title)).split()).startswith(title) or text_size(parent) > limit:
                break
            box = parent
        if box is not h:
            found.add(box)
    return found


def _wraps_article(el: etree._Element, n: float, settings: CleanSettings) -> bool:
    """Whether a nav/aside/footer element of `n` characters wraps the article: it holds the h1,
    or its outermost content-named elements hold more than `wrapper_content_share` of its text."""
    inside = 0.0
    end: etree._Element | None = None  # first element after the content-named subtree counted
    counting = False
    for d in el.iter(etree.Element):
        if d.tag == "h1":
            return True
        if counting:
            if d is not end:
                continue
            counting = False
        if d is not el and hints(d)[2] == CONTENT:
            inside += text_size(d)
            end, counting = _next_after(d, el), True
    return inside > settings.wrapper_content_share * n


def _wraps_main(el: etree._Element, settings: CleanSettings) -> bool:
    """Whether a chrome-named element is a layout around the page's main column: a <main>, or an
    element named "main" (patterns.HTML_MAIN_TOKEN), inside it holds more than
    `wrapper_content_share` of its text (wcxb_dev tuning 4105: "c-layout-sidebar-left" holds
    the sidebar and "c-layout-main", the guide's text)."""
    n = 0.0
    for d in el.iter(etree.Element):
        if d is el:
            continue
        if d.tag != "main":
            raw = f"{d.get('class') or ''} {d.get('id') or ''}"
            if patterns.HTML_MAIN_TOKEN not in raw.lower():
                continue  # (most elements: no token split)
            if patterns.HTML_MAIN_TOKEN not in {t.lower() for t in patterns.HTML_TOKEN_SPLIT.split(raw)}:
                continue
        if not n:
            n = text_size(el)
        if text_size(d) > settings.wrapper_content_share * n:
            return True
    return False


def _is_thread(parent: etree._Element, total: float, settings: CleanSettings) -> bool:
    """Whether the comment-named children of `parent` are the posts of a thread page: a run of
    at least `thread_min_posts` block elements of one tag, holding more than `thread_min_share` of the page's
    text, little of it link text. A comment section beside an article is wrapped in one
    comment-named container (pruned whole before its posts are reached) or holds a small part
    of the page; a thread's posts are named one by one under a neutral list and hold most of it."""
    runs: dict[str, list[etree._Element]] = {}
    for c in parent:
        if c.tag in BLOCK and named_only_by(c, patterns.HTML_COMMENT_TOKENS):
            runs.setdefault(c.tag, []).append(c)
    # The posts are alike (one tag); a comment section's parts (its title, list and form) are not.
    posts = max(runs.values(), key=len, default=[])
    if len(posts) < settings.thread_min_posts:
        return False
    n = lk = 0.0
    for post in posts:
        a, b = text_and_link_size(post, 0)
        n += a
        lk += b
    return n > settings.thread_min_share * total and lk < settings.chrome_spare_max_link_density * n


def tree_path(el: etree._Element) -> tuple[int, ...]:
    """Where an element sits: its index under each ancestor from the root down. Two parses of
    one page (with the same junk dropped) give the same element the same path."""
    path: list[int] = []
    node = el
    parent = node.getparent()
    while parent is not None:
        path.append(parent.index(node))
        node, parent = parent, parent.getparent()
    return tuple(reversed(path))


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
            if weak_chrome(el) and (n < s.inner_weak_max_share * total or ld > s.inner_weak_max_link_density):
                skip.add(el)
            elif (
                name in ("ul", "ol", "dl", "table", "div", "section", "aside", "form")
                and ld > s.inner_linkbox_min_link_density
                and n < s.inner_linkbox_max_share * total
                and not (
                    s.own_links
                    and st[1] - own_link_chars(el, stats.d, s.own_term_min_description_chars)
                    <= s.inner_linkbox_min_link_density * n
                )
            ):
                skip.add(el)  # (a section of a permalinked title and a reference's terms is not)
            elif ld > s.inner_headed_min_link_density and n < s.inner_headed_max_share * total and name in BLOCK:
                lead = leading_text(el, s.inner_header_chars)
                if lead and patterns.HTML_BOILER_HEADER.match(simplified_view(lead)):  # "相關新聞" read as 相关新闻
                    skip.add(el)
    skip.update(repeated_quotes(chosen, settings))
    return skip


def repeated_quotes(chosen: list[etree._Element], settings: CleanSettings) -> set[etree._Element]:
    """The outermost <blockquote>s inside the chosen content whose text is, line for line
    (settings.quote_repeat_*), text the content holds outside any quote: a reply's copy of the
    post it answers. A quote of text the page does not show otherwise (a cited source, a post
    on an earlier page of the thread) is kept."""
    # (<blockquote> only: class names say "quote" for other things too — XenForo's post body is
    # "js-selectToQuote", the box a reader selects text in to quote it)
    quotes = [q for top in chosen for q in top.iter("blockquote") if q is not top and not any(a.tag == "blockquote" for a in q.iterancestors())]
    if not quotes:
        return set()
    inside = set(quotes)
    outside: list[str] = []
    for top in chosen:
        _text_outside(top, inside, outside)
    rest = "".join(outside)
    found: set[etree._Element] = set()
    for q in quotes:
        # Short lines (the attribution "X said:", "Click to expand...") are neither counted nor looked for.
        lines = [t for t in ("".join(s.split()) for s in q.itertext()) if len(t) >= settings.quote_repeat_min_chars]
        total = sum(len(t) for t in lines)
        if total and sum(len(t) for t in lines if t in rest) >= settings.quote_repeat_min_share * total:
            found.add(q)
    return found


def _text_outside(el: etree._Element, quotes: set[etree._Element], out: list[str]) -> None:
    """The text of `el`'s subtree without the subtrees in `quotes`, whitespace removed, appended
    to `out` in document order."""
    if el.text:
        out.append("".join(el.text.split()))
    for c in el:
        if isinstance(c.tag, str) and c not in quotes:
            _text_outside(c, quotes, out)
        if c.tail:
            out.append("".join(c.tail.split()))
