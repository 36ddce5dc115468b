"""The document's own title among the first lines of a text without markup.

Real scraped 范文/公文 texts put many short lines above the body: site names, page titles with
collection decorations, collection headings and labels, 目录 blocks, 文号 and date lines, the
salutation. The title is chosen among the title-like lines of that head:

- never the salutation or 主送 line (a line ending in a colon: "各位领导、同志们:") nor a marker-led
  line ("一、准备充分"): the title comes before both, so they end the head;
- never a page title with a 范文 decoration or a collection heading followed by its label
  ("城管局副局长述职报告" above "城管局副局长述职报告篇1"), nor a truncated page title ("《广东省…实行");
- past a 目录/提纲 block;
- a line naming its 文种 is preferred ("中国人民政治协商会议…工作报告" over the site name above it),
  the one nearest the body when a page headline above it names one too;
- a title broken over line breaks is joined: the 文种 line with the lines above it up to the one
  with 关于, and the issuer lines above that ("郴州市中级人民法院 / … / 关于敦促…的通告");
- where line breaks were lost, the title is the head of the first line, before a space, a 文号 or
  the salutation ("…的实施意见 浙政发[2009]69号 …", "…大会上的讲话同志们:今天…").
Decorations are stripped from the chosen line: 最新…, 第1篇 …, …(15篇), and a 文号 in brackets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from docpipe import patterns
from docpipe.config import StructureSettings
from docpipe.clean.noise import chrome_reason, strip_inline
from docpipe.structure.doctype import doc_type_from_body, doc_type_from_title
from docpipe.structure.normalize import analysis_view
from docpipe.structure.outline import match_marker

# Every threshold of the title choice is a field of StructureSettings (title_*, docpipe/config.py),
# with the case behind its value; the functions take the settings (default: StructureSettings()).

_SENTENCE_END = re.compile(r"[。！？!?；;]|[.](?:\s|$)")
_COLON_END = re.compile(r"[:：]\s*$")
_NON_WORD = re.compile(r"[\W_]+")
_CLAUSE_COMMA = re.compile(r"[,，]")


@lru_cache(maxsize=1)
def default_settings() -> StructureSettings:
    return StructureSettings()


@dataclass(frozen=True)
class TitleMatch:
    title: str | None  # None: no title, but the head lines up to `end` are the page's, not the body's
    start: int  # index of the first title line
    end: int  # index after the last title line
    remainder: str | None = None  # the rest of a glued first line (body text)


def _plain(line: str) -> str:
    """The analysis view without injected pinyin ("關(guān)于" reads as 关于)."""
    view = analysis_view(line)
    return patterns.NOISE_PINYIN.sub("", view) if "(" in view else view


def strip_title_decoration(title: str, cfg: StructureSettings | None = None) -> str:
    """"最新“走进春天”…方案" → "“走进春天”…方案"; "第1篇 市政府…讲话稿" → "市政府…讲话稿";
    "征收土地预公告(昌政征启公告〔2024〕05号)" → "征收土地预公告"."""
    numbered = patterns.STRUCT_TITLE_NUMBERED_HEADLINE.match(title.strip())
    if numbered:
        title = numbered.group("title")
    out = patterns.STRUCT_TITLE_DECORATION_HEAD.sub("", title.strip())
    out = patterns.STRUCT_TITLE_DECORATION_TAIL.sub("", out).strip()
    return _document_copy(_without_speaker_date(out or title.strip()), cfg or default_settings())


def _without_speaker_date(title: str) -> str:
    """"…表态发言遂昌县县长童森军(2026 年 2 月 6 日)" → "…表态发言": the speaker and the dated bracket after the 文种 word
    of a title whose line breaks were lost."""
    if not title.endswith((")", "）")) or "年" not in title:
        return title
    # the shortest head naming its 文种 (doc_type_from_title reads a 文种 word inside a longer title too)
    for end in range(4, len(title)):
        if doc_type_from_title(title[:end]) is not None:
            return title[:end] if patterns.STRUCT_TITLE_SPEAKER_DATE_TAIL.match(title[end:]) else title
    return title


def _document_copy(title: str, cfg: StructureSettings) -> str:
    """"县长在…座谈会上讲话县长在…座谈会上的讲话" → "县长在…座谈会上的讲话": a page headline glued to the
    document's own title line (line breaks lost) — both name the 文种 and open alike; the
    document's line, the later one, is the title (as where the lines are apart)."""
    prefix = cfg.title_copy_prefix
    head = title[:prefix]
    at = title.find(head, prefix) if len(head) == prefix else -1
    if at > 0 and doc_type_from_title(title[:at]) is not None and doc_type_from_title(title[at:]) is not None:
        return title[at:]
    return title


