"""The Parquet schemas of the dataset: explicit, documented, versioned — never inferred.

Every field carries a ``description`` in its field metadata, and every file carries
``docpipe.schema_version`` and ``docpipe.table`` in its file metadata. docs/schema.md is
generated from this module (:func:`render_markdown`; ``python -m docpipe.export schema-doc
docs/schema.md`` rewrites it, and a test fails when it is stale).

Evolution rule: a new version may only *add nullable columns* (at the end) — never rename,
retype or drop one. Old partitions then read together with new ones: pyarrow.dataset with the
current schema fills the missing column with nulls, and DuckDB does the same with
``union_by_name=true``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

import pyarrow as pa

from docpipe import dates

# 2: runs.fetch_outcomes, runs.retries, runs.slowest (the run report, `docpipe report`, reads them).
# 3: documents.published_tz, documents.source_name (published_at became a true UTC instant).
# 4: documents.near_dup_of, near_dup_score, minhash; the near_dup_bands table.
# 5: documents.near_dup_size (the shingle count a containment score needs).
SCHEMA_VERSION = "5"

TableName = Literal["documents", "blocks", "rejects", "runs", "near_dup_bands"]
TABLES: tuple[TableName, ...] = ("documents", "blocks", "rejects", "runs", "near_dup_bands")
PARTITION_COLUMN = "ingest_date"
PARTITIONED: frozenset[str] = frozenset({"documents", "blocks", "rejects", "near_dup_bands"})

UTC_TS = pa.timestamp("us", tz="UTC")


def _f(name: str, type_: pa.DataType, description: str, *, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"description": description})


HEADING = pa.struct(
    [
        _f("level", pa.int16(), "1 = the top heading level used in this document", nullable=False),
        _f("marker", pa.string(), "marker as written: '一、', '（一）', '1.', '第一,'", nullable=False),
        _f("text", pa.string(), "heading text without its marker", nullable=False),
        _f("block_idx", pa.int32(), "index of the heading's block in `blocks`", nullable=False),
    ]
)
ITEM = pa.struct(
    [
        _f("marker", pa.string(), "enumeration marker: 一是, 首先, 一方面, ——", nullable=False),
        _f("text", pa.string(), "the lead phrase, up to the first ，。；", nullable=False),
        _f("block_idx", pa.int32(), "index of the paragraph block holding the item", nullable=False),
    ]
)
NESTED_BLOCK = pa.struct(
    [
        _f("kind", pa.string(), "heading, paragraph, list_item, table or quote", nullable=False),
        _f("text", pa.string(), "block text (headings without their marker)", nullable=False),
        _f("level", pa.int16(), "heading level; null for other kinds"),
        _f("marker", pa.string(), "heading or list marker as written; null when none"),
        _f("section_path", pa.list_(pa.int32()), "1-based numbers of the enclosing headings, e.g. [2, 1]", nullable=False),
    ]
)

DOCUMENTS = pa.schema(
    [
        _f("doc_id", pa.string(), "stable id: sha256 (32 hex) of the normalised URL, else of the resolved path", nullable=False),
        _f("url", pa.string(), "canonical URL (final URL, else rel=canonical/og:url, else one stated in the text)"),
        _f("source", pa.string(), "the input as given: a path, a URL or 'warc:FILE#RECORD'", nullable=False),
        _f("title", pa.string(), "document title without the site-name suffix"),
        _f("published_at", UTC_TS, "publication instant in UTC (a stated, configured or inferred zone converted exactly, see published_tz); a date alone is midnight UTC of its day"),
        _f("published_at_raw", pa.string(), "publication date/time exactly as extracted (ISO 8601), before parsing"),
        _f("site_name", pa.string(), "site or publisher name, e.g. 三味园范文网"),
        _f("author", pa.string(), "author as stated on the page"),
        _f("language", pa.string(), "BCP-47-ish language code: zh, en, … ('und' when unknown)", nullable=False),
        _f("doc_type", pa.string(), "文种 (document type) for Chinese documents: 讲话, 通知, 意见, …, 其他"),
        _f("text", pa.string(), "main body only; paragraphs separated by a blank line", nullable=False),
        _f("text_chars", pa.int32(), "number of characters in `text`", nullable=False),
        _f("salutation", pa.string(), "opening salutation of a speech, e.g. 同志们"),
        _f("headings", pa.list_(HEADING), "outline headings in document order", nullable=False),
        _f("items", pa.list_(ITEM), "inline enumerations inside paragraphs (一是…二是…)", nullable=False),
        _f("blocks", pa.list_(NESTED_BLOCK), "the body as ordered blocks (also flattened in the `blocks` table)", nullable=False),
        _f("placeholders", pa.list_(pa.string()), "template slots left in the text: X县, 202x年, ***镇, ____", nullable=False),
        _f("references", pa.list_(pa.string()), "titles cited in 《》", nullable=False),
        _f("closing", pa.string(), "closing formula of a speech or letter"),
        _f("speaker", pa.string(), "who gives the speech, when stated"),
        _f("occasion", pa.string(), "meeting or occasion of a speech, when stated"),
        _f("issuer", pa.string(), "issuing authority (发文机关)"),
        _f("doc_number", pa.string(), "文号, e.g. 国发〔2024〕5号"),
        _f("recipients", pa.string(), "主送机关"),
        _f("attachments", pa.list_(pa.string()), "attachment titles (附件)", nullable=False),
        _f("signature", pa.string(), "signing authority or person at the end"),
        _f("signed_date", pa.string(), "date under the signature, as extracted"),
        _f("quoted_terms", pa.list_(pa.string()), "terms quoted in “” that recur (slogans, policy names)", nullable=False),
        _f("outline_warnings", pa.list_(pa.string()), "snake_case notes on outline problems (skipped numbers, …)", nullable=False),
        _f("content_hash", pa.string(), "sha256 of the whitespace-normalised body: same hash = same content", nullable=False),
        _f("fetched_at", UTC_TS, "when the input was fetched or read, UTC", nullable=False),
        _f("etag", pa.string(), "HTTP ETag of the fetched page"),
        _f("last_modified", pa.string(), "HTTP Last-Modified of the fetched page"),
        _f("run_id", pa.string(), "flow run that wrote this version (joins runs.run_id)", nullable=False),
        _f("ingested_at", UTC_TS, "when this version was written: the latest version of a doc_id has the greatest value", nullable=False),
        # schema 2 (additive): the zone published_at was read in, and the 来源 outlet
        _f("published_tz", pa.string(), "zone published_at was read in: the offset the page states (+08:00), else the source's configured or the inferred IANA zone (Asia/Shanghai); null: no zone known, the time was stored as written"),
        _f("source_name", pa.string(), "outlet the story was first published by (来源/稿源, originally published by); not the author, not this site"),
        # schema 4 (additive): near-duplicate clusters (docpipe.neardup)
        _f("near_dup_of", pa.string(), "doc_id of the earliest member of this document's near-duplicate cluster; null when it is the earliest or has no near-duplicate, and before schema 4"),
        _f("near_dup_score", pa.float32(), "similarity to the closest earlier member of its cluster: by default ([near_dup] verify) the share of the span both texts hold covered by the other's shingles (docpipe.neardup.verify), else the signature estimate under [near_dup] measure; null with near_dup_of"),
        _f("minhash", pa.list_(pa.uint32()), "MinHash signature of the body's shingles ([near_dup] num_perm values); null when the text is too short, near_dup is off, or before schema 4"),
        _f("near_dup_size", pa.int32(), "number of distinct shingles the signature was made of (with minhash; null before schema 5)"),
    ]
)

BLOCKS = pa.schema(
    [
        _f("doc_id", pa.string(), "document the block belongs to (joins documents.doc_id)", nullable=False),
        _f("run_id", pa.string(), "run that wrote the document version (join on doc_id + run_id)", nullable=False),
        _f("block_idx", pa.int32(), "0-based position of the block in the document body", nullable=False),
        _f("section_path", pa.list_(pa.int32()), "1-based numbers of the enclosing headings, e.g. [2, 1] = section 2, subsection 1", nullable=False),
        _f("kind", pa.string(), "heading, paragraph, list_item, table or quote", nullable=False),
        _f("level", pa.int16(), "heading level (1 = top); null for other kinds"),
        _f("marker", pa.string(), "heading or list marker as written; null when none"),
        _f("text", pa.string(), "block text", nullable=False),
    ]
)

REJECTS = pa.schema(
    [
        _f("source", pa.string(), "the input as given", nullable=False),
        _f("url", pa.string(), "URL of the input, when known"),
        _f("stage", pa.string(), "stage that rejected it: fetch, clean, structure or export", nullable=False),
        _f("reason", pa.string(), "snake_case reason code, e.g. http_404, binary_content", nullable=False),
        _f("message", pa.string(), "human-readable explanation", nullable=False),
        _f("transient", pa.bool_(), "true when a later retry may succeed", nullable=False),
        _f("run_id", pa.string(), "run that met the failure (joins runs.run_id)", nullable=False),
        _f("fetched_at", UTC_TS, "when the input was fetched or read, UTC", nullable=False),
    ]
)

COUNT_ENTRY = pa.struct(
    [
        _f("key", pa.string(), "stage or reason", nullable=False),
        _f("count", pa.int64(), "number of inputs", nullable=False),
    ]
)
SECONDS_ENTRY = pa.struct(
    [
        _f("key", pa.string(), "stage", nullable=False),
        _f("seconds", pa.float64(), "wall-clock seconds spent", nullable=False),
    ]
)

SLOW_INPUT = pa.struct(
    [
        _f("source", pa.string(), "the input as given", nullable=False),
        _f("seconds", pa.float64(), "seconds spent cleaning and structuring it", nullable=False),
    ]
)

RUNS = pa.schema(
    [
        _f("run_id", pa.string(), "flow run id; its row here marks the run as committed", nullable=False),
        _f("started_at", UTC_TS, "flow run start, UTC", nullable=False),
        _f("finished_at", UTC_TS, "flow run end, UTC", nullable=False),
        _f("committed_at", UTC_TS, "when the export committed the run's files, UTC", nullable=False),
        _f("ingest_date", pa.date32(), "partition the run wrote to", nullable=False),
        _f("docpipe_version", pa.string(), "docpipe package version", nullable=False),
        _f("schema_version", pa.string(), "dataset schema version the run wrote", nullable=False),
        _f("discovered", pa.int64(), "inputs found (after directory/sitemap expansion)", nullable=False),
        _f("documents", pa.int64(), "document rows written (new or changed)", nullable=False),
        _f("unchanged", pa.int64(), "inputs skipped because their content was already in the dataset", nullable=False),
        _f("rejected", pa.int64(), "inputs that ended in rejects", nullable=False),
        _f("duplicates", pa.int64(), "inputs that resolved to a document already written in this run (same doc_id)", nullable=False),
        _f("blocks", pa.int64(), "block rows written", nullable=False),
        _f("rejected_by_stage", pa.list_(COUNT_ENTRY), "rejected inputs per stage", nullable=False),
        _f("reject_reasons", pa.list_(COUNT_ENTRY), "rejected inputs per reason", nullable=False),
        _f("seconds_by_stage", pa.list_(SECONDS_ENTRY), "wall-clock seconds per stage", nullable=False),
        _f("files", pa.int64(), "Parquet files the run committed", nullable=False),
        _f("bytes", pa.int64(), "bytes of Parquet the run committed", nullable=False),
        _f("config", pa.string(), "the run's settings as JSON, for reproducibility"),
        _f("fetch_outcomes", pa.list_(COUNT_ENTRY), "inputs per fetch outcome: 200, 304, 4xx, 5xx, timeout, connection_error, refused, local; null before schema 2"),
        _f("retries", pa.int64(), "HTTP requests retried after a transient failure (timeouts, 429, 5xx, connection errors); null before schema 2"),
        _f("slowest", pa.list_(SLOW_INPUT), "the run's slowest inputs (clean + structure), slowest first; null before schema 2"),
    ]
)

NEAR_DUP_BANDS = pa.schema(
    [
        _f("key", pa.int64(), "LSH band key: hash of one band of the signature (band number included)", nullable=False),
        _f("band", pa.int16(), "band number, 0-based", nullable=False),
        _f("doc_id", pa.string(), "document whose signature has this band (joins documents.doc_id)", nullable=False),
        _f("run_id", pa.string(), "run that wrote the document version (join on doc_id + run_id)", nullable=False),
    ]
)

# Not a table of the dataset's history: `docpipe compact` writes it as latest/clusters.parquet.
CLUSTERS = pa.schema(
    [
        _f("cluster_id", pa.string(), "doc_id of the cluster's earliest member: coalesce(near_dup_of, doc_id) of every member", nullable=False),
        _f("size", pa.int64(), "documents (latest versions) in the cluster; 1 for a document without near-duplicates", nullable=False),
        _f("sites", pa.list_(pa.string()), "distinct sites of the members (URL host without www., else site_name), sorted", nullable=False),
        _f("first_seen", UTC_TS, "ingested_at of the first committed version of any member", nullable=False),
        _f("doc_ids", pa.list_(pa.string()), "the members' doc_ids, earliest first (joins documents.doc_id)", nullable=False),
    ]
)
SNAPSHOT_SCHEMAS: dict[str, pa.Schema] = {"clusters": CLUSTERS}

SCHEMAS: dict[str, pa.Schema] = {
    "documents": DOCUMENTS, "blocks": BLOCKS, "rejects": REJECTS, "runs": RUNS, "near_dup_bands": NEAR_DUP_BANDS,
}

# Columns with few distinct values: Parquet dictionary encoding shrinks them and speeds up
# filters. Long free text (text, message, titles) is left plain — a dictionary of unique
# values only costs space.
DICTIONARY_COLUMNS: dict[str, list[str]] = {
    "documents": ["site_name", "author", "language", "doc_type", "run_id", "salutation",
                  "headings.list.element.marker", "items.list.element.marker",
                  "blocks.list.element.kind", "blocks.list.element.marker", "issuer"],
    "blocks": ["doc_id", "run_id", "kind", "marker"],
    "rejects": ["stage", "reason", "run_id"],
    "runs": ["docpipe_version", "schema_version"],
    "near_dup_bands": ["doc_id", "run_id"],
}

# Rows per row group: large enough for scans (a few MB to ~100 MB uncompressed per group),
# small enough that a filter on statistics can skip groups. Documents carry whole texts
# (~5-20 KB each); blocks are short.
# Band rows are tiny (a key, a band number, two ids): large groups keep a lookup's scan cheap.
ROW_GROUP_ROWS: dict[str, int] = {
    "documents": 8_192, "blocks": 131_072, "rejects": 65_536, "runs": 65_536, "near_dup_bands": 262_144,
}

COMPRESSION = "zstd"
COMPRESSION_LEVEL = 3


def with_file_metadata(schema: pa.Schema, table: str) -> pa.Schema:
    return schema.with_metadata(
        {
            "docpipe.schema_version": SCHEMA_VERSION,
            "docpipe.table": table,
        }
    )


def parquet_options(table: str) -> dict[str, object]:
    """Options for ``pyarrow.parquet.write_table`` / ``ParquetWriter`` for ``table``."""
    return {
        "compression": COMPRESSION,
        "compression_level": COMPRESSION_LEVEL,
        "use_dictionary": DICTIONARY_COLUMNS[table],
        "row_group_size": ROW_GROUP_ROWS[table],
        "write_statistics": True,
    }


# ---------------------------------------------------------------------------------------------
# values


def parse_published(value: str | None) -> datetime | None:
    """The Parquet `published_at`: docpipe.dates.to_utc (a true UTC instant where the zone is
    stated, configured or inferred; a date alone is midnight UTC of its day)."""
    return dates.to_utc(value)


def as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


# ---------------------------------------------------------------------------------------------
# docs/schema.md


@dataclass(frozen=True)
class _Row:
    name: str
    type: str
    nullable: bool
    description: str


def type_name(t: pa.DataType) -> str:
    """Short, engine-neutral type names for the data dictionary."""
    if pa.types.is_list(t):
        inner = t.value_type
        return "list<struct>" if pa.types.is_struct(inner) else f"list<{type_name(inner)}>"
    if pa.types.is_timestamp(t):
        return f"timestamp[{t.unit}, {t.tz}]"
    if pa.types.is_date32(t):
        return "date"
    return str(t)


def _rows(schema_or_struct: pa.Schema | pa.StructType, prefix: str = "") -> list[_Row]:
    rows: list[_Row] = []
    fields = list(schema_or_struct) if isinstance(schema_or_struct, pa.Schema) else [schema_or_struct.field(i) for i in range(schema_or_struct.num_fields)]
    for field in fields:
        desc = (field.metadata or {}).get(b"description", b"").decode("utf-8")
        rows.append(_Row(prefix + field.name, type_name(field.type), field.nullable, desc))
        inner = field.type
        if pa.types.is_list(inner):
            inner = inner.value_type
        if pa.types.is_struct(inner):
            rows.extend(_rows(inner, prefix + field.name + "[]." if pa.types.is_list(field.type) else prefix + field.name + "."))
    return rows


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _column_table(schema: pa.Schema) -> list[str]:
    lines = ["| column | type | nullable | description |", "|---|---|---|---|"]
    for row in _rows(schema):
        lines.append(f"| `{row.name}` | `{_cell(row.type)}` | {'yes' if row.nullable else 'no'} | {_cell(row.description)} |")
    return [*lines, ""]


def render_markdown() -> str:
    """docs/schema.md: the data dictionary, generated from the schemas above."""
    out = [
        "# docpipe dataset schema",
        "",
        "<!-- generated by `python -m docpipe.export schema-doc docs/schema.md`; do not edit by hand -->",
        "",
        f"Schema version: **{SCHEMA_VERSION}** (stored in every file's metadata as `docpipe.schema_version`).",
        "",
        "Layout (`DIR` is a local folder or `s3://bucket/prefix`):",
        "",
        "    DIR/documents/ingest_date=YYYY-MM-DD/part-<run_id>-<batch>-<writer>.parquet",
        "    DIR/blocks/ingest_date=YYYY-MM-DD/part-<run_id>-<batch>-<writer>.parquet",
        "    DIR/rejects/ingest_date=YYYY-MM-DD/part-<run_id>-<batch>-<writer>.parquet",
        "    DIR/near_dup_bands/ingest_date=YYYY-MM-DD/part-<run_id>-<batch>-<writer>.parquet",
        "    DIR/runs/part-<run_id>.parquet",
        "    DIR/latest/documents.parquet, DIR/latest/blocks.parquet   (written by `docpipe compact`)",
        "    DIR/latest/clusters.parquet   (near-duplicate clusters, `docpipe compact`)",
        "",
        "`ingest_date` is a hive partition (the UTC day of the run), not a column inside the files.",
        f"Compression is {COMPRESSION} (level {COMPRESSION_LEVEL}); timestamps are microseconds in UTC.",
        "Nested fields are listed as `parent[].child` (list of structs) or `parent.child`.",
        "",
        "## Versions, commits and \"latest only\"",
        "",
        "- `documents` holds one row per document *version*: a run writes a document only when its",
        "  `content_hash` differs from the latest version already committed. The latest version of a",
        "  `doc_id` is the row with the greatest `ingested_at` (ties: greatest `run_id`); its blocks are",
        "  the `blocks` rows with the same `doc_id` and `run_id`.",
        "- A run's files are renamed into place only when it commits (after all its batches), and its",
        "  `runs` row is written last; every file appears whole (temporary name, then rename).",
        "  Rows whose `run_id` has no `runs` row belong to a commit interrupted by a crash; the next run",
        "  (or `docpipe compact`) completes it. Join on `runs` to see committed rows only.",
        "- `docpipe compact DIR` writes `DIR/latest/documents.parquet` and `DIR/latest/blocks.parquet`:",
        "  latest versions only, with `ingest_date` as an ordinary column. Or query the history directly:",
        "",
        "```sql",
        "SELECT * FROM read_parquet('DIR/documents/**/*.parquet', hive_partitioning = true)",
        "QUALIFY row_number() OVER (PARTITION BY doc_id ORDER BY ingested_at DESC, run_id DESC) = 1;",
        "```",
        "",
        "Evolution: a new schema version only adds nullable columns. Read old and new partitions",
        "together with `union_by_name = true` (DuckDB) or `pyarrow.dataset.dataset(..., schema=…)`.",
        "",
    ]
    for name, schema in SCHEMAS.items():
        out += [f"## {name}", ""]
        dict_cols = ", ".join(f"`{c}`" for c in DICTIONARY_COLUMNS[name])
        out += [f"Row group size: {ROW_GROUP_ROWS[name]:,} rows. Dictionary-encoded: {dict_cols}.", "", *_column_table(schema)]
    out += [
        "## clusters",
        "",
        "`DIR/latest/clusters.parquet`, written by `docpipe compact`: one row per near-duplicate cluster of",
        "the latest versions (a document without near-duplicates is a cluster of one, so the row count is",
        "the number of distinct documents). Near-duplicates: a score (`near_dup_score`) of the bodies at or",
        "above `[near_dup] threshold` (see `near_dup_of` above).",
        "",
        *_column_table(CLUSTERS),
    ]
    return "\n".join(out)


def write_markdown(path: str | Path | None = None) -> str:
    """Write docs/schema.md to ``path`` (or stdout when None); returns the text."""
    text = render_markdown()
    if path is None:
        sys.stdout.write(text)
    else:
        Path(path).write_text(text, encoding="utf-8")
    return text
