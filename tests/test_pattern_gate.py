"""docpipe.pattern_gate: a gate that says "cannot match" is never wrong, and it does say so.

Lines are the texts of real pages kept in tests/fixtures (the WCXB truth texts, the truth of the
cwced_zh and scrapinghub_aeb subset, the structure_real_extra raw texts); patterns are every
compiled pattern of docpipe.patterns.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from docpipe import pattern_gate, patterns

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCES = (
    FIXTURES / "wcxb" / "truth.jsonl",
    FIXTURES / "eval_subset" / "cwced_zh" / "truth.jsonl",
    FIXTURES / "eval_subset" / "scrapinghub_aeb" / "truth.jsonl",
    FIXTURES / "structure_real_extra" / "gold.jsonl",
)
ALL_PATTERNS = [(name, value) for name, value in vars(patterns).items() if isinstance(value, re.Pattern)] + [
    (f"NOISE_CHROME_LINES[{reason}]", value) for reason, value in patterns.NOISE_CHROME_LINES
]
# The ones whose gate is closed to some lines (the others are open to every line).
GATED = [(name, p) for name, p in ALL_PATTERNS if pattern_gate.gate(p).clauses]
# (lines up to this length: the test runs every gated pattern over every line)
MAX_LINE_CHARS = 400


def _lines() -> list[str]:
    out: list[str] = []
    for path in SOURCES:
        for row in map(json.loads, filter(None, path.read_text(encoding="utf-8").splitlines())):
            text = row.get("text") or row.get("raw_text") or ""
            out.extend(line.strip() for line in text.splitlines() if 0 < len(line.strip()) <= MAX_LINE_CHARS)
    return out


LINES = _lines()


def test_the_lines_cover_both_scripts() -> None:
    high = sum(1 for line in LINES if pattern_gate.has_high(line))
    assert high >= 200 and len(LINES) - high >= 200


def test_most_patterns_have_a_gate() -> None:
    assert len(GATED) >= len(ALL_PATTERNS) // 2


@pytest.mark.parametrize(("name", "pattern"), GATED, ids=[n for n, _ in GATED])
def test_a_closed_gate_means_no_match(name: str, pattern: re.Pattern[str]) -> None:
    gate = pattern_gate.gate(pattern)
    by_script = {high: gate.checks(high) for high in (False, True)}
    for line in LINES:
        high = pattern_gate.has_high(line)
        checks = by_script[high]
        closed = checks is None or not pattern_gate.holds(line, checks)
        assert closed == (not gate.allows(line)), (name, line)
        if closed:
            assert pattern.search(line) is None, (name, line)


def test_chinese_chrome_patterns_are_not_run_on_latin_lines() -> None:
    """Every whole-line chrome pattern written for Chinese is closed to a line without a CJK
    character; the css one needs ':' and one of ';' '{'."""
    gates = {reason: pattern_gate.gate(p) for reason, p in patterns.NOISE_CHROME_LINES}
    for reason in ("paywall", "credit", "widget", "collection_label", "example_label", "adjacent_link"):
        assert gates[reason].checks(False) is None, reason
        assert gates[reason].checks(True) == (), reason
    assert set(gates["css"].checks(False) or ()) >= {":", ";{"}
    english = [line for line in LINES if not pattern_gate.has_high(line)]
    assert sum(not gates["css"].allows(line) for line in english) > 0.9 * len(english)


def test_case_insensitive_literals_keep_every_fold() -> None:
    # "k" matches the Kelvin sign K under IGNORECASE, "s" the long s ſ: both stay open.
    gate = pattern_gate.gate(re.compile("k", re.I))
    assert gate.allows("\u212a") and gate.allows("K") and gate.allows("k")
    assert re.compile("k", re.I).search("\u212a")
    assert pattern_gate.gate(re.compile("s", re.I)).allows("\u017f")
    assert not gate.allows("MB")


def test_unmodelled_elements_give_no_condition() -> None:
    # A negated class, a category and a back-reference say nothing about the characters present.
    for source in (r"[^a]", r"\d", r"(a)?\1", r"(?a:x)", r"x?"):
        assert pattern_gate.gate(re.compile(source)).clauses == (), source
