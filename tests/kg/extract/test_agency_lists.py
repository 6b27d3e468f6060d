"""kg.extract.agencies: responsibility lists with 等部门, 会同, people's organisations; tagged ministries."""
from kg.extract.agencies import assignments, is_agency_name

TEXT = """国务院办公厅关于推进青少年科普工作的意见
国办发〔2021〕3号

（一）建设科普基地。依托高校建设一批青少年科普基地。（教育部、科技部、财政部等部门按职责分工负责）
（二）开展科普活动。组织科普进校园活动。（中国科协、共青团中央、全国妇联、新华社负责）
（三）完善评价机制。由教育部会同科技部、中国科协负责，制定评价办法。
（四）加强经费保障。（财政部、住房城乡建设部会同有关部门负责）
"""


def _lists(doc_factory):
    doc, _ = doc_factory(TEXT)
    return [[k.split("/", 1)[1] for k in a.agencies] for a in assignments(doc)]


def test_agency_lists_ending_in_deng_bumen_keep_their_last_agency(doc_factory):
    assert ["教育部", "科技部", "财政部"] in _lists(doc_factory)


def test_agency_lists_read_peoples_organisations(doc_factory):
    assert ["中国科协", "共青团中央", "全国妇联", "新华社"] in _lists(doc_factory)


def test_agency_hui_tong_splits_two_agencies_and_the_first_leads(doc_factory):
    doc, _ = doc_factory(TEXT)
    found = {tuple(k.split("/", 1)[1] for k in a.agencies): a for a in assignments(doc)}
    third = found[("教育部", "科技部", "中国科协")]
    assert third.leads == ("Agency/教育部",)
    assert ("财政部", "住房城乡建设部") in found
    assert not any("会同" in name for names in found for name in names)


def test_agency_names_without_prefix_are_ministries_only():
    assert is_agency_name("生态环境部") and is_agency_name("市场监管总局") and is_agency_name("国家统计局")
    assert not is_agency_name("工作部署") and not is_agency_name("各有关部门") and not is_agency_name("部")


def _extracted(doc_factory, text):
    """The rule-based extraction of ``text`` and its relations as (subject, predicate, object)."""
    from kg.extract import extract_document

    doc, passages = doc_factory(text)
    ext = extract_document(doc, passages, tagger="rules")
    return ext, {(r.subject, r.predicate, r.object) for r in ext.relations}


COLLECTIVES = """东海市关于推进农业机械化发展的实施方案
一、重点任务
（一）推进农机装备升级。加快老旧农机报废更新。（市农业农村委、各区人民政府分别负责，年内持续推进）
（二）加强监管。（国务院各部门按职责分工负责）
"""


def test_bodies_named_collectively_in_a_list_are_responsible(doc_factory):
    ext, rels = _extracted(doc_factory, COLLECTIVES)
    assert ("Task/加强监管", "responsibleAgency", "Agency/国务院各部门") in rels
    assert ("Task/推进农机装备升级", "responsibleAgency", "Agency/各区人民政府") in rels
    assert ext.by_key()["Agency/国务院各部门"].props["jurisdiction"] == "国家"  # not the city's, whose text names it


LEVELS = """东海市关于推进人才集聚工程的实施意见
一、实施人才行动计划
（一）人才公寓项目。筹集建设1000套人才公寓。（牵头单位：市住房城乡建设委；配合单位：各区、县级市）
（二）人才特区。建设人才特区。（牵头单位：市人才工作领导小组办公室；配合单位：各有关区、县级市）
"""


def test_levels_named_collectively_in_a_list_are_one_responsible_body(doc_factory):
    ext, rels = _extracted(doc_factory, LEVELS)
    assert ("Task/人才公寓项目", "responsibleAgency", "Agency/各区县级市") in rels
    assert ("Task/人才特区", "responsibleAgency", "Agency/各有关区县级市") in rels
    assert not any(m.label == "县级市" for m in ext.mentions)
    assert ext.by_key()["Agency/各区县级市"].label == "各区、县级市"  # keys fold punctuation, labels keep it
    assert ext.by_key()["Agency/各有关区县级市"].props["jurisdiction"] == "地方"


