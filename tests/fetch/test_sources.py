"""Discovery from [[sources]]: sitemaps (index + .gz), feeds, listing crawls, paths, URL lists."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from conftest import make_settings
from fetch_faultserver import HOSTILE_SITEMAP_CHILDREN, FaultServer

from docpipe.config import Settings, load_settings
from docpipe.errors import TerminalError
from docpipe.fetch import discover
from docpipe.fetch.http import gunzip_bounded
from docpipe.fetch.sources import host_allowed, page_links, parse_feed, parse_sitemap


def _settings(*sources: dict, **fetch: object) -> Settings:
    base = make_settings(**fetch)
    return base.model_copy(update={"sources": Settings.model_validate({"sources": list(sources)}).sources})


def test_sitemap_index_with_gzipped_parts(server: FaultServer) -> None:
    server.sitemap_size = 40
    sources, rejects = discover(_settings({"kind": "sitemap", "location": server.url("/sitemap-index.xml")}), [])
    assert rejects == []
    assert sources == [server.url(f"/page/s{i}") for i in range(40)]


def test_sitemap_max_pages_and_missing_sitemap(server: FaultServer) -> None:
    sources, rejects = discover(
        _settings(
            {"kind": "sitemap", "location": server.url("/sitemap.xml"), "max_pages": 25},
            {"kind": "sitemap", "location": server.url("/status/404")},
        ),
        [],
    )
    assert len(sources) == 25
    assert [(r.source, r.reason) for r in rejects] == [(server.url("/status/404"), "http_404")]


def test_sitemap_index_children_must_be_absolute_http_urls(
    server: FaultServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A crafted working folder: `../x` would open this local sitemap, which lists a page on
    # the server, and /etc/passwd would become the server's own /etc/passwd by urljoin.
    work = tmp_path / "work"
    work.mkdir()
    (tmp_path / "x").write_text(server.urlset(range(900, 901)).decode(), encoding="utf-8")
    monkeypatch.chdir(work)
    index = server.url("/sitemap-index-hostile.xml")
    sources, rejects = discover(_settings({"kind": "sitemap", "location": index}), [])

    assert sources == [server.url(f"/page/s{i}") for i in range(3)]
    assert [(r.source, r.reason) for r in rejects] == [(c, "bad_url") for c in HOSTILE_SITEMAP_CHILDREN]
    messages = [r.message for r in rejects]
    assert messages[0] == f"sitemap index {index} lists a child sitemap that is a file: URL, not http(s)"
    assert messages[1].endswith("a ftp: URL, not http(s)")
    assert messages[2].endswith("relative, not an absolute http(s) URL")
    assert messages[3].endswith("relative, not an absolute http(s) URL")
    assert all(r.stage == "fetch" and r.transient is False for r in rejects)
    # The server saw the index and the one good child, nothing else (no /etc/passwd, no page).
    fetched = sorted({h.path for h in server.hits} - {"/robots.txt"})
    assert fetched == ["/sitemap-index-hostile.xml", "/sitemap.xml?n=3"]


def test_local_sitemap_and_feed_urls_get_the_same_bad_url_check(server: FaultServer, tmp_path: Path) -> None:
    index = tmp_path / "index.xml"
    locs = "".join(f"<sitemap><loc>{c}</loc></sitemap>" for c in HOSTILE_SITEMAP_CHILDREN)
    index.write_text(f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</sitemapindex>', encoding="utf-8")
    sources, rejects = discover(_settings({"kind": "sitemap", "location": str(index)}), [])
    assert sources == []
    assert [(r.source, r.reason) for r in rejects] == [(c, "bad_url") for c in HOSTILE_SITEMAP_CHILDREN]
    assert not [h for h in server.hits if h.path != "/robots.txt"]

    feed = tmp_path / "feed.xml"
    feed.write_text(
        f'<rss version="2.0"><channel><item><link>{server.url("/page/f1")}</link></item>'
        "<item><link>file:///etc/passwd</link></item><item><link>notes/x.html</link></item></channel></rss>",
        encoding="utf-8",
    )
    sources, rejects = discover(_settings({"kind": "feed", "location": str(feed)}), [])
    assert sources == [server.url("/page/f1")]
    assert [(r.source, r.reason, r.message) for r in rejects] == [
        ("file:///etc/passwd", "bad_url", f"feed {feed} links to a URL that is a file: URL, not http(s)"),
        ("notes/x.html", "bad_url", f"feed {feed} links to a URL that is relative, not an absolute http(s) URL"),
    ]


def test_rss_and_atom_feeds(server: FaultServer) -> None:
    sources, rejects = discover(
        _settings({"kind": "feed", "location": server.url("/feed.xml")}, {"kind": "feed", "location": server.url("/atom.xml")}),
        [],
    )
    assert rejects == []
    assert sources == [server.url(f"/page/f{i}") for i in range(10)] + [server.url(f"/page/a{i}") for i in range(5)]


LISTING = {"link_pattern": r"/list/\d+$", "article_pattern": r"/article/[\d-]+$"}


def test_listing_pages_lead_to_articles_within_limits(server: FaultServer) -> None:
    start = server.url("/list/0")
    sources, rejects = discover(_settings({"kind": "listing", "location": start, **LISTING}), [])
    assert rejects == []
    # Three listing pages (depth 0..2) with five articles each; /about, the off-site link,
    # javascript: and #top are neither followed nor documents.
    assert sources == [server.url(f"/article/{k}-{i}") for k in range(3) for i in range(5)]
    assert [h.path for h in server.hits_for("/list/")] == ["/list/0", "/list/1", "/list/2"]
    assert not server.hits_for("/article/") and not server.hits_for("/about")

    shallow, _ = discover(_settings({"kind": "listing", "location": start, "max_depth": 1, **LISTING}), [])
    assert len(shallow) == 10
    capped, _ = discover(_settings({"kind": "listing", "location": start, "max_pages": 7, **LISTING}), [])
    assert capped == sources[:7]


def test_listing_respects_robots_and_reports_failed_pages(server: FaultServer) -> None:
    server.robots = "User-agent: *\nDisallow: /list/1\n"
    sources, rejects = discover(_settings({"kind": "listing", "location": server.url("/list/0"), **LISTING}), [])
    assert sources == [server.url(f"/article/0-{i}") for i in range(5)]
    assert [(r.source, r.reason) for r in rejects] == [(server.url("/list/1"), "robots_disallowed")]


def test_inputs_and_sources_are_merged_in_order_without_duplicates(server: FaultServer, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in ("b.html", "a.txt", "skip.pdf"):
        (folder / name).write_text("x", encoding="utf-8")
    url = server.url("/page/x")
    settings = _settings(
        {"kind": "urls", "urls": [url + "#frag", server.url("/page/y"), "ftp://example.invalid/z"]},
        {"kind": "path", "location": str(folder)},
        {"kind": "path", "location": str(tmp_path / "missing")},
    )
    sources, rejects = discover(settings, [url, str(folder / "a.txt")])
    assert sources == [url, str(folder / "a.txt"), server.url("/page/y"), str(folder / "b.html")]
    assert sorted(r.reason for r in rejects) == ["bad_url", "not_found"]


def test_sources_from_toml(tmp_path: Path) -> None:
    config = tmp_path / "docpipe.toml"
    config.write_text(
        '[fetch]\nper_host_delay = 2.0\nuser_agent = "mybot/1.0"\n\n'
        '[[sources]]\nkind = "listing"\nlocation = "https://fanwen.example/jianghua/list_1.html"\n'
        'link_pattern = "/jianghua/list_\\\\d+\\\\.html$"\narticle_pattern = "/jianghua/\\\\d+\\\\.html$"\n'
        'max_depth = 3\nallowed_domains = ["fanwen.example"]\n\n'
        '[[sources]]\nkind = "sitemap"\nlocation = "https://gov.example/sitemap.xml.gz"\nmax_pages = 500\n',
        encoding="utf-8",
    )
    settings = load_settings(config, environ={})
    assert settings.fetch.per_host_delay == 2.0 and settings.fetch.user_agent == "mybot/1.0"
    listing, sitemap = settings.sources
    assert listing.kind == "listing" and listing.max_depth == 3
    assert listing.article_pattern == r"/jianghua/\d+\.html$"
    assert sitemap.max_pages == 500


# ---------------------------------------------------------------------------------------------
# parsers


def test_parse_sitemap_rejects_other_xml_and_never_expands_entities() -> None:
    with pytest.raises(TerminalError) as info:
        parse_sitemap(b"<html><body/></html>", "s")
    assert info.value.reason == "bad_sitemap"
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://a.example/&x;</loc></url></urlset>'
    )
    kind, locs = parse_sitemap(evil, "s")
    assert kind == "urlset" and all("root:" not in loc for loc in locs)


def test_gunzip_bounded_stops_a_sitemap_bomb() -> None:
    bomb = gzip.compress(bytes(50_000_000))
    with pytest.raises(TerminalError) as info:
        gunzip_bounded(bomb, 1_000_000, "s")
    assert info.value.reason == "too_large"


def test_parse_feed_rdf_and_non_feed() -> None:
    rdf = (
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
        b'<item rdf:about="http://a.example/1"><title>t</title></item></rdf:RDF>'
    )
    assert parse_feed(rdf, "f") == ["http://a.example/1"]
    with pytest.raises(TerminalError):
        parse_feed(b"<html><body/></html>", "f")


def test_page_links_and_domains() -> None:
    html = '<html><head><base href="/sub/"></head><body><a href="x.html">x</a><a href="mailto:a@b">m</a></body></html>'
    assert page_links(html, "http://a.example/list") == ["http://a.example/sub/x.html"]
    assert host_allowed("http://www.a.example/x", ["a.example"])
    assert not host_allowed("http://bad-a.example/x", ["a.example"])


def test_an_explicit_url_list_is_never_truncated() -> None:
    urls = [f"http://a.example/p{i}" for i in range(1500)]
    sources, rejects = discover(_settings({"kind": "urls", "urls": urls, "max_pages": 10}), [])
    assert sources == urls and rejects == []
