#!/usr/bin/env python3
"""Near-duplicate lookup of one batch against a large committed dataset.

usage: python benchmarks/bench_neardup_lookup.py [--committed 100000] [--batch 200] [--repeat 3]

Builds a committed dataset of COMMITTED documents the cheap way — their signatures and band
keys only (random signatures, seeded; the `documents` rows carry doc_id, run_id, ingested_at
and minhash, the columns a lookup reads; the other columns are null) — in files of 10,000 rows
as a run of that many batches would, plus its `runs` row. Then times
docpipe.neardup.index.committed_matches for a batch of BATCH new documents, a quarter of
which are near-copies of committed ones (a few signature slots changed), the rest new:

  (the lookup is: a scan of near_dup_bands (key, doc_id; filtered on the batch's keys and the
   committed runs), the join with the batch's keys, then the candidates' signatures read
   from documents and verified)

Best of R repeats, one process; the dataset is on local disk (the OS cache is warm after the
first repeat).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import pyarrow as pa  # noqa: E402

from docpipe import __version__  # noqa: E402
from docpipe.config import NearDupSettings  # noqa: E402
from docpipe.export.dataset import runs_file  # noqa: E402
from docpipe.export.schemas import DOCUMENTS, PARTITION_COLUMN, parquet_options, with_file_metadata  # noqa: E402
from docpipe.export.storage import Storage  # noqa: E402
from docpipe.export.tables import runs_table  # noqa: E402
from docpipe.models import RunRecord  # noqa: E402
from docpipe.neardup.index import BANDS_TABLE, Sketch, bands_table, committed_matches  # noqa: E402
from docpipe.neardup.minhash import band_keys, lsh_params  # noqa: E402

FILE_ROWS = 10_000
RUN = "bench-committed"


def random_sig(rng: random.Random, n: int) -> list[int]:
    return [rng.getrandbits(32) for _ in range(n)]


def build(out: Path, committed: int, settings: NearDupSettings, rng: random.Random) -> list[list[int]]:
    storage = Storage.open(str(out))
    bands, rows = lsh_params(settings.threshold, settings.num_perm)
    now = datetime.now(timezone.utc)
    sigs: list[list[int]] = []
    day = f"{PARTITION_COLUMN}={now.date().isoformat()}"
    for start in range(0, committed, FILE_ROWS):
        ids = [f"{i:032x}" for i in range(start, min(start + FILE_ROWS, committed))]
        part = [random_sig(rng, settings.num_perm) for _ in ids]
        sigs.extend(part)
        sketches = [Sketch(d, s, tuple(band_keys(s, bands, rows))) for d, s in zip(ids, part)]
        name = f"part-{RUN}-b{start // FILE_ROWS:06d}-bench0000.parquet"
        storage.write_parquet(f"{BANDS_TABLE}/{day}/{name}", bands_table(sketches, RUN), **parquet_options(BANDS_TABLE))
        schema = with_file_metadata(DOCUMENTS, "documents")
        columns = {"doc_id": ids, "run_id": [RUN] * len(ids), "ingested_at": [now] * len(ids), "minhash": part}
        n = len(ids)
        arrays = [
            pa.array(columns[f.name], type=f.type) if f.name in columns else pa.nulls(n, f.type) for f in schema
        ]
        # Non-nullable columns the lookup never reads get empty values (this is not a real document).
        table = pa.Table.from_arrays(arrays, schema=pa.schema([f.with_nullable(True) for f in schema]).with_metadata(schema.metadata))
        storage.write_parquet(f"documents/{day}/{name}", table, **parquet_options("documents"))
    record = RunRecord(run_id=RUN, started_at=now, finished_at=now, docpipe_version=__version__, documents=committed)
    storage.write_parquet(runs_file(RUN), runs_table(record, ingest_date=now.date(), committed_at=now, files=0, size=0), **parquet_options("runs"))
    return sigs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--committed", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    settings = NearDupSettings()
    rng = random.Random(15)
    bands, rows = lsh_params(settings.threshold, settings.num_perm)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        t0 = time.perf_counter()
        committed = build(out, args.committed, settings, rng)
        built = time.perf_counter() - t0
        batch: list[Sketch] = []
        copies = args.batch // 4
        for i in range(args.batch):
            if i < copies:  # a near-copy: 8 of 128 slots differ (estimated Jaccard ~0.94)
                sig = list(committed[rng.randrange(len(committed))])
                for slot in rng.sample(range(len(sig)), 8):
                    sig[slot] = rng.getrandbits(32)
            else:
                sig = random_sig(rng, settings.num_perm)
            batch.append(Sketch(f"new{i:029d}", sig, tuple(band_keys(sig, bands, rows))))
        storage = Storage.open(str(out))
        best = float("inf")
        found: dict = {}
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            found = committed_matches(storage, batch, [RUN], settings)
            best = min(best, time.perf_counter() - t0)
        size = sum(f.size or 0 for f in storage.list_files(BANDS_TABLE))
    print(f"committed: {args.committed:,} documents, {args.committed * bands:,} band rows "
          f"({size / 1e6:.1f} MB of Parquet; built in {built:.1f} s); batch {args.batch} ({copies} near-copies)")
    print()
    print("| lookup | seconds | ms per new document | matches found |")
    print("|---|---:|---:|---:|")
    print(f"| whole lookup (join + verify) | {best:.3f} | {1000 * best / args.batch:.2f} | {len(found)} of {copies} |")


if __name__ == "__main__":
    main()
