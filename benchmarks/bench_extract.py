#!/usr/bin/env python3
"""Main-content extraction speed and quality: docpipe vs trafilatura (and readability),
same pages, same process, one after the other, single thread.

usage: python benchmarks/bench_extract.py [SET_DIR ...] [--limit N] [--repeat R]
Default sets: ../shared/eval/{cwced_zh,scrapinghub_aeb,cleaneval_final_en} next to the repo.
Prints one row per set and extractor (F1 by the project's metric, pages/s) and the speed
ratio docpipe / other. Each extractor's time is the sum of its per-page extraction times
(parsing included, file reading excluded); with --repeat R the best of R passes is kept.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from docpipe.evaluate import EXTRACTORS, load_set, run_extractor  # noqa: E402

DEFAULT_SETS = ("cwced_zh", "scrapinghub_aeb", "cleaneval_final_en")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--others", default="trafilatura,readability")
    args = parser.parse_args(argv)
    sets = args.sets or [REPO.parent / "shared" / "eval" / name for name in DEFAULT_SETS]
    sets = [s for s in sets if (s / "truth.jsonl").exists()]
    if not sets:
        print("no evaluation sets found (pass SET_DIR)", file=sys.stderr)
        return 2
    names = ["docpipe", *[o.strip() for o in args.others.split(",") if o.strip()]]
    header = f"| set | pages | MB | extractor | F1 | pages/s | docpipe speed ratio |"
    print(header)
    print("|---|---:|---:|---|---:|---:|---:|")
    for set_dir in sets:
        pages = load_set(set_dir, args.limit)
        mb = sum(len(p.html.encode("utf-8")) for p in pages) / 1e6
        results = {}
        for name in names:
            best = None
            for _ in range(max(1, args.repeat)):
                result = run_extractor(name, EXTRACTORS[name], pages)
                if best is None or result.seconds < best.seconds:
                    best = result
            results[name] = best
        ours = results["docpipe"].pages_per_second
        for name in names:
            r = results[name]
            ratio = ours / r.pages_per_second if r.pages_per_second else float("inf")
            print(
                f"| {set_dir.name} | {r.pages} | {mb:.1f} | {name} | {r.f1:.3f} | "
                f"{r.pages_per_second:.1f} | {'—' if name == 'docpipe' else f'{ratio:.2f}×'} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
