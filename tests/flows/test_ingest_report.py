"""The run report: a markdown artifact in Prefect (read back through the API) and the same
numbers printed by `docpipe run`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docpipe.cli import app
from docpipe.config import Settings
from flows.ingest import ingest

pytestmark = pytest.mark.slow

ARTIFACT_KEY = "docpipe-run-report"


def report_artifacts(run_id: str) -> list[str]:
    """Markdown of the run-report artifacts that name `run_id`, read from the Prefect API."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[ARTIFACT_KEY])))
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
