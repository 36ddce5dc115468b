"""HTML main-content detection on lxml (the hot path: no BeautifulSoup tree per page)."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from docpipe import patterns
from docpipe.models import CleanBlock, PageMetadata

_DROP_TAGS = ("script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "header", "template", "svg")
_BOILER_HINT = re.compile(r"nav|footer|sidebar|comment|share|related|copyright|menu|breadcrumb|相关|推荐|版权|banner|ad[sv]?\b", re.I)
_WS = re.compile(r"\s+")
_BLOCK_TAGS = {"p": "paragraph", "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading",
               "h5": "heading", "h6": "heading", "li": "list_item", "blockquote": "quote", "table": "table", "pre": "paragraph"}


def _text(el: etree._Element) -> str:
    return _WS.sub(" ", el.text_content()).strip()


def _link_density(el: etree._Element, text_len: int) -> float:
    links = sum(len(_text(a)) for a in el.iter("a"))
    return links / text_len if text_len else 1.0


def _metadata(tree: etree._Element) -> PageMetadata:
    def meta(*names: str) -> str | None:
        for name in names:
            for el in tree.xpath(f'//meta[@property="{name}" or @name="{name}"]'):
                if el.get("content", "").strip():
                    return el.get("content").strip()
        return None

    title = meta("og:title")
    site = meta("og:site_name")
    raw_title = tree.findtext(".//title")
    if not title and raw_title:
        match = patterns.TITLE_SITE_SUFFIX.match(raw_title.strip())
        title = match.group("title") if match else raw_title.strip()
        site = site or (match.group("site") if match else None)
    canonical = next(iter(tree.xpath('//link[@rel="canonical"]/@href')), None) or meta("og:url")
    lang = next(iter(tree.xpath("//html/@lang")), None)
    return PageMetadata(
        title=title or None,
        published_at=meta("article:published_time", "pubdate", "publishdate"),
        site_name=site,
        author=meta("author", "article:author"),
        canonical_url=canonical,
        language=lang,
    )


def clean_html(html: str, url: str | None = None) -> tuple[tuple[CleanBlock, ...], PageMetadata]:
    parser = lxml.html.HTMLParser(remove_comments=True, no_network=True, huge_tree=False, encoding="utf-8")
    tree = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser) if html.strip() else None
    if tree is None:
        return (), PageMetadata()
    metadata = _metadata(tree)
    for el in list(tree.iter(*_DROP_TAGS)):
        el.drop_tree()
    for el in list(tree.iter()):
        hint = f"{el.get('class', '')} {el.get('id', '')}"
        if el.getparent() is not None and _BOILER_HINT.search(hint) and el.tag not in ("html", "body"):
            el.drop_tree()
    # Score each container by the text of its direct paragraph-like children.
    best, best_score = tree.find("body"), 0.0
    for el in tree.iter("div", "article", "section", "td", "main"):
        text_len = sum(len(_text(c)) for c in el if c.tag in ("p", "br", "div") or c.tail)
        own = len(_WS.sub("", "".join(el.itertext())))
        if own == 0:
            continue
        score = text_len * (1 - _link_density(el, own))
        if score > best_score:
            best, best_score = el, score
    if best is None:
        return (), metadata
    blocks: list[CleanBlock] = []
    for el in best.iter():
        kind = _BLOCK_TAGS.get(el.tag)
        if kind is None or any(a.tag in _BLOCK_TAGS for a in el.iterancestors() if a is not best and best in a.iterancestors() or a is best and False):
            continue
        text = _text(el)
        if text and (kind != "paragraph" or _link_density(el, len(text)) < 0.5):
            level = int(el.tag[1]) if kind == "heading" else None
            blocks.append(CleanBlock(kind=kind, text=text, level=level))
    if not blocks:
        text = _text(best)
        if text:
            blocks = [CleanBlock(kind="paragraph", text=t) for t in re.split(r"\n\s*\n", "\n".join(best.itertext())) if t.strip()]
    return tuple(blocks), metadata
