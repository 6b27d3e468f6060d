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
