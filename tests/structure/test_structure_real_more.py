"""structure_real_more: 28 further real scraped 范文/公文 texts from 27 sites that structure_real and
structure_real_extra do not have (tests/fixtures/structure_real_more, see its SOURCE.md), split by site
into a tuning part (19 texts) and a validation part (9 texts) in src/docpipe/data/eval_splits.json.

Rules are tuned looking at the tuning part only; the validation part is scored, never read document by
document (benchmarks/score_structure.py --details prints tuning documents only). Each part has its own
floors, set a little under the figures measured (dates and figures below)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docpipe.evaluate import split_parts

from .helpers import assert_labels_whole, assert_part_keeps_floors, assert_split_by_site, load_gold

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "structure_real_more" / "gold.jsonl"
ROWS = load_gold(GOLD)
PARTS = split_parts("structure_real_more")


def test_every_label_is_verbatim_in_its_raw_text() -> None:
    assert len(ROWS) >= 28
    assert_labels_whole(ROWS)


def test_the_split_is_by_site_and_covers_the_set() -> None:
    assert_split_by_site(ROWS, PARTS, min_validation=9)


@pytest.mark.parametrize("part", ["tuning", "validation"])
def test_the_structure_stage_keeps_its_figures_on_each_part(part: str) -> None:
    assert_part_keeps_floors(ROWS, PARTS, part, FLOORS[part], NOISE_LEFT_CEILING[part])


# Measured when the set was added, before any change looked at it (2026-12-01):
#   tuning      heading F1 0.905, level 0.744, item F1 0.889, doc_type 0.842, title 0.632, noise left 0.633
#   validation  heading F1 0.478, level 0.750, item F1 0.667, doc_type 0.889, title 0.778, noise left 0.684
# After the rules tuned on the tuning part (2026-12-01, same day):
#   tuning      heading F1 1.000, level 1.000, item F1 1.000, doc_type 1.000, title 1.000, noise left 0.020
#   validation  heading F1 0.478, level 0.750, item F1 0.667, doc_type 0.889, title 0.778, noise left 0.526
# After a table of contents without its 目录 line is recognised by shape (2026-12-01):
#   validation  heading F1 0.889, level 0.750, item F1 0.667, doc_type 0.889, title 0.778, noise left 0.263
#   (tuning unchanged)
# Floors: those figures minus a small margin (the tuning part is no longer an estimate for unseen texts;
# the validation part is, and it barely moved).
FLOORS = {
    "tuning": {"heading_f1": 0.98, "level_accuracy": 0.98, "item_f1": 0.98, "doc_type_accuracy": 0.98,
               "title_accuracy": 0.98},
    "validation": {"heading_f1": 0.87, "level_accuracy": 0.73, "item_f1": 0.65, "doc_type_accuracy": 0.88,
                   "title_accuracy": 0.77},
}
NOISE_LEFT_CEILING = {"tuning": 0.005, "validation": 0.28}


def test_a_reposting_pages_headline_in_brackets_before_the_documents_first_sentence_goes_with_its_lead() -> None:
    # jiangsulong (tuning): the headline "『紧急通知』石家庄一社区干部违规发布疫情!调查处理通报公布", the lead, "全文如下↓↓↓",
    # the 通报's title, then "【 『紧急通知』石家庄…公布】4月22日,长安区桃园镇…" (2026-12-02: tuning noise left 0.020 -> 0.000)
    from .helpers import extract_raw_text

    row = next(r for r in ROWS if r["id"] == "jiangsulong_community_epidemic_rumour_tongbao")
    doc = extract_raw_text(str(row["raw_text"]), str(row["id"]))
    assert "『紧急通知』" not in str(doc["text"]) and "4月22日,长安区桃园镇柳董庄社区干部任某某" in str(doc["text"])
    assert doc["title"] == row["title"] and doc["doc_type"] == "通报"
