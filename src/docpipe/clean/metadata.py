"""Page metadata from HTML: title, published_at, site_name, author, canonical URL, language.

Evidence is read in order of reliability: explicit meta tags and JSON-LD first, then the
page's own text near the title (the byline / dateline that Chinese portals print under the
headline: "2005-03-21 11:21 来源：新浪财经 作者：尹娟", "发布时间：2024-12-06 00:37:14").
An editor credit (责任编辑/编辑) is never taken for the author when a real author is stated.
"""

from __future__ import annotations

import functools
import html
import itertools
import json
from docpipe import regex_cache as re  # re, its compiled patterns kept between processes
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from lxml import etree

from docpipe import dates, patterns
from docpipe.ids import is_url
from docpipe.models import PageMetadata

_MAX_JSONLD_CHARS = 200_000
_DATE_WINDOW = 400  # characters after the title searched for the dateline
# The dateline that overrides a stated date is within this many characters after the headline
# (the byline's date; further down a forum's template prints join dates, post counts and the
# date of a later reply, a blog its list of updates). 250, not 200: "Written By:\nCatherine
# Boeckmann\nExecutive Digital Editor and Master Gardener\nDecember 17, 2025" under a photo
# credit ends 210 characters after the headline (wcxb_dev tuning 0214; 300 dates no more pages).
PRINTED_DATE_CHARS = 250
# The first line of a headline printed on several lines is searched for only when at least this
# long (visual length): a shorter one ("新闻") is found in the menus above.
MIN_HEADLINE_LINE = 12
_WS = re.compile(r"\s+")
# A personal name as bylines give it: 2-4 CJK characters, or a few Latin words.
_CJK_NAME = re.compile(r"^[\u3400-\u9fff·]{2,5}$")
_ORG_SUFFIX = re.compile(r"(?:报|网|社|台|站|刊|中心|部|局|院|厅|委|会|办|处|频道|日报|晚报|新闻|杂志|公司|集团|政府|网站|平台|客户端|电视|广播|网络|科技|传媒|文化|贡献者)$")
_NOT_NAME = re.compile(
    r"^(?:本站|本网|佚名|未知|admin|administrator|网友|原创|转载|转载文章|组图|无内容|匿名|unknown|none|null|size)$"
    # role and widget words left where a byline slot is empty ("作者： 责任编辑：易某", "作者：手机版")
    r"|^(?:编辑|編輯|责任编辑|責任編輯|责编|責編|编辑部|手机版|手機版|客户端)$"
    r"|\d{3,}",  # ids such as "L_104485" are not names
    re.I,
)
# Meta "author" values that are really the site, a CMS or a keyword list.
# ("财讯网_提供股票、基金…服务": a site description with an enumeration comma is no name either.)
_NOT_META_AUTHOR = re.compile(r"www\.|\.(?:com|cn|net|org)\b|discuz|wordpress|powered|team\b|[,，].*[,，]|、", re.I)


@dataclass(slots=True)
class MetaInfo:
    metadata: PageMetadata
    # title candidates, for recognising the headline inside the body
    titles: list[str] = field(default_factory=list)
    # the whole <title> when the title was cut out of it (the body may print it whole)
    raw_title: str | None = None
    url: str | None = None
    # published_at came from a UTC or zone-less machine timestamp: the day printed on the page
    # (local time) may be the day before or after
    utc_date: bool = False
    # the date printed inside the first <time> element ("November 18, 2019 11:03 PM")
    time_text_date: str | None = None
    # the name in the page's first byline element (rel=author, class author-name/username …),
    # read before chrome pruning: forum templates put the poster's name in blocks pruned as chrome
    byline_element: str | None = None
    # the page's script texts when the head stated no author (scripts are dropped before the
    # body is read): script_author looks in them last
    scripts: list[str] = field(default_factory=list)
    # the photographer of a Chinese page's first photo credit ("新华社记者廖某某摄"), its author
    # when the page credits no writer (complete_from_blocks)
    photo_credit: str | None = None
    # the page's JSON-LD objects (read before scripts are dropped): the clean stage takes a
    # product's description from them when the visible page lacks it (emission.py)
    jsonld: list[dict[str, object]] = field(default_factory=list)
    # an author credit that names the site itself or an organisation (a company blog's own
    # account "whova", a JSON-LD author of @type Organization): the author only when nothing on
    # the page names a writer (SITE_CREDIT_LAST)
    site_credit: str | None = None
    # the account a Chinese platform page prints over its article (ACCOUNT_NAME_CLASS): its
    # author when nothing on the page credits a writer (complete_from_blocks)
    account_name: str | None = None
    # the full dates the head's meta values state when no publication date was read from them
    # (<meta itemprop="dateUpdate" content="2019-09-30 22:46:13">): the year of a date the page
    # prints without one (dates.YEARLESS_DATELINE)
    stated_dates: list[str] = field(default_factory=list)


def _meta_map(metas: list[etree._Element]) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in metas:
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        content = el.get("content")
        if key and content and content.strip():
            out.setdefault(key.strip().lower(), content.strip())
    return out


def _jsonld(scripts: list[etree._Element], metas: Sequence[etree._Element] = ()) -> list[dict[str, object]]:
    """The JSON-LD objects of the page's ld+json scripts, and of `<meta name="script:ld+json"
    content="{…}">` (Remix's meta export writes the graph there: the page has no such script)."""
    objs: list[dict[str, object]] = []
    texts = [el.text or "" for el in scripts if (el.get("type") or "").strip().lower() == "application/ld+json"]
    texts += [el.get("content") or "" for el in metas if (el.get("name") or "").lower() == "script:ld+json"]
    for raw in texts:
        if not raw.strip() or len(raw) > _MAX_JSONLD_CHARS:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            # Broken JSON-LD is common (trailing commas, HTML entities); other evidence remains.
            continue
        if "&" in raw:
            data = _decode_entities(data)
        stack: list[object] = [data]
        while stack and len(objs) < 50:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                objs.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
    return objs


