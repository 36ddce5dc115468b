"""`docpipe serve`: the ingest flow as a scheduled Prefect deployment served by this process.

Scheduling needs a real Prefect server: the embedded, ephemeral server that
`docpipe run` uses runs no scheduler, so a schedule registered there would never fire. So
`serve` refuses to start without PREFECT_API_URL and says how to get one.

The deployment's parameters are the sources and the *resolved* settings (config file +
DOCPIPE_* environment + options) as JSON: what runs at night is what `docpipe serve` printed,
and it can be inspected and edited per run in the Prefect UI. Local paths are made absolute,
because scheduled runs do not necessarily start in the directory `serve` was started from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def serve_ingest(
    sources: list[str],
    settings: Settings,
    *,
    name: str = DEFAULT_DEPLOYMENT,
    cron: str | None = None,
    interval: float | None = None,
) -> None:
    """Register the deployment and run its scheduled (and manually triggered) flow runs until
    interrupted. `cron` defaults to settings.schedule; without any schedule the deployment
    only runs when triggered (`prefect deployment run 'docpipe-ingest/NAME'` or the UI)."""
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
    ingest.serve(
        name=name,
        cron=cron,
        interval=interval,
        parameters=deployment_parameters(sources, settings),
        description="docpipe: fetch, clean, structure and append SOURCES to the Parquet dataset",
        tags=["docpipe"],
        # Two runs writing the same dataset at once would fetch and write the same pages twice:
        # a run that comes due while the previous one still works waits for it.
        limit=1,
    )
