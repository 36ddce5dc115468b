"""Nothing raises: random and adversarial text always gives a StructuredDocument."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docpipe.models import CleanBlock

from .helpers import structure

MARKERS = ["一、", "（一）", "(一)", "1.", "1、", "１．", "（1）", "⑴", "①", "第一，", "第一部分", "第一章", "第一条",
           "首先，", "其次，", "最后，", "一是", "——", "I. ", "A. ", "1.1 ", "附件：", "同志们：", "2024年3月5日",
           "〔2024〕", "《", "》", "“", "”", "XX", "202x年", "____", "。", "；", "：", "\u3000", "\x00", "(zhǎng)"]
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
