"""The foundation acceptance: the shared seed speech through fetch → clean → structure."""

from __future__ import annotations

from pathlib import Path

import pytest

from docpipe.models import StructuredDocument
from docpipe.structure.scoring import structure_file

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "structure" / "speech_sanweiyuan_43077.txt"


@pytest.fixture(scope="module")
def seed() -> StructuredDocument:
    doc = structure_file(SEED)
    assert isinstance(doc, StructuredDocument), doc
    return doc


def test_seed_doc_type_and_salutation(seed: StructuredDocument) -> None:
    assert seed.doc_type == "讲话"
    assert seed.salutation == "同志们"
    assert seed.speaker == "某县长"
    assert seed.occasion == "县推进依法行政工作领导组会议暨全县法治政府建设推进会"


def test_seed_three_top_level_headings(seed: StructuredDocument) -> None:
    assert [(h.level, h.marker) for h in seed.headings] == [(1, "第一,"), (1, "第二,"), (1, "第三,")]
    assert [h.text[:4] for h in seed.headings] == ["准确站位", "突出重点", "强化保障"]
    for h in seed.headings:
        block = seed.blocks[h.block_idx]
        assert block.kind == "heading" and block.marker == h.marker and block.text == h.text
    assert seed.outline_warnings == ()


def test_seed_fourteen_points_in_three_runs(seed: StructuredDocument) -> None:
    markers = [i.marker for i in seed.items]
    assert len(markers) == 14
    assert markers == ["一是", "二是", "三是", "四是", "五是"] * 2 + ["一是", "二是", "三是", "四是"]
    assert seed.items[0].text == "依法行政严格落实"
    # Points are grouped by the section they sit in.
    sections = [seed.blocks[i.block_idx].section_path for i in seed.items]
    assert sections == [(1,)] * 5 + [(2,)] * 5 + [(3,)] * 4


def test_seed_slots_and_references(seed: StructuredDocument) -> None:
    assert {"X县", "202x年"} <= set(seed.placeholders)
    assert "202x年依法行政重点工作安排(讨论稿)" in seed.references
    assert "放管服" in seed.quoted_terms


def test_seed_body_text_keeps_headings_and_drops_chrome(seed: StructuredDocument) -> None:
    assert seed.text.startswith("同志们:")
    assert "第二,突出重点" in seed.text
    assert "由互联网用户分享整理" not in seed.text and "相关文章" not in seed.text
    assert seed.blocks[0].section_path == () and seed.blocks[-1].section_path == (3,)
