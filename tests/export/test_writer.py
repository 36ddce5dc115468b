from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.export.builders import make_doc, make_record, make_reject
from docpipe.export import SCHEMA_VERSION, DatasetWriter, read_table
from docpipe.export.dataset import STAGING


def _run(out: str, run_id: str, docs, rejects=(), *, batch_size: int = 4, **kw) -> list:
    writer = DatasetWriter(out, run_id, **kw)
    results = [
        writer.write_batch(n, docs[i : i + batch_size], list(rejects) if n == 0 else [])
        for n, i in enumerate(range(0, max(len(docs), 1), batch_size))
    ]
    writer.finish(make_record(run_id, rejected=len(rejects)))
    return results


def _files(out: str) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in Path(out).rglob("*") if p.is_file())


def test_second_run_over_unchanged_documents_adds_no_rows(out):
    docs = [make_doc(i) for i in range(10)]
    first = _run(out, "run-a", docs, [make_reject(1)])
    assert sum(r.documents for r in first) == 10
    second = _run(out, "run-b", docs)
    assert sum(r.documents for r in second) == 0
    assert sum(r.unchanged for r in second) == 10
    assert read_table(out, "documents").num_rows == 10
    assert read_table(out, "blocks").num_rows == 50
    runs = read_table(out, "runs")
    assert sorted(runs.column("run_id").to_pylist()) == ["run-a", "run-b"]
    assert dict(zip(runs.column("run_id").to_pylist(), runs.column("documents").to_pylist())) == {"run-a": 10, "run-b": 0}


def test_changed_content_appends_a_new_version(out):
    _run(out, "run-a", [make_doc(i) for i in range(4)])
    _run(out, "run-b", [make_doc(i, variant="修订" if i == 1 else "") for i in range(4)])
    docs = read_table(out, "documents")
    assert docs.num_rows == 5
    versions = [r for r in docs.to_pylist() if r["doc_id"] == make_doc(1).doc_id]
    assert sorted(r["run_id"] for r in versions) == ["run-a", "run-b"]
    assert {r["content_hash"] for r in versions} == {make_doc(1).content_hash, make_doc(1, variant="修订").content_hash}
    # the new version's blocks are there too, joined by doc_id + run_id
    blocks = read_table(out, "blocks").to_pylist()
    assert sum(1 for b in blocks if b["doc_id"] == make_doc(1).doc_id and b["run_id"] == "run-b") == 5
    # a third run with the first text again is a change relative to the latest version
    _run(out, "run-c", [make_doc(1)])
    assert read_table(out, "documents").num_rows == 6


def test_known_hashes_gives_the_latest_version(out):
    _run(out, "run-a", [make_doc(1), make_doc(2)])
    _run(out, "run-b", [make_doc(1, variant="v2")])
    writer = DatasetWriter(out, "run-c")
    known = writer.known_hashes(iter([make_doc(1).doc_id, make_doc(2).doc_id, make_doc(3).doc_id]))
    assert known == {make_doc(1).doc_id: make_doc(1, variant="v2").content_hash, make_doc(2).doc_id: make_doc(2).content_hash}


def test_duplicates_within_a_run_are_written_once(out):
    writer = DatasetWriter(out, "run-a")
    r0 = writer.write_batch(0, [make_doc(1), make_doc(1), make_doc(2)], [make_reject(1), make_reject(1)])
    # another writer of the same run (another process) sees what is staged
    r1 = DatasetWriter(out, "run-a").write_batch(1, [make_doc(2), make_doc(3)], [make_reject(1)])
    assert (r0.documents, r0.duplicates, r0.rejects) == (2, 1, 1)
    assert (r1.documents, r1.duplicates, r1.rejects) == (1, 1, 0)
    writer.finish(make_record("run-a"))
    docs = read_table(out, "documents")
    assert sorted(docs.column("doc_id").to_pylist()) == sorted(make_doc(i).doc_id for i in (1, 2, 3))
    assert read_table(out, "rejects").num_rows == 1


