"""`docpipe serve` without a server: what it stores in the deployment and when it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from prefect.settings import PREFECT_API_URL, temporary_settings
from typer.testing import CliRunner

from docpipe.cli import app
from docpipe.config import Settings
from docpipe.errors import ConfigError
from flows.serve import deployment_parameters, serve_ingest


def test_parameters_pin_local_paths_and_keep_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    params = deployment_parameters(
        ["pages", "https://example.org/sitemap.xml", "s3://bucket/in/a.html"], Settings(out="outputs", batch_size=150)
    )
    assert params["sources"] == [str(tmp_path / "pages"), "https://example.org/sitemap.xml", "s3://bucket/in/a.html"]
    # JSON that the flow validates back into the same settings, with the output pinned.
    restored = Settings.model_validate(params["settings"])
    assert restored.out == str(tmp_path / "outputs") and restored.batch_size == 150
    assert deployment_parameters([], Settings(out="s3://bucket/ds"))["settings"]["out"] == "s3://bucket/ds"


def test_serve_refuses_without_a_prefect_server(tmp_path: Path) -> None:
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        with pytest.raises(ConfigError, match="PREFECT_API_URL"):
            serve_ingest(["pages"], Settings(out=str(tmp_path), schedule="0 2 * * *"))
        result = CliRunner().invoke(app, ["serve", str(tmp_path), "--cron", "0 2 * * *"])
    assert result.exit_code == 2
    assert "prefect server start" in result.output


def test_cron_and_interval_are_exclusive(tmp_path: Path) -> None:
    with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:9/api"}):
        with pytest.raises(ConfigError, match="not both"):
            serve_ingest(["pages"], Settings(out=str(tmp_path)), cron="0 2 * * *", interval=60)
