"""WARC / WARC.gz files (warcio): each page-like record becomes a source `warc:FILE#OFFSET`.

Discovery lists the `response` and `resource` records whose media type the fetch settings
accept (images, scripts and stylesheets of a crawl are not documents, so they are not
"discovered" at all). Fetching a record seeks to its offset — every record of a .warc.gz is
its own gzip member, so this is cheap — and turns the stored HTTP response into a
FetchedDocument exactly as a live fetch would: same status mapping, size cap and decoding.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docpipe.config import FetchSettings
from docpipe.errors import TerminalError
from docpipe.fetch.decode import decode_document
from docpipe.models import FetchedDocument, Stage

WARC_PREFIX = "warc:"
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_PAGE_RECORDS = frozenset({"response", "resource"})


def _warcio() -> tuple[Any, type[Exception]]:
    """warcio's ArchiveIterator and its unreadable-archive error. warcio (fsspec with it: 0.12 s
    of start-up) is imported only where a WARC file is read, so that `docpipe extract` on
    HTML files starts without it."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    return ArchiveIterator, ArchiveLoadFailed


def is_warc_path(path: str) -> bool:
    return path.lower().endswith(WARC_SUFFIXES)


def is_warc_source(source: str) -> bool:
    return source.startswith(WARC_PREFIX)


def warc_source(path: str, offset: int) -> str:
    return f"{WARC_PREFIX}{path}#{offset}"


def parse_warc_source(source: str) -> tuple[str, int]:
    path, _, offset = source[len(WARC_PREFIX) :].rpartition("#")
    if not path or not offset.isdigit():
        raise TerminalError(Stage.fetch, "bad_warc_source", f"not a warc:FILE#OFFSET id: {source}", source=source)
    return path, int(offset)


@dataclass(frozen=True, slots=True)
class WarcEntry:
    source: str
    target_uri: str | None
    media_type: str


def _media(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def _record_content_type(record) -> str | None:  # noqa: ANN001 (warcio has no type hints)
    if record.http_headers is not None:
        return record.http_headers.get_header("Content-Type")
    return record.rec_headers.get_header("Content-Type")


def list_records(path: str, settings: FetchSettings) -> Iterator[WarcEntry]:
    """Page-like records of a WARC file, in file order. Raises TerminalError if unreadable."""
    ArchiveIterator, ArchiveLoadFailed = _warcio()
    try:
        with open(path, "rb") as stream:
            iterator = ArchiveIterator(stream, arc2warc=True)
            for record in iterator:
                if record.rec_type not in _PAGE_RECORDS:
                    continue
                media = _media(_record_content_type(record))
                if media and media not in settings.allowed_content_types:
                    continue
                yield WarcEntry(
                    source=warc_source(path, iterator.get_record_offset()),
                    target_uri=record.rec_headers.get_header("WARC-Target-URI"),
                    media_type=media,
                )
    except FileNotFoundError as exc:
        raise TerminalError(Stage.fetch, "not_found", "no such WARC file", source=path) from exc
    except ArchiveLoadFailed as exc:
        raise TerminalError(Stage.fetch, "bad_warc", f"not a readable WARC file: {exc}", source=path) from exc


def read_record(source: str, settings: FetchSettings) -> FetchedDocument:
    """The record behind a `warc:FILE#OFFSET` source as a FetchedDocument."""
    path, offset = parse_warc_source(source)
    if not Path(path).is_file():
        raise TerminalError(Stage.fetch, "not_found", f"no such WARC file {path}", source=source)
    ArchiveIterator, ArchiveLoadFailed = _warcio()
    try:
        with open(path, "rb") as stream:
            stream.seek(offset)
            record = next(iter(ArchiveIterator(stream, arc2warc=True)), None)
            if record is None or record.rec_type not in _PAGE_RECORDS:
                raise TerminalError(Stage.fetch, "bad_warc_source", f"no page record at offset {offset}", source=source)
            status: int | None = None
            if record.http_headers is not None:
                code = record.http_headers.get_statuscode()
                status = int(code) if code and code.isdigit() else None
            if status is not None and not 200 <= status < 300:
                reason = "http_5xx" if status >= 500 else f"http_{status}"
                raise TerminalError(Stage.fetch, reason, f"archived response has status {status}", source=source)
            header = _record_content_type(record)
            media = _media(header)
            if media and media not in settings.allowed_content_types:
                raise TerminalError(Stage.fetch, "not_html", f"content-type is {media}", source=source)
            # content_stream() undoes the archived Content-Encoding/chunking; read one byte more
            # than allowed to detect oversize bodies without loading them whole.
            data = record.content_stream().read(settings.max_bytes + 1)
    except ArchiveLoadFailed as exc:
        raise TerminalError(Stage.fetch, "bad_warc", f"unreadable record: {exc}", source=source) from exc
    if len(data) > settings.max_bytes:
        raise TerminalError(Stage.fetch, "too_large", f"record body exceeds {settings.max_bytes} bytes", source=source)
    target = record.rec_headers.get_header("WARC-Target-URI")
    is_html = media != "text/plain"
    return decode_document(
        source,
        data,
        is_html=is_html,
        http_content_type=header,
        url=target,
        final_url=target,
        status=status,
        etag=record.http_headers.get_header("ETag") if record.http_headers is not None else None,
        last_modified=record.http_headers.get_header("Last-Modified") if record.http_headers is not None else None,
    )
