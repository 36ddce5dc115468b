"""Fixtures for flow tests: an isolated Prefect API, a real Prefect server, dataset readers."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pyarrow as pa
import pytest

from tests.conftest import FIXTURES, HANG_GUARD_SECONDS, SAMPLES

# Columns that differ between two runs over the same inputs by design.
RUN_COLUMNS = ("run_id", "fetched_at", "ingested_at", "ingest_date")



@pytest.fixture(scope="session")
def prefect_api() -> Iterator[None]:
    """Prefect's test harness: a temporary database and API server for the whole session
    (about 12 s once), so flow tests never touch the developer's ~/.prefect or each other.
    The harness returns as soon as its server is healthy; the limit only stops a hung start."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=int(HANG_GUARD_SECONDS)):
        yield


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A small mixed input folder: the samples (one binary reject) plus the bundled GBK pages."""
    root = tmp_path / "inputs"
    shutil.copytree(SAMPLES, root)
    for page in sorted((FIXTURES / "encodings").glob("*.raw.html")):
        shutil.copy(page, root / page.name)
    return root


def table_rows(out: Path, table: str, key: tuple[str, ...]) -> list[dict[str, Any]]:
    """The committed rows of `table` without per-run columns, sorted by `key`."""
    from docpipe.export import read_table

    data: pa.Table = read_table(str(out), table)  # type: ignore[arg-type]
    data = data.drop_columns([c for c in RUN_COLUMNS if c in data.column_names])
    return sorted(data.to_pylist(), key=lambda row: tuple(row[k] for k in key))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop(proc: subprocess.Popen[bytes], grace: float = 10.0) -> None:
    """SIGTERM the process group we started (the process and its children), then SIGKILL."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


# a busy Prefect server (503) is asked this many times, 1 s, 2 s, ... apart (PrefectServer.post)
SERVER_BUSY_ATTEMPTS = 5


@dataclass(frozen=True)
class PrefectServer:
    api_url: str
    home: Path
    log: Path

    def env(self, **extra: str) -> dict[str, str]:
        """Environment for a client process of this server (and nothing of the developer's)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
        env.update(
            PREFECT_API_URL=self.api_url,
            PREFECT_HOME=str(self.home),
            PREFECT_SERVER_ANALYTICS_ENABLED="false",
            **extra,
        )
        return env

    def post(self, path: str, body: dict[str, Any]) -> Any:
        """POST to the server's API. A 503 is the server saying its database was busy (Prefect
        answers so when SQLite stays locked; the request's transaction is rolled back), which
        happened to create_flow_run in a fresh-clone run of two suites on two cores: asked again
        after a pause, up to SERVER_BUSY_ATTEMPTS times; any other error fails at once."""
        for attempt in range(1, SERVER_BUSY_ATTEMPTS + 1):
            response = httpx.post(f"{self.api_url}{path}", json=body, timeout=10)
            if response.status_code != 503 or attempt == SERVER_BUSY_ATTEMPTS:
                break
            time.sleep(attempt)
        response.raise_for_status()
        return response.json()


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    """A real `prefect server start` on a free loopback port with its own PREFECT_HOME, once it
    answers /health (a fresh database is migrated first: ~20 s idle, minutes under load)."""
    home = tmp_path_factory.mktemp("prefect_home")
    port = free_port()
    log = home / "server.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        # The scheduler looks for new deployments every 60 s by default; the test has no minute
        # to spare. (Newly created deployments are also scheduled by a 5 s loop.)
        PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS="5",
        PREFECT_UI_ENABLED="false",
    )
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,  # its own process group: stop() ends it and its children
        )
    server = PrefectServer(api_url=f"http://127.0.0.1:{port}/api", home=home, log=log)
    try:
        deadline = time.monotonic() + HANG_GUARD_SECONDS
        while True:
            if proc.poll() is not None:
                pytest.fail(f"prefect server exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{server.api_url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass  # not listening yet
            if time.monotonic() > deadline:
                pytest.fail(f"prefect server not healthy after {HANG_GUARD_SECONDS:g} s:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        yield server
    finally:
        stop(proc)
