"""kg.extract.structure: actions, tasks, measures, goals and principles from the numbered outline."""
from kg.extract import extract_document
from kg.extract.structure import extract_structure

PLAN = """某省推进智慧农业行动方案

一、总体要求
（一）基本原则。坚持统筹规划、需求牵引、协同推进。
（二）发展目标。到2025年，全省农业数字化水平显著提升：建成一批智慧农场，培育一批数字农业企业。
二、重点任务
（一）建设农业数据平台。整合涉农数据资源，建设全省农业大数据中心。（省农业农村厅、省发展改革委等负责。列第一位者为牵头单位）
（二）推广智能农机装备。加快北斗导航农机应用，到2025年安装终端超过2万台。
三、保障措施
（一）加强组织领导。
（二）加大资金支持。
"""


def _by_kind(out, kind):
    return [m for m in out.mentions if m.kind == kind]


def test_numbered_items_become_actions_tasks_measures_goals(doc_factory):
    doc, passages = doc_factory(PLAN)
    out = extract_structure(doc, passages, root="ActionPlan/x")
    actions = _by_kind(out, "Action")
    tasks = _by_kind(out, "Task")
    assert [a.label for a in actions] == ["总体要求", "重点任务", "保障措施"]  # every top-level part
    assert [t.label for t in tasks] == ["建设农业数据平台", "推广智能农机装备"]
    assert tasks[0].props["number"] == "（一）"
    assert doc.text[tasks[0].span.start:tasks[0].span.end].startswith("（一）建设农业数据平台。整合涉农数据资源")
    assert [m.label for m in _by_kind(out, "PolicyMeasure")] == ["加强组织领导", "加大资金支持"]
    assert [m.label for m in _by_kind(out, "Principle")] == ["统筹规划", "需求牵引", "协同推进"]
    goals = [m.label for m in _by_kind(out, "Goal")]
    assert goals == ["建成一批智慧农场", "培育一批数字农业企业"]
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert ("ActionPlan/x", "hasAction", actions[1].key) in rels
    assert (actions[1].key, "hasTask", tasks[1].key) in rels
    assert (actions[2].key, "hasMeasure", "PolicyMeasure/加强组织领导") in rels
    assert ("ActionPlan/x", "hasGoal", "Goal/建成一批智慧农场") in rels


def test_enumerated_clauses_become_tasks_with_clean_labels(doc_factory):
    text = ("二、主要内容\n\n1、“新服务”建设行动。提升城市服务水平。主要包括：建设社区服务中心，打造便民服务平台；"
            "围绕老年人需求，布局建设养老服务设施；完善公共服务标准。\n\n2、“新交通”建设行动。主要包括：一是新建公交专用道；二是推广智慧停车。\n")
    doc, passages = doc_factory(text)
    out = extract_structure(doc, passages)
    assert [a.label for a in _by_kind(out, "Action")] == ["“新服务”建设行动", "“新交通”建设行动"]
    labels = [t.label for t in _by_kind(out, "Task")]
    assert labels == ["建设社区服务中心", "打造便民服务平台", "围绕老年人需求，布局建设养老服务设施", "完善公共服务标准",
                      "新建公交专用道", "推广智慧停车"]
    for t in _by_kind(out, "Task"):
        assert t.label.replace("，", "") in doc.text[t.span.start:t.span.end].replace("，", "")


def test_a_text_without_numbering_has_no_structure(doc_factory):
    doc, passages = doc_factory("关于做好冬季供暖工作的通知\n\n请各单位认真做好供暖保障工作。")
    assert extract_structure(doc, passages).mentions == []


