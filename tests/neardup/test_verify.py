"""The verified similarity of two candidate texts (docpipe.neardup.verify), on real copies of the
范文/公文 set (tests/fixtures/neardup/fanwen.jsonl, SOURCE.md) and edits of the seed speech."""

from __future__ import annotations

from functools import lru_cache

from docpipe.neardup.minhash import shingles
from docpipe.neardup.verify import Body, body, compare, numbered_headings
from docpipe.neardup.minhash import fold
from tests.neardup.helpers import SETTINGS, fanwen, other_speech, seed_text, variant_paragraph_removed, variant_traditional


@lru_cache(maxsize=None)
def text_of(row_id: str) -> str:
    return next(r["text"] for r in fanwen() if r["id"] == row_id)


def of(text: str) -> Body:
    return body(text, shingle=SETTINGS.shingle, word_shingle=SETTINGS.word_shingle)


def whole_containment(a: str, b: str) -> float:
    sa = set(shingles(a, shingle=SETTINGS.shingle, word_shingle=SETTINGS.word_shingle))
    sb = set(shingles(b, shingle=SETTINGS.shingle, word_shingle=SETTINGS.word_shingle))
    return len(sa & sb) / min(len(sa), len(sb))


def test_two_excerpts_with_other_cut_points_are_compared_over_what_both_hold():
    # xinli_a keeps whole lines of the 纲要 from its start, xinli_b every line's first half and
    # reaches further: on the whole shingle sets they share under half; over the span both
    # hold, xinli_b's text is all in xinli_a
    a, b = text_of("xinli_a"), text_of("xinli_b")
    assert whole_containment(a, b) < 0.6
    assert compare(of(a), of(b)).score >= 0.95


def test_a_taiwan_localised_copy_is_folded_by_phrase_not_only_by_character():
    assert fold("大資料 資訊 軟體") == fold("大数据 信息 软件")
    # a mainland text in 繁体 folds back but for a Taiwan word it also holds (指標 → 指针)
    assert sum(x != y for x, y in zip(fold(variant_traditional()), fold(seed_text()))) == 1
    assert compare(of(text_of("bigdata_a")), of(text_of("bigdata_b"))).score >= 0.95


def test_the_seed_and_its_edits_verify_and_another_speech_does_not():
    seed = of(seed_text())
    assert compare(seed, of(variant_paragraph_removed())).score >= 0.95
    assert compare(seed, of(variant_traditional())).score >= 0.99
    other = compare(seed, of(other_speech()))
    assert other.score < 0.5 and not other.renumbered


def test_the_same_articles_under_other_numbers_are_another_document():
    # 中小学 十项准则 inserts 六、加强安全防范, so its 七、坚持言行雅正 is the 高校 version's 六、
    gaoxiao, shixiang = of(text_of("gaoxiao_a")), of(text_of("shixiang_a"))
    assert gaoxiao.headings["坚持言行雅正"] == 6 and shixiang.headings["坚持言行雅正"] == 7
    verdict = compare(gaoxiao, shixiang)
    assert verdict.renumbered and verdict.score == 0.0
    # the 繁体 copy of the 中小学 version numbers its articles 1、2、… the same way: a copy
    copy = compare(shixiang, of(text_of("shixiang_b")))
    assert not copy.renumbered and copy.score >= 0.95


def test_numbered_headings_are_read_through_emoji_jammers():
    # gaoxiao_b's site puts emoji between an article's number and its mark ("二♢🦵🏿、自觉爱国守法。")
    headings = numbered_headings(fold(text_of("gaoxiao_b")))
    assert {"自觉爱国守法": 2, "传播优秀文化": 3, "潜心教书育人": 4, "关心爱护学生": 5}.items() <= headings.items()


def test_a_paragraph_quoted_in_the_middle_of_another_text_is_not_a_copy_of_it():
    seed = seed_text()
    lines = seed.split("\n")
    quote = max(lines, key=len)  # the seed's longest paragraph, alone
    assert quote in seed and seed.index(quote) > len(seed) // 5
    assert compare(of(seed), of(quote)).score == 0.0


def test_a_body_keeps_only_its_folded_text_until_compared_and_then_the_same_shingles():
    # Lazy for the garbage collector's sake (verify.Body): the signature's shingles are made
    # and dropped; compared, the body makes the same tokens and shingles from its folded text.
    from docpipe.neardup.minhash import compared_tokens, fold_flagged, shingle_runs

    for row in fanwen()[:12]:
        folded, ideographs = fold_flagged(row["text"])
        toks, n, sep = compared_tokens(folded, shingle=SETTINGS.shingle, word_shingle=SETTINGS.word_shingle, ideographs=ideographs)
        b = of(row["text"])
        assert "_compared" not in b.__dict__
        assert list(b.fresh_grams()) == list(shingle_runs(toks, n, sep))
        assert "_compared" not in b.__dict__
        assert (b.tokens, b.grams, b.shingle) == (tuple(toks), tuple(shingle_runs(toks, n, sep)), n)
        assert list(b.fresh_grams()) == list(b.grams)
