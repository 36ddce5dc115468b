"""文种 from the title, a subtitle, the body's formulas and the 主送 line (docpipe.structure.doctype).

The body sentences are quoted from real scraped texts (structure_real tuning texts and
tests/fixtures/structure_real_extra; the id is given)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docpipe.structure.doctype import detect_doc_type, doc_type_from_body, doc_type_from_title

from .helpers import extract_raw_text, gold_rows

EXTRA = gold_rows(Path(__file__).resolve().parents[1] / "fixtures" / "structure_real_extra" / "gold.jsonl")


@pytest.mark.parametrize(
    ("body", "doc_type"),
    [
        ("因此,特具请示,请您百忙之中予以一顾并切实关心解决,不胜感谢!以上请示如无不妥请批示", "请示"),  # bluu
        ("你市《关于设立阳澄湖生态保护区的请示》收悉。经研究,批复如下:", "批复"),  # jikaoti
        ("代縣長主持召開了縣政府第xx次常務會議,現將會議確定事項紀要如下:", "纪要"),  # letgol
        ("现将《政府工作报告》中涉及2016年的各项目标任务分解下达。请各乡镇紧扣各项目标任务。", "通知"),  # zjcgov
        ("拟开展征收土地工作,现将拟征收土地有关事项告知如下:", "公告"),  # yncngov
        ("以上各项,如蒙同意,建议互派科研主管人员就有关内容进一步磋商。特此函达,务希研究见复。", "函"),  # renrendoc
        ("您提出的建议收悉。我局高度重视此建议的办理,现答复如下:", "函"),  # shaheshigov
        ("简单的说,听名师授课、学时政精化,使我收获良多,既拓宽了我的视野。", "心得体会"),  # gxscse
        ("首先,我谨代表xx,向进入决赛的xx名参赛选手表示热烈的祝贺!", "致辞"),  # huaboedu
        ("为全面推进工作,特制定本方案。", "方案"),
        ("现将2023上半年工作总结如下。", "总结"),
        ("为了推动我镇经济社会持续健康发展,提升居民生活质量,结合我镇实际情况,特制定本目标工作计划。", "计划"),  # book118 (structure_real_3 tuning)
        ("在比赛开始之前,我简要作个讲话。", "讲话"),  # qdfww (structure_real_3 tuning)
    ],
)
def test_doc_type_from_the_body_formulas(body: str, doc_type: str) -> None:
    assert doc_type_from_body(body) == doc_type
    assert detect_doc_type(None, body, "zh") == doc_type


def test_subtitle_and_recipients_name_the_type_when_the_title_does_not() -> None:
    # wenmi (structure_real): the main title has no 文种 word, its "——" subtitle does
    assert detect_doc_type("危房自查与督查情况差距较大改建工作亟待加强", "为彻底查清我县危旧校舍现状。", "zh",
                           subtitle="——某县政府督查室关于全县危旧校舍改造自查与督查差距大的问题汇报") == "报告"
    # a 主送 line to a set of units opens a 通知 when nothing else says
    assert detect_doc_type(None, "请各单位认真抓好落实。", "zh", recipients="各乡镇人民政府,县政府各部门") == "通知"
    assert detect_doc_type(None, "请各单位认真抓好落实。", "zh") == "其他"


def test_two_types_joined_in_a_title_name_the_first() -> None:
    # mingyanjiaju (structure_real): only the 总结 half is in the text
    assert doc_type_from_title("鄉鎮xx年工作總結和xx年工作計畫") == "总结"
    # a 通知 that prints two quoted documents is still a 通知
    assert doc_type_from_title("关于印发《安全生产工作方案》和《考核办法》的通知") == "通知"


@pytest.mark.parametrize(
    "doc_id",
    ["renrendoc_institute_cooperation_han", "shaheshigov_deputy_suggestion_reply", "jiahexinwen_chenzhou_surrender_tonggao",
     "yisouxsb_hubei_myanmar_surrender_tonggao_discuz_trad", "caiyes_shuzhi_writing_guide_discuz"],
)
def test_doc_type_of_real_texts(doc_id: str) -> None:
    row = EXTRA[doc_id]
    assert extract_raw_text(str(row["raw_text"]), doc_id)["doc_type"] == row["doc_type"]


def test_a_collection_pages_label_names_the_doc_type_when_nothing_else_does() -> None:
    from docpipe.structure.doctype import detect_doc_type, doc_type_from_labels

    # gongwen99_town_2024_work_plan_collection (structure_real_more, tuning): no title, the label says 计划
    assert doc_type_from_labels(["政府2024年工作计划2024年工作计划篇1"]) == "计划"
    assert doc_type_from_labels(["调研报告汇编(61篇)(第7/23页)"]) == "调研报告"
    assert doc_type_from_labels(["第1篇"]) is None
    # the body's formula still comes first
    assert detect_doc_type(None, "现将有关事项通知如下:", "zh", page_labels=("工作总结篇1",)) == "通知"
    assert detect_doc_type(None, "坚持以解放思想为先导。", "zh", page_labels=("工作总结篇1",)) == "总结"


@pytest.mark.parametrize(
    ("body", "doc_type"),
    [
        ("经县委常委会研究,特作如下决定:一、授予…荣誉称号。", "决定"),
        ("为深入推进乡村振兴,现就加强农村人居环境整治提出如下意见:", "意见"),
        ("同志们:现在开会。今天会议的议程有三项。", "主持词"),
        ("值此新春佳节到来之际,我向全县人民致以新春的祝福。", "致辞"),
        ("今天的会议议程已全部完成。散会。", "主持词"),
    ],
)
def test_body_formulas_of_more_doc_types(body: str, doc_type: str) -> None:
    from docpipe.structure.doctype import doc_type_from_body

    assert doc_type_from_body(body) == doc_type


def test_words_of_those_formulas_in_running_text_are_no_evidence() -> None:
    from docpipe.structure.doctype import doc_type_from_body

    assert doc_type_from_body("我们决定明天出发,大家意见一致。") is None


REAL3 = gold_rows(Path(__file__).resolve().parents[1] / "fixtures" / "structure_real_3" / "gold.jsonl")


@pytest.mark.parametrize(
    "doc_id",
    [
        "agnbn_street_2022_summary_2023_ideas",  # only the site's intro names it: "…整理的街道工作总结及…"
        "dushuhao_tongbao_examples_book_chapter",  # "…予以通报表彰。" (titles glued to their 主送 lines)
        "jingpinshuku_population_mobilisation_host_trad",  # the book's 【致辭背景】…致辭 label is not its title
        "comefromchina_cppcc_opening_forum_post",  # the chairman: "现在进行第一项议程" (主持词)
        "aihuau_company_sports_meet_athlete_fayan",  # "我…代表全体运动员发言" (发言, not the 致辞 of its salutation)
    ],
)
def test_doc_type_of_real_texts_whose_title_does_not_say_it(doc_id: str) -> None:
    # structure_real_3: only documents of its tuning part are used for rules and tests
    row = REAL3[doc_id]
    doc = extract_raw_text(str(row["raw_text"]), doc_id)
    assert doc["doc_type"] == row["doc_type"] and doc["title"] == row["title"]
