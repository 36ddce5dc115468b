from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest

from docpipe.export import DatasetWriter, read_table
from docpipe.export import dataset as dataset_mod
from docpipe.export.dataset import STAGING, latest_versions, write_manifest
from docpipe.export.schemas import SCHEMAS, parquet_options, with_file_metadata
from docpipe.export.storage import Storage
from tests.export.builders import make_doc, make_record, make_reject

TABLES = ("documents", "blocks", "rejects")


def norm(t: pa.DataType) -> str:
    """An engine-neutral spelling of an Arrow type (engines differ in string/list flavours)."""
    if pa.types.is_dictionary(t):
        return norm(t.value_type)
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return "string"
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_list_view(t):
        return f"list<{norm(t.value_type)}>"
    if pa.types.is_struct(t):
        return "struct<" + ",".join(f"{t.field(i).name}:{norm(t.field(i).type)}" for i in range(t.num_fields)) + ">"
    if pa.types.is_timestamp(t):
        return f"timestamp[{t.unit},{'UTC' if t.tz in ('UTC', 'Etc/UTC', '+00:00') else t.tz}]"
    return str(t)


def read_three(out: str, table: str) -> dict[str, pa.Table]:
    glob = f"{out}/{table}/**/*.parquet"
    return {
        "duckdb": duckdb.sql(f"select * from read_parquet('{glob}', hive_partitioning=true)").fetch_arrow_table(),
        "polars": pl.read_parquet(glob, hive_partitioning=True).to_arrow(),
        "pandas": pa.Table.from_pandas(pd.read_parquet(f"{out}/{table}", dtype_backend="pyarrow"), preserve_index=False),
    }


@pytest.fixture
def two_day_dataset(out):
    w = DatasetWriter(out, "run-a", ingest_date=date(2026, 1, 1))
    w.write_batch(0, [make_doc(i) for i in range(6)], [make_reject(1)])
    w.write_batch(1, [make_doc(i) for i in range(6, 9)], [make_reject(2)])
    w.finish(make_record("run-a"))
    w = DatasetWriter(out, "run-b", ingest_date=date(2026, 1, 2))
    w.write_batch(0, [make_doc(i, variant="v2" if i < 2 else "") for i in range(12)], [make_reject(3)])
    w.finish(make_record("run-b"))
    return out


@pytest.mark.parametrize("table", TABLES)
def test_duckdb_polars_and_pandas_agree_on_counts_and_types(two_day_dataset, table):
    tables = read_three(two_day_dataset, table)
    expected = {"documents": 9 + 2 + 3, "blocks": 5 * 14, "rejects": 3}[table]
    assert {name: t.num_rows for name, t in tables.items()} == dict.fromkeys(tables, expected)
    reference = SCHEMAS[table]
    for name, t in tables.items():
        assert set(t.column_names) == set(reference.names) | {"ingest_date"}, name
        types = {f.name: norm(f.type) for f in t.schema if f.name != "ingest_date"}
        assert types == {f.name: norm(f.type) for f in reference}, name
        # the hive partition arrives as a date (DuckDB, polars) or a category of the same strings (pandas)
        assert sorted({str(v) for v in t.column("ingest_date").to_pylist()}) == ["2026-01-01", "2026-01-02"]
    key = "doc_id" if table != "rejects" else "source"
    values = [sorted(t.column(key).to_pylist()) for t in tables.values()]
    assert values[0] == values[1] == values[2]


def test_read_table_has_the_declared_schema_and_a_date_partition(two_day_dataset):
    docs = read_table(two_day_dataset, "documents")
    assert docs.schema.field("ingest_date").type == pa.date32()
    for f in SCHEMAS["documents"]:
        assert docs.schema.field(f.name).type == f.type
    assert read_table(two_day_dataset, "runs").num_rows == 2
    with pytest.raises(ValueError):
        read_table(two_day_dataset, "nope")  # type: ignore[arg-type]


