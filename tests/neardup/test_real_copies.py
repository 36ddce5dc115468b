"""Real copies from different sites (tests/fixtures/neardup, see its SOURCE.md) through the
`docpipe extract` path and the writer: copies cluster, different documents on the same topics
and sites do not (benchmarks/score_neardup.py prints the threshold curve of the same sets)."""

from __future__ import annotations


import pytest

from docpipe.config import Settings
from docpipe.export import DatasetWriter, read_table
from docpipe.export.dataset import latest_only
from docpipe.models import StructuredDocument
from docpipe.pipeline import extract_source
from tests.export.builders import make_record
import itertools
import json
import sys
from pathlib import Path

from docpipe.config import NearDupSettings
from tests.neardup.helpers import SETTINGS, copies, fanwen

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from make_splits import site_of  # noqa: E402


def cluster_rows(rows: list[dict], work, settings: NearDupSettings = SETTINGS) -> dict[str, str]:
    """fixture id → cluster id: the rows' texts through `docpipe extract`, written in batches of
    16 by one run (so matches between batches, resolved at commit, count too)."""
    docs: dict[str, StructuredDocument] = {}
    for row in rows:
        path = work / f"{row['id']}.txt"
        path.write_text(row["text"], encoding="utf-8")
        doc = extract_source(str(path), Settings())
        assert isinstance(doc, StructuredDocument), (row["id"], doc)
        docs[row["id"]] = doc
    out = str(work / "out")
    writer = DatasetWriter(out, "run-1", near_dup=settings)
    ids = list(docs)
    for n, start in enumerate(range(0, len(ids), 16)):
        writer.write_batch(n, [docs[i] for i in ids[start : start + 16]], [])
    writer.finish(make_record("run-1"))
    rows = latest_only(read_table(out, "documents").select(["doc_id", "near_dup_of", "run_id", "ingested_at"])).to_pylist()
    cluster = {r["doc_id"]: r["near_dup_of"] or r["doc_id"] for r in rows}
    return {i: cluster[docs[i].doc_id] for i in ids}


@pytest.fixture(scope="module")
def clustered(tmp_path_factory) -> dict[str, str]:
    return cluster_rows(copies(), tmp_path_factory.mktemp("copies"))


def pairwise(rows: list[dict], cluster: dict[str, str]) -> tuple[float, float]:
    """(precision, recall) over pairs: positive = both labelled copy in one group; a pair of
    one group with a related member is not scored; every other pair is negative."""
    tp = together = positives = 0
    for ra, rb in itertools.combinations(rows, 2):
        same = ra["group"] == rb["group"]
        if same and "related" in (ra["label"], rb["label"]):
            continue
        positive = same and ra["label"] == rb["label"] == "copy"
        joined = cluster[ra["id"]] == cluster[rb["id"]]
        positives += positive
        together += joined
        tp += positive and joined
    return tp / together, tp / positives


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


def test_the_fanwen_set_has_20_copy_groups_across_sites_and_40_other_documents():
    rows = fanwen()
    groups: dict[str, list[dict]] = {}
    for r in rows:
        assert r["url"].startswith("http") and r["site"] and r["text"].strip(), r["id"]
        if r["label"] == "copy":
            groups.setdefault(r["group"], []).append(r)
    assert len(groups) >= 20
    for members in groups.values():
        assert 2 <= len(members) <= 6
        assert len({m["site"] for m in members}) == len(members), [m["id"] for m in members]
    assert sum(1 for r in rows if r["label"] == "distinct") >= 40


# The issue's targets at the defaults (threshold 0.8, verified on the texts). Measured 2026-12-01
# (README "Near-duplicates"): precision and recall 1.000 on the whole set and on each part of the
# split; before the verification on the texts (signature estimate of containment) 0.917 / 0.647.
FANWEN_PRECISION = 0.95
FANWEN_RECALL = 0.90


def test_the_fanwen_copies_cluster_at_the_issues_precision_and_recall(tmp_path):
    rows = fanwen()
    precision, recall = pairwise(rows, cluster_rows(rows, tmp_path))
    assert precision >= FANWEN_PRECISION and recall >= FANWEN_RECALL, (precision, recall)


def test_without_the_verification_on_the_texts_the_targets_are_not_reached(tmp_path):
    rows = fanwen()
    precision, recall = pairwise(rows, cluster_rows(rows, tmp_path, NearDupSettings(verify=False)))
    assert precision < FANWEN_PRECISION or recall < FANWEN_RECALL, (precision, recall)


def test_the_split_keeps_each_copy_group_and_each_site_in_one_part():
    """Pairs are scored inside a part (benchmarks/score_neardup.py), so a group must not be cut,
    and a site's chrome must not be seen in tuning and scored in validation."""
    splits = json.loads((Path(__file__).resolve().parents[2] / "src" / "docpipe" / "data" / "eval_splits.json").read_text(encoding="utf-8"))
    for name, rows in (("neardup_fanwen", fanwen()), ("neardup_copies", copies())):
        ids = splits["sets"][name]["ids"]
        assert set(ids) == {r["id"] for r in rows}
        by_group: dict[str, set[str]] = {}
        by_site: dict[str, set[str]] = {}
        for r in rows:
            by_group.setdefault(r["group"], set()).add(ids[r["id"]])
            by_site.setdefault(site_of(r), set()).add(ids[r["id"]])
        assert all(len(parts) == 1 for parts in [*by_group.values(), *by_site.values()])
        assert set(ids.values()) == {"tuning", "validation"}