def _is_toc_heading(view: str) -> bool:
    return bool(patterns.STRUCT_TOC_HEADING.match(view))


def _is_toc_entry(view: str) -> bool:
    return bool(patterns.STRUCT_TOC_ENTRY.search(view))


def _stops_head(view: str, cfg: StructureSettings) -> bool:
    """The salutation, a 主送 line or a marker-led line: the title is above them. (A bare form
    label such as "主题:" of a government page is not a salutation.)"""
    colon = _COLON_END.search(view)
    return bool(
        colon and len(view[: colon.start()].strip()) > cfg.title_form_label_chars
        or colon and patterns.STRUCT_RECIPIENTS_MANY.match(view)  # a short 主送 line: "各乡镇:"
        or patterns.STRUCT_SALUTATION.match(view)
        or match_marker(view, 0, False)
    )


def _skip_line(view: str) -> bool:
    """Title-like lines that are not the document's title."""
    return bool(
        patterns.STRUCT_TITLE_PAGE_DECORATION.search(view)  # "…范文五篇-…", "2024年…總結範文和…"
        or view.count("《") > view.count("》")  # a truncated page title: "《广东省…实行"
        or patterns.STRUCT_SUBTITLE_DASH.match(view)  # "——某县政府督查室关于…" belongs to the line above
        or patterns.STRUCT_DOC_NUMBER.fullmatch(view.strip())
        or patterns.STRUCT_DATE_LINE.match(view.strip("() "))
        or _page_meta(view)
    )


def _opens_broken_title(view: str, lines: Sequence[str], at: int) -> bool:
    """A line that opens a 《 the next line closes: a title broken inside its book title ("…實施《國家農村義務教育學生"
    / "營養改善計劃》試點方案的通知", jeevanhouse.com in tests/fixtures/structure_pages), not a truncated page title."""
    if view.count("《") <= view.count("》"):
        return False
    after = next((line for line in lines[at + 1:] if line.strip()), "")
    return after.count("》") > after.count("《")


def _page_meta(view: str) -> bool:
    return bool(patterns.STRUCT_TITLE_FIELD_LINE.match(view)) or _timestamped(view)


def _past_page_meta(lines: Sequence[str], end: int) -> int:
    """The index after the page's timestamp and field lines right under the title (they are the
    page's, not the body's: "2018年8月17日23:55:20…已关闭评论" under its headline)."""
    k = end
    while k < len(lines):
        if lines[k].strip():
            if not _page_meta(_plain(lines[k]).strip()):
                break
            end = k + 1
        k += 1
    return end


def _runs_on(view: str, cfg: StructureSettings) -> bool:
    """A body sentence that lost its 。: long and in several clauses ("*鎮新農村建設工作隊通過走訪…進行了調研,
    根據…情況,結合…資料,對該鎮形成如下調研報告"); a title is short or has at most one comma."""
    return len(view) > cfg.title_clause_chars and len(_CLAUSE_COMMA.findall(view)) >= cfg.title_max_commas + 1


def _timestamped(view: str) -> bool:
    """A line carrying a site's timestamp ("2018年8月17日23:55:20乡镇…报告已关闭评论", "时间:2023-10-02
    01:09:01"): a date with a time of day, or an ISO date. A title may name a year or a day
    ("2024年工作总结", "关于6月5日…的通报"), never the minute the page was posted."""
    if not any(ch.isdigit() for ch in view):
        return False
    return any(m.group("clock") or m.group("iso") for m in patterns.NOISE_META_DATETIME.finditer(view) if m.group(0))