def test_latest_only_query_for_analysts_matches_latest_versions(two_day_dataset):
    """The DuckDB query given in the README returns one row per doc_id: the newest version."""
    query = f"""
        select doc_id, content_hash, run_id
        from read_parquet('{two_day_dataset}/documents/**/*.parquet', hive_partitioning=true)
        qualify row_number() over (partition by doc_id order by ingested_at desc, run_id desc) = 1
    """
    rows = sorted(duckdb.sql(query).fetchall())
    assert len(rows) == 12
    latest = latest_versions(Storage.open(two_day_dataset))
    assert rows == sorted(zip(*(latest.column(c).to_pylist() for c in ("doc_id", "content_hash", "run_id"))))
    assert dict((d, r) for d, _, r in rows)[make_doc(0).doc_id] == "run-b"


def test_staged_files_do_not_disturb_globs_or_readers(two_day_dataset):
    w = DatasetWriter(two_day_dataset, "run-c")
    w.write_batch(0, [make_doc(100), make_doc(0, variant="v3")], [make_reject(9)])
    assert (Path(two_day_dataset) / STAGING).exists()
    for table in TABLES:
        counts = {name: t.num_rows for name, t in read_three(two_day_dataset, table).items()}
        assert len(set(counts.values())) == 1
    assert read_table(two_day_dataset, "documents").num_rows == 14


def test_interrupted_commit_is_rolled_forward_by_the_next_writer(out):
    """The process died after its commit manifest, having moved only one file into place."""
    w = DatasetWriter(out, "run-a")
    w.write_batch(0, [make_doc(i) for i in range(3)], [make_reject(1)])
    w.write_batch(1, [make_doc(i) for i in range(3, 6)], [])
    storage = Storage.open(out)
    staged = sorted(storage.rel(i.path)[len(f"{STAGING}/run-a/"):] for i in storage.list_files(f"{STAGING}/run-a"))
    write_manifest(storage, "run-a", make_record("run-a", documents=6), w.ingest_date, staged, 0)
    first_docs = next(f for f in staged if f.startswith("documents/"))
    storage.move(f"{STAGING}/run-a/{first_docs}", first_docs)
    # no runs row yet: the moved file is not committed for read_table or dedup
    assert read_table(out, "documents").num_rows == 0
    DatasetWriter(out, "run-b")  # any new writer completes the commit first
    assert read_table(out, "documents").num_rows == 6
    assert read_table(out, "blocks").num_rows == 30
    assert read_table(out, "runs").column("run_id").to_pylist() == ["run-a"]
    assert not (Path(out) / STAGING / "run-a").exists()
    again = DatasetWriter(out, "run-b").write_batch(0, [make_doc(i) for i in range(6)], [])
    assert (again.documents, again.unchanged) == (0, 6)


def test_old_partitions_stay_readable_after_a_nullable_column_is_added(two_day_dataset, monkeypatch):
    """Schema evolution: a later schema version adds a nullable column; old files lack it."""
    v2 = SCHEMAS["documents"].append(pa.field("summary", pa.string(), metadata={"description": "a short summary"}))
    old = pq.read_table(next((Path(two_day_dataset) / "documents" / "ingest_date=2026-01-02").glob("*.parquet")))
    new = pa.table(
        {**{name: old.column(name).slice(0, 1) for name in SCHEMAS["documents"].names}, "summary": ["摘要"]},
        schema=with_file_metadata(v2, "documents"),
    )
    new = new.set_column(new.schema.get_field_index("doc_id"), "doc_id", pa.array(["f" * 32]))
    target = Path(two_day_dataset) / "documents" / "ingest_date=2026-01-03" / "part-run-b-b000009-v2.parquet"
    target.parent.mkdir(parents=True)
    pq.write_table(new, target, **parquet_options("documents"))

    glob = f"{two_day_dataset}/documents/**/*.parquet"
    rel = duckdb.sql(f"select summary, count(*) from read_parquet('{glob}', hive_partitioning=true, union_by_name=true) group by all order by 1")
    assert rel.fetchall() == [("摘要", 1), (None, 14)]

    ds = pads.dataset(glob.rsplit("/**", 1)[0], schema=v2, format="parquet", partitioning="hive")
    table = ds.to_table()
    assert table.num_rows == 15 and table.column("summary").null_count == 14

    monkeypatch.setitem(dataset_mod.SCHEMAS, "documents", v2)
    evolved = read_table(two_day_dataset, "documents")
    assert evolved.num_rows == 15 and evolved.column("summary").to_pylist().count("摘要") == 1


