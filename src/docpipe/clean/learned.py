"""Learned block scorer: a small gradient-boosted model that says, per text block of a page,
whether a reader would call it main content.

The rules (the selection pass) choose one container, or a few, and emit what is inside; on
service pages, threads and listings they lose the sections, posts or cards outside it. The
model sees every block of the page with the rules' verdict as features (inside the chosen
containers? inside a pruned chrome subtree? skipped as inner chrome?) next to the block's own
evidence (text length, link density, punctuation, tag, depth, position, class/id tokens of its
ancestors from a fixed general vocabulary, its neighbours, how many siblings share its shape)
and the page's (size, link density, how much of it the rules chose). So it learns when the
rules' container is the whole story and when blocks outside it are content too.

Segmentation runs on the parsed tree after junk removal and BEFORE chrome pruning (pruned
blocks stay reachable: an element detached by the prune pass keeps its subtree, so "was pruned"
is read off the ancestor chain afterwards). Blocks are the units the emitter flushes: runs of
inline text under one block-level element, whole headings, whole data tables.

The model file (docpipe/data/block_model.json) is written by benchmarks/train_block_model.py
from the tuning halves of the dev sets only; it is evaluated here with numpy (all trees and all
blocks at once, one step per tree level), so the runtime needs no learning library, loads no
network resource, and gives the same answer for the same page every time.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

from lxml import etree

from docpipe import patterns
from docpipe.clean.html.dom import BLOCK as BLOCK_TAGS
from docpipe.clean.html.emission import RawBlock, Walker
from docpipe.clean.html.statistics import compute_stats, is_data_table

if TYPE_CHECKING:
    import numpy as np

    from docpipe.clean.html.settings import CleanSettings
else:

    class _Numpy:
        """numpy, imported when the model first judges a page: it is ≈ 0.1 s of start-up, and
        most pages (every text input) never reach the model."""

        def __getattr__(self, name: str) -> object:
            import numpy

            globals()["np"] = numpy  # every later use finds numpy itself
            return getattr(numpy, name)

    np = _Numpy()

MODEL_FILE = "block_model.json"
# Feature layout version: a model trained on another layout is refused, not misread.
FEATURE_VERSION = 1


# Class/id vocabulary: general words of web templates (no site's names). A block gets bit i
# when an ancestor's (or its own) class/id has a token equal to word i, or containing it for
# words of 5+ letters ("commentlist" -> comment, "sidebar-widget" -> sidebar, widget).
VOCAB: tuple[str, ...] = (
    "content", "article", "post", "entry", "main", "body", "text", "story", "blog", "news",
    "detail", "description", "product", "review", "thread", "message", "reply", "comment",
    "forum", "topic", "question", "answer", "docs", "markdown", "prose", "section", "hero",
    "feature", "card", "item", "list", "grid", "teaser", "summary", "excerpt", "title",
    "header", "footer", "nav", "menu", "sidebar", "side", "widget", "share", "social",
    "related", "recommend", "ad", "banner", "promo", "breadcrumb", "copyright", "cookie",
    "newsletter", "subscribe", "login", "search", "author", "meta", "date", "tag",
    "category", "pagination", "toc", "caption", "faq", "price", "spec", "tab", "modal",
    "hidden", "container", "wrapper", "row", "col", "block", "module", "elementor", "user",
    "profile", "footnote", "note", "info", "form", "button", "link", "more",
)
_VOCAB_INDEX = {w: i for i, w in enumerate(VOCAB)}
# Three more bits: the rules' own token sets (strong chrome, weak chrome, content).
_G_STRONG, _G_WEAK, _G_CONTENT = len(VOCAB), len(VOCAB) + 1, len(VOCAB) + 2
N_TOKEN_BITS = len(VOCAB) + 3

# Ancestor tags that say what a region is.
CONTEXT_TAGS: tuple[str, ...] = (
    "nav", "aside", "footer", "header", "main", "article", "form", "li", "table", "section",
    "blockquote", "a", "figure", "dl", "menu", "details",
)
_CONTEXT_BIT = {t: 1 << i for i, t in enumerate(CONTEXT_TAGS)}
# Owner tag of a block (the block-level element its text sits in), one-hot.
OWNER_TAGS: tuple[str, ...] = (
    "p", "div", "li", "td", "th", "dd", "dt", "pre", "blockquote", "section", "article",
    "span", "h1", "h2", "h3", "h4", "h5", "h6", "table", "figcaption", "caption", "summary",
    "address", "body",
)
_OWNER_INDEX = {t: i for i, t in enumerate(OWNER_TAGS)}
KINDS: tuple[str, ...] = ("paragraph", "heading", "list_item", "table", "quote")
_KIND_INDEX = {k: i for i, k in enumerate(KINDS)}

# A block ends like a sentence when its last character is one of these (block texts are
# stripped).
_SENTENCE_END_CHARS = frozenset("。！？!?…”」』.)）;；:：")
# The punctuation marks of running text, as code points (the characters HTML_TEXT_PUNCT matches).
@functools.lru_cache(maxsize=1)
def _punct_codes() -> np.ndarray:
    return np.array(sorted({ord(c) for c in patterns.HTML_TEXT_PUNCT.pattern if patterns.HTML_TEXT_PUNCT.fullmatch(c)}), dtype=np.uint32)


# ---------------------------------------------------------------------------------------------
# segmentation


@dataclass(slots=True)
class Block:
    """One text block of a page, as the emitter would flush it, with where it sits."""

    kind: str
    text: str
    level: int | None
    bold: bool
    chars: int  # non-whitespace characters
    link_chars: int
    owner: etree._Element  # the block-level element the text sits in
    depth: int
    token_bits: int  # class/id vocabulary bits of the owner and its ancestors
    tag_bits: int  # CONTEXT_TAGS bits of the owner and its ancestors


@dataclass(slots=True)
class Segmentation:
    blocks: list[Block] = field(default_factory=list)


# Words of 5+ letters also match inside a longer token; one alternation finds them all.
_LONG_WORDS = re.compile("|".join(sorted((w for w in VOCAB if len(w) >= 5), key=len, reverse=True)))


@functools.lru_cache(maxsize=16384)
def _word_bits(t: str) -> int:
    """Vocabulary bits of one lower-cased class/id token (cached: tokens repeat across the
    class strings of a template)."""
    i = _VOCAB_INDEX.get(t)
    bits = 1 << i if i is not None else 0
    if i is None and len(t) > 5:
        for w in _LONG_WORDS.findall(t):
            bits |= 1 << _VOCAB_INDEX[w]
    if t in patterns.HTML_BOILER_TOKENS:
        bits |= 1 << _G_STRONG
    if t in patterns.HTML_WEAK_BOILER_TOKENS:
        bits |= 1 << _G_WEAK
    if t in patterns.HTML_CONTENT_TOKENS:
        bits |= 1 << _G_CONTENT
    return bits


@functools.lru_cache(maxsize=8192)
def token_bits(cls: str, ident: str) -> int:
    """Vocabulary bits of one element's class/id (cached: templates repeat their classes)."""
    bits = 0
    for raw in patterns.HTML_TOKEN_SPLIT.split(f"{cls} {ident}"):
        if raw:
            bits |= _word_bits(raw.lower())
    return bits


