"""`docpipe serve`: what it stores in the deployment, when it refuses, and how real signals stop it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest
from prefect.settings import PREFECT_API_URL, temporary_settings
from typer.testing import CliRunner

from docpipe.cli import app
from docpipe.config import Settings
from docpipe.errors import ConfigError
from flows.serve import deployment_parameters, serve_ingest
from tests.conftest import HANG_GUARD_SECONDS, REPO
from tests.flows.conftest import PrefectServer, stop
from tests.test_shutdown import NOISE, STOP_WITHIN_SECONDS, family

sys.path.insert(0, str(REPO / "tests" / "fetch"))
from fetch_faultserver import FaultServer  # noqa: E402


def test_parameters_pin_local_paths_and_keep_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    params = deployment_parameters(
        ["pages", "https://example.org/sitemap.xml", "s3://bucket/in/a.html"], Settings(out="outputs", batch_size=150)
    )
    assert params["sources"] == [str(tmp_path / "pages"), "https://example.org/sitemap.xml", "s3://bucket/in/a.html"]
    # JSON that the flow validates back into the same settings, with the output pinned.
    restored = Settings.model_validate(params["settings"])
    assert restored.out == str(tmp_path / "outputs") and restored.batch_size == 150
    assert deployment_parameters([], Settings(out="s3://bucket/ds"))["settings"]["out"] == "s3://bucket/ds"


def test_serve_refuses_without_a_prefect_server(tmp_path: Path) -> None:
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        with pytest.raises(ConfigError, match="PREFECT_API_URL"):
            serve_ingest(["pages"], Settings(out=str(tmp_path), schedule="0 2 * * *"))
        result = CliRunner().invoke(app, ["serve", str(tmp_path), "--cron", "0 2 * * *"])
    assert result.exit_code == 2
    assert "prefect server start" in result.output


def test_cron_and_interval_are_exclusive(tmp_path: Path) -> None:
    with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:9/api"}):
        with pytest.raises(ConfigError, match="not both"):
            serve_ingest(["pages"], Settings(out=str(tmp_path)), cron="0 2 * * *", interval=60)


# -- stopping a real `docpipe serve` with real signals -------------------------------------------

SERVE_PAGES = 2000


@pytest.fixture(scope="module")
def slow_site() -> Iterator[FaultServer]:
    server = FaultServer("127.0.0.1", handle_delay=0.05).start()  # a run is certainly mid-way
    yield server
    server.stop()


def serve_process(server: PrefectServer, site: FaultServer, work: Path, name: str) -> subprocess.Popen[bytes]:
    urls = ",\n".join(f'  "{site.url(f"/page/{name}-{i}")}"' for i in range(SERVE_PAGES))
    config = work / f"{name}.toml"
    config.write_text(
        f'out = "{(work / name).as_posix()}"\nbatch_size = 100\nworkers = 2\n\n'
        "[fetch]\nper_host_delay = 0.0\nper_host_concurrency = 4\nrespect_robots = false\nretries = 0\n\n"
        f'[[sources]]\nkind = "urls"\nurls = [\n{urls}\n]\n',
        encoding="utf-8",
    )
    with (work / f"{name}.log").open("wb") as log:
        return subprocess.Popen(
            [str(Path(sys.executable).with_name("docpipe")), "serve", "--config", str(config), "--name", name],
            cwd=work, env=server.env(PREFECT_RUNNER_POLL_FREQUENCY="1"), stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def deployment(server: PrefectServer, name: str) -> dict | None:
    found = server.post("/deployments/filter", {"deployments": {"name": {"any_": [name]}}})
    return found[0] if found else None


@pytest.mark.slow
@pytest.mark.parametrize(("how", "code"), [("SIGINT to the group", 130), ("SIGTERM to the process", 143)])
def test_a_signal_stops_serve_and_cancels_its_run_in_progress(
    prefect_server: PrefectServer, slow_site: FaultServer, tmp_path: Path, how: str, code: int
) -> None:
    name = f"docpipe-stop-{code}"
    proc = serve_process(prefect_server, slow_site, tmp_path, name)
    log = tmp_path / f"{name}.log"
    try:
        deadline = time.monotonic() + HANG_GUARD_SECONDS
        while (served := deployment(prefect_server, name)) is None:
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.5)
        run = prefect_server.post(f"/deployments/{served['id']}/create_flow_run", {})
        while len(slow_site.hits_for(f"/page/{name}-")) < 100:  # the run is fetching: batches in flight
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.1)
        members, ports = family(proc)  # type: ignore[arg-type]
        assert len(members) >= 2  # docpipe serve and the flow run's process
        signalled = time.monotonic()
        if code == 130:
            os.killpg(proc.pid, signal.SIGINT)
        else:
            os.kill(proc.pid, signal.SIGTERM)
        proc.wait(STOP_WITHIN_SECONDS + 5)
        took = time.monotonic() - signalled
    finally:
        stop(proc)
    output = log.read_text(encoding="utf-8", errors="replace")
    assert proc.returncode == code and took < STOP_WITHIN_SECONDS, (how, proc.returncode, took, output[-3000:])
    assert not [word for word in NOISE if word in output], output[-3000:]
    stopped = f"docpipe serve: stopped by {signal.Signals(code - 128).name}: 1 run in progress was cancelled before committing"
    assert stopped in output and f"deployment docpipe-ingest/{name} paused" in output, output[-3000:]
    time.sleep(0.5)
    alive = [m for m in members if m.is_running() and m.status() != psutil.STATUS_ZOMBIE]
    assert not alive, [m.cmdline() for m in alive]  # the flow run's process too
    for port in ports:
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still listening"
    fetched = len(slow_site.hits_for(f"/page/{name}-"))
    time.sleep(1.0)
    assert len(slow_site.hits_for(f"/page/{name}-")) == fetched < SERVE_PAGES  # nothing fetches on
    # Nothing of the stopped run is visible; the run is not left "running"; the schedule is paused.
    assert not list((tmp_path / name).glob("runs/*.parquet")) and not list((tmp_path / name).rglob("documents/**/*.parquet"))
    state = httpx.get(f"{prefect_server.api_url}/flow_runs/{run['id']}", timeout=10).json()["state"]["type"]
    assert state in ("CANCELLED", "CRASHED"), state
    assert deployment(prefect_server, name)["paused"] is True  # type: ignore[index]
