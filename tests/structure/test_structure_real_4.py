"""structure_real_4, _5, _6, _7, _8, _9 and _10: further real scraped 范文/公文 texts, from sites that none of the other
real-text sets nor tests/fixtures/structure_pages has (tests/fixtures/structure_real_4 and _5, see their SOURCE.md;
_5 and _6 are later batches kept apart so that the earlier sets' splits do not move), each split by site into a tuning part
and a validation part in src/docpipe/data/eval_splits.json.

Rules are tuned looking at the tuning parts only; the validation parts are scored, never read document by
document. Each part has its own floors, set a little under the figures measured when the texts were added."""

from __future__ import annotations

from pathlib import Path

import pytest

from docpipe.evaluate import split_parts

from .helpers import assert_labels_whole, assert_part_keeps_floors, assert_split_by_site, load_gold, split_site

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SETS = ("structure_real_4", "structure_real_5", "structure_real_6", "structure_real_7", "structure_real_8", "structure_real_9",
        "structure_real_10")
ROWS = {name: load_gold(FIXTURES / name / "gold.jsonl") for name in SETS}
PARTS = {name: split_parts(name) for name in SETS}
OTHER_SETS = ("structure_real_more", "structure_real_extra", "structure_real_3")
MIN_ROWS = {"structure_real_4": 10, "structure_real_5": 4, "structure_real_6": 5, "structure_real_7": 11, "structure_real_8": 12,
            "structure_real_9": 14, "structure_real_10": 13}


@pytest.mark.parametrize("name", SETS)
def test_every_label_is_verbatim_in_its_raw_text(name: str) -> None:
    assert len(ROWS[name]) >= MIN_ROWS[name]
    assert_labels_whole(ROWS[name])


