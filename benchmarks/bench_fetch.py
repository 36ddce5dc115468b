"""Fetch throughput and memory against a local server (tests/fetch/fetch_faultserver.py).

    .venv/bin/python benchmarks/bench_fetch.py [--urls 10000] [--kb 5]

The server runs in its own process. Each mode runs in a fresh child process, so its peak RSS
(ru_maxrss) is its own:

- baseline: a plain sequential `httpx.Client` loop (GET, read the body), nothing else;
- docpipe, politeness off: `fetch_batch` with respect_robots=false, per_host_delay=0 and
  per_host_concurrency = concurrency = 4, then 16 — all URLs are on one host (127.0.0.1).
  Against a local server, latency is ~0 and the 2 cores are the limit, so more connections
  only add httpcore pool bookkeeping; over the internet concurrency is what hides latency;
- docpipe, incremental: the same batch again with a FetchState filled by the first run, so
  every page is a conditional GET answered 304.

Output: a Markdown table (pages/s, peak RSS). Numbers include decoding every body to text
(charset detection) and building FetchedDocument models, which the baseline does not do.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SERVER = REPO / "tests" / "fetch" / "fetch_faultserver.py"


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _urls(port: int, n: int, kb: int) -> list[str]:
    return [f"http://127.0.0.1:{port}/page/p{i}?kb={kb}" for i in range(n)]


def worker(mode: str, port: int, n: int, kb: int, state_dir: str) -> dict[str, float]:  # noqa: C901
    urls = _urls(port, n, kb)
    rss_before = _peak_rss_mb()
    if mode == "baseline":
        import httpx

        start = time.perf_counter()
        ok = 0
        with httpx.Client(timeout=20) as client:
            for url in urls:
                response = client.get(url)
                ok += response.status_code == 200 and bool(response.content)
        seconds = time.perf_counter() - start
        return {"pages": ok, "seconds": seconds, "peak_rss_mb": _peak_rss_mb(), "rss_before_mb": rss_before}

    from docpipe.config import Settings
    from docpipe.fetch import FetchState, fetch_batch
    from docpipe.models import FetchedDocument, Unchanged

    concurrency = 4 if mode == "polite_off_c4" else 16
    settings = Settings.model_validate(
        {
            "out": state_dir,
            "fetch": {
                "respect_robots": False, "per_host_delay": 0, "concurrency": concurrency,
                "per_host_concurrency": concurrency, "timeout": 20,
            },
        }
    )
    rss_before = _peak_rss_mb()
    with FetchState.open(state_dir) as state:
        start = time.perf_counter()
        results = fetch_batch(urls, settings, state if mode == "incremental" else None)
        seconds = time.perf_counter() - start
        if mode == "polite_off":  # prepare the incremental run
            state.record_many([r for r in results if isinstance(r, FetchedDocument)])
    wanted = Unchanged if mode == "incremental" else FetchedDocument
    return {
        "pages": sum(isinstance(r, wanted) for r in results),
        "seconds": seconds,
        "peak_rss_mb": _peak_rss_mb(),
        "rss_before_mb": rss_before,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--urls", type=int, default=10_000)
    parser.add_argument("--kb", type=int, default=5, help="approximate page size in KiB")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--state", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.port, args.urls, args.kb, args.state)))
        return

    server = subprocess.Popen([sys.executable, str(SERVER)], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        rows = []
        with tempfile.TemporaryDirectory() as state_dir:
            for mode, label in (
                ("baseline", "plain sequential httpx loop"),
                ("polite_off_c4", "docpipe fetch_batch, politeness off, 4 connections"),
                ("polite_off", "docpipe fetch_batch, politeness off, 16 connections"),
                ("incremental", "docpipe fetch_batch, 2nd run (all 304)"),
            ):
                out = subprocess.run(
                    [sys.executable, __file__, "--worker", mode, "--port", str(port), "--urls", str(args.urls),
                     "--kb", str(args.kb), "--state", state_dir],
                    check=True, capture_output=True, text=True,
                ).stdout
                result = json.loads(out.strip().splitlines()[-1])
                rows.append((label, result))
    finally:
        server.terminate()
        server.wait(10)

    print(f"\n{args.urls} URLs, pages of ~{args.kb} KiB, one local host (server in its own process)\n")
    print("| mode | pages | seconds | pages/s | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|")
    for label, r in rows:
        print(
            f"| {label} | {int(r['pages'])} | {r['seconds']:.1f} | {r['pages'] / r['seconds']:.0f} "
            f"| {r['peak_rss_mb']:.0f} |"
        )


if __name__ == "__main__":
    main()