EVERY_MEASURE = """某省关于加快重大项目建设的若干措施
一、加快项目建设
（一）加快项目开工。全力推进项目开工。（责任单位：省发展改革委，各市〔州〕、各县〔市、区、特区〕人民政府。各项措施责任单位均包括各市〔州〕、各县〔市、区、特区〕人民政府，以下不再列出）
（二）加快平台建设。推进平台建设。（责任单位：省住房城乡建设厅）
二、强化要素保障
（三）加快资金拨付。（责任单位：省财政厅）
"""


def test_a_standing_assignment_said_of_every_measure_holds_in_every_action(doc_factory):
    ext, rels = _extracted(doc_factory, EVERY_MEASURE)
    levels = next(m.key for m in ext.mentions if m.label == "各市〔州〕、各县〔市、区、特区〕人民政府")  # one body: no
    for task in ("Task/加快项目开工", "Task/加快平台建设", "Task/加快资金拨付"):  # split inside its brackets
        assert (task, "responsibleAgency", levels) in rels, task
    assert ("Task/加快资金拨付", "responsibleAgency", "Agency/省财政厅") in rels


SUB_ITEMS = """某省关于扎实推进高水平开放的实施意见
一、重点任务
（一）优化营商环境。
1.提升通关效率。压缩整体通关时间。（合肥海关牵头，省商务厅配合）
2.优化信保服务。扩大出口信用保险覆盖面。（省商务厅负责）
"""


def test_the_bodies_of_an_items_sub_items_answer_for_the_item_but_do_not_lead_it(doc_factory):
    _, rels = _extracted(doc_factory, SUB_ITEMS)
    item = "Task/优化营商环境"
    assert {(item, "responsibleAgency", "Agency/合肥海关"), (item, "responsibleAgency", "Agency/省商务厅")} <= rels
    assert not any(s == item and p == "leadAgency" for s, p, _ in rels)
    assert ("Task/提升通关效率", "leadAgency", "Agency/合肥海关") in rels


SECTION_WIDE = """东海市今冬明春促进经济平稳发展政策措施
一、促进消费
（一）发放消费券。全年发放消费券5000万元。
（二）举办民俗文艺演出。春节期间举办演出100场次。
（三）促进大宗商品消费。开展汽车家电促销活动。
牵头单位：市商务局，责任单位：各县区人民政府
二、稳定就业
（四）支持企业稳岗。（责任单位：市人社局、市财政局）
（五）扩大公益岗位。（责任单位：市人社局）
各项举措中排序第一的责任单位为该项牵头单位。
"""


def test_a_list_closing_a_section_holds_for_its_tasks_and_a_lead_declared_at_the_end_for_every_list(doc_factory):
    _, rels = _extracted(doc_factory, SECTION_WIDE)
    for task in ("Task/发放消费券", "Task/举办民俗文艺演出", "Task/促进大宗商品消费"):  # a list after three
        assert (task, "leadAgency", "Agency/市商务局") in rels, task  # one-paragraph items closes their section
        assert (task, "responsibleAgency", "Agency/各县区人民政府") in rels, task
    assert ("Task/支持企业稳岗", "leadAgency", "Agency/市人社局") in rels  # the first listed, declared below
    assert ("Task/支持企业稳岗", "leadAgency", "Agency/市财政局") not in rels
    assert not any(s == "Task/支持企业稳岗" and o == "Agency/市商务局" for s, _, o in rels)


THREE_LEVELS = """某省关于扎实推进高水平开放的实施意见
一、重点任务
（一）优化营商环境。
1.提升通关效率。
（1）压缩通关时间。推行提前申报。（合肥海关负责）
（2）优化查验流程。推行集中查验。（省商务厅负责）
"""


def test_an_item_answers_for_the_bodies_of_its_sub_items_sub_items(doc_factory):
    _, rels = _extracted(doc_factory, THREE_LEVELS)
    assert ("Task/优化营商环境", "responsibleAgency", "Agency/合肥海关") in rels
    assert ("Task/提升通关效率", "responsibleAgency", "Agency/省商务厅") in rels
