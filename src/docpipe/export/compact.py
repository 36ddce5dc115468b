"""``docpipe compact DIR``: a snapshot holding only the latest version of every document.

The snapshot is ``DIR/latest/documents.parquet`` and ``DIR/latest/blocks.parquet`` (same
columns as the tables, plus ``ingest_date`` as a real column since the snapshot is not
partitioned), and ``DIR/latest/clusters.parquet``: the near-duplicate clusters of those latest
versions (docpipe.neardup.clusters), written after them with the same snapshot id. Each is written under a temporary name and renamed over the previous one, so a
reader sees the old file or the new one, never a mix. Blocks are written first, documents
second; both carry the same ``docpipe.snapshot_id`` in their file metadata. The history (every
version) stays in ``documents/`` and ``blocks/``; compact never deletes committed data.

Before writing, compact also completes interrupted commits (roll-forward, as the writer does)
and removes staging folders of runs that died before committing and have been idle for
``abandoned_after`` seconds.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from pydantic import BaseModel, ConfigDict
from rich.table import Table

from docpipe.export.dataset import abandoned_staging, committed_run_ids, first_ingested, latest_versions, open_dataset, recover
from docpipe.export.schemas import (
    COMPRESSION,
    COMPRESSION_LEVEL,
    PARTITION_COLUMN,
    ROW_GROUP_ROWS,
    SCHEMA_VERSION,
    SCHEMAS,
    parquet_options,
)
from docpipe.export.storage import Storage
from docpipe.rendering import rich_table

LATEST_DIR = "latest"


class CompactResult(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    snapshot_id: str
    documents: int
    superseded_versions: int
    blocks: int
    clusters: int
    near_dup_clusters: int
    recovered_runs: tuple[str, ...]
    removed_staging: tuple[str, ...]
    bytes: int


def _key(table: pa.Table) -> pa.Array:
    return pc.binary_join_element_wise(table.column("doc_id"), table.column("run_id"), "\x1f")


def _snapshot_metadata(table: str, snapshot_id: str) -> dict[str, str]:
    return {"docpipe.schema_version": SCHEMA_VERSION, "docpipe.table": table, "docpipe.snapshot_id": snapshot_id}


def _write_clusters(storage: Storage, winners: pa.Array, runs: pa.Array, snapshot_id: str) -> tuple[pa.Table, int]:
    """latest/clusters.parquet from the latest versions' (doc_id, url, site_name, near_dup_of)."""
    from docpipe.neardup.clusters import clusters_table

    dataset = open_dataset(storage, "documents")
    columns = ["doc_id", "url", "site_name", "near_dup_of", "run_id"]
    if dataset is None:
        latest = SCHEMAS["documents"].empty_table().select(columns)
    else:
        latest = dataset.to_table(columns=columns, filter=pc.field("run_id").isin(runs))
        latest = latest.filter(pc.is_in(_key(latest), winners))
    table = clusters_table(latest, first_ingested(storage))
    table = table.replace_schema_metadata(_snapshot_metadata("clusters", snapshot_id))
    size = storage.write_parquet(
        f"{LATEST_DIR}/clusters.parquet", table, compression=COMPRESSION, compression_level=COMPRESSION_LEVEL
    )
    return table, size


def _snapshot_schema(table: str, snapshot_id: str) -> pa.Schema:
    schema = SCHEMAS[table].append(
        pa.field(PARTITION_COLUMN, pa.date32(), nullable=False, metadata={"description": "partition the version was written to"})
    )
    return schema.with_metadata(_snapshot_metadata(table, snapshot_id))


def _write_latest(storage: Storage, table: str, winners: pa.Array, runs: pa.Array, snapshot_id: str) -> tuple[int, int]:
    """Stream the committed files of ``table`` into ``latest/<table>.parquet``, keeping rows of
    winning (doc_id, run_id) pairs; row groups are filled to ROW_GROUP_ROWS before writing."""
    schema = _snapshot_schema(table, snapshot_id)
    dataset = open_dataset(storage, table)
    options = parquet_options(table)
    row_group = int(options.pop("row_group_size"))  # type: ignore[call-overload]
    rows = 0

    def write(stream: pa.NativeFile) -> None:
        nonlocal rows
        with pq.ParquetWriter(stream, schema, **options) as writer:
            if dataset is None:
                return
            pending: list[pa.Table] = []
            pending_rows = 0
            for batch in dataset.to_batches(filter=pc.field("run_id").isin(runs)):
                part = pa.Table.from_batches([batch])
                part = part.filter(pc.is_in(_key(part), winners))
                if part.num_rows == 0:
                    continue
                pending.append(part.select(schema.names).cast(schema))
                pending_rows += part.num_rows
                if pending_rows >= row_group:
                    writer.write_table(pa.concat_tables(pending), row_group_size=row_group)
                    rows += pending_rows
                    pending, pending_rows = [], 0
            if pending:
                writer.write_table(pa.concat_tables(pending), row_group_size=row_group)
                rows += pending_rows

    size = storage.write_atomic(f"{LATEST_DIR}/{table}.parquet", write)
    return rows, size


def compact(out: str, *, abandoned_after: float = 3600.0) -> CompactResult:
    """Write the latest-only snapshot of ``out``; see the module docstring."""
    storage = Storage.open(out)
    recovered = recover(storage)
    removed = abandoned_staging(storage, abandoned_after)
    for rel in removed:
        storage.delete_dir(rel)
    latest = latest_versions(storage)
    winners = _key(latest) if latest.num_rows else pa.array([], pa.string())
    runs = pa.array(sorted(committed_run_ids(storage)), pa.string())
    snapshot_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]
    n_blocks, size_b = _write_latest(storage, "blocks", winners, runs, snapshot_id)
    n_docs, size_d = _write_latest(storage, "documents", winners, runs, snapshot_id)
    clusters, size_c = _write_clusters(storage, winners, runs, snapshot_id)
    versions = open_dataset(storage, "documents")
    total = 0 if versions is None else versions.to_table(columns=["run_id"], filter=pc.field("run_id").isin(runs)).num_rows
    return CompactResult(
        snapshot_id=snapshot_id,
        documents=n_docs,
        superseded_versions=total - n_docs,
        blocks=n_blocks,
        clusters=clusters.num_rows,
        near_dup_clusters=int(pc.sum(pc.greater(clusters.column("size"), 1)).as_py() or 0),
        recovered_runs=tuple(recovered),
        removed_staging=tuple(removed),
        bytes=size_b + size_d + size_c,
    )


def render_result(result: CompactResult, out: str) -> Table:
    """The summary `docpipe compact` prints."""
    rows = (
        ("documents (latest versions)", result.documents),
        ("older versions left out", result.superseded_versions),
        ("blocks", result.blocks),
        ("clusters (distinct documents)", result.clusters),
        ("near-duplicate clusters (2+ documents)", result.near_dup_clusters),
        ("bytes written", result.bytes),
        ("interrupted commits completed", len(result.recovered_runs)),
        ("abandoned staging folders removed", len(result.removed_staging)),
    )
    table = rich_table(
        f"compacted {out} → latest/ (snapshot {result.snapshot_id})",
        ("what", "count"),
        [(label, f"{value:,}") for label, value in rows],
    )
    return table
