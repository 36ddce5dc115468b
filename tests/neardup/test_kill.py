"""SIGKILL during a run with [near_dup] on, then a re-run: no orphan band rows, no band row
twice, and the same clusters as a run that was never killed (real child processes)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from docpipe.export import read_table
from docpipe.export.dataset import STAGING
from docpipe.neardup.index import BANDS_TABLE
from docpipe.neardup.index import band_params
from tests.export import test_kill as kill
from tests.neardup.helpers import SETTINGS
from tests.neardup.test_index import _clusters

N_DOCS = 40  # of the real copies set: both copy groups' first members and many others


def _start(out: str, run_id: str, *extra: str):
    return kill._start(out, run_id, "--near-dup", *extra)


def _to_end(out: str, run_id: str) -> None:
    proc = _start(out, run_id)
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    assert stdout.strip().endswith("committed")


def _band_rows_are_exact(out: str) -> None:
    docs = read_table(out, "documents")
    versions = {(d, r) for d, r, m in zip(*(docs.column(c).to_pylist() for c in ("doc_id", "run_id", "minhash"))) if m is not None}
    bands = read_table(out, BANDS_TABLE)
    rows = Counter(zip(bands.column("doc_id").to_pylist(), bands.column("run_id").to_pylist()))
    n_bands, _ = band_params(SETTINGS)
    assert set(rows) == versions  # no orphans, none missing
    assert set(rows.values()) == {n_bands}  # none twice


@pytest.fixture(autouse=True)
def _fewer_docs(monkeypatch):
    monkeypatch.setattr(kill, "N_DOCS", N_DOCS)


@pytest.mark.slow
@pytest.mark.parametrize("rerun_id", ["run-1", "run-2"], ids=["retried with the same run id", "a new run"])
def test_killed_while_writing_batches_then_rerun(out, tmp_path, rerun_id):
    kill._kill_when(_start(out, "run-1", "--batch-pause", "0.05"), "staged 4")
    assert list((Path(out) / STAGING / "run-1" / BANDS_TABLE).rglob("*.parquet"))  # it staged band rows
    assert read_table(out, BANDS_TABLE).num_rows == 0  # none visible after the kill
    _to_end(out, rerun_id)
    _band_rows_are_exact(out)
    clean = str(tmp_path / "clean")
    _to_end(clean, rerun_id)
    assert _clusters(out) == _clusters(clean)
    assert len(set(_clusters(out).values())) < N_DOCS  # the copies did cluster