# An HTML character reference written into a JSON-LD string: Yoast and other WordPress plugins
# escape the display names they put in the graph ("name": "Maria &amp; Katerina" on WCXB tuning
# page 0009, whose truth credits "Maria & Katerina"). Only complete references with their ';'
# (html.unescape alone would also turn a legacy "&copy" or "&reg" without one into a symbol).
_HTML_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _decode_entities(value: object, depth: int = 0) -> object:
    """`value` (parsed JSON) with the HTML character references in its strings decoded."""
    if isinstance(value, str):
        return _HTML_REFERENCE.sub(lambda m: html.unescape(m.group(0)), value) if "&" in value else value
    if depth > 40:  # the JSON parser's own nesting is deeper than any real graph
        return value
    if isinstance(value, list):
        return [_decode_entities(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {k: _decode_entities(v, depth + 1) for k, v in value.items()}
    return value


def _ld_value(objs: list[dict[str, object]], key: str) -> str | None:
    for obj in objs:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, dict):
            name = value.get("name")
            if isinstance(name, str) and name.strip():
                return name.strip()
        if isinstance(value, list):
            names = []
            for v in value:
                if isinstance(v, dict) and isinstance(v.get("name"), str):
                    names.append(str(v["name"]).strip())
                elif isinstance(v, str):
                    names.append(v.strip())
            if names:
                return ", ".join(n for n in names if n)
    return None


def _text_of(el: etree._Element) -> str:
    return _WS.sub(" ", "".join(el.itertext())).strip()


_TAG = re.compile(r"<[^>]{1,200}>")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
# Invisible characters inside words: soft hyphens a CMS adds for line breaking ("Assis\xadtance"),
# zero-width spaces, the word joiner, the byte-order mark (not the joiners that emoji sequences and
# Persian spelling need).
_INVISIBLE = re.compile(r"[\u00ad\u200b\u2060\ufeff]")
# The permalink glyph documentation generators append to headings (Sphinx's "Models¶").
_ANCHOR_GLYPH = re.compile(r"\s*[¶🔗]+$")


def _clean_title(value: str | None) -> str | None:
    """A title candidate without markup that some CMSs leave in meta values ("标题<div>——副题
    </div>"), private-use glyphs (icon fonts), soft hyphens and zero-width characters, a
    heading's permalink glyph ("¶") and a pagination suffix ("(页 1)")."""
    if not value:
        return None
    if "</" in value:
        # (a lone "<table>" with no markup closed is the text naming an element: MDN's
        # "<table>: The Table element")
        value = _TAG.sub("", value)
    value = _WS.sub(" ", _PRIVATE_USE.sub("", _INVISIBLE.sub("", value))).strip()
    value = _ANCHOR_GLYPH.sub("", patterns.TITLE_PAGE_SUFFIX.sub("", value)).strip()
    return value or None


def _ld_headlines(objs: list[dict[str, object]]) -> list[str]:
    out = []
    for obj in objs:
        value = obj.get("headline")
        if isinstance(value, str) and value.strip():
            out.append(_WS.sub(" ", value).strip())
    return out


# JSON-LD types whose "author" is the page's own byline (a WebPage or a review inside the page
# may name another person: the reviewer, the page's owner).
_LD_ARTICLE_TYPE = re.compile(r"article|posting|blog|report|question|answer|creativework|howto|recipe", re.I)


def _ld_type(obj: dict[str, object]) -> str:
    kind = obj.get("@type")
    return " ".join(str(k) for k in kind) if isinstance(kind, list) else str(kind or "")


def _ld_author_is_person(objs: list[dict[str, object]]) -> bool:
    """The JSON-LD author _ld_value reads names a person: a plain string ("author": "Rick
    Steves"), an untyped {"name": …} or a Person, not only an Organization, a WebSite or another
    typed non-person (JSON_LD_NON_PERSON_AUTHOR_LAST)."""
    for obj in objs:
        if _ld_value([obj], "author") is None:
            continue
        value = obj.get("author")
        items = value if isinstance(value, list) else [value]
        return any(
            isinstance(i, str) or (isinstance(i, dict) and (not _ld_type(i) or "person" in _ld_type(i).lower()))
            for i in items
        )
    return False


def _ld_person_authors(objs: list[dict[str, object]]) -> str | None:
    """Authors that are people in JSON-LD: the byline's people, which outrank a meta "author"
    that often names the publisher ("Condé Nast") or the CMS account.

    An author given only by reference ({"@id": ".../#/schema/person/…"}, as Yoast writes every
    WordPress page) is looked up in the page's graph; an untyped {"name": …} counts as a person.
    The article's own object is read first (a page's other objects credit reviewers)."""
    by_id = {str(o["@id"]): o for o in objs if isinstance(o.get("@id"), str)}
    ordered = sorted(objs, key=lambda o: not _LD_ARTICLE_TYPE.search(_ld_type(o)))
    for obj in ordered:
        value = obj.get("author")
        items = value if isinstance(value, list) else [value]
        names = []
        for item in items:
            if isinstance(item, dict) and "name" not in item and isinstance(item.get("@id"), str):
                item = by_id.get(str(item["@id"]), item)
            if not isinstance(item, dict):
                continue
            kind = _ld_type(item).lower()
            if kind and "person" not in kind:
                continue  # an Organization: the publisher, read later as a last resort
            name = item.get("name")
            if isinstance(name, str):
                cleaned = _clean_name(_strip_byline_role(name))
                if cleaned and cleaned not in names:
                    names.append(cleaned)
        if names:
            return ", ".join(names)
    return None


def _strip_byline_role(value: str) -> str:
    """"Troy L. Smith, Cleveland.com" -> "Troy L. Smith"; "Amy K | NJ Advance Media" -> "Amy K";
    "By TOM KRISHER, AP Auto Writer" -> "TOM KRISHER"."""
    value = re.sub(r"^\s*by\s+", "", value, flags=re.I)
    parts = [p.strip() for p in re.split(r"\s*[|,]\s*", value) if p.strip()]
    kept = [p for p in parts if not patterns.BYLINE_NOT_NAME_EN.search(p)]
    return ", ".join(kept) if kept else value.strip()


# ---------------------------------------------------------------------------------------------
# title / site


def _weight(s: str) -> int:
    """Visual length: a CJK character is as long as two Latin letters."""
    return len(s) + sum(1 for ch in s if "\u3400" <= ch <= "\u9fff")


def _split_title(raw: str, printed: frozenset[str] = frozenset()) -> tuple[str, str | None]:
    """(headline, site) of a <title> made of parts. `printed`: the folded <h1> texts of the page."""
    parts = [p.strip() for p in patterns.TITLE_SEPARATORS.split(raw) if p and p.strip()]
    parts = [p for p in parts if not patterns.TITLE_GENERATOR.match(p)] or parts
    if len(parts) <= 1:
        return (parts[0] if parts else raw.strip()), None
    # The headline leads ("标题_栏目_站点", "Title - Site") unless a later part is much longer
    # ("Site | Headline"); the site is the last (or first) short part. A short leading part
    # the page prints as an <h1> leads all the same: "Fields - Pydantic Validation", "News |
    # National Student Support Accelerator", "Quickstart — Flask Documentation (3.1.x)" print
    # "Fields", "News", "Quickstart" (the longer part is the site). Not a Chinese one: a short
    # "千龙网-" before a Chinese headline is the logo the page prints as its <h1>.
    longest = max(parts, key=_weight)
    leads = _weight(parts[0]) >= 0.5 * _weight(longest) or (
        _fold(parts[0]) in printed and not patterns.HAS_CJK(parts[0])
    )
    title = parts[0] if leads else longest
    site_candidates = [p for p in (parts[-1], parts[0]) if p is not title and len(p) <= 40]
    return title, site_candidates[0] if site_candidates else None


# The leading part of an English og:title is its headline when at least this long (visual
# length): "Black Edition | Meal Replacement Protein Powder", "Sofas & Couches | Living Room
# Furniture …" lead with the headline and trail a tagline; "News | Site" leads with a section.
MIN_LEADING_PART = 8


def og_headline(og_title: str) -> str:
    """The headline of an og:title when the page names no site: the leading part of an English
    "Headline | tagline" (the tagline is no site name, so nothing else removes it); a Chinese
    og:title stays whole ("主标题——副标题" is one headline)."""
    if patterns.HAS_CJK(og_title):
        return og_title
    parts = [p.strip() for p in patterns.TITLE_SEPARATORS.split(og_title) if p and p.strip()]
    if len(parts) < 2:
        return og_title
    return parts[0] if _weight(parts[0]) >= MIN_LEADING_PART else _split_title(og_title)[0]


# A host's brand (its registrable label: "liberty" of www.liberty.edu, "sina" of news.sina.com.cn)
# shorter than this is not compared with title parts ("ap", "bbc" match too many words).
MIN_BRAND_CHARS = 4
# Second-level labels under a country code that are not the brand (example.com.cn → example).
_SLD = frozenset({"com", "net", "org", "gov", "edu", "ac", "co"})


def _brand(url: str | None) -> str | None:
    if not url or "://" not in url:
        return None
    labels = url.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].lower().split(".")
    labels = [x for x in labels if x and x != "www"]
    if len(labels) >= 3 and labels[-2] in _SLD:
        labels = labels[:-1]
    brand = labels[-2] if len(labels) >= 2 else None
    return brand if brand and len(brand) >= MIN_BRAND_CHARS else None


def _is_site_part(part: str, site: str | None, brand: str | None) -> bool:
    """A title part that names the site: its site_name, or the host's brand ("Liberty University"
    on liberty.edu, "Alison" on alison.com)."""
    f = _fold(part)
    if site and f == _fold(site):
        return True
    alnum = re.sub(r"[\W_]+", "", f)
    return bool(brand and alnum and (alnum.startswith(brand) or brand.startswith(alnum) and len(alnum) >= MIN_BRAND_CHARS))


def _site_and_tagline(raw_title: str, site: str | None, url: str | None) -> bool:
    """A <title> of two parts that opens with the site's name ("Reddit - The heart of the
    internet") on a page below the site's root: the same on every page of the site, no headline
    (on the root page "Talkspace - #1 Rated Online Therapy" is the page's own title)."""
    if not url or "://" not in url:
        return False
    path = url.split("://", 1)[1].partition("/")[2].split("?", 1)[0].strip("/")
    parts = [p.strip() for p in patterns.TITLE_SEPARATORS.split(raw_title) if p and p.strip()]
    return bool(path) and len(parts) == 2 and _is_site_part(parts[0], site, _brand(url))


def strip_site_part(title: str, site: str | None, url: str | None) -> str:
    """The title without a leading or trailing part that names the site ("Online Tuition and
    Financing | Liberty University" → "Online Tuition and Financing"); never cut to nothing."""
    parts = [p.strip() for p in patterns.TITLE_SEPARATORS.split(title) if p and p.strip()]
    if len(parts) < 2:
        return title
    brand = _brand(url)
    kept = parts
    if _is_site_part(kept[-1], site, brand):
        kept = kept[:-1]
    elif _is_site_part(kept[0], site, brand):
        kept = kept[1:]
    if kept == parts or not kept:
        return title
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if 0 <= start < end else title


def h1_continuing(title: str, h1s: list[str]) -> str | None:
    """The printed <h1> that the title is the start of: SEO titles are cut to a length ("2025
    Software Development Price Guide & Hourly Rate" for the <h1> "… Hourly Rate Comparison",
    "… monitor, laptop, and k" for "… and keyboard (checklist)"). What follows in the <h1> must
    continue the phrase (words, or a closing ":"/"."), not be a separator, digits only ("NBA
    Standings 2025-26"), a date or a glued-on element ("Black EditionComplete …")."""
    low = " ".join(title.translate(_QUOTE_FOLD).split()).lower()
    for h1 in h1s:
        norm = " ".join(h1.translate(_QUOTE_FOLD).split())
        if len(norm) <= len(low) or not norm.lower().startswith(low):
            continue
        rest = norm[len(low):]
        if rest in (".", "?", "!") or (
            patterns.TITLE_H1_CONTINUATION.match(rest) and not patterns.TITLE_H1_NOT_CONTINUATION.search(rest)
            and re.search(r"[^\W\d_]", rest) and not dates.find(rest)
        ):
            return norm
    return None


def _site_like(site: str, title: str) -> bool:
    """A title part that can be a site name: shorter than the headline, not a date."""
    return (
        _fold(site) != _fold(title)
        and _weight(site) <= max(_weight(title), 24)
        and not patterns.DATE_IN_TEXT.search(site)
        and not re.search(r"\d{1,2}/\d{1,2}/\d{2,4}", site)
    )


# Typographic variants of the same headline: og:title often has straight quotes where the
# printed <h1> has curly ones.
_QUOTE_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def _fold(s: str) -> str:
    return "".join(s.translate(_QUOTE_FOLD).split()).lower()


# ---------------------------------------------------------------------------------------------
# authors


def _clean_name(name: str) -> str | None:
    name = name.strip(" 　:：,，;；.。|/()（）[]【】\"'")
    name = re.sub(r"^(?:本报|本台|本刊|特约|实习)?(?:记者|通讯员|作者|文)\s*", "", name)
    # "（实习记者 樊亮 张明超 记者惠禾）": the role word again before a later name; "记者 余某某 实习生
    # 向某某" (成都商报 on go.rss.sina): an intern's credit after the reporter's.
    name = re.sub(
        r"(?<=\s)(?:(?:本报|本報|实习|實習|特约|特約|见习|見習)?(?:记者|記者|通讯员|通訊員)|实习生|實習生)\s*(?=[\u3400-\u9fff])", "", name
    )
    if not name or len(name) > 40 or _NOT_NAME.search(name) or name.startswith("http"):
        return None
    if patterns.DATE_IN_TEXT.search(name):
        return None
    return name


def _cn_surname(name: str) -> bool:
    return name[:1] in patterns.CN_SURNAMES or name.startswith(patterns.CN_SURNAMES_COMPOUND)


# One word in capitals and digits is an acronym, no person's name: "来源：EETOP" (GNE test page
# guancha 2) names the outlet, it was taken for the writer.
_LATIN_ACRONYM = re.compile(r"^[A-Z0-9]{2,}$")
ACRONYM_NOT_PERSON = True


def _person_like(name: str) -> bool:
    return bool(_CJK_NAME.match(name) and not _ORG_SUFFIX.search(name) and _cn_surname(name)) or bool(
        re.match(r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}$", name)
        and not (ACRONYM_NOT_PERSON and _LATIN_ACRONYM.match(name))
    )