def test_identity_cache_forgets_files_that_are_gone(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A long-lived process (docpipe serve) must not keep every file it ever read.
    import shutil

    from docpipe.export import dataset
    from docpipe.export.storage import Storage

    out = tmp_path / "ds"
    docs = out / "documents" / "ingest_date=2026-01-01"
    docs.mkdir(parents=True)
    import pyarrow as pa
    import pyarrow.parquet as pq

    from docpipe.export.schemas import SCHEMAS

    schema = pa.schema([SCHEMAS["documents"].field(c) for c in dataset._THIN_COLUMNS])
    pq.write_table(schema.empty_table(), docs / "part-a.parquet")
    storage = Storage.open(str(out))
    dataset._thin_documents(storage)
    root = f"{type(storage.fs).__name__}:{storage.path('documents')}"
    assert any(k[0].startswith(root) for k in dataset._THIN_CACHE)
    shutil.rmtree(out / "documents")
    (out / "documents").mkdir()
    dataset._thin_documents(storage)
    assert not any(k[0].startswith(root) for k in dataset._THIN_CACHE)


def test_latest_version_files_name_the_file_of_each_documents_latest_version(two_day_dataset):
    """The near-duplicate lookup reads signatures from only these files: a document updated in
    run-b is found in run-b's file, an unchanged one in run-a's, and a run left out of `runs`
    (not committed as far as the caller knows) is never looked at."""
    storage = Storage.open(two_day_dataset)
    updated, unchanged, new = (make_doc(i).doc_id for i in (0, 3, 10))
    files = dataset_mod.latest_version_files(storage, [updated, unchanged, new, "no-such-doc"], ["run-a", "run-b"])
    assert set(files) == {updated, unchanged, new}
    assert "part-run-b-" in files[updated] and "part-run-b-" in files[new]
    assert "part-run-a-" in files[unchanged]
    for doc_id, path in files.items():
        rows = pq.read_table(path, columns=["doc_id", "content_hash"]).to_pylist()
        latest = latest_versions(storage, [doc_id]).to_pylist()[0]
        assert {"doc_id": doc_id, "content_hash": latest["content_hash"]} in rows
    only_a = dataset_mod.latest_version_files(storage, [updated, new], ["run-a"])
    assert set(only_a) == {updated} and "part-run-a-" in only_a[updated]


def test_readme_dataset_layout_names_every_table_and_the_pandas_dtype_it_promises(two_day_dataset):
    """The README's "Dataset schema" section: its layout lists every table folder a committed run
    writes (near_dup_bands was missing), and its pandas line says what ingest_date arrives as."""
    from docpipe.export.schemas import TABLES as ALL_TABLES
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Dataset schema", 1)[1].split("\n## ", 1)[0]
    layout = [line.split()[0] for line in section.splitlines() if line.startswith("    DIR/")]
    for table in ALL_TABLES:
        assert any(path.startswith(f"DIR/{table}/") for path in layout), table
    (pandas_line,) = [line for line in section.splitlines() if line.startswith("pd.read_parquet(")]
    dtype = pd.read_parquet(f"{two_day_dataset}/rejects", dtype_backend="pyarrow").dtypes["ingest_date"]
    assert pa.types.is_dictionary(dtype.pyarrow_dtype) and "dictionary" in pandas_line
    assert str(pd.read_parquet(f"{two_day_dataset}/rejects").dtypes["ingest_date"]) == "category"
