"""A thread whose posts sit in a wrapper named 'comments' is not a comment section: a page that
came out a fragment while a box pruned as its comments held its running text is read again
with the box and its comment-named posts kept (page._lost_thread, settings.lost_thread_*), and
a reply's body is found although only the first post's body carries an id
(selection._resolve, settings.records_resolve_by_class). Real page: WCXB dev 0543
(tests/fixtures/prune, see its SOURCE.md), an Invision Community topic of two posts in
div#comments."""

from __future__ import annotations

import gzip
import json

from docpipe.clean.html import CleanSettings, clean_html
from docpipe.evaluate import prf, snippet_hits
from tests.conftest import FIXTURES

PRUNE = FIXTURES / "prune"
TRUTH = next(r for r in map(json.loads, (PRUNE / "wcxb_truth.jsonl").read_text(encoding="utf-8").splitlines()) if r["id"] == "0543")
FIRST_POST = "does anyone know what these two things are for?"
REPLY = "the rear one is for some kind of external connection for Link devices"


def _text(settings: CleanSettings | None = None) -> str:
    html = gzip.decompress((PRUNE / "0543.html.gz").read_bytes()).decode("utf-8")
    blocks, _ = clean_html(html, str(TRUTH["url"]), settings=settings or CleanSettings())
    return "\n\n".join(b.text for b in blocks)


def test_the_thread_in_a_comments_wrapper_is_the_page() -> None:
    text = _text()
    assert FIRST_POST in text and REPLY in text
    (found, wanted), (absent, unwanted) = snippet_hits(text, TRUTH)
    assert found == wanted and absent == unwanted
    assert prf(text, str(TRUTH["text"]))[2] > 0.9


def test_without_the_pass_the_posts_are_pruned() -> None:
    text = _text(CleanSettings(lost_thread_min_growth=0))
    assert FIRST_POST not in text and REPLY not in text
    assert prf(text, str(TRUTH["text"]))[2] < 0.2


def test_without_matching_by_class_the_reply_is_lost() -> None:
    text = _text(CleanSettings(records_resolve_by_class=False))
    assert FIRST_POST in text and REPLY not in text
