"""Score the structure stage on labelled documents.

    .venv/bin/python benchmarks/score_structure.py GOLD.jsonl [GOLD2.jsonl …] [--set NAME] [--details]
    .venv/bin/python benchmarks/score_structure.py FIXTURE_DIR [--details]

Gold files (the format of ../shared/eval/structure_real/gold.jsonl: id, url, raw_text, title,
doc_type, salutation, headings, items, noise, notes; a folder holding a gold.jsonl also works):
each raw_text is written to a temporary .txt file and run through the path of `docpipe extract`
(extract_source, then the exported JSON of document_json), and the export is scored as
../shared/eval/structure_real/SOURCES.md describes (docpipe.structure.scoring.score_gold_document): heading F1, level accuracy,
item F1, doc_type, title and noise left. When the set has a fixed split in
src/docpipe/data/eval_splits.json (the set name is the gold file's folder name, or --set), the
table has one row for the tuning part, one for the validation part and one for all documents.
--details prints per-document misses of the tuning part only (validation is scored, not read).

Fixture folders (NAME.txt/.html with labels NAME.json, tests/fixtures/structure and
structure_holdout) are scored with the fixture definitions of score_directory, as before.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from docpipe.cli import document_json
from docpipe.config import Settings
from docpipe.evaluate import split_parts
from docpipe.pipeline import extract_source
from docpipe.structure.scoring import GoldReport, score_directory, score_gold_document

REPO = Path(__file__).resolve().parent.parent
# The structure stage's targets (validation part and whole set).
TARGETS = {
    "heading_f1": (">=", 0.95),
    "level_accuracy": (">=", 0.95),
    "item_f1": (">=", 0.90),
    "doc_type_accuracy": (">=", 0.90),
    "title_accuracy": (">=", 0.90),
    "titled_accuracy": (">=", 0.90),
    "noise_left": ("<=", 0.02),
}
COLUMNS = ("heading_f1", "level_accuracy", "item_f1", "doc_type_accuracy", "title_accuracy", "titled_accuracy",
           "noise_left")
# "title": every document (a null label wants a null title); "titled": documents with a title label.
HEADERS = ("heading F1", "level", "item F1", "doc_type", "title", "title (titled docs)", "noise left")


def load_gold(path: Path) -> list[dict[str, Any]]:
    if path.is_dir():
        path = path / "gold.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def export_all(labels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each raw_text as `docpipe extract <id>.txt` would export it."""
    settings = Settings()
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for label in labels:
            path = Path(tmp) / f"{label['id']}.txt"
            path.write_text(label["raw_text"], encoding="utf-8")
            out.append(document_json(extract_source(str(path), settings)))
    return out


def score_gold(paths: list[Path], set_name: str | None, details: bool) -> int:
    labels = [label for path in paths for label in load_gold(path)]
    name = set_name or (paths[0].name if paths[0].is_dir() else paths[0].parent.name)
    part = split_parts(name)
    started = time.perf_counter()
    exported = export_all(labels)
    seconds = time.perf_counter() - started
    reports: dict[str, GoldReport] = {}
    rows = (["tuning", "validation"] if part else []) + ["all"]
    for row in rows:
        reports[row] = GoldReport()
    for label, doc in zip(labels, exported):
        if part.get(label["id"]) in reports:
            score_gold_document(doc, label, reports[part[label["id"]]])
        score_gold_document(doc, label, reports["all"])
    print(f"structure scores on {len(labels)} documents of {', '.join(map(str, paths))} "
          f"(set {name}{'' if part else ', no fixed split'}; extract {seconds:.2f} s)")
    print(f"| part | documents | {' | '.join(HEADERS)} |")
    print("|---|---:|" + "---:|" * len(HEADERS))
    for row in rows:
        s = reports[row].summary()
        print(f"| {row} | {s['documents']} | " + " | ".join(f"{s[c]:.3f}" for c in COLUMNS) + " |")
    print("targets: " + ", ".join(f"{c} {op} {t}" for c, (op, t) in TARGETS.items()))
    ok = True
    for row in rows:
        s = reports[row].summary()
        missed = [c for c, (op, t) in TARGETS.items() if not (s[c] >= t if op == ">=" else s[c] <= t)]
        ok &= not missed
        r = reports[row]
        print(f"{row}: headings {r.headings.tp} matched / {r.headings.gold} labelled / {r.headings.pred} predicted; "
              f"items {r.items.tp} / {r.items.gold} / {r.items.pred}; noise strings {r.noise_left} left of {r.noise}; "
              f"missed: {', '.join(missed) or 'none'}")
    if details:
        # Per-document details of the tuning part only (and of sets without a split): the
        # validation part is scored, never read document by document.
        for detail in reports["all"].per_doc:
            if part.get(detail["id"], "tuning") == "tuning":
                print(json.dumps(detail, ensure_ascii=False))
    return 0 if ok else 1


def score_fixture_dir(directory: Path, details: bool) -> int:
    started = time.perf_counter()
    report = score_directory(directory)
    seconds = time.perf_counter() - started
    summary = report.summary()
    print(f"structure scores on {summary['documents']} documents in {directory} ({seconds:.2f} s)")
    for name in ("heading_f1", "level_accuracy", "item_f1", "doc_type_accuracy", "noise_left"):
        print(f"{name:<20}{summary[name]:>8.3f}")
    print(f"headings: {report.headings.tp} matched / {report.headings.gold} labelled / {report.headings.pred} predicted; "
          f"items: {report.items.tp} / {report.items.gold} / {report.items.pred}; noise strings: {report.noise}")
    if details:
        for detail in report.per_doc:
            print(json.dumps(detail, ensure_ascii=False))
    return 0


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="score_structure.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", type=Path, help="gold .jsonl files, or a folder holding gold.jsonl or fixtures")
    parser.add_argument("--set", dest="set_name", help="split name in eval_splits.json (default: the gold file's folder name)")
    parser.add_argument("--details", action="store_true", help="per-document misses of the tuning part")
    args = parser.parse_args(argv)
    paths: list[Path] = args.paths or [REPO / "tests" / "fixtures" / "structure"]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        parser.error(f"no such gold file or folder: {', '.join(missing)}")
    if paths[0].is_dir() and not (paths[0] / "gold.jsonl").exists():
        return score_fixture_dir(paths[0], args.details)
    return score_gold(paths, args.set_name, args.details)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
