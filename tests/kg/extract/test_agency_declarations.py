"""kg.extract.agencies / duties / resolve: responsibility declared once for what follows (以下均需…落实), guiding
agencies in a parenthesis, bodies named to a role (是…主管单位), bodies set up by the text (成立…工作小组),
an adverbial before the duty verb, and the cover letter of a notice that issues a plan (our own text)."""
import pytest

from kg.extract.agencies import is_agency_name
from tests.kg.extract.conftest import duty_statements, extracted_rules, related

NOTICE = """某省人民政府办公厅关于印发某省城市更新试点方案的通知
各市人民政府，省政府各部门：
《某省城市更新试点方案》已经省政府同意，现印发给你们。各有关部门和单位要按照分工抓好落实。
某省人民政府办公厅
2021年3月1日
某省城市更新试点方案
一、主要任务
（一）完善更新机制。
建立更新项目库。（省住房城乡建设厅指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）
（二）推进老旧小区改造。
1.改造供水管网。完善管网标准。（省住房城乡建设厅、省水利厅指导）
2.改造燃气管道。加快更换老化管道。
二、保障措施
（一）加强组织领导。
成立城市更新试点工作小组，统筹推进试点工作。省住房城乡建设厅是全省城市更新工作的主管单位。
（二）做好登记服务。
民政部门按程序做好社会组织登记工作。
"""


_rels, _statements = related, duty_statements


@pytest.fixture(scope="module")
def extracted():
    return extracted_rules(NOTICE)


def test_agencies_declared_once_hold_for_every_item_that_follows(extracted):
    assert "试点城市政府" in _rels(extracted, "responsibleAgency", "Task/改造燃气管道")
    assert "试点城市政府" in _rels(extracted, "responsibleAgency", "Task/改造供水管网")
    # an item holding items of its own answers with them for the declared agency (lifted from its items, 0.50.2),
    # and another part does not
    assert "试点城市政府" in _rels(extracted, "responsibleAgency", "Task/推进老旧小区改造")
    assert not any(r.subject == "Task/推进老旧小区改造" and r.predicate == "leadAgency" for r in extracted.relations)
    assert "试点城市政府" not in _rels(extracted, "responsibleAgency", "PolicyMeasure/加强组织领导")
    labels = [m.label for m in extracted.mentions if m.kind == "Agency"]
    assert "以下均需试点城市政府" not in labels  # the declaration's words are no part of the name


def test_agencies_that_guide_in_a_parenthesis_are_responsible(extracted):
    assert _rels(extracted, "responsibleAgency", "Task/改造供水管网") == ["省住房城乡建设厅", "省水利厅", "试点城市政府"]


def test_agencies_named_to_a_role_or_set_up_by_the_text(extracted):
    assert "省住房城乡建设厅" in _rels(extracted, "responsibleAgency", "PolicyMeasure/加强组织领导")
    assert "城市更新试点工作小组" in [m.label for m in extracted.mentions if m.kind == "Agency"]
    assert _statements("。国务院办公厅是全国政务新媒体工作的主管单位。") == [(["国务院办公厅"], 0)]
    assert _statements("。生态环境部为试点工作牵头单位。") == [(["生态环境部"], 1)]
    assert _statements("。企业是创新主体。") == []  # not a body, and no role of office


def test_agencies_adverbial_before_the_duty_verb_keeps_the_subject(extracted):
    assert _rels(extracted, "responsibleAgency", "PolicyMeasure/做好登记服务") == ["民政部门"]
    assert _statements("。财政部依法做好资金保障。") == [(["财政部"], 0)]


def test_agencies_of_the_cover_letter_belong_to_the_notice_not_to_the_plan(extracted):
    document = next(m.key for m in extracted.mentions if m.kind == "Document")
    plan = next(m.key for m in extracted.mentions if m.kind == "ActionPlan")
    assert "各有关部门和单位" in _rels(extracted, "responsibleAgency", document)
    assert "各有关部门和单位" not in _rels(extracted, "responsibleAgency", plan)


def test_agencies_general_office_written_with_its_bracketed_variant():
    assert is_agency_name("省人民政府办公厅（室）") and is_agency_name("国务院各部门办公厅（室）")
    assert _statements("。市人民政府办公厅（室）是本地区政务公开工作的主管单位。") == [(["市人民政府办公厅（室）"], 0)]
