"""DatasetWriter: appends one run's documents, blocks and rejects to the Parquet dataset.

See :mod:`docpipe.export.dataset` for the layout and the commit protocol. In short: batches are
staged under ``_staging/<run>/`` (each file written atomically), ``finish`` writes a commit
manifest, renames the staged files into place and writes the ``runs`` row last. A writer holds
no state that other writers of the same run need — everything they share is on storage — so
batches can be written from several processes (Dask workers), each with its own writer.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timezone

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from pydantic import BaseModel, ConfigDict, Field

from docpipe.config import NearDupSettings
from docpipe.export.lease import commit_lock
from docpipe.export.dataset import committed_run_ids, latest_versions, recover, roll_forward, runs_file, staging_dir, write_manifest
from docpipe.export.schemas import PARTITION_COLUMN, parquet_options
from docpipe.export.storage import Storage, safe_component
from docpipe.export.tables import blocks_table, documents_table, rejects_table
from docpipe.models import Rejection, RunRecord, StructuredDocument
from docpipe.neardup.index import BANDS_TABLE, bands_table, committed_matches, resolve_run, settled_rel, sketch, stage_matches, unsettle

# Tables a batch stages beside its documents file, written before it: a file of these without
# its documents sibling is an orphan of a killed attempt, and finish() leaves it out.
DEPENDENT_TABLES = ("blocks", BANDS_TABLE)


def _duplicate_of(doc: StructuredDocument, first: StructuredDocument | None) -> str:
    """What a skipped input duplicates, in words: its URL (often a canonical link several
    saved pages share) and the input kept under it when that one is in the same batch."""
    same = "the same content" if first is not None and first.content_hash == doc.content_hash else "other content"
    if first is not None:
        return f"{doc.url}: the URL of {first.source}, written in this batch with {same}"
    return f"{doc.url}: written by an earlier batch (or attempt) of this run"


class BatchWriteResult(BaseModel):
    """What one ``write_batch`` call did."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    batch_no: int
    documents: int = Field(description="document rows written (new or changed content)")
    unchanged: int = Field(description="documents skipped: same content_hash as the latest version in the dataset")
    duplicates: int = Field(description="documents skipped: doc_id already written earlier in this run")
    duplicate_inputs: tuple[tuple[str, str], ...] = Field(
        (), description="(input, what it duplicates) for each of `duplicates`, so no input is dropped unnamed"
    )
    blocks: int = Field(description="block rows written")
    rejects: int = Field(description="reject rows written")
    bytes: int = Field(description="bytes of Parquet written")
    files: tuple[str, ...] = Field(description="staged files written, relative to the dataset root")
    near_dup_seconds: float = Field(0.0, description="seconds of the above spent on signatures and band lookups")


