"""kg.extract.frame: title, 文号, issuer, date of issue, plans with periods, meetings with dates."""
import datetime as dt

import pytest

from kg.extract.frame import extract_frame

NOTICE = """东海市人民政府关于印发《东海市数字乡村建设三年行动方案（2021-2023年）》的通知
东府发〔2021〕7号

各区人民政府，市政府各委、办、局：
3月12日，市政府常务会议审议通过了《东海市数字乡村建设三年行动方案（2021-2023年）》，现印发给你们，请认真贯彻执行。

东海市人民政府
2021年3月20日
"""


def test_frame_reads_number_issuer_date_plan_and_meeting(doc_factory):
    doc, passages = doc_factory(NOTICE)
    out = extract_frame(doc, passages)
    kinds = {m.kind: m for m in out.mentions}
    document = kinds["Document"]
    assert document.props["number"] == "东府发〔2021〕7号"
    assert document.props["issued"] == dt.date(2021, 3, 20)
    issuer = out.by_key()[document.props["issuer_key"]]
    assert issuer.label == "东海市人民政府" and doc.text[issuer.span.start:issuer.span.end] == "东海市人民政府"
    plan = kinds["ActionPlan"]
    assert plan.label == "东海市数字乡村建设三年行动方案（2021-2023年）"
    assert (plan.props["period_start"], plan.props["period_end"]) == (2021, 2023)
    assert len(plan.spans) == 1  # named twice
    event = kinds["Event"]
    assert event.props["date"] == dt.date(2021, 3, 12)  # 3月12日 read in the year of issue
    assert "市政府常务会议" in doc.text[event.span.start:event.span.end]
    assert ("approvedAt" in {r.predicate for r in out.relations if r.subject == plan.key and r.object == event.key})


def test_national_number_names_the_state_council(doc_factory):
    doc, passages = doc_factory("国务院关于加快推进示范工作的指导意见\n国发〔2019〕3号\n\n各省、自治区、直辖市人民政府：\n一、总体要求\n")
    out = extract_frame(doc, passages)
    document = out.mentions[0]
    issuer = out.by_key()[document.props["issuer_key"]]
    assert (issuer.label, issuer.props["jurisdiction"]) == ("国务院", "国家")


def test_relative_date_without_year_uses_the_plan_period(doc_factory):
    doc, passages = doc_factory("某市新闻发布会\n\n市政府新闻办6月2日举行市政府新闻发布会，介绍《某市智慧交通行动计划（2022-2024年）》。")
    events = [m for m in extract_frame(doc, passages).mentions if m.kind == "Event"]
    assert [e.props["date"] for e in events] == [dt.date(2022, 6, 2)]
    assert "市政府新闻办6月2日举行市政府新闻发布会" in doc.text[events[0].span.start:events[0].span.end]


def test_a_title_set_on_two_lines_is_read_whole(doc_factory):
    text = "国务院关于加快推进示范区建设和\n产业转型升级的指导意见\n国发〔2019〕5号\n各有关单位：\n"
    for title in ("", "国务院关于加快推进示范区建设和产业转型升级的指导意见"):
        doc, passages = doc_factory(text, title=title or "x")
        if not title:
            doc = type(doc)(**{**doc.__dict__, "title": ""})
        document = extract_frame(doc, passages).mentions[0]
        assert document.label == "国务院关于加快推进示范区建设和产业转型升级的指导意见"
        assert doc.text[document.span.start:document.span.end] == "国务院关于加快推进示范区建设和\n产业转型升级的指导意见"


def test_relative_date_takes_the_year_written_nearby(doc_factory):
    doc, passages = doc_factory("某市工作简报\n\n2019年起步。2021年工作回顾：3月5日，市政府常务会议研究部署了全年工作。")
    events = [m for m in extract_frame(doc, passages).mentions if m.kind == "Event"]
    assert [e.props["date"] for e in events] == [dt.date(2021, 3, 5)]


def test_a_rule_the_text_acts_by_is_cited_not_a_plan(doc_factory):
    text = ("国务院关于推行联合检查的意见\n国发〔2033〕2号\n现将《联合检查工作方案》印发给你们。\n"
            "对无证经营，有关部门应当按照《无证经营查处办法》予以查处，依据《市场主体登记规定》处理。\n")
    doc, passages = doc_factory(text)
    plans = [m.label for m in extract_frame(doc, passages).mentions if m.kind == "ActionPlan"]
    assert plans == ["联合检查工作方案"]