# A closing credit: "（记者 胡某某）", "（姚某 上海报道）", and the writer/compiler forms "(李某 撰稿)",
# "(立某/编译)" (编译 writes the piece from foreign sources: an author).
_PAREN_REPORTER = re.compile(
    r"[（(]\s*(?:本报)?(?:记者|通讯员)?\s*(?P<name>[\u3400-\u9fff]{2,4}(?:\s+[\u3400-\u9fff]{2,4}){0,4})"
    r"(?P<role>\s*[/／]?\s*(?:撰稿|编译|編譯|整理|发自[\u3400-\u9fff]{2,4}|發自[\u3400-\u9fff]{2,4}))?\s*[)）]\s*$"
)
# A trailing "(本文来源：X)" after the closing credit on the same line.
_TRAILING_SOURCE = re.compile(r"\s*[（(]\s*(?:本文)?(?:来源|來源)\s*[:：][^()（）]*[)）]\s*$")


_TRAILING_LABEL = re.compile(r"(?:[ 　、,，]+(?:来源|稿源|出处|出自|编辑|责任编辑|受访者|摄影?|时间|日期|发布|供图|报道|整理|点击|浏览|阅读)\S*)+$")


def byline_names_en(text: str) -> str | None:
    """Names of an English byline line: "By Jane Doe and John Roe" -> "Jane Doe, John Roe"."""
    match = patterns.BYLINE_EN.search(text)
    if not match:
        return None
    parts = re.split(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|&)\s*", match.group("names"))
    names = []
    for part in parts:
        part = part.strip()
        if not part or patterns.BYLINE_NOT_NAME_EN.search(part):
            break  # "BY TOM KRISHER, AP Auto Writer": the role ends the names
        if " " not in part:
            continue  # one word: "by Date", "By Chapter" (menus), not a person's full name
        name = _clean_name(part)
        if name and _person_like(name) and name not in names:
            names.append(name)
    return ", ".join(names) if names else None


# A job title before the name in the 作者 slot ("作者：见习编辑 李某某"): the slot names the writer, the
# title is not part of the name.
_AUTHOR_SLOT_TITLE = re.compile(r"^(?:见习|見習|实习|實習)?(?:编辑|編輯)[ \t\u3000]+(?=[\u3400-\u9fff])")
# A photo credit right after a name: "记者 X 摄", "X/摄", "X 攝".
_PHOTO_AFTER = re.compile(r"[ \t\u3000]*[/／]?[ \t\u3000]*(?:摄|攝)")


# 作者 before a name without its colon (patterns.AUTHOR_LABEL_BARE) credits the writer: GNE test
# pages qq 2 ("《棱镜》作者 周纯"), csdn 1 (the byline cells "作者" / "魏星"), guancha ("【文/观察者网
# 专栏作者 王文】"; tests/clean/test_metadata_zh_forms.py).
BARE_AUTHOR_LABEL = True


def author_from_text(text: str) -> str | None:
    cjk = bool(patterns.HAS_CJK(text))
    # Without CJK text the only author label that can match is "Author:".
    for match in patterns.AUTHOR_LABEL.finditer(text) if cjk or "Author:" in text else ():
        if _PHOTO_AFTER.match(text, match.end()):
            continue  # "本报记者 郭某某 摄": the photographer, not the writer
        name = _clean_name(_TRAILING_LABEL.sub("", match.group("name")))
        if name and match.group(0).startswith("作"):
            # "作者：见习编辑 李某某" (hexun): the person's title inside the author slot
            name = _AUTHOR_SLOT_TITLE.sub("", name)
        if name:
            return name
    if not cjk:
        return None  # the credits around a name are Chinese (本报记者…发自, 本帖由…于)
    around = patterns.AUTHOR_AROUND.search(text)
    if around:
        return _clean_name(around.group("reporter") or around.group("poster") or "")
    if BARE_AUTHOR_LABEL:
        # "《棱镜》作者 周纯", "作者" / "魏星": the label without its colon, a person's name only.
        for match in patterns.AUTHOR_LABEL_BARE.finditer(text):
            name = match.group("name")
            if _person_like(name) and _clean_name(name) == name:
                return name
    return None


_CREDIT_LINE = re.compile(r"(?:作者|记者|本报记者|通讯员|编辑|责任编辑|责编|来源|稿源|文/|撰文|摄影)\s*[:：/]?\s*\S{1,30}$")


def dateline_name_en(window: str) -> str | None:
    """The name printed after the date of an English dateline under the headline ("Dec. 19,
    2025 · Niko Matsakis", "2025-12-17 · Trond Teigen"): a person's full name only."""
    for pattern in (patterns.DATE_IN_TEXT_EN, patterns.DATE_IN_TEXT):
        for match in pattern.finditer(window):
            after = patterns.NAME_AFTER_DATE_EN.match(window, match.end())
            if after:
                return byline_names_en("By " + after.group("name"))
    return None


_LABEL_WORD = re.compile(r"^[A-Z][a-z]+$")


def byline_handle_line(window: str) -> str | None:
    """A line of its own "by ibby" in the dateline under an English headline: the poster's
    user name (byline_names_en wants a full name; an explicit "by" before one token is enough
    here). One capitalised word is a menu's sort label ("By Chapter", "By Date"), not a handle."""
    for line in window.split("\n"):
        words = line.split()
        if len(words) == 2 and words[0].lower() == "by" and not _LABEL_WORD.match(words[1]):
            name = byline_element_name(line.strip(), name_element=False)
            if name:
                return name
    return None


def is_author_line(text: str) -> bool:
    """A line that only credits people: 作者：X / 记者 X / 编辑：X / 责任编辑：X."""
    return bool(_CREDIT_LINE.match(text.strip("（）() 　")))


def is_byline(text: str) -> bool:
    """A short dateline/byline under the headline: a date or a 来源/作者/发布时间 label."""
    if len(text) > 100:
        return False
    english = patterns.DATE_IN_TEXT_EN.search(text)
    if not english and not patterns.HTML_BYLINE.search(text):
        return False
    # What is left without dates, times and labelled values is short: a byline, not a sentence.
    rest = patterns.DATE_IN_TEXT.sub("", text)
    if english:
        rest = patterns.BYLINE_WORDS_EN.sub("", patterns.DATE_IN_TEXT_EN.sub("", rest))
        rest = re.sub(r"[\W_]+", "", rest)
    rest = re.sub(r"(?:来源|作者|出处|发布(?:时间|日期|者)?|时间|日期|编辑|记者|通讯员|点击|浏览|阅读|字号|字体|稿源|文章来源|信息来源)\s*[:：]\s*\S*", "", rest)
    left = len("".join(rest.split()))
    # A sentence that merely mentions a date ends like one; a dateline rarely does.
    return left < 25 and not re.search(r"[。！？]$", text) and not (english and left >= 5 and re.search(r"[.!?]$", text))


# ---------------------------------------------------------------------------------------------
# entry point


# Elements metadata is read from, collected in one walk of the tree: a walk costs ~0.1 ms on
# a 700-element page whatever it collects, and there were seven.
_META_TAGS = ("meta", "script", "title", "h1", "h2", "link", "time")


def _collect(root: etree._Element) -> dict[str, list[etree._Element]]:
    found: dict[str, list[etree._Element]] = {tag: [] for tag in _META_TAGS}
    for el in root.iter(*_META_TAGS):  # document order
        found[el.tag].append(el)
    return found


def _date_attributes(root: etree._Element) -> list[str]:
    """`name="value"` of the data-* attributes that name a publication time (data-publish-time,
    data-pubdate …), in document order, for dates.from_scripts."""
    out = []
    for el in root.iter():
        # (keys(), and the value only of a key that names one: items() made a pair of
        # strings of every attribute of every element, class strings and URLs)
        for key in el.keys():
            if key.startswith("data-") and ("pub" in key or "release" in key):
                out.append(f'{key}="{el.get(key)}"')
    return out


