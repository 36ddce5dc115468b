"""RobotsRules: RFC 9309 status handling and protego matching with a full User-Agent string."""

from __future__ import annotations

from docpipe.errors import TerminalError, TransientError
from docpipe.fetch.robots import RobotsAnswer, RobotsRules, robots_url
from docpipe.models import Stage

UA = "docpipe/0.1 (+https://example.invalid/docpipe)"


def test_rules_match_the_product_token_of_the_user_agent() -> None:
    rules = RobotsRules.from_answer(
        RobotsAnswer(200, "User-agent: docpipe\nDisallow: /private\nCrawl-delay: 3\n", None), UA
    )
    assert rules.allowed("http://a.example/public") and not rules.allowed("http://a.example/private/x")
    assert rules.crawl_delay() == 3.0 and rules.error is None


def test_missing_robots_allows_everything() -> None:
    gone = TerminalError(Stage.fetch, "http_404", "server answered 404")
    rules = RobotsRules.from_answer(RobotsAnswer(None, "", gone), UA)
    assert rules.allowed("http://a.example/anything") and rules.error is None and rules.crawl_delay() is None


def test_server_error_means_complete_disallow() -> None:
    broken = TransientError(Stage.fetch, "http_5xx", "server answered 503")
    rules = RobotsRules.from_answer(RobotsAnswer(None, "", broken), UA)
    assert rules.error is not None and rules.error.reason == "robots_unavailable"
    down = TransientError(Stage.fetch, "connection_error", "refused")
    assert RobotsRules.from_answer(RobotsAnswer(None, "", down), UA).error.reason == "connection_error"  # type: ignore[union-attr]


def test_robots_url_per_origin() -> None:
    assert robots_url("HTTP://A.example:8080/x/y?z") == "http://a.example:8080/robots.txt"
