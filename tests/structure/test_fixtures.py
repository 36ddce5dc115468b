"""Every labelled fixture document: outline, points and fields exactly as labelled."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from docpipe.models import StructuredDocument
from docpipe.structure.normalize import fold_marker, fold_width
from docpipe.structure.scoring import HEADING_PREFIX, ITEM_PREFIX, fixtures, structure_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "structure"
CASES = fixtures(FIXTURES)
SCALARS = ("doc_type", "salutation", "closing", "speaker", "occasion", "issuer", "doc_number",
           "recipients", "signature", "signed_date")
INCLUDED = ("placeholders", "references", "quoted_terms")


def _squeeze(text: str) -> str:
    return "".join(fold_width(text).split())


def _prefix(text: str, n: int) -> str:
    return "".join(fold_width(text).split())[:n]


@pytest.fixture(scope="module", params=CASES, ids=[p.name for p, _ in CASES])
def case(request: pytest.FixtureRequest) -> tuple[StructuredDocument, dict[str, Any]]:
    path, label = request.param
    doc = structure_file(path)
    assert isinstance(doc, StructuredDocument), doc
    return doc, label


def test_at_least_fifteen_labelled_documents() -> None:
    assert len(CASES) >= 15


def test_headings(case: tuple[StructuredDocument, dict[str, Any]]) -> None:
    doc, label = case
    if "headings" not in label:
        pytest.skip("no heading label")
    got = [(h.level, fold_marker(h.marker), _prefix(h.text, HEADING_PREFIX)) for h in doc.headings]
    want = [
        (h["level"], fold_marker(h["marker"]), _prefix(h["text"], HEADING_PREFIX)) for h in label["headings"]
    ]
    # Compare text prefixes only as long as the label's.
    got = [(lvl, m, t[: len(w[2])]) for (lvl, m, t), w in zip(got, want)] + got[len(want):]
    assert got == want


def _bare(marker: str) -> str:
    return fold_marker(marker).rstrip(",、:;.")


def test_items(case: tuple[StructuredDocument, dict[str, Any]]) -> None:
    doc, label = case
    if "items" not in label:
        pytest.skip("no item label")
    # Item markers are compared without their trailing punctuation, as the fixture scorer does
    # (scoring._match: the labels here write "第一", the export keeps "第一，" as written).
    got = [(_bare(i.marker), _prefix(i.text, ITEM_PREFIX)) for i in doc.items]
    want = [(_bare(i["marker"]), _prefix(i["text"], ITEM_PREFIX)) for i in label["items"]]
    got = [(m, t[: len(w[1])]) for (m, t), w in zip(got, want)] + got[len(want):]
    assert got == want


def test_fields(case: tuple[StructuredDocument, dict[str, Any]]) -> None:
    doc, label = case
    for key in SCALARS:
        if key in label:
            assert getattr(doc, key) == label[key], key
    if "attachments" in label:
        assert list(doc.attachments) == label["attachments"]
    for key in INCLUDED:
        if key in label:
            assert set(label[key]) <= set(getattr(doc, key)), key
            if label[key] == []:
                assert getattr(doc, key) == ()
    if "outline_warnings" in label:
        assert len(doc.outline_warnings) == label["outline_warnings"], doc.outline_warnings


def test_noise_is_gone_and_never_structure(case: tuple[StructuredDocument, dict[str, Any]]) -> None:
    doc, label = case
    # Every label states its noise: an empty list means the document has no chrome (checked by
    # test_a_document_loses_only_its_noise), not that nobody looked.
    assert isinstance(label.get("noise"), list), "label lacks its noise list"
    for noise in label["noise"]:
        assert noise not in doc.text
        assert all(noise not in h.text and noise not in h.marker for h in doc.headings)
        assert all(noise not in i.text for i in doc.items)


@pytest.mark.parametrize("path", [p for p, _ in CASES if p.suffix == ".txt"], ids=lambda p: p.name)
def test_a_document_loses_only_its_noise(path: Path) -> None:
    """Every line of a plain-text fixture reaches the body, except the title line(s) and the lines
    holding a labelled noise string: noise removal that eats a real line fails here."""
    label = dict(CASES)[path]
    doc = structure_file(path)
    assert isinstance(doc, StructuredDocument), doc
    body = _squeeze(doc.text)
    lost = [
        line for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and _squeeze(line) not in body and _squeeze(line) != _squeeze(doc.title or "")
        and not any(n in line for n in label["noise"])
    ]
    assert not lost, lost


def test_blocks_are_consistent(case: tuple[StructuredDocument, dict[str, Any]]) -> None:
    doc, _ = case
    assert [b for b in doc.blocks if b.kind == "heading"] == [doc.blocks[h.block_idx] for h in doc.headings]
    for h in doc.headings:
        path = doc.blocks[h.block_idx].section_path
        assert len(path) == h.level and path[-1] >= 1
    for i in doc.items:
        assert doc.blocks[i.block_idx].kind == "paragraph"
        assert i.text in doc.blocks[i.block_idx].text
    assert doc.text == doc.text.strip() and "\n\n\n" not in doc.text
