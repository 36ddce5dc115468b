"""benchmarks/bench_pipeline.py's per-stage table: its hooks find the stage functions, the
stages add up, and timing a pass changes neither the output nor the package afterwards.
(No wall-clock time is asserted: speed is the benchmark's business, not the suite's.)"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from docpipe.cli import document_json
from docpipe.config import load_settings
from docpipe.pipeline import extract_source

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture(scope="module")
def bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_pipeline", REPO / "benchmarks" / "bench_pipeline.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_pipeline"] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("bench_pipeline", None)


def _pages(n: int) -> list[str]:
    pages = sorted((FIXTURES / "eval_subset" / "cwced_zh" / "pages").glob("*.html"))[:n]
    pages += sorted((FIXTURES / "eval_subset" / "scrapinghub_aeb" / "pages").glob("*.html"))[:n]
    return [str(p) for p in pages]


def _text_files(tmp_path: Path, n: int) -> list[str]:
    rows = (FIXTURES / "structure_real_extra" / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    paths = []
    for line in rows[:n]:
        row = json.loads(line)
        path = tmp_path / f"{row['id']}.txt"
        path.write_text(row["raw_text"], encoding="utf-8")
        paths.append(str(path))
    return paths


def test_the_stage_table_covers_each_stage_and_adds_up(bench, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    html = bench.BenchSet("html", _pages(2), 0.0)
    text = bench.BenchSet("text", _text_files(tmp_path, 2), 0.0)
    rows = bench.run_stages([html, text])
    assert [name for name, _ in rows] == ["html", "text"]
    (_, html_row), (_, text_row) = rows
    for row in (html_row, text_row):
        assert set(bench.STAGE_COLUMNS) <= set(row)
        # every column is a part of the loop's time: none negative, together the total
        assert all(row[c] >= -1e-6 for c in bench.STAGE_COLUMNS), row
        assert abs(sum(row[c] for c in bench.STAGE_COLUMNS) - row["total"]) < 1e-6, row
        assert row["decode"] > 0 and row["structure"] > 0 and row["serialise"] > 0, row
    # HTML pages go through the libxml2 parse and the metadata passes; .txt files do not
    assert html_row["parse"] > 0 and html_row["metadata"] > 0, html_row
    assert text_row["parse"] == 0 and text_row["metadata"] == 0, text_row


def test_a_combined_set_gets_a_row_per_part_and_one_for_the_whole(bench) -> None:  # type: ignore[no-untyped-def]
    zh, en = _pages(1)
    combined = bench.BenchSet("both", [zh, en], 0.0, {"zh": [zh], "en": [en]})
    rows = dict(bench.run_stages([combined]))
    assert list(rows) == ["both: zh", "both: en", "both"]
    # the whole row is the two documents' mean
    for column in (*bench.STAGE_COLUMNS, "total"):
        assert abs(rows["both"][column] - (rows["both: zh"][column] + rows["both: en"][column]) / 2) < 1e-6


def test_timing_a_pass_changes_no_output_and_leaves_no_wrapper(bench) -> None:  # type: ignore[no-untyped-def]
    import docpipe.pipeline as pipeline

    settings = load_settings(None, overrides={})
    page = _pages(1)[0]
    plain = document_json(extract_source(page, settings))
    original = pipeline.structure_document
    restore = bench.install_hooks(bench.StageTimer())
    try:
        assert pipeline.structure_document is not original  # the pass really is instrumented
        hooked = document_json(extract_source(page, settings))
    finally:
        restore()
    assert hooked == plain
    assert pipeline.structure_document is original
