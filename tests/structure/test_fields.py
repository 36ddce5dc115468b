"""文种, salutation, closing, speaker/occasion and the 公文 header and footer."""

from __future__ import annotations

import pytest

from docpipe.structure import fields as fld
from docpipe.structure.doctype import detect_doc_type, doc_type_from_body, doc_type_from_title

from .helpers import structure


@pytest.mark.parametrize(
    ("title", "doc_type"),
    [
        ("某县长在县推进依法行政工作领导组会议上的讲话", "讲话"),
        ("在全縣經濟工作會議上的講話", "讲话"),
        ("在全市优化营商环境工作推进会上的发言", "发言"),
        ("在文化旅游节开幕式上的致辞", "致辞"),
        ("2024年度总结表彰大会主持词", "主持词"),
        ("XX县人民政府关于开展安全生产大检查的通知", "通知"),
        ("关于印发《XX实施方案》的通知", "通知"),
        ("关于申请专项资金的请示", "请示"),
        ("关于同意设立XX的批复", "批复"),
        ("关于2024年安全生产情况的通报", "通报"),
        ("关于进一步加强基层治理的实施意见", "意见"),
        ("XX县农村人居环境整治实施方案（讨论稿）", "方案"),
        ("XX中学2024学年德育工作计划", "计划"),
        ("XX镇2024年上半年工作总结范文", "总结"),
        ("学习二十届三中全会精神心得体会（3篇）", "心得体会"),
        ("2024年度个人述职报告", "述职报告"),
        ("关于农村集体经济发展情况的调研报告", "调研报告"),
        ("XX街道2024年度工作情况汇报", "报告"),
        ("县长办公会议纪要", "纪要"),
        ("关于商请支持XX工作的函", "函"),
        ("XX市城市绿化管理办法", "其他"),
    ],
)
def test_doc_type_from_title_ending(title: str, doc_type: str) -> None:
    assert doc_type_from_title(title) == doc_type


def test_doc_type_from_body_when_the_title_says_nothing() -> None:
    assert doc_type_from_body("各单位：现将有关事项通知如下：……特此通知。") == "通知"
    assert doc_type_from_body("……资金缺口较大。妥否，请批示。") == "请示"
    assert doc_type_from_body("同志们：今天召开会议。下面，我讲三点意见。") == "讲话"
    assert detect_doc_type(None, "老街在城市的东头。", "zh") == "其他"
    assert detect_doc_type("Annual report", "The water is safe.", "en") is None


@pytest.mark.parametrize(
    ("lines", "salutation"),
    [
        (["同志们:", "今天会议的主要任务是部署工作。"], "同志们"),
        (["同志們：", "今天會議的主要任務是部署工作。"], "同志們"),
        (["尊敬的各位领导、各位来宾：", "大家好！"], "尊敬的各位领导、各位来宾"),
        (["尊敬的各位嘉宾，", "女士们、先生们：", "大家好！"], "尊敬的各位嘉宾，女士们、先生们"),
        (["同志们：今天我们召开全县经济工作会议。"], "同志们"),
        (["各乡镇人民政府，县直各部门：", "现将有关事项通知如下。"], None),
        (["今天会议的主要任务是部署工作。"], None),
        # Speaker and date lines above the salutation are skipped, not the end of the search.
        (["某区区长 李明", "（2024年5月8日）", "同志们：", "今天召开会议。"], "同志们"),
        (["区委副书记、区长 李明", "2024年5月8日", "各位代表：", "现在我报告工作。"], "各位代表"),
        # But not past the speech itself: a salutation-like line after running text is not one.
        (["今天召开会议，研究部署工作。", "同志们：", "下面我讲几点。"], None),
        (["甲", "乙", "丙", "丁", "同志们："], None),
    ],
)
def test_salutation(lines: list[str], salutation: str | None) -> None:
    assert fld.find_salutation(lines) == salutation


@pytest.mark.parametrize(
    ("last", "closing"),
    [
        ("让我们共同努力，开创新局面！谢谢大家！", "谢谢大家！"),
        ("我的发言完毕，谢谢大家！", "我的发言完毕，谢谢大家！"),
        ("以上汇报，不妥之处，请各位领导批评指正。", "以上汇报，不妥之处，请各位领导批评指正。"),
        ("特此通知。", "特此通知。"),
        ("妥否，请批示。", "妥否，请批示。"),
        ("现在我宣布，大会圆满结束！", "现在我宣布，大会圆满结束！"),
        ("同志们，让我们紧密团结，奋力开创新局面！", None),
        # Half-width "." ends the sentence before the formula, as "。" does.
        ("让我们共同努力,开创新局面.谢谢大家!", "谢谢大家!"),
        ("以上汇报.不妥之处,请批评指正.", "不妥之处,请批评指正."),
    ],
)
def test_closing(last: str, closing: str | None) -> None:
    assert fld.find_closing(["正文内容。", last]) == closing


