#!/usr/bin/env python3
"""Peak memory of the ingest flow at 1,000 / 10,000 / 100,000 pages: it must stay flat.

usage: python benchmarks/bench_memory.py [--sizes 1000,10000,100000] [--workers 2] [--batch 200]

Generates max(SIZES) copies of the evaluation pages once (as bench_flow.py does: new names, a
canonical link of their own; 1,000 per sub-folder, in a temporary folder removed at the end;
~7.5 GB for 100,000 — needs ../shared/eval), then for each size runs the real `ingest` flow
with default settings in a *fresh* Python process over the first SIZE/1000 sub-folders, into
a fresh output folder, on Prefect's embedded server.

Peak RSS of the flow process is its ru_maxrss (everything it ever touched: Prefect, the
stages, batches in flight, the list of discovered inputs). The embedded Prefect server runs
as a child process: its RSS is sampled every 0.5 s and reported apart (peak sum over the
flow process's children).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_flow import corpus_bytes, make_corpus, run_flow  # noqa: E402

PER_DIR = 1000


class ChildSampler(threading.Thread):
    """RSS sampled every 0.5 s: this process's own (a time series, to tell growth from a peak
    batch) and the peak sum of its children (the embedded Prefect server)."""

    def __init__(self, every: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.every = every
        self.peak = 0
        self.own: list[int] = []
        self._done = threading.Event()

    def run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._done.wait(self.every):
            self.own.append(me.memory_info().rss)
            total = 0
            for child in me.children(recursive=True):
                try:
                    total += child.memory_info().rss
                except psutil.Error:
                    continue  # exited between listing and reading
            self.peak = max(self.peak, total)

    def stop(self) -> int:
        self._done.set()
        self.join()
        return self.peak


def one(corpus: Path, size: int, out: Path, workers: int, batch: int) -> None:
    """Child mode: one flow run over the first size/PER_DIR folders, figures as JSON on stdout."""
    folders = sorted(p for p in corpus.iterdir() if p.is_dir())[: size // PER_DIR]
    sampler = ChildSampler()
    sampler.start()
    from docpipe.config import Settings
    from flows.ingest import ingest

    t0 = time.perf_counter()
    report = ingest([str(f) for f in folders], Settings(out=str(out), workers=workers, batch_size=batch))
    wall = time.perf_counter() - t0
    children = sampler.stop()
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    # The highest sample in each fifth of the run: flat when memory does not grow with the
    # number of pages processed so far.
    n = len(sampler.own)
    fifths = [max(sampler.own[i * n // 5 : max((i + 1) * n // 5, i * n // 5 + 1)]) / 2**20 for i in range(5)] if n >= 5 else []
    print(json.dumps({
        "pages": report.discovered, "documents": report.documents, "wall": wall,
        "pages_per_s": report.discovered / report.wall_seconds,
        "peak_rss_flow_mb": peak_self / 2**20, "peak_rss_server_mb": children / 2**20,
        "rss_by_fifth_mb": [round(x) for x in fifths],
    }))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.corpus, args.one, args.out, args.workers, args.batch)
        return

    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    if any(s % PER_DIR for s in sizes):
        sys.exit(f"sizes must be multiples of {PER_DIR}")
    work = Path(tempfile.mkdtemp(prefix="docpipe-bench-mem-"))
    rows = []
    try:
        t0 = time.perf_counter()
        corpus = make_corpus(work / "pages", max(sizes), per_dir=PER_DIR)
        print(f"generated {max(sizes)} pages ({corpus_bytes(corpus) / 1e9:.1f} GB) in {time.perf_counter() - t0:.0f} s",
              file=sys.stderr)
        for size in sizes:
            out = work / f"out-{size}"
            proc = subprocess.run(
                [sys.executable, __file__, "--one", str(size), "--corpus", str(corpus), "--out", str(out),
                 "--workers", str(args.workers), "--batch", str(args.batch)],
                capture_output=True, text=True, check=False,
            )
            if proc.returncode != 0:
                sys.exit(f"size {size} failed:\n{proc.stderr[-3000:]}")
            fig = json.loads(proc.stdout.strip().splitlines()[-1])
            print(json.dumps(fig), file=sys.stderr)
            rows.append(fig)
            shutil.rmtree(out, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"\nbatches of {args.batch}, {args.workers} in flight (thread runner)\n")
    print("| pages | wall s | pages/s | peak RSS flow process MB | highest RSS in each fifth of the run MB | peak RSS Prefect server MB |")
    print("|---:|---:|---:|---:|---|---:|")
    for f in rows:
        fifths = " / ".join(str(x) for x in f["rss_by_fifth_mb"])
        print(f"| {f['pages']:,} | {f['wall']:.0f} | {f['pages_per_s']:.1f} | {f['peak_rss_flow_mb']:.0f} | {fifths} | "
              f"{f['peak_rss_server_mb']:.0f} |")


if __name__ == "__main__":
    main()