def _glued_title(line: str, cfg: StructureSettings) -> TitleMatch | None:
    """The title at the head of a first line that lost its line breaks."""
    head = line[:cfg.title_glued_chars]
    view = _plain(head)
    # "县长在…的讲话 文章标题:县长在 20xx 年…的讲话 同志们:…": a document site's title field, when there
    # is one, is the document's own title (the headline before it is the page's).
    label = patterns.STRUCT_TITLE_FIELD.search(view)
    sal = patterns.STRUCT_GLUED_SALUTATION_START.search(view, label.end()) if label else None
    if label and sal and not _SENTENCE_END.search(view, label.end(), sal.start()):
        title = head[label.end():sal.start()].strip()
        if doc_type_from_title(title) is not None:
            return TitleMatch(title, 0, 1, line[sal.start():])
    # Space-separated segments: "公函范本范文 商务公函格式范文 中国科学院…的函 大学:" — decorations skipped.
    pos = 0
    for segment in head.split(" "):
        seg_view = _plain(segment)
        start, pos = pos, pos + len(segment) + 1
        if not segment or patterns.STRUCT_TITLE_PAGE_DECORATION.search(seg_view):
            continue
        # (a segment that leaves a bracket open was cut inside it: "…童森军(2026 年 2 月 6 日)各位代表:…" is read below)
        if _SENTENCE_END.search(seg_view) or len(segment) > cfg.title_max_chars or pos >= len(line) \
                or seg_view.count("(") > seg_view.count(")"):
            break
        if doc_type_from_title(segment) is not None:
            return TitleMatch(strip_title_decoration(segment, cfg), 0, 1, line[start + len(segment):].strip())
        break
    # "县委书记在…大会上的讲话同志们:今天…": the title runs up to the salutation.
    sal = patterns.STRUCT_GLUED_SALUTATION_START.search(view)
    if sal and sal.start() >= 4 and not _SENTENCE_END.search(view[: sal.start()]):
        title = head[: sal.start()]
        if doc_type_from_title(title) is not None:
            return TitleMatch(strip_title_decoration(title, cfg), 0, 1, line[sal.start():])
    # "二心语文}创%素材[库:https://www.xinyuwenchuang.cn/。公众@号:笔杆子星域。整理汇总。XX镇2023年政府工作报告各位代表:…":
    # a site's watermark (its address, then short sentences) glued before the title; the title runs from the
    # watermark's last sentence end to the salutation.
    if sal:
        ends = [m.end() for m in _SENTENCE_END.finditer(view, 0, sal.start())]
        cut = ends[-1] if ends else 0
        title = head[cut:sal.start()].strip()
        if 0 < cut <= cfg.title_watermark_chars and patterns.STRUCT_TITLE_WATERMARK_ADDRESS.search(view, 0, cut) \
                and len(title) >= 4 and doc_type_from_title(title) is not None:
            return TitleMatch(strip_title_decoration(title, cfg), 0, 1, line[sal.start():])
    return None


def _is_bare_type(line: str, cfg: StructureSettings) -> bool:
    return len(_plain(line).strip()) <= cfg.title_section_name_chars and doc_type_from_title(line) is not None


def fanwen_page_title(lines: Sequence[str], first: int = 0, cfg: StructureSettings | None = None) -> TitleMatch | None:
    """With no title-like line, a head line that is a title plus 范文 ("商城开业庆典致辞范文") gives the
    title without the decoration (structure_real's convention: a decoration is dropped when a
    contiguous title remains)."""
    cfg = cfg or default_settings()
    seen = 0
    for i in range(first, len(lines)):
        if not lines[i]:
            continue
        seen += 1
        if seen > cfg.title_head_lines or _SENTENCE_END.search(_plain(lines[i])):
            break
        m = patterns.STRUCT_TITLE_FANWEN_SUFFIX.match(lines[i].strip())
        # named by its 文种, or given twice (page headline and document line: "乡镇2021年工作规划范文" ×2)
        repeated = sum(1 for line in lines[first:] if line.strip() == lines[i].strip()) > 1
        if m and (doc_type_from_title(m.group("title")) is not None or repeated) \
                and chrome_reason(lines[i]) in (None, "collection_label"):
            return TitleMatch(strip_title_decoration(m.group("title"), cfg), i, i + 1)
    return None


