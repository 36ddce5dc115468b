"""Local inputs: a gzipped saved page (x.html.gz) is read as the HTML page it holds."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docpipe.cli import app
from docpipe.errors import TerminalError
from docpipe.fetch.files import expand_local, read_file
from tests.conftest import FIXTURES

# A real article page as WCXB ships it (tests/fixtures/wcxb/SOURCE.md).
PAGE_GZ = FIXTURES / "wcxb" / "pages" / "0437.html.gz"
BODY = "As a developer, a version control system is a critical part of your toolkit"

runner = CliRunner()


def test_gzipped_page_is_read_as_html() -> None:
    doc = read_file(str(PAGE_GZ), max_bytes=10_000_000)
    assert doc.content_type == "text/html"
    assert doc.text == gzip.decompress(PAGE_GZ.read_bytes()).decode("utf-8")


def test_directory_lists_gzipped_pages_but_not_other_archives(tmp_path: Path) -> None:
    shutil.copy(PAGE_GZ, tmp_path / "a.html.gz")
    (tmp_path / "data.json.gz").write_bytes(gzip.compress(b"{}"))
    assert expand_local(str(tmp_path)) == [str(tmp_path / "a.html.gz")]
    assert expand_local(str(tmp_path / "*.gz")) == [str(tmp_path / "a.html.gz")]


def test_docpipe_extract_reads_a_gzipped_page(tmp_path: Path) -> None:
    shutil.copy(PAGE_GZ, tmp_path / "page.html.gz")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (doc,) = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert doc["error"] is None
    assert BODY in doc["text"]
    assert "Buy Me a Coffee" not in doc["text"]  # the page's chrome (WCXB's without[])


def test_gzip_bomb_and_fake_gzip_are_rejected(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(bytes(5_000_000)))
    with pytest.raises(TerminalError) as info:
        read_file(str(bomb), max_bytes=1_000_000)
    assert info.value.reason == "too_large"
    fake = tmp_path / "fake.html.gz"
    fake.write_bytes(gzip.decompress(PAGE_GZ.read_bytes()))
    with pytest.raises(TerminalError) as info:
        read_file(str(fake), max_bytes=10_000_000)
    assert info.value.reason == "decode_error"


@pytest.mark.parametrize("content,said", [(b"", "file is empty (0 bytes)"), (b" \n\t\n", "only whitespace (4 bytes)")])
def test_an_empty_file_is_rejected_at_fetch_as_empty(tmp_path: Path, content: bytes, said: str) -> None:
    page = tmp_path / "saved.html"
    page.write_bytes(content)
    with pytest.raises(TerminalError) as info:
        read_file(str(page), max_bytes=1_000_000)
    assert (info.value.stage.value, info.value.reason) == ("fetch", "empty_file")
    assert said in str(info.value)


def test_a_truncated_gzipped_page_is_rejected_not_stored_cut(tmp_path: Path) -> None:
    # A saved x.html.gz whose copy stopped part-way (the real page's first 70 %): it was read
    # as the page's first part and stored as the document, or rejected as clean/empty_body.
    data = PAGE_GZ.read_bytes()
    cut = tmp_path / "cut.html.gz"
    cut.write_bytes(data[: len(data) * 7 // 10])
    result = runner.invoke(app, ["extract", str(cut)])
    assert result.exit_code == 1
    (doc,) = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert (doc["error"]["stage"], doc["error"]["reason"]) == ("fetch", "decode_error")
    assert "truncated gzip" in doc["error"]["message"]
