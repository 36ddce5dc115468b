"""Titles of real scraped texts without markup (docpipe.structure.title, via `docpipe extract`).

Each case is a real text: tests/fixtures/structure_real_extra (in the repository) or, marked eval,
the tuning part of ../shared/eval/structure_real."""

from __future__ import annotations

from pathlib import Path

import pytest

from docpipe.structure.title import find_title, strip_title_decoration

from .helpers import extract_raw_text, gold_rows

EXTRA = gold_rows(Path(__file__).resolve().parents[1] / "fixtures" / "structure_real_extra" / "gold.jsonl")
# structure_real_more: only documents of its tuning part are used for rules and tests
MORE = gold_rows(Path(__file__).resolve().parents[1] / "fixtures" / "structure_real_more" / "gold.jsonl")


def _title(row: dict[str, object]) -> object:
    return extract_raw_text(str(row["raw_text"]), str(row["id"]))["title"]


@pytest.mark.parametrize(
    ("doc_id", "case"),
    [
        ("biodynamics_chengguan_deputy_shuzhi", "page title with 范文, collection heading and its label 篇1 skipped"),
        ("jiahexinwen_chenzhou_surrender_tonggao", "joint title: issuer lines joined with the 关于…的通告 line"),
        ("yisouxsb_hubei_myanmar_surrender_tonggao_discuz_trad", "title broken over two lines, poster's lead above it left out"),
        ("suininggov_flood_plan_comment_han", "form labels (主题:) and the site's name above the 函"),
        ("shaheshigov_deputy_suggestion_reply", "breadcrumb and 发布时间/来源 lines out; …建议的答复"),
        ("caiyes_cadre_meeting_speech_discuz", "a jammer glued to the post title is not part of it"),
        ("renrendoc_institute_cooperation_han", "lost line breaks: collection labels before the title segment"),
        ("tcysjy_primary_principal_shuzhi", "…范文锦集八篇 is a page title, 篇1 a label: no title of its own"),
        ("fortlauderdale_moa_fishing_ban_tonggao_trad", "a section name 重要通告 is no title when the real one follows"),
        ("thefilledlantern_traffic_control_tonggao_trad", "only collection labels: no title"),
        ("yncngov_changning_land_gonggao", "the 文号 in brackets after the title is stripped"),
        ("infoeach_spc_claim_period_fuhan", "the title line nearest the body; its issuer line above is not prepended"),
    ],
)
def test_title_of_real_texts(doc_id: str, case: str) -> None:
    row = EXTRA[doc_id]
    title = _title(row)
    key = lambda t: "".join(str(t).split()) if t is not None else None  # noqa: E731
    assert key(title) == key(row["title"]), case


def test_salutation_and_marker_lines_are_never_titles() -> None:
    # the opening lines of laomiw_speech_draft_types_guide_discuz: a heading, then body
    row = EXTRA["laomiw_speech_draft_types_guide_discuz"]
    assert _title(row) is None
    assert find_title(["同志们:", "今天召开全县经济工作会议,主要任务是总结上半年工作。"]) is None
    assert find_title(["各位领导、同志们:", "现将有关情况汇报如下。"]) is None


def test_decorations() -> None:
    assert strip_title_decoration("最新“走进春天”学校春游活动方案") == "“走进春天”学校春游活动方案"
    assert strip_title_decoration("第1篇 市政府辦公室上半年工作總結(jié)大會講話稿") == "市政府辦公室上半年工作總結(jié)大會講話稿"
    assert strip_title_decoration("征收土地预公告(昌政征启公告〔2024〕05号)") == "征收土地预公告"
    assert strip_title_decoration("关于开展安全检查的通知") == "关于开展安全检查的通知"
    # issue 11: a breadcrumb tag glued to the title
    assert strip_title_decoration("[县长在县委书记]县长在全县经济工作会议上的讲话") == "县长在全县经济工作会议上的讲话"


REAL_TITLE_CASES = [
    ("7rdy_county_econ_speech", "the salutation 同志们: is not a title"),
    ("zjcgov_task_breakdown_notice", "the 主送 line is not a title"),
    ("thxgov_work_rules_notice", "breadcrumb and metadata table above the title"),
    ("hnchangninggov_cppcc_work_report", "the 文种 line is preferred over the site name"),
    ("wuxingwenku_agri_water_halfyear_summary", "past the collection title and the 目录 block"),
    ("apolloltms_office_halfyear_speech_trad", "第1篇 decoration stripped"),
    ("letgol_standing_meeting_minutes", "only a collection label: no title"),
    ("mingyanjiaju_town_summary_trad", "page title with 範文 skipped for the document's line"),
    ("33jin_guangdong_private_investment_notice", "title broken over three lines, truncated page title above"),
    ("xiezuofangchengshi_county_econ_speech", "lost line breaks: title glued to the salutation"),
    ("shui5_zhejiang_yrd_opinion", "lost line breaks: title before the 文号"),
    ("ovod_training_closing_speech", "a marker-led first line is not a title"),
]