def _nws(s: str) -> int:
    return len("".join(s.split()))


class _Segmenter(Walker):
    """The emitter's walk (emission.Walker) over a whole unpruned tree, without its statistics:
    headings and data tables are measured from their own text."""

    def __init__(self, settings: CleanSettings) -> None:
        super().__init__(set(), settings.max_walk_depth)
        self.settings = settings

    def heading_sizes(self, el: etree._Element, text: str, in_link: bool) -> tuple[int, int]:
        n = _nws(text)
        return n, n if in_link else sum(_nws("".join(a.itertext())) for a in el.iter("a"))

    def is_data_table(self, el: etree._Element) -> bool:
        # The statistics pass over the table alone gives the cell sizes the emitter's test reads.
        return is_data_table(el, compute_stats(el), self.settings)

    def table_sizes(self, el: etree._Element, text: str) -> tuple[int, int]:
        return _nws(text), sum(_nws("".join(a.itertext())) for a in el.iter("a"))


def segment(body: etree._Element, settings: CleanSettings | None = None) -> Segmentation:
    """Every text block under `body` in document order (call before chrome pruning), with the
    class/id vocabulary bits and context-tag bits of its owner and the owner's block-level
    ancestors up to `body` (the elements the walk enters as blocks)."""
    from docpipe.clean.html.settings import DEFAULT

    raw = _Segmenter(settings or DEFAULT).run(body)
    bits: dict[etree._Element, tuple[int, int]] = {}

    def of(el: etree._Element) -> tuple[int, int]:
        chain: list[etree._Element] = []
        node: etree._Element | None = el
        found = (0, 0)
        while node is not None:
            known = bits.get(node)
            if known is not None:
                found = known
                break
            chain.append(node)
            if node is body:
                break
            node = node.getparent()
        tb, gb = found
        for n in reversed(chain):
            if n is el or n.tag in BLOCK_TAGS:
                cls, ident = n.get("class"), n.get("id")
                if cls or ident:
                    tb |= token_bits(cls or "", ident or "")
                gb |= _CONTEXT_BIT.get(n.tag, 0)
            bits[n] = (tb, gb)
        return tb, gb

    blocks = []
    for r in raw:
        tb, gb = of(r.owner)
        blocks.append(Block(r.kind, r.text, r.level, r.bold, r.chars, r.link_chars, r.owner, r.depth, tb, gb))
    return Segmentation(blocks)


