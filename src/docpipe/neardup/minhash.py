"""Shingles, MinHash signatures and LSH band keys of one document body.

- Shingles are read from the folded body (:func:`fold`: width folding,
  then OpenCC tw2sp — Taiwan phrases to mainland ones, 繁→简), so a copy in traditional
  characters, in a Taiwan-localised conversion (大資料 for 大数据) or with full-width punctuation
  has the same shingles as the original. Tokens are CJK ideographs (one each) and runs of other
  letters/digits (lower-cased); punctuation and whitespace are dropped, so re-wrapped lines
  and changed quote marks do not matter.
- A mainly-CJK text is shingled in runs of ``shingle`` tokens (character n-grams), any other
  text in runs of ``word_shingle`` tokens (word n-grams).
- The signature is rensa's RMinHash (chosen by the figures of benchmarks/bench_neardup.py;
  see pyproject.toml): ``num_perm`` unsigned 32-bit minima, deterministic across processes.
- Banded LSH: the signature is cut into ``bands`` runs of ``rows`` values, and each run hashes
  to one signed 64-bit key. Two documents become candidates when they share a key; the
  candidates are then verified on their signatures and shingle counts (:func:`score`).
- The verified score is by default the containment of the smaller shingle set in the larger
  (|A∩B| / min(|A|, |B|)), estimated from the signatures' Jaccard estimate and the two
  shingle counts: copies on 范文/公文 sites differ mostly by what one of them adds or cuts (an
  intro paragraph, the tail a site truncates, a preamble), which lowers Jaccard but not
  containment. A pair whose smaller set is under ``min_size_ratio`` of the larger is scored by
  Jaccard instead (a paragraph quoted inside a long text is not a copy of it).
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Sequence
from functools import lru_cache

import rensa

import opencc

from docpipe import patterns
from docpipe.structure.normalize import fold_width

# CJK ideographs (the same ranges as the evaluation metric) are one token each; any other run
# of letters or digits is a word.
# (The ideograph ranges of docpipe.patterns.IDEOGRAPH, as a class body for the patterns here.)
_IDEO = "".join(f"{chr(a)}-{chr(b)}" for a, b in patterns.IDEOGRAPH_RANGES)
TOKEN = re.compile(f"[{_IDEO}]|[^\\W_{_IDEO}]+")
# A text is shingled as Chinese when at least this share of its tokens are ideographs; an
# English page quoting a few 汉字 stays on word shingles.
CJK_SHARE = 0.5
# Fewer shingles than this give no signature: a 20-character notice ("详见附件。") shares most
# of its shingles with every other one of its kind, and a match would say nothing.
MIN_SHINGLES = 20
# Fixed forever for a dataset: signatures of different seeds cannot be compared. Stored band
# keys also depend on it (see band_keys), so a change would silently stop all matches.
MINHASH_SEED = 20240515
# The rensa RMinHash algorithm the stored signatures were made with (pyproject pins rensa 0.5.x);
# a rensa that changes it would make new signatures incomparable with the dataset's.
RENSA_ALGORITHM_VERSION = 2
# LSH recall target: a pair whose Jaccard similarity is LSH_MARGIN below the threshold still
# becomes a candidate with probability >= LSH_RECALL, so the verified signature estimate —
# not the banding — decides near the threshold.
LSH_RECALL = 0.99
LSH_MARGIN = 0.05


@lru_cache(maxsize=1)
def _opencc(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def fold(text: str) -> str:
    """Width folding, then Taiwan phrases and traditional characters to mainland simplified
    (OpenCC tw2sp).

    Taiwan-localised conversions use other words, not only other characters (大資料 for 大数据,
    資訊 for 信息, 軟體 for 软件), which character-level 繁→简 leaves apart; tw2sp maps them, and
    simplified text passes it nearly unchanged. Nearly: a few Taiwan words are also mainland
    words written in traditional characters (指標 is "pointer" in Taiwan, tw2sp gives 指针), so
    a mainland text's 繁体 copy can differ from its simplified original at such a word — one in
    the seed speech's 2,400 characters (5 of its ~2,400 shingles). Running s2t first would fold
    both the same, at twice the cost (s2t is the dearer pass: +1.5 ms on a 1,900-character text
    at load ~10), for a difference the verified score (token coverage) does not see. Measured on
    the tuning part of tests/fixtures/neardup/fanwen.jsonl: the gov.cn big5 copy of the 大数据
    纲要 and its Taiwan-localised copies (型别, 资料, 资讯科技) go from 0.60–0.67 to 0.96–0.99 of
    the compared span covered."""
    return fold_flagged(text)[0]


def fold_flagged(text: str) -> tuple[str, bool]:
    """(fold(text), whether it may hold an ideograph): False only when it holds none, so
    compared_tokens need not search the text again."""
    # (Searched, not max(text): max makes a string of every character, 4x the time of a
    # search on the 11,600 characters of an English dev page.)
    if text.isascii() or not _WIDE.search(text):  # nothing full-width, no 汉字: nothing changes
        return text, False
    text = fold_width(text)
    if not _IDEOGRAPHS.search(text):  # no 汉字: nothing to convert
        return text, False
    return _opencc("tw2sp").convert(text), True


_IDEOGRAPHS = patterns.IDEOGRAPH
_IDEOGRAPH_RUNS = re.compile(f"[{_IDEO}]+")
# A character at or above U+3000: full-width forms, 汉字 and beyond (what fold may change).
_WIDE = re.compile("[\u3000-\U0010ffff]")
_WORD_RUNS = re.compile(f"[^\\W_{_IDEO}]+")
# An ideograph, or a run of digits that is a whole word (not the tail of "abc123").
_CJK_TOKENS = re.compile(f"[{_IDEO}]|(?<![^\\W_{_IDEO}])\\d+(?![^\\W_{_IDEO}])")


def tokens(text: str) -> list[str]:
    """Tokens of the folded body: ideographs and lower-cased words."""
    return TOKEN.findall(fold(text).lower())


def compared_tokens(
    folded: str, *, shingle: int, word_shingle: int, ideographs: bool = True
) -> tuple[list[str], int, str]:
    """(tokens, shingle length, joiner) a folded body is shingled and verified by: for a
    mainly-CJK text its ideographs and numbers in runs of ``shingle``, for any other its words
    in runs of ``word_shingle``. ``ideographs=False``: the text is known to hold none
    (fold_flagged)."""
    # Counted and taken by regular expressions (no Python loop over the tokens: this runs on
    # every document of a run); ideographs counted by the lengths of their runs (one string
    # per run, not per ideograph), and only in a text that has one.
    has_cjk = ideographs and not folded.isascii() and _IDEOGRAPHS.search(folded) is not None
    cjk = sum(map(len, _IDEOGRAPH_RUNS.findall(folded))) if has_cjk else 0
    words = len(_WORD_RUNS.findall(folded)) if cjk else 1
    if not cjk + words:
        return [], shingle, ""
    if cjk >= CJK_SHARE * (cjk + words):
        # Chinese: ideographs and numbers only. Letter tokens inside a Chinese text are mostly
        # what copying sites add — pinyin glosses of 繁体 mirrors (發(fā)), jammer runs (c9 R-)
        # — and each one would break five ideograph shingles around it.
        return _CJK_TOKENS.findall(folded), shingle, ""
    return _words(folded.lower(), ideographs=has_cjk), word_shingle, " "


def _words(text: str, *, ideographs: bool) -> list[str]:
    """TOKEN.findall(text), without a regular-expression step per character or a Python step
    per word: every character that cannot be in a token becomes a space — the non-ASCII ones
    with one substitution (few in English text: ’ “ — …), the ASCII ones with one bytes
    translation of the UTF-8 (its bytes >= 0x80 are never ASCII, so other characters pass
    unchanged) — and each ideograph is set apart by spaces (a token of its own); str.split
    then gives the tokens. 2.4x faster than a per-word loop on the English dev pages (0.38 ->
    0.16 ms CPU a text); tests/neardup check it against TOKEN.findall. ``ideographs``: whether
    the text holds one."""
    if not text.isascii():
        text = _NON_TOKEN_NON_ASCII.sub(" ", text)
        if ideographs:
            text = _IDEOGRAPHS.sub(r" \g<0> ", text)
    return text.encode("utf-8", "surrogatepass").translate(_ASCII_TOKEN_BYTES).decode("utf-8", "surrogatepass").split()


# A non-ASCII character that is not in a token (TOKEN's word runs are [^\W_]; "_" is ASCII).
_NON_TOKEN_NON_ASCII = re.compile(r"[^\w\x00-\x7f]")
# Byte table: ASCII letters and digits kept, every other ASCII byte a space, bytes >= 0x80 kept.
_ASCII_TOKEN_BYTES = bytes(b if b >= 0x80 or chr(b).isalnum() else 0x20 for b in range(256))


def shingle_runs(toks: Sequence[str], n: int, sep: str) -> tuple[str, ...]:
    """The shingle starting at each token (len(toks) - n + 1 of them; repeats kept). A tuple:
    what a verification Body keeps, made without a list to copy."""
    if len(toks) < n:
        return ()
    return tuple(map(sep.join, zip(*(toks[i:] for i in range(n)))))


def shingles(text: str, *, shingle: int, word_shingle: int) -> list[str]:
    """The distinct n-gram shingles of ``text`` (empty when it is too short to have one)."""
    folded, ideographs = fold_flagged(text)
    toks, n, sep = compared_tokens(folded, shingle=shingle, word_shingle=word_shingle, ideographs=ideographs)
    return list(dict.fromkeys(shingle_runs(toks, n, sep)))


def signature_of(grams: Sequence[str], num_perm: int) -> list[int]:
    """MinHash signature of the set of shingles ``grams`` holds (repeats change nothing)."""
    mh = rensa.RMinHash(num_perm=num_perm, seed=MINHASH_SEED)
    mh.update(grams)
    return mh.digest()  # a list of Python ints already (unsigned 32-bit values)


def sketch_text(text: str, *, num_perm: int, shingle: int, word_shingle: int) -> tuple[list[int] | None, int]:
    """(MinHash signature, number of distinct shingles) of the body; the signature is None when
    there are fewer than MIN_SHINGLES shingles."""
    grams = shingles(text, shingle=shingle, word_shingle=word_shingle)
    if len(grams) < MIN_SHINGLES:
        return None, len(grams)
    return signature_of(grams, num_perm), len(grams)


def signature(text: str, *, num_perm: int, shingle: int, word_shingle: int) -> list[int] | None:
    """MinHash signature of the body, or None when it has fewer than MIN_SHINGLES shingles."""
    return sketch_text(text, num_perm=num_perm, shingle=shingle, word_shingle=word_shingle)[0]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity: the share of equal signature slots (0 if incomparable)."""
    if len(a) != len(b) or not a:
        return 0.0
    return sum(1 for x, y in zip(a, b) if x == y) / len(a)


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """|A∩B| / min(|A|, |B|) from the Jaccard similarity and the set sizes
    (|A∩B| = J·(|A|+|B|)/(1+J)); at most 1 (an estimated J can overshoot)."""
    smaller = min(size_a, size_b)
    if smaller <= 0:
        return 0.0
    return min(1.0, jaccard * (size_a + size_b) / ((1.0 + jaccard) * smaller))


