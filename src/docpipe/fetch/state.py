"""Per-source fetch state between runs: validators (ETag, Last-Modified) and content hashes.

Stored in one small SQLite file, `OUT/_state/fetch_state.sqlite` for a local output folder.
An s3:// output cannot hold a SQLite file, so its state lives in a local cache directory,
`state_dir` (setting `fetch.state_dir`) or else `$XDG_CACHE_HOME/docpipe/state` (default
`~/.cache/docpipe/state`), in a sub-folder named after a hash of the output URL; a machine
without that cache simply fetches everything once more (nothing is lost, only re-fetched).

The key of a row is the *source* string the fetch stage got (a normalised URL, a path or a
`warc:FILE#OFFSET` id). Nothing is written while fetching: fetch_batch only hands the state
what it fetched (kept in memory), and the flow confirms each document after writing it —
`update_hash(source_or_final_url, content_hash)` records validators, body hash and the
structured text's hash in one row (`record(doc)` / `record_many` do the same from the
FetchedDocument). A crash between fetch and write therefore never marks a page as seen.

Within a flow run the confirmation is staged too: `update_hash(..., run_id=RUN)` puts the
row in `fetch_state_staged`, and only `commit_run(RUN)` — called after the dataset commit —
moves it into `fetch_state`. A run killed after writing its batches but before committing
them (its rows are invisible to readers) therefore leaves the state as it was, and the next
run fetches and writes those pages again instead of calling them unchanged.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType

from docpipe.models import FetchedDocument

STATE_FILE = "fetch_state.sqlite"
_SETUP_ATTEMPTS = 40  # ~16 s of back-off in all, far beyond a concurrent WAL switch

_SCHEMA_INDEX = "CREATE INDEX IF NOT EXISTS fetch_state_url ON fetch_state (url)"
_COLUMNS = "source, url, etag, last_modified, body_hash, content_hash, fetched_at"
_SCHEMA_STAGED = """
CREATE TABLE IF NOT EXISTS fetch_state_staged (
    run_id        TEXT NOT NULL,
    source        TEXT NOT NULL,
    url           TEXT,
    etag          TEXT,
    last_modified TEXT,
    body_hash     TEXT,
    content_hash  TEXT,
    fetched_at    TEXT,
    PRIMARY KEY (run_id, source)
)
"""
_SCHEMA = """
CREATE TABLE IF NOT EXISTS fetch_state (
    source        TEXT PRIMARY KEY,
    url           TEXT,
    etag          TEXT,
    last_modified TEXT,
    body_hash     TEXT,
    content_hash  TEXT,
    fetched_at    TEXT
)
"""


@dataclass(frozen=True, slots=True)
class SourceState:
    source: str
    url: str | None
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    content_hash: str | None
    fetched_at: str | None

    @classmethod
    def of(cls, doc: FetchedDocument, content_hash: str | None) -> SourceState:
        """The row a fetched document leaves (validators, body hash, when)."""
        return cls(
            doc.source, doc.final_url or doc.url, doc.etag, doc.last_modified, body_hash(doc.content),
            content_hash, doc.fetched_at.astimezone(timezone.utc).isoformat(),
        )

    def with_hash(self, content_hash: str) -> SourceState:
        return replace(self, content_hash=content_hash)

    def as_tuple(self) -> tuple[str | None, ...]:
        return (self.source, self.url, self.etag, self.last_modified, self.body_hash, self.content_hash, self.fetched_at)

    def conditional_headers(self) -> dict[str, str]:
        """Headers for a conditional GET (RFC 9110 §13): If-None-Match wins over the date."""
        headers: dict[str, str] = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


def body_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def default_state_dir() -> Path:
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "docpipe" / "state"


def state_path(out_dir: str | Path, state_dir: str | Path | None = None) -> Path:
    """Where the state of output `out_dir` is kept (see the module docstring)."""
    out = str(out_dir)
    if "://" in out and not out.startswith("file://"):
        root = Path(state_dir) if state_dir else default_state_dir()
        tag = hashlib.sha256(out.rstrip("/").encode("utf-8")).hexdigest()[:16]
        return root / tag / STATE_FILE
    local = Path(out.removeprefix("file://"))
    return local / "_state" / STATE_FILE


class FetchState:
    """A small SQLite store; safe to share between the threads of one process."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One connection guarded by a lock: Prefect's thread runner calls in from several
        # threads, and SQLite connections are not thread-safe by themselves.
        self._conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        self._lock = threading.Lock()
        self._pending: dict[str, SourceState] = {}
        # Batches in flight open the same file at the same moment; switching a new database to
        # WAL needs an exclusive lock and SQLite answers "database is locked" at once instead
        # of waiting (its busy timeout does not cover it). So: skip it when already WAL, and
        # retry briefly while another connection is doing it.
        for attempt in range(_SETUP_ATTEMPTS):
            try:
                self._setup()
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == _SETUP_ATTEMPTS - 1:
                    raise
                time.sleep(0.02 * (attempt + 1))

    def _setup(self) -> None:
        with self._lock, self._conn:
            if self._conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                self._conn.execute("PRAGMA journal_mode=WAL")
            # In WAL mode NORMAL loses at most the last transactions on power loss, never
            # consistency; and a lost confirmation only means a page is fetched once more.
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute(_SCHEMA)
            self._conn.execute(_SCHEMA_INDEX)
            self._conn.execute(_SCHEMA_STAGED)

    @classmethod
    def open(cls, out_dir: str | Path, *, state_dir: str | Path | None = None) -> FetchState:
        """The state belonging to the dataset at `out_dir` (a folder or s3://bucket/prefix)."""
        return cls(state_path(out_dir, state_dir))

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> FetchState:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- reading --------------------------------------------------------------------------------

    def get(self, source: str) -> SourceState | None:
        return self.get_many([source]).get(source)

    def get_many(self, sources: Iterable[str]) -> dict[str, SourceState]:
        keys = list(dict.fromkeys(sources))
        found: dict[str, SourceState] = {}
        with self._lock:
            # SQLite limits bound parameters (999 in old builds): query in chunks.
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._conn.execute(
                    "SELECT source, url, etag, last_modified, body_hash, content_hash, fetched_at "
                    f"FROM fetch_state WHERE source IN ({marks})",
                    chunk,
                ).fetchall()
                for row in rows:
                    found[row[0]] = SourceState(*row)
        return found

    def same_content(self, source: str, content_hash: str) -> bool:
        """True when `content_hash` equals the hash recorded for `source` in an earlier run."""
        known = self.get(source)
        return known is not None and known.content_hash == content_hash

    def __len__(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM fetch_state").fetchone()[0])

    # -- writing --------------------------------------------------------------------------------

    def record(self, doc: FetchedDocument, content_hash: str | None = None) -> None:
        self.record_many([doc], {doc.source: content_hash} if content_hash else None)

    def record_many(
        self, docs: Iterable[FetchedDocument], content_hashes: dict[str, str] | None = None
    ) -> None:
        """Remember validators and the body hash of documents the flow has written."""
        hashes = content_hashes or {}
        self._upsert([SourceState.of(doc, hashes.get(doc.source)) for doc in docs])

    def remember_fetched(self, docs: Iterable[FetchedDocument]) -> None:
        """Hold (in memory only) what fetch_batch fetched, until the flow confirms a write.

        `update_hash(url_or_source, hash)` on one of these records it in full (validators
        and body hash); documents never confirmed are forgotten when the state is closed, so
        a document that failed later stages is fetched again next run.
        """
        with self._lock:
            for doc in docs:
                row = SourceState.of(doc, None)
                self._pending[doc.source] = row
                if row.url:
                    self._pending.setdefault(row.url, row)

    def _upsert(self, rows: list[SourceState]) -> None:
        with self._lock, self._conn:
            # Without a new content_hash the old one survives only if the body is the same
            # bytes: the flow may record the fetch first and the structured hash afterwards,
            # and a stale hash must never vouch for a changed body.
            self._conn.executemany(
                "INSERT INTO fetch_state (source, url, etag, last_modified, body_hash, content_hash, fetched_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(source) DO UPDATE SET url=excluded.url, etag=excluded.etag, "
                "last_modified=excluded.last_modified, body_hash=excluded.body_hash, "
                "content_hash=CASE WHEN excluded.content_hash IS NOT NULL THEN excluded.content_hash "
                "WHEN excluded.body_hash = fetch_state.body_hash THEN fetch_state.content_hash END, "
                "fetched_at=excluded.fetched_at",
                [row.as_tuple() for row in rows],
            )

    def update_hash(self, source: str, content_hash: str, *, run_id: str | None = None) -> None:
        """Store the structured text's hash (ids.content_hash) of a written document.

        `source` is the fetch source; the final URL is accepted too (callers holding a
        StructuredDocument may only know its URL). A document fetch_batch fetched with this
        state is recorded in full here (see `remember_fetched`). With `run_id` the row is
        only staged until `commit_run(run_id)` (see the module docstring).
        """
        if run_id is not None:
            self.stage_hashes([(source, content_hash)], run_id=run_id)
            return
        with self._lock:
            pending = self._take_pending(source)
        now = datetime.now(timezone.utc).isoformat()
        if pending is not None:
            self._upsert([pending.with_hash(content_hash)])
            return
        with self._lock, self._conn:
            updated = self._conn.execute(
                "UPDATE fetch_state SET content_hash=? WHERE source=?", (content_hash, source)
            ).rowcount
            if not updated:
                updated = self._conn.execute(
                    "UPDATE fetch_state SET content_hash=? WHERE url=?", (content_hash, source)
                ).rowcount
            if not updated:
                self._conn.execute(
                    "INSERT INTO fetch_state (source, content_hash, fetched_at) VALUES (?, ?, ?)",
                    (source, content_hash, now),
                )

    def _take_pending(self, source: str) -> SourceState | None:
        """Remove and return what fetch_batch fetched for `source` (its source or final URL),
        under both of its keys. The caller holds the lock."""
        pending = self._pending.pop(source, None)
        if pending is not None:
            for key in (pending.source, pending.url):
                if key and self._pending.get(key) is pending:
                    del self._pending[key]
        return pending

    def stage_hashes(self, pairs: Iterable[tuple[str, str]], *, run_id: str) -> None:
        """`update_hash(source, hash, run_id=run_id)` for a whole batch in one transaction
        (one SQLite commit per document cost more than the rest of the batch's bookkeeping)."""
        now = datetime.now(timezone.utc).isoformat()
        rows: list[SourceState] = []
        with self._lock:
            for source, content_hash in pairs:
                pending = self._take_pending(source)
                if pending is not None:
                    rows.append(pending.with_hash(content_hash))
                else:
                    rows.append(SourceState(source, None, None, None, None, content_hash, now))
            with self._conn:
                self._conn.executemany(
                    f"INSERT OR REPLACE INTO fetch_state_staged (run_id, {_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(run_id, *row.as_tuple()) for row in rows],
                )

    def commit_run(self, run_id: str) -> int:
        """Apply the rows staged by `run_id` (after its dataset commit); returns how many."""
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM fetch_state_staged WHERE run_id = ?", (run_id,)
            ).fetchall()
        full = [SourceState(*row) for row in rows if row[4] is not None]
        # A staged row without a body hash only carries a content hash (a source this state
        # did not fetch): apply it like update_hash without a run.
        for row in rows:
            if row[4] is None:
                self.update_hash(row[0], row[5])
        self._upsert(full)
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM fetch_state_staged WHERE run_id = ?", (run_id,))
        return len(rows)
