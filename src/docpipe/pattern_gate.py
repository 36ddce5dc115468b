"""Character gates of regular expressions: what a line must contain before a pattern can match it.

Most chrome and structure patterns are written for Chinese text: every match holds an ideograph
or a CJK punctuation mark. Searching an English line with them costs a scan of every position
and can never succeed. `gate(pattern)` reads the pattern's parsed form (the `re` module's own
parser) and derives necessary conditions, each of the form "the line holds one of these few
characters below U+2E80, or (where the pattern allows it) any character from U+2E80 up". A line
that fails a condition is not searched: the answer is known to be "no match".

The conditions are necessary by construction, never heuristic: a pattern element the analysis
does not model exactly (a negated class, a category, a back-reference, a local flag other than
IGNORECASE, a case-insensitive class with cased characters) gives no condition, which can only
make a gate weaker, never wrong. So `Gate.allows(line) is False` implies
`pattern.search(line) is None` for every line.
"""

from __future__ import annotations

from docpipe import regex_cache as re  # re, its compiled patterns kept between processes
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from pathlib import Path

from re import _constants as C  # noqa: N812 - the re module's own opcode names
from re import _parser

# Characters from here up are "high": CJK radicals, kana, ideographs, CJK and full-width
# punctuation, hangul… (Latin, Greek, Cyrillic, general punctuation and symbols lie below).
HIGH = "\u2e80"
# A condition listing more low characters than this is too weak to pay for its test.
MAX_LOW_CHARS = 6
# A branch whose alternatives' conditions multiply out to more than this keeps one condition
# (the union of each alternative's strongest one).
MAX_CROSS = 16

_HIGH_CP = ord(HIGH)


@dataclass(frozen=True)
class Clause:
    """The line holds one of `low` (characters below HIGH), or `high` and a character >= HIGH."""

    low: frozenset[str]
    high: bool

    def weight(self) -> tuple[int, bool]:
        return len(self.low), self.high


@dataclass(frozen=True)
class Gate:
    clauses: tuple[Clause, ...]

    def allows(self, line: str, high: bool | None = None) -> bool:
        """False only when no match is possible. `high`: whether the line holds a character
        >= HIGH, when the caller already knows (it is computed otherwise)."""
        if not self.clauses:
            return True
        if high is None:
            high = has_high(line)
        for clause in self.clauses:
            if clause.high and high:
                continue
            if not any(c in line for c in clause.low):
                return False
        return True

    def checks(self, high: bool) -> tuple[str, ...] | None:
        """The gate for lines that do (`high`) or do not hold a character >= HIGH, as the
        strings of characters of which the line must hold one each; None when no such line
        can match. (Callers that sort their patterns by the two cases once test a line with
        `holds`, the cheapest form.)"""
        out: list[str] = []
        for clause in self.clauses:
            if clause.high and high:
                continue
            if not clause.low:
                return None
            out.append("".join(sorted(clause.low)))
        return tuple(out)


def holds(line: str, checks: tuple[str, ...]) -> bool:
    """Whether the line holds one character of each string of `checks` (Gate.checks)."""
    for chars in checks:
        for c in chars:
            if c in line:
                break
        else:
            return False
    return True


_HIGH_CHAR = re.compile(f"[{HIGH}-\U0010ffff]").search


def has_high(line: str) -> bool:
    """Whether the line holds a character >= HIGH (an ASCII line is known at once; a scan in C
    otherwise: max(line) walks the characters in Python, 5 µs a line)."""
    return not line.isascii() and _HIGH_CHAR(line) is not None


@lru_cache(maxsize=1)
def _low_case_variants() -> dict[int, tuple[int, ...]]:
    """lowercase code point -> the code points below HIGH whose lowercase it is (what a
    case-insensitive literal matches, by the `re` engine's own folding)."""
    import _sre

    lowers = list(map(_sre.unicode_tolower, range(_HIGH_CP)))
    inverse: dict[int, list[int]] = {}
    for cp in [cp for cp, lower in enumerate(lowers) if lower != cp]:
        inverse.setdefault(lowers[cp], []).append(cp)
    # (a character that is its own lowercase is added by the caller)
    return {k: tuple(v) for k, v in inverse.items()}


def _literal_clause(cp: int, ignorecase: bool) -> Clause:
    import _sre

    if not (ignorecase and _sre.unicode_iscased(cp)):
        return Clause(frozenset({chr(cp)}), False) if cp < _HIGH_CP else Clause(frozenset(), True)
    # Case-insensitive and cased: every character that folds like it (and the re module's
    # extra folds). A fold from above HIGH is not enumerated: the clause accepts any high char.
    from re._casefix import _EXTRA_CASES

    lower = _sre.unicode_tolower(cp)
    folds = {lower, *_EXTRA_CASES.get(lower, ())}
    low: set[str] = set()
    for f in folds:
        low.update(chr(v) for v in _low_case_variants().get(f, ()))
        if f < _HIGH_CP:
            low.add(chr(f))
    if cp < _HIGH_CP:
        low.add(chr(cp))
    return Clause(frozenset(low), True)


