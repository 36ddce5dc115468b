"""FetchState: where it lives, what it remembers, and that a stale hash never outlives a change."""

from __future__ import annotations

from pathlib import Path

from docpipe.fetch.state import STATE_FILE, FetchState, state_path
from docpipe.models import FetchedDocument


def _doc(source: str, body: bytes, etag: str | None = None, final_url: str | None = None) -> FetchedDocument:
    return FetchedDocument(
        source=source, url=source, final_url=final_url or source, status=200, content_type="text/html",
        encoding="utf-8", content=body, text=body.decode(), etag=etag,
        last_modified="Tue, 14 Nov 2023 22:13:20 GMT",
    )


def test_state_locations(tmp_path: Path) -> None:
    assert state_path(tmp_path / "out") == tmp_path / "out" / "_state" / STATE_FILE
    s3 = state_path("s3://bucket/prefix", tmp_path / "cache")
    assert s3.parent.parent == tmp_path / "cache" and s3.name == STATE_FILE
    assert state_path("s3://bucket/prefix/", tmp_path / "cache") == s3  # same dataset, same state
    assert state_path("s3://bucket/other", tmp_path / "cache") != s3


def test_record_get_and_conditional_headers(tmp_path: Path) -> None:
    with FetchState.open(tmp_path / "out") as state:
        state.record(_doc("http://a.example/1", b"one", etag='"e1"'))
        assert len(state) == 1
    with FetchState.open(tmp_path / "out") as state:  # persisted
        known = state.get("http://a.example/1")
        assert known is not None and known.etag == '"e1"'
        assert known.conditional_headers() == {
            "If-None-Match": '"e1"', "If-Modified-Since": "Tue, 14 Nov 2023 22:13:20 GMT"
        }
        assert state.get("http://a.example/2") is None
        assert set(state.get_many([f"http://a.example/{i}" for i in range(1500)])) == {"http://a.example/1"}


def test_content_hash_follows_the_body(tmp_path: Path) -> None:
    with FetchState.open(tmp_path) as state:
        state.record(_doc("s", b"one", final_url="http://a.example/final"))
        state.update_hash("http://a.example/final", "h1")  # by final URL works too
        assert state.same_content("s", "h1")
        state.record(_doc("s", b"one"))  # same body re-recorded: the hash stays
        assert state.same_content("s", "h1")
        state.record(_doc("s", b"two"))  # body changed, no new hash: the old one is dropped
        assert not state.same_content("s", "h1")
        state.record(_doc("s", b"two"), content_hash="h2")
        assert state.same_content("s", "h2")
        state.update_hash("never-recorded", "h3")
        assert state.same_content("never-recorded", "h3")


def test_staged_confirmation_applies_only_after_commit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A run killed between writing its batches and committing them must not leave its pages
    # marked as seen: the next run has to fetch and write them again.
    from docpipe.fetch.state import FetchState
    from docpipe.models import FetchedDocument

    doc = FetchedDocument(
        source="http://127.0.0.1:9/a", url="http://127.0.0.1:9/a", final_url="http://127.0.0.1:9/a",
        status=200, content_type="text/html", encoding="utf-8", content=b"<p>a</p>", text="<p>a</p>", etag='"v1"',
    )
    with FetchState.open(tmp_path) as state:
        state.remember_fetched([doc])
        state.update_hash(doc.source, "h1", run_id="run-killed")
    with FetchState.open(tmp_path) as state:
        assert state.get(doc.source) is None  # the killed run confirmed nothing
        state.remember_fetched([doc])
        state.update_hash(doc.source, "h1", run_id="run-2")
        assert state.get(doc.source) is None
        assert state.commit_run("run-2") == 1
        row = state.get(doc.source)
        assert row is not None and row.etag == '"v1"' and row.content_hash == "h1"
        assert row.conditional_headers() == {"If-None-Match": '"v1"'}


def test_many_threads_opening_a_new_state_at_once(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Batches in flight open the same new SQLite file together (seen: "database is locked").
    import threading

    from docpipe.fetch.state import FetchState

    errors: list[BaseException] = []

    def open_and_stage(folder, start, i: int) -> None:  # type: ignore[no-untyped-def]
        try:
            start.wait()
            with FetchState.open(folder) as state:
                state.stage_hashes([(f"/doc/{i}", f"h{i}")], run_id="r")
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    for round_no in range(20):  # the race is narrow: many fresh databases make it likely
        folder = tmp_path / str(round_no)
        start = threading.Barrier(8)
        threads = [threading.Thread(target=open_and_stage, args=(folder, start, i)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        with FetchState.open(folder) as state:
            assert state.commit_run("r") == 8