# ---------------------------------------------------------------------------------------------
# the rules' verdict per block


def rule_marks(
    seg: Segmentation, body: etree._Element, chosen: Iterable[etree._Element],
    pruned: Iterable[etree._Element], skip: Iterable[etree._Element],
) -> tuple[list[bool], list[bool], list[bool]]:
    """(inside a chosen container, inside a pruned chrome subtree, inside an inner-chrome skip
    box) per block, read off each owner's ancestor chain (memoised: the chains share their
    upper part)."""
    chosen_set, pruned_set, skip_set = set(chosen), set(pruned), set(skip)
    memo: dict[etree._Element, tuple[bool, bool, bool]] = {
        body: (body in chosen_set, body in pruned_set, body in skip_set)
    }
    out_c: list[bool] = []
    out_p: list[bool] = []
    out_s: list[bool] = []
    for b in seg.blocks:
        path: list[etree._Element] = []
        el: etree._Element | None = b.owner
        state: tuple[bool, bool, bool] | None = None
        while el is not None:
            state = memo.get(el)
            if state is not None:
                break
            path.append(el)
            el = el.getparent()
        c, p, s = state if state is not None else (False, False, False)
        for node in reversed(path):
            c = c or node in chosen_set
            p = p or node in pruned_set
            s = s or node in skip_set
            memo[node] = (c, p, s)
        final = memo[b.owner]
        out_c.append(final[0])
        out_p.append(final[1])
        out_s.append(final[2])
    return out_c, out_p, out_s


# ---------------------------------------------------------------------------------------------
# the rules' verdict carried to a fresh tree of the same page
#
# The rules prune chrome by detaching it, so the tree they leave has lost the blocks the model
# must see. The learned pass parses the page again (the parse and junk removal are
# deterministic, so the tree is the same), lists the same chrome without detaching it, and
# finds the rules' chosen and skipped elements there by their element-child index paths: an
# index on the pruned tree is an index among the siblings that were not pruned.


