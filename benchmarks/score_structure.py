"""Score the structure stage on labelled documents.

    .venv/bin/python benchmarks/score_structure.py [FIXTURE_DIR] [--details]

FIXTURE_DIR defaults to tests/fixtures/structure (documents NAME.txt/.html with labels
NAME.json). Prints heading F1, level accuracy, inline-point F1, doc_type accuracy and the
share of noise strings left in the body, against the issue-4 targets. Definitions:
docpipe.structure.scoring.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from docpipe.structure.scoring import score_directory

REPO = Path(__file__).resolve().parent.parent
TARGETS = {
    "heading_f1": (">=", 0.95),
    "level_accuracy": (">=", 0.95),
    "item_f1": (">=", 0.90),
    "doc_type_accuracy": (">=", 0.90),
    "noise_left": ("<", 0.02),
}


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    directory = Path(args[0]) if args else REPO / "tests" / "fixtures" / "structure"
    started = time.perf_counter()
    report = score_directory(directory)
    seconds = time.perf_counter() - started
    summary = report.summary()
    print(f"structure scores on {summary['documents']} documents in {directory} ({seconds:.2f} s)")
    print(f"{'metric':<20}{'value':>8}  target")
    ok = True
    for name, (op, target) in TARGETS.items():
        value = summary[name]
        met = value >= target if op == ">=" else value < target
        ok &= met
        print(f"{name:<20}{value:>8.3f}  {op} {target}  {'ok' if met else 'MISSED'}")
    print(f"headings: {report.headings.tp} matched / {report.headings.gold} labelled / {report.headings.pred} predicted; "
          f"items: {report.items.tp} / {report.items.gold} / {report.items.pred}; noise strings: {report.noise}")
    if "--details" in argv:
        for detail in report.per_doc:
            print(json.dumps(detail, ensure_ascii=False))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