@pytest.mark.parametrize(("doc_id", "case"), REAL_TITLE_CASES)
def test_title_of_structure_real_tuning_texts(shared_dir: Path, doc_id: str, case: str) -> None:
    rows = gold_rows(shared_dir / "eval" / "structure_real" / "gold.jsonl")
    row = rows[doc_id]
    key = lambda t: "".join(str(t).split()) if t is not None else None  # noqa: E731
    assert key(_title(row)) == key(row["title"]), case


def test_a_numbered_page_headline_gives_the_title_inside_its_brackets() -> None:
    # 0798ci.com (search tool's pages corpus): "<文号>《<title>》" above the document
    assert strip_title_decoration("鲁政发〔2014〕20号《山东省人民政府关于深化预算管理制度改革的实施意见》") == "山东省人民政府关于深化预算管理制度改革的实施意见"


@pytest.mark.parametrize(
    ("doc_id", "case"),
    [
        ("mifunc_xibaipo_study_xinde", "a bare 文种 category label above the headline is no title; 有感 names 心得体会"),
        ("gongwenbang_county_forest_chief_halfyear_summary", "a tag line (标签: #工作总结) is chrome, not the title"),
        ("xiaomilidoc_county_econ_work_meeting_speech", "a document site's 文章标题: field gives the title"),
        ("xiaomilidoc_county_econ_mobilisation_speech", "the editor's note between title and salutation is cut"),
        ("dywdw_town_gov_work_report", "the headline repeated under a date bar, disclaimer and 导语 teaser"),
        ("tkpao_rural_practice_xinde", "breadcrumb and byline bar above the title"),
    ],
)
def test_title_of_structure_real_more_tuning_texts(doc_id: str, case: str) -> None:
    from docpipe.evaluate import split_parts

    assert split_parts("structure_real_more")[doc_id] == "tuning"
    row = MORE[doc_id]
    key = lambda t: "".join(str(t).split()) if t is not None else None  # noqa: E731
    assert key(_title(row)) == key(row["title"]), case


def test_a_bare_type_word_is_a_title_only_when_nothing_follows_it() -> None:
    # a category label over the headline is skipped; a lone 文种 line under the issuer is the title
    assert find_title(["心得体会", "赴西柏坡学习有感", "最近,我有幸到河北西柏坡学习,深深体会到群众的力量是最强大的。"]).title == "赴西柏坡学习有感"
    found = find_title(["通知", "各乡镇:", "经研究,决定召开全县安全生产工作会议。"])
    assert found is not None and found.title == "通知"


def test_a_page_title_with_fanwen_appended_gives_the_title_when_alone() -> None:
    found = find_title(["开业庆典致辞范文", "尊敬的各位来宾:", "大家好!今天我们在这里隆重举行开业庆典。"])
    assert found is not None and found.title == "开业庆典致辞"
    # a collection (…范文精选) is no title
    assert find_title(["常务会议纪要范文精选", "会议由县长主持。会议研究了以下事项。"]) is None


PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "structure_pages"


def _page(name: str) -> dict[str, object]:
    return extract_raw_text((PAGES / f"{name}.txt").read_text(encoding="utf-8"), name)


def test_a_metadata_field_with_a_value_is_never_the_title() -> None:
    # "- 备注/文号:明政办〔2016〕82号" / "- 公文生成日期:2016-06-23" above a covering notice without a
    # title line: no title (structure_real's convention for covering notices)
    assert _page("mingxi_food_safety_plan_notice")["title"] is None


def test_a_timestamped_line_is_never_the_title_and_leaves_the_body() -> None:
    # "乡镇职能定位研究报告" then "2018年8月17日23:55:20乡镇职能定位研究报告已关闭评论"
    doc = _page("gwyd123_township_functions_report")
    assert doc["title"] == "乡镇职能定位研究报告"
    assert "已关闭评论" not in str(doc["text"])


def test_a_headline_glued_to_the_documents_title_line_gives_the_documents_line() -> None:
    doc = _page("wenke99_county_secretaries_speech")
    assert doc["title"] == "县长在全县乡镇党委书记座谈会上的讲话"
    # a title whose opening recurs without a second 文种 is left whole
    assert strip_title_decoration("县长在全县大会上的讲话县长") == "县长在全县大会上的讲话县长"


def test_a_short_name_line_is_not_a_title_without_a_wenzhong_word() -> None:
    # "政府会议纪要具体范文(通用5篇)" (a collection headline) then "小伞" (its author) then the 导读 teaser
    assert _page("xs668_minutes_collection")["title"] is None


def test_a_word_count_after_the_title_is_a_decoration() -> None:
    assert _page("itql_spring_festival_survey")["title"] == "关于春节消费的社会调查报告"
    assert strip_title_decoration("2024年工作总结") == "2024年工作总结"


