"""Clean stage: FetchedDocument -> CleanDocument (main-content blocks + metadata candidates).

HTML goes through main-content detection (clean/html.py); plain text through line-level
boilerplate removal (clean/text.py). Either way the result is an ordered tuple of blocks.
"""

from __future__ import annotations

from docpipe.config import Settings
from docpipe.errors import DocpipeError, TerminalError
from docpipe.models import CleanDocument, DroppedLine, FetchedDocument, Rejection, Stage

__all__ = ["clean_document"]


def clean_document(doc: FetchedDocument, settings: Settings) -> CleanDocument | Rejection:
    from docpipe.clean.html import clean_html
    from docpipe.clean.text import clean_text

    dropped: tuple[DroppedLine, ...] = ()
    try:
        if doc.content_type == "text/html":
            blocks, metadata = clean_html(doc.text, url=doc.final_url or doc.url)
            fmt = "html"
        else:
            blocks, metadata, dropped = clean_text(doc.text)
            fmt = "text"
    except DocpipeError as exc:
        return exc.to_rejection(doc.source, doc.final_url or doc.url)
    except (ValueError, RecursionError, MemoryError) as exc:
        # lxml raises ValueError/ParserError subclasses on pathological markup.
        return TerminalError(Stage.clean, "unparseable", f"{type(exc).__name__}: {exc}").to_rejection(
            doc.source, doc.final_url or doc.url
        )
    if not blocks:
        return Rejection(
            source=doc.source, url=doc.final_url or doc.url, stage=Stage.clean,
            reason="empty_body", message="no main content found",
        )
    return CleanDocument(
        source=doc.source,
        url=doc.final_url or metadata.canonical_url or doc.url,
        format=fmt,
        blocks=blocks,
        metadata=metadata,
        dropped=dropped,
        fetched_at=doc.fetched_at,
        etag=doc.etag,
        last_modified=doc.last_modified,
    )
