"""A headless Chromium started by the test, driven over the DevTools protocol on loopback.

Debian's `chromium` package (.ci/run installs it); no browser download, no playwright. The
browser writes the port it listens on to DevToolsActivePort in its own profile folder; the test
connects to the page target's websocket (the `websockets` package comes with Prefect).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

# Names of the binary in Debian (chromium), Ubuntu's deb (chromium-browser) and Google's builds.
BINARIES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# A cold start of Debian's chromium took ~2 s here; a loaded CI box gets much longer.
STARTUP_TIMEOUT = 60.0
COMMAND_TIMEOUT = 60.0


def find_chromium() -> str | None:
    """DOCPIPE_CHROMIUM if set, else the first Chromium on PATH or in /usr/bin."""
    if os.environ.get("DOCPIPE_CHROMIUM"):
        return os.environ["DOCPIPE_CHROMIUM"]
    for name in BINARIES:
        found = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").is_file() else None)
        if found:
            return found
    return None


@dataclass
class Page:
    """One page target: send commands, collect the events that arrive meanwhile."""

    ws: Any
    events: list[dict[str, Any]] = field(default_factory=list)
    _next_id: int = 0

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        self.ws.send(json.dumps({"id": self._next_id, "method": method, "params": params}))
        deadline = time.monotonic() + COMMAND_TIMEOUT
        while True:
            message = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event: str) -> dict[str, Any]:
        deadline = time.monotonic() + COMMAND_TIMEOUT
        while True:
            for message in self.events:
                if message.get("method") == event:
                    return message
            message = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            self.events.append(message)

    def open(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self) -> bytes:
        data = self.send("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"]
        return base64.b64decode(data)

    def console_errors(self) -> list[str]:
        """Console errors, uncaught exceptions and failed loads reported since the last open()."""
        errors = []
        for e in self.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                errors.append(" ".join(str(a.get("value", a.get("description"))) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                errors.append(str(params.get("exceptionDetails", {}).get("text")))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                errors.append(f"{params['entry'].get('text')} ({params['entry'].get('url')})")
        return errors


@contextmanager
def chromium(binary: str, profile: Path, *, width: int = 1400, height: int = 1000) -> Iterator[Page]:
    """Start `binary` headless on a loopback DevTools port; yield its first page; stop it."""
    from websockets.sync.client import connect

    profile.mkdir(parents=True, exist_ok=True)
    port_file = profile / "DevToolsActivePort"
    port_file.unlink(missing_ok=True)  # a reused profile's file names the port of a browser now gone
    log = (profile / "chromium.log").open("wb")
    proc = subprocess.Popen(
        [
            binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-sync", "--hide-scrollbars",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", f"--user-data-dir={profile}",
            f"--window-size={width},{height}", "about:blank",
        ],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not (port_file.is_file() and port_file.read_text().strip()):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"chromium did not start: {(profile / 'chromium.log').read_text(errors='replace')[-2000:]}")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        # loopback only: never through a proxy named in the environment
        targets = httpx.get(f"http://127.0.0.1:{port}/json/list", timeout=10, trust_env=False).json()
        page_url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
        with connect(page_url, max_size=None, open_timeout=30, proxy=None) as ws:
            page = Page(ws)
            for domain in ("Page", "Runtime", "Log"):
                page.send(f"{domain}.enable")
            yield page
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, 15)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
                proc.wait(5)
        log.close()
