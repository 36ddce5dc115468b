"""Where the dataset lives: a local folder or ``s3://bucket/prefix``, through ``pyarrow.fs``.

Every write goes through :meth:`Storage.write_atomic`, so no reader ever sees a half-written
file:

* local disk: the bytes go to a hidden temporary name in the same folder
  (``.NAME.tmp-<random>``, which neither ``*.parquet`` globs nor ``pyarrow.dataset`` — it skips
  names starting with ``.`` — ever match) and are then renamed over the final name; a rename
  within one file system is atomic;
* S3: an object only becomes visible when its upload completes (S3 has no partial objects), so
  the final key is written directly. A rename on S3 is a server-side copy plus a delete, whose
  copy step is itself atomic.

The S3 endpoint is taken from ``DOCPIPE_S3_ENDPOINT``, else ``AWS_ENDPOINT_URL_S3``, else
``AWS_ENDPOINT_URL`` (e.g. ``http://127.0.0.1:9000`` for MinIO or moto); credentials and region
come from the usual ``AWS_*`` variables, read by pyarrow itself.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from docpipe.errors import TerminalError, TransientError
from docpipe.models import Stage

# A value that becomes one path component (run ids, partition values) may only use these
# characters. Prefect run ids are UUIDs, but a run id can come from a user (`--run-id`) or a
# test, and "../x" or "a/b" must never leave the dataset folder or create extra levels.
SAFE_COMPONENT = re.compile(r"[^A-Za-z0-9_-]+")
# Listings of a folder that changed under them (see Storage._listing) are tried at most this many
# times. With another process creating and removing the folder in a tight loop, about one listing
# in 1,500 fails (flat or recursive, 2026-12-02: 13 and 15 of 20,000, at most 2 in a row), but
# under two test suites sharing two cores 4 attempts in a row failed once (a fresh-clone run), so
# a fixed small count is not enough. Each failed attempt now also asks whether the folder is still
# there: when it is gone, "nothing" is the state it was in and is returned at once, so only a
# folder recreated between the failure and the check is listed again.
LISTING_ATTEMPTS = 20
# A failed attempt waits this long times its number before the next one: the other process is
# mid-change, and listing again in the same microsecond mostly meets the same change.
LISTING_BACKOFF_S = 0.0005
# Components are capped so that file names stay well under the 255-byte limit of most file
# systems even with table, batch and writer parts added.
MAX_COMPONENT_CHARS = 64

ENDPOINT_ENV_VARS = ("DOCPIPE_S3_ENDPOINT", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL")


def safe_component(value: str) -> str:
    """``value`` as a single, harmless path component.

    Allowed characters pass unchanged; anything else is replaced by ``-``, and then a short hash
    of the original is appended so that two different unsafe values never collide.
    """
    cleaned = SAFE_COMPONENT.sub("-", value).strip("-")[:MAX_COMPONENT_CHARS]
    if cleaned == value and cleaned:
        return cleaned
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:8]
    return f"{cleaned}-{digest}" if cleaned else f"x-{digest}"


def local_root(out: str) -> Path | None:
    """The folder of a local dataset root (plain or file://); None for an object store."""
    if "://" in out and not out.startswith("file://"):
        return None
    return Path(out.removeprefix("file://"))


def _check_prefix(parts: list[str], out: str) -> None:
    if any(part in ("..", ".") for part in parts):
        raise TerminalError(Stage.export, "unsafe_path", f"output location {out!r} contains '.' or '..'")


def s3_filesystem() -> pafs.S3FileSystem:
    """An S3FileSystem honouring a custom endpoint from the environment (MinIO, moto, …)."""
    endpoint = next((os.environ[v] for v in ENDPOINT_ENV_VARS if os.environ.get(v)), None)
    kwargs: dict[str, object] = {"region": os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"}
    if endpoint:
        parsed = urlsplit(endpoint if "://" in endpoint else f"https://{endpoint}")
        kwargs["endpoint_override"] = parsed.netloc
        kwargs["scheme"] = parsed.scheme
    return pafs.S3FileSystem(**kwargs)


@dataclass(frozen=True)
class Storage:
    """A file system plus the dataset root inside it; paths given to methods are relative."""

    fs: pafs.FileSystem
    root: str
    is_s3: bool

    @classmethod
    def open(cls, out: str) -> Storage:
        if out.startswith("s3://"):
            parts = [p for p in out[len("s3://"):].split("/") if p]
            if not parts:
                raise TerminalError(Stage.export, "unsafe_path", f"{out!r} names no bucket")
            _check_prefix(parts, out)
            return cls(s3_filesystem(), "/".join(parts), True)
        if "://" in out:
            raise TerminalError(Stage.export, "unsupported_storage", f"{out!r}: only local folders and s3:// are supported")
        root = os.path.abspath(out)
        return cls(pafs.LocalFileSystem(), root.replace(os.sep, "/"), False)

    def path(self, rel: str) -> str:
        rel_parts = [p for p in rel.split("/") if p]
        _check_prefix(rel_parts, rel)
        return "/".join([self.root, *rel_parts])

    def rel(self, full: str) -> str:
        return full[len(self.root) + 1 :]

    def uri(self, rel: str = "") -> str:
        full = self.path(rel) if rel else self.root
        return f"s3://{full}" if self.is_s3 else full

    # -- listing ---------------------------------------------------------------------------

    def _listing(self, rel_dir: str, *, recursive: bool) -> list[pafs.FileInfo]:
        """What is in ``rel_dir`` (nothing when it does not exist).

        A folder that another process creates or removes while it is being listed (two Dask
        workers of one run recovering and staging at once) makes pyarrow's local listing fail
        with ENOENT although `allow_not_found` is set: it opens the folder, and decides by a
        later stat. Listing again gives the folder's state after the change."""
        full = self.path(rel_dir)
        selector = pafs.FileSelector(full, recursive=recursive, allow_not_found=True)
        for attempt in range(1, LISTING_ATTEMPTS):
            try:
                return list(self.fs.get_file_info(selector))
            except FileNotFoundError:
                if self.fs.get_file_info(full).type == pafs.FileType.NotFound:
                    return []  # it vanished: an empty folder is the state it was in
                time.sleep(LISTING_BACKOFF_S * attempt)
        return list(self.fs.get_file_info(selector))

    def list_files(self, rel_dir: str, *, suffix: str = ".parquet") -> list[pafs.FileInfo]:
        """Files below ``rel_dir`` (recursive) ending in ``suffix``, hidden temporaries excluded."""
        try:
            infos = self._listing(rel_dir, recursive=True)
        except OSError as exc:
            raise TransientError(Stage.export, "storage_list_failed", f"{self.uri(rel_dir)}: {exc}") from exc
        return sorted(
            (
                i
                for i in infos
                if i.type == pafs.FileType.File
                and i.path.endswith(suffix)
                and not i.base_name.startswith((".", "_"))
            ),
            key=lambda i: i.path,
        )

    def list_dirs(self, rel_dir: str) -> list[pafs.FileInfo]:
        """The folders directly in ``rel_dir``."""
        try:
            infos = self._listing(rel_dir, recursive=False)
        except OSError as exc:
            raise TransientError(Stage.export, "storage_list_failed", f"{self.uri(rel_dir)}: {exc}") from exc
        return sorted(
            (i for i in infos if i.type == pafs.FileType.Directory),
            key=lambda i: i.path,
        )

    def exists(self, rel: str) -> bool:
        return bool(self.fs.get_file_info(self.path(rel)).type != pafs.FileType.NotFound)

    # -- writing ---------------------------------------------------------------------------

    def _tmp_name(self, full: str) -> str:
        head, _, name = full.rpartition("/")
        return f"{head}/.{name}.tmp-{uuid.uuid4().hex[:12]}"

    def write_atomic(self, rel: str, write: Callable[[pa.NativeFile], object]) -> int:
        """Write a file via ``write(stream)`` so that it appears whole or not at all.

        Returns the size in bytes of the file written.
        """
        full = self.path(rel)
        target = full if self.is_s3 else self._tmp_name(full)
        try:
            self.fs.create_dir(full.rpartition("/")[0], recursive=True)
            with self.fs.open_output_stream(target) as stream:
                write(stream)
                size = int(stream.tell())
            if target != full:
                self.fs.move(target, full)
        except OSError as exc:
            if target != full:
                self._delete_quietly(target)
            raise TransientError(Stage.export, "storage_write_failed", f"{self.uri(rel)}: {exc}") from exc
        return size

    def write_parquet(self, rel: str, table: pa.Table, **options: object) -> int:
        return self.write_atomic(rel, lambda stream: pq.write_table(table, stream, **options))

    def write_text(self, rel: str, text: str) -> int:
        data = text.encode("utf-8")
        return self.write_atomic(rel, lambda stream: stream.write(data))

    def read_text(self, rel: str) -> str:
        with self.fs.open_input_stream(self.path(rel)) as stream:
            return bytes(stream.read()).decode("utf-8")

    def move(self, src_rel: str, dst_rel: str) -> None:
        """Rename, tolerating a repeat: if the source is gone and the target exists, it is done."""
        src, dst = self.path(src_rel), self.path(dst_rel)
        try:
            self.fs.create_dir(dst.rpartition("/")[0], recursive=True)
            self.fs.move(src, dst)
        except FileNotFoundError:
            if self.fs.get_file_info(dst).type != pafs.FileType.File:
                raise
        except OSError as exc:
            # pyarrow reports some missing-source cases as a plain OSError on S3.
            if self.fs.get_file_info(src).type == pafs.FileType.NotFound and self.fs.get_file_info(dst).type == pafs.FileType.File:
                return
            raise TransientError(Stage.export, "storage_move_failed", f"{src} -> {dst}: {exc}") from exc

    def delete_file(self, rel: str) -> None:
        self._delete_quietly(self.path(rel))

    def delete_dir(self, rel: str) -> None:
        full = self.path(rel)
        if self.fs.get_file_info(full).type == pafs.FileType.Directory:
            self.fs.delete_dir(full)

    def _delete_quietly(self, full: str) -> None:
        """Remove a file that may already be gone (cleanup after a failure or a repeat)."""
        try:
            self.fs.delete_file(full)
        except FileNotFoundError:
            pass  # already removed: the goal state holds
