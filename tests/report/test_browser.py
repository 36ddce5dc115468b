"""What a person sees: the report opened in a real headless Chromium (started by the test).

The page must load without console errors, every chart must be painted (an <svg> of non-zero
size whose bars have non-zero size), the totals shown must equal DuckDB counts over the same
Parquet files, and the screenshot must show the charts' colours. Skips only where no Chromium
binary exists (a user's clone on a machine without it); .ci/run installs Debian's chromium.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from docpipe.report.page import write_report
from tests.report.chromium import chromium, find_chromium
from tests.report.conftest import duckdb_connection

pytestmark = pytest.mark.slow

# Everything the test reads from the rendered page, measured by the browser's layout engine.
PAGE_FACTS = """(() => {
  const figs = [...document.querySelectorAll('figure[data-chart]')].map(f => {
    const svgs = f.querySelectorAll('svg');
    const box = svgs.length ? svgs[0].getBoundingClientRect() : {width: 0, height: 0};
    const bars = [...f.querySelectorAll('rect.bar')];
    return {key: f.dataset.chart, total: Number(f.dataset.total), svgs: svgs.length, width: box.width,
            height: box.height, bars: bars.length, empty: !!f.querySelector('.empty'),
            painted: bars.filter(b => { const r = b.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length,
            sum: bars.reduce((a, b) => a + Number(b.dataset.value), 0)};
  });
  const shown = sel => Object.fromEntries([...document.querySelectorAll(sel)].map(e =>
    [e.dataset.total || e.dataset.runTotal, {value: Number(e.dataset.value), text: e.innerText}]));
  return {figs, totals: shown('dd[data-total]'), run: shown('dd[data-run-total]'), title: document.title};
})()"""

CHART_BLUE = (0x4E, 0x79, 0xA7)  # the first colour of docpipe.report.svg.PALETTE


@pytest.fixture(scope="module")
def browser_binary() -> str:
    binary = find_chromium()
    if binary is None:
        pytest.skip("no Chromium binary (Debian: apt-get install chromium fonts-noto-cjk; or set DOCPIPE_CHROMIUM)")
    return binary


def test_report_renders_in_chromium_with_duckdb_totals(browser_binary: str, report_dataset: str, tmp_path: Path) -> None:
    from PIL import Image

    html = Path(write_report(report_dataset, html=str(tmp_path / "report.html")))
    with chromium(browser_binary, tmp_path / "profile") as page:
        page.open(html.as_uri())
        facts = page.evaluate(PAGE_FACTS)
        errors = page.console_errors()
        png = page.screenshot()

    assert errors == []
    assert facts["title"] == "docpipe report — run3"
    figs = {f["key"]: f for f in facts["figs"]}
    drawn = [f for f in figs.values() if not f["empty"]]
    assert len(drawn) >= 10, figs
    for f in drawn:  # every chart painted: one svg with a real size, every bar with a real size
        assert f["svgs"] == 1 and f["width"] > 300 and f["height"] > 50, f
        assert f["bars"] > 0 and f["painted"] == f["bars"], f
        assert f["sum"] == pytest.approx(f["total"]), f

    con = duckdb_connection(report_dataset)
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    expected = {
        "documents": one("SELECT count(*) FROM latest"),
        "document_rows": one("SELECT count(*) FROM docs"),
        "rejects": one("SELECT count(*) FROM rejects"),
        "runs": one("SELECT count(*) FROM runs"),
        "sites": one("SELECT count(DISTINCT site_name) FROM latest"),
    }
    assert {k: v["value"] for k, v in facts["totals"].items()} == expected
    assert {k: v["text"] for k, v in facts["totals"].items()} == {k: f"{v:,}" for k, v in expected.items()}
    run = con.execute("SELECT discovered, documents, unchanged, rejected, retries FROM runs WHERE run_id = 'run3'").fetchone()
    assert tuple(facts["run"][k]["value"] for k in ("discovered", "documents", "unchanged", "rejected", "retries")) == run
    assert figs["ingest_day_by_site"]["sum"] == expected["document_rows"]
    assert figs["language"]["sum"] == expected["documents"]
    assert figs["rejects"]["sum"] == expected["rejects"]
    assert figs["changes"]["sum"] == expected["document_rows"] + one("SELECT sum(unchanged) FROM runs")

    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.width >= 1000 and image.height > 2000  # the whole page, not just the viewport
    colours = dict((c, n) for n, c in image.getcolors(maxcolors=1 << 20))
    assert len(colours) > 50  # text, bars, grid: not a blank page
    assert colours.get(CHART_BLUE, 0) > 2000  # the bars are painted, not only outlined
