"""A child process for the kill-and-re-run test: writes a run batch by batch, then commits.

    python -m tests.export.export_worker OUT RUN_ID N_DOCS BATCH_SIZE [--changed K]
        [--batch-pause S] [--slow-commit S]

Prints "staged N" after each batch it writes, "resumed N" for each batch an earlier attempt of
the run already finished, and "committing" before finish(), flushing each line, so the
test can SIGKILL it at a known phase. --slow-commit adds a pause to every rename of the commit
(wrapping Storage.move) only to widen the window in which a kill lands mid-commit; the renames
themselves are the real ones.
"""

from __future__ import annotations

import argparse
import sys
import time

from docpipe.export import DatasetWriter
from docpipe.export.storage import Storage
from docpipe.pipeline import batch_inputs_key
from tests.export.builders import make_doc, make_record, make_reject


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("run_id")
    parser.add_argument("n_docs", type=int)
    parser.add_argument("batch_size", type=int)
    parser.add_argument("--changed", type=int, default=0, help="docs 0..K-1 get a new body")
    parser.add_argument("--batch-pause", type=float, default=0.0)
    parser.add_argument("--slow-commit", type=float, default=0.0)
    parser.add_argument("--near-dup", action="store_true", help="real texts (tests/fixtures/neardup), [near_dup] on")
    args = parser.parse_args()

    if args.slow_commit:
        real_move = Storage.move

        def slow_move(self: Storage, src: str, dst: str) -> None:
            time.sleep(args.slow_commit)
            real_move(self, src, dst)

        Storage.move = slow_move  # type: ignore[method-assign]

    if args.near_dup:
        from docpipe.config import NearDupSettings
        from tests.neardup.helpers import real_docs

        docs = real_docs(args.n_docs)
        writer = DatasetWriter(args.out, args.run_id, near_dup=NearDupSettings())
    else:
        docs = [make_doc(i, variant="v2" if i < args.changed else "") for i in range(args.n_docs)]
        writer = DatasetWriter(args.out, args.run_id)
    for batch_no, start in enumerate(range(0, len(docs), args.batch_size)):
        batch = docs[start : start + args.batch_size]
        rejects = [make_reject(1)] if batch_no == 0 else []
        # The same resumption protocol as pipeline.run_batch: a batch an earlier attempt of
        # this run finished is not built again.
        key = batch_inputs_key([d.source for d in batch], rejects)
        if writer.finished_batch(batch_no, key) is not None:
            print(f"resumed {batch_no + 1}", flush=True)
            continue
        writer.write_batch(batch_no, batch, rejects)
        writer.mark_batch_finished(batch_no, key, "{}")
        print(f"staged {batch_no + 1}", flush=True)
        time.sleep(args.batch_pause)
    print("committing", flush=True)
    writer.finish(make_record(args.run_id))
    print("committed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
