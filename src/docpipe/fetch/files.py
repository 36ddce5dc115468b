"""Local inputs: files, directories (recursively, sorted) and glob patterns.

A gzipped document (`page.html.gz`, `notes.txt.gz`: saved crawls often are) is gunzipped here,
bounded by `max_bytes`, and read as what its inner suffix says (HTML for .html.gz)."""

from __future__ import annotations

import glob
import re
from pathlib import Path

from docpipe.config import FetchSettings
from docpipe.errors import TerminalError
from docpipe.fetch.decode import decode_document
from docpipe.fetch.inflate import gunzip_bounded
from docpipe.fetch.warc import is_warc_source, read_record
from docpipe.ids import is_url  # noqa: F401 - re-exported: fetch's callers import it from here
from docpipe.models import FetchedDocument, Stage

DOCUMENT_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".txt"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_GZIP_MAGIC = b"\x1f\x8b"


def _document_suffix(path: Path) -> str:
    """The suffix that says what a file holds: `.html` for page.html and for page.html.gz."""
    if path.suffix.lower() == ".gz":
        return Path(path.stem).suffix.lower()
    return path.suffix.lower()


def is_document(path: Path) -> bool:
    """A file a directory or glob input yields: a document suffix, gzipped or not."""
    return path.is_file() and _document_suffix(path) in DOCUMENT_SUFFIXES


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def expand_local(source: str) -> list[str]:
    """A file -> [file]; a directory -> its document files in sorted order; a glob -> matches.

    Paths are returned as given (relative stays relative), so `source` in the output is the
    path the user typed. Raises TerminalError(not_found) when nothing matches.
    """
    path = Path(source)
    if path.is_dir():
        found = [
            str(p)
            for p in sorted(path.rglob("*"))
            if is_document(p)
        ]
        if not found:  # said, not silently skipped: a wrong folder is a common slip
            raise TerminalError(Stage.fetch, "no_documents", "directory holds no .html/.htm/.txt files (gzipped or not)", source=source)
        return found
    if path.exists():
        return [source]
    if glob.has_magic(source):
        matches = sorted(
            p for p in glob.glob(source, recursive=True)
            if is_document(Path(p))
        )
        if not matches:
            raise TerminalError(Stage.fetch, "no_documents", "pattern matches no .html/.htm/.txt files (gzipped or not)", source=source)
        return matches
    if _SCHEME.match(source):
        raise TerminalError(Stage.fetch, "unsupported_scheme", "only http(s) URLs and local paths are read", source=source)
    raise TerminalError(Stage.fetch, "not_found", "no such file or directory", source=source)


def read_file(source: str, *, max_bytes: int) -> FetchedDocument:
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise TerminalError(
                Stage.fetch, "too_large", f"file is {size} bytes, limit is {max_bytes}", source=source
            )
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise TerminalError(Stage.fetch, "not_found", "no such file", source=source) from exc
    except IsADirectoryError as exc:
        raise TerminalError(Stage.fetch, "not_a_file", "is a directory", source=source) from exc
    except PermissionError as exc:
        raise TerminalError(Stage.fetch, "permission_denied", str(exc), source=source) from exc
    if path.suffix.lower() == ".gz":
        if not data.startswith(_GZIP_MAGIC):
            raise TerminalError(Stage.fetch, "decode_error", "named .gz but not gzip data", source=source)
        data = gunzip_bounded(data, max_bytes, source)
    if not data.strip():
        # Said as what it is: a 0-byte save (an interrupted download) is not a page whose
        # content the extractor failed to find (clean's empty_body).
        what = "file is empty (0 bytes)" if not data else f"file holds only whitespace ({len(data)} bytes)"
        raise TerminalError(Stage.fetch, "empty_file", what, source=source)
    is_html = _document_suffix(path) in _HTML_SUFFIXES or _sniff_html(data)
    return decode_document(source, data, is_html=is_html)


def _sniff_html(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head


def read_local(source: str, settings: FetchSettings) -> FetchedDocument:
    """A local file or a `warc:FILE#OFFSET` record: no HTTP client, no event loop needed."""
    if is_warc_source(source):
        return read_record(source, settings)
    return read_file(source, max_bytes=settings.max_bytes)
