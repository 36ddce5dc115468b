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
    import json

    return {r["id"]: r for r in (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())}


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