def _title_size(line: str) -> int:
    """Ideographs of a Chinese line (a site name "小伞文学网" has 5, a title without a 文种 word 14-23
    in the real scraped sets), letters of a line without any."""
    view = _plain(line)
    ideographs = len(patterns.IDEOGRAPH.findall(view))
    return ideographs or len(patterns.STRUCT_TITLE_WORD_CHAR.findall(view))


def _fallback_score(line: str, position: int, repeated: bool, cfg: StructureSettings) -> tuple[int, int, int, int]:
    """How title-like a head line that names no 文种 is, compared among the head's candidates:
    - given twice (the page's headline, then the document's own title line: "振奋精神 转变观念
      搞好第二次创业" twice, then the byline "…党委书记  叶国平") wins;
    - then a line long enough for a title (title_fallback_min_chars) over a shorter one (a site
      name, an author, a user name "guest", a label "管理成员" left among the head lines);
    - then the longer line (a headline over a doubled widget label "开始时间 开始时间");
    - then the line nearest the body (site chrome sits above the title)."""
    size = _title_size(line)
    return (int(repeated), int(size >= cfg.title_fallback_min_chars), size, position)


def find_title(
    lines: Sequence[str], first: int = 0, cfg: StructureSettings | None = None, body_follows: bool = False
) -> TitleMatch | None:
    """The title among lines[first:] (one entry per line, '' for empty or dropped lines).
    body_follows: the lines are only the head, cut at the page's site/date line, and the body
    comes after them."""
    cfg = cfg or default_settings()
    candidates: list[int] = []
    seen = 0
    in_toc = False
    listed = 0  # after the last bulleted line among the head lines (they are the page's)
    lines = [strip_inline(line, keep_pinyin=True) if line.strip() else "" for line in lines]
    for i in range(first, len(lines)):
        line = lines[i]
        if not line:
            continue
        seen += 1
        if seen > cfg.title_head_lines:
            break
        reason = chrome_reason(line)
        if reason == "collection_label" and candidates:
            # "城管局副局长述职报告" above its label "城管局副局长述职报告篇1" is the collection's heading.
            label = _plain(line)
            if label.startswith(_plain(lines[candidates[-1]]).strip()):
                candidates.pop()
            continue
        if reason is not None:
            continue
        view = _plain(strip_title_decoration(line, cfg)).strip()
        if _is_toc_heading(view):
            in_toc = True
            continue
        if in_toc and _is_toc_entry(view):
            continue
        in_toc = False
        # (measured without injected pinyin: "嘉興…關(guān)于表彰…的決定" is 60 characters read, 95 written)
        if len(view) > cfg.title_max_chars or _SENTENCE_END.search(view) or _runs_on(view, cfg):
            if not candidates and seen == 1 and match_marker(view, 0, False) is None:
                glued = _glued_title(line, cfg)
                if glued is not None:
                    return TitleMatch(glued.title, i, i + 1, glued.remainder)
            break
        if patterns.STRUCT_TITLE_FORM_LABEL_ROW.match(view) and not patterns.STRUCT_SALUTATION.match(view):
            continue  # "文号: 关键字:": a metadata table's empty fields, not the salutation
        if _stops_head(view, cfg):
            break
        if patterns.STRUCT_TITLE_BULLET_LINE.match(view):
            listed = i + 1  # "• 上传人(卖家):淡然人生": an entry of the page's list, never the title
            continue
        if patterns.STRUCT_TITLE_EDITION_NOTE.fullmatch(view):
            continue  # "(征求意見稿)" under the title: the document's edition note, not a line of its title
        masked = len(patterns.STRUCT_TITLE_MASK.findall(view)) * 2 > len(view.replace(" ", ""))
        if (_skip_line(view) and not _opens_broken_title(view, lines, i)) or masked or not patterns.STRUCT_TITLE_HAS_WORD.search("".join(view.split())):
            continue
        candidates.append(i)
    # A bare 文种 word above another title-like line is a category or section label ("心得体会" over
    # "赴西柏坡学习有感", "重要通告" over "关于…的通告"); alone, or nearest the body, it may be the title.
    candidates = [i for n, i in enumerate(candidates) if n + 1 == len(candidates) or not _is_bare_type(lines[i], cfg)]
    if not candidates:
        return fanwen_page_title(lines, first, cfg)
    named = [i for i in candidates if doc_type_from_title(lines[i]) is not None]
    # When a page headline and the document's own title line both name a 文种 and differ, the
    # document's line (the one nearer the body) is the title.
    chosen = named[-1] if named else None
    for n, i in enumerate(candidates):
        if i != chosen:
            continue
        start = i
        if "关于" not in _plain(lines[i]):
            above = candidates[max(0, n - cfg.title_join_lines + 1):n]
            with_about = [k for k in above if "关于" in _plain(lines[k])]
            if with_about:
                start = with_about[0]
        # Issuer lines right above: "郴州市中级人民法院 / 郴州市人民检察院 / 郴州市公安局" — above a title with
        # 关于 (the issuer is its subject: "郴州市公安局关于敦促…的通告"), not above a title that names itself ("宁夏回族自治区政府" under one copy
        # of "宁夏回族自治区社会办医和个体行医管理办法" and above the next: law911.infoeach.com, tests/fixtures/structure_pages).
        pos = candidates.index(start)
        about = "关于" in _plain(lines[start])
        while (
            pos > 0
            and about
            # right above: no line between but empty ones ("嵊州市人民政府" over the page's breadcrumb and metadata
            # table is the site's banner: szzj.gov.cn in tests/fixtures/structure_pages)
            and not any(lines[k].strip() for k in range(candidates[pos - 1] + 1, candidates[pos]))
            and len(lines[candidates[pos - 1]].strip()) <= cfg.title_issuer_max_chars
            # "最高人民法院" above "最高人民法院关于…的复函" is the issuer line of the body, not part of it
            and not _plain(lines[candidates[pos]]).strip().startswith(_plain(lines[candidates[pos - 1]]).strip())
            # (letter-spaced to the title's width: "五 華 縣 人 民 政 府" above "關于…的通告", footfavors in structure_real_9 tuning)
            and patterns.STRUCT_ORG_SUFFIX.search("".join(_plain(lines[candidates[pos - 1]]).split()))
        ):
            pos -= 1
        # an issuer line's spaces are its letter spacing, not text
        first = candidates.index(start)
        parts = ["".join(lines[k].split()) for k in candidates[pos:first]] + [lines[k].strip() for k in candidates[first:n + 1]]
        return TitleMatch(strip_title_decoration("".join(parts), cfg), candidates[pos], _past_page_meta(lines, i + 1))
    # No line names a 文种: the candidates are scored (_fallback_score), and the best is the title
    # when it is long enough and running text follows it.
    keys = [_NON_WORD.sub("", _plain(lines[k])) for k in candidates]
    scored = [(_fallback_score(lines[k], n, keys.count(keys[n]) > 1 if keys[n] else False, cfg), k)
              for n, k in enumerate(candidates)]
    i = max(scored)[1]
    later = [line for line in lines[i + 1:] if line.strip()]
    size = _title_size(lines[i])
    if size < cfg.title_fallback_min_chars:
        # (not alone above a page's bulleted list: "上传文档赚钱" over the file metadata "• 上传人(卖家):…" of a
        # document site, 163wenku in tests/fixtures/structure_real_8 tuning)
        alone = len(candidates) == 1 and not listed
        if alone and size >= cfg.title_alone_min_chars and doc_type_from_body("\n".join(later)) is None:
            # a short line alone above the body is its title ("秋日里的老街" over an essay) — not above
            # a 公文 whose body says its 文种 (特此公告): its title would name it
            pass
        elif not alone or size >= cfg.title_alone_min_chars:
            # "小伞文学网" / "小伞": the site and author of a collection page; "开启全网商机" a site's
            # slogan above a 公告: no title, and those short lines above the body are the page's
            return TitleMatch(None, candidates[0], max(candidates[-1] + 1, listed))
        else:
            return None  # "| 郭家2": too short to be a title, and alone
    if body_follows or later and any(len(line) > len(lines[i]) for line in later[:cfg.title_fallback_body_lines]):
        return TitleMatch(strip_title_decoration(lines[i], cfg), i, _past_page_meta(lines, i + 1))
    return None