def test_concurrent_batches_with_the_same_doc_are_deduplicated_at_commit(out, tmp_path):
    """Two workers write batches containing the same doc_id at the same moment: neither sees the
    other's staged file. Reproduce the interleaving by hiding batch 0's file while batch 1 runs."""
    a = DatasetWriter(out, "run-a")
    res = a.write_batch(0, [make_doc(1), make_doc(2)], [])
    staged_docs = Path(out) / [f for f in res.files if "/documents/" in f][0]
    hidden = tmp_path / "hidden.parquet"
    staged_docs.rename(hidden)
    b = DatasetWriter(out, "run-a")
    assert b.write_batch(1, [make_doc(2), make_doc(3)], []).documents == 2
    hidden.rename(staged_docs)
    a.finish(make_record("run-a"))
    docs = read_table(out, "documents")
    assert sorted(docs.column("doc_id").to_pylist()) == sorted(make_doc(i).doc_id for i in (1, 2, 3))
    blocks = read_table(out, "blocks")
    assert blocks.num_rows == 15
    assert read_table(out, "runs").column("documents").to_pylist() == [3]


def test_files_carry_run_id_and_batch_and_nothing_is_left_in_staging(out):
    _run(out, "run-a", [make_doc(i) for i in range(6)], [make_reject(1)], batch_size=3, ingest_date=date(2026, 1, 2))
    files = _files(out)
    assert "runs/part-run-a.parquet" in files
    for table in ("documents", "blocks"):
        names = [f for f in files if f.startswith(f"{table}/")]
        assert len(names) == 2
        assert all(f.startswith(f"{table}/ingest_date=2026-01-02/part-run-a-b00000") and f.endswith(".parquet") for f in names)
    assert not [f for f in files if f.startswith(STAGING) or ".tmp" in f]


def test_unsafe_run_id_cannot_escape_the_dataset(out, tmp_path):
    evil = "../../outside/../x y"
    writer = DatasetWriter(out, evil)
    writer.write_batch(0, [make_doc(1)], [])
    writer.finish(make_record(evil))
    assert not (tmp_path / "outside").exists()
    files = _files(out)
    assert all(".." not in f and " " not in f for f in files)
    # the run id itself is stored unchanged in the data
    assert read_table(out, "documents").column("run_id").to_pylist() == [evil]
    assert read_table(out, "runs").column("run_id").to_pylist() == [evil]


def test_finish_rejects_a_record_of_another_run(out):
    writer = DatasetWriter(out, "run-a")
    with pytest.raises(ValueError, match="run-b"):
        writer.finish(make_record("run-b"))


def test_uncommitted_batches_are_invisible_and_not_known(out):
    writer = DatasetWriter(out, "run-a")
    writer.write_batch(0, [make_doc(1)], [make_reject(1)])
    # not finished: readers and dedup see nothing of it
    assert read_table(out, "documents").num_rows == 0
    assert DatasetWriter(out, "run-b").known_hashes([make_doc(1).doc_id]) == {}
    assert not (Path(out) / "documents").exists()


def test_parquet_files_are_zstd_with_dictionary_encoded_low_cardinality_columns(out):
    _run(out, "run-a", [make_doc(i) for i in range(4)])
    path = next((Path(out) / "documents").rglob("*.parquet"))
    meta = pq.ParquetFile(path).metadata
    columns = {meta.row_group(0).column(i).path_in_schema: meta.row_group(0).column(i) for i in range(meta.num_columns)}
    assert {c.compression for c in columns.values()} == {"ZSTD"}
    assert "RLE_DICTIONARY" in columns["site_name"].encodings
    assert "RLE_DICTIONARY" in columns["language"].encodings
    assert "RLE_DICTIONARY" not in columns["text"].encodings
    assert pq.read_schema(path).metadata[b"docpipe.schema_version"] == SCHEMA_VERSION.encode()


def test_timestamps_are_utc_and_published_at_keeps_the_raw_value(out):
    before = datetime.now(timezone.utc).date()
    _run(out, "run-a", [make_doc(1), make_doc(3)])
    after = datetime.now(timezone.utc).date()
    rows = {r["doc_id"]: r for r in read_table(out, "documents").to_pylist()}
    r1, r3 = rows[make_doc(1).doc_id], rows[make_doc(3).doc_id]
    assert str(r1["published_at"].tzinfo) == "UTC" and str(r1["fetched_at"].tzinfo) == "UTC"
    assert (r1["published_at_raw"], r1["published_at"].isoformat()) == ("2024-12-06T00:37:14", "2024-12-06T00:37:14+00:00")
    assert (r3["published_at_raw"], r3["published_at"].isoformat()) == ("2024-12-06", "2024-12-06T00:00:00+00:00")
    # the partition defaults to the UTC day of the writer (either side of midnight if the run crosses it)
    assert r1["ingest_date"] in {before, after}


