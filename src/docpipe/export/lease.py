"""The writer lease of a local dataset: one run at a time writes to an `--out` folder.

Two runs into one folder at the same time (overlapping schedules, a manual run during a
scheduled one) used to fetch and write every document twice. A run now holds the lease for
its whole length: an advisory lock (``fcntl.flock``) on ``OUT/_lease``, whose text names the
holder (host, pid, run, start) and carries a heartbeat rewritten every
:data:`HEARTBEAT_SECONDS`, so a refused run can say who is writing and whether it is alive.
The kernel drops the lock when its process dies however it dies (SIGKILL included), so a
stale lease of a killed run is simply free: the next run takes it over, no clean-up needed.

A second run waits up to ``wait_for_lock`` seconds (``--wait-for-lock``, default 0) and then
stops with :class:`DatasetBusy` before doing any work. ``writer_lease = false`` (``--no-lock``)
skips the lease; the commit's own re-check (``DatasetWriter.finish``) still keeps two writers
from committing the same document version twice.

Object stores have no advisory locks: ``s3://`` outputs rely on that commit re-check alone.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from docpipe.errors import TerminalError
from docpipe.export.storage import local_root
from docpipe.models import Stage

LEASE_FILE = "_lease"
# The short lock every commit takes (lease or not), so that two commits never interleave
# their re-check and their renames.
COMMIT_LOCK_FILE = "_commit.lock"
HEARTBEAT_SECONDS = 5.0
POLL_SECONDS = 0.5

# Leases this process holds, by lock file: the flow takes the lease when `docpipe run` has
# not already (deployments), and a second flock on a new descriptor would fail on ourselves.
_held: dict[str, int] = {}
_held_lock = threading.Lock()


class DatasetBusy(TerminalError):
    """Another run holds the dataset's writer lease."""

    def __init__(self, message: str) -> None:
        super().__init__(Stage.export, "dataset_busy", message)


def _describe(text: str) -> str:
    try:
        info: dict[str, Any] = json.loads(text)
    except ValueError:
        return "another docpipe run"
    age = time.time() - float(info.get("heartbeat", 0))
    run = f"run {info['run_id']}" if info.get("run_id") else "a docpipe run"
    return f"{run} (pid {info.get('pid')} on {info.get('host')}, started {info.get('started')}, heartbeat {age:.0f} s ago)"


@contextlib.contextmanager
def _flocked(path: Path, *, wait: float) -> Iterator[IO[str] | None]:
    """An exclusive flock on `path`, waiting up to `wait` seconds; None when still busy."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+", encoding="utf-8")
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    yield None
                    return
                time.sleep(POLL_SECONDS)
        try:
            yield handle
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        handle.close()


@contextlib.contextmanager
def writer_lease(out: str, *, run_id: str = "", wait: float = 0.0, enabled: bool = True) -> Iterator[None]:
    """Hold the writer lease of `out` for the block (see the module docstring)."""
    root = local_root(out)
    if not enabled or root is None:
        yield
        return
    path = root / LEASE_FILE
    key = str(path.resolve())
    with _held_lock:
        if key in _held:  # this process already holds it (docpipe run, then its flow)
            _held[key] += 1
            nested = True
        else:
            nested = False
    if nested:
        try:
            yield
        finally:
            with _held_lock:
                _held[key] -= 1
        return
    with _flocked(path, wait=wait) as handle:
        if handle is None:
            holder = _describe(path.read_text(encoding="utf-8"))
            waited = f"waited {wait:g} s; " if wait else ""
            raise DatasetBusy(
                f"{out} is being written by {holder}: this run stops before any work "
                f"({waited}retry later, or give --wait-for-lock SECONDS to wait for it)"
            )
        info = {"host": socket.gethostname(), "pid": os.getpid(), "run_id": run_id,
                "started": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        stop = threading.Event()

        def write() -> None:
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps({**info, "heartbeat": time.time()}))
            handle.flush()

        def beat() -> None:
            while not stop.wait(HEARTBEAT_SECONDS):
                write()

        write()
        beat_thread = threading.Thread(target=beat, name="docpipe-lease-heartbeat", daemon=True)
        with _held_lock:
            _held[key] = 1
        beat_thread.start()
        try:
            yield
        finally:
            stop.set()
            beat_thread.join(2)
            with _held_lock:
                _held.pop(key, None)


@contextlib.contextmanager
def commit_lock(out: str) -> Iterator[None]:
    """Serialise commits into one local dataset (held for the re-check and the renames only)."""
    root = local_root(out)
    if root is None:
        yield
        return
    with _flocked(root / COMMIT_LOCK_FILE, wait=float("inf")):
        yield
