"""The issue-4 scores on the labelled fixtures, with floors (benchmarks/score_structure.py)."""

from __future__ import annotations

from pathlib import Path

from docpipe.structure.scoring import Counts, score_directory

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "structure"


def test_scores_meet_the_targets() -> None:
    report = score_directory(FIXTURES)
    summary = report.summary()
    assert summary["documents"] >= 15
    assert summary["heading_f1"] >= 0.95, report.per_doc
    assert summary["level_accuracy"] >= 0.95, report.per_doc
    assert summary["item_f1"] >= 0.90, report.per_doc
    assert summary["doc_type_accuracy"] >= 0.90, report.per_doc
    assert summary["noise_left"] < 0.02, report.per_doc
    assert report.noise > 0 and report.headings.gold > 50 and report.items.gold > 50


def test_f1_arithmetic() -> None:
    assert Counts(tp=0, pred=0, gold=0).f1 == 1.0
    assert Counts(tp=0, pred=3, gold=0).f1 == 0.0
    assert abs(Counts(tp=2, pred=4, gold=2).f1 - 2 * 0.5 * 1.0 / 1.5) < 1e-9
