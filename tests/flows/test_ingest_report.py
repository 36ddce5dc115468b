"""The run report: a markdown artifact in Prefect (read back through the API) and the same
numbers printed by `docpipe run`."""

from __future__ import annotations

import re
import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from typer.testing import CliRunner

from docpipe.cli import app
from docpipe.config import Settings
from flows.ingest import ingest

pytestmark = pytest.mark.slow

ARTIFACT_KEY = "docpipe-run-report"


def read_artifacts(key: str) -> list[Any]:
    """Every artifact stored under `key`, read back from the Prefect API."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        return client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])))


def report_artifacts(run_id: str) -> list[str]:
    """Markdown of the run-report artifacts that name `run_id`, read from the Prefect API."""
    artifacts = read_artifacts(ARTIFACT_KEY)
    return [a.data for a in artifacts if a.type == "markdown" and isinstance(a.data, str) and run_id in a.data]


def cell(markdown: str, label: str) -> str:
    match = re.search(rf"^\| {re.escape(label)} \| ([^|]+) \|$", markdown, re.MULTILINE)
    assert match, f"no row {label!r} in:\n{markdown}"
    return match.group(1).strip()


def test_markdown_artifact_reports_counts_reasons_throughput_and_slowest(
    prefect_api: None, corpus: Path, tmp_path: Path
) -> None:
    report = ingest([str(corpus)], Settings(out=str(tmp_path / "out"), batch_size=3))
    (markdown,) = report_artifacts(report.record.run_id)

    inputs = sorted(p.name for p in corpus.iterdir() if p.suffix in {".html", ".txt"})
    assert cell(markdown, "discovered") == str(len(inputs)) == str(report.discovered)
    assert cell(markdown, "documents written") == str(report.documents)
    assert int(cell(markdown, "blocks written")) == report.record.blocks > 0
    # Rejects by stage and by reason: the samples hold one binary file.
    assert cell(markdown, "rejected") == "1"
    assert cell(markdown, "fetch") == "1"
    assert cell(markdown, "binary_content") == "1"
    # Throughput of the whole run and time per stage.
    assert re.search(r"\d+\.\d inputs/s", markdown)
    for stage in ("clean", "structure", "export"):
        assert cell(markdown, stage) == f"{report.record.seconds_by_stage[stage]:.2f}"
    assert float(cell(markdown, "clean")) > 0  # cleaning real pages takes measurable time
    # The slowest inputs are named, with their seconds.
    slow = re.findall(r"^\| (\S+) \| (\d+\.\d{3}) \|$", markdown, re.MULTILINE)
    assert slow and all(Path(src).name in inputs for src, _ in slow)
    # Fetch outcomes and retries (local files: no request was made).
    assert cell(markdown, "local") == str(len(inputs) - 1) and cell(markdown, "refused") == "1"
    assert cell(markdown, "HTTP retries") == "0"


def test_artifacts_link_the_html_report_and_table_rejects_by_reason(
    prefect_api: None, corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    report = ingest([str(corpus)], Settings(out=str(out), batch_size=3))
    run_id = report.record.run_id
    (markdown,) = report_artifacts(run_id)
    # The HTML report is written next to the dataset and linked from the markdown artifact.
    html = out / "_reports" / f"{run_id}.html"
    assert report.html_report == str(html) and html.is_file()
    assert (out / "_reports" / "latest.html").read_text(encoding="utf-8") == html.read_text(encoding="utf-8")
    link = re.search(r"HTML report with charts: \[([^\]]+)\]\((file://[^)]+)\)", markdown)
    assert link, markdown
    assert link.group(1) == str(html) and Path(unquote(urlsplit(link.group(2)).path)) == html
    assert f'data-run-total="rejected" data-value="{report.rejected}"' in html.read_text(encoding="utf-8")
    (links,) = [a for a in read_artifacts("docpipe-run-html-report") if run_id in (a.description or "") or run_id in str(a.data)]
    assert link.group(2) in str(links.data)
    # The rejects table artifact: one row per reason, read back as the table Prefect stored.
    tables = [a for a in read_artifacts("docpipe-run-rejects") if a.description == f"rejects of run {run_id} by reason"]
    (table,) = tables
    rows = json.loads(table.data) if isinstance(table.data, str) else table.data
    assert rows == [{"reason": "binary_content", "count": 1, "share": "100.0%"}]


def test_docpipe_run_prints_the_same_summary(prefect_api: None, corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(tmp_path / "out"), "--batch-size", "4"])
    assert result.exit_code == 0, result.output
    printed = result.stdout
    run_id = re.search(r"docpipe run (\S+) —", printed)
    assert run_id, printed
    (markdown,) = report_artifacts(run_id.group(1))
    for label in ("discovered", "documents written", "unchanged", "rejected", "blocks written"):
        value = cell(markdown, label)
        assert re.search(rf"│ {re.escape(label)}\s+│\s+{value} │", printed), (label, value, printed)
    assert re.search(r"rejected: binary_content\s+│\s+1 │", printed), printed
