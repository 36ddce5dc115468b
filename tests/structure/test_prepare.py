"""The structure stage's noise guard: blocks the clean stage already passed through
docpipe.clean.noise.clean_line are not stripped again (it cost half of the stage's time), and
skipping it changes nothing in the output."""

from __future__ import annotations

from pathlib import Path

import pytest

from docpipe.clean import clean_document
from docpipe.config import Settings
from docpipe.fetch import fetch_source
from docpipe.models import CleanDocument, StructuredDocument
from docpipe.structure import structure_document
from tests.conftest import FIXTURES

PAGES = sorted((FIXTURES / "eval_subset").glob("*/pages/*.html"))


def cleaned(path: Path) -> CleanDocument:
    fetched = fetch_source(str(path), Settings())
    doc = clean_document(fetched, Settings())  # type: ignore[arg-type]
    assert isinstance(doc, CleanDocument), doc
    return doc


@pytest.mark.parametrize("path", PAGES[::3], ids=lambda p: p.stem[:8])
def test_vetted_blocks_give_the_output_of_a_second_noise_pass(path: Path) -> None:
    doc = cleaned(path)
    assert all(b.noise_vetted == (b.kind != "table") for b in doc.blocks)  # every HTML block but tables
    unvetted = doc.model_copy(update={"blocks": tuple(b.model_copy(update={"noise_vetted": False}) for b in doc.blocks)})
    fast, checked = structure_document(doc, Settings()), structure_document(unvetted, Settings())
    assert isinstance(fast, StructuredDocument) and fast.blocks
    assert fast == checked


def test_plain_text_blocks_are_not_vetted(tmp_path: Path) -> None:
    """The text path's line filter is not clean_line: its blocks keep the structure stage's pass."""
    page = PAGES[0]
    text = tmp_path / "page.txt"
    text.write_text("\n".join(b.text for b in cleaned(page).blocks), encoding="utf-8")
    doc = clean_document(fetch_source(str(text), Settings()), Settings())  # type: ignore[arg-type]
    assert isinstance(doc, CleanDocument) and doc.blocks
    assert not any(b.noise_vetted for b in doc.blocks)
