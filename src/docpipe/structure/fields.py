"""Document-level fields: salutation, closing, speaker/occasion, and the 公文 header and footer
(发文机关, 文号, 主送, 附件, 落款 and 成文日期).

They sit at fixed places: the header and salutation before the first heading, the closing and
signature block at the end. Each is read from the analysis view (folded, simplified) and sliced
from the original text, so a traditional document reports 同志們 as written.
"""

from __future__ import annotations

import re

from docpipe import dates, patterns
from docpipe.structure.normalize import analysis_view

# How many paragraphs from the top can hold header fields or the salutation, and from the end
# the closing and signature block.
HEAD_WINDOW = 8
TAIL_WINDOW = 8
CLOSING_WINDOW = 3
# Speaker and date lines that may stand above the salutation ("X县县长 XXX" / "（…日）" / "同志们：").
SALUTATION_SKIP = 3
_TRAIL = re.compile(r"[\s,，、:：;；。！？!?]+$")
_HAS_SENTENCE_END = re.compile(r"[。！？!?;；]")


def iso_date(written: str) -> str:
    """2024年3月5日 / 二〇二四年三月五日 → 2024-03-05 (docpipe.dates); placeholders (202x年) stay as written."""
    return dates.parse_written_cn(analysis_view(written)) or written


def _byline_like(view: str) -> bool:
    """A speaker or date line above a salutation: "X县县长 XXX", "（202x年3月15日）" — short, no
    sentence or clause punctuation, or a date (in parentheses or not)."""
    text = view.strip()
    if patterns.STRUCT_DATE_LINE.match(text.strip("() ")):
        return True
    return 0 < len(text) <= patterns.STRUCT_BYLINE_MAX and not patterns.STRUCT_BYLINE_BREAK.search(text)


def find_salutation(paragraphs: list[str]) -> str | None:
    """'同志们' from '同志们:' (also glued to the first sentence); two-line salutations joined."""
    parts: list[str] = []
    skipped = 0
    for raw in paragraphs[: 3 + SALUTATION_SKIP]:
        view = analysis_view(raw)
        m = patterns.STRUCT_SALUTATION.match(view)
        if m and patterns.STRUCT_SALUTATION_WORDS.search(m.group("sal")) and len(m.group("sal")) <= 40:
            sal = raw[: m.end("sal")].strip()
            parts.append(sal)
            if view[m.end("sal"):].lstrip().startswith(":") or len(parts) == 2:
                break
            continue
        glued = patterns.STRUCT_SALUTATION_GLUED.match(view)
        if glued and not parts:
            parts.append(raw[: glued.end("sal")])
            break
        if not parts and skipped < SALUTATION_SKIP and _byline_like(view):
            skipped += 1  # the speaker's name or the date above "同志们："
            continue
        if parts or raw.strip():
            break
    if not parts:
        return None
    joined = parts[0]
    for part in parts[1:]:
        joined = (joined if _TRAIL.search(analysis_view(joined)) else joined + "，") + part
    return joined[: len(_TRAIL.sub("", analysis_view(joined)))]


def find_closing(paragraphs: list[str]) -> str | None:
    """The closing formula at the end: '谢谢大家！', '以上发言…请批评指正。', '特此通知。'."""
    for raw in reversed(paragraphs[-CLOSING_WINDOW:]):
        view = analysis_view(raw)
        m = patterns.STRUCT_CLOSING.search(view)
        if not m:
            continue
        # The closing sentence starts after the last sentence end before its formula; with a
        # half-width "." ("…确保安全度汛.谢谢大家!") that end can lie inside the match.
        ends = [e.end() for e in patterns.STRUCT_GLUE_END.finditer(view, 0, m.end())
                if _TRAIL.sub("", view[e.end():m.end()])]
        start = ends[-1] if ends else 0
        closing = raw[start:].strip()
        if len(closing) > 80:  # a formula, not the last paragraph of the speech
            closing = raw[start:m.end()].strip()
        return closing or None
    return None


def find_speaker_occasion(title: str | None, doc_type: str | None) -> tuple[str | None, str | None]:
    if not title or doc_type not in ("讲话", "发言", "致辞", "主持词", "报告", None):
        return None, None
    view = analysis_view(title)
    m = patterns.STRUCT_SPEECH_TITLE.search(view)
    if m:
        speaker = title[m.start("speaker"):m.end("speaker")].strip() or None
        occasion = title[m.start("occasion"):m.end("occasion")].strip() or None
        return speaker, occasion
    m = patterns.STRUCT_OCCASION_TITLE.match(view)
    if m:
        return None, title[m.start("occasion"):m.end("occasion")].strip()
    return None, None