def test_nested_columns_round_trip_the_model(out):
    docs = [make_doc(i) for i in range(3)]
    _run(out, "run-a", docs)
    rows = {r["doc_id"]: r for r in read_table(out, "documents").to_pylist()}
    for doc in docs:
        row = rows[doc.doc_id]
        assert row["headings"] == [h.model_dump() for h in doc.headings]
        assert row["items"] == [i.model_dump() for i in doc.items]
        assert row["blocks"] == [{**b.model_dump(), "section_path": list(b.section_path)} for b in doc.blocks]
        assert (row["placeholders"], row["references"], row["attachments"]) == (list(doc.placeholders), list(doc.references), [])
        assert (row["title"], row["site_name"], row["salutation"], row["text"]) == (doc.title, doc.site_name, doc.salutation, doc.text)
        assert row["text_chars"] == len(doc.text)
    flat = read_table(out, "blocks").to_pylist()
    mine = sorted((b for b in flat if b["doc_id"] == docs[1].doc_id), key=lambda b: b["block_idx"])
    assert [(b["kind"], b["text"], b["level"], b["marker"], b["section_path"]) for b in mine] == [
        (b.kind, b.text, b.level, b.marker, list(b.section_path)) for b in docs[1].blocks
    ]


def test_a_writer_survives_pickling_as_dask_ships_it(out):
    import pickle

    writer = DatasetWriter(out, "run-a")
    writer.write_batch(0, [make_doc(1)], [])
    clone = pickle.loads(pickle.dumps(writer))
    assert clone.write_batch(1, [make_doc(1), make_doc(2)], []).documents == 1
    clone.finish(make_record("run-a"))
    assert read_table(out, "documents").num_rows == 2


def test_finish_repeated_for_a_committed_run_keeps_its_counts(out):
    writer = DatasetWriter(out, "run-a")
    writer.write_batch(0, [make_doc(1), make_doc(2)], [])
    writer.finish(make_record("run-a"))
    # a retried flow run: same run id, a late batch, finish again
    again = DatasetWriter(out, "run-a")
    assert again.write_batch(1, [make_doc(2), make_doc(3)], []).documents == 1
    again.finish(make_record("run-a"))
    runs = read_table(out, "runs").to_pylist()
    assert [(r["run_id"], r["documents"], r["blocks"]) for r in runs] == [("run-a", 3, 15)]
    assert read_table(out, "documents").num_rows == 3


def _write_in_worker(args: tuple[str, int, list[int]]) -> tuple[int, int]:
    out, batch_no, ids = args
    result = DatasetWriter(out, "run-par").write_batch(batch_no, [make_doc(i) for i in ids], [make_reject(batch_no % 2)])
    return result.documents, result.duplicates


@pytest.mark.slow
def test_batches_from_parallel_processes_commit_without_duplicates(out):
    """Worker processes (as Dask runs them) write overlapping batches of one run at once."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    batches = [(out, n, list(range(n * 3, n * 3 + 6))) for n in range(8)]  # each overlaps the next
    # spawn, as Dask's nanny does: forking a process whose Arrow thread pools are running is unsafe
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(_write_in_worker, batches))
    assert sum(d for d, _ in results) >= 27  # 27 distinct docs, some possibly twice before commit
    DatasetWriter(out, "run-par").finish(make_record("run-par"))
    docs = read_table(out, "documents").column("doc_id").to_pylist()
    assert sorted(docs) == sorted(make_doc(i).doc_id for i in range(27))
    blocks = read_table(out, "blocks")
    assert blocks.num_rows == 27 * 5
    assert read_table(out, "rejects").num_rows == 2
    assert read_table(out, "runs").column("documents").to_pylist() == [27]


def test_concurrent_batches_with_the_same_reject_are_deduplicated_at_commit(out, tmp_path):
    a = DatasetWriter(out, "run-a")
    res = a.write_batch(0, [], [make_reject(1), make_reject(2)])
    staged = Path(out) / res.files[0]
    hidden = tmp_path / "hidden.parquet"
    staged.rename(hidden)
    assert DatasetWriter(out, "run-a").write_batch(1, [], [make_reject(2)]).rejects == 1
    hidden.rename(staged)
    a.finish(make_record("run-a"))
    assert sorted(read_table(out, "rejects").column("source").to_pylist()) == ["samples/broken-1.html", "samples/broken-2.html"]
