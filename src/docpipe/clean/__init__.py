"""Clean stage: FetchedDocument -> CleanDocument (main-content blocks + metadata candidates).

HTML goes through main-content detection (the clean/html/ package); plain text through line-level
boilerplate removal (clean/text.py). Either way the result is an ordered tuple of blocks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docpipe.errors import DocpipeError, TerminalError
from docpipe.models import CleanBlock, CleanDocument, DroppedLine, FetchedDocument, PageMetadata, Rejection, Stage

if TYPE_CHECKING:  # config imports clean.html.settings: no import of config at load time
    from docpipe.config import Settings

__all__ = ["clean_document", "with_zone"]


def with_zone(metadata: PageMetadata, blocks: tuple[CleanBlock, ...], configured: str | None, url: str | None) -> PageMetadata:
    """published_at in the page's local time with its offset, and published_tz (docpipe.dates):
    a stated offset as stated, else the source's configured zone, else the one inferred from
    the page's language and region (Chinese text: mainland unless zh-TW/zh-HK or a .tw/.hk host)."""
    if not metadata.published_at:
        return metadata
    from docpipe import dates, patterns

    sample = (metadata.title or "") + "".join(b.text for b in blocks[:3])
    zone = configured or dates.infer_zone(metadata.language, url, bool(patterns.HAS_CJK(sample)))
    published, tz = dates.localise(metadata.published_at, zone)
    return metadata.model_copy(update={"published_at": published, "published_tz": tz})


def clean_document(doc: FetchedDocument, settings: Settings) -> CleanDocument | Rejection:
    from docpipe.clean.html import clean_html
    from docpipe.clean.profiles import load_profiles
    from docpipe.clean.text import clean_text

    dropped: tuple[DroppedLine, ...] = ()
    try:
        if doc.content_type == "text/html":
            profiles = load_profiles(settings.profiles) if settings.profiles else None
            blocks, metadata = clean_html(
                doc.text, url=doc.final_url or doc.url, profiles=profiles, settings=settings.clean
            )
            fmt = "html"
        else:
            blocks, metadata, dropped = clean_text(doc.text, settings.structure)
            fmt = "text"
    except DocpipeError as exc:
        return exc.to_rejection(doc.source, doc.final_url or doc.url)
    except (ValueError, RecursionError, MemoryError) as exc:
        # lxml raises ValueError/ParserError subclasses on pathological markup.
        return TerminalError(Stage.clean, "unparseable", f"{type(exc).__name__}: {exc}").to_rejection(
            doc.source, doc.final_url or doc.url
        )
    metadata = with_zone(metadata, blocks, settings.timezone_for(doc.source, doc.final_url or doc.url), doc.final_url or doc.url)
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
