"""The embedded Prefect server of `docpipe run`, started and stopped by docpipe itself.

Without PREFECT_API_URL, Prefect would start its own temporary server on the first API call:
a child in *our* process group, stopped only by an atexit hook. Ctrl-C to the group then
killed the server while the flow still needed it (the flow retried the dead API for minutes
and printed tracebacks), and SIGTERM to docpipe alone left it running as an orphan. So
docpipe starts the same server (Prefect's ASGI app under uvicorn, SQLite in PREFECT_HOME):

* in a session of its own, so a signal to docpipe's process group reaches docpipe only, and
  docpipe stops the server after the flow has stopped (:mod:`docpipe.shutdown`);
* on Linux with PR_SET_PDEATHSIG, so the kernel stops it even if docpipe itself is killed
  with SIGKILL — it can never be orphaned;
* with a startup wait measured in real seconds (Prefect's own counts only its sleeps and gave
  up after ~20 s of them on a loaded 2-core machine, while migrations of a new database ran).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from typing import IO

import httpx

from docpipe.errors import ConfigError

# Real seconds to wait for the server's /health: a new database is migrated first (~5 s on an
# idle machine, over 20 s measured under a load average of 10 on 2 cores).
STARTUP_TIMEOUT_SECONDS = 120.0
# Seconds a stopping server gets between SIGTERM and SIGKILL.
STOP_GRACE_SECONDS = 5.0
# uvicorn's exit status when the port was taken between our probe and its bind.
_PORT_IN_USE = 3
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class EmbeddedServer:
    """One Prefect API server owned by this process (see the module docstring)."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self._log: IO[bytes] | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def _spawn(self) -> subprocess.Popen[bytes]:
        import prefect
        from prefect.settings import get_current_settings

        self.port = _free_port()
        env = {
            **os.environ,
            **get_current_settings().to_environment_variables(exclude_unset=True),
            # what Prefect's own temporary server sets: no UI, ephemeral-mode services
            "PREFECT_UI_ENABLED": "0",
            "PREFECT__SERVER_EPHEMERAL": "1",
            "PREFECT__SERVER_FINAL": "1",
        }
        env.pop("PREFECT_API_URL", None)
        assert self._log is not None
        return subprocess.Popen(
            [
                sys.executable, "-m", "uvicorn", "--app-dir", str(prefect.__module_path__.parent),
                "--factory", "prefect.server.api.server:create_app",
                "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "error", "--lifespan", "on",
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )

    def start(self) -> str:
        """Start the server and wait until it is healthy; returns its API URL."""
        self._log = tempfile.TemporaryFile()
        self.process = self._spawn()
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        with httpx.Client(timeout=2.0) as client:
            while True:
                code = self.process.poll()
                if code == _PORT_IN_USE:
                    self.process = self._spawn()
                    continue
                if code is not None:
                    raise ConfigError(f"the embedded Prefect server exited with status {code}: {self._tail()}")
                with contextlib.suppress(httpx.TransportError):
                    if client.get(f"{self.api_url}/health").status_code == 200:
                        return self.api_url
                if time.monotonic() > deadline:
                    self.stop()
                    raise ConfigError(
                        f"the embedded Prefect server was not healthy after {STARTUP_TIMEOUT_SECONDS:g} s; "
                        "start one with `prefect server start` and set PREFECT_API_URL"
                    )
                time.sleep(0.2)

    def _tail(self) -> str:
        if self._log is None:
            return ""
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace").strip()[-1000:]

    def stop(self) -> None:
        """Stop the server (its whole session); safe to call more than once, from any path."""
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(STOP_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(STOP_GRACE_SECONDS)
        if self._log is not None:
            with contextlib.suppress(Exception):
                self._log.close()
            self._log = None


@contextlib.contextmanager
def prefect_api() -> Iterator[EmbeddedServer | None]:
    """Use the Prefect server PREFECT_API_URL names, or start an embedded one for the block.

    On a normal exit the embedded server is stopped at interpreter exit, after Prefect's own
    exit hooks have sent their last logs to it (atexit runs hooks last-registered first, and
    ours is registered before Prefect's log and event workers start)."""
    import atexit

    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    if get_current_settings().api.url:
        yield None
        return
    server = EmbeddedServer()
    atexit.register(server.stop)
    try:
        url = server.start()
    except BaseException:
        server.stop()
        raise
    with temporary_settings(updates={PREFECT_API_URL: url}):
        yield server
