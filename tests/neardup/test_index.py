"""Near-duplicate clusters written by the DatasetWriter: across runs, between batches of a run,
and the band table under the staging-and-commit rules."""

from __future__ import annotations

from collections import Counter

import duckdb
import pyarrow.compute as pc
import pytest

from docpipe.config import NearDupSettings
from docpipe.export import DatasetWriter, read_table
from docpipe.export.dataset import latest_only
from docpipe.neardup.index import BANDS_TABLE
from docpipe.neardup.index import band_params
from tests.export.builders import make_record
from tests.export.conftest import s3_endpoint  # noqa: F401 (the moto S3 fixture)
from tests.neardup.helpers import (
    fanwen,
    SETTINGS,
    doc_with_text,
    other_speech,
    seed_text,
    variant_chrome,
    variant_filled,
    variant_paragraph_removed,
    variant_traditional,
)


def _run(out: str, run_id: str, batches: list[list], settings: NearDupSettings = SETTINGS) -> None:
    writer = DatasetWriter(out, run_id, near_dup=settings)
    for batch_no, docs in enumerate(batches):
        writer.write_batch(batch_no, docs, [])
    writer.finish(make_record(run_id))


def _clusters(out: str) -> dict[str, str]:
    """doc_id → cluster id (coalesce(near_dup_of, doc_id)) of the latest committed versions."""
    docs = latest_only(read_table(out, "documents").select(["doc_id", "near_dup_of", "run_id", "ingested_at"]))
    return {r["doc_id"]: r["near_dup_of"] or r["doc_id"] for r in docs.to_pylist()}


SEED = doc_with_text("seed", seed_text(), site="m.sanweiyuan.com")
COPIES = [
    doc_with_text("chrome", variant_chrome(), site="copy-a.example"),
    doc_with_text("filled", variant_filled(), site="copy-b.example"),
    doc_with_text("cut", variant_paragraph_removed(), site="copy-c.example"),
    doc_with_text("trad", variant_traditional(), site="copy-d.example"),
]
OTHER = doc_with_text("other", other_speech(), site="admin.caiyes.cn")


def test_copies_in_a_second_run_join_the_cluster_of_the_first(out):
    _run(out, "run-1", [[SEED, OTHER]])
    _run(out, "run-2", [COPIES[:2], COPIES[2:]])
    clusters = _clusters(out)
    assert {clusters[d.doc_id] for d in COPIES} == {SEED.doc_id}
    assert clusters[SEED.doc_id] == SEED.doc_id and clusters[OTHER.doc_id] == OTHER.doc_id
    rows = {r["doc_id"]: r for r in read_table(out, "documents").to_pylist()}
    assert rows[SEED.doc_id]["near_dup_of"] is None and rows[SEED.doc_id]["near_dup_score"] is None
    for d in COPIES:
        assert rows[d.doc_id]["near_dup_score"] >= SETTINGS.threshold
        assert len(rows[d.doc_id]["minhash"]) == SETTINGS.num_perm


def test_copies_in_other_batches_of_the_same_run_join_the_earliest(out):
    # batches are written by writers of their own, one after another: each is matched with the
    # run's batches staged before it when it is staged (out of order: see the tests below)
    _run(out, "run-1", [[OTHER, SEED], COPIES[:2], COPIES[2:]])
    clusters = _clusters(out)
    assert {clusters[d.doc_id] for d in [SEED, *COPIES]} == {SEED.doc_id}
    assert clusters[OTHER.doc_id] == OTHER.doc_id


def test_the_same_documents_in_one_run_or_two_give_the_same_clusters(out, tmp_path):
    one = str(tmp_path / "one")
    _run(one, "run-1", [[SEED, OTHER, *COPIES]])
    _run(out, "run-1", [[SEED, OTHER]])
    _run(out, "run-2", [COPIES])
    assert _clusters(one) == _clusters(out)


