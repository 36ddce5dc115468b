#!/usr/bin/env python3
"""Output identity for pure speed changes: the sha256 of `docpipe extract --format jsonl` on
every dev set (the sets of bench_pipeline.py), one line per set, and optionally the JSONL kept
so that a later run is compared to it line by line.

usage: python benchmarks/output_identity.py [--eval DIR] [--sets NAMES] [--save DIR] [--compare DIR] [--work DIR]

  --save DIR     write each set's output to DIR/<set>.jsonl (the "before" of a change)
  --compare DIR  compare each set's output to DIR/<set>.jsonl; report the first differing
                 lines; exit status 1 when any set differs

The structure_real .txt files (and the gunzipped wcxb_dev pages, where needed) are written to
one fixed folder under the system's temporary directory, since doc_id hashes a file's resolved
path; the folder's name is written as <work> in the output.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import REPO, SET_NAMES, _docpipe_command, build_sets  # noqa: E402


def set_output(files: list[str], work: Path) -> bytes:
    proc = subprocess.run([*_docpipe_command(), "extract", "--format", "jsonl", *files],
                          capture_output=True, check=False)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"docpipe extract exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-2000:]}")
    return proc.stdout.replace(str(work).encode(), b"<work>")


def first_differences(before: bytes, after: bytes, limit: int = 3) -> list[str]:
    old, new = before.splitlines(), after.splitlines()
    out = [f"  {len(old)} lines before, {len(new)} after"] if len(old) != len(new) else []
    for i, (a, b) in enumerate(zip(old, new)):
        if a != b:
            at = next(k for k in range(min(len(a), len(b)) + 1) if k == min(len(a), len(b)) or a[k] != b[k])
            out.append(f"  line {i + 1} differs at byte {at}: before …{a[max(0, at - 60):at + 60]!r}… "
                       f"after …{b[max(0, at - 60):at + 60]!r}…")
            if len(out) >= limit:
                break
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=REPO.parent / "shared" / "eval")
    parser.add_argument("--sets", default=",".join(SET_NAMES), help="comma-separated: " + ", ".join(SET_NAMES))
    parser.add_argument("--save", type=Path, default=None)
    parser.add_argument("--compare", type=Path, default=None)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "docpipe-output-identity",
                        help="the fixed folder of the written files; doc_id hashes their paths, so --compare needs the --save run's folder")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.sets.split(",") if n.strip()]
    differ = False
    # A fixed folder, not a fresh temporary one: doc_id hashes the resolved path of a file.
    work = args.work
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        for s in build_sets(args.eval, names, work, None):
            data = set_output(s.files, work)
            file_name = s.name.replace(" ", "_") + ".jsonl"
            line = f"{s.name}: {len(data.splitlines())} lines, sha256 {hashlib.sha256(data).hexdigest()[:16]}"
            if args.save is not None:
                args.save.mkdir(parents=True, exist_ok=True)
                (args.save / file_name).write_bytes(data)
            if args.compare is not None:
                before = (args.compare / file_name).read_bytes()
                same = before == data
                differ |= not same
                line += " identical" if same else " DIFFERS"
                print(line, flush=True)
                if not same:
                    print("\n".join(first_differences(before, data)), flush=True)
            else:
                print(line, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
