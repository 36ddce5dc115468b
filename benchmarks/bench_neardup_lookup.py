#!/usr/bin/env python3
"""Near-duplicate lookup of one batch against a large committed dataset.

usage: python benchmarks/bench_neardup_lookup.py [--committed 100000] [--batch 200] [--repeat 3]
                                                 [--file-rows 10000]

Builds a committed dataset of COMMITTED documents the cheap way — their signatures and band
keys (random signatures, seeded) and a body text each (the real texts of
tests/fixtures/neardup, cycled, so the text column a verification reads has real sizes; the
`documents` rows carry doc_id, run_id, ingested_at, minhash, near_dup_size and text, the
columns a lookup reads; the other columns are null) — in files of FILE_ROWS rows (10,000; a run
of batch_size 200 writes files of 200), plus its `runs` row. Then times
docpipe.neardup.index.committed_matches for a batch of BATCH new documents, a quarter of
which are near-copies of committed ones (a few signature slots changed, the same text), the
rest new. The near-copies' candidates are verified on the texts ([near_dup] verify, the
default): their texts are read and compared.

  lookup (docpipe): a scan of near_dup_bands filtered on the batch's keys inside the scan
    (doc_id/run_id read as dictionary indices), the join with the batch's keys, then the
    candidates' signatures read from only the documents files holding their latest versions
    (found from the per-file cached identity columns, docpipe.export.dataset);
    "cold" empties that cache before each repeat (a process's first batch), "warm" keeps it
    (every later batch of a run: the writer's unchanged-document check fills it anyway);
  baseline (the lookup before, same run): the same band filter on plain string columns, then
    a filtered scan of the whole documents table for the candidates' signatures.

Both must find the same matches (checked: the same documents matched to the same clusters; the
scores differ, the baseline's being the signature estimate). Best of R repeats, one process; the dataset is on
local disk (the OS cache is warm after the first repeat).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import pyarrow as pa  # noqa: E402
import pyarrow.compute as pc  # noqa: E402

from docpipe.export import dataset as dataset_module  # noqa: E402

from docpipe import __version__  # noqa: E402
from docpipe.config import NearDupSettings  # noqa: E402
from docpipe.export.dataset import latest_only, open_dataset, runs_file  # noqa: E402
from docpipe.export.schemas import DOCUMENTS, PARTITION_COLUMN, parquet_options, with_file_metadata  # noqa: E402
from docpipe.export.storage import Storage  # noqa: E402
from docpipe.export.tables import runs_table  # noqa: E402
from docpipe.models import RunRecord  # noqa: E402
from docpipe.neardup.index import BANDS_TABLE, Match, Sketch, band_params, bands_table, body_of, committed_matches  # noqa: E402
from docpipe.neardup.minhash import band_keys, similarity  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures" / "neardup"


def fixture_texts() -> list[str]:
    return [json.loads(line)["text"] for name in ("fanwen.jsonl", "copies.jsonl")
            for line in (FIXTURES / name).read_text(encoding="utf-8").split("\n") if line.strip()]

RUN = "bench-committed"
TEXTS = fixture_texts()


def random_sig(rng: random.Random, n: int) -> list[int]:
    return [rng.getrandbits(32) for _ in range(n)]


def text_of(i: int, texts: list[str]) -> str:
    """Committed document i's body: a fixture text, cycled."""
    return texts[i % len(texts)]


def build(out: Path, committed: int, settings: NearDupSettings, rng: random.Random, file_rows: int = 10_000) -> list[list[int]]:
    storage = Storage.open(str(out))
    bands, rows = band_params(settings)
    now = datetime.now(timezone.utc)
    sigs: list[list[int]] = []
    day = f"{PARTITION_COLUMN}={now.date().isoformat()}"
    for start in range(0, committed, file_rows):
        ids = [f"{i:032x}" for i in range(start, min(start + file_rows, committed))]
        part = [random_sig(rng, settings.num_perm) for _ in ids]
        sigs.extend(part)
        sketches = [Sketch(d, s, tuple(band_keys(s, bands, rows))) for d, s in zip(ids, part)]
        name = f"part-{RUN}-b{start // file_rows:06d}-bench0000.parquet"
        storage.write_parquet(f"{BANDS_TABLE}/{day}/{name}", bands_table(sketches, RUN), **parquet_options(BANDS_TABLE))
        schema = with_file_metadata(DOCUMENTS, "documents")
        texts = [text_of(i, TEXTS) for i in range(start, start + len(ids))]
        columns = {"doc_id": ids, "run_id": [RUN] * len(ids), "ingested_at": [now] * len(ids), "minhash": part,
                   "near_dup_size": [500] * len(ids), "text": texts}
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


