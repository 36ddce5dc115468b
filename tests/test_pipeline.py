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


def test_a_batch_finished_by_an_earlier_attempt_of_the_run_is_not_run_again(tmp_path, monkeypatch) -> None:
    """A retried run (same run id) resumes: the finished batch is neither fetched nor extracted."""
    import shutil

    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("english_news.html", "gbk_notice.html"):
        shutil.copy(SAMPLES / name, inputs / name)
    sources = sorted(str(p) for p in inputs.iterdir())
    settings = Settings(out=str(tmp_path / "out"))
    first = pipeline.run_batch(0, sources, settings, "run-a")
    assert first.documents == 2 and not first.resumed

    def no_more_work(*args, **kwargs):  # noqa: ANN002, ANN003
        raise AssertionError("a finished batch was extracted again")

    monkeypatch.setattr(pipeline, "transform", no_more_work)
    again = pipeline.run_batch(0, sources, settings, "run-a")
    assert again.resumed and again.model_copy(update={"resumed": False}) == first
    # other inputs under the same batch number are a different batch: they run
    (inputs / "gbk_notice.html").unlink()
    with pytest.raises(AssertionError, match="extracted again"):
        pipeline.run_batch(0, sources[:1], settings, "run-a")


def test_an_input_skipped_as_a_duplicate_is_named_with_what_it_duplicates(tmp_path) -> None:
    """The seed speech saved as .html (canonical link) and as .txt (its 链接地址 line) is one
    document: the second input is not written, and the batch says which input and why."""
    import shutil

    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("speech_sanweiyuan_43077.html", "speech_sanweiyuan_43077.txt", "english_news.html"):
        shutil.copy(SAMPLES / name, inputs / name)
    sources = sorted(str(p) for p in inputs.iterdir())
    summary = pipeline.run_batch(0, sources, Settings(out=str(tmp_path / "out")), "run-a")
    assert (summary.documents, summary.duplicates) == (2, 1)
    [(source, why)] = summary.duplicate_inputs
    assert source.endswith("speech_sanweiyuan_43077.txt")
    assert "http://m.sanweiyuan.com/news/43077.html" in why
    assert "speech_sanweiyuan_43077.html" in why and "same content" in why  # both extract to the same text


def test_a_batch_names_its_rejected_inputs_up_to_the_listed_limit(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The summary names which inputs were rejected, at which stage and why (the run's log
    prints them); past REJECTS_LISTED it only counts, so the summary stays small."""
    monkeypatch.setattr(pipeline, "REJECTS_LISTED", 2)
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(3):
        (inputs / f"empty{i}.txt").write_bytes(b"")
    (inputs / "speech.txt").write_bytes((SAMPLES / "speech_sanweiyuan_43077.txt").read_bytes())
    sources = sorted(str(p) for p in inputs.iterdir())
    summary = pipeline.run_batch(0, sources, Settings(out=str(tmp_path / "out")), "run-a")
    assert (summary.documents, summary.rejected) == (1, 3)
    assert len(summary.rejected_inputs) == 2
    for source, stage, reason, message in summary.rejected_inputs:
        assert "empty" in source and source.endswith(".txt")
        assert (stage, reason) == ("fetch", "empty_file") and message
