"""目录/提纲 blocks (docpipe.structure.toc) on real scraped texts (tests/fixtures/structure_pages)."""

from __future__ import annotations

from pathlib import Path

from docpipe.structure.toc import toc_run, toc_spans

from .helpers import extract_raw_text

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "structure_pages"
XINGCHENG = (PAGES / "xingcheng_water_pollution_plan_notice.txt").read_text(encoding="utf-8")


def _headings(doc: dict[str, object]) -> list[tuple[str, str]]:
    return [(str(h["marker"]), str(h["text"])) for h in doc["headings"]]  # type: ignore[attr-defined]


def test_a_table_of_contents_without_its_heading_is_neither_outline_nor_body() -> None:
    # 1 总则 / 1.1编制目的 / … / 8.2预案实施, then the body repeats 1 总则 / 1.1编制目的 with its text
    doc = extract_raw_text(XINGCHENG, "xingcheng")
    assert _headings(doc) == [("1.1", "编制目的"), ("1.2", "编制依据")]
    body = str(doc["text"])
    for entry in ("2.3市水污染事件现场指挥部", "4.4响应终止", "8.2预案实施"):
        assert entry not in body
    assert body.count("1.1编制目的") == 1 and "为建立健全兴城市突发水污染事件应急响应机制" in body


def test_a_run_of_numbered_lines_that_never_recurs_is_kept() -> None:
    # The same run with the body cut off below it: nothing says it is a table of contents
    # (a 主持词 agenda, a list of schedule lines), so its lines stay headings.
    cut = XINGCHENG[: XINGCHENG.index("8.2预案实施") + len("8.2预案实施")]
    lines = [line.strip() for line in cut.splitlines() if line.strip()]
    assert toc_run(lines) is None
    doc = extract_raw_text(cut, "xingcheng_cut")
    assert ("4.4", "响应终止") in _headings(doc)


def test_the_run_ends_where_the_body_repeats_its_first_entry() -> None:
    lines = [line.strip() for line in XINGCHENG.splitlines() if line.strip()]
    (start, end), = toc_spans(lines)
    assert lines[start] == "1 总则" and lines[end - 1] == "8.2预案实施" and lines[end] == "1 总则"


def test_the_run_length_is_a_setting() -> None:
    # [structure] toc_run_min_entries: a run of 40 entries is not a table of contents when 50 are asked for
    from docpipe.config import Settings, StructureSettings
    from docpipe.structure import structure_document

    from .helpers import make_doc

    lines = [line.strip() for line in XINGCHENG.splitlines() if line.strip()]
    doc = make_doc(*lines)
    strict = Settings(structure=StructureSettings(toc_run_min_entries=50))
    kept = structure_document(doc, strict)
    default = structure_document(doc, Settings())
    assert len(kept.headings) > len(default.headings) and ("4.4", "响应终止") in [  # type: ignore[union-attr]
        (h.marker, h.text) for h in kept.headings]  # type: ignore[union-attr]


def test_the_length_read_from_a_line_end_never_exceeds_what_the_leader_tail_keeps() -> None:
    # A line is judged too long for an entry from the end without its leader characters before
    # the leader-tail substitution runs (a speed gate): on every real line that length is at most
    # the substituted one, so no entry is lost to the gate.
    from docpipe.structure.normalize import analysis_view
    from docpipe.structure.toc import _LEADER_TAIL, _kept_at_least

    lines = [line.strip() for path in sorted(PAGES.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [analysis_view(line) for line in lines if line]
    assert any(_LEADER_TAIL.search(line) for line in lines)  # the texts do hold leader tails
    for line in lines:
        assert _kept_at_least(line) <= len(_LEADER_TAIL.sub("", line)), line
