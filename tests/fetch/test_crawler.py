"""discover + fetch_batch end to end: accounting, incremental runs, order, the sync wrapper."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import pytest
from conftest import make_settings
from fetch_faultserver import FaultServer

from docpipe.config import Settings
from docpipe.fetch import FetchState, discover, fetch_batch, fetch_source
from docpipe.models import FetchedDocument, Rejection, Unchanged


def _with_sources(settings: Settings, *sources: dict) -> Settings:
    return settings.model_copy(update={"sources": tuple(Settings.model_validate({"sources": list(sources)}).sources)})


def _kinds(results: list) -> Counter[str]:
    return Counter(type(r).__name__ for r in results)


@pytest.mark.slow
def test_sitemap_of_1000_then_unchanged_then_exactly_the_changed_page(server: FaultServer, tmp_path: Path) -> None:
    faults = ["/status/404", "/status/500", "/robots-blocked/x", "/image"]
    server.robots = "User-agent: *\nDisallow: /robots-blocked\n"
    settings = _with_sources(
        make_settings(str(tmp_path / "out"), retries=1),
        {"kind": "sitemap", "location": server.url("/sitemap.xml")},
        {"kind": "urls", "urls": [server.url(p) for p in faults]},
    )
    # The same page named again on the command line, with a fragment: still one source.
    inputs = [server.url("/page/s0#top"), server.url("/page/s1")]
    sources, rejects = discover(settings, inputs)
    assert rejects == []
    assert len(sources) == 1000 + len(faults) and len(set(sources)) == len(sources)
    assert sources[0] == server.url("/page/s0")

    with FetchState.open(settings.out) as state:
        first = fetch_batch(sources, settings, state)
        # Exact accounting: one result per discovered source, in order, nothing twice.
        assert [r.source for r in first] == sources
        assert _kinds(first) == {"FetchedDocument": 1000, "Rejection": 4}
        assert {r.reason for r in first if isinstance(r, Rejection)} == {
            "http_404", "http_5xx", "robots_disallowed", "not_html"
        }
        state.record_many([r for r in first if isinstance(r, FetchedDocument)])

    server.reset_log()
    with FetchState.open(settings.out) as state:  # a new run: state read back from disk
        second = fetch_batch(sources, settings, state)
    assert _kinds(second) == {"Unchanged": 1000, "Rejection": 4}
    assert {r.reason for r in second if isinstance(r, Unchanged)} == {"not_modified"}
    page_hits = server.hits_for("/page/")
    assert len(page_hits) == 1000 and all("if-none-match" in h.headers for h in page_hits)

    server.pages["s417"] = "这一页改过了。"
    with FetchState.open(settings.out) as state:
        third = fetch_batch(sources, settings, state)
        new = [r for r in third if isinstance(r, FetchedDocument)]
        assert [d.source for d in new] == [server.url("/page/s417")] and "改过了" in new[0].text
        assert _kinds(third) == {"Unchanged": 999, "FetchedDocument": 1, "Rejection": 4}
        state.record_many(new)
    with FetchState.open(settings.out) as state:
        assert _kinds(fetch_batch(sources, settings, state))["Unchanged"] == 1000


def test_same_content_without_validators_and_local_files(server: FaultServer, tmp_path: Path) -> None:
    page = tmp_path / "speech.txt"
    page.write_text("同志们：今天召开会议。", encoding="utf-8")
    sources = [server.url("/plain/nv"), str(page)]
    settings = make_settings(str(tmp_path / "out"))
    with FetchState.open(settings.out) as state:
        first = fetch_batch(sources, settings, state)
        assert _kinds(first) == {"FetchedDocument": 2}
        state.record_many(first)  # type: ignore[arg-type]
        second = fetch_batch(sources, settings, state)
        assert [(type(r).__name__, getattr(r, "reason", None)) for r in second] == [
            ("Unchanged", "same_content"), ("Unchanged", "same_content")
        ]
        assert all(isinstance(r, Unchanged) and r.doc_id for r in second)
        page.write_text("同志们：今天召开第二次会议。", encoding="utf-8")
        server.pages["nv"] = "changed"
        third = fetch_batch(sources, settings, state)
        assert _kinds(third) == {"FetchedDocument": 2}


def test_duplicate_sources_are_fetched_once_and_answered_in_place(server: FaultServer) -> None:
    url = server.url("/page/dup")
    results = fetch_batch([url, server.url("/page/other"), url], make_settings(), None)
    assert [r.source for r in results] == [url, server.url("/page/other"), url]
    assert len(server.hits_for("/page/dup")) == 1


def test_fetch_source_keeps_extract_working(server: FaultServer, tmp_path: Path) -> None:
    settings = make_settings()
    missing = fetch_source(server.url("/status/404"), settings)
    assert isinstance(missing, Rejection) and missing.as_error()["reason"] == "http_404"
    html = tmp_path / "a.html"
    html.write_bytes("<html><body><p>你好</p></body></html>".encode("gbk"))
    doc = fetch_source(str(html), settings)
    assert isinstance(doc, FetchedDocument) and "你好" in doc.text
    assert fetch_source(str(tmp_path / "nope.html"), settings).reason == "not_found"  # type: ignore[union-attr]


def test_sync_api_works_inside_a_running_event_loop(server: FaultServer) -> None:
    async def caller() -> list:
        return fetch_batch([server.url("/page/inloop")], make_settings(), None)

    [result] = asyncio.run(caller())
    assert isinstance(result, FetchedDocument)


def test_confirming_written_documents_by_url_records_their_validators(server: FaultServer, tmp_path: Path) -> None:
    """The flow only knows StructuredDocument.url/content_hash: update_hash must be enough."""
    settings = make_settings(str(tmp_path / "out"))
    sources = [server.url(f"/page/w{i}") for i in range(4)] + [server.url("/chain/1")]
    with FetchState.open(settings.out) as state:
        first = fetch_batch(sources, settings, state)
        written = [r for r in first if isinstance(r, FetchedDocument)][:-1] + [first[-1]]
        assert len(state) == 0  # nothing is recorded before the flow confirms a write
        for doc in written[1:]:  # w0 "failed in a later stage": not confirmed
            state.update_hash(doc.final_url or doc.source, f"hash-{doc.source}")
    with FetchState.open(settings.out) as state:
        assert state.same_content(sources[1], f"hash-{sources[1]}")
        second = fetch_batch(sources, settings, state)
    assert [type(r).__name__ for r in second] == ["FetchedDocument"] + ["Unchanged"] * 4


@pytest.mark.slow
def test_scheduled_runs_through_the_pipeline_add_only_the_changed_page(server: FaultServer, tmp_path: Path) -> None:
    """Fetch state as the flow uses it (pipeline.run_batch + commit_run, no Prefect): run 2
    writes nothing, run 3 writes exactly the page that changed — and sends conditional GETs
    for the rest. A run that wrote its batch but never committed confirms nothing."""
    from datetime import datetime, timezone

    from docpipe.models import RunRecord
    from docpipe.pipeline import commit_run, run_batch

    settings = make_settings(str(tmp_path / "out"))
    sources = [server.url(f"/page/n{i}") for i in range(30)]

    def run(run_id: str, *, commit: bool = True):  # type: ignore[no-untyped-def]
        summary = run_batch(0, sources, settings, run_id)
        if commit:
            now = datetime.now(timezone.utc)
            commit_run(settings, RunRecord(run_id=run_id, started_at=now, finished_at=now, docpipe_version="test"))
        return summary

    killed = run("run-killed", commit=False)  # e.g. SIGKILL before the commit
    assert killed.documents == 30
    first = run("run-1")
    assert (first.documents, first.unchanged, first.rejected) == (30, 0, 0)

    server.reset_log()
    second = run("run-2")
    assert (second.documents, second.unchanged, second.rejected) == (0, 30, 0)
    assert all("if-none-match" in h.headers for h in server.hits_for("/page/"))

    server.pages["n7"] = "第七页的正文改过了：一是调整结构，二是补充数据。"
    third = run("run-3")
    assert (third.documents, third.unchanged, third.rejected) == (1, 29, 0)


def test_an_unexpected_bug_costs_one_source_not_the_batch(server: FaultServer, monkeypatch: pytest.MonkeyPatch) -> None:
    import docpipe.fetch.files as files

    real = files.read_file

    def broken(source: str, *, max_bytes: int) -> FetchedDocument:
        if source.endswith("boom.txt"):
            raise KeyError("simulated bug")
        return real(source, max_bytes=max_bytes)

    monkeypatch.setattr(files, "read_file", broken)
    results = fetch_batch(["boom.txt", server.url("/page/fine")], make_settings(), None)
    assert isinstance(results[0], Rejection) and results[0].reason == "internal_error"
    assert "KeyError" in results[0].message and isinstance(results[1], FetchedDocument)
