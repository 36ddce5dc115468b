"""The figures of the dataset report, computed from the committed dataset with pyarrow.

Only committed runs count (rows whose run has a `runs` row), as in `docpipe inspect`:
- documents by site, doc_type, language and published day are over the *latest* version of
  each document (what an analyst means by "how many documents");
- documents by ingest day are over all document rows (what each day's runs wrote);
- per-run figures come from the `runs` rows, and new/changed from the documents rows: a row is
  *new* when it is the first version of its doc_id, *changed* when an earlier version exists.

The result is a frozen :class:`ReportData`; :mod:`docpipe.report.page` draws it. Every number
here is one a DuckDB query over the same Parquet files gives (tests/report checks that).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta, timezone
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, ConfigDict, Field

from docpipe.errors import ConfigError
from docpipe.export.dataset import latest_only, read_storage_table
from docpipe.export.schemas import SCHEMAS
from docpipe.export.storage import Storage
from docpipe.fetch.outcomes import FetchOutcome
from docpipe.models import Stage

# Runs drawn in the per-run charts: a nightly schedule gives three weeks of history.
RECENT_RUNS = 21
# Sites / doc_types drawn as their own colour; the rest is summed as OTHER. Eight categorical
# colours are about what a reader tells apart at a glance.
TOP_GROUPS = 8
OTHER = "other"
NONE_LABEL = "(none)"
# Failed inputs listed for the selected run (the count above the table says how many in all).
FAILED_ROWS = 50
# Published dates of scraped 范文 pages span decades: bars per day only while the span has few
# enough days to read, then per month, then per year.
MAX_DAY_BARS = 62
MAX_MONTH_BARS = 48
# Near-duplicate cluster sizes at and above this are drawn as one bar ("10+").
CLUSTER_SIZE_CAP = 10

_FRAME = ConfigDict(frozen=True, extra="forbid")


class Series(BaseModel):
    model_config = _FRAME

    name: str
    values: tuple[float, ...]


class Chart(BaseModel):
    """Bars over `categories` (stacked by series), horizontal for long category names."""

    model_config = _FRAME

    key: str = Field(description="stable id, used by the page and its tests")
    title: str
    categories: tuple[str, ...]
    labels: tuple[str, ...] = Field(description="what the axis shows for each category")
    series: tuple[Series, ...]
    unit: str = Field(description="what one unit of value is: documents, seconds, …")
    horizontal: bool = False
    note: str = ""

    @property
    def total(self) -> float:
        return sum(sum(s.values) for s in self.series)

    @property
    def empty(self) -> bool:
        return not self.categories or self.total == 0


class FailedInput(BaseModel):
    model_config = _FRAME

    source: str
    stage: str
    reason: str
    message: str


class RunRow(BaseModel):
    """One committed run, for the runs table and the selected run's totals."""

    model_config = _FRAME

    run_id: str
    started_at: datetime
    seconds: float
    discovered: int
    documents: int
    new: int
    changed: int
    unchanged: int
    rejected: int
    retries: int | None = Field(description="None for runs written before schema 2")
    fetch_outcomes: dict[str, int] | None
    seconds_by_stage: dict[str, float]
    slowest: tuple[tuple[str, float], ...]


class ReportData(BaseModel):
    model_config = _FRAME

    dataset: str
    generated_at: datetime
    run: RunRow
    totals: dict[str, int] = Field(description="dataset-wide counts shown at the top of the page")
    charts: tuple[Chart, ...]
    failed: tuple[FailedInput, ...]
    failed_total: int
    recent_runs: tuple[RunRow, ...] = Field(description="oldest first")
    notes: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------
# helpers