def score(
    a: list[int], size_a: int | None, b: list[int], size_b: int | None, *, measure: str, min_size_ratio: float
) -> float:
    """The verified similarity of two sketched documents under ``measure`` ("containment" or
    "jaccard"). Containment needs both shingle counts; without them (rows written before the
    counts were stored) and below ``min_size_ratio`` it is the Jaccard estimate."""
    j = similarity(a, b)
    if measure != "containment" or not size_a or not size_b:
        return j
    if min(size_a, size_b) < min_size_ratio * max(size_a, size_b):
        return j
    return containment(j, size_a, size_b)


def jaccard_floor(threshold: float, measure: str, min_size_ratio: float) -> float:
    """The lowest Jaccard similarity of a pair that can score ``threshold`` under ``measure``:
    what the LSH bands must catch. Containment c of the smaller set, with size ratio r (smaller /
    larger, at least ``min_size_ratio``), has Jaccard c·r / (1 + r − c·r), lowest at the least r."""
    if measure != "containment":
        return threshold
    r = min_size_ratio
    return threshold * r / (1.0 + r - threshold * r)


def candidate_probability(s: float, bands: int, rows: int) -> float:
    """P(two documents of Jaccard similarity s share at least one band key)."""
    return 1.0 - (1.0 - s**rows) ** bands


