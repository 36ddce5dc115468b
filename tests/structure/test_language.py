"""Language by script first, then the page's declared tag."""

from __future__ import annotations

import pytest

from docpipe.structure import detect_language


@pytest.mark.parametrize(
    "text,declared,expected",
    [
        ("同志们，今天召开全县经济工作会议。", None, "zh"),
        ("各位同志：今天我們召開全縣經濟工作會議。", None, "zh"),
        ("本日は全国から多くの皆様にお集まりいただき、誠にありがとうございます。", None, "ja"),
        ("東京都議会", "ja", "ja"),  # kanji only: the declared tag decides between zh and ja
        ("오늘 회의에 참석해 주셔서 감사합니다.", None, "ko"),
        ("Сегодня мы обсуждаем бюджет города.", None, "ru"),
        ("Le conseil municipal a voté le budget.", "fr-FR", "fr"),
        ("The council approved the plan.", None, "en"),
        ("The council approved the plan.", "zh-CN", "en"),  # a wrong template tag loses to the script
        ("Apple 发布了新的 iPhone 手机，销量创下新高。", None, "zh"),
        ("12345 67890", None, "und"),
        ("12345 — 2024", "de", "de"),  # no letters: the declared tag
        ("Ein „Café“ am Marktplatz – geöffnet.", None, "en"),  # Latin-1 letters and curly quotes: Latin
    ],
)
def test_detect_language(text: str, declared: str | None, expected: str) -> None:
    assert detect_language(text, declared) == expected
