"""A dataset of three committed runs (and one uncommitted), written directly by DatasetWriter,
for the report tests: documents new in each run, changed, unchanged; rejects at two stages;
twelve sites (more than the report draws as their own colour); dated and undated documents."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from docpipe.export import DatasetWriter
from docpipe.models import Rejection, RunRecord, Stage
from tests.export.builders import T0, make_doc

SITES = [f"站点{i}" for i in range(12)]


def _doc(n: int, variant: str = ""):  # type: ignore[no-untyped-def]
    doc = make_doc(n, variant=variant)
    published = None if n % 7 == 0 else (date(2024, 1, 1) + timedelta(days=n * 3)).isoformat()
    return doc.model_copy(update={
        "published_at": published, "doc_type": ("讲话", "通知", None)[n % 3],
        "site_name": SITES[n % len(SITES)] if n % 5 else None,
    })


def _reject(n: int, stage: Stage, reason: str) -> Rejection:
    return Rejection(source=f"http://example.test/bad/{n}.html", stage=stage, reason=reason,
                     message=f"test reject {n}", fetched_at=T0)


def _run(out: str, run_no: int, docs, rejects: list[Rejection], *, commit: bool = True) -> None:  # type: ignore[no-untyped-def]
    run_id = f"run{run_no}"
    started = T0 + timedelta(days=run_no)
    writer = DatasetWriter(out, run_id, ingest_date=started.date())
    result = writer.write_batch(0, docs, rejects)
    if not commit:
        return
    reasons: dict[str, int] = {}
    for r in rejects:
        reasons[r.reason] = reasons.get(r.reason, 0) + 1
    writer.finish(RunRecord(
        run_id=run_id, started_at=started, finished_at=started + timedelta(seconds=30 + run_no),
        docpipe_version="0.1.0", discovered=len(docs) + len(rejects), unchanged=result.unchanged,
        rejected=len(rejects), reject_reasons=reasons,
        rejected_by_stage={s: sum(1 for r in rejects if r.stage == s) for s in {str(r.stage) for r in rejects}},
        seconds_by_stage={"fetch": 2.0 * run_no, "clean": 1.5, "structure": 0.5, "export": 0.25},
        fetch_outcomes={"200": len(docs), "4xx": sum(r.reason == "http_404" for r in rejects)},
        retries=run_no, slowest=[(docs[0].source, 0.5), (docs[1].source, 0.25)],
    ))


@pytest.fixture(scope="session")
def report_dataset(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = str(tmp_path_factory.mktemp("report") / "dataset")
    _run(out, 1, [_doc(n) for n in range(40)], [_reject(1, Stage.fetch, "http_404"), _reject(2, Stage.clean, "empty_body")])
    # run 2: 20 new documents, 10 changed, 10 unchanged
    _run(out, 2, [_doc(n, "v2" if n < 10 else "") for n in range(20)] + [_doc(n) for n in range(40, 60)],
         [_reject(3, Stage.fetch, "http_404"), _reject(4, Stage.fetch, "timeout"), _reject(5, Stage.fetch, "http_404")])
    _run(out, 3, [_doc(n, "v3") for n in range(5)], [])
    # an uncommitted run: the report must not count it
    _run(out, 4, [_doc(n) for n in range(100, 110)], [_reject(6, Stage.fetch, "http_404")], commit=False)
    return out


def duckdb_connection(out: str):  # type: ignore[no-untyped-def]
    """DuckDB views over the dataset's committed rows, computed independently of docpipe."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    root = Path(out)
    con.execute(f"CREATE VIEW runs AS SELECT * FROM read_parquet('{root}/runs/*.parquet')")
    con.execute(
        f"CREATE VIEW docs AS SELECT * FROM read_parquet('{root}/documents/**/*.parquet', hive_partitioning = true, union_by_name = true) "
        "WHERE run_id IN (SELECT run_id FROM runs)"
    )
    con.execute(
        "CREATE VIEW latest AS SELECT * FROM docs "
        "QUALIFY row_number() OVER (PARTITION BY doc_id ORDER BY ingested_at DESC, run_id DESC) = 1"
    )
    con.execute(
        f"CREATE VIEW rejects AS SELECT * FROM read_parquet('{root}/rejects/**/*.parquet', hive_partitioning = true, union_by_name = true) "
        "WHERE run_id IN (SELECT run_id FROM runs)"
    )
    return con