def element_path(el: etree._Element, body: etree._Element) -> tuple[int, ...] | None:
    """Element-child indices from `body` down to `el` (None when `el` is not under body)."""
    out: list[int] = []
    node = el
    while node is not body:
        parent = node.getparent()
        if parent is None:
            return None
        i = 0
        for c in parent:
            if c is node:
                break
            if isinstance(c.tag, str):
                i += 1
        out.append(i)
        node = parent
    out.reverse()
    return tuple(out)


def resolve_path(
    body: etree._Element, path: tuple[int, ...], pruned: set[etree._Element]
) -> etree._Element | None:
    node = body
    for i in path:
        k = -1
        nxt = None
        for c in node:
            if isinstance(c.tag, str) and c not in pruned:
                k += 1
                if k == i:
                    nxt = c
                    break
        if nxt is None:
            return None
        node = nxt
    return node


@dataclass(frozen=True, slots=True)
class RuleVerdict:
    """What the rules decided on a page, as paths valid on a fresh parse."""

    chosen: tuple[tuple[int, ...], ...]
    skip: tuple[tuple[int, ...], ...]


def verdict(body: etree._Element, chosen: Iterable[etree._Element], skip: Iterable[etree._Element]) -> RuleVerdict:
    def paths(els: Iterable[etree._Element]) -> tuple[tuple[int, ...], ...]:
        return tuple(p for p in (element_path(e, body) for e in els) if p is not None)

    return RuleVerdict(paths(chosen), paths(skip))


def page_blocks(
    body: etree._Element, pruned: list[etree._Element], rules: RuleVerdict
) -> tuple[Segmentation, tuple[list[bool], list[bool], list[bool]]]:
    """Segment a fresh (unpruned) tree of the page and mark each block with the rules' verdict.
    `pruned`: the chrome subtrees the prune pass lists on this tree (not detached)."""
    seg = segment(body)
    pruned_set = set(pruned)
    chosen = [e for e in (resolve_path(body, p, pruned_set) for p in rules.chosen) if e is not None]
    skip = [e for e in (resolve_path(body, p, pruned_set) for p in rules.skip) if e is not None]
    return seg, rule_marks(seg, body, chosen, pruned, skip)


# ---------------------------------------------------------------------------------------------
# features


def _signature(el: etree._Element) -> tuple[str, str]:
    cls = el.get("class")
    return (el.tag if isinstance(el.tag, str) else "", cls.split(maxsplit=1)[0] if cls and cls.strip() else "")


def _repeats(blocks: list[Block]) -> list[int]:
    """Per block: the largest number of same-shape siblings (tag and first class) of its
    owner or of one of its three nearest ancestors — cards of a listing, posts of a thread,
    sections of a service page repeat their shape. One signature count per parent."""
    counts: dict[etree._Element, dict[tuple[str, str], int]] = {}
    sigs: dict[etree._Element, tuple[str, str]] = {}
    memo: dict[etree._Element, int] = {}
    out: list[int] = []
    for b in blocks:
        best = 0
        el = b.owner
        for _ in range(4):
            n = memo.get(el)
            parent = el.getparent()
            if parent is None:
                break
            if n is None:
                c = counts.get(parent)
                if c is None:
                    c = {}
                    for sib in parent:
                        if isinstance(sib.tag, str):
                            sig = _signature(sib)
                            sigs[sib] = sig
                            c[sig] = c.get(sig, 0) + 1
                    counts[parent] = c
                n = c[sigs[el]] - 1
                memo[el] = n
            if n > best:
                best = n
            el = parent
        out.append(best)
    return out


FEATURE_NAMES: tuple[str, ...] = (
    "log_chars", "link_density", "punct_per_char", "sentence_end", "digit_share", "cjk_share",
    "words", "mean_word_len", "upper_start", "bold", "heading_level", "depth", "rel_depth",
    "pos_block", "pos_chars", "in_chosen", "pruned", "in_skip", "rule_emitted", "repeats",
    "log_repeats",
    "prev_log_chars", "next_log_chars", "prev_ld", "next_ld", "prev_emitted", "next_emitted",
    "win_log_chars", "win_emitted_share", "owner_share", "parent_log_chars", "parent_ld",
    "page_log_chars", "page_ld", "page_log_blocks", "chosen_share", "pruned_share",
    "emitted_share", "page_punct", "page_repeats",
    *(f"kind_{k}" for k in KINDS),
    *(f"owner_{t}" for t in OWNER_TAGS),
    *(f"in_{t}" for t in CONTEXT_TAGS),
    *(f"tok_{w}" for w in VOCAB),
    "tok_group_strong", "tok_group_weak", "tok_group_content",
)


