"""Fetch outcome classes: what the run report's "fetch outcomes" chart counts."""

from __future__ import annotations

import pytest

from docpipe.fetch.outcomes import FetchOutcome, count_outcomes, fetch_outcome
from docpipe.models import FetchedDocument, Rejection, Stage, Unchanged


def _doc(source: str, status: int | None) -> FetchedDocument:
    return FetchedDocument(source=source, url=source if status else None, status=status, content_type="text/html",
                           encoding="utf-8", content=b"<p>x</p>", text="<p>x</p>")


def _rej(reason: str, stage: Stage = Stage.fetch) -> Rejection:
    return Rejection(source="http://127.0.0.1/x", stage=stage, reason=reason, message=reason)


@pytest.mark.parametrize(("reason", "outcome"), [
    ("http_404", FetchOutcome.client_error), ("http_410", FetchOutcome.client_error), ("http_429", FetchOutcome.client_error),
    ("http_5xx", FetchOutcome.server_error), ("timeout", FetchOutcome.timeout),
    ("connection_error", FetchOutcome.connection_error), ("robots_disallowed", FetchOutcome.refused),
    ("not_html", FetchOutcome.refused), ("http_304", FetchOutcome.refused), ("http_4xx_like", FetchOutcome.refused),
])
def test_fetch_rejects_by_reason(reason: str, outcome: FetchOutcome) -> None:
    assert fetch_outcome(_rej(reason)) is outcome


def test_documents_unchanged_and_later_stage_rejects() -> None:
    assert fetch_outcome(_doc("http://127.0.0.1/a", 200)) is FetchOutcome.ok
    assert fetch_outcome(_doc("samples/a.html", None)) is FetchOutcome.local
    assert fetch_outcome(Unchanged(source="http://127.0.0.1/a", reason="not_modified")) is FetchOutcome.not_modified
    assert fetch_outcome(Unchanged(source="http://127.0.0.1/a", reason="same_content")) is FetchOutcome.ok
    assert fetch_outcome(Unchanged(source="samples/a.html", reason="same_content")) is FetchOutcome.local
    assert fetch_outcome(_rej("empty_body", Stage.clean)) is None  # fetched fine: not a fetch outcome
    assert count_outcomes([_doc("http://127.0.0.1/a", 200), _rej("http_404"), _rej("http_404"), _rej("empty_body", Stage.clean)]) == {
        "200": 1, "4xx": 2,
    }


def test_a_batch_counts_outcomes_and_retries_against_a_real_server(server, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """run_batch (the flow's batch, without Prefect) over a loopback server: the counts the
    runs row and the report's fetch-outcome and retry charts are drawn from."""
    from datetime import datetime, timezone

    from docpipe.models import RunRecord
    from docpipe.pipeline import commit_run, run_batch
    from tests.fetch.conftest import make_settings

    settings = make_settings(str(tmp_path / "out"))  # 2 retries, 10 ms backoff
    sources = [
        server.url("/page/a"), server.url("/page/b"),
        server.url("/flaky/c?fails=1&code=503"),  # one retry, then the page
        server.url("/status/404"), server.url("/status/503"),  # 503 every time: 2 retries, then rejected
    ]
    first = run_batch(0, sources, settings, "run-1")
    assert first.fetch_outcomes == {"200": 3, "4xx": 1, "5xx": 1}
    assert first.retries == 3
    now = datetime.now(timezone.utc)
    commit_run(settings, RunRecord(run_id="run-1", started_at=now, finished_at=now, docpipe_version="test"))
    second = run_batch(0, sources[:2], settings, "run-2")  # conditional GETs: the server answers 304
    assert second.fetch_outcomes == {"304": 2} and second.retries == 0
