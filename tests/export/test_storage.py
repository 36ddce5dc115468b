from __future__ import annotations

from pathlib import Path

import pytest

from docpipe.errors import TerminalError
from docpipe.export import DatasetWriter, read_table
from docpipe.export.compact import compact
from docpipe.export.storage import Storage, safe_component
from tests.export.builders import make_doc, make_record, make_reject


@pytest.mark.parametrize(
    "value",
    ["../../etc/passwd", "a/b", "..", ".", "", "run id with spaces", "运行-1", "x" * 300, "a\x00b", "C:\\temp\\x"],
)
def test_safe_component_yields_one_harmless_component(value):
    safe = safe_component(value)
    assert safe and "/" not in safe and "\\" not in safe and ".." not in safe and not safe.startswith(".")
    assert len(safe) <= 64 + 9
    assert all(c.isascii() and (c.isalnum() or c in "-_") for c in safe)


def test_safe_component_keeps_safe_values_and_separates_unsafe_ones():
    assert safe_component("20261127T101500-1a2b3c4d") == "20261127T101500-1a2b3c4d"
    assert safe_component("a/b") != safe_component("a-b")
    assert safe_component("a b") != safe_component("a?b")


@pytest.mark.parametrize("out", ["s3://bucket/../other", "s3://", "s3://b/./x", "ftp://host/x"])
def test_unsafe_or_unsupported_locations_are_refused(out):
    with pytest.raises(TerminalError) as info:
        Storage.open(out)
    assert info.value.reason in {"unsafe_path", "unsupported_storage"}


def test_relative_paths_cannot_climb_out_of_the_root(tmp_path):
    storage = Storage.open(str(tmp_path / "d"))
    with pytest.raises(TerminalError):
        storage.path("documents/../../x")


def test_no_temporary_file_is_left_when_a_write_fails(tmp_path):
    storage = Storage.open(str(tmp_path / "d"))

    def explode(stream):
        stream.write(b"half")
        raise OSError("disk full")

    with pytest.raises(Exception, match="disk full"):
        storage.write_atomic("documents/x.parquet", explode)
    assert [p.name for p in (tmp_path / "d").rglob("*") if p.is_file()] == []


@pytest.mark.slow
def test_s3_dataset_reads_back_the_same_as_local(s3_endpoint, out):
    s3_out = "s3://docpipe-test/nightly/ds"
    for target in (s3_out, out):
        for run_id, variant in (("run-a", ""), ("run-b", "v2")):
            w = DatasetWriter(target, run_id)
            w.write_batch(0, [make_doc(i, variant=variant if i < 2 else "") for i in range(6)], [make_reject(1)])
            w.write_batch(1, [make_doc(i) for i in range(6, 9)], [])
            w.finish(make_record(run_id))
    for table in ("documents", "blocks", "rejects", "runs"):
        remote, local = read_table(s3_out, table), read_table(out, table)
        assert remote.schema == local.schema
        assert remote.num_rows == local.num_rows > 0
    remote_docs = read_table(s3_out, "documents")
    assert sorted(remote_docs.column("content_hash").to_pylist()) == sorted(read_table(out, "documents").column("content_hash").to_pylist())
    assert remote_docs.num_rows == 11  # 9 + 2 changed
    # nothing left behind in staging, and keys carry the layout
    storage = Storage.open(s3_out)
    keys = [storage.rel(i.path) for i in storage.list_files("", suffix="")]
    assert not [k for k in keys if k.startswith("_staging") or ".tmp" in k]
    assert "runs/part-run-a.parquet" in keys
    assert any(k.startswith("documents/ingest_date=") and "/part-run-b-b000000-" in k for k in keys)
    # compact works against object storage too
    result = compact(s3_out)
    assert result.documents == 9 and result.superseded_versions == 2
    assert storage.exists("latest/documents.parquet") and storage.exists("latest/blocks.parquet")


CHURN = """
import os, shutil, sys
root = sys.argv[1]
open(os.path.join(root, "churning"), "w").close()
while True:
    os.makedirs(os.path.join(root, "_staging", "run-a"), exist_ok=True)
    shutil.rmtree(os.path.join(root, "_staging"), ignore_errors=True)
"""


@pytest.mark.slow
def test_listing_a_folder_another_process_creates_and_removes_never_fails(tmp_path):
    """Workers of one run recover (list `_staging`) while others create it: pyarrow's local
    listing raised ENOENT for a folder that appeared or vanished mid-listing (a parallel-writer
    test failed under load). Each listing gives a state the folder was in: never an error."""
    import subprocess
    import sys
    import time

    storage = Storage.open(str(tmp_path))
    churn = subprocess.Popen([sys.executable, "-c", CHURN, str(tmp_path)])
    try:
        while not (tmp_path / "churning").exists():
            time.sleep(0.01)
        seen = set()
        for _ in range(20_000):
            seen.add(tuple(i.base_name for i in storage.list_dirs("_staging")))
            storage.list_files("_staging", suffix="")
    finally:
        churn.kill()
        churn.wait()
    assert seen <= {(), ("run-a",)} and len(seen) == 2  # both states were seen, both read right