def _log(a: np.ndarray) -> np.ndarray:
    return np.log1p(np.maximum(a, 0.0))


def _window(a: np.ndarray, k: int) -> np.ndarray:
    """Sum of a over the 2k+1 positions centred on each index (clipped at the ends)."""
    c = np.concatenate([[0.0], np.cumsum(a)])
    i = np.arange(a.size)
    return c[np.minimum(i + k + 1, a.size)] - c[np.maximum(i - k, 0)]


def features(seg: Segmentation, marks: tuple[list[bool], list[bool], list[bool]]) -> np.ndarray:
    """The feature matrix (blocks × FEATURE_NAMES) of a segmented page."""
    blocks = seg.blocks
    n = len(blocks)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)))
    chars = np.array([b.chars for b in blocks], dtype=float)
    link = np.array([b.link_chars for b in blocks], dtype=float)
    safe = np.maximum(chars, 1.0)
    ld = np.minimum(link / safe, 1.0)
    texts = [b.text for b in blocks]
    # Character classes counted on the code points of all blocks at once (one encode, a few
    # vector comparisons, one sum per block) instead of three regex scans per block.
    codes = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
    starts = np.concatenate([[0], np.cumsum([len(t) for t in texts])[:-1]])
    pn = np.add.reduceat(np.isin(codes, _punct_codes()), starts).astype(float)
    digit = np.add.reduceat((codes >= 48) & (codes <= 57), starts) / safe
    ideograph = np.zeros(codes.shape, dtype=bool)
    for lo_code, hi_code in patterns.IDEOGRAPH_RANGES:  # the code points patterns.IDEOGRAPH matches
        ideograph |= (codes >= lo_code) & (codes <= hi_code)
    cjk = np.add.reduceat(ideograph, starts) / safe
    end = np.array([1.0 if t[-1:] in _SENTENCE_END_CHARS else 0.0 for t in texts])
    words = np.array([t.count(" ") + 1 for t in texts], dtype=float)
    upper = np.array([1.0 if t[:1].isupper() else 0.0 for t in texts])
    bold = np.array([1.0 if b.bold else 0.0 for b in blocks])
    level = np.array([b.level or 0 for b in blocks], dtype=float)
    depth = np.array([b.depth for b in blocks], dtype=float)
    in_c = np.array(marks[0], dtype=float)
    pruned = np.array(marks[1], dtype=float)
    in_s = np.array(marks[2], dtype=float)
    emitted = in_c * (1 - pruned) * (1 - in_s)
    rep = np.array(_repeats(blocks), dtype=float)
    total = max(float(chars.sum()), 1.0)
    cum = (np.cumsum(chars) - chars) / total
    lc = _log(chars)

    def shift(a: np.ndarray, k: int, fill: float = 0.0) -> np.ndarray:
        out = np.full_like(a, fill)
        if k > 0:
            out[k:] = a[:-k]
        else:
            out[:k] = a[-k:]
        return out

    # ±3 blocks around: the neighbourhood's mass and how much of it the rules emitted
    win_chars = _window(chars, 3)
    win_emit = _window(chars * emitted, 3) / np.maximum(win_chars, 1.0)
    # the owner's parent: its text share and link density (from the blocks under it)
    parent_chars: dict[etree._Element, float] = {}
    parent_link: dict[etree._Element, float] = {}
    owner_chars: dict[etree._Element, float] = {}
    parents = []
    for b in blocks:
        p = b.owner.getparent()
        key = p if p is not None else b.owner
        parents.append(key)
        parent_chars[key] = parent_chars.get(key, 0.0) + b.chars
        parent_link[key] = parent_link.get(key, 0.0) + b.link_chars
        owner_chars[b.owner] = owner_chars.get(b.owner, 0.0) + b.chars
    pc = np.array([parent_chars[k] for k in parents])
    pl = np.array([parent_link[k] for k in parents]) / np.maximum(pc, 1.0)
    osh = np.array([owner_chars[b.owner] for b in blocks]) / total
    page = np.array([
        math.log1p(total), float(link.sum()) / total, math.log1p(n),
        float((chars * in_c).sum()) / total, float((chars * pruned).sum()) / total,
        float((chars * emitted).sum()) / total, float(pn.sum()) / total,
        float((rep * chars).sum()) / total,
    ])
    numeric = np.column_stack([
        lc, ld, pn / safe, end, digit, cjk, words, chars / words, upper, bold, level, depth,
        depth / max(float(depth.max()), 1.0), np.arange(n) / max(n - 1, 1), cum,
        in_c, pruned, in_s, emitted, rep, _log(rep),
        shift(lc, 1), shift(lc, -1), shift(ld, 1, 1.0), shift(ld, -1, 1.0),
        shift(emitted, 1), shift(emitted, -1), _log(win_chars), win_emit, osh, _log(pc), pl,
        np.broadcast_to(page, (n, page.size)),
    ])
    kind = np.zeros((n, len(KINDS)))
    kind[np.arange(n), [_KIND_INDEX.get(b.kind, 0) for b in blocks]] = 1.0
    owner = np.zeros((n, len(OWNER_TAGS) + 1))
    owner[np.arange(n), [_OWNER_INDEX.get(b.owner.tag, len(OWNER_TAGS)) for b in blocks]] = 1.0
    owner = owner[:, : len(OWNER_TAGS)]
    gb = np.array([b.tag_bits for b in blocks], dtype=np.int64)
    ctx = ((gb[:, None] >> np.arange(len(CONTEXT_TAGS))) & 1).astype(float)
    # token bits exceed 64: unpack from two words
    lo = np.array([b.token_bits & ((1 << 62) - 1) for b in blocks], dtype=np.int64)
    hi = np.array([b.token_bits >> 62 for b in blocks], dtype=np.int64)
    tok = np.concatenate([
        (lo[:, None] >> np.arange(min(62, N_TOKEN_BITS))) & 1,
        (hi[:, None] >> np.arange(max(N_TOKEN_BITS - 62, 0))) & 1,
    ], axis=1).astype(float)
    x = np.concatenate([numeric, kind, owner, ctx, tok], axis=1)
    assert x.shape[1] == len(FEATURE_NAMES)
    return x


