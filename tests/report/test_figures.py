"""Every number the report draws is the number a DuckDB query over the same files gives."""

from __future__ import annotations

from collections import defaultdict

import pytest

from docpipe.errors import ConfigError
from docpipe.report.figures import OTHER, TOP_GROUPS, Chart, ReportData, build_report_data
from tests.report.conftest import duckdb_connection

pytest.importorskip("duckdb")


@pytest.fixture(scope="module")
def data(report_dataset: str) -> ReportData:
    return build_report_data(report_dataset)


def chart(data: ReportData, key: str) -> Chart:
    (found,) = [c for c in data.charts if c.key == key]
    return found


def by_category(c: Chart) -> dict[str, float]:
    return {cat: sum(s.values[i] for s in c.series) for i, cat in enumerate(c.categories)}


def by_series(c: Chart) -> dict[str, float]:
    return {s.name: sum(s.values) for s in c.series}


def cells(c: Chart) -> dict[tuple[str, str], float]:
    return {(cat, s.name): s.values[i] for s in c.series for i, cat in enumerate(c.categories) if s.values[i]}


def test_totals_equal_duckdb(report_dataset: str, data: ReportData) -> None:
    con = duckdb_connection(report_dataset)
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    assert data.totals == {
        "documents": one("SELECT count(*) FROM latest"),
        "document_rows": one("SELECT count(*) FROM docs"),
        "rejects": one("SELECT count(*) FROM rejects"),
        "runs": one("SELECT count(*) FROM runs"),
        "sites": one("SELECT count(DISTINCT site_name) FROM latest"),
    }
    assert data.totals["documents"] == 60 and data.totals["document_rows"] == 75  # 40 + 30 + 5: uncommitted run left out


def test_documents_per_ingest_day_by_site_and_doc_type(report_dataset: str, data: ReportData) -> None:
    con = duckdb_connection(report_dataset)
    per_day = dict(con.execute("SELECT strftime(ingest_date, '%Y-%m-%d'), count(*) FROM docs GROUP BY 1").fetchall())
    for key in ("ingest_day_by_site", "ingest_day_by_doc_type"):
        assert by_category(chart(data, key)) == per_day
    sites = dict(con.execute("SELECT coalesce(site_name, '(none)'), count(*) FROM docs GROUP BY 1").fetchall())
    drawn = by_series(chart(data, "ingest_day_by_site"))
    # the largest sites have their own series, the rest is summed as "other"
    assert len(drawn) == TOP_GROUPS + 1 and OTHER in drawn
    assert all(drawn[name] == sites[name] for name in drawn if name != OTHER)
    assert drawn[OTHER] == sum(n for name, n in sites.items() if name not in drawn)
    doc_types = con.execute(
        "SELECT strftime(ingest_date, '%Y-%m-%d'), coalesce(doc_type, '(none)'), count(*) FROM docs GROUP BY 1, 2"
    ).fetchall()
    assert cells(chart(data, "ingest_day_by_doc_type")) == {(d, t): n for d, t, n in doc_types}


def test_documents_per_published_month_latest_versions(report_dataset: str, data: ReportData) -> None:
    con = duckdb_connection(report_dataset)
    # 60 documents 3 days apart span more than MAX_DAY_BARS days: bars per month
    rows = con.execute(
        "SELECT strftime(published_at, '%Y-%m'), coalesce(doc_type, '(none)'), count(*) FROM latest "
        "WHERE published_at IS NOT NULL GROUP BY 1, 2"
    ).fetchall()
    c = chart(data, "published_month_by_doc_type")
    assert cells(c) == {(m, t): n for m, t, n in rows}
    undated = con.execute("SELECT count(*) FROM latest WHERE published_at IS NULL").fetchone()[0]
    assert undated > 0 and f"{undated:,} documents without a publication date" in c.note
    assert chart(data, "published_month_by_site").total == c.total