def _filled(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    return pc.fill_null(column, NONE_LABEL)


def _count_by(table: pa.Table, keys: list[str]) -> list[dict[str, Any]]:
    if table.num_rows == 0:
        return []
    return table.group_by(keys, use_threads=False).aggregate([([], "count_all")]).to_pylist()


def _top_groups(values: pa.Array, n: int = TOP_GROUPS) -> pa.Array:
    """`values` with every value outside the n most frequent replaced by OTHER."""
    counts = pc.value_counts(values).to_pylist()
    if len(counts) <= n + 1:  # one leftover group would be "other" alone: name it instead
        return values
    counts.sort(key=lambda vc: (-vc["counts"], vc["values"]))
    top = pa.array([vc["values"] for vc in counts[:n]], values.type)
    return pc.if_else(pc.is_in(values, top), values, pa.scalar(OTHER, values.type))


def _stacked(
    key: str, title: str, x: pa.Array, group: pa.Array, unit: str, *, order: list[str] | None = None,
    horizontal: bool = False, note: str = "",
) -> Chart:
    """Count rows per (x, group): one series per group, groups ordered by size (OTHER last)."""
    table = pa.table({"x": x, "g": group})
    cells: dict[tuple[str, str], int] = {(r["x"], r["g"]): r["count_all"] for r in _count_by(table, ["x", "g"])}
    group_totals: dict[str, int] = defaultdict(int)
    x_totals: dict[str, int] = defaultdict(int)
    for (xv, gv), n in cells.items():
        group_totals[gv] += n
        x_totals[xv] += n
    groups = sorted(group_totals, key=lambda g: (g == OTHER, -group_totals[g], g))
    if order is None:
        order = sorted(x_totals, key=lambda v: (-x_totals[v], v)) if horizontal else sorted(x_totals)
    series = tuple(Series(name=g, values=tuple(float(cells.get((xv, g), 0)) for xv in order)) for g in groups)
    return Chart(key=key, title=title, categories=tuple(order), labels=tuple(order), series=series, unit=unit,
                 horizontal=horizontal, note=note)


def _published_buckets(published: pa.ChunkedArray) -> tuple[pa.Array, list[str], str]:
    """Published timestamps → (bucket per row, every bucket from first to last, bucket name):
    days while the span is short enough to read, else months, else years. Every bucket of the
    span is drawn, empty ones too, so gaps in the timeline show as gaps."""
    days = pc.cast(published, pa.date32())
    if len(days) == 0:
        return pa.array([], pa.string()), [], "day"
    span = pc.min_max(days).as_py()
    first, last = span["min"], span["max"]
    if (last - first).days < MAX_DAY_BARS:
        order = [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]
        return pc.strftime(days, "%Y-%m-%d"), order, "day"
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= MAX_MONTH_BARS:
        order = [f"{first.year + (first.month - 1 + i) // 12:04d}-{(first.month - 1 + i) % 12 + 1:02d}" for i in range(months)]
        return pc.strftime(days, "%Y-%m"), order, "month"
    return pc.strftime(days, "%Y"), [f"{y:04d}" for y in range(first.year, last.year + 1)], "year"


def _entries(value: list[dict[str, Any]] | None, field: str) -> dict[str, Any] | None:
    return None if value is None else {e["key"]: e[field] for e in value}


def _run_rows(runs: pa.Table, docs: pa.Table) -> list[RunRow]:
    """Every committed run, oldest first, with its new/changed document counts."""
    new: dict[str, int] = defaultdict(int)
    changed: dict[str, int] = defaultdict(int)
    if docs.num_rows:
        thin = docs.select(["doc_id", "run_id", "ingested_at"])
        order = pc.sort_indices(thin, sort_keys=[("doc_id", "ascending"), ("ingested_at", "ascending"), ("run_id", "ascending")])
        thin = thin.take(order)
        ids = thin.column("doc_id").combine_chunks()
        prev = pa.concat_arrays([pa.array([None], pa.string()), ids.slice(0, len(ids) - 1)])
        first = pc.fill_null(pc.not_equal(ids, prev), True)
        for row in _count_by(pa.table({"run_id": thin.column("run_id"), "first": first}), ["run_id", "first"]):
            (new if row["first"] else changed)[row["run_id"]] += row["count_all"]
    rows = []
    for r in sorted(runs.to_pylist(), key=lambda r: (r["started_at"], r["run_id"])):
        rows.append(RunRow(
            run_id=r["run_id"],
            started_at=r["started_at"],
            seconds=(r["finished_at"] - r["started_at"]).total_seconds(),
            discovered=r["discovered"],
            documents=r["documents"],
            new=new[r["run_id"]],
            changed=changed[r["run_id"]],
            unchanged=r["unchanged"],
            rejected=r["rejected"],
            retries=r.get("retries"),
            fetch_outcomes=_entries(r.get("fetch_outcomes"), "count"),
            seconds_by_stage=_entries(r["seconds_by_stage"], "seconds") or {},
            slowest=tuple((s["source"], s["seconds"]) for s in r.get("slowest") or []),
        ))
    return rows


def _run_labels(rows: list[RunRow]) -> tuple[str, ...]:
    labels = [f"{r.started_at:%m-%d %H:%M}" for r in rows]
    if len(set(labels)) < len(labels):  # several runs within a minute (tests, retries)
        labels = [f"{r.started_at:%m-%d %H:%M:%S}" for r in rows]
    if len(set(labels)) < len(labels):
        labels = [r.run_id[-12:] for r in rows]
    return tuple(labels)


def _per_run(key: str, title: str, rows: list[RunRow], values: dict[str, list[float]], unit: str, note: str = "") -> Chart:
    return Chart(
        key=key, title=title, categories=tuple(r.run_id for r in rows), labels=_run_labels(rows),
        series=tuple(Series(name=name, values=tuple(v)) for name, v in values.items() if any(v)),
        unit=unit, note=note,
    )


def _cluster_sizes(latest: pa.Table) -> Chart | None:
    """Near-duplicate cluster sizes over latest versions; None while the schema has no clusters."""
    if "near_dup_of" not in latest.column_names:
        return None
    members = latest.filter(pc.is_valid(latest.column("near_dup_of")))
    sizes: dict[str, int] = defaultdict(int)
    for row in _count_by(members.select(["near_dup_of"]), ["near_dup_of"]):
        sizes[str(min(row["count_all"] + 1, CLUSTER_SIZE_CAP))] += 1  # + 1: the earliest member
    order = [str(n) for n in range(2, CLUSTER_SIZE_CAP + 1) if str(n) in sizes]
    labels = tuple(f"{n}+" if n == str(CLUSTER_SIZE_CAP) else n for n in order)
    return Chart(
        key="near_dup_clusters", title="Near-duplicate clusters by size (latest versions)",
        categories=tuple(order), labels=labels,
        series=(Series(name="clusters", values=tuple(float(sizes[n]) for n in order)),), unit="clusters",
    )


# ---------------------------------------------------------------------------------------------
# the report


def _documents_columns() -> list[str]:
    cols = ["doc_id", "run_id", "ingested_at", "site_name", "doc_type", "language", "published_at", "ingest_date"]
    return cols + (["near_dup_of"] if "near_dup_of" in SCHEMAS["documents"].names else [])


def build_report_data(out: str, run_id: str | None = None, *, recent_runs: int = RECENT_RUNS) -> ReportData:
    """Read the dataset at `out` and compute every figure of the report for `run_id` (default:
    the latest committed run). Raises ConfigError for a dataset without runs or an unknown run."""
    storage = Storage.open(out)
    runs = read_storage_table(storage, "runs")
    if runs.num_rows == 0:
        raise ConfigError(f"{out}: no committed run in this dataset (nothing to report)")
    docs = read_storage_table(storage, "documents", _documents_columns())
    rejects = read_storage_table(storage, "rejects", ["source", "stage", "reason", "message", "run_id"])
    latest = latest_only(docs)
    rows = _run_rows(runs, docs)
    by_id = {r.run_id: r for r in rows}
    if run_id is None:
        run = rows[-1]
    elif run_id in by_id:
        run = by_id[run_id]
    else:
        known = ", ".join(r.run_id for r in rows[-5:])
        raise ConfigError(f"{out}: no committed run {run_id!r} (latest runs: {known})")
    recent = rows[-recent_runs:]

    charts: list[Chart] = []
    notes: list[str] = []
    ingest_day = pc.strftime(docs.column("ingest_date"), "%Y-%m-%d") if docs.num_rows else pa.array([], pa.string())
    for field, name in (("site_name", "site"), ("doc_type", "doc_type")):
        charts.append(_stacked(
            f"ingest_day_by_{name}", f"Document rows written per ingest day, by {name}", ingest_day,
            _top_groups(_filled(docs.column(field))), "documents",
        ))
    dated = latest.filter(pc.is_valid(latest.column("published_at")))
    published, published_order, bucket = _published_buckets(dated.column("published_at"))
    undated = latest.num_rows - dated.num_rows
    for field, name in (("site_name", "site"), ("doc_type", "doc_type")):
        charts.append(_stacked(
            f"published_{bucket}_by_{name}", f"Documents per published {bucket}, by {name} (latest versions)",
            published, _top_groups(_filled(dated.column(field))), "documents", order=published_order,
            note=f"{undated:,} documents without a publication date are not drawn" if undated else "",
        ))
    charts.append(_stacked(
        "language", "Documents by language (latest versions)", _filled(latest.column("language")),
        pa.array(["documents"] * latest.num_rows, pa.string()), "documents", horizontal=True,
    ))

    run_rejects = rejects.filter(pc.equal(rejects.column("run_id"), run.run_id))
    stage_order = [s.value for s in Stage]
    for key, title, table in (
        ("run_rejects", f"Rejects of run {run.run_id} by reason and stage", run_rejects),
        ("rejects", "Rejects by reason and stage (all committed runs)", rejects),
    ):
        chart = _stacked(key, title, table.column("reason"), table.column("stage"), "inputs", horizontal=True)
        ordered = sorted(chart.series, key=lambda s: stage_order.index(s.name) if s.name in stage_order else 99)
        charts.append(chart.model_copy(update={"series": tuple(ordered)}))

    outcome_names = [o.value for o in FetchOutcome]
    recorded = [r for r in recent if r.fetch_outcomes is not None]
    if len(recorded) < len(recent):
        notes.append(f"{len(recent) - len(recorded)} older runs did not record fetch outcomes or retries (schema 1)")
    charts.append(_per_run(
        "fetch_outcomes", "Fetch outcomes per run", recorded,
        {o: [float((r.fetch_outcomes or {}).get(o, 0)) for r in recorded] for o in outcome_names}, "inputs",
    ))
    charts.append(_per_run("retries", "HTTP retries per run", recorded,
                           {"retries": [float(r.retries or 0) for r in recorded]}, "requests"))
    stages = [s for s in stage_order if any(s in r.seconds_by_stage for r in recent)]
    stages += sorted({s for r in recent for s in r.seconds_by_stage} - set(stages))
    charts.append(_per_run("seconds_by_stage", "Seconds per stage per run", recent,
                           {s: [r.seconds_by_stage.get(s, 0.0) for r in recent] for s in stages}, "seconds"))
    charts.append(_per_run("changes", "Documents new, changed and unchanged per run", recent, {
        "new": [float(r.new) for r in recent],
        "changed": [float(r.changed) for r in recent],
        "unchanged": [float(r.unchanged) for r in recent],
    }, "documents"))
    clusters = _cluster_sizes(latest)
    if clusters is None:
        notes.append("near-duplicate clusters: this dataset's schema does not record them yet")
    else:
        charts.append(clusters)

    failed = run_rejects.take(pc.sort_indices(run_rejects, sort_keys=[("stage", "ascending"), ("reason", "ascending"), ("source", "ascending")]))
    return ReportData(
        dataset=out,  # as the user named it (a relative path stays relative in the page)
        generated_at=datetime.now(timezone.utc),
        run=run,
        totals={
            "documents": latest.num_rows,
            "document_rows": docs.num_rows,
            "rejects": rejects.num_rows,
            "runs": len(rows),
            "sites": pc.count_distinct(latest.column("site_name")).as_py() if latest.num_rows else 0,
        },
        charts=tuple(charts),
        failed=tuple(FailedInput(source=r["source"], stage=r["stage"], reason=r["reason"], message=r["message"])
                     for r in failed.slice(0, FAILED_ROWS).to_pylist()),
        failed_total=run_rejects.num_rows,
        recent_runs=tuple(recent),
        notes=tuple(notes),
    )
