"""The clean stage's thresholds: one frozen, documented, validated settings object that reaches
clean_document from the TOML config."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from docpipe.clean import clean_document
from docpipe.clean.html import CleanSettings, clean_html
from docpipe.config import Settings, load_settings
from docpipe.errors import ConfigError
from docpipe.models import CleanDocument, FetchedDocument

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# A sohu article (cwced_zh) ending in an editor credit whose text is mostly a link.
SOHU = FIXTURES / "eval_subset/cwced_zh/pages/d8d4c4ec-dc2a-420f-a9f8-5e8ee597b965.html"
CREDIT = "【编辑:刘欢】 返回搜狐，查看更多"


def _fetched(path: Path) -> FetchedDocument:
    raw = path.read_bytes()
    return FetchedDocument(source=str(path), content_type="text/html", encoding="utf-8", content=raw, text=raw.decode("utf-8"))


def test_every_threshold_says_the_case_behind_it() -> None:
    for name, field in CleanSettings.model_fields.items():
        assert field.description and len(field.description) > 30, name


def test_settings_are_frozen_and_validated() -> None:
    settings = CleanSettings()
    with pytest.raises(ValidationError):
        settings.punct_weight = 3  # type: ignore[misc]
    with pytest.raises(ValidationError):
        CleanSettings(max_block_link_density=1.5)
    with pytest.raises(ValidationError):
        CleanSettings(no_such_threshold=1)  # type: ignore[call-arg]


def test_a_threshold_changes_the_output() -> None:
    html = SOHU.read_text(encoding="utf-8")
    default = [b.text for b in clean_html(html)[0]]
    assert CREDIT not in default
    loose = [b.text for b in clean_html(html, settings=CleanSettings(max_block_link_density=1.0))[0]]
    assert CREDIT in loose
    assert set(default) <= set(loose)


def test_clean_table_in_the_config_reaches_clean_document(tmp_path: Path) -> None:
    config = tmp_path / "docpipe.toml"
    config.write_text("[clean]\nmax_block_link_density = 1.0\n", encoding="utf-8")
    swept = clean_document(_fetched(SOHU), load_settings(config))
    default = clean_document(_fetched(SOHU), Settings())
    assert isinstance(swept, CleanDocument) and isinstance(default, CleanDocument)
    assert CREDIT in [b.text for b in swept.blocks]
    assert CREDIT not in [b.text for b in default.blocks]


def test_bad_clean_table_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "docpipe.toml"
    config.write_text("[clean]\nmax_block_link_density = 2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="max_block_link_density"):
        load_settings(config)
