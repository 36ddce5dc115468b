"""Chrome shapes learnt from real pages of the search tool's pages corpus (tests/fixtures/structure_pages,
SOURCE.md there): each test reads one page, runs it the way `docpipe extract` does, and asserts that
the page's chrome leaves the body with its reason and that the document's own lines stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from docpipe.clean.noise import chrome_reason
from docpipe.clean.text import clean_text
from tests.structure.helpers import extract_raw_text

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "structure_pages"


def _raw(name: str) -> str:
    return (PAGES / f"{name}.txt").read_text(encoding="utf-8")


def _dropped(name: str) -> dict[str, str]:
    _, _, dropped = clean_text(_raw(name))
    return {d.text: d.reason for d in dropped}


def _body(name: str) -> str:
    return str(extract_raw_text(_raw(name), name)["text"])


def test_share_targets_under_a_share_widget_are_chrome() -> None:
    dropped = _dropped("huarong_flood_warning_share_widgets")
    assert dropped["微信"] == "widget" and dropped["手机APP"] in ("widget", "edge_meta")
    body = _body("huarong_flood_warning_share_widgets")
    assert "微信" not in body and "县防汛抗旱指挥部办公室" in body and "二○一○年五月十一日" in body


def test_footer_credits_with_prefixed_labels_are_chrome() -> None:
    line = "网络编辑:石振海 信息审核:石振海"
    assert chrome_reason(line) == "credit"
    body = _body("yijun_rainstorm_notice_footer_credits")
    assert "石振海" not in body and "云梦乡人民政府" in body and "2018年7月2日" in body
    # a label of the text's own with a prefix is no credit
    assert chrome_reason("信息审核:各单位每周五前报送本周信息,由办公室统一审核后发布。") is None


def test_a_related_links_header_and_a_bar_of_spaced_links_are_chrome() -> None:
    dropped = _dropped("p719_duty_report_guide_link_bar")
    assert dropped["小編精心推薦"] == "widget"
    assert dropped["述職報告范文 | 述職報告開頭結(jié)尾 | 述職報告模板 | 述職報告格式 | 個人述職報告"] == "keyword_bar"
    assert "述職報告模板" not in _body("p719_duty_report_guide_link_bar")
    # a table row opens with its bar and is text
    assert chrome_reason("| 内容模块 | 说明 | 个人基本情况 | 工作职责概述 |") is None


def test_a_breadcrumb_without_separators_is_chrome_and_never_the_title() -> None:
    assert chrome_reason("首页范文稿件发言稿") == "breadcrumb"
    assert chrome_reason("首页 理论教育 通用公文写作的基本要求") == "breadcrumb"
    doc = extract_raw_text(_raw("guayunfan_official_writing_guide"))
    assert doc["title"] == "通用公文写作的基本要求"
    assert extract_raw_text(_raw("gdygsk_opening_remarks_collection"))["title"] is None
    # a line that opens with the word 首页 in a sentence is text
    assert chrome_reason("首页设计应当简洁明了,便于群众查找办事指南。") is None


def test_a_site_intro_that_gives_the_reader_the_texts_is_dropped() -> None:
    body = _body("gdygsk_opening_remarks_collection")
    assert "精编" not in body and "仅供参考" not in body
    assert body.startswith("在年中这样一个时间节点")


def test_a_date_line_with_a_category_and_a_feedback_link_is_metadata() -> None:
    assert chrome_reason("时间:2022-04-02 理论教育 版权反馈") == "meta_fields"


def test_a_bracketed_site_summary_is_chrome() -> None:
    dropped = _dropped("guayunfan_official_writing_guide")
    assert any(reason == "site_summary" and text.startswith("【摘要】") for text, reason in dropped.items())
    body = _body("edu51_childrens_day_speech")
    assert "精品学习网" not in body and body.startswith("同志们、小朋友们")


def test_a_document_sites_header_leaves_the_body() -> None:
    dropped = _dropped("bdocx_format_norms_doc_site")
    assert dropped["下载 相关 举报"] == "widget_row"
    assert dropped["企事业单位公文格式规范WORD20页.docx_第1页"] == "doc_site_field"
    assert dropped["下载资源"] == "widget" and dropped["资源描述"] == "widget"
    assert any(text.startswith("《企事业单位公文格式规范WORD20页.docx》由会员分享") for text in dropped)
    doc = extract_raw_text(_raw("bdocx_format_norms_doc_site"))
    assert "docx_第" not in str(doc["title"]) and "由会员分享" not in str(doc["text"])
    assert "点击查看更多" not in str(doc["text"])


@pytest.mark.parametrize("row", [
    "【打印本页】 【关闭窗口】", "[ 打印 ] [ 关闭 ]", "【字体:大 中 小】【打印】【关闭】", "分享到: 微信 微博 QQ空间", "保存 打印",
])
def test_a_row_of_page_buttons_is_chrome(row: str) -> None:
    # the button words of the pages above and of portals ("下载 相关 举报", "阅读人次: 保存 打印"): one home,
    # the widget rows (the social pattern's button bars moved there, main 27dd32d)
    assert chrome_reason(row) == "widget_row"


def test_spaced_words_of_a_documents_own_line_are_not_a_button_row() -> None:
    # short words set apart by spaces in real documents' own lines, not a button bar (the fixtures
    # hold no real line mixing button words with others, so that case is not asserted):
    # a chapter heading of tests/fixtures/structure_real_3 (taoees_county_agri_funds_measures,
    # 第一章 总 则) and a law's 主席令 number in tests/fixtures/neardup/fanwen.jsonl (fa_lvga)
    assert chrome_reason("第一章 总 则") is None
    assert chrome_reason("第 五十二 号") is None


def test_chunk_numbers_after_a_share_sentence_are_the_sites() -> None:
    doc = extract_raw_text(_raw("yzwku_town_work_report_chunks"))
    assert doc["title"] == "2023年XX镇政府工作报告"
    assert "非税收入XX万元" in str(doc["text"]) and "2、入" not in str(doc["text"])
    assert "由会员分享" not in str(doc["text"])


def test_a_spaced_out_table_label_is_read_as_the_label() -> None:
    assert chrome_reason("文    号:蔚政办字〔2020〕43号 主 题 词:") == "meta_fields"
    doc = extract_raw_text(_raw("zjkyx_health_emergency_plan_notice"))
    assert doc["title"] == "蔚县人民政府办公室关于印发《蔚县突发公共卫生事件应急预案》的通知"
    assert "主题词" not in str(doc["text"]).replace(" ", "")


def test_a_login_prompt_and_a_lone_arrow_are_chrome() -> None:
    dropped = _dropped("fanwenq_civilised_county_speech")
    assert dropped["请先登录"] == "widget" and dropped[">"] == "symbol_only"
    body = _body("fanwenq_civilised_county_speech")
    assert "请先登录" not in body and not any(line.strip() == ">" for line in body.split("\n"))


def test_a_recommendation_widget_with_a_long_title_is_chrome() -> None:
    dropped = _dropped("hafencaoymj_appraisal_plan_collection")
    assert dropped["- 代理記賬公司績(jì)效考核方案 推薦度:"] == "widget"


def test_a_paywall_note_ends_the_body() -> None:
    dropped = _dropped("wm114_duty_report_guide_paywall")
    assert dropped["收藏《述职报告的写作》)"] == "tail"


def test_a_collection_entry_numbered_after_its_title_is_a_label() -> None:
    assert chrome_reason("公司文书管理工作制度5") == "collection_label"
    assert "工作制度5" not in _body("pmceo_document_rules")


def test_a_fanwen_page_title_above_a_date_line_gives_the_title_without_decorations() -> None:
    # "最新有关六一儿童节市领导演讲稿范文" / "编辑:sx_chenzf" / "2013-10-30": the page title decorated by 最新 and 范文
    assert extract_raw_text(_raw("edu51_childrens_day_speech"))["title"] == "有关六一儿童节市领导演讲稿"


def test_a_reader_count_and_an_editor_credit_are_chrome_and_the_teaser_goes() -> None:
    assert chrome_reason("193人看过") == "counter" and chrome_reason("询律网小编整理") == "counter"
    body = _body("xunlv_shenzhen_health_reform_opinion")
    assert "人看过" not in body and "小编整理" not in body
    # the teaser (the opening cut off at "提高全") sat seven lines down, under the date, the count and three tags
    assert "服务,提高全\n" not in body + "\n" and body.count("为进一步完善我市医药卫生体制") == 1
    assert chrome_reason("193人参加了培训") is None


def test_a_metadata_table_without_colons_is_chrome_and_the_broken_title_is_joined() -> None:
    dropped = _dropped("jeevanhouse_student_nutrition_plan_notice")
    assert dropped["索 引 號"] == "meta_table" and dropped["成文日期 2012-03-22"] == "meta_table"
    assert dropped["分享到:"] == "widget" and dropped["【字體:"] == "widget"
    doc = extract_raw_text(_raw("jeevanhouse_student_nutrition_plan_notice"))
    assert doc["title"] == "內(nèi)蒙古自治區(qū)人民政府辦公廳關(guān)于印發(fā)自治區(qū)實(shí)施《國家農(nóng)村義務(wù)教育學(xué)生營養(yǎng)改善計(jì)劃》試點(diǎn)方案的通知"
    assert doc["doc_type"] == "通知" and "主題分類" not in str(doc["text"])
    # a sentence that opens with a table word is text
    assert chrome_reason("有效性评价由第三方机构负责,每年开展一次。") is None


def test_an_issuer_line_is_joined_only_to_a_title_with_guanyu() -> None:
    doc = extract_raw_text(_raw("law911_private_clinics_measures"))
    assert doc["title"] == "宁夏回族自治区社会办医和个体行医管理办法"


def test_a_labelled_field_inside_a_metadata_table_is_the_tables_and_the_title_is_found_under_the_date_line() -> None:
    dropped = _dropped("cqyc_village_election_plan_notice")
    assert any(text.startswith("标题:") and reason == "meta_fields" for text, reason in dropped.items())
    doc = extract_raw_text(_raw("cqyc_village_election_plan_notice"))
    assert doc["title"] == "中共重庆市永川区来苏镇委员会重庆市永川区来苏镇人民政府关于印发《来苏镇第十一届村民委员会换届选举工作方案》的通知"
    assert doc["doc_type"] == "通知" and "标题:" not in str(doc["text"])


def test_a_news_sites_name_before_its_editors_and_a_more_link_are_chrome() -> None:
    dropped = _dropped("qdhnews_village_cleaning_news")
    assert dropped["千岛湖新闻网 编辑:程就 姜智荣"] == "credit" and dropped["更多>>"] == "widget"
    # the dateline credit inside the lead sentence stays
    assert "千岛湖新闻网讯 (通讯员 叶德喜)" in _body("qdhnews_village_cleaning_news")


def test_a_portals_footer_is_chrome() -> None:
    dropped = _dropped("roundyun_forest_fire_patrol_footer")
    assert sum(reason == "site_footer" for reason in dropped.values()) == 5
    body = _body("roundyun_forest_fire_patrol_footer")
    assert "ICP" not in body and "郵編" not in body and body.startswith("每年的十月")


def test_a_breadcrumb_with_elided_levels_and_a_site_banner_are_not_the_title() -> None:
    dropped = _dropped("szzj_village_election_opinion")
    assert dropped["您当前的位置:"] == "breadcrumb" and dropped[">> ... >> 其他政策文件"] == "breadcrumb"
    doc = extract_raw_text(_raw("szzj_village_election_opinion"))
    assert doc["title"] == "关于认真做好城南新区(三江街道)村和社区组织换届选举工作的实施意见"


def test_a_close_button_with_its_cross_is_chrome() -> None:
    assert _dropped("chxf_township_congress_news")["关闭×"] == "widget"
