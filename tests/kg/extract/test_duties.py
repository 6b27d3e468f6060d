"""kg.extract.duties and its use: responsibility stated in running text, the document's issuer, 指导思想,
collective bodies and province names (our own text, State Council style)."""
import pytest

from kg.extract import extract_document
from kg.extract.agencies import is_agency_name
from kg.extract.duties import duties

OPINION = """国务院关于推进城乡社区养老服务发展的指导意见
国发〔2030〕7号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
为推进社区养老服务发展，现提出以下意见。
一、总体要求
（一）指导思想。以新发展理念为指导，坚持以人民为中心、政府引导、市场运作，推动社区养老服务高质量发展。
（二）基本原则。
坚持需求导向。以老年人需求为出发点。
坚持统筹推进。城乡一体，协调发展。
二、主要任务
（一）完善服务设施。新建住宅小区按标准配建养老服务设施，在河南、四川和宁夏回族自治区开展试点。（民政部、住房城乡建设部负责）
（二）培育服务主体。支持社会力量举办养老机构。民政部要会同财政部、税务总局等部门完善扶持政策。
（三）加强人才队伍建设。人力资源社会保障部和教育部要加强养老护理人员培训，企业要落实培训责任。
（四）建立协调机制。建立由民政部、国家卫生健康委牵头的协调机制，定期会商。
三、组织实施
各地区各有关部门要充分认识发展社区养老服务的重要意义，加强组织领导。
国家卫生健康委将于2031年6月底前组织评估。各省、自治区、直辖市人民政府要切实落实主体责任。
国务院
2030年3月1日
"""


@pytest.fixture(scope="module")
def extracted():
    from tests.kg.extract.conftest import make_doc

    doc, passages = make_doc(OPINION)
    return doc, extract_document(doc, passages, tagger="rules")


def _rels(ext, predicate, subject):
    return sorted(r.object.split("/", 1)[1] for r in ext.relations if r.predicate == predicate and r.subject == subject)


def _statements(text):
    return [([n for n, _, _ in names], leads) for _, names, leads in duties(text, is_agency_name)]


def test_agencies_running_text_responsibility_goes_to_the_task_that_states_it(extracted):
    _, ext = extracted
    assert _rels(ext, "responsibleAgency", "Task/培育服务主体") == ["民政部", "税务总局", "财政部"]
    assert _rels(ext, "leadAgency", "Task/培育服务主体") == ["民政部"]  # A要会同B、C: A leads
    # 人力资源社会保障部和教育部要…: two agencies, no lead; 企业要… names no agency
    assert _rels(ext, "responsibleAgency", "Task/加强人才队伍建设") == ["人力资源社会保障部", "教育部"]
    assert _rels(ext, "leadAgency", "Task/加强人才队伍建设") == []


def test_agencies_running_text_collective_bodies_and_future_duties_go_to_their_part(extracted):
    _, ext = extracted
    assert _rels(ext, "responsibleAgency", "Action/组织实施") == ["各地区各有关部门", "各省自治区直辖市人民政府",
                                                              "国家卫生健康委"]


def test_agencies_running_text_attributive_qian_tou_is_no_duty_of_a_linked_phrase(extracted):
    _, ext = extracted
    # 建立由A、B牵头的机制: the 由…牵头 rule gives both as leads; 建立由民政部 is never an agency
    assert _rels(ext, "leadAgency", "Task/建立协调机制") == ["国家卫生健康委", "民政部"]
    assert not [m for m in ext.mentions if m.kind == "Agency" and "由" in m.label]


def test_agencies_running_text_needs_every_subject_item_to_be_an_agency():
    assert _statements("企业要落实主体责任。我们要努力。") == []
    # the local governments of a pilot, named collectively, are bodies (试点地区要…, 各地要…)
    assert _statements("试点地区要抓紧制定方案。各地要加强指导。") == [(["试点地区"], 0), (["各地"], 0)]
    assert _statements("，应急管理部要加强监管。") == [(["应急管理部"], 0)]
    assert _statements("工业和信息化部要加强统筹。") == [(["工业和信息化部"], 0)]  # 工业 is no agency: one name
    assert _statements("国家中医药局负责组织实施考核工作。") == [(["国家中医药局"], 0)]
    assert _statements("建立由民政部牵头的机制。") == []


