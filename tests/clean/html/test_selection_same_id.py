"""Selection widens the chosen container to a sibling with its own id: a portal template that
closes the article body before an embedded photo gallery and opens it again after it writes two
div#endText, and the first held the opening paragraph (a daniel_zh tuning page in
tests/fixtures/chrome_zh, see its SOURCE.md)."""

from __future__ import annotations

import gzip
import json

from docpipe.clean.html import clean_html
from docpipe.evaluate import prf
from tests.conftest import FIXTURES

CHROME_ZH = FIXTURES / "chrome_zh"
PREFIX = "20120112_sports.163.com"


def test_the_body_written_twice_around_a_gallery_is_read_whole() -> None:
    rows = map(json.loads, (CHROME_ZH / "truth.jsonl").read_text(encoding="utf-8").splitlines())
    truth = next(r for r in rows if r["id"].startswith(PREFIX))
    html = gzip.decompress((CHROME_ZH / "pages" / f"{truth['id']}.html.gz").read_bytes()).decode("utf-8")
    assert html.count('id="endText"') == 2
    text = "\n".join(b.text for b in clean_html(html, truth.get("url"))[0])
    assert "前天，作为新当选的市政协委员，姚明刚在上海参加了市政协第十一届五次会议。" in text
    _, recall, f1 = prf(text, str(truth["text"]))
    assert recall > 0.99 and f1 > 0.99
