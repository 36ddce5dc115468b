#!/usr/bin/env python3
"""Whole-path speed: `docpipe extract --format jsonl` (the real CLI, one process) against one
process calling `trafilatura.extract` per file, on the same files in the same run; then the
per-stage milliseconds per document of docpipe from one instrumented in-process pass.

usage: python benchmarks/bench_pipeline.py [--eval DIR] [--sets NAMES] [--limit N] [--no-stages] [--cold]

Sets (from ../shared/eval next to the repository, or --eval DIR):
  550 pages      cwced_zh + scrapinghub_aeb + cleaneval_final_en, pages/*.html
  wcxb_dev       pages/*.html.gz
  daniel_zh      pages/*.html
  structure_real each gold raw_text written to a .txt file (the texts as a user would feed them)

What is timed is what a user runs: each tool is one child process started on the whole list of
files of a set, wall time from start to exit, interpreter start and imports included, output
written to a file. trafilatura's process reads each file as bytes (gunzipped when the name ends
in .gz) so that it, like docpipe, detects the encoding itself, calls `trafilatura.extract` and
writes one JSON line per file. The two tools alternate set by set, so load from other processes
on a shared machine falls on both. Where `docpipe extract` does not take .html.gz files, the
wcxb_dev pages are gunzipped to .html files before any timing, and both tools read those.
Before timing, docpipe is left as an installed copy that has run once is (its bytecode and its
regex cache written; see prepare_installed_state; --cold skips that).

The stage table comes from one more pass in this process, after the timed runs. It times the
steps `docpipe extract` takes per file (expand_inputs, extract_source, document_json, json.dumps
and the write). To measure the stages, it wraps a few docpipe functions here, for that pass
only; nothing in the package is changed:
  read       fetch_source minus decode_document (stat, read, dispatch)
  decode     decode_document (charset detection and decoding)
  parse      page_markup + markup_tree (HTML5 tree built by lexbor and serialised, read by
             libxml2; HTML only)
  metadata   extract_metadata + complete_from_body (HTML only; clean_text's metadata is in clean)
  clean      clean_document minus parse and metadata
  structure  structure_document
  serialise  document_json + json.dumps + the write
  other      the rest of the per-file loop (expand_inputs, the stage guards, Python overhead)
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

PAGES_550 = ("cwced_zh", "scrapinghub_aeb", "cleaneval_final_en")
SET_NAMES = ("550 pages", "wcxb_dev", "daniel_zh", "structure_real")
HTML_SUFFIXES = (".html", ".htm", ".html.gz")

# The baseline's process: the same Python, one trafilatura.extract call per file, one JSON line
# out per file (what a script around trafilatura that a user might write does).
TRAFILATURA_SCRIPT = r"""
import gzip, json, sys
import trafilatura
out = open(sys.argv[1], "w", encoding="utf-8")
for path in sys.argv[2:]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as fh:
        data = fh.read()
    text = trafilatura.extract(data)
    out.write(json.dumps({"source": path, "text": text}, ensure_ascii=False) + "\n")
