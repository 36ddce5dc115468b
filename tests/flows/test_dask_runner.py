"""Batches on Dask: the same dataset as a local run, errors that survive the trip back, and the
`--dask [ADDRESS]` option."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from docpipe import shutdown
from docpipe.config import FetchSettings, Settings
from docpipe.errors import ConfigError, TransientError
from docpipe.models import Stage
from flows import dask_runner
from flows.dask_runner import DASK_ADDRESS, DaskBatches, with_optional_value
from tests.conftest import HANG_GUARD_SECONDS, REPO
from tests.flows.conftest import table_rows

sys.path.insert(0, str(REPO / "tests" / "fetch"))
from fetch_faultserver import FaultServer  # noqa: E402


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["samples", "--dask"], ["samples", "--dask", "local"]),
        (["--dask", "samples"], ["--dask", "local", "samples"]),
        (["--dask", "tcp://10.0.0.5:8786", "x"], ["--dask", "tcp://10.0.0.5:8786", "x"]),
        (["--dask", "127.0.0.1:8786"], ["--dask", "127.0.0.1:8786"]),
        (["--dask", "local", "x"], ["--dask", "local", "x"]),
        (["x", "--out", "o"], ["x", "--out", "o"]),
    ],
)
def test_dask_option_value_is_optional(args: list[str], expected: list[str]) -> None:
    assert with_optional_value(args) == expected


def test_address_pattern_rejects_paths() -> None:
    assert not DASK_ADDRESS.match("samples/pages")
    assert not DASK_ADDRESS.match("./local")
    assert DASK_ADDRESS.match("tls://scheduler.internal:8786")


def test_unreachable_scheduler_is_a_clear_config_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tests.flows.conftest import free_port

    monkeypatch.setattr(dask_runner, "CONNECT_TIMEOUT", 2)
    settings = Settings(out=str(tmp_path), dask_address=f"tcp://127.0.0.1:{free_port()}")
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler"):
        with dask_runner.dask_batches(settings):
            pass


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local:
        yield local


@pytest.mark.slow
def test_dask_run_writes_the_same_dataset_as_a_local_run(
    prefect_api: None, cluster: object, corpus: Path, tmp_path: Path
) -> None:
    from distributed import Client, get_task_stream

    from flows.ingest import ingest

    local_out, dask_out = tmp_path / "local", tmp_path / "dask"
    local = ingest([str(corpus)], Settings(out=str(local_out), batch_size=3))
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    with Client(address) as observer, get_task_stream(observer) as stream:
        remote = ingest([str(corpus)], Settings(out=str(dask_out), batch_size=3, dask_address=address))

    # Every batch ran on the cluster's worker processes, none in the flow process.
    batches = [t for t in stream.data if t["key"].startswith("run_batch")]
    assert len(batches) == -(-remote.discovered // 3)
    assert {t["worker"] for t in batches} <= set(cluster.scheduler_info["workers"])  # type: ignore[attr-defined]

    assert (remote.discovered, remote.documents, remote.rejected) == (local.discovered, local.documents, local.rejected)
    assert remote.documents >= 5
    for table, key in (("documents", ("doc_id",)), ("blocks", ("doc_id", "block_idx")), ("rejects", ("source",))):
        assert table_rows(dask_out, table, key) == table_rows(local_out, table, key), table


@pytest.mark.slow
def test_docpipe_run_dask_without_address_uses_a_local_cluster(
    prefect_api: None, corpus: Path, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from docpipe.cli import app

    out = tmp_path / "out"
    # Batches of 3 keep the seed speech's .html and .txt twins (one URL, so one doc_id) in one
    # batch, where the first input wins. In different batches, the batch staged first wins —
    # whichever finishes first, on Dask or in threads alike.
    # `--dask` right before a SOURCE: the source is not taken for a scheduler address.
    result = CliRunner().invoke(app, ["run", "--batch-size", "3", "--out", str(out), "--dask", str(corpus)])
    assert result.exit_code == 0, result.output
    local_out = tmp_path / "local"
    result = CliRunner().invoke(app, ["run", "--batch-size", "3", "--out", str(local_out), str(corpus)])
    assert result.exit_code == 0, result.output
    for table, key in (("documents", ("doc_id",)), ("blocks", ("doc_id", "block_idx"))):
        rows = table_rows(out, table, key)
        assert rows and rows == table_rows(local_out, table, key), table


def _fail_on_worker(*args: object, **kwargs: object) -> None:
    raise TransientError(Stage.export, "storage_unavailable", "bucket busy", source="a.html")


@pytest.mark.slow
def test_docpipe_errors_cross_the_process_boundary(
    cluster: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A worker's TransientError must come back as a TransientError, so Prefect retries it."""
    from distributed import Client

    monkeypatch.setattr(dask_runner, "run_batch", _fail_on_worker)  # pickled by reference to the worker
    with Client(cluster.scheduler_address) as client:  # type: ignore[attr-defined]
        with pytest.raises(TransientError) as info:
            DaskBatches(client).run(0, ["a.html"], Settings(out=str(tmp_path)), "run", [])
    exc = info.value
    assert (exc.stage, exc.reason, exc.message, exc.source) == (Stage.export, "storage_unavailable", "bucket busy", "a.html")


