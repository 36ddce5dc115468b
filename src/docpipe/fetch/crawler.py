"""The fetch stage's batch API, synchronous on the outside and asyncio inside.

    sources, rejects = discover(settings, inputs)
    with FetchState.open(settings.out) as state:
        results = fetch_batch(sources, settings, state)   # same order as `sources`
        ...clean, structure, write documents...
        for doc in written:                   # only after the write succeeded
            state.update_hash(doc.url or doc.source, doc.content_hash)
    # (or state.record_many(fetched_docs) directly)

Every source ends as exactly one FetchedDocument, Rejection or Unchanged:
- Unchanged(not_modified): the server answered 304 to a conditional GET built from the state;
- Unchanged(same_content): the body is byte-identical to the one recorded last time
  (servers without validators, local files, WARC records);
- FetchedDocument: new or changed; the flow records it in the state after writing it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Coroutine
from typing import Any, TypeVar

from docpipe.config import FetchSettings, Settings
from docpipe.errors import DocpipeError, TerminalError
from docpipe.fetch.files import is_url, read_local
from docpipe.fetch.http import FetchStats, HttpFetcher, RawResponse
from docpipe.fetch.sources import discover_all
from docpipe.fetch.state import FetchState, SourceState, body_hash
from docpipe.ids import doc_id_for
from docpipe.models import FetchedDocument, Rejection, Stage, Unchanged
from docpipe.shutdown import until_stopped

FetchResult = FetchedDocument | Rejection | Unchanged
log = logging.getLogger(__name__)
T = TypeVar("T")


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine from sync code, also when the calling thread already runs a loop."""
    # until_stopped: a stop request (SIGINT/SIGTERM, docpipe.shutdown) cancels the requests
    # in flight within a tenth of a second instead of waiting for slow hosts.
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(until_stopped(coro))
    # Called from async code (e.g. an async Prefect flow): a fresh loop in a worker thread.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, until_stopped(coro)).result()


def discover(settings: Settings, inputs: list[str]) -> tuple[list[str], list[Rejection]]:
    """CLI inputs, then settings.sources -> (ordered unique sources, rejects met on the way)."""
    return run_sync(discover_async(settings, inputs))


async def discover_async(settings: Settings, inputs: list[str]) -> tuple[list[str], list[Rejection]]:
    async with HttpFetcher(settings.fetch) as fetcher:
        found = await discover_all(settings, inputs, fetcher)
    return found.sources, found.rejects


def fetch_batch(
    sources: list[str],
    settings: Settings,
    state: FetchState | None = None,
    *,
    stats: FetchStats | None = None,
) -> list[FetchResult]:
    """Fetch every source (URL, path or warc:FILE#OFFSET); results in the order of `sources`."""
    return run_sync(fetch_batch_async(sources, settings, state, stats=stats))


async def fetch_batch_async(
    sources: list[str],
    settings: Settings,
    state: FetchState | None = None,
    *,
    stats: FetchStats | None = None,
) -> list[FetchResult]:
    unique = list(dict.fromkeys(sources))
    known = state.get_many(unique) if state is not None else {}
    async with HttpFetcher(settings.fetch, stats) as fetcher:
        results = await asyncio.gather(*(_fetch_one(fetcher, s, known.get(s), settings) for s in unique))
    if state is not None:
        state.remember_fetched(r for r in results if isinstance(r, FetchedDocument))
    by_source = dict(zip(unique, results, strict=True))
    return [by_source[s] for s in sources]


async def _fetch_one(
    fetcher: HttpFetcher, source: str, known: SourceState | None, settings: Settings
) -> FetchResult:
    url = source if is_url(source) else None
    try:
        if url is not None:
            headers = known.conditional_headers() if known is not None else {}
            result = await fetcher.fetch_document(source, headers=headers)
            if isinstance(result, RawResponse):  # 304 Not Modified
                if known is None:
                    raise TerminalError(Stage.fetch, "http_304", "304 to an unconditional request", source=source)
                return Unchanged(
                    source=source, url=known.url or source,
                    doc_id=doc_id_for(known.url or source, source), reason="not_modified",
                )
            doc = result
        else:
            doc = await asyncio.to_thread(read_local, source, settings.fetch)
    except DocpipeError as exc:
        return exc.to_rejection(source, url)
    except OSError as exc:  # an unforeseen I/O failure still names input, stage and cause
        return TerminalError(Stage.fetch, "fetch_failed", f"{type(exc).__name__}: {exc}").to_rejection(source, url)
    except Exception as exc:  # noqa: BLE001 - one odd page must cost that page, not the batch
        log.exception("fetch of %s failed unexpectedly", source)  # the traceback, for the bug report
        return TerminalError(Stage.fetch, "internal_error", f"{type(exc).__name__}: {exc}").to_rejection(source, url)
    if known is not None and known.body_hash == body_hash(doc.content):
        return Unchanged(
            source=source, url=doc.final_url or doc.url,
            doc_id=doc_id_for(doc.final_url or doc.url, source), reason="same_content",
        )
    return doc
