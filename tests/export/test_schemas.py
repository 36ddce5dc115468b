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


def _leaf(schema: pa.Schema, dotted: str) -> pa.DataType:
    """The type at a dotted path as DICTIONARY_COLUMNS names it: `headings.list.element.marker`."""
    parts = dotted.split(".")
    typ = schema.field(parts[0]).type
    for part in parts[1:]:
        if part == "list":
            assert pa.types.is_list(typ), dotted
            typ = typ.value_type
        elif part != "element":
            typ = typ.field(part).type
    return typ


def test_dictionary_columns_exist_and_are_strings():
    for table, columns in DICTIONARY_COLUMNS.items():
        for col in columns:
            assert _leaf(SCHEMAS[table], col) == pa.string(), (table, col)
    assert "text" not in DICTIONARY_COLUMNS["documents"]


def _documented(table: str) -> dict[str, tuple[str, bool]]:
    """Column -> (type, nullable) as docs/schema.md, the schema users read, states it."""
    text = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    section = text.split(f"\n## {table}\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = (cells[1].strip("`"), cells[2] == "yes")
    return rows


def _doc_type(typ: pa.DataType) -> str:
    """The type spelling docs/schema.md uses."""
    if pa.types.is_timestamp(typ):
        return f"timestamp[{typ.unit}, {typ.tz}]"
    if pa.types.is_list(typ):
        inner = typ.value_type
        return "list<struct>" if pa.types.is_struct(inner) else f"list<{_doc_type(inner)}>"
    return "date" if pa.types.is_date32(typ) else str(typ)


def _flat(schema: pa.Schema) -> dict[str, tuple[str, bool]]:
    out = {}
    for name, field in _all_fields(list(schema)):
        if "." in name:  # documented as parent[].child
            parent, child = name.rsplit(".", 1)
            list_parent = pa.types.is_list(schema.field(parent.split(".")[0]).type)
            name = f"{parent}[].{child}" if list_parent else name
        out[name] = (_doc_type(field.type), field.nullable)
    return out


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_every_column_type_and_nullability_is_the_documented_one(table, tmp_path):
    documented = _documented(table)
    assert documented, f"docs/schema.md has no column table for {table}"
    assert _flat(SCHEMAS[table]) == documented
    # and what the writer really puts in a file agrees, nested fields included
    from tests.export.builders import make_doc, make_record, make_reject
    from docpipe.export import DatasetWriter, read_table

    w = DatasetWriter(str(tmp_path / "out"), run_id="r1")
    w.write_batch(0, [make_doc(1), make_doc(2)], [make_reject(1)])
    w.finish(make_record("r1", discovered=3, documents=2, rejected=1))
    written = read_table(str(tmp_path / "out"), table).schema
    names = [f.name for f in SCHEMAS[table]]
    got = {n: v for n, v in _flat(pa.schema([written.field(n) for n in names])).items()}
    assert got == documented


# The columns and types analysts' queries depend on, written down independently of the schema
# module so that a changed type fails here even when docs/schema.md is regenerated with it.
CONTRACT_TYPES = {
    ("documents", "doc_id"): pa.string(),
    ("documents", "published_at"): pa.timestamp("us", tz="UTC"),
    ("documents", "text_chars"): pa.int32(),
    ("documents", "headings"): pa.list_(pa.struct([
        pa.field("level", pa.int16(), nullable=False), pa.field("marker", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False), pa.field("block_idx", pa.int32(), nullable=False)])),
    ("documents", "items"): pa.list_(pa.struct([
        pa.field("marker", pa.string(), nullable=False), pa.field("text", pa.string(), nullable=False),
        pa.field("block_idx", pa.int32(), nullable=False)])),
    ("documents", "fetched_at"): pa.timestamp("us", tz="UTC"),
    ("documents", "ingested_at"): pa.timestamp("us", tz="UTC"),
    ("blocks", "block_idx"): pa.int32(),
    ("blocks", "section_path"): pa.list_(pa.int32()),
    ("blocks", "level"): pa.int16(),
    ("rejects", "transient"): pa.bool_(),
    ("runs", "ingest_date"): pa.date32(),
    ("runs", "documents"): pa.int64(),
    ("documents", "near_dup_of"): pa.string(),
    ("documents", "near_dup_score"): pa.float32(),
    ("documents", "minhash"): pa.list_(pa.uint32()),
    ("near_dup_bands", "key"): pa.int64(),
    ("near_dup_bands", "doc_id"): pa.string(),
    ("near_dup_bands", "run_id"): pa.string(),
    ("runs", "seconds_by_stage"): pa.list_(pa.struct([
        pa.field("key", pa.string(), nullable=False), pa.field("seconds", pa.float64(), nullable=False)])),
}


def test_the_clusters_snapshot_is_documented():
    from docpipe.export.schemas import CLUSTERS

    assert _flat(CLUSTERS) == _documented("clusters")
    assert CLUSTERS.field("cluster_id").type == pa.string() and CLUSTERS.field("size").type == pa.int64()


@pytest.mark.parametrize(("table", "column"), sorted(CONTRACT_TYPES))
def test_contract_column_types(table, column):
    assert SCHEMAS[table].field(column).type == CONTRACT_TYPES[(table, column)]


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
