"""One page through the passes: parse, metadata, prune, statistics, selection, emission."""

from __future__ import annotations

from lxml import etree

from docpipe import dates, patterns
from docpipe.clean import metadata as meta_mod
from docpipe.clean import learned
from docpipe.clean.html.emission import emit, filter_blocks, with_product_description
from docpipe.clean.html.parse import drop_junk, markup_tree, page_tree
from docpipe.clean.html.dom import named_only_by
from docpipe.clean.html.prune import detach, inner_chrome, prune_chrome, tree_path
from docpipe.clean.html.selection import Selection, choose, select_content
from docpipe.clean.html.settings import DEFAULT, CleanSettings
from docpipe.clean.html.statistics import compute_stats, text_and_link_size, text_size
from docpipe.clean.profiles import Profile, Profiles
from docpipe.models import CleanBlock, PageMetadata

_LINK_LABELS = ("链接".encode(), "地址".encode())
_COPYRIGHT_MARKS = ("©".encode(), b"opyright", "版权".encode(), b"(c)", b"(C)")


def _text_marks(el: etree._Element) -> tuple[bool, bool]:
    """Whether the text can hold a link line ("原文链接：…": every label has 链接 or 地址) and a
    © line (©, copyright, 版权, (c) — what complete_from_body tests before its search). Tested
    on the concatenated text as UTF-8 bytes, serialised inside libxml2 (0.04 ms a page; the
    list of strings costs 0.16 ms): a mark in any one string is in the concatenation."""
    data = etree.tostring(el, method="text", encoding="utf-8", with_tail=False)
    return any(m in data for m in _LINK_LABELS), any(m in data for m in _COPYRIGHT_MARKS)


def clean_html(
    html: str,
    url: str | None = None,
    *,
    profiles: Profiles | None = None,
    settings: CleanSettings = DEFAULT,
) -> tuple[tuple[CleanBlock, ...], PageMetadata]:
    """Main-content blocks and page metadata of one HTML page.

    `profiles`: when one matches `url` (or, without one, the page's canonical URL), its
    selectors pick content/title/date and drop elements before the heuristics run.
    `settings`: the thresholds of every pass.
    """
    # The page's markup is kept: the learned pass, the lost-thread check and the unpruned
    # fallback read a fresh tree of the page from it (libxml2 only; the HTML5 tree building
    # was half of each re-parse).
    markup, root = page_tree(html, settings)
    if markup is None or root is None:
        return (), PageMetadata()
    meta_info = meta_mod.extract_metadata(root, url)
    # A saved page (a local file) has no URL of its own: its canonical link says its site.
    profile = profiles.match(url or meta_info.metadata.canonical_url) if profiles is not None else None
    if profile is not None:
        _apply_profile_metadata(meta_info, profile, root)
    drop_junk(root, settings)
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
            page_strings = meta_mod.last_strings(body, meta_mod.COPYRIGHT_LINES)
        else:
            page_strings = []  # neither label nor mark in the text: nothing to find
    total = max(text_size(body), 1.0)
    kept: list[etree._Element] = []
    pruned = prune_chrome(body, total, settings, kept)
    # Comment-named boxes pruned as a comment section (text, link text, where they sat): when
    # the page comes out a fragment, the biggest may be its thread (_lost_thread below).
    comment_boxes = [
        (*text_and_link_size(el, 0), tree_path(el))
        for el in pruned
        if settings.lost_thread_min_growth > 0 and named_only_by(el, patterns.HTML_COMMENT_TOKENS)
    ]
    for el in pruned:
        detach(el)
    # Date and author from the page without its chrome; link line and © line from all of it.
    meta_mod.complete_from_body(meta_info, body, page_strings)
    stats = compute_stats(body, kept)
    # A profile's content selector is the user's word: no container search, only filtering.
    selection = Selection([body]) if forced is not None else choose(body, stats, settings)
    chosen = selection.chosen
    # A card region's link boxes are its cards: nothing inside it is skipped as a link box.
    skip = set() if selection.cards else inner_chrome(chosen, stats, settings)
    raw = emit(chosen, stats, skip, settings)
    if forced is None and settings.learned and not selection.cards:
        # Where the chosen containers hold little of the page, the learned block scorer judges
        # every block (clean/learned.py): the sections, posts and cards outside them.
        raw = learned.refine(markup, body, chosen, skip, raw, total, settings)
    blocks = filter_blocks(raw, meta_info, settings, cards=selection.cards)
    if not blocks and forced is None and total >= settings.fallback_min_chars:
        # No empty pages: the choice emitted nothing although the page has text. Read the
        # pruned body whole; then its links, when links are all it holds (an index page, a
        # shop's category links: wcxb_dev tuning 4509); only when pruning removed everything,
        # read the page again unpruned (a content wrapper named like chrome).
        if chosen != [body]:
            blocks = filter_blocks(emit([body], stats, inner_chrome([body], stats, settings), settings), meta_info, settings)
        if not blocks:
            blocks = filter_blocks(emit([body], stats, set(), settings), meta_info, settings, cards=True)
        if not blocks:
            blocks = _unpruned_blocks(markup, meta_info, settings)
    if forced is None and comment_boxes:
        blocks = _lost_thread(markup, blocks, comment_boxes, meta_info, settings)
    if forced is None:
        blocks = with_product_description(blocks, meta_info, settings)
    meta_mod.complete_from_blocks(
        meta_info, [b.text for b in blocks[-3:]], [b.text for b in blocks[: meta_mod.LEAD_NAME_BLOCKS]]
    )
    return blocks, meta_info.metadata


