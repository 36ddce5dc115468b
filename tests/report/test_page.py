"""The HTML page: self-contained (nothing fetched), every chart drawn with the figures' numbers,
and `docpipe report` writing it where asked."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from typer.testing import CliRunner

from docpipe.cli import app
from docpipe.report.figures import build_report_data
from docpipe.report.page import render_html
from tests.export.conftest import s3_endpoint  # noqa: F401 - the moto S3 fixture, reused


def test_page_is_self_contained_and_draws_every_chart(report_dataset: str) -> None:
    data = build_report_data(report_dataset, "run2")
    page = render_html(data)
    tree = lxml.html.fromstring(page)
    # offline: no script, no external stylesheet, image or font; nothing with a network URL
    assert not tree.xpath("//script | //link | //img | //iframe | //object")
    refs = [v for v in tree.xpath("//@src | //@href") if not v.startswith("#")]
    assert refs == [] and "url(" not in page
    figures = tree.xpath("//figure[@data-chart]")
    assert {f.get("data-chart") for f in figures} == {c.key for c in data.charts}
    for chart in data.charts:
        (figure,) = tree.xpath(f"//figure[@data-chart='{chart.key}']")
        bars = figure.xpath(".//*[local-name()='rect'][@class='bar']")
        if chart.empty:
            assert not bars and figure.xpath(".//p[@class='empty']")
            continue
        assert len(figure.xpath(".//*[local-name()='svg']")) == 1
        assert sum(float(b.get("data-value")) for b in bars) == float(figure.get("data-total")) == chart.total
        assert len(bars) == sum(1 for s in chart.series for v in s.values if v > 0)
    for key, value in data.totals.items():
        assert tree.xpath(f"//*[@data-total='{key}']/@data-value") == [str(value)]
    assert tree.xpath("//*[@data-run-total='changed']/@data-value") == ["10"]
    sources = tree.xpath("//h3[starts-with(., 'Failed inputs')]/following-sibling::table[1]//td[1]/text()")
    assert sources == [f.source for f in data.failed]


def test_report_command_writes_the_page(report_dataset: str, tmp_path: Path) -> None:
    target = tmp_path / "sub" / "r.html"
    result = CliRunner().invoke(app, ["report", report_dataset, "--run", "run1", "--html", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(target)
    assert "<code>run1</code>" in target.read_text(encoding="utf-8")


def test_report_command_default_location_and_errors(report_dataset: str, tmp_path: Path) -> None:
    import shutil

    out = tmp_path / "copy"
    shutil.copytree(report_dataset, out)
    result = CliRunner().invoke(app, ["report", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out / "_reports" / "run3.html")
    assert (out / "_reports" / "latest.html").read_bytes() == (out / "_reports" / "run3.html").read_bytes()
    # an older run's report does not replace latest.html
    assert CliRunner().invoke(app, ["report", str(out), "--run", "run1"]).exit_code == 0
    assert (out / "_reports" / "run1.html").is_file()
    assert (out / "_reports" / "latest.html").read_bytes() == (out / "_reports" / "run3.html").read_bytes()
    bad = CliRunner().invoke(app, ["report", str(out), "--run", "nope"])
    assert bad.exit_code == 1 and "no committed run 'nope'" in " ".join(bad.output.split())
    missing = CliRunner().invoke(app, ["report", str(tmp_path / "absent")])
    assert missing.exit_code == 1 and "is not a docpipe dataset" in " ".join(missing.output.split())


@pytest.mark.slow
def test_report_of_an_s3_dataset_is_written_next_to_it(report_dataset: str, s3_endpoint: str) -> None:
    """The same dataset in object storage (moto on loopback): the same figures, and the page
    written under s3://…/_reports/ as the flow does for an s3:// output."""
    import pyarrow.fs as pafs

    from docpipe.export.storage import Storage, s3_filesystem
    from docpipe.report.page import write_report

    s3_out = "s3://docpipe-test/report/ds"
    pafs.copy_files(report_dataset, "docpipe-test/report/ds", destination_filesystem=s3_filesystem())
    local, remote = build_report_data(report_dataset), build_report_data(s3_out)
    assert remote.totals == local.totals and remote.charts == local.charts and remote.failed == local.failed
    assert write_report(s3_out) == f"{s3_out}/_reports/run3.html"
    storage = Storage.open(s3_out)
    page = storage.read_text("_reports/latest.html")
    assert page == storage.read_text("_reports/run3.html") and 'data-total="documents" data-value="60"' in page


def test_a_run_that_wrote_no_document_still_gets_its_report(tmp_path: Path) -> None:
    """Everything rejected (a site down, a wrong path): the night a person most needs the page."""
    from docpipe.export import DatasetWriter
    from tests.export.builders import make_record, make_reject

    out = str(tmp_path / "ds")
    writer = DatasetWriter(out, "r1")
    writer.write_batch(0, [], [make_reject(1), make_reject(2)])
    writer.finish(make_record("r1", rejected=2))
    tree = lxml.html.fromstring(render_html(build_report_data(out)))
    assert tree.xpath("//*[@data-total='documents']/@data-value") == ["0"]
    (rejects,) = tree.xpath("//figure[@data-chart='run_rejects']")
    assert [b.get("data-value") for b in rejects.xpath(".//*[local-name()='rect']")] == ["2"]
    (by_site,) = tree.xpath("//figure[@data-chart='ingest_day_by_site']")
    assert by_site.xpath(".//p[@class='empty']/text()") == ["nothing to draw: no documents recorded"]
