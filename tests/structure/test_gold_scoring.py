"""The structure_real scorer (benchmarks/score_structure.py): the matching rules SOURCES.md states."""

from __future__ import annotations

from docpipe.structure.scoring import GoldReport, score_gold_document

LABEL = {
    "id": "d1",
    "title": "关于加强安全生产工作的通知",
    "doc_type": "通知",
    "headings": [
        {"level": 1, "marker": "一、", "text": "提高思想认识切实加强领导"},
        {"level": 2, "marker": "(一)", "text": "落实主体责任"},
    ],
    "items": [{"marker": "一是", "text": "加强巡查"}],
    "noise": ["上一篇:关于", "浏览量"],
}


def _score(exported: dict) -> dict[str, float]:
    report = GoldReport()
    score_gold_document(exported, LABEL, report)
    return report.summary()


def test_a_perfect_export_scores_one_with_width_folded_markers() -> None:
    exported = {
        "title": "关于加强安全生产工作的通知",
        "doc_type": "通知",
        # full-width parentheses and a longer text still match: NFKC marker, first 6 characters
        "headings": [{"level": 1, "marker": "一、", "text": "提高思想认识切实加强领导工作"},
                     {"level": 2, "marker": "（一）", "text": "落实主体责任"}],
        "items": [{"marker": "一是", "text": "加强巡查力度"}],
        "text": "正文",
    }
    s = _score(exported)
    assert s["title_accuracy"] == 1.0 and s["doc_type_accuracy"] == 1.0
    assert s["heading_f1"] == 1.0 and s["level_accuracy"] == 1.0 and s["item_f1"] == 1.0
    assert s["noise_left"] == 0.0


def test_misses_wrong_levels_wrong_title_and_noise_left_count() -> None:
    exported = {
        "title": "各位领导、同志们",
        "doc_type": "其他",
        "headings": [{"level": 2, "marker": "一、", "text": "提高思想认识切实加强领导"},
                     {"level": 1, "marker": "1.", "text": "3月5日召开会议"}],
        "items": [],
        "text": "正文 上一篇:关于某某 浏览量 12",
    }
    s = _score(exported)
    assert s["title_accuracy"] == 0.0 and s["doc_type_accuracy"] == 0.0
    assert s["heading_f1"] == 0.5  # 1 of 2 gold matched, 1 of 2 predicted right
    assert s["level_accuracy"] == 0.0  # the matched heading has the wrong level
    assert s["item_f1"] == 0.0
    # only noise strings of >= 4 characters count: 上一篇:关于 is left in, 浏览量 is too short to count
    assert s["noise_left"] == 1.0