# ---------------------------------------------------------------------------------------------
# the model


class ModelError(ValueError):
    """The shipped model file is missing, malformed or of another feature layout (terminal:
    the package is broken, no retry helps)."""


@dataclass(frozen=True)
class BlockModel:
    """Gradient-boosted trees as flat arrays (trees × nodes): split feature, threshold, child
    indices; leaves point to themselves and carry the value. A block goes left when its
    feature is <= the threshold (LightGBM's numerical split; no missing values occur)."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    depth: int
    bias: float
    names: tuple[str, ...]

    def margin(self, x: np.ndarray) -> np.ndarray:
        n = x.shape[0]
        t, width = self.feature.shape
        if n == 0 or t == 0:
            return np.full(n, self.bias)
        # Flat arrays and np.take: a node is tree * width + index, so one gather per array and
        # level serves all trees and all blocks at once.
        offset = (np.arange(t, dtype=np.int64) * width)[None, :]
        feature = self.feature.ravel()
        threshold = self.threshold.ravel()
        left = (self.left + offset.T).ravel()
        right = (self.right + offset.T).ravel()
        node = np.repeat(offset, n, axis=0)
        cells = np.ascontiguousarray(x, dtype=float).ravel()
        row = (np.arange(n, dtype=np.int64) * x.shape[1])[:, None]
        for _ in range(self.depth):
            go_left = cells.take(row + feature.take(node)) <= threshold.take(node)
            node = np.where(go_left, left.take(node), right.take(node))
        return self.value.ravel().take(node).sum(axis=1) + self.bias

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Probability that each block is main content."""
        return 1.0 / (1.0 + np.exp(-self.margin(x)))


