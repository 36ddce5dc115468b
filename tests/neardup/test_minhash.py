"""Shingles, signatures and LSH band keys of one body (docpipe.neardup.minhash)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import docpipe.export  # noqa: F401  (docpipe.neardup.index imports the export package first)
from docpipe.neardup.index import band_params, pair_score, sketch as sketch_document
from docpipe.neardup.minhash import (
    _IDEOGRAPHS,
    MIN_SHINGLES,
    TOKEN,
    _words,
    band_keys,
    candidate_probability,
    containment,
    jaccard_floor,
    lsh_params,
    score,
    shingles,
    signature,
    similarity,
    sketch_text,
)
from tests.neardup.helpers import (
    SETTINGS,
    FIXTURES,
    doc_with_text,
    other_speech,
    seed_text,
    variant_chrome,
    variant_filled,
    variant_paragraph_removed,
    variant_traditional,
)

REPO = Path(__file__).resolve().parents[2]


def sig(text: str) -> list[int] | None:
    return signature(text, num_perm=SETTINGS.num_perm, shingle=SETTINGS.shingle, word_shingle=SETTINGS.word_shingle)


def grams(text: str) -> list[str]:
    return shingles(text, shingle=SETTINGS.shingle, word_shingle=SETTINGS.word_shingle)


def sketch(text: str) -> tuple[list[int] | None, int]:
    return sketch_text(text, num_perm=SETTINGS.num_perm, shingle=SETTINGS.shingle, word_shingle=SETTINGS.word_shingle)


@pytest.mark.parametrize(
    "variant", [variant_chrome, variant_filled, variant_paragraph_removed, variant_traditional], ids=lambda f: f.__name__
)
def test_variants_of_the_seed_are_near_duplicates_of_it(variant):
    (seed, n_seed), (copy, n_copy) = sketch(seed_text()), sketch(variant())
    assert seed is not None and copy is not None
    assert similarity(seed, copy) >= SETTINGS.threshold  # close copies pass under either measure
    assert pair_score(seed, n_seed, copy, n_copy, SETTINGS) >= SETTINGS.threshold
    # and LSH makes them candidates: they share at least one band key
    bands, rows = band_params(SETTINGS)
    assert set(band_keys(seed, bands, rows)) & set(band_keys(copy, bands, rows))


def test_another_speech_of_the_same_kind_is_not():
    (seed, n_seed), (other, n_other) = sketch(seed_text()), sketch(other_speech())
    assert seed is not None and other is not None
    assert similarity(seed, other) < 0.2
    assert pair_score(seed, n_seed, other, n_other, SETTINGS) < 0.2


def test_a_copy_missing_half_of_the_text_scores_by_containment_and_a_quotation_does_not():
    """Containment: the share of the smaller shingle set found in the larger. A copy that keeps
    the first half of the seed (one site's truncated excerpt) scores ~1 though its Jaccard is
    ~0.5; a paragraph quoted inside the seed (under min_size_ratio of it) scores by Jaccard."""
    text = seed_text()
    (whole, n_whole) = sketch(text)
    (half, n_half) = sketch(text[: len(text) // 2])
    (quote, n_quote) = sketch(text[: len(text) // 8])
    assert whole and half and quote
    assert similarity(whole, half) < 0.65
    assert pair_score(whole, n_whole, half, n_half, SETTINGS) >= 0.9
    assert n_quote < SETTINGS.min_size_ratio * n_whole
    assert pair_score(whole, n_whole, quote, n_quote, SETTINGS) == similarity(whole, quote) < 0.3
    # the Jaccard measure (and rows without shingle counts) keep the Jaccard estimate
    assert score(whole, n_whole, half, n_half, measure="jaccard", min_size_ratio=0.45) == similarity(whole, half)
    assert score(whole, None, half, n_half, measure="containment", min_size_ratio=0.45) == similarity(whole, half)


def test_containment_and_the_jaccard_floor_follow_from_set_sizes():
    # |A| = 100, |B| = 50, |A∩B| = 40: J = 40/110, containment 40/50
    assert containment(40 / 110, 100, 50) == pytest.approx(0.8)
    assert containment(1.0, 10, 10) == 1.0 and containment(0.0, 0, 10) == 0.0
    # the least Jaccard of a pair with containment 0.8 and size ratio 0.5 is 0.4 / 1.1
    assert jaccard_floor(0.8, "containment", 0.5) == pytest.approx(40 / 110)
    assert jaccard_floor(0.8, "jaccard", 0.5) == 0.8


def test_traditional_and_full_width_text_has_the_simplified_shingles():
    # all but the 5 shingles around 指標, which tw2sp reads as Taiwan's word (指针; see minhash.fold)
    trad, simp = set(grams(variant_traditional())), set(grams(seed_text()))
    assert len(trad) == len(simp) and len(simp - trad) <= 5 and all("针" in g for g in trad - simp)
    # full-width punctuation and letters fold too: 『Ｘ县』 is X县
    assert grams("同志们：今天会议的主要任务是推进Ｘ县法治政府建设。") == grams("同志们:今天会议的主要任务是推进X县法治政府建设.")


def test_chinese_is_shingled_by_characters_and_english_by_words():
    zh = grams("深入推进法治政府建设")
    assert zh[0] == "深入推进法" and all(len(g) == SETTINGS.shingle for g in zh)
    en_text = json.loads((FIXTURES / "eval_subset" / "scrapinghub_aeb" / "truth.jsonl").read_text(encoding="utf-8").split("\n")[0])["text"]
    en = grams(en_text)
    assert en and all(len(g.split(" ")) == SETTINGS.word_shingle for g in en)
    assert all(g == g.lower() for g in en)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab Zé_-’“”—…1２٣\u00a0\u2003\t\n中文國ｘ😀ß.,!'"), max_size=60) | st.text(max_size=60))
def test_english_tokens_are_the_runs_of_letters_and_digits_and_single_ideographs(text):
    """The fast word tokenizer (byte translation, no per-word loop) gives TOKEN's tokens."""
    assert _words(text, ideographs=bool(_IDEOGRAPHS.search(text))) == TOKEN.findall(text)


def test_signatures_and_band_keys_are_those_the_dataset_already_holds():
    """Stored signatures and band keys are compared with every later run's: a faster sketch
    must give the very same values (these digests were made by the code of main 15a16c3)."""
    en = json.loads((FIXTURES / "eval_subset" / "scrapinghub_aeb" / "truth.jsonl").read_text(encoding="utf-8").split("\n")[0])["text"]
    for text, size, digest in ((seed_text(), 1903, "17f78d4b05431195"), (en, 2033, "bb47c3c71b66b297")):
        s = sketch_document(doc_with_text("pinned", text), SETTINGS)
        assert s.size == size
        assert hashlib.sha256(json.dumps([s.minhash, list(s.keys)]).encode()).hexdigest()[:16] == digest


def test_a_text_too_short_to_say_anything_has_no_signature():
    assert sig("详见附件。") is None
    short = seed_text()[: 200]
    assert len(grams(short)) >= MIN_SHINGLES and sig(short) is not None


def test_signatures_are_the_same_in_another_process_whatever_its_hash_seed():
    """Signatures and band keys are stored and compared across runs and Dask workers."""
    code = (
        "import json,sys; from tests.neardup.test_minhash import sig; from tests.neardup.helpers import seed_text;"
        "print(json.dumps(sig(seed_text())))"
    )
    outs = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(REPO)}
        outs.add(subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout)
    assert outs == {json.dumps(sig(seed_text())) + "\n"}


