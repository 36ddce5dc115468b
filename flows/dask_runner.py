"""Batches on a Dask cluster, with Prefect still orchestrating the run.

Why not prefect-dask's DaskTaskRunner (measured when it was chosen): with Prefect's embedded
server every Dask worker process starts a temporary Prefect server of its own, and each task
then costs 350-600 ms; even against a real server a Dask task run costs 120-140 ms. So the
Prefect task runs stay on the flow process's thread runner (6-10 ms each, one per batch:
retries, logs and the UI timeline still work per batch) and each one hands its batch to Dask
with `client.submit(run_batch, ..., pure=False)`. Dask workers run plain docpipe code: no
Prefect engine, no server, no Prefect state to serialise. Workers only need docpipe installed.

A batch writes its own part files (named by run_id and batch number), so a batch that Dask
re-runs after losing a worker, or Prefect retries, overwrites its earlier output instead of
duplicating it.

Stopping (SIGINT/SIGTERM, docpipe.shutdown): workers are separate processes that never see the
flow process's stop flag, so each batch runs in a stop scope of its run and the flow process,
once stopped, tells every worker to stop that scope (`client.run`), gives the batches a moment
to abandon (between documents, or a fetch cancelled within 0.1 s; nothing of them is staged for
readers), cancels what is left and closes the client and its LocalCluster. The workers of a
LocalCluster ignore SIGINT (`dask_setup`): a Ctrl-C to the terminal's process group reaches
them too, and used to kill them mid-batch with a KeyboardInterrupt traceback each.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import uuid4

from docpipe import shutdown
from docpipe.config import Settings
from docpipe.errors import ConfigError
from docpipe.models import Rejection
from docpipe.pipeline import BatchSummary, run_batch

if TYPE_CHECKING:  # distributed is an optional extra: imported only when Dask is used
    from distributed import Client, Future

# `--dask` without a value, or `dask_address = "local"`: start a LocalCluster for the run.
LOCAL = "local"

# What `docpipe run --dask X` accepts as X. Anything else after `--dask` is taken as a SOURCE
# and the flag as `--dask local` (click cannot give an option an optional value by itself):
# a URL-style address (tcp://10.0.0.5:8786, tls://…, inproc://…), a bare host:port as
# `dask scheduler` prints it, or the word `local`.
DASK_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*://\S+|[A-Za-z0-9_.-]+:\d{1,5}|local)$")

# Seconds to wait for a remote scheduler before failing the run with a clear message.
CONNECT_TIMEOUT = 15

# Batches queued per Dask worker thread: one running and one waiting, so a worker never idles
# while the flow collects the previous result, and memory stays bounded (few batches in flight).
QUEUED_PER_THREAD = 2

# Seconds a stopped run gives the workers to hear of the stop and abandon its batches, before
# what is left is cancelled and the cluster closed: a batch checks between documents and a fetch
# within docpipe.shutdown.STOP_POLL_SECONDS, so well under a second on an idle cluster.
ABANDON_SECONDS = 3.0

def with_optional_value(args: Sequence[str], option: str = "--dask", default: str = LOCAL) -> list[str]:
    """Give `option` its default value when it is not followed by an address."""
    out = list(args)
    i = 0
    while i < len(out):
        if out[i] == option and (i + 1 == len(out) or not DASK_ADDRESS.match(out[i + 1])):
            out.insert(i + 1, default)
        i += 1
    return out


def dask_setup(worker: object) -> None:
    """Dask preload of the workers of the LocalCluster a run starts (in each worker's main
    thread): Ctrl-C is for the run that owns them, which stops their batches and closes them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import logging

    logging.getLogger("distributed.worker").addFilter(ClosedSchedulerHeartbeat())


class ClosedSchedulerHeartbeat:
    """Drops a LocalCluster worker's "Failed to communicate with scheduler during heartbeat"
    record, with its traceback, when the cause is a closed comm. The scheduler of the cluster a
    run starts lives in the run's own process, so its comm closes only when the run closes the
    cluster: a heartbeat in flight at that moment fails by construction (seen once in a stopped
    run's stderr). Any other heartbeat failure, and every other record, is kept."""

    MESSAGE = "Failed to communicate with scheduler during heartbeat."

    def filter(self, record: Any) -> bool:
        if record.getMessage() != self.MESSAGE or not record.exc_info:
            return True
        from distributed.comm.core import CommClosedError

        return not isinstance(record.exc_info[1], CommClosedError)


def run_stoppable(stop_key: str, function: Callable[..., BatchSummary], *args: Any, **kwargs: Any) -> BatchSummary | None:
    """Run one batch on a worker in the stop scope of its run (see the module docstring);
    None when the run was stopped and the batch abandoned — a result, not an error, so the
    worker logs no "Compute Failed" with a traceback for each batch of a stopped run."""
    try:
        with shutdown.scope(stop_key):
            return function(*args, **kwargs)
    except shutdown.Interrupted:
        return None