def test_a_numbered_meeting_is_named_with_its_number(doc_factory):
    text = ("国务院关于印发《国务院会议规则》的通知\n国发〔2031〕3号\n"
            "《国务院会议规则》已经2031年6月16日召开的国务院第54次常务会议修订通过，现予印发。\n国务院\n2031年6月26日\n")
    out = extract_frame(*doc_factory(text))
    events = [m for m in out.mentions if m.kind == "Event"]
    assert [e.label.split("（")[0] for e in events] == ["国务院第54次常务会议"]
    assert events[0].props["date"] == dt.date(2031, 6, 16)


PLAN_NOTICE = """关于印发《东海市卫生健康发展规划》的通知
各镇人民政府，市各委办局：
《东海市卫生健康发展规划》已经市政府常务会议讨论通过，现印发给你们，请认真贯彻执行。
东海市人民政府办公室
2031年4月3日
东海市卫生健康发展规划
""" + "一、发展背景\n“十四五”时期，我市坚持以人民健康为中心，卫生健康事业取得新进展，服务能力显著提升。\n" * 12


@pytest.mark.parametrize("text, issuer", [
    (PLAN_NOTICE, "东海市人民政府办公室"),  # the signature above the plan it issues: a date line right under it
    ("发文机关：东海省人民政府\n文号：东政发〔2031〕13号\n各市、县人民政府：\n现将《东海省增收实施方案》印发给你们。\n"
     + "一、总体要求\n到2033年，城乡居民收入稳步增长。\n" * 6, "东海省人民政府"),
])
def test_the_issuer_is_read_from_a_signature_over_its_date_or_a_labelled_issuing_body(doc_factory, text, issuer):
    doc, passages = doc_factory(text)
    out = extract_frame(doc, passages)
    document = next(m for m in out.mentions if m.kind == "Document")
    assert out.by_key()[document.props["issuer_key"]].label == issuer


def _issuers(doc_factory, text: str) -> list[str]:
    doc, passages = doc_factory(text)
    out = extract_frame(doc, passages)
    document = next(m for m in out.mentions if m.kind == "Document")
    return [out.by_key()[key].label for key in document.props["issuer_keys"]]


def test_joint_issuers_on_one_signature_line_are_each_read_in_order(doc_factory):
    text = ("关于印发《东海河道治理资金绩效评价办法》的通知\n\n各省、自治区财政厅、水利厅：\n现将办法印发给你们。\n\n"
            "财政部 水利部\n\n二〇三一年五月三十日\n\n" + "一、总则\n评价工作由财政部负责组织。\n" * 8)
    assert _issuers(doc_factory, text) == ["财政部", "水利部"]  # a blank line between the signature and its date


def test_issuers_opening_the_title_line_and_a_signature_with_its_date_on_one_line(doc_factory):
    opening = ("东海市发展和改革委员会 东海市规划和自然资源局 关于印发东海市社区服务设施建设方案的通知\n\n"
               "各区人民政府：\n现将方案印发给你们。\n")
    assert _issuers(doc_factory, opening) == ["东海市发展和改革委员会", "东海市规划和自然资源局"]
    dated = ("东海市生态环境保护委员会关于印发推进方案的通知\n东生环委发〔2031〕9号\n各区人民政府：\n现印发给你们。\n"
             "东海市生态环境保护委员会 2031年6月17日\n" + "一、工作目标\n到2033年创建示范市。\n" * 8)
    assert _issuers(doc_factory, dated) == ["东海市生态环境保护委员会"]


def test_issuers_abbreviated_with_wei_open_the_title(doc_factory):
    text = "国家发展改革委 国家数据局关于印发《东海数字经济实施方案》的通知\n\n各省、自治区、直辖市发展改革委：\n现将方案印发给你们。\n"
    assert _issuers(doc_factory, text) == ["国家发展改革委", "国家数据局"]  # 发展改革委: 发展和改革委员会 as written


def test_a_cited_documents_number_is_not_the_texts_own(doc_factory):
    doc, passages = doc_factory("临江县卫生健康发展规划\n\n根据《东海省人民政府关于推进健康东海建设的实施意见》（东政发〔2031〕5号）精神，制定本规划。\n")
    document = next(m for m in extract_frame(doc, passages).mentions if m.kind == "Document")
    assert document.props.get("number") is None


def test_a_party_committee_and_a_government_written_together_are_two_issuers(doc_factory):
    text = "中共东海市委东海市人民政府关于加快建设旅游强市的实施意见\n东发〔2031〕11号\n\n各县区委、县区人民政府：\n现提出如下意见。\n"
    assert _issuers(doc_factory, text) == ["中共东海市委", "东海市人民政府"]


