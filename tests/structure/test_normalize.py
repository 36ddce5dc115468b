"""The analysis view: width folding and traditional → simplified, position for position."""

from __future__ import annotations

from docpipe.structure.normalize import analysis_view, fold_marker, to_simplified


def test_analysis_view_keeps_positions() -> None:
    text = "（一）講話，第一、「兩個維護」１．最後"
    view = analysis_view(text)
    assert view == "(一)讲话,第一、「两个维护」1.最后"
    assert len(view) == len(text)
    assert to_simplified("") == ""
    assert fold_marker("（ 一 ）") == "(一)"
