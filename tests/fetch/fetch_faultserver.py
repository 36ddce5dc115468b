"""A real HTTP/1.1 server on a loopback address with fault injection, for fetch tests and the
fetch benchmark. asyncio streams in a background thread (or a child process for benchmarks);
every request is logged server-side with monotonic start/end times and the number of requests
in flight, so tests can check politeness from the server's point of view.

Routes (all GET):
    /page/<name>[?kb=K]     HTML page; body from `pages[name]` if set, else generated
                            (padded to about K KiB when kb is given).
                            ETag + Last-Modified, answers 304 to matching conditional GETs.
    /plain/<name>           text/plain page without validators (same_content path)
    /status/<code>          that status, always
    /flaky/<name>?fails=N&code=C   C for the first N requests to this name, then a page
    /ratelimit/<name>?after=S      429 with Retry-After: S on the first request, then a page
    /hang                   reads the request, never answers
    /reset                  reads the request, resets the TCP connection (RST)
    /drip                   declares 100 kB and sends one byte every 20 ms
    /big?mb=80[&cl=1]       an 80 MB HTML body, generated on the fly (close-delimited or
                            with Content-Length)
    /bomb?mb=512            gzip bomb: Content-Encoding gzip, inflates to 512 MB of zeros
    /brbomb?mb=512          the same with brotli
    /loop/a, /loop/b        a redirect loop; /chain/<n> redirects n times
    /to-file                302 to file:///etc/passwd
    /gbk                    GBK-encoded Chinese page labelled charset=utf-8
    /binary                 random bytes labelled text/html; /image: image/png
    /robots.txt             `robots` text (404 when None; `robots_status` other than 200 wins)
    /sitemap.xml?n=1000     urlset of /page/s<i>; /sitemap-index.xml: index of two .gz parts
    /sitemap-part<k>.xml.gz gzip files (application/gzip) of half the URLs each
    /sitemap-index-hostile.xml  index of HOSTILE_SITEMAP_CHILDREN and /sitemap.xml?n=3
    /feed.xml, /atom.xml    RSS 2.0 and Atom feeds of /page/f<i>
    /list/<k>               listing page k of `list_pages`, linking /article/<k>-<i> and
                            /list/<k+1>, plus an off-site link and an /about page
    /article/<id>           article page
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import hashlib
import os
import socket
import struct
import threading
import time
import zlib
from dataclasses import dataclass, field
from email.utils import formatdate
from urllib.parse import parse_qs, urlsplit

import brotli

_REASONS = {
    200: "OK", 301: "Moved Permanently", 302: "Found", 304: "Not Modified", 403: "Forbidden",
    404: "Not Found", 410: "Gone", 429: "Too Many Requests", 500: "Internal Server Error",
    502: "Bad Gateway", 503: "Service Unavailable",
}
_LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)


@dataclass
class Hit:
    path: str
    host: str
    start: float
    end: float = 0.0
    status: int = 0
    in_flight: int = 0
    headers: dict[str, str] = field(default_factory=dict)


@functools.cache
def gzip_bomb(mb: int) -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1 << 20)
    return b"".join([comp.compress(zeros) for _ in range(mb)] + [comp.flush()])


@functools.cache
def brotli_bomb(mb: int) -> bytes:
    comp = brotli.Compressor(quality=5)
    zeros = bytes(1 << 20)
    return b"".join([comp.process(zeros) for _ in range(mb)] + [comp.finish()])


def article_html(name: str, body: str | None = None) -> bytes:
    text = body if body is not None else f"这是第{name}篇文章的正文。一是加强学习，二是狠抓落实。"
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>文章 {name}</title></head>"
        f"<body><h1>文章 {name}</h1><p>{text}</p></body></html>"
    ).encode("utf-8")


# Child sitemaps of /sitemap-index-hostile.xml that must never be opened: a local file by
# URL, another scheme, an absolute path (urljoin would turn it into this server's /etc/passwd)
# and a relative path (a local file relative to the working folder, before the fix).
HOSTILE_SITEMAP_CHILDREN = ("file:///etc/passwd", "ftp://127.0.0.1/sitemap.xml", "/etc/passwd", "../x")


class FaultServer:
    def __init__(self, host: str = "127.0.0.1", *, handle_delay: float = 0.0) -> None:
        self.host = host
        self.port = 0
        self.handle_delay = handle_delay  # seconds each page takes: makes overlap observable
        self.pages: dict[str, str] = {}
        self.robots: str | None = None
        self.robots_status = 200
        self.sitemap_size = 1000
        self.list_pages = 3
        self.articles_per_list = 5
        self.hits: list[Hit] = []
        self._in_flight = 0
        self._counts: dict[str, int] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.AbstractServer | None = None
        self._thread: threading.Thread | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._lock = threading.Lock()

    # -- lifecycle ------------------------------------------------------------------------------

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> FaultServer:
        ready = threading.Event()

        def run() -> None:
            self._loop = asyncio.new_event_loop()
            self._server = self._loop.run_until_complete(
                asyncio.start_server(self._handle, self.host, 0, limit=1 << 16, backlog=1024)
            )
            self.port = self._server.sockets[0].getsockname()[1]
            ready.set()
            self._loop.run_forever()
            self._loop.run_until_complete(self._loop.shutdown_asyncgens())
            self._loop.close()

        self._thread = threading.Thread(target=run, name=f"faultserver-{self.host}", daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def stop(self) -> None:
        if self._loop is None:
            return

        async def shutdown() -> None:
            assert self._server is not None
            self._server.close()
            for writer in list(self._writers):
                writer.transport.abort()
            for task in [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]:
                task.cancel()

        asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        assert self._thread is not None
        self._thread.join(5)

    def serve_forever(self) -> None:
        """For a child process (benchmarks): start, print the port, block."""
        self.start()
        print(self.port, flush=True)
        assert self._thread is not None
        self._thread.join()

    def reset_log(self) -> None:
        with self._lock:
            self.hits.clear()
            self._counts.clear()

    def hits_for(self, prefix: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path.startswith(prefix)]

    # -- HTTP plumbing --------------------------------------------------------------------------

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                method, target, _version = lines[0].split(" ", 2)
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        key, value = line.split(":", 1)
                        headers[key.strip().lower()] = value.strip()
                hit = Hit(path=target, host=headers.get("host", ""), start=time.monotonic(), headers=headers)
                with self._lock:
                    self._in_flight += 1
                    hit.in_flight = self._in_flight
                    self.hits.append(hit)
                try:
                    keep = await self._route(method, target, headers, reader, writer, hit)
                finally:
                    with self._lock:
                        self._in_flight -= 1
                    hit.end = time.monotonic()
                if not keep:
                    return
        except (ConnectionError, asyncio.CancelledError):
            return
        finally:
            self._writers.discard(writer)
            if not writer.is_closing():
                writer.close()

    async def _send(
        self, writer: asyncio.StreamWriter, hit: Hit, status: int, body: bytes = b"",
        headers: dict[str, str] | None = None,
    ) -> bool:
        hit.status = status
        head = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}"]
        all_headers = {"Content-Length": str(len(body)), **(headers or {})}
        head += [f"{k}: {v}" for k, v in all_headers.items()]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
        await writer.drain()
        return True

    def _count(self, key: str) -> int:
        with self._lock:
            self._counts[key] = self._counts.get(key, 0) + 1
            return self._counts[key]

    async def _page(
        self, writer: asyncio.StreamWriter, hit: Hit, name: str, headers: dict[str, str], kb: int = 0
    ) -> bool:
        if self.handle_delay:
            await asyncio.sleep(self.handle_delay)
        text = self.pages.get(name)
        if kb:  # padding to a realistic page size (benchmarks): ~kb KiB of body text
            text = (text or "") + "<p>各地区各部门要结合实际认真贯彻落实。</p>" * (kb * 1024 // 60)
        body = article_html(name, text)
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if headers.get("if-none-match") == etag:
            return await self._send(writer, hit, 304, b"", {"ETag": etag})
        return await self._send(
            writer, hit, 200, body,
            {"Content-Type": "text/html; charset=utf-8", "ETag": etag, "Last-Modified": _LAST_MODIFIED},
        )

    async def _stream(self, writer: asyncio.StreamWriter, hit: Hit, headers: dict[str, str], chunks) -> bool:  # noqa: ANN001
        hit.status = 200
        head = ["HTTP/1.1 200 OK", "Connection: close"] + [f"{k}: {v}" for k, v in headers.items()]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
        try:
            for chunk in chunks:
                writer.write(chunk)
                await writer.drain()
        except (ConnectionError, RuntimeError):
            pass  # the client gave up (too_large): expected
        return False

    async def _route(
        self, method: str, target: str, headers: dict[str, str],
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter, hit: Hit,
    ) -> bool:
        parts = urlsplit(target)
        path = parts.path
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        seg = path.strip("/").split("/")
        if path == "/robots.txt":
            if self.robots is None:
                return await self._send(writer, hit, 404, b"no robots")
            if self.robots_status != 200:
                return await self._send(writer, hit, self.robots_status, b"robots broken")
            return await self._send(writer, hit, 200, self.robots.encode(), {"Content-Type": "text/plain"})
        if seg[0] in ("page", "article") and len(seg) == 2:
            return await self._page(writer, hit, seg[1], headers, int(query.get("kb", "0")))
        if seg[0] == "plain" and len(seg) == 2:
            body = (self.pages.get(seg[1]) or f"plain text {seg[1]}").encode()
            return await self._send(writer, hit, 200, body, {"Content-Type": "text/plain; charset=utf-8"})
        if seg[0] == "status":
            return await self._send(writer, hit, int(seg[1]), b"status page", {"Content-Type": "text/html"})
        if seg[0] == "flaky":
            n = self._count(path)
            if n <= int(query.get("fails", "2")):
                return await self._send(writer, hit, int(query.get("code", "503")), b"try again")
            return await self._page(writer, hit, seg[1], headers)
        if seg[0] == "ratelimit":
            if self._count(path) == 1:
                return await self._send(writer, hit, 429, b"slow down", {"Retry-After": query.get("after", "1")})
            return await self._page(writer, hit, seg[1], headers)
        if path == "/hang":
            hit.status = -1
            await reader.read()  # until the client gives up and closes
            return False
        if path == "/reset":
            hit.status = -2
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
            return False
        if path == "/drip":
            async def drip() -> bool:
                hit.status = 200
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
                try:
                    for _ in range(100000):
                        writer.write(b"a")
                        await writer.drain()
                        await asyncio.sleep(0.02)
                except (ConnectionError, RuntimeError):
                    pass
                return False
            return await drip()
        if path == "/big":
            mb = int(query.get("mb", "80"))
            chunk = (b"<p>" + b"x" * 1020 + b"</p>\n") * 64  # ~64 KiB of valid HTML (64 paragraphs)
            count = mb * 16
            extra = {"Content-Type": "text/html"}
            if query.get("cl"):
                extra["Content-Length"] = str(len(chunk) * count)
            return await self._stream(writer, hit, extra, (chunk for _ in range(count)))
        if path in ("/bomb", "/brbomb"):
            mb = int(query.get("mb", "512"))
            # Built once, off the event loop (zlib/brotli release the GIL) so other requests go on.
            data = await asyncio.to_thread(gzip_bomb if path == "/bomb" else brotli_bomb, mb)
            coding = "gzip" if path == "/bomb" else "br"
            return await self._send(writer, hit, 200, data, {"Content-Type": "text/html", "Content-Encoding": coding})
        if seg[0] == "loop":
            other = "/loop/b" if path == "/loop/a" else "/loop/a"
            return await self._send(writer, hit, 302, b"", {"Location": other})
        if seg[0] == "chain":
            n = int(seg[1])
            location = f"/chain/{n - 1}" if n > 0 else "/page/chain-end"
            return await self._send(writer, hit, 301, b"", {"Location": location})
        if path == "/to-file":
            return await self._send(writer, hit, 302, b"", {"Location": "file:///etc/passwd"})
        if path == "/gbk":
            body = "<html><head><title>关于加强基层治理的通知</title></head><body><p>各乡镇人民政府：为深入贯彻落实放管服改革，现就有关事项通知如下。一是提高认识，二是压实责任。</p></body></html>"
            return await self._send(writer, hit, 200, body.encode("gbk"), {"Content-Type": "text/html; charset=utf-8"})
        if path == "/binary":
            return await self._send(writer, hit, 200, os.urandom(50_000), {"Content-Type": "text/html"})
        if path == "/image":
            return await self._send(writer, hit, 200, b"\x89PNG\r\n\x1a\n" + os.urandom(500), {"Content-Type": "image/png"})
        if path == "/sitemap.xml":
            n = int(query.get("n", str(self.sitemap_size)))
            return await self._send(writer, hit, 200, self.urlset(range(n)), {"Content-Type": "application/xml"})
        if path == "/sitemap-index.xml":
            locs = "".join(f"<sitemap><loc>{self.base}/sitemap-part{k}.xml.gz</loc></sitemap>" for k in (0, 1))
            body = f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</sitemapindex>'
            return await self._send(writer, hit, 200, body.encode(), {"Content-Type": "application/xml"})
        if path == "/sitemap-index-hostile.xml":
            # Children no crawler may follow beside one good one (see HOSTILE_SITEMAP_CHILDREN).
            children = [*HOSTILE_SITEMAP_CHILDREN, f"{self.base}/sitemap.xml?n=3"]
            locs = "".join(f"<sitemap><loc>{c}</loc></sitemap>" for c in children)
            body = f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</sitemapindex>'
            return await self._send(writer, hit, 200, body.encode(), {"Content-Type": "application/xml"})
        if seg[0].startswith("sitemap-part"):
            k = int(seg[0][len("sitemap-part"):].split(".")[0])
            half = self.sitemap_size // 2
            data = gzip.compress(self.urlset(range(k * half, (k + 1) * half)))
            return await self._send(writer, hit, 200, data, {"Content-Type": "application/gzip"})
        if path == "/feed.xml":
            items = "".join(f"<item><title>t{i}</title><link>{self.base}/page/f{i}</link></item>" for i in range(10))
            body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>feed</title>{items}</channel></rss>'
            return await self._send(writer, hit, 200, body.encode(), {"Content-Type": "application/rss+xml"})
        if path == "/atom.xml":
            entries = "".join(
                f'<entry><title>t{i}</title><link rel="edit" href="/edit/{i}"/><link href="{self.base}/page/a{i}"/></entry>'
                for i in range(5)
            )
            body = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>'
            return await self._send(writer, hit, 200, body.encode(), {"Content-Type": "application/atom+xml"})
        if seg[0] == "list":
            k = int(seg[1])
            links = "".join(
                f'<li><a href="/article/{k}-{i}">第{i}篇</a></li>' for i in range(self.articles_per_list)
            )
            if k + 1 < self.list_pages:
                links += f'<a href="/list/{k + 1}">下一页</a>'
            links += '<a href="/about">关于</a><a href="http://elsewhere.invalid/article/x">外站</a>'
            links += '<a href="javascript:void(0)">js</a><a href="#top">top</a>'
            body = f"<html><body><ul>{links}</ul></body></html>".encode()
            return await self._send(writer, hit, 200, body, {"Content-Type": "text/html; charset=utf-8"})
        return await self._send(writer, hit, 404, b"not found", {"Content-Type": "text/html"})

    def urlset(self, indices: range) -> bytes:
        locs = "".join(f"<url><loc>{self.base}/page/s{i}</loc></url>" for i in indices)
        return (
            f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{locs}</urlset>"
        ).encode()


if __name__ == "__main__":  # benchmark child process: python fetch_faultserver.py [host]
    import sys

    FaultServer(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1").serve_forever()
