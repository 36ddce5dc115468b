"""Optional site profiles: per-domain CSS selectors for users who know their sites.

    # profiles.toml
    [[site]]
    domain = "example.gov.cn"        # the host or any subdomain of it
    content = "div.TRS_Editor"       # body container(s); the heuristics run inside them
    title = "h1.title"               # optional: overrides the detected title
    date = "span.pubtime"            # optional: text holding the publication time
    drop = [".share", "#related"]    # optional: removed before anything else

A profile is applied before the heuristics (clean_html(..., profiles=Profiles.load(path))); the
pipeline reads the file named by the `profiles` setting (load_profiles: once per process and
file version) and matches each page by its URL, or for a local file by the page's canonical
URL (<link rel=canonical>, og:url).
Selectors are translated once to XPath (cssselect) and run on the lxml tree, so a profile costs
no second parse of the page. Evaluation runs without profiles.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from cssselect import GenericTranslator, SelectorError
from lxml import etree

from docpipe.errors import ConfigError

_TRANSLATOR = GenericTranslator()


def _compile(selector: str, where: str) -> etree.XPath:
    try:
        return etree.XPath(_TRANSLATOR.css_to_xpath(selector))
    except (SelectorError, etree.XPathSyntaxError) as exc:
        raise ConfigError(f"site profile {where}: invalid CSS selector {selector!r}: {exc}") from exc


@dataclass(frozen=True)
class Profile:
    domain: str
    content: tuple[etree.XPath, ...] = ()
    title: etree.XPath | None = None
    date: etree.XPath | None = None
    drop: tuple[etree.XPath, ...] = ()
    selectors: dict[str, object] = field(default_factory=dict, compare=False)

    def matches(self, host: str) -> bool:
        return host == self.domain or host.endswith("." + self.domain)

    def apply(self, root: etree._Element) -> etree._Element | None:
        """Drop unwanted elements; return a container holding the content elements (in
        document order), or None when the content selector finds nothing (heuristics then
        run on the whole page)."""
        for xp in self.drop:
            for el in list(xp(root)):
                parent = el.getparent()
                if parent is not None:
                    parent.remove(el)
        found: list[etree._Element] = []
        for xp in self.content:
            found.extend(el for el in xp(root) if isinstance(el, etree._Element))
        if not found:
            return None
        # Outermost matches only, in document order, moved under one synthetic container.
        found = [el for el in found if not any(a in found for a in el.iterancestors())]
        order = {el: i for i, el in enumerate(root.iter())}
        found.sort(key=lambda el: order.get(el, 0))
        container = etree.Element("div")
        for el in found:
            el.tail = None
            container.append(el)
        return container

    def first_text(self, xp: etree.XPath | None, root: etree._Element) -> str | None:
        if xp is None:
            return None
        for el in xp(root):
            if isinstance(el, etree._Element):
                text = " ".join("".join(el.itertext()).split())
                if text:
                    return text
        return None


@dataclass(frozen=True)
class Profiles:
    profiles: tuple[Profile, ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Profiles:
        sites = data.get("site", [])
        if not isinstance(sites, list):
            raise ConfigError("site profiles: [[site]] must be an array of tables")
        out = []
        for i, site in enumerate(sites):
            if not isinstance(site, dict) or not isinstance(site.get("domain"), str):
                raise ConfigError(f"site profile #{i + 1}: 'domain' is required")
            where = f"{site['domain']!r}"
            unknown = set(site) - {"domain", "content", "title", "date", "drop"}
            if unknown:
                raise ConfigError(f"site profile {where}: unknown keys {sorted(unknown)}")

            def many(key: str) -> tuple[etree.XPath, ...]:
                value = site.get(key, [])
                values = [value] if isinstance(value, str) else list(value)  # type: ignore[arg-type]
                return tuple(_compile(str(v), where) for v in values)

            out.append(
                Profile(
                    domain=site["domain"].lower().strip("."),
                    content=many("content"),
                    title=_compile(site["title"], where) if site.get("title") else None,
                    date=_compile(site["date"], where) if site.get("date") else None,
                    drop=many("drop"),
                    selectors=dict(site),
                )
            )
        return cls(tuple(out))

    @classmethod
    def load(cls, path: str | Path) -> Profiles:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"site profiles {path}: {exc}") from exc
        return cls.from_dict(data)

    def match(self, url: str | None) -> Profile | None:
        if not url or not self.profiles:
            return None
        host = (urlsplit(url).hostname or "").lower()
        # The most specific domain wins (news.example.com over example.com).
        best = None
        for profile in self.profiles:
            if profile.matches(host) and (best is None or len(profile.domain) > len(best.domain)):
                best = profile
        return best


def load_profiles(path: str | Path) -> Profiles:
    """The profiles of the TOML file at `path`, parsed once per file version (path, mtime):
    every page of a run uses them, and an edited file is read again by a long-running serve."""
    p = Path(path)
    try:
        mtime = p.stat().st_mtime_ns
    except OSError as exc:
        raise ConfigError(f"site profiles {path}: {exc}") from exc
    return _load_cached(str(p.resolve()), mtime)


@functools.lru_cache(maxsize=8)
def _load_cached(path: str, mtime: int) -> Profiles:
    return Profiles.load(path)
