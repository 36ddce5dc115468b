from __future__ import annotations

from pathlib import Path

import pytest

from docpipe.clean.text import clean_text

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_seed_text_scrape() -> None:
    path = SAMPLES / "speech_sanweiyuan_43077.txt"
    if not path.exists():
        pytest.skip("samples/speech_sanweiyuan_43077.txt not present")
    blocks, md, _ = clean_text(path.read_text(encoding="utf-8"))
    text = "\n".join(b.text for b in blocks)
    assert md.published_at == "2024-12-06T00:37:14"
    assert md.canonical_url == "http://m.sanweiyuan.com/news/43077.html"
    assert blocks[0].text.startswith("同志们")
    assert "相关文章" not in text and "友情链接" not in text


def test_text_noise_removed() -> None:
    raw = "标题行\n三味园 2024-12-06 00:37:14\n我们要加强学习) L. c9 R- ~' O6 L3 u\n第 2 页 共 5 页\n县長(zhǎng)讲话要点。\n"
    blocks, _, _ = clean_text(raw)
    assert [b.text for b in blocks] == ["我们要加强学习", "县長讲话要点。"]


def test_signature_date_of_a_short_document_is_not_taken_for_the_head() -> None:
    # A 7-line 决定: its signature date falls within the first lines, after the body began.
    text = (
        "关于表彰2024年度先进集体和先进个人的决定\n"
        "各乡镇人民政府，县直各部门：\n"
        "2024年，全县上下认真贯彻落实县委、县政府决策部署，涌现出一批先进集体和先进个人。现予以通报表彰。\n"
        "希望受表彰的集体和个人珍惜荣誉，再接再厉，再创佳绩。\n"
        "某县人民政府\n"
        "2025年1月15日\n"
    )
    blocks, meta, _ = clean_text(text)
    texts = [b.text for b in blocks]
    assert meta.title == "关于表彰2024年度先进集体和先进个人的决定"
    assert meta.published_at is None
    assert texts[0] == "各乡镇人民政府，县直各部门："
    assert texts[-2:] == ["某县人民政府", "2025年1月15日"]


def test_banner_breadcrumb_and_menu_lines_are_chrome_not_title() -> None:
    text = (
        "某某范文网 导航 首页 | 讲话稿 | 工作总结 | 心得体会 | 主持词\n"
        "当前位置：首页 > 讲话稿 > 领导讲话\n"
        "在全镇防汛工作会议上的讲话\n"
        "某某范文网 2023-06-01 09:15:00 来源：网友投稿 浏览次数：906 作者：张明\n"
        "同志们：\n"
        "今天召开全镇防汛工作会议，主要任务是安排部署今年的防汛工作。\n"
    )
    blocks, meta, _ = clean_text(text)
    assert meta.title == "在全镇防汛工作会议上的讲话"
    assert meta.site_name == "某某范文网"
    assert meta.published_at == "2023-06-01T09:15:00"
    assert meta.author == "张明"
    assert [b.text for b in blocks][:1] == ["同志们："]
    joined = "".join(b.text for b in blocks)
    for chrome in ("导航", "当前位置", "浏览次数", "网友投稿"):
        assert chrome not in joined


def test_menu_line_without_date_line_and_uploader_is_no_author() -> None:
    text = (
        "某某文库 导航 首页 工作计划 工作总结 述职报告 讲话稿 心得体会\n"
        "2025年街道工作计划\n"
        "某某文库 2025-01-03 08:00:00 作者：admin 阅读：77\n"
        "2025年，街道将围绕中心工作，持续改善民生，提升治理水平，现制定本计划如下。\n"
    )
    blocks, meta, _ = clean_text(text)
    assert meta.title == "2025年街道工作计划"
    assert meta.author is None  # an uploader account, not an author
    assert blocks[0].text.startswith("2025年，街道将围绕中心工作")

    blocks, meta, _ = clean_text("首页 工作计划 工作总结 述职报告 讲话稿\n街道工作计划\n" + "2025年，街道将持续改善民生，提升治理水平，现制定本计划如下。\n")
    assert meta.title == "街道工作计划"
    assert blocks[0].text.startswith("2025年")


