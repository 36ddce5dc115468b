"""Stopping `docpipe run` with real signals: SIGINT to the process group (Ctrl-C), SIGTERM to
the main process alone (kill, systemd), and `timeout N docpipe run …` (SIGTERM after N s).

Each run works on 2,000 pages served by the loopback fault server with a per-request delay,
so it is certainly mid-way (batches in flight) when the signal comes. Each must exit within
10 s with 130/143/124, print one status line and no traceback, leave none of its processes
(the embedded Prefect server included) alive or listening, and commit nothing. A run to
completion over the same inputs afterwards must give the same dataset as a clean run.
"""

from __future__ import annotations

import math
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from tests.conftest import HANG_GUARD_SECONDS, REPO
from tests.flows.conftest import table_rows

sys.path.insert(0, str(REPO / "tests" / "fetch"))
from fetch_faultserver import FaultServer  # noqa: E402


PAGES = 2000
# Seconds each page request takes while a run is to be interrupted: 2,000 pages at 4 per host
# at once then take ~25 s, far longer than any of the stops below.
SLOW_PAGE_SECONDS = 0.05
STOP_WITHIN_SECONDS = 10.0


@pytest.fixture(scope="module")
def site() -> Iterator[FaultServer]:
    server = FaultServer("127.0.0.1").start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory, site: FaultServer) -> Path:
    root = tmp_path_factory.mktemp("shutdown")
    urls = ",\n".join(f'  "{site.url(f"/page/p{i}")}"' for i in range(PAGES))
    (root / "docpipe.toml").write_text(
        "batch_size = 100\nworkers = 2\n\n"
        "[fetch]\nper_host_delay = 0.0\nper_host_concurrency = 4\nconcurrency = 8\n"
        "respect_robots = false\nretries = 0\ntimeout = 10\n\n"
        f'[[sources]]\nkind = "urls"\nurls = [\n{urls}\n]\n',
        encoding="utf-8",
    )
    return root


