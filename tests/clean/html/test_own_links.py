"""A section title's in-page permalink and a reference's linked terms are the content's own
text, not links away (statistics.OWN_LINK_HOLDERS, settings.own_links): an MDN reference page
whose every h2 is <a href="#id"> and whose members are <dt><a>…</a></dt><dd>…</dd> keeps its
sections, titles and member names. A real WCXB tuning page (tests/fixtures/wcxb, SOURCE.md)."""

from __future__ import annotations

import gzip
import json

from docpipe.clean.html import CleanSettings, clean_html
from docpipe.evaluate import prf
from tests.conftest import FIXTURES

WCXB = FIXTURES / "wcxb"
TRUTH = {row["id"]: row for row in map(json.loads, (WCXB / "truth.jsonl").read_text(encoding="utf-8").splitlines())}
WITHOUT = CleanSettings(own_links=False)


def lines(page_id: str, settings: CleanSettings | None = None) -> list[str]:
    html = gzip.decompress((WCXB / "pages" / f"{page_id}.html.gz").read_bytes()).decode("utf-8")
    blocks, _ = clean_html(html, TRUTH[page_id]["url"], settings=settings or CleanSettings())
    return [b.text for b in blocks]


def test_a_reference_page_keeps_its_titles_and_member_names() -> None:
    # MDN's WebSocket interface: intro in the layout header, then one <section> per part.
    truth = str(TRUTH["2993"]["text"])
    got = lines("2993")
    for line in ("Constructor", "Instance properties", "WebSocket.binaryType", "WebSocket.close()", "Examples"):
        assert line in truth.splitlines()
        assert line in got
    without = lines("2993", WITHOUT)
    assert "WebSocket.binaryType" not in without and "Instance properties" not in without
    assert prf("\n".join(got), truth)[2] > prf("\n".join(without), truth)[2] + 0.01