def test_a_retried_batch_writes_no_band_row_twice_and_a_killed_attempt_leaves_none(out):
    # attempt 1 of run-1 stages two batches and dies before its commit
    first = DatasetWriter(out, "run-1", near_dup=SETTINGS)
    first.write_batch(0, [SEED, OTHER], [])
    first.write_batch(1, COPIES, [])
    assert not (read_table(out, BANDS_TABLE).num_rows)  # nothing visible before the commit
    # the retry (same run id, new writer) writes batch 1 again, then commits
    retry = DatasetWriter(out, "run-1", near_dup=SETTINGS)
    retry.write_batch(1, COPIES, [])
    retry.finish(make_record("run-1"))
    bands, _ = band_params(SETTINGS)
    rows = read_table(out, BANDS_TABLE)
    per_doc = Counter(rows.column("doc_id").to_pylist())
    assert per_doc == {d.doc_id: bands for d in [SEED, OTHER, *COPIES]}
    assert len(set(zip(rows.column("doc_id").to_pylist(), rows.column("band").to_pylist()))) == rows.num_rows
    assert set(_clusters(out).values()) == {SEED.doc_id, OTHER.doc_id}
    # a run that dies before committing leaves no band row behind
    dead = DatasetWriter(out, "run-2", near_dup=SETTINGS)
    dead.write_batch(0, [doc_with_text("late", variant_chrome(), site="copy-e.example")], [])
    assert read_table(out, BANDS_TABLE).num_rows == rows.num_rows
    glob = duckdb.sql(f"select count(*) from read_parquet('{out}/{BANDS_TABLE}/**/*.parquet', hive_partitioning=true)")
    assert glob.fetchall() == [(rows.num_rows,)]


def test_an_unchanged_document_is_not_matched_again_and_a_new_version_is_not_its_own_duplicate(out):
    _run(out, "run-1", [[SEED]])
    changed = SEED.model_copy(update={"text": variant_filled(), "content_hash": doc_with_text("x", variant_filled()).content_hash})
    _run(out, "run-2", [[SEED]])  # unchanged: no new row
    _run(out, "run-3", [[changed]])  # a new version of the same doc_id
    docs = read_table(out, "documents")
    assert docs.num_rows == 2
    assert docs.column("near_dup_of").to_pylist() == [None, None]


def test_near_dup_disabled_leaves_the_columns_null_and_writes_no_bands(out):
    _run(out, "run-1", [[SEED, *COPIES]], NearDupSettings(enabled=False))
    docs = read_table(out, "documents")
    assert docs.num_rows == 5
    assert pc.all(pc.is_null(docs.column("minhash"))).as_py()
    assert pc.all(pc.is_null(docs.column("near_dup_of"))).as_py()
    assert read_table(out, BANDS_TABLE).num_rows == 0


def test_the_batch_number_is_read_from_any_run_id_and_writer_token():
    from docpipe.neardup.index import _batch_no

    assert _batch_no("x/_staging/run-b2/documents/ingest_date=2026-12-01/part-run-b2-b000007-b6a7394f.parquet") == 7
    assert _batch_no("part-r-b000123-bbbbbbbb.parquet") == 123


def _fanwen_doc(row_id: str):
    row = next(r for r in fanwen() if r["id"] == row_id)
    return doc_with_text(row["id"], row["text"], site=row["site"], doc_type=row["doc_type"])


def test_a_document_does_not_join_a_cluster_holding_a_text_its_numbering_tells_apart(out, tmp_path):
    # gaoxiao_b (高校 十项准则, cut before its 六、) is as close to the 中小学 version as to its own
    # copy; gaoxiao_a carries 六、坚持言行雅正 where the 中小学 version has 七、: shixiang_a must
    # not join the 高校 cluster through gaoxiao_b — across runs and between batches of one run
    gaoxiao = [_fanwen_doc("gaoxiao_a"), _fanwen_doc("gaoxiao_b")]
    shixiang = [_fanwen_doc("shixiang_a"), _fanwen_doc("shixiang_b")]
    _run(out, "run-1", [gaoxiao])
    _run(out, "run-2", [shixiang])
    one = str(tmp_path / "one")
    _run(one, "run-1", [gaoxiao, shixiang])
    for clusters in (_clusters(out), _clusters(one)):
        assert clusters[gaoxiao[1].doc_id] == gaoxiao[0].doc_id
        assert clusters[shixiang[0].doc_id] == shixiang[0].doc_id
        assert clusters[shixiang[1].doc_id] == shixiang[0].doc_id


def _run_in(out: str, run_id: str, batches: list[list], staging_order: list[int]) -> None:
    """One run whose batches are staged in ``staging_order`` (as parallel workers may finish
    them), each by a writer of its own, then committed by another (as the flow does)."""
    for batch_no in staging_order:
        DatasetWriter(out, run_id, near_dup=SETTINGS).write_batch(batch_no, batches[batch_no], [])
    DatasetWriter(out, run_id, near_dup=SETTINGS).finish(make_record(run_id))


def _staged_near_dups(out: str, run_id: str) -> dict[str, tuple]:
    from docpipe.export.dataset import STAGING

    rows = duckdb.sql(
        f"select doc_id, near_dup_of, near_dup_score from read_parquet('{out}/{STAGING}/{run_id}/documents/**/*.parquet')"
    ).fetchall()
    return {d: (r, s) for d, r, s in rows}