@pytest.mark.parametrize("name", SETS)
def test_the_split_is_by_site_and_covers_the_set(name: str) -> None:
    assert_split_by_site(ROWS[name], PARTS[name], min_validation=len(ROWS[name]) // 4)


@pytest.mark.parametrize("name", SETS)
def test_no_site_is_shared_with_the_other_real_text_sets_or_the_probe_pages(name: str) -> None:
    others = OTHER_SETS + tuple(s for s in SETS if s != name)
    other = {split_site(row) for other_name in others for row in load_gold(FIXTURES / other_name / "gold.jsonl")}
    assert not {split_site(row) for row in ROWS[name]} & other
    probes = (FIXTURES / "structure_pages" / "SOURCE.md").read_text(encoding="utf-8")
    assert not any(split_site(row) in probes for row in ROWS[name])


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("part", ["tuning", "validation"])
def test_the_structure_stage_keeps_its_figures_on_each_part(name: str, part: str) -> None:
    assert_part_keeps_floors(ROWS[name], PARTS[name], part, FLOORS[name][part], NOISE_LEFT_CEILING[name][part])


def test_a_hard_wrapped_pdf_text_is_joined_back_into_its_lines() -> None:
    # baijiadoc (tuning): "XX" / "镇" / "2023" / "年政府工作报告", "1." / "特色农业提" / "质扩量" / "。"
    from .helpers import extract_raw_text

    row = next(r for r in ROWS["structure_real_4"] if r["id"] == "baijiadoc_town_2023_government_work_report")
    doc = extract_raw_text(str(row["raw_text"]), str(row["id"]))
    assert doc["title"] == "XX镇2023年政府工作报告" and doc["salutation"] == "各位代表"
    assert [(h["marker"], h["text"][:8]) for h in doc["headings"]][-2:] == [("1.", "特色农业提质扩量"), ("2.", "工业经济提能升级")]


def test_short_lines_without_cut_clauses_are_not_a_hard_wrap() -> None:
    # a forum's user card (structure_real_3 tuning, comefromchina): short label and count lines, none cut after a comma
    from docpipe.clean.text import _rejoin_hard_wraps

    card = ["主题发起人", "guest", "Moderator", "管理成员", "消息", "402,402", "荣誉分数", "76", "声望点数", "12",
            "2002-10-07", "开始时间 开始时间", "俞正声宣布全国政协十二届一次会议开幕"]
    assert _rejoin_hard_wraps(card) == card


def _row(name: str, doc_id: str) -> dict[str, object]:
    return next(r for r in ROWS[name] if r["id"] == doc_id)


def test_a_title_with_injected_pinyin_is_measured_as_read_and_table_bars_leave_its_line() -> None:
    # bjzhk (structure_real_5 tuning): "嘉興…關(guān)于表彰…的決定 | |" (95 characters written, 60 read), and the body line
    # ending "…2013年12月27日 作者: 信息來源: |"
    from docpipe.clean.noise import strip_inline

    from .helpers import extract_raw_text

    row = _row("structure_real_5", "bjzhk_jiaxing_public_culture_commendation_decision")
    doc = extract_raw_text(str(row["raw_text"]), str(row["id"]))
    assert doc["title"] == row["title"] and doc["doc_type"] == "决定"
    assert "信息來源" not in str(doc["text"]) and not str(doc["text"]).rstrip().endswith("|")
    # its body line lost its breaks: it keeps its spaces (the paragraph breaks) when the bar and empty fields go
    body = str(row["raw_text"]).split("\n")[1]
    assert strip_inline(body, keep_pinyin=True) == body[: body.index(" 作者:")]


def test_a_commendation_decision_without_its_title_is_named_by_its_formula() -> None:
    # mcomcorp (structure_real_5 tuning): "經(jīng)研究,決定表彰祝舒涵、胡美學(xué)等472名同學(xué)…"
    from .helpers import extract_raw_text

    row = _row("structure_real_5", "mcomcorp_qianwei_merit_students_decision")
    assert extract_raw_text(str(row["raw_text"]), str(row["id"]))["doc_type"] == "决定"


def test_a_document_sites_watermark_line_goes_and_a_lost_break_text_keeps_its_spaces() -> None:
    # qqwenku (structure_real_4 tuning): "…工作方案 一、背景与目标 随着… (1)制定乡村振兴规划,确定重点领域和项目。 第1页共4页"
    # then "腾讯文库2024年镇委建设项目推进工作方案"
    from docpipe.clean.noise import is_title_echo

    from .helpers import extract_raw_text

    row = _row("structure_real_4", "qqwenku_town_construction_projects_plan")
    doc = extract_raw_text(str(row["raw_text"]), str(row["id"]))
    assert [h["marker"] for h in doc["headings"]][:3] == ["一、", "二、", "1."]
    assert "腾讯文库" not in str(doc["text"]) and "第1页共4页" not in str(doc["text"])
    assert is_title_echo("腾讯文库2024年镇委建设项目推进工作方案", str(row["title"]))
    assert not is_title_echo("县政府办公室2024年镇委建设项目推进工作方案", str(row["title"]))


def test_a_glued_pledge_gives_its_title_without_watermark_and_speaker_and_its_announced_parts() -> None:
    # mishuzj (structure_real_6 tuning): "秘书之家—全网资源每日更新 www.mishuzj.com县十七届人大五次会议表态发言遂昌县县长
    # 童森军(2026 年 2 月 6 日)各位代表,同志们:…在此,我郑重表态:一、永葆忠诚之心讲政治我将…。二、永葆实干之心抓发展我将"
    from .helpers import extract_raw_text

    row = _row("structure_real_6", "mishuzj_suichang_county_head_pledge_speech")
    doc = extract_raw_text(str(row["raw_text"]), str(row["id"]))
    assert doc["title"] == "县十七届人大五次会议表态发言" and doc["doc_type"] == "发言"
    assert [(h["level"], h["marker"], h["text"][:10]) for h in doc["headings"]] == [
        (1, "一、", "永葆忠诚之心讲政治我"), (1, "二、", "永葆实干之心抓发展我")]
    assert "mishuzj" not in str(doc["text"])


# Figures, benchmarks/score_structure.py tests/fixtures/structure_real_4 (and _5):
#   first run, main 0c99508 (labelled before docpipe was run on any text):
#     tuning (6)      heading F1 0.939, level 1.000, item F1 1.000 (no items), doc_type 1.000, title 0.833, noise left 0.000
#     validation (3)  heading F1 0.909, level 1.000, item F1 1.000 (no items), doc_type 0.667, title 0.667, noise left 0.375
#   a tenth text added later to the tuning part (qq.com, a tuning site; not blind: see its notes)
#   then, tuned on the tuning part (a hard-wrapped PDF text joined back into its lines; a site's watermark line of its
#   name and the title; a lost-break text keeps its spaces when an inline page counter is cut):
#     tuning (6)      heading F1 1.000, level 1.000, doc_type 1.000, title 1.000, noise left 0.000
#     validation (3)  unchanged
#   structure_real_5 (no headings or items in any text), first run on main b7b6ad2:
#     tuning (2)      doc_type 0.000, title 0.500, noise left 1.000
#     validation (2)  doc_type 1.000, title 0.500, noise left 0.800
#   then, tuned on its tuning part (a title measured without its injected pinyin; a table cell's bars and empty
#   fields at a line's end; a 表彰 决定 named by its formula 经…研究,决定表彰…):
#     tuning (2)      doc_type 1.000, title 1.000, noise left 0.000
#     validation (2)  doc_type 1.000, title 0.500, noise left 0.600
#   structure_real_6, first run on main fab2e3e's structure code:
#     tuning (3)      heading F1 0.000 (2 headings), doc_type 1.000, title 0.667, item F1 1.000, noise left 0.000
#     validation (2)  heading F1 1.000, doc_type 1.000, title 0.500, noise left 0.000
#   then, tuned on its tuning part (a site watermark with its domain before a glued title; the speaker and dated bracket
#   after the 文种 word; parts announced by 郑重表态:): tuning heading F1 1.000, title 1.000; validation unchanged
#   structure_real_7, first run on main 77452d8 (labelled before docpipe was run on any text):
#     tuning (7)      heading F1 1.000, level 1.000, item F1 1.000, doc_type 1.000, title 0.857, noise left 0.375
#     validation (4)  heading F1 0.929, level 1.000, item F1 0.000, doc_type 0.750, title 0.750, noise left 0.308
#   then, tuned on its tuning part (a portal headline above its date gives way to the document's own title line with
#   its issuer; a collection page's intro question above its first entry label; a site's old-site notice):
#     tuning (7)      title 1.000, noise left 0.000 (the rest unchanged); validation unchanged
#   structure_real_8, first run on main 38e8603's structure code (labelled and split before docpipe was run on any
#   text; validation scored blind, never read document by document):
#     tuning (8)      heading F1 0.722, level 1.000, item F1 0.909, doc_type 0.625, title 0.625, noise left 0.343
#     validation (4)  heading F1 0.000 (0 of 3), level 1.000 (none matched), item F1 1.000 (no items), doc_type 0.250,
#                     title 1.000, noise left 0.000
#   then, tuned on its tuning part (a bulleted list line of the head is never the title, and a short line above such a
#   list is not alone above the body: 163wenku's file metadata "• 上传人(卖家):淡然人生"):
#     tuning (8)      title 0.750 (the rest unchanged); validation unchanged
#   then (a 文库 site's numbered 下载声明 is chrome, patterns.NOISE_CHROME_LINES "disclaimer"): tuning heading F1 0.839,
#   noise left 0.286 (the rest unchanged); validation unchanged
#   then (a row of empty form labels "文号: 关键字:" does not end the head above the document's own title line):
#   tuning title 0.875, noise left 0.257 (the rest unchanged); validation unchanged
#   then (a 建议、批评和意见的答复 is a 函; an empty font-size switch "字号:[ ]" and a 文库 block label "配套讲稿:" are chrome;
#   a site intro credited to its editors; a collection label before the body's words of running text; a watermark with
#   its address glued before a title that lost its line breaks): tuning doc_type 1.000, title 1.000, noise left 0.029
#   (heading F1 0.839, level 1.000, item F1 0.909 unchanged); validation unchanged
#   structure_real_9, first run on main a2f08b3's structure code (labelled and split before docpipe was run on any
#   text; validation scored blind, never read document by document):
#     tuning (9)      heading F1 1.000 (29/29), level 1.000, item F1 1.000 (no items), doc_type 1.000, title 0.667,
#                     noise left 0.281 (9 of 32)
#     validation (5)  heading F1 1.000 (16/16), level 0.938, item F1 1.000 (4/4), doc_type 1.000, title 0.600,
#                     noise left 0.056 (1 of 18)
#   then, tuned on its tuning part (a bare 文号 after the 文种 word is no part of the title; a letter-spaced issuer line
#   joins the title and is no menu line; a draft's edition note under the title is not a title line):
#     tuning (9)      title 0.889 (the rest unchanged); validation unchanged
#   then (a repost's copyright notice, image caption, spaced editor line and print source, a forum copy's tip jar):
#     tuning (9)      noise left 0.094 (the rest unchanged); validation unchanged
#   structure_real_10, first run on main f88ce03's structure code (labelled and split before docpipe was run on any
#   text, split committed in b7f3d67; validation scored blind, never read document by document):
#     tuning (8)      heading F1 0.842 (8 matched, 11 predicted), level 1.000, item F1 1.000 (no items), doc_type 0.875,
#                     title 0.500, noise left 0.290 (9 of 31)
#     validation (5)  heading F1 1.000 (8/8), level 1.000, item F1 1.000 (no items), doc_type 1.000, title 0.400,
#                     noise left 0.222 (2 of 9)
# Floors: those figures minus a small margin.
FLOORS = {
    "structure_real_4": {
        "tuning": {"heading_f1": 0.995, "level_accuracy": 0.99, "doc_type_accuracy": 0.99, "title_accuracy": 0.995},
        "validation": {"heading_f1": 0.90, "level_accuracy": 0.99, "doc_type_accuracy": 0.66, "title_accuracy": 0.66},
    },
    "structure_real_6": {
        "tuning": {"heading_f1": 0.995, "doc_type_accuracy": 0.99, "title_accuracy": 0.995, "item_f1": 0.99},
        "validation": {"heading_f1": 0.99, "doc_type_accuracy": 0.99, "title_accuracy": 0.49},
    },
    "structure_real_5": {
        "tuning": {"doc_type_accuracy": 0.995, "title_accuracy": 0.995},
        "validation": {"doc_type_accuracy": 0.99, "title_accuracy": 0.49},
    },
}
FLOORS["structure_real_7"] = {
    "tuning": {"heading_f1": 0.995, "level_accuracy": 0.995, "item_f1": 0.995, "doc_type_accuracy": 0.995, "title_accuracy": 0.995},
    "validation": {"heading_f1": 0.92, "level_accuracy": 0.995, "doc_type_accuracy": 0.745, "title_accuracy": 0.745},
}
FLOORS["structure_real_8"] = {
    "tuning": {"heading_f1": 0.834, "level_accuracy": 0.995, "item_f1": 0.904, "doc_type_accuracy": 0.995, "title_accuracy": 0.995},
    "validation": {"doc_type_accuracy": 0.245, "title_accuracy": 0.995},
}
FLOORS["structure_real_9"] = {
    "tuning": {"heading_f1": 0.995, "level_accuracy": 0.995, "doc_type_accuracy": 0.995, "title_accuracy": 0.884},
    "validation": {"heading_f1": 0.995, "level_accuracy": 0.933, "item_f1": 0.995, "doc_type_accuracy": 0.995,
                   "title_accuracy": 0.595},
}
FLOORS["structure_real_10"] = {
    "tuning": {"heading_f1": 0.837, "level_accuracy": 0.995, "doc_type_accuracy": 0.87, "title_accuracy": 0.495},
    "validation": {"heading_f1": 0.995, "level_accuracy": 0.995, "doc_type_accuracy": 0.995, "title_accuracy": 0.395},
}
NOISE_LEFT_CEILING = {"structure_real_10": {"tuning": 0.295, "validation": 0.227},
                      "structure_real_9": {"tuning": 0.099, "validation": 0.061},
                      "structure_real_8": {"tuning": 0.034, "validation": 0.005},
                      "structure_real_7": {"tuning": 0.005, "validation": 0.31},
                      "structure_real_4": {"tuning": 0.01, "validation": 0.38},
                      "structure_real_6": {"tuning": 0.005, "validation": 0.005},
                      "structure_real_5": {"tuning": 0.005, "validation": 0.605}}


def test_a_portal_headline_above_its_date_gives_way_to_the_documents_own_title_line() -> None:
    # wl.gov.cn (structure_real_7 tuning): "关于加强温岭铁路站场管理的通告" / "2010-10-08" /
    # "温岭市人民政府关于加强温岭铁路站场管理的通告" / "温政发〔2010〕7号" / "为更好地服务…"
    from docpipe.clean.text import _extends_headline

    from .helpers import extract_raw_text

    row = _row("structure_real_7", "wl_wenling_railway_station_management_notice")
    doc = extract_raw_text(str(row["raw_text"]), str(row["id"]))
    assert doc["title"] == "温岭市人民政府关于加强温岭铁路站场管理的通告" and doc["doc_type"] == "通告"
    assert "温岭市人民政府关于" not in str(doc["text"]).split("\n")[0]
    assert [h["marker"] for h in doc["headings"]] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、"]
    # the same line only (the headline repeated under its date) is no longer title
    assert not _extends_headline("关于加强温岭铁路站场管理的通告", "关于加强温岭铁路站场管理的通告")


def test_a_collection_pages_intro_question_above_its_first_entry_label_is_chrome() -> None:
    # duzhishi.com (structure_real_7 tuning): "实施方案最新10篇" / "为有力保证…,就需要我们事先制定方案,方案属于计划类
    # 文书的一种。那么优秀的方案是什么样的呢?" / "实施方案 1" / "为了切实加强社区居委会…"
    from docpipe.clean.noise import block_chrome

    from .helpers import extract_raw_text

    row = _row("structure_real_7", "duzhishi_implementation_plan_collection")
    doc = extract_raw_text(str(row["raw_text"]), str(row["id"]))
    assert "那么优秀的方案是什么样的呢" not in str(doc["text"]) and "为有力保证" not in str(doc["text"])
    lines = str(row["raw_text"]).split("\n")
    assert block_chrome(lines[1:3]) == {0: "site_intro"}
    # the same question above the body's first line (no entry label under it) is not taken for the site's
    assert block_chrome([lines[1], lines[3]]) == {}


def test_a_bulleted_metadata_line_is_never_the_title() -> None:
    # 163wenku.com (structure_real_8 tuning): "上传文档赚钱" / "类型绩效管理细则(通用10篇).docx" / "• 上传人(卖家):淡然人生" /
    # "• 文档编号:3146226" / … / "• 【下载声明】" / "1. 本站全部试题类文档,…": the page's file metadata, no title (label null)
    from docpipe.structure.title import find_title

    from .helpers import extract_raw_text

    row = _row("structure_real_8", "163wenku_performance_management_rules_docsite")
    doc = extract_raw_text(str(row["raw_text"]), str(row["id"]))
    assert doc["title"] is None
    assert "上传人" not in str(doc["text"]) and "上传文档赚钱" not in str(doc["text"])
    lines = [line for line in str(row["raw_text"]).split("\n")[:12]]
    found = find_title(lines)
    assert found is not None and found.title is None
    # the bulleted line (line 5; the list's other lines are chrome) is in the page's head, not the body
    assert lines[5].strip() == "• 上传人(卖家):淡然人生" and found.end > 5


def test_a_document_sites_numbered_download_notice_is_chrome_not_headings() -> None:
    # 163wenku.com (structure_real_8 tuning): "• 【下载声明】" / "1. 本站全部试题类文档,…一旦售出,不予退换。" / … /
    # "5. 本站所有资源如无特殊说明,…" above the document: the site's terms, not the document's 1.–5. headings
    from docpipe.clean.noise import chrome_reason

    from .helpers import extract_raw_text

    row = _row("structure_real_8", "163wenku_performance_management_rules_docsite")
    doc = extract_raw_text(str(row["raw_text"]), str(row["id"]))
    assert [h["marker"] for h in doc["headings"]] == ["1、"]  # the site's chunk number of the document (gold: unlabelled)
    assert "本站" not in str(doc["text"]) and "信息存储空间" not in str(doc["text"])
    lines = str(row["raw_text"]).split("\n")
    assert [chrome_reason(line) for line in lines[11:17]] == ["disclaimer"] * 6
    assert chrome_reason(lines[17]) == "widget"  # "配套讲稿:" (the site's block label, not read as the notice)


def test_a_row_of_empty_form_labels_does_not_end_the_head_above_the_title_line() -> None:
    # kman.gov.cn (structure_real_8 tuning): "依申请公开" / "索引号: …" / "名 称: 安宁市交通运输局关于…的答复" / "文号: 关键字:" /
    # "安宁市交通运输局关于…的答复" / "发布时间:2018-12-17 11:34 浏览次数:41": the menu line "政府信息公开制度" was the title
    from docpipe import patterns

    from .helpers import extract_raw_text

    row = _row("structure_real_8", "kman_anning_transport_deputy_suggestion_reply")
    doc = extract_raw_text(str(row["raw_text"]), str(row["id"]))
    assert "".join(str(doc["title"]).split()) == row["title"]
    assert "依申请公开" not in str(doc["text"]) and str(doc["text"]).lstrip().startswith("龙海涛代表")
    lines = str(row["raw_text"]).split("\n")
    assert lines[14] == "文号: 关键字:" and patterns.STRUCT_TITLE_FORM_LABEL_ROW.match(lines[14])
    # the salutation of this very text is not such a row
    assert lines[21].strip() == "龙海涛代表:" and not patterns.STRUCT_TITLE_FORM_LABEL_ROW.match(lines[21])


def test_a_sites_notice_about_its_old_site_closing_is_chrome() -> None:
    # yuyu18.com (structure_real_7 tuning): "舊站將于1月11日關(guān)閉,屆時將無法訪問,請您及時將舊站信息保存。" above a 公告
    from docpipe.clean.noise import chrome_reason

    from .helpers import extract_raw_text

    row = _row("structure_real_7", "yuyu18_gongyi_public_institution_recruitment_announcement")
    doc = extract_raw_text(str(row["raw_text"]), str(row["id"]))
    assert "舊站" not in str(doc["text"]) and doc["doc_type"] == "公告"
    lines = str(row["raw_text"]).split("\n")
    assert chrome_reason(lines[0]) == "site_notice"
    assert chrome_reason(lines[1]) is None  # the 公告's opening, which cites its rules and names the posts


def test_a_reply_to_a_deputys_suggestions_criticisms_and_opinions_is_a_letter() -> None:
    # kman.gov.cn (structure_real_8 tuning): "安宁市交通运输局关于对安宁市人大六届二次会议第28号 建议、批评和意见的答复" was
    # read as 意见 (the word inside the title); the 人大 form lists the kinds of 建议 it answers
    from docpipe.structure.doctype import doc_type_from_title

    from .helpers import extract_raw_text

    row = _row("structure_real_8", "kman_anning_transport_deputy_suggestion_reply")
    assert extract_raw_text(str(row["raw_text"]), str(row["id"]))["doc_type"] == "函"
    assert doc_type_from_title(str(row["title"])) == "函"
    assert doc_type_from_title("关于进一步加强安全生产工作的意见") == "意见"


def test_an_empty_font_size_switch_and_a_document_sites_block_label_are_chrome() -> None:
    # kman.gov.cn (structure_real_8 tuning): "字号:[ ]" under the date line (the size links dropped, the brackets left);
    # 163wenku.com (tuning): "配套讲稿:" above the site's note on PPT lecture notes
    from docpipe.clean.noise import chrome_reason

    from .helpers import extract_raw_text

    kman = _row("structure_real_8", "kman_anning_transport_deputy_suggestion_reply")
    lines = str(kman["raw_text"]).split("\n")
    assert lines[19] == "字号:[ ]" and chrome_reason(lines[19]) == "widget"
    assert "字号" not in str(extract_raw_text(str(kman["raw_text"]), str(kman["id"]))["text"])
    wenku = _row("structure_real_8", "163wenku_performance_management_rules_docsite")
    assert "配套讲稿" not in str(extract_raw_text(str(wenku["raw_text"]), str(wenku["id"]))["text"])
    # the salutation under it stays
    assert chrome_reason(lines[21]) is None


def test_a_sites_intro_credited_to_its_editors_goes_and_the_collection_label_names_the_doc_type() -> None:
    # liuxue86 (structure_real_8 tuning): "范文在提高写作能力方面…写范文的标准格式是怎样的呢?出国留学网的编辑用心挑选为您寻找
    # 一篇优秀的“小学校长述职报告推荐”文章,以下内容仅供参考请勿作为最终判断的依据!" / "小学校长述职报告推荐 篇1" / the report,
    # whose body says "定下了感悟至深的工作格言" (心得体会 by that word, before the label was read first)
    from docpipe.structure.doctype import detect_doc_type

    from .helpers import extract_raw_text

    row = _row("structure_real_8", "liuxue86_primary_principal_duty_report_collection")
    doc = extract_raw_text(str(row["raw_text"]), str(row["id"]))
    assert "出国留学网" not in str(doc["text"]) and "仅供参考" not in str(doc["text"])
    assert str(doc["text"]).startswith("春去秋来")
    assert doc["doc_type"] == "述职报告"
    # a word of running text yields to the label; a formula does not
    assert detect_doc_type(None, "我感悟至深。", "zh", page_labels=("小学校长述职报告推荐 篇1",)) == "述职报告"
    assert detect_doc_type(None, "现将有关事项通知如下:", "zh", page_labels=("小学校长述职报告推荐 篇1",)) == "通知"


def test_a_watermark_glued_before_a_title_that_lost_its_line_breaks_is_not_the_title() -> None:
    # xinyuwenchuang.cn (structure_real_8 tuning): "二心语文}创%素材[库:https://www.xinyuwenchuang.cn/。公众@号:笔杆子星域。
    # 整理汇总。XX镇2023年政府工作报告各位代表:现在,…" in one line: no title was found and the watermark stayed in the body
    from .helpers import extract_raw_text

    row = _row("structure_real_8", "xinyuwenchuang_township_government_work_report")
    doc = extract_raw_text(str(row["raw_text"]), str(row["id"]))
    assert doc["title"] == "XX镇2023年政府工作报告" and doc["doc_type"] == "报告"
    assert str(doc["text"]).startswith("各位代表:") and "公众" not in str(doc["text"])



def test_a_bare_document_number_after_the_doc_type_word_is_no_part_of_the_title() -> None:
    # changge (structure_real_9 tuning): "长葛市人民政府土地征收预公告〔2021〕第25号" is the only title line; its tail is the 文号
    from docpipe.structure.title import strip_title_decoration

    from .helpers import extract_raw_text

    row = _row("structure_real_9", "changge_land_acquisition_pre_announcement")
    doc = extract_raw_text(str(row["raw_text"]), str(row["id"]))
    assert doc["title"] == "长葛市人民政府土地征收预公告" and doc["doc_type"] == "公告"
    line = next(line for line in str(row["raw_text"]).split("\n") if line.startswith("长葛市人民政府土地征收预公告"))
    assert strip_title_decoration(line) == "长葛市人民政府土地征收预公告"


def test_a_letter_spaced_issuer_line_joins_the_title_and_the_drafts_edition_note_stays_in_the_body() -> None:
    # footfavors (structure_real_9 tuning): "五 華 縣 人 民 政 府" / "關于五華縣全域禁燃禁放煙花爆竹的通告" / "(征求意見稿)" / "為加強…":
    # the spaced issuer was read as a menu line and the edition note (read as 意見) as the title's last line
    from docpipe import patterns
    from docpipe.structure.title import find_title

    from .helpers import extract_raw_text

    row = _row("structure_real_9", "footfavors_wuhua_fireworks_ban_tonggao_draft_trad")
    doc = extract_raw_text(str(row["raw_text"]), str(row["id"]))
    assert doc["title"] == row["title"] and doc["doc_type"] == "通告"
    assert str(doc["text"]).startswith("(征求意見稿)")
    lines = str(row["raw_text"]).split("\n")
    assert not patterns.TEXT_MENU_LINE.match(lines[0]) and patterns.STRUCT_TITLE_EDITION_NOTE.fullmatch(lines[2])
    found = find_title(lines[:6])
    assert found is not None and found.title == row["title"] and found.end == 2


def test_a_reposts_copyright_notice_caption_editor_print_source_and_tip_jar_are_chrome() -> None:
    # structure_real_9 tuning: 830036's "(相关资料图)" / "凡本报记者署名文字、图片,版权均属新安晚报所有。…未经授权不得转载…" /
    # … / "编辑 张思平"; smwenxue's "《 人民日报 》( 2010年12月21日   02 版)"; footfavors' "如果覺得這篇文章對您有幫助,請打賞支持一下!"
    from docpipe.clean.noise import chrome_reason

    from .helpers import extract_raw_text

    news = _row("structure_real_9", "830036_shanghai_exchange_group_pifu_news")
    lines = [line for line in str(news["raw_text"]).split("\n") if line.strip()]
    assert [chrome_reason(line) for line in lines[:2]] == ["credit", "disclaimer"]
    assert chrome_reason(next(line for line in lines if line.startswith("编辑 "))) == "credit"
    text = str(extract_raw_text(str(news["raw_text"]), str(news["id"]))["text"])
    assert "版权均属" not in text and "资料图" not in text and "张思平" not in text
    # the 批复's own lines stay
    assert "沪府〔2023〕49号" in text and "特此批复。" in text and chrome_reason("上海市国资委:") is None
    paper = _row("structure_real_9", "smwenxue_change2_commendation_decision")
    source = next(line for line in str(paper["raw_text"]).split("\n") if "人民日报" in line)
    assert chrome_reason(source) == "credit"
    assert "人民日报" not in str(extract_raw_text(str(paper["raw_text"]), str(paper["id"]))["text"])
    draft = _row("structure_real_9", "footfavors_wuhua_fireworks_ban_tonggao_draft_trad")
    tip = str(draft["raw_text"]).rstrip().split("\n")[-1]
    assert tip.startswith("如果覺得") and chrome_reason(tip) == "social"
    assert "打賞" not in str(extract_raw_text(str(draft["raw_text"]), str(draft["id"]))["text"])
