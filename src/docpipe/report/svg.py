"""Charts of the report as static inline SVG: bars, stacked by series, vertical or horizontal.

Static SVG, drawn here, rather than a charting library: chosen by measurement on the same
figures of a 100,000-document dataset (benchmarks/bench_report.py; the README has the table):
a 140 KiB page in 0.004 s CPU of drawing, against 225 KiB / 1.8 s for matplotlib's SVG,
4,812 KiB / 0.26 s for plotly with its JS inlined and 937 KiB / 2.6 s for altair with Vega
inlined (2026-12-01). Static SVG needs no script at all, so the page works offline, opened from a Prefect
artifact link or a mail attachment, and cannot fail with a console error. Each bar carries its
numbers as data-* attributes (and a <title> tooltip), which the page's tests read back.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from html import escape

from docpipe.report.figures import OTHER, Chart

# Tableau 10: categorical colours chosen to stay distinguishable, also in greyscale print.
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f")
OTHER_COLOUR = "#bab0ac"

WIDTH = 640  # two charts side by side in a 1400 px window
PLOT_HEIGHT = 220
MARGIN_LEFT = 56  # room for y tick labels such as "12,000"
MARGIN_TOP = 12
MARGIN_RIGHT = 12
X_LABEL_ROOM = 64  # rotated x labels ("2026-11-30", "11-30 02:00")
MAX_X_LABELS = 16  # more categories than this: label every k-th bar only
ROW_HEIGHT = 22  # horizontal bars
LABEL_WIDTH = 220  # horizontal bars: room for the category names
LABEL_CHARS = 30  # category names longer than this are cut (the full name is in the tooltip)
FONT = "font-family:system-ui,'Noto Sans CJK SC','Noto Sans',sans-serif;font-size:11px"


def colours(chart: Chart) -> dict[str, str]:
    out: dict[str, str] = {}
    i = 0
    for s in chart.series:
        if s.name == OTHER:
            out[s.name] = OTHER_COLOUR
        else:
            out[s.name] = PALETTE[i % len(PALETTE)]
            i += 1
    return out


def nice_ticks(top: float, count: int = 5, *, whole: bool = False) -> list[float]:
    """Round tick values 0 … ≥ top (steps of 1, 2 or 5 × 10^k); `whole`: no fractional steps
    (a count of documents has no 0.2)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    if whole:
        step = max(step, 1.0)
    return [i * step for i in range(int(math.ceil(top / step - 1e-9)) + 1)]


def _whole(chart: Chart) -> bool:
    return all(v == int(v) for s in chart.series for v in s.values)


def fmt(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _bar(x: float, y: float, w: float, h: float, fill: str, series: str, category: str, label: str, value: float, unit: str) -> str:
    tip = f"{label} · {series}: {fmt(value)} {unit}"
    return (
        f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{max(w, 0.5):.1f}" height="{max(h, 0.5):.1f}" fill="{fill}" '
        f'data-series="{escape(series)}" data-category="{escape(category)}" data-value="{value:g}">'
        f"<title>{escape(tip)}</title></rect>"
    )


def _svg(width: float, height: float, chart: Chart, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{escape(chart.title)}" style="{FONT}">'
        + "".join(body)
        + "</svg>"
    )


def _scale(chart: Chart) -> tuple[int, dict[str, str], list[float], list[float]]:
    """(categories, colour per series, stacked total per category, value-axis ticks)."""
    n = len(chart.categories)
    totals = [sum(s.values[i] for s in chart.series) for i in range(n)]
    return n, colours(chart), totals, nice_ticks(max(totals, default=0), whole=_whole(chart))


def _stack(chart: Chart, i: int, per_unit: float) -> Iterator[tuple[float, float, str, float]]:
    """The segments of category `i`'s stacked bar, from the axis outwards: (offset, length,
    series name, value), lengths `per_unit` per unit of value. Series with nothing there
    (zero or below) draw no segment."""
    offset = 0.0
    for s in chart.series:
        v = s.values[i]
        if v <= 0:
            continue
        length = per_unit * v
        yield offset, length, s.name, v
        offset += length


def vertical(chart: Chart) -> str:
    n, fill, totals, ticks = _scale(chart)
    top = ticks[-1]
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    height = MARGIN_TOP + PLOT_HEIGHT + X_LABEL_ROOM
    base = MARGIN_TOP + PLOT_HEIGHT
    body: list[str] = []
    for t in ticks:
        y = base - PLOT_HEIGHT * t / top
        body.append(f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e5e5"/>')
        body.append(f'<text x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{fmt(t)}</text>')
    slot = plot_w / max(n, 1)
    bar_w = max(1.0, min(48.0, slot * 0.8))
    every = max(1, math.ceil(n / MAX_X_LABELS))
    for i, (category, label) in enumerate(zip(chart.categories, chart.labels)):
        x = MARGIN_LEFT + slot * i + (slot - bar_w) / 2
        for start, h, name, v in _stack(chart, i, PLOT_HEIGHT / top):
            body.append(_bar(x, base - start - h, bar_w, h, fill[name], name, category, label, v, chart.unit))
        if i % every == 0:
            cx = x + bar_w / 2
            body.append(
                f'<text x="{cx:.1f}" y="{base + 12}" text-anchor="end" fill="#333" '
                f'transform="rotate(-35 {cx:.1f} {base + 12})">{escape(_short(label))}</text>'
            )
    body.append(f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{base}" y2="{base}" stroke="#888"/>')
    return _svg(WIDTH, height, chart, body)


def horizontal(chart: Chart) -> str:
    n, fill, totals, ticks = _scale(chart)
    top = ticks[-1]
    plot_w = WIDTH - LABEL_WIDTH - MARGIN_RIGHT - 40  # 40: room for the total after each bar
    height = MARGIN_TOP + ROW_HEIGHT * n + 24
    body: list[str] = []
    axis_y = MARGIN_TOP + ROW_HEIGHT * n
    for t in ticks:
        x = LABEL_WIDTH + plot_w * t / top
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{MARGIN_TOP}" y2="{axis_y}" stroke="#e5e5e5"/>')
        body.append(f'<text x="{x:.1f}" y="{axis_y + 14}" text-anchor="middle" fill="#555">{fmt(t)}</text>')
    for i, (category, label) in enumerate(zip(chart.categories, chart.labels)):
        y = MARGIN_TOP + ROW_HEIGHT * i + 3
        h = ROW_HEIGHT - 6
        body.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + h - 4}" text-anchor="end" fill="#333">'
            f"<title>{escape(label)}</title>{escape(_short(label))}</text>"
        )
        end = 0.0
        for start, w, name, v in _stack(chart, i, plot_w / top):
            body.append(_bar(LABEL_WIDTH + start, y, w, h, fill[name], name, category, label, v, chart.unit))
            end = start + w
        body.append(f'<text x="{LABEL_WIDTH + end + 4:.1f}" y="{y + h - 4}" fill="#333">{fmt(totals[i])}</text>')
    body.append(f'<line x1="{LABEL_WIDTH}" x2="{LABEL_WIDTH}" y1="{MARGIN_TOP}" y2="{axis_y}" stroke="#888"/>')
    return _svg(WIDTH, height, chart, body)


def render(chart: Chart) -> str:
    """The chart as one <svg> element."""
    return horizontal(chart) if chart.horizontal else vertical(chart)
