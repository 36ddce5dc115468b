from __future__ import annotations

from datetime import date, timedelta

from rich.console import Console

from docpipe.export import DatasetWriter
from docpipe.export.inspect import inspect_dataset, print_inspect
from tests.export.builders import make_doc, make_record, make_reject


def test_inspect_counts_latest_versions_by_site_type_language_and_date(out):
    w = DatasetWriter(out, "run-a", ingest_date=date(2026, 1, 1))
    w.write_batch(0, [make_doc(i) for i in range(6)], [make_reject(1), make_reject(2)])
    w.finish(make_record("run-a"))
    w = DatasetWriter(out, "run-b", ingest_date=date(2026, 1, 2))
    w.write_batch(0, [make_doc(i, variant="v2" if i == 1 else "") for i in range(8)], [])
    rec = make_record("run-b")
    w.finish(rec.model_copy(update={"started_at": rec.started_at + timedelta(days=1), "finished_at": rec.finished_at + timedelta(days=1)}))
    DatasetWriter(out, "never-committed").write_batch(0, [make_doc(50)], [])

    report = inspect_dataset(out)
    assert (report.documents, report.document_rows, report.block_rows, report.reject_rows, report.runs) == (8, 9, 45, 2, 2)
    assert dict(report.by_site) == {"三味园范文网": 4, "Example News": 4}
    assert dict(report.by_doc_type) == {"讲话": 4, "(none)": 4}
    assert dict(report.by_language) == {"zh": 4, "en": 4}
    assert report.by_ingest_date == [("2026-01-02", 3, 15, 0), ("2026-01-01", 6, 30, 2)]
    assert report.reject_reasons == [("fetch", "binary_content", 2)]
    assert [r["run_id"] for r in report.latest_runs] == ["run-b", "run-a"]  # newest first
    assert report.abandoned_staging == ["_staging/never-committed"]

    console = Console(record=True, width=120)
    print_inspect(out, console)
    text = console.export_text()
    for needle in ("三味园范文网", "讲话", "binary_content", "2026-01-02", "run-b", "latest runs"):
        assert needle in text


def test_inspect_of_an_empty_dataset(out):
    report = inspect_dataset(out)
    assert (report.documents, report.runs, report.by_site, report.latest_runs) == (0, 0, [], [])


def test_inspect_shows_what_is_failing_now_with_runs_failed(out):
    """The same bad file adds a reject row every run; inspect lists each failing source once,
    with its latest reject and the number of runs it failed, and drops a source that a later
    run stored as a document."""
    recovered = make_reject(2).source
    for day, run_id in enumerate(("run-a", "run-b", "run-c")):
        rejects = [make_reject(1).model_copy(update={"message": f"binary body ({run_id})"})]
        docs = []
        if run_id == "run-a":
            rejects.append(make_reject(2))
        if run_id == "run-c":
            docs = [make_doc(7).model_copy(update={"source": recovered})]
            rejects.append(make_reject(3).model_copy(update={"reason": "http_404", "message": "404 Not Found"}))
        w = DatasetWriter(out, run_id, ingest_date=date(2026, 1, 1 + day))
        w.write_batch(0, docs, rejects)
        rec = make_record(run_id)
        shift = timedelta(days=day)
        w.finish(rec.model_copy(update={"started_at": rec.started_at + shift, "finished_at": rec.finished_at + shift}))

    report = inspect_dataset(out)
    assert report.reject_rows == 5
    assert [(f.source, f.reason, f.message, f.failed_runs, f.last_run) for f in report.current_failures] == [
        (make_reject(1).source, "binary_content", "binary body (run-c)", 3, "run-c"),
        (make_reject(3).source, "http_404", "404 Not Found", 1, "run-c"),
    ]
    console = Console(record=True, width=200)
    print_inspect(out, console)
    text = console.export_text()
    assert "failing now: latest reject per source" in text and "binary body (run-c)" in text
    assert recovered not in text.split("failing now")[1].split("latest runs")[0]
