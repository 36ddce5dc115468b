"""`docpipe compact` writes latest/clusters.parquet; DuckDB reads it back, and the README's
near-duplicate queries run on a real dataset and give the expected answers."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from docpipe.export.compact import compact
from docpipe.neardup.clusters import site_of
from tests.neardup.helpers import doc_with_text, other_speech, seed_text, variant_chrome, variant_filled, variant_traditional
from tests.neardup.test_index import _run

REPO = Path(__file__).resolve().parents[2]

SEED = doc_with_text("seed", seed_text(), site="m.sanweiyuan.com")
COPY_A = doc_with_text("a", variant_chrome(), site="www.copy-a.example")
COPY_B = doc_with_text("b", variant_filled(), site="copy-b.example")
COPY_B2 = doc_with_text("b2", variant_traditional(), site="copy-b.example")
OTHER = doc_with_text("other", other_speech(), site="admin.caiyes.cn")


def _dataset(out: str) -> None:
    _run(out, "run-1", [[SEED, OTHER]])
    _run(out, "run-2", [[COPY_A, COPY_B, COPY_B2]])
    compact(out)


def test_compact_writes_clusters_that_duckdb_reads_back(out):
    _dataset(out)
    path = Path(out) / "latest" / "clusters.parquet"
    assert pq.read_schema(path).metadata[b"docpipe.table"] == b"clusters"
    rows = duckdb.sql(f"select cluster_id, size, sites, doc_ids from read_parquet('{path}') order by size desc").fetchall()
    assert rows == [
        (SEED.doc_id, 4, ["copy-a.example", "copy-b.example", "m.sanweiyuan.com"], [SEED.doc_id, *sorted([COPY_A.doc_id, COPY_B.doc_id, COPY_B2.doc_id])]),
        (OTHER.doc_id, 1, ["admin.caiyes.cn"], [OTHER.doc_id]),
    ]
    first_seen = duckdb.sql(f"select cluster_id, first_seen from read_parquet('{path}')").fetchall()
    seed_run = duckdb.sql(
        f"select min(ingested_at) from read_parquet('{out}/documents/**/*.parquet', hive_partitioning=true) where run_id = 'run-1'"
    ).fetchall()[0]
    assert {c: t for c, t in first_seen} == {SEED.doc_id: seed_run[0], OTHER.doc_id: seed_run[0]}


def _readme_queries() -> dict[str, str]:
    """The SQL blocks of the README's near-duplicate section, by their `-- name:` comment."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("<!-- neardup-queries -->", 2)[1]
    blocks = re.findall(r"```sql\n(.*?)```", section, flags=re.S)
    return {re.search(r"-- name: (.+)", b).group(1).strip(): b for b in blocks}  # type: ignore[union-attr]


def test_the_readme_queries_answer_on_a_real_dataset(out):
    _dataset(out)
    queries = _readme_queries()
    per_site = duckdb.sql(queries["distinct documents per site and 文种"].replace("DIR", out)).fetchall()
    assert sorted(per_site) == sorted([
        ("m.sanweiyuan.com", "讲话", 1, 1, 0),
        ("copy-a.example", "讲话", 1, 1, 1),
        ("copy-b.example", "讲话", 2, 1, 2),
        ("admin.caiyes.cn", "讲话", 1, 1, 0),
    ])
    mirrors = duckdb.sql(queries["which sites mirror which"].replace("DIR", out)).fetchall()
    assert sorted(mirrors) == [("m.sanweiyuan.com", "copy-a.example", 1), ("m.sanweiyuan.com", "copy-b.example", 2)]


def test_site_of_is_the_host_without_www_else_the_site_name():
    assert site_of("https://www.gov.cn/zhengce/1.htm", "中国政府网") == "gov.cn"
    assert site_of("http://m.sanweiyuan.com:8080/news/43077.html", None) == "m.sanweiyuan.com"
    assert site_of(None, "三味园范文网") == "三味园范文网"
    assert site_of("samples/speech.txt", None) is None