@pytest.mark.slow
def test_dask_run_gives_the_same_near_duplicate_clusters_as_a_local_run(
    prefect_api: None, cluster: object, tmp_path: Path
) -> None:
    """Batches on Dask workers match against the committed band table and are resolved
    between batches at commit, as a local run does: the same clusters."""
    from docpipe.export import read_table
    from docpipe.export.dataset import latest_only
    from flows.ingest import ingest
    from tests.neardup.helpers import copies

    inputs = tmp_path / "copies"
    inputs.mkdir()
    rows = [r for r in copies() if r["label"] == "copy"] + [r for r in copies() if r["label"] != "copy"][:20]
    for row in rows:
        (inputs / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")

    def clusters(out: Path) -> dict[str, str]:
        """fixture id (the input file's stem) → cluster id."""
        docs = latest_only(read_table(str(out), "documents").select(["doc_id", "source", "near_dup_of", "run_id", "ingested_at"]))
        return {Path(r["source"]).stem: r["near_dup_of"] or r["doc_id"] for r in docs.to_pylist()}

    ingest([str(inputs)], Settings(out=str(tmp_path / "local"), batch_size=4))
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    ingest([str(inputs)], Settings(out=str(tmp_path / "dask"), batch_size=4, dask_address=address))
    local, remote = clusters(tmp_path / "local"), clusters(tmp_path / "dask")
    assert remote == local and len(local) == len(rows)
    # each copy group is one cluster, and no cluster spans two groups (related texts of one
    # group — excerpts, rewrites — may or may not join theirs: SOURCE.md does not score them)
    groups: dict[str, set[str]] = {}
    for row in rows:
        groups.setdefault(row["group"], set()).add(local[row["id"]])
    assert all(len(groups[r["group"]]) == 1 for r in rows if r["label"] == "copy")
    owners: dict[str, set[str]] = {}
    for row in rows:
        owners.setdefault(local[row["id"]], set()).add(row["group"])
    assert all(len(g) == 1 for g in owners.values())


@pytest.mark.slow
def test_a_stopped_run_abandons_its_batches_on_a_cluster_it_does_not_own(cluster: object, tmp_path: Path) -> None:
    """A cluster given by address outlives the run: when the run stops, its batches on the
    workers stop fetching at once (each runs in the run's stop scope), nothing of them is
    written, and the same workers go on running other runs' batches."""
    from distributed import Client

    site = FaultServer("127.0.0.1", handle_delay=0.2).start()
    fetch = FetchSettings(per_host_delay=0.0, per_host_concurrency=4, respect_robots=False, retries=0)
    settings = Settings(out=str(tmp_path / "out"), fetch=fetch)
    outcome: dict[str, object] = {}
    try:
        with Client(cluster.scheduler_address) as client:  # type: ignore[attr-defined]
            stopped = DaskBatches(client)

            def batch() -> None:
                try:
                    outcome["summary"] = stopped.run(0, [site.url(f"/page/s{i}") for i in range(200)], settings, "stopped", [])
                except BaseException as exc:  # noqa: BLE001 - Interrupted is what the test expects
                    outcome["error"] = exc

            thread = threading.Thread(target=batch, daemon=True)
            thread.start()
            deadline = time.monotonic() + HANG_GUARD_SECONDS
            while len(site.hits_for("/page/s")) < 4:  # the batch is fetching on a worker
                assert thread.is_alive() and time.monotonic() < deadline, outcome
                time.sleep(0.05)
            stopped.stop()
            thread.join(HANG_GUARD_SECONDS)
            assert isinstance(outcome.get("error"), shutdown.Interrupted), outcome
            fetched = len(site.hits_for("/page/s"))
            time.sleep(1.0)
            assert len(site.hits_for("/page/s")) == fetched < 200  # abandoned, not finished
            assert not list((tmp_path / "out").rglob("*.parquet"))

            # The workers are not stopped: another run's batch on them completes.
            site.handle_delay = 0.0
            other = Settings(out=str(tmp_path / "other"), fetch=fetch)
            summary = DaskBatches(client).run(0, [site.url(f"/page/o{i}") for i in range(3)], other, "other", [])
            assert summary.documents == 3
    finally:
        site.stop()


def test_a_workers_heartbeat_into_a_closed_scheduler_is_dropped_and_other_records_are_kept() -> None:
    """A stopped run closes its LocalCluster's scheduler while a worker's heartbeat is in flight:
    that one record (a CommClosedError traceback, seen in a stopped run's stderr) must not reach
    stderr; a heartbeat that failed otherwise, and any other worker error, still do."""
    import logging

    from distributed.comm.core import CommClosedError

    def record(message: str, exc: BaseException | None) -> logging.LogRecord:
        info = (type(exc), exc, None) if exc is not None else None
        return logging.LogRecord("distributed.worker", logging.ERROR, __file__, 1, message, (), info)

    quiet = dask_runner.ClosedSchedulerHeartbeat()
    heartbeat = dask_runner.ClosedSchedulerHeartbeat.MESSAGE
    assert not quiet.filter(record(heartbeat, CommClosedError("in <TCP (closed) heartbeat_worker>: Stream is closed")))
    assert quiet.filter(record(heartbeat, ConnectionRefusedError("scheduler unreachable")))
    assert quiet.filter(record(heartbeat, None))
    assert quiet.filter(record("Compute Failed", CommClosedError("closed")))
