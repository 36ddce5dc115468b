from __future__ import annotations

from pathlib import Path

import pytest

from docpipe.clean.text import clean_text

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_seed_text_scrape() -> None:
    path = SAMPLES / "speech_sanweiyuan_43077.txt"
    if not path.exists():
        pytest.skip("samples/speech_sanweiyuan_43077.txt not present")
    blocks, md = clean_text(path.read_text(encoding="utf-8"))
    text = "\n".join(b.text for b in blocks)
    assert md.published_at == "2024-12-06T00:37:14"
    assert md.canonical_url == "http://m.sanweiyuan.com/news/43077.html"
    assert blocks[0].text.startswith("同志们")
    assert "相关文章" not in text and "友情链接" not in text


def test_text_noise_removed() -> None:
    raw = "标题行\n三味园 2024-12-06 00:37:14\n我们要加强学习) L. c9 R- ~' O6 L3 u\n第 2 页 共 5 页\n县長(zhǎng)讲话要点。\n"
    blocks, _ = clean_text(raw)
    assert [b.text for b in blocks] == ["我们要加强学习", "县長讲话要点。"]
