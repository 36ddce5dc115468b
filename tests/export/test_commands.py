"""`docpipe compact` and `docpipe inspect` through the real typer app."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from docpipe.cli import app
from docpipe.export import DatasetWriter
from tests.export.builders import make_doc, make_record, make_reject


def _dataset(out: str) -> None:
    for run_id, variant in (("run-a", ""), ("run-b", "v2")):
        w = DatasetWriter(out, run_id)
        w.write_batch(0, [make_doc(i, variant=variant if i == 0 else "") for i in range(4)], [make_reject(1)])
        w.finish(make_record(run_id))


def test_compact_command_writes_the_latest_snapshot(out):
    _dataset(out)
    result = CliRunner().invoke(app, ["compact", out])
    assert result.exit_code == 0, result.output
    assert "older versions left out" in result.output
    assert (Path(out) / "latest" / "documents.parquet").exists()


def test_inspect_command_prints_the_tables(out):
    _dataset(out)
    result = CliRunner().invoke(app, ["inspect", out], env={"COLUMNS": "140"})
    assert result.exit_code == 0, result.output
    for needle in ("by site", "三味园范文网", "by ingest date", "binary_content", "run-b"):
        assert needle in result.output


def test_commands_refuse_an_unsafe_location():
    for command in ("compact", "inspect"):
        result = CliRunner().invoke(app, [command, "s3://bucket/../etc"])
        assert result.exit_code == 1
        assert "unsafe_path" in result.output
