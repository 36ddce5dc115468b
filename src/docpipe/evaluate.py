"""`docpipe eval`: main-content extraction quality and speed on a folder laid out like
../shared/eval (pages/<id>.html + truth.jsonl).

The metric is the one the project is judged by (eval/README.md, tools/score_extraction.py):
bag-of-tokens overlap, CJK ideographs one token each, other text split into lowercased
letter/digit runs; per page P/R/F1, macro-averaged over pages whose truth has tokens. The token
regex and the averaging below are the scorer's, character for character, so the figures agree
to the last decimal printed.

`--compare trafilatura,readability` runs those extractors on the same pages in the same process
(they come with the optional `bench` extra), so the speed ratio is measured, not quoted.
"""

from __future__ import annotations

import collections
import json
import re
import statistics
import unicodedata
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

# Exactly the scorer's token pattern (tools/score_extraction.py).
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


def load_set(set_dir: Path, limit: int | None = None) -> list[Page]:
    """Pages of an eval folder in truth.jsonl order (the HTML under pages/ is UTF-8)."""
    pages: list[Page] = []
    with open(set_dir / "truth.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            truth = json.loads(line)
            path = set_dir / "pages" / f"{truth['id']}.html"
            if not path.exists():
                continue
            html = path.read_bytes().decode("utf-8", errors="replace")
            pages.append(Page(id=str(truth["id"]), url=truth.get("url"), html=html, truth=truth))
            if limit is not None and len(pages) >= limit:
                break
    return pages


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
    """Extract every page, timing only the extraction; score like score_extraction.py."""
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
    scores: list[PageScore] = []
    for page in pages:
        truth_text = page.truth.get("text")
        if not isinstance(truth_text, str) or not truth_text or not tokens(truth_text):
            continue
        scores.append(PageScore(page.id, *prf(texts.get(page.id, ""), truth_text)))
    mean = lambda values: statistics.mean(values) if values else 0.0  # noqa: E731
    return RunResult(
        name=name,
        pages=len(pages),
        precision=mean([s.precision for s in scores]),
        recall=mean([s.recall for s in scores]),
        f1=mean([s.f1 for s in scores]),
        seconds=elapsed,
        scores=tuple(scores),
        texts=texts,
    )


def evaluate(set_dir: Path, compare: Sequence[str] = (), limit: int | None = None) -> list[RunResult]:
    pages = load_set(set_dir, limit)
    names = ["docpipe", *[c for c in compare if c != "docpipe"]]
    unknown = [n for n in names if n not in EXTRACTORS]
    if unknown:
        raise ValueError(f"unknown extractor(s): {', '.join(unknown)}; known: {', '.join(EXTRACTORS)}")
    return [run_extractor(name, EXTRACTORS[name], pages) for name in names]


@dataclass(frozen=True, slots=True)
class MetadataScore:
    """cwced-style metadata figures: date on the same calendar day, author found."""

    date_pages: int
    date_same_day: int
    author_pages: int
    author_found: int


_DAY = re.compile(r"((?:19|20)\d{2})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})")


def _day(value: str | None) -> tuple[int, int, int] | None:
    match = _DAY.search(value or "")
    return (int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None


def _names(value: str) -> list[str]:
    return [n for n in re.split(r"[\s、,，/;；]+", value) if len(n) >= 2]


def author_found(predicted: str | None, names: Sequence[str]) -> bool:
    """At least one of the expected names is in the predicted author string (or contains it),
    compared without whitespace and case."""
    got = "".join((predicted or "").split()).lower()
    folded = ["".join(n.split()).lower() for n in names]
    return bool(got) and any(n and (n in got or got in n) for n in folded)


def score_metadata(pages: Sequence[Page]) -> MetadataScore:
    """Over pages whose truth has a full date / an author: predicted published_at on the same
    day; predicted author containing at least one of the truth's names (or contained in one)."""
    from docpipe.clean.html import clean_html

    date_pages = same_day = author_pages = found = 0
    for page in pages:
        _, md = clean_html(page.html, page.url)
        truth_day = _day(str(page.truth.get("date") or ""))
        if truth_day:
            date_pages += 1
            same_day += _day(md.published_at) == truth_day
        truth_author = str(page.truth.get("author") or "").strip()
        if truth_author:
            author_pages += 1
            found += author_found(md.author, _names(truth_author))
    return MetadataScore(date_pages, same_day, author_pages, found)


# ---------------------------------------------------------------------------------------------
# hand-labelled metadata (tests/fixtures/metadata/<set>.jsonl: id, set, url, title, date, authors)

# Typographic variants that the same headline is printed with (curly vs straight quotes, dash
# lengths); NFKC alone leaves them apart.
_TITLE_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2015": "-"})


def fold_title(value: str | None) -> str:
    """Unicode (NFKC, quotes, dashes), case and whitespace folding for exact title match."""
    return "".join(unicodedata.normalize("NFKC", value or "").translate(_TITLE_FOLD).casefold().split())


@dataclass(frozen=True, slots=True)
class LabelMiss:
    id: str
    field: str
    expected: str
    got: str | None


@dataclass(frozen=True, slots=True)
class LabelScore:
    """Title exact match (folded), date on the same day, author found, over labelled pages."""

    name: str
    pages: int
    title_pages: int
    title_hit: int
    date_pages: int
    date_hit: int
    author_pages: int
    author_hit: int
    misses: tuple[LabelMiss, ...]


def load_labels(path: Path) -> list[dict[str, object]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def default_labels(set_dir: Path) -> Path | None:
    """The repository's label file for a dev set of that folder name, when there is one."""
    path = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "metadata" / f"{set_dir.name}.jsonl"
    return path if path.is_file() else None


def score_labels(labels: Sequence[dict[str, object]], pages_dir: Path, name: str = "") -> LabelScore:
    """Score docpipe's metadata for each labelled page found as pages_dir/<id>.html."""
    from docpipe.clean.html import clean_html

    n = tp = th = dp = dh = ap = ah = 0
    misses: list[LabelMiss] = []
    for label in labels:
        path = pages_dir / f"{label['id']}.html"
        if not path.exists():
            continue
        n += 1
        html = path.read_bytes().decode("utf-8", errors="replace")
        url = label.get("url")
        _, md = clean_html(html, url if isinstance(url, str) else None)
        page_id = str(label["id"])
        title = label.get("title")
        if isinstance(title, str) and title:
            tp += 1
            ok = fold_title(md.title) == fold_title(title)
            th += ok
            if not ok:
                misses.append(LabelMiss(page_id, "title", title, md.title))
        day = _day(str(label.get("date") or ""))
        if day:
            dp += 1
            ok = _day(md.published_at) == day
            dh += ok
            if not ok:
                misses.append(LabelMiss(page_id, "date", str(label["date"]), md.published_at))
        authors = [str(a) for a in (label.get("authors") or []) if str(a).strip()]  # type: ignore[union-attr]
        if authors:
            ap += 1
            ok = author_found(md.author, authors)
            ah += ok
            if not ok:
                misses.append(LabelMiss(page_id, "author", " / ".join(authors), md.author))
    return LabelScore(name, n, tp, th, dp, dh, ap, ah, tuple(misses))


def format_labels(s: LabelScore, show_misses: bool = True) -> str:
    def ratio(hit: int, total: int) -> str:
        return f"{hit}/{total} = {hit / total:.3f}" if total else "n/a"

    lines = [
        f"labelled metadata ({s.name}, {s.pages} pages): title exact {ratio(s.title_hit, s.title_pages)}; "
        f"date same day {ratio(s.date_hit, s.date_pages)}; author found {ratio(s.author_hit, s.author_pages)}"
    ]
    if show_misses:
        for m in s.misses:
            lines.append(f"  miss {m.field:<6} {m.id[:12]}  expected={m.expected!r}  got={m.got!r}")
    return "\n".join(lines)


def format_report(set_dir: Path, results: Sequence[RunResult], worst: int = 10) -> str:
    lines = [f"set: {set_dir.name}  pages: {results[0].pages if results else 0}", ""]
    lines.append(f"{'extractor':<12} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>9} {'× speed':>8}")
    base = results[0].pages_per_second if results else 0.0
    for r in results:
        ratio = base / r.pages_per_second if r.pages_per_second else float("inf")
        lines.append(
            f"{r.name:<12} {r.precision:6.3f} {r.recall:6.3f} {r.f1:6.3f} {r.pages_per_second:9.1f} {ratio:8.2f}"
        )
    lines.append("(× speed: docpipe's pages/s divided by that extractor's)")
    for r in results[:1]:
        lines.append("")
        lines.append(f"{worst} worst pages ({r.name}):")
        for s in r.worst(worst):
            lines.append(f"  {s.id}  P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}")
    return "\n".join(lines)


def format_metadata(m: MetadataScore) -> str:
    def ratio(hit: int, total: int) -> str:
        return f"{hit}/{total} = {hit / total:.3f}" if total else "n/a (no truth)"

    return (
        f"metadata: date same day {ratio(m.date_same_day, m.date_pages)}; "
        f"author found {ratio(m.author_found, m.author_pages)}"
    )


def write_predictions(result: RunResult, path: Path) -> None:
    """A JSONL that tools/score_extraction.py reads (id, text)."""
    with open(path, "w", encoding="utf-8") as fh:
        for page_id, text in result.texts.items():
            fh.write(json.dumps({"id": page_id, "text": text}, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="docpipe eval", description=__doc__.splitlines()[0])
    parser.add_argument("set_dir", type=Path)
    parser.add_argument("--compare", default="", help="comma-separated: trafilatura,readability")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--predictions", type=Path, default=None, help="write docpipe's JSONL here")
    parser.add_argument("--metadata", action="store_true", help="also score date/author (truth has them)")
    parser.add_argument(
        "--labels", type=Path, default=None,
        help="hand-labelled metadata JSONL (default with --metadata: tests/fixtures/metadata/<set>.jsonl)",
    )
    args = parser.parse_args(argv)
    compare = [c.strip() for c in args.compare.split(",") if c.strip()]
    results = evaluate(args.set_dir, compare, args.limit)
    print(format_report(args.set_dir, results))
    if args.predictions:
        write_predictions(results[0], args.predictions)
    if args.metadata:
        m = score_metadata(load_set(args.set_dir, args.limit))
        print(format_metadata(m))
    labels_path = args.labels or (default_labels(args.set_dir) if args.metadata else None)
    if labels_path:
        print(format_labels(score_labels(load_labels(labels_path), args.set_dir / "pages", args.set_dir.name)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
