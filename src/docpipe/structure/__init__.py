"""Structure stage: CleanDocument -> StructuredDocument (metadata, outline, items, 文种 …).

    blocks ─noise guard (docpipe.clean.noise, the one noise module)─▶ outline (headings, lead sentences, glued headings, levels, paths)
           ─▶ items (一是… 首先… 一方面… —— ①) ─▶ fields (称呼, 结束语, 讲话人/场合, 公文 版头/版记)
           ─▶ 文种 ─▶ slots (X县 202x年 ____), 《references》, “quoted terms”

Modules: normalize (analysis view), toc (目录/提纲 blocks), outline, items, doctype, fields, slots.
"""

from __future__ import annotations

from docpipe import regex_cache as re  # re, its compiled patterns kept between processes

from docpipe import patterns
from docpipe.clean.noise import clean_line, systematic_pinyin
from docpipe.config import Settings, StructureSettings
from docpipe.errors import TerminalError
from docpipe.ids import content_hash, doc_id_for
from docpipe.models import Block, CleanBlock, CleanDocument, Heading, Item, Rejection, Stage, StructuredDocument
from docpipe.structure import fields as fld
from docpipe.structure.doctype import detect_doc_type, doc_type_from_title, title_is_menu
from docpipe.structure.items import find_points
from docpipe.structure.normalize import analysis_view
from docpipe.structure.outline import (
    Outliner,
    Seg,
    assign_levels,
    match_marker,
    numbering_warnings,
    resolve_sequences,
    section_paths,
)
from docpipe.structure.toc import toc_spans
from docpipe.structure.slots import find_placeholders, find_quoted_terms, find_references

__all__ = ["structure_document", "detect_language"]

_NON_WORD = re.compile(r"[\W_]+")
# A character of any script detect_language counts besides Latin (Cyrillic, kana, hangul,
# ideographs: one class made of the classes it counts). A text without one — English with curly
# quotes and dashes too — is Latin or has no letters, decided by one search instead of five
# counts (a max() over the sample was the test before: it walked every character in Python).
_SCRIPT_CLASSES = (patterns.IDEOGRAPH, patterns.LANG_KANA, patterns.LANG_HANGUL, patterns.LANG_CYRILLIC)
assert all(p.pattern.startswith("[") and p.pattern.endswith("]") and p.pattern[1] != "^" for p in _SCRIPT_CLASSES)
_OTHER_SCRIPT = re.compile("[" + "".join(p.pattern[1:-1] for p in _SCRIPT_CLASSES) + "]")
_SENTENCE_END = re.compile(r"[。！？!?；;]")


def detect_language(text: str, declared: str | None = None) -> str:
    """The script decides first (kana → ja, hangul → ko, ideographs → zh, Cyrillic → ru);
    for Latin script the page's declared tag (html lang=) is trusted, else 'en'."""
    sample = text[:5000]
    tag = (declared or "").replace("_", "-").split("-")[0].lower()
    tag = tag if tag.isalpha() and 2 <= len(tag) <= 3 else ""
    if _OTHER_SCRIPT.search(sample) is None:
        # No Cyrillic, kana, hangul or ideograph can be in it: only whether letters are.
        latin_found = patterns.LANG_LATIN.search(sample) is not None
        return (tag if tag and tag not in ("zh", "ja", "ko") else "en") if latin_found else (tag or "und")
    count = lambda pattern: len(pattern.findall(sample))  # noqa: E731
    cjk, latin = count(patterns.IDEOGRAPH), count(patterns.LANG_LATIN)
    kana, hangul, cyrillic = count(patterns.LANG_KANA), count(patterns.LANG_HANGUL), count(patterns.LANG_CYRILLIC)
    if kana >= patterns.LANG_MIN_KANA and kana * 10 >= cjk:
        return "ja"
    if hangul and hangul * 3 >= latin:
        return "ko"
    if cjk and cjk * 3 >= latin:  # one ideograph carries about as much as a 3-letter word
        return "ja" if tag == "ja" else "zh"
    if cyrillic and cyrillic >= latin:
        return tag if tag in patterns.LANG_CYRILLIC_TAGS else "ru"
    if latin:
        return tag if tag and tag not in ("zh", "ja", "ko") else "en"
    return tag or "und"


