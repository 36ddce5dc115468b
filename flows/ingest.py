"""The ingest flow: discover inputs, process them in batches, commit the run.

Design:
- A Prefect task run costs 6–10 ms, so one task handles a *batch* of documents
  (settings.batch_size, 200 by default), never a single one.
- A batch task runs fetch -> clean -> structure -> export itself and returns only a small
  BatchSummary: Prefect keeps every task result until the flow ends, so documents must never
  be task results, or memory would grow with the corpus.
- Batches are submitted through a bounded window (settings.workers in flight), so discovery
  of 100,000 URLs does not create 100,000/batch_size futures at once.
- A retried batch skips the doc_ids its earlier attempt already staged: no duplicates.
- The `runs` row is written last, after every batch: it marks the run as committed.
"""

# No `from __future__ import annotations` here: `docpipe serve` (flow.serve) cloudpickles the
# flow function by value into each run's subprocess, and Prefect resolves string annotations
# such as "Settings" against the pickled globals, which hold only the names the body uses.

from collections import Counter
from collections.abc import Callable
from contextvars import ContextVar
from datetime import date, datetime, timezone
from typing import Any
from uuid import uuid4

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture, wait
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from docpipe import __version__, shutdown
from docpipe.config import Settings
from docpipe.export.lease import writer_lease
from docpipe.models import Rejection, RunRecord
from docpipe.pipeline import BatchSummary, chunked, commit_run
from flows.dask_runner import dask_batches, run_batch_here_or_on_dask
from docpipe.report import RunReport, html_link, reject_rows, render_markdown

# Progress callback of the `docpipe run` process (None when run by a deployment/worker).
# A ContextVar, not a module global: it belongs to the caller's context only.
_ON_BATCH: ContextVar[Callable[[BatchSummary], None] | None] = ContextVar("docpipe_on_batch", default=None)
_ON_DISCOVERED: ContextVar[Callable[[int], None] | None] = ContextVar("docpipe_on_discovered", default=None)


def _progress_hooks() -> tuple[Callable[[int], None] | None, Callable[[BatchSummary], None] | None]:
    """The caller's progress callbacks. The flow body must not name the ContextVars itself: a
    served deployment (flow.serve) cloudpickles the flow function by value, with the globals
    it names, and a ContextVar cannot be pickled; a module-level function is pickled by name."""
    return _ON_DISCOVERED.get(), _ON_BATCH.get()


def _transient_failure(task: Any, task_run: Any, state: Any) -> bool:
    """Retry a batch only when what failed may heal (I/O), never for a bug in our code."""
    from docpipe.errors import DocpipeError

    try:
        state.result()
    except DocpipeError as exc:
        return exc.transient
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError, FileExistsError):
        return False  # a wrong or read-only output path does not heal by waiting
    except (OSError, TimeoutError, ConnectionError):
        return True
    except Exception:  # noqa: BLE001 - any other exception is a bug: retrying repeats it
        return False
    return False


@task(
    name="process-batch",
    retries=2,
    retry_delay_seconds=[2, 10],
    retry_condition_fn=_transient_failure,
    cache_policy=NO_CACHE,
    task_run_name="batch-{batch_no}",
)
def process_batch(
    batch_no: int,
    sources: list[str],
    settings: Settings,
    run_id: str,
    extra_rejects: list[Rejection],
    ingest_date: date | None = None,
) -> BatchSummary:
    # On the flow's Dask cluster when settings.dask_address is set (see flows/dask_runner.py).
    summary = run_batch_here_or_on_dask(batch_no, sources, settings, run_id, extra_rejects, ingest_date)
    logger = get_run_logger()
    logger.info(
        "batch %d: %d inputs -> %d documents, %d unchanged, %d rejected",
        batch_no, summary.discovered, summary.documents, summary.unchanged, summary.rejected,
    )
    for source, stage, reason, message in summary.rejected_inputs:
        # Which input and why, where the user looks (console, Prefect UI), not only a count.
        logger.warning("batch %d: rejected %s: %s/%s: %s", batch_no, source, stage, reason, message)
    if summary.rejected > len(summary.rejected_inputs):
        logger.warning(
            "batch %d: %d more rejected inputs: see the rejects table or the run report",
            batch_no, summary.rejected - len(summary.rejected_inputs),
        )
    for source, duplicate_of in summary.duplicate_inputs:
        # Not silent: a page whose canonical link names another page's URL lands here.
        logger.warning("batch %d: %s not written: same document URL %s", batch_no, source, duplicate_of)
    return summary


def _merge(summaries: list[BatchSummary]) -> tuple[Counter[str], Counter[str], Counter[str], Counter[str], Counter[str], list[tuple[str, float]]]:
    counts: Counter[str] = Counter()
    by_stage: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    seconds: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    slowest: list[tuple[str, float]] = []
    for s in summaries:
        counts.update(
            documents=s.documents, unchanged=s.unchanged, duplicates=s.duplicates, rejected=s.rejected, blocks=s.blocks,
            retries=s.retries,
        )
        by_stage.update(s.rejected_by_stage)
        reasons.update(s.reject_reasons)
        seconds.update(s.seconds_by_stage)
        outcomes.update(s.fetch_outcomes)
        slowest.extend(s.slowest)
    slowest.sort(key=lambda item: item[1], reverse=True)
    return counts, by_stage, reasons, seconds, outcomes, slowest[:10]