def find_header(paragraphs: list[str]) -> tuple[str | None, str | None, str | None]:
    """(issuer from a '…文件' header line, 文号, 主送) from the top of the document."""
    issuer = number = recipients = None
    for raw in paragraphs[:HEAD_WINDOW]:
        view = analysis_view(raw).strip()
        if len(view) > 120:
            break  # running text: the header is over
        head = patterns.STRUCT_ISSUER_HEADER.match(view)
        if head and issuer is None and len(view) <= 40:
            issuer = raw.strip()[: head.end("issuer")].strip()
            continue
        num = patterns.STRUCT_DOC_NUMBER.search(view)
        if num and number is None and len(view) <= 60:
            number = raw.strip()[num.start("num"):num.end("num")]
            continue
        to = patterns.STRUCT_RECIPIENTS.match(view)
        if (
            to and recipients is None
            and patterns.STRUCT_RECIPIENT_WORDS.search(to.group("to"))
            and not patterns.STRUCT_SALUTATION.match(view)
        ):
            recipients = raw.strip()[: to.end("to")].strip()
            break
    return issuer, number, recipients


def attachment_lines(paragraphs: list[str]) -> tuple[set[int], tuple[str, ...]]:
    """Indexes of the '附件：' line and its numbered continuation lines, and the titles listed."""
    for i, raw in enumerate(paragraphs):
        view = analysis_view(raw).strip()
        m = patterns.STRUCT_ATTACHMENT.match(view)
        if not m or len(view) > 120:
            continue
        taken = {i}
        titles: list[str] = []
        rest = raw.strip()[m.start("rest"):].strip()
        if rest:
            item = patterns.STRUCT_ATTACHMENT_ITEM.match(analysis_view(rest))
            titles.append(_TRAIL.sub("", rest[item.start("title"):] if item else rest))
        for j in range(i + 1, len(paragraphs)):
            nxt = paragraphs[j].strip()
            item = patterns.STRUCT_ATTACHMENT_ITEM.match(analysis_view(nxt))
            if not item or len(nxt) > 80 or _HAS_SENTENCE_END.search(analysis_view(nxt)[:-1]):
                break
            taken.add(j)
            titles.append(_TRAIL.sub("", nxt[item.start("title"):]))
        return taken, tuple(t for t in titles if t)
    return set(), ()


def find_signature(paragraphs: list[str]) -> tuple[str | None, str | None, int | None]:
    """(signature, signed date, index of the date line) from the end of the document."""
    start = max(0, len(paragraphs) - TAIL_WINDOW)
    for i in range(len(paragraphs) - 1, start - 1, -1):
        raw = paragraphs[i].strip()
        view = analysis_view(raw)
        # "XX县人民政府 2024年3月5日" on one line, or the date alone.
        date_at = None
        for pos in [0] + [m.end() for m in re.finditer(r"\s+", view)]:
            if patterns.STRUCT_DATE_LINE.match(view[pos:]):
                date_at = pos
                break
        if date_at is None:
            continue
        date = iso_date(raw[date_at:].strip())
        names: list[str] = []
        if date_at:
            names.append(raw[:date_at].strip())
        j = i - 1
        while j >= 0 and len(names) < 2 and not date_at:
            prev = paragraphs[j].strip()
            pview = analysis_view(prev)
            if (
                not prev or len(prev) > patterns.STRUCT_SIGNATURE_MAX
                or _HAS_SENTENCE_END.search(pview)
                or patterns.STRUCT_CLOSING.search(pview)
                or patterns.STRUCT_ATTACHMENT.match(pview)
                or patterns.STRUCT_ATTACHMENT_ITEM.match(pview)
                # "列席：…" / "抄送：…" above the signer are record lines; only the line right
                # above the date may be a labelled signer ("述职人：XXX").
                or (names and ":" in pview)
            ):
                break
            names.insert(0, prev)
            j -= 1
        return (" ".join(names) or None), date, i
    return None, None, None


def issuer_from(signature: str | None, title: str | None) -> str | None:
    """Issuing authority when there is no '…文件' header: the signing organisation, else the
    organisation the title opens with ('XX县人民政府关于…的通知')."""
    if signature:
        first = signature.split()[0]
        if patterns.STRUCT_ORG_SUFFIX.search(analysis_view(first)):
            return first
    if title:
        m = patterns.STRUCT_TITLE_ISSUER.match(analysis_view(title))
        if m and patterns.STRUCT_ORG_SUFFIX.search(m.group("issuer")):
            return title[: m.end("issuer")]
    return None