def test_a_number_written_with_a_space_before_hao_is_read_as_written(doc_factory):
    doc, passages = doc_factory("东海市商务局关于开展促消费活动的通知\n发文字号: 东商务〔2031〕45 号\n\n各县市区商务局：\n现将活动方案印发给你们。\n")
    document = next(m for m in extract_frame(doc, passages).mentions if m.kind == "Document")
    assert document.props["number"] == "东商务〔2031〕45 号"


PAGE = """索引号 | 11330300/2022-00417 | 组配分类 | 规划计划 |
发布机构 | 西岭区卫健局 | 生成日期 | 2022-03-08 |
名 称: | 西岭区卫生健康事业发展规划 | |
西岭区卫生健康事业发展规划
到2025年，基本建成健康西岭。
"""


def test_frame_reads_issuer_date_and_title_from_a_pages_metadata_table(doc_factory):
    from kg.ingest.infer import title

    assert title(PAGE) == "西岭区卫生健康事业发展规划"  # the 名称 cell, not the first row
    doc, passages = doc_factory(PAGE, title=title(PAGE))
    out = extract_frame(doc, passages)
    document = next(m for m in out.mentions if m.kind == "Document")
    assert document.label == "西岭区卫生健康事业发展规划"
    assert out.by_key()[document.props["issuer_key"]].label == "西岭区卫健局"
    signed = doc_factory(PAGE.replace("发布机构", "发布时间 | 2022-03-09 |\n发布机构"), title="西岭区卫生健康事业发展规划")
    assert extract_frame(*signed).mentions[0].props["issued"] == dt.date(2022, 3, 9)


def test_frame_prefers_the_signed_date_and_issuer_to_the_pages_metadata(doc_factory):
    text = "发布时间:2022-07-27 | 发布机构:区政府办公室 |\n" + NOTICE
    out = extract_frame(*doc_factory(text, title="东海市人民政府关于印发《东海市数字乡村建设三年行动方案（2021-2023年）》的通知"))
    document = out.mentions[0]
    assert document.props["issued"] == dt.date(2021, 3, 20)
    assert out.by_key()[document.props["issuer_key"]].label == "东海市人民政府"


def test_frame_title_is_no_table_row(doc_factory):
    doc, passages = doc_factory("索引号 | 0042 | 分类 | 规划 |\n西岭区规划\n到2025年建成。\n", title="西岭区养老规划（页面标题）")
    document = extract_frame(doc, passages).mentions[0]
    assert document.label == "西岭区养老规划（页面标题）" and doc.text[document.span.start:document.span.end] == "西岭区规划"


def test_a_line_opening_with_mingcheng_is_no_metadata_title():
    from kg.ingest.infer import title

    assert title("名称登记管理是市场主体登记的重要内容。\n正文").startswith("名称登记管理")
    assert title("标题党问题整治工作方案\n正文") == "标题党问题整治工作方案"
    assert title("标 题 | 西岭区规划 |\n正文") == "西岭区规划"


@pytest.mark.parametrize("text, title, issuers", [
    ("西岭省政府办公厅近日印发《西岭省乡村建设行动实施方案》明确，让基础设施向农村延伸。\n方案明确，农村自来水普及率达到93%。",
     "西岭省乡村建设行动实施方案(报道)", ["西岭省政府办公厅"]),
    ("近日，西岭省人民政府、文化和旅游部联合印发《西岭国际生态旅游目的地行动方案》，部省合作共同打造目的地。",
     "西岭国际生态旅游目的地行动方案", ["西岭省人民政府", "文化和旅游部"]),
    ("发布时间：2031-01-04  来源：西岭省林业局  近期，西岭省东山市林业局印发《东山市林业发展规划》。",
     "东山市林业发展规划(报道)", ["西岭省东山市林业局"]),
    ("西岭省政府办公厅近日印发《西岭省农村供水实施方案》。", "西岭省乡村建设行动实施方案(报道)", []),  # another plan
])
def test_a_reports_opening_names_who_issued_the_plan_its_title_names(doc_factory, text, title, issuers):
    doc, passages = doc_factory(text, title=title)
    out = extract_frame(doc, passages)
    document = next(m for m in out.mentions if m.kind == "Document")
    assert [out.by_key()[key].label for key in document.props.get("issuer_keys", [])] == issuers