def _class_clause(items: list[tuple[object, object]], ignorecase: bool) -> Clause | None:
    import _sre

    low: set[str] = set()
    high = False
    for op, av in items:
        if op is C.LITERAL:
            spans = [(av, av)]
        elif op is C.RANGE:
            spans = [av]  # type: ignore[list-item]
        else:  # NEGATE, CATEGORY, RANGE_UNI_IGNORE…: not modelled
            return None
        for lo, hi in spans:  # type: ignore[misc]
            if ignorecase and any(map(_sre.unicode_iscased, range(lo, hi + 1))):
                return None
            if hi >= _HIGH_CP:
                high = True
            if lo < _HIGH_CP:
                top = min(hi, _HIGH_CP - 1)
                if top - lo + 1 + len(low) > MAX_LOW_CHARS:
                    return None
                low.update(chr(v) for v in range(lo, top + 1))
    return Clause(frozenset(low), high)


def _union(clauses: tuple[Clause, ...]) -> Clause | None:
    low = frozenset().union(*(c.low for c in clauses))
    if len(low) > MAX_LOW_CHARS:
        return None
    return Clause(low, any(c.high for c in clauses))


def _strongest(clauses: list[Clause]) -> Clause:
    return min(clauses, key=Clause.weight)


def _clauses(sub: _parser.SubPattern | list, ignorecase: bool) -> list[Clause]:
    """Necessary conditions of a match of the sequence `sub` (every one of them must hold)."""
    out: list[Clause] = []
    for op, av in sub:
        if op is C.LITERAL:
            out.append(_literal_clause(av, ignorecase))
        elif op is C.IN:
            clause = _class_clause(av, ignorecase)
            if clause is not None:
                out.append(clause)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, _hi, body = av
            if lo >= 1:
                out.extend(_clauses(body, ignorecase))
        elif op is C.SUBPATTERN:
            _group, add, delete, body = av
            if (add | delete) & ~C.SRE_FLAG_IGNORECASE:
                continue  # another local flag (ASCII, LOCALE, …): not modelled
            ic = (ignorecase or bool(add & C.SRE_FLAG_IGNORECASE)) and not delete & C.SRE_FLAG_IGNORECASE
            out.extend(_clauses(body, ic))
        elif op is C.ATOMIC_GROUP:
            out.extend(_clauses(av, ignorecase))
        elif op is C.BRANCH:
            alternatives = [_clauses(alt, ignorecase) for alt in av[1]]
            if not all(alternatives):
                continue  # an alternative with no condition: the branch gives none
            count = 1
            for alt in alternatives:
                count *= len(alt)
            if count <= MAX_CROSS:
                # (A1 and A2) or (B1) == (A1 or B1) and (A2 or B1)
                for combo in product(*alternatives):
                    clause = _union(combo)
                    if clause is not None:
                        out.append(clause)
            else:
                clause = _union(tuple(_strongest(alt) for alt in alternatives))
                if clause is not None:
                    out.append(clause)
        # AT, ASSERT, ASSERT_NOT, GROUPREF, ANY, NOT_LITERAL, CATEGORY…: no condition
    return out


def _source_hash() -> str | None:
    try:
        return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    except OSError:  # (no source beside the bytecode: nothing to key kept gates by)
        return None


# The kind under which gates are kept between processes (docpipe/regex_cache.py): derived by
# this module's code, so keyed by a hash of it (parsing a pattern again for its gate was ≈ 35 ms
# of start-up for the ~40 gated patterns).
_KEPT_KIND = None if (digest := _source_hash()) is None else "pattern_gate " + digest


def gate(pattern: re.Pattern[str]) -> Gate:
    """The necessary conditions of `pattern.search(line)` succeeding (see the module docstring)."""
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.ASCII | re.LOCALE):
        return Gate(())
    if _KEPT_KIND is None:
        return _derive(pattern)
    kept = re.derived(_KEPT_KIND, pattern, lambda: tuple((c.low, c.high) for c in _derive(pattern).clauses))
    try:
        return Gate(tuple(Clause(frozenset(low), bool(high)) for low, high in kept))
    except (TypeError, ValueError):  # a damaged entry: derived again
        return _derive(pattern)


def _derive(pattern: re.Pattern[str]) -> Gate:
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    ignorecase = bool(parsed.state.flags & re.IGNORECASE)
    clauses = _clauses(parsed, ignorecase)
    # Keep the distinct ones, strongest first, and none implied by a stronger one.
    kept: list[Clause] = []
    for clause in sorted(set(clauses), key=Clause.weight):
        if not any(k.low <= clause.low and (clause.high or not k.high) for k in kept):
            kept.append(clause)
    return Gate(tuple(kept))


class Opening:
    """A pattern's gate in its cheapest form: `may_match(line)` is False only when
    `pattern.search(line)` (or match, fullmatch, finditer) can find nothing."""

    __slots__ = ("pattern", "_checks")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        g = gate(pattern)
        self._checks = (g.checks(False), g.checks(True))

    def may_match(self, line: str, high: bool | None = None) -> bool:
        checks = self._checks[has_high(line) if high is None else high]
        return checks is not None and (not checks or holds(line, checks))

