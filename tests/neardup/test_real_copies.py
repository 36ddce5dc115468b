"""Real copies from different sites (tests/fixtures/neardup, see its SOURCE.md) through the
`docpipe extract` path and the writer: copies cluster, different documents on the same topics
and sites do not (benchmarks/score_neardup.py prints the threshold curve of the same set)."""

from __future__ import annotations


import pytest

from docpipe.config import Settings
from docpipe.export import DatasetWriter, read_table
from docpipe.export.dataset import latest_only
from docpipe.models import StructuredDocument
from docpipe.pipeline import extract_source
from tests.export.builders import make_record
from tests.neardup.helpers import SETTINGS, copies


@pytest.fixture(scope="module")
def clustered(tmp_path_factory) -> dict[str, str]:
    """fixture id → cluster id, the set written in batches of 16 by one run."""
    work = tmp_path_factory.mktemp("copies")
    docs: dict[str, StructuredDocument] = {}
    for row in copies():
        path = work / f"{row['id']}.txt"
        path.write_text(row["text"], encoding="utf-8")
        doc = extract_source(str(path), Settings())
        assert isinstance(doc, StructuredDocument), (row["id"], doc)
        docs[row["id"]] = doc
    out = str(work / "out")
    writer = DatasetWriter(out, "run-1", near_dup=SETTINGS)
    ids = list(docs)
    for n, start in enumerate(range(0, len(ids), 16)):
        writer.write_batch(n, [docs[i] for i in ids[start : start + 16]], [])
    writer.finish(make_record("run-1"))
    rows = latest_only(read_table(out, "documents").select(["doc_id", "near_dup_of", "run_id", "ingested_at"])).to_pylist()
    cluster = {r["doc_id"]: r["near_dup_of"] or r["doc_id"] for r in rows}
    return {i: cluster[docs[i].doc_id] for i in ids}


def test_the_set_has_copy_groups_from_different_sites_and_hard_negatives():
    rows = copies()
    groups: dict[str, set[str]] = {}
    for r in rows:
        if r["label"] == "copy":
            groups.setdefault(r["group"], set()).add(r["site"])
    assert len(groups) >= 2 and all(len(hosts) >= 2 for hosts in groups.values())
    assert sum(1 for r in rows if r["label"] == "distinct") >= 40


def test_every_copy_group_is_one_cluster(clustered):
    groups: dict[str, set[str]] = {}
    for r in copies():
        if r["label"] == "copy":
            groups.setdefault(r["group"], set()).add(clustered[r["id"]])
    assert all(len(c) == 1 for c in groups.values()), groups


def test_no_different_documents_share_a_cluster(clustered):
    """Pairwise precision 1.0: every pair in one cluster is a labelled copy (related pairs —
    rewrites and excerpts of one story — are not scored, see SOURCE.md)."""
    by_cluster: dict[str, list[dict]] = {}
    for r in copies():
        by_cluster.setdefault(clustered[r["id"]], []).append(r)
    for members in by_cluster.values():
        if len(members) > 1:
            assert len({m["group"] for m in members}) == 1, [m["id"] for m in members]
            assert members[0]["label"] in ("copy", "related"), [m["id"] for m in members]
