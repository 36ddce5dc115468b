"""Polite, fault-tolerant HTTP fetching on one httpx.AsyncClient.

What one `HttpFetcher.get(url)` does, in order:

1. politeness: a per-host slot (at most `per_host_concurrency` in flight), then a global slot
   (at most `concurrency`), then the per-host minimum delay between request starts
   (`per_host_delay`, raised to robots.txt's Crawl-delay up to `max_crawl_delay`);
2. robots.txt of every host on the way (redirect targets included), fetched once per origin;
3. redirects followed by hand: only http(s) targets (`bad_redirect_scheme`), no URL twice and
   at most `max_redirects` hops (`redirect_loop`);
4. status mapping: 304 passes through (conditional GET), 429 and 5xx are transient and retried
   with exponential backoff + jitter, honouring Retry-After, other 4xx are terminal;
5. content-type filter before the body is read (`not_html`), then the body streamed and
   decompressed here (not by httpx) in bounded steps, so a gzip or brotli bomb is stopped at
   `max_bytes` decompressed bytes (`too_large`) without ever inflating further;
6. the whole exchange runs under `total_timeout` so a slow drip ends as `timeout`.

Errors are raised as TransientError/TerminalError (stage fetch) with the reason code that ends
up in the rejects table; retries are counted in `FetchStats`.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

import httpx

from docpipe.config import FetchSettings
from docpipe.errors import DocpipeError, TerminalError, TransientError
from docpipe.fetch.decode import decode_document
from docpipe.fetch.inflate import Inflater, gunzip_bounded  # noqa: F401 - gunzip_bounded: re-exported
from docpipe.fetch.robots import RobotsAnswer, RobotsCache
from docpipe.models import FetchedDocument, Stage

# Bodies above this are decoded off the event loop.
_DECODE_INLINE_BYTES = 512 * 1024
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ACCEPT_ENCODING = "gzip, deflate, br"
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"


def media_type(header: str | None) -> str:
    return (header or "").split(";")[0].strip().lower()


@dataclass
class FetchStats:
    """Counters for the run summary; one instance per batch (never module-level)."""

    requests: int = 0
    retries: int = 0
    robots_fetches: int = 0
    retried_urls: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RawResponse:
    url: str
    final_url: str
    status: int
    headers: httpx.Headers
    body: bytes


class _RetryableError(TransientError):
    """A transient error that may carry the server's Retry-After (seconds)."""

    def __init__(self, reason: str, message: str, *, source: str, retry_after: float | None = None) -> None:
        super().__init__(Stage.fetch, reason, message, source=source)
        self.retry_after = retry_after


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: either delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None  # an unparseable header is treated as absent, per common practice
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


async def read_body(response: httpx.Response, max_bytes: int, source: str) -> bytes:
    """Stream the body, decompressing here, and stop as soon as it exceeds `max_bytes`."""
    coding = response.headers.get("content-encoding", "").strip().lower()
    if "," in coding:
        raise TerminalError(
            Stage.fetch, "unsupported_encoding", f"stacked Content-Encoding {coding!r}", source=source
        )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise TerminalError(
            Stage.fetch, "too_large", f"Content-Length {declared} exceeds {max_bytes} bytes", source=source
        )
    inflater = Inflater(coding, source)
    body = bytearray()
    async for raw in response.aiter_raw():
        for piece in inflater.feed(raw):
            body += piece
            if len(body) > max_bytes:
                raise TerminalError(
                    Stage.fetch, "too_large",
                    f"body exceeds {max_bytes} bytes"
                    + (f" after {coding} decompression" if coding not in ("", "identity") else ""),
                    source=source,
                )
    return bytes(body)


# ---------------------------------------------------------------------------------------------
# politeness


@dataclass
class _Host:
    slots: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last_start: float | None = None


class Politeness:
    """Global and per-host concurrency caps plus a per-host minimum gap between request starts."""

    def __init__(self, settings: FetchSettings) -> None:
        self._settings = settings
        self._global = asyncio.Semaphore(settings.concurrency)
        self._hosts: dict[str, _Host] = {}

    @asynccontextmanager
    async def slot(self, host: str, delay: float) -> AsyncIterator[None]:
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _Host(asyncio.Semaphore(self._settings.per_host_concurrency))
        # Host slot first: a host that is saturated then holds at most per_host_concurrency
        # global slots (while waiting out its delay), never all of them.
        async with state.slots, self._global:
            loop = asyncio.get_running_loop()
            async with state.lock:
                # The gap before this request is this request's delay, so a Crawl-delay learnt
                # from robots.txt already separates the first page from the robots.txt fetch.
                if state.last_start is not None and delay > 0:
                    wait = state.last_start + delay - loop.time()
                    if wait > 0:
                        await asyncio.sleep(wait)
                state.last_start = loop.time()
            yield


