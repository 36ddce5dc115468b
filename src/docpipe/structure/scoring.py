"""Scores of the structure stage against labelled documents (benchmarks/score_structure.py).

Definitions:
- heading F1: a predicted heading matches a labelled one when the markers are equal after width
  folding and the texts share their first characters (the label's text, at most
  HEADING_PREFIX characters, also folded); matching is one-to-one, in document order.
- level accuracy: share of matched headings with the labelled level.
- inline-point F1: the same for items (marker, and the first ITEM_PREFIX characters of the lead).
- doc_type accuracy: share of labelled documents with the labelled 文种 (null for English).
- noise left: share of the labelled noise strings still found in the body text.
Micro-averaged over all documents of the folder.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docpipe.clean import clean_document
from docpipe.config import Settings
from docpipe.fetch import fetch_source
from docpipe.models import Rejection, StructuredDocument
from docpipe.structure import structure_document
from docpipe.structure.normalize import fold_marker, fold_width

HEADING_PREFIX = 8
ITEM_PREFIX = 6
DOC_SUFFIXES = (".txt", ".html", ".htm")
_TRAIL = re.compile(r"[\s,、:;.]+$")


@dataclass
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def f1(self) -> float:
        if self.pred == 0 and self.gold == 0:
            return 1.0
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    headings: Counts = field(default_factory=Counts)
    items: Counts = field(default_factory=Counts)
    levels_right: int = 0
    doc_types_right: int = 0
    doc_types: int = 0
    noise_left: int = 0
    noise: int = 0
    documents: int = 0
    per_doc: list[dict[str, Any]] = field(default_factory=list)

    @property
    def level_accuracy(self) -> float:
        return self.levels_right / self.headings.tp if self.headings.tp else 1.0

    @property
    def doc_type_accuracy(self) -> float:
        return self.doc_types_right / self.doc_types if self.doc_types else 1.0

    @property
    def noise_share(self) -> float:
        return self.noise_left / self.noise if self.noise else 0.0

    def summary(self) -> dict[str, float]:
        return {
            "heading_f1": round(self.headings.f1, 4),
            "level_accuracy": round(self.level_accuracy, 4),
            "item_f1": round(self.items.f1, 4),
            "doc_type_accuracy": round(self.doc_type_accuracy, 4),
            "noise_left": round(self.noise_share, 4),
            "documents": self.documents,
        }


def fixtures(directory: Path) -> list[tuple[Path, dict[str, Any]]]:
    """(document, label) pairs: every NAME.txt/.html that has a NAME.json next to it."""
    pairs = []
    for path in sorted(directory.iterdir()):
        if path.suffix in DOC_SUFFIXES and path.with_suffix(".json").exists():
            pairs.append((path, json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))))
    return pairs


def structure_file(path: Path, settings: Settings | None = None) -> StructuredDocument | Rejection:
    settings = settings or Settings()
    fetched = fetch_source(str(path), settings)
    if isinstance(fetched, Rejection):
        return fetched
    cleaned = clean_document(fetched, settings)
    if isinstance(cleaned, Rejection):
        return cleaned
    return structure_document(cleaned, settings)


def _key_text(text: str, n: int) -> str:
    return "".join(fold_width(text).split())[:n]


def _match(
    gold: list[dict[str, Any]], pred: list[tuple[str, str, int | None]], prefix: int, strip: bool
) -> list[tuple[dict[str, Any], tuple[str, str, int | None]]]:
    """One-to-one matches in document order (greedy: each label takes the next fitting prediction).
    Heading markers are compared as written (folded); item markers without trailing punctuation."""

    def key(marker: str) -> str:
        return _TRAIL.sub("", fold_marker(marker)) if strip else fold_marker(marker)

    pairs = []
    start = 0
    for g in gold:
        g_marker = key(g["marker"])
        n = min(prefix, len(_key_text(g["text"], prefix)))
        g_text = _key_text(g["text"], n)
        for j in range(start, len(pred)):
            p_marker, p_text, _ = pred[j]
            if key(p_marker) == g_marker and _key_text(p_text, n) == g_text:
                pairs.append((g, pred[j]))
                start = j + 1
                break
    return pairs


def score_document(doc: StructuredDocument | Rejection, label: dict[str, Any], report: Report, name: str) -> None:
    report.documents += 1
    detail: dict[str, Any] = {"doc": name}
    if isinstance(doc, Rejection):
        detail["rejected"] = doc.reason
        report.headings.gold += len(label.get("headings", []))
        report.items.gold += len(label.get("items", []))
        report.per_doc.append(detail)
        return
    if "headings" in label:
        gold = label["headings"]
        pred = [(h.marker, h.text, h.level) for h in doc.headings]
        matched = _match(gold, pred, HEADING_PREFIX, strip=False)
        report.headings.tp += len(matched)
        report.headings.pred += len(pred)
        report.headings.gold += len(gold)
        report.levels_right += sum(1 for g, p in matched if g.get("level") == p[2])
        detail["headings"] = f"{len(matched)}/{len(gold)} gold, {len(pred)} predicted"
    if "items" in label:
        gold = label["items"]
        pred = [(i.marker, i.text, None) for i in doc.items]
        matched = _match(gold, pred, ITEM_PREFIX, strip=True)
        report.items.tp += len(matched)
        report.items.pred += len(pred)
        report.items.gold += len(gold)
        detail["items"] = f"{len(matched)}/{len(gold)} gold, {len(pred)} predicted"
    if "doc_type" in label:
        report.doc_types += 1
        report.doc_types_right += doc.doc_type == label["doc_type"]
        detail["doc_type"] = f"{doc.doc_type} (label {label['doc_type']})"
    for noise in label.get("noise", []):
        report.noise += 1
        if noise in doc.text:
            report.noise_left += 1
            detail.setdefault("noise_left", []).append(noise)
    report.per_doc.append(detail)


def score_directory(directory: Path, settings: Settings | None = None) -> Report:
    report = Report()
    for path, label in fixtures(directory):
        score_document(structure_file(path, settings), label, report, path.name)
    return report


# ---- gold files of real scraped texts (structure_real/gold.jsonl and files in its format) -----
#
# The scoring of ../shared/eval/structure_real/SOURCES.md, which the judging sets of this kind
# use: a heading matches when the NFKC-folded markers are equal and the first GOLD_HEADING_PREFIX
# characters of the texts (NFKC, whitespace removed) are equal; items likewise with
# GOLD_ITEM_PREFIX characters; micro F1 over all documents; level accuracy over matched headings;
# doc_type exact; title exact after NFKC and whitespace removal (a null label wants a null
# title; titled_accuracy is the same over labelled titles only, as the table counts it); noise left = share of the noise strings of at least GOLD_NOISE_MIN_CHARS characters
# found in the exported body text. Each raw_text goes through `docpipe extract` as a .txt file.

GOLD_HEADING_PREFIX = 6
GOLD_ITEM_PREFIX = 4
GOLD_NOISE_MIN_CHARS = 4


def _nfkc_key(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


@dataclass
class GoldReport(Report):
    """Report's micro counts, plus titles (every document of a gold file has a doc_type label)."""

    titles_right: int = 0
    titled: int = 0  # documents whose label has a title
    titled_right: int = 0

    def summary(self) -> dict[str, float]:
        return {
            **super().summary(),
            "title_accuracy": round(self.titles_right / self.documents, 4) if self.documents else 1.0,
            # The same over the documents whose label has a title (the issue-11 table's figure).
            "titled_accuracy": round(self.titled_right / self.titled, 4) if self.titled else 1.0,
        }


