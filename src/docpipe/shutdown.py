"""Stopping a run on SIGINT or SIGTERM: quickly, with a clear status, never half-committed.

The one home of signal handling. `docpipe run` and `docpipe serve` call :func:`install` in
their main thread. On the first SIGINT (Ctrl-C, also when sent to the whole process group) or
SIGTERM (`kill`, `timeout`, systemd):

* the process-wide stop flag is set: batches check it between documents (:func:`check`) and
  fetches poll it (:func:`until_stopped`), so in-flight batches are abandoned within a
  fraction of a second — their staged files stay invisible, as for a killed run — and the
  flow submits no new batch;
* :class:`Interrupted` is raised in the main thread, so ``finally`` blocks run (the progress
  bar, a Dask cluster's close) — except inside :func:`deferred` (the commit), which is
  finished first: a commit, once started, is never cut in half by a signal;
* a watchdog forces the exit (:data:`GRACE_SECONDS` later) if the orderly path hangs, and a
  second signal forces it at once. The caller's ``on_force`` hook (stopping docpipe's
  embedded Prefect server) runs on either path.

A process that runs batches for a run it does not own (a Dask worker) has no handlers of its
own: the flow process tells it to stop one run's batches (:func:`stop_scope`), and the batches
of that run, each run inside :func:`scope`, then stop as above while the worker lives on.

Exit statuses follow the shell's convention, 128 + signal number: 130 for SIGINT, 143 for
SIGTERM. `Interrupted` derives from BaseException so that the per-page ``except Exception``
guards of the stages never swallow it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

# Seconds between the first signal and a forced exit when the orderly stop has not finished:
# a batch in the middle of one very large page, or a Dask cluster slow to close. Well under
# the 10 s that `timeout`-style supervisors and systemd's default stop give before SIGKILL.
GRACE_SECONDS = 6.0
# How often a running fetch looks at the stop flag: the longest a signal waits for a fetch.
STOP_POLL_SECONDS = 0.1
# Extra seconds the watchdog lets a commit that is under way finish (renames of the staged
# files and the runs row: well under a second locally, a few seconds on S3).
COMMIT_GRACE_SECONDS = 30.0
HANDLED = (signal.SIGINT, signal.SIGTERM)

_STOP = threading.Event()
_state: dict[str, Any] = {"signum": None, "received": 0, "watchdog": False, "deferring": 0, "pending": False, "on_force": None}
_lock = threading.Lock()
# The stop scope of the batch running in this context (see `scope`), and the scopes stopped.
_SCOPE: ContextVar[str | None] = ContextVar("docpipe_stop_scope", default=None)
_stopped_scopes: set[str] = set()


class Interrupted(BaseException):
    """The run was asked to stop by a signal (not an error of the run or its inputs)."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"stopped by {signal.Signals(signum).name}")
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def exit_code(signum: int) -> int:
    return 128 + signum


def stop_requested() -> bool:
    return _STOP.is_set() or _scope_stopped(_SCOPE.get())


def _scope_stopped(name: str | None) -> bool:
    return name is not None and name in _stopped_scopes


def requested_signal() -> int | None:
    return _state["signum"]


def request_stop(signum: int = signal.SIGTERM) -> None:
    """Set the stop flag and start the watchdog (also used when the flow body sees Prefect's
    own SIGTERM bridge fire, which replaces our handler while a flow runs)."""
    with _lock:
        if _state["signum"] is None:
            _state["signum"] = signum
        start_watchdog = not _state["watchdog"]
        _state["watchdog"] = True
    _STOP.set()
    if start_watchdog:
        threading.Thread(target=_watchdog, args=(signum,), name="docpipe-stop-watchdog", daemon=True).start()


def is_stop(exc: BaseException) -> bool:
    """Whether `exc` ending a block means the run was stopped (by :class:`Interrupted`, Ctrl-C's
    KeyboardInterrupt or Prefect's SIGTERM bridge, TerminationSignal): not an error or an exit."""
    return not isinstance(exc, (Exception, GeneratorExit, SystemExit))


def signal_of(exc: BaseException) -> int:
    """The signal behind a stop exception (see is_stop)."""
    if isinstance(exc, Interrupted):
        return exc.signum
    return int(getattr(exc, "signal", 0)) or (signal.SIGINT if isinstance(exc, KeyboardInterrupt) else signal.SIGTERM)


def check() -> None:
    """Raise Interrupted if a stop was requested: called between units of work."""
    if stop_requested():
        raise Interrupted(_state["signum"] or signal.SIGTERM)


def until_stopped(work: Awaitable[T]) -> Coroutine[Any, Any, T]:
    """Await `work`, cancelling it and raising Interrupted as soon as a stop is requested.

    The caller's stop scope is taken now: the coroutine may run in another thread's loop."""
    return _until_stopped(work, _SCOPE.get())


async def _until_stopped(work: Awaitable[T], scope_name: str | None) -> T:
    task = asyncio.ensure_future(work)
    while True:
        done, _ = await asyncio.wait({task}, timeout=STOP_POLL_SECONDS)
        if done:
            return task.result()
        if _STOP.is_set() or _scope_stopped(scope_name):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
            raise Interrupted(_state["signum"] or signal.SIGTERM)