@lru_cache(maxsize=32)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows): the longest bands (fewest candidates to verify) that still reach
    LSH_RECALL at Jaccard ``threshold - LSH_MARGIN``; rows = 1 (every slot a band) at worst.
    ``threshold`` is a Jaccard similarity (for containment, pass :func:`jaccard_floor`)."""
    target = max(threshold - LSH_MARGIN, 0.01)
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if candidate_probability(target, bands, rows) >= LSH_RECALL:
            return bands, rows
    return num_perm, 1


def band_keys(sig: list[int], bands: int, rows: int) -> list[int]:
    """One signed 64-bit key per band (band number and rows hashed together, so equal runs in
    different bands never collide); the key also depends on ``rows``, so signatures cut with
    other settings never match by accident. Band b's key: the first 8 bytes of
    blake2b(pack("<HH", b, rows) + pack("<I" * rows, *its values)), little-endian, signed."""
    # Packed once and sliced per band, the prefixes made once per (bands, rows), the digests
    # unpacked together: the same bytes as one pack per band, hashed in three quarters of the time.
    packed = struct.pack(f"<{bands * rows}I", *sig[: bands * rows])
    width = 4 * rows
    digests = b"".join(
        hashlib.blake2b(prefix + packed[band * width : (band + 1) * width], digest_size=8).digest()
        for band, prefix in enumerate(_band_prefixes(bands, rows))
    )
    return list(struct.unpack(f"<{bands}q", digests))


@lru_cache(maxsize=32)
def _band_prefixes(bands: int, rows: int) -> tuple[bytes, ...]:
    return tuple(struct.pack("<HH", band, rows) for band in range(bands))
