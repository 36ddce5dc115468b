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
