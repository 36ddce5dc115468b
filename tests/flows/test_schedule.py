"""Scheduled deployments on a real Prefect server: `docpipe serve` registers the ingest flow
with the cron schedule from the config file, the server's scheduler creates runs, the served
process executes one, and its Parquet output can be read back; prefect.yaml deploys the same
flow to a process work pool whose worker runs it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from docpipe.config import Settings
from docpipe.export import read_table
from tests.conftest import HANG_GUARD_SECONDS, REPO
from tests.flows.conftest import PrefectServer, stop, table_rows

pytestmark = pytest.mark.slow

# Every 10 seconds (croniter's optional 6th field counts seconds): a real cron from the
# config that fires within the test's time budget.
EVERY_10_SECONDS = "* * * * * */10"
DEPLOYMENT = "docpipe-schedule-test"


def runs_in(server: PrefectServer, *states: str) -> list[dict]:
    return server.post(
        "/flow_runs/filter",
        {
            "deployments": {"name": {"any_": [DEPLOYMENT]}},
            "flow_runs": {"state": {"type": {"any_": list(states)}}},
        },
    )


def test_served_deployment_runs_on_its_cron_schedule_and_writes_parquet(
    prefect_server: PrefectServer, corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dataset"
    config = tmp_path / "docpipe.toml"
    config.write_text(f'out = "{out.as_posix()}"\nbatch_size = 4\nschedule = "{EVERY_10_SECONDS}"\n', encoding="utf-8")
    log = tmp_path / "serve.log"
    with log.open("wb") as sink:
        serve = subprocess.Popen(
            [str(Path(sys.executable).with_name("docpipe")), "serve", str(corpus), "--config", str(config), "--name", DEPLOYMENT],
            cwd=tmp_path,
            stdout=sink,
            stderr=subprocess.STDOUT,
            # The runner polls for due runs every 10 s by default.
            env=prefect_server.env(PREFECT_RUNNER_POLL_FREQUENCY="2"),
            start_new_session=True,
        )
    try:
        # Waits for the events themselves (a completed run; serve exiting or a run failing ends
        # the wait at once), however long Prefect takes to start on a loaded machine.
        deadline = time.monotonic() + HANG_GUARD_SECONDS
        runs: list[dict] = []
        while not runs:
            assert serve.poll() is None, f"docpipe serve exited with {serve.returncode}:\n{log.read_text()[-4000:]}"
            assert not runs_in(prefect_server, "FAILED", "CRASHED"), log.read_text()[-4000:]
            assert time.monotonic() < deadline, f"no completed run after {HANG_GUARD_SECONDS:g} s:\n{log.read_text()[-4000:]}"
            time.sleep(1)
            runs = runs_in(prefect_server, "COMPLETED")
    finally:
        stop(serve)

    # The run came from the schedule, not from a manual trigger.
    assert runs[0]["auto_scheduled"] is True
    (deployment,) = prefect_server.post("/deployments/filter", {"deployments": {"name": {"any_": [DEPLOYMENT]}}})
    assert [s["schedule"]["cron"] for s in deployment["schedules"]] == [EVERY_10_SECONDS]
    # Parameters are stored resolved, with absolute paths, so a run works from any directory.
    assert deployment["parameters"]["settings"]["out"] == str(out)
    assert deployment["parameters"]["sources"] == [str(corpus)]

    documents = table_rows(out, "documents", ("doc_id",))
    assert len(documents) >= 5
    assert {Path(d["source"]).name for d in documents} >= {"english_news.html", "gbk_notice.html"}
    assert table_rows(out, "blocks", ("doc_id", "block_idx"))
    # A reject is an event of the run that met it: every scheduled run that reads the corpus meets
    # broken.html again and records it once, so the test does not depend on how many 10-second
    # runs fell inside its window (a second run used to make a global "exactly one" fail).
    rejects = read_table(str(out), "rejects").to_pylist()
    runs_table = read_table(str(out), "runs").to_pylist()
    assert runs_table
    for run in runs_table:
        own = [(Path(r["source"]).name, r["reason"]) for r in rejects if r["run_id"] == run["run_id"]]
        assert own == [("broken.html", "binary_content")], (run["run_id"], own)
        assert run["rejected"] == 1
    assert {r["run_id"] for r in rejects} <= {r["run_id"] for r in runs_table}
    # Each committed run's row counts what it wrote (later runs find the inputs unchanged).
    assert sum(r["documents"] for r in runs_table) == len(documents)


def prefect_cli(server: PrefectServer, *args: str, cwd: Path, timeout: float = HANG_GUARD_SECONDS) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "prefect", *args],
        cwd=cwd,
        env=server.env(PREFECT_WORKER_QUERY_SECONDS="2"),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert proc.returncode == 0, f"prefect {' '.join(args)}: {proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


def test_prefect_yaml_deploys_to_a_process_work_pool_and_a_worker_runs_it(
    prefect_server: PrefectServer, corpus: Path, tmp_path: Path
) -> None:
    import json

    import yaml

    spec = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    (deployment_spec,) = spec["deployments"]
    pool = deployment_spec["work_pool"]["name"]
    prefect_cli(prefect_server, "work-pool", "create", pool, "--type", "process", cwd=tmp_path)
    prefect_cli(prefect_server, "--no-prompt", "deploy", "--all", cwd=REPO)

    (deployment,) = prefect_server.post(
        "/deployments/filter", {"deployments": {"name": {"any_": [deployment_spec["name"]]}}}
    )
    assert deployment["work_pool_name"] == pool
    assert [s["schedule"]["cron"] for s in deployment["schedules"]] == [deployment_spec["schedules"][0]["cron"]]
    # The parameters in prefect.yaml are valid flow parameters.
    Settings.model_validate(deployment["parameters"]["settings"])

    # Trigger one run now (the nightly cron would not fire during the test) into a temp dataset.
    out = tmp_path / "dataset"
    settings = {**deployment["parameters"]["settings"], "out": str(out)}
    prefect_cli(
        prefect_server, "deployment", "run", f"docpipe-ingest/{deployment_spec['name']}",
        "--param", f"sources={json.dumps([str(corpus)])}", "--param", f"settings={json.dumps(settings)}",
        cwd=tmp_path,
    )
    prefect_cli(prefect_server, "worker", "start", "--pool", pool, "--run-once", cwd=tmp_path)

    runs = prefect_server.post("/flow_runs/filter", {"deployments": {"id": {"any_": [deployment["id"]]}}})
    (run,) = [r for r in runs if not r["auto_scheduled"]]  # the cron's own runs wait for 02:00
    assert run["state"]["type"] == "COMPLETED", run["state"]
    assert len(table_rows(out, "documents", ("doc_id",))) >= 5