def test_a_headline_the_head_gives_twice_is_the_title_before_the_byline_under_it() -> None:
    # "振奋精神 转变观念 搞好第二次创业" (page headline), meta lines, the same line again, then
    # "宝钢集团企业开发总公司党委书记  叶国平": the byline is no title
    assert _page("ce2293_second_venture_speech")["title"] == "振奋精神 转变观念 搞好第二次创业"


def test_an_author_line_under_a_collection_headline_is_no_title() -> None:
    # "作开幕式领导讲话致辞5篇" (a collection label) then "| 郭家2" (its author)
    assert _page("eastca_opening_address_collection")["title"] is None


# structure_real_3: only documents of its tuning part are used for rules and tests
REAL3 = gold_rows(Path(__file__).resolve().parents[1] / "fixtures" / "structure_real_3" / "gold.jsonl")


def test_an_entry_label_numbered_in_chinese_is_a_collection_label() -> None:
    # "乡镇年度工作计划(优质6篇)" then "乡镇年度工作计划 篇一": both labels, no title
    doc = _page("hxlib_township_plan_collection")
    assert doc["title"] is None and doc["doc_type"] == "计划"
    assert "篇一" not in str(doc["text"]) and "优质6篇" not in str(doc["text"])


def test_a_fanwen_page_title_given_twice_gives_the_title_without_its_decoration() -> None:
    # "乡镇2021年工作规划范文" twice (dropped as collection labels), then the body: structure_real's
    # convention drops the decoration when a contiguous title remains
    doc = _page("lasc_township_2021_plan")
    assert doc["title"] == "乡镇2021年工作规划"
    assert "范文" not in str(doc["text"])


@pytest.mark.parametrize(
    "doc_id",
    [
        # "乡镇领导在春节团拜会上的致辞(2)": a paginated page's number is a decoration, and the
        # "发言稿2018-06-11李一老师" bar under it (category, date, author) is no title
        "78911_township_spring_gathering_zhici_p2",
        # "鄉鎮現狀調研報告" twice, then a body sentence that lost its 。 (three clauses) naming 调研报告 too
        "aywxfw_township_status_survey_report_pinyin_trad",
        # collection pages, no title: "镇目标工作计划(2篇).docxVIP" (a file name), "镇目标工作计划(2篇)",
        # "镇目标工作计划(一)" (an entry label); "申请办公经费请示格式范文(通用4篇)" (a collection label)
        "book118_town_target_work_plan_collection",
        "yueduku_office_funds_qingshi_collection",
    ],
)
def test_title_of_structure_real_3_tuning_texts(doc_id: str) -> None:
    row = REAL3[doc_id]
    doc = extract_raw_text(str(row["raw_text"]), doc_id)
    assert doc["title"] == row["title"] and doc["doc_type"] == row["doc_type"]
    assert not [n for n in row["noise"] if n in str(doc["text"])]  # type: ignore[union-attr]


THIRD = gold_rows(Path(__file__).resolve().parents[1] / "fixtures" / "structure_real_3" / "gold.jsonl")


def test_head_lines_naming_no_wenzhong_are_scored_the_longest_title_like_line_wins() -> None:
    # comefromchina_cppcc_opening_forum_post (structure_real_3, tuning): a forum post's headline, then
    # its user card ("• 开始时间 开始时间", "guest", "Moderator", "管理成员") before the card's join date
    # was read as the page's date line: the headline, not the card's last line, is the title
    row = THIRD["comefromchina_cppcc_opening_forum_post"]
    assert _title(row) == row["title"] == "俞正声宣布全国政协十二届一次会议开幕"


def test_a_short_slogan_above_a_wenzhong_body_is_no_title_and_not_body_text() -> None:
    # qianlima_masked_county_land_gonggao (structure_real_extra): "开启全网商机" alone above a 公告 whose
    # body closes 特此公告 — a site's slogan: no title, and it is the page's, not the body's
    row = EXTRA["qianlima_masked_county_land_gonggao"]
    doc = extract_raw_text(str(row["raw_text"]), str(row["id"]))
    assert row["title"] is None and doc["title"] is None
    assert "开启全网商机" not in doc["text"]
    # a short line alone above an essay's prose is still its title (tests/fixtures/structure prose_plain)
    found = find_title(["秋日里的老街", "老街在城市的东头，青石板路已经被岁月磨得发亮。每到秋天，街边的梧桐树叶便一片片落下来。"])
    assert found is not None and found.title == "秋日里的老街"


def test_the_title_thresholds_are_structure_settings() -> None:
    from docpipe.config import StructureSettings

    lines = ["俞正声宣布全国政协十二届一次会议开幕", "guest", "各位委员,各位朋友,各位同志,现在开会。"]
    assert find_title(lines).title == "俞正声宣布全国政协十二届一次会议开幕"
    # a title without a 文种 word must have title_fallback_min_chars ideographs
    assert find_title(lines, cfg=StructureSettings(title_fallback_min_chars=30)).title is None
    # the head is read for title_head_lines lines only
    found = find_title(["小伞", "guest", *lines], cfg=StructureSettings(title_head_lines=2))
    assert found is not None and found.title is None and found.end == 2
