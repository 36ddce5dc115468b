"""The writer lease of a dataset (one run at a time writes to an `--out`) and the commit lock.

Two runs into one dataset at the same time (overlapping schedules, a manual run during a
scheduled one) used to fetch and write every document twice. A run now holds the lease
``OUT/_lease`` for its whole length. Its text names the holder (host, pid, run, start) and
carries a heartbeat rewritten every :data:`HEARTBEAT_SECONDS`, so a refused run can say who
is writing and whether it is alive.

* Local folder: an advisory lock (``fcntl.flock``) on the file. The kernel drops it when its
  process dies however it dies (SIGKILL included), so the lease of a killed run is simply free.
* ``s3://``: a lease *object* created with a conditional put (``If-None-Match: *``: only one
  writer's create can succeed) and heartbeats written with ``If-Match`` on its own ETag. A
  lease whose heartbeat is older than :data:`STALE_SECONDS` belongs to a dead run and is taken
  over with ``If-Match`` on the stale ETag — of two runs trying at once, one wins.

A second run waits up to ``wait_for_lock`` seconds (``--wait-for-lock``, default 0) and then
stops with :class:`DatasetBusy` before doing any work. ``writer_lease = false`` (``--no-lock``)
skips the lease. Every commit, lease or not, takes the short commit lock ``OUT/_commit.lock``
(same two mechanisms) around its re-check and renames (``DatasetWriter.finish``), so two
writers never commit the same document version twice.
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
from typing import IO, Any, Protocol

from docpipe.errors import TerminalError
from docpipe.export.storage import ENDPOINT_ENV_VARS, local_root
from docpipe.models import Stage

LEASE_FILE = "_lease"
COMMIT_LOCK_FILE = "_commit.lock"
HEARTBEAT_SECONDS = 5.0
# A lease object whose heartbeat is this old belongs to a run that died (six missed beats).
STALE_SECONDS = 30.0
POLL_SECONDS = 0.5

# Leases this process holds, by location: `docpipe run` takes the lease, then its flow asks
# for it again (deployments take it in the flow), and a second flock of our own would fail.
_held: dict[str, int] = {}
_held_lock = threading.Lock()


class DatasetBusy(TerminalError):
    """Another run holds the dataset's writer lease."""

    def __init__(self, message: str) -> None:
        super().__init__(Stage.export, "dataset_busy", message)


def describe_holder(text: str) -> str:
    try:
        info: dict[str, Any] = json.loads(text)
    except ValueError:
        return "another docpipe run"
    age = time.time() - float(info.get("heartbeat", 0))
    run = f"run {info['run_id']}" if info.get("run_id") else "a docpipe run"
    return f"{run} (pid {info.get('pid')} on {info.get('host')}, started {info.get('started')}, heartbeat {age:.0f} s ago)"


class _Lock(Protocol):
    key: str

    def try_acquire(self, text: str) -> str | None:
        """Take the lock, writing `text`; None when taken, else the holder's text."""

    def beat(self, text: str) -> None: ...

    def release(self) -> None: ...


class _FileLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.key = str(path.resolve()) if path.parent.exists() else str(path.absolute())
        self._handle: IO[str] | None = None

    def try_acquire(self, text: str) -> str | None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return self.path.read_text(encoding="utf-8")
        self._handle = handle
        self.beat(text)
        return None

    def beat(self, text: str) -> None:
        assert self._handle is not None
        self._handle.seek(0)
        self._handle.truncate()
        self._handle.write(text)
        self._handle.flush()

    def release(self) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


def _s3_client() -> Any:
    import boto3

    endpoint = next((os.environ[v] for v in ENDPOINT_ENV_VARS if os.environ.get(v)), None)
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    return boto3.client("s3", endpoint_url=endpoint, region_name=region)


def _precondition_failed(exc: Exception) -> bool:
    code = str(getattr(exc, "response", {}).get("Error", {}).get("Code", ""))
    return code in ("PreconditionFailed", "412", "ConditionalRequestConflict", "409")