def _lost_thread(
    markup: bytes, blocks: tuple[CleanBlock, ...], comment_boxes: list[tuple[float, float, tuple[int, ...]]],
    meta_info: meta_mod.MetaInfo, settings: CleanSettings,
) -> tuple[CleanBlock, ...]:
    """A page that came out a fragment (less than `lost_thread_max_chars`) while a box pruned as
    its comment section held many times that much running text (`lost_thread_min_growth`,
    little of it links) has no article for the comments to follow: the comments are the page,
    a thread whose wrapper is named "comments" (Invision Community's div#comments around a
    topic's posts, wcxb_dev tuning 0543: the posts were pruned and the page gave its header).
    The page is read again with that box kept and the comment-named posts inside it."""
    s = settings
    got = sum(len(b.text) for b in blocks)
    if got >= s.lost_thread_max_chars:
        return blocks
    n, lk, path = max(comment_boxes, key=lambda c: c[0])
    if n < s.lost_thread_min_growth * max(got, 1) or lk >= s.chrome_spare_max_link_density * n:
        return blocks
    body = _fresh_body(markup, settings)
    if body is None:
        return blocks
    kept: list[etree._Element] = []
    for el in prune_chrome(body, max(text_size(body), 1.0), settings, kept, threads_at=frozenset((path,))):
        detach(el)
    stats = compute_stats(body, kept)
    # The page is a thread: two replies are enough to be its replies.
    thread = settings.model_copy(update={
        "thread_replies_min_count": min(settings.thread_replies_min_count, settings.lost_thread_replies_min_count)})
    chosen = select_content(body, stats, thread)
    again = filter_blocks(emit(chosen, stats, inner_chrome(chosen, stats, settings), settings), meta_info, settings)
    return again if sum(len(b.text) for b in again) > got else blocks


def _unpruned_blocks(markup: bytes, meta_info: meta_mod.MetaInfo, settings: CleanSettings) -> tuple[CleanBlock, ...]:
    """The page's blocks without chrome pruning by name (a second tree of the page's markup:
    this runs only for pages that came back empty)."""
    body = _fresh_body(markup, settings)
    if body is None:
        return ()
    stats = compute_stats(body)
    chosen = select_content(body, stats, settings)
    return filter_blocks(emit(chosen, stats, inner_chrome(chosen, stats, settings), settings), meta_info, settings)


def _fresh_body(markup: bytes, settings: CleanSettings) -> etree._Element | None:
    """A new tree of the page's kept markup (parse.page_markup, read by libxml2 alone: the
    HTML5 tree building is not run again), junk dropped: its body (the root when it has none)."""
    root = markup_tree(markup)
    if root is None:
        return None
    drop_junk(root, settings)
    body = root.find("body")
    return root if body is None else body


def _apply_profile_metadata(info: meta_mod.MetaInfo, profile: Profile, root: etree._Element) -> None:
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
