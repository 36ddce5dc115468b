from __future__ import annotations

import pytest

from docpipe.clean.noise import clean_line, is_page_counter, strip_jammer, strip_pinyin


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("我们要加强学习) L. c9 R- ~' O6 L3 u", "我们要加强学习"),
        ("深化改革6 e$ t0 L. h& P+ ~，持续优化营商环境", "深化改革，持续优化营商环境"),
        ("今年完成 GDP 增长 5% 的目标", "今年完成 GDP 增长 5% 的目标"),
        ("A B C 三个方案各有优劣", "A B C 三个方案各有优劣"),
        ("the quick brown fox", "the quick brown fox"),
    ],
)
def test_jammer(line: str, expected: str) -> None:
    assert strip_jammer(line) == expected


def test_pinyin_glosses_removed_but_ascii_in_parens_kept() -> None:
    assert strip_pinyin("县長(zhǎng)在会上讲话，行（háng）业发展") == "县長在会上讲话，行业发展"
    assert strip_pinyin("重(chong2)新部署") == "重新部署"
    assert strip_pinyin("方案(a)和美元(USD)") == "方案(a)和美元(USD)"


@pytest.mark.parametrize("line", ["第 3 页 共 12 页", "共12页", "- 3 -", "3/12", "Page 3 of 12", "17"])
def test_page_counters(line: str) -> None:
    assert is_page_counter(line)
    assert clean_line(line) == ""


@pytest.mark.parametrize("line", ["第三页的内容很重要", "2024年工作总结", "一、总体要求"])
def test_not_page_counters(line: str) -> None:
    assert not is_page_counter(line)
    assert clean_line(line) == line
