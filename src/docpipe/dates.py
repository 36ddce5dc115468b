"""Dates: the one parser of written dates and the one place that decides their time zone.

Every stage that reads a date goes through here: the page metadata (meta tags, JSON-LD,
`<time>`, script variables and data attributes of platform pages, the dateline, the URL), the
text cleaner's site/date line, the 公文 成文日期 under a signature, and the export's UTC instant.

Forms read (`parse` for one value, `find` for the first date in running text):

- ISO 8601 and what CMSs put in meta values: 2024-12-06, 2024-12-06T00:37:14+08:00, …Z;
- Chinese and numeric forms: 2024年3月5日, 2024-03-05 10:21, 2005/3/21, 2012.01.12, 二〇二四年三月五日;
- English forms: November 19, 2019 / 19 Nov 2019 (the day only);
- epoch seconds or milliseconds (`var ct = "1581234567"`, `"publish_time": 1581234567000`): a
  UTC instant.

A value is an ISO string throughout the pipeline: `YYYY-MM-DD` when only a day is known (a date
stays a date), `YYYY-MM-DDTHH:MM:SS` when the page states a time and no zone, with `+HH:MM`
when the zone is stated or resolved (`localise`). `to_utc` gives the export's UTC instant.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from docpipe import patterns

# Dates outside these years are not publication dates of web pages (ids, prices, 1970 epochs).
MIN_YEAR = 1990
MAX_YEAR = 2100

_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
# Both text patterns need a 19xx/20xx year: text without one is passed over with this cheap
# scan (most of the page text searched for a missing date has none).
_YEAR_HINT = patterns.DATE_YEAR
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
_CN_YEAR_DIGITS = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_DATE = re.compile(r"^(?P<y>.+?)年(?P<m>.+?)月(?P<d>.+?)日$")


def _plausible(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


# ---------------------------------------------------------------------------------------------
# parsing


def parse(raw: str | None) -> str | None:
    """ISO 8601 from one stated value (a meta/JSON-LD/attribute value, a script variable, a
    date written on the page); None when it holds no plausible date."""
    raw = (raw or "").strip()
    if not raw:
        return None
    if _EPOCH.match(raw):
        return from_epoch(int(raw))
    iso = raw[:-1] + "+00:00" if raw.endswith("Z") else raw
    try:
        dt = datetime.fromisoformat(iso)
    except ValueError:
        dt = None
    if dt is not None and _plausible(dt.year):
        if len(raw) <= 10:
            return dt.date().isoformat()
        return dt.isoformat()
    return find(raw)


def from_epoch(value: int) -> str | None:
    """Epoch seconds (10 digits) or milliseconds (13) as an aware UTC ISO string."""
    seconds = value / 1000 if value >= 10**11 else value
    try:
        dt = datetime.fromtimestamp(seconds, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None
    return dt.replace(microsecond=0).isoformat() if _plausible(dt.year) else None


def find(text: str) -> str | None:
    """The first date written in `text` (numeric/Chinese first, then English, then a dotted
    day-first 23.07.2025, then a numeric one with the year last, 2/24/2026), as ISO."""
    if not _YEAR_HINT.search(text):
        return None
    match = patterns.DATE_IN_TEXT.search(text)
    if match:
        return from_match(match)
    match_en = patterns.DATE_IN_TEXT_EN.search(text)
    if match_en:
        return _from_en(match_en)
    dotted = patterns.DATE_DMY_DOTTED.search(text)
    if dotted:
        return day_iso(int(dotted.group("y")), int(dotted.group("m")), int(dotted.group("d")))
    numeric = patterns.DATE_MDY_NUMERIC.search(text)
    if numeric:
        a, b = int(numeric.group("a")), int(numeric.group("b"))
        # Month first, the US order English pages print ("2/24/2026"), unless the first
        # number cannot be a month ("24/02/2026" is day first).
        month, day = (b, a) if a > 12 else (a, b)
        return day_iso(int(numeric.group("y")), month, day)
    return None


def find_shown(text: str) -> str | None:
    """The first date printed in `text` as the publication date: dates labelled as something
    else ("Updated on …", "Joined …", "last post by X …", patterns.DATE_OTHER_LABEL) are passed
    over. For the dateline under a headline, where an update or a forum's join date often comes
    first."""
    if not _YEAR_HINT.search(text):
        return None
    found: list[tuple[int, str]] = []
    for pattern, convert in ((patterns.DATE_IN_TEXT, from_match), (patterns.DATE_IN_TEXT_EN, _from_en)):
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - patterns.DATE_OTHER_LABEL_CHARS): match.start()]
            if patterns.DATE_OTHER_LABEL.search(before):
                continue
            value = convert(match)
            if value:
                found.append((match.start(), value))
                break  # (the first of this pattern; the other pattern may print one earlier)
    return min(found)[1] if found else None


def find_last(text: str) -> str | None:
    """The last numeric/Chinese date written in `text` (forum and blog footers: "本贴由 X 于
    2005年8月12日…"), else its first English one."""
    last = None
    for last in patterns.DATE_IN_TEXT.finditer(text):
        pass
    return from_match(last) if last else find(text)


def from_match(match: re.Match[str]) -> str | None:
    """ISO from a patterns.DATE_IN_TEXT match: the day, the time when written, the offset when
    stated."""
    g = match.groupdict()
    try:
        dt = datetime(int(g["y"]), int(g["m"]), int(g["d"]))
    except ValueError:
        return None
    if g.get("H") is None:
        return dt.date().isoformat()
    try:
        dt = dt.replace(hour=int(g["H"]), minute=int(g["M"]), second=int(g.get("S") or 0))
    except ValueError:
        return dt.date().isoformat()
    tz = g.get("tz")
    if tz:
        offset = "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
        try:
            return datetime.fromisoformat(dt.isoformat() + offset).isoformat()
        except ValueError:
            pass
    return dt.isoformat()


def _from_en(match: re.Match[str]) -> str | None:
    g = match.groupdict()
    mon = (g.get("mon1") or g.get("mon2") or "").lower()[:3]
    day = g.get("d1") or g.get("d2")
    year = g.get("y1") or g.get("y2")
    if mon not in _MONTHS or not day or not year:
        return None
    return day_iso(int(year), _MONTHS[mon], int(day))


def day_iso(year: int, month: int, day: int) -> str | None:
    """YYYY-MM-DD of a calendar day, None when there is no such day."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def month_of(name: str) -> int | None:
    """1-12 from an English month name or abbreviation."""
    return _MONTHS.get(name.lower()[:3])


def parse_written_cn(written: str) -> str | None:
    """The 成文日期 of a 公文 as written under the signature: 2024年3月5日 or 二〇二四年三月五日
    → 2024-03-05; None for placeholders (202x年x月x日) and anything not a whole date."""
    from docpipe.structure.outline import cn_to_int

    m = _CN_DATE.match(re.sub(r"\s+", "", written))
    if not m:
        return None
    y, mo, d = m.group("y"), m.group("m"), m.group("d")
    year = y if y.isdigit() else "".join(_CN_YEAR_DIGITS.get(ch, "?") for ch in y)
    month = int(mo) if mo.isdigit() else cn_to_int(mo)
    day = int(d) if d.isdigit() else cn_to_int(d)
    if not (year.isdigit() and len(year) == 4 and month and day):
        return None
    return day_iso(int(year), month, day)


def labelled(text: str) -> str | None:
    """A date right after a date label (发布时间：, 时间：, 发表于, Posted, Published)."""
    # Without CJK text only the Posted/Published labels can match.
    if not patterns.HAS_CJK(text) and "osted" not in text and "ublished" not in text:
        return None
    for label in patterns.DATE_LABEL.finditer(text):
        after = text[label.end(): label.end() + 40]
        # (a month-first date right after the label keeps its 12-hour time: find reads the day only)
        found = _from_us_numeric(after.lstrip(" \t\n\u3000:：\xa0")) or find(after)
        if found:
            return found
    return None


def _from_us_numeric(text: str) -> str | None:
    """ISO from a month-first "9/17/2004 5:54:13 AM" at the start of `text` (after a label)."""
    match = patterns.DATE_US_NUMERIC.match(text)
    if not match:
        return None
    g = match.groupdict()
    day = day_iso(int(g["y"]), int(g["m"]), int(g["d"]))
    if not day or g["H"] is None:
        return day
    hour = int(g["H"]) % 12 + (12 if g["ampm"].lower() == "pm" else 0)
    if hour > 23 or int(g["M"]) > 59 or int(g["S"] or 0) > 59:
        return day
    return f"{day}T{hour:02d}:{int(g['M']):02d}:{int(g['S'] or 0):02d}"


def from_url(url: str | None) -> str | None:
    """The day a news CMS files the article under in its URL (/2019/11/19/, /20050311/)."""
    if not url:
        return None
    match = patterns.DATE_IN_URL.search(url)
    if not match:
        return None
    g = match.groupdict()
    return day_iso(int(g["y"] or g["y2"]), int(g["m"] or g["m2"]), int(g["d"] or g["d2"]))


def from_scripts(html_fragments: list[str]) -> str | None:
    """The publication time a platform page keeps only in a script variable, a JSON blob or a
    data attribute (WeChat's `var ct = "1581…"`, `"publish_time": …`, `pubDate`,
    `data-publish-time`): the first such value that parses."""
    for fragment in html_fragments:
        if len(fragment) > patterns.SCRIPT_DATE_MAX_CHARS:
            fragment = fragment[: patterns.SCRIPT_DATE_MAX_CHARS]
        keyword = patterns.SCRIPT_DATE_KEYWORD.search(fragment)
        if keyword is None:
            continue
        start = max(0, keyword.start() - patterns.SCRIPT_DATE_KEYWORD_LEAD)
        for match in patterns.SCRIPT_DATE.finditer(fragment, start):
            found = parse(match.group("value"))
            if found:
                return found
    return None


# A dateline that prints the month and day without the year, as platforms print this year's
# posts ("发布时间：09-30" "22:46" on baijiahao, GNE test page baijiahao 2): the year is taken only
# from a full date the page states for the same month and day (its meta values), never guessed.
YEARLESS_DATELINE = re.compile(
    r"(?:发布时间|发布日期|發佈時間|發布時間|时间|時間|日期)\s*[:：]\s*(?P<m>\d{1,2})[-/月](?P<d>\d{1,2})(?![-/\d])日?"
    r"(?:\s*(?P<H>\d{1,2}):(?P<M>\d{2}))?"
)


def yearless(window: str, stated: Sequence[str]) -> str | None:
    """The date of a dateline printed without its year (YEARLESS_DATELINE), dated by the stated
    date of the same month and day; its printed time when it has one."""
    match = YEARLESS_DATELINE.search(window)
    if not match:
        return None
    month, day = int(match.group("m")), int(match.group("d"))
    for value in stated:
        if value[5:7].isdigit() and value[8:10].isdigit() and (int(value[5:7]), int(value[8:10])) == (month, day):
            if match.group("H") is None:
                return value[:10]
            hour, minute = int(match.group("H")), int(match.group("M"))
            return f"{value[:10]}T{hour:02d}:{minute:02d}:00" if hour < 24 and minute < 60 else value[:10]
    return None


def is_utc_or_naive(stamp: str | None) -> bool:
    """A timestamp with a time of day in UTC or with no zone: its calendar day is not
    necessarily the one the page prints for its readers."""
    if not stamp or "T" not in stamp:
        return False
    try:
        dt = datetime.fromisoformat(stamp)
    except ValueError:
        return False
    offset = dt.utcoffset()
    return offset is None or offset.total_seconds() == 0


def utc_day(stamp: str) -> str | None:
    """YYYY-MM-DD of a timestamp with an offset, in UTC; None for a date or a zone-less time."""
    if "T" not in stamp:
        return None
    try:
        dt = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return dt.astimezone(timezone.utc).date().isoformat() if dt.tzinfo is not None else None


def days_apart(a: str, b: str) -> int | None:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# time zones


# The zone of a page that states none, by the region of its language tag or, for a Chinese
# page without a region, the region of its host's country-code domain. Mainland Chinese is the
# default for Chinese (the case: 8 of 10 Chinese dev pages are mainland sites without a zone).
REGION_ZONES: dict[str, str] = {"cn": "Asia/Shanghai", "tw": "Asia/Taipei", "hk": "Asia/Hong_Kong", "mo": "Asia/Macau", "sg": "Asia/Singapore"}
CHINESE_DEFAULT_ZONE = "Asia/Shanghai"
# Script subtags: zh-Hant without a region is most often Taiwan, zh-Hans the mainland.
SCRIPT_REGIONS: dict[str, str] = {"hant": "tw", "hans": "cn"}


def _region_of_tag(tag: str) -> str | None:
    parts = [p.lower() for p in re.split(r"[-_]", tag.strip()) if p]
    for p in parts[1:]:
        if len(p) == 2 and p.isalpha():
            return p
    for p in parts[1:]:
        if p in SCRIPT_REGIONS:
            return SCRIPT_REGIONS[p]
    return None


def _host_region(url: str | None) -> str | None:
    if not url or "://" not in url:
        return None
    host = url.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].lower().rstrip(".")
    tld = host.rsplit(".", 1)[-1]
    return tld if tld in REGION_ZONES else None


def infer_zone(language: str | None, url: str | None, chinese: bool) -> str | None:
    """The IANA zone of a page that states none: its language tag's region (zh-TW →
    Asia/Taipei), else for a Chinese page its host's country domain (.hk), else Asia/Shanghai;
    None for other pages (an English page's zone cannot be told from its language)."""
    lang = (language or "").split("-")[0].split("_")[0].strip().lower()
    # Chinese text decides, whatever the tag: Chinese CMS templates often declare lang="en".
    if not chinese and lang != "zh":
        return None
    region = (_region_of_tag(language) if lang == "zh" and language else None) or _host_region(url)
    return REGION_ZONES.get(region or "", CHINESE_DEFAULT_ZONE)


def check_zone(name: str) -> str:
    """An IANA zone name, or ValueError saying it is not one (for the settings check)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r} (use an IANA name such as Asia/Shanghai)") from exc
    return name


def _offset_label(dt: datetime) -> str:
    offset = dt.utcoffset() or timedelta(0)
    total = int(offset.total_seconds() // 60)
    sign = "+" if total >= 0 else "-"
    return f"{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"


def localise(value: str | None, zone: str | None) -> tuple[str | None, str | None]:
    """(published_at as the page's local time, published_tz) for a parsed value.

    - A stated offset is kept as stated; published_tz is that offset ("+08:00"), or the zone
      when the instant is UTC and the page's zone is known (then shown in local time: an epoch
      or a `…Z` meta value of a Beijing page reads 2024-12-06T00:37:14+08:00).
    - A time without a zone takes `zone` (the source's configured one or the inferred one).
    - A date without a time stays a date; published_tz still names the zone its day is in.
    - Unparseable values are returned unchanged with no zone."""
    if not value:
        return value, None
    if len(value) == 10:
        return value, zone
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return value, None
    if dt.tzinfo is None:
        if not zone:
            return value, None
        return dt.replace(tzinfo=ZoneInfo(zone)).isoformat(), zone
    if zone and dt.utcoffset() == timedelta(0):
        return dt.astimezone(ZoneInfo(zone)).isoformat(), zone
    return value, _offset_label(dt)


def to_utc(value: str | None) -> datetime | None:
    """ISO 8601 date or datetime → aware UTC datetime, for the Parquet `published_at`.

    An offset converts exactly. A date alone is midnight UTC of that day (a date stays its day).
    A time with no zone — only where none was stated, configured or inferable — is kept as
    written, labelled UTC (published_tz is then null). Unparseable values give None."""
    if not value:
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)
