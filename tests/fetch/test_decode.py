"""Bytes -> text: declarations, detection, GBK as GB18030, binary and undecodable input."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from docpipe import patterns
from docpipe.errors import TerminalError
from docpipe.fetch.decode import decode_bytes, looks_binary, normalise_encoding
from tests.conftest import FIXTURES

# The UTF-8 twins had a wrapper line stripped and their charset declaration rewritten, so
# compare with those two differences folded away.
_WRAPPER = re.compile(r"^<text [^>]*>\s*|</text>\s*$")
_CHARSET = re.compile(r"""charset\s*=\s*["']?[\w-]+["']?""", re.I)


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", _CHARSET.sub("", _WRAPPER.sub("", text)))


def _pairs(folder: Path) -> list[tuple[Path, Path]]:
    return [(raw, raw.with_name(raw.name.replace(".raw.", ".utf8."))) for raw in sorted(folder.glob("*.raw.html"))]


@pytest.mark.parametrize("raw,twin", _pairs(FIXTURES / "encodings"), ids=lambda p: p.name[:8])
def test_bundled_gbk_pages_decode_like_their_utf8_twins(raw: Path, twin: Path) -> None:
    decoded = decode_bytes(raw.read_bytes())
    assert decoded.encoding == "gb18030"
    assert _fold(twin.read_text(encoding="utf-8")) in _fold(decoded.text)


@pytest.mark.eval
def test_every_cwced_raw_page_decodes_to_its_twin(shared_dir: Path) -> None:
    folder = shared_dir / "eval" / "cwced_zh"
    raws = sorted((folder / "pages_raw").glob("*.html"))
    assert len(raws) >= 40
    mismatched = [
        raw.name
        for raw in raws
        if _fold((folder / "pages" / raw.name).read_text(encoding="utf-8")) not in _fold(decode_bytes(raw.read_bytes()).text)
    ]
    assert mismatched == []


@pytest.mark.parametrize("label,codec", [("GB2312", "gb18030"), ("gbk", "gb18030"), ("UTF8", "utf-8"),
                                         ("iso-8859-1", "cp1252"), ("no-such-codec", None), (None, None)])
def test_encoding_labels_are_normalised(label: str | None, codec: str | None) -> None:
    assert normalise_encoding(label) == codec


def test_http_charset_wins_over_detection() -> None:
    text = "政府工作报告，全文如下。" * 20
    decoded = decode_bytes(text.encode("gbk"), http_content_type="text/html; charset=GBK", is_html=True)
    assert decoded.text == text
    assert decoded.declared == "gb18030"


def test_wrong_declaration_is_not_trusted() -> None:
    # GBK bytes labelled utf-8: the label must lose against bytes that do not decode under it.
    text = "<p>关于做好春节期间安全生产工作的通知，各乡镇人民政府：</p>" * 10
    decoded = decode_bytes(text.encode("gbk"), http_content_type="text/html; charset=utf-8")
    assert decoded.text == text
    assert decoded.encoding == "gb18030"


def test_meta_charset_is_used_for_html() -> None:
    html = '<html><head><meta charset="gb2312"></head><body>县长讲话</body></html>'
    assert decode_bytes(html.encode("gb18030")).text == html


def test_bom_decides() -> None:
    assert decode_bytes("\ufeff同志们".encode("utf-8")).text == "同志们"
    assert decode_bytes("同志们".encode("utf-16")).text == "同志们"


def test_a_few_corrupt_bytes_keep_the_page() -> None:
    good = ("同志们，今天会议的主要任务是部署工作。" * 40).encode("gbk")
    damaged = good[:300] + b"\xff\xfe" + good[300:]
    decoded = decode_bytes(damaged)
    assert decoded.encoding == "gb18030"
    assert decoded.text.count("\ufffd") <= 2
    assert "会议的主要任务" in decoded.text


@pytest.mark.parametrize("data", [b"%PDF-1.7\n" + bytes(200), b"\x89PNG\r\n\x1a\n" + bytes(100), bytes(range(256)) * 4])
def test_binary_bodies_are_rejected(data: bytes) -> None:
    assert looks_binary(data)
    with pytest.raises(TerminalError) as info:
        decode_bytes(data, source="x.html")
    assert info.value.reason == "binary_content"
    assert not info.value.transient


_BOM_NAMES = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
              "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}


@pytest.mark.parametrize("bom", list(_BOM_NAMES), ids=str)
@pytest.mark.parametrize("name", ["home.pdf", "bivariate_normal.npy"])
def test_a_bom_in_front_of_a_binary_file_does_not_make_it_text(name: str, bom: str) -> None:
    # A real PDF and a real NumPy file (no magic docpipe knows) behind each BOM: the BOM once
    # skipped the binary check, and the PDF was decoded as text ("锘�%PDF-1.4 …" as a document).
    data = _BOM_NAMES[bom] + (FIXTURES / "binary" / name).read_bytes()
    assert looks_binary(data)
    with pytest.raises(TerminalError) as info:
        decode_bytes(data, source=name)
    assert info.value.reason == "binary_content"


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_a_real_page_behind_its_bom_is_still_text(codec: str) -> None:
    # cwced_zh page 0d931936 (UTF-8 twin) written with each BOM: the check after the BOM keeps it.
    page = (FIXTURES / "encodings" / "0d931936-d510-4904-a714-88bb267b62da.utf8.html").read_text(encoding="utf-8")
    data = page.encode(codec)
    assert not looks_binary(data)
    assert decode_bytes(data).text == page


@pytest.mark.parametrize(
    "text,codec",
    [
        ("各位同志：今天我們召開全縣經濟工作會議，研究部署明年工作。", "big5"),
        ("The naïve café owner wrote a résumé about the façade. " * 3, "latin-1"),
        ("<html><body><p>Crème brûlée for the naïve café — “quoted” too.</p></body></html>", "cp1252"),
    ],
)
def test_undeclared_big5_and_latin_text_is_not_read_as_gb18030(text: str, codec: str) -> None:
    # Both decode cleanly (or nearly) as GB18030 into nonsense ideographs.
    assert decode_bytes(text.encode(codec)).text == text


def test_undeclared_gbk_still_wins_over_guesses() -> None:
    for text in ("政府工作报告", "同志们，今天会议的主要任务是部署工作。" * 5, "<p>Apple 发布了新的 iPhone 手机</p>"):
        assert decode_bytes(text.encode("gbk")).text == text


@pytest.mark.parametrize("text", ["你好", "台灣的經濟發展，各位同志今天我們召開會議", "①提高认识；②落实责任。"])
def test_short_or_traditional_gbk_is_not_taken_for_big5(text: str) -> None:
    assert decode_bytes(text.encode("gbk")).text == text


def test_big5_with_few_symbol_rows() -> None:
    text = "政府工作報告，國務院總理在全國人民代表大會上作報告。"
    assert decode_bytes(text.encode("big5")).text == text


def test_utf8_bytes_under_a_single_byte_label_are_read_as_utf8() -> None:
    # wcxb_dev 0193 (bundled): `charset=iso-8859-1` first, `<meta charset="utf-8">` later,
    # UTF-8 bytes. Read as the first label says, "Don’t" came out "Donâ€™t".
    import gzip

    data = gzip.decompress((FIXTURES / "wcxb" / "pages" / "0193.html.gz").read_bytes())
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8"
    assert decoded.declared == "cp1252"
    assert "<h2>Don’t Let a <i>Vendor</i>" in decoded.text
    assert "â€" not in decoded.text


def test_a_single_byte_label_still_decodes_text_that_is_not_utf8() -> None:
    data = "<meta charset=iso-8859-1><p>Café crème, façade — naïve</p>".encode("cp1252")
    decoded = decode_bytes(data)
    assert decoded.encoding == "cp1252"
    assert "Café crème, façade — naïve" in decoded.text


@pytest.mark.parametrize("codec,expected", [
    ("cp1252", True), ("iso8859-1", True), ("koi8-r", True), ("cp1251", True),
    ("utf-8", False), ("gb18030", False), ("big5hkscs", False), ("shift_jis", False), ("utf-16", False),
])
def test_single_byte_codecs_are_told_from_multi_byte_ones(codec: str, expected: bool) -> None:
    from docpipe.fetch.decode import single_byte

    assert single_byte(codec) is expected


_REAL_TEXTS = {
    # cwced_zh page 0d931936 (UTF-8 twin, MIT) and the scraped 讲话 kept byte for byte in
    # tests/fixtures/structure (m.sanweiyuan.com): markup-heavy HTML and plain Chinese text.
    "html": ("encodings/0d931936-d510-4904-a714-88bb267b62da.utf8.html", True),
    "txt": ("structure/speech_sanweiyuan_43077.txt", False),
}


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("kind", list(_REAL_TEXTS))
def test_utf16_without_a_bom_is_read_by_its_nul_bytes(kind: str, codec: str) -> None:
    # Saved as Windows "Unicode" without a BOM: rejected as binary_content before (NUL bytes).
    name, is_html = _REAL_TEXTS[kind]
    text = (FIXTURES / name).read_text(encoding="utf-8")
    data = text.encode(codec)
    decoded = decode_bytes(data, is_html=is_html)
    assert (decoded.text, decoded.encoding, decoded.detected) == (text, codec, codec)
    # A download cut in the middle of the last code unit still reads, with one replacement.
    cut = decode_bytes(data[:-1], is_html=is_html)
    assert cut.encoding == codec and cut.text[:-1] == text[:-1] and cut.text.endswith("\ufffd")


def test_the_plain_chinese_utf16_text_has_few_nuls_and_some_at_the_other_parity() -> None:
    # Why UTF16_MIN_NUL_SHARE is low and UTF16_NUL_PARITY_SHARE below 1: CJK characters carry
    # no NUL, and 一 (U+4E00) puts its 00 byte at the other parity.
    from docpipe.fetch.decode import UTF16_MIN_NUL_SHARE, UTF16_NUL_PARITY_SHARE

    head = (FIXTURES / "structure" / "speech_sanweiyuan_43077.txt").read_text(encoding="utf-8").encode("utf-16-le")[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    assert even > 0 and UTF16_NUL_PARITY_SHARE <= odd / (even + odd) < 0.95
    assert UTF16_MIN_NUL_SHARE <= (even + odd) / len(head) < patterns.BINARY_CONTROL_RATIO


@pytest.mark.parametrize("name", ["home.pdf", "bivariate_normal.npy"])
def test_binary_rejections_say_why(name: str) -> None:
    with pytest.raises(TerminalError) as info:
        decode_bytes((FIXTURES / "binary" / name).read_bytes(), source=name)
    expected = "starts like a PDF" if name.endswith(".pdf") else "of its first 4 KB are NUL or control bytes"
    assert expected in info.value.message
