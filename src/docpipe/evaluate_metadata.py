"""`docpipe eval --metadata`: title, date, author and source_name against every truth a set has.

Truth, per set (a page is scored on a field only when its truth has that field):

- the set's own truth.jsonl: `title`, `date`, `author` (wcxb_dev has all three; cwced_zh date
  and author; daniel_zh the headline only, which is not scored here: it is the extraction
  headline, not always the page's title);
- hand labels shipped with the repository, when they exist for the set's folder name:
  tests/fixtures/metadata/<set>.jsonl (scrapinghub_aeb, cwced_zh: title/date/authors) and
  eval_labels/<set>_metadata.jsonl (daniel_zh: title, date, authors, source_name). Labels
  override the truth file field by field.

The scorer (one for every set and extractor):

- title: exact after folding (NFKC, typographic quotes/dashes, case, whitespace);
- date: the predicted date falls on the truth's calendar day (the day as the page states it);
- author: one of the truth's names is contained in the predicted author (or contains it),
  ignoring case and whitespace;
- source_name: the same containment test against the labelled 来源.

cwced_zh convention (tests/fixtures/metadata/SOURCE.md): where the dataset's "author" is the
page's editor or photo credit (编辑/责任编辑 X, X/摄) the page has no author and is not counted
for author. The test is made on the page text, the same for every page: the truth name
printed right after an editor label, or before "/摄", and nowhere as 作者/记者.

Pages are reported per part of the fixed by-site split (src/docpipe/data/eval_splits.json):
tuning, validation, and all. `--compare trafilatura` runs trafilatura.extract_metadata on the
same pages in the same process.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docpipe import dates
from docpipe.evaluate import load_set, page_path, read_page_html, split_parts

FIELDS: tuple[str, ...] = ("title", "date", "author", "source_name")
PARTS: tuple[str, ...] = ("tuning", "validation", "all")


@dataclass(frozen=True, slots=True)
class Prediction:
    title: str | None = None
    date: str | None = None
    author: str | None = None
    source_name: str | None = None


@dataclass(frozen=True, slots=True)
class MetaTruth:
    id: str
    url: str | None
    html: str
    title: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    source_name: str | None = None


# ---------------------------------------------------------------------------------------------
# loading


def _repo_root() -> Path:
    return Path(__file__).resolve().parents[2]


def label_files(set_name: str) -> list[Path]:
    """The repository's hand-label files for a set of that folder name (may be none; an
    installed package without the repository's tests/ and eval_labels/ has none)."""
    root = _repo_root()
    found = [
        root / "tests" / "fixtures" / "metadata" / f"{set_name}.jsonl",
        root / "eval_labels" / f"{set_name}_metadata.jsonl",
    ]
    return [p for p in found if p.is_file()]


def _jsonl(path: Path) -> list[dict[str, object]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _authors(value: object) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if str(v).strip())
    if isinstance(value, str) and value.strip():
        return tuple(n for n in re.split(r"[\s、,，/;；&]+", value.strip()) if len(n) >= 2)
    return ()


# The cwced_zh convention: a truth "author" that the page credits as its editor or
# photographer is not an author (tests/fixtures/metadata/SOURCE.md).
_EDITOR_BEFORE = r"(?:责任编辑|编辑|责编|编审|摄影|图)\s*[:：]?\s*[\[【（(]?\s*"
_AUTHOR_BEFORE = r"(?:作者|记者|文|撰文|通讯员)\s*[:：/]?\s*"


def editor_credit_only(name: str, html: str) -> bool:
    """The page prints `name` as an editor/photo credit and never as an author credit."""
    n = re.escape(name)
    as_editor = re.search(_EDITOR_BEFORE + n, html) or re.search(n + r"\s*/?\s*摄", html)
    as_author = re.search(_AUTHOR_BEFORE + n, html)
    return bool(as_editor) and not as_author


# Label files name the fields in two ways: tests/fixtures/metadata (date, authors) and
# eval_labels (published, author as a list); both mean the same.
_LABEL_KEYS = {"date": ("date", "published"), "authors": ("authors", "author")}


def _label(label: dict[str, object], name: str) -> tuple[bool, object]:
    for key in _LABEL_KEYS.get(name, (name,)):
        if key in label:
            return True, label[key]
    return False, None


