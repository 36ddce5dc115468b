"""The one noise module of docpipe: what is not document text, for the clean and structure stages.

Both stages call the same functions, so one kind of noise gets one decision (the structure stage
re-applies them as a guard for inputs that did not come through this cleaner; every rule is
idempotent, so cleaned text passes unchanged).

Two kinds of noise:

- **Chrome lines** (`chrome_reason`): a whole line that belongs to the page, not the document —
  page counters, Discuz jammer-only lines, breadcrumbs, 来源/时间/浏览 lines, government
  metadata tables, doc-site fields (格式/大小/页数), paywall and membership notes, widget labels
  (显示全文, 扫一扫…), social widgets (follow prompts, comment counters, share targets and
  instructions, 【打印】【关闭】 bars), collection labels (…篇1, 第1篇, 合集15篇), keyword bars, CSS and tag
  fragments. Each has a reason code; `filter_lines` returns the dropped lines with their reasons
  (CleanDocument.dropped for text scrapes).
- **Inline noise** (`strip_inline`): Discuz jammer runs glued to a line, 第 3 页 共 12 页 inside a
  line, hidden-text marks (……此处隐藏20613个字……), a law database's 【已废止】 annotation, truncation
  runs (…………) and a 范文 site's intro
  sentence glued before the body (下面是小编为大家整理的…,供大家参考。).

Decisions kept on purpose:
- Pinyin glosses after characters: a lone gloss ("局長(zhǎng)") is an annotation and is removed; a
  document that carries them throughout (總結(jié), 發(fā)展, 區(qū)委 … — sites that render traditional text
  with injected pinyin) is *kept as written* (`systematic_pinyin`): that is the page's text, and
  the real scraped sets quote titles and headings with it (../shared/eval/structure_real/SOURCES.md, "as written").
- A bare number of 1–3 digits on its own line is a page or chunk number; a 4-digit one may be a
  year ("2024" above a 落款) and is kept.
- A jammer run must mix letters and digits and carry symbols in at least two tokens: Discuz
  jammers always do ("i( j( e7 Z2 {! |0 K"); product codes ("型号 A1 B2 C3") and option letters
  ("A) B) C)") do not, and are text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docpipe import pattern_gate, patterns

_HAS_CJK = re.compile(r"[\u3400-\u9fff]").search
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
# A year (19xx/20xx): every match of patterns.NOISE_META_DATETIME holds one.
_YEAR = re.compile(r"(?:19|20)\d\d").search
# Lines on which these cannot match are not searched (docpipe.pattern_gate: all their labels
# and markers are Chinese).
_META_FIELD = pattern_gate.Opening(patterns.NOISE_META_FIELD)
_COLLECTION_PREFIX = pattern_gate.Opening(patterns.NOISE_COLLECTION_PREFIX)
# The chrome-line patterns for a line with a CJK character and for one without (their order
# kept), each with the characters the line must hold before it can match (derived from the
# pattern by docpipe.pattern_gate): most are Chinese and are never run on a line without a CJK
# character; the css one needs a ':' and a ';' or a '{'.
_CHROME_LINES_BY_SCRIPT = {
    high: tuple(
        (reason, pattern, checks)
        for reason, pattern in patterns.NOISE_CHROME_LINES
        if (checks := pattern_gate.gate(pattern).checks(high)) is not None
    )
    for high in (False, True)
}


def _fold_spaces(line: str) -> str:
    """_SPACES.sub(" ", line), skipped where it changes nothing (no tab, no ideographic or
    no-break space, no two spaces in a row): most lines only have single spaces."""
    if "  " in line or "\t" in line or "\u3000" in line or "\u00a0" in line:
        return _SPACES.sub(" ", line)
    return line
# Jammer tokens are 1–3 printable ASCII characters; a run needs at least this many tokens.
JAMMER_MIN_TOKENS = 3
# ... and at least this many tokens carrying a symbol ("c9 R- ~'" has two).
JAMMER_MIN_SYMBOL_TOKENS = 2
# A document with at least this many pinyin glosses carries them throughout (the site's rendering).
PINYIN_SYSTEMATIC_MIN = 3
# "选项 A、…" "B、…" "C、…" "D、…": an exam page lists four options.
EXAM_OPTIONS = 4
# The value under a label-only metadata line ("• 索引号:" then "6107280000/2024-001005") is short.
META_VALUE_CHARS = 30
# ... and a value without digits is a short word ("县政府网站"), not a title that follows the table.
META_VALUE_WORD_CHARS = 8
_SENTENCE_END_CHARS = re.compile(r"[。！？!?；;]")
# A teaser (the page's summary of the opening, repeated in full below) is looked for among the
# first lines and must be at least this long to be told from a repeated title.
TEASER_HEAD_LINES = 8  # 4 before the xunlv.cn probe (tests/fixtures/structure_pages): a date, a reader count and
# three tag lines sat between its title and its teaser
TEASER_MIN_CHARS = 40
# Chrome lines are short; a long line is running text even when it starts like chrome.
CHROME_MAX_CHARS = 160
# A document site's text chunk is long: a chunk number follows a cut-off line of at least this length.
CHUNK_MIN_CHARS = 60
# "时间:2022-05-07 14:44:19 模板 我要投稿": a 来源/时间 line may keep a short category word.
META_LEFTOVER_CHARS = 4
# How many spaces between two non-ASCII characters (patterns.NOISE_CJK_SPACE) make a line whose breaks were lost into spaces.
LOST_BREAK_SPACES = 2
# A collection page's intro paragraph (a sentence or two, then its question: duzhishi.com has 60 characters) is short.
SITE_INTRO_MAX_CHARS = 200
# A page-button row ("【打印本页】 【关闭窗口】") is short.
WIDGET_ROW_MAX_CHARS = 60


@dataclass(frozen=True)
class Dropped:
    """A line left out of the document, and why (a reason code of `chrome_reason`)."""

    line: str
    reason: str


# ---- jammer --------------------------------------------------------------------------------


def _is_jammer_run(tokens: list[str]) -> bool:
    if len(tokens) < JAMMER_MIN_TOKENS:
        return False
    joined = "".join(tokens)
    if not (any(c.isalpha() for c in joined) and any(c.isdigit() for c in joined)):
        return False
    return sum(1 for t in tokens if not t.isalnum()) >= JAMMER_MIN_SYMBOL_TOKENS


def _drop_jammer(match: re.Match[str]) -> str:
    run = match.group(0)
    tokens = run.split()
    if not _is_jammer_run(tokens):
        return run
    # "…道理)4 o+ }1": the ')' closes a bracket opened in the text before it, so it is text.
    before = match.string[: match.start()]
    stripped = run.lstrip()
    keep_head = stripped[:1] if stripped[:1] in ")]" and before.count("(") + before.count("[") > before.count(")") + before.count("]") else ""
    # "…j8 f/ d 1.首部。": an outline marker glued to the text after the run is the text's own.
    last = tokens[-1]
    glued_to_text = match.end() < len(match.string) and not match.string[match.end()].isascii()
    keep_tail = last if glued_to_text and patterns.NOISE_JAMMER_KEEP_MARKER.match(last) else ""
    return keep_head + (" " if keep_head and keep_tail else "") + keep_tail


def strip_jammer(line: str) -> str:
    """Remove Discuz jammer runs glued to Chinese text (a line without CJK is left alone)."""
    if not line or not _HAS_CJK(line):
        return line
    out = line
    # (The hint needs two spaces: most CJK lines have none and skip the costly substitution.)
    if line.count(" ") >= 2 and patterns.NOISE_JAMMER_HINT.search(line):
        out = patterns.NOISE_JAMMER.sub(_drop_jammer, out)
    out = patterns.NOISE_JAMMER_TIGHT.sub("", out)
    return out.strip() if out != line else line


def is_jammer_line(line: str) -> bool:
    """A line that is only a jammer run ("; G) X3 q. q/ q")."""
    tokens = line.split()
    return bool(tokens) and all(len(t) <= 3 and t.isascii() for t in tokens) and _is_jammer_run(tokens)


# ---- whole chrome lines ----------------------------------------------------------------------


def is_page_counter(line: str) -> bool:
    return bool(patterns.NOISE_PAGE_COUNTER.match(line))


def chrome_reason(line: str) -> str | None:
    """Why a whole line is page chrome, or None when it is document text."""
    text = _fold_spaces(line).strip()
    if not text:
        return None
    if "(" in text or "（" in text:
        text = patterns.NOISE_PINYIN.sub("", text)  # "相關(guān)推薦" is read as 相關推薦
        text = patterns.NOISE_PINYIN_PLAIN.sub("", text)  # "不代表本站(zhan)觀點(dian)" as 不代表本站觀點
    text = patterns.NOISE_BULLET.sub("", text) or text
    if is_page_counter(text):
        return "page_counter"
    if is_jammer_line(text):
        return "jammer"
    if len(text) > CHROME_MAX_CHARS:
        return None
    for reason, pattern, checks in _CHROME_LINES_BY_SCRIPT[pattern_gate.has_high(text)]:
        if (not checks or pattern_gate.holds(text, checks)) and pattern.search(text):
            return reason
    if _is_meta_line(text):
        return "meta_fields"
    if _is_widget_row(text):
        return "widget_row"
    return None


def _is_widget_row(text: str) -> bool:
    """A page-button row: two or more words, each a button word (patterns.NOISE_WIDGET_ROW_WORDS),
    or one that is a button alone (patterns.NOISE_WIDGET_ROW_ALONE_WORDS: "【纠错】", "我要评论")."""
    if len(text) > WIDGET_ROW_MAX_CHARS:
        return False
    words = [w for w in patterns.NOISE_WIDGET_ROW_SPLIT.split(text) if w]
    if len(words) == 1:
        return words[0] in patterns.NOISE_WIDGET_ROW_ALONE_WORDS
    return len(words) >= 2 and all(w in patterns.NOISE_WIDGET_ROW_WORDS for w in words)


def _fold_spaced_labels(text: str) -> str:
    """"名    称:蔚县…", "文    号:…", "主 题 词:": a table's label spaced out to the width of its column reads
    as the label (名称:, 文号:, 主题词:)."""
    if " " not in text:
        return text
    return patterns.NOISE_SPACED_LABEL.sub(lambda m: m.group(0).replace(" ", ""), text)


def _is_meta_line(text: str) -> bool:
    """来源/时间/浏览 lines and government metadata tables: every part of the line is a labelled
    field, a date or time, a count or a widget word, and at least one labelled field or a
    date with a time of day is there ("2024-07-17 来源:步旅网", "索引号: 0031/2019-00336 组配分类: …")."""
    rest = _fold_spaced_labels(text.strip("|｜ "))
    if _META_FIELD.may_match(rest):
        rest = patterns.NOISE_META_GLUED_LABEL.sub(" ", rest)
    # (no field and no year: no field, no date, not a meta line — most lines, English ones
    # without a search at all, since every label is Chinese)
    found = list(patterns.NOISE_META_FIELD.finditer(rest)) if _META_FIELD.may_match(rest) else []
    if not found and not _YEAR(rest):
        return False
    fields = [m.group("label") or m.group("slash") for m in found]
    # (a line without a year has no date match: the search, which tries every position, is
    # skipped there)
    dates = [m for m in patterns.NOISE_META_DATETIME.finditer(rest) if m.group(0)] if _YEAR(rest) else []
    # A slash credit line ("编辑/魏鹏霖") is a whole line by construction of its pattern.
    strong = any(patterns.NOISE_META_STRONG.match(label) for label in fields) or any(m.group("slash") for m in found)
    # A site's timestamp: a time of day or weekday, or an ISO date with something beside it.
    timed = any(m.group("clock") or m.group("weekday") or m.group("iso") and m.group(0) != rest for m in dates)
    if not (strong or timed or len(fields) >= 2 or fields and dates):
        return False
    rest = patterns.NOISE_META_FIELD.sub(" ", rest)
    rest = patterns.NOISE_META_DATETIME.sub(" ", rest)
    rest = patterns.NOISE_META_FILLER.sub(" ", rest)
    # A leftover category word ("模板", "正文") of at most META_LEFTOVER_CHARS characters is allowed.
    return len(re.sub(r"[\s|｜\-—:：·]", "", rest)) <= META_LEFTOVER_CHARS


# ---- inline noise ----------------------------------------------------------------------------


def systematic_pinyin(texts: Iterable[str]) -> bool:
    """True when the document carries pinyin glosses throughout (keep them as written)."""
    count = 0
    for text in texts:
        if "(" in text or "（" in text:
            count += len(patterns.NOISE_PINYIN.findall(text))
            if count >= PINYIN_SYSTEMATIC_MIN:
                return True
    return False


def strip_inline(line: str, keep_pinyin: bool = False) -> str:
    """The line without jammer runs, inline page counters, hidden-text and truncation marks, a
    范文 site's intro sentence glued before the body, and (unless keep_pinyin) pinyin glosses."""
    out = strip_jammer(line)
    jammed = out != line
    if not keep_pinyin and ("(" in out or "（" in out):
        out = patterns.NOISE_PINYIN.sub("", out)
    # Both page-counter forms hold 页; the "- 3 -" form needs two dashes (an English line with one
    # hyphen was searched at every position for nothing: 0.7 s over the 550 pages' lines).
    if "页" in out or "-" in out and out.count("-") + out.count("—") + out.count("–") >= 2:
        out = patterns.NOISE_PAGE_INLINE.sub(" ", out)
    if "字" in out:  # both forms of a hidden-text mark end in …个字
        out = patterns.NOISE_HIDDEN_TEXT.sub("", out)
    if "共" in out:
        out = patterns.NOISE_WORD_COUNT.sub("", out)
    if "编者按" in out:
        out = patterns.NOISE_EDITOR_NOTE.sub("", out)
    if "【" in out:
        out = patterns.NOISE_SITE_ANNOTATION.sub("", out)
    if "…" in out or "......" in out or "。。。" in out:  # what a truncation run is made of
        out = patterns.NOISE_TRUNCATION_TAIL.sub("", out)
    intro = None
    if "小编" in out or "小編" in out or "本站" in out or "篇" in out:
        # matched on the simplified form ("僅供參考,歡迎大家閱讀"); positions are the same
        from docpipe.structure.normalize import to_simplified

        intro = patterns.NOISE_SITE_INTRO.search(to_simplified(out))
    if intro:
        # The site's preamble before its "下面是小编整理的…" sentence is the site's too.
        out = out[intro.end():].lstrip()
    label = patterns.NOISE_COLLECTION_PREFIX.match(out) if _COLLECTION_PREFIX.may_match(out) else None
    if label:
        out = out[label.end():]
    if out != line:
        out = _SPACES.sub(" ", out).strip()
        # A space left where a run or a mark sat between two Chinese characters is not text — unless no jammer run was
        # cut and the line already parted Chinese words by spaces (LOST_BREAK_SPACES or more): those are the paragraph
        # breaks of a text that lost its line breaks ("…工作方案 一、背景与目标 随着…" with a page counter cut from its end,
        # qq.com in structure_real_4 tuning).
        if jammed or len(patterns.NOISE_CJK_SPACE.findall(line)) < LOST_BREAK_SPACES:
            out = patterns.NOISE_CJK_SPACE.sub("", out)
    if ("|" in out or "｜" in out) and _HAS_CJK(out):
        # (after the space clean-up above, which is for the gaps jammer runs leave: the spaces of a line whose breaks
        # were lost are its paragraph breaks, "…的通知 各旗市区人民政府,…: 为进一步… |")
        out = patterns.NOISE_TABLE_TAIL.sub("", out)
    return out