class _ObjectLock:
    def __init__(self, out: str, name: str) -> None:
        bucket, _, prefix = out.removeprefix("s3://").strip("/").partition("/")
        self.bucket, self.object_key = bucket, f"{prefix}/{name}" if prefix else name
        self.key = f"s3://{bucket}/{self.object_key}"
        self._client = _s3_client()
        self._etag: str | None = None

    def _put(self, text: str, **condition: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            answer = self._client.put_object(Bucket=self.bucket, Key=self.object_key, Body=text.encode(), **condition)
        except ClientError as exc:
            if _precondition_failed(exc):
                return False
            raise
        self._etag = answer["ETag"]
        return True

    def try_acquire(self, text: str) -> str | None:
        from botocore.exceptions import ClientError

        if self._put(text, IfNoneMatch="*"):
            return None
        try:
            current = self._client.get_object(Bucket=self.bucket, Key=self.object_key)
        except ClientError:
            return None if self._put(text, IfNoneMatch="*") else "another docpipe run"  # released meanwhile
        holder = current["Body"].read().decode("utf-8", "replace")
        try:
            beat = float(json.loads(holder).get("heartbeat", 0))
        except ValueError:
            beat = 0.0
        if time.time() - beat > STALE_SECONDS and self._put(text, IfMatch=current["ETag"]):
            return None  # a dead run's lease, taken over (only one of several takers wins)
        return holder

    def beat(self, text: str) -> None:
        if self._etag is not None and not self._put(text, IfMatch=self._etag):
            self._etag = None  # taken over: this run was presumed dead; nothing more to renew

    def release(self) -> None:
        if self._etag is None:
            return
        with contextlib.suppress(Exception):
            head = self._client.head_object(Bucket=self.bucket, Key=self.object_key)
            if head["ETag"] == self._etag:
                self._client.delete_object(Bucket=self.bucket, Key=self.object_key)
        self._etag = None


def _lock_for(out: str, name: str) -> _Lock | None:
    root = local_root(out)
    if root is not None:
        return _FileLock(root / name)
    if out.startswith("s3://"):
        return _ObjectLock(out, name)
    return None


@contextlib.contextmanager
def _holding(lock: _Lock, info: dict[str, Any], wait: float) -> Iterator[str | None]:
    """Hold `lock` (heartbeat in a thread) for the block; yields None, or the holder's text
    when it stayed busy for `wait` seconds."""
    deadline = time.monotonic() + wait
    while True:
        holder = lock.try_acquire(json.dumps({**info, "heartbeat": time.time()}))
        if holder is None:
            break
        if time.monotonic() >= deadline:
            yield holder
            return
        time.sleep(POLL_SECONDS)
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(HEARTBEAT_SECONDS):
            with contextlib.suppress(Exception):  # a missed beat only ages the lease
                lock.beat(json.dumps({**info, "heartbeat": time.time()}))

    thread = threading.Thread(target=beat, name="docpipe-lease-heartbeat", daemon=True)
    thread.start()
    try:
        yield None
    finally:
        stop.set()
        thread.join(2)
        lock.release()


def _info(run_id: str) -> dict[str, Any]:
    return {"host": socket.gethostname(), "pid": os.getpid(), "run_id": run_id,
            "started": datetime.now(timezone.utc).isoformat(timespec="seconds")}


@contextlib.contextmanager
def writer_lease(out: str, *, run_id: str = "", wait: float = 0.0, enabled: bool = True) -> Iterator[None]:
    """Hold the writer lease of `out` for the block (see the module docstring)."""
    lock = _lock_for(out, LEASE_FILE) if enabled else None
    if lock is None:
        yield
        return
    with _held_lock:
        nested = lock.key in _held
        _held[lock.key] = _held.get(lock.key, 0) + 1
    try:
        if nested:  # this process already holds it (docpipe run, then its flow)
            yield
            return
        with _holding(lock, _info(run_id), wait) as holder:
            if holder is not None:
                waited = f"waited {wait:g} s; " if wait else ""
                raise DatasetBusy(
                    f"{out} is being written by {describe_holder(holder)}: this run stops before any work "
                    f"({waited}retry later, or give --wait-for-lock SECONDS to wait for it)"
                )
            yield
    finally:
        with _held_lock:
            _held[lock.key] -= 1
            if not _held[lock.key]:
                del _held[lock.key]


@contextlib.contextmanager
def commit_lock(out: str) -> Iterator[None]:
    """Serialise commits into one dataset (held for the re-check and the renames only)."""
    lock = _lock_for(out, COMMIT_LOCK_FILE)
    if lock is None:
        yield
        return
    with _holding(lock, _info(""), float("inf")):
        yield
