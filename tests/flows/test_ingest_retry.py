"""Batching: a transient batch failure is retried by Prefect and leaves no duplicate rows;
each task run handles a batch of documents, never one."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import pytest

from docpipe.config import Settings
from docpipe.errors import TerminalError, TransientError
from docpipe.export import DatasetWriter, read_table
from docpipe.models import Stage
from flows.ingest import ingest
from tests.flows.conftest import table_rows

pytestmark = pytest.mark.slow


class FailOnce:
    """Wraps DatasetWriter.write_batch: the first attempt of one batch writes its files and then
    fails like a storage connection dropped before the acknowledgement — the worst moment,
    because the output of the failed attempt is already on disk when the retry starts."""

    def __init__(self, batch_no: int, error: Exception) -> None:
        self.batch_no = batch_no
        self.error = error
        self.calls: Counter[int] = Counter()
        self._lock = threading.Lock()
        self._original = DatasetWriter.write_batch

    def __call__(self, writer: DatasetWriter, batch_no: int, documents, rejects):  # type: ignore[no-untyped-def]
        result = self._original(writer, batch_no, documents, rejects)
        with self._lock:
            self.calls[batch_no] += 1
            first = self.calls[batch_no] == 1
        if batch_no == self.batch_no and first:
            raise self.error
        return result

    def as_method(self):  # type: ignore[no-untyped-def]
        def write_batch(writer: DatasetWriter, batch_no: int, documents, rejects):  # type: ignore[no-untyped-def]
            return self(writer, batch_no, documents, rejects)

        return write_batch


def test_transient_batch_failure_is_retried_without_duplicate_rows(
    prefect_api: None, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = ingest([str(corpus)], Settings(out=str(tmp_path / "reference"), batch_size=3))

    flaky = FailOnce(1, TransientError(Stage.export, "storage_unavailable", "connection reset after upload"))
    monkeypatch.setattr(DatasetWriter, "write_batch", flaky.as_method())
    out = tmp_path / "out"
    report = ingest([str(corpus)], Settings(out=str(out), batch_size=3))

    assert flaky.calls[1] == 2, "the failed batch ran exactly twice"
    assert all(n == 1 for batch, n in flaky.calls.items() if batch != 1)
    docs = read_table(str(out), "documents").column("doc_id").to_pylist()
    assert len(docs) == len(set(docs)), "a retried batch duplicated document rows"
    blocks = read_table(str(out), "blocks").select(["doc_id", "block_idx"]).to_pylist()
    assert len(blocks) == len({(b["doc_id"], b["block_idx"]) for b in blocks})
    rejects = read_table(str(out), "rejects").column("source").to_pylist()
    assert len(rejects) == len(set(rejects))
    # Nothing lost either: the same rows as the run that never failed.
    for table, key in (("documents", ("doc_id",)), ("blocks", ("doc_id", "block_idx")), ("rejects", ("source",))):
        assert table_rows(out, table, key) == table_rows(tmp_path / "reference", table, key), table
    (run,) = read_table(str(out), "runs").to_pylist()
    assert run["documents"] == len(docs) == reference.documents
    assert report.documents == run["documents"], "the report counts what was committed"


def test_terminal_batch_failure_is_not_retried(
    prefect_api: None, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug or a permanent failure is not repeated: the run fails at once, and uncommitted."""
    flaky = FailOnce(0, TerminalError(Stage.export, "schema_mismatch", "column type changed"))
    monkeypatch.setattr(DatasetWriter, "write_batch", flaky.as_method())
    out = tmp_path / "out"
    with pytest.raises(TerminalError, match="schema_mismatch"):
        ingest([str(corpus)], Settings(out=str(out), batch_size=3))
    assert flaky.calls[0] == 1
    assert read_table(str(out), "documents").num_rows == 0  # staged files are never committed


def test_batches_in_flight_never_exceed_the_window(
    prefect_api: None, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory is bounded by the batches in flight, not by the corpus: the flow submits the next
    batch only when one of `workers` has finished, and keeps only small summaries."""
    import flows.ingest as ingest_module

    real = ingest_module.run_batch_here_or_on_dask
    lock = threading.Lock()
    running = peak = calls = 0

    def tracked(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal running, peak, calls
        with lock:
            running += 1
            calls += 1
            peak = max(peak, running)
        try:
            return real(*args, **kwargs)
        finally:
            with lock:
                running -= 1

    monkeypatch.setattr(ingest_module, "run_batch_here_or_on_dask", tracked)
    report = ingest([str(corpus)], Settings(out=str(tmp_path / "out"), batch_size=1, workers=2))
    assert calls == report.discovered == 9  # one task run per batch, every input once
    assert peak <= 2
