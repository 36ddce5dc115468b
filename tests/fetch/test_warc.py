"""WARC sources: a small WARC.gz written by warcio in the test, discovered and fetched through
the same discover/fetch_batch path as web pages, then unchanged on a second run."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from conftest import make_settings
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from docpipe.config import Settings
from docpipe.fetch import FetchState, discover, fetch_batch
from docpipe.fetch.warc import parse_warc_source
from docpipe.models import FetchedDocument, Rejection, Unchanged

PAGE = "<html><head><meta charset='gbk'><title>通知</title></head><body><p>各单位：现将有关事项通知如下。</p></body></html>"


def _write_warc(path: Path) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)

        def response(uri: str, status: str, content_type: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=headers)
            )

        writer.write_record(writer.create_warc_record("http://a.example/", "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        response("http://a.example/notice", "200 OK", "text/html", PAGE.encode("gbk"))
        response("http://a.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100))
        response("http://a.example/gone", "404 Not Found", "text/html", b"<html>gone</html>")
        writer.write_record(
            writer.create_warc_record(
                "http://a.example/readme.txt", "resource", payload=BytesIO("纯文本记录".encode()),
                warc_content_type="text/plain",
            )
        )


@pytest.fixture()
def warc_file(tmp_path: Path) -> Path:
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path)
    return path


def test_warc_records_go_through_the_same_pipeline(warc_file: Path, tmp_path: Path) -> None:
    settings = make_settings(str(tmp_path / "out")).model_copy(
        update={"sources": Settings.model_validate({"sources": [{"kind": "warc", "location": str(warc_file)}]}).sources}
    )
    sources, rejects = discover(settings, [str(warc_file)])  # CLI and config name the same file
    assert rejects == []
    assert len(sources) == 3 and all(s.startswith(f"warc:{warc_file}#") for s in sources)
    offsets = [parse_warc_source(s)[1] for s in sources]
    assert offsets == sorted(offsets) and offsets[0] > 0  # the request record is skipped

    with FetchState.open(settings.out) as state:
        notice, gone, readme = fetch_batch(sources, settings, state)
        assert isinstance(notice, FetchedDocument)
        assert notice.url == "http://a.example/notice" and notice.status == 200
        assert notice.encoding == "gb18030" and "通知如下" in notice.text
        assert isinstance(gone, Rejection) and gone.reason == "http_404"
        assert isinstance(readme, FetchedDocument) and readme.content_type == "text/plain" and readme.text == "纯文本记录"
        state.record_many([notice, readme])
        again = fetch_batch(sources, settings, state)
    assert [type(r) for r in again] == [Unchanged, Rejection, Unchanged]


def test_broken_warc_inputs(tmp_path: Path) -> None:
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"\x00\x01\x02garbage" * 20)
    _, rejects = discover(make_settings(), [str(bad), str(tmp_path / "missing.warc.gz")])
    assert sorted(r.reason for r in rejects) == ["bad_warc", "not_found"]
    [result] = fetch_batch([f"warc:{tmp_path / 'missing.warc.gz'}#0"], make_settings(), None)
    assert isinstance(result, Rejection) and result.reason == "not_found"


def test_extract_expands_a_warc_file_into_its_records(warc_file: Path) -> None:
    from docpipe.fetch import expand_inputs, fetch_source

    sources, rejects = expand_inputs([str(warc_file)])
    assert rejects == [] and len(sources) == 3
    doc = fetch_source(sources[0], make_settings())
    assert isinstance(doc, FetchedDocument) and doc.url == "http://a.example/notice"
