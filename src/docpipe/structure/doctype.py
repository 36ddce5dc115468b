"""文种 (document type) from the title's ending first, then from evidence in the body.

The list is the interface's (docs/interface.md): 讲话, 发言, 致辞, 主持词, 报告, 请示, 通知, 通报, 通告, 公告, 意见,
决定, 方案, 计划, 总结, 心得体会, 述职报告, 调研报告, 纪要, 函, 批复, 其他. A 公文 title names
its 文种 at the end ("…关于开展…的通知"), even when it quotes another document
("关于印发《…实施方案》的通知" is a 通知), so the ending is read first; edition notes such as
"(讨论稿)" or "范文" are dropped before. Traditional titles (講話) are read in simplified form.
"""

from __future__ import annotations

import re

from docpipe import patterns
from docpipe.structure.normalize import analysis_view

DOC_TYPES: tuple[str, ...] = (
    "讲话", "发言", "致辞", "主持词", "报告", "请示", "通知", "通报", "通告", "公告", "意见",
    "决定", "方案", "计划", "总结", "心得体会", "述职报告", "调研报告", "纪要", "函", "批复", "其他",
)
# Body evidence that is a word of running text, not a formula (心得, 体会, 感悟, 同志们, 我谨代表, 我的发言): a page's
# collection labels name the 文种 of the texts collected more surely ("小学校长述职报告推荐 篇1" above a principal's
# report that says "定下了感悟至深的工作格言": liuxue86, structure_real_8 tuning, read as 心得体会 before).
BODY_WORDS_BELOW_LABELS = frozenset(("心得体会", "致辞", "讲话", "发言"))
# Body evidence is looked for in the opening and the closing, where a document says what it is.
_BODY_HEAD_CHARS = 400
_BODY_TAIL_CHARS = 300


def _title_word_type(token: str) -> str | None:
    """The 文种 a short token names by itself ("工作计划", "述职报告", "讲话稿"), else None."""
    if not 0 < len(token) <= patterns.STRUCT_MENU_WORD_MAX:
        return None
    for pattern, doc_type in patterns.STRUCT_DOCTYPE_TITLE:
        m = pattern.search(token)
        if m and m.start() <= patterns.STRUCT_MENU_WORD_PREFIX:
            return doc_type
    return None


def _without_menu(view: str) -> str:
    """The title without a site's navigation menu ("XX范文网 导航 首页 工作计划 述职报告 讲话稿"):
    space-separated words naming several different 文种 are menu entries, not the title's ending."""
    tokens = [t for t in patterns.STRUCT_TITLE_MENU_SPLIT.split(view) if t]
    menu = {i: t for i, t in enumerate(map(_title_word_type, tokens)) if t is not None}
    if len(menu) < 2 or len(set(menu.values())) < 2:
        return view
    return " ".join(t for i, t in enumerate(tokens) if i not in menu)


def title_is_menu(title: str | None) -> bool:
    """True when the title is only a site's navigation menu (its 文种 words are menu entries and
    nothing else in it names a 文种)."""
    if not title:
        return False
    view = analysis_view(title).strip()
    rest = _without_menu(view)
    return rest != view and doc_type_from_title(rest) is None


def doc_type_from_title(title: str | None) -> str | None:
    if not title:
        return None
    view = _without_menu(analysis_view(title).strip())
    # "…的讲话》" / "…通知”": closing brackets and quotes do not hide the ending.
    view = view.rstrip("》”」』\"' ")
    for _ in range(3):  # "(讨论稿)范文" — several notes can trail
        stripped = patterns.STRUCT_TITLE_TAIL_NOISE.sub("", view).strip()
        if stripped == view or not stripped:
            break
        view = stripped
    two = patterns.STRUCT_TITLE_TWO_TYPES.match(view)
    if two:
        first = next((t for p, t in patterns.STRUCT_DOCTYPE_TITLE if p.search(two.group("first"))), None)
        second = next((t for p, t in patterns.STRUCT_DOCTYPE_TITLE if p.search(two.group("second"))), None)
        if first and second and first != second:
            return first
    for pattern, doc_type in patterns.STRUCT_DOCTYPE_TITLE:
        if pattern.search(view):
            return doc_type
    # "讲话稿：坚定理想信念" / "XX的讲话（在XX会上）": the 文种 word elsewhere in the title,
    # outside quoted titles of other documents (《…方案》).
    unquoted = patterns.STRUCT_REFERENCE.sub("", view)
    for pattern, doc_type in patterns.STRUCT_DOCTYPE_TITLE:
        # Not 函 (函授, 函数) nor 其他: only words that name a 文种 unambiguously.
        if doc_type not in ("其他", "函") and re.search(pattern.pattern.removesuffix("$"), unquoted):
            return doc_type
    return None


def doc_type_from_body(body: str) -> str | None:
    view = analysis_view(body)
    window = view[:_BODY_HEAD_CHARS] + "\n" + view[-_BODY_TAIL_CHARS:]
    for pattern, doc_type in patterns.STRUCT_DOCTYPE_BODY:
        if pattern.search(window):
            return doc_type
    return None


def doc_type_from_labels(labels: tuple[str, ...] | list[str]) -> str | None:
    """The 文种 a page's collection labels name ("政府2024年工作计划…篇1", "调研报告汇编(61篇)"): the texts of
    a 范文 collection page are of the 文种 the collection is named after."""
    for label in labels:
        view = patterns.NOISE_COLLECTION_TAIL.sub("", analysis_view(label).strip())
        found = doc_type_from_title(view)
        if found is not None and found != "其他":
            return found
    return None


def detect_doc_type(
    title: str | None, body: str, language: str, subtitle: str | None = None, recipients: str | None = None,
    page_labels: tuple[str, ...] = (),
) -> str | None:
    """The 文种 for Chinese documents (其他 when nothing says), None for other languages.

    The title's ending first, then a "——" subtitle line ("——某县政府督查室关于…的问题汇报"), then the
    body's formulas (特此通知, 现将…总结如下, 此复, 以上请示妥否…), then the page's collection labels
    (dropped as chrome, they still name the 文种 of the texts collected; they come before the body's
    words of running text, BODY_WORDS_BELOW_LABELS), then a 主送 line to a set of
    units ("各乡镇人民政府,县直各部门:"), which opens a 通知 when nothing else says."""
    if language != "zh":
        return None
    found = doc_type_from_title(title) or doc_type_from_title(subtitle)
    if found is None:
        from_body, from_labels = doc_type_from_body(body), doc_type_from_labels(page_labels)
        found = from_labels if from_labels and from_body in BODY_WORDS_BELOW_LABELS else from_body or from_labels
    if found is None and recipients and patterns.STRUCT_RECIPIENTS_MANY.match(analysis_view(recipients)):
        found = "通知"
    return found or "其他"
