"""The writer lease (one run at a time per local dataset) and the commit's optimistic re-check
(no document version committed twice, lease or not), with real processes and real files."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from docpipe.export import DatasetWriter, read_table
from docpipe.export.lease import LEASE_FILE, POLL_SECONDS, DatasetBusy, writer_lease
from tests.conftest import HANG_GUARD_SECONDS, REPO
from tests.export.builders import make_doc, make_record

sys.path.insert(0, str(REPO / "tests" / "fetch"))
from fetch_faultserver import FaultServer  # noqa: E402

HOLDER = textwrap.dedent(
    """
    import sys, time
    from docpipe.export.lease import writer_lease
    with writer_lease(sys.argv[1], run_id="holder-run"):
        print("held", flush=True)
        time.sleep(600)
    """
)


def hold_lease(out: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, out], stdout=subprocess.PIPE, text=True, cwd=REPO)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def attempt(out: str, **lease: object) -> tuple[threading.Thread, dict[str, object]]:
    """Try to take the lease in a thread; the dict gets `busy` (DatasetBusy) or `acquired`
    (whether the holder process had already ended at that moment) and `after` (seconds)."""
    outcome: dict[str, object] = {}
    started = time.monotonic()

    def take() -> None:
        try:
            with writer_lease(out, **lease):  # type: ignore[arg-type]
                outcome["acquired"] = json.loads((Path(out) / LEASE_FILE).read_text())
        except DatasetBusy as exc:
            outcome["busy"] = exc
        outcome["after"] = time.monotonic() - started

    thread = threading.Thread(target=take, daemon=True)
    thread.start()
    return thread, outcome


def test_a_second_writer_is_refused_with_who_holds_the_lease(out: str) -> None:
    holder = hold_lease(out)
    try:
        thread, outcome = attempt(out, wait=1.0)
        thread.join(HANG_GUARD_SECONDS)
        # Refused while the holder still holds the lease (so by its own wait running out, not by
        # the holder going away), after waiting at least --wait-for-lock.
        assert holder.poll() is None and isinstance(outcome.get("busy"), DatasetBusy), outcome
        assert outcome["after"] >= 1.0
        caught = outcome["busy"]
        message = caught.message
        assert message.startswith(f"{out} is being written by run holder-run (pid {holder.pid} on ")
        assert "waited 1 s; retry later, or give --wait-for-lock SECONDS" in message
        assert caught.reason == "dataset_busy" and caught.transient is False
        info = json.loads((Path(out) / LEASE_FILE).read_text())
        assert info["pid"] == holder.pid and time.time() - info["heartbeat"] < 10
    finally:
        holder.kill()
        holder.wait()


def test_a_waiting_writer_gets_the_lease_when_the_holder_ends(out: str) -> None:
    holder = hold_lease(out)
    thread, outcome = attempt(out, run_id="patient", wait=HANG_GUARD_SECONDS)
    # The waiter has polled the busy lease a few times and is still waiting, not refused.
    thread.join(4 * POLL_SECONDS)
    assert thread.is_alive() and not outcome
    holder.terminate()
    holder.wait()
    thread.join(HANG_GUARD_SECONDS)
    assert "busy" not in outcome, outcome
    assert outcome["acquired"]["run_id"] == "patient"  # type: ignore[index]


def test_a_stale_lease_of_a_killed_run_is_taken_over(out: str) -> None:
    holder = hold_lease(out)
    os.kill(holder.pid, signal.SIGKILL)  # no clean-up of any kind: the lock file stays behind
    holder.wait()
    assert json.loads((Path(out) / LEASE_FILE).read_text())["pid"] == holder.pid
    with writer_lease(out, run_id="next-run"):
        assert json.loads((Path(out) / LEASE_FILE).read_text())["run_id"] == "next-run"


def test_a_lease_held_by_this_process_is_reentrant_and_can_be_skipped(out: str) -> None:
    with writer_lease(out, run_id="outer"), writer_lease(out, run_id="inner"):
        pass  # docpipe run takes it, then its flow: no self-deadlock
    holder = hold_lease(out)
    try:
        with writer_lease(out, enabled=False):
            pass  # --no-lock
    finally:
        holder.kill()
        holder.wait()


def _concurrent_writers(target: str) -> None:
    """Two runs that both skipped the lease stage the same 30 documents (3 of them changed
    since an earlier run) and commit one after the other."""
    base = DatasetWriter(target, "run-0")
    base.write_batch(0, [make_doc(i) for i in range(27)], [])
    base.finish(make_record("run-0"))
    docs = [make_doc(i, variant="v2" if i < 3 else "") for i in range(30)]
    first, second = DatasetWriter(target, "run-a"), DatasetWriter(target, "run-b")
    for writer in (first, second):  # both compare against the dataset as it was at their start
        assert writer.write_batch(0, docs, []).documents == 6  # 3 new + 3 changed
    committed_a = first.finish(make_record("run-a"))
    committed_b = second.finish(make_record("run-b"))
    assert (committed_a.documents, committed_b.documents) == (6, 0)
    assert committed_b.unchanged == make_record("run-b").unchanged + 6
    rows = read_table(target, "documents")
    assert rows.num_rows == 33  # 27 + 3 new + 3 changed versions, each once
    pairs = list(zip(rows.column("doc_id").to_pylist(), rows.column("content_hash").to_pylist()))
    assert len(set(pairs)) == len(pairs)
    blocks = read_table(target, "blocks")
    assert set(blocks.column("run_id").to_pylist()) == {"run-0", "run-a"}


def test_s3_lease_object_refuses_a_second_writer_and_is_taken_over_when_stale(s3_endpoint: str) -> None:
    import boto3

    out = "s3://docpipe-test/leased/ds"
    with writer_lease(out, run_id="first"):
        holder = HOLDER.replace("with writer_lease(sys.argv[1], run_id=\"holder-run\"):", "with writer_lease(sys.argv[1], wait=0.5):")
        other = subprocess.run([sys.executable, "-c", holder, out], capture_output=True, text=True, cwd=REPO, timeout=60)
        assert "DatasetBusy" in other.stderr and "is being written by run first (pid " in other.stderr
    # A lease object left by a run that died 60 s ago (no heartbeat since) is taken over.
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    dead = {"host": "elsewhere", "pid": 1, "run_id": "dead-run", "started": "2026-01-01T00:00:00+00:00", "heartbeat": time.time() - 60}
    client.put_object(Bucket="docpipe-test", Key=f"leased/ds/{LEASE_FILE}", Body=json.dumps(dead).encode())
    with writer_lease(out, run_id="next"):
        body = client.get_object(Bucket="docpipe-test", Key=f"leased/ds/{LEASE_FILE}")["Body"].read()
        assert json.loads(body)["run_id"] == "next"
    assert "Contents" not in client.list_objects_v2(Bucket="docpipe-test", Prefix=f"leased/ds/{LEASE_FILE}")  # released


def test_commit_recheck_drops_versions_committed_meanwhile_locally(out: str) -> None:
    _concurrent_writers(out)


@pytest.mark.slow
def test_commit_recheck_drops_versions_committed_meanwhile_on_s3(s3_endpoint: str) -> None:
    _concurrent_writers("s3://docpipe-test/concurrent/ds")


# -- two real `docpipe run`s into one --out ------------------------------------------------------

RUN_PAGES = 600


@pytest.fixture(scope="module")
def site() -> Iterator[FaultServer]:
    server = FaultServer("127.0.0.1").start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def prefect_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated Prefect database, copied into each run's home: runs starting together would
    otherwise each migrate a new database (~8 CPU-seconds apiece) or contend for one."""
    home = tmp_path_factory.mktemp("prefect_template")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    exe = Path(sys.executable).with_name("prefect")
    subprocess.run([str(exe), "server", "database", "upgrade", "-y"], env=env, check=True, capture_output=True, timeout=HANG_GUARD_SECONDS)
    return home / "prefect.db"


