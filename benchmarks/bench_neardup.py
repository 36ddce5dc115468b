#!/usr/bin/env python3
"""MinHash libraries on the dev pages: rensa vs datasketch, speed and agreement.

usage: python benchmarks/bench_neardup.py [--eval DIR] [--sets A,B] [--repeat R] [--num-perm N]
                                        [--split tuning|validation|all]

Texts: the truth texts of the dev sets under DIR (default ../shared/eval; sets: cwced_zh,
daniel_zh, structure_real, scrapinghub_aeb, cleaneval_final_en by default, wcxb_dev on request),
the bodies docpipe is meant to produce. Each is shingled once by docpipe.neardup (the shingles are the same for
every library), so the table times only the libraries' own work:

  shingling (docpipe)     tokens + n-grams, for scale: what every library is given
  rensa RMinHash          rensa 0.5.0, one RMinHash per text, update(shingles), digest()
  rensa CMinHash          rensa's C-MinHash variant, same calls
  datasketch MinHash      datasketch 2.0.0, one MinHash per text, update_batch(utf-8 shingles)
  datasketch bulk         datasketch's MinHash.bulk, 256 texts a call

Agreement: every text with 3 or more paragraphs gets two edited copies (its middle paragraph
removed; its first and last paragraphs removed). On these (text, copy) pairs and on as many
pairs of different texts, the exact Jaccard similarity of the shingle sets is compared with
each library's estimate: mean absolute error, and the share of pairs where "estimate ≥ 0.8"
gives the same answer as "exact ≥ 0.8". Best of R repeats for times; one process, one thread.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import datasketch  # noqa: E402
import rensa  # noqa: E402

from docpipe.config import NearDupSettings  # noqa: E402
from docpipe.evaluate import split_parts  # noqa: E402
from docpipe.neardup.minhash import MINHASH_SEED, shingles  # noqa: E402

SETS = ("cwced_zh", "daniel_zh", "structure_real", "scrapinghub_aeb", "cleaneval_final_en")
THRESHOLD = NearDupSettings().threshold


def load_texts(eval_dir: Path, sets: list[str], split: str) -> list[str]:
    texts: list[str] = []
    for name in sets:
        folder = eval_dir / name
        path = folder / ("gold.jsonl" if name == "structure_real" else "truth.jsonl")
        if not path.exists():
            continue
        parts = split_parts(name)
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            row = json.loads(line)
            if split != "all" and parts.get(row["id"]) != split:
                continue
            text = row.get("raw_text") or row.get("text") or ""
            if text.strip():
                texts.append(text)
    return texts


def edited_copies(text: str) -> list[str]:
    paras = [p for p in text.split("\n") if p.strip()]
    if len(paras) < 3:
        return []
    mid = len(paras) // 2
    return ["\n".join(paras[:mid] + paras[mid + 1 :]), "\n".join(paras[1:-1])]


def best_of(repeat: int, fn: Callable[[], object]) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def exact(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=REPO.parent / "shared" / "eval")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated dev sets (wcxb_dev too, if wanted)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--num-perm", type=int, default=NearDupSettings().num_perm)
    parser.add_argument("--split", choices=("tuning", "validation", "all"), default="all")
    args = parser.parse_args()
    settings = NearDupSettings()
    texts = load_texts(args.eval, args.sets.split(","), args.split)
    if not texts:
        sys.exit(f"no dev texts under {args.eval}")
    n = args.num_perm

    def shingle_all(items: list[str]) -> list[list[str]]:
        return [shingles(t, shingle=settings.shingle, word_shingle=settings.word_shingle) for t in items]

    t_shingle, grams = best_of(args.repeat, lambda: shingle_all(texts))
    grams = [g for g in grams if g]  # type: ignore[union-attr]
    encoded = [[s.encode("utf-8") for s in g] for g in grams]
    n_shingles = sum(len(g) for g in grams)

    def one_each(make: Callable[[], object], feed: str) -> Callable[[list[list]], list[list[int]]]:
        """Signatures made one text at a time: make() a sketch, feed it the shingles, digest."""

        def run(items: list[list]) -> list[list[int]]:
            out = []
            for g in items:
                m = make()
                getattr(m, feed)(g)
                digest = m.digest()  # type: ignore[attr-defined]
                out.append(list(digest))
            return out

        return run

    rensa_r = one_each(lambda: rensa.RMinHash(num_perm=n, seed=MINHASH_SEED), "update")
    rensa_c = one_each(lambda: rensa.CMinHash(num_perm=n, seed=MINHASH_SEED), "update")
    ds_single = one_each(lambda: datasketch.MinHash(num_perm=n, seed=MINHASH_SEED), "update_batch")

    def ds_bulk(items: list[list[bytes]]) -> list[list[int]]:
        out: list[list[int]] = []
        for i in range(0, len(items), 256):
            out.extend(m.digest().tolist() for m in datasketch.MinHash.bulk(items[i : i + 256], num_perm=n, seed=MINHASH_SEED))
        return out

    libs: list[tuple[str, Callable[[], list[list[int]]]]] = [
        (f"rensa {getattr(rensa, '__version__', '0.5.0')} RMinHash", lambda: rensa_r(grams)),
        ("rensa CMinHash", lambda: rensa_c(grams)),
        (f"datasketch {datasketch.__version__} MinHash", lambda: ds_single(encoded)),
        ("datasketch MinHash.bulk", lambda: ds_bulk(encoded)),
    ]

    # Agreement pairs: (text, edited copy) and random pairs of different texts.
    rng = random.Random(15)
    pair_texts: list[tuple[str, str]] = []
    for t in texts:
        for c in edited_copies(t):
            pair_texts.append((t, c))
    copies = len(pair_texts)
    for _ in range(copies):
        i, j = rng.sample(range(len(texts)), 2)
        pair_texts.append((texts[i], texts[j]))
    flat = [x for p in pair_texts for x in p]
    pair_grams = shingle_all(flat)
    keep = [k for k in range(len(pair_texts)) if pair_grams[2 * k] and pair_grams[2 * k + 1]]
    truth = [exact(set(pair_grams[2 * k]), set(pair_grams[2 * k + 1])) for k in keep]
    pair_enc = [[s.encode("utf-8") for s in g] for g in pair_grams]
    pair_fns = {
        libs[0][0]: lambda: rensa_r(pair_grams),
        libs[1][0]: lambda: rensa_c(pair_grams),
        libs[2][0]: lambda: ds_single(pair_enc),
        libs[3][0]: lambda: ds_bulk(pair_enc),
    }

    print(
        f"{len(texts)} dev texts ({args.split}), {len(grams)} with shingles, {n_shingles:,} shingles; num_perm={n}; "
        f"{len(keep)} pairs ({copies} text/edited copy, the rest different texts; "
        f"{sum(1 for x in truth if x >= THRESHOLD)} with exact Jaccard ≥ {THRESHOLD})"
    )
    print()
    print(f"| step | ms / text | texts/s | × rensa RMinHash | MAE vs exact | agrees with exact at {THRESHOLD} |")
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| shingling (docpipe) | {1000 * t_shingle / len(texts):.3f} | {len(texts) / t_shingle:,.0f} | — | — | — |")
    base = None
    for name, fn in libs:
        t, _ = best_of(args.repeat, fn)
        base = base or t
        sigs = pair_fns[name]()
        est = []
        for k in keep:
            a, b = sigs[2 * k], sigs[2 * k + 1]
            est.append(sum(1 for x, y in zip(a, b) if x == y) / n)
        mae = statistics.fmean(abs(e - x) for e, x in zip(est, truth))
        agree = statistics.fmean(1.0 if (e >= THRESHOLD) == (x >= THRESHOLD) else 0.0 for e, x in zip(est, truth))
        print(f"| {name} | {1000 * t / len(grams):.3f} | {len(grams) / t:,.0f} | {t / base:.2f} | {mae:.4f} | {agree:.4f} |")


if __name__ == "__main__":
    main()
