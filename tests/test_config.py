"""Settings: TOML < environment < command-line overrides, and clear errors for bad config."""

from __future__ import annotations

from pathlib import Path

import pytest

from docpipe.config import load_settings
from docpipe.errors import ConfigError


def test_defaults_need_no_file() -> None:
    settings = load_settings(environ={})
    assert settings.out == "outputs"
    assert settings.batch_size >= 100  # Prefect task overhead: batches, never single documents
    assert settings.fetch.respect_robots


def test_toml_then_env_then_overrides(tmp_path: Path) -> None:
    config = tmp_path / "docpipe.toml"
    config.write_text(
        'out = "data"\nbatch_size = 50\n[fetch]\ntimeout = 5\n'
        '[[sources]]\nkind = "urls"\nurls = ["http://127.0.0.1:1/a"]\n',
        encoding="utf-8",
    )
    settings = load_settings(config, environ={"DOCPIPE_BATCH_SIZE": "70", "DOCPIPE_FETCH__TIMEOUT": "7.5"})
    assert settings.out == "data"
    assert settings.batch_size == 70
    assert settings.fetch.timeout == 7.5
    assert settings.sources[0].urls == ("http://127.0.0.1:1/a",)
    assert load_settings(config, overrides={"out": "elsewhere"}, environ={}).out == "elsewhere"


def test_settings_are_frozen() -> None:
    settings = load_settings(environ={})
    with pytest.raises(Exception):
        settings.batch_size = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    "body,needle",
    [("batch_size = 0\n", "batch_size"), ("no_such_key = 1\n", "no_such_key"), ("out = [\n", "not valid TOML")],
)
def test_bad_config_names_file_and_field(tmp_path: Path, body: str, needle: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(config, environ={})
    assert needle in str(info.value)
    assert "bad.toml" in str(info.value)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml", environ={})


def test_other_docpipe_variables_do_not_break_settings() -> None:
    # DOCPIPE_S3_ENDPOINT belongs to the object store, not to Settings.
    settings = load_settings(environ={"DOCPIPE_S3_ENDPOINT": "http://127.0.0.1:9000", "DOCPIPE_BATCH_SIZE": "120"})
    assert settings.batch_size == 120


@pytest.mark.parametrize(
    "source,needle",
    [
        ('kind = "listing"\nlocation = "http://127.0.0.1:1/"\nlink_pattern = "(unclosed"\n', "link_pattern"),
        ('kind = "sitemap"\n', "needs `location`"),
        ('kind = "urls"\n', "non-empty `urls`"),
        ('kind = "urls"\nurls = ["http://127.0.0.1/a"]\ntimezone = "Mars/Olympus"\n', "unknown time zone"),
    ],
)
def test_unusable_sources_stop_at_load(tmp_path: Path, source: str, needle: str) -> None:
    config = tmp_path / "sources.toml"
    config.write_text("[[sources]]\n" + source, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(config, environ={})
    assert needle in str(info.value) and "sources.toml" in str(info.value)


def test_source_timezone_is_found_for_its_documents(tmp_path: Path) -> None:
    config = tmp_path / "sources.toml"
    config.write_text(
        '[[sources]]\nkind = "listing"\nlocation = "http://news.example.test/list"\ntimezone = "Asia/Taipei"\n'
        'allowed_domains = ["img.example.test"]\n'
        '[[sources]]\nkind = "urls"\nurls = ["http://other.example.test/a.html"]\ntimezone = "Asia/Hong_Kong"\n'
        '[[sources]]\nkind = "urls"\nurls = ["http://plain.example.test/a.html"]\n',
        encoding="utf-8",
    )
    settings = load_settings(config, environ={})
    assert settings.timezone_for("http://news.example.test/2024/1.html") == "Asia/Taipei"
    assert settings.timezone_for("http://a.img.example.test/x") == "Asia/Taipei"
    assert settings.timezone_for("http://other.example.test/a.html") == "Asia/Hong_Kong"
    assert settings.timezone_for("http://plain.example.test/a.html") is None
    assert settings.timezone_for("samples/x.html") is None


def test_a_misspelt_environment_variable_stops_the_load_and_names_itself() -> None:
    with pytest.raises(ConfigError, match=r"environment DOCPIPE_BATCH_SISE: names no setting; settings: .*DOCPIPE_BATCH_SIZE"):
        load_settings(environ={"DOCPIPE_BATCH_SISE": "10"})
    # variables of other parts of docpipe are not settings and are left alone
    settings = load_settings(environ={"DOCPIPE_S3_ENDPOINT": "http://127.0.0.1:9000", "DOCPIPE_CHROMIUM": "/bin/true"})
    assert settings == load_settings(environ={})


def test_unreadable_config_is_one_message_not_a_traceback(tmp_path: Path) -> None:
    # `--config conf/` (the folder), a config saved in GBK, a binary named by mistake: each was
    # an IsADirectoryError / UnicodeDecodeError traceback out of `docpipe run --config`.
    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes('out = "输出"\n'.encode("gbk"))
    binary = Path(__file__).parent.parent / "samples" / "broken.html"  # samples/SOURCE.md: binary bytes
    for path, needle in ((tmp_path, "is a directory"), (gbk, "not UTF-8"), (binary, "not UTF-8")):
        with pytest.raises(ConfigError, match=needle) as info:
            load_settings(path, environ={})
        assert str(path) in str(info.value)
