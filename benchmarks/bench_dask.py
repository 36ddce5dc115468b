#!/usr/bin/env python3
"""Dask scale-out: pages/s of the ingest flow with 2 Dask workers vs 1.

usage: python benchmarks/bench_dask.py [--pages 6000] [--batch 200] [--repeat 1]

Generates PAGES copies of the evaluation pages (as bench_flow.py does: new names, a canonical
link of their own, in a temporary folder; needs ../shared/eval), then runs the real `ingest`
flow in this process (Prefect's embedded server) with `dask_address` pointing at a
LocalCluster of 1 and then 2 worker processes (one thread each), started before the run so
that cluster start-up is not counted. Each cluster first runs the flow over 40 other pages
(discarded): the steady state of a long-lived cluster, whose workers have imported docpipe
and whose flow process has started Prefect's server — otherwise those one-off seconds would
weigh more on the shorter 2-worker run. pages/s = inputs / the flow run's wall time (from its
`runs` row: discovery, every batch, the commit). Each configuration writes a fresh dataset.
With --repeat R the configurations alternate (1, 2, 1, 2, …) and the best of R is kept, to
damp the noise of a shared machine. The speed-up is the ratio of the two pages/s figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_flow import corpus_bytes, make_corpus, run_flow  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=6000)
    parser.add_argument("--batch", type=int, default=200, help="documents per batch (task run)")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    from distributed import LocalCluster

    work = Path(tempfile.mkdtemp(prefix="docpipe-bench-dask-"))
    best: dict[int, dict[str, float]] = {}
    try:
        corpus = make_corpus(work / "pages", args.pages)
        warm = make_corpus(work / "warm", 40)
        print(f"generated {args.pages} pages ({corpus_bytes(corpus) / 1e6:.0f} MB); {os.cpu_count()} CPUs",
              file=sys.stderr)
        for attempt in range(args.repeat):
            for n_workers in (1, 2):
                with LocalCluster(
                    n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=":0"
                ) as cluster:
                    run_flow(warm, work / "out-warm", workers=n_workers, batch=args.batch, dask=cluster.scheduler_address)
                    shutil.rmtree(work / "out-warm", ignore_errors=True)
                    out = work / f"out-{n_workers}-{attempt}"
                    t0 = time.perf_counter()
                    fig = run_flow(corpus, out, workers=n_workers, batch=args.batch, dask=cluster.scheduler_address)
                    fig["wall_call"] = time.perf_counter() - t0
                shutil.rmtree(out, ignore_errors=True)
                print(json.dumps({"workers": n_workers, **fig}), file=sys.stderr)
                if n_workers not in best or fig["pages_per_s_flow"] > best[n_workers]["pages_per_s_flow"]:
                    best[n_workers] = fig
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"\n{args.pages} pages, batches of {args.batch}, best of {args.repeat}\n")
    print("| Dask workers (1 thread each) | flow wall s | pages/s | speed-up | stage seconds summed |")
    print("|---|---:|---:|---:|---:|")
    base = best[1]["pages_per_s_flow"]
    for n in (1, 2):
        f = best[n]
        print(f"| {n} | {f['wall_flow']:.1f} | {f['pages_per_s_flow']:.1f} | {f['pages_per_s_flow'] / base:.2f}x | "
              f"{f['work'] + f.get('s_fetch', 0.0):.1f} |")


if __name__ == "__main__":
    main()