def model_from_json(data: dict[str, object]) -> BlockModel:
    """Build the evaluator from the exported JSON ({"feature_version", "feature_names",
    "bias", "trees": [{"nodes": [[feature, threshold, left, right, value], …]}, …]})."""
    try:
        if data.get("feature_version") != FEATURE_VERSION or tuple(data["feature_names"]) != FEATURE_NAMES:  # type: ignore[arg-type]
            raise ModelError("block model was trained on another feature layout; retrain it")
        trees = data["trees"]
        assert isinstance(trees, list)
        width = max(len(t["nodes"]) for t in trees)
        shape = (len(trees), width)
        feature = np.zeros(shape, dtype=np.int64)
        threshold = np.zeros(shape)
        left = np.zeros(shape, dtype=np.int64)
        right = np.zeros(shape, dtype=np.int64)
        value = np.zeros(shape)
        depth = int(data["depth"])  # type: ignore[call-overload]
        for i, tree in enumerate(trees):
            for j, (f, thr, lft, rgt, val) in enumerate(tree["nodes"]):
                feature[i, j] = f
                threshold[i, j] = thr
                left[i, j] = lft
                right[i, j] = rgt
                value[i, j] = val
        bias = float(data["bias"])  # type: ignore[arg-type]
    except ModelError:
        raise
    except (KeyError, TypeError, ValueError, AssertionError) as exc:
        raise ModelError(f"block model file is malformed: {exc}") from exc
    return BlockModel(feature, threshold, left, right, value, depth, bias, FEATURE_NAMES)


@functools.lru_cache(maxsize=1)
def load_model() -> BlockModel:
    """The shipped model (read once per process from the package data)."""
    try:
        raw = resources.files("docpipe.data").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ModelError(f"block model file {MODEL_FILE} is missing from docpipe/data") from exc
    return model_from_json(json.loads(raw))





# ---------------------------------------------------------------------------------------------
# the learned pass


def emitted_share(emitted_chars: float, page_chars: float) -> float:
    """The gate's measure: the rules' emitted text over the page's text before pruning
    (non-whitespace characters of the emitted blocks over libxml2's normalize-space length of
    the body; the same two figures at training and at run time)."""
    return emitted_chars / max(page_chars, 1.0)


def fresh_body(markup: bytes, settings: CleanSettings) -> tuple[etree._Element, list[etree._Element]] | None:
    """A fresh tree of the page (read from its markup, clean.html.parse.page_markup) after junk
    removal, and the chrome subtrees the prune pass lists on it (not detached)."""
    from docpipe.clean.html.parse import drop_junk, markup_tree
    from docpipe.clean.html.prune import prune_chrome
    from docpipe.clean.html.statistics import text_size

    root = markup_tree(markup)
    if root is None:
        return None
    drop_junk(root, settings)
    body = root.find("body")
    if body is None:
        body = root
    return body, prune_chrome(body, max(text_size(body), 1.0), settings)


def decide(emitted: np.ndarray, prob: np.ndarray, share: float, *, gate: float, add: float, drop: float) -> np.ndarray:
    """Blocks to keep. The model judges a page only when the rules emitted less than `gate` of
    its text (where one container was not the whole content); there a block the rules emitted
    stays unless the model gives it less than `drop`, and a block they left out joins when the
    model gives it at least `add`. Elsewhere the rules' blocks stand."""
    if share >= gate:
        return emitted
    return np.where(emitted, prob >= drop, prob >= add)