@flow(name="docpipe-ingest", persist_result=False, validate_parameters=True)
def ingest(sources: list[str], settings: Settings, run_id: str | None = None) -> RunReport:
    """Fetch, clean, structure and export SOURCES (plus settings.sources) as one committed run."""
    started = datetime.now(timezone.utc)
    if run_id is None:
        from prefect.runtime import flow_run

        run_id = f"{started:%Y%m%dT%H%M%S}-{(flow_run.get_id() or uuid4().hex)[:8]}"
    shutdown.note_run(run_id, settings.out)
    try:
        # One run at a time per local dataset (docpipe.export.lease); `docpipe run` already
        # holds it, deployments take it here.
        with writer_lease(settings.out, run_id=run_id, wait=settings.wait_for_lock, enabled=settings.writer_lease):
            return _ingest(sources, settings, run_id, started)
    except BaseException as exc:
        # Ctrl-C, our SIGTERM handler, or Prefect's own SIGTERM bridge (TerminationSignal, which
        # replaces our handler while a flow runs): batches in flight must stop now, before
        # Prefect's task runner waits for them to finish.
        if shutdown.is_stop(exc):
            shutdown.request_stop(shutdown.signal_of(exc))
        raise


def _ingest(sources: list[str], settings: Settings, run_id: str, started: datetime) -> RunReport:
    from docpipe.fetch import discover

    logger = get_run_logger()
    found, discovery_rejects = discover(settings, sources)
    logger.info("run %s: %d inputs discovered, %d rejected at discovery", run_id, len(found), len(discovery_rejects))
    notify, on_batch = _progress_hooks()
    if notify is not None:
        notify(len(found) + len(discovery_rejects))

    summaries: list[BatchSummary] = []
    in_flight: list[PrefectFuture[BatchSummary]] = []

    def collect(futures: list[PrefectFuture[BatchSummary]]) -> None:
        for future in futures:
            summary = future.result()  # raises after retries are spent: the run fails loudly
            summaries.append(summary)
            shutdown.note_batch()
            if on_batch is not None:
                on_batch(summary)

    batches = chunked(found, settings.batch_size)
    first = True
    with dask_batches(settings) as remote:
        window = settings.workers if remote is None else remote.window(settings.workers)
        for batch_no, batch in enumerate(batches):
            shutdown.check()  # no new batch once a stop was requested
            extra = discovery_rejects if first else []
            first = False
            in_flight.append(process_batch.submit(batch_no, batch, settings, run_id, extra, started.date()))
            if len(in_flight) >= window:
                done = in_flight.pop(0)
                wait([done])
                collect([done])
        if first and discovery_rejects:  # nothing discovered, but the rejects must still be written
            in_flight.append(process_batch.submit(0, [], settings, run_id, discovery_rejects, started.date()))
        collect(in_flight)

    counts, by_stage, reasons, seconds, outcomes, slowest = _merge(summaries)
    record = RunRecord(
        run_id=run_id,
        started_at=started,
        finished_at=datetime.now(timezone.utc),
        docpipe_version=__version__,
        discovered=sum(s.discovered for s in summaries),
        documents=counts["documents"],
        unchanged=counts["unchanged"],
        rejected=counts["rejected"],
        duplicates=counts["duplicates"],
        rejected_by_stage=dict(by_stage),
        reject_reasons=dict(reasons),
        blocks=counts["blocks"],
        seconds_by_stage={k: round(v, 3) for k, v in seconds.items()},
        config=settings.model_dump_json(),
        fetch_outcomes=dict(outcomes),
        retries=counts["retries"],
        slowest=[(src, round(sec, 4)) for src, sec in slowest],
    )
    # The report states what the dataset holds: finish() counts the committed rows (a batch
    # retried after staging its files reports those documents as duplicates, not documents).
    # A signal during the commit is acted on once the commit is complete: never half of one.
    with shutdown.deferred():
        record = commit_run(settings, record)
        shutdown.note_committed(record.documents, record.rejected)
    html_report, html_error = _write_html_report(settings.out, run_id)
    report = RunReport(record=record, html_report=html_report)
    create_markdown_artifact(
        key="docpipe-run-report",
        markdown=render_markdown(report, html_error=html_error),
        description=f"docpipe run {run_id}",
    )
    create_table_artifact(key="docpipe-run-rejects", table=reject_rows(record), description=f"rejects of run {run_id} by reason")
    if html_report is not None:
        create_link_artifact(key="docpipe-run-html-report", link=html_link(html_report), link_text=f"docpipe report {run_id}")
    logger.info(
        "run %s committed: %d documents, %d unchanged, %d rejected",
        run_id, record.documents, record.unchanged, record.rejected,
    )
    return report


def _write_html_report(out: str, run_id: str) -> tuple[str | None, str | None]:
    """(URI of the run's HTML report, None) or (None, why not): the run is committed by now, so a
    report that cannot be drawn is logged and named in the artifact, never a failed run."""
    from docpipe.report.page import write_report

    try:
        return write_report(out, run_id), None
    except Exception as exc:  # noqa: BLE001 - the report is a view of a committed run: it must not fail it
        get_run_logger().warning("run %s: HTML report not written: %s: %s", run_id, type(exc).__name__, exc)
        return None, f"{type(exc).__name__}: {exc}"


def run_with_progress(sources: list[str], settings: Settings, console: Console | None = None) -> RunReport:
    """Run the flow in this process with a rich progress bar (the `docpipe run` command)."""
    console = console or Console(stderr=True)
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        bar = progress.add_task("discovering", total=None)

        def on_discovered(total: int) -> None:
            progress.update(bar, total=total, description="processing")

        def on_batch(summary: BatchSummary) -> None:
            progress.advance(bar, summary.discovered)

        t1 = _ON_DISCOVERED.set(on_discovered)
        t2 = _ON_BATCH.set(on_batch)
        try:
            report = ingest(sources, settings)
        finally:
            _ON_DISCOVERED.reset(t1)
            _ON_BATCH.reset(t2)
        progress.update(bar, completed=report.discovered, description="done")
    return report
