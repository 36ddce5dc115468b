"""The verified similarity of two candidate bodies, computed from their texts.

The MinHash signatures only find candidates (and drop pairs far from the threshold); whether two
bodies are near-duplicates is decided here, exactly, on the texts the dataset stores. Three
things the estimate on whole shingle sets gets wrong on real 范文/公文 copies:

- **Cut points.** Two sites' excerpts of one document start and end at different places (one
  keeps the cover letter, one cuts after 1,000 characters, one holds every second half-line of
  a PDF). Whole-set containment counts what lies outside the other text's span as a difference.
  Here the bodies are aligned (:func:`alignment`: shingles that occur once in each, longest
  chain in the same order) and the text one side holds *beyond* the other's start or end —
  where the other text has no more than ``END_SLACK`` tokens left — is not counted: the other
  side was only cut there.
- **Broken shingles.** A jammer character, a lost line break or a changed number breaks five
  shingles but leaves every character around it shared. The score counts *tokens* of the
  compared span covered by a shared shingle, not shingles.
- **Same template, another document.** Two documents can share a preamble and most articles
  (the 中小学 and 高校 十项准则: one inserts an article, so every later article moves down by
  one). A copy keeps each numbered heading's number; another edition or another document of
  the template renumbers them. A pair in which some numbered heading or article opening (the
  same words after the marker, once in each text) carries another number is not a copy
  (:func:`renumbered`).

A short text inside a long one that it neither starts nor ends with is a quotation, not a copy:
the aligned span must reach an end of the longer text or cover ``QUOTE_SHARE`` of it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from docpipe.neardup.minhash import compared_tokens, fold_flagged, shingle_runs
from docpipe.patterns import IDEOGRAPH, STRUCT_CN_NUM
from docpipe.structure.outline import cn_to_int

# A text holding no more than this many tokens before (after) the aligned span starts (ends)
# there: what is left is a title or a page number, so the other text's extra head (tail) is
# something that side added or the other side's site cut, not a difference. 40 tokens: a
# title line and a 文号 line (the gov.cn and 范文 excerpts of the set keep up to ~30).
END_SLACK = 40
# The aligned span of a text that starts and ends neither with the other must cover at least
# this share of it: a paragraph quoted inside a long speech is not a copy of the speech.
QUOTE_SHARE = 0.45
# Fewer compared tokens than this say nothing (a shared title and one sentence).
MIN_COMPARED = 40
# The words after a numbered heading's marker that identify it across copies (up to this many
# ideographs of its first clause: a heading's text, an article's opening words); shorter
# headings (总则, 附则) are too common to compare.
HEADING_KEY = 8
HEADING_MIN = 4
_CLAUSE_END = re.compile(r"[。；;：:，,!?！？]")
# "第十二条" / "第三章" / "一、" / "(一)" / "1、" / "1." at a line start, with what follows, in the
# outline markers' numerals (docpipe.patterns.STRUCT_CN_NUM). Not the structure stage's marker
# patterns (patterns.STRUCT_HEAD_*): those read one block's opening in the analysis view and
# tell running text apart ("一、二季度"); this reads every line of a whole folded body of a
# copying site, where a few symbols between the number and its mark are emoji jammers
# ("二♢🦵🏿、自觉爱国守法"), and only the numbers of headings whose opening words recur matter.
_JAM = r"[^\w\s、.．()（）]{0,8}"
HEADING_LINE = re.compile(
    rf"^\s*(?:第(?P<a>[{STRUCT_CN_NUM}\d]+)[条章节]|(?P<b>[{STRUCT_CN_NUM}]+){_JAM}[、.．]|[(（](?P<c>[{STRUCT_CN_NUM}\d]+)[)）]"
    rf"|(?P<d>\d{{1,3}}){_JAM}[、.．](?!\d))\s*(?P<rest>.*)$",
    re.M,
)


class Body:
    """What a body is compared by: its tokens (docpipe.neardup.minhash.compared_tokens), the
    shingle starting at each token, and its numbered headings (opening words → number, for the
    words that occur once). Only the folded text is kept when the body is made; the tokens,
    shingles and headings are made from it when it is first compared — most bodies never are.

    Why lazy: every document of a batch has a Body (its Sketch keeps it until the batch is
    matched), and kept tuples of tokens and shingles (~18,000 strings a document) were traversed
    by the garbage collector's young collections during the near-duplicate step: 32 of them took
    0.105 s of a 1,000-page bench_flow.py run (0.10 ms a document; gc.callbacks timing,
    2026-12-02). The signature's shingles (:meth:`fresh_grams`) are made, hashed and dropped."""

    def __init__(self, folded: str, ideographs: bool, shingle: int, word_shingle: int) -> None:
        self.folded = folded
        self._ideographs = ideographs
        self._sizes = (shingle, word_shingle)

    def _runs(self) -> tuple[list[str], int, str]:
        shingle, word_shingle = self._sizes
        return compared_tokens(self.folded, shingle=shingle, word_shingle=word_shingle, ideographs=self._ideographs)

    @cached_property
    def _compared(self) -> tuple[tuple[str, ...], tuple[str, ...], int]:
        toks, n, sep = self._runs()
        return tuple(toks), shingle_runs(toks, n, sep), n

    @property
    def tokens(self) -> tuple[str, ...]:
        return self._compared[0]

    @property
    def grams(self) -> tuple[str, ...]:
        return self._compared[1]

    @property
    def shingle(self) -> int:
        return self._compared[2]

    def fresh_grams(self) -> Sequence[str]:
        """The shingle starting at each token (as :attr:`grams`), made for one use and not kept."""
        if "_compared" in self.__dict__:
            return self.grams
        toks, n, sep = self._runs()
        return shingle_runs(toks, n, sep)

    @cached_property
    def headings(self) -> dict[str, int]:
        return numbered_headings(self.folded)


