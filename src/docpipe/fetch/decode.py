"""Bytes -> text. Order of evidence: BOM, HTTP charset, <meta charset>, then detection.

A declaration is trusted only if the bytes decode under it without errors: real pages are
often labelled utf-8 while serving GBK (or the reverse), and a wrong label must not turn a
page into mojibake. GB2312/GBK are decoded as GB18030 (a strict superset). A single-byte
label (iso-8859-1, windows-1252 …) decodes any bytes without error, so it is no evidence
against UTF-8: bytes that are valid UTF-8 with multi-byte sequences are read as UTF-8.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from docpipe import patterns
from docpipe.errors import TerminalError
from docpipe.models import FetchedDocument, Stage

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The codec of the text after each UTF-16/32 BOM (looks_binary reads it without the BOM).
_UNIT_CODECS: dict[bytes, str] = {
    codecs.BOM_UTF32_LE: "utf-32-le",
    codecs.BOM_UTF32_BE: "utf-32-be",
    codecs.BOM_UTF16_LE: "utf-16-le",
    codecs.BOM_UTF16_BE: "utf-16-be",
}
# Unicode categories no text is written in: unassigned code points, private use, lone
# surrogates, controls other than whitespace. Binary bytes read as UTF-16/32 are full of them.
_NON_TEXT_CATEGORIES = frozenset({"Cn", "Co", "Cs", "Cc"})
_TEXT_CONTROLS = frozenset("\t\n\r\x0b\x0c\x1b")
# UTF-16 without a BOM (Windows "Unicode" saves of .txt/.html): the ASCII characters of the
# text (markup, digits, spaces, line breaks) each carry a NUL byte, all on one side of their
# code unit: odd offsets for little-endian, even for big-endian. No byte of UTF-8, GBK or Big5
# text is NUL, so NULs at one parity are the sign. A re-encoded cwced_zh page has 48% of its
# first 4 KB NUL, the plain-text 讲话 of structure_real about 2% (CJK characters have none).
UTF16_MIN_NUL_SHARE = 0.01  # of the first 4 KB; below it a stray NUL or two is not evidence
UTF16_NUL_PARITY_SHARE = 0.8  # of those NULs on one parity (the rest: 一 U+4E00 and other CJK characters ending in a 00 byte)
_PRESCAN_BYTES = 4096
# Detection on a few hundred KB is as good as on the whole body and bounded in time.
_DETECT_BYTES = 256_000


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    declared: str | None
    detected: str | None


def normalise_encoding(name: str | None) -> str | None:
    """Map a label to the Python codec docpipe decodes with (gbk -> gb18030); None if unknown."""
    if not name:
        return None
    label = name.strip().strip("'\"").lower()
    label = patterns.ENCODING_ALIASES.get(label, label)
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    return patterns.ENCODING_ALIASES.get(codec, codec)


@lru_cache(maxsize=64)
def single_byte(codec: str) -> bool:
    """True for codecs that map every byte to one character (iso8859-*, cp125x, koi8 …):
    they decode any byte string, so a clean decode under them proves nothing."""
    # Each high byte followed by 0xA1: a multi-byte codec (UTF-8, GB18030, Big5, Shift-JIS …)
    # reads many of these pairs as one character, a single-byte codec always as two.
    probe = bytes(b for lead in range(0x80, 0x100) for b in (lead, 0xA1))
    try:
        return len(probe.decode(codec, errors="replace")) == len(probe)
    except LookupError:
        return False


def _non_text_share(text: str) -> float:
    """Share of the characters of `text` that no text holds (see _NON_TEXT_CATEGORIES), the
    replacement character of an undecodable unit included."""
    if not text:
        return 0.0
    odd = sum(
        1 for ch in text
        if ch == "\ufffd" or (ch not in _TEXT_CONTROLS and unicodedata.category(ch) in _NON_TEXT_CATEGORIES)
    )
    return odd / len(text)


def _starts_with_magic(data: bytes) -> bool:
    return any(data.startswith(magic) for magic in patterns.BINARY_MAGIC)


# What a rejected body starts like, named in its binary_content message (patterns.BINARY_MAGIC).
_MAGIC_NAMES = {
    b"%PDF": "a PDF", b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx/.epub)", b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image", b"\xff\xd8\xff": "a JPEG image", b"\x1f\x8b": "gzip data", b"BZh": "bzip2 data",
    b"\x7fELF": "an ELF executable", b"MZ": "a Windows executable", b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive", b"\xd0\xcf\x11\xe0": "an old Office document (.doc/.xls)",
    b"OggS": "an Ogg file", b"ID3": "an MP3 file", b"RIFF": "a RIFF file (WAV, AVI, WebP)",
}


def binary_reason(data: bytes) -> str:
    """Why looks_binary judged `data` binary, for the rejection message."""
    head = data[:4096]
    bom = next((b for b, _ in _BOMS if head.startswith(b)), b"")
    after = " after a byte-order mark" if bom else ""
    magic = next((m for m in patterns.BINARY_MAGIC if head[len(bom):].startswith(m)), None)
    if magic is not None:
        return f"body is binary, not text: it starts like {_MAGIC_NAMES.get(magic, repr(magic))}{after}"
    if bom and bom != codecs.BOM_UTF8:
        return "body is binary, not text: behind its UTF-16/32 byte-order mark are characters no text holds"
    share = len(patterns.BINARY_CONTROL_BYTES.findall(head[len(bom):])) / max(1, len(head) - len(bom))
    return f"body is binary, not text: {share:.0%} of its first 4 KB are NUL or control bytes{after}"


def looks_binary(data: bytes) -> bool:
    """True for bodies that are not text at all (PDF, images, archives, random bytes)."""
    head = data[:4096]
    if not head:
        return False
    bom = next((b for b, _ in _BOMS if head.startswith(b)), None)
    if bom is not None:
        # A BOM proves nothing by itself: EF BB BF or FF FE in front of a PDF or a JPEG (a file
        # saved through a text editor, two files concatenated) is still binary. What follows it
        # is judged: its magic number, then its bytes (UTF-8) or its characters (UTF-16/32,
        # where NUL bytes are text).
        head = head[len(bom):]
        if _starts_with_magic(head):
            return True
        unit_codec = _UNIT_CODECS.get(bom)
        if unit_codec is not None:
            width = 4 if unit_codec.startswith("utf-32") else 2
            body = head[: len(head) - len(head) % width]
            return _non_text_share(body.decode(unit_codec, errors="replace")) > patterns.BINARY_CONTROL_RATIO
        if not head:
            return False
    if _starts_with_magic(head):
        return True
    controls = len(patterns.BINARY_CONTROL_BYTES.findall(head))
    return controls / len(head) > patterns.BINARY_CONTROL_RATIO


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the NUL bytes of `data` sit at one parity as UTF-16 text
    without a BOM puts them (see UTF16_MIN_NUL_SHARE); None otherwise."""
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    nuls = even + odd
    if nuls < max(2, len(head) * UTF16_MIN_NUL_SHARE):
        return None
    if odd >= nuls * UTF16_NUL_PARITY_SHARE:
        return "utf-16-le"
    if even >= nuls * UTF16_NUL_PARITY_SHARE:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> str | None:
    # Imported on the first detection (charset_normalizer loads its tables at import; pages that
    # declare their charset, or are valid UTF-8, never need it).
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_DETECT_BYTES]).best()
    return normalise_encoding(best.encoding) if best is not None else None


