"""Outline markers, levels, lead sentences, glued headings, numbering checks, section paths."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docpipe.models import CleanBlock
from docpipe.structure.outline import cn_to_int, roman_to_int

from .helpers import outline, structure

BODY = "这是正文内容，用于说明本部分的具体要求和工作安排。"


@pytest.mark.parametrize(
    ("line", "marker", "text"),
    [
        ("一、总体要求", "一、", "总体要求"),
        ("十二、其他事项", "十二、", "其他事项"),
        ("（一）指导思想", "（一）", "指导思想"),
        ("(二)工作目标", "(二)", "工作目标"),
        ("1.加强组织领导", "1.", "加强组织领导"),
        ("1、加强组织领导", "1、", "加强组织领导"),
        ("１．加强组织领导", "１．", "加强组织领导"),
        ("（1）严格执行标准", "（1）", "严格执行标准"),
        ("(1)严格执行标准", "(1)", "严格执行标准"),
        ("⑴严格执行标准", "⑴", "严格执行标准"),
        ("①完善培训制度", "①", "完善培训制度"),
        ("第一,准确站位,切实守牢政治责任", "第一,", "准确站位,切实守牢政治责任"),
        ("第一，准确站位", "第一，", "准确站位"),
        ("第一、准确站位", "第一、", "准确站位"),
        ("第一部分 基本情况", "第一部分", "基本情况"),
        ("第一章 总则", "第一章", "总则"),
        ("第一节 一般规定", "第一节", "一般规定"),
        ("第一条 为了规范管理，制定本办法。", "第一条", "为了规范管理，制定本办法"),
        ("2.3 工作范围", "2.3", "工作范围"),
    ],
)
def test_every_marker_style_is_a_heading(line: str, marker: str, text: str) -> None:
    assert outline(line, BODY) == [(1, marker, text)]


@pytest.mark.parametrize(
    "line",
    [
        "2024.5月份完成了全部任务。",
        "3、4月份是工作的关键时期。",
        "1.5亿元资金已全部到位。",
        "一、二季度经济运行平稳。",
        "十四、五岁，正是花季的年龄。",
        "第一次会议于上午召开。",
        "第一责任人要切实履行职责。",
        "统一是做好工作的前提。",
    ],
)
def test_running_text_is_not_a_heading(line: str) -> None:
    assert outline(line, BODY) == []


def test_gbt9704_levels_follow_first_appearance() -> None:
    got = outline("一、总体要求", "（一）指导思想", "1.坚持党的领导", "（1）提高站位", "二、主要任务", "（一）重点工作")
    assert [(lvl, m) for lvl, m, _ in got] == [(1, "一、"), (2, "（一）"), (3, "1."), (4, "（1）"), (1, "二、"), (2, "（一）")]


def test_document_opening_with_arabic_numbers_has_them_at_level_1() -> None:
    got = outline("1.指导思想", BODY, "（1）工作目标", "2.主要任务")
    assert [(lvl, m) for lvl, m, _ in got] == [(1, "1."), (2, "（1）"), (1, "2.")]
    # a 一、 after them is above them (GB/T 9704), not a level under the last one seen
    got = outline("1.指导思想", BODY, "（1）工作目标", "2.主要任务", "一、这一级后出现", "（一）其下")
    assert [(lvl, m) for lvl, m, _ in got] == [(1, "1."), (2, "（1）"), (1, "2."), (1, "一、"), (2, "（一）")]


def test_full_and_half_width_markers_are_one_style() -> None:
    got = outline("一、总体要求", "（一）指导思想", "(二)工作目标", "1．坚持", "2.落实")
    assert [lvl for lvl, _, _ in got] == [1, 2, 2, 3, 3]


def test_lead_sentence_of_a_paragraph_is_the_heading() -> None:
    doc = structure("（一）加强组织领导。各单位要成立领导小组，明确责任分工。")
    assert [(h.marker, h.text) for h in doc.headings] == [("（一）", "加强组织领导")]
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "加强组织领导"),
        ("paragraph", "各单位要成立领导小组，明确责任分工。"),
    ]
    assert doc.blocks[1].section_path == (1,)


def test_headings_glued_to_body_after_lost_line_breaks() -> None:
    doc = structure(
        "第一,准确站位,切实守牢法治政府建设的政治责任党的十八大以来,全面依法治国深入推进。"
        "各部门要统一思想。第二,突出重点,全面提升质量和效能当前,我县正处于关键时期。"
        "我们要围绕中心工作。"
    )
    assert [(h.marker, h.text) for h in doc.headings] == [
        ("第一,", "准确站位,切实守牢法治政府建设的政治责任"),
        ("第二,", "突出重点,全面提升质量和效能"),
    ]
    assert doc.blocks[1].text.startswith("党的十八大以来") and doc.blocks[3].text.startswith("当前")


def test_sub_heading_glued_to_its_heading() -> None:
    got = outline("一、工作开展情况（一）聚焦发展，综合实力提升。全年税收增长8%。（二）聚焦民生，群众满意。新建公园3个。")
    assert [(lvl, m, t) for lvl, m, t in got] == [
        (1, "一、", "工作开展情况"),
        (2, "（一）", "聚焦发展，综合实力提升"),
        (2, "（二）", "聚焦民生，群众满意"),
    ]


def test_running_text_enumeration_stays_inline() -> None:
    doc = structure("我讲三点意见：第一，要提高认识；第二，要加强领导。第三，要狠抓落实。")
    assert doc.headings == ()
    assert [i.marker for i in doc.items] == ["第一，", "第二，", "第三，"]


def test_shouxian_sequence_opening_paragraphs_are_headings() -> None:
    doc = structure("首先，要提高政治站位。" + BODY, "其次，要强化责任担当。" + BODY, "最后，要加强自身建设。" + BODY)
    assert [(h.level, h.marker, h.text) for h in doc.headings] == [
        (1, "首先，", "要提高政治站位"), (1, "其次，", "要强化责任担当"), (1, "最后，", "要加强自身建设")
    ]
    assert doc.items == ()


def test_lone_zuihou_paragraph_is_a_point_not_a_heading() -> None:
    doc = structure("一、工作要求", BODY, "最后，我再强调一点，安全生产责任重于泰山。")
    assert [h.marker for h in doc.headings] == ["一、"]
    assert [(i.marker, i.text) for i in doc.items] == [("最后，", "我再强调一点")]
    assert doc.blocks[-1].text == "最后，我再强调一点，安全生产责任重于泰山。"


def test_html_headings_and_bold_lines() -> None:
    doc = structure(
        CleanBlock(kind="heading", text="Overview", level=2),
        "Some text about the project and its aims.",
        CleanBlock(kind="heading", text="Scope", level=3),
        CleanBlock(kind="paragraph", text="Key dates", bold=True),
        "More text follows here for the reader.",
    )
    assert [(h.level, h.marker, h.text) for h in doc.headings] == [(1, "", "Overview"), (2, "", "Scope"), (3, "", "Key dates")]


def test_html_heading_levels_are_ranked_by_tag() -> None:
    doc = structure(
        CleanBlock(kind="heading", text="Summary", level=3),
        "Text.",
        CleanBlock(kind="heading", text="Part one", level=2),
        CleanBlock(kind="heading", text="Details", level=3),
    )
    assert [h.level for h in doc.headings] == [2, 1, 2]


def test_english_numbering_and_sentences() -> None:
    doc = structure(
        "I. Introduction", "A. Scope", "1. Preheat the oven to 180 degrees and wait ten minutes before you start.",
        "1.1 Background", "II. Methods",
    )
    assert [(h.level, h.marker, h.text) for h in doc.headings] == [
        (1, "I.", "Introduction"), (2, "A.", "Scope"), (3, "1.1", "Background"), (1, "II.", "Methods")
    ]
    assert [b.kind for b in doc.blocks][2] == "list_item"


@pytest.mark.parametrize(
    ("lines", "warning"),
    [
        (("一、甲", "三、乙"), "skips from 1 to 3"),
        (("一、甲", "二、乙", "二、丙"), "repeats"),
        (("一、甲", "二、乙", "一、丙"), "restarts at 1 after 2"),
        (("二、甲", "三、乙"), "starts at 2"),
    ],
)
def test_numbering_problems_are_flagged_not_forced(lines: tuple[str, ...], warning: str) -> None:
    doc = structure(*lines)
    assert [h.level for h in doc.headings] == [1] * len(lines)
    assert len(doc.outline_warnings) == 1 and warning in doc.outline_warnings[0]


def test_numbering_restarting_under_a_new_parent_is_fine() -> None:
    doc = structure("一、甲", "（一）子", "（二）子", "二、乙", "（一）子", "第一章 总则", "第一条 甲。", "第二章 其他", "第二条 乙。")
    assert doc.outline_warnings == ()


def test_section_paths_and_skipped_levels() -> None:
    doc = structure("前言。", "一、甲", "（一）子", "正文一。", "1.孙", "二、乙", "1.跳过一级", "正文二。")
    paths = [(b.kind, b.section_path) for b in doc.blocks]
    assert paths == [
        ("paragraph", ()), ("heading", (1,)), ("heading", (1, 1)), ("paragraph", (1, 1)),
        ("heading", (1, 1, 1)), ("heading", (2,)), ("heading", (2, 0, 1)), ("paragraph", (2, 0, 1)),
    ]


def test_attachment_list_lines_are_not_headings() -> None:
    doc = structure("一、工作要求", BODY, "附件：1．任务分解表", "2．情况统计表", "XX县人民政府", "2024年3月8日")
    assert [h.marker for h in doc.headings] == ["一、"]
    assert doc.attachments == ("任务分解表", "情况统计表")


def test_document_without_structure_has_an_empty_outline() -> None:
    doc = structure("老街在城市的东头，青石板路已经被岁月磨得发亮。", "如今，老街经过修缮，又重新热闹起来。")
    assert doc.headings == () and doc.items == () and doc.outline_warnings == ()
    assert all(b.section_path == () for b in doc.blocks)


def test_numeral_parsing() -> None:
    assert [cn_to_int(n) for n in ("一", "十", "十二", "二十", "二十三", "一百")] == [1, 10, 12, 20, 23, 100]
    assert [roman_to_int(n) for n in ("I", "IV", "IX", "XIV")] == [1, 4, 9, 14]


def test_a_label_and_its_value_are_the_heading_text_up_to_the_sentence_end() -> None:
    # qianlima_masked_county_land_gonggao (tests/fixtures/structure_real_extra): the real sets label
    # "label:value" headings with the whole lead sentence, colon kept
    doc = structure("四、公告期限:2026年3月16日至2026年3月30日。", "五、工作安排")
    assert [(h.marker, h.text) for h in doc.headings] == [("四、", "公告期限:2026年3月16日至2026年3月30日"), ("五、", "工作安排")]


def test_new_level_glued_in_a_paragraph_needs_a_second_number() -> None:
    glued = outline("二、主要任务（一）开展环境卫生整治。1.清理卫生死角，全面清理。2.规范车辆停放，施划车位。")
    assert [(lvl, m) for lvl, m, _ in glued] == [(1, "二、"), (2, "（一）"), (3, "1."), (3, "2.")]
    inline = outline("（二）检查重点。1.安全生产责任制落实情况；2.重大事故隐患排查整改情况。")
    assert [m for _, m, _ in inline] == ["（二）"]


def test_running_text_di_enumeration_after_a_heading_stays_inline() -> None:
    doc = structure("一、提高认识。第一，要加强学习。第二，要转变作风。")
    assert [h.marker for h in doc.headings] == ["一、"]
    assert [i.marker for i in doc.items] == ["第一，", "第二，"]


def test_bold_salutation_closing_and_sentences_are_not_headings() -> None:
    doc = structure(
        CleanBlock(kind="paragraph", text="同志们：", bold=True),
        "今天召开会议，部署全年工作。",
        CleanBlock(kind="paragraph", text="一、认清形势，增强责任感", bold=True),
        CleanBlock(kind="paragraph", text="这一点必须引起高度重视。", bold=True),
        CleanBlock(kind="paragraph", text="（一）盘活资源资产。各村通过清产核资，摸清家底。", bold=True),
        CleanBlock(kind="paragraph", text="谢谢大家！", bold=True),
    )
    assert [(h.level, h.marker, h.text) for h in doc.headings] == [(1, "一、", "认清形势，增强责任感"), (2, "（一）", "盘活资源资产")]
    assert doc.salutation == "同志们" and doc.closing == "谢谢大家！"


def test_subtitle_under_the_title_is_title_not_outline() -> None:
    doc = structure(
        CleanBlock(kind="heading", text="凝心聚力 共谋发展", level=1),
        CleanBlock(kind="heading", text="——XXX同志在全市招商大会上的讲话", level=2),
        "同志们：",
        CleanBlock(kind="heading", text="一、认清形势", level=3),
        "正文。",
        title="凝心聚力 共谋发展",
    )
    assert [(h.level, h.marker) for h in doc.headings] == [(1, "一、")]
    assert doc.items == ()
    assert (doc.doc_type, doc.speaker, doc.occasion) == ("讲话", "XXX同志", "全市招商大会")
    assert doc.title == "凝心聚力 共谋发展——XXX同志在全市招商大会上的讲话"


def test_several_texts_on_one_page() -> None:
    got = outline("篇一：学习心得体会", "一、提高认识", BODY, "二、狠抓落实", BODY, "【篇二】工作心得", "一、加强学习", BODY)
    assert [(lvl, m) for lvl, m, _ in got] == [(1, "篇一："), (2, "一、"), (2, "二、"), (1, "【篇二】"), (2, "一、")]
    assert structure("篇一：学习心得体会", "一、提高认识", "【篇二】工作心得", "一、加强学习").outline_warnings == ()


def test_h1_close_to_the_title_is_the_title_not_a_level() -> None:
    doc = structure(
        CleanBlock(kind="heading", text="在全县经济工作会议上的讲话", level=1),
        "同志们：",
        CleanBlock(kind="heading", text="一、认清形势", level=2),
        "正文。",
        title="在全县经济工作会议上的讲话（全文）",
    )
    assert [(h.level, h.marker) for h in doc.headings] == [(1, "一、")]
    assert doc.salutation == "同志们"


def test_half_width_dot_ends_a_lead_sentence_in_glued_text() -> None:
    # Text typed without a Chinese IME: "." instead of "。", and every line break lost.
    got = outline(
        "为做好村庄清洁工作，结合本村实际，制定本方案.一、工作原则.坚持统筹兼顾.二、主要任务."
        "(一)清理垃圾.年底前全部清运.(二)改造厕所.完成改造100户，占比3.5%.三、保障措施.加强督查."
    )
    assert got == [
        (1, "一、", "工作原则"), (1, "二、", "主要任务"), (2, "(一)", "清理垃圾"),
        (2, "(二)", "改造厕所"), (1, "三、", "保障措施"),
    ]
    assert outline("(一)总体目标.到年底,全村全部达标.", BODY) == [(1, "(一)", "总体目标")]


def test_half_width_dot_in_numbers_and_markers_is_not_a_sentence_end() -> None:
    # Decimals, "1." / "一." / "第一." markers and "1.1" numbering keep their dots.
    assert outline("一.提高标准2.5倍以上.各村要抓紧落实.", BODY) == [(1, "一.", "提高标准2.5倍以上")]
    assert outline("1.加强领导.成立领导小组.", "2.明确责任.层层落实.") == [(1, "1.", "加强领导"), (1, "2.", "明确责任")]
    assert outline("1.1 工作范围", BODY, "1.2 工作要求", BODY) == [(1, "1.1", "工作范围"), (1, "1.2", "工作要求")]
    got = outline("会议要求.一.统一思想.提高认识.二.狠抓落实.确保成效.")
    assert got == [(1, "一.", "统一思想"), (1, "二.", "狠抓落实")]
    # A sentence ending in a numeral word ("之一.") is still a sentence end.
    got = outline("一、加强学习", "学习是今年的重点任务之一.二、加强督查.确保实效.")
    assert got == [(1, "一、", "加强学习"), (1, "二、", "加强督查")]


def test_space_before_a_marker_is_a_lost_line_break() -> None:
    got = outline("三、保障措施 （一）加强组织。各村成立工作专班。（二）强化考核。纳入年度考核。")
    assert got == [(1, "三、", "保障措施"), (2, "（一）", "加强组织"), (2, "（二）", "强化考核")]
    got = outline("一、基本情况 1.人口。全村共有人口八百人。2.产业。以种植业为主。")
    assert got == [(1, "一、", "基本情况"), (2, "1.", "人口"), (2, "2.", "产业")]
    # In running text, a spaced marker counts only when it continues a numbering in use.
    got = outline("一、统一思想", "思想统一了，行动才能一致 二、落实责任。责任要到人。")
    assert got == [(1, "一、", "统一思想"), (1, "二、", "落实责任")]
    assert outline("一、统一思想", "关键在于 三、抓好落实。要落实。") == [(1, "一、", "统一思想")]


def test_two_phrase_heading_keeps_its_second_phrase() -> None:
    # "一、认清形势 增强…" is one heading in two phrases; a space before body text with clause
    # punctuation ("一、总体要求 坚持以…，…") is a lost line break.
    assert outline("一、认清形势 增强做好防汛工作的紧迫感", BODY) == [(1, "一、", "认清形势 增强做好防汛工作的紧迫感")]
    got = outline("一、认清形势 增强做好防汛工作的紧迫感。今年降雨偏多。")
    assert got == [(1, "一、", "认清形势 增强做好防汛工作的紧迫感")]
    got = outline("一、总体要求 坚持以人民为中心，统筹推进各项工作，确保取得实效。")
    assert got == [(1, "一、", "总体要求")]


def test_noise_never_becomes_headings_or_points() -> None:
    # The structure stage applies the clean stage's noise rules (docpipe.clean.noise) to blocks
    # that did not come through the cleaner.
    doc = structure("一、总体要求", "正文内容。I. c9 R- ~' O6 L3 u", "- 2 -", "1/5", "二、主要任务", "正文。")
    assert [h.marker for h in doc.headings] == ["一、", "二、"]
    assert "c9" not in doc.text and "1/5" not in doc.text


def test_a_toc_block_is_not_the_outline() -> None:
    # the 目录 of a compilation page (wuxingwenku in structure_real): entries with page numbers
    doc = structure("目录", "1.农业农村水利局2023年上半年工作总结及下半年工作谋划 2", "2.县财政局2023年上半年工作总结和下半年工作谋划 10",
                    "今年以来，区农水局坚持稳中求进。", "一、2023年上半年工作总结", "（一）重要指标完成情况")
    assert [(h.level, h.marker) for h in doc.headings] == [(1, "一、"), (2, "（一）")]
    assert "目录" not in doc.text and "县财政局" not in doc.text
    # a line "目录" without entries under it stays text
    assert "目录" in structure("目录", "今年以来，区农水局坚持稳中求进。").text


def test_wuxingwenku_toc_entries_are_not_headings(shared_dir: Path) -> None:
    from .helpers import extract_raw_text, gold_rows

    row = gold_rows(shared_dir / "eval" / "structure_real" / "gold.jsonl")["wuxingwenku_agri_water_halfyear_summary"]
    doc = extract_raw_text(str(row["raw_text"]))
    assert [(h["level"], h["marker"]) for h in doc["headings"]] == [(1, "一、"), (2, "(一)"), (2, "(二)")]


def test_headings_of_a_text_whose_paragraphs_are_kept_apart_by_spaces() -> None:
    # renrendoc_institute_cooperation_han (tests/fixtures/structure_real_extra): the whole 函 in one
    # line, paragraphs separated by spaces; the first 一、 follows a space too
    from .helpers import extract_raw_text, gold_rows

    rows = gold_rows(Path(__file__).resolve().parents[1] / "fixtures" / "structure_real_extra" / "gold.jsonl")
    doc = extract_raw_text(str(rows["renrendoc_institute_cooperation_han"]["raw_text"]))
    assert [h["marker"] for h in doc["headings"]] == ["一、", "二、", "三、", "四、", "五、"]
    assert doc["headings"][0]["text"].startswith("定期举行所、校之间学术讨论")


def test_numbered_dates_and_class_names_are_not_markers() -> None:
    # issue 11: the 1. of "1.3月5日" is not a heading number; roster lines name classes "七、一班"
    doc = structure("一、工作安排", "1.3月5日召开动员大会，部署全年工作。", "第一小组:七、一班、七、二班")
    assert [h.marker for h in doc.headings] == ["一、"]
    doc = structure("一、工作安排", "1.召开动员大会。", "2.开展专项检查。")
    assert [h.marker for h in doc.headings] == ["一、", "1.", "2."]


def test_an_excerpt_starting_inside_a_section_keeps_gbt_levels() -> None:
    # sucai198_natural_resources_survey_collection_page (structure_real_more, tuning): the excerpt
    # opens at (三) of a 二、 on the previous page, then 三、 follows
    got = outline("(三)联合测绘工作推进较慢。" + BODY, "(四)村庄规划编制工作有待加强。" + BODY,
                  "三、对下一步工作的建议", "(一)建立信息共享机制。" + BODY)
    assert [(lvl, m) for lvl, m, _ in got] == [(2, "(三)"), (2, "(四)"), (1, "三、"), (2, "(一)")]
    # an excerpt that opens at a 1. list and then reaches the 一、 level: 一、 is the top level
    got = outline("1.总体要求", BODY, "一、指导思想", BODY, "2.工作目标", BODY)
    assert [(lvl, m) for lvl, m, _ in got] == [(1, "1."), (1, "一、"), (2, "2.")]


def test_levels_follow_the_nesting_not_the_first_appearance_of_a_style() -> None:
    # yingyudengji_gangkou_town_contract_staff_recruitment_gonggao (structure_real_3, tuning): 1、 is used
    # under 一、 before (一) appears, then under (一) — level 2, then level 3, as the labels nest them
    got = outline("一、招聘条件", "1、坚持四项基本原则,有良好的政治素质,遵纪守法,作风正派,品行端正;",
                  "2、身体健康,能胜任应聘岗位的工作;", "二、招聘程序", "招聘实行竞争性选拔考试。", "(一)发布招聘公告",
                  "在中山市港口镇政府信息网及微信公众号港口发布上公告。", "(二)报名", "报名时间:2020年4月24日-5月3日",
                  "1、报名方式:网上报名。", "2、资格审核和领取准考证")
    assert [(lvl, m) for lvl, m, _ in got] == [(1, "一、"), (2, "1、"), (2, "2、"), (1, "二、"), (2, "(一)"),
                                               (2, "(二)"), (3, "1、"), (3, "2、")]
    doc = structure("一、招聘条件", "1、坚持四项基本原则;", "二、招聘程序", "(一)报名", "1、报名方式:网上报名。")
    assert [b.section_path for b in doc.blocks] == [(1,), (1, 1), (2,), (2, 1), (2, 1, 1)]
    # a hierarchy the text has already shown is kept: 1. straight under 三、 after 一、 （一） 1. is level 3
    got = outline("一、总体要求", "（一）指导思想", "1.坚持", "三、保障措施", "1.加强领导")
    assert [lvl for lvl, _, _ in got] == [1, 2, 3, 1, 3]


def test_a_speech_announcing_its_points_opens_the_first_glued_heading() -> None:
    # xiaomilidoc_county_econ_mobilisation_speech (structure_real_more, tuning): no line breaks left
    got = outline("今天这次会议很重要。下面,我先讲三点意见:一、全面盘点,客观总结去年的经济工作。认真总结去年的经济工作,意义重大。")
    assert [(m, t[:8]) for _, m, t in got] == [("一、", "全面盘点,客观总")]
    # a colon that announces no points is no boundary: an inline enumeration stays in the paragraph
    assert outline("会议议定了以下事项:一、同意立项,二、由财政局落实资金。") == []


def test_decimal_sections_of_a_plan_whose_line_breaks_were_lost() -> None:
    # suininggov_flood_plan_comment_han (structure_real_extra): the attached 预案 kept apart only by spaces
    text = ("请各单位于6月18日前反馈至市防汛办。联系电话:2710900 1 总 则 1.1 编制目的 为主动预防洪涝灾害,规范防汛减灾"
            "应对行动,特制定本预案。 1.2 编制依据 根据《中华人民共和国防洪法》等法律法规,制定本预案。")
    got = outline(text)
    assert [(lvl, m, t[:4]) for lvl, m, t in got] == [(1, "1", "总 则"[:4]), (2, "1.1", "编制目的"), (2, "1.2", "编制依据")]
    # a number before a word is no chapter number without its N.1 right after
    assert outline("全县共有 3 个乡镇完成任务,其中 2 个已验收。1.1万亩耕地得到整治。") == []


def test_a_heading_whose_text_is_its_circled_points() -> None:
    # jikaoti_yangcheng_lake_reply (structure_real, tuning): "三、①…;②…;③…" — the heading has no text
    doc = structure("二、保护区范围包括一级保护区。", "三、①尽快编制区域发展规划,科学布局;②你市要按照总体要求推进;③努力打造样板区。")
    assert [(h.marker, h.text) for h in doc.headings] == [("二、", "保护区范围包括一级保护区"), ("三、", "")]
    assert [(i.marker, i.text) for i in doc.items] == [("①", "尽快编制区域发展规划"), ("②", "你市要按照总体要求推进"), ("③", "努力打造样板区")]
    # one circled number after a marker is the heading's text ("三、①号楼改造工程")
    doc = structure("三、①号楼改造工程")
    assert [(h.marker, h.text) for h in doc.headings] == [("三、", "①号楼改造工程")]


def test_the_union_of_the_marker_styles_matches_where_a_style_matches() -> None:
    # match_marker asks one union pattern first and tries the styles one by one only where it
    # matches (a speed gate): on real texts, at every line start and sentence end, the union
    # matches exactly where some style does.
    import json

    from docpipe.structure import outline as o
    from tests.conftest import FIXTURES

    texts = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "structure").glob("*.txt"))]
    rows = (FIXTURES / "structure_real_more" / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    texts += [json.loads(row)["raw_text"] for row in rows if row.strip()]
    found = 0
    for text in texts:
        view = o.analysis_view(text)
        starts = {0} | {m.end() for m in re.finditer(r"[\n。；;:：!?！？ ]", view)}
        for pos in starts:
            for union, styles in ((o._ANY_CHINESE, o._CHINESE_STYLES), (o._ANY_ENGLISH, o._ENGLISH_STYLES + o._CHINESE_STYLES)):
                some = any(p.match(view, pos) for _, p in styles)
                assert bool(union.match(view, pos)) == some, (view[pos:pos + 20], union.pattern)
                found += some
    assert found > 100  # the texts do hold markers


def test_a_space_where_the_line_break_was_ends_a_heading_before_the_lead_in_to_its_points() -> None:
    # gwyd123.com (tests/fixtures/structure_pages): "一、乡镇工作困难及乡镇干部的困惑   就乡镇工作面临的困难而言,
    # 乡镇最难干的事有四件:一是…" — paragraphs kept apart by spaces only
    from .helpers import extract_raw_text

    path = Path(__file__).resolve().parents[1] / "fixtures" / "structure_pages" / "gwyd123_township_functions_report.txt"
    doc = extract_raw_text(path.read_text(encoding="utf-8"), "gwyd123")
    assert [(h["marker"], h["text"]) for h in doc["headings"]] == [("一、", "乡镇工作困难及乡镇干部的困惑")]  # type: ignore[attr-defined]
    assert [i["marker"] for i in doc["items"]][:2] == ["一是", "二是"]  # type: ignore[attr-defined]
