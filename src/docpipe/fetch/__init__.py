"""Fetch stage: inputs -> sources (discover) -> FetchedDocument | Rejection | Unchanged.

    discover(settings, inputs)            CLI inputs + [[sources]] -> ordered unique sources
    fetch_batch(sources, settings, state) polite async fetching, results in input order
    FetchState.open(out_dir)              per-source validators and hashes between runs
    fetch_source(source, settings)        one input, for `docpipe extract` (same reason codes)
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

from docpipe.config import FetchSettings, Settings
from docpipe.errors import DocpipeError, TerminalError
from docpipe.fetch.files import expand_local, is_url, read_local
from docpipe.fetch.warc import is_warc_path, list_records
from docpipe.models import FetchedDocument, Rejection, Stage, Unchanged

if TYPE_CHECKING:
    from docpipe.fetch.crawler import discover, fetch_batch
    from docpipe.fetch.http import FetchStats
    from docpipe.fetch.state import FetchState

# Imported on first use: the crawler brings httpx, asyncio's machinery and sqlite3 (0.2 s of a
# process's start-up), which `docpipe extract` on local files never needs.
_LAZY = {
    "discover": "docpipe.fetch.crawler",
    "fetch_batch": "docpipe.fetch.crawler",
    "FetchStats": "docpipe.fetch.http",
    "FetchState": "docpipe.fetch.state",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "FetchState",
    "FetchStats",
    "discover",
    "expand_inputs",
    "fetch_batch",
    "fetch_source",
    "is_url",
]


def expand_inputs(
    inputs: list[str], settings: FetchSettings | None = None
) -> tuple[list[str], list[Rejection]]:
    """Resolve directories, globs and WARC files (into `warc:FILE#OFFSET` records) into
    document sources, in order, without any network access; unknown paths are rejected."""
    sources: list[str] = []
    rejects: list[Rejection] = []
    for item in inputs:
        if is_url(item):
            sources.append(item)
            continue
        try:
            if is_warc_path(item):
                sources.extend(entry.source for entry in list_records(item, settings or FetchSettings()))
            else:
                sources.extend(expand_local(item))
        except DocpipeError as exc:
            rejects.append(exc.to_rejection(item))
    # The same file named twice (a dir and a file inside it) is processed once.
    return list(dict.fromkeys(sources)), rejects


def fetch_source(source: str, settings: Settings) -> FetchedDocument | Rejection:
    """Fetch one input (path, URL or warc:FILE#OFFSET). Never raises for bad input."""
    if not is_url(source):
        # Local inputs need no HTTP client and no event loop: building those per input made
        # `docpipe extract DIR` spend most of its time on them.
        try:
            return read_local(source, settings.fetch)
        except DocpipeError as exc:
            return exc.to_rejection(source)
        except OSError as exc:  # an unforeseen I/O failure still names input, stage and cause
            return TerminalError(Stage.fetch, "fetch_failed", f"{type(exc).__name__}: {exc}").to_rejection(source)
    # (looked up on the module: the name is imported lazily, and a test may replace it)
    result = sys.modules[__name__].fetch_batch([source], settings, None)[0]
    # Without a state nothing can be Unchanged; the type narrowing keeps that promise visible.
    assert not isinstance(result, Unchanged)
    return result