@contextlib.contextmanager
def scope(name: str) -> Iterator[None]:
    """Run the block (one batch of a run owned by another process) so that `stop_scope(name)`
    stops it as a signal would: `check` and `until_stopped` raise Interrupted inside it."""
    token = _SCOPE.set(name)
    try:
        yield
    finally:
        _SCOPE.reset(token)


def stop_scope(name: str) -> None:
    """Stop the batches running (and still to come) in scope `name` in this process. Called on
    each Dask worker by the flow process when its run stops; the worker itself goes on."""
    _stopped_scopes.add(name)  # one short name per stopped run for the worker's lifetime


def force_exit(code: int, message: str | None = None) -> None:
    """Leave now: run the on_force hook (stop owned servers), flush, and _exit without
    waiting for worker threads (abandoned batches) or atexit hooks that would talk to a
    server that is gone."""
    hook: Callable[[], None] | None = _state["on_force"]
    if message:
        _write(message)
    if hook is not None:
        with contextlib.suppress(BaseException):
            hook()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def _write(message: str) -> None:
    with contextlib.suppress(Exception):
        sys.stderr.write(message.rstrip("\n") + "\n")
        sys.stderr.flush()


def _watchdog(signum: int) -> None:
    time.sleep(GRACE_SECONDS)
    deadline = time.monotonic() + COMMIT_GRACE_SECONDS
    while _state["deferring"] and time.monotonic() < deadline:
        time.sleep(STOP_POLL_SECONDS)  # a commit in progress is let finish (see deferred)
    force_exit(exit_code(signum), f"docpipe: did not stop within {GRACE_SECONDS:g} s of {signal.Signals(signum).name}: forced exit")


def _handler(signum: int, frame: object) -> None:
    with _lock:
        _state["received"] += 1
        repeated = _state["received"] > 1
        deferring = _state["deferring"] > 0
        if deferring:
            _state["pending"] = True
    if repeated and not deferring:
        force_exit(exit_code(signum), f"docpipe: second {signal.Signals(signum).name}: forced exit")
    request_stop(signum)
    if not deferring:
        raise Interrupted(_state["signum"] or signum)


def install(on_force: Callable[[], None] | None = None) -> dict[int, Any]:
    """Handle SIGINT and SIGTERM in this (main) thread as described above; returns the
    handlers replaced, for :func:`uninstall`."""
    _state["on_force"] = on_force
    return {sig: signal.signal(sig, _handler) for sig in HANDLED}


def uninstall(previous: dict[int, Any]) -> None:
    """Put back the handlers `install` replaced (a command run inside a longer-lived process)."""
    for sig, handler in previous.items():
        signal.signal(sig, handler)
    _state["on_force"] = None


def set_on_force(on_force: Callable[[], None] | None) -> None:
    _state["on_force"] = on_force


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """A section no signal may cut short (the commit): a signal that arrives inside it is
    acted on when it ends. Our handlers are put back for its duration, in the main thread,
    because Prefect replaces the SIGTERM handler while a flow runs."""
    main = threading.current_thread() is threading.main_thread()
    previous = {sig: signal.getsignal(sig) for sig in HANDLED} if main else {}
    with _lock:
        _state["deferring"] += 1
    if main:
        for sig in HANDLED:
            signal.signal(sig, _handler)
    try:
        yield
    finally:
        with _lock:
            _state["deferring"] -= 1
            pending = _state["pending"] and _state["deferring"] == 0
            if pending:
                _state["pending"] = False
        if main:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    if pending:
        raise Interrupted(_state["signum"] or signal.SIGTERM)


def reset() -> None:
    """Forget a stop (tests that run several flows in one process)."""
    _STOP.clear()
    _state.update(signum=None, received=0, watchdog=False, deferring=0, pending=False)
    _progress.update(run_id=None, out=None, batches=0, committed=None)


# -- what the run had done, for the one line printed when it stops ------------------------------

_progress: dict[str, Any] = {"run_id": None, "out": None, "batches": 0, "committed": None}


def note_run(run_id: str, out: str) -> None:
    _progress.update(run_id=run_id, out=out, batches=0, committed=None)


def note_batch() -> None:
    _progress["batches"] += 1


def note_committed(documents: int, rejected: int) -> None:
    _progress["committed"] = (documents, rejected)


def status_line(signum: int) -> str:
    """What was committed and what was not, in one line."""
    name = signal.Signals(signum).name
    run_id, out, committed = _progress["run_id"], _progress["out"], _progress["committed"]
    if run_id is None:
        return f"docpipe: stopped by {name} before a run started: nothing written"
    if committed is not None:
        documents, rejected = committed
        return f"docpipe: stopped by {name} after run {run_id} was committed to {out} ({documents} documents, {rejected} rejects)"
    return (
        f"docpipe: stopped by {name}: run {run_id} was NOT committed — nothing of it is visible in {out} "
        f"({_progress['batches']} batches had finished; the next run processes their inputs again)"
    )
