"""Nothing raises: random and adversarial text always gives a StructuredDocument."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docpipe.clean.text import clean_text
from docpipe.config import Settings
from docpipe.models import CleanBlock, CleanDocument, StructuredDocument
from docpipe.structure import structure_document

from .helpers import structure

MARKERS = ["一、", "（一）", "(一)", "1.", "1、", "１．", "（1）", "⑴", "①", "第一，", "第一部分", "第一章", "第一条",
           "首先，", "其次，", "最后，", "一是", "——", "I. ", "A. ", "1.1 ", "附件：", "同志们：", "2024年3月5日",
           "〔2024〕", "《", "》", "“", "”", "XX", "202x年", "____", "。", "；", "：", "\u3000", "\x00", "(zhǎng)",
           # issue 11: the chrome, titles and lists of real scraped texts
           "目录", "提纲", " 2", "篇1", "第1篇 ", "范文", "(15篇)", "来源:", "时间:2024-06-29 10:15:14", "浏览:8351",
           "首页 > ", "预览结束", "……此处隐藏20613个字……", "…………", "其一,", "大家一是要", "二是", "另一方面",
           "①、", "3)、", "第一句话,", "1.3月5日", "七、一班", "××××", "关于", "的通知", "的讲话", "各乡镇人民政府:",
           "下面是小编为大家整理的", "供大家参考。", "p {", "}", "选项 A、", "B、", "C、", "D、", "i( j( e7 Z2 {! |0 K", "\n"]
pieces = st.one_of(st.sampled_from(MARKERS), st.text(max_size=30))
lines = st.lists(pieces, max_size=12).map("".join)


# derandomize: CI runs the same examples every time (a 4,000-example random run was clean when written).
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(lines, min_size=1, max_size=8), st.one_of(st.none(), lines))
def test_random_text_never_raises(texts: list[str], title: str | None) -> None:
    blocks = [CleanBlock(kind="paragraph", text=t) for t in texts if t.strip()] or [CleanBlock(kind="paragraph", text="x")]
    doc = structure(*blocks, title=title)
    for h in doc.headings:
        assert doc.blocks[h.block_idx].kind == "heading"
    for i in doc.items:
        assert 0 <= i.block_idx < len(doc.blocks)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.sampled_from(["heading", "paragraph", "list_item", "table", "quote"]),
                          lines, st.one_of(st.none(), st.integers(1, 6)), st.booleans()), min_size=1, max_size=6))
def test_random_html_blocks_never_raise(spec: list[tuple[str, str, int | None, bool]]) -> None:
    blocks = [CleanBlock(kind=k, text=t or "x", level=lvl, bold=b) for k, t, lvl, b in spec]  # type: ignore[arg-type]
    structure(*blocks)


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(lines, min_size=1, max_size=12))
def test_random_text_scrapes_never_raise(texts: list[str]) -> None:
    # The text path of `docpipe extract`: line chrome, block chrome, the title finder, then structure.
    blocks, metadata, dropped = clean_text("\n".join(texts))
    assert all(d.reason for d in dropped)
    if blocks:
        doc = CleanDocument(source="t.txt", format="text", blocks=blocks, metadata=metadata)
        assert isinstance(structure_document(doc, Settings()), StructuredDocument)


def test_huge_and_deep_inputs() -> None:
    structure("一、" + "很长的标题" * 20000)
    structure(*["（一）子标题。正文。" for _ in range(2000)])
    structure("一是" * 5000)


def test_a_paragraph_with_hundreds_of_glued_headings() -> None:
    numerals = "一二三四五六七八九"
    cn = [n for n in numerals] + ["十"] + [f"十{n}" for n in numerals] + [f"{a}十{b}" for a in numerals[1:] for b in [""] + list(numerals)]
    text = "".join(f"{c}、标题{i}。（一）子标题{i}。正文内容。" for i, c in enumerate(cn, 1))
    doc = structure(text)
    assert len(doc.headings) == 2 * len(cn) and len(cn) == 99
