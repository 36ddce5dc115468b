"""Discovery: `[[sources]]` entries and command-line inputs -> an ordered list of sources.

- urls:     the URLs as listed;
- sitemap:  <urlset> locs, following <sitemapindex> children; .gz sitemaps are gunzipped here
            with the same bounded inflater as page bodies (a sitemap bomb stops at max_bytes);
- feed:     RSS 2.0 / RSS 1.0 (RDF) item links and Atom entry links;
- listing:  breadth-first from a listing page: links matching `article_pattern` are documents,
            other links matching `link_pattern` are listing pages followed up to `max_depth`
            hops; only hosts in `allowed_domains` (default: the start page's host);
- path:     a local file, directory or glob (as on the command line);
- warc:     page-like records of a WARC file (see fetch/warc.py).

Everything fetched here goes through the same HttpFetcher as pages (robots.txt, per-host
delay, retries). URLs are normalised with w3lib (ids.normalise_url) and de-duplicated in
first-seen order. A source that cannot be read becomes a Rejection, never an exception.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.etree as etree
import lxml.html

from docpipe.config import Settings, SourceConfig
from docpipe.errors import DocpipeError, TerminalError
from docpipe.fetch.files import expand_local, is_url
from docpipe.fetch.http import HttpFetcher, gunzip_bounded, to_document
from docpipe.fetch.warc import is_warc_path, list_records
from docpipe.ids import normalise_url
from docpipe.models import Rejection, Stage

log = logging.getLogger(__name__)

# Sitemap indexes may nest; real ones are one level deep, this bounds a malicious cycle too.
_MAX_SITEMAP_DEPTH = 4
_GZIP_MAGIC = b"\x1f\x8b"
# sitemaps.org allows 50 MB (uncompressed) per sitemap file, more than a page's max_bytes.
_SITEMAP_MAX_BYTES = 50 * 1024 * 1024
# Entities are never resolved and nothing is loaded from the network (XXE, billion laughs).
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)


@dataclass
class Discovered:
    """Sources in first-seen order without duplicates, plus the rejects met on the way."""

    sources: list[str] = field(default_factory=list)
    rejects: list[Rejection] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set)

    def add(self, source: str) -> bool:
        key = normalise_url(source) if is_url(source) else source
        if key in self._seen:
            return False
        self._seen.add(key)
        self.sources.append(key)
        return True

    def extend(self, other: Discovered) -> None:
        for source in other.sources:
            self.add(source)
        self.rejects.extend(other.rejects)


def _reject(exc: DocpipeError, source: str) -> Rejection:
    return exc.to_rejection(source, source if is_url(source) else None)


def _xml_root(data: bytes, source: str) -> etree._Element:
    try:
        root = etree.fromstring(data, parser=_XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise TerminalError(Stage.fetch, "bad_xml", f"not parseable XML: {exc}", source=source) from exc
    if root is None:
        raise TerminalError(Stage.fetch, "bad_xml", "empty or non-XML document", source=source)
    return root


def _local_name(element: etree._Element) -> str:
    return etree.QName(element).localname.lower() if isinstance(element.tag, str) else ""


def parse_sitemap(data: bytes, source: str) -> tuple[str, list[str]]:
    """('index', child sitemap URLs) or ('urlset', page URLs), in document order."""
    root = _xml_root(data, source)
    kind = _local_name(root)
    if kind not in ("sitemapindex", "urlset"):
        raise TerminalError(Stage.fetch, "bad_sitemap", f"root element is <{kind}>, not a sitemap", source=source)
    locs = [
        (loc.text or "").strip()
        for loc in root.iter("{*}loc")
        if (loc.text or "").strip()
    ]
    return ("index" if kind == "sitemapindex" else "urlset"), locs


def parse_feed(data: bytes, source: str) -> list[str]:
    """Entry links of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, in feed order."""
    root = _xml_root(data, source)
    links: list[str] = []
    for element in root.iter("{*}item", "{*}entry"):
        if _local_name(element) == "item":  # RSS: <link>URL</link>, RDF also rdf:about
            link = element.find("{*}link")
            text = (link.text or "").strip() if link is not None else ""
            if not text:
                text = element.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about", "").strip()
            if text:
                links.append(text)
            continue
        # Atom: the rel="alternate" link (rel is alternate when absent, RFC 4287 §4.2.7.2).
        for link in element.iter("{*}link"):
            if link.get("rel", "alternate") == "alternate" and link.get("href"):
                links.append(link.get("href", "").strip())
                break
    if not links and _local_name(root) not in ("rss", "feed", "rdf"):
        raise TerminalError(Stage.fetch, "bad_feed", f"root element <{_local_name(root)}> is not a feed", source=source)
    return links


def page_links(html_text: str, base_url: str) -> list[str]:
    """Absolute http(s) links of an HTML page, honouring <base href>, in page order."""
    try:
        tree = lxml.html.fromstring(html_text)
    except (etree.ParserError, ValueError):
        return []  # an empty or unparsable listing page simply has no links
    base = tree.xpath("string(//base/@href)").strip()
    base_url = urljoin(base_url, base) if base else base_url
    links: list[str] = []
    for href in tree.xpath("//a/@href"):
        href = str(href).strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        absolute = urljoin(base_url, href)
        if is_url(absolute):
            links.append(absolute.split("#", 1)[0])
    return links


def host_allowed(url: str, domains: Iterable[str]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in (d.lower().lstrip(".") for d in domains))


# ---------------------------------------------------------------------------------------------
# one source each


def _xml_limit(fetcher: HttpFetcher) -> int:
    return max(fetcher.settings.max_bytes, _SITEMAP_MAX_BYTES)


async def _fetch_xml(fetcher: HttpFetcher, url: str) -> bytes:
    raw = await fetcher.get(url, content_types=None, max_bytes=_xml_limit(fetcher))
    body = raw.body
    if body.startswith(_GZIP_MAGIC):  # foo.xml.gz served as application/gzip, not as encoding
        body = gunzip_bounded(body, _xml_limit(fetcher), url)
    return body


async def _read_xml(location: str, fetcher: HttpFetcher) -> bytes:
    if is_url(location):
        return await _fetch_xml(fetcher, location)
    limit = _xml_limit(fetcher)
    try:
        with open(location, "rb") as handle:
            body = handle.read(limit + 1)
    except FileNotFoundError as exc:
        raise TerminalError(Stage.fetch, "not_found", "no such file", source=location) from exc
    if body.startswith(_GZIP_MAGIC):
        return gunzip_bounded(body, limit, location)
    if len(body) > limit:
        raise TerminalError(Stage.fetch, "too_large", f"file exceeds {limit} bytes", source=location)
    return body


def url_problem(loc: str) -> str | None:
    """Why a discovered URL (sitemap <loc> of a page or child sitemap, feed link, URL list
    entry) cannot be fetched; None if it can. Every such URL gets the same `bad_url` reject.

    sitemaps.org requires every <loc> to be a fully-qualified URL, so nothing is resolved
    against the sitemap's own location: `/etc/passwd`, `../x` or `file:///…` in a sitemap are
    never turned into a request or a local path (a crafted sitemap must not make docpipe read
    local files or pick its own targets on the sitemap's host)."""
    if is_url(loc):
        return None
    scheme = urlsplit(loc).scheme
    if scheme:
        return f"a {scheme}: URL, not http(s)"
    return "relative, not an absolute http(s) URL"


def _bad_url(loc: str, message: str) -> Rejection:
    return Rejection(source=loc, stage=Stage.fetch, reason="bad_url", message=message)


async def discover_sitemap(location: str, limit: int, fetcher: HttpFetcher) -> Discovered:
    found = Discovered()
    visited: set[str] = set()

    async def walk(url: str, depth: int) -> None:
        if url in visited or len(found.sources) >= limit:
            return
        visited.add(url)
        try:
            kind, locs = parse_sitemap(await _read_xml(url, fetcher), url)
        except DocpipeError as exc:
            found.rejects.append(_reject(exc, url))
            return
        if kind == "index":
            if depth >= _MAX_SITEMAP_DEPTH:
                found.rejects.append(
                    Rejection(source=url, url=url, stage=Stage.fetch, reason="sitemap_too_deep",
                              message=f"sitemap index nested deeper than {_MAX_SITEMAP_DEPTH}")
                )
                return
            for child in locs:
                problem = url_problem(child)
                if problem:
                    found.rejects.append(_bad_url(child, f"sitemap index {url} lists a child sitemap that is {problem}"))
                else:
                    await walk(child, depth + 1)
            return
        for index, loc in enumerate(locs):
            if len(found.sources) >= limit:
                log.warning("sitemap %s: max_pages=%d reached, %d URLs left out", url, limit, len(locs) - index)
                return
            problem = url_problem(loc)
            if problem:
                found.rejects.append(_bad_url(loc, f"sitemap {url} lists a page URL that is {problem}"))
            else:
                found.add(loc)

    await walk(location, 0)
    return found


async def discover_feed(location: str, limit: int, fetcher: HttpFetcher) -> Discovered:
    found = Discovered()
    try:
        links = parse_feed(await _read_xml(location, fetcher), location)
    except DocpipeError as exc:
        found.rejects.append(_reject(exc, location))
        return found
    for link in links:
        if len(found.sources) >= limit:
            break
        # Feeds may use relative links (Atom xml:base): resolved against the feed's URL, then
        # held to the same http(s)-only rule as every discovered URL.
        absolute = urljoin(location, link) if is_url(location) else link
        if is_url(absolute):
            found.add(absolute)
        else:
            found.rejects.append(_bad_url(absolute, f"feed {location} links to a URL that is {url_problem(absolute)}"))
    return found


async def discover_listing(cfg: SourceConfig, fetcher: HttpFetcher) -> Discovered:
    """Breadth-first over listing pages; each level's pages are fetched concurrently."""
    found = Discovered()
    start = cfg.location or ""
    if not is_url(start):
        found.rejects.append(Rejection(source=start, stage=Stage.fetch, reason="bad_url",
                                       message="a listing source needs an http(s) location"))
        return found
    domains = cfg.allowed_domains or ((urlsplit(start).hostname or "").lower(),)
    follow_re = re.compile(cfg.link_pattern) if cfg.link_pattern else None
    article_re = re.compile(cfg.article_pattern) if cfg.article_pattern else None
    level = [normalise_url(start)]
    seen_pages = set(level)
    pages_fetched = 0
    for depth in range(cfg.max_depth + 1):
        if not level or len(found.sources) >= cfg.max_pages:
            break
        level = level[: max(0, cfg.max_pages - pages_fetched)]
        pages_fetched += len(level)
        results = await asyncio.gather(*(_listing_page(url, fetcher) for url in level))
        next_level: list[str] = []
        for result in results:
            if isinstance(result, Rejection):
                found.rejects.append(result)
                continue
            for link in result:
                if not host_allowed(link, domains):
                    continue
                if article_re is not None and article_re.search(link):
                    if len(found.sources) < cfg.max_pages:
                        found.add(link)
                    continue
                if follow_re is not None and not follow_re.search(link):
                    continue
                if article_re is None and len(found.sources) < cfg.max_pages:
                    found.add(link)  # no article pattern: every followed link is a document too
                key = normalise_url(link)
                if depth < cfg.max_depth and key not in seen_pages:
                    seen_pages.add(key)
                    next_level.append(key)
        level = next_level
    return found


async def _listing_page(url: str, fetcher: HttpFetcher) -> list[str] | Rejection:
    try:
        doc = to_document(await fetcher.get(url, content_types=fetcher.settings.allowed_content_types), url)
    except DocpipeError as exc:
        return _reject(exc, url)
    return page_links(doc.text, doc.final_url or url)


def discover_local(item: str, settings: Settings) -> Discovered:
    found = Discovered()
    try:
        if is_warc_path(item):
            for entry in list_records(item, settings.fetch):
                found.add(entry.source)
        else:
            for path in expand_local(item):
                found.add(path)
    except DocpipeError as exc:
        found.rejects.append(exc.to_rejection(item))
    return found


async def discover_config(cfg: SourceConfig, settings: Settings, fetcher: HttpFetcher) -> Discovered:
    if cfg.kind == "urls":
        found = Discovered()
        for url in cfg.urls:  # an explicit list is taken whole: max_pages bounds crawls only
            if is_url(url.strip()):
                found.add(url.strip())
            else:
                found.rejects.append(_bad_url(url, f"[[sources]] kind=urls lists a URL that is {url_problem(url.strip())}"))
        return found
    if not cfg.location:
        return Discovered(rejects=[Rejection(source=f"[[sources]] kind={cfg.kind}", stage=Stage.fetch,
                                             reason="bad_source", message="`location` is required")])
    if cfg.kind == "sitemap":
        return await discover_sitemap(cfg.location, cfg.max_pages, fetcher)
    if cfg.kind == "feed":
        return await discover_feed(cfg.location, cfg.max_pages, fetcher)
    if cfg.kind == "listing":
        return await discover_listing(cfg, fetcher)
    # path and warc read local files: off the event loop, so HTTP sources keep going.
    return await asyncio.to_thread(discover_local, cfg.location, settings)


async def discover_all(settings: Settings, inputs: list[str], fetcher: HttpFetcher) -> Discovered:
    found = Discovered()
    for item in inputs:
        if is_url(item):
            found.add(item)
        else:
            found.extend(discover_local(item, settings))
    # Sources are discovered concurrently (politeness still applies per host) and merged in
    # config order, so the output order does not depend on network timing.
    per_source = await asyncio.gather(*(discover_config(cfg, settings, fetcher) for cfg in settings.sources))
    for part in per_source:
        found.extend(part)
    return found
