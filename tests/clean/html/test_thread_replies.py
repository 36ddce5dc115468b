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


# Real forum_zh tuning page nanshengbbs_1102 (SOURCE.md: magic-html's forum benchmark, 60dacbf7….html):
# a Vue forum's topic whose comment box (div#topic-comment, pruned by name as a comment section)
# holds one comment (div.ant-comment#reply-78) and the poster's answer nested inside it
# (#reply-79). The page gave the opening post alone; the lost-thread re-read keeps the box, and
# the replies are found as numbered 'reply-' records, the nested one counted with its parent.
NANSHENG = "nanshengbbs_1102"
OPENING = "花了1天半的时间买了4个平板，总算是解决了。。"
COMMENT = "花钱就可以解决问题嘛？"
NESTED = "有句话叫 有钱能使鬼推磨"


def test_a_reply_and_the_reply_nested_in_it_are_kept() -> None:
    got = _text(NANSHENG)
    assert OPENING in got and COMMENT in got and NESTED in got
    # their user panels stay out: names, the relative date, the reply counter
    assert "马亮南生 " not in got.replace("@马亮南生", "") and "10月前" not in got and "回复" not in got
    _, truth = _page(NANSHENG)
    # 0.811: the answer's quote of the comment ('@马亮南生 …', chrome by the labels) comes too;
    # 0.462 with the opening post alone
    assert prf(got, str(truth["text"]))[2] > 0.8


def test_without_nested_replies_the_thread_is_one_post() -> None:
    got = _text(NANSHENG, CleanSettings(thread_nested_replies=False))
    assert OPENING in got and COMMENT not in got and NESTED not in got


def test_without_the_lost_thread_count_the_replies_are_lost() -> None:
    got = _text(NANSHENG, CleanSettings(lost_thread_replies_min_count=3))
    assert OPENING in got and COMMENT not in got


def test_a_dash_joined_reply_id_names_a_post(monkeypatch) -> None:
    from docpipe.clean.html import selection

    assert COMMENT in _text(NANSHENG)
    monkeypatch.setattr(selection, "_ID_NUMBER_JOINERS", "_")  # 'reply-78' no longer reads as 'reply'
    assert COMMENT not in _text(NANSHENG)