def test_language_and_rejects(report_dataset: str, data: ReportData) -> None:
    con = duckdb_connection(report_dataset)
    assert by_category(chart(data, "language")) == dict(con.execute("SELECT language, count(*) FROM latest GROUP BY 1").fetchall())
    all_rejects = con.execute("SELECT reason, stage, count(*) FROM rejects GROUP BY 1, 2").fetchall()
    assert cells(chart(data, "rejects")) == {(r, s): n for r, s, n in all_rejects}
    latest_run = con.execute("SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()[0]
    assert data.run.run_id == latest_run == "run3"
    assert chart(data, "run_rejects").empty  # run3 rejected nothing


def test_per_run_history(report_dataset: str, data: ReportData) -> None:
    con = duckdb_connection(report_dataset)
    runs = [r for (r,) in con.execute("SELECT run_id FROM runs ORDER BY started_at").fetchall()]
    changes = chart(data, "changes")
    assert list(changes.categories) == runs
    versions = con.execute(
        "WITH v AS (SELECT run_id, row_number() OVER (PARTITION BY doc_id ORDER BY ingested_at, run_id) = 1 AS first FROM docs) "
        "SELECT run_id, first, count(*) FROM v GROUP BY 1, 2"
    ).fetchall()
    expected: dict[tuple[str, str], float] = defaultdict(float)
    for run_id, first, n in versions:
        expected[(run_id, "new" if first else "changed")] += n
    for run_id, unchanged in con.execute("SELECT run_id, unchanged FROM runs").fetchall():
        if unchanged:
            expected[(run_id, "unchanged")] = unchanged
    assert cells(changes) == dict(expected)
    assert expected[("run2", "new")] == 20 and expected[("run2", "changed")] == 10 and expected[("run2", "unchanged")] == 10

    seconds = con.execute("SELECT run_id, unnest(seconds_by_stage, recursive := true) FROM runs").fetchall()
    assert cells(chart(data, "seconds_by_stage")) == pytest.approx({(r, k): v for r, k, v in seconds})
    outcomes = con.execute("SELECT run_id, unnest(fetch_outcomes, recursive := true) FROM runs").fetchall()
    assert cells(chart(data, "fetch_outcomes")) == {(r, k): v for r, k, v in outcomes if v}
    retries = con.execute("SELECT run_id, retries FROM runs").fetchall()
    assert cells(chart(data, "retries")) == {(r, "retries"): v for r, v in retries}


def test_selected_run_failed_and_slowest_inputs(report_dataset: str) -> None:
    data = build_report_data(report_dataset, "run2")
    con = duckdb_connection(report_dataset)
    failed = con.execute("SELECT source, stage, reason FROM rejects WHERE run_id = 'run2' ORDER BY stage, reason, source").fetchall()
    assert [(f.source, f.stage, f.reason) for f in data.failed] == failed and data.failed_total == 3
    assert cells(chart(data, "run_rejects")) == {("http_404", "fetch"): 2, ("timeout", "fetch"): 1}
    (slowest,) = con.execute("SELECT slowest FROM runs WHERE run_id = 'run2'").fetchone()
    assert [(s["source"], s["seconds"]) for s in slowest] == list(data.run.slowest)
    assert (data.run.new, data.run.changed, data.run.unchanged, data.run.retries) == (20, 10, 10, 2)


def test_unknown_run_and_empty_dataset_are_clear_errors(report_dataset: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match=r"no committed run 'run9' \(latest runs: run1, run2, run3\)"):
        build_report_data(report_dataset, "run9")
    with pytest.raises(ConfigError, match="no committed run in this dataset"):
        build_report_data(str(tmp_path))


def test_runs_written_before_schema_2_are_drawn_without_fetch_outcomes(report_dataset: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    from datetime import timedelta

    import pyarrow.parquet as pq

    from docpipe.export.tables import runs_table
    from tests.export.builders import T0, make_record

    out = tmp_path / "old"
    shutil.copytree(report_dataset, out)
    old = runs_table(make_record("run0", discovered=3), ingest_date=T0.date(), committed_at=T0, files=0, size=0)
    old = old.drop_columns(["fetch_outcomes", "retries", "slowest"])  # the schema-1 runs row
    pq.write_table(old.replace_schema_metadata({b"docpipe.schema_version": b"1"}), out / "runs" / "part-run0.parquet")
    data = build_report_data(str(out))
    (run0,) = [r for r in data.recent_runs if r.run_id == "run0"]
    assert run0.started_at < T0 + timedelta(days=1) and run0.retries is None and run0.fetch_outcomes is None
    assert "run0" in chart(data, "seconds_by_stage").categories
    assert "run0" not in chart(data, "fetch_outcomes").categories
    assert "1 older runs did not record fetch outcomes or retries (schema 1)" in data.notes


def test_near_duplicate_cluster_sizes_equal_duckdb() -> None:
    """Drawn once the documents carry near_dup_of (issue 15): the doc_id of the cluster's
    earliest member on every later member, null on the earliest and on documents alone."""
    import duckdb
    import pyarrow as pa

    from docpipe.report.figures import CLUSTER_SIZE_CAP, _cluster_sizes

    roots = {"a": 1, "b": 2, "c": 2, "d": 4, "e": 14}  # later members per cluster
    ids, of = [], []
    for root, later in roots.items():
        ids.append(root)
        of.append(None)
        for k in range(later):
            ids.append(f"{root}{k}")
            of.append(root)
    ids += ["alone1", "alone2"]
    of += [None, None]
    latest = pa.table({"doc_id": ids, "near_dup_of": pa.array(of, pa.string())})
    chart = _cluster_sizes(latest)
    assert chart is not None
    expected = dict(duckdb.sql(
        f"SELECT least(n + 1, {CLUSTER_SIZE_CAP})::VARCHAR AS size, count(*) FROM ("
        "  SELECT near_dup_of, count(*) AS n FROM latest WHERE near_dup_of IS NOT NULL GROUP BY 1"
        ") GROUP BY 1"
    ).fetchall())
    assert dict(zip(chart.categories, chart.series[0].values)) == expected == {"2": 1, "3": 2, "5": 1, "10": 1}
    assert chart.labels[-1] == "10+"
    assert _cluster_sizes(latest.drop_columns(["near_dup_of"])) is None  # before the column exists
