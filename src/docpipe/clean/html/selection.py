"""Selection pass: which subtrees of the pruned body are the main content.

Every block with inline text scores its parent fully, its grandparent by half and its
great-grandparent by a fifth (a readability-style score that favours the tightest container of
the running text), weighted by 1 - link density and the class/id hints. The best container
climbs to an enclosing one when that only adds paragraph-sized text (content split across cousin
cells), and is widened to sibling containers that carry comparable text and to repeated records
of the same shape (forum posts, blog posts). A choice that holds little of a page whose text
sits in a region of repeated cards (a listing, a category page: one card container is not the
page) is replaced by that region, whose link-text cards are content (Selection.cards).

Interface: `choose(body, stats, settings)` returns the Selection (chosen subtrees in document
order, and whether they are a card region); `select_content` the chosen subtrees alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from docpipe import patterns
from docpipe.clean.html.dom import BLOCK, CHROME, CONTENT, HEADINGS, hints, tag
from docpipe.clean.html.settings import CleanSettings
from docpipe.clean.html.statistics import Stats, Z, is_data_table, link_density, own_link_chars

# Structural tags that are never the body however much text sits below them.
_NOT_CANDIDATE = frozenset(("html", "body", "a", "ul", "ol", "dl", "tr", "tbody", "thead", "tfoot"))
# Blocks whose inline text scores their container (headings are titles, not running text).
_SCORED = tuple(sorted(BLOCK - HEADINGS))
_SENTENCE_END = re.compile(r"[。！？!?…”」』.)）;；]\s*$")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Selection:
    """The selection pass's answer: the chosen subtrees in document order, and whether they are
    a region of repeated cards (a listing), whose link-text blocks the emission filter keeps."""

    chosen: list[etree._Element]
    cards: bool = False


def choose(body: etree._Element, stats: Stats, settings: CleanSettings) -> Selection:
    """The main content of `body` (the body itself when nothing scores)."""
    return _Selector(body, stats, settings).run()


def select_content(body: etree._Element, stats: Stats, settings: CleanSettings) -> list[etree._Element]:
    """The main-content subtrees of `body` (the body itself when nothing scores)."""
    return choose(body, stats, settings).chosen


def _signature(el: etree._Element) -> tuple[str, str]:
    """Shape of a record: tag, first class token, id with digits masked. Only the first class
    counts: forums mark some posts with extra classes (the first floor's "noborder", a
    highlighted reply) that do not change what the record is."""
    classes = (el.get("class") or "").split()
    ident = _DIGITS.sub("#", el.get("id") or "")
    return (tag(el), f"{classes[0] if classes else ''}|{ident}")


def _path_signature(top: etree._Element, anc: etree._Element) -> list[tuple[str, str]]:
    path = []
    el = top
    while el is not None and el is not anc:
        path.append(_signature(el))
        el = el.getparent()
    path.reverse()
    return path


def _resolve(start: etree._Element, path: list[tuple[str, str]], by_class: bool = False) -> etree._Element | None:
    """The element at `path` (signatures, _path_signature) below `start`. `by_class`
    (settings.records_resolve_by_class): a step whose id does not match takes the one child of
    that tag and first class."""
    el = start
    for sig in path:
        nxt = None
        for c in el:
            if isinstance(c.tag, str) and _signature(c) == sig:
                nxt = c
                break
        if nxt is None:
            cls = sig[1].split("|", 1)[0]
            alike = [c for c in el if isinstance(c.tag, str) and cls and _signature(c)[0] == sig[0]
                     and _signature(c)[1].split("|", 1)[0] == cls] if by_class else []
            if len(alike) != 1:
                return None
            nxt = alike[0]
        el = nxt
    return el



def _common_ancestor(nodes: list[etree._Element], stop: etree._Element) -> etree._Element:
    """The lowest element enclosing every node (`stop` when they share none below it)."""
    first = nodes[0]
    if len(nodes) == 1:
        return first
    chain = [first, *first.iterancestors()]
    rank = {id(el): i for i, el in enumerate(chain)}
    best = 0
    for node in nodes[1:]:
        for el in (node, *node.iterancestors()):
            i = rank.get(id(el))
            if i is not None:
                best = max(best, i)
                break
        else:
            return stop
    return chain[best]


# Class/id tokens forum software gives a post's body (Discuz! t_f/postmessage, phpBB postbody,
# vBulletin post_message, XenForo message/bbWrapper, Discourse cooked): records named so are a
# thread's posts, not a grid's price or summary lines.
_POST_BODY_TOKENS = frozenset(("t_f", "postmessage", "postbody", "message", "bbwrapper", "cooked", "reply", "postcontent"))


# What joins a post's name to its number in a numbered id: "postmessage_1", "reply-78".
_ID_NUMBER_JOINERS = "_-"


def _post_bodies(records: list[etree._Element]) -> bool:
    el = records[0]
    raw = f"{el.get('class') or ''} {_DIGITS.sub('', el.get('id') or '')}"
    # Whole tokens: "t_f"; a numbered id with its number and joiner dropped: "postmessage_1",
    # and "reply-78" (a Vue forum's nested comments, forum_zh tuning nanshengbbs_1102: the '-'
    # joiner hid the reply name, and the thread's replies were not recognised as posts).
    return any(t.lower().strip(_ID_NUMBER_JOINERS) in _POST_BODY_TOKENS or t.lower() in _POST_BODY_TOKENS
               for t in raw.split())


def _ideograph_share(els: list[etree._Element]) -> float:
    text = "".join("".join(el.itertext()) for el in els)
    n = len("".join(text.split()))
    return len(patterns.IDEOGRAPH.findall(text)) / n if n else 0.0


def _one_per_card(records: list[etree._Element], cards: list[etree._Element]) -> bool:
    """Whether the records sit in distinct cards, one in each of most of them (a thread's post
    bodies inside its post tables)."""
    owner = {id(c): i for i, c in enumerate(cards)}
    seen: set[int] = set()
    for r in records:
        i = next((owner[id(a)] for a in (r, *r.iterancestors()) if id(a) in owner), None)
        if i is None or i in seen:
            return False
        seen.add(i)
    return 2 * len(seen) >= len(cards)


def _sentence_like(el: etree._Element) -> bool:
    text = "".join(el.itertext()).strip()
    return bool(text) and bool(_SENTENCE_END.search(text))


class _Selector:
    def __init__(self, body: etree._Element, stats: Stats, settings: CleanSettings) -> None:
        self.body = body
        self.stats = stats
        self.settings = settings
        self.score: dict[etree._Element, float] = {}
        self.records = False  # the choice is a thread's records (its posts are its cards)

    def _weight(self, el: etree._Element) -> float:
        tone = hints(el)[2]
        if tone == CONTENT:
            return self.settings.content_hint_weight
        if tone == CHROME:
            return self.settings.chrome_hint_weight
        return 1.0

    def run(self) -> Selection:
        stats = self.stats
        s = self.settings
        raw: dict[etree._Element, float] = {}
        get = stats.d.get
        min_chars, punct_weight, ancestor_weights = s.min_scoring_chars, s.punct_weight, s.ancestor_weights
        for el in self.body.iter(*_SCORED):
            st = get(el, Z)
            n = st[3] - st[4]
            if n < min_chars:
                continue
            contrib = n + punct_weight * st[5]
            raw[el] = raw.get(el, 0.0) + contrib
            parent = el.getparent()
            for factor in ancestor_weights:
                if parent is None:
                    break
                raw[parent] = raw.get(parent, 0.0) + contrib * factor
                parent = parent.getparent()
        best, best_score = None, 0.0
        for el, value in raw.items():
            name = el.tag
            if name in _NOT_CANDIDATE and name != "body":
                continue
            score = value * (1.0 - link_density(stats, el)) * self._weight(el)
            self.score[el] = score
            if score > best_score:
                best, best_score = el, score
        if best is None:
            chosen = [self.body]
        else:
            best = self._climb(best)
            widened = self._widen(best, self.score.get(best, best_score))
            if not self.records and len(widened) == 1:
                widened = [*widened, *self._thread_replies(widened[0])]
            chosen = self._cover(widened)
        region = self._card_region(chosen)
        if region is not None:
            return Selection(self._with_intro(chosen, region), cards=True)
        return Selection(chosen)

    def _with_intro(self, chosen: list[etree._Element], region: etree._Element) -> list[etree._Element]:
        """The card region, and before or after it the rules' choice where that is running text
        outside the region (a category page's description above its product grid)."""
        s, d = self.settings, self.stats.d
        keep = []
        for c in chosen:
            if c is region or any(a is region for a in c.iterancestors()) or any(a is c for a in region.iterancestors()):
                continue
            st = d.get(c, Z)
            if st[0] >= s.cards_intro_min_chars and st[1] <= s.cards_intro_max_link_density * st[0]:
                keep.append(c)
        if not keep:
            return [region]
        return sorted([*keep, region], key=lambda e: int(e.xpath("count(preceding::*)")))

    def _card_region(self, chosen: list[etree._Element]) -> etree._Element | None:
        """A listing's cards: the element whose largest group of same-shape children (tag and
        first class, at least `cards_min_count` of them) holds the most text, when that group
        holds most of the pruned page's text, several times what the choice holds, and links
        (cards link to what they list) — a few per card, or a long run of cards. A listing
        scores as one card's text or a short intro paragraph; its cards are link text that the
        container scores discount."""
        d = self.stats.d
        s = self.settings
        body_text = d.get(self.body, Z)[0]
        got = sum(d.get(c, Z)[0] for c in chosen)
        if body_text <= 0 or got * s.cards_min_growth > body_text:
            return None  # no group can hold `cards_min_growth` times the choice
        best_text, best_link, best, best_sig = 0, 0, None, ("", "")
        for el in self.body.iter(etree.Element):
            if len(el) < s.cards_min_count:
                continue
            groups: dict[tuple[str, str], list[int]] = {}
            for c in el:
                st = d.get(c)
                if st is None or not st[0]:
                    continue
                sig = _signature(c)
                g = groups.get(sig)
                if g is None:
                    groups[sig] = [1, st[0], st[1]]
                else:
                    g[0] += 1
                    g[1] += st[0]
                    g[2] += st[1]
            for sig, (n, text, link) in groups.items():
                if n >= s.cards_min_count and text > best_text:
                    best_text, best_link, best, best_sig = text, link, el, sig
        if (
            best is None
            or best_text < s.cards_min_share * body_text
            or best_text < s.cards_min_growth * got
            or best_link < s.cards_min_link_share * best_text
        ):
            return None
        cards = [c for c in best if isinstance(c.tag, str) and d.get(c, Z)[0] and _signature(c) == best_sig]
        if self._headline_apart(chosen, best):
            return None  # an article beside another column of boxes
        if _ideograph_share(chosen) > s.cards_max_ideograph_share:
            return None  # a Chinese portal's article beside its side column (see the setting)
        if max(d.get(c, Z)[0] for c in cards) > s.cards_max_top_share * best_text:
            return None  # one box holds the text: an article column beside a few teasers
        if self.records and _post_bodies(chosen) and _one_per_card(chosen, cards):
            return None  # a thread's posts, one in each card: the cards add only user panels
        if len(cards) < s.cards_long_run:
            links = sum(1 for c in cards for _ in c.iter("a"))
            if links > s.cards_max_links * len(cards):
                return None  # boxes of link lists: a sidebar's modules, not cards
        return best

    def _headline_apart(self, chosen: list[etree._Element], region: etree._Element) -> bool:
        """Whether the page's headline (its first h1, outside the region) sits with the choice,
        more than `cards_headline_max_gap` levels below where it meets the region: the choice
        is an article and the region another column of the layout (a portal's side column of
        link modules, a right rail of teasers). A listing's grid sits a level or two from its
        headline."""
        h1 = next(self.body.iter("h1"), None)
        if h1 is None or h1 is region or any(a is region for a in h1.iterancestors()):
            return False
        with_choice = _common_ancestor([h1, *chosen], self.body)
        with_region = _common_ancestor([h1, region], self.body)
        gap = sum(1 for _ in with_choice.iterancestors()) - sum(1 for _ in with_region.iterancestors())
        return gap > self.settings.cards_headline_max_gap

    def _cover(self, chosen: list[etree._Element]) -> list[etree._Element]:
        """Broaden a choice that holds far less running text than the page: a service page's
        sections, a listing's cards, a thread's posts each score alone, and the best of them is
        a small part of what a reader sees as the content. The choice is replaced by its lowest
        enclosing container that holds most of the page's non-link text (the body itself when
        none does), so no page comes back with a fragment or nothing."""
        d = self.stats.d
        s = self.settings
        body_text = d.get(self.body, Z)[0] - d.get(self.body, Z)[1]
        got = sum(d.get(c, Z)[0] - d.get(c, Z)[1] for c in chosen)
        if body_text <= 0 or got >= s.coverage_min_share * body_text:
            return chosen
        got_all = sum(d.get(c, Z)[0] for c in chosen)
        got_link = sum(d.get(c, Z)[1] for c in chosen)
        anc: etree._Element | None = _common_ancestor(chosen, self.body)
        while anc is not None:
            st = d.get(anc, Z)
            if st[0] - st[1] >= s.coverage_target_share * body_text or anc is self.body:
                # What the broader container adds must read like content, not like the
                # headline links of teasers around a news article.
                extra = st[0] - got_all
                if extra <= 0:
                    return chosen
                extra_link = st[1] - got_link
                if extra_link >= s.coverage_max_extra_link_density * extra and s.own_links:
                    # A section title's permalink, a reference's linked terms: the content's own.
                    inside = set(chosen)
                    extra_link -= own_link_chars(
                        anc, d, s.own_term_min_description_chars, lambda a: any(x in inside for x in a.iterancestors())
                    )
                if extra_link < s.coverage_max_extra_link_density * extra:
                    return [anc]
                return chosen
            anc = anc.getparent()
        return chosen

    def _climb(self, top: etree._Element) -> etree._Element:
        """Move up while the enclosing container adds text that reads like the body (low link
        density, running-text punctuation) and does not swamp it: content split across
        cousin containers (a lead paragraph cell and a table cell below it)."""
        stats = self.stats
        s = self.settings
        for _ in range(s.climb_max_steps):
            if tag(top) in ("article", "main") or hints(top)[2] == CONTENT:
                break  # the page named its content container: trust it
            parent = top.getparent()
            # Rows and row groups are not containers of their own: judge the table directly.
            while parent is not None and parent.tag in ("tr", "tbody", "thead", "tfoot"):
                parent = parent.getparent()
            if parent is None or parent is self.body or tag(parent) in ("html", "body"):
                break
            t_text = stats.d.get(top, Z)[0] - stats.d.get(top, Z)[1]
            p_text = stats.d.get(parent, Z)[0] - stats.d.get(parent, Z)[1]
            extra = stats.d.get(parent, Z)[0] - stats.d.get(top, Z)[0]
            extra_link = stats.d.get(parent, Z)[1] - stats.d.get(top, Z)[1]
            if extra <= 0:
                top = parent
                continue
            growth = s.climb_max_growth_table if parent.tag in ("table", "td") else s.climb_max_growth
            if p_text > growth * t_text or extra_link / extra > s.climb_max_extra_link_density:
                break
            t_density = stats.d.get(top, Z)[2] / max(stats.d.get(top, Z)[0], 1)
            e_density = (stats.d.get(parent, Z)[2] - stats.d.get(top, Z)[2]) / extra
            if e_density < s.climb_min_punct_ratio * t_density:
                break
            if self._long_text(parent, top) < s.climb_min_long_text_share * extra:
                break  # the extra is headers, datelines, share bars, bios: short lines
            top = parent
        return top

    def _long_text(self, root: etree._Element, exclude: etree._Element) -> int:
        """Text in `root` outside `exclude` that sits in paragraph-sized blocks or data tables."""
        stats = self.stats
        min_chars = self.settings.paragraph_min_chars
        total = 0
        stack = [c for c in root if c is not exclude]
        while stack:
            el = stack.pop()
            if not isinstance(el.tag, str):
                continue
            if tag(el) == "table" and is_data_table(el, stats, self.settings):
                total += stats.d.get(el, Z)[0] - stats.d.get(el, Z)[1]
                continue
            n = stats.d.get(el, Z)[3] - stats.d.get(el, Z)[4]
            if n >= min_chars:
                total += n
            stack.extend(c for c in el if c is not exclude)
        return total

    def _widen(self, top: etree._Element, top_score: float) -> list[etree._Element]:
        stats = self.stats
        s = self.settings
        # Repeated records (forum posts, comment-like article sections): the same path of
        # tag/class signatures under siblings that look like `anc`.
        records = self._records(top)
        if records:
            self.records = True
            return records
        parent = top.getparent()
        if parent is None or tag(top) == "body":
            return [top]
        chosen: list[etree._Element] = []
        threshold = max(s.sibling_min_score, top_score * s.sibling_share)
        # A sibling with the top's own id is the same container written twice: a template that
        # closes the article body before an embedded gallery and opens it again after (two
        # div#endText on a portal's page: the first held the opening paragraph, daniel_zh tuning).
        top_id = top.get("id")
        for sib in parent:
            if not isinstance(sib.tag, str):
                continue
            if sib is top:
                chosen.append(sib)
                continue
            n = stats.d.get(sib, Z)[0]
            if not n:
                continue
            ld = link_density(stats, sib)
            score = self.score.get(sib, 0.0)
            if (score >= threshold or top_id and sib.get("id") == top_id) and ld < s.sibling_max_link_density:
                chosen.append(sib)
            elif tag(sib) in ("p", "pre", "blockquote") or (tag(sib) not in BLOCK):
                if (n >= s.paragraph_min_chars and ld < s.sibling_paragraph_max_link_density) or (
                    n > 0 and ld == 0 and _sentence_like(sib)
                ):
                    chosen.append(sib)
        return chosen

    def _thread_replies(self, top: etree._Element) -> list[etree._Element]:
        """A thread whose opening post has a shape of its own: its replies sit after it, in a
        region of same-shape records named like posts (a 'reply' div each) under a following
        sibling of the post or of one of its nearest ancestors. Each record's post body (the
        path to the best-scoring element inside any record, resolved in every record) joins
        the choice; a record's user panel and its links stay out."""
        s, d = self.settings, self.stats.d
        if s.thread_replies_min_count <= 0:
            return []
        anc = top
        for _ in range(s.thread_replies_max_levels + 1):
            parent = anc.getparent()
            if parent is None or anc is self.body:
                return []
            after = False
            for sib in parent:
                if sib is anc:
                    after = True
                    continue
                if not after or not isinstance(sib.tag, str) or not d.get(sib, Z)[0]:
                    continue
                found = self._reply_bodies(sib)
                if found:
                    return found
            anc = parent
        return []

    def _reply_bodies(self, region: etree._Element) -> list[etree._Element]:
        s, d = self.settings, self.stats.d
        # With nested replies counted, one reply record can hold the others.
        min_children = 1 if s.thread_nested_replies else s.thread_replies_min_count
        for el in region.iter(etree.Element):
            if len(el) < min_children:
                continue
            groups: dict[tuple[str, str], list[etree._Element]] = {}
            for c in el:
                if isinstance(c.tag, str) and d.get(c, Z)[0]:
                    groups.setdefault(_signature(c), []).append(c)
            for sig, records in groups.items():
                if sig[1].startswith("|") or not _post_bodies(records):
                    continue
                if s.thread_nested_replies:
                    # A reply's replies (楼中楼) sit inside it, records of the same shape one
                    # level down: they are posts of the thread too, in document order.
                    records = [x for r in records for x in r.iter(etree.Element)
                               if (x is r or _signature(x) == sig) and d.get(x, Z)[0]]
                if len(records) < s.thread_replies_min_count:
                    continue
                members = set(records)
                best, rec, best_score = None, None, 0.0
                for r in records:
                    for x in r.iter(etree.Element):
                        v = self.score.get(x, 0.0)
                        if x is not r and x not in members and v > best_score:
                            best, best_score = x, v
                if best is None:
                    continue
                # The body's path is taken from the record that holds it most closely.
                rec = next((a for a in best.iterancestors() if a in members), None)
                if rec is None:
                    continue
                path = _path_signature(best, rec)
                bodies = [b for r in records if (b := _resolve(r, path, s.records_resolve_by_class)) is not None and self._is_record_body(b)]
                if len(bodies) >= s.thread_replies_min_count:
                    return bodies
        return []

    def _is_record_body(self, node: etree._Element) -> bool:
        """A record's post body, in a thread found by _records or _reply_bodies: it holds text
        and is not mostly links (record_max_link_density)."""
        return self.stats.d.get(node, Z)[0] > 0 and link_density(self.stats, node) < self.settings.record_max_link_density

    def _records(self, top: etree._Element) -> list[etree._Element] | None:
        """Forum threads: each post sits in a sibling of the same shape as the top post's
        ancestor; take the matching descendant (the post body) of every such sibling."""
        stats = self.stats
        s = self.settings
        anc = top  # the top candidate may itself be one of the records (blog posts)
        depth = 0
        while anc is not None and anc is not self.body and depth < s.records_max_depth:
            parent = anc.getparent()
            if parent is None:
                break
            sig = _signature(anc)
            peers = [p for p in parent if isinstance(p.tag, str) and p is not anc and _signature(p) == sig]
            if peers and sig[1] != "|":
                path = _path_signature(top, anc)
                found = []
                for peer in parent:
                    if peer is anc:
                        found.append(top)
                        continue
                    if not isinstance(peer.tag, str) or _signature(peer) != sig:
                        continue
                    node = _resolve(peer, path, s.records_resolve_by_class)
                    if node is not None and self._is_record_body(node):
                        found.append(node)
                if len(found) >= 2:
                    top_text = stats.d.get(top, Z)[0] - stats.d.get(top, Z)[1]
                    rest = sum(stats.d.get(f, Z)[0] - stats.d.get(f, Z)[1] for f in found if f is not top)
                    # Records must add real text: a page of teaser boxes is not a thread.
                    if rest >= s.records_min_extra_share * top_text:
                        return found
                return None
            anc = parent
            depth += 1
        return None
