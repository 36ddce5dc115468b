"""End to end: `docpipe run` on the samples through Prefect's embedded server into Parquet,
read back by DuckDB, polars and pandas — the way `make run` and analysts use it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pytest

from tests.conftest import REPO, SAMPLES

pytestmark = pytest.mark.slow

TABLES = ("documents", "blocks", "rejects")


def docpipe_run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("docpipe")
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_HOME": str(cwd / ".prefect")}
    env.pop("PREFECT_API_URL", None)  # the embedded server, as on a user's machine
    return subprocess.run([str(exe), "run", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


def counts(out: Path) -> dict[str, dict[str, int]]:
    """Row counts per table, as each of the three readers sees them."""
    result: dict[str, dict[str, int]] = {}
    for table in (*TABLES, "runs"):
        pattern = f"{out}/{table}/**/*.parquet"
        hive = "true" if table != "runs" else "false"
        result[table] = {
            "duckdb": duckdb.sql(f"select count(*) from read_parquet('{pattern}', hive_partitioning={hive})").fetchall()[0][0],
            "polars": pl.scan_parquet(pattern, hive_partitioning=table != "runs").select(pl.len()).collect().item(),
            "pandas": len(pd.read_parquet(out / table)),
        }
    return result


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    work = tmp_path_factory.mktemp("run")
    inputs = work / "samples"
    shutil.copytree(SAMPLES, inputs)
    out = work / "outputs"
    proc = docpipe_run(str(inputs), "--out", str(out), cwd=work)
    return inputs, out, proc


def test_run_writes_all_four_tables(first_run: tuple[Path, Path, subprocess.CompletedProcess[str]]) -> None:
    inputs, out, proc = first_run
    assert proc.returncode == 0, proc.stderr[-3000:]
    for table in TABLES:
        partitions = list((out / table).glob("ingest_date=*/*.parquet"))
        assert partitions, f"no {table} parquet files"
    assert list((out / "runs").glob("*.parquet"))


def test_readers_agree_on_row_counts(first_run: tuple[Path, Path, subprocess.CompletedProcess[str]]) -> None:
    inputs, out, _ = first_run
    seen = counts(out)
    for table, by_reader in seen.items():
        assert len(set(by_reader.values())) == 1, (table, by_reader)
    good_inputs = [p for p in inputs.iterdir() if p.suffix in {".html", ".txt"} and p.name != "broken.html"]
    # the seed's text and HTML renditions share one canonical URL: one document, one duplicate
    assert seen["documents"]["duckdb"] == len(good_inputs) - 1
    assert seen["runs"]["duckdb"] == 1
    assert seen["blocks"]["duckdb"] > 20


def test_broken_input_lands_in_rejects_and_the_run_completes(
    first_run: tuple[Path, Path, subprocess.CompletedProcess[str]],
) -> None:
    _, out, proc = first_run
    rejects = duckdb.sql(
        f"select source, stage, reason, message from read_parquet('{out}/rejects/**/*.parquet', hive_partitioning=true)"
    ).fetchall()
    assert len(rejects) == 1
    source, stage, reason, message = rejects[0]
    assert source.endswith("broken.html")
    assert (stage, reason) == ("fetch", "binary_content")
    assert message
    # the user sees which input and why where the run prints, not only a count by reason
    named = [line for line in proc.stderr.splitlines() if "rejected" in line and "broken.html" in line]
    assert named and "fetch/binary_content" in named[0], proc.stderr[-3000:]
    runs = duckdb.sql(
        f"select discovered, documents, unchanged, duplicates, rejected from read_parquet('{out}/runs/*.parquet')"
    ).fetchall()
    discovered, documents, unchanged, duplicates, rejected = runs[0]
    assert rejected == 1 and documents >= 3
    # exact accounting: every input ends as a document, unchanged, a duplicate or a reject
    assert discovered == documents + unchanged + duplicates + rejected


def test_seed_document_row_is_structured(first_run: tuple[Path, Path, subprocess.CompletedProcess[str]]) -> None:
    _, out, _ = first_run
    rows = duckdb.sql(
        f"""select title, site_name, doc_type, published_at, language, url, published_tz
            from read_parquet('{out}/documents/**/*.parquet', hive_partitioning=true)
            where source like '%speech_sanweiyuan_43077.%'"""
    ).fetchall()
    # the .txt and .html renditions share one canonical URL: one document row
    assert len(rows) == 1, rows
    (row,) = rows
    title, site, doc_type, published, language, url, published_tz = row
    assert title.endswith("推进会上的讲话") and site == "三味园范文网" and doc_type == "讲话"
    # the page's "2024-12-06 00:37:14" is Beijing time (no zone stated, Chinese page): a UTC instant
    assert published.astimezone(timezone.utc) == datetime(2024, 12, 5, 16, 37, 14, tzinfo=timezone.utc)
    assert published_tz == "Asia/Shanghai"
    assert language == "zh" and url == "http://m.sanweiyuan.com/news/43077.html"


def test_rerun_over_unchanged_inputs_adds_no_documents(
    first_run: tuple[Path, Path, subprocess.CompletedProcess[str]],
) -> None:
    inputs, out, _ = first_run
    before = counts(out)["documents"]["duckdb"]
    proc = docpipe_run(str(inputs), "--out", str(out), cwd=inputs.parent)
    assert proc.returncode == 0, proc.stderr[-3000:]
    after = counts(out)
    assert after["documents"]["duckdb"] == before
    assert after["runs"]["duckdb"] == 2
    unchanged, duplicates = duckdb.sql(
        f"select unchanged, duplicates from read_parquet('{out}/runs/*.parquet') order by finished_at desc limit 1"
    ).fetchall()[0]
    # every good input is unchanged (the seed's second rendition too: its own file is unchanged)
    assert unchanged + duplicates == before + 1


def readme_queries(out: Path) -> tuple[list[str], list[str]]:
    """The README's reader snippets (the python block that imports duckdb, polars and pandas)
    and its SQL statements, pointed at `out` instead of `outputs`."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    # The near-duplicate queries read latest/clusters-era columns and group rows; they are run
    # on a dataset with known clusters by tests/neardup/test_clusters.py.
    readme = re.sub(r"<!-- neardup-queries -->.*?<!-- neardup-queries -->", "", readme, flags=re.S)
    blocks = re.findall(r"```(python|sql)\n(.*?)```", readme, flags=re.S)
    python = [b for kind, b in blocks if kind == "python" and "import duckdb" in b]
    sql = [stmt.strip() for kind, b in blocks if kind == "sql" for stmt in b.split(";") if stmt.strip()]
    lines = [line for block in python for line in block.splitlines() if line.strip()]
    return [line.replace("outputs", str(out)) for line in lines], [s.replace("outputs/", f"{out}/") for s in sql]


