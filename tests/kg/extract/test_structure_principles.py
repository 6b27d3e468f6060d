"""kg.extract.structure: principles as headline paragraphs, lists said of the plan as a whole only, and the text
closing a document whose last part is a list of one-paragraph items (our own text)."""
import pytest

from kg.extract import extract_document

OPINION = """某省关于支持小微企业融资的指导意见
一、总体要求
（一）指导思想。以新时代中国特色社会主义思想为指导，坚持稳中求进、改革创新，服务实体经济。
（二）基本原则。
聚焦主业。担保机构要以小微企业融资担保为主业，不得偏离主业。
保本微利。担保机构不以营利为目的，保持较低费率。
二、重点任务
（三）扩大业务规模。担保机构要坚持需求导向、精准施策，扩大支小支农业务。
三、完善考核机制
（四）健全考核办法。省财政厅要会同有关方面研究制定考核办法。
（五）加强跟踪监测。省地方金融监管局负责跟踪监测担保费率。
（六）强化结果运用。省财政厅要将考核结果与资金补充挂钩。
各地区、各部门要充分认识融资担保的重要意义。省财政厅要会同省发展改革委加强统筹协调。
省人民政府办公厅
2031年1月22日
"""


@pytest.fixture(scope="module")
def ext():
    from tests.kg.extract.conftest import make_doc

    doc, passages = make_doc(OPINION)
    return doc, extract_document(doc, passages, tagger="rules")


def test_principles_are_the_paragraphs_of_a_principles_section_that_open_with_a_headline(ext):
    _, out = ext
    assert sorted(m.label for m in out.mentions if m.kind == "Principle") == sorted(["指导思想", "聚焦主业", "保本微利"])


def test_principle_lists_in_the_guiding_thought_or_a_task_body_are_no_principles(ext):
    _, out = ext
    labels = {m.label for m in out.mentions if m.kind == "Principle"}
    assert not labels & {"稳中求进", "改革创新", "需求导向", "精准施策"}


def test_closing_text_after_the_last_parts_list_belongs_to_the_document(ext):
    doc, out = ext
    document = f"Document/{doc.id}"
    on_doc = {r.object.split("/", 1)[1] for r in out.relations if r.subject == document and r.predicate == "responsibleAgency"}
    assert {"各地区各部门", "省财政厅", "省发展改革委"} <= on_doc  # keys drop the 、
    part = next(m.key for m in out.mentions if m.kind == "Action" and m.label == "完善考核机制")
    assert not [r for r in out.relations if r.subject == part and r.predicate == "responsibleAgency"]


PILOT = """某省药品联合采购试点方案
一、总体要求
（一）目标任务。选择5个城市开展试点。
（二）总体思路。按照省级组织、联盟采购的思路开展试点。
二、主要措施
（一）带量采购，以量换价。按照试点地区所需用量集中采购。
（二）招采合一，保证使用。医疗机构要优先使用中选药品。
三、切实做好组织实施
强化组织管理。各有关部门要加强协调。
狠抓工作落实。各地要细化任务。
四、政策支持
（三）降低物流成本。支持建设区域物流中心。（负责部门：省商务厅、省交通运输厅，适用范围：试点城市）
"""


def test_structure_main_measures_are_tasks_goal_tasks_and_general_approach(doc_factory):
    doc, passages = doc_factory(PILOT)
    out = extract_document(doc, passages, tagger="rules")
    by_kind = lambda kind: sorted(m.label for m in out.mentions if m.kind == kind)
    assert by_kind("Goal") == ["目标任务"] and by_kind("Principle") == ["总体思路"]
    assert {"带量采购，以量换价", "招采合一，保证使用", "降低物流成本"} <= set(by_kind("Task"))
    assert by_kind("PolicyMeasure") == sorted(["强化组织管理", "狠抓工作落实"])  # headline paragraphs of 组织实施


def test_agencies_labelled_responsible_departments_are_responsible(doc_factory):
    doc, passages = doc_factory(PILOT)
    out = extract_document(doc, passages, tagger="rules")
    task = next(m.key for m in out.mentions if m.label == "降低物流成本")
    assert sorted(r.object for r in out.relations if r.subject == task and r.predicate == "responsibleAgency") == [
        "Agency/省交通运输厅", "Agency/省商务厅"]