def extract_metadata(root: etree._Element, url: str | None = None) -> MetaInfo:
    found = _collect(root)
    metas = _meta_map(found["meta"])
    ld = _jsonld(found["script"], found["meta"])

    raw_title = None
    # (the first <title> below the root, as root.find(".//title") would give)
    title_el = next((t for t in found["title"] if t is not root), None)
    if title_el is not None:
        raw_title = _clean_title(_text_of(title_el))
    h1s = [t for t in (_clean_title(_text_of(h)) for h in found["h1"]) if t and len(t) <= 200]
    h2s = [t for t in (_clean_title(_text_of(h)) for h in found["h2"]) if t and len(t) <= 200]
    ld_headlines = [t for t in (_clean_title(h) for h in _ld_headlines(ld)) if t]
    og_title = _clean_title(next((metas[n] for n in patterns.META_TITLE_NAMES if metas.get(n)), None)) or (
        ld_headlines[0] if ld_headlines else None
    )
    site = next((metas[n] for n in patterns.META_SITE_NAMES if metas.get(n)), None) or _ld_value(
        [o for o in ld if o.get("@type") in ("WebSite", "Organization")], "name"
    )
    title: str | None = None
    suffix_site: str | None = None
    if raw_title:
        split_title, suffix_site = _split_title(raw_title, frozenset(_fold(h) for h in h1s))
        split_title = _clean_title(split_title)
    else:
        split_title = None
    # Prefer a heading that a stated title confirms (the headline, not a logo or section name):
    # <title>, og:title or a JSON-LD headline contains it. The longest such heading wins (a logo
    # h1 holding the site name is also "in" the <title>). An h2 counts too ("<h1>松花江网</h1>
    # <h2>headline</h2>") when it is as long as half the headline part of the <title>.
    confirmers = [_fold(t) for t in (raw_title, og_title, *ld_headlines) if t]
    min_h2 = 0.5 * _weight(split_title or raw_title or "")

    def confirmed(h: str) -> bool:
        f = _fold(h)
        return (
            _weight(h) >= 4 and any(f in c for c in confirmers)
            and not (suffix_site and f == _fold(suffix_site)) and not (site and f == _fold(site))
        )

    candidates = [h for h in h1s if confirmed(h)] + [h for h in h2s if _weight(h) >= min_h2 and confirmed(h)]
    if candidates:
        title = max(candidates, key=_weight)
    if title is None and h1s and not og_title and raw_title and _site_and_tagline(raw_title, site, url):
        # "Reddit - The heart of the internet" on every thread: the <title> names only the site,
        # the thread's subject is its <h1>.
        title = h1s[0]
    if title is None and og_title:
        title = _split_title(og_title)[0] if site and site in og_title else og_headline(og_title)
    if title is None and split_title:
        title = split_title
    if title is None and h1s:
        title = h1s[0]
    if not site and suffix_site and title and _site_like(suffix_site, title):
        site = suffix_site
    if title:
        title = strip_site_part(title, site, url)
        title = h1_continuing(title, h1s) or title

    canonical = None
    for link in found["link"]:
        if (link.get("rel") or "").strip().lower() == "canonical" and link.get("href"):
            canonical = link.get("href", "").strip()
            break
    canonical = canonical or metas.get("og:url")
    if canonical and not is_url(canonical):
        canonical = None

    published = None
    for name in patterns.META_DATE_NAMES:
        if name in metas:
            published = dates.parse(metas[name])
            if published:
                break
    if not published:
        value = _ld_value(ld, "datePublished") or _ld_value(ld, "dateCreated")
        published = dates.parse(value) if value else None
    # HTML's <time pubdate> marks the article's own publication time: it beats a meta value (a
    # CMS's draft date: article:published_time 2025-08-08 over "Published <time pubdate
    # datetime=2025-08-13>").
    marked = next((el.get("datetime") for el in found["time"] if el.get("pubdate") is not None and el.get("datetime")), None)
    published = (dates.parse(marked) if marked else None) or published
    time_text_date = None
    for el in found["time"]:
        # The first <time>: its machine value when nothing above stated the date, and the day
        # it prints for readers (local time) to check a UTC timestamp against.
        stamp = el.get("datetime") or ""
        if not published and stamp:
            published = dates.parse(stamp)
        time_text_date = dates.find(_text_of(el))
        break
    if not published:
        # Platform pages (WeChat articles, self-media accounts, portal channels) render the
        # dateline with script: the time is only in a script variable, a JSON blob or a
        # data attribute.
        published = dates.from_scripts(
            [el.text for el in found["script"] if el.text and (el.get("type") or "").strip().lower() != "application/ld+json"]
        ) or dates.from_scripts(_date_attributes(root))
    utc_date = dates.is_utc_or_naive(published)
    stated_dates = [] if published else [
        d for d in (dates.parse(v) for v in metas.values() if len(v) <= MAX_STATED_DATE_CHARS and v[:1].isdigit()) if d
    ]

    author = _ld_person_authors(ld)
    for name in () if author else patterns.META_AUTHOR_NAMES:
        value = metas.get(name)
        if value and _name_list(value):
            author = ", ".join(n for n in (_clean_name(p) for p in re.split(r"[,，]", value)) if n) or None
        elif value and not value.startswith(("http", "@")) and not _NOT_META_AUTHOR.search(value):
            author = _clean_name(_strip_byline_role(value))
            if author and _ORG_SUFFIX.search(author):
                author = None
            if author:
                break
    site_credit = None
    if not author:
        value = _ld_value(ld, "author")
        author = _clean_name(value) if value else None
        if author and _ORG_SUFFIX.search(author):
            author = None  # "维基媒体项目贡献者", "某某日报": an organisation, not a byline
        if (author and SITE_CREDIT_LAST and not patterns.HAS_CJK(author)
                and not (JSON_LD_NON_PERSON_AUTHOR_LAST and _ld_author_is_person(ld))):
            # A JSON-LD author that is no person (@type Organization "Levitate Media" over the
            # printed "Liza Burke"): the page's byline element is read first.
            site_credit, author = author, None
    # Only for Chinese values: a person's name may be the site's too (a personal blog "Andrew
    # King" by Andrew King); is_site_name below is the exact test for every page.
    if author and patterns.HAS_CJK(author) and not _person_like(author) and _names_the_site(author, site, raw_title):
        author = None  # <meta name="author" content="网易"> on 网易's pages: the site, not a byline
    if author and is_site_name(author, site, url):
        site_credit, author = _kept_as_site_credit(site_credit, author), None

    lang = root.get("lang") or root.get("xml:lang") or metas.get("content-language") or metas.get("language")
    metadata = PageMetadata(
        title=title, published_at=published, site_name=site, author=author,
        canonical_url=canonical, language=(lang or None),
    )
    return MetaInfo(
        metadata=metadata, titles=[t for t in (title, og_title, split_title) if t],
        # (only when no printed heading confirmed the title: then the body is checked for it)
        raw_title=raw_title if raw_title and title and not candidates and _fold(raw_title) != _fold(title) else None,
        url=url, utc_date=utc_date, time_text_date=time_text_date,
        byline_element=None if author or patterns.HAS_CJK(title or "") else _author_element(root),
        account_name=_account_name(root, site, raw_title, url) if not author and patterns.HAS_CJK(title or "") else None,
        # (kept, not searched: the page's bylines usually name the author first)
        scripts=[] if author else [el.text for el in found["script"] if el.text],
        jsonld=ld,
        site_credit=site_credit,
        stated_dates=stated_dates,
    )


# A meta value read as a stated date is short ("2019-09-30 22:46:13"; a description is not one).
MAX_STATED_DATE_CHARS = 40


# The class of the element naming the account that published a Chinese platform article, printed
# over it: self-media pages (<p class="author-name">IT之家</p> beside "发布时间：09-30 22:46" on
# baijiahao, GNE test page baijiahao 2), WeChat's "profile_nickname". Not a user-name class: on
# Chinese pages those are the logged-in reader's widget ("usrname" 月落_长安 on the same page)
# and comment posters.
ACCOUNT_NAME_CLASS = re.compile(r"author[-_]?name|nick[-_]?name", re.I)
# An account name is short: a longer text in such an element is a card or a bio.
MAX_ACCOUNT_NAME_CHARS = 20


def _account_name(root: etree._Element, site: str | None, raw_title: str | None, url: str | None) -> str | None:
    """The first account name element's text (ACCOUNT_NAME_CLASS), when it reads as a name: not
    a role or widget word, not the site itself ("网易" on 网易's pages is no author)."""
    for el in root.iter():
        cls = el.get("class") if isinstance(el.tag, str) else None
        if not cls or not ACCOUNT_NAME_CLASS.search(cls):
            continue
        text = _short_text(el, MAX_ACCOUNT_NAME_CHARS)
        if not text:
            continue
        name = _clean_name(text)
        if not name or " " in name or is_site_name(name, site, url) or _names_the_site(name, site, raw_title):
            return None
        return name
    return None


def _name_list(value: str) -> bool:
    """A meta author that lists people ("Artur Ekert, Timothy Hosgood, Alastair Kay, Chiara
    Macchiavello" of a textbook's authors): every comma-separated part a person's full name,
    which a keyword list ("SEO, marketing, growth") or a site description is not."""
    parts = [p.strip() for p in re.split(r"[,，]", value)]
    return len(parts) >= 2 and all(" " in p and _person_like(p) for p in parts)


# An author credit naming the site itself or an organisation is kept as the last resort, below
# every credit that names a writer, not dropped: on WCXB's company blogs the page's only credit
# is the company ("by whova" rel=author on whova.com, "Posted by IndustrySelect", a JSON-LD
# Person "Escalon" on escalon.services; the truth credits it: 9 tuning pages were None), and a
# JSON-LD author of @type Organization ("Levitate Media", "Morgan & Morgan") gives way to the
# printed byline element ("Liza Burke", "Justin C. Meserole"). A writer found anywhere wins.
SITE_CREDIT_LAST = True
# Only a JSON-LD author typed as no person (Organization, WebSite, …) gives way to the printed
# byline: a plain string or a Person ("author": "Rick Steves" on WCXB tuning page 0070, the
# truth's author) stays the author. 19fb736 demoted every non-Chinese JSON-LD author read here;
# on wcxb_dev tuning no page's truth separates the two (the printed byline, where there is one,
# names the same person); on scrapinghub_aeb (no author truth) the JSON-LD strings "Lia
# Eustachewich", "Yaron Steinbuch" are both printed "By … and …", where the byline element read
# instead gave only the first. False: every non-Chinese JSON-LD author read here is demoted.
JSON_LD_NON_PERSON_AUTHOR_LAST = True


def _kept_as_site_credit(credit: str | None, author: str) -> str | None:
    """The site credit once `author` is found to name the site: the first credit kept, else this
    one (SITE_CREDIT_LAST; without it the site's name is dropped)."""
    return credit or (author if SITE_CREDIT_LAST else None)


def is_site_name(name: str, site: str | None, url: str | None) -> bool:
    """The author value is the site's name: equal to its site_name, or to its host's brand
    ("whova" on whova.com, "HomeAdvisor" on homeadvisor.com, "EcoFlow" under og:site_name
    EcoFlow), and not a person's full name (a personal blog "Pierce Freeman" is by Pierce Freeman).
    A site name is never an author (the byline of a company blog names the account, not a writer)."""
    if " " in name.strip() and _person_like(name.strip()):
        return False
    f = _fold(name)
    alnum = re.sub(r"[\W_]+", "", f)
    brand = _brand(url)
    return bool(f) and ((site is not None and f == _fold(site)) or (brand is not None and alnum == brand))


# A page that credits no writer on a personal site, named after its author and under a host
# named after them, is by them: "Go ahead, self-host Postgres | Pierce Freeman" on pierce.dev,
# og:site_name "Polly Barks" on pollybarks.com (wcxb_dev tuning 0436, 4610: the truth's author).
# False: a site's name is never the author.
PERSONAL_SITE_AUTHOR = True


def personal_site_name(site: str, url: str | None) -> bool:
    """The site's name is a person's full name (two or three capitalised words, no word of an
    organisation's name) and the host is named after them: the brand is the whole name
    ("pollybarks") or its first word ("pierce" of pierce.dev)."""
    site = site.strip()
    words = site.split()
    brand = _brand(url)
    if not brand or not 2 <= len(words) <= 3 or not _person_like(site) or patterns.ORG_WORDS_EN.search(site):
        return False
    alnum = re.sub(r"[\W_]+", "", site.lower())
    return alnum == brand or re.sub(r"[\W_]+", "", words[0].lower()) == brand


