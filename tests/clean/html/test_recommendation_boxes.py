"""A shop's recommendation carousel is chrome: a section that opens with a title such as "Similar
items" or "People who viewed this item also viewed" (patterns.HTML_RECOMMENDATION_HEADING,
prune.recommendation_boxes, settings.recommendation_boxes). A real WCXB tuning page
(tests/fixtures/wcxb, SOURCE.md): an eBay item whose "Similar items" region of other listings,
script-driven tiles with little link text, was chosen as the content."""

from __future__ import annotations

import gzip
import json

from docpipe import patterns
from docpipe.clean.html import CleanSettings, clean_html
from docpipe.evaluate import prf
from tests.conftest import FIXTURES

WCXB = FIXTURES / "wcxb"
TRUTH = {row["id"]: row for row in map(json.loads, (WCXB / "truth.jsonl").read_text(encoding="utf-8").splitlines())}
WITHOUT = CleanSettings(recommendation_boxes=False)


def text(page_id: str, settings: CleanSettings | None = None) -> str:
    html = gzip.decompress((WCXB / "pages" / f"{page_id}.html.gz").read_bytes()).decode("utf-8")
    blocks, _ = clean_html(html, TRUTH[page_id]["url"], settings=settings or CleanSettings())
    return "\n".join(b.text for b in blocks)


def test_an_item_page_keeps_its_item_and_leaves_the_similar_items_out() -> None:
    truth = TRUTH["3021"]
    got, without = text("3021"), text("3021", WITHOUT)
    # must-have snippets of the truth: the item's title and its listing time
    for snippet in ("next 3 pack ladies top black, white & green size 6", "Sat, Nov 02, 04:33 AM"):
        assert snippet in truth["with"]
        assert snippet in got
        assert snippet not in without
    # the carousels' titles (the truth's must-not "People who viewed this item also viewed")
    assert "People who viewed this item also viewed" in truth["without"]
    for title in ("Similar items", "Explore related items", "People who viewed this item also viewed"):
        assert title not in got
    assert "Similar items" in without
    assert prf(got, str(truth["text"]))[2] > prf(without, str(truth["text"]))[2] + 0.3


def test_the_titles_are_recommendations_and_not_other_sections() -> None:
    # headings of this page's carousels, and of its own sections (in the truth)
    for title in ("Similar items", "Explore related items", "People who viewed this item also viewed"):
        assert patterns.HTML_RECOMMENDATION_HEADING.match(title)
    for title in ("About this item", "Item description"):
        assert title in str(TRUTH["3021"]["text"]).splitlines()
        assert not patterns.HTML_RECOMMENDATION_HEADING.match(title)
