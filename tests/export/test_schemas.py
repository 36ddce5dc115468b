from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pytest

from docpipe.export.__main__ import main as export_main
from docpipe.export.schemas import DICTIONARY_COLUMNS, SCHEMAS, parse_published, render_markdown
from docpipe.models import StructuredDocument

REPO = Path(__file__).resolve().parents[2]


def _all_fields(fields: list[pa.Field]) -> list[tuple[str, pa.Field]]:
    out = []
    for f in fields:
        out.append((f.name, f))
        inner = f.type.value_type if pa.types.is_list(f.type) else f.type
        if pa.types.is_struct(inner):
            out += [(f"{f.name}.{n}", g) for n, g in _all_fields([inner.field(i) for i in range(inner.num_fields)])]
    return out


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_every_field_has_a_description(table):
    for name, field in _all_fields(list(SCHEMAS[table])):
        assert field.metadata and field.metadata.get(b"description", b"").strip(), f"{table}.{name}"


def test_documents_covers_every_structured_document_field():
    names = set(SCHEMAS["documents"].names)
    assert set(StructuredDocument.model_fields) <= names
    for col in ("headings", "items", "placeholders", "references", "blocks"):
        assert pa.types.is_list(SCHEMAS["documents"].field(col).type)
    assert SCHEMAS["documents"].field("published_at").type == pa.timestamp("us", tz="UTC")


def test_blocks_is_flat_and_has_the_contract_columns():
    schema = SCHEMAS["blocks"]
    assert {"doc_id", "block_idx", "section_path", "kind", "level", "marker", "text"} <= set(schema.names)
    assert schema.field("section_path").type == pa.list_(pa.int32())
    assert not any(pa.types.is_struct(f.type) for f in schema)


def test_dictionary_columns_exist_and_are_strings():
    for table, columns in DICTIONARY_COLUMNS.items():
        for col in columns:
            top = SCHEMAS[table].field(col.split(".")[0])
            assert top is not None, (table, col)
    assert "text" not in DICTIONARY_COLUMNS["documents"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-12-06", datetime(2024, 12, 6, tzinfo=timezone.utc)),
        ("2024-12-06T00:37:14", datetime(2024, 12, 6, 0, 37, 14, tzinfo=timezone.utc)),
        ("2024-12-06 00:37:14", datetime(2024, 12, 6, 0, 37, 14, tzinfo=timezone.utc)),
        ("2024-12-06T08:37:14+08:00", datetime(2024, 12, 6, 0, 37, 14, tzinfo=timezone.utc)),
        ("2024-12-06T00:37:14Z", datetime(2024, 12, 6, 0, 37, 14, tzinfo=timezone.utc)),
        ("2024年12月6日", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_published(raw, expected):
    assert parse_published(raw) == expected


def test_docs_schema_md_is_up_to_date():
    path = REPO / "docs" / "schema.md"
    assert path.read_text(encoding="utf-8") == render_markdown(), (
        "docs/schema.md is stale: run `python -m docpipe.export schema-doc docs/schema.md`"
    )


def test_schema_doc_lists_every_column(tmp_path):
    target = tmp_path / "schema.md"
    assert export_main(["x", "schema-doc", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    for table, schema in SCHEMAS.items():
        assert f"## {table}" in text
        for name in schema.names:
            assert f"| `{name}` |" in text
    assert export_main(["x"]) == 2
