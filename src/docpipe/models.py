"""The records that pass between stages: one frozen pydantic model per stage boundary.

    fetch ──FetchedDocument──▶ clean ──CleanDocument──▶ structure ──StructuredDocument──▶ export

Any stage may instead return a Rejection (which input, which stage, a snake_case reason and a
human message); nothing is dropped silently. Models are frozen so a stage cannot mutate what an
earlier stage produced, and `extra="forbid"` so a misspelt field fails loudly instead of
drifting into the Parquet files.
"""

from __future__ import annotations

from datetime import datetime, timezone
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Stage(StrEnum):
    fetch = "fetch"
    clean = "clean"
    structure = "structure"
    export = "export"


# ---------------------------------------------------------------------------------------------
# fetch -> clean


class FetchedDocument(_Frozen):
    """Bytes as fetched, plus the text they decode to and how that decoding was chosen."""

    source: str = Field(description="the input as given: a path, a URL, or 'warc:FILE#RECORD'")
    url: str | None = Field(None, description="requested URL; None for local files")
    final_url: str | None = Field(None, description="URL after redirects")
    status: int | None = Field(None, description="HTTP status; None for local files")
    content_type: Literal["text/html", "text/plain"] = Field(
        description="media type the pipeline treats the body as"
    )
    declared_encoding: str | None = Field(
        None, description="encoding stated by a BOM, the HTTP header or <meta charset>"
    )
    detected_encoding: str | None = Field(
        None, description="encoding found by charset-normalizer when the declaration was absent or wrong"
    )
    encoding: str = Field(description="the codec actually used to decode `content`")
    content: bytes = Field(repr=False, description="raw bytes")
    text: str = Field(repr=False, description="decoded text")
    fetched_at: datetime = Field(default_factory=utcnow)
    etag: str | None = None
    last_modified: str | None = None

    @field_validator("fetched_at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


# ---------------------------------------------------------------------------------------------
# clean -> structure

BlockKind = Literal["heading", "paragraph", "list_item", "table", "quote"]


class CleanBlock(_Frozen):
    """One main-content block as found on the page, before outline analysis."""

    kind: BlockKind
    text: str
    level: int | None = Field(None, description="HTML heading level (h1=1 … h6=6), when the page says")
    bold: bool = Field(False, description="the whole block is bold/strong: a heading candidate")
    noise_vetted: bool = Field(
        False, description="text is already the output of docpipe.clean.noise.clean_line (the structure stage skips it)"
    )


class PageMetadata(_Frozen):
    """Metadata candidates read from the page chrome (meta tags, banner, share notice)."""

    title: str | None = None
    published_at: str | None = Field(
        None, description="ISO 8601 date or datetime as the page states it; with its offset once the zone is known"
    )
    published_tz: str | None = Field(
        None, description="zone of published_at: the stated offset (+08:00), else the configured or inferred IANA zone"
    )
    site_name: str | None = None
    author: str | None = None
    source_name: str | None = Field(
        None, description="outlet the story was first published by (来源/稿源, originally published by)"
    )
    canonical_url: str | None = None
    language: str | None = Field(None, description="declared language (html lang=, meta)")


class DroppedLine(_Frozen):
    """A line of a text scrape left out of the body as page chrome (docpipe.clean.noise)."""

    text: str
    reason: str = Field(description="page_counter, jammer, breadcrumb, meta_fields, paywall, widget, "
                        "doc_site_field, collection_label, keyword_bar, css, html_fragment, adjacent_link, "
                        "head, tail, stray_chrome, inline_only")


class CleanDocument(_Frozen):
    source: str
    url: str | None = Field(None, description="best URL known: final URL, else canonical, else stated")
    format: Literal["html", "text"]
    blocks: tuple[CleanBlock, ...]
    metadata: PageMetadata = PageMetadata()
    dropped: tuple[DroppedLine, ...] = Field((), description="text scrapes: the chrome lines dropped, with reasons")
    fetched_at: datetime = Field(default_factory=utcnow)
    etag: str | None = None
    last_modified: str | None = None


# ---------------------------------------------------------------------------------------------
# structure -> export


class Heading(_Frozen):
    level: int = Field(description="1 = the top level used in this document")
    marker: str = Field(description="as written: '一、', '（一）', '1.', '第一,'")
    text: str = Field(description="heading text without its marker")
    block_idx: int = Field(description="index into StructuredDocument.blocks")


class Item(_Frozen):
    """An inline enumeration point inside a paragraph (一是…, 首先…, 一方面…, ——…)."""

    marker: str
    text: str = Field(description="the lead phrase, up to the first ，。；")
    block_idx: int


class Block(_Frozen):
    kind: BlockKind
    text: str
    level: int | None = None
    marker: str | None = None
    section_path: tuple[int, ...] = Field(
        (), description="1-based numbers of the enclosing headings, e.g. (2, 1)"
    )


class StructuredDocument(_Frozen):
    """Every field of `docpipe extract` (docs/interface.md) plus identifiers for export."""

    doc_id: str = Field(description="stable hash of the normalised URL, else of the path")
    source: str
    url: str | None = None
    title: str | None = None
    published_at: str | None = Field(None, description="local time with its offset (2024-12-06T00:37:14+08:00), or a date")
    published_tz: str | None = Field(None, description="stated offset, or the configured/inferred IANA zone")
    site_name: str | None = None
    author: str | None = None
    source_name: str | None = Field(None, description="来源: the outlet that first published the story")
    language: str = "und"
    doc_type: str | None = None
    text: str
    headings: tuple[Heading, ...] = ()
    items: tuple[Item, ...] = ()
    salutation: str | None = None
    blocks: tuple[Block, ...] = ()
    placeholders: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    # Extensions beyond the interface's minimum (公文 fields and speech framing).
    closing: str | None = None
    speaker: str | None = None
    occasion: str | None = None
    issuer: str | None = Field(None, description="issuing authority (发文机关)")
    doc_number: str | None = Field(None, description="文号, e.g. 国发〔2024〕5号")
    recipients: str | None = Field(None, description="主送机关")
    attachments: tuple[str, ...] = ()
    signature: str | None = None
    signed_date: str | None = None
    quoted_terms: tuple[str, ...] = ()
    outline_warnings: tuple[str, ...] = ()
    # Provenance, for export.
    content_hash: str = Field(description="sha256 of the body text: unchanged text → same hash")
    fetched_at: datetime = Field(default_factory=utcnow)
    etag: str | None = None
    last_modified: str | None = None


class Rejection(_Frozen):
    """An input that could not be processed: which one, at which stage, why."""

    source: str
    url: str | None = None
    stage: Stage
    reason: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="snake_case code, e.g. http_404")
    message: str
    transient: bool = Field(False, description="a later retry may succeed")
    fetched_at: datetime = Field(default_factory=utcnow)

    def as_error(self) -> dict[str, str]:
        """The `error` object of `docpipe extract`'s JSON."""
        return {"stage": str(self.stage), "reason": self.reason, "message": self.message}


