"""The one noise module (docpipe.clean.noise), both ways: chrome and jammer go, text stays.

Lines are quoted from the real scraped texts of tests/fixtures/structure_real_extra (the id is
given) and from issue 11; `test_fixture_chrome_lines_are_dropped_with_their_reason` reads them
from the fixture itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docpipe.clean.noise import (
    block_chrome,
    chrome_reason,
    clean_line,
    filter_lines,
    is_page_counter,
    strip_inline,
    strip_jammer,
    systematic_pinyin,
)
from docpipe.clean.text import clean_text

EXTRA = Path(__file__).resolve().parents[1] / "fixtures" / "structure_real_extra" / "gold.jsonl"
ROWS = {r["id"]: r for r in map(json.loads, EXTRA.read_text(encoding="utf-8").splitlines()) if r}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("我们要加强学习) L. c9 R- ~' O6 L3 u", "我们要加强学习"),
        ("深化改革6 e$ t0 L. h& P+ ~，持续优化营商环境", "深化改革，持续优化营商环境"),
        ("今天会议8W@~的任务", "今天会议的任务"),
        # caiyes_cadre_meeting_speech_discuz: a jammer glued to the title and one glued after a ')'
        ("全市干部大会讲话原文及说理技巧解读8 [; o H! @9 B! f& ?# \\", "全市干部大会讲话原文及说理技巧解读"),
        ("(比喻论证,生动形象说明一个道理)4 o+ }1 f3 o2 X3 Q B9 B", "(比喻论证,生动形象说明一个道理)"),
        # caiyes_shuzhi_writing_guide_discuz: the marker glued after a jammer run is the text's own
        ("# L* n6 Q% ^* `$ j8 f/ d 1.首部。主要包括标题、主送机关或称谓等内容。", "1.首部。主要包括标题、主送机关或称谓等内容。"),
        # yisouxsb_…_discuz_trad: a jammer glued before the marker 二、
        ("2 E% S- b' o8 q3 Z- H二、非法滯留緬北人員回國後", "二、非法滯留緬北人員回國後"),
    ],
)
def test_jammer_runs_are_removed(line: str, expected: str) -> None:
    assert strip_jammer(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        # issue 11: one filter deleted "A1 B2 C3" (real text) — codes without symbols are text
        "本次采购型号 A1 B2 C3 三种设备",
        "今年完成 GDP 增长 5% 的目标",
        "A B C 三个方案各有优劣",
        "选项 A) B) C) 任选其一",
        "the quick brown fox",
        "Pick one of A, B, C.",
        "推广TCP/IP协议和5G应用。",
        "全年增长12.5%以上。",
    ],
)
def test_text_that_looks_like_jammer_is_kept(line: str) -> None:
    assert strip_jammer(line) == line
    assert clean_line(line) == line


def test_a_jammer_only_line_is_dropped() -> None:
    for line in ("; G) X3 q. q/ q", "- `1 V* x2 O# \\", "& x8 V( i2 o9 j- o1 }( l"):
        assert chrome_reason(line) == "jammer", line


@pytest.mark.parametrize("line", ["第 3 页 共 12 页", "共12页", "- 3 -", "3/12", "Page 3 of 12", "17", "上一页 1 2 3 下一页"])
def test_page_counters(line: str) -> None:
    assert is_page_counter(line)
    assert clean_line(line) == ""


@pytest.mark.parametrize("line", ["2024", "第三页的内容很重要", "2024年工作总结", "一、总体要求", "2023年7月18日"])
def test_not_page_counters(line: str) -> None:
    # issue 11: a line that is only "2024" was dropped by one filter and kept by the other; a
    # 4-digit number may be a year, so both stages keep it.
    assert not is_page_counter(line)
    assert clean_line(line) == line


def test_a_lone_pinyin_gloss_is_removed_but_injected_pinyin_throughout_is_kept() -> None:
    assert clean_line("成立以局長(zhǎng)为组长的专班") == "成立以局長为组长的专班"
    assert clean_line("行（háng）业发展，方案(a)和美元(USD)") == "行业发展，方案(a)和美元(USD)"
    # 023dajian_…_tonggao_trad renders the whole text with injected pinyin; the real sets quote
    # titles and headings with it, so the document keeps it as written
    raw = ROWS["023dajian_shanwei_traffic_control_tonggao_trad"]["raw_text"]
    assert systematic_pinyin(raw.splitlines())
    blocks, _, _ = clean_text(raw)
    assert any("根據(jù)" in b.text for b in blocks)
    kept, _ = filter_lines(["成立以局長(zhǎng)为组长的专班", "正文。"])
    assert kept == ["成立以局長为组长的专班", "正文。"]
    # ... and pinyin does not hide a chrome line
    assert chrome_reason("- 相關(guān)推薦") == "widget"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("作者:法律资料网 时间:2024-06-29 10:15:14   浏览:8351   来源:法律资料网", "meta_fields"),
        ("发布时间:2023-07-21    来源:交通局 打印", "meta_fields"),
        ("时间:2022-05-07 14:44:19 模板 我要投稿", "meta_fields"),
        ("放大字體  縮小字體🕓2019-01-18  來源:🔗農(nóng)業(yè)部  💛5724", "meta_fields"),
        ("是否同意公开:是", "meta_fields"),
        ("| 时间: | 2026-03-16 |", "meta_fields"),
        ("今天是:2025年12月06日", "meta_fields"),
        ("2022-2-24 10:59 上傳", "meta_fields"),
        ("来源:延津县人民政府网站", "meta_fields"),
        ("当前位置: 首頁 » 重要通告 » 時政通告 » 正文", "breadcrumb"),
        ("首页 > 公开 > 建议提案 > 人大代表建议", "breadcrumb"),
        ("述职报告网>范文>模板>小学学校校长述职报告", "breadcrumb"),
        ("已阅读5页,还剩6页未读, 继续免费阅读", "paywall"),
        ("版权说明:本文档由用户提供并上传,收益归属内容提供方,若内容存在侵权,请进行举报或认领", "paywall"),
        ("下载地址: 点击此处下载", "paywall"),
        ("文档简介", "widget"),
        ("下載附件", "widget"),
        ("點擊排行", "widget"),
        ("掃一掃在手機上查看當前頁面", "widget"),
        ("- 通告 推薦度:", "widget"),
        ("通告.jpg (2.02 MB, 下載次數(shù): 293)", "doc_site_field"),
        ("- 附件【昌宁县温泉镇下六甲村完小校安工程项目拟征收土地示意图.jpg】已下载次", "doc_site_field"),
        # issue 11's doc-site fields
        ("- 格式:doc", "doc_site_field"),
        ("- 大小:16.00 KB", "doc_site_field"),
        ("文档页数:4", "doc_site_field"),
        ("编号:1528347", "doc_site_field"),
        ("城管局副局长述职报告篇1", "collection_label"),
        ("小学学校校长述职报告 篇1", "collection_label"),
        ("交通管制通告合集15篇", "collection_label"),
        ("交通管制通告1", "collection_label"),
        ("关于小学学校校长述职报告范文集合八篇", "collection_label"),
        ("囯产精品久久久久久久久久免费|国产日韩视频在线一区二区|亚洲国产精品午夜伦不卡|日韩美女专区中文字幕", "keyword_bar"),
        ("上一篇:关于大学助学金申请书四篇", "adjacent_link"),
        # structure_real_more (tuning part): bylines, tag lines, validity fields, credit lines,
        # a document site's date bar and download disclaimer, image captions
        ("发布人: 谜语网 发布时间:2015-07-16 字体: | | 打印文章", "meta_fields"),
        ("标签: #工作总结", "meta_fields"),
        ("生效日期:2018年03月27", "meta_fields"),
        ("时效性 :现行有效", "meta_fields"),
        ("发文机关:山西省人民政府", "meta_fields"),
        ("来源/石家庄长安发布", "meta_fields"),
        ("编辑/魏鹏霖", "meta_fields"),
        ("2023-04-25 15:10:15   第一文档网     [ 字体: ] [ 阅读: ] [ 文档下载 ]", "meta_fields"),
        ("说明:文章内容仅供预览,部分内容可能不全。下载后的文档,内容与下面显示的完全一致。", "paywall"),
        ("文章图片", "widget"),
        ("调研报告汇编(61篇)(第7/23页)", "collection_label"),
        # pages of the search tool's corpus seen while collecting structure_real_more (not in any set)
        ("……(未完,全文共6831字,当前仅显示2399字,请阅读下面提示信息。", "paywall"),
        ("网友供稿 分享 时间: 加入收藏 共计251459个字,预计阅读时长839分钟。", "paywall"),
        ("手机浏览器扫描二维码访问", "widget"),
        ("免责声明:", "disclaimer"),
        ("- 1、河南畜牧兽医信息网刊登的文章仅代表作者个人观点,文章内容仅供参考。", "disclaimer"),
        ("编辑:姚红", "credit"),
        ("(来源:天鹅镇 通讯员:王君怡 一审编辑:赵思然 二审校对:陈梦宇 终审核发:董雪)", "credit"),
        # a document-sharing site's terms above the document and a link-farm line, both of the
        # tuning part of tests/fixtures/neardup/fanwen.jsonl (shanghai_b, anquan_c, shanghai_a)
        ("1. 1、本文档共10页,可阅读全部内容。", "paywall"),
        ("3. 3、本站所有内容均由合作方或网友上传,本站不对文档的完整性、权威性及其观点立场正确性做任何保证或承诺!", "paywall"),
        ("5. 5、该文档为VIP文档,如果想要下载,成为VIP会员后,下载免费。", "paywall"),
        ("4. 4、如文档侵犯商业秘密、侵犯著作权、侵犯人身权等,请点击“版权申诉”(推荐),也可以打举报电话:400-050-0827(电话支持时间:9:00-18:30)。", "paywall"),
        ("查看更多", "widget"),
        ("伊人大杳焦在线-一道本在线-国产成人精品久久二区二区91-久久久五月-www天天干-综合久久99-国产一二三四区-亚洲一区免费", "keyword_bar"),
    ],
)
def test_chrome_lines_have_a_reason(line: str, reason: str) -> None:
    assert chrome_reason(line) == reason
    assert clean_line(line) == ""


@pytest.mark.parametrize(
    "line",
    [
        # body lines of the same texts that share words with chrome
        "时间:2月17日上午9时至12时",  # a 通告's own arrangement (weak label, no site timestamp)
        "2023年7月18日",  # the 成文日期 under a 答复
        "联系人及电话:李伟    8788586",
        "建议字:〔2023〕8号",
        "一、臨時交通管制時間",
        "第一篇 总则",
        "特此公告。",
        "附件:拟征收土地四至界线图",
        "同志们:",
        "工会工作:",
        "(联系人:****政府李玉送,联系电话:0752-****081)",
        "各乡镇人民政府,县政府各部门,县属驻县各单位:",
        # the same words as the new chrome kinds, in body lines
        "2023年9月1日",
        "发文机关要严格把关。",
        "编辑/校对人员要认真核对每一份文件,确保准确。",
        "镇巴县人民政府",
        "中国政府网",
        "同意设立县文章图片展览馆。",
        "记者:你好,请问县长,今年的重点工作是什么?",
        "编辑部要认真审核每一篇稿件。",
        # hyphens inside body lines (xinli_b, tests/fixtures/neardup/fanwen.jsonl) are no link farm
        "2010-2020年)》要求,进一步科学地指导和规范中小学心理健",
        "会议决定(具体名单省略),由各单位落实。",
    ],
)
def test_body_lines_are_not_chrome(line: str) -> None:
    assert chrome_reason(line) is None
    assert clean_line(line) == line


def test_inline_marks_and_site_intro_are_cut_from_the_line() -> None:
    # tcysjy_primary_principal_shuzhi: a hidden-text mark inside a sentence
    assert strip_inline("9月10日,我们大家 ……此处隐藏20613个字……部分教职工") == "9月10日,我们大家部分教职工"
    # a law database's annotation inside an article (structure_real SOURCES.md: 【已廢止…】)
    assert strip_inline("第一條为加强管理【已廢止】,制定本办法。") == "第一條为加强管理,制定本办法。"
    assert strip_inline("【重要】请各单位按时报送。") == "【重要】请各单位按时报送。"
    # a paywall truncation run ends a line; the Chinese ellipsis "……" is punctuation and stays
    assert strip_inline("(二)各乡镇对危房的概念认识不清,…………") == "(二)各乡镇对危房的概念认识不清,"
    assert strip_inline("我们要继续努力……") == "我们要继续努力……"
    # a 范文 site's intro sentence glued before the salutation, and a collection label glued to it
    assert strip_inline("下面是小编为大家整理的在全县会议上讲话【优秀范文】,供大家参考。同志们:经研究决定") == "同志们:经研究决定"
    assert strip_inline("小学学校校长述职报告 篇1尊敬的各位领导、各位同仁:") == "尊敬的各位领导、各位同仁:"
    # a speaker's own "以下是…供大家参考" names no site editor and stays
    assert strip_inline("以下是我的几点体会,供大家参考。") == "以下是我的几点体会,供大家参考。"
    # structure_real_more (tuning): a word-count note glued to a headline, a document site's editor's
    # summary between title and salutation, an editor's "为您带来了…" intro
    assert strip_inline("赴西柏坡学习有感[此文共768字]") == "赴西柏坡学习有感"
    assert strip_inline("全文共分三个部分。") == "全文共分三个部分。"
    assert strip_inline("县长在会议上的讲话编者按:本文主要从三个方面进行阐述。其中,主要内容包括:一是…。具体材料请详见:同志们:今天") == "县长在会议上的讲话同志们:今天"
    assert strip_inline("县长在会议上的讲话编者按:本文主要从三个方面进行阐述。同志们:今天") == "县长在会议上的讲话同志们:今天"
    assert strip_inline("他说,编者按语要写得简短。") == "他说,编者按语要写得简短。"
    assert strip_inline("通过制定一份工作计划,九九公文网小编今天就为您带来了工作计划8篇,相信一定会对你有所帮助。") == ""
    assert strip_inline("小编为大家服务是本职工作。") == "小编为大家服务是本职工作。"
    # a 范文 site's watermarked truncation note inside the last sentence it shows
    assert strip_inline("现在,我……(新文秘网https://www.wm114.cn省略854字,正式会员可完整阅读)") == "现在,我"


def test_filter_lines_keeps_reasons() -> None:
    kept, dropped = filter_lines(["一、总体要求", "浏览次数: 590 内容概述:", "; G) X3 q. q/ q", "正文。"])
    assert kept == ["一、总体要求", "正文。"]
    assert [(d.line, d.reason) for d in dropped] == [("浏览次数: 590 内容概述:", "meta_fields"), ("; G) X3 q. q/ q", "jammer")]


@pytest.mark.parametrize(
    ("doc_id", "line", "reason"),
    [
        ("shaheshigov_deputy_suggestion_reply", "首页 > 公开 > 建议提案 > 人大代表建议", "breadcrumb"),
        ("shaheshigov_deputy_suggestion_reply", "办理结果:(C)", "meta_fields"),
        ("infoeach_spc_claim_period_fuhan", "下载地址: 点击此处下载", "paywall"),
        ("yisouxsb_hubei_myanmar_surrender_tonggao_discuz_trad", "' C\" j p: R$ _- i8 U. U% M\" C. i", "jammer"),
        ("tscctv_zuoyun_land_gonggao_trad", "掃一掃在手機上查看當前頁面", "widget"),
        ("biodynamics_chengguan_deputy_shuzhi", "城管局副局长述职报告篇1", "collection_label"),
    ],
)
def test_fixture_chrome_lines_are_dropped_with_their_reason(doc_id: str, line: str, reason: str) -> None:
    raw = ROWS[doc_id]["raw_text"]
    assert line in raw
    blocks, _, dropped = clean_text(raw)
    assert (line, reason) in {(d.text, d.reason) for d in dropped}
    assert all(line not in b.text for b in blocks)


def test_runs_of_lines_that_are_chrome_together() -> None:
    css = ["p {", "text-indent: 2em;", "}", "一、总体要求", "正文内容。"]
    assert block_chrome(css) == {0: "css", 1: "css", 2: "css"}
    # an exam page's four options and its answer; two options in running text are not options
    exam = ["下列作为公文标题最恰当的一项是(    )。", "选项 A、××省关于同意设立生态保护区的批复", "B、关于××市设立生态保护区的批复",
            "C、关于批准××市设立生态保护区的意见", "D、××省关于请求设立生态保护区的答复", "答案A"]
    assert block_chrome(exam) == {1: "exam_option", 2: "exam_option", 3: "exam_option", 4: "exam_option", 5: "exam_option"}
    assert block_chrome(["A、坚持问题导向。", "B、坚持系统观念。"]) == {}
    # a teaser line repeating the opening of the body further down
    opening = "你市《关于设立阳澄湖生态保护区的请示》收悉。经研究,批复如下: 一、同意设立阳澄湖生态保护区,"
    lines = [opening, "××市人民政府办公厅:", "你市《关于设立阳澄湖生态保护区的请示》收悉。经研究,批复如下:",
             "一、同意设立阳澄湖生态保护区,有关机构设置按规定办理。"]
    assert block_chrome(lines) == {0: "teaser"}
    assert block_chrome(lines[1:]) == {}


def test_exam_page_options_and_teaser_leave_the_body(shared_dir: Path) -> None:
    rows = {r["id"]: r for r in map(json.loads, (shared_dir / "eval" / "structure_real" / "gold.jsonl").read_text(encoding="utf-8").splitlines()) if r}
    raw = rows["jikaoti_yangcheng_lake_reply"]["raw_text"]
    blocks, _, dropped = clean_text(raw)
    reasons = {d.reason for d in dropped}
    assert {"teaser", "exam_option", "meta_fields"} <= reasons
    body = "\n".join(b.text for b in blocks)
    assert "选项" not in body and body.count("批复如下") == 1


def test_a_metadata_table_with_values_under_their_labels() -> None:
    # the layout of a county portal's document page (zb.gov.cn, seen through the search tool's pages
    # corpus): bullet, label, and the value on the next line; the 文号 value is the document's own
    lines = ["镇巴县人民政府工作规则", "  • 索引号:", "    6107280000/2024-001005", "  • 主题分类:", "  • 发文机构:",
             "    县政府网站", "  • 发文字号:", "    镇政发〔2024〕7号", "  • 发布日期:", "    2024年04月06日 16:34",
             "  • 内容概述:", "镇巴县人民政府工作规则", "第一章总则"]
    kept, _ = filter_lines(line for i, line in enumerate(lines) if i not in block_chrome(lines))
    assert kept == ["镇巴县人民政府工作规则", "镇政发〔2024〕7号", "镇巴县人民政府工作规则", "第一章总则"]


def test_traditional_site_intro_and_underscore_keyword_bar() -> None:
    # gdxiangtai.com and per-better.com pages (search tool's pages corpus)
    intro = "在經(jīng)濟(jì)飛速發(fā)展的今天,報(bào)告與我們愈發(fā)關(guān)系密切。以下是小编幫大家整理的研究報(bào)告格式,僅供參考,歡迎大家閱讀。"
    assert strip_inline(intro, keep_pinyin=True) == ""
    assert chrome_reason("日韩高清亚洲日韩精品一区二区_亚洲成a人片在线观看无码_有奶水三级电视频_婷婷五月天激情综合影院") == "keyword_bar"


def test_a_jammer_run_before_a_parenthesised_marker_leaves_the_marker() -> None:
    # kqupqfinance.caiyes.cn (tests/fixtures/structure_pages): "; O, F1 O3 a, W' ~2 T+ e8 z3 O (一)情况调查报告。…"
    path = Path(__file__).resolve().parents[1] / "fixtures" / "structure_pages" / "caiyes_survey_report_guide_jammer.txt"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "调查报告。是" in line]
    cleaned = [clean_line(line) for line in lines]
    assert [c[:10] for c in cleaned] == ["(一)情况调查报告。", "(二)典型经验调查报", "(三)问题调查报告。"]


def test_a_site_disclaimer_line_is_chrome_and_the_salutation_under_it_is_kept() -> None:
    # m.wugjj.com (tests/fixtures/neardup/fanwen.jsonl, jh_wugjj): "導(dǎo)語(yǔ):書記在新區(qū)開(kāi)發(fā)建設(shè)會(huì)發(fā)言一文來(lái)源于
    # 網(wǎng)友上傳,不代表本站觀點(diǎn),若需要原創(chuàng)文章可咨詢客服老師,歡迎參考。" above "同志們:"
    path = Path(__file__).resolve().parents[1] / "fixtures" / "neardup" / "fanwen.jsonl"
    row = next(r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r["id"] == "jh_wugjj")
    lines = str(row["text"]).splitlines()
    assert chrome_reason(lines[2]) == "disclaimer"
    assert lines[3] == "同志們:" and chrome_reason(lines[3]) is None and chrome_reason(lines[4]) is None


REAL3 = Path(__file__).resolve().parents[1] / "fixtures" / "structure_real_3" / "gold.jsonl"


def _real3(doc_id: str) -> dict[str, object]:
    # structure_real_3: only documents of its tuning part are used for rules and tests
    return next(r for r in map(json.loads, REAL3.read_text(encoding="utf-8").splitlines()) if r and r["id"] == doc_id)


def test_a_book_pages_site_chrome_and_example_labels_are_chrome_lines() -> None:
    # dushuhao (structure_real_3 tuning): "登陆注册", "625800000007", "[例文1]" … "[例文2]"
    lines = [line.strip() for line in str(_real3("dushuhao_tongbao_examples_book_chapter")["raw_text"]).splitlines()]
    assert chrome_reason("登陆注册") == "widget" and "登陆注册" in lines
    assert chrome_reason("625800000007") == "page_id" and "625800000007" in lines
    assert [chrome_reason(line) for line in lines if line.startswith("[例文")] == ["example_label", "example_label"]
    # the example's own lines stay: its 落款 date and a 4-digit year are not ids
    assert chrome_reason("××××年×月×日") is None and chrome_reason("2024") is None


def test_a_site_intro_taken_off_a_line_is_kept_with_its_reason() -> None:
    # agnbn (structure_real_3 tuning): the intro names the 文种 of the text under it
    raw = str(_real3("agnbn_street_2022_summary_2023_ideas")["raw_text"])
    kept, dropped = filter_lines(raw.splitlines())
    assert [d.reason for d in dropped] == ["site_intro"] and "工作总结" in dropped[0].line
    assert kept[0].startswith("2022年来")


def test_membership_adverts_and_a_licence_note_are_chrome_lines() -> None:
    # qdfww and wikisource (structure_real_3 tuning): the lines under the document
    qdfww = str(_real3("qdfww_cppcc_speech_contest_opening_speech")["raw_text"]).splitlines()
    assert [chrome_reason(line) for line in qdfww[-2:]] == ["paywall", "paywall"]
    wiki = [line.strip() for line in str(_real3("wikisource_qianjiang_epidemic_tonggao_no1_trad")["raw_text"]).splitlines()]
    found = {line[:8]: chrome_reason(line) for line in wiki if line.startswith(("原文地址", "本作品是", "Public"))}
    assert set(found.values()) == {"disclaimer"} and len(found) == 3
    # the notice's own lines stay
    assert all(chrome_reason(line) is None for line in wiki if line.startswith(("為全力做好", "自2020年1月23日", "恢復時間")))


def test_a_disclaimer_with_toneless_pinyin_glosses_is_chrome_and_the_glosses_stay_in_text() -> None:
    # aywxfw (structure_real_3 tuning): "導語(yu):鄉鎮現(xian)狀調研報告(gao)一(yi)文來源于網友上傳(chuan),不代表本站(zhan)觀點(dian),…"
    lines = str(_real3("aywxfw_township_status_survey_report_pinyin_trad")["raw_text"]).splitlines()
    disclaimer = next(line for line in lines if line.startswith("導語"))
    assert chrome_reason(disclaimer) == "disclaimer"
    heading = next(line for line in lines if line.startswith("(一(yi))"))
    assert chrome_reason(heading) is None and clean_line(heading, keep_pinyin=True).startswith("(一(yi))基本(ben)概貌")
