"""`docpipe eval`: main-content extraction quality and speed on a folder laid out like
../shared/eval (pages/<id>.html or pages/<id>.html.gz + truth.jsonl).

The metric is the one the project is judged by (docs/interface.md):
bag-of-tokens overlap, CJK ideographs one token each, other text split into lowercased
letter/digit runs; per page P/R/F1, macro-averaged over pages whose truth has tokens. The token
regex and the averaging below are the scorer's, character for character, so the figures agree
to the last decimal printed.

`--compare trafilatura,readability` runs those extractors on the same pages in the same process
(they come with the optional `bench` extra), so the speed ratio is measured, not quoted.
`--reference FILE.jsonl` scores saved predictions of another extractor (id, text) instead, for
quick tuning comparisons; figures of record are taken with `--compare` in one run.

`--split tuning|validation|all` keeps the pages of one part of the fixed by-site split
(docpipe/data/eval_splits.json, docs/evaluation.md). Where the truth has `page_type`, F1 is
also reported per page type; where it has `with`/`without` snippets (WCXB), the share of
must-have snippets found and of must-not snippets left out. With a comparison, the pages where
docpipe is far behind the other extractor are listed.
"""

from __future__ import annotations

import collections
import gzip
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

# Exactly the metric's token pattern (docs/interface.md).
TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W_]+")

Extractor = Callable[[str, str | None], str]


def tokens(text: str | None) -> collections.Counter[str]:
    return collections.Counter(t.lower() for t in TOKEN.findall(text or ""))


def prf(predicted: str | None, truth: str | None) -> tuple[float, float, float]:
    """Per-page precision, recall, F1 of the bag-of-tokens overlap (empty prediction: zeros)."""
    p, g = tokens(predicted), tokens(truth)
    overlap = sum((p & g).values())
    n_p, n_g = sum(p.values()), sum(g.values())
    precision = overlap / n_p if n_p else 0.0
    recall = overlap / n_g if n_g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    url: str | None
    html: str
    truth: dict[str, object]


@dataclass(frozen=True, slots=True)
class PageScore:
    id: str
    precision: float
    recall: float
    f1: float
    page_type: str | None = None
    # (found, total) of the truth's must-have snippets / (left out, total) of its must-not ones
    with_hits: tuple[int, int] = (0, 0)
    without_hits: tuple[int, int] = (0, 0)


@dataclass(frozen=True, slots=True)
class RunResult:
    name: str
    pages: int
    precision: float
    recall: float
    f1: float
    seconds: float
    scores: tuple[PageScore, ...]
    texts: dict[str, str]

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else float("inf")

    def worst(self, n: int = 10) -> list[PageScore]:
        return sorted(self.scores, key=lambda s: s.f1)[:n]


SPLITS = ("tuning", "validation", "all")


def split_ids(set_name: str, split: str) -> frozenset[str] | None:
    """Page ids of one part of the fixed by-site split (None for "all" and for sets the split
    file does not know, which are scored whole)."""
    if split == "all":
        return None
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; known: {', '.join(SPLITS)}")
    parts = split_parts(set_name)
    if not parts:
        return None
    return frozenset(page_id for page_id, part in parts.items() if part == split)


def split_parts(set_name: str) -> dict[str, str]:
    """Page id -> "tuning"/"validation" for a set of the fixed split ({} for other sets)."""
    from importlib import resources

    data = json.loads(resources.files("docpipe.data").joinpath("eval_splits.json").read_text(encoding="utf-8"))
    return dict(data["sets"].get(set_name, {}).get("ids", {}))