def _truth_of(page_id: str, url: object, html: str, truth: dict[str, object], label: dict[str, object],
              set_name: str) -> MetaTruth:
    # daniel_zh's truth "title" is the extraction headline (sometimes the kicker), not the
    # page's title: only the labels give that set's title.
    has_title, title = _label(label, "title")
    if not has_title and set_name != "daniel_zh":
        title = truth.get("title")
    has_date, date = _label(label, "date")
    if not has_date:
        date = truth.get("date")
    has_authors, authors_raw = _label(label, "authors")
    if has_authors:
        authors = _authors(authors_raw)
    else:
        authors = _authors(truth.get("author"))
        if set_name == "cwced_zh":
            authors = tuple(a for a in authors if not editor_credit_only(a, html))
    # (a labelled set's own truth.jsonl may carry it too: tests/fixtures/metadata_zh_gne)
    source_name = label.get("source_name", truth.get("source_name"))
    return MetaTruth(
        id=page_id, url=url if isinstance(url, str) and url else None, html=html,
        title=title if isinstance(title, str) and title.strip() else None,
        date=date if isinstance(date, str) and _day(date) else None,
        authors=authors,
        source_name=source_name if isinstance(source_name, str) and source_name.strip() else None,
    )


def load_truth(set_dir: Path, limit: int | None = None, split: str = "all") -> list[MetaTruth]:
    """The pages of an eval folder (truth.jsonl order) with their metadata truth: the set's own
    fields, overridden field by field by the repository's hand labels for that set."""
    labels: dict[str, dict[str, object]] = {}
    for path in label_files(set_dir.name):
        for row in _jsonl(path):
            labels.setdefault(str(row["id"]), {}).update(row)
    return [
        _truth_of(p.id, p.url or labels.get(p.id, {}).get("url"), p.html, p.truth, labels.get(p.id, {}), set_dir.name)
        for p in load_set(set_dir, limit, split)
    ]


def load_labelled(labels_path: Path, pages_dir: Path) -> list[MetaTruth]:
    """Labelled pages only (a label file and a folder of some of its pages, such as the copies
    in tests/fixtures/metadata/pages): the labels are the whole truth."""
    out = []
    for label in _jsonl(labels_path):
        page_id = str(label["id"])
        path = page_path(pages_dir, page_id)
        if path is not None:
            out.append(_truth_of(page_id, label.get("url"), read_page_html(path), {}, label, str(label.get("set") or "")))
    return out


# ---------------------------------------------------------------------------------------------
# scoring

_TITLE_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2015": "-"})


def _day(value: str | None) -> str | None:
    """The calendar day a truth or predicted value states (docpipe.dates; the local day of a
    value with an offset, as the page prints it)."""
    iso = dates.parse(value) if value else None
    return iso[:10] if iso else None


def fold(value: str | None) -> str:
    """NFKC, typographic quotes/dashes, case and whitespace folded away."""
    return "".join(unicodedata.normalize("NFKC", value or "").translate(_TITLE_FOLD).casefold().split())


def contains_name(predicted: str | None, names: Sequence[str]) -> bool:
    got = fold(predicted)
    return bool(got) and any(n and (n in got or got in n) for n in (fold(x) for x in names))


def hit(field_name: str, truth: MetaTruth, pred: Prediction) -> bool | None:
    """True/False when the truth has the field, None when the page is not scored on it."""
    if field_name == "title":
        return None if truth.title is None else fold(pred.title) == fold(truth.title)
    if field_name == "date":
        return None if truth.date is None else _day(pred.date) == _day(truth.date)
    if field_name == "author":
        return None if not truth.authors else contains_name(pred.author, truth.authors)
    if field_name == "source_name":
        return None if truth.source_name is None else contains_name(pred.source_name, [truth.source_name])
    raise ValueError(field_name)


@dataclass(slots=True)
class Tally:
    pages: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))

    def add(self, truth: MetaTruth, pred: Prediction) -> None:
        for name in FIELDS:
            ok = hit(name, truth, pred)
            if ok is not None:
                self.pages[name] += 1
                self.hits[name] += ok

    def ratio(self, name: str) -> float | None:
        return self.hits[name] / self.pages[name] if self.pages[name] else None


@dataclass(frozen=True, slots=True)
class ExtractorRun:
    name: str
    seconds: float
    predictions: dict[str, Prediction]
    tallies: dict[str, Tally]  # part → tally


Predictor = Callable[[Sequence[MetaTruth]], dict[str, Prediction]]


def docpipe_predict(pages: Sequence[MetaTruth]) -> dict[str, Prediction]:
    """docpipe's page metadata as the clean stage gives it."""
    from docpipe.clean.html import clean_html

    out = {}
    for page in pages:
        _, md = clean_html(page.html, page.url)
        out[page.id] = Prediction(
            title=md.title, date=md.published_at, author=md.author, source_name=getattr(md, "source_name", None)
        )
    return out


