"""The stage chain without Prefect: batching, per-input isolation of failures, timings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

import docpipe.pipeline as pipeline
from docpipe.config import Settings
from docpipe.models import FetchedDocument, Rejection, Stage, StructuredDocument
from tests.conftest import SAMPLES


def test_chunked_streams_without_materialising() -> None:
    pulled: list[int] = []

    def numbers() -> Iterator[int]:
        for i in range(7):
            pulled.append(i)
            yield i

    batches = pipeline.chunked(numbers(), 3)
    assert next(batches) == [0, 1, 2]
    assert pulled == [0, 1, 2]  # nothing beyond the first batch was read yet
    assert list(batches) == [[3, 4, 5], [6]]


def test_extract_source_runs_every_stage() -> None:
    result = pipeline.extract_source(str(SAMPLES / "speech_sanweiyuan_43077.txt"), Settings())
    assert isinstance(result, StructuredDocument)
    assert result.text.startswith("同志们")
    assert len(result.content_hash) == 64 and len(result.doc_id) == 32


def test_a_crashing_stage_costs_one_document_not_the_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(doc, settings):  # type: ignore[no-untyped-def]
        raise KeyError("a bug triggered by one odd page")

    monkeypatch.setattr(pipeline, "structure_document", explode)
    result = pipeline.extract_source(str(SAMPLES / "english_news.html"), Settings())
    assert isinstance(result, Rejection)
    assert result.stage == Stage.structure
    assert result.reason == "internal_error"
    assert "KeyError" in result.message and "one odd page" in result.message


def test_transform_records_seconds_per_stage() -> None:
    raw = (SAMPLES / "english_news.html").read_bytes()
    fetched = FetchedDocument(
        source="english_news.html", content_type="text/html", encoding="utf-8", content=raw, text=raw.decode()
    )
    timings: Counter[str] = Counter()
    result = pipeline.transform(fetched, Settings(), timings)
    assert isinstance(result, StructuredDocument)
    assert set(timings) == {"clean", "structure"} and all(v > 0 for v in timings.values())


def test_empty_page_is_rejected_at_clean_with_a_reason() -> None:
    fetched = FetchedDocument(
        source="empty.html", content_type="text/html", encoding="utf-8", content=b"<html></html>", text="<html></html>"
    )
    result = pipeline.transform(fetched, Settings())
    assert isinstance(result, Rejection)
    assert (result.stage, result.reason) == (Stage.clean, "empty_body")