class DatasetWriter:
    """Writes one run into the dataset at ``out`` (a folder or ``s3://bucket/prefix``)."""

    def __init__(
        self, out: str, run_id: str, *, ingest_date: date | None = None, near_dup: NearDupSettings | None = None
    ) -> None:
        if not run_id:
            raise ValueError("run_id must not be empty")
        self.out = out
        self.run_id = run_id
        # The run id becomes part of folder and file names: sanitised, never trusted.
        self.run_dir = safe_component(run_id)
        self.ingest_date = ingest_date or datetime.now(timezone.utc).date()
        self.storage = Storage.open(out)
        # None or enabled=False: no signatures, no band keys, near-duplicate columns null.
        self.near_dup = near_dup if near_dup is not None and near_dup.enabled else None
        self._committed_runs: list[str] | None = None
        # Distinguishes files of two writers (processes, retries) writing the same batch number,
        # so names never collide and a retried batch never overwrites an earlier attempt.
        self.writer_token = uuid.uuid4().hex[:8]
        self._known: dict[str, str] = {}
        self._absent: set[str] = set()  # doc_ids looked up and not in the dataset
        # Caches of staged files' keys: files are immutable once renamed into place.
        self._staged_docs: dict[str, frozenset[str]] = {}
        self._staged_rejects: dict[str, frozenset[str]] = {}
        # A run that died after its commit point is completed before anything reads the
        # dataset, so its documents count as known (not re-written, not lost).
        recover(self.storage)

    # -- paths -------------------------------------------------------------------------------

    @property
    def staging(self) -> str:
        return staging_dir(self.run_dir)

    def _file_rel(self, table: str, batch_no: int) -> str:
        name = f"part-{self.run_dir}-b{batch_no:06d}-{self.writer_token}.parquet"
        return f"{table}/{PARTITION_COLUMN}={self.ingest_date.isoformat()}/{name}"

    # -- dedup -------------------------------------------------------------------------------

    def known_hashes(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """doc_id → content_hash of its latest committed version, for the ids that have one.

        Only the dataset's (doc_id, content_hash, run_id, ingested_at) columns are read, each
        committed file once per process (see ``dataset._thin_documents``); answers are kept
        for the life of the writer, since this run compares against the dataset as it began.
        """
        ids = list(dict.fromkeys(doc_ids))
        wanted = [d for d in ids if d not in self._known and d not in self._absent]
        if wanted:
            latest = latest_versions(self.storage, wanted)
            self._known.update(zip(latest.column("doc_id").to_pylist(), latest.column("content_hash").to_pylist()))
            self._absent.update(set(wanted) - set(self._known))
        return {d: self._known[d] for d in ids if d in self._known}

    def _staged_index(self, table: str, column: str, cache: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
        """Staged file of this run → the set of ``column`` values in it (cached per file)."""
        index: dict[str, frozenset[str]] = {}
        for info in self.storage.list_files(f"{self.staging}/{table}"):
            if info.path not in cache:
                values = pq.read_table(info.path, filesystem=self.storage.fs, columns=[column]).column(column)
                cache[info.path] = frozenset(values.to_pylist())
            index[info.path] = cache[info.path]
        return index

    def _staged_keys(self, table: str, column: str, cache: dict[str, frozenset[str]]) -> set[str]:
        return set().union(*self._staged_index(table, column, cache).values())

    # -- writing -----------------------------------------------------------------------------

    def write_batch(
        self, batch_no: int, documents: Sequence[StructuredDocument], rejects: Sequence[Rejection]
    ) -> BatchWriteResult:
        """Stage one batch. Skips unchanged documents and doc_ids already written in this run."""
        if batch_no < 0:
            raise ValueError(f"batch_no must be >= 0, got {batch_no}")
        known = self.known_hashes(d.doc_id for d in documents)
        in_run = self._staged_keys("documents", "doc_id", self._staged_docs) if documents else set()
        keep: list[StructuredDocument] = []
        seen: dict[str, StructuredDocument] = {}
        unchanged = 0
        duplicate_inputs: list[tuple[str, str]] = []
        for doc in documents:
            first = seen.get(doc.doc_id)
            if first is not None or doc.doc_id in in_run:
                duplicate_inputs.append((doc.source, _duplicate_of(doc, first)))
            elif known.get(doc.doc_id) == doc.content_hash:
                unchanged += 1
                seen[doc.doc_id] = doc
            else:
                keep.append(doc)
                seen[doc.doc_id] = doc
        # One reject row per input and run: a retried batch must not repeat its rejects.
        rejected_in_run = self._staged_keys("rejects", "source", self._staged_rejects) if rejects else set()
        keep_rejects: list[Rejection] = []
        for rej in rejects:
            if rej.source not in rejected_in_run:
                keep_rejects.append(rej)
                rejected_in_run.add(rej.source)

        now = datetime.now(timezone.utc)
        files: list[str] = []
        size = 0
        t0 = time.perf_counter()
        near_dup, bands, settled = self._near_dups(keep, batch_no)
        near_dup_seconds = time.perf_counter() - t0
        blocks = blocks_table(keep, self.run_id)
        # Order matters for a crash between files: blocks and band keys first, documents last.
        # A staged documents file therefore always has its dependents; a dependent without its
        # documents sibling is an orphan of a killed attempt, and finish() leaves it out. (The
        # near-duplicate record is JSON: never committed, read only beside its documents file.)
        if blocks.num_rows:
            size += self._stage("blocks", batch_no, blocks, files)
        if bands is not None and bands.num_rows:
            size += self._stage(BANDS_TABLE, batch_no, bands, files)
        if settled is not None and keep:
            self.storage.write_text(settled_rel(self.staging, self._file_rel("documents", batch_no)), settled)
        if keep_rejects:
            size += self._stage("rejects", batch_no, rejects_table(keep_rejects, self.run_id), files)
        if keep:
            table = documents_table(keep, self.run_id, now, blocks=blocks, near_dup=near_dup)
            size += self._stage("documents", batch_no, table, files)
        return BatchWriteResult(
            batch_no=batch_no,
            documents=len(keep),
            unchanged=unchanged,
            duplicates=len(duplicate_inputs),
            duplicate_inputs=tuple(duplicate_inputs),
            blocks=blocks.num_rows,
            rejects=len(keep_rejects),
            bytes=size,
            files=tuple(f"{self.staging}/{f}" for f in files),
            near_dup_seconds=round(near_dup_seconds, 6),
        )

    # -- resumption --------------------------------------------------------------------------
    # A retried run (Prefect keeps the flow run id) must not fetch and extract again the batches
    # its killed attempt finished. A finished batch leaves a marker beside its staged files,
    # keyed by batch number AND a digest of its inputs: if discovery returns other inputs for
    # that batch number on the retry (a sitemap changed), the marker does not match and the
    # batch runs again, so resuming can never drop an input. The marker is written after the
    # batch's files, so a batch killed mid-way has none and simply runs again (its partial
    # files are deduplicated by doc_id). Markers are JSON, not Parquet: finish() never commits them.

    def _marker(self, batch_no: int, inputs_key: str) -> str:
        return f"{self.staging}/_batches/b{batch_no:06d}-{safe_component(inputs_key)}.json"

    def finished_batch(self, batch_no: int, inputs_key: str) -> str | None:
        """The summary (JSON text) an earlier attempt of this run recorded for the batch, if any."""
        rel = self._marker(batch_no, inputs_key)
        return self.storage.read_text(rel) if self.storage.exists(rel) else None

    def mark_batch_finished(self, batch_no: int, inputs_key: str, summary_json: str) -> None:
        self.storage.write_text(self._marker(batch_no, inputs_key), summary_json)

    def _near_dups(
        self, docs: Sequence[StructuredDocument], batch_no: int
    ) -> tuple[list[tuple[list[int] | None, str | None, float | None, int | None]] | None, pa.Table | None, str | None]:
        """Per document (minhash, near_dup_of, near_dup_score, near_dup_size) against the committed
        dataset and the run's documents staged before it, the band-key rows to stage, and the
        record of what it was matched against (JSON); (None, None, None) when near-duplicate
        detection is off. The commit resolves again only what was staged out of run order
        (finish → resolve_run)."""
        if self.near_dup is None or not docs:
            return None, None, None
        sketches = [sketch(d, self.near_dup) for d in docs]
        if self._committed_runs is None:  # the dataset as this writer found it
            self._committed_runs = sorted(committed_run_ids(self.storage))
        matches = committed_matches(self.storage, sketches, self._committed_runs, self.near_dup)
        bands = bands_table(sketches, self.run_id)
        found, settled = stage_matches(
            self.storage, self.staging, self._file_rel("documents", batch_no), sketches, bands, matches, self.near_dup
        )
        values = [(s.minhash, m.root if m else None, m.score if m else None, s.size) for s, m in zip(sketches, found)]
        return values, bands, settled

    def _stage(self, table: str, batch_no: int, data: pa.Table, files: list[str]) -> int:
        rel = self._file_rel(table, batch_no)
        files.append(rel)
        return self.storage.write_parquet(f"{self.staging}/{rel}", data, **parquet_options(table))

    # -- commit ------------------------------------------------------------------------------

    def finish(self, record: RunRecord) -> RunRecord:
        """Commit the run: manifest, rename staged files into place, then the runs row LAST.

        Returns the record as committed: its document and block counts are the rows actually
        committed, whatever the caller counted (a retried batch reports its earlier attempt's
        documents as duplicates)."""
        if record.run_id != self.run_id:
            raise ValueError(f"record is for run {record.run_id!r}, this writer writes {self.run_id!r}")
        with commit_lock(self.out):
            return self._finish(record)

    def _finish(self, record: RunRecord) -> RunRecord:
        self._drop_cross_batch_duplicates()
        meanwhile = self._drop_committed_meanwhile()
        if self.near_dup is not None:
            # Between batches of this run, for those staged out of run order (in parallel) or
            # changed since: deterministic, in batch order, before the commit point.
            resolve_run(self.storage, self.staging, self.near_dup)
        prefix = self.staging + "/"
        staged = {self.storage.rel(i.path)[len(prefix):]: i for i in self.storage.list_files(self.staging)}
        doc_names = {rel.rpartition("/")[2] for rel in staged if rel.startswith("documents/")}
        files: list[str] = []
        size = 0
        documents = blocks = 0
        for rel, info in sorted(staged.items()):
            table, name = rel.partition("/")[0], rel.rpartition("/")[2]
            if table in DEPENDENT_TABLES and name not in doc_names:
                continue  # orphan of a batch attempt killed before its documents file
            files.append(rel)
            size += int(info.size or 0)
            if table in ("documents", "blocks"):
                rows = pq.read_metadata(info.path, filesystem=self.storage.fs).num_rows
                documents += rows if table == "documents" else 0
                blocks += rows if table == "blocks" else 0
        # finish() repeated for a run already committed (a retried flow): the earlier commit's
        # rows stay counted in the replaced runs row.
        if self.storage.exists(runs_file(self.run_dir)):
            previous = pq.read_table(self.storage.path(runs_file(self.run_dir)), filesystem=self.storage.fs)
            documents += sum(previous.column("documents").to_pylist())
            blocks += sum(previous.column("blocks").to_pylist())
        # The runs row states what is actually committed, whatever the caller counted.
        record = record.model_copy(
            update={"documents": documents, "blocks": blocks, "unchanged": record.unchanged + meanwhile}
        )
        manifest = write_manifest(self.storage, self.run_dir, record, self.ingest_date, files, size)
        roll_forward(self.storage, manifest)
        return record

    @staticmethod
    def _later_copies(index: dict[str, frozenset[str]]) -> dict[str, set[str]]:
        """file → keys already present in an earlier file (by name: batch number, writer)."""
        owner: dict[str, str] = {}
        drop: dict[str, set[str]] = {}
        for path in sorted(index):
            for key in sorted(index[path]):
                if key in owner:
                    drop.setdefault(path, set()).add(key)
                else:
                    owner[key] = path
        return drop

    def _rewrite_without(self, rel: str, table: str, column: str, bad: set[str]) -> None:
        if not self.storage.exists(rel):
            return
        data = pq.read_table(self.storage.path(rel), filesystem=self.storage.fs)
        data = data.filter(pc.invert(pc.is_in(data.column(column), pa.array(sorted(bad), pa.string()))))
        if data.num_rows:
            self.storage.write_parquet(rel, data, **parquet_options(table))
        else:
            self.storage.delete_file(rel)

    def _drop_cross_batch_duplicates(self) -> None:
        """Two batches written at the same moment by different processes can both pass the
        in-run check for a doc_id (or a rejected source) that occurs in both. Keep the first
        (by file name) and rewrite the others without it — rare, so the cost only falls when
        it happens."""
        docs = self._later_copies(self._staged_index("documents", "doc_id", self._staged_docs))
        for path, bad in docs.items():
            self._drop_staged_documents(path, bad)
        rejects = self._later_copies(self._staged_index("rejects", "source", self._staged_rejects))
        for path, bad in rejects.items():
            self._rewrite_without(self.storage.rel(path), "rejects", "source", bad)
            self._staged_rejects.pop(path, None)

    def _drop_staged_documents(self, path: str, bad: set[str]) -> None:
        """Rewrite one staged documents file (and its blocks and band-key siblings) without `bad` doc_ids."""
        rel_docs = self.storage.rel(path)
        # Its near_dup columns stop being final before a row changes (the commit resolves again).
        unsettle(self.storage, self.staging, rel_docs[len(self.staging) + 1 :])
        for table in (*DEPENDENT_TABLES, "documents"):  # documents last, as in write_batch
            rel = rel_docs.replace(f"{self.staging}/documents/", f"{self.staging}/{table}/", 1)
            self._rewrite_without(rel, table, "doc_id", bad)
        self._staged_docs.pop(path, None)

    def _drop_committed_meanwhile(self) -> int:
        """Optimistic concurrency, as Delta Lake and Iceberg do at commit: compare the staged
        documents with the dataset as it is NOW, not as it was when the run began, and drop
        every document version another writer committed in the meantime (same doc_id, same
        content_hash as its latest committed version). Called under the commit lock, so two
        writers — even two that skipped the writer lease — never commit one version twice.
        Returns how many staged documents were dropped (they count as unchanged)."""
        staged = self._staged_index("documents", "doc_id", self._staged_docs)
        if not staged:
            return 0
        latest = latest_versions(self.storage, set().union(*staged.values()))
        if latest.num_rows == 0:
            return 0
        committed = dict(zip(latest.column("doc_id").to_pylist(), latest.column("content_hash").to_pylist()))
        dropped = 0
        for path in list(staged):
            rows = pq.read_table(path, filesystem=self.storage.fs, columns=["doc_id", "content_hash"])
            bad = {d for d, h in zip(rows.column("doc_id").to_pylist(), rows.column("content_hash").to_pylist())
                   if committed.get(d) == h}
            if bad:
                self._drop_staged_documents(path, bad)
                dropped += len(bad)
        return dropped
