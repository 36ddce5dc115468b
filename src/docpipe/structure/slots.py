"""Template slots left in 范文 (X县, XX同志, 202x年, ***镇, ____, ××), references in 《》 and
short quoted terms in “” (「」『』 in traditional texts)."""

from __future__ import annotations

from docpipe import patterns
from docpipe.structure.normalize import fold_width



def _is_cjk(ch: str) -> bool:
    """Chinese text around a slot: ideographs and full-width punctuation (联系人：XXX，)."""
    return bool(ch) and ord(ch) > 0x2E7F


def _dedup(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def find_placeholders(text: str) -> tuple[str, ...]:
    """Placeholders in order of first appearance, as written (X县, XX同志, 202x年, ***镇, ____)."""
    folded = fold_width(text)  # ＸＸ县 / ＿＿＿ are the same slots
    found: list[tuple[int, str]] = []
    years = [(m.start(), m.end()) for m in patterns.STRUCT_PLACEHOLDER_YEAR.finditer(folded)]
    for start, end in years:
        found.append((start, text[start:end]))
    for m in patterns.STRUCT_PLACEHOLDER_RUN.finditer(folded):
        if any(s <= m.start() < e for s, e in years):
            continue
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end("run")] if m.end("run") < len(text) else ""
        run = m.group("run")
        if m.group("suffix"):
            found.append((m.start(), text[m.start():m.end()]))
        elif (_is_cjk(before) or _is_cjk(after)) and (len(run) >= 2 or run[0] in "*□○"):
            # "县长XX，" / "XXX同志" without a known suffix: the run itself is the slot; a lone
            # X next to Chinese ("X光") is a word, not a slot.
            found.append((m.start(), text[m.start("run"):m.end("run")]))
    for m in patterns.STRUCT_PLACEHOLDER_BLANK.finditer(folded):
        found.append((m.start(), text[m.start():m.end()]))
    found.sort()
    return _dedup([v for _, v in found])


def find_references(text: str) -> tuple[str, ...]:
    return _dedup([m.group("ref").strip() for m in patterns.STRUCT_REFERENCE.finditer(text)])


def find_quoted_terms(text: str) -> tuple[str, ...]:
    return _dedup([m.group("term").strip() for m in patterns.STRUCT_QUOTED.finditer(text)])
