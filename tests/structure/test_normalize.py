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


def test_the_gated_and_cached_view_is_the_full_conversion_of_every_fixture_line() -> None:
    """Latin-only lines skip folding and OpenCC, lines without a Han character skip OpenCC and
    views are cached: each must still equal folding + OpenCC run in full."""
    from docpipe.structure.normalize import _FOLD, _t2s
    from tests.conftest import FIXTURES

    def full(text: str) -> str:
        folded = text.translate(_FOLD)
        converted = _t2s().convert(folded) if folded else folded
        if len(converted) != len(folded):
            converted = "".join(c if len(c := _t2s().convert(ch)) == 1 else ch for ch in folded)
        return converted

    lines = {line for path in sorted((FIXTURES / "structure").glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()}
    assert any(line.isascii() and line.strip() for line in lines) and any(not line.isascii() for line in lines)
    for _ in range(2):  # the second round is answered from the cache
        for line in sorted(lines):
            assert analysis_view(line) == full(line), line
