"""No empty pages: when the chosen content emits nothing and what the pruned page holds is links
(an index page, a shop's category links), those links are the content; the unpruned page (its
pop-ups and consent boxes) is read only when pruning left nothing at all.
Pages: tests/fixtures/fallback (see its SOURCE.md)."""

from __future__ import annotations

import gzip
import json

from docpipe.clean.html import clean_html
from docpipe.evaluate import prf
from tests.conftest import FIXTURES

PAGES = FIXTURES / "fallback"
TRUTH = {row["id"]: row for row in map(json.loads, (PAGES / "wcxb_truth.jsonl").read_text(encoding="utf-8").splitlines())}


def text_of(html: str, url: str | None = None) -> str:
    blocks, _ = clean_html(html, url)
    return "\n\n".join(b.text for b in blocks)


def test_a_category_page_of_links_is_its_links() -> None:
    # WCXB 4509: the sub-category links are the page; the unpruned fallback gave the breadcrumb.
    truth = TRUTH["4509"]
    html = gzip.decompress((PAGES / "4509.html.gz").read_bytes()).decode("utf-8")
    text = text_of(html, str(truth["url"]))
    assert "Power Banks (158)" in text
    assert prf(text, str(truth["text"]))[2] > 0.9


def test_an_index_page_of_links_is_not_its_help_popup() -> None:
    # The Cargo Book's "Build Commands": an h1 over a list of links; the unpruned fallback gave
    # mdbook's keyboard-help popup.
    text = text_of((PAGES / "cargo_build_commands.html").read_text(encoding="utf-8"))
    assert "cargo build" in text and "cargo test" in text
    assert "Press ? to show this help" not in text
