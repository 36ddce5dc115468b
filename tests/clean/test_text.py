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


def test_signature_date_of_a_short_document_is_not_taken_for_the_head() -> None:
    # A 7-line 决定: its signature date falls within the first lines, after the body began.
    text = (
        "关于表彰2024年度先进集体和先进个人的决定\n"
        "各乡镇人民政府，县直各部门：\n"
        "2024年，全县上下认真贯彻落实县委、县政府决策部署，涌现出一批先进集体和先进个人。现予以通报表彰。\n"
        "希望受表彰的集体和个人珍惜荣誉，再接再厉，再创佳绩。\n"
        "某县人民政府\n"
        "2025年1月15日\n"
    )
    blocks, meta = clean_text(text)
    texts = [b.text for b in blocks]
    assert meta.title == "关于表彰2024年度先进集体和先进个人的决定"
    assert meta.published_at is None
    assert texts[0] == "各乡镇人民政府，县直各部门："
    assert texts[-2:] == ["某县人民政府", "2025年1月15日"]
