"""The dataset report as one self-contained HTML page: inline CSS, static SVG, no script.

    docpipe report OUT [--run RUN_ID] [--html FILE]

Nothing is loaded from anywhere: no CDN, no font, no script. Totals carry data-total /
data-run-total attributes and every chart a data-chart key, so a test (or a scraper) can read
the numbers back without parsing prose.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TypeVar

from docpipe import __version__
from docpipe.export.storage import Storage
from docpipe.report import svg
from docpipe.report.figures import Chart, ReportData, RunRow, build_report_data

T = TypeVar("T")

# Where `docpipe run` and the flow put the reports, relative to the dataset root: beside the
# tables, in a folder no table reader lists (they list documents/, blocks/, rejects/, runs/).
REPORTS_DIR = "_reports"
LATEST_NAME = "latest.html"

CSS = """
body{font-family:system-ui,'Noto Sans CJK SC','Noto Sans',sans-serif;margin:24px auto;max-width:1600px;color:#222;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
h3{font-size:14px;margin:0 0 6px}.meta{color:#666;font-size:13px}
.totals{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.totals div{background:#f4f6f8;border-radius:6px;padding:8px 14px;min-width:110px}
.totals dt{font-size:12px;color:#666}.totals dd{margin:0;font-size:22px;font-weight:600}
.charts{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}
figure.chart{margin:0;padding:10px;border:1px solid #e3e3e3;border-radius:6px;background:#fff}
figure.chart svg{display:block}
.legend{display:flex;flex-wrap:wrap;gap:4px 12px;font-size:12px;margin:4px 0 6px;max-width:640px}
.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px;vertical-align:-1px}
.note,.empty{font-size:12px;color:#777;margin:4px 0 0;max-width:640px}
table{border-collapse:collapse;font-size:12px;margin:6px 0}
th,td{border-bottom:1px solid #eee;padding:3px 8px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.src{max-width:560px;overflow-wrap:anywhere}
"""


def _totals(items: list[tuple[str, str, int]], attr: str) -> str:
    cells = "".join(
        f'<div><dt>{escape(label)}</dt><dd {attr}="{key}" data-value="{value}">{value:,}</dd></div>'
        for key, label, value in items
    )
    return f'<dl class="totals">{cells}</dl>'


# Draws one chart as an HTML fragment: docpipe.report.svg.render here; benchmarks/bench_report.py
# passes the charting libraries it compares against.
Draw = Callable[[Chart], str]


def render_chart(chart: Chart, draw: Draw = svg.render) -> str:
    colour = svg.colours(chart)
    head = f'<figure class="chart" data-chart="{chart.key}" data-total="{chart.total:g}"><h3>{escape(chart.title)}</h3>'
    if chart.empty:
        return head + f'<p class="empty">nothing to draw: no {escape(chart.unit)} recorded</p></figure>'
    legend = ""
    if len(chart.series) > 1:
        legend = '<div class="legend">' + "".join(
            f'<span><i style="background:{colour[s.name]}"></i>{escape(s.name)} ({svg.fmt(sum(s.values))})</span>'
            for s in chart.series
        ) + "</div>"
    note = f'<p class="note">{escape(chart.note)}</p>' if chart.note else ""
    return head + legend + draw(chart) + note + "</figure>"


def _table(headers: list[tuple[str, bool]], rows: list[list[str]], css: str = "") -> str:
    th = "".join(f'<th class="n">{escape(h)}</th>' if numeric else f"<th>{escape(h)}</th>" for h, numeric in headers)
    body = "".join(
        "<tr>" + "".join(
            f'<td class="n">{cell}</td>' if numeric else f'<td class="{css}">{cell}</td>'
            for cell, (_h, numeric) in zip(row, headers)
        ) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _or_dash(value: T | None, fmt: Callable[[T], str]) -> str:
    return "—" if value is None else fmt(value)


def _runs_table(runs: tuple[RunRow, ...]) -> str:
    headers = [("run", False), ("started (UTC)", False), ("seconds", True), ("discovered", True), ("new", True),
               ("changed", True), ("unchanged", True), ("rejected", True), ("retries", True)]
    rows = [
        [escape(r.run_id), f"{r.started_at:%Y-%m-%d %H:%M:%S}", f"{r.seconds:,.1f}", f"{r.discovered:,}", f"{r.new:,}",
         f"{r.changed:,}", f"{r.unchanged:,}", f"{r.rejected:,}", _or_dash(r.retries, lambda v: f"{v:,}")]
        for r in reversed(runs)
    ]
    return _table(headers, rows)


def render_html(data: ReportData, *, draw: Draw = svg.render) -> str:
    run = data.run
    dataset_totals = _totals([
        ("documents", "documents (latest versions)", data.totals["documents"]),
        ("document_rows", "document rows (all versions)", data.totals["document_rows"]),
        ("sites", "sites", data.totals["sites"]),
        ("rejects", "rejects (all runs)", data.totals["rejects"]),
        ("runs", "committed runs", data.totals["runs"]),
    ], "data-total")
    run_totals = _totals([
        ("discovered", "discovered", run.discovered),
        ("documents", "documents written", run.documents),
        ("new", "new", run.new),
        ("changed", "changed", run.changed),
        ("unchanged", "unchanged", run.unchanged),
        ("rejected", "rejected", run.rejected),
        *([("retries", "HTTP retries", run.retries)] if run.retries is not None else []),
    ], "data-run-total")
    charts = {c.key: c for c in data.charts}
    run_keys = ["run_rejects"]
    history_keys = ["fetch_outcomes", "retries", "seconds_by_stage", "changes"]
    dataset_keys = [k for k in charts if k not in run_keys + history_keys]

    def section(keys: list[str]) -> str:
        return '<div class="charts">' + "".join(render_chart(charts[k], draw) for k in keys if k in charts) + "</div>"

    failed_rows = [[escape(f.source), escape(f.stage), escape(f.reason), escape(f.message)] for f in data.failed]
    failed_note = (f'<p class="note">first {len(data.failed)} of {data.failed_total:,} failed inputs</p>'
                   if data.failed_total > len(data.failed) else "")
    slow_rows = [[escape(src), f"{sec:.3f}"] for src, sec in run.slowest]
    notes = "".join(f'<p class="note">{escape(n)}</p>' for n in data.notes)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>docpipe report — {escape(run.run_id)}</title><style>{CSS}</style></head>
<body>
<h1>docpipe report</h1>
<p class="meta">dataset <code>{escape(data.dataset)}</code> · generated {data.generated_at:%Y-%m-%d %H:%M:%S} UTC by docpipe {escape(__version__)}</p>
{dataset_totals}
<h2>Run <code>{escape(run.run_id)}</code></h2>
<p class="meta">started {run.started_at:%Y-%m-%d %H:%M:%S} UTC · {run.seconds:,.1f} s</p>
{run_totals}
{section(run_keys)}
<h3 style="margin-top:16px">Failed inputs ({data.failed_total:,})</h3>
{_table([("source", False), ("stage", False), ("reason", False), ("message", False)], failed_rows, "src") if failed_rows else '<p class="empty">none</p>'}{failed_note}
<h3 style="margin-top:16px">Slowest inputs (clean + structure)</h3>
{_table([("source", False), ("seconds", True)], slow_rows, "src") if slow_rows else '<p class="empty">none recorded</p>'}
<h2>Recent runs ({len(data.recent_runs)})</h2>
{section(history_keys)}
{_runs_table(data.recent_runs)}
<h2>Dataset</h2>
{section(dataset_keys)}
{notes}
</body></html>
"""


def write_report(out: str, run_id: str | None = None, html: str | None = None) -> str:
    """Build the report of the dataset at `out` and write it to `html` (a local path), or by
    default to OUT/_reports/<run>.html and OUT/_reports/latest.html. Returns where it wrote
    (the run's own file when the default was used)."""
    data = build_report_data(out, run_id)
    page = render_html(data)
    if html is not None:
        target = Path(html)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
        return str(target)
    from docpipe.export.storage import safe_component

    storage = Storage.open(out)
    rel = f"{REPORTS_DIR}/{safe_component(data.run.run_id)}.html"
    storage.write_text(rel, page)
    if data.run.run_id == data.recent_runs[-1].run_id:  # latest.html is the latest run's report
        storage.write_text(f"{REPORTS_DIR}/{LATEST_NAME}", page)
    return storage.uri(rel)
