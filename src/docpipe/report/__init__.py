"""Run reports: the same summary as a Prefect markdown artifact and as a rich table.

The HTML report of a dataset and its runs (charts) is :mod:`docpipe.report.page`, drawn from
the figures of :mod:`docpipe.report.figures`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from rich.table import Table

from docpipe.models import RunRecord


class RunReport(BaseModel):
    """A finished run: the `runs` row plus what only the report shows (the slowest inputs)."""

    model_config = ConfigDict(frozen=True)

    record: RunRecord
    html_report: str | None = Field(None, description="where the run's HTML report was written")

    @property
    def slowest(self) -> list[tuple[str, float]]:
        return self.record.slowest

    # Shortcuts used by the CLI's exit status and by tests.
    @property
    def discovered(self) -> int:
        return self.record.discovered

    @property
    def documents(self) -> int:
        return self.record.documents

    @property
    def unchanged(self) -> int:
        return self.record.unchanged

    @property
    def rejected(self) -> int:
        return self.record.rejected

    @property
    def wall_seconds(self) -> float:
        return (self.record.finished_at - self.record.started_at).total_seconds()

    @property
    def docs_per_second(self) -> float:
        return self.record.discovered / self.wall_seconds if self.wall_seconds > 0 else 0.0


def html_link(uri: str) -> str:
    """A link a browser can open: file:// for a local report, the URI as it is otherwise."""
    if "://" in uri:
        return uri
    from pathlib import Path

    return Path(uri).resolve().as_uri()


def reject_rows(record: RunRecord) -> list[dict[str, object]]:
    """The rows of the rejects-by-reason table artifact, most frequent first."""
    total = sum(record.reject_reasons.values())
    return [
        {"reason": reason, "count": count, "share": f"{count / total:.1%}"}
        for reason, count in sorted(record.reject_reasons.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def render_markdown(report: RunReport, *, html_error: str | None = None) -> str:
    """The run's markdown artifact, linking its HTML report at the top (`html_error` says why
    there is none)."""
    r = report.record
    html_report = report.html_report
    lines = [
        f"# docpipe run `{r.run_id}`",
        "",
        f"{r.started_at:%Y-%m-%d %H:%M:%S} UTC → {r.finished_at:%H:%M:%S} UTC, "
        f"{report.wall_seconds:.1f} s, {report.docs_per_second:.1f} inputs/s, docpipe {r.docpipe_version}",
        "",
        "| outcome | count |",
        "|---|---|",
        f"| discovered | {r.discovered} |",
        f"| documents written | {r.documents} |",
        f"| unchanged | {r.unchanged} |",
        f"| rejected | {r.rejected} |",
        f"| duplicates within the run | {r.duplicates} |",
        f"| blocks written | {r.blocks} |",
        f"| HTTP retries | {r.retries} |",
    ]
    if html_report is not None:
        lines[3:3] = ["", f"HTML report with charts: [{html_report}]({html_link(html_report)})"]
    elif html_error is not None:
        lines[3:3] = ["", f"HTML report not written: {html_error}"]
    if r.fetch_outcomes:
        lines += ["", "| fetch outcome | count |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in sorted(r.fetch_outcomes.items(), key=lambda kv: -kv[1])]
    if r.rejected_by_stage:
        lines += ["", "| rejected at stage | count |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in sorted(r.rejected_by_stage.items())]
    if r.reject_reasons:
        lines += ["", "| reject reason | count |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in sorted(r.reject_reasons.items(), key=lambda kv: -kv[1])]
    if r.seconds_by_stage:
        lines += ["", "| stage | seconds |", "|---|---|"]
        lines += [f"| {k} | {v:.2f} |" for k, v in r.seconds_by_stage.items()]
    if report.slowest:
        lines += ["", "| slowest input | seconds |", "|---|---|"]
        lines += [f"| {src.replace('|', '%7C')} | {sec:.3f} |" for src, sec in report.slowest]
    return "\n".join(lines) + "\n"


def render_summary(report: RunReport) -> Table:
    r = report.record
    table = Table(title=f"docpipe run {r.run_id} — {report.wall_seconds:.1f} s, {report.docs_per_second:.1f} inputs/s")
    table.add_column("outcome")
    table.add_column("count", justify="right")
    for label, value in (
        ("discovered", r.discovered),
        ("documents written", r.documents),
        ("unchanged", r.unchanged),
        ("rejected", r.rejected),
        ("duplicates within the run", r.duplicates),
        ("blocks written", r.blocks),
        ("HTTP retries", r.retries),
    ):
        table.add_row(label, str(value))
    for reason, count in sorted(r.reject_reasons.items(), key=lambda kv: -kv[1]):
        table.add_row(f"  rejected: {reason}", str(count))
    for stage, seconds in r.seconds_by_stage.items():
        table.add_row(f"  seconds in {stage}", f"{seconds:.2f}")
    for source, seconds in report.slowest[:3]:
        table.add_row(f"  slow: {source}", f"{seconds:.3f} s")
    return table
