"""Stage models → Arrow tables with the explicit schemas of :mod:`docpipe.export.schemas`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import pyarrow as pa

from docpipe.export.schemas import BLOCKS, DOCUMENTS, REJECTS, RUNS, SCHEMA_VERSION, as_utc, parse_published, with_file_metadata
from docpipe.models import Rejection, RunRecord, StructuredDocument


def documents_table(docs: Sequence[StructuredDocument], run_id: str, ingested_at: datetime) -> pa.Table:
    ingested = as_utc(ingested_at)
    rows: list[dict[str, Any]] = []
    for d in docs:
        rows.append(
            {
                "doc_id": d.doc_id,
                "url": d.url,
                "source": d.source,
                "title": d.title,
                "published_at": parse_published(d.published_at),
                "published_at_raw": d.published_at,
                "site_name": d.site_name,
                "author": d.author,
                "language": d.language,
                "doc_type": d.doc_type,
                "text": d.text,
                "text_chars": len(d.text),
                "salutation": d.salutation,
                "headings": [h.model_dump() for h in d.headings],
                "items": [i.model_dump() for i in d.items],
                "blocks": [
                    {"kind": b.kind, "text": b.text, "level": b.level, "marker": b.marker, "section_path": list(b.section_path)}
                    for b in d.blocks
                ],
                "placeholders": list(d.placeholders),
                "references": list(d.references),
                "closing": d.closing,
                "speaker": d.speaker,
                "occasion": d.occasion,
                "issuer": d.issuer,
                "doc_number": d.doc_number,
                "recipients": d.recipients,
                "attachments": list(d.attachments),
                "signature": d.signature,
                "signed_date": d.signed_date,
                "quoted_terms": list(d.quoted_terms),
                "outline_warnings": list(d.outline_warnings),
                "content_hash": d.content_hash,
                "fetched_at": as_utc(d.fetched_at),
                "etag": d.etag,
                "last_modified": d.last_modified,
                "run_id": run_id,
                "ingested_at": ingested,
            }
        )
    return pa.Table.from_pylist(rows, schema=with_file_metadata(DOCUMENTS, "documents"))


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
        "blocks": record.blocks,
        "rejected_by_stage": [{"key": k, "count": v} for k, v in sorted(record.rejected_by_stage.items())],
        "reject_reasons": [{"key": k, "count": v} for k, v in sorted(record.reject_reasons.items())],
        "seconds_by_stage": [{"key": k, "seconds": v} for k, v in record.seconds_by_stage.items()],
        "files": files,
        "bytes": size,
        "config": record.config,
    }
    return pa.Table.from_pylist([row], schema=with_file_metadata(RUNS, "runs"))
