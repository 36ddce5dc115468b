"""patterns.py is the one home of docpipe's heuristics: each name defined once, each compiled."""

from __future__ import annotations

import ast
import re
from collections import Counter

import docpipe.patterns as patterns
from tests.conftest import REPO


def test_no_heuristic_is_defined_twice() -> None:
    # Two definitions of one name mean the first is silently dead (seen when parallel edits
    # re-added a section): the reviewer reads one rule while another one runs.
    tree = ast.parse((REPO / "src" / "docpipe" / "patterns.py").read_text(encoding="utf-8"))
    names: Counter[str] = Counter()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            if isinstance(target, ast.Name):
                names[target.id] += 1
    assert [name for name, n in names.items() if n > 1] == []


def test_regex_constants_are_compiled() -> None:
    public = {name: value for name, value in vars(patterns).items() if name.isupper() and not name.startswith("_")}
    assert len(public) > 40
    strings_that_look_like_regex = [
        name for name, value in public.items() if isinstance(value, str) and re.search(r"\\[dswb]|\(\?", value)
    ]
    assert strings_that_look_like_regex == []


def test_ideograph_ranges_are_what_the_ideograph_pattern_matches() -> None:
    # The learned scorer counts ideographs from IDEOGRAPH_RANGES; the metric and the structure
    # stage use the pattern: both must mean the same code points.
    for lo, hi in patterns.IDEOGRAPH_RANGES:
        assert all(patterns.IDEOGRAPH.fullmatch(chr(c)) for c in range(lo, hi + 1))
        assert not patterns.IDEOGRAPH.fullmatch(chr(lo - 1)) and not patterns.IDEOGRAPH.fullmatch(chr(hi + 1))
