"""A thread whose opening post has a shape of its own keeps its replies: they sit after it in a
region of same-shape records named like posts, and each record's post body joins the choice
(selection._Selector._thread_replies, settings.thread_replies_*). Real forum_zh tuning page
(tests/fixtures/forum_zh, see its SOURCE.md): a Homeland (ruby-china.org) topic in its own
card, its 10 replies in a sibling card of 'reply' divs."""

from __future__ import annotations

import gzip
import json

from docpipe.clean.html import CleanSettings, clean_html
from docpipe.evaluate import prf
from tests.conftest import FIXTURES

FORUM_ZH = FIXTURES / "forum_zh"
NO_REPLIES = CleanSettings(thread_replies_min_count=10**9)


def _page(page_id: str) -> tuple[str, dict[str, object]]:
    rows = map(json.loads, (FORUM_ZH / "truth.jsonl").read_text(encoding="utf-8").splitlines())
    truth = next(r for r in rows if r["id"] == page_id)
    html = gzip.decompress((FORUM_ZH / "pages" / f"{page_id}.html.gz").read_bytes()).decode("utf-8")
    return html, truth


def _text(page_id: str, settings: CleanSettings | None = None) -> str:
    html, truth = _page(page_id)
    blocks, _ = clean_html(html, str(truth["url"]), settings=settings or CleanSettings())
    return "\n".join(b.text for b in blocks)


def test_replies_after_the_topic_are_kept() -> None:
    got = _text("ruby_china_43661")
    # the topic, the first reply and the second (a four-character one)
    assert "Ruby 的许多特性强烈地偏向对脚本语言的良好支持" in got
    assert "Taking Ruby back is the responsibility of us all." in got
    assert "引用自哪" in got
    # a reply's user panel stays out: the floor number and the relative date
    assert "#1" not in got and "1 月前" not in got


def test_without_the_rule_the_replies_are_lost() -> None:
    _, truth = _page("ruby_china_43661")
    with_rule = prf(_text("ruby_china_43661"), str(truth["text"]))
    without = prf(_text("ruby_china_43661", NO_REPLIES), str(truth["text"]))
    assert "Taking Ruby back is the responsibility of us all." not in _text("ruby_china_43661", NO_REPLIES)
    assert with_rule[2] > without[2] + 0.2, (with_rule, without)