def test_articles_and_arabic_numbering(doc_factory):
    text = ("某市促进就业办法\n\n第一章 重点工作\n第一条 鼓励企业吸纳就业。对吸纳就业的企业给予补贴。\n"
            "第二条 支持创业。（1）提供创业担保贷款；（2）开展创业培训。\n第二章 保障措施\n"
            "第三条 加强组织领导。\n第四条 加强资金保障。\n")
    doc, passages = doc_factory(text)
    out = extract_structure(doc, passages)
    assert [(a.label, a.props["number"]) for a in _by_kind(out, "Action")] == \
        [("重点工作", "第一章"), ("保障措施", "第二章")]
    tasks = _by_kind(out, "Task")
    assert [(t.label, t.props.get("number")) for t in tasks] == \
        [("鼓励企业吸纳就业", "第一条"), ("支持创业", "第二条"), ("提供创业担保贷款", None), ("开展创业培训", None)]
    assert ("Task/支持创业", "hasTask", "Task/开展创业培训") in {(r.subject, r.predicate, r.object) for r in out.relations}
    assert [m.label for m in _by_kind(out, "PolicyMeasure")] == ["加强组织领导", "加强资金保障"]


def test_an_item_on_several_paragraphs_has_one_subtask_per_paragraph(doc_factory):
    text = ("一、主要任务\n（一）推进垃圾分类。\n完善分类投放设施。在居民小区设置分类投放点。\n"
            "健全收运体系，建设中转站。按片区配置收运车辆。\n（二）加强宣传。开展主题宣传活动。\n")
    doc, passages = doc_factory(text)
    out = extract_structure(doc, passages)
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert ("Task/推进垃圾分类", "hasTask", "Task/完善分类投放设施") in rels
    assert ("Task/推进垃圾分类", "hasTask", "Task/健全收运体系建设中转站") in rels
    assert not any(r[0] == "Task/加强宣传" for r in rels)


def test_one_level_of_numbering_gives_actions(doc_factory):
    text = "某区工作要点\n\n1. 推进老旧小区改造。完成改造50个。\n2. 提升社区服务。新建社区食堂10家。\n"
    doc, passages = doc_factory(text)
    out = extract_structure(doc, passages)
    assert [a.label for a in _by_kind(out, "Action")] == ["推进老旧小区改造", "提升社区服务"]
    assert [a.props["number"] for a in _by_kind(out, "Action")] == ["1.", "2."]


def test_principles_as_jianchi_sentences(doc_factory):
    text = ("一、总体要求\n（一）基本原则。坚持以人为本，把群众满意作为根本标准。坚持改革创新，破除体制机制障碍。"
            "坚持统筹推进，加强部门协同。\n二、主要任务\n（一）推进甲。\n")
    doc, passages = doc_factory(text)
    out = extract_structure(doc, passages)
    assert [m.label for m in _by_kind(out, "Principle")] == ["坚持以人为本", "坚持改革创新", "坚持统筹推进"]


def test_items_with_one_label_stay_apart(doc_factory):
    text = "一、城区\n（一）加强宣传。在城区开展宣传。\n二、郊区\n（一）加强宣传。在郊区开展宣传。\n"
    doc, passages = doc_factory(text)
    tasks = _by_kind(extract_structure(doc, passages), "Task")
    assert [t.key for t in tasks] == ["Task/加强宣传", "Task/加强宣传#2"]


ONE_NAMED_ACTION = """关于巩固拓展经济向好势头的实施意见
一、支持企业增产增效
12.支持工业企业开拓市场。用好各级办展参展补贴政策。
13.实施招商落地深化攻坚行动。紧扣重点产业链招商。
14.鼓励企业吸纳就业。对吸纳就业的企业给予补贴。
二、推动服务业恢复发展
23.2023年4月1日以后取得旅行社业务经营许可证的旅行社，可申请暂缓交纳保证金。
24.鼓励旅行社引客入融。对组织外地游客的旅行社给予奖励。
"""


def test_one_item_named_as_an_action_among_ordinary_items_is_a_task(doc_factory):
    doc, passages = doc_factory(ONE_NAMED_ACTION)
    ext = extract_document(doc, passages, tagger="rules")
    kinds = {m.label: m.kind for m in ext.mentions}
    assert kinds["支持企业增产增效"] == "Action" and kinds["实施招商落地深化攻坚行动"] == "Task"
    assert kinds["鼓励企业吸纳就业"] == "Task"
    assert any(m.kind == "Task" and m.props.get("number") == "23." for m in ext.mentions)  # 23.2023年: a serial, a year