@pytest.mark.parametrize(
    ("title", "speaker", "occasion"),
    [
        ("某县长在县推进依法行政工作领导组会议上的讲话", "某县长", "县推进依法行政工作领导组会议"),
        ("在2024年度全县教育工作总结表彰大会上的主持词", None, "2024年度全县教育工作总结表彰大会"),
        ("凝心聚力 共谋发展——XXX同志在全市招商大会上的讲话", "XXX同志", "全市招商大会"),
        ("县委书记XXX在全县经济工作会议开幕时的讲话", "县委书记XXX", "全县经济工作会议开幕"),
        ("2024年度总结表彰大会主持词", None, "2024年度总结表彰大会"),
        ("XX镇2024年工作总结", None, None),
    ],
)
def test_speaker_and_occasion(title: str, speaker: str | None, occasion: str | None) -> None:
    assert fld.find_speaker_occasion(title, doc_type_from_title(title)) == (speaker, occasion)


def test_gongwen_header_and_footer() -> None:
    doc = structure(
        "XX市人民政府文件",
        "X政发〔2024〕5号",
        "各区县人民政府，市政府各部门：",
        "现将《XX方案》印发给你们，请认真贯彻执行。",
        "附件：XX方案",
        "XX市人民政府",
        "二〇二四年三月五日",
        title="XX市人民政府关于印发《XX方案》的通知",
    )
    assert (doc.issuer, doc.doc_number, doc.recipients) == ("XX市人民政府", "X政发〔2024〕5号", "各区县人民政府，市政府各部门")
    assert doc.attachments == ("XX方案",)
    assert (doc.signature, doc.signed_date) == ("XX市人民政府", "2024-03-05")
    assert doc.doc_type == "通知" and doc.references == ("XX方案",)


def test_issuer_from_title_and_signature_on_date_line() -> None:
    doc = structure("根据工作安排，现将有关事项通知如下。", "特此通知。", "XX县教育局 2024年9月1日",
                    title="XX县教育局关于做好秋季开学工作的通知")
    assert (doc.signature, doc.signed_date, doc.issuer) == ("XX县教育局", "2024-09-01", "XX县教育局")
    assert doc.closing == "特此通知。"


def test_template_dates_stay_as_written() -> None:
    assert fld.iso_date("202x年x月x日") == "202x年x月x日"
    assert fld.iso_date("2024年12月6日") == "2024-12-06"


@pytest.mark.parametrize(
    ("title", "doc_type"),
    [
        ("2024年党支部工作总结范文（精选5篇）", "总结"),
        ("XX主题教育读书班研讨发言材料", "发言"),
        ("讲话稿：坚定理想信念", "讲话"),
        ("关于乡村振兴的调研与思考", "调研报告"),
        ("XX函授学院招生简章", None),
        ("XX同志先进事迹材料", None),
    ],
)
def test_doc_type_word_elsewhere_in_the_title(title: str, doc_type: str | None) -> None:
    assert doc_type_from_title(title) == doc_type


@pytest.mark.parametrize(
    ("title", "doc_type"),
    [
        # A navigation menu taken for the title names several 文种: it says nothing.
        ("某某文库 导航 首页 年终总结 实施方案 发言稿", None),
        ("首页|心得体会|工作计划|致辞", None),
        # The real title after the menu still decides.
        ("某某文库 首页 年终总结 实施方案 | 关于做好防汛工作的通知", "通知"),
        # Spaces alone do not make a menu: one 文种 word, or a long title segment.
        ("凝心聚力 共谋发展 讲话稿", "讲话"),
        ("2024年度社区工作总结 述职报告", "述职报告"),
    ],
)
def test_doc_type_ignores_a_menu_in_the_title(title: str, doc_type: str | None) -> None:
    assert doc_type_from_title(title) == doc_type


def test_menu_title_falls_back_to_the_body() -> None:
    doc = structure("现将有关事项通知如下。", "一、时间安排", "另行通知。", title="某某文库 首页 年终总结 实施方案 发言稿")
    assert doc.doc_type == "通知"


def test_menu_title_gives_way_to_a_first_line_naming_its_doc_type() -> None:
    doc = structure("XX社区2024年志愿服务工作计划", "为做好今年工作，特制定本计划。", "一、工作目标", "正文。",
                    title="某某文库 导航 首页 年终总结 实施方案 发言稿")
    assert (doc.title, doc.doc_type) == ("XX社区2024年志愿服务工作计划", "计划")
    assert [h.text for h in doc.headings] == ["工作目标"]


def test_plan_named_in_the_body() -> None:
    assert doc_type_from_body("为做好今年的志愿服务工作，特制定本计划。") == "计划"
    assert doc_type_from_body("现将今年工作要点如下。") == "计划"
