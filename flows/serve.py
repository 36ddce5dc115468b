"""`docpipe serve`: the ingest flow as a scheduled Prefect deployment served by this process.

Scheduling needs a real Prefect server: the embedded, ephemeral server that
`docpipe run` uses runs no scheduler, so a schedule registered there would never fire. So
`serve` refuses to start without PREFECT_API_URL and says how to get one.

The deployment's parameters are the sources and the *resolved* settings (config file +
DOCPIPE_* environment + options) as JSON: what runs at night is what `docpipe serve` printed,
and it can be inspected and edited per run in the Prefect UI. Local paths are made absolute,
because scheduled runs do not necessarily start in the directory `serve` was started from.

Stopping: SIGINT (Ctrl-C, also to the process group) and SIGTERM (kill, systemd, `timeout`)
both stop the Prefect runner as its own SIGTERM handling does — the flow runs in progress are
cancelled (their processes stopped: a run is committed whole or not visible at all, see
docpipe.shutdown), the deployment's schedule is paused — and `serve_ingest` returns the
signal, so that `docpipe serve` exits 130/143 with one status line instead of 0, and without
the KeyboardInterrupt Prefect's `flow.serve` would catch. A second signal forces the exit.
"""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from typing import Any

from docpipe import shutdown
from docpipe.config import Settings
from docpipe.errors import ConfigError

DEFAULT_DEPLOYMENT = "docpipe-nightly"


def prefect_api_url() -> str | None:
    """The Prefect server this process talks to (PREFECT_API_URL, env or profile), if any."""
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    return str(url) if url else None


def _absolute(location: str) -> str:
    """A local path made absolute; URLs (http://, s3://, file://) as given."""
    return location if "://" in location else str(Path(location).expanduser().resolve())


def deployment_parameters(sources: list[str], settings: Settings) -> dict[str, Any]:
    """The flow parameters stored in the deployment: JSON, with local paths made absolute."""
    pinned = settings.model_copy(update={"out": _absolute(settings.out)})
    return {
        "sources": [_absolute(s) for s in sources],
        "settings": pinned.model_dump(mode="json"),
    }


def _runner(name: str) -> Any:
    """A Prefect Runner that stops on SIGINT as on SIGTERM and remembers the signal."""
    from prefect.runner import Runner

    class StoppableRunner(Runner):
        stopped_by: int | None = None
        in_progress: int | None = None

        def handle_sigterm(self, signum: int = signal.SIGTERM, *args: Any, **kwargs: Any) -> None:
            if self.stopped_by is not None:
                shutdown.force_exit(shutdown.exit_code(self.stopped_by), f"docpipe serve: second {signal.Signals(signum).name}: forced exit")
            self.stopped_by = signum
            # The flow runs this runner has started and not seen end. Prefect keeps no public
            # count, but its public has_slots_available() says whether the limit is reached, and
            # with limit=1 (below) that is the count: 1 when a run holds the slot, else 0.
            self.in_progress = 0 if self.has_slots_available() else 1
            if not self.started or self._loop is None:
                raise shutdown.Interrupted(signum)  # not serving yet: nothing to cancel
            self.stopping = True
            self.execute_in_background(self.astop)  # cancels the runs, ends start()

    # limit=1: two runs writing the same dataset at once would fetch and write the same pages
    # twice, so a run that comes due while the previous one still works waits for it.
    return StoppableRunner(name=name, pause_on_shutdown=True, limit=1)


def stop_line(signum: int, name: str, in_progress: int | None, out: str) -> str:
    """What `docpipe serve` says when a signal stopped it."""
    runs = {None: "runs in progress", 0: "no run was in progress", 1: "1 run in progress was cancelled"}.get(
        in_progress, f"{in_progress} runs in progress were cancelled"
    )
    if in_progress:
        them = "it" if in_progress == 1 else "them"
        runs += f" before committing (nothing of {them} is visible in {out}; the next run processes the inputs again)"
    elif in_progress is None:
        runs += " were cancelled (a run is committed whole or not at all)"
    return f"docpipe serve: stopped by {signal.Signals(signum).name}: {runs}; deployment docpipe-ingest/{name} paused"


def serve_ingest(
    sources: list[str],
    settings: Settings,
    *,
    name: str = DEFAULT_DEPLOYMENT,
    cron: str | None = None,
    interval: float | None = None,
) -> tuple[int, str] | None:
    """Register the deployment and run its scheduled (and manually triggered) flow runs until
    a signal stops it. `cron` defaults to settings.schedule; without any schedule the deployment
    only runs when triggered (`prefect deployment run 'docpipe-ingest/NAME'` or the UI).

    Returns None, or when SIGINT/SIGTERM stopped it the signal and a status line (see the module docstring);
    raises shutdown.Interrupted when a signal came before serving began."""
    from rich.console import Console

    from flows.ingest import ingest

    if prefect_api_url() is None:
        raise ConfigError(
            "docpipe serve needs a running Prefect server (the embedded one runs no scheduler): "
            "start one with `prefect server start --host 127.0.0.1`, then "
            "`export PREFECT_API_URL=http://127.0.0.1:4200/api`"
        )
    if cron and interval:
        raise ConfigError("give a cron schedule or an interval, not both")
    if interval is None:
        cron = cron or settings.schedule  # an explicit interval replaces the config's cron
    runner = _runner(name)
    previous = {sig: signal.signal(sig, runner.handle_sigterm) for sig in shutdown.HANDLED}
    try:
        runner.add_flow(
            ingest,
            name=name,
            cron=cron,
            interval=interval,
            parameters=deployment_parameters(sources, settings),
            description="docpipe: fetch, clean, structure and append SOURCES to the Parquet dataset",
            tags=["docpipe"],
        )
        Console(stderr=True, soft_wrap=True).print(
            f"docpipe serve: serving deployment docpipe-ingest/{name} "
            f"({'cron ' + cron if cron else f'every {interval:g} s' if interval else 'runs when triggered'}); "
            f"trigger a run now with: prefect deployment run 'docpipe-ingest/{name}'",
            markup=False, highlight=False,
        )
        asyncio.run(runner.start())  # start() sets SIGTERM to handle_sigterm again: the same
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if runner.stopped_by is None:
        return None
    out = deployment_parameters([], settings)["settings"]["out"]
    return runner.stopped_by, stop_line(runner.stopped_by, name, runner.in_progress, out)