def _names_the_site(name: str, site: str | None, raw_title: str | None) -> bool:
    """The author value is the site's own name: equal to or inside the site name, or inside one
    of the <title>'s parts after the headline ("…_网易新闻中心" for author "网易")."""
    f = _fold(name)
    if not f:
        return False
    parts = [p for p in patterns.TITLE_SEPARATORS.split(raw_title or "") if p and p.strip()][1:]
    return any(f in _fold(x) for x in (site, *parts) if x)


# An editor credit of a name: "责任编辑：X", "编辑: X", "（编辑 X）", "責任編輯：X".
_EDITOR_LABEL = r"(?:责任编辑|責任編輯|编辑|編輯|责编|責編|实习编辑|實習編輯)[ \t\u3000]*[:：]?[ \t\u3000]*[\[【（(]?[ \t\u3000]*"
_AUTHOR_CREDIT = r"(?:作者|记者|記者|文|撰文|撰稿|通讯员|通訊員)[ \t\u3000]*[:：/]?[ \t\u3000]*"


def _editor_only(name: str, text: str) -> bool:
    """The page credits `name` as its editor and never as a writer (a meta "author" that the
    page itself labels 编辑 is the editor)."""
    n = re.escape(name)
    return bool(re.search(_EDITOR_LABEL + n, text)) and not re.search(_AUTHOR_CREDIT + n, text)


def _reporters(raw: str) -> str | None:
    """"柳德新 通讯员 彭娟" -> "柳德新 彭娟": the names of a bracketed reporter credit."""
    names = [n for n in patterns.REPORTER_ROLE.sub(" ", raw).replace("、", " ").replace(",", " ").replace("，", " ").split() if 2 <= len(n) <= 4]
    return " ".join(dict.fromkeys(names)) or None


# Role words of a closing credit that are not part of the name.
_CLOSING_ROLE = re.compile(r"报道$|報導$|^发自|^發自|^(?:撰稿|编译|編譯|整理)$")


def closing_credit(lines: list[str]) -> str | None:
    """The writer credited in brackets at the end of a story, searched from the last line up:
    "（记者 胡某某）", "（姚某 上海报道）", "(李某 撰稿)", "(王某 发自上海)", or a bare "（常某 马某某）"
    when it closes a sentence and its words are surnamed names (not "(财经)" alone in a channel
    menu, "（预测）" inside a sentence). A trailing "(本文来源：X)" on the line is passed over;
    "(李某摄)" is a photo credit."""
    for i in range(len(lines) - 1, -1, -1):
        line = _TRAILING_SOURCE.sub("", lines[i])
        if not line.endswith((")", "）")):
            continue
        match = _PAREN_REPORTER.search(line)
        if not match:
            continue
        # "（姚峰 上海报道）", "(王某 发自上海)", "(李某 撰稿)": the role words are not names.
        words = match.group("name").split()
        names = [n for n in words if not _CLOSING_ROLE.search(n)]
        author = _clean_name(" ".join(names))
        credited = len(names) < len(words) or bool(match.group("role")) or any(w in match.group(0) for w in ("记者", "通讯员"))
        before = line[: match.start()].rstrip() or (lines[i - 1] if i else "")
        closes = before.endswith(("。", "！", "？", "”", "!", "?", "；"))
        if author and author.endswith(("摄", "攝")):
            continue  # "(李某摄)" under a picture: the photographer's credit, not the writer's
        if author and (credited or (closes and all(_cn_surname(n) for n in author.split()))):
            return author
    return None


# A line of its own that only credits the writer ("作者：余毅菁 向雪妮", "采写：南都记者 余毅菁 向雪妮"),
# anywhere in the page head (its first ~6000 characters, _HEAD_CHARS), when no other credit
# was found: a story's closing credit past the first 3000 characters that the credit search
# reads, and far from the page's end (GNE test page njxfhn 1: the story ends mid-page, a long
# list of other stories follows).
CREDIT_LINE_IN_HEAD = True
MAX_CREDIT_LINE_CHARS = 40
# How such a line opens: a writer's label and its colon.
_WRITER_LINE_START = re.compile(r"^(?:作者|作\s者|采写|採寫|撰文|撰稿)[ \t\u3000]*[:：]")


def head_credit_line(head_lines: Sequence[str]) -> str | None:
    for line in head_lines:
        if len(line) <= MAX_CREDIT_LINE_CHARS and _WRITER_LINE_START.match(line):
            name = author_from_text(line)
            if name:
                return name
    return None


# The content's first blocks searched for a writer's name printed alone under the headline.
LEAD_NAME_BLOCKS = 2


def lead_name(first: Sequence[str]) -> str | None:
    """The writer of an essay whose byline is the bare name on a line of its own under the
    headline ("犬儒病(上)" / "胡平" / "——当代中国的精神危机 (上)"; "我是怎样卷入八九民运的" / "茉莉"):
    one of the content's first LEAD_NAME_BLOCKS blocks that is only a surnamed 2-4 character
    name (not an organisation, not a role word)."""
    for text in first[:LEAD_NAME_BLOCKS]:
        name = text.strip(" 　")
        if 2 <= len(name) <= 4 and _person_like(name) and _clean_name(name) == name:
            return name
    return None


def complete_from_blocks(info: MetaInfo, texts: list[str], first: Sequence[str] = ()) -> MetaInfo:
    """A Chinese story's closing credit read from the end of its main content (`texts`: the
    last blocks' text), when the page text searched before gave no author: on portals the story
    ends long before the page does ("…美国国债。（高某）" above comments and related links).
    Else a bare name opening the content (`first`: its first blocks' text; lead_name)."""
    md = info.metadata
    if md.author or not patterns.HAS_CJK(md.title or "") or not (texts or first or info.photo_credit or info.account_name):
        return info
    lines = [line.strip() for text in texts for line in text.split("\n") if line.strip()]
    # No writer credited anywhere: the account a platform article is published under (its byline
    # element, ACCOUNT_NAME_CLASS), else the photographer of a photo item ("新华社发（万某 摄）"
    # under a picture story is its only byline).
    author = closing_credit(lines) or lead_name(first) or info.account_name or info.photo_credit
    if author:
        info.metadata = md.model_copy(update={"author": author})
    return info


def dateline_reporters(text: str, anchored: bool = False) -> str | None:
    """The reporters of a Chinese dateline: "（记者张某 周某某）", "【台灣醒報記者潘某某台北報導】",
    "◎ 記者林某某/採訪報導" (the place after the name is REPORTER_PLACE_CHARS characters).
    `anchored`: only the bracket right after a dateline ("…日电", "…日讯", "本报讯"), where a bare
    surnamed name counts too ("中国网1月17日讯（王某某）")."""
    if anchored:
        for match in patterns.DATELINE_OPENING.finditer(text):
            names = _reporters(match.group("names"))
            if names and match.group("role"):
                return names
            # (without the role the bracket may hold a desk before it: "（某某晚报滚动新闻记者 X）")
            people = [n for n in (names or "").split() if _person_like(n)]
            if people:
                return " ".join(people)
        return None
    match = patterns.DATELINE_REPORTERS.search(text)
    if match:
        names = _reporters(match.group("names"))
        if names:
            return names
    match = patterns.REPORTER_PLACE.search(text)
    if match:
        if match.group("name"):
            return match.group("name")
        run = match.group("run")
        return run[: -patterns.REPORTER_PLACE_CHARS] if len(run) >= 2 + patterns.REPORTER_PLACE_CHARS else run
    return None


def _outlet(name: str | None, labelled: bool) -> str | None:
    """A 来源 value cleaned (《》 and a trailing 微博 link text dropped), or None when it names no
    outlet: a picture credit, "the internet", a person; unlabelled tokens must end like one."""
    if not name:
        return None
    name = name.strip(" 　《》<>“”\"'[]【】").removesuffix("微博").strip()
    if len(name) < 2 or patterns.SOURCE_NOT_OUTLET.match(name) or patterns.DATE_IN_TEXT.search(name) or name.isdigit():
        return None
    if _person_like(name) and not patterns.SOURCE_ORG_END.search(name):
        return None
    if not labelled and not patterns.SOURCE_ORG_END.search(name):
        return None
    return name


# The 来源 label without its colon, the outlet alone on the next line (patterns.SOURCE_LABEL_BARE;
# GNE test page csdn 1), read in the byline slot under the headline only.
BARE_SOURCE_LABEL = True


def source_from_text(window: str, head: str, tail: str, site: str | None = None) -> str | None:
    """来源 of a Chinese article: the labelled source (来源：X) near the headline, else one in the
    byline slot of the dateline ("16:41 果壳网", "台灣醒報 (2012-01-11 16:58)"), else the outlet
    of the lead's dateline ("新华网北京12月9日电", "[世华财讯]", "据楚天金报…报道"), else a
    labelled source anywhere in the head or the closing lines. The site's own name in the byline
    slot without a label ("09:06:00千龙网" on 千龙网) is the template's, not the story's origin: a
    labelled 来源 further on ("编辑：米兰 来源：中国新闻网" closing the story) is taken first."""
    near = window or head[:1500]
    for match in patterns.SOURCE_LABEL.finditer(near):
        found = _outlet(match.group("name"), labelled=True)
        if found:
            return found
    # (the label and the outlet as two cells of the byline row: "来源" / "CSDN")
    for match in patterns.SOURCE_LABEL_BARE.finditer(near) if BARE_SOURCE_LABEL else ():
        found = _outlet(match.group("name"), labelled=True)
        if found:
            return found
    own_site: str | None = None
    # (an outlet right before "(date)" is the byline template's media slot: as good as a label)
    for pattern, labelled in ((patterns.SOURCE_AFTER_TIME, False), (patterns.SOURCE_BEFORE_DATE, True)):
        match = pattern.search(near)
        found = _outlet(match.group("name"), labelled=labelled) if match else None
        if found and not labelled and site and _fold(found) == _fold(site):
            own_site = own_site or found
            continue
        if found:
            return found
    for match in patterns.SOURCE_DATELINE.finditer(near):
        found = _outlet(match.group("name") or match.group("bracket") or match.group("per") or match.group("paren")
                        or match.group("mark"), labelled=False)
        if found:
            return found
    for text in (head[:5000], tail):
        for match in patterns.SOURCE_LABEL.finditer(text):
            found = _outlet(match.group("name"), labelled=True)
            if found:
                return found
    return own_site


