#!/usr/bin/env python3
"""Main-content extraction speed and quality: docpipe vs trafilatura (and readability),
same pages, same process, one after the other, single thread.

usage: python benchmarks/bench_extract.py [SET_DIR ...] [--limit N] [--repeat R]
Default sets: ../shared/eval/{cwced_zh,scrapinghub_aeb,cleaneval_final_en} next to the repo.
Prints one row per set and extractor (F1 by the project's metric, pages/s) and the speed
ratio docpipe / other. The extractors are interleaved page by page (docpipe, trafilatura,
readability on page 1, then on page 2 …) so that load from other processes on a shared machine
falls on all of them alike; with --repeat R each page's time is the best of R tries. An
extractor's time is the sum of its per-page times (parsing included, file reading excluded).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import statistics  # noqa: E402
import time  # noqa: E402

from docpipe.evaluate import EXTRACTORS, Page, prf, tokens, load_set  # noqa: E402

DEFAULT_SETS = ("cwced_zh", "scrapinghub_aeb", "cleaneval_final_en")


def _f1(pages: list[Page], texts: list[str]) -> float:
    """Macro F1 over pages whose truth has tokens (the metric in docs/interface.md)."""
    scores = [
        prf(text, str(page.truth.get("text") or ""))[2]
        for page, text in zip(pages, texts)
        if page.truth.get("text") and tokens(str(page.truth["text"]))
    ]
    return statistics.mean(scores) if scores else 0.0


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
    header = "| set | pages | MB | extractor | F1 | pages/s | docpipe speed ratio |"
    print(header)
    print("|---|---:|---:|---|---:|---:|---:|")
    all_pages = 0
    all_seconds = {name: 0.0 for name in names}
    for set_dir in sets:
        pages = load_set(set_dir, args.limit)
        mb = sum(len(p.html.encode("utf-8")) for p in pages) / 1e6
        best: dict[str, list[float]] = {name: [float("inf")] * len(pages) for name in names}
        texts: dict[str, list[str]] = {name: [""] * len(pages) for name in names}
        for _ in range(max(1, args.repeat)):
            for i, page in enumerate(pages):
                for name in names:
                    start = time.perf_counter()
                    try:
                        text = EXTRACTORS[name](page.html, page.url)
                    except Exception as exc:  # noqa: BLE001 - a crashing extractor scores 0, reported
                        print(f"{name} {page.id}: {type(exc).__name__}: {exc}", file=sys.stderr)
                        text = ""
                    best[name][i] = min(best[name][i], time.perf_counter() - start)
                    texts[name][i] = text
        speed = {name: len(pages) / sum(best[name]) for name in names}
        all_pages += len(pages)
        for name in names:
            all_seconds[name] += sum(best[name])
        for name in names:
            ratio = speed["docpipe"] / speed[name]
            print(
                f"| {set_dir.name} | {len(pages)} | {mb:.1f} | {name} | {_f1(pages, texts[name]):.3f} | "
                f"{speed[name]:.1f} | {'—' if name == 'docpipe' else f'{ratio:.2f}×'} |",
                flush=True,
            )
    if len(sets) > 1:
        overall = {name: all_pages / all_seconds[name] for name in names}
        for name in names:
            ratio = overall["docpipe"] / overall[name]
            print(
                f"| all sets | {all_pages} | | {name} | | {overall[name]:.1f} | "
                f"{'—' if name == 'docpipe' else f'{ratio:.2f}×'} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