def test_every_readme_query_works_after_a_run_without_rejects(tmp_path: Path) -> None:
    inputs = tmp_path / "samples"
    shutil.copytree(SAMPLES, inputs, ignore=shutil.ignore_patterns("broken.html"))
    out = tmp_path / "outputs"
    proc = docpipe_run(str(inputs), "--out", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert list((out / "rejects").glob("ingest_date=*/part-empty.parquet"))  # the good night
    python, sql = readme_queries(out)
    assert len(python) >= 6 and len(sql) >= 2  # the snippets this test guards are still there
    namespace: dict[str, object] = {}
    results = []
    for line in python:
        *imports, expression = line.split("#")[0].split(";")
        if expression.strip().startswith(("import ", "from ")):
            imports, expression = [*imports, expression], ""
        for statement in imports:
            exec(statement.strip(), namespace)  # noqa: S102 - the README's own reader lines
        if expression.strip():
            results.append(eval(expression.strip(), namespace))  # noqa: S307
    to_rows = {"DuckDBPyRelation": lambda r: r.fetchall(), "DataFrame": len, "Table": lambda t: t.num_rows}
    sizes = [to_rows[type(r).__name__](r) for r in results]
    # documents by site, blocks, rejects (pandas: 0 rows, not an error), rejects (duckdb), runs, read_table
    assert [bool(s) for s in sizes] == [True, True, False, False, True, True], sizes
    rejects = results[2]
    assert {"stage", "reason", "message", "transient", "ingest_date"} <= set(rejects.columns)
    documents = results[-1].num_rows
    assert documents == 3  # the seed's .txt and .html renditions are one document
    for statement in sql:
        assert len(duckdb.sql(statement).fetchall()) in (documents, sizes[1])  # latest = the only versions
    for table in TABLES:
        assert pl.read_parquet(f"{out}/{table}/**/*.parquet", hive_partitioning=True).columns[-1] == "ingest_date"
