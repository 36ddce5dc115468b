"""Structure stage: CleanDocument -> StructuredDocument (metadata, outline, items, 文种 …)."""

from __future__ import annotations

import re

from docpipe.config import Settings
from docpipe.ids import content_hash, doc_id_for
from docpipe.models import Block, CleanDocument, Rejection, StructuredDocument

__all__ = ["structure_document", "detect_language"]

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str, declared: str | None = None) -> str:
    """'zh' when CJK ideographs dominate the letters, 'en' for Latin script, else the declared tag."""
    sample = text[:5000]
    cjk, latin = len(_CJK.findall(sample)), len(_LATIN.findall(sample))
    if cjk and cjk * 3 >= latin:  # one ideograph carries about as much as a 3-letter word
        return "zh"
    if latin:
        return (declared or "en").split("-")[0].lower() if declared and not declared.lower().startswith("zh") else "en"
    return (declared or "und").split("-")[0].lower()


def structure_document(doc: CleanDocument, settings: Settings) -> StructuredDocument | Rejection:
    blocks = tuple(Block(kind=b.kind, text=b.text, level=b.level) for b in doc.blocks)
    text = "\n\n".join(b.text for b in blocks)
    meta = doc.metadata
    return StructuredDocument(
        doc_id=doc_id_for(doc.url, doc.source),
        source=doc.source,
        url=doc.url,
        title=meta.title,
        published_at=meta.published_at,
        site_name=meta.site_name,
        author=meta.author,
        language=detect_language(text, meta.language),
        text=text,
        blocks=blocks,
        content_hash=content_hash(text),
        fetched_at=doc.fetched_at,
        etag=doc.etag,
        last_modified=doc.last_modified,
    )
