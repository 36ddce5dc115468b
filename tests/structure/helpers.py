"""Build CleanDocuments in tests without going through fetch and clean."""

from __future__ import annotations

from docpipe.config import Settings
from docpipe.models import CleanBlock, CleanDocument, PageMetadata, StructuredDocument
from docpipe.structure import structure_document


def make_doc(*lines: str | CleanBlock, title: str | None = None) -> CleanDocument:
    blocks = tuple(b if isinstance(b, CleanBlock) else CleanBlock(kind="paragraph", text=b) for b in lines)
    return CleanDocument(source="test.txt", format="text", blocks=blocks, metadata=PageMetadata(title=title))


def structure(*lines: str | CleanBlock, title: str | None = None) -> StructuredDocument:
    result = structure_document(make_doc(*lines, title=title), Settings())
    assert isinstance(result, StructuredDocument), result
    return result


def outline(*lines: str | CleanBlock, title: str | None = None) -> list[tuple[int, str, str]]:
    return [(h.level, h.marker, h.text) for h in structure(*lines, title=title).headings]


def extract_raw_text(raw: str, name: str = "doc") -> dict[str, object]:
    """A raw text as `docpipe extract NAME.txt` exports it (the path the gold sets are scored on)."""
    import tempfile
    from pathlib import Path

    from docpipe.cli import document_json
    from docpipe.pipeline import extract_source

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{name}.txt"
        path.write_text(raw, encoding="utf-8")
        return document_json(extract_source(str(path), Settings()))


def gold_rows(path: "Path") -> dict[str, dict[str, object]]:  # noqa: F821
    """The rows of a gold.jsonl by id."""
    return {r["id"]: r for r in load_gold(path)}


def label_key(text: str) -> str:
    """A label as the gold scoring compares it: NFKC width folding, whitespace removed."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text).split())


def load_gold(path: "Path") -> list[dict[str, object]]:  # noqa: F821
    """The rows of a gold.jsonl in file order."""
    import json

    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def assert_labels_verbatim(rows: list[dict[str, object]]) -> None:
    """Every label of a real-text gold set occurs in its raw_text (labels are read off the text,
    never written): title and salutation whole, headings by their scored 6-character prefix,
    noise strings byte for byte."""
    for row in rows:
        raw = label_key(row["raw_text"])
        assert row["doc_type"], row["id"]
        if row["title"]:
            assert label_key(row["title"]) in raw, row["id"]
        for h in row["headings"]:
            assert label_key(h["text"])[:6] in raw and h["level"] >= 1, (row["id"], h)
        for noise in row["noise"]:
            assert noise in row["raw_text"], (row["id"], noise)


def assert_labels_whole(rows: list[dict[str, object]]) -> None:
    """The checks of assert_labels_verbatim, and stricter ones for the real-text sets labelled with
    notes (structure_real_more, structure_real_3): salutation whole, every heading and item with its
    marker and whole text (the scored prefix alone could hide a bad boundary), at most 10 noise
    strings, each long enough to score and never part of a label the body must keep."""
    assert_labels_verbatim(rows)
    for row in rows:
        raw = label_key(row["raw_text"])
        texts = [t for t in (row["title"], row["salutation"]) if t]
        texts += [h["text"] for h in row["headings"]] + [i["text"] for i in row["items"]]
        if row["salutation"]:
            assert label_key(row["salutation"]) in raw, row["id"]
        for label in row["headings"] + row["items"]:
            assert label_key(label["marker"] + label["text"]) in raw, (row["id"], label)
        assert len(row["noise"]) <= 10, row["id"]
        for noise in row["noise"]:
            assert len(noise) >= 4 and not any(noise in t for t in texts), (row["id"], noise)


def score_gold_rows(rows: list[dict[str, object]]) -> "GoldReport":  # noqa: F821
    """Each raw_text through `docpipe extract` and the gold scoring; no document may fail."""
    from docpipe.structure.scoring import GoldReport, score_gold_document

    report = GoldReport()
    for row in rows:
        exported = extract_raw_text(row["raw_text"], row["id"])
        assert not exported.get("error"), (row["id"], exported)
        score_gold_document(exported, row, report)
    assert report.summary()["documents"] == len(rows)
    return report


def split_site(row: dict[str, object]) -> str:
    """The site a gold row is split by: benchmarks/make_splits.py's rule, the one that made the split."""
    import sys
    from pathlib import Path

    benchmarks = str(Path(__file__).resolve().parents[2] / "benchmarks")
    if benchmarks not in sys.path:
        sys.path.insert(0, benchmarks)
    from make_splits import site_of

    return site_of(row)


def assert_split_by_site(rows: list[dict[str, object]], parts: dict[str, str], min_validation: int) -> None:
    """The split covers the set, puts every site in one part, and gives validation min_validation texts."""
    assert {row["id"] for row in rows} == set(parts)
    site_part: dict[str, set[str]] = {}
    for row in rows:
        site_part.setdefault(split_site(row), set()).add(parts[row["id"]])
    assert all(len(p) == 1 for p in site_part.values()), site_part
    assert sorted(parts.values()).count("validation") >= min_validation


def assert_part_keeps_floors(rows: list[dict[str, object]], parts: dict[str, str], part: str,
                             floors: dict[str, float], noise_ceiling: float) -> None:
    """The documents of one split part score at least their floors and leave at most noise_ceiling of
    their noise strings in the body."""
    s = score_gold_rows([row for row in rows if parts[row["id"]] == part]).summary()
    for key, floor in floors.items():
        assert s[key] >= floor, (part, key, s)
    assert s["noise_left"] <= noise_ceiling, (part, s)
