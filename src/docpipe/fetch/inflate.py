"""Bounded decompression of bodies and files: every step yields at most `_INFLATE_STEP` bytes,
so a gzip or brotli bomb is stopped at a byte limit without ever inflating further.

Its own module (not in docpipe.fetch.http) so that reading a local .html.gz file imports
neither httpx nor the crawler: `docpipe extract` on local files starts without them.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

import brotli

from docpipe.errors import TerminalError
from docpipe.models import Stage

# Decompressed bytes produced per step: bounds the memory a bomb can claim in one call.
_INFLATE_STEP = 256 * 1024


class Inflater:
    """Content-Encoding decoder whose every step yields at most `_INFLATE_STEP` bytes."""

    def __init__(self, coding: str, source: str) -> None:
        self.coding = coding
        self.source = source
        self._zlib: zlib._Decompress | None = None
        self._brotli: brotli.Decompressor | None = None
        self._first = True
        if coding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif coding == "deflate":
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS)
        elif coding == "br":
            self._brotli = brotli.Decompressor()
        elif coding not in ("", "identity"):
            raise TerminalError(
                Stage.fetch, "unsupported_encoding", f"Content-Encoding {coding!r} is not supported", source=source
            )

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            if self._zlib is not None:
                yield from self._feed_zlib(data)
            elif self._brotli is not None:
                # With output_buffer_limit, pending output is drained by feeding b"" until a
                # call yields nothing (can_accept_more_data() turns True before that).
                out = self._brotli.process(data, output_buffer_limit=_INFLATE_STEP)
                while out:
                    yield out
                    if self._brotli.is_finished():
                        break
                    out = self._brotli.process(b"", output_buffer_limit=_INFLATE_STEP)
            else:
                yield data
        except (zlib.error, brotli.error) as exc:
            raise TerminalError(
                Stage.fetch, "decode_error", f"corrupt {self.coding} body: {exc}", source=self.source
            ) from exc

    def _feed_zlib(self, data: bytes) -> Iterator[bytes]:
        assert self._zlib is not None
        if self._first and self.coding == "deflate" and data:
            self._first = False
            # Many servers send raw deflate without the zlib header (httpx does the same dance).
            probe = zlib.decompressobj(zlib.MAX_WBITS)
            try:
                probe.decompress(data[:2])
            except zlib.error:
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
        if self._zlib.eof:
            return  # trailing bytes after the gzip member: ignored, as browsers do
        yield self._zlib.decompress(data, _INFLATE_STEP)
        while self._zlib.unconsumed_tail and not self._zlib.eof:
            yield self._zlib.decompress(self._zlib.unconsumed_tail, _INFLATE_STEP)


def gunzip_bounded(data: bytes, max_bytes: int, source: str) -> bytes:
    """Gunzip `data` (a .gz sitemap, a saved x.html.gz page) without ever holding more than
    `max_bytes` of output: a gzip bomb stops at the limit."""
    inflater = Inflater("gzip", source)
    out = bytearray()
    for piece in inflater.feed(data):
        out += piece
        if len(out) > max_bytes:
            raise TerminalError(Stage.fetch, "too_large", f"gunzipped content exceeds {max_bytes} bytes", source=source)
    # The whole file was fed: a stream without its end (a download cut short, a copy that
    # stopped) is a page cut somewhere in its body — rejected, not stored as the document.
    assert inflater._zlib is not None
    if not inflater._zlib.eof:
        raise TerminalError(
            Stage.fetch, "decode_error",
            f"truncated gzip data: the stream ends before its end marker ({len(data)} bytes read)", source=source,
        )
    return bytes(out)