out.close()
"""

# The functions whose time makes up the stage table, found by name in the loaded docpipe
# modules (so the table keeps working while modules are split or moved).
STAGE_HOOKS = (
    "fetch_source", "decode_document", "page_markup", "markup_tree", "extract_metadata", "complete_from_body",
    "clean_document", "structure_document",
)
STAGE_COLUMNS = ("read", "decode", "parse", "metadata", "clean", "structure", "serialise", "other")


@dataclass
class BenchSet:
    name: str
    files: list[str]
    mb: float
    # the sets a combined set is made of (the 550 pages), each given its own stage row
    parts: dict[str, list[str]] = field(default_factory=dict)


def _html_files(folder: Path) -> list[Path]:
    return sorted(p for p in (folder / "pages").iterdir() if p.name.endswith(HTML_SUFFIXES))


def _docpipe_takes_gz() -> bool:
    """Whether `docpipe extract` reads a local .html.gz file as the page inside it."""
    from docpipe.cli import document_json
    from docpipe.config import load_settings
    from docpipe.pipeline import extract_source

    marker = "gzip probe paragraph for the pipeline benchmark"
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe.html.gz"
        probe.write_bytes(gzip.compress(f"<html><body><p>{marker}</p></body></html>".encode()))
        result = document_json(extract_source(str(probe), load_settings(None, overrides={})))
    return not result.get("error") and marker in str(result.get("text") or "")


def build_sets(eval_dir: Path, names: list[str], work: Path, limit: int | None) -> list[BenchSet]:
    """The files of each set, with the gunzipped and .txt copies written under `work` first."""
    takes_gz = _docpipe_takes_gz()
    sets: list[BenchSet] = []
    for name in names:
        files: list[Path] = []
        parts: dict[str, list[str]] = {}
        if name == "550 pages":
            for part in PAGES_550:
                part_files = _html_files(eval_dir / part)[:limit]
                parts[part] = [str(p) for p in part_files]
                files.extend(part_files)
        elif name == "structure_real":
            out = work / name
            out.mkdir(parents=True, exist_ok=True)
            lines = (eval_dir / name / "gold.jsonl").read_text(encoding="utf-8").splitlines()
            for line in [x for x in lines if x.strip()][:limit]:
                row = json.loads(line)
                path = out / f"{row['id']}.txt"
                path.write_text(row["raw_text"], encoding="utf-8")
                files.append(path)
        else:
            files = _html_files(eval_dir / name)[:limit]
            if not takes_gz and any(p.name.endswith(".gz") for p in files):
                out = work / name
                out.mkdir(parents=True, exist_ok=True)
                plain: list[Path] = []
                for p in files:
                    target = out / p.name.removesuffix(".gz")
                    target.write_bytes(gzip.decompress(p.read_bytes()))
                    plain.append(target)
                files = plain
        mb = sum(p.stat().st_size for p in files) / 1e6
        sets.append(BenchSet(name, [str(p) for p in files], mb, parts))
    return sets


def _docpipe_command() -> list[str]:
    script = Path(sys.executable).with_name("docpipe")
    if script.exists():
        return [str(script)]
    found = shutil.which("docpipe")
    if found:
        return [found]
    raise SystemExit("the docpipe command is not installed next to this Python (pip install -e .)")


def _timed(cmd: list[str], stdout_path: Path | None) -> tuple[float, str]:
    """Wall seconds of one child process; its stderr (for errors) is returned."""
    with open(stdout_path or os.devnull, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, check=False)
        seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):  # 1: no input gave a document (reported per input)
        raise SystemExit(f"{cmd[0]} exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-2000:]}")
    return seconds, proc.stderr.decode("utf-8", errors="replace")


def run_whole_path(sets: list[BenchSet], work: Path) -> list[dict[str, object]]:
    docpipe = _docpipe_command()
    rows: list[dict[str, object]] = []
    for s in sets:
        dp_out = work / "docpipe.jsonl"
        tf_out = work / "trafilatura.jsonl"
        dp_s, _ = _timed([*docpipe, "extract", "--format", "jsonl", *s.files], dp_out)
        tf_s, _ = _timed([sys.executable, "-c", TRAFILATURA_SCRIPT, str(tf_out), *s.files], None)
        dp_lines = dp_out.read_bytes().splitlines()
        errors = sum(1 for line in dp_lines if json.loads(line).get("error"))
        tf_lines = tf_out.read_bytes().splitlines()
        rows.append({
            "set": s.name, "docs": len(s.files), "mb": s.mb,
            "docpipe_s": dp_s, "trafilatura_s": tf_s,
            "docpipe_rejected": errors, "docpipe_lines": len(dp_lines), "trafilatura_lines": len(tf_lines),
            # the temporary folder's name is replaced, so the hash is stable from run to run
            "sha256": hashlib.sha256(dp_out.read_bytes().replace(str(work).encode(), b"<work>")).hexdigest()[:16],
        })
    return rows


def prepare_installed_state(sample: str) -> bool:
    """Leave docpipe as an installed copy that has run once is: its modules' bytecode written
    (pip writes a wheel's .pyc files at install; trafilatura's came so) and the regex cache
    (docpipe/regex_cache.py) written by a first run. An environment with PYTHONDONTWRITEBYTECODE
    (this machine's) writes neither by itself, and an editable install has no .pyc files: every
    process would compile docpipe's sources and patterns again. `sample`: a file for the untimed
    first run. Returns whether bytecode writing is off in this environment."""
    off = bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src" / "docpipe")],
                   stdout=subprocess.DEVNULL, check=False)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([*_docpipe_command(), "extract", "--format", "jsonl", sample], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return off


def startup_seconds() -> tuple[float, float]:
    """Start-up alone: `docpipe version` and a process that only imports trafilatura."""
    dp, _ = _timed([*_docpipe_command(), "version"], None)
    tf, _ = _timed([sys.executable, "-c", "import trafilatura"], None)
    return dp, tf


class StageTimer:
    """Inclusive wall time per hooked function, outermost call only (a recursive call of the
    same function is not counted twice)."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self._depth: Counter[str] = Counter()

    def wrap(self, name: str, fn: Callable[..., object]) -> Callable[..., object]:
        def timed(*args: object, **kwargs: object) -> object:
            if self._depth[name]:
                return fn(*args, **kwargs)
            self._depth[name] += 1
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - start
                self._depth[name] -= 1

        timed.__wrapped__ = fn  # type: ignore[attr-defined]
        return timed


def install_hooks(timer: StageTimer) -> Callable[[], None]:
    """Replace every module-level reference to the hooked docpipe functions by a timing
    wrapper; returns the function that puts the originals back."""
    import importlib
    import pkgutil

    import docpipe

    for info in pkgutil.walk_packages(docpipe.__path__, "docpipe."):
        try:
            importlib.import_module(info.name)
        except ImportError:  # an optional extra (e.g. the report's browser test) is not installed
            continue
    modules = [m for n, m in list(sys.modules.items()) if n == "docpipe" or n.startswith("docpipe.")]
    originals: dict[str, object] = {}
    for name in STAGE_HOOKS:
        found = [getattr(m, name) for m in modules if callable(getattr(m, name, None))
                 and getattr(getattr(m, name), "__module__", "").startswith("docpipe")]
        defined = {id(f): f for f in found if getattr(f, "__name__", "") == name}
        if len(defined) != 1:
            raise SystemExit(f"stage hook {name}: {len(defined)} docpipe functions of that name; update STAGE_HOOKS")
        originals[name] = next(iter(defined.values()))
    patched: list[tuple[object, str, object]] = []
    for name, fn in originals.items():
        wrapper = timer.wrap(name, fn)  # type: ignore[arg-type]
        for module in modules:
            for attr, value in list(vars(module).items()):
                if value is fn:
                    setattr(module, attr, wrapper)
                    patched.append((module, attr, fn))

    def restore() -> None:
        for module, attr, fn in patched:
            setattr(module, attr, fn)

    return restore


def _stage_row(seconds: Counter[str], serialise: float, total: float, n: int) -> dict[str, float]:
    """Milliseconds per document of each stage column, from the hooks' inclusive seconds."""
    metadata = seconds["extract_metadata"] + seconds["complete_from_body"]
    stages = {
        "read": seconds["fetch_source"] - seconds["decode_document"],
        "decode": seconds["decode_document"],
        "parse": seconds["page_markup"] + seconds["markup_tree"],
        "metadata": metadata,
        "clean": seconds["clean_document"] - seconds["page_markup"] - seconds["markup_tree"] - metadata,
        "structure": seconds["structure_document"],
        "serialise": serialise,
    }
    stages["other"] = total - sum(stages.values())
    row = {k: 1000 * v / max(n, 1) for k, v in stages.items()}
    row["total"] = 1000 * total / max(n, 1)
    return row


def run_stages(sets: list[BenchSet]) -> list[tuple[str, dict[str, float]]]:
    """One instrumented pass doing what `docpipe extract --format jsonl` does per file: a row
    per set, preceded by a row per part for a combined set."""
    from docpipe.cli import document_json
    from docpipe.config import load_settings
    from docpipe.fetch import expand_inputs
    from docpipe.pipeline import extract_source

    settings = load_settings(None, overrides={})
    timer = StageTimer()
    restore = install_hooks(timer)
    rows: list[tuple[str, dict[str, float]]] = []
    try:
        with open(os.devnull, "w", encoding="utf-8") as sink:
            for s in sets:
                groups = s.parts or {s.name: s.files}
                whole: Counter[str] = Counter()
                whole_serialise = whole_total = 0.0
                for group, files in groups.items():
                    timer.seconds.clear()
                    serialise = 0.0
                    start = time.perf_counter()
                    for item in files:
                        sources, _ = expand_inputs([item])
                        for source in sources:
                            result = extract_source(source, settings)
                            t0 = time.perf_counter()
                            sink.write(json.dumps(document_json(result), ensure_ascii=False) + "\n")
                            serialise += time.perf_counter() - t0
                    total = time.perf_counter() - start
                    whole.update(timer.seconds)
                    whole_serialise += serialise
                    whole_total += total
                    if s.parts:
                        rows.append((f"{s.name}: {group}", _stage_row(timer.seconds, serialise, total, len(files))))
                rows.append((s.name, _stage_row(whole, whole_serialise, whole_total, len(s.files))))
    finally:
        restore()
    return rows


def print_tables(whole: list[dict[str, object]], start: tuple[float, float] | None,
                 stages: list[tuple[str, dict[str, float]]] | None) -> None:
    print("| set | docs | MB | docpipe extract s | docpipe docs/s | trafilatura s | trafilatura docs/s | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in whole:
        docs = int(r["docs"])  # type: ignore[arg-type]
        dp, tf = float(r["docpipe_s"]), float(r["trafilatura_s"])  # type: ignore[arg-type]
        print(f"| {r['set']} | {docs} | {float(r['mb']):.1f} | {dp:.2f} | {docs / dp:.1f} | {tf:.2f} | "  # type: ignore[arg-type]
              f"{docs / tf:.1f} | {tf / dp:.2f}× |")
    if start is not None:
        print(f"| start-up only (`docpipe version` / `import trafilatura`) | | | {start[0]:.2f} | | {start[1]:.2f} | | |")
    print()
    for r in whole:
        print(f"{r['set']}: docpipe wrote {r['docpipe_lines']} lines ({r['docpipe_rejected']} rejected), "
              f"trafilatura {r['trafilatura_lines']}; docpipe output sha256 {r['sha256']}")
    if not stages:
        return
    print()
    print("Per-stage ms per document (one instrumented in-process pass; structure share of the total):")
    print()
    print("| set | " + " | ".join(STAGE_COLUMNS) + " | total | structure share |")
    print("|---|" + "---:|" * (len(STAGE_COLUMNS) + 2))
    for name, row in stages:
        cells = " | ".join(f"{row[c]:.2f}" for c in STAGE_COLUMNS)
        share = 100 * row["structure"] / row["total"] if row["total"] else 0.0
        print(f"| {name} | {cells} | {row['total']:.2f} | {share:.0f} % |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=REPO.parent / "shared" / "eval",
                        help="folder holding the dev sets (default: ../shared/eval)")
    parser.add_argument("--sets", default=",".join(SET_NAMES), help="comma-separated: " + ", ".join(SET_NAMES))
    parser.add_argument("--limit", type=int, default=None, help="at most N files per set folder (a quick look)")
    parser.add_argument("--no-stages", action="store_true", help="skip the instrumented per-stage pass")
    parser.add_argument("--cold", action="store_true",
                        help="time docpipe as the environment leaves it (no bytecode or regex cache written first)")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.sets.split(",") if n.strip()]
    unknown = [n for n in names if n not in SET_NAMES]
    if unknown:
        parser.error(f"unknown set(s) {unknown}; known: {', '.join(SET_NAMES)}")
    needed = {"550 pages": PAGES_550}.get
    missing = [n for n in names for part in (needed(n) or (n,)) if not (args.eval / part).is_dir()]
    if missing:
        print(f"evaluation sets not found under {args.eval}: {missing}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="docpipe-bench-pipeline-") as tmp:
        work = Path(tmp)
        sets = build_sets(args.eval, names, work, args.limit)
        if not args.cold:
            prepare_installed_state(sets[0].files[0])
        start = startup_seconds()
        whole = run_whole_path(sets, work)
        stages = None if args.no_stages else run_stages(sets)
    print_tables(whole, start, stages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
