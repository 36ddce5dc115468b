#!/usr/bin/env python3
"""The HTML report on a 100,000-document dataset: page size and build time, docpipe's static
SVG against the charting libraries it could have used, drawing the same figures.

usage: python benchmarks/bench_report.py [--docs N] [--runs R] [--dataset DIR] [--keep]

1. Writes (or reuses, with --dataset DIR of an earlier --keep) a dataset of N distinct documents
   committed by R runs on R ingest days through DatasetWriter: each run writes N/R new
   documents and changes 10% of the earlier ones, ~2% of its inputs are rejected (http_404,
   timeout, http_5xx, empty_body); 40 sites, 12 doc_types, published dates over 2015-2026.
   Documents come from bench_export.make_docs (seeded, so every run is the same).
2. Times `docpipe report DIR --html FILE` end to end in a fresh process (import, reading the
   dataset with pyarrow, figures, page): the figure of record for the README.
3. Draws the same ReportData with each backend, each in a fresh process (so its import counts,
   as it would in `docpipe report`), and prints page size and seconds per backend, with ratios
   against docpipe's static SVG:
     docpipe static SVG        docpipe.report.svg (the report's renderer)
     matplotlib SVG            one matplotlib figure per chart, savefig(format="svg"), text as text
     plotly, JS inlined        go.Figure per chart, to_html(include_plotlyjs=True once)
     altair, Vega JS inlined   alt.Chart per chart, the Vega/Vega-Lite/vega-embed bundle inlined once
     altair -> SVG (vl-convert) the same specs rendered to static SVG by vl-convert
   A backend whose library is not installed is listed as such (pip install -e ".[bench]").
Times are CPU seconds (user + system), the best of --repeat runs: the machine is shared, and
wall time there mostly measures the neighbours; the end-to-end line gives the wall time too.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

BACKENDS = ("docpipe", "matplotlib", "plotly", "altair-js", "altair-svg")
LABELS = {
    "docpipe": "docpipe static SVG",
    "matplotlib": "matplotlib SVG",
    "plotly": "plotly, JS inlined",
    "altair-js": "altair, Vega JS inlined",
    "altair-svg": "altair -> SVG (vl-convert)",
}
SITES = [f"site-{i:02d}.example" for i in range(40)]
DOC_TYPES = ("讲话", "通知", "意见", "报告", "方案", "总结", "计划", "决定", "通报", "函", "公告", "其他")
REJECT_REASONS = (("fetch", "http_404"), ("fetch", "timeout"), ("fetch", "http_5xx"), ("clean", "empty_body"))


# ---------------------------------------------------------------------------------------------
# the dataset


def build_dataset(out: str, docs: int, runs: int) -> None:
    from bench_export import make_docs

    from docpipe.export import DatasetWriter
    from docpipe.models import Rejection, RunRecord, Stage

    rng = random.Random(16)
    # Bodies repeat every 2,000 documents (ids, texts' last line and metadata do not), cut to
    # their first section: the report reads none of the body columns, and writing 100,000 full
    # bodies and their blocks would only make the dataset slower to build.
    base = []
    for t in make_docs(min(docs, 2_000)):
        blocks = t.blocks[:4]
        base.append(t.model_copy(update={
            "blocks": blocks, "headings": tuple(h for h in t.headings if h.block_idx < 4),
            "items": tuple(it for it in t.items if it.block_idx < 4),
            "text": "\n\n".join(b.text for b in blocks if b.kind == "paragraph"),
        }))
    start = datetime(2026, 11, 1, 2, 0, tzinfo=timezone.utc)
    per_run = docs // runs

    def doc(i: int, version: int):  # type: ignore[no-untyped-def]
        from docpipe.ids import content_hash, doc_id_for

        template = base[i % len(base)]
        url = f"http://bench.example/{i}.html"
        text = template.text + (f"\n\n第{version}版。" if version else f"\n\n编号{i}。")
        published = date(2015, 1, 1) + timedelta(days=(i * 7919) % 4300)
        return template.model_copy(update={
            "doc_id": doc_id_for(url, url), "source": url, "url": url, "text": text, "content_hash": content_hash(text),
            "site_name": SITES[(i * 31) % len(SITES)] if i % 17 else None,
            "doc_type": DOC_TYPES[(i * 13) % len(DOC_TYPES)],
            "language": "zh" if i % 9 else "en",
            "published_at": None if i % 23 == 0 else published.isoformat(),
        })

    for r in range(runs):
        run_id = f"bench-{r:02d}"
        started = start + timedelta(days=r)
        writer = DatasetWriter(out, run_id, ingest_date=started.date())
        new = [doc(i, 0) for i in range(r * per_run, (r + 1) * per_run)]
        changed = [doc(i, r) for i in rng.sample(range(r * per_run), min(r * per_run, per_run // 10))] if r else []
        inputs = new + changed
        rejects = [
            Rejection(source=f"http://bench.example/bad/{r}/{k}.html", stage=Stage(stage), reason=reason,
                      message=f"bench reject {k}", transient=reason != "http_404")
            for k, (stage, reason) in enumerate(rng.choice(REJECT_REASONS) for _ in range(len(inputs) // 50))
        ]
        for b in range(0, len(inputs), 2_000):
            writer.write_batch(b // 2_000, inputs[b:b + 2_000], rejects if b == 0 else [])
        reasons: dict[str, int] = {}
        for rej in rejects:
            reasons[rej.reason] = reasons.get(rej.reason, 0) + 1
        outcomes = {"200": len(inputs), **{k: v for k, v in (
            ("4xx", reasons.get("http_404", 0)), ("timeout", reasons.get("timeout", 0)), ("5xx", reasons.get("http_5xx", 0))) if v}}
        writer.finish(RunRecord(
            run_id=run_id, started_at=started, finished_at=started + timedelta(minutes=20 + r),
            docpipe_version="bench", discovered=len(inputs) + len(rejects), rejected=len(rejects),
            reject_reasons=reasons, rejected_by_stage={"fetch": sum(1 for x in rejects if x.stage == Stage.fetch),
                                                       "clean": sum(1 for x in rejects if x.stage == Stage.clean)},
            seconds_by_stage={"fetch": 600.0 + 10 * r, "clean": 300.0, "structure": 120.0, "export": 60.0},
            fetch_outcomes=outcomes, retries=reasons.get("timeout", 0) * 2 + reasons.get("http_5xx", 0) * 2,
            slowest=[(f"http://bench.example/{i}.html", 2.0 - i / 10) for i in range(10)],
        ))
        print(f"  run {run_id}: {len(new):,} new, {len(changed):,} changed, {len(rejects):,} rejects", file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# backends (each runs in its own process: `--draw BACKEND DATA.json PAGE.html`)


def _matplotlib():  # type: ignore[no-untyped-def]
    import io

    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.fonttype"] = "none"  # text as <text>: smaller, searchable, CJK by the browser's fonts

    def draw(chart) -> str:  # type: ignore[no-untyped-def]
        fig, ax = plt.subplots(figsize=(6.4, 2.9 if not chart.horizontal else 0.4 + 0.22 * len(chart.categories)))
        acc = [0.0] * len(chart.categories)
        pos = range(len(chart.categories))
        for s in chart.series:
            if chart.horizontal:
                ax.barh(list(pos), s.values, left=acc, label=s.name)
            else:
                ax.bar(list(pos), s.values, bottom=acc, label=s.name)
            acc = [a + v for a, v in zip(acc, s.values)]
        if chart.horizontal:
            ax.set_yticks(list(pos), chart.labels)
        else:
            ax.set_xticks(list(pos), chart.labels, rotation=35, ha="right")
        buf = io.StringIO()
        fig.savefig(buf, format="svg", bbox_inches="tight")
        plt.close(fig)
        text = buf.getvalue()
        return text[text.index("<svg"):]

    return draw


def _plotly():  # type: ignore[no-untyped-def]
    import plotly.graph_objects as go

    first = [True]

    def draw(chart) -> str:  # type: ignore[no-untyped-def]
        fig = go.Figure([
            go.Bar(name=s.name, x=list(s.values) if chart.horizontal else list(chart.labels),
                   y=list(chart.labels) if chart.horizontal else list(s.values),
                   orientation="h" if chart.horizontal else "v")
            for s in chart.series
        ])
        fig.update_layout(barmode="stack", width=640, height=300, margin=dict(l=40, r=10, t=10, b=60))
        html = fig.to_html(full_html=False, include_plotlyjs=first[0])
        first[0] = False
        return html

    return draw


def _altair_charts():  # type: ignore[no-untyped-def]
    import altair as alt

    def spec(chart):  # type: ignore[no-untyped-def]
        rows = [{"category": label, "series": s.name, "value": v}
                for s in chart.series for label, v in zip(chart.labels, s.values)]
        base = alt.Chart(alt.Data(values=rows)).mark_bar()
        if chart.horizontal:
            enc = base.encode(y=alt.Y("category:N", sort=list(chart.labels)), x="sum(value):Q", color="series:N")
        else:
            enc = base.encode(x=alt.X("category:N", sort=list(chart.labels)), y="sum(value):Q", color="series:N")
        return enc.properties(width=560, height=220)

    return alt, spec


def _altair_js():  # type: ignore[no-untyped-def]
    import vl_convert as vlc

    alt, spec = _altair_charts()
    first = [True]

    def draw(chart) -> str:  # type: ignore[no-untyped-def]
        # vl-convert ships the Vega, Vega-Lite and vega-embed bundle that altair's
        # save(inline=True) inlines; here it is inlined once for the page.
        bundle = ""
        if first[0]:
            bundle = f'<script type="module">{vlc.javascript_bundle()}\nwindow.vegaEmbed = vegaEmbed;</script>'
            first[0] = False
        div = f"c{abs(hash(chart.key))}"
        return (bundle + f'<div id="{div}"></div><script type="module">'
                f'vegaEmbed("#{div}", {json.dumps(spec(chart).to_dict())}, {{renderer: "svg"}});</script>')

    return draw


def _altair_svg():  # type: ignore[no-untyped-def]
    import vl_convert as vlc

    _alt, spec = _altair_charts()

    def draw(chart) -> str:  # type: ignore[no-untyped-def]
        svg = vlc.vegalite_to_svg(spec(chart).to_dict())
        return svg[svg.index("<svg"):]

    return draw


def draw_page(backend: str, data_json: str, page: str) -> None:
    """Draw the page with `backend`; print the CPU seconds of the library's import and of the
    drawing as JSON (CPU, not wall: the machine is shared, and waiting for a core is not work)."""
    from docpipe.report.figures import ReportData
    from docpipe.report.page import render_html
    from docpipe.report.svg import render

    data = ReportData.model_validate_json(Path(data_json).read_text(encoding="utf-8"))
    t0 = time.process_time()
    draw = {"docpipe": lambda: render, "matplotlib": _matplotlib, "plotly": _plotly,
            "altair-js": _altair_js, "altair-svg": _altair_svg}[backend]()
    t1 = time.process_time()
    Path(page).write_text(render_html(data, draw=draw), encoding="utf-8")
    print(json.dumps({"import": t1 - t0, "draw": time.process_time() - t1}))


# ---------------------------------------------------------------------------------------------
# timing


class Timing(NamedTuple):
    wall: float
    cpu: float  # user + system of the child process
    stdout: str


def _timed(cmd: list[str], repeat: int) -> tuple[Timing | None, str]:
    """Best (lowest CPU) of `repeat` runs of `cmd` in a fresh process, or (None, its error)."""
    best: Timing | None = None
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            return None, (proc.stderr.strip().splitlines() or ["failed"])[-1]
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if best is None or cpu < best.cpu:
            best = Timing(wall, cpu, proc.stdout)
    return best, ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dataset", help="reuse this dataset (from an earlier --keep) instead of writing one")
    parser.add_argument("--keep", action="store_true", help="keep the dataset and the pages (their folder is printed)")
    parser.add_argument("--draw", nargs=3, metavar=("BACKEND", "DATA_JSON", "PAGE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.draw:
        draw_page(*args.draw)
        return 0

    work = Path(tempfile.mkdtemp(prefix="bench_report_"))
    try:
        out = args.dataset or str(work / "dataset")
        if args.dataset is None:
            t0 = time.perf_counter()
            build_dataset(out, args.docs, args.runs)
            print(f"dataset written in {time.perf_counter() - t0:.0f} s: {out}", file=sys.stderr)
        docpipe = str(Path(sys.executable).with_name("docpipe"))
        page = work / "report.html"
        cli, err = _timed([docpipe, "report", out, "--html", str(page)], args.repeat)
        if cli is None:
            print(f"docpipe report failed: {err}", file=sys.stderr)
            return 1

        from docpipe.report.figures import build_report_data

        t0 = time.process_time()
        data = build_report_data(out)
        figures_s = time.process_time() - t0
        data_json = work / "data.json"
        data_json.write_text(data.model_dump_json(), encoding="utf-8")
        rows: list[tuple[str, dict[str, float] | None, int, str]] = []
        for backend in BACKENDS:
            target = work / f"page-{backend}.html"
            timing, err = _timed([sys.executable, __file__, "--draw", backend, str(data_json), str(target)], args.repeat)
            split = json.loads(timing.stdout.strip().splitlines()[-1]) if timing is not None else None
            rows.append((backend, split, target.stat().st_size if timing is not None else 0, err))

        docs = data.totals["documents"]
        print(f"\nbench_report, {datetime.now(timezone.utc):%Y-%m-%d}: {docs:,} documents "
              f"({data.totals['document_rows']:,} rows, {data.totals['runs']} runs, {data.totals['rejects']:,} rejects), "
              f"{len(data.charts)} charts, {os.cpu_count()} cores, best of {args.repeat}\n")
        print(f"`docpipe report DIR --html FILE`, end to end in a fresh process: {cli.cpu:.2f} s CPU "
              f"({cli.wall:.2f} s wall), page {page.stat().st_size / 1024:,.0f} KiB")
        print(f"  of which reading the dataset and computing the figures (pyarrow): {figures_s:.2f} s CPU\n")
        print("| charts drawn by | page KiB | x docpipe | import s | draw s | import + draw s | x docpipe |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        base = rows[0]
        for backend, split, size, err in rows:
            if split is None or base[1] is None:
                print(f"| {LABELS[backend]} | — | — | — | — | not run: {err} | — |")
                continue
            total = split["import"] + split["draw"]
            base_total = max(base[1]["import"] + base[1]["draw"], 1e-3)
            print(f"| {LABELS[backend]} | {size / 1024:,.0f} | {size / base[2]:.1f} | {split['import']:.3f} | "
                  f"{split['draw']:.3f} | {total:.3f} | {total / base_total:,.0f} |")
        if args.keep:
            print(f"\nkept: {work}", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
