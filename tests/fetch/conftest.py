"""Shared fixtures: a fault-injecting HTTP server on 127.0.0.1 (and one on 127.0.0.2 for
per-host checks), and Settings with tiny timeouts so fault tests stay fast."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# The fault server module sits next to this file (the benchmark imports it too); make it
# importable whatever pytest's import mode is.
sys.path.insert(0, str(Path(__file__).parent))

from fetch_faultserver import FaultServer  # noqa: E402

from docpipe.config import Settings


@pytest.fixture(scope="session")
def server_session() -> Iterator[FaultServer]:
    server = FaultServer("127.0.0.1").start()
    yield server
    server.stop()


@pytest.fixture()
def server(server_session: FaultServer) -> FaultServer:
    server_session.reset_log()
    server_session.pages.clear()
    server_session.robots = None
    server_session.robots_status = 200
    server_session.list_pages = 3
    server_session.articles_per_list = 5
    server_session.handle_delay = 0.0
    server_session.sitemap_size = 1000
    return server_session


@pytest.fixture()
def server2() -> Iterator[FaultServer]:
    server = FaultServer("127.0.0.2").start()
    yield server
    server.stop()


def make_settings(tmp_out: str = "outputs", **fetch: Any) -> Settings:
    base: dict[str, Any] = {
        "timeout": 0.5,
        "total_timeout": 1.5,
        "retries": 2,
        "backoff_base": 0.01,
        "backoff_max": 2.0,
        "concurrency": 8,
        "per_host_concurrency": 8,
        "per_host_delay": 0.0,
        "respect_robots": True,
        "max_bytes": 2_000_000,
    }
    base.update(fetch)
    return Settings.model_validate({"out": tmp_out, "fetch": base})