def body(text: str, *, shingle: int, word_shingle: int) -> Body:
    folded, ideographs = fold_flagged(text)
    return Body(folded, ideographs, shingle, word_shingle)


def numbered_headings(folded: str) -> dict[str, int]:
    seen: dict[str, list[int]] = {}
    for m in HEADING_LINE.finditer(folded):
        number = cn_to_int(next(g for g in (m["a"], m["b"], m["c"], m["d"]) if g))
        # the heading's first clause: a heading on a line of its own and one run into its
        # paragraph ("六、坚持言行雅正。为人师表…") have the same key
        clause = _CLAUSE_END.split(m["rest"], maxsplit=1)[0]
        key = "".join(IDEOGRAPH.findall(clause)[:HEADING_KEY])
        if number is not None and len(key) >= HEADING_MIN:
            seen.setdefault(key, []).append(number)
    return {k: v[0] for k, v in seen.items() if len(v) == 1}


def renumbered(a: Body, b: Body) -> bool:
    """Some numbered heading (the same opening words, once in each) carries another number."""
    return any(b.headings.get(k, n) != n for k, n in a.headings.items())


def alignment(a: Body, b: Body) -> list[tuple[int, int]]:
    """(position in a, position in b) of the shingles that occur once in each, longest chain
    increasing in both (patience: O(n log n))."""
    ca, cb = Counter(a.grams), Counter(b.grams)
    pos_b = {g: j for j, g in enumerate(b.grams) if cb[g] == 1}
    pairs = [(i, pos_b[g]) for i, g in enumerate(a.grams) if ca[g] == 1 and g in pos_b]
    tails: list[int] = []
    tail_at: list[int] = []
    back: list[int | None] = [None] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        p = bisect.bisect_left(tails, j)
        if p == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[p] = j
            tail_at[p] = k
        back[k] = tail_at[p - 1] if p else None
    chain: list[tuple[int, int]] = []
    at = tail_at[-1] if tail_at else None
    while at is not None:
        chain.append(pairs[at])
        at = back[at]
    return chain[::-1]


def _covered(grams: tuple[str, ...], other: set[str], n_tokens: int, shingle: int) -> list[bool]:
    covered = [False] * n_tokens
    for i, g in enumerate(grams):
        if g in other:
            covered[i : i + shingle] = [True] * shingle
    return covered


@dataclass(frozen=True)
class Verdict:
    """The verified similarity of two bodies, and whether their numbering says they are
    different documents (then the score is 0, and neither may join the other's cluster)."""

    score: float
    renumbered: bool = False


def compare(a: Body, b: Body) -> Verdict:
    """The share of the compared span's tokens covered by shingles of the other text, for the
    better-covered of the two; 0 when the numbering conflicts or the span is a quotation."""
    if not a.grams or not b.grams or a.shingle != b.shingle:
        return Verdict(0.0)
    if renumbered(a, b):
        return Verdict(0.0, renumbered=True)
    chain = alignment(a, b)
    if not chain:
        return Verdict(0.0)
    n = a.shingle
    (a0, b0), (a1, b1) = chain[0], chain[-1]
    a1, b1 = a1 + n, b1 + n
    # Each text must start or end with the span, or the span must cover much of it (else the
    # shorter one is quoted inside it).
    for x, x0, x1 in ((a, a0, a1), (b, b0, b1)):
        size = len(x.tokens)
        if x0 > END_SLACK and size - x1 > END_SLACK and (x1 - x0) < QUOTE_SHARE * size:
            return Verdict(0.0)
    best = 0.0
    for x, y, x0, x1, y0, y1 in ((a, b, a0, a1, b0, b1), (b, a, b0, b1, a0, a1)):
        # x's head (tail) beyond the span is left out where y starts (ends) with the span.
        lo = x0 if y0 <= END_SLACK else 0
        hi = x1 if len(y.tokens) - y1 <= END_SLACK else len(x.tokens)
        if hi - lo < MIN_COMPARED:
            continue
        covered = _covered(x.grams, set(y.grams), len(x.tokens), n)
        best = max(best, sum(covered[lo:hi]) / (hi - lo))
    return Verdict(best)