def test_batches_staged_in_run_order_are_final_when_staged_and_the_commit_rewrites_none(out, monkeypatch):
    from docpipe.neardup import index

    rewritten: list[str] = []
    monkeypatch.setattr(index, "_rewrite_matches", lambda storage, path, updates: rewritten.append(path))
    batches = [[OTHER, SEED], COPIES[:2], COPIES[2:]]
    for batch_no, docs in enumerate(batches):
        DatasetWriter(out, "run-1", near_dup=SETTINGS).write_batch(batch_no, docs, [])
    staged = _staged_near_dups(out, "run-1")
    assert {staged[d.doc_id][0] for d in COPIES} == {SEED.doc_id}  # matched between batches when staged
    DatasetWriter(out, "run-1", near_dup=SETTINGS).finish(make_record("run-1"))
    assert rewritten == []
    committed = {r["doc_id"]: (r["near_dup_of"], r["near_dup_score"]) for r in read_table(out, "documents").to_pylist()}
    assert committed == staged


def test_batches_staged_out_of_run_order_give_the_clusters_of_batches_staged_in_order(out, tmp_path):
    batches = [[OTHER, SEED], COPIES[:2], COPIES[2:]]
    in_order = str(tmp_path / "in-order")
    _run_in(in_order, "run-1", batches, [0, 1, 2])
    for staging_order in ([2, 1, 0], [1, 0, 2], [0, 2, 1]):
        dest = str(tmp_path / "-".join(map(str, staging_order)))
        _run_in(dest, "run-1", batches, staging_order)
        assert _near_dups(dest) == _near_dups(in_order)
    assert {_clusters(in_order)[d.doc_id] for d in [SEED, *COPIES]} == {SEED.doc_id}


def _near_dups(out: str) -> dict[str, tuple]:
    return {r["doc_id"]: (r["near_dup_of"], r["near_dup_score"]) for r in read_table(out, "documents").to_pylist()}


def test_a_document_dropped_at_commit_unsettles_its_file_and_the_run_is_resolved_again(out, tmp_path):
    # SEED is staged by run-1 and matched by run-1's later copies when they are staged; run-0
    # commits the same SEED meanwhile, so run-1's commit drops it from its file: the copies' match
    # with it is resolved again at commit, as when the batches were staged out of order
    def scenario(dest: str, staging_order: list[int]) -> dict[str, tuple]:
        batches = [[SEED, OTHER], COPIES]
        for batch_no in staging_order:
            DatasetWriter(dest, "run-1", near_dup=SETTINGS).write_batch(batch_no, batches[batch_no], [])
        _run(dest, "run-0", [[SEED]])
        DatasetWriter(dest, "run-1", near_dup=SETTINGS).finish(make_record("run-1"))
        return _near_dups(dest)

    in_order = scenario(out, [0, 1])
    assert in_order == scenario(str(tmp_path / "reversed"), [1, 0])
    assert read_table(out, "documents").num_rows == 1 + 1 + len(COPIES)  # SEED once


@pytest.mark.slow
def test_on_object_storage_the_run_is_resolved_when_staged_and_again_at_commit_as_on_a_folder(s3_endpoint, tmp_path):
    # the staged files and their records are read back from S3 (moto): batches staged in run
    # order, and out of it (resolved again at commit), give the clusters of a local folder
    batches = [[OTHER, SEED], COPIES[:2], COPIES[2:]]
    local = str(tmp_path / "local")
    _run_in(local, "run-1", batches, [0, 1, 2])
    for name, staging_order in (("in-order", [0, 1, 2]), ("reversed", [2, 1, 0])):
        remote = f"s3://docpipe-test/neardup/{name}"
        _run_in(remote, "run-1", batches, staging_order)
        assert _near_dups(remote) == _near_dups(local)


def test_a_batch_staged_after_too_many_files_of_its_run_is_resolved_at_commit(out, tmp_path, monkeypatch):
    from docpipe.neardup import index

    batches = [[OTHER, SEED], COPIES[:1], COPIES[1:2], COPIES[2:]]
    usual = str(tmp_path / "usual")
    _run_in(usual, "run-1", batches, [0, 1, 2, 3])
    monkeypatch.setattr(index, "MAX_STAGED_FILES", 1)  # batches 2 and 3 leave their matches to the commit
    _run_in(out, "run-1", batches, [0, 1, 2, 3])
    assert _near_dups(out) == _near_dups(usual)
    assert {_clusters(out)[d.doc_id] for d in COPIES} == {SEED.doc_id}
