"""The clean stage's thresholds: one frozen, documented, validated settings object that reaches
clean_document from the TOML config."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from pydantic import ValidationError

from docpipe.clean import clean_document
from docpipe.clean.html import CleanSettings, clean_html
from docpipe.config import Settings, load_settings
from docpipe.errors import ConfigError
from docpipe.models import CleanDocument, FetchedDocument

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# A sohu article (cwced_zh) ending in an editor credit whose text is mostly a link: a chrome
# line whatever the link-density threshold.
SOHU = FIXTURES / "eval_subset/cwced_zh/pages/d8d4c4ec-dc2a-420f-a9f8-5e8ee597b965.html"
CREDIT = "【编辑:刘欢】 返回搜狐，查看更多"
# A health article (wcxb_dev tuning 0348) whose references link their journals: 0.5–0.7 of each
# entry is link text, kept by the default max_block_link_density (0.7), not at 0.5.
NIH = FIXTURES / "wcxb/pages/0348.html.gz"
REFERENCE = "Anheyer D, Leach MJ, Klose P, et al."


def _fetched(path: Path) -> FetchedDocument:
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    return FetchedDocument(source=str(path), content_type="text/html", encoding="utf-8", content=raw, text=raw.decode("utf-8"))


def _has(blocks: object, needle: str) -> bool:
    return any(needle in b.text for b in blocks)  # type: ignore[attr-defined]


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
    html = _fetched(NIH).text
    default = [b.text for b in clean_html(html)[0]]
    assert _has(clean_html(html)[0], REFERENCE)
    strict = [b.text for b in clean_html(html, settings=CleanSettings(max_block_link_density=0.5))[0]]
    assert not any(REFERENCE in t for t in strict)
    assert set(strict) <= set(default)


def test_an_editor_credit_is_chrome_at_any_link_density() -> None:
    html = SOHU.read_text(encoding="utf-8")
    for density in (0.5, 0.7, 1.0):
        assert CREDIT not in [b.text for b in clean_html(html, settings=CleanSettings(max_block_link_density=density))[0]]


def test_clean_table_in_the_config_reaches_clean_document(tmp_path: Path) -> None:
    config = tmp_path / "docpipe.toml"
    config.write_text("[clean]\nmax_block_link_density = 0.5\n", encoding="utf-8")
    swept = clean_document(_fetched(NIH), load_settings(config))
    default = clean_document(_fetched(NIH), Settings())
    assert isinstance(swept, CleanDocument) and isinstance(default, CleanDocument)
    assert not _has(swept.blocks, REFERENCE)
    assert _has(default.blocks, REFERENCE)


def test_bad_clean_table_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "docpipe.toml"
    config.write_text("[clean]\nmax_block_link_density = 2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="max_block_link_density"):
        load_settings(config)