def simplified_view(text: str) -> str:
    """The text in simplified characters, what the Chinese line patterns are written in (most name
    no traditional form): the HTML filter judges a traditional-script line ("責任編輯：", "相關新聞")
    as its simplified form too (clean/html/emission.py). A text without a Han character is
    returned as it is."""
    if not _HAS_CJK(text):
        return text
    from docpipe.structure.normalize import to_simplified

    return to_simplified(text)


def clean_line(line: str, keep_pinyin: bool = False) -> str:
    """'' for a chrome line, else the line without inline noise (stripped)."""
    if chrome_reason(line) is not None:
        return ""
    stripped = line.strip()
    out = strip_inline(stripped, keep_pinyin)
    # Only a line that inline stripping changed can have become chrome ("…此处隐藏…" left only a
    # counter behind); an unchanged one was judged above (chrome_reason folds spaces itself).
    if out and out != stripped and chrome_reason(out) is not None:
        return ""
    return out


def block_chrome(lines: Sequence[str]) -> dict[int, str]:
    """Chrome that only a run of lines shows, by line index: a CSS block of a document-site export
    ("p {" / "text-indent: 2em;" / "}"), the answer options of an exam page ("选项 A、…" "B、…" "C、…"
    "D、…", "答案A"), and a teaser line that repeats the opening of the body further down."""
    found: dict[int, str] = {}
    in_css = False
    for i, line in enumerate(lines):
        text = line.strip()
        if patterns.NOISE_CSS_OPEN.match(text):
            in_css = True
        if in_css and text:
            found[i] = "css"
            if "}" in text:
                in_css = False
    letters = [(i, m.group("letter")) for i, line in enumerate(lines) if (m := patterns.NOISE_EXAM_OPTION.match(line.strip()))]
    for start in range(len(letters)):
        run = letters[start:start + EXAM_OPTIONS]
        if len(run) == EXAM_OPTIONS and "".join(c for _, c in run) == "ABCD"[:EXAM_OPTIONS]:
            found.update({i: "exam_option" for i, _ in run})
            for j in range(run[-1][0] + 1, min(len(lines), run[-1][0] + 3)):
                if patterns.NOISE_EXAM_ANSWER.match(lines[j].strip()):
                    found[j] = "exam_option"
    # "• 索引号:" / "6107280000/2024-001005": a metadata table with each value on the line under its
    # label; the value line goes with the label line (a 文号 value is the document's own and stays).
    for i, line in enumerate(lines[:-1]):
        text = patterns.NOISE_BULLET.sub("", line.strip())
        if patterns.NOISE_META_LABEL_ONLY.match(text) and _is_meta_line(text):
            j = next((k for k in range(i + 1, min(len(lines), i + 3)) if lines[k].strip()), None)
            value = patterns.NOISE_BULLET.sub("", lines[j].strip()) if j is not None else ""
            if (
                j is not None and not patterns.NOISE_META_LABEL_ONLY.match(value)
                and (len(value) <= META_VALUE_CHARS and any(c.isdigit() for c in value) or len(value) <= META_VALUE_WORD_CHARS)
                and not _SENTENCE_END_CHARS.search(value) and not patterns.STRUCT_DOC_NUMBER.search(value)
            ):
                found.setdefault(j, "meta_fields")
    # "标题: 重庆市…的通知" between "发布日期: 2021-03-15" and "主题分类: 人事工作": a labelled field inside a metadata
    # table (its label alone names nothing: cqyc.gov.cn in tests/fixtures/structure_pages) is the table's too.
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for n, i in enumerate(filled[1:-1], 1):
        text = lines[i].strip()
        if patterns.NOISE_TABLE_FIELD.match(text) and i not in found and len(text) <= CHROME_MAX_CHARS:
            prev, after = lines[filled[n - 1]].strip(), lines[filled[n + 1]].strip()
            if _is_meta_line(patterns.NOISE_BULLET.sub("", prev)) and _is_meta_line(patterns.NOISE_BULLET.sub("", after)):
                found[i] = "meta_fields"
    compact = ["".join(line.split()) for line in lines]
    nonempty = [i for i, c in enumerate(compact) if c]
    # "第7章 通 报" on a page of "[例文1]", "[例文2]": the writing book's chapter, named after the 文种 its examples show,
    # is the book's apparatus like the example labels, not a heading of the examples
    if any(chrome_reason(lines[i]) == "example_label" for i in nonempty):
        from docpipe.structure.doctype import DOC_TYPES

        for i in nonempty:
            chapter = patterns.NOISE_BOOK_CHAPTER.match(lines[i].strip())
            if chapter and "".join(chapter.group("name").split()) in DOC_TYPES:
                found.setdefault(i, "book_chapter")
    # "…那么优秀的方案是什么样的呢?" right above "实施方案 1": a collection page's intro question above its first entry
    for prev, i in zip(nonempty, nonempty[1:]):
        text = lines[prev].strip()
        if prev not in found and len(text) <= SITE_INTRO_MAX_CHARS and patterns.NOISE_SITE_INTRO_QUESTION.search(text) \
                and chrome_reason(lines[i]) == "collection_label":
            found[prev] = "site_intro"
    for i in nonempty[:TEASER_HEAD_LINES]:
        # "推荐阅读:随着…,相反,": the page's label before the teaser and its cut-off clause are not compared
        teaser = patterns.NOISE_TEASER_LABEL.sub("", compact[i]).rstrip(".…,，")
        if len(teaser) >= TEASER_MIN_CHARS and teaser in "".join(compact[i + 1:]):
            found.setdefault(i, "teaser")
    return found