def test_the_installed_rensa_makes_the_signatures_the_dataset_holds():
    import rensa

    from docpipe.neardup.minhash import RENSA_ALGORITHM_VERSION

    assert rensa.RMinHash.ALGORITHM_VERSION == RENSA_ALGORITHM_VERSION


def test_lsh_bands_find_pairs_just_below_the_threshold_and_keys_depend_on_band_and_rows():
    for threshold in (0.6, 0.7, 0.8, 0.9):
        bands, rows = lsh_params(threshold, SETTINGS.num_perm)
        assert bands * rows <= SETTINGS.num_perm
        assert candidate_probability(threshold - 0.05, bands, rows) >= 0.99
    # under Jaccard 0.8, texts sharing a fifth of their shingles rarely become candidates
    assert candidate_probability(0.2, *lsh_params(0.8, SETTINGS.num_perm)) < 0.01
    # the default containment bands catch every pair that can score the threshold: its
    # Jaccard floor (size ratio min_size_ratio), less the margin, with probability >= 0.99
    floor = jaccard_floor(SETTINGS.threshold, SETTINGS.measure, SETTINGS.min_size_ratio)
    assert candidate_probability(floor - 0.05, *band_params(SETTINGS)) >= 0.99
    s = sig(seed_text())
    assert s is not None
    same_runs = [s[0]] * 8
    assert len(set(band_keys(same_runs, 2, 4))) == 2  # equal values in two bands: two keys
    assert set(band_keys(s, 16, 8)).isdisjoint(band_keys(s, 32, 4))
