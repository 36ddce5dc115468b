"""The documents table's publication columns, from a real page through clean and structure:
published_at is a true UTC instant, published_tz says which zone the page's time was read in.

Page: tests/fixtures/eval_subset/cwced_zh/pages/9890f458… (Chinese-Web-Content-Extraction-
Dataset, MIT, see that folder's SOURCE.md): a 云南日报 story, lang zh-CN, dateline
"2022-02-13 04:22:18" with no zone.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from docpipe.config import Settings, SourceConfig
from docpipe.export.tables import documents_table
from docpipe.models import FetchedDocument, StructuredDocument
from docpipe.pipeline import transform

PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "eval_subset" / "cwced_zh" / "pages" / "9890f458-7af7-4e96-a507-6eb1b359d675.html"
URL = "http://yn.example.test/news/9890f458.html"


def _structured(settings: Settings) -> StructuredDocument:
    html = PAGE.read_text(encoding="utf-8")
    fetched = FetchedDocument(source=URL, url=URL, content_type="text/html", encoding="utf-8", content=html.encode(), text=html)
    doc = transform(fetched, settings)
    assert isinstance(doc, StructuredDocument), doc
    return doc


def test_zone_less_chinese_time_is_beijing_and_stored_in_utc() -> None:
    doc = _structured(Settings())
    # `docpipe extract` shows the local time with its offset
    assert (doc.published_at, doc.published_tz) == ("2022-02-13T04:22:18+08:00", "Asia/Shanghai")
    row = documents_table([doc], "run-1", datetime(2026, 12, 1, tzinfo=timezone.utc)).to_pylist()[0]
    assert row["published_at"] == datetime(2022, 2, 12, 20, 22, 18, tzinfo=timezone.utc)
    assert row["published_tz"] == "Asia/Shanghai"
    assert row["published_at_raw"] == "2022-02-13T04:22:18+08:00"


def test_the_sources_configured_zone_wins() -> None:
    settings = Settings(sources=(SourceConfig(kind="urls", urls=(URL,), timezone="Asia/Tokyo"),))
    doc = _structured(settings)
    assert (doc.published_at, doc.published_tz) == ("2022-02-13T04:22:18+09:00", "Asia/Tokyo")
    row = documents_table([doc], "run-1", datetime(2026, 12, 1, tzinfo=timezone.utc)).to_pylist()[0]
    assert row["published_at"] == datetime(2022, 2, 12, 19, 22, 18, tzinfo=timezone.utc)