def learned_blocks(
    markup: bytes, rules: RuleVerdict, share: float, settings: CleanSettings, model: BlockModel | None = None,
) -> list[Block] | None:
    """The blocks kept on a page the gate lets the model judge (document order), or None when
    the rules' blocks stand (the gate is closed, or the fresh tree has no blocks)."""
    if share >= settings.learned_gate:
        return None
    fresh = fresh_body(markup, settings)
    if fresh is None:
        return None
    seg, marks = page_blocks(fresh[0], fresh[1], rules)
    if not seg.blocks:
        return None
    x = features(seg, marks)
    prob = (model or load_model()).predict(x)
    emitted = x[:, FEATURE_NAMES.index("rule_emitted")] > 0.5
    keep = decide(emitted, prob, share, gate=settings.learned_gate, add=settings.learned_add, drop=settings.learned_drop)
    return [b for b, k in zip(seg.blocks, keep) if k]


def analyse(
    html: str, url: str | None = None, settings: CleanSettings | None = None
) -> tuple[Segmentation, tuple[list[bool], list[bool], list[bool]], float]:
    """Training view of a page: its blocks, the rules' verdict on each, and the gate's
    measure — the passes of clean_html up to emission, then the learned pass's own tree."""
    from docpipe.clean.html.emission import emit
    from docpipe.clean.html.parse import drop_junk, page_tree
    from docpipe.clean.html.prune import detach, inner_chrome, prune_chrome
    from docpipe.clean.html.selection import choose
    from docpipe.clean.html.settings import DEFAULT
    from docpipe.clean.html.statistics import compute_stats, text_size

    settings = settings or DEFAULT
    markup, root = page_tree(html, settings)
    if markup is None or root is None:
        return Segmentation(), ([], [], []), 1.0
    drop_junk(root, settings)
    body = root.find("body")
    if body is None:
        body = root
    total = max(text_size(body), 1.0)
    kept: list[etree._Element] = []
    for el in prune_chrome(body, total, settings, kept):
        detach(el)
    stats = compute_stats(body, kept)
    selection = choose(body, stats, settings)
    chosen = selection.chosen
    skip = inner_chrome(chosen, stats, settings)
    raw = emit(chosen, stats, skip, settings)
    # A card region is the rules' final word (clean_html does not let the model judge it):
    # its share is set above every gate.
    share = 1.0 if selection.cards else emitted_share(sum(r.chars for r in raw), total)
    fresh = fresh_body(markup, settings)
    if fresh is None:
        return Segmentation(), ([], [], []), share
    seg, marks = page_blocks(fresh[0], fresh[1], verdict(body, chosen, skip))
    return seg, marks, share


@dataclass(frozen=True, slots=True)
class Decision:
    """When and how the model's verdict replaces the rules' (see decide())."""

    gate: float
    add: float
    drop: float


@functools.lru_cache(maxsize=1)
def shipped_decision() -> Decision:
    """The gate/add/drop the training script chose on held-out tuning sites, stored beside the
    trees in the model file."""
    raw = json.loads(resources.files("docpipe.data").joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    try:
        d = raw["decision"]
        return Decision(float(d["gate"]), float(d["add"]), float(d["drop"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"block model file has no valid decision: {exc}") from exc


def refine(
    markup: bytes, body: etree._Element, chosen: list[etree._Element], skip: set[etree._Element],
    raw: list[RawBlock], total: float, settings: CleanSettings,
) -> list[RawBlock]:
    """The selection pass's last step: the rules' emitted blocks `raw`, or — when they hold
    less than the gate's share of the page's text `total` — the blocks the model keeps."""
    share = emitted_share(sum(r.chars for r in raw), total)
    if share >= settings.learned_gate:
        return raw
    kept = learned_blocks(markup, verdict(body, chosen, skip), share, settings)
    if kept is None:
        return raw
    return [RawBlock(b.kind, b.text, b.level, b.bold, b.link_chars, b.chars, b.owner, b.depth) for b in kept]
