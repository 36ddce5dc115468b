from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from docpipe.export import DatasetWriter, read_table
from docpipe.export.compact import compact
from docpipe.export.dataset import STAGING
from tests.export.builders import make_doc, make_record


def _commit(out: str, run_id: str, docs) -> None:
    w = DatasetWriter(out, run_id)
    w.write_batch(0, docs, [])
    w.finish(make_record(run_id))


def test_compact_keeps_the_latest_version_of_each_document(out):
    _commit(out, "run-a", [make_doc(i) for i in range(5)])
    _commit(out, "run-b", [make_doc(i, variant="v2" if i in (1, 3) else "") for i in range(7)])
    result = compact(out)
    assert (result.documents, result.superseded_versions, result.blocks) == (7, 2, 35)
    latest = pq.read_table(Path(out) / "latest" / "documents.parquet")
    assert latest.num_rows == 7 and len(set(latest.column("doc_id").to_pylist())) == 7
    by_id = {r["doc_id"]: r for r in latest.to_pylist()}
    assert by_id[make_doc(1).doc_id]["content_hash"] == make_doc(1, variant="v2").content_hash
    assert by_id[make_doc(1).doc_id]["run_id"] == "run-b"
    assert by_id[make_doc(0).doc_id]["run_id"] == "run-a"
    assert latest.schema.metadata[b"docpipe.snapshot_id"].decode() == result.snapshot_id
    assert "ingest_date" in latest.column_names
    blocks = pq.read_table(Path(out) / "latest" / "blocks.parquet")
    assert blocks.schema.metadata[b"docpipe.snapshot_id"].decode() == result.snapshot_id
    pairs = set(zip(blocks.column("doc_id").to_pylist(), blocks.column("run_id").to_pylist()))
    assert pairs == {(r["doc_id"], r["run_id"]) for r in latest.to_pylist()}
    # the history is untouched, and the snapshot equals the documented DuckDB "latest" query
    assert read_table(out, "documents").num_rows == 9
    query = f"""select doc_id, content_hash from read_parquet('{out}/documents/**/*.parquet', hive_partitioning=true)
                qualify row_number() over (partition by doc_id order by ingested_at desc, run_id desc) = 1"""
    assert sorted(duckdb.sql(query).fetchall()) == sorted(zip(latest.column("doc_id").to_pylist(), latest.column("content_hash").to_pylist()))


def test_compact_replaces_the_previous_snapshot_and_leaves_no_temporaries(out):
    _commit(out, "run-a", [make_doc(i) for i in range(3)])
    first = compact(out)
    _commit(out, "run-b", [make_doc(i) for i in range(3, 5)])
    second = compact(out)
    assert second.snapshot_id != first.snapshot_id and second.documents == 5
    names = sorted(p.name for p in (Path(out) / "latest").iterdir())
    assert names == ["blocks.parquet", "clusters.parquet", "documents.parquet"]


def test_compact_of_an_empty_dataset_writes_empty_snapshots(out):
    result = compact(out)
    assert (result.documents, result.blocks, result.clusters) == (0, 0, 0)
    assert pq.read_table(Path(out) / "latest" / "documents.parquet").num_rows == 0
    assert pq.read_table(Path(out) / "latest" / "clusters.parquet").num_rows == 0


def test_compact_removes_only_abandoned_staging(out):
    _commit(out, "run-a", [make_doc(1)])
    DatasetWriter(out, "dead").write_batch(0, [make_doc(2)], [])
    DatasetWriter(out, "alive").write_batch(0, [make_doc(3)], [])
    old = time.time() - 7200
    for path in (Path(out) / STAGING / "dead").rglob("*"):
        os.utime(path, (old, old))
    result = compact(out, abandoned_after=3600)
    assert result.removed_staging == (f"{STAGING}/dead",)
    assert not (Path(out) / STAGING / "dead").exists()
    assert (Path(out) / STAGING / "alive").exists()
    assert result.documents == 1
