"""Run reports: the same summary as a Prefect markdown artifact and as a rich table.

The HTML report of a dataset and its runs (charts) is :mod:`docpipe.report.page`, drawn from
the figures of :mod:`docpipe.report.figures`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from rich.table import Table

from docpipe.models import RunRecord
from docpipe.rendering import markdown_table, rich_table


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


def _outcomes(r: RunRecord) -> list[tuple[str, int]]:
    """The run's outcome counts, in the order both summaries list them."""
    return [
        ("discovered", r.discovered),
        ("documents written", r.documents),
        ("unchanged", r.unchanged),
        ("rejected", r.rejected),
        ("duplicates within the run", r.duplicates),
        ("blocks written", r.blocks),
        ("HTTP retries", r.retries),
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
        *markdown_table(("outcome", "count"), _outcomes(r)),
    ]
    if html_report is not None:
        lines[3:3] = ["", f"HTML report with charts: [{html_report}]({html_link(html_report)})"]
    elif html_error is not None:
        lines[3:3] = ["", f"HTML report not written: {html_error}"]
    sections: list[tuple[tuple[str, str], list[tuple[str, object]]]] = [
        (("fetch outcome", "count"), sorted(r.fetch_outcomes.items(), key=lambda kv: -kv[1])),
        (("rejected at stage", "count"), sorted(r.rejected_by_stage.items())),
        (("reject reason", "count"), sorted(r.reject_reasons.items(), key=lambda kv: -kv[1])),
        (("stage", "seconds"), [(k, f"{v:.2f}") for k, v in r.seconds_by_stage.items()]),
        (("slowest input", "seconds"), [(src, f"{sec:.3f}") for src, sec in report.slowest]),
    ]
    for columns, rows in sections:
        if rows:
            lines += ["", *markdown_table(columns, rows)]
    return "\n".join(lines) + "\n"


def render_summary(report: RunReport) -> Table:
    r = report.record
    table = rich_table(
        f"docpipe run {r.run_id} — {report.wall_seconds:.1f} s, {report.docs_per_second:.1f} inputs/s",
        ("outcome", "count"),
        [(label, str(value)) for label, value in _outcomes(r)],
    )
    for reason, count in sorted(r.reject_reasons.items(), key=lambda kv: -kv[1]):
        table.add_row(f"  rejected: {reason}", str(count))
    for stage, seconds in r.seconds_by_stage.items():
        table.add_row(f"  seconds in {stage}", f"{seconds:.2f}")
    for source, seconds in report.slowest[:3]:
        table.add_row(f"  slow: {source}", f"{seconds:.3f} s")
    return table
