"""kg.extract on an emergency plan's decimal outline (1 总则 / 1.1 / 2.1.3) after a table of contents, a reply whose
numbers describe what is, and a leader named before the title (texts written for these tests)."""
from kg.extract import extract_document
from kg.extract.outline import outline

PLAN = """国务院办公厅关于印发国家海上溢油应急预案的函
国办函〔2031〕8号
《国家海上溢油应急预案》已经国务院同意，现印发给你们，请认真贯彻执行。
国务院办公厅
二〇三一年六月一日
国家海上溢油应急预案
目  录
1 总则
1.1 编制目的
1.2 适用范围
2 组织机构和职责
2.1 国家溢油应急指挥部
3 应急响应
3.1 响应程序
1 总则
1.1 编制目的
为了有效处置海上溢油事件，制定本预案。
1.2 适用范围
本预案适用于我国管辖海域。
2 组织机构和职责
2.1 国家溢油应急指挥部
2.1.1 指挥部职责
（1）统一指挥溢油应急处置。
（2）建议建议湖北省人民政府做好配合工作。
3 应急响应
3.1 响应程序
3.1.1 交通运输部接到报告后，2小时内启动响应。
3.1.2 沿海省级人民政府组织清污力量。
"""
TITLE = "国务院办公厅关于印发国家海上溢油应急预案的函"


def _run(doc_factory, text, title):
    doc, passages = doc_factory(text, title=title)
    out = extract_document(doc, passages, tagger="rules")
    return out, {(r.subject, r.predicate, r.object) for r in out.relations}


def test_a_decimal_outline_gives_chapters_sections_and_their_items(doc_factory):
    out, rels = _run(doc_factory, PLAN, TITLE)
    plan = "ActionPlan/国家海上溢油应急预案"
    assert {m.key for m in out.mentions if m.kind == "ActionPlan"} == {plan}  # the plan the letter issues
    actions = [m.label for m in out.mentions if m.kind == "Action"]
    assert actions == ["总则", "组织机构和职责", "应急响应"]  # once each: the table of contents gives none
    assert (plan, "hasAction", "Action/应急响应") in rels
    assert ("Action/应急响应", "hasTask", "Task/响应程序") in rels
    assert any(s == "Task/响应程序" and p == "hasTask" for s, p, _ in rels)  # 3.1.1 under 3.1


def test_purpose_is_a_goal_scope_gives_nothing_and_organisation_gives_measures(doc_factory):
    out, _ = _run(doc_factory, PLAN, TITLE)
    kinds = {(m.label, m.kind) for m in out.mentions}
    assert ("编制目的", "Goal") in kinds
    assert not [k for label, k in kinds if label == "适用范围"]
    assert ("国家溢油应急指挥部", "PolicyMeasure") in kinds  # a section of 组织机构和职责


def test_a_table_of_contents_holds_no_node(doc_factory):
    nodes = outline(PLAN)
    assert [n.heading for n in nodes] == ["总则", "组织机构和职责", "应急响应"]
    assert all(n.start > PLAN.index("3.1 响应程序\n1 总则") for n in nodes)


def test_an_emergency_plan_only_cited_is_no_plan_of_the_text(doc_factory):
    text = "国务院关于地震工作的通知\n国发〔2031〕3号\n按照《国家地震应急预案》做好应急准备。\n一、加强监测。\n"
    out, _ = _run(doc_factory, text, "国务院关于地震工作的通知")
    assert not [m for m in out.mentions if m.kind == "ActionPlan"]


REPLY = """国务院办公厅关于东海省滑坡险情有关问题的复函
国办函〔2031〕5号
东海省人民政府：
一、基本情况
山南村东距县城18公里，面积10.9平方公里，有505户1748人。2031年共记录到振动事件567次。
二、建议意见
建议东海省人民政府到2033年完成120户搬迁。
国务院办公厅
二〇三一年十一月四日
"""


def test_a_replys_numbers_are_no_targets_unless_a_goal_is_stated(doc_factory):
    out, _ = _run(doc_factory, REPLY, "国务院办公厅关于东海省滑坡险情有关问题的复函")
    targets = {m.props["quantity_text"] for m in out.mentions if m.kind in ("Target", "Indicator")}
    assert targets == {"120户"}
    assert "Agency/东海省人民政府" in {m.key for m in out.mentions}  # 建议东海省人民政府: the agency, no 建议


def test_a_leader_named_before_the_title_holds_that_post(doc_factory):
    text = "国务院办公厅关于东海省在李明华副总理考察工作时所提问题的函\n2031年4月16日，李明华副总理率国务院有关部门负责同志赴东海省考察。\n"
    doc, passages = doc_factory(text)
    out = extract_document(doc, passages)  # the tagger finds the name
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert ("Person/李明华", "holdsPost", "Post/副总理") in rels
