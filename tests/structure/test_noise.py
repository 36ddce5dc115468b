"""Noise guard and the analysis view (width folding, traditional → simplified)."""

from __future__ import annotations

import pytest

from docpipe.structure.noise import strip_noise
from docpipe.structure.normalize import analysis_view, fold_marker, to_simplified

from .helpers import structure


@pytest.mark.parametrize(
    ("line", "clean"),
    [
        ("工作取得积极进展。) L. c9 R- ~' O6 L3 u", "工作取得积极进展。"),
        ("要求) L. c9 R- ~' O6 L3 u继续推进", "要求继续推进"),
        ("今天会议8W@~的任务", "今天会议的任务"),
        ("成立以局長(zhǎng)为组长的专班", "成立以局長为组长的专班"),
        ("落到实处。第 3 页 共 12 页", "落到实处。"),
        ("第 1 页 共 3 页", ""),
        ("- 2 -", ""),
        ("3/12", ""),
        ("17", ""),
        ("Page 2 of 5", ""),
        ("共5页", ""),
        ("上一页 1 2 3 下一页", ""),
        ("要求 ]# V& `. K5继续推进", "要求继续推进"),
        ("行 (háng)业", "行业"),
    ],
)
def test_noise_is_removed(line: str, clean: str) -> None:
    assert strip_noise(line) == clean


@pytest.mark.parametrize(
    "line",
    ["全年增长12.5%以上。", "I am a big fan of it.", "He is a man of his word.", "Pick one of A, B, C.", "首页设计", "推广TCP/IP协议和5G应用。", "一、总体要求", "（试行）办法"],
)
def test_text_is_kept(line: str) -> None:
    assert strip_noise(line) == line


def test_noise_never_becomes_headings_or_points() -> None:
    doc = structure("一、总体要求", "正文内容。I. c9 R- ~' O6 L3 u", "- 2 -", "1/5", "二、主要任务", "正文。")
    assert [h.marker for h in doc.headings] == ["一、", "二、"]
    assert "c9" not in doc.text and "1/5" not in doc.text


def test_analysis_view_keeps_positions() -> None:
    text = "（一）講話，第一、「兩個維護」１．最後"
    view = analysis_view(text)
    assert view == "(一)讲话,第一、「两个维护」1.最后"
    assert len(view) == len(text)
    assert to_simplified("") == ""
    assert fold_marker("（ 一 ）") == "(一)"
