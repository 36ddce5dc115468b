#!/usr/bin/env python3
"""Export throughput: docpipe's DatasetWriter vs a bare pyarrow.parquet.write_table of the same rows.

usage: python benchmarks/bench_export.py [--docs N] [--batch B] [--repeat R]

Builds N synthetic speech-like StructuredDocuments (Chinese paragraphs from a fixed
vocabulary, an outline, ~12 blocks each; seeded, so every run is the same), then times, in one
process, single-threaded:

  bare write_table (default)  pq.write_table of the pre-built documents + blocks Arrow tables,
                              pyarrow's defaults (snappy), one file each — the floor
  bare write_table (zstd)     the same with compression="zstd"
  models -> Arrow             docpipe's conversion of the models into the explicit schemas
  DatasetWriter               the whole export: conversion, dedup lookups, staging (temporary
                              name + rename), commit manifest, renames, runs row; batches of B
  DatasetWriter, re-run       the same inputs again: every document found unchanged

rows = document rows + block rows (processed, written or found unchanged); text MB/s = the
documents' body text (UTF-8) per second; Parquet MB/s = bytes of Parquet written per second.
Best of R repeats.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import pyarrow.parquet as pq  # noqa: E402

from docpipe.export import DatasetWriter  # noqa: E402
from docpipe.export.tables import blocks_table, documents_table  # noqa: E402
from docpipe.ids import content_hash, doc_id_for  # noqa: E402
from docpipe.models import Block, Heading, Item, RunRecord, StructuredDocument  # noqa: E402

WORDS = (
    "加强 领导 推进 依法行政 法治政府 建设 全面 落实 责任 制度 改革 服务 群众 发展 经济 社会 安全 "
    "生态 环境 保护 乡村 振兴 基层 治理 能力 水平 提高 创新 机制 监督 检查 考核 工作 会议 精神 "
    "深入 学习 贯彻 部署 要求 重点 任务 目标 措施 保障 协调 统筹 推动 高质量 放管服 营商 优化 "
    "政务 公开 数字 政府 规范 执法 行为 权力 运行 风险 防范 化解 矛盾 纠纷 调解 宣传 教育 普法"
).split()
MARKERS = ("一是", "二是", "三是", "四是", "五是")
SECTION_MARKERS = ("第一,", "第二,", "第三,")


def make_docs(n: int, seed: int = 7) -> list[StructuredDocument]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        blocks: list[Block] = []
        headings: list[Heading] = []
        items: list[Item] = []
        for s, marker in enumerate(SECTION_MARKERS, start=1):
            headings.append(Heading(level=1, marker=marker, text=rng.choice(WORDS) + rng.choice(WORDS), block_idx=len(blocks)))
            blocks.append(Block(kind="heading", text=headings[-1].text, level=1, marker=marker, section_path=(s,)))
            for _ in range(3):
                parts = []
                for m in MARKERS[: rng.randint(2, 5)]:
                    lead = "".join(rng.choice(WORDS) for _ in range(3))
                    items.append(Item(marker=m, text=lead, block_idx=len(blocks)))
                    parts.append(m + lead + "，" + "".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))) + "。")
                blocks.append(Block(kind="paragraph", text="".join(parts), section_path=(s,)))
        text = "\n\n".join(b.text for b in blocks if b.kind == "paragraph")
        url = f"http://bench.example/{i}.html"
        docs.append(
            StructuredDocument(
                doc_id=doc_id_for(url, url), source=url, url=url,
                title=f"在第{i}次推进会上的讲话", published_at="2024-12-06T00:37:14",
                site_name=("三味园范文网", "某市人民政府", "Example News")[i % 3], language="zh", doc_type="讲话",
                text=text, headings=tuple(headings), items=tuple(items), salutation="同志们", blocks=tuple(blocks),
                placeholders=("X县",), references=("202x年依法行政重点工作安排",),
                content_hash=content_hash(text), fetched_at=datetime(2026, 1, 1, tzinfo=timezone.utc),
            )
        )
    return docs


def best_of(repeat: int, fn: Callable[[], int]) -> tuple[float, int]:
    best = float("inf")
    out = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    docs = make_docs(args.docs)
    n_docs = len(docs)
    n_blocks = sum(len(d.blocks) for d in docs)
    rows = n_docs + n_blocks
    text_mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    now = datetime.now(timezone.utc)
    doc_tab, blk_tab = documents_table(docs, "bench", now), blocks_table(docs, "bench")
    work = Path(tempfile.mkdtemp(prefix="bench_export_"))
    results: list[tuple[str, float, int]] = []

    def bare(**options: object) -> Callable[[], int]:
        def go() -> int:
            d = work / "bare"
            shutil.rmtree(d, ignore_errors=True)
            d.mkdir()
            pq.write_table(doc_tab, d / "documents.parquet", **options)
            pq.write_table(blk_tab, d / "blocks.parquet", **options)
            return sum(p.stat().st_size for p in d.iterdir())
        return go

    results.append(("bare write_table (default)", *best_of(args.repeat, bare())))
    results.append(("bare write_table (zstd)", *best_of(args.repeat, bare(compression="zstd"))))
    results.append(("models -> Arrow", *best_of(args.repeat, lambda: documents_table(docs, "bench", now, blocks=blocks_table(docs, "bench")).num_rows * 0)))

    def record(run_id: str) -> RunRecord:
        return RunRecord(run_id=run_id, started_at=now, finished_at=now, docpipe_version="bench")

    def export(run_id: str, fresh: bool) -> int:
        d = work / "ds"
        if fresh:
            shutil.rmtree(d, ignore_errors=True)
        w = DatasetWriter(str(d), run_id)
        written = 0
        for b, start in enumerate(range(0, n_docs, args.batch)):
            written += w.write_batch(b, docs[start : start + args.batch], []).bytes
        w.finish(record(run_id))
        return written

    results.append(("DatasetWriter", *best_of(args.repeat, lambda: export("run-1", True))))
    counter = iter(range(2, 10_000))
    results.append(("DatasetWriter, re-run (all unchanged)", *best_of(args.repeat, lambda: export(f"run-{next(counter)}", False))))
    shutil.rmtree(work, ignore_errors=True)

    print(f"{n_docs:,} documents, {n_blocks:,} blocks, {text_mb:.1f} MB of body text; batches of {args.batch}; best of {args.repeat}")
    print()
    print("| variant | seconds | rows/s | text MB/s | Parquet MB/s | Parquet MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, secs, size in results:
        print(f"| {name} | {secs:.3f} | {rows / secs:,.0f} | {text_mb / secs:.1f} | {size / 1e6 / secs:.1f} | {size / 1e6:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
