"""A run killed with SIGKILL in the middle of export, then re-run, leaves a clean dataset:
it reads, it has no duplicates, and nothing is lost. Real child processes, real kills."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from docpipe.export import DatasetWriter, read_table
from docpipe.export.dataset import STAGING
from docpipe.export.inspect import inspect_dataset
from tests.export.builders import make_doc, make_record, make_reject

REPO = Path(__file__).resolve().parents[2]
N_DOCS = 60
CHANGED = 5
BATCH = 5


def _start(out: str, run_id: str, *extra: str) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "tests.export.export_worker", out, run_id, str(N_DOCS), str(BATCH), "--changed", str(CHANGED), *extra]
    return subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})


def _kill_when(proc: subprocess.Popen[str], line_wanted: str) -> list[str]:
    seen: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        seen.append(line.strip())
        if line.strip() == line_wanted:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, (seen, proc.stderr.read() if proc.stderr else "")
    return seen


def _run_to_end(out: str, run_id: str) -> list[str]:
    proc = _start(out, run_id)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    assert stdout.strip().endswith("committed")
    return stdout.split()


def _assert_clean(out: str, committed_runs: set[str]) -> None:
    docs = read_table(out, "documents")
    # no duplicates: one version per (doc_id, run), one row per (doc_id, run, block_idx)
    assert max(Counter(zip(docs.column("doc_id").to_pylist(), docs.column("run_id").to_pylist())).values()) == 1
    blocks = read_table(out, "blocks")
    keys = Counter(zip(*(blocks.column(c).to_pylist() for c in ("doc_id", "run_id", "block_idx"))))
    assert max(keys.values()) == 1
    # nothing lost: every input document, at its newest content, with all its blocks
    latest = {}
    for row in sorted(docs.select(["doc_id", "content_hash", "ingested_at"]).to_pylist(), key=lambda r: r["ingested_at"]):
        latest[row["doc_id"]] = row["content_hash"]
    expected = {make_doc(i).doc_id: make_doc(i, variant="v2" if i < CHANGED else "").content_hash for i in range(N_DOCS)}
    assert latest == expected
    assert docs.num_rows == 20 + CHANGED + (N_DOCS - 20)
    assert blocks.num_rows == 5 * docs.num_rows
    assert set(read_table(out, "runs").column("run_id").to_pylist()) == committed_runs
    assert sorted(read_table(out, "rejects").column("run_id").to_pylist()) == sorted(committed_runs)
    # a bare glob (what analysts type) sees exactly the committed rows
    for table, n in (("documents", docs.num_rows), ("blocks", blocks.num_rows)):
        glob = f"{out}/{table}/**/*.parquet"
        assert duckdb.sql(f"select count(*) from read_parquet('{glob}', hive_partitioning=true)").fetchall() == [(n,)]


@pytest.fixture
def seeded(out):
    """A committed earlier run with docs 0..19 (the killed run changes 0..4 and adds 20..59)."""
    w = DatasetWriter(out, "run-0")
    w.write_batch(0, [make_doc(i) for i in range(20)], [make_reject(0)])
    w.finish(make_record("run-0"))
    return out


@pytest.mark.slow
def test_killed_while_writing_batches_then_rerun(seeded):
    out = seeded
    seen = _kill_when(_start(out, "run-1", "--batch-pause", "0.05"), "staged 4")
    assert "committing" not in seen
    assert list((Path(out) / STAGING / "run-1").rglob("*.parquet"))  # it did stage files
    # right after the kill the dataset reads cleanly and shows only run-0
    assert read_table(out, "documents").num_rows == 20
    _run_to_end(out, "run-2")
    _assert_clean(out, {"run-0", "run-2"})


@pytest.mark.slow
def test_killed_while_writing_batches_then_retried_with_the_same_run_id(seeded):
    """A Prefect retry keeps the flow run id: the retry resumes from the staged batches."""
    out = seeded
    _kill_when(_start(out, "run-1", "--batch-pause", "0.05"), "staged 6")
    staging = Path(out) / STAGING / "run-1"
    before = {p: p.stat().st_mtime_ns for p in staging.rglob("part-run-1-b00000[0-5]-*.parquet")}
    # batch 0: blocks, documents, rejects; batches 1-3 hold only documents unchanged since run-0
    # (no files); batches 4 and 5: blocks and documents
    assert len(before) == 7, sorted(p.name for p in before)
    words = _run_to_end(out, "run-1")
    lines = [" ".join(words[i : i + 2]) for i in range(0, len(words), 2) if words[i] in ("staged", "resumed")]
    # the six finished batches are resumed, not built again; the others are built
    assert lines[:6] == [f"resumed {n}" for n in range(1, 7)]
    assert lines[6:] == [f"staged {n}" for n in range(7, N_DOCS // BATCH + 1)]
    _assert_clean(out, {"run-0", "run-1"})
    # the files the killed attempt staged for them are the ones committed, untouched
    staged = {str(p.relative_to(staging)): t for p, t in before.items()}
    committed = {str(p.relative_to(out)): p.stat().st_mtime_ns
                 for p in Path(out).rglob("part-run-1-b00000[0-5]-*.parquet")}
    assert committed == staged  # same files (table, partition, name), renamed, never rewritten


@pytest.mark.slow
def test_killed_in_the_middle_of_the_commit_then_rerun(seeded):
    out = seeded
    proc = _start(out, "run-1", "--slow-commit", "0.02")
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "committing":
            break
    # kill once the commit manifest exists and the renames into place have begun
    manifest = Path(out) / STAGING / "run-1" / "_COMMIT.json"
    deadline = time.monotonic() + 30
    while not (manifest.exists() and list((Path(out) / "documents").rglob("part-run-1-*.parquet"))):
        assert time.monotonic() < deadline and proc.poll() is None, "commit never started"
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert manifest.exists() and not (Path(out) / "runs" / "part-run-1.parquet").exists()
    # mid-commit, every visible file is whole, and run-1 is not yet committed for readers
    for table in ("documents", "blocks", "rejects", "runs"):
        read_table(out, table)
        duckdb.sql(f"select count(*) from read_parquet('{out}/{table}/**/*.parquet', hive_partitioning=true)").fetchall()
    assert read_table(out, "documents").num_rows == 20
    assert inspect_dataset(out).pending_commits == ["run-1"]
    _run_to_end(out, "run-2")  # rolls run-1 forward first, then finds everything unchanged
    assert inspect_dataset(out).pending_commits == []
    _assert_clean(out, {"run-0", "run-1", "run-2"})
    runs = {r["run_id"]: r for r in read_table(out, "runs").to_pylist()}
    assert runs["run-2"]["documents"] == 0 and runs["run-1"]["documents"] == CHANGED + N_DOCS - 20