def test_agencies_collective_name_is_one_agency_not_its_tail(extracted):
    _, ext = extracted
    labels = {m.label for m in ext.mentions if m.kind == "Agency"}
    assert "各省、自治区、直辖市人民政府" in labels
    assert not labels & {"直辖市人民政府", "市人民政府", "自治区"}


def test_document_issuer_is_responsible_for_the_document(extracted):
    doc, ext = extracted
    assert _rels(ext, "responsibleAgency", f"Document/{doc.id}") == ["国务院"]


def test_guiding_thought_is_one_principle_without_its_jian_chi_clauses(extracted):
    _, ext = extracted
    principles = sorted(m.label for m in ext.mentions if m.kind == "Principle")
    assert principles == ["坚持统筹推进", "坚持需求导向", "指导思想"]


def test_places_province_level_divisions_are_named(extracted):
    _, ext = extracted
    places = {m.label for m in ext.mentions if m.kind == "Place"}
    assert {"河南", "四川", "宁夏回族自治区"} <= places
    assert not places & {"新疆", "西藏"}  # not in the text
    # the salutation line (各省、自治区、直辖市人民政府，…：) names no place
    assert all(m.span.start > OPINION.index("为推进") for m in ext.mentions if m.kind == "Place")


PROVINCIAL = """某省数字农业行动方案
一、重点任务
（一）建设数据平台。整合涉农数据资源。
牵头单位：省发展改革委；配合单位：省财政厅、省科技厅
（二）推广智能农机。加快北斗农机应用。（责任单位：省农业农村厅、省工业和信息化厅等）
（三）完善协调机制。加强统筹。（牵头部门：省商务厅，配合部门：省财政厅）
"""


def test_agencies_labelled_lists_without_parentheses_and_inside_them(doc_factory):
    doc, passages = doc_factory(PROVINCIAL)
    ext = extract_document(doc, passages, tagger="rules")
    assert _rels(ext, "responsibleAgency", "Task/建设数据平台") == ["省发展改革委", "省科技厅", "省财政厅"]
    assert _rels(ext, "leadAgency", "Task/建设数据平台") == ["省发展改革委"]  # 牵头单位 leads, 配合单位 take part
    assert _rels(ext, "responsibleAgency", "Task/推广智能农机") == ["省农业农村厅", "省工业和信息化厅"]
    assert _rels(ext, "leadAgency", "Task/推广智能农机") == []  # 责任单位 names no lead
    assert _rels(ext, "leadAgency", "Task/完善协调机制") == ["省商务厅"]
    assert not [m for m in ext.mentions if m.kind == "Agency" and "：" in m.label]


def test_agencies_running_text_acts_of_office_and_deng_bumen_lists():
    text = ("2031年5月底前，国家统计局发布养老服务统计口径。民政部、财政部等部门研究制定补助办法。"
            "社区组织开展志愿活动。民政部门要加强指导。")
    # a sector's departments (民政部门: every level's civil-affairs department) bear the duty as one body
    assert _statements(text) == [(["国家统计局"], 0), (["民政部", "财政部"], 0), (["民政部门"], 0)]


def test_requests_collectives_with_units_and_circumstances_are_duties():
    """请X… asks X to act; 各地区、各部门、各单位 (and …和各单位, 各有关部门和单位) is one body as written; 都 and 在…时，
    stand between a subject and its duty; 等部门在2031年…前完成 dates it."""
    text = ("请财政部落实有关规定。请科技部、农业农村部等部门在2031年2月底前完成清理。"
            "各地区、各部门、各单位要推进产学研结合。各地区、各部门和各单位都要制定实施办法。"
            "各地区、各有关部门和单位要明确兼职办法。各地区、各部门在制定具体办法时，要明确有关规定。"
            "我们在2031年完成了清理。请注意以下事项。")
    assert [names for names, _ in _statements(text)] == [
        ["财政部"], ["科技部", "农业农村部"], ["各地区、各部门、各单位"], ["各地区、各部门和各单位"],
        ["各地区、各有关部门和单位"], ["各地区、各部门"]]


def test_a_role_in_a_task_or_a_verb_before_a_body_is_no_subject_of_a_duty():
    text = "涉及多个部门的工作，牵头部门要加强协调。国家医保局负责拟定政策，指导各地医保部门做好医保支付。"
    names = [n for ns, _ in _statements(text) for n in ns]
    assert "牵头部门" not in names and not any(n.startswith("指导") for n in names)
    assert "国家医保局" in names
