"""robots.txt per origin, parsed with protego, fetched once per origin per batch.

Status handling follows RFC 9309 §2.3.1: a 4xx robots.txt (404 included) means everything is
allowed; a 5xx (after the usual retries) means the site cannot say what is allowed, so the
crawler must assume complete disallow — those URLs are rejected as `robots_unavailable`
(transient: the next run tries again). When the host cannot be reached at all, its URLs get
the same transport reason (`timeout`, `connection_error`) a page fetch would have got.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from docpipe.errors import DocpipeError, TransientError
from docpipe.models import Stage


@dataclass(frozen=True, slots=True)
class RobotsAnswer:
    """What fetching /robots.txt produced: a status and text, or the error that stopped it."""

    status: int | None
    text: str
    error: DocpipeError | None


class RobotsRules:
    """Parsed rules of one origin for one user agent."""

    def __init__(self, parser: Protego | None, user_agent: str, error: DocpipeError | None = None) -> None:
        self._parser = parser
        self._user_agent = user_agent
        self.error = error

    @classmethod
    def from_answer(cls, answer: RobotsAnswer, user_agent: str) -> RobotsRules:
        if answer.error is not None:
            reason = answer.error.reason
            if reason.startswith("http_5") or reason == "http_429":
                # RFC 9309: unreachable robots.txt (server error) -> assume complete disallow.
                reason = "robots_unavailable"
            elif not answer.error.transient:
                # A terminal problem with robots.txt itself (say a redirect loop or a huge
                # file) is treated like "no robots.txt": RFC 9309 §2.3.1.2 for 4xx-like cases.
                return cls(None, user_agent)
            return cls(
                None, user_agent,
                TransientError(Stage.fetch, reason, f"robots.txt not available: {answer.error.message}"),
            )
        if answer.status is None or not 200 <= answer.status < 300:
            return cls(None, user_agent)  # 4xx and the like: no rules, everything allowed
        return cls(Protego.parse(answer.text), user_agent)

    def allowed(self, url: str) -> bool:
        return True if self._parser is None else bool(self._parser.can_fetch(url, self._user_agent))

    def crawl_delay(self) -> float | None:
        if self._parser is None:
            return None
        delay = self._parser.crawl_delay(self._user_agent)
        return float(delay) if delay is not None else None


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}/robots.txt"


class RobotsCache:
    """Fetches each origin's robots.txt once; concurrent callers wait for the same fetch."""

    def __init__(self, fetch: Callable[[str], Awaitable[RobotsAnswer]], user_agent: str) -> None:
        self._fetch = fetch
        self._user_agent = user_agent
        self._rules: dict[str, asyncio.Task[RobotsRules]] = {}

    async def rules_for(self, url: str) -> RobotsRules:
        key = robots_url(url)
        task = self._rules.get(key)
        if task is None:
            task = self._rules[key] = asyncio.ensure_future(self._load(key))
        return await asyncio.shield(task)

    async def _load(self, key: str) -> RobotsRules:
        return RobotsRules.from_answer(await self._fetch(key), self._user_agent)