def run_config(tmp: Path, site: FaultServer, agent: str) -> Path:
    """600 pages of the loopback server; the user agent tells the two runs' requests apart."""
    urls = ", ".join(f'"{site.url(f"/page/c{i}")}"' for i in range(RUN_PAGES))
    path = tmp / f"{agent}.toml"
    path.write_text(
        f'batch_size = 100\n\n[fetch]\nuser_agent = "{agent}"\nper_host_delay = 0.0\nper_host_concurrency = 4\n'
        f'respect_robots = false\nretries = 0\n\n[[sources]]\nkind = "urls"\nurls = [{urls}]\n',
        encoding="utf-8",
    )
    return path


def docpipe(tmp: Path, config: Path, out: str, *args: str, db: Path) -> subprocess.Popen[str]:
    exe = Path(sys.executable).with_name("docpipe")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    home = tmp / f".prefect-{config.stem}"  # a Prefect home (and SQLite database) per run
    home.mkdir()
    shutil.copy(db, home / "prefect.db")
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    with (tmp / f"{config.stem}.stderr").open("w") as log:
        proc = subprocess.Popen(
            [str(exe), "run", "--config", str(config), "--out", out, *args],
            cwd=tmp, env=env, stdout=subprocess.DEVNULL, stderr=log, text=True,
        )
    proc.log = tmp / f"{config.stem}.stderr"  # type: ignore[attr-defined]
    return proc