# The path of a CMS's author page (WordPress /author/x/, many others /authors/x, /people/x), or a
# listing filtered by author ("/library/?_author=John%20A.%20Alic").
_AUTHOR_PAGE_LINK = re.compile(r"/(?:authors?|writers?|contributors?)/[\w.-]+/?(?:$|[?#])|[?&]_?author=[^&#]", re.I)
# Class names of a byline's name itself: the author's name or a forum poster's user name
# ("author-name", "authorName", "byline__name", "username" of vBulletin/XenForo/Discourse posts).
_AUTHOR_NAME_CLASS = re.compile(r"author[-_]*name|byline[-_]+name|user[-_]?name|screen[-_]?name", re.I)
# Class names of a byline block (name with a date or a role around it).
_AUTHOR_CLASS = re.compile(r"byline|author|submitted-by|posted-by|writer", re.I)
# Parts of a byline block or other blocks that credit someone else: the author's photo, bio,
# role or date; a quoted customer ("pullquote-testimonial__author"), a comment's or reply's poster.
# Matched against the words of the class ("post-hero__author", "authorBio" → post, hero, author,
# bio): whole words for the short ones ("jobber" is a brand), inside a word for the long ones.
_AUTHOR_CLASS_NOT_WORDS = frozenset("bio img pic role job date time about desc".split())
_AUTHOR_CLASS_NOT_STEMS = ("avatar", "image", "photo", "description", "position", "social", "follow",
                           "testimonial", "quote", "comment", "reply", "review", "related", "widget")
_CLASS_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def _class_words_not_name(cls: str) -> bool:
    for word in _CLASS_WORD.findall(cls):
        word = word.lower()
        if word in _AUTHOR_CLASS_NOT_WORDS or any(stem in word for stem in _AUTHOR_CLASS_NOT_STEMS):
            return True
    return False


# The most byline elements with text looked at: past the first few a page lists comments and cards
# (a forum thread's post headers: "J Offline JonB wrote on last edited by #1", one per post).
MAX_AUTHOR_ELEMENTS = 20
# A byline block's text longer than this is a bio or a card, not a name.
MAX_BYLINE_CHARS = 80
# The most words in the text of an element classed as holding the name (a name with a middle
# name and a suffix: "Justin C. Meserole Jr.").
MAX_NAME_WORDS = 5
# "Written by", "Posted by", "Article by", "Author:" before the name.
_BYLINE_PREFIX = re.compile(r"^(?:(?:written|posted|article|authored|story|words|submitted)\s*)?by\b\s*:?\s*|^author\s*:\s*", re.I)
# What follows the name in a byline block: "BeauHD on Friday December 19", "EcoFlow- 2025/4/29".
_BYLINE_AFTER_NAME = re.compile(r"\s*(?:\s(?:on|in|at|from|posted|updated|published)\s|[|·•]|\s[-–—]\s|-\s*\d|,\s*\d).*$", re.I)
_PAREN_TAIL = re.compile(r"\s*\([^()]*\)\s*$")
# A user name: one token of letters, digits and ._- ("sorairolake", "xJewishNinjax", "h.szeyee").
_USER_NAME = re.compile(r"^[^\W\d_][\w.'’-]{1,29}$")
# A forum handle: a word of at least four letters, then digits ("paulb203", "user447274",
# "InsaneSnow45"): a user name, although _NOT_NAME reads three digits as an id.
_HANDLE_WITH_DIGITS = re.compile(r"^[^\W\d_]{4,}\d+$")
# One-word texts of name-classed elements that are labels, not user names.
_NOT_USER_NAME = frozenset(
    "author authors admin administrator name guest anonymous staff editor editors team unknown user "
    "users member members moderator home by posted login logout profile more follow share".split()
)


@functools.lru_cache(maxsize=4096)
def _author_class(cls: str) -> int:
    """2: the class of a byline's name; 1: of a byline block; 0: neither (or a part of one
    that is not the name). Cached: templates repeat the same class strings on many elements."""
    # (the two searches first: most class strings name no byline, and the word test costs more)
    level = 2 if _AUTHOR_NAME_CLASS.search(cls) else 1 if _AUTHOR_CLASS.search(cls) else 0
    return level if level and not _class_words_not_name(cls) else 0


def _author_elements(root: etree._Element) -> Iterator[tuple[int, etree._Element]]:
    """(2 for a name element, 1 for a byline block; element), in document order.

    One pass over the elements with a plain attribute test: an XPath with contains() per
    element cost 0.5 ms a page. One keys() call per element, and a .get() only for the
    attributes it has (most elements have one or two; five .get() calls per element were most
    of this walk's 2.8 ms a page on wcxb_dev pages); an element already a name element by its
    class is not tested further."""
    for el in root.iter():
        keys = el.keys()
        if not keys:
            continue
        level = 0
        if "class" in keys:
            cls = el.get("class")
            if cls:
                level = _author_class(cls)
        if level != 2 and (
            ("rel" in keys and el.get("rel") == "author")
            or ("itemprop" in keys and el.get("itemprop") == "author")
            or ("data-author" in keys and el.get("data-author"))
            # a link to the writer's page: <a href="/authors/trevor-jackins">Trevor Jackins</a>
            or ("href" in keys and el.tag == "a" and _AUTHOR_PAGE_LINK.search(el.get("href")))
        ):
            level = 2
        if level:
            yield level, el


# A byline block's text is read up to this many characters: past it the element is a container
# (a <body class="single-author">), and reading its whole text cost more than the rest of the search.
MAX_BYLINE_BLOCK_CHARS = 300


def _short_text(el: etree._Element, limit: int) -> str:
    """The element's strings joined with spaces ("Written by<b>Ann Lee</b>" is two words),
    whitespace-normalised; "" when longer than `limit` (read no further than that)."""
    parts: list[str] = []
    size = 0
    for piece in el.itertext():
        size += len(piece)
        if size > 2 * limit:  # (raw strings carry markup indentation: a loose bound first)
            return ""
        parts.append(piece)
    text = " ".join(" ".join(parts).split())
    return text if len(text) <= limit else ""


# A name element's "<Site> Staff" (patterns.BYLINE_STAFF_CREDIT_EN) is the author: the only credit
# of wcxb_dev tuning 0219 and 4243 (<p class="authorName">Podium Staff</p>, the truth's author),
# where "Staff" made byline_names_en read a role and give nothing. False: no such credit is read.
STAFF_CREDIT = True


def byline_element_name(text: str, name_element: bool) -> str | None:
    """The author named by a byline element's text: "By Anna Menin", "Posted by BeauHD on Friday
    …", "Lisa Pham"; a single user name ("HOSTLAR") only from an element whose class says it
    holds the name, or after an explicit "by"."""
    stripped = _BYLINE_PREFIX.sub("", text)
    explicit = stripped != text
    # (and a handle's display form after it: "Laubrani (Laubrani)")
    stripped = _BYLINE_AFTER_NAME.sub("", _PAREN_TAIL.sub("", stripped)).strip(" :,;")
    if not stripped:
        return None
    names = byline_names_en("By " + stripped)
    if names:
        return names
    if (name_element or explicit) and STAFF_CREDIT and patterns.BYLINE_STAFF_CREDIT_EN.match(stripped):
        return stripped  # "Podium Staff": the house credit of a company blog
    if (name_element or explicit) and _USER_NAME.match(stripped) and stripped.lower() not in _NOT_USER_NAME:
        # (a handle that opens with a word and ends in digits, "paulb203", "user3080392", is
        # a poster's name; _clean_name takes a run of digits for an id, as in "L_104485")
        return stripped if _HANDLE_WITH_DIGITS.match(stripped) else _clean_name(stripped)
    return None


def _microdata_name(el: etree._Element) -> str | None:
    """The name of a microdata author item (<div itemprop="author" itemscope …> holding
    <meta itemprop="name" content="X">): a Q&A page's user card also prints the reputation and
    badge counts, too many words for a name, and its name is stated apart."""
    if el.get("itemscope") is None:
        return None
    for sub in el.iterdescendants():
        if sub.get("itemprop") == "name":
            value = sub.get("content") if sub.tag == "meta" else _short_text(sub, MAX_BYLINE_CHARS)
            return " ".join((value or "").split()) or None
    return None


def _author_element(root: etree._Element) -> str | None:
    """A byline element (rel=author, itemprop=author, class byline/author/username): its short
    text, when it reads as a person's name in Latin letters or a user name (on Chinese pages
    such classes hold widgets as often as names: "总阅读", "打印"). A name element outranks the
    byline block around it; the first of each kind in the page wins (a thread's first post)."""
    found: dict[int, str] = {}
    seen = 0
    for level, el in _author_elements(root):
        if level in found:
            continue
        # (a forum post's poster stated as an attribute: XenForo's <article class="message"
        # data-author="beijingwalker">, whose name elements sit in a user block)
        text = " ".join((el.get("data-author") or "").split()) or _microdata_name(el) or _short_text(el, MAX_BYLINE_BLOCK_CHARS)
        if text:
            seen += 1
            if seen > MAX_AUTHOR_ELEMENTS:
                break
        if text and len(text) > MAX_BYLINE_CHARS and not _BYLINE_PREFIX.match(text):
            # A bio or a card ("Posted by X on Friday … from the …" is a byline) — or a name
            # with its role after a comma ("Daniel Burstein, Senior Director, Content &
            # Marketing, MarketingSherpa and MECLABS Institute"): the name part only.
            head, comma, _ = text.partition(",")
            text = head if comma and len(head.split()) <= MAX_NAME_WORDS else ""
        if not text:
            continue
        if level == 2 and len(text.split()) > MAX_NAME_WORDS:
            continue  # a name element holds a name: "HOSTLAR View Profile View Forum Posts" is a card
        name = byline_element_name(text, level == 2)
        if name:
            found[level] = name
            if level == 2:
                break
    return found.get(2) or found.get(1)


_HEAD_CHARS = 6000
# The © line is looked for in this many last non-blank strings of the page.
COPYRIGHT_LINES = 60
_TAIL_CHARS = 2500