# ---------------------------------------------------------------------------------------------
# the fetcher


class HttpFetcher:
    """One async client with politeness, robots, retries and bounded bodies. Use as `async with`."""

    def __init__(self, settings: FetchSettings, stats: FetchStats | None = None) -> None:
        self.settings = settings
        self.stats = stats if stats is not None else FetchStats()
        self._politeness = Politeness(settings)
        self._robots = RobotsCache(self._fetch_robots, settings.user_agent)
        self._random = random.Random()
        self._client = httpx.AsyncClient(
            follow_redirects=False,
            timeout=httpx.Timeout(settings.timeout),
            limits=httpx.Limits(
                max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency
            ),
            headers={
                "User-Agent": settings.user_agent,
                "Accept-Encoding": _ACCEPT_ENCODING,
                "Accept": _ACCEPT,
            },
        )

    async def __aenter__(self) -> HttpFetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    # -- public ---------------------------------------------------------------------------------

    async def get(
        self,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        content_types: tuple[str, ...] | None = None,
        max_bytes: int | None = None,
        use_robots: bool = True,
    ) -> RawResponse:
        """GET with retries. `content_types=None` accepts any media type (sitemaps, feeds)."""
        attempt = 0
        while True:
            try:
                return await self._get_once(
                    url, headers or {}, content_types, max_bytes or self.settings.max_bytes, use_robots
                )
            except _RetryableError as exc:
                if attempt >= self.settings.retries:
                    raise
                delay = self._backoff(attempt)
                if exc.retry_after is not None:
                    if exc.retry_after > self.settings.backoff_max:
                        raise  # retrying sooner than the server asked would not be polite
                    delay = max(delay, exc.retry_after)
                attempt += 1
                self.stats.retries += 1
                self.stats.retried_urls[url] = attempt
                await asyncio.sleep(delay)

    async def fetch_document(
        self, url: str, *, source: str | None = None, headers: dict[str, str] | None = None
    ) -> FetchedDocument | RawResponse:
        """A page as a FetchedDocument; a 304 answer comes back as the RawResponse."""
        raw = await self.get(url, headers=headers, content_types=self.settings.allowed_content_types)
        if raw.status == 304:
            return raw
        if len(raw.body) > _DECODE_INLINE_BYTES:
            # Charset detection on a multi-MB body takes long enough to stall every other
            # download sharing this event loop: do it in a worker thread.
            return await asyncio.to_thread(to_document, raw, source or url)
        return to_document(raw, source or url)

    # -- internals ------------------------------------------------------------------------------

    def _backoff(self, attempt: int) -> float:
        # "Equal jitter": half the exponential delay fixed, half random, so retries of many
        # URLs failing together do not hit the server in lock-step.
        base = min(self.settings.backoff_max, self.settings.backoff_base * (2**attempt))
        return base / 2 + self._random.uniform(0, base / 2)

    async def _host_delay(self, url: str) -> float:
        delay = self.settings.per_host_delay
        if self.settings.respect_robots:
            rules = await self._robots.rules_for(url)
            crawl_delay = rules.crawl_delay()
            if crawl_delay:
                delay = max(delay, min(crawl_delay, self.settings.max_crawl_delay))
        return delay

    async def _check_robots(self, url: str) -> None:
        if not self.settings.respect_robots:
            return
        rules = await self._robots.rules_for(url)
        if rules.error is not None:
            raise TransientError(Stage.fetch, rules.error.reason, rules.error.message, source=url)
        if not rules.allowed(url):
            raise TerminalError(Stage.fetch, "robots_disallowed", "robots.txt disallows this URL", source=url)

    async def _fetch_robots(self, robots_url: str) -> RobotsAnswer:
        """Fetch robots.txt for RobotsCache: (status, text) or a transport error reason."""
        self.stats.robots_fetches += 1
        try:
            raw = await self.get(robots_url, content_types=None, max_bytes=512_000, use_robots=False)
        except DocpipeError as exc:
            return RobotsAnswer(status=None, text="", error=exc)
        return RobotsAnswer(status=raw.status, text=raw.body.decode("utf-8", "replace"), error=None)

    async def _get_once(
        self,
        url: str,
        headers: dict[str, str],
        content_types: tuple[str, ...] | None,
        max_bytes: int,
        use_robots: bool,
    ) -> RawResponse:
        current = url
        seen = {url}
        for _hop in range(self.settings.max_redirects + 1):
            parts = urlsplit(current)
            if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
                raise TerminalError(Stage.fetch, "bad_url", f"not an http(s) URL: {current}", source=url)
            if use_robots:
                await self._check_robots(current)
            delay = await self._host_delay(current) if use_robots else self.settings.per_host_delay
            async with self._politeness.slot(parts.hostname.lower(), delay):
                self.stats.requests += 1
                result = await self._exchange(url, current, headers, content_types, max_bytes)
            if isinstance(result, RawResponse):
                return result
            target = result
            scheme = urlsplit(target).scheme.lower()
            if scheme not in ("http", "https"):
                raise TerminalError(
                    Stage.fetch, "bad_redirect_scheme", f"redirect to a {scheme or 'schemeless'} URL refused: {target}",
                    source=url,
                )
            if target in seen:
                raise TerminalError(Stage.fetch, "redirect_loop", f"redirect back to {target}", source=url)
            seen.add(target)
            current = target
        raise TerminalError(
            Stage.fetch, "redirect_loop", f"more than {self.settings.max_redirects} redirects", source=url
        )

    async def _exchange(
        self,
        url: str,
        current: str,
        headers: dict[str, str],
        content_types: tuple[str, ...] | None,
        max_bytes: int,
    ) -> RawResponse | str:
        """One request/response. Returns the response, or the absolute target of a redirect."""
        try:
            async with asyncio.timeout(self.settings.total_timeout):
                async with self._client.stream("GET", current, headers=headers) as response:
                    status = response.status_code
                    if status in _REDIRECT_STATUSES and response.headers.get("location"):
                        return urljoin(current, response.headers["location"].strip())
                    if status == 304:
                        return RawResponse(url, current, status, response.headers, b"")
                    _raise_for_status(status, response.headers, url)
                    media = media_type(response.headers.get("content-type"))
                    if content_types is not None and media and media not in content_types:
                        raise TerminalError(
                            Stage.fetch, "not_html", f"content-type is {media}", source=url
                        )
                    body = await read_body(response, max_bytes, url)
                    return RawResponse(url, str(response.url), status, response.headers, body)
        except TimeoutError as exc:  # asyncio.timeout: the whole exchange took too long
            raise _RetryableError(
                "timeout", f"response not complete within {self.settings.total_timeout}s", source=url
            ) from exc
        except httpx.TimeoutException as exc:
            raise _RetryableError(
                "timeout", f"no data within {self.settings.timeout}s ({type(exc).__name__})", source=url
            ) from exc
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise TerminalError(Stage.fetch, "bad_url", str(exc), source=url) from exc
        except httpx.TransportError as exc:
            raise _RetryableError(
                "connection_error", f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__, source=url
            ) from exc
        except UnicodeError as exc:  # e.g. a host name IDNA cannot encode
            raise TerminalError(Stage.fetch, "bad_url", f"{type(exc).__name__}: {exc}", source=url) from exc


def _raise_for_status(status: int, headers: httpx.Headers, url: str) -> None:
    if 200 <= status < 300:
        return
    retry_after = parse_retry_after(headers.get("retry-after"))
    if status == 429:
        raise _RetryableError("http_429", "server answered 429 Too Many Requests", source=url, retry_after=retry_after)
    if status >= 500:
        raise _RetryableError("http_5xx", f"server answered {status}", source=url, retry_after=retry_after)
    raise TerminalError(Stage.fetch, f"http_{status}", f"server answered {status}", source=url)


def to_document(raw: RawResponse, source: str) -> FetchedDocument:
    """Decode a fetched body into the fetch stage's output model."""
    header = raw.headers.get("content-type")
    media = media_type(header)
    is_html = media != "text/plain"
    return decode_document(
        source,
        raw.body,
        is_html=is_html,
        http_content_type=header,
        url=raw.url,
        final_url=raw.final_url,
        status=raw.status,
        etag=raw.headers.get("etag"),
        last_modified=raw.headers.get("last-modified"),
    )


__all__ = [
    "FetchStats",
    "HttpFetcher",
    "RawResponse",
    "media_type",
    "parse_retry_after",
    "read_body",
    "to_document",
]
