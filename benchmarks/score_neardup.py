#!/usr/bin/env python3
"""Pairwise precision and recall of near-duplicate clusters on the real copies set, per threshold.

usage: python benchmarks/score_neardup.py [--fixture tests/fixtures/neardup/fanwen.jsonl]
                                          [--thresholds 0.5,0.6,...] [--batch N]
                                          [--measures containment,jaccard]
                                          [--parts tuning,validation,all]

Each part of the fixed split (src/docpipe/data/eval_splits.json, sets neardup_fanwen and
neardup_copies: by group and site, see benchmarks/make_splits.py) is scored as a dataset of its
own (tuning: what the method was tuned on; validation: held out), and so is the whole set.

Every text of the set (tests/fixtures/neardup/SOURCE.md) is written to a .txt file and goes the
`docpipe extract` path (extract_source: clean, structure, the noise module), then the documents
are written by DatasetWriter with [near_dup] at each threshold (the defaults: candidates verified
on the texts; and, for comparison in the same run, the signature estimate alone — verify = false —
under each of MEASURES: containment and Jaccard) into a fresh dataset, in batches
of N in one run (so matches between batches, resolved at commit, are part of what is scored),
and the committed clusters are read back (coalesce(near_dup_of, doc_id)).

Pairs: a pair is positive when both texts are labelled `copy` in one group; a pair of one
group with a `related` member is not scored (reported apart: how many of them were clustered);
every other pair is negative. Precision = clustered positive pairs / clustered scored pairs; recall = clustered
positive pairs / positive pairs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from docpipe import __version__  # noqa: E402
from docpipe.config import NearDupSettings, Settings  # noqa: E402
from docpipe.export import DatasetWriter, read_table  # noqa: E402
from docpipe.export.dataset import latest_only  # noqa: E402
from docpipe.models import RunRecord, StructuredDocument  # noqa: E402
from docpipe.pipeline import extract_source  # noqa: E402

FIXTURE = REPO / "tests" / "fixtures" / "neardup" / "fanwen.jsonl"
SPLITS = REPO / "src" / "docpipe" / "data" / "eval_splits.json"
# The split's set name of each fixture file.
SPLIT_SETS = {"fanwen.jsonl": "neardup_fanwen", "copies.jsonl": "neardup_copies"}
THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


@dataclass(frozen=True)
class Score:
    threshold: float
    precision: float
    recall: float
    clustered: int  # scored pairs clustered
    positives: int
    related_clustered: int
    related: int


def load(path: Path = FIXTURE, part: str = "all") -> list[dict]:
    """The rows of a fixture, or of one part of its split ("tuning" / "validation")."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    if part == "all":
        return rows
    ids = json.loads(SPLITS.read_text(encoding="utf-8"))["sets"][SPLIT_SETS[path.name]]["ids"]
    return [r for r in rows if ids[r["id"]] == part]


def extract_all(rows: list[dict], workdir: Path) -> dict[str, StructuredDocument]:
    """fixture id → the document `docpipe extract` makes of its text."""
    docs: dict[str, StructuredDocument] = {}
    settings = Settings()
    for row in rows:
        path = workdir / f"{row['id']}.txt"
        path.write_text(row["text"], encoding="utf-8")
        doc = extract_source(str(path), settings)
        if isinstance(doc, StructuredDocument):
            docs[row["id"]] = doc
    return docs


def clusters_at(docs: dict[str, StructuredDocument], settings: NearDupSettings, out: str, batch: int) -> dict[str, str]:
    """fixture id → cluster id, from a dataset written with ``settings`` in one run."""
    ids = list(docs)
    writer = DatasetWriter(out, "score", near_dup=settings)
    for n, start in enumerate(range(0, len(ids), batch)):
        writer.write_batch(n, [docs[i] for i in ids[start : start + batch]], [])
    now = docs[ids[0]].fetched_at
    writer.finish(RunRecord(run_id="score", started_at=now, finished_at=now, docpipe_version=__version__))
    table = latest_only(read_table(out, "documents").select(["doc_id", "near_dup_of", "run_id", "ingested_at"]))
    cluster = {r["doc_id"]: r["near_dup_of"] or r["doc_id"] for r in table.to_pylist()}
    return {i: cluster[docs[i].doc_id] for i in ids}


def score(rows: list[dict], cluster: dict[str, str], threshold: float) -> Score:
    by_id = {r["id"]: r for r in rows if r["id"] in cluster}
    tp = clustered = positives = related = related_clustered = 0
    for a, b in itertools.combinations(sorted(by_id), 2):
        ra, rb = by_id[a], by_id[b]
        same_group = ra["group"] == rb["group"]
        together = cluster[a] == cluster[b]
        if same_group and "related" in (ra["label"], rb["label"]):
            related += 1
            related_clustered += together
            continue
        positive = same_group and ra["label"] == rb["label"] == "copy"
        positives += positive
        clustered += together
        tp += positive and together
    return Score(
        threshold,
        precision=tp / clustered if clustered else 1.0,
        recall=tp / positives if positives else 1.0,
        clustered=clustered,
        positives=positives,
        related_clustered=related_clustered,
        related=related,
    )


def run(
    thresholds: tuple[float, ...] = THRESHOLDS, batch: int = 16, fixture: Path = FIXTURE, measure: str = "containment",
    part: str = "all", verify: bool = True,
) -> tuple[list[Score], int, int]:
    rows = load(fixture, part)
    with tempfile.TemporaryDirectory() as tmp:
        docs = extract_all(rows, Path(tmp))
        scores = []
        for t in thresholds:
            settings = NearDupSettings(threshold=t, measure=measure, verify=verify)
            cluster = clusters_at(docs, settings, str(Path(tmp) / f"out-{measure}-{t}"), batch)
            scores.append(score(rows, cluster, t))
    return scores, len(rows), len(docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fixture", type=Path, default=FIXTURE)
    parser.add_argument("--thresholds", default=",".join(str(t) for t in THRESHOLDS))
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--measures", default="containment,jaccard", help="of the unverified comparisons ('' for none)")
    parser.add_argument("--parts", default="tuning,validation,all")
    args = parser.parse_args()
    thresholds = tuple(float(t) for t in args.thresholds.split(","))
    defaults = NearDupSettings()
    configs = [(defaults.measure, True)] + [(m, False) for m in args.measures.split(",") if m]
    for part, (measure, verify) in itertools.product(args.parts.split(","), configs):
        scores, n_rows, n_docs = run(thresholds, args.batch, args.fixture, measure, part, verify)
        print(f"part {part}, measure {measure}{' (verified on the texts)' if verify else ' (signature estimate only)'}: "
              f"{n_docs} of {n_rows} texts extracted; {scores[0].positives} positive pairs, "
              f"{scores[0].related} related pairs (not scored)")
        print()
        print("| threshold | precision | recall | clustered pairs | related pairs clustered |")
        print("|---:|---:|---:|---:|---:|")
        for s in scores:
            default = abs(s.threshold - defaults.threshold) < 1e-9 and measure == defaults.measure and verify == defaults.verify
            mark = " (default)" if default else ""
            print(f"| {s.threshold:.2f}{mark} | {s.precision:.3f} | {s.recall:.3f} | {s.clustered} | {s.related_clustered} / {s.related} |")
        print()

if __name__ == "__main__":
    main()