class Unchanged(_Frozen):
    """An input seen before whose content has not changed: counted, not written again."""

    source: str
    url: str | None = None
    doc_id: str | None = None
    reason: Literal["not_modified", "same_content"] = Field(
        description="not_modified: HTTP 304 / same validators; same_content: same content_hash"
    )
    fetched_at: datetime = Field(default_factory=utcnow)


class RunRecord(_Frozen):
    """One row of the `runs` table: what a flow run did, written last (it marks the commit)."""

    run_id: str
    started_at: datetime
    finished_at: datetime
    docpipe_version: str
    discovered: int = Field(0, description="inputs found (after directory/sitemap expansion)")
    documents: int = Field(0, description="document rows written (new or changed)")
    unchanged: int = Field(0, description="inputs skipped because nothing changed")
    rejected: int = Field(0, description="inputs that ended in rejects")
    duplicates: int = Field(
        0, description="inputs that resolved to a document already written in this run (same doc_id)"
    )
    rejected_by_stage: dict[str, int] = Field(default_factory=dict)
    reject_reasons: dict[str, int] = Field(default_factory=dict)
    blocks: int = 0
    seconds_by_stage: dict[str, float] = Field(default_factory=dict)
    config: str | None = Field(None, description="the settings as JSON, for reproducibility")
    fetch_outcomes: dict[str, int] = Field(
        default_factory=dict, description="inputs per fetch outcome (docpipe.fetch.outcomes.FetchOutcome)"
    )
    retries: int = Field(0, description="HTTP requests retried after a transient failure")
    slowest: list[tuple[str, float]] = Field(
        default_factory=list, description="(source, seconds) of the slowest inputs, slowest first"
    )