def _gold_matches(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], prefix: int
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """One-to-one matches: equal keys (marker, text prefix) pair up in document order."""

    def key(entry: dict[str, Any]) -> tuple[str, str]:
        return _nfkc_key(entry.get("marker")), _nfkc_key(entry.get("text"))[:prefix]

    waiting: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for p in pred:
        waiting.setdefault(key(p), []).append(p)
    pairs = []
    for g in gold:
        candidates = waiting.get(key(g))
        if candidates:
            pairs.append((g, candidates.pop(0)))
    return pairs


def score_gold_document(exported: dict[str, Any], label: dict[str, Any], report: GoldReport) -> None:
    """Add one exported `docpipe extract` object (its JSON, error or not) to the report."""
    report.documents += 1
    detail: dict[str, Any] = {"id": label["id"]}
    if exported.get("error"):
        detail["error"] = exported["error"]
    headings = list(exported.get("headings") or [])
    items = list(exported.get("items") or [])
    matched = _gold_matches(label["headings"], headings, GOLD_HEADING_PREFIX)
    report.headings.tp += len(matched)
    report.headings.pred += len(headings)
    report.headings.gold += len(label["headings"])
    wrong_levels = [(g["marker"], g["level"], p.get("level")) for g, p in matched if g["level"] != p.get("level")]
    report.levels_right += len(matched) - len(wrong_levels)
    matched_items = _gold_matches(label["items"], items, GOLD_ITEM_PREFIX)
    report.items.tp += len(matched_items)
    report.items.pred += len(items)
    report.items.gold += len(label["items"])
    doc_type_ok = exported.get("doc_type") == label["doc_type"]
    report.doc_types += 1
    report.doc_types_right += doc_type_ok
    title_ok = _nfkc_key(exported.get("title")) == _nfkc_key(label.get("title")) and (
        (exported.get("title") is None) == (label.get("title") is None)
    )
    report.titles_right += title_ok
    if label.get("title") is not None:
        report.titled += 1
        report.titled_right += title_ok
    body = exported.get("text") or ""
    left = [n for n in label["noise"] if len(n) >= GOLD_NOISE_MIN_CHARS and n in body]
    report.noise += sum(1 for n in label["noise"] if len(n) >= GOLD_NOISE_MIN_CHARS)
    report.noise_left += len(left)
    detail.update(
        headings=f"{len(matched)}/{len(label['headings'])} gold, {len(headings)} predicted",
        items=f"{len(matched_items)}/{len(label['items'])} gold, {len(items)} predicted",
    )
    if wrong_levels:
        detail["wrong_levels"] = wrong_levels
    if not doc_type_ok:
        detail["doc_type"] = f"{exported.get('doc_type')} (label {label['doc_type']})"
    if not title_ok:
        detail["title"] = f"{exported.get('title')!r} (label {label.get('title')!r})"
    if left:
        detail["noise_left"] = left
    report.per_doc.append(detail)
