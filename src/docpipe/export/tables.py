"""Stage models → Arrow tables with the explicit schemas of :mod:`docpipe.export.schemas`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from operator import attrgetter
from typing import Any

import pyarrow as pa

from docpipe.export.schemas import BLOCKS, DOCUMENTS, REJECTS, RUNS, SCHEMA_VERSION, as_utc, parse_published, with_file_metadata
from docpipe.models import Rejection, RunRecord, StructuredDocument


def _list_column(per_doc: list[Sequence[Any]], list_type: pa.DataType, getters: Sequence[Callable[[Any], Any]] | None = None) -> pa.Array:
    """A list<…> column built from flat child values plus offsets — no per-child dicts.

    Column-wise building matters: per-row dicts for ~10-50 nested children per document made
    the garbage collector, not Parquet, the largest cost of the export (bench_export.py).
    """
    offsets = [0]
    value_type = list_type.value_type
    if getters is None:  # list<primitive>
        flat: list[Any] = []
        for children in per_doc:
            flat.extend(children)
            offsets.append(len(flat))
        values = pa.array(flat, type=value_type)
    else:  # list<struct>
        columns: list[list[Any]] = [[] for _ in getters]
        n = 0
        for children in per_doc:
            for child in children:
                for column, get in zip(columns, getters):
                    column.append(get(child))
            n += len(children)
            offsets.append(n)
        fields = [value_type.field(i) for i in range(value_type.num_fields)]
        values = pa.StructArray.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, fields)], fields=fields)
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), values, type=list_type)


def _nested_blocks(docs: Sequence[StructuredDocument], flat: pa.Table, list_type: pa.DataType) -> pa.Array:
    """documents.blocks from the arrays of the flat blocks table (same rows, same order)."""
    offsets = [0]
    for d in docs:
        offsets.append(offsets[-1] + len(d.blocks))
    struct = list_type.value_type
    fields = [struct.field(i) for i in range(struct.num_fields)]
    values = pa.StructArray.from_arrays([flat.column(f.name).combine_chunks() for f in fields], fields=fields)
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), values, type=list_type)


def documents_table(
    docs: Sequence[StructuredDocument],
    run_id: str,
    ingested_at: datetime,
    *,
    blocks: pa.Table | None = None,
    near_dup: Sequence[tuple[list[int] | None, str | None, float | None, int | None]] | None = None,
) -> pa.Table:
    """The documents rows; ``blocks`` (the same docs' :func:`blocks_table`) is reused for the
    nested ``blocks`` column instead of walking every block a second time. ``near_dup`` gives
    each document's (minhash, near_dup_of, near_dup_score, near_dup_size); None leaves those columns null."""
    schema = with_file_metadata(DOCUMENTS, "documents")
    ingested = as_utc(ingested_at)
    n = len(docs)
    nested: dict[str, tuple[Callable[[StructuredDocument], Sequence[Any]], list[Callable[[Any], Any]] | None]] = {
        "headings": (attrgetter("headings"), [attrgetter("level"), attrgetter("marker"), attrgetter("text"), attrgetter("block_idx")]),
        "items": (attrgetter("items"), [attrgetter("marker"), attrgetter("text"), attrgetter("block_idx")]),
        "blocks": (
            attrgetter("blocks"),
            [attrgetter("kind"), attrgetter("text"), attrgetter("level"), attrgetter("marker"), lambda b: list(b.section_path)],
        ),
        **{name: (attrgetter(name), None) for name in ("placeholders", "references", "attachments", "quoted_terms", "outline_warnings")},
    }
    computed: dict[str, list[Any]] = {
        "published_at": [parse_published(d.published_at) for d in docs],
        "published_at_raw": [d.published_at for d in docs],
        "text_chars": [len(d.text) for d in docs],
        "fetched_at": [as_utc(d.fetched_at) for d in docs],
        "run_id": [run_id] * n,
        "ingested_at": [ingested] * n,
        "minhash": [v[0] for v in near_dup] if near_dup is not None else [None] * n,
        "near_dup_of": [v[1] for v in near_dup] if near_dup is not None else [None] * n,
        "near_dup_score": [v[2] for v in near_dup] if near_dup is not None else [None] * n,
        "near_dup_size": [v[3] for v in near_dup] if near_dup is not None else [None] * n,
    }
    arrays: list[pa.Array] = []
    for field in schema:
        if field.name == "blocks" and blocks is not None:
            arrays.append(_nested_blocks(docs, blocks, field.type))
        elif field.name in nested:
            children, getters = nested[field.name]
            arrays.append(_list_column([children(d) for d in docs], field.type, getters))
        elif field.name in computed:
            arrays.append(pa.array(computed[field.name], type=field.type))
        else:
            get = attrgetter(field.name)
            arrays.append(pa.array([get(d) for d in docs], type=field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def blocks_table(docs: Sequence[StructuredDocument], run_id: str) -> pa.Table:
    # Column-wise building: blocks outnumber documents ~10-50x, and per-row dicts would
    # dominate the export's time.
    doc_ids: list[str] = []
    idx: list[int] = []
    paths: list[list[int]] = []
    kinds: list[str] = []
    levels: list[int | None] = []
    markers: list[str | None] = []
    texts: list[str] = []
    for d in docs:
        for i, b in enumerate(d.blocks):
            doc_ids.append(d.doc_id)
            idx.append(i)
            paths.append(list(b.section_path))
            kinds.append(b.kind)
            levels.append(b.level)
            markers.append(b.marker)
            texts.append(b.text)
    schema = with_file_metadata(BLOCKS, "blocks")
    columns = {
        "doc_id": doc_ids,
        "run_id": [run_id] * len(doc_ids),
        "block_idx": idx,
        "section_path": paths,
        "kind": kinds,
        "level": levels,
        "marker": markers,
        "text": texts,
    }
    return pa.Table.from_arrays([pa.array(columns[f.name], type=f.type) for f in schema], schema=schema)


def rejects_table(rejects: Sequence[Rejection], run_id: str) -> pa.Table:
    rows = [
        {
            "source": r.source,
            "url": r.url,
            "stage": str(r.stage),
            "reason": r.reason,
            "message": r.message,
            "transient": r.transient,
            "run_id": run_id,
            "fetched_at": as_utc(r.fetched_at),
        }
        for r in rejects
    ]
    return pa.Table.from_pylist(rows, schema=with_file_metadata(REJECTS, "rejects"))


def runs_table(record: RunRecord, *, ingest_date: date, committed_at: datetime, files: int, size: int) -> pa.Table:
    row = {
        "run_id": record.run_id,
        "started_at": as_utc(record.started_at),
        "finished_at": as_utc(record.finished_at),
        "committed_at": as_utc(committed_at),
        "ingest_date": ingest_date,
        "docpipe_version": record.docpipe_version,
        "schema_version": SCHEMA_VERSION,
        "discovered": record.discovered,
        "documents": record.documents,
        "unchanged": record.unchanged,
        "rejected": record.rejected,
        "duplicates": record.duplicates,
        "blocks": record.blocks,
        "rejected_by_stage": [{"key": k, "count": v} for k, v in sorted(record.rejected_by_stage.items())],
        "reject_reasons": [{"key": k, "count": v} for k, v in sorted(record.reject_reasons.items())],
        "seconds_by_stage": [{"key": k, "seconds": v} for k, v in record.seconds_by_stage.items()],
        "files": files,
        "bytes": size,
        "config": record.config,
        "fetch_outcomes": [{"key": k, "count": v} for k, v in sorted(record.fetch_outcomes.items())],
        "retries": record.retries,
        "slowest": [{"source": src, "seconds": sec} for src, sec in record.slowest],
    }
    return pa.Table.from_pylist([row], schema=with_file_metadata(RUNS, "runs"))