# A document site's watermark line: its name, then the page's title, once or twice ("腾讯文库2024年镇委建设项目推进工作方案",
# qq.com in structure_real_4 tuning). The name is short and names a site (patterns.NOISE_SITE_NAME_END).
TITLE_ECHO_SITE_CHARS = 8


def is_title_echo(line: str, title: str | None) -> bool:
    """A line that is a site's name followed by the page's title (once or twice): the site's watermark."""
    if not title:
        return False
    text, key = "".join(line.split()), "".join(title.split())
    if len(key) < 4 or key not in text:
        return False
    prefix, rest = text.split(key, 1)[0], text[text.index(key):]
    return 0 < len(prefix) <= TITLE_ECHO_SITE_CHARS and bool(patterns.NOISE_SITE_NAME_END.search(prefix)) and rest in (key, key * 2)


def strip_markup(text: str) -> str:
    """A text scrape that carries HTML source as text: block tags become line breaks, other tags
    and character entities go. Text with fewer than NOISE_MARKUP_MIN_TAGS tags is left as it is
    ("a<b" or one stray "<br>" is not a page's source)."""
    tags = patterns.NOISE_MARKUP_TAG.findall(text)
    if len(tags) < patterns.NOISE_MARKUP_MIN_TAGS:
        return text
    import html

    def repl(m: re.Match[str]) -> str:
        return "\n" if m.group("tag").lower() in patterns.NOISE_MARKUP_BLOCK_TAGS else ""

    return html.unescape(patterns.NOISE_MARKUP_TAG.sub(repl, text))


