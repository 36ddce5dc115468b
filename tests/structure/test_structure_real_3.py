"""structure_real_3: a third set of real scraped 范文/公文 texts, from sites that none of structure_real,
structure_real_more and structure_real_extra has (tests/fixtures/structure_real_3, see its SOURCE.md), split
by site into a tuning part and a validation part in src/docpipe/data/eval_splits.json.

Rules are tuned looking at the tuning part only; the validation part is scored, never read document by
document (benchmarks/score_structure.py --details prints tuning documents only). Each part has its own
floors, set a little under the figures measured when the texts were added (dates and figures below)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docpipe.evaluate import split_parts

from .helpers import assert_labels_whole, assert_part_keeps_floors, assert_split_by_site, load_gold, split_site

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "structure_real_3" / "gold.jsonl"
ROWS = load_gold(GOLD)
PARTS = split_parts("structure_real_3")
OTHER_SETS = ("structure_real_more", "structure_real_extra")


def test_every_label_is_verbatim_in_its_raw_text() -> None:
    assert len(ROWS) >= 36
    assert_labels_whole(ROWS)


def test_the_split_is_by_site_and_covers_the_set() -> None:
    assert_split_by_site(ROWS, PARTS, min_validation=len(ROWS) // 4)


def test_no_site_is_shared_with_the_other_real_text_sets() -> None:
    # the set measures texts from sites no rule was fitted to
    fixtures = GOLD.parents[1]
    other = {split_site(row) for name in OTHER_SETS for row in load_gold(fixtures / name / "gold.jsonl")}
    assert not {split_site(row) for row in ROWS} & other


@pytest.mark.parametrize("part", ["tuning", "validation"])
def test_the_structure_stage_keeps_its_figures_on_each_part(part: str) -> None:
    assert_part_keeps_floors(ROWS, PARTS, part, FLOORS[part], NOISE_LEFT_CEILING[part])


# Measured when the first 16 texts were added, after labelling them and before any rule change looked at
# them (2026-12-01, main at 6db4ab5):
#   tuning (10)     heading F1 0.960, level 1.000, item F1 1.000, doc_type 0.700, title 0.600, noise left 0.484
#   validation (6)  heading F1 0.727, level 0.250, item F1 1.000, doc_type 1.000, title 0.667, noise left 0.833
# (The first floors were those figures minus a small margin.)
# After the structure session's rules of 2026-12-01 (collection entry labels, file-name and size bars,
# 制定本…计划, 作个讲话; the site-disclaimer rule was derived from a probe page of gwyoo.com before this set
# landed, and gwyoo.com is a validation site here, so the validation noise figure is not a clean estimate):
#   tuning (10)     heading F1 0.960, level 1.000, item F1 1.000, doc_type 0.800, title 0.900, noise left 0.516
#   then (book apparatus labels, 登陆注册, page ids, 予以通报表彰, the site intro naming the 文种):
#   tuning (10)     heading F1 0.960, level 1.000, item F1 1.000, doc_type 1.000, title 0.900, noise left 0.290
#   then (membership adverts, a licence note, 原文地址): noise left 0.097
#   validation (6)  heading F1 0.727, level 0.250, item F1 1.000, doc_type 1.000, title 0.667, noise left 0.333
#                   (0.833 without the disclaimer rule)
# All 36 texts (the other 20 landed after the rules above; labelled before docpipe was run on them):
#   on main 5af000e (before the rules above):
#     tuning (23)     heading F1 0.959, level 0.915, item F1 0.875, doc_type 0.739, title 0.609, noise left 0.450
#     validation (13) heading F1 0.718, level 0.643, item F1 0.933, doc_type 0.923, title 0.538, noise left 0.450
#   on main 67f6c08 (with them):
#     tuning (23)     heading F1 0.959, level 0.915, item F1 0.875, doc_type 0.826, title 0.870, noise left 0.200
#     validation (13) heading F1 0.718, level 0.643, item F1 0.933, doc_type 0.923, title 0.615, noise left 0.275
#   the 20 later texts alone, on 67f6c08 (no rule had seen them; tuning 13 / validation 7):
#     tuning          heading F1 0.959, level 0.886, item F1 0.833, doc_type 0.692, title 0.846, noise left 0.310
#     validation      heading F1 0.714, level 0.800, item F1 0.889, doc_type 0.857, title 0.571, noise left 0.250
#   then, tuned on the 23 tuning texts (a bracketed page number (2) is a title decoration, not an entry
#   label; toneless pinyin glosses in a disclaimer; a long several-clause line is no title):
#     tuning (23)     heading F1 0.959, level 0.915, item F1 0.875, doc_type 0.870, title 0.913, noise left 0.133
#     validation (13) unchanged
#   2026-12-02, chrome shapes learnt from pages-corpus probes (tests/clean/test_noise_pages.py; no text of
#   this set read): validation title 0.615 -> 0.692, noise left 0.275 -> 0.250; tuning unchanged.
#   2026-12-02, a recruitment text naming its 招聘公告 is a 公告 (yingyudengji): tuning doc_type 0.870 -> 0.913;
#   validation unchanged.
#   2026-12-02, a writing book's chapter line named after a 文种 (第7章 通 报) on a page of [例文N] examples is the book's
#   (dushuhao): tuning heading F1 0.959 -> 0.969, noise left 0.083 -> 0.067; validation unchanged.
#   2026-12-02, a chairman's "现在进行第一项议程" is a 主持词 and a first-person "我…代表…发言" a 发言
#   (comefromchina, aihuau): tuning doc_type 0.913 -> 1.000; validation and every other set unchanged.
# Floors: the 36-text figures on 67f6c08 minus a small margin (tuning doc_type, title, noise raised after;
# validation title and noise to the 2026-12-02 figures -/+ 0.005).
FLOORS = {
    "tuning": {"heading_f1": 0.964, "level_accuracy": 0.89, "item_f1": 0.85, "doc_type_accuracy": 0.995,
               "title_accuracy": 0.89},
    "validation": {"heading_f1": 0.70, "level_accuracy": 0.595, "item_f1": 0.91, "doc_type_accuracy": 0.90,
                   "title_accuracy": 0.687},
}
NOISE_LEFT_CEILING = {"tuning": 0.072, "validation": 0.255}


def test_a_recruitment_text_without_its_title_is_a_gonggao_by_the_notice_it_names() -> None:
    # yingyudengji (tuning): "一、招聘条件 …" / "二、招聘程序" / "…按照发布招聘公告、报名、资格审查、考试…等程序进行。"
    from .helpers import extract_raw_text

    row = next(r for r in ROWS if r["id"] == "yingyudengji_gangkou_town_contract_staff_recruitment_gonggao")
    doc = extract_raw_text(str(row["raw_text"]), str(row["id"]))
    assert doc["title"] is None and doc["doc_type"] == "公告"


def test_a_writing_books_chapter_named_after_a_wenzhong_on_a_page_of_examples_is_no_heading() -> None:
    # dushuhao (tuning): "登陆注册" / "625800000007" / "第7章 通 报" / "[例文1]" / "××省人民政府关于表彰…的通报各市人民政府,…:"
    from docpipe.clean.noise import block_chrome

    from .helpers import extract_raw_text

    row = next(r for r in ROWS if r["id"] == "dushuhao_tongbao_examples_book_chapter")
    doc = extract_raw_text(str(row["raw_text"]), str(row["id"]))
    assert "第7章" not in str(doc["text"]) and doc["headings"] == []
    lines = [line for line in str(row["raw_text"]).split("\n") if line.strip()]
    assert block_chrome(lines[2:4]) == {0: "book_chapter"}
    assert block_chrome(lines[2:3]) == {}  # without the examples' label it may be a 规则's chapter


def test_a_heading_keeps_the_trailing_colon_it_is_written_with() -> None:
    # 010zaixian (tuning): "1、主持人出场:" (convention 3: a trailing colon is kept as written, a trailing 。 never)
    from .helpers import extract_raw_text

    row = next(r for r in ROWS if r["id"] == "010zaixian_may_fourth_commemoration_host")
    doc = extract_raw_text(str(row["raw_text"]), str(row["id"]))
    assert [(h["marker"], h["text"]) for h in doc["headings"]] == [("1、", "主持人出场:")]