def test_a_document_sites_chunk_numbers_are_not_markers() -> None:
    # wnwk_cppcc_preparatory_meeting_host (structure_real_more, tuning): the site numbers its chunks;
    # "2、" cuts a word of a sentence at the chunk break
    chunk = "各位委员:会议各项筹备工作已就绪,明天就要开幕了。现在举行预备会议。一、审议通过大会秘书长名单。请工作人员宣读大会秘"
    blocks, meta, dropped = clean_text(f"1、县政协预备会主持词 {chunk}\n2、书名单(草案),各位委员如果没有意见,现在进行表决。")
    assert meta.title == "县政协预备会主持词"
    assert any(b.text.endswith("宣读大会秘书名单(草案),各位委员如果没有意见,现在进行表决。") for b in blocks)
    assert [d.reason for d in dropped].count("chunk_number") == 2
    # a numbered list whose entries are short lines is the text's own numbering
    blocks, _, dropped = clean_text("1、总体要求\n2、工作目标\n3、主要措施")
    assert [b.text for b in blocks] == ["1、总体要求", "2、工作目标", "3、主要措施"]
    assert not [d for d in dropped if d.reason == "chunk_number"]


def test_html_source_left_in_a_text_scrape_is_not_text() -> None:
    # laodongfa_shanxi_income_plan_notice (structure_real_more, tuning): a law database's body as HTML source
    raw = ('文号 :晋政发〔2018〕13号\n<p>各市、县人民政府:</p><p> 现将《实施方案》印发给你们,请认真组织实施。</p>'
           '<p style="text-align: right;"> 山西省人民政府</p><p><strong> 一、指导思想</strong></p><p><br/></p>'
           '<p> 以习近平新时代中国特色社会主义思想为指导,带动城乡居民增收&nbsp;。</p>')
    blocks, _, _ = clean_text(raw)
    texts = [b.text for b in blocks]
    assert "一、指导思想" in texts and "山西省人民政府" in texts
    assert not any("<" in t or "&nbsp;" in t for t in texts)
    # a "<" or one stray tag in running text is text
    blocks, _, _ = clean_text("一、目标\n当a<b且b<c时,取最小值。<br>注意核对。")
    assert blocks[-1].text == "当a<b且b<c时,取最小值。<br>注意核对。"


def test_a_repost_starts_the_document_after_its_marker_and_ends_before_related_links() -> None:
    # jiangsulong_community_epidemic_rumour_tongbao (structure_real_more, tuning)
    raw = "\n".join([
        "『紧急通知』某社区干部违规发布疫情!调查处理通报公布",
        "今日上午,区委宣传部官方微博发布一则通报。",
        "文章图片",
        "全文如下↓↓↓",
        "关于某社区干部违规发布疫情的调查处理通报",
        "4月22日,某社区干部起草了一份通知,其中部分内容为不实信息,造成了不良影响。",
        "区疫情工作领导小组办公室",
        "2020年4月24日",
        "来源/长安发布",
        "编辑/魏某",
        "最新公布!河北3市多人任免",
        "这个视频值得所有人警惕",
    ])
    blocks, meta, dropped = clean_text(raw)
    assert meta.title == "关于某社区干部违规发布疫情的调查处理通报"
    texts = [b.text for b in blocks]
    assert texts[0].startswith("4月22日") and texts[-1] == "2020年4月24日"
    assert {"repost_lead", "repost_marker"} <= {d.reason for d in dropped}
    # a text whose last lines after an 编辑: line are sentences keeps them
    blocks, _, _ = clean_text("关于开展检查的通知\n各单位:\n请按时报送材料。\n编辑:张三\n联系电话另行通知,请各单位留意。")
    assert blocks[-1].text == "联系电话另行通知,请各单位留意。"