def chunk_numbers(lines: Sequence[str]) -> set[int]:
    """Lines that open with a document site's chunk number rather than a marker: the site splits the
    text into numbered chunks ("1、县政协…主持词 各位委员:…" … "请工作人员宣读大会秘" / "2、书名单(草案),…"),
    so the first line opens with 1、 and each later chunk number follows a long chunk cut off in
    mid-sentence (no sentence end, no colon). Returns the indices whose leading number is the site's."""
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    if not nonempty or not patterns.NOISE_CHUNK_NUMBER.match(lines[nonempty[0]].strip()):
        return set()
    found: set[int] = set()
    expected = 2
    for prev, i in zip(nonempty, nonempty[1:]):
        m = patterns.NOISE_CHUNK_NUMBER.match(lines[i].strip())
        before = lines[prev].strip()
        if m and int(m.group("num")) == expected and len(before) >= CHUNK_MIN_CHARS \
                and not patterns.NOISE_CHUNK_CUT_END.search(before):
            found.add(i)
            expected += 1
    return found | {nonempty[0]} if found else set()


def _site_intro(line: str, out: str) -> str | None:
    """The 范文 site's intro sentence that strip_inline took off the line, if it did."""
    if out == line or not ("小编" in line or "小編" in line or "本站" in line or "篇" in line):
        return None
    from docpipe.structure.normalize import to_simplified

    m = patterns.NOISE_SITE_INTRO.search(to_simplified(line))
    return line[: m.end()].strip() if m and line[: m.end()].strip() not in out else None


def filter_lines(lines: Iterable[str]) -> tuple[list[str], list[Dropped]]:
    """Cleaned non-empty lines, and the lines dropped with the reason of each (pinyin glosses are
    kept when the lines carry them throughout)."""
    lines = list(lines)
    keep_pinyin = systematic_pinyin(lines)
    kept: list[str] = []
    dropped: list[Dropped] = []
    for line in lines:
        if not line.strip():
            continue
        reason = chrome_reason(line)
        if reason is not None:
            dropped.append(Dropped(line.strip(), reason))
            continue
        out = strip_inline(line.strip(), keep_pinyin)
        intro = _site_intro(line.strip(), out)
        if intro:
            # kept where the structure stage can read the 文种 it names ("下面是小编为大家整理的街道工作总结…")
            dropped.append(Dropped(intro, "site_intro"))
        if out:
            kept.append(out)
        elif not intro:
            dropped.append(Dropped(line.strip(), "inline_only"))
    return kept, dropped