# A labelled date ("发布时间：", "Posted") with no dateline near the headline is looked for in the
# head text's first LABELLED_DATE_CHARS characters, then (after the URL's date and the first
# date of the page) in the next LATE_LABELLED_DATE_CHARS: "发布时间 2005/03/15 22:36:13 by X"
# closes a forum thread's long first post 109 characters past the first 5000 (cwced_zh tuning,
# bbs6.netease.com), "Posted 3/13/2001" 170 past them on a cleaneval page; the two are the only
# pages of the five dev sets this late search dates. Bounded: the head stops after the string
# that passes _HEAD_CHARS, and that one string may be a whole article (one long text node).
LABELLED_DATE_CHARS = 5000
LATE_LABELLED_DATE_CHARS = 3000

# The page's first lines searched for the headline it prints.
HEADLINE_LINES = 200
# A "site：" / "Site: " prefix of a title is at most this long (visual length, 中國評論新聞 = 12).
MAX_TITLE_PREFIX = 16
# (a colon without a space after it is a namespace, not a prefix: "Category:Programming languages")
_TITLE_PREFIX = re.compile(r"^(?P<prefix>[^:：]{2,16})(?:：|:\s)\s*(?P<rest>\S.*)$")


def printed_without_prefix(title: str, lines: list[str]) -> str | None:
    """The title without a short "X：" prefix when the page prints its headline without it and
    never prints the whole title ("中國評論新聞：“看病送火車票”　折射春運之殤" over a printed
    "“看病送火車票”　折射春運之殤"); a prefix the page prints with the headline ("法制晚报：…")
    stays."""
    match = _TITLE_PREFIX.match(title)
    if not match or _weight(match.group("prefix")) > MAX_TITLE_PREFIX:
        return None
    whole, rest = _fold(title), _fold(match.group("rest"))
    folded = {_fold(line) for line in lines}
    return match.group("rest").strip() if rest in folded and whole not in folded else None


# A part after the last space of a title is a name glued to the headline when at most this long
# (visual length): "…开展调研工作 东区办事处_中山网" (GNE test page zsnews 1, 东区办事处 = 10).
MAX_TITLE_SUFFIX = 16


def printed_without_suffix(title: str, lines: list[str]) -> str | None:
    """The title without a short name glued after a space when the page prints the headline
    without it and names it in the byline under the headline ("…开展调研工作 东区办事处" over the
    printed headline and "来源于：东区办事处": the department that filed the story). A headline
    printed on two lines ("主标题" / "副标题") prints its last part as a line of its own, not
    inside a credit, and stays whole."""
    head, sep, tail = title.rpartition(" ")
    # (Chinese titles only: an English one has a space between every word)
    if not sep or not tail or _weight(tail) > MAX_TITLE_SUFFIX or not patterns.HAS_CJK(head):
        return None
    folded = [_fold(line) for line in lines]
    if _fold(title) in folded:
        return None
    want, name = _fold(head), _fold(tail)
    for i, line in enumerate(folded):
        if line != want:
            continue
        after = lines[i + 1: i + 1 + BYLINE_AFTER_HEADLINE_LINES]
        if any(name in _fold(x) and _fold(x) != name and (is_byline(x) or is_author_line(x)) for x in after):
            return head.strip()
    return None


# A headline's byline follows it within this many lines ("给计算机系学生的建议" / "作者： 周某某" /
# "2005年1月2日").
BYLINE_AFTER_HEADLINE_LINES = 3


def byline_headed_part(raw_title: str, title: str, lines: list[str]) -> str | None:
    """The Chinese part of a <title> of parts that the page prints as a line of its own with a
    byline or dateline right under it, when the part taken for the title is not so printed:
    "Joel on Software - 给计算机系学生的建议" took the leading site name, the page prints
    "给计算机系学生的建议" over "作者： 周思博 (Joel Spolsky)" and "2005年1月2日"."""
    parts = {_fold(p): p.strip() for p in patterns.TITLE_SEPARATORS.split(raw_title) if p and p.strip()}
    if len(parts) < 2:
        return None
    taken = _fold(title)
    folded_lines = [_fold(line) for line in lines]
    if taken in folded_lines:
        return None  # the title taken is printed as a line of its own: a headline already
    found = None
    for i, line in enumerate(lines):
        folded = folded_lines[i]
        if folded not in parts:
            continue
        after = lines[i + 1: i + 1 + BYLINE_AFTER_HEADLINE_LINES]
        if not any(is_byline(x) or is_author_line(x) for x in after):
            continue
        if folded in taken:
            # the title taken is the headline the byline is under, or holds it (a headline
            # printed on two lines, "主标题" / "——副标题", is one title)
            return None
        if found is None and patterns.HAS_CJK(line):
            found = parts[folded]
    return found


# A place of a string in the tree: (element, True) its tail, (element, False) its text.
Slot = tuple[etree._Element, bool]


def strings_from_start(root: etree._Element) -> Iterator[tuple[Slot, str]]:
    """The non-blank strings of root.itertext() in document order, each with its slot; read
    only as far as the caller goes (itertext into a list builds a string for every text node
    of the page, when the metadata needs its first and last few thousand characters)."""
    text = root.text
    if text and not text.isspace():
        yield (root, False), text
    stack = [iter(root)]
    parents = [root]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            el = parents.pop()
            if not stack:
                return  # (the root's own tail is not its text)
            t = el.tail
            if t and not t.isspace():
                yield (el, True), t
            continue
        if isinstance(child.tag, str):  # (a comment's or a PI's own text is not text; its tail is)
            t = child.text
            if t and not t.isspace():
                yield (child, False), t
            if len(child):
                stack.append(iter(child))
                parents.append(child)
                continue
        t = child.tail
        if t and not t.isspace():
            yield (child, True), t


def strings_from_end(root: etree._Element) -> Iterator[tuple[Slot, str]]:
    """The non-blank strings of root.itertext() from the last to the first, each with its slot,
    read from the end of the tree as far as the caller goes."""
    stack = [(root, reversed(root))]
    while stack:
        el, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            t, slot = el.text, (el, False)
        else:
            t, slot = child.tail, (child, True)
            if isinstance(child.tag, str):
                if len(child):
                    stack.append((child, reversed(child)))
                else:
                    # A leaf (most elements): its tail, then its text, without a stack entry.
                    if t and not t.isspace():
                        yield slot, t
                    t, slot = child.text, (child, False)
        if t and not t.isspace():
            yield slot, t


def last_strings(root: etree._Element, limit: int) -> list[str]:
    """The last `limit` non-blank strings of root.itertext(), in document order."""
    out = [t for _, t in itertools.islice(strings_from_end(root), limit)]
    out.reverse()
    return out


def _head_tail_lines(body: etree._Element) -> tuple[list[str], list[str]]:
    """Whitespace-normalised non-empty lines from the start (~6000 chars) and the end (~2500
    chars) of the page text: datelines and credits sit there; the middle is not read (nor
    walked: the tail is read from the end of the tree, up to where the head stopped)."""
    head: list[str] = []
    size = 0
    stop: Slot | None = None
    for slot, raw in strings_from_start(body):
        line = " ".join(raw.split())
        head.append(line)
        size += len(line)
        if size >= _HEAD_CHARS:
            stop = slot
            break
    if stop is None:
        return head, head
    tail: list[str] = []
    size = 0
    for slot, raw in strings_from_end(body):
        if slot[0] is stop[0] and slot[1] == stop[1]:
            break  # the rest is the head's
        line = " ".join(raw.split())
        tail.append(line)
        size += len(line)
        if size >= _TAIL_CHARS:
            break
    tail.reverse()
    return head, tail


def _shown_day(info: MetaInfo, window: str, stamp: str) -> str | None:
    """The day printed for readers: the dateline after the headline, else the first <time>,
    else a "Posted Nov 18" dateline in the timestamp's year."""
    found = (dates.find(window) if window else None) or info.time_text_date
    if not found and window:
        posted = patterns.DATE_POSTED_NO_YEAR_EN.search(window)
        if posted:
            month = dates.month_of(posted.group("mon"))
            found = dates.day_iso(int(stamp[:4]), month, int(posted.group("d"))) if month else None
    return (found or "")[:10] or None


def script_author(scripts: list[str]) -> str | None:
    """The post author a script states (patterns.SCRIPT_POST_AUTHOR): the last resort, below
    every byline the page prints (a dataLayer may name the account that filed the post where
    the byline names its writer)."""
    for text in scripts:
        if "pagePostAuthor" in text:
            stated = patterns.SCRIPT_POST_AUTHOR.search(text)
            return _clean_name(stated.group("name")) if stated else None
    return None


def _without_footer(text: str) -> str:
    """`text` without its site-footer lines (©, 版权所有, 备案/ICP): their dates are the site's."""
    low = text.lower()
    if not any(mark in low for mark in patterns.SITE_FOOTER_MARKS):
        return text
    return "\n".join(line for line in text.split("\n") if not patterns.SITE_FOOTER_LINE.search(line))