def wait_for_agents(site: FaultServer, agents: set[str], procs: list[subprocess.Popen[str]]) -> None:
    """Hold every page request for a second until all runs fetch, so that their work overlaps
    (the caller sets site.handle_delay back to 0 when it wants them to finish)."""
    site.handle_delay = 1.0
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    while not agents <= {h.headers.get("user-agent") for h in site.hits_for("/page/")}:
        assert all(p.poll() is None for p in procs), [p.log.read_text() for p in procs if p.poll() is not None]  # type: ignore[attr-defined]
        assert time.monotonic() < deadline, "the runs never started fetching"
        time.sleep(0.1)


def finished(proc: subprocess.Popen[str]) -> tuple[int, str]:
    proc.wait(timeout=HANG_GUARD_SECONDS)
    return proc.returncode, proc.log.read_text()  # type: ignore[attr-defined]


def document_rows(out: str) -> list[tuple[str, str]]:
    rows = read_table(out, "documents")
    return list(zip(rows.column("doc_id").to_pylist(), rows.column("content_hash").to_pylist()))


@pytest.mark.slow
def test_two_concurrent_runs_into_one_folder_never_duplicate(tmp_path: Path, site: FaultServer, prefect_db: Path) -> None:
    site.reset_log()
    leased, bypassed = str(tmp_path / "leased"), str(tmp_path / "bypassed")
    first = docpipe(tmp_path, run_config(tmp_path, site, "run-a"), leased, db=prefect_db)
    both = [docpipe(tmp_path, run_config(tmp_path, site, f"run-{n}"), bypassed, "--no-lock", db=prefect_db) for n in ("c", "d")]
    wait_for_agents(site, {"run-a", "run-c", "run-d"}, [first, *both])

    # With the lease: a second run stops at once, naming the holder (waiting for it instead is
    # test_a_waiting_writer_gets_the_lease_when_the_holder_ends).
    refused = docpipe(tmp_path, run_config(tmp_path, site, "run-b"), leased, db=prefect_db)
    try:
        code, stderr = finished(refused)  # while the first run is still held up by the server
    finally:
        site.handle_delay = 0.0
    assert code == 75, stderr[-2000:]
    assert f"{leased} is being written by a docpipe run (pid {first.pid} on " in stderr
    assert "Traceback" not in stderr
    assert finished(first)[0] == 0
    assert len(document_rows(leased)) == RUN_PAGES
    assert [(r["documents"], r["unchanged"]) for r in read_table(leased, "runs").to_pylist()] == [(RUN_PAGES, 0)]

    # Lease bypassed by both: the commit's re-check keeps every version once.
    for proc in both:
        code, stderr = finished(proc)
        assert code == 0, stderr[-3000:]
    rows = document_rows(bypassed)
    assert len(rows) == len(set(rows)) == RUN_PAGES
    assert sum(r["documents"] for r in read_table(bypassed, "runs").to_pylist()) == RUN_PAGES


@pytest.mark.slow
def test_two_concurrent_runs_into_one_s3_prefix_never_duplicate(
    tmp_path: Path, site: FaultServer, s3_endpoint: str, prefect_db: Path
) -> None:
    site.reset_log()
    leased, bypassed = "s3://docpipe-test/concurrent/leased", "s3://docpipe-test/concurrent/bypassed"
    first = docpipe(tmp_path, run_config(tmp_path, site, "run-e"), leased, db=prefect_db)
    both = [docpipe(tmp_path, run_config(tmp_path, site, f"run-{n}"), bypassed, "--no-lock", db=prefect_db) for n in ("g", "h")]
    try:
        wait_for_agents(site, {"run-e", "run-g", "run-h"}, [first, *both])
        # The lease object: a second run is refused, naming the first.
        code, stderr = finished(docpipe(tmp_path, run_config(tmp_path, site, "run-f"), leased, db=prefect_db))
    finally:
        site.handle_delay = 0.0
    assert code == 75, stderr[-2000:]
    assert f"{leased} is being written by a docpipe run (pid {first.pid} on " in stderr
    for proc in (first, *both):
        code, stderr = finished(proc)
        assert code == 0, stderr[-3000:]
    for out in (leased, bypassed):
        rows = document_rows(out)
        assert len(rows) == len(set(rows)) == RUN_PAGES, out
    assert sorted(r["documents"] for r in read_table(bypassed, "runs").to_pylist()) == [0, RUN_PAGES]