def start(work: Path, out: Path, *prefix: str, options: tuple[str, ...] = ()) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).with_name("docpipe")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    # One PREFECT_HOME for the module: its database is migrated once, not per run.
    env.update(PREFECT_HOME=str(work / ".prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    with (work / f"{out.name}.stderr").open("wb") as log:
        return subprocess.Popen(
            [*prefix, str(exe), "run", "--config", str(work / "docpipe.toml"), "--out", str(out), *options],
            cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True,
        )


def wait_until_fetching(proc: subprocess.Popen[bytes], site: FaultServer, hits: int = 100) -> float:
    """Seconds until the run has fetched `hits` pages (its batches are then in flight)."""
    started = time.monotonic()
    while len(site.hits_for("/page/")) < hits:
        assert proc.poll() is None, f"the run ended before it was interrupted ({proc.returncode})"
        assert time.monotonic() - started < HANG_GUARD_SECONDS, "the run never started fetching"
        time.sleep(0.05)
    return time.monotonic() - started


def family(proc: subprocess.Popen[bytes]) -> tuple[list[psutil.Process], set[int]]:
    """The process and all its descendants, and the TCP ports they listen on."""
    root = psutil.Process(proc.pid)
    members = [root, *root.children(recursive=True)]
    ports = set()
    for member in members:
        try:
            ports |= {c.laddr.port for c in member.net_connections(kind="tcp") if c.status == psutil.CONN_LISTEN}
        except psutil.NoSuchProcess:
            pass
    return members, ports


# What a quiet stop never prints: tracebacks (a KeyboardInterrupt in each Dask worker, a
# cancelled future in each batch), a worker's failed task, a Dask worker that had to be killed.
NOISE = ("Traceback", "KeyboardInterrupt", "CancelledError", "Compute Failed", "still alive after")


def assert_stopped_cleanly(proc: subprocess.Popen[bytes], members: list[psutil.Process], ports: set[int],
                           out: Path, signalled: float, code: int) -> float:
    proc.wait(STOP_WITHIN_SECONDS + 5)
    seconds = time.monotonic() - signalled
    stderr = (out.parent / f"{out.name}.stderr").read_text(encoding="utf-8", errors="replace")
    assert proc.returncode == code, stderr[-3000:]
    assert seconds < STOP_WITHIN_SECONDS, (seconds, stderr[-3000:])
    assert not [word for word in NOISE if word in stderr], stderr[-3000:]
    assert "forced exit" not in stderr, stderr[-3000:]  # the orderly stop finished in time
    assert "NOT committed — nothing of it is visible" in stderr, stderr[-2000:]
    time.sleep(0.5)  # children reaped by init after their parent left
    alive = [m for m in members if m.is_running() and m.status() != psutil.STATUS_ZOMBIE]
    assert not alive, [m.cmdline() for m in alive]
    for port in ports:
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still listening"
    assert not list((out / "runs").glob("*.parquet")) and not list((out / "documents").rglob("*.parquet"))
    return seconds


DEFERRED_CHILD = """
import os, signal, sys, time
from docpipe import shutdown
shutdown.install()
try:
    with shutdown.deferred():
        print("commit started", flush=True)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.3)  # the rest of the commit: renames, runs row
        print("commit finished", flush=True)
    print("after the commit", flush=True)
except shutdown.Interrupted as exc:
    print(f"stopped {exc.exit_code}", flush=True)
    shutdown.force_exit(exc.exit_code, shutdown.status_line(exc.signum))
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_the_commit_waits_for_its_end(signum: int) -> None:
    child = DEFERRED_CHILD.replace("signal.SIGTERM)", f"{int(signum)})")
    proc = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=60)
    assert proc.stdout.splitlines() == ["commit started", "commit finished", f"stopped {128 + signum}"]
    assert proc.returncode == 128 + signum
    assert proc.stderr.strip() == f"docpipe: stopped by {signal.Signals(signum).name} before a run started: nothing written"


def test_a_second_signal_forces_the_exit_at_once() -> None:
    child = (
        "import os, signal, time\nfrom docpipe import shutdown\nshutdown.install()\n"
        "try:\n    os.kill(os.getpid(), signal.SIGINT)\nexcept shutdown.Interrupted:\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n    time.sleep(30)\n"
    )
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=60)
    assert time.monotonic() - started < 10 and proc.returncode == 130
    assert proc.stderr.strip() == "docpipe: second SIGINT: forced exit"


@pytest.mark.slow
def test_signals_stop_a_run_quickly_and_a_rerun_gives_the_clean_dataset(work: Path, site: FaultServer) -> None:
    out = work / "out"
    site.handle_delay = SLOW_PAGE_SECONDS
    took: dict[str, float] = {}

    # Ctrl-C in a terminal: SIGINT to the whole process group.
    site.reset_log()
    proc = start(work, out)
    startup = wait_until_fetching(proc, site)
    members, ports = family(proc)
    assert len(members) >= 2 and ports  # docpipe and its embedded Prefect server, listening
    signalled = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)
    took["SIGINT to the group"] = assert_stopped_cleanly(proc, members, ports, out, signalled, 130)

    # kill / systemd: SIGTERM to the main process only.
    site.reset_log()
    proc = start(work, out)
    startup = max(startup, wait_until_fetching(proc, site))
    members, ports = family(proc)
    signalled = time.monotonic()
    os.kill(proc.pid, signal.SIGTERM)
    took["SIGTERM to the process"] = assert_stopped_cleanly(proc, members, ports, out, signalled, 143)

    # cron under `timeout`: 10 s on an idle machine; on a loaded one the run needs longer just
    # to start, so the limit is twice the slowest startup seen above plus 5 s of work: with only
    # startup + 5 s, a start 6 s slower than the two before it (load ~9 from other jobs) had the
    # run stopped by `timeout` before it fetched, and the test failed. The run's work (about
    # 100 s, below) still outlasts the limit.
    limit = max(10, math.ceil(2 * startup + 5))
    # Slower pages for this run, so that its work (2,000 pages x 0.2 s over 4 connections, about
    # 100 s) always outlasts the limit: with the startup of a slow earlier run in the limit, a
    # faster start finished all 2,000 pages inside it and exited 0.
    site.handle_delay = SLOW_PAGE_SECONDS * 4
    site.reset_log()
    launched = time.monotonic()
    proc = start(work, out, "timeout", str(limit))
    wait_until_fetching(proc, site)
    members, ports = family(proc)
    proc.wait(limit + STOP_WITHIN_SECONDS + 5)
    took[f"timeout {limit}"] = time.monotonic() - launched - limit
    assert_stopped_cleanly(proc, members, ports, out, launched + limit, 124)

    # The same inputs to completion, after the three stops and into a fresh folder.
    site.handle_delay = 0.0
    clean = work / "clean"
    runs = [start(work, out), start(work, clean)]
    for run in runs:
        assert run.wait(HANG_GUARD_SECONDS) == 0, (work / "out.stderr").read_text()[-3000:]
    for table, key in (("documents", ("doc_id",)), ("blocks", ("doc_id", "block_idx"))):
        assert table_rows(out, table, key) == table_rows(clean, table, key)
    assert len(table_rows(out, "documents", ("doc_id",))) == PAGES
    print("seconds from signal to exit:", {k: round(v, 2) for k, v in took.items()})


@pytest.mark.slow
def test_signals_stop_a_dask_run_and_release_its_local_cluster(work: Path, site: FaultServer) -> None:
    """`docpipe run --dask` on a LocalCluster of two worker processes: the workers abandon the
    run's batches and are closed (not killed) within the same 10 s, quietly, nothing committed."""
    site.handle_delay = SLOW_PAGE_SECONDS
    for how, code in (("SIGINT to the group", 130), ("SIGTERM to the process", 143)):
        out = work / f"dask-{code}"
        site.reset_log()
        proc = start(work, out, options=("--dask",))
        wait_until_fetching(proc, site)
        members, ports = family(proc)
        workers = [m for m in members if "spawn_main" in " ".join(m.cmdline())]
        assert len(workers) >= 2, [m.cmdline() for m in members]  # the cluster's worker processes
        signalled = time.monotonic()
        if code == 130:
            os.killpg(proc.pid, signal.SIGINT)
        else:
            os.kill(proc.pid, signal.SIGTERM)
        assert_stopped_cleanly(proc, members, ports, out, signalled, code)
        stderr = (work / f"{out.name}.stderr").read_text(encoding="utf-8", errors="replace")
        # Each batch in flight ended as a stopped batch (not as a cancelled or failed one).
        assert f"Interrupted: stopped by {signal.Signals(code - 128).name}" in stderr, (how, stderr[-3000:])
        fetched = len(site.hits_for("/page/"))
        time.sleep(1.0)
        assert len(site.hits_for("/page/")) == fetched, how  # no worker fetches on for the run