def complete_from_body(info: MetaInfo, body: etree._Element, page_strings: list[str] | None = None) -> MetaInfo:
    """Fill what the head did not state from the page text: the dateline near the headline,
    the author/source credit, a link line with the page's own URL, and the © line; check a
    UTC timestamp against the day the page prints, and a title cut out of <title> against the
    headline line the page prints."""
    md = info.metadata
    # Chinese pages: the 来源 and the editor check of a meta author need the page text.
    cjk_page = bool(patterns.HAS_CJK(md.title or ""))
    # (The page text is read on every page: a missing date is looked for in it, and a stated
    # one is checked against the dateline the page prints under its headline.)
    head_lines, tail_lines = _head_tail_lines(body)
    text = "\n".join(head_lines)
    lines = tail_lines
    title = md.title
    if info.raw_title and any(line == info.raw_title for line in head_lines[:200]):
        # The page prints the whole <title> as its headline line ("书记市长这一周 | 奋马扬鞭…",
        # "对比试车—测试昌河北斗星"): the separator was part of the headline.
        title = info.raw_title
        info.titles.insert(0, title)
    elif title:
        headline = printed_without_prefix(title, head_lines[:HEADLINE_LINES]) or printed_without_suffix(
            title, head_lines[:HEADLINE_LINES]
        ) or (
            byline_headed_part(info.raw_title, title, head_lines[:HEADLINE_LINES]) if info.raw_title else None
        )
        if headline:
            title = headline
            info.titles.insert(0, title)
    anchor = 0
    for candidate in info.titles:
        pos = text.find(candidate)
        if pos >= 0:
            anchor = pos + len(candidate)
            break
    if not anchor and title and " " in title:
        # A headline printed on several lines ("保暖靴惹禍 夏季濕疹冬季又發作\n穿靴不穿襪 …"): the
        # text has it line by line, so its last line, found after its first, ends it.
        first, last = title.split(" ", 1)[0], title.rsplit(" ", 1)[-1]
        start = text.find(first) if _weight(first) >= MIN_HEADLINE_LINE else -1
        end = text.find(last, start + len(first)) if start >= 0 else -1
        if start >= 0 and 0 <= end - start <= 2 * len(title):
            anchor = end + len(last)
    window = text[anchor: anchor + _DATE_WINDOW] if anchor else ""
    related = patterns.RELATED_ITEMS_LINE.search(window) if window else None
    if related:
        window = window[: related.start()]  # the rest lists other items, with their own dates
    published = md.published_at
    printed = dates.find_shown(_without_footer(window[:PRINTED_DATE_CHARS])) if published and window else None
    if published and printed and printed[:10] != published[:10] and printed[:10] != dates.utc_day(published):
        # The dateline under the headline is the date readers are shown: a meta/JSON-LD value
        # that differs is often the CMS's first draft or a re-save ("2024-09-06" in
        # article:published_time above a byline "November 14, 2025"). An update date printed
        # first ("Updated on …") is passed over: the publication date is wanted. (The printed
        # day may be the timestamp's day in UTC, "2025-03-20T20:05:01-04:00" printed "Mar 21,
        # 2025" by a page rendered in UTC: the same instant, the stated local day stands.)
        published = printed
    elif published and info.utc_date:
        # "2019-11-20T01:50:59Z" under a byline that reads "Nov. 19, 2019": readers' day wins.
        shown = _shown_day(info, window, published)
        if shown and dates.days_apart(shown, published) == 1:
            published = shown
    if not published:
        # A © / 备案 line is the site's: its years and dates ("© 2003-2012", "2012-01-05 更新" of
        # the whole site) are never the article's, wherever the line is (on a short page the
        # footer is within the window after the headline).
        window_d, text_d = _without_footer(window), _without_footer(text)
        published = dates.labelled(window_d) or dates.find(window_d) if window_d else None
        if not published:
            published = dates.labelled(text_d[:LABELLED_DATE_CHARS])
        if not published:
            # News CMSs file articles by day: the URL's date beats a guess from page text.
            published = dates.from_url(info.url or md.canonical_url)
        if not published:
            # No dateline near the headline: the first date on the page, else the last one in
            # its closing lines (forum/blog footers: "本贴由 X 于2005年8月12日…").
            published = dates.find(text_d[:3000])
        if not published:
            # A labelled date further into the head ("发布时间 2005/03/15 22:36:13 by X" closing a
            # forum thread's long first post, past the first 5000 characters): the first post's
            # date, where the page's last lines give the last reply's.
            published = dates.labelled(text_d[LABELLED_DATE_CHARS: LABELLED_DATE_CHARS + LATE_LABELLED_DATE_CHARS])
        if not published:
            # (On a short page the tail is the head: its last 40 lines are searched too, as the
            # first 3000 characters above may stop before a footer "本贴由 X 于2005年8月12日".)
            published = dates.find_last(_without_footer("\n".join(tail_lines[-40:])))
        if not published and info.stated_dates and window_d:
            # (a platform's "发布时间：09-30" dated by the page's own full date of that day)
            published = dates.yearless(window_d, info.stated_dates)
    author = md.author
    ends_text = "\n".join(tail_lines)[-2000:]
    if author and cjk_page and _editor_only(author, text[:5000] + "\n" + ends_text):
        author = None  # the meta "author" is the page's 编辑
    if author and cjk_page and window:
        # The byline printed under the headline ("作者：王某") names the writer; a meta "author"
        # naming someone else is the CMS account that filed the page (often the editor).
        printed = author_from_text(window)
        if printed and _fold(printed) != _fold(author):
            author = printed
    if author and not cjk_page and window:
        # The same for an English dateline: "by Aoife O'Riordan Oct 22, 2025" under the headline
        # names the writer where the meta author is the CMS account ("KatieS") or the site ("One
        # Tree Planted"). Only a byline line with a date in the window: the article's dateline.
        dateline = window[:PRINTED_DATE_CHARS]
        printed = byline_names_en(dateline) if dates.find(dateline) else None
        if printed and _fold(printed) not in _fold(author) and _fold(author) not in _fold(printed):
            author = printed
    if not author:
        head = window or text[:2000]
        # The bracketed reporter and the 来源 label need CJK text to give a name.
        head_cjk = bool(patterns.HAS_CJK(head))
        # A dateline's own credit ("…12月9日电(记者罗某)", "本报讯（记者X）") is the lead story's:
        # it beats a photo or chart credit printed above it.
        author = (dateline_reporters(head, anchored=True) if head_cjk else None) or byline_names_en(head) or author_from_text(head)
        if not author and head_cjk:
            author = dateline_reporters(head)
        if not author and head_cjk:
            # A byline line of its own: "蔡某某 報導" under the dateline (Taiwanese TV sites).
            line = patterns.REPORTED_BY_LINE.search(head)
            if line and _person_like(line.group("name")):
                author = line.group("name")
        if not author and head_cjk:
            # "彭某 賀某某文/圖" as the story's first line: its writers (and photographers).
            line = patterns.WRITER_ROLE_LINE.search(head)
            names = line.group("names").replace("、", " ").split() if line else []
            if names and all(_person_like(n) for n in names):
                author = " ".join(names)
        if not author and head_cjk:
            bracket = patterns.DATELINE_BRACKET_NAME.search(head)
            if bracket and _person_like(bracket.group("name")):
                author = _clean_name(bracket.group("name"))
        if not author and head_cjk:
            source = patterns.SOURCE_LABEL.search(head)
            if source:
                name = _clean_name(source.group("name"))
                if name and _person_like(name):
                    author = name
        # Credits sit at the start or the end of an article: search there only (bounded
        # time on long pages).
        ends = text[:3000] + "\n" + "\n".join(tail_lines)[-2000:]
        if not author:
            author = author_from_text(ends)
        cjk = bool(patterns.HAS_CJK(ends))  # the remaining credit forms are Chinese
        if not author and cjk:
            # "来源: 尹娟" closing a news story: a source that is a person's name.
            for source in patterns.SOURCE_LABEL.finditer(ends):
                name = _clean_name(source.group("name"))
                if name and _person_like(name):
                    author = name
                    break
        if not author and cjk:
            writer = patterns.SOURCE_THEN_WRITER.search(ends)
            if writer and _person_like(writer.group("name")):
                author = writer.group("name")
        if not author and cjk:
            author = closing_credit(lines[-200:])
        if not author and cjk and CREDIT_LINE_IN_HEAD:
            author = head_credit_line(head_lines)
        if not author and cjk:
            # Government information-disclosure pages: "发文机关：吉林省人民政府".
            issuer = patterns.AUTHOR_ISSUER_LABEL.search(text[:5000])
            if issuer:
                author = issuer.group("name")
        if not author and not cjk and window:
            author = dateline_name_en(window[:PRINTED_DATE_CHARS]) or byline_handle_line(window[:PRINTED_DATE_CHARS])
        if not author:
            # Last: a byline element of the page's content ("<span class=byline>By X</span>").
            # (Read only on pages with a Latin-script headline, whatever else the text quotes:
            # an English thread quoting a Chinese dateline "2025年12月18日" keeps its poster.)
            author = info.byline_element
            if author and SITE_CREDIT_LAST and is_site_name(author, md.site_name, info.url):
                # the site's own account ("by whova"): a writer credited further on comes first
                info.site_credit, author = info.site_credit or author, None
        if not author and not cjk:
            # The writer credited where the article ends, as a byline line of its own ("Written
            # by John Crenshaw" over the author's bio).
            author = byline_names_en(ends_text)
        if not author:
            author = script_author(info.scripts)
        if not author and cjk:
            photo = patterns.PHOTO_CREDIT.search(text[:5000])
            if photo and _person_like(photo.group("name")):
                info.photo_credit = photo.group("name")
        # An editor credit (编辑：/责任编辑：) is never taken for the author.
    strings = page_strings if page_strings is not None else lines
    canonical = md.canonical_url
    if not canonical:
        page_text = "\n".join(strings)
        # Cheap substring test first: every link-line label contains 链接 or 地址.
        if "链接" in page_text or "地址" in page_text:
            link = patterns.TEXT_LINK_LINE.search(page_text)
            if link:
                canonical = link.group("url").rstrip("，,。")
    site = md.site_name
    if not site:
        # The © line is in the last lines of the page; one search over them, not one per line.
        tail: list[str] = []
        for raw in reversed(strings):
            if raw and not raw.isspace():
                tail.append(raw)
                if len(tail) >= COPYRIGHT_LINES:
                    break
        tail_text = "\n".join(reversed(tail))
        if "©" in tail_text or "opyright" in tail_text or "版权" in tail_text or "(c)" in tail_text.lower():
            # The last line with a © match names the site: search from the end, stop there.
            for line in reversed(tail_text.split("\n")):
                found = patterns.COPYRIGHT_SITE.search(line)
                if found:
                    site = found.group("site").strip()
                    break
    site_credit = info.site_credit
    if author and is_site_name(author, site, info.url or canonical):
        site_credit, author = _kept_as_site_credit(site_credit, author), None
    if not author and not cjk_page and PERSONAL_SITE_AUTHOR and site and personal_site_name(site, info.url or canonical):
        # A personal site named after its author ("Pierce Freeman" on pierce.dev, "Polly Barks"
        # on pollybarks.com): nothing else names a writer, the site's name does.
        author = site
    if not author and site_credit and not cjk_page:
        # Nothing names a writer: the site's own credit is the page's author (a company blog
        # "by whova", "Posted by IndustrySelect"; the WCXB truth credits the company). Chinese
        # pages keep the 网易 rule (a portal's meta author is its template, not a credit).
        author = site_credit
    source_name = md.source_name
    if not source_name and cjk_page:
        source_name = source_from_text(window, text, ends_text, site)
    info.metadata = md.model_copy(
        update={"title": title, "published_at": published, "author": author, "canonical_url": canonical,
                "site_name": site, "source_name": source_name}
    )
    return info