def _same_text(a: str, b: str) -> bool:
    return _NON_WORD.sub("", analysis_view(a)).lower() == _NON_WORD.sub("", analysis_view(b)).lower()


def _overlaps(a: str, b: str) -> bool:
    x, y = (_NON_WORD.sub("", analysis_view(t)).lower() for t in (a, b))
    return bool(x and y) and (x in y or y in x)


def _without_toc(blocks: list[CleanBlock], cfg: StructureSettings) -> list[CleanBlock]:
    """The blocks without their 目录/提纲 blocks (structure/toc.py): the entries repeat the outline
    and are neither headings nor body text."""
    spans = toc_spans([b.text for b in blocks], cfg)
    if not spans:
        return blocks
    inside = {k for s, e in spans for k in range(s, e)}
    return [b for k, b in enumerate(blocks) if k not in inside]


def _prepare_blocks(doc: CleanDocument, cfg: StructureSettings) -> tuple[list[CleanBlock], str | None]:
    """Noise-free blocks without the title line; the title (from the page, else the first line)."""
    blocks: list[CleanBlock] = []
    keep_pinyin = systematic_pinyin(b.text for b in doc.blocks)
    for block in doc.blocks:
        if block.noise_vetted:
            # The clean stage's clean_line output (half of the structure stage's time when it was
            # run again here: 12.6 of 24.9 s on the dev sets); a line it kept stays kept.
            text = block.text
        elif block.kind != "table":
            text = clean_line(block.text, keep_pinyin)
        else:
            text = block.text.strip()
        if text:
            blocks.append(block if text == block.text else block.model_copy(update={"text": text}))
    blocks = _without_toc(blocks, cfg)
    title = doc.metadata.title
    if blocks and title and any(_same_text(b.text, title) for b in blocks[:cfg.title_repeat_window]):
        # The title repeated in the body: an h1, or a 公文 title under its 版头 and 文号.
        at = next(i for i, b in enumerate(blocks[:cfg.title_repeat_window]) if _same_text(b.text, title))
        blocks = blocks[:at] + blocks[at + 1:]
    elif blocks and blocks[0].kind == "heading" and blocks[0].level == 1 and (
        not title or _overlaps(blocks[0].text, title)
    ):
        # The page's h1 is its title even when <title> adds to it ("…的讲话（全文）").
        title, blocks = title or blocks[0].text.strip(), blocks[1:]
    elif blocks and (not title or title_is_menu(title)) and len(blocks) > 1:
        # No title, or a site menu taken for it: a first line naming its 文种 is the title.
        first = blocks[0].text
        view = analysis_view(first)
        if (
            len(first) <= cfg.title_first_line_max_chars
            and not _SENTENCE_END.search(view)
            and not view.rstrip().endswith(":")  # "…現將會議確定事項紀要如下:" opens the body
            and match_marker(view, 0, False) is None
            and doc_type_from_title(first) is not None
        ):
            title, blocks = first, blocks[1:]
    # A subtitle among the first blocks ("——在…上的讲话") is part of the title.
    for i, block in enumerate(blocks[:cfg.title_repeat_window]):
        if patterns.STRUCT_SUBTITLE.match(analysis_view(block.text)):
            sub = block.text.strip().lstrip("—-（( ").rstrip("）) ")
            title = f"{title}——{sub}" if title and sub not in title else (title or sub)
            blocks = blocks[:i] + blocks[i + 1:]
            break
    return blocks, title