def trafilatura_predict(pages: Sequence[MetaTruth]) -> dict[str, Prediction]:
    from trafilatura import extract_metadata

    out = {}
    for page in pages:
        try:
            doc = extract_metadata(page.html, default_url=page.url)
        except Exception:  # noqa: BLE001 - a crash of the compared library scores as no metadata
            doc = None
        out[page.id] = (
            Prediction(title=doc.title, date=doc.date, author=doc.author, source_name=None)
            if doc is not None else Prediction()
        )
    return out


PREDICTORS: dict[str, Predictor] = {"docpipe": docpipe_predict, "trafilatura": trafilatura_predict}


def run(
    set_dir: Path, compare: Sequence[str] = (), limit: int | None = None, split: str = "all"
) -> tuple[list[MetaTruth], list[ExtractorRun]]:
    """docpipe, then each `compare` extractor, on the same pages in this process; a tally per
    part of the by-site split."""
    unknown = [c for c in compare if c not in PREDICTORS]
    if unknown:
        raise ValueError(f"no metadata predictor for {', '.join(unknown)}; known: {', '.join(PREDICTORS)}")
    pages = load_truth(set_dir, limit, split)
    return pages, score_predictors(pages, split_parts(set_dir.name), ["docpipe", *[c for c in compare if c != "docpipe"]])


def score_predictors(pages: Sequence[MetaTruth], parts: dict[str, str], names: Sequence[str]) -> list[ExtractorRun]:
    runs = []
    for name in names:
        start = time.perf_counter()
        preds = PREDICTORS[name](pages)
        seconds = time.perf_counter() - start
        tallies = {p: Tally() for p in PARTS}
        for page in pages:
            pred = preds.get(page.id, Prediction())
            tallies["all"].add(page, pred)
            part = parts.get(page.id)
            if part in tallies:
                tallies[part].add(page, pred)
        runs.append(ExtractorRun(name, seconds, preds, tallies))
    return runs


def format_runs(set_name: str, pages: Sequence[MetaTruth], runs: Sequence[ExtractorRun], parts: Sequence[str] = PARTS) -> str:
    scored = [f for f in FIELDS if any(r.tallies["all"].pages[f] for r in runs)]
    lines = [
        f"metadata ({set_name}, {len(pages)} pages; title exact after folding, date same day, "
        "author/source_name contained; tune on the tuning part, report validation)"
    ]
    header = f"{'part':<11} {'extractor':<12} " + " ".join(f"{f:>17}" for f in scored) + f" {'pages/s':>8}"
    lines.append(header)
    for part in parts:
        for r in runs:
            t = r.tallies[part]
            cells = []
            for f in scored:
                ratio = t.ratio(f)
                cells.append(f"{t.hits[f]:>4}/{t.pages[f]:<4} = {ratio:.3f}" if ratio is not None else f"{'n/a':>17}")
            speed = len(pages) / r.seconds if r.seconds else float("inf")
            lines.append(f"{part:<11} {r.name:<12} " + " ".join(f"{c:>17}" for c in cells) + f" {speed:8.1f}")
    return "\n".join(lines)


def misses(pages: Sequence[MetaTruth], run_: ExtractorRun, part: str, set_name: str) -> list[str]:
    """Failures of one part (use the tuning part only when looking for rules to change)."""
    parts = split_parts(set_name)
    out = []
    for page in pages:
        if part != "all" and parts.get(page.id) != part:
            continue
        pred = run_.predictions.get(page.id, Prediction())
        for name in FIELDS:
            if hit(name, page, pred) is False:
                expected = {"title": page.title, "date": page.date, "author": " / ".join(page.authors),
                            "source_name": page.source_name}[name]
                out.append(f"  miss {name:<11} {page.id[:14]}  expected={expected!r}  got={getattr(pred, name)!r}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m docpipe.evaluate_metadata", description=__doc__.splitlines()[0])
    parser.add_argument("set_dir", type=Path)
    parser.add_argument("--compare", default="", help="comma-separated: trafilatura")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--split", choices=PARTS, default="all")
    parser.add_argument("--misses", choices=("tuning", "validation", "all"), default=None,
                        help="list docpipe's misses of that part (look at tuning misses only when tuning)")
    args = parser.parse_args(argv)
    compare = [c.strip() for c in args.compare.split(",") if c.strip()]
    pages, runs = run(args.set_dir, compare, args.limit, args.split)
    parts = PARTS if args.split == "all" else (args.split,)
    print(format_runs(args.set_dir.name, pages, runs, parts))
    if args.misses:
        print("\n".join(misses(pages, runs[0], args.misses, args.set_dir.name)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
