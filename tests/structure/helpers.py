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