def _build(doc: CleanDocument, cfg: StructureSettings) -> StructuredDocument:
    blocks, title = _prepare_blocks(doc, cfg)
    language = detect_language("\n".join(b.text for b in blocks), doc.metadata.language)
    texts = [b.text for b in blocks]
    attach_idx, attachments = fld.attachment_lines(texts) if language == "zh" else (set(), ())
    signature, signed_date, date_idx = fld.find_signature(texts) if language == "zh" else (None, None, None)

    outliner = Outliner(english=language != "zh")
    first_attach = min(attach_idx) if attach_idx else None
    for i, block in enumerate(blocks):
        if i in attach_idx and i != first_attach:
            # "2．XX清单" under 附件： is an attachment title, not a heading.
            outliner.segs.append(Seg("list_item", block.text.strip(), block.text.strip(), block_no=i))
            continue
        outliner.add_block(block, i)
    segs = assign_levels(resolve_sequences(outliner.segs), english=language != "zh")
    warnings = numbering_warnings(segs)
    paths = section_paths(segs)

    out_blocks: list[Block] = []
    headings: list[Heading] = []
    items: list[Item] = []
    for idx, (seg, path) in enumerate(zip(segs, paths)):
        out_blocks.append(Block(kind=seg.kind, text=seg.text, level=seg.level, marker=seg.marker, section_path=path))
        if seg.is_heading:
            headings.append(Heading(level=seg.level or 1, marker=seg.marker or "", text=seg.text, block_idx=idx))
        elif seg.kind == "paragraph" and language == "zh":
            items.extend(Item(marker=p.marker, text=p.text, block_idx=idx) for p in find_points(seg.raw))
    text = "\n\n".join(seg.raw for seg in segs if seg.raw)
    if not any(patterns.STRUCT_SEQ_FOLLOW_UP.match(analysis_view(i.marker)) for i in items):
        # "首先,我谨代表…" with no 其次/再次/最后 after it opens a sentence; it enumerates nothing.
        items = [i for i in items if not patterns.STRUCT_SEQ_FIRST.match(analysis_view(i.marker))]

    footer = set(attach_idx)
    if date_idx is not None:
        footer.add(date_idx)
    paragraphs = [s.raw for s in segs if not s.is_heading and s.block_no not in footer]
    opening: list[str] = []
    for seg in segs:
        if seg.is_heading:
            break
        opening.append(seg.raw)
    is_zh = language == "zh"
    header_issuer, doc_number, recipients = fld.find_header(opening) if is_zh else (None, None, None)
    subtitle = next((b.text for b in blocks[:cfg.title_repeat_window] if patterns.STRUCT_SUBTITLE_DASH.match(b.text)), None)
    # A collection page's labels and a 范文 site's intro sentence name the 文种 of the texts they present.
    labels = tuple(d.text for d in doc.dropped if d.reason in ("collection_label", "site_intro"))
    doc_type = detect_doc_type(title, text, language, subtitle, recipients, labels)
    speaker, occasion = fld.find_speaker_occasion(title, doc_type) if is_zh else (None, None)
    meta = doc.metadata
    return StructuredDocument(
        doc_id=doc_id_for(doc.url, doc.source),
        source=doc.source,
        url=doc.url,
        title=title,
        published_at=meta.published_at,
        published_tz=meta.published_tz,
        source_name=meta.source_name,
        site_name=meta.site_name,
        author=meta.author,
        language=language,
        doc_type=doc_type,
        text=text,
        headings=tuple(headings),
        items=tuple(items),
        salutation=fld.find_salutation(opening) if is_zh else None,
        blocks=tuple(out_blocks),
        placeholders=find_placeholders(text) if is_zh else (),
        references=find_references(text),
        closing=fld.find_closing(paragraphs) if is_zh else None,
        speaker=speaker,
        occasion=occasion,
        issuer=header_issuer or (fld.issuer_from(signature, title) if is_zh else None),
        doc_number=doc_number,
        recipients=recipients,
        attachments=attachments,
        signature=signature,
        signed_date=signed_date,
        quoted_terms=find_quoted_terms(text) if is_zh else (),
        outline_warnings=tuple(warnings),
        content_hash=content_hash(text),
        fetched_at=doc.fetched_at,
        etag=doc.etag,
        last_modified=doc.last_modified,
    )


def structure_document(doc: CleanDocument, settings: Settings) -> StructuredDocument | Rejection:
    """Outline, points and fields of one document. Never raises for odd text: a failure of the
    heuristics is reported as a Rejection (stage structure) naming the input."""
    try:
        return _build(doc, settings.structure)
    except (ValueError, IndexError, KeyError, RecursionError) as exc:
        return TerminalError(Stage.structure, "structure_failed", f"{type(exc).__name__}: {exc}").to_rejection(
            doc.source, doc.url
        )
