"""Run reports: the markdown artifact and the terminal table say the same numbers."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from rich.console import Console

from docpipe.models import RunRecord
from docpipe.report import RunReport, render_markdown, render_summary


def _report() -> RunReport:
    start = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    record = RunRecord(
        run_id="r1", started_at=start, finished_at=start + timedelta(seconds=10), docpipe_version="0.1.0",
        discovered=120, documents=100, unchanged=15, rejected=5, blocks=900,
        rejected_by_stage={"fetch": 4, "clean": 1}, reject_reasons={"http_404": 3, "timeout": 1, "empty_body": 1},
        seconds_by_stage={"fetch": 4.0, "clean": 2.5, "structure": 1.0, "export": 0.5},
        slowest=[("http://127.0.0.1/slow|page", 2.25)],
    )
    return RunReport(record=record)


def test_markdown_has_counts_reasons_throughput_and_slowest() -> None:
    md = render_markdown(_report())
    for needle in ("| documents written | 100 |", "| unchanged | 15 |", "| rejected | 5 |", "| http_404 | 3 |",
                   "| fetch | 4 |", "12.0 inputs/s", "| clean | 2.50 |", "slow%7Cpage", "2.250"):
        assert needle in md, needle
    # reasons are listed most frequent first
    assert md.index("http_404") < md.index("timeout")


def test_terminal_summary_matches() -> None:
    console = Console(record=True, width=140)
    console.print(render_summary(_report()))
    text = console.export_text()
    for label, value in (("discovered", "120"), ("documents written", "100"), ("unchanged", "15"),
                         ("rejected", "5"), ("blocks written", "900"), ("rejected: http_404", "3"),
                         ("seconds in clean", "2.50")):
        assert re.search(rf"│ +{re.escape(label)} +│ +{re.escape(value)} │", text), (label, value, text)
    assert "12.0 inputs/s" in text
