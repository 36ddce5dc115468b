"""Reading the dataset, and the commit protocol shared by the writer, compact and inspect.

Layout (relative to the dataset root ``DIR``)::

    documents/ingest_date=D/part-<run>-b<batch>-<writer>.parquet   committed rows
    blocks/…, rejects/…                                            same naming
    runs/part-<run>.parquet                                        one row per committed run
    _staging/<run>/<table>/ingest_date=D/part-….parquet            a run's batches before commit
    _staging/<run>/_COMMIT.json                                    the run's commit manifest

Commit protocol
---------------
1. ``write_batch`` writes each batch's files under ``_staging/<run>/`` (never where readers
   look). A run killed here leaves only an invisible staging folder: nothing to undo, and its
   documents are not "known", so the re-run writes them again — nothing lost, no duplicates.
2. ``finish`` writes ``_COMMIT.json`` (the run record and the list of staged files) — this is
   the commit point — then renames every staged file into its table folder, then writes the
   run's row in ``runs`` LAST, then removes the staging folder.
3. A run killed during step 2 leaves a manifest behind. The next writer (and ``docpipe
   compact``) *rolls it forward* from the manifest: the remaining renames (repeats are harmless)
   and the runs row. Until then, readers here ignore rows whose run has no ``runs`` row.

So a reader using :func:`read_table` sees exactly the committed runs; a bare glob over
``documents/**/*.parquet`` sees them too, plus — only between a crash in step 2 and the next
run — the files of that interrupted commit (which are complete and never duplicated, since the
roll-forward finishes rather than rewrites them).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from datetime import date, datetime, timezone
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from docpipe.export.schemas import PARTITION_COLUMN, PARTITIONED, SCHEMAS, TableName, parquet_options, with_file_metadata
from docpipe.export.storage import Storage
from docpipe.export.tables import runs_table
from docpipe.models import RunRecord

STAGING = "_staging"
MANIFEST = "_COMMIT.json"


def staging_dir(run_dir: str) -> str:
    return f"{STAGING}/{run_dir}"


def runs_file(run_dir: str) -> str:
    return f"runs/part-{run_dir}.parquet"


# ---------------------------------------------------------------------------------------------
# commit


def write_manifest(storage: Storage, run_dir: str, record: RunRecord, ingest_date: date, files: list[str], size: int) -> dict[str, Any]:
    manifest = {
        "run_id": record.run_id,
        "run_dir": run_dir,
        "ingest_date": ingest_date.isoformat(),
        "committed_at": datetime.now(timezone.utc).isoformat(),
        "files": files,
        "bytes": size,
        "record": record.model_dump(mode="json"),
    }
    storage.write_text(f"{staging_dir(run_dir)}/{MANIFEST}", json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest


def roll_forward(storage: Storage, manifest: dict[str, Any]) -> None:
    """Complete a commit: move the listed files into place, then write the runs row, then tidy."""
    run_dir = manifest["run_dir"]
    for rel in manifest["files"]:
        storage.move(f"{staging_dir(run_dir)}/{rel}", rel)
    record = RunRecord.model_validate(manifest["record"])
    table = runs_table(
        record,
        ingest_date=date.fromisoformat(manifest["ingest_date"]),
        committed_at=datetime.fromisoformat(manifest["committed_at"]),
        files=len(manifest["files"]),
        size=int(manifest["bytes"]),
    )
    storage.write_parquet(runs_file(run_dir), table, **parquet_options("runs"))
    ensure_tables(storage, date.fromisoformat(manifest["ingest_date"]))
    storage.delete_dir(staging_dir(run_dir))


# The file that makes a table exist before it has any row (see ensure_tables).
EMPTY_PART = "part-empty.parquet"


def ensure_tables(storage: Storage, ingest_date: date) -> list[str]:
    """Give every partitioned table that has no file yet one empty file with its schema.

    The README's queries (`read_parquet('OUT/rejects/**/*.parquet')`, polars, pandas) fail with
    "No files found" on a table that a run had nothing for — rejects on a good night. A
    zero-row file with the full schema (and its metadata) makes them return no rows instead.
    Written after the runs row: it holds no rows, so it needs no commit. Returns what it wrote."""
    written = []
    for table in sorted(PARTITIONED):
        if storage.list_files(table):
            continue
        rel = f"{table}/{PARTITION_COLUMN}={ingest_date.isoformat()}/{EMPTY_PART}"
        storage.write_parquet(rel, with_file_metadata(SCHEMAS[table], table).empty_table(), **parquet_options(table))
        written.append(rel)
    return written


def pending_manifests(storage: Storage) -> list[dict[str, Any]]:
    """Manifests of commits that were started but not completed (the process died)."""
    found = []
    for info in storage.list_dirs(STAGING):
        rel = f"{STAGING}/{info.base_name}/{MANIFEST}"
        if storage.exists(rel):
            found.append(json.loads(storage.read_text(rel)))
    return found


def recover(storage: Storage) -> list[str]:
    """Roll forward every interrupted commit; returns the run ids completed."""
    done = []
    for manifest in pending_manifests(storage):
        roll_forward(storage, manifest)
        done.append(manifest["run_id"])
    return done


def abandoned_staging(storage: Storage, older_than_seconds: float) -> list[str]:
    """Staging folders of runs that died before committing and have not been touched for a while.

    They are invisible to readers; removing them only frees space. The age guard keeps a run
    that is still writing (in another process) from losing its batches.
    """
    now = datetime.now(timezone.utc)
    stale = []
    for info in storage.list_dirs(STAGING):
        rel = f"{STAGING}/{info.base_name}"
        if storage.exists(f"{rel}/{MANIFEST}"):
            continue
        files = storage.list_files(rel, suffix="")
        newest = max((f.mtime for f in files if f.mtime is not None), default=info.mtime)
        if newest is None or (now - newest.astimezone(timezone.utc)).total_seconds() >= older_than_seconds:
            stale.append(rel)
    return stale


# ---------------------------------------------------------------------------------------------
# reading


def open_dataset(
    storage: Storage, table: str, rel_dir: str | None = None, *, dictionary_columns: Iterable[str] = ()
) -> pads.Dataset | None:
    """The table's files as a pyarrow dataset (None when it has none). ``dictionary_columns``
    (string columns) are read as dictionary arrays — the values once per row group, then int32
    indices — for scans that keep few rows of a repetitive column (a filter is applied after
    decoding, so every row's value is decoded)."""
    infos = storage.list_files(rel_dir or table)
    if not infos:
        return None
    dictionary = set(dictionary_columns)
    schema = SCHEMAS[table]
    if dictionary:
        schema = pa.schema(
            [f.with_type(pa.dictionary(pa.int32(), f.type)) if f.name in dictionary else f for f in schema],
            metadata=schema.metadata,
        )
    partitioning = None
    if table in PARTITIONED:
        schema = schema.append(pa.field(PARTITION_COLUMN, pa.date32()))
        partitioning = pads.partitioning(pa.schema([(PARTITION_COLUMN, pa.date32())]), flavor="hive")
    file_format = pads.ParquetFileFormat(read_options=pads.ParquetReadOptions(dictionary_columns=dictionary)) if dictionary else "parquet"
    return pads.dataset(
        [i.path for i in infos],
        schema=schema,
        filesystem=storage.fs,
        format=file_format,
        partitioning=partitioning,
        partition_base_dir=storage.path(rel_dir or table),
    )


def committed_run_ids(storage: Storage) -> set[str]:
    dataset = open_dataset(storage, "runs")
    if dataset is None:
        return set()
    return set(dataset.to_table(columns=["run_id"]).column("run_id").to_pylist())


def read_storage_table(storage: Storage, table: TableName, columns: Iterable[str] | None = None, *, committed_only: bool = True) -> pa.Table:
    dataset = open_dataset(storage, table)
    schema = SCHEMAS[table]
    if table in PARTITIONED:
        schema = schema.append(pa.field(PARTITION_COLUMN, pa.date32()))
    cols = list(columns) if columns is not None else None
    if dataset is None:
        empty = schema.empty_table()
        return empty.select(cols) if cols else empty
    if table == "runs" or not committed_only:
        return dataset.to_table(columns=cols)
    runs = committed_run_ids(storage)
    read_cols = cols if cols is None or "run_id" in cols else [*cols, "run_id"]
    result = dataset.to_table(columns=read_cols, filter=pc.field("run_id").isin(pa.array(sorted(runs), pa.string())))
    return result.select(cols) if cols else result


def read_table(out: str, table: TableName) -> pa.Table:
    """The committed rows of one table (all versions), with ``ingest_date`` as a date column."""
    if table not in SCHEMAS:
        raise ValueError(f"unknown table {table!r}; expected one of {sorted(SCHEMAS)}")
    return read_storage_table(Storage.open(out), table)


# Process-wide cache of the thin identity columns of committed documents files, per file.
# Committed part files are immutable (a name is only ever renamed into place with the same
# bytes, by a repeat roll-forward), so a file read once is never read again: each batch of a
# run — each with its own writer, in threads or worker processes — pays only for a listing and
# for files committed since. Keyed by the file's path, size and mtime, so a dataset deleted and
# rebuilt at the same path is read afresh.
_THIN_COLUMNS = ["doc_id", "content_hash", "run_id", "ingested_at"]
_THIN_CACHE: dict[tuple[str, int, object], pa.Table] = {}
_THIN_LOCK = threading.Lock()


def _thin_documents(storage: Storage) -> pa.Table:
    """(doc_id, content_hash, run_id, ingested_at) of every committed document row."""
    parts = [part for _, part in _thin_parts(storage)]
    schema = pa.schema([SCHEMAS["documents"].field(c) for c in _THIN_COLUMNS])
    if not parts:
        return schema.empty_table()
    thin = pa.concat_tables(parts)
    runs = pa.array(sorted(committed_run_ids(storage)), pa.string())
    return thin.filter(pc.is_in(thin.column("run_id"), runs))


def _thin_parts(storage: Storage) -> list[tuple[str, pa.Table]]:
    """(file path, its thin identity columns) of every documents file, committed or not."""
    infos = storage.list_files("documents")
    parts: list[tuple[str, pa.Table]] = []
    schema = pa.schema([SCHEMAS["documents"].field(c) for c in _THIN_COLUMNS])
    root = f"{type(storage.fs).__name__}:{storage.path('documents')}"
    keys = [(f"{type(storage.fs).__name__}:{info.path}", int(info.size or 0), info.mtime_ns) for info in infos]
    with _THIN_LOCK:
        # Forget this dataset's files that are gone or were replaced, so a long-lived process
        # (`docpipe serve`) holds no more than the dataset's current identity columns.
        current = set(keys)
        for stale in [k for k in _THIN_CACHE if k[0].startswith(root) and k not in current]:
            del _THIN_CACHE[stale]
    for info, key in zip(infos, keys):
        with _THIN_LOCK:
            cached = _THIN_CACHE.get(key)
        if cached is None:
            cached = pq.read_table(info.path, filesystem=storage.fs, columns=_THIN_COLUMNS, schema=schema)
            with _THIN_LOCK:
                _THIN_CACHE[key] = cached
        parts.append((info.path, cached))
    return parts


def latest_version_files(storage: Storage, doc_ids: Iterable[str], runs: Iterable[str]) -> dict[str, str]:
    """doc_id → path of the documents file holding its latest version among ``runs``' rows
    (the committed runs the caller goes by), for the doc_ids given that have one. Reads only
    the cached identity columns, so a caller can then read the wide columns (texts,
    signatures) of these few files instead of scanning the table."""
    wanted = pa.array(sorted(set(doc_ids)), pa.string())
    run_ids = pa.array(sorted(set(runs)), pa.string())
    hits: list[pa.Table] = []
    for path, part in _thin_parts(storage):
        keep = pc.and_(pc.is_in(part.column("doc_id"), wanted), pc.is_in(part.column("run_id"), run_ids))
        rows = part.filter(keep).select(["doc_id", "run_id", "ingested_at"])
        if rows.num_rows:
            hits.append(rows.append_column("path", pa.array([path] * rows.num_rows, pa.string())))
    if not hits:
        return {}
    latest = latest_only(pa.concat_tables(hits))
    return dict(zip(latest.column("doc_id").to_pylist(), latest.column("path").to_pylist()))


def latest_versions(storage: Storage, doc_ids: Iterable[str] | None = None) -> pa.Table:
    """doc_id, content_hash, run_id of the latest committed version of each document
    (of the given doc_ids only, when given)."""
    thin = _thin_documents(storage)
    if doc_ids is not None:
        thin = thin.filter(pc.is_in(thin.column("doc_id"), pa.array(list(doc_ids), pa.string())))
    return latest_only(thin).select(["doc_id", "content_hash", "run_id"])


def first_ingested(storage: Storage) -> dict[str, datetime]:
    """doc_id → ingested_at of its first committed version (when the dataset first saw it)."""
    first = _thin_documents(storage).group_by("doc_id").aggregate([("ingested_at", "min")])
    return dict(zip(first.column("doc_id").to_pylist(), first.column("ingested_at_min").to_pylist()))


def latest_only(table: pa.Table) -> pa.Table:
    """Keep the latest version of each doc_id among the documents rows given."""
    if table.num_rows == 0:
        return table
    order = pc.sort_indices(table, sort_keys=[("doc_id", "ascending"), ("ingested_at", "descending"), ("run_id", "descending")])
    sorted_ = table.take(order)
    ids = sorted_.column("doc_id").combine_chunks()
    prev = pa.concat_arrays([pa.array([None], pa.string()), ids.slice(0, len(ids) - 1)])
    return sorted_.filter(pc.fill_null(pc.not_equal(ids, prev), True))