def test_a_books_bracketed_labels_above_an_example_are_head_chrome() -> None:
    # jingpinshuku (structure_real_3 tuning): "【範例一】", "【致辭人】××市人口計生委", "【致辭背景】××市…動員大會致辭"
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "fixtures" / "structure_real_3" / "gold.jsonl"
    row = next(r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r and r["id"].startswith("jingpinshuku"))
    blocks, metadata, dropped = clean_text(str(row["raw_text"]))
    assert metadata.title is None
    assert [(d.reason, d.text[:6]) for d in dropped][:3] == [
        ("example_label", "【範例一】"), ("head", "【致辭人】×"), ("head", "【致辭背景】")]
    assert blocks[0].text.startswith("同誌們")


def test_metadata_shaped_lines_above_and_below_the_prose_are_dropped_by_their_shape() -> None:
    # comefromchina_cppcc_opening_forum_post (structure_real_3, tuning): a forum post's user card
    # between the headline and the text — counts, a join date, a user name and their labels
    raw = ("俞正声宣布全国政协十二届一次会议开幕\n\n  • 主题发起人 主题发起人 guest\n  • 开始时间 开始时间\n\nguest\n\n"
           "Moderator\n管理成员\n注册\n2002-10-07\n消息\n402,402\n荣誉分数\n76\n声望点数\n0\n"
           "俞正声宣布全国政协十二届一次会议开幕,全场起立唱国歌。\n\n俞正声:\n\n各位委员,各位朋友,各位同志,中国人民政治协商会议"
           "第十二届全国委员会第一次会议应出席委员2237人,实到2206人,符合规定人数。\n")
    blocks, _, dropped = clean_text(raw)
    text = [b.text for b in blocks]
    assert text[0].startswith("俞正声宣布全国政协十二届一次会议开幕,全场起立")
    assert {"消息", "402,402", "荣誉分数", "声望点数"} <= {d.text for d in dropped if d.reason == "edge_meta"}
    # the document's own short lines at the edges stay: a template byline, a date in parentheses,
    # a 文号, a signature block (structure fixtures jianghua_byline, h01; 33jin; yncngov)
    raw = ("县委书记在全县防汛工作会议上的讲话\nX县县长 XXX\n（202x年5月20日）\n粤府办〔2023〕5号\n同志们：\n"
           "今天召开全县防汛工作会议，主要任务是部署今年的防汛工作。\n昌宁县人民政府\n2024年5月30日\n")
    blocks, _, dropped = clean_text(raw)
    assert not [d for d in dropped if d.reason == "edge_meta"]
    assert [b.text for b in blocks][-2:] == ["昌宁县人民政府", "2024年5月30日"]


def test_a_hard_wrap_rejoin_never_joins_across_a_blank_line() -> None:
    # A real page (tests/fixtures/eval_subset/cwced_zh, MIT: see its SOURCE.md) fed as a text scrape: its stripped
    # lines pass the hard-wrap thresholds (short script and caption lines, clauses cut after a comma). Its blank lines
    # are paragraph breaks: each blank-separated block may be rejoined, but no two blocks may be glued, and the blank
    # lines stay (the blank-line barrier of docpipe/clean/text._rejoin_hard_wraps).
    from pathlib import Path

    from docpipe.clean.text import _norm, _rejoin_hard_wraps, strip_markup

    page = Path(__file__).resolve().parents[1] / "fixtures" / "eval_subset" / "cwced_zh" / "pages" / "36efbc69-53dd-4d58-9e67-0353e2a1a7ec.html"
    lines = [_norm(line) for line in strip_markup(page.read_text(encoding="utf-8")).split("\n")]
    out = _rejoin_hard_wraps(lines)
    assert out != lines  # the rule fires on this page

    def blocks(seq: list[str]) -> list[str]:
        return [b for b in "".join(line if line else "\n" for line in seq).split("\n") if b]

    assert out.count("") == lines.count("")
    assert blocks(out) == blocks(lines)
    # the byline and the credit line under it stay two lines (they were glued: "…徐睿翔素材来源 江苏13个…")
    assert "整合 新华日报·交汇点记者 徐睿翔" in out and "素材来源 江苏13个设区市党报及官方发布" in out
