"""Placeholders, references in 《》 and quoted terms."""

from __future__ import annotations

from docpipe.structure.slots import find_placeholders, find_quoted_terms, find_references


def test_placeholders_of_every_kind() -> None:
    text = "为X县发展，听取了202x年工作报告。XX同志、***镇、××局、20XX年，联系人：XXX，电话：____，ＸＸ市。"
    assert find_placeholders(text) == ("X县", "202x年", "XX同志", "***镇", "××局", "20XX年", "XXX", "____", "ＸＸ市")


def test_letters_in_words_are_not_placeholders() -> None:
    assert find_placeholders("X光检查和XML文件，Windows XP系统，2024年工作。") == ()
    assert find_placeholders("Plan XX was approved in 2024.") == ()


def test_references_and_quoted_terms() -> None:
    text = "审议了《202x年依法行政重点工作安排(讨论稿)》和《XX方案》，推进“放管服”改革和「兩個維護」，他说：“这是一句很长很长的引语，用来说明引用的句子不是术语，而是一段完整的话语内容。”"
    assert find_references(text) == ("202x年依法行政重点工作安排(讨论稿)", "XX方案")
    assert find_quoted_terms(text) == ("放管服", "兩個維護")
