"""``docpipe inspect DIR``: what is in a dataset, as rich tables.

Counts by site, doc_type and language are over the *latest* version of each document (what an
analyst means by "how many documents"); counts by ingest date are over all rows (what each
day's runs wrote). Only committed runs are counted. Read-only: it never rolls anything forward,
it only reports interrupted commits and abandoned staging folders.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
from rich.console import Console
from rich.table import Table

from docpipe.export.dataset import abandoned_staging, latest_only, pending_manifests, read_storage_table
from docpipe.export.storage import Storage
from docpipe.rendering import rich_table

TOP_N = 20
LATEST_RUNS = 10
# Longest reject message shown in the "failing now" table (the full text is in `rejects`).
MESSAGE_CHARS = 80


@dataclass(frozen=True)
class InspectReport:
    out: str
    document_rows: int
    documents: int
    block_rows: int
    reject_rows: int
    runs: int
    by_site: list[tuple[str, int]]
    by_doc_type: list[tuple[str, int]]
    by_language: list[tuple[str, int]]
    by_ingest_date: list[tuple[str, int, int, int]]  # date, document rows, block rows, rejects
    reject_reasons: list[tuple[str, str, int]]  # stage, reason, count
    latest_runs: list[dict[str, Any]] = field(default_factory=list)  # rows of the runs table
    pending_commits: list[str] = field(default_factory=list)
    abandoned_staging: list[str] = field(default_factory=list)
    current_failures: list[CurrentFailure] = field(default_factory=list)


@dataclass(frozen=True)
class CurrentFailure:
    """A source whose latest outcome is a reject: what failed last, and in how many runs."""

    source: str
    stage: str
    reason: str
    message: str
    failed_runs: int
    last_run: str


def _counts(table: pa.Table, keys: Sequence[str]) -> list[tuple[Any, ...]]:
    if table.num_rows == 0:
        return []
    grouped = table.group_by(list(keys), use_threads=False).aggregate([([], "count_all")])
    rows = [tuple(r[k] for k in keys) + (r["count_all"],) for r in grouped.to_pylist()]
    return sorted(rows, key=lambda r: (-r[-1], tuple("" if v is None else str(v) for v in r[:-1])))


def _by_date(docs: pa.Table, blocks: pa.Table, rejects: pa.Table) -> list[tuple[str, int, int, int]]:
    tallies: dict[str, list[int]] = {}
    for i, table in enumerate((docs, blocks, rejects)):
        for (day, count) in _counts(table, ["ingest_date"]):
            tallies.setdefault(str(day), [0, 0, 0])[i] = count
    return [(day, *vals) for day, vals in sorted(tallies.items(), reverse=True)]  # type: ignore[misc]


def current_failures(rejects: pa.Table, docs: pa.Table, runs: pa.Table) -> list[CurrentFailure]:
    """Per source, its latest reject — unless a later run stored a document for it — with the
    number of runs in which it failed, most failed first. The same bad file adds a reject row
    on every run; this answers "what is failing now" instead of listing every row."""
    order = {r["run_id"]: (r["started_at"], r["run_id"]) for r in runs.select(["run_id", "started_at"]).to_pylist()}
    if not order or rejects.num_rows == 0:
        return []
    stored_last: dict[str, tuple[Any, str]] = {}
    for row in docs.select(["source", "run_id"]).to_pylist():
        key = order.get(row["run_id"])
        if key is not None and (row["source"] not in stored_last or key > stored_last[row["source"]]):
            stored_last[row["source"]] = key
    latest: dict[str, dict[str, Any]] = {}
    failed_in: dict[str, set[str]] = {}
    for row in rejects.select(["source", "stage", "reason", "message", "run_id"]).to_pylist():
        key = order.get(row["run_id"])
        if key is None:
            continue
        failed_in.setdefault(row["source"], set()).add(row["run_id"])
        if row["source"] not in latest or key > order[latest[row["source"]]["run_id"]]:
            latest[row["source"]] = row
    failures = [
        CurrentFailure(source=src, stage=row["stage"], reason=row["reason"], message=row["message"],
                       failed_runs=len(failed_in[src]), last_run=row["run_id"])
        for src, row in latest.items()
        if src not in stored_last or stored_last[src] < order[row["run_id"]]
    ]
    return sorted(failures, key=lambda f: (-f.failed_runs, f.source))


def inspect_dataset(out: str) -> InspectReport:
    storage = Storage.open(out)
    docs = read_storage_table(
        storage, "documents", ["doc_id", "source", "run_id", "ingested_at", "site_name", "doc_type", "language", "ingest_date"]
    )
    blocks = read_storage_table(storage, "blocks", ["run_id", "ingest_date"])
    rejects = read_storage_table(storage, "rejects", ["source", "stage", "reason", "message", "run_id", "ingest_date"])
    runs = read_storage_table(storage, "runs")
    latest = latest_only(docs)
    run_rows = sorted(runs.to_pylist(), key=lambda r: r["started_at"], reverse=True)[:LATEST_RUNS]
    return InspectReport(
        out=storage.uri(),
        document_rows=docs.num_rows,
        documents=latest.num_rows,
        block_rows=blocks.num_rows,
        reject_rows=rejects.num_rows,
        runs=runs.num_rows,
        by_site=[(s or "(none)", n) for s, n in _counts(latest, ["site_name"])][:TOP_N],
        by_doc_type=[(s or "(none)", n) for s, n in _counts(latest, ["doc_type"])][:TOP_N],
        by_language=[(s or "(none)", n) for s, n in _counts(latest, ["language"])][:TOP_N],
        by_ingest_date=_by_date(docs, blocks, rejects),
        reject_reasons=[(st, rs, n) for st, rs, n in _counts(rejects, ["stage", "reason"])],
        latest_runs=run_rows,
        pending_commits=[m["run_id"] for m in pending_manifests(storage)],
        abandoned_staging=abandoned_staging(storage, 0.0),
        current_failures=current_failures(rejects, docs, runs),
    )


def _pair_table(title: str, header: str, rows: list[tuple[str, int]]) -> Table:
    return rich_table(title, (header, "documents"), [(key, f"{count:,}") for key, count in rows])


def render(report: InspectReport) -> list[Table]:
    overview = rich_table(f"dataset {report.out}", ("what", "count"), [
        (label, f"{value:,}")
        for label, value in (
            ("documents (latest versions)", report.documents),
            ("document rows (all versions)", report.document_rows),
            ("block rows", report.block_rows),
            ("reject rows", report.reject_rows),
            ("committed runs", report.runs),
            ("interrupted commits (rolled forward by the next run or compact)", len(report.pending_commits)),
            ("staging folders of uncommitted runs (running, or died before commit)", len(report.abandoned_staging)),
        )
    ])
    dates = rich_table("by ingest date", ("ingest_date", "document rows", "block rows", "rejects"), [
        (day, f"{d:,}", f"{b:,}", f"{r:,}") for day, d, b, r in report.by_ingest_date
    ])
    reasons = rich_table("reject reasons", ("stage", "reason", "count"), [
        (stage, reason, f"{count:,}") for stage, reason, count in report.reject_reasons
    ], left=("stage", "reason"))
    failing = rich_table(
        f"failing now: latest reject per source (top {TOP_N} by runs failed)",
        ("source", "stage", "reason", "message", "runs failed", "last run"),
        [
            (f.source, f.stage, f.reason, _shorten(f.message), f"{f.failed_runs:,}", f.last_run)
            for f in report.current_failures[:TOP_N]
        ],
        left=("source", "stage", "reason", "message", "last run"),
        fold=True,
    )
    runs = rich_table(
        f"latest runs (up to {LATEST_RUNS})",
        ("run_id", "started_at", "seconds", "documents", "unchanged", "rejected", "blocks"),
        [
            (
                str(run["run_id"]), f"{run['started_at']:%Y-%m-%d %H:%M:%S}",
                f"{(run['finished_at'] - run['started_at']).total_seconds():.1f}",
                *(f"{int(run[k]):,}" for k in ("documents", "unchanged", "rejected", "blocks")),
            )
            for run in report.latest_runs
        ],
        left=("run_id", "started_at"),
    )
    return [
        overview,
        _pair_table("by site (latest versions)", "site_name", report.by_site),
        _pair_table("by doc_type (latest versions)", "doc_type", report.by_doc_type),
        _pair_table("by language (latest versions)", "language", report.by_language),
        dates,
        reasons,
        failing,
        runs,
    ]


def _shorten(message: str) -> str:
    """A reject message cut to MESSAGE_CHARS, so one long traceback line cannot fill the screen."""
    return message if len(message) <= MESSAGE_CHARS else message[: MESSAGE_CHARS - 1] + "…"


def print_inspect(out: str, console: Console | None = None) -> InspectReport:
    report = inspect_dataset(out)
    console = console or Console()
    for table in render(report):
        console.print(table)
    return report
