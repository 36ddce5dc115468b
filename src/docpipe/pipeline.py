"""The stage chain without Prefect: fetch -> clean -> structure (-> export, in run_batch).

Prefect only wraps these functions (flows/ingest.py), so everything here is testable and
reusable on its own — `docpipe extract` calls `extract_source` directly.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from datetime import date
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field

from docpipe.clean import clean_document
from docpipe.config import Settings
from docpipe.errors import TerminalError
from docpipe.fetch import fetch_source
from docpipe.ids import is_url
from docpipe.models import (
    CleanDocument,
    FetchedDocument,
    Rejection,
    RunRecord,
    Stage,
    StructuredDocument,
    Unchanged,
)
from docpipe.structure import structure_document

T = TypeVar("T")

# The seconds_by_stage key of near-duplicate work (signatures, band lookups) inside export.
NEAR_DUP_TIMING = "near_dup"

# How many of a batch's slowest inputs a summary keeps, for the run report.
SLOWEST_KEPT = 5

# How many of a batch's rejected inputs its summary names (the run's log lists them; the rest
# are in the dataset's `rejects` table): enough to see what went wrong without a query, few
# enough that a batch of 10,000 unreadable inputs keeps its summary small.
REJECTS_LISTED = 20


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most `size` items, streaming (never materialises `items`)."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _guard(stage: Stage, source: str, url: str | None, fn, *args):  # type: ignore[no-untyped-def]
    """Run one stage; an unexpected exception becomes a Rejection naming input, stage and cause.

    Stages return Rejections for the failures they foresee. This guard is the last line: a
    bug triggered by one odd page must cost that page, never the batch or the run.
    """
    try:
        return fn(*args)
    except (MemoryError, RecursionError) as exc:
        return TerminalError(stage, "resource_exhausted", f"{type(exc).__name__}: {exc}").to_rejection(source, url)
    except Exception as exc:  # noqa: BLE001 - reported as a reject with type and message, never swallowed
        return TerminalError(stage, "internal_error", f"{type(exc).__name__}: {exc}").to_rejection(source, url)


def transform(
    fetched: FetchedDocument, settings: Settings, timings: Counter[str] | None = None
) -> StructuredDocument | Rejection:
    """clean + structure for one fetched document, adding seconds per stage to `timings`."""
    url = fetched.final_url or fetched.url
    t0 = time.perf_counter()
    cleaned: CleanDocument | Rejection = _guard(Stage.clean, fetched.source, url, clean_document, fetched, settings)
    t1 = time.perf_counter()
    if timings is not None:
        timings[Stage.clean.value] += t1 - t0
    if isinstance(cleaned, Rejection):
        return cleaned
    result = _guard(Stage.structure, fetched.source, cleaned.url, structure_document, cleaned, settings)
    if timings is not None:
        timings[Stage.structure.value] += time.perf_counter() - t1
    return result


def extract_source(source: str, settings: Settings) -> StructuredDocument | Rejection:
    """fetch -> clean -> structure for one input (the `docpipe extract` path)."""
    url = source if is_url(source) else None
    fetched = _guard(Stage.fetch, source, url, fetch_source, source, settings)
    if isinstance(fetched, Rejection):
        return fetched
    return transform(fetched, settings)


class BatchSummary(BaseModel):
    """What one batch did: small, so Prefect can keep it for the whole run at no cost."""

    model_config = ConfigDict(frozen=True)

    batch_no: int
    discovered: int = 0
    documents: int = 0
    unchanged: int = 0
    duplicates: int = 0
    duplicate_inputs: list[tuple[str, str]] = Field(
        default_factory=list, description="(input, what it duplicates): inputs skipped as `duplicates`"
    )
    rejected: int = 0
    rejected_inputs: list[tuple[str, str, str, str]] = Field(
        default_factory=list,
        description=f"(input, stage, reason, message) of the first {REJECTS_LISTED} rejected inputs; all are in `rejects`",
    )
    blocks: int = 0
    bytes_written: int = 0
    rejected_by_stage: dict[str, int] = Field(default_factory=dict)
    reject_reasons: dict[str, int] = Field(default_factory=dict)
    seconds_by_stage: dict[str, float] = Field(default_factory=dict)
    fetch_outcomes: dict[str, int] = Field(default_factory=dict, description="inputs per docpipe.fetch.outcomes class")
    retries: int = Field(0, description="HTTP requests retried after a transient failure")
    slowest: list[tuple[str, float]] = Field(default_factory=list, description="(source, seconds)")
    resumed: bool = Field(default=False, description="finished by an earlier attempt of this run; not run again")


def run_batch(
    batch_no: int,
    sources: list[str],
    settings: Settings,
    run_id: str,
    extra_rejects: Iterable[Rejection] = (),
    *,
    ingest_date: date | None = None,
) -> BatchSummary:
    """fetch + clean + structure + export for one batch; returns only counts.

    The batch stages its own part files under the run (names carry run_id, batch_no and a
    writer token). A batch that an earlier attempt of the same run finished (same batch number,
    same inputs) is not fetched or extracted again: its recorded summary is returned. A batch
    an attempt left half-done runs again and skips the doc_ids already staged, so it never
    duplicates them, and batches can run anywhere (threads, Dask workers) without
    sharing state. Nothing is visible to readers until commit_run.
    """
    # (shutdown loads asyncio: the batch path's alone, `docpipe extract` starts without it)
    from docpipe import shutdown
    from docpipe.export import DatasetWriter
    from docpipe.fetch import FetchState, FetchStats, fetch_batch
    from docpipe.fetch.outcomes import count_outcomes

    # The run's start date, passed by the flow: a run crossing midnight stays in one partition.
    writer = DatasetWriter(settings.out, run_id, ingest_date=ingest_date, near_dup=settings.near_dup)
    given_rejects = list(extra_rejects)
    inputs_key = batch_inputs_key(sources, given_rejects)
    earlier = writer.finished_batch(batch_no, inputs_key)
    if earlier is not None:  # a retried run: this batch was finished by an earlier attempt
        return BatchSummary.model_validate_json(earlier).model_copy(update={"resumed": True})

    timings: Counter[str] = Counter()
    per_input: list[tuple[str, float]] = []
    documents: list[StructuredDocument] = []
    rejects: list[Rejection] = list(given_rejects)
    discovered = len(sources) + len(rejects)  # discovery rejects are inputs too
    unchanged = 0

    state = FetchState.open(settings.out, state_dir=settings.fetch.state_dir)
    stats = FetchStats()
    try:
        t0 = time.perf_counter()
        fetched_all = fetch_batch(sources, settings, state, stats=stats)
        timings[Stage.fetch.value] += time.perf_counter() - t0
        outcomes = count_outcomes([*given_rejects, *fetched_all])
        for fetched in fetched_all:
            shutdown.check()  # a stop abandons the batch: nothing of it is staged
            if isinstance(fetched, Unchanged):
                unchanged += 1
                continue
            if isinstance(fetched, Rejection):
                rejects.append(fetched)
                continue
            started = time.perf_counter()
            result = transform(fetched, settings, timings)
            per_input.append((fetched.source, time.perf_counter() - started))
            (rejects if isinstance(result, Rejection) else documents).append(result)

        t0 = time.perf_counter()
        shutdown.check()
        written = writer.write_batch(batch_no, documents, rejects)
        # Near-duplicate signatures and lookups are reported apart from the rest of the export.
        timings[Stage.export.value] += time.perf_counter() - t0 - written.near_dup_seconds
        if written.near_dup_seconds:
            timings[NEAR_DUP_TIMING] += written.near_dup_seconds
        # Staged under the run: applied by FetchState.commit_run once the run's dataset commit
        # succeeded, so a run killed before its commit leaves these pages to be fetched again.
        # Keyed by the fetch source (doc.url may be a canonical link the fetcher never saw).
        state.stage_hashes([(doc.source, doc.content_hash) for doc in documents], run_id=run_id)
    finally:
        state.close()

    by_stage = Counter(str(r.stage) for r in rejects)
    reasons = Counter(r.reason for r in rejects)
    per_input.sort(key=lambda item: item[1], reverse=True)
    summary = BatchSummary(
        batch_no=batch_no,
        discovered=discovered,
        documents=written.documents,
        unchanged=unchanged + written.unchanged,
        duplicates=written.duplicates,
        duplicate_inputs=list(written.duplicate_inputs),
        rejected=len(rejects),
        rejected_inputs=[(r.source, str(r.stage), r.reason, r.message) for r in rejects[:REJECTS_LISTED]],
        blocks=written.blocks,
        bytes_written=written.bytes,
        rejected_by_stage=dict(by_stage),
        reject_reasons=dict(reasons),
        seconds_by_stage={k: round(v, 4) for k, v in timings.items()},
        fetch_outcomes=outcomes,
        retries=stats.retries,
        slowest=per_input[:SLOWEST_KEPT],
    )
    writer.mark_batch_finished(batch_no, inputs_key, summary.model_dump_json())
    return summary


def batch_inputs_key(sources: Sequence[str], extra_rejects: Sequence[Rejection] = ()) -> str:
    """A digest of what a batch was given, so a resumed batch is only ever the same batch."""
    digest = hashlib.sha256()
    for item in [*sources, *(f"reject:{r.source}:{r.reason}" for r in extra_rejects)]:
        digest.update(item.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()[:32]


def commit_run(settings: Settings, record: RunRecord) -> RunRecord:
    """Commit a run: the dataset first (its `runs` row is written last), then the fetch state.
    Returns the record with the counts actually committed.

    In this order a run killed at any point leaves either an uncommitted run, whose pages
    the next run fetches and writes again, or a committed one: never pages marked as seen
    whose rows readers cannot see.
    """
    from docpipe.export import DatasetWriter
    from docpipe.fetch import FetchState

    committed = DatasetWriter(settings.out, record.run_id, near_dup=settings.near_dup).finish(record)
    with FetchState.open(settings.out, state_dir=settings.fetch.state_dir) as state:
        state.commit_run(record.run_id)
    return committed