def _looks_like_misread_big5(text: str) -> bool:
    """True when a GB18030 reading is strewn with symbol-row characters (kana, Greek …)."""
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    odd = len(patterns.GB_SYMBOL_ROW_CHARS.findall(text))
    return odd >= 2 and odd >= non_ascii * patterns.MISREAD_BIG5_MIN_SHARE


def _looks_like_misread_latin(text: str) -> bool:
    """True when the non-ASCII characters of `text` sit inside Latin words (or failed to decode)."""
    wedged = len(patterns.IDEOGRAPH_INSIDE_LATIN_WORD.findall(text))
    ideographs = len(patterns.IDEOGRAPH.findall(text))
    if ideographs == 0:
        return text.count("\ufffd") > 0
    return wedged / ideographs >= patterns.MISREAD_LATIN_MIN_SHARE


def decode_bytes(
    data: bytes, *, http_content_type: str | None = None, is_html: bool = True, source: str = ""
) -> Decoded:
    """Decode `data`, raising TerminalError(decode_error) for binary or undecodable bodies."""
    starts_with_bom = data.startswith(tuple(b for b, _ in _BOMS))
    guess = None if starts_with_bom or _starts_with_magic(data) else _bomless_utf16(data)
    if guess is not None:
        text = data.decode(guess, errors="replace")
        undecodable = text.count("\ufffd")
        # As many damaged units as the multi-byte path below forgives (a truncated download
        # cuts the last code unit in half).
        if undecodable <= max(8, len(text) // 500) and _non_text_share(text[:4096]) <= patterns.BINARY_CONTROL_RATIO:
            return Decoded(text, guess, None, guess)
        why_not = f"{undecodable} code units do not decode" if undecodable > 8 else "what it decodes to is not text"
        raise TerminalError(
            Stage.fetch, "binary_content" if looks_binary(data) else "decode_error",
            f"its NUL bytes sit at every other position, as in {guess.upper()} text without a BOM, "
            f"but it does not read as {guess.upper()}: {why_not}",
            source=source,
        )
    if looks_binary(data):
        raise TerminalError(Stage.fetch, "binary_content", binary_reason(data), source=source)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is not None:
                return Decoded(text.lstrip("\ufeff"), codec, codec, None)
    declared: str | None = None
    candidates: list[str] = []
    if http_content_type:
        match = patterns.HTTP_CHARSET.search(http_content_type)
        if match:
            candidates.append(match.group(1))
    if is_html:
        match = patterns.META_CHARSET.search(data[:_PRESCAN_BYTES])
        if match:
            candidates.append(match.group(1).decode("ascii", "replace"))
    for label in candidates:
        codec = normalise_encoding(label)
        if codec is None:
            continue
        declared = declared or codec
        text = _strict(data, codec)
        if text is not None:
            if single_byte(codec) and not text.isascii():
                # Seen on a wcxb_dev page: `charset=iso-8859-1` first, `<meta charset="utf-8">`
                # later, UTF-8 bytes — read as Latin-1, "Don't" became "Donâ€™t". Latin-1 text
                # is valid UTF-8 only by freak (every high byte paired as Ã© is), so valid
                # UTF-8 wins over a single-byte label.
                utf8 = _strict(data, "utf-8")
                if utf8 is not None:
                    return Decoded(utf8, "utf-8", codec, "utf-8")
            return Decoded(text, codec, codec, None)
    # Pure UTF-8 is by far the most common and unambiguous case.
    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", declared, "utf-8" if declared else None)
    # Nothing decodes cleanly. Pages with a handful of corrupt sequences are common (truncated
    # downloads, one mis-encoded ad): prefer the declared codec, then the multi-byte codecs our
    # users' pages use, judged by how few replacement characters they produce. Single-byte
    # guesses (cp1252, ptcp154 …) decode anything without error, so they come last.
    # Detection (charset-normalizer, the slow part) only where its answer is used: undeclared
    # bytes, or a declaration that failed badly (below).
    detected = _detect(data) if declared is None else None
    multi_byte = [c for c in dict.fromkeys(filter(None, (declared, "gb18030", "utf-8", "big5hkscs")))]
    scored = []
    for codec in multi_byte:
        text = data.decode(codec, errors="replace")
        scored.append((text.count("\ufffd"), codec, text))
    errors, codec, text = min(scored, key=lambda item: item[0])
    if declared is None and detected is not None:
        # Two cases where a clean (or nearly clean) GB18030 decode is still wrong, told apart
        # by the detector plus a property of the decoded text:
        # - Big5 bytes are valid GB18030 too: read as GB they turn into kana, Greek, Cyrillic
        #   and box-drawing characters (GB2312's symbol rows share Big5's common lead bytes).
        #   Trust a Big5 detection whose strict decode works only when the GB reading shows
        #   them: the detector alone calls short GBK texts Big5 too.
        # - Latin-1/cp1252 text ("naïve café") decodes as GB18030 into ideographs wedged
        #   between Latin letters, which real Chinese text almost never has.
        if detected in patterns.BIG5_CODECS and _looks_like_misread_big5(text):
            big5 = _strict(data, detected)
            if big5 is not None:
                return Decoded(big5, detected, None, detected)
        if codec != "utf-8" and _looks_like_misread_latin(text):
            latin_codec = detected if detected in patterns.LATIN_SINGLE_BYTE_CODECS else "cp1252"
            latin = _strict(data, latin_codec)
            if latin is not None:
                return Decoded(latin, latin_codec, None, latin_codec)
    if errors <= max(8, len(text) // 500):
        return Decoded(text, codec, declared, None if codec == declared else codec)
    if declared is not None:
        detected = _detect(data)
    if detected is not None:
        text = _strict(data, detected)
        if text is not None:
            return Decoded(text, detected, declared, detected)
    if errors > max(16, len(text) // 20):
        raise TerminalError(
            Stage.fetch, "decode_error",
            f"bytes do not decode as {declared or 'utf-8'} or any detected encoding",
            source=source,
        )
    return Decoded(text, codec, declared, None if codec == declared else codec)


def decode_document(
    source: str,
    data: bytes,
    *,
    is_html: bool,
    http_content_type: str | None = None,
    url: str | None = None,
    final_url: str | None = None,
    status: int | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FetchedDocument:
    """Decode `data` and wrap it with its provenance: how every source (file, HTTP, WARC record)
    becomes the fetch stage's output, so all of them decode by the same rules."""
    decoded = decode_bytes(data, http_content_type=http_content_type, is_html=is_html, source=source)
    return FetchedDocument(
        source=source,
        url=url,
        final_url=final_url,
        status=status,
        content_type="text/html" if is_html else "text/plain",
        declared_encoding=decoded.declared,
        detected_encoding=decoded.detected,
        encoding=decoded.encoding,
        content=data,
        text=decoded.text,
        etag=etag,
        last_modified=last_modified,
    )