def baseline_matches(storage: Storage, sketches: list[Sketch], runs: list[str], settings: NearDupSettings) -> dict[str, Match]:
    """The lookup as it was before the pushdown (commit 3466eb3), for the ratio."""
    wanted = pa.array(sorted({k for s in sketches for k in s.keys}), pa.int64())
    run_ids = pa.array(sorted(runs), pa.string())
    hits = open_dataset(storage, BANDS_TABLE).to_table(
        columns=["key", "doc_id"], filter=pc.field("key").isin(wanted) & pc.field("run_id").isin(run_ids)
    )
    ours = pa.table({"key": pa.array([k for s in sketches for k in s.keys], pa.int64()),
                     "new_id": pa.array([s.doc_id for s in sketches for _ in s.keys], pa.string())})
    pairs = ours.join(hits, "key", join_type="inner").select(["new_id", "doc_id"]).group_by(["new_id", "doc_id"]).aggregate([])
    by_new: dict[str, set[str]] = {}
    for new_id, old_id in zip(pairs.column("new_id").to_pylist(), pairs.column("doc_id").to_pylist()):
        by_new.setdefault(new_id, set()).add(old_id)
    olds = latest_only(open_dataset(storage, "documents").to_table(
        columns=["doc_id", "minhash", "near_dup_of", "run_id", "ingested_at"],
        filter=pc.field("doc_id").isin(pa.array(sorted(set().union(*by_new.values())), pa.string())) & pc.field("run_id").isin(run_ids),
    ))
    sigs = dict(zip(olds.column("doc_id").to_pylist(), olds.column("minhash").to_pylist()))
    found: dict[str, Match] = {}
    for s in sketches:
        scored = [(similarity(s.minhash, sigs[o]), o) for o in sorted(by_new.get(s.doc_id, ())) if o in sigs]
        scored = [(x, o) for x, o in scored if x >= settings.threshold]
        if scored:
            best = max(scored, key=lambda t: t[0])
            found[s.doc_id] = Match(best[1], best[0])
    return found


def timed(fn, repeat: int, before=lambda: None) -> tuple[float, dict]:
    best, result = float("inf"), {}
    for _ in range(repeat):
        before()
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--committed", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--file-rows", type=int, default=10_000)
    args = parser.parse_args()
    settings = NearDupSettings()
    rng = random.Random(15)
    bands, rows = band_params(settings)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        t0 = time.perf_counter()
        committed = build(out, args.committed, settings, rng, args.file_rows)
        built = time.perf_counter() - t0
        batch: list[Sketch] = []
        copies = args.batch // 4
        for i in range(args.batch):
            if i < copies:  # a near-copy: 8 of 128 slots differ (estimated Jaccard ~0.94), the same text
                original = rng.randrange(len(committed))
                sig = list(committed[original])
                for slot in rng.sample(range(len(sig)), 8):
                    sig[slot] = rng.getrandbits(32)
                text = text_of(original, TEXTS)
            else:
                sig = random_sig(rng, settings.num_perm)
                text = TEXTS[rng.randrange(len(TEXTS))]
            batch.append(Sketch(f"new{i:029d}", sig, tuple(band_keys(sig, bands, rows)), 500, body_of(text, settings)))
        storage = Storage.open(str(out))
        base, expected = timed(lambda: baseline_matches(storage, batch, [RUN], settings), args.repeat)
        cold, found_cold = timed(lambda: committed_matches(storage, batch, [RUN], settings), args.repeat, dataset_module._THIN_CACHE.clear)
        warm, found = timed(lambda: committed_matches(storage, batch, [RUN], settings), args.repeat)
        for got in (found_cold, found):
            if {k: m.root for k, m in got.items()} != {k: m.root for k, m in expected.items()}:
                raise SystemExit("the lookup and the baseline found different matches")
        size = sum(f.size or 0 for f in storage.list_files(BANDS_TABLE))
    print(f"committed: {args.committed:,} documents, {args.committed * bands:,} band rows "
          f"({size / 1e6:.1f} MB of Parquet in files of {args.file_rows:,} rows; built in {built:.1f} s); batch {args.batch} ({copies} near-copies)")
    print()
    print("| lookup (join + verify) | seconds | ms per new document | vs baseline | matches found |")
    print("|---|---:|---:|---:|---:|")
    for name, t in (("baseline: filtered scans of both tables", base), ("pushdown, cold identity cache", cold), ("pushdown, warm identity cache", warm)):
        print(f"| {name} | {t:.3f} | {1000 * t / args.batch:.2f} | {base / t:.1f}x | {len(found)} of {copies} |")


if __name__ == "__main__":
    main()
