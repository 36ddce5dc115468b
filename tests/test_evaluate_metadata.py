"""The metadata scorer (`docpipe eval --metadata`, docpipe.evaluate_metadata): what counts as a
hit, where the truth comes from (set truth, hand labels, the cwced_zh editor convention), and
the per-split figures, on the bundled subset pages (tests/fixtures/eval_subset, MIT)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docpipe import evaluate_metadata as em
from docpipe.evaluate import split_parts

REPO = Path(__file__).resolve().parents[1]
SUBSET = REPO / "tests" / "fixtures" / "eval_subset"
LABELS = REPO / "tests" / "fixtures" / "metadata"


def truth(**kw: object) -> em.MetaTruth:
    return em.MetaTruth(id="p", url=None, html="", **kw)  # type: ignore[arg-type]


def test_title_hit_is_exact_after_folding_only() -> None:
    t = truth(title="\u2018We had\u2019  Issues \u2014 now")
    assert em.hit("title", t, em.Prediction(title="'we had' issues - NOW"))
    assert em.hit("title", truth(title="ＡＢＣ　新闻"), em.Prediction(title="abc新闻"))
    # a kept site suffix is a miss: that is what the title figure measures
    assert not em.hit("title", truth(title="权威人士谈失事"), em.Prediction(title="权威人士谈失事_新闻中心"))
    assert em.hit("title", truth(), em.Prediction(title="x")) is None


def test_date_hit_is_the_same_calendar_day_as_stated() -> None:
    t = truth(date="2005-5-7 21:23:57")
    assert em.hit("date", t, em.Prediction(date="2005-05-07T21:23:57+08:00"))
    assert em.hit("date", t, em.Prediction(date="2005-05-07"))
    # the UTC instant of a Beijing-evening time falls on the same day here, but 01:00 Beijing
    # is the day before in UTC: the scorer wants the page's own day
    assert not em.hit("date", truth(date="2024-12-06 00:37"), em.Prediction(date="2024-12-05T16:37:00+00:00"))
    assert not em.hit("date", t, em.Prediction(date=None))


def test_author_and_source_name_hits_are_containment() -> None:
    t = truth(authors=("张建", "周长庆"))
    assert em.hit("author", t, em.Prediction(author="张建 周长庆"))
    assert em.hit("author", t, em.Prediction(author="记者张建"))
    assert not em.hit("author", t, em.Prediction(author="新华网"))
    assert em.hit("author", truth(), em.Prediction(author="x")) is None
    s = truth(source_name="京华时报")
    assert em.hit("source_name", s, em.Prediction(source_name="京华时报"))
    assert not em.hit("source_name", s, em.Prediction(source_name=None))


def test_editor_credit_is_not_an_author_in_cwced_truth() -> None:
    assert em.editor_credit_only("李某", "<p>正文。</p><p>责任编辑：李某</p>")
    assert em.editor_credit_only("王某", "<p>王某/摄</p>")
    assert not em.editor_credit_only("李某", "<p>记者 李某</p><p>编辑：李某</p>")
    assert not em.editor_credit_only("李某", "<p>作者：李某</p>")


def test_labels_override_the_set_truth_field_by_field() -> None:
    pages = {p.id: p for p in em.load_truth(SUBSET / "cwced_zh")}
    assert len(pages) == 25
    labelled = pages["500b350d-d38d-4fb0-9e81-75e0c95e95a8"]
    # the set's truth says author 苏亮 (an editor credit); the label has no author: not scored
    assert labelled.authors == () and labelled.date == "2022-02-11"
    assert labelled.title and labelled.title.startswith("为现代化巴彦淖尔建设")
    unlabelled = pages["05e98007-d810-4036-b154-2ef2fe68c2af"]
    assert unlabelled.authors == ("茉莉",) and unlabelled.date == "2005-5-7 21:23:57"
    assert unlabelled.title is None  # cwced_zh's truth has no titles


def test_eval_labels_field_names_are_read(tmp_path: Path) -> None:
    """eval_labels/*.jsonl writes `published` and `author` (a list); they mean date/authors."""
    page = next(iter(sorted((LABELS / "pages").glob("36efbc69*.html"))))
    row = {"id": page.stem, "title": "标题", "published": "2012-01-11 21:43+08:00",
           "author": ["甲某", "乙某"], "source_name": "某报"}
    labels = tmp_path / "x_metadata.jsonl"
    labels.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    (got,) = em.load_labelled(labels, LABELS / "pages")
    assert (got.title, got.date, got.authors, got.source_name) == ("标题", "2012-01-11 21:43+08:00", ("甲某", "乙某"), "某报")


def test_bundled_labelled_pages_score_fully() -> None:
    """Always on: the eight labelled pages copied into tests/fixtures/metadata/pages."""
    for name, floors in (("scrapinghub_aeb", (1.0, 1.0, 1.0)), ("cwced_zh", (1.0, 0.75, 1.0))):
        pages = em.load_labelled(LABELS / f"{name}.jsonl", LABELS / "pages")
        assert len(pages) == 4
        (r,) = em.score_predictors(pages, {}, ["docpipe"])
        t = r.tallies["all"]
        for field, floor in zip(("title", "date", "author"), floors):
            assert t.ratio(field) is not None and t.ratio(field) >= floor, em.misses(pages, r, "all", name)


def test_tallies_per_split_part_add_up() -> None:
    pages, (r,) = em.run(SUBSET / "cwced_zh")
    parts = split_parts("cwced_zh")
    for field in em.FIELDS:
        assert r.tallies["tuning"].pages[field] + r.tallies["validation"].pages[field] == r.tallies["all"].pages[field]
    n_tuning = sum(1 for p in pages if parts[p.id] == "tuning" and p.date)
    assert r.tallies["tuning"].pages["date"] == n_tuning > 0
    table = em.format_runs("cwced_zh", pages, [r])
    assert "tuning" in table and "validation" in table and "date" in table
    only = em.load_truth(SUBSET / "cwced_zh", split="validation")
    assert only and all(parts[p.id] == "validation" for p in only)


def test_unknown_compare_is_refused() -> None:
    with pytest.raises(ValueError, match="readability"):
        em.run(SUBSET / "cwced_zh", ["readability"])


def test_eval_metadata_command_reports_both_parts() -> None:
    from typer.testing import CliRunner

    from docpipe.cli import app

    result = CliRunner().invoke(app, ["eval", str(SUBSET / "scrapinghub_aeb"), "--metadata"])
    assert result.exit_code == 0, result.output
    assert "metadata (scrapinghub_aeb" in result.output
    lines = [line for line in result.output.splitlines() if line.startswith(("tuning", "validation", "all"))]
    assert {line.split()[0] for line in lines} == {"tuning", "validation", "all"}


def test_trafilatura_is_scored_in_the_same_run() -> None:
    pytest.importorskip("trafilatura")
    pages, runs = em.run(SUBSET / "cwced_zh", ["trafilatura"], limit=5)
    assert [r.name for r in runs] == ["docpipe", "trafilatura"]
    assert set(runs[1].predictions) == {p.id for p in pages}


# ---------------------------------------------------------------------------------------------
# Gates: docpipe's metadata figures on every full dev set in ../shared/eval, each by-site split
# part, must not fall below their floors (skipped in a user's clone, `eval` marker). A floor is
# the figure measured (2026-12-01, the same run as trafilatura: README) minus 0.005; raise it in
# the commit that raises the figure (wcxb_dev and daniel_zh's validation date: the metadata
# round after main 0cfe2fb; wcxb_dev date/author and daniel_zh tuning author: main 588871d,
# 2026-12-02; wcxb_dev title and tuning author: the <h1> continuing a cut <title> and the English
# dateline byline, 2026-12-02 morning; daniel_zh author and tuning source_name: traditional
# surnames, "X 文/圖" lines, outlet-only credits, the site's own name in the byline slot; cwced_zh
# tuning author: a bare name opening the content; cwced_zh tuning date: a labelled date past the
# first 5000 characters before the last one of the page, 2026-12-02; wcxb_dev author: a credit
# naming the site kept as the last resort, 2026-12-02 11:30).

METADATA_FLOORS: dict[tuple[str, str], dict[str, float]] = {
    ("wcxb_dev", "tuning"): {"title": 0.807, "date": 0.893, "author": 0.919},
    ("wcxb_dev", "validation"): {"title": 0.787, "date": 0.877, "author": 0.806},
    ("cwced_zh", "tuning"): {"title": 0.939, "date": 0.859, "author": 0.821},
    ("cwced_zh", "validation"): {"title": 0.995, "date": 0.995, "author": 0.757},
    ("daniel_zh", "tuning"): {"title": 0.995, "date": 0.995, "author": 0.949, "source_name": 0.985},
    ("daniel_zh", "validation"): {"title": 0.902, "date": 0.955, "author": 0.703, "source_name": 0.750},
    ("scrapinghub_aeb", "tuning"): {"title": 0.995, "date": 0.995, "author": 0.995},
    ("scrapinghub_aeb", "validation"): {"title": 0.995, "date": 0.995, "author": 0.995},
}


# In-repository labelled sets (tests/fixtures; no ../shared needed): floors as above.
REPO_FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPO_METADATA_FLOORS: dict[tuple[str, str], dict[str, float]] = {
    ("metadata_zh_gne", "tuning"): {"title": 0.995, "date": 0.995, "author": 0.995, "source_name": 0.995},
    ("metadata_zh_gne", "validation"): {"title": 0.852, "date": 0.947, "author": 0.328, "source_name": 0.795},
}


@pytest.mark.parametrize(("name", "part"), sorted(REPO_METADATA_FLOORS))
def test_repository_metadata_sets_hold_their_floors(name: str, part: str) -> None:
    pages, (run,) = em.run(REPO_FIXTURES / name)
    tally = run.tallies[part]
    for field, floor in REPO_METADATA_FLOORS[(name, part)].items():
        ratio = tally.ratio(field)
        assert ratio is not None and ratio >= floor, (name, part, field, ratio, em.misses(pages, run, part, name)[:10])


@pytest.fixture(scope="module")
def metadata_runs(shared_dir: Path) -> dict[str, tuple[list[em.MetaTruth], em.ExtractorRun]]:
    """One docpipe metadata pass over each gated set (both parts at once)."""
    out = {}
    for name in sorted({n for n, _ in METADATA_FLOORS}):
        pages, (run,) = em.run(shared_dir / "eval" / name)
        out[name] = (pages, run)
    return out


@pytest.mark.parametrize(("name", "part"), sorted(METADATA_FLOORS))
def test_metadata_figures_hold_their_floors(metadata_runs: dict[str, tuple[list[em.MetaTruth], em.ExtractorRun]],
                                            name: str, part: str) -> None:
    pages, run = metadata_runs[name]
    tally = run.tallies[part]
    for field, floor in METADATA_FLOORS[(name, part)].items():
        ratio = tally.ratio(field)
        assert ratio is not None and ratio >= floor, (name, part, field, ratio, em.misses(pages, run, part, name)[:10])
