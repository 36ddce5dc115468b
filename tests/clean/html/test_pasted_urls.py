"""A URL a poster pasted into a post, linked by the forum software, is the post's text: a link
whose whole text is an address with a path (patterns.HTML_PASTED_URL) does not count as link
text when a block's link density is judged (settings.pasted_urls_are_text). Real forum_zh
tuning page (tests/fixtures/forum_zh, see its SOURCE.md): a Flarum thread whose opening post
gives the documentation URL ('阿里云内容安全检测对应文档：https://help.aliyun.com/…') and the
project's repository URL on lines of their own."""

from __future__ import annotations

import gzip
import json

from docpipe import patterns
from docpipe.clean.html import CleanSettings, clean_html
from docpipe.evaluate import prf
from tests.conftest import FIXTURES

FORUM_ZH = FIXTURES / "forum_zh"
PAGE = "flarum_cn_15448"
LINKS_AS_LINKS = CleanSettings(pasted_urls_are_text=False)


def _page() -> tuple[str, dict[str, object]]:
    rows = map(json.loads, (FORUM_ZH / "truth.jsonl").read_text(encoding="utf-8").splitlines())
    truth = next(r for r in rows if r["id"] == PAGE)
    html = gzip.decompress((FORUM_ZH / "pages" / f"{PAGE}.html.gz").read_bytes()).decode("utf-8")
    return html, truth


def _text(settings: CleanSettings | None = None) -> str:
    html, truth = _page()
    blocks, _ = clean_html(html, str(truth["url"]), settings=settings or CleanSettings())
    return "\n".join(b.text for b in blocks)


def test_pasted_urls_stay_in_the_post() -> None:
    got = _text()
    assert "阿里云内容安全检测对应文档：https://help.aliyun.com/document_detail/433945.html" in got
    assert "https://github.com/HamCQ/flarum-ext-filter-plus" in got
    # the thread's chrome stays out: the likes line and the rename event
    assert "觉得很赞" not in got and "更改标题为" not in got


def test_without_the_rule_the_url_lines_are_dropped() -> None:
    _, truth = _page()
    without = _text(LINKS_AS_LINKS)
    assert "https://github.com/HamCQ/flarum-ext-filter-plus" not in without
    assert prf(_text(), str(truth["text"]))[1] > prf(without, str(truth["text"]))[1]


def test_the_pattern_wants_a_path() -> None:
    # the page's own link texts: the two pasted addresses, and words
    html, _ = _page()
    assert patterns.HTML_PASTED_URL.match("https://github.com/HamCQ/flarum-ext-filter-plus")
    assert "https://github.com/HamCQ/flarum-ext-filter-plus" in html
    for words in ("了解更多", "社区规范", "违法和不良信息举报"):
        assert words in html and not patterns.HTML_PASTED_URL.match(words)
    # a bare domain, as footers print them, has no path
    assert not patterns.HTML_PASTED_URL.match("https://discuss.flarum.org.cn")
    assert "https://discuss.flarum.org.cn\"" in html