@dataclass(frozen=True)
class DaskBatches:
    """Runs batches on a Dask cluster and waits for their (small) summaries."""

    client: Client
    # This run's stop scope on the workers, and its batches on the cluster now.
    stop_key: str = field(default_factory=lambda: uuid4().hex)
    in_flight: set[Future] = field(default_factory=set)

    @property
    def threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def window(self, workers: int) -> int:
        """Batches the flow keeps in flight: enough to keep every Dask thread busy."""
        return max(workers, QUEUED_PER_THREAD * self.threads)

    def run(
        self,
        batch_no: int,
        sources: list[str],
        settings: Settings,
        run_id: str,
        extra_rejects: list[Rejection],
        ingest_date: date | None = None,
    ) -> BatchSummary:
        # pure=False: a retry must run again, never reuse a cached (failed or stale) result.
        # A DocpipeError raised on the worker comes back as itself (errors.py makes it
        # picklable), so the task's retry condition sees transient vs terminal.
        # `run_batch` is passed by reference (looked up here, so tests can replace it); the key
        # names the batch, not the wrapper, in the dashboard and task stream.
        future = self.client.submit(
            run_stoppable, self.stop_key, run_batch, batch_no, sources, settings, run_id, extra_rejects,
            ingest_date=ingest_date, pure=False, key=f"run_batch-{uuid4().hex}",
        )
        self.in_flight.add(future)
        try:
            summary: BatchSummary | None = future.result()
        except Exception:
            if not shutdown.stop_requested():
                raise
            summary = None  # cancelled because the run was stopped
        finally:
            self.in_flight.discard(future)
            future.release()  # the scheduler forgets the result now, not when the flow ends
        if summary is None:  # abandoned because the run was stopped: end as a local batch would
            raise shutdown.Interrupted(shutdown.requested_signal() or signal.SIGTERM)
        return summary

    def stop(self) -> None:
        """The run was stopped: every worker abandons its batches; what is left is cancelled."""
        from distributed import wait

        futures = list(self.in_flight)
        notice = threading.Thread(
            target=lambda: self.client.run(shutdown.stop_scope, self.stop_key, on_error="ignore"),
            name="docpipe-dask-stop", daemon=True,
        )
        notice.start()
        notice.join(ABANDON_SECONDS)  # a worker that does not answer must not hold the stop up
        with contextlib.suppress(Exception):
            wait(futures, timeout=ABANDON_SECONDS)
        left = [f for f in futures if not f.done()]
        if left:
            with contextlib.suppress(Exception):
                self.client.cancel(left)


# The Dask client of the running flow, for the process_batch task runs it submits
# (Prefect's thread runner copies the flow's context into each task run).
_ACTIVE: ContextVar[DaskBatches | None] = ContextVar("docpipe_dask_batches", default=None)


def run_batch_here_or_on_dask(
    batch_no: int,
    sources: list[str],
    settings: Settings,
    run_id: str,
    extra_rejects: Iterable[Rejection],
    ingest_date: date | None = None,
) -> BatchSummary:
    """The body of the process_batch task: on the flow's Dask cluster if it has one."""
    remote = _ACTIVE.get()
    if remote is None:
        return run_batch(batch_no, sources, settings, run_id, extra_rejects, ingest_date=ingest_date)
    return remote.run(batch_no, sources, settings, run_id, list(extra_rejects), ingest_date)


@contextmanager
def dask_batches(settings: Settings) -> Iterator[DaskBatches | None]:
    """Connect to (or start) the Dask cluster named by settings.dask_address for one flow run.

    Yields None when no address is set: batches then run in the flow process's threads.
    """
    address = settings.dask_address
    if not address:
        yield None
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError(
            "dask_address is set but Dask is not installed: pip install 'docpipe[dask]'"
        ) from exc

    if address == LOCAL:
        # Processes, one thread each: the stages are CPU-bound Python (the GIL would serialise
        # threads). The scheduler's HTTP port is a free one: a fixed one (8787) would clash
        # between concurrent runs.
        cluster = LocalCluster(
            n_workers=settings.workers, threads_per_worker=1, processes=True, dashboard_address=":0",
            preload=[__name__],  # dask_setup: the workers leave Ctrl-C to this process
        )
        try:
            client = Client(cluster)
        except BaseException:
            cluster.close()  # never leave worker processes behind
            raise
    else:
        cluster = None
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise ConfigError(
                f"cannot reach the Dask scheduler at {address} within {CONNECT_TIMEOUT} s ({exc}); "
                "start one with `dask scheduler` and `dask worker ADDRESS` on each machine, "
                "or use `--dask` without an address for a local cluster"
            ) from exc
    batches = DaskBatches(client)
    token = _ACTIVE.set(batches)
    try:
        yield batches
    except BaseException as exc:
        if shutdown.is_stop(exc):  # before the flow's own handler sees it (Prefect's SIGTERM)
            shutdown.request_stop(shutdown.signal_of(exc))
        raise
    finally:
        _ACTIVE.reset(token)
        stopping = shutdown.stop_requested()
        if stopping:
            batches.stop()
        with _quiet(_CLOSE_CHATTER) if stopping else contextlib.nullcontext():
            client.close()
            if cluster is not None:
                cluster.close()


# Closing a client right after cancelling its futures, distributed logs at INFO, with a
# traceback, that its batched comm was closed under a pending send ("Batched Comm Closed",
# CommClosedError): expected at that moment, and noise in a stop that must be quiet.
_CLOSE_CHATTER = ("distributed.batched",)


@contextmanager
def _quiet(loggers: Sequence[str]) -> Iterator[None]:
    import logging

    previous = {name: logging.getLogger(name).level for name in loggers}
    for name in loggers:
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        yield
    finally:
        for name, level in previous.items():
            logging.getLogger(name).setLevel(level)
