"""Fetch stage: an input (path or URL) -> FetchedDocument, or a Rejection saying why not."""

from __future__ import annotations

from docpipe.config import Settings
from docpipe.errors import DocpipeError, TerminalError
from docpipe.fetch.files import expand_local, is_url, read_file
from docpipe.models import FetchedDocument, Rejection, Stage

__all__ = ["expand_inputs", "fetch_source", "is_url"]


def expand_inputs(inputs: list[str]) -> tuple[list[str], list[Rejection]]:
    """Resolve directories and globs into document sources, in order; unknown paths are rejected."""
    sources: list[str] = []
    rejects: list[Rejection] = []
    for item in inputs:
        if is_url(item):
            sources.append(item)
            continue
        try:
            sources.extend(expand_local(item))
        except DocpipeError as exc:
            rejects.append(exc.to_rejection(item))
    # The same file named twice (a dir and a file inside it) is processed once.
    return list(dict.fromkeys(sources)), rejects


def fetch_source(source: str, settings: Settings) -> FetchedDocument | Rejection:
    """Fetch one input. Never raises for bad input: the reason is in the Rejection."""
    try:
        if is_url(source):
            from docpipe.fetch.http import fetch_url

            return fetch_url(source, settings.fetch)
        return read_file(source, max_bytes=settings.fetch.max_bytes)
    except DocpipeError as exc:
        return exc.to_rejection(source, source if is_url(source) else None)
    except (OSError, ValueError) as exc:  # anything unforeseen still names input and stage
        return TerminalError(Stage.fetch, "fetch_failed", f"{type(exc).__name__}: {exc}").to_rejection(
            source, source if is_url(source) else None
        )
