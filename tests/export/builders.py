"""Builders for StructuredDocument / Rejection / RunRecord, made directly (no other stage)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from docpipe.ids import content_hash, doc_id_for
from docpipe.models import Block, Heading, Item, Rejection, RunRecord, Stage, StructuredDocument

T0 = datetime(2026, 11, 27, 8, 0, tzinfo=timezone.utc)


def make_doc(n: int, *, variant: str = "", site: str | None = None) -> StructuredDocument:
    """A speech-like document with an outline; `variant` changes its body (a new version)."""
    url = f"http://example.test/news/{n}.html"
    paragraphs = [
        f"同志们:今天召开第{n}次会议。{variant}",
        "一是加强领导，二是压实责任。",
        f"Paragraph {n} in English for mixed content {variant}.",
    ]
    blocks = (
        Block(kind="heading", text="准确站位", level=1, marker="第一,", section_path=(1,)),
        Block(kind="paragraph", text=paragraphs[0], section_path=(1,)),
        Block(kind="paragraph", text=paragraphs[1], section_path=(1,)),
        Block(kind="heading", text="强化保障", level=1, marker="第二,", section_path=(2,)),
        Block(kind="paragraph", text=paragraphs[2], section_path=(2,)),
    )
    text = "\n\n".join(paragraphs)
    return StructuredDocument(
        doc_id=doc_id_for(url, url),
        source=url,
        url=url,
        title=f"某县长在第{n}次会议上的讲话",
        published_at="2024-12-06T00:37:14" if n % 3 else "2024-12-06",
        site_name=site or ("三味园范文网" if n % 2 else "Example News"),
        author=None,
        language="zh" if n % 2 else "en",
        doc_type="讲话" if n % 2 else None,
        text=text,
        headings=(
            Heading(level=1, marker="第一,", text="准确站位", block_idx=0),
            Heading(level=1, marker="第二,", text="强化保障", block_idx=3),
        ),
        items=(Item(marker="一是", text="加强领导", block_idx=2),),
        salutation="同志们",
        blocks=blocks,
        placeholders=("X县", "202x年"),
        references=("202x年依法行政重点工作安排(讨论稿)",),
        content_hash=content_hash(text),
        fetched_at=T0 + timedelta(seconds=n),
    )


def make_reject(n: int) -> Rejection:
    return Rejection(
        source=f"samples/broken-{n}.html",
        stage=Stage.fetch,
        reason="binary_content",
        message="body is binary (PNG magic number)",
        fetched_at=T0,
    )


def make_record(run_id: str, **counts: int) -> RunRecord:
    return RunRecord(
        run_id=run_id,
        started_at=T0,
        finished_at=T0 + timedelta(minutes=1),
        docpipe_version="0.1.0",
        reject_reasons={"binary_content": counts.pop("rejected", 0)},
        seconds_by_stage={"fetch": 1.5, "export": 0.25},
        **counts,
    )
