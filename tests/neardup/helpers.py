"""Real texts for the near-duplicate tests, and documents built around them.

Every text comes from tests/fixtures (real scraped pages, see each folder's SOURCE.md); the
variants of the seed are edits of the seed itself (what copying sites do to a 范文), never new
writing.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import opencc

from docpipe.config import NearDupSettings
from docpipe.ids import content_hash, doc_id_for
from docpipe.models import StructuredDocument
from tests.export.builders import make_doc

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED = FIXTURES / "structure" / "speech_sanweiyuan_43077.txt"
COPIES = FIXTURES / "neardup" / "copies.jsonl"
FANWEN = FIXTURES / "neardup" / "fanwen.jsonl"
SETTINGS = NearDupSettings()


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def extra_texts() -> dict[str, str]:
    """id → raw_text of tests/fixtures/structure_real_extra (real scraped 公文/范文 excerpts)."""
    rows = (json.loads(line) for line in (FIXTURES / "structure_real_extra" / "gold.jsonl").read_text(encoding="utf-8").split("\n") if line.strip())
    return {r["id"]: r["raw_text"] for r in rows}


@lru_cache(maxsize=1)
def copies() -> list[dict[str, str]]:
    """The labelled real copies set (tests/fixtures/neardup/copies.jsonl): id, group, url, text."""
    return [json.loads(line) for line in COPIES.read_text(encoding="utf-8").split("\n") if line.strip()]


@lru_cache(maxsize=1)
def fanwen() -> list[dict[str, str]]:
    """The 范文/公文 copies set (tests/fixtures/neardup/fanwen.jsonl, see SOURCE.md): id, group,
    label (copy / related / distinct), url, site, doc_type, text."""
    return [json.loads(line) for line in FANWEN.read_text(encoding="utf-8").split("\n") if line.strip()]


def _seed_lines() -> list[str]:
    return seed_text().split("\n")


def _body_span() -> tuple[int, int]:
    """First and last line of the speech itself (salutation to closing), without site chrome."""
    lines = _seed_lines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("同志们:"))
    end = max(i for i, line in enumerate(lines) if line.strip().startswith("同志们,"))
    return start, end


def variant_chrome() -> str:
    """The seed's speech under another site's chrome: header, byline and footer replaced."""
    lines = _seed_lines()
    start, end = _body_span()
    title = lines[2]
    header = ["首页 > 范文大全 > 讲话稿", title, "发布时间:2024-12-08 来源:网友投稿 【字体:大 中 小】"]
    footer = ["上一篇:在全县安全生产工作会议上的讲话", "下一篇:在乡村振兴推进会上的讲话", "本文由网友投稿,如有侵权请联系删除"]
    return "\n".join([*header, "", *lines[start : end + 1], "", *footer])


def variant_filled() -> str:
    """The seed with its template placeholders filled in (X县, 202x年, 某县长)."""
    return seed_text().replace("X县", "青铜关县").replace("202x年", "2024年").replace("某县长", "青铜关县县长")


def variant_paragraph_removed() -> str:
    """The seed without one of its body paragraphs: the shortest of its four long ones (319 of its
    ~2,000 body characters). Cutting a longer one (a third of the speech) takes the Jaccard
    similarity below 0.8 — that is a different document by the measure the issue asks for."""
    lines = _seed_lines()
    long_ones = [i for i, line in enumerate(lines) if len(line) > 200]
    cut = min(long_ones, key=lambda i: len(lines[i]))
    return "\n".join(line for i, line in enumerate(lines) if i != cut)


def variant_traditional() -> str:
    """The seed converted to traditional characters (as 繁体 mirror sites serve it)."""
    return opencc.OpenCC("s2t").convert(seed_text())


def other_speech() -> str:
    """A different real speech of the same 文种 (讲话), from structure_real_extra."""
    return extra_texts()["caiyes_cadre_meeting_speech_discuz"]


def doc_with_text(key: str, text: str, *, site: str | None = None, doc_type: str | None = "讲话") -> StructuredDocument:
    """A StructuredDocument whose body is ``text`` and whose URL is http://<site>/<key>."""
    host = site or "example.test"
    url = f"http://{host}/{key}.html"
    base = make_doc(1)
    return base.model_copy(
        update={
            "doc_id": doc_id_for(url, url),
            "source": url,
            "url": url,
            "site_name": host,
            "doc_type": doc_type,
            "text": text,
            "content_hash": content_hash(text),
        }
    )


def real_docs(n: int) -> list[StructuredDocument]:
    """The first ``n`` texts of the real copies set as documents, one site each (its copies
    cluster), in fixture order: the same list in every process."""
    rows = copies()[:n]
    return [doc_with_text(r["id"], r["text"], site=r["site"], doc_type=r["doc_type"]) for r in rows]
