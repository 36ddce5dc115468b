"""A card region chosen over the rules' choice keeps that choice beside it when it is running
text outside the region: a category page's description above its product grid
(selection._Selector._with_intro, settings.cards_intro_*). Real WCXB tuning pages."""

from __future__ import annotations

import gzip
import json
import pytest

from docpipe.clean.html import CleanSettings, clean_html
from docpipe.evaluate import prf
from tests.conftest import FIXTURES

NO_INTRO = CleanSettings(cards_intro_min_chars=10**9)
# page id -> (the gzipped page, the truth file that holds its line)
PAGES = {
    "4280": (FIXTURES / "cards_intro" / "4280.html.gz", FIXTURES / "cards_intro" / "truth.jsonl"),
    "4468": (FIXTURES / "wcxb" / "pages" / "4468.html.gz", FIXTURES / "wcxb" / "truth.jsonl"),
}


def page(page_id: str) -> tuple[str, dict[str, object]]:
    html_path, truth_path = PAGES[page_id]
    rows = map(json.loads, truth_path.read_text(encoding="utf-8").splitlines())
    truth = next(r for r in rows if r["id"] == page_id)
    return gzip.decompress(html_path.read_bytes()).decode("utf-8"), truth


def text(page_id: str, settings: CleanSettings | None = None) -> str:
    html, truth = page(page_id)
    blocks, _ = clean_html(html, str(truth["url"]), settings=settings or CleanSettings())
    return "\n".join(b.text for b in blocks)


@pytest.mark.parametrize(
    ("page_id", "opening"),
    [
        # the dash-cam store's 4K category: a page of description, then the grid (truth: the description)
        ("4280", "Here we have a collection of the newest 4K dash cams"),
        # the office-chair store's mesh chairs: two paragraphs above the grid, then the cards
        ("4468", "The ergonomic mesh office chairs in this category include designs"),
    ],
)
def test_a_category_description_stays_beside_the_cards(page_id: str, opening: str) -> None:
    assert opening in text(page_id)
    assert opening not in text(page_id, NO_INTRO)
    _, recall, _ = prf(text(page_id), str(page(page_id)[1]["text"]))
    assert recall > 0.95


def test_the_page_is_no_longer_far_behind() -> None:
    # 4280 scored F1 0.105 (trafilatura 1.0): the grid's prices and buttons without the text.
    assert prf(text("4280"), str(page("4280")[1]["text"]))[2] > 0.4