def read_page_html(path: Path) -> str:
    """A saved page as text: gzipped (`.gz`) or not; the pages are UTF-8 (eval/README.md)."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def page_path(pages_dir: Path, page_id: str) -> Path | None:
    for name in (f"{page_id}.html", f"{page_id}.html.gz"):
        path = pages_dir / name
        if path.exists():
            return path
    return None


def load_set(set_dir: Path, limit: int | None = None, split: str = "all") -> list[Page]:
    """Pages of an eval folder in truth.jsonl order, those of one split part only unless
    `split` is "all" (the HTML under pages/ is UTF-8, gzipped or not)."""
    keep = split_ids(set_dir.name, split)
    pages: list[Page] = []
    with open(set_dir / "truth.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            truth = json.loads(line)
            page_id = str(truth["id"])
            if keep is not None and page_id not in keep:
                continue
            path = page_path(set_dir / "pages", page_id)
            if path is None:
                continue
            pages.append(Page(id=page_id, url=truth.get("url"), html=read_page_html(path), truth=truth))
            if limit is not None and len(pages) >= limit:
                break
    return pages


def _snippet_key(text: str) -> str:
    """Text as its token sequence: snippets are matched on words, not on the punctuation,
    quotes and spacing an extractor may render differently."""
    return " ".join(t.lower() for t in TOKEN.findall(text))


def snippet_hits(predicted: str, truth: dict[str, object]) -> tuple[tuple[int, int], tuple[int, int]]:
    """(must-have snippets found, their number), (must-not snippets absent, their number).

    A snippet starts on a word boundary but may end inside a word: WCXB cuts its snippets at a
    length, mid-word ("… adding a variet"), so only the start is matched as a whole token."""
    got = f" {_snippet_key(predicted)} "

    def listed(key: str) -> list[str]:
        value = truth.get(key)
        keys = [_snippet_key(v) for v in value if isinstance(v, str)] if isinstance(value, list) else []
        return [k for k in keys if k]

    with_, without = listed("with"), listed("without")
    found = sum(f" {k}" in got for k in with_)
    absent = sum(f" {k}" not in got for k in without)
    return (found, len(with_)), (absent, len(without))


# ---------------------------------------------------------------------------------------------
# extractors


def docpipe_text(html: str, url: str | None) -> str:
    from docpipe.clean.html import clean_html

    blocks, _ = clean_html(html, url)
    return "\n\n".join(b.text for b in blocks)


def trafilatura_text(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def readability_text(html: str, url: str | None) -> str:
    import lxml.html
    from readability import Document

    summary = Document(html, url=url).summary(html_partial=True)
    if not summary.strip():
        return ""
    # The whole summary's text, one line per text node (as the reference figures were taken).
    root = lxml.html.fragment_fromstring(summary, create_parent="div")
    return "\n".join(t.strip() for t in root.itertext() if t.strip())


EXTRACTORS: dict[str, Extractor] = {
    "docpipe": docpipe_text,
    "trafilatura": trafilatura_text,
    "readability": readability_text,
}


def run_extractor(name: str, extract: Extractor, pages: Sequence[Page]) -> RunResult:
    """Extract every page, timing only the extraction; score by the metric."""
    texts: dict[str, str] = {}
    elapsed = 0.0
    for page in pages:
        start = time.perf_counter()
        try:
            text = extract(page.html, page.url)
        except Exception as exc:  # noqa: BLE001 - a third-party extractor crashing scores 0 and is reported
            print(f"  [{name}] {page.id}: {type(exc).__name__}: {exc}", file=sys.stderr)
            text = ""
        elapsed += time.perf_counter() - start
        texts[page.id] = text
    return score_texts(name, pages, texts, elapsed)


def score_texts(name: str, pages: Sequence[Page], texts: dict[str, str], seconds: float = 0.0) -> RunResult:
    """Score one extractor's texts of `pages` by the metric (a page without a text
    scores 0), with the page type and snippet hits of each page."""
    scores: list[PageScore] = []
    for page in pages:
        truth_text = page.truth.get("text")
        if not isinstance(truth_text, str) or not truth_text or not tokens(truth_text):
            continue
        text = texts.get(page.id, "")
        page_type = page.truth.get("page_type")
        with_hits, without_hits = snippet_hits(text, page.truth)
        scores.append(
            PageScore(
                page.id, *prf(text, truth_text),
                page_type=page_type if isinstance(page_type, str) else None,
                with_hits=with_hits, without_hits=without_hits,
            )
        )
    mean = lambda values: statistics.mean(values) if values else 0.0  # noqa: E731
    return RunResult(
        name=name,
        pages=len(pages),
        precision=mean([s.precision for s in scores]),
        recall=mean([s.recall for s in scores]),
        f1=mean([s.f1 for s in scores]),
        seconds=seconds,
        scores=tuple(scores),
        texts=texts,
    )


def evaluate(
    set_dir: Path, compare: Sequence[str] = (), limit: int | None = None, split: str = "all",
    references: Sequence[Path] = (),
) -> list[RunResult]:
    """docpipe first, then each `compare` extractor run on the same pages, then each saved
    `references` JSONL (id, text) scored on them."""
    pages = load_set(set_dir, limit, split)
    names = ["docpipe", *[c for c in compare if c != "docpipe"]]
    unknown = [n for n in names if n not in EXTRACTORS]
    if unknown:
        raise ValueError(f"unknown extractor(s): {', '.join(unknown)}; known: {', '.join(EXTRACTORS)}")
    results = [run_extractor(name, EXTRACTORS[name], pages) for name in names]
    for path in references:
        results.append(score_texts(f"{path.stem} (saved)", pages, load_predictions(path)))
    return results


def load_predictions(path: Path) -> dict[str, str]:
    """id -> text of a predictions JSONL (the format write_predictions and the scorer use)."""
    out: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                out[str(row["id"])] = str(row.get("text") or "")
    return out


@dataclass(frozen=True, slots=True)
class GroupFigures:
    """Macro P/R/F1 of a group of pages (one page type, or all), and snippet rates over it."""

    pages: int
    precision: float
    recall: float
    f1: float
    with_rate: float | None  # share of must-have snippets found (None: the truth has none)
    without_rate: float | None  # share of must-not snippets left out


def group_figures(scores: Sequence[PageScore]) -> GroupFigures:
    mean = lambda values: statistics.mean(values) if values else 0.0  # noqa: E731
    w_found, w_total = sum(s.with_hits[0] for s in scores), sum(s.with_hits[1] for s in scores)
    o_absent, o_total = sum(s.without_hits[0] for s in scores), sum(s.without_hits[1] for s in scores)
    return GroupFigures(
        pages=len(scores),
        precision=mean([s.precision for s in scores]),
        recall=mean([s.recall for s in scores]),
        f1=mean([s.f1 for s in scores]),
        with_rate=w_found / w_total if w_total else None,
        without_rate=o_absent / o_total if o_total else None,
    )


def by_page_type(result: RunResult) -> dict[str, GroupFigures]:
    """Figures per page type (pages whose truth names one), largest group first, then "all"."""
    groups: dict[str, list[PageScore]] = collections.defaultdict(list)
    for s in result.scores:
        if s.page_type:
            groups[s.page_type].append(s)
    if not groups:
        return {}
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    out = {name: group_figures(scores) for name, scores in ordered}
    out["all"] = group_figures(result.scores)
    return out


# A page counts as "far behind" when the other extractor's F1 exceeds docpipe's by this much.
FAR_BEHIND_GAP = 0.3


@dataclass(frozen=True, slots=True)
class Behind:
    id: str
    page_type: str | None
    ours: float
    theirs: float


def far_behind(ours: RunResult, theirs: RunResult, gap: float = FAR_BEHIND_GAP) -> list[Behind]:
    """Pages where `theirs` beats `ours` by at least `gap` F1, widest gap first."""
    other = {s.id: s.f1 for s in theirs.scores}
    out = [
        Behind(s.id, s.page_type, s.f1, other[s.id])
        for s in ours.scores
        if s.id in other and other[s.id] - s.f1 >= gap
    ]
    return sorted(out, key=lambda b: (b.ours - b.theirs, b.id))


def format_report(
    set_dir: Path, results: Sequence[RunResult], worst: int = 10, split: str = "all", behind: int = 40
) -> str:
    part = "" if split == "all" else f"  split: {split}"
    lines = [f"set: {set_dir.name}{part}  pages: {results[0].pages if results else 0}", ""]
    lines.append(f"{'extractor':<12} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>9} {'× speed':>8}")
    base = results[0].pages_per_second if results else 0.0
    for r in results:
        if r.seconds <= 0:  # saved predictions: no timing
            speed = f"{'—':>9} {'—':>8}"
        else:
            speed = f"{r.pages_per_second:9.1f} {base / r.pages_per_second:8.2f}"
        lines.append(f"{r.name:<12} {r.precision:6.3f} {r.recall:6.3f} {r.f1:6.3f} {speed}")
    lines.append("(× speed: docpipe's pages/s divided by that extractor's)")
    lines.extend(_format_types(results))
    for r in results[:1]:
        lines.append("")
        lines.append(f"{worst} worst pages ({r.name}):")
        for s in r.worst(worst):
            kind = f"  [{s.page_type}]" if s.page_type else ""
            lines.append(f"  {s.id}  P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}{kind}")
    for other in results[1:]:
        rows = far_behind(results[0], other)
        lines.append("")
        lines.append(f"{len(rows)} pages where {other.name} leads docpipe by ≥ {FAR_BEHIND_GAP} F1:")
        for b in rows[:behind]:
            kind = f"  [{b.page_type}]" if b.page_type else ""
            lines.append(f"  {b.id}  docpipe={b.ours:.3f} {other.name}={b.theirs:.3f}{kind}")
        if len(rows) > behind:
            lines.append(f"  … {len(rows) - behind} more")
    return "\n".join(lines)


def _format_types(results: Sequence[RunResult]) -> list[str]:
    """Per page type: pages, then F1 (P / R) of each extractor and its snippet rates."""
    tables = [(r.name, by_page_type(r)) for r in results]
    if not tables or not tables[0][1]:
        if tables and any(s.with_hits[1] or s.without_hits[1] for s in results[0].scores):
            return ["", *(_snippet_line(name, group_figures(r.scores)) for (name, _), r in zip(tables, results))]
        return []

    def rate(value: float | None) -> str:
        return f"{value:.3f}" if value is not None else "  n/a"

    lines = ["", "per page type: F1 (P / R); with = must-have snippets found, without = must-not snippets left out"]
    head = f"{'page type':<14} {'pages':>5}"
    for name, _ in tables:
        head += f" | {name[:22]:<22} {'with':>5} {'w/o':>5}"
    lines.append(head)
    for page_type, first in tables[0][1].items():
        row = f"{page_type:<14} {first.pages:>5}"
        for _, groups in tables:
            g = groups.get(page_type)
            if g is None:
                row += f" | {'':<22} {'':>5} {'':>5}"
                continue
            cell = f"{g.f1:.3f} ({g.precision:.3f} / {g.recall:.3f})"
            row += f" | {cell:<22} {rate(g.with_rate):>5} {rate(g.without_rate):>5}"
        lines.append(row)
    return lines


def _snippet_line(name: str, g: GroupFigures) -> str:
    w = f"{g.with_rate:.3f}" if g.with_rate is not None else "n/a"
    o = f"{g.without_rate:.3f}" if g.without_rate is not None else "n/a"
    return f"{name}: must-have snippets found {w}; must-not snippets left out {o}"


def write_predictions(result: RunResult, path: Path) -> None:
    """A JSONL of predictions (id, text), the form other scorers of the metric read."""
    with open(path, "w", encoding="utf-8") as fh:
        for page_id, text in result.texts.items():
            fh.write(json.dumps({"id": page_id, "text": text}, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="docpipe eval", description=__doc__.splitlines()[0])
    parser.add_argument("set_dir", type=Path)
    parser.add_argument("--compare", default="", help="comma-separated: trafilatura,readability")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--split", choices=SPLITS, default="all", help="part of the by-site split to score")
    parser.add_argument(
        "--reference", type=Path, action="append", default=[],
        help="saved predictions JSONL (id, text) of another extractor to score on the same pages",
    )
    parser.add_argument("--predictions", type=Path, default=None, help="write docpipe's JSONL here")
    parser.add_argument(
        "--metadata", action="store_true",
        help="also score title/date/author/source_name (docpipe.evaluate_metadata; the set's truth and the "
        "repository's hand labels), per split part, the --compare extractors that have a metadata predictor too",
    )
    args = parser.parse_args(argv)
    compare = [c.strip() for c in args.compare.split(",") if c.strip()]
    results = evaluate(args.set_dir, compare, args.limit, args.split, args.reference)
    print(format_report(args.set_dir, results, split=args.split))
    if args.predictions:
        write_predictions(results[0], args.predictions)
    if args.metadata:
        from docpipe import evaluate_metadata as em

        pages, runs = em.run(args.set_dir, [c for c in compare if c in em.PREDICTORS], args.limit, args.split)
        print()
        print(em.format_runs(args.set_dir.name, pages, runs, em.PARTS if args.split == "all" else (args.split,)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
