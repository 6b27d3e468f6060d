"""Member lists and leads of a body, duties to lead, sector lists as one subject, and the precedence of a
responsibility list over running-text duties (our own text, State Council style)."""
from kg.extract import extract_document
from kg.extract.agencies import is_agency_name
from kg.extract.duties import duties
from kg.extract.targets import extract_targets
from tests.kg.extract.conftest import make_doc

REPLY = """国务院关于同意建立养老服务部际联席会议制度的批复
国函〔2032〕9号
一、主要职能
统筹协调全国养老服务工作。
二、成员单位
联席会议由民政部、国家发展改革委、财政部、国家卫生健康委4个部门和单位组成，民政部为牵头单位。
联席会议设召集人1人，由国务院分管民政工作的领导同志担任；设副召集人2人。
三、工作要求
各成员单位要按照职责分工，主动研究养老服务的有关问题。
四、重点任务
（一）完善服务网络。建设社区养老服务中心。各省（区、市）人民政府要加强统筹。（民政部、财政部负责）
（二）强化部门协作。
民政、卫生健康、医保等养老服务领域有关部门要加强协作，形成合力。民政部要发挥牵头作用，加强统筹协调，会同各有关部门共同推进。
国务院
2032年5月1日
"""


def _extract():
    doc, passages = make_doc(REPLY)
    return extract_document(doc, passages, tagger="rules")


def _of(ext, predicate, subject):
    return sorted(r.object for r in ext.relations if r.predicate == predicate and r.subject == subject)


def test_a_member_list_makes_its_agencies_responsible_and_the_named_one_lead():
    ext = _extract()
    action = next(m.key for m in ext.mentions if m.kind == "Action" and m.label == "成员单位")
    assert _of(ext, "responsibleAgency", action) == sorted(
        ["Agency/民政部", "Agency/国家发展改革委", "Agency/财政部", "Agency/国家卫生健康委"])
    assert _of(ext, "leadAgency", action) == ["Agency/民政部"]


def test_officer_counts_and_member_counts_are_no_targets():
    doc, passages = make_doc(REPLY)
    assert [m.label for m in extract_targets(doc, passages).mentions] == []
    doc, passages = make_doc("对成效明显的省，优先支持其行政区域内1家符合条件的开发区扩区。到2030年建成养老机构200所。\n")
    assert [(m.props["value"], m.props["unit"]) for m in extract_targets(doc, passages).mentions] == [(200.0, "机构")]


def test_a_duty_to_lead_and_a_later_with_clause_make_the_subject_lead():
    ext = _extract()
    task = "Task/强化部门协作"
    assert _of(ext, "leadAgency", task) == ["Agency/民政部"]
    assert set(_of(ext, "responsibleAgency", task)) == {"Agency/民政部", "Agency/各有关部门", "Agency/养老服务领域有关部门"}
    # 各成员单位要… is a collective subject
    action = next(m.key for m in ext.mentions if m.kind == "Action" and m.label == "工作要求")
    assert _of(ext, "responsibleAgency", action) == ["Agency/各成员单位"]


def test_a_responsibility_parenthesis_wins_over_the_duties_of_the_item_s_text():
    ext = _extract()
    assert _of(ext, "responsibleAgency", "Task/完善服务网络") == ["Agency/民政部", "Agency/财政部"]


def test_a_body_that_leads_inside_the_object_is_no_lead_and_sectors_are_one_subject():
    text = "各省（区、市）政府要建立省级政府办公厅牵头的工作机制。民政、医保等养老服务领域有关部门要加强协作。"
    found = duties(text, is_agency_name)
    assert [([n for n, _, _ in names], leads) for _, names, leads in found] == [
        (["各省（区、市）政府"], 0), (["养老服务领域有关部门"], 0)]


def test_a_joint_meeting_is_a_body_and_its_title_names_no_ministry():
    from kg.extract.agencies import agency_names

    assert [n for n, _, _ in agency_names("国务院养老服务部际联席会议统筹协调全国工作。")] == ["国务院养老服务部际联席会议"]
    ext = _extract()  # 建立养老服务部际联席会议制度 (title): no 养老服务部
    assert "Agency/养老服务部" not in {m.key for m in ext.mentions}


def test_a_body_that_convenes_is_responsible_and_a_responsible_comrade_is_no_duty():
    text = ("国务院关于同意建立养老服务部际联席会议制度的批复\n一、工作规则\n由联席会议办公室召开联络员会议。"
            "联席会议设联络员，由各成员单位有关司局负责同志担任。办理国务院交办的其他事项。\n")
    doc, passages = make_doc(text)
    ext = extract_document(doc, passages, tagger="rules")
    agencies = {m.key for m in ext.mentions if m.kind == "Agency"}
    assert "Agency/各成员单位有关司局" not in agencies and "Agency/国务院交办" not in agencies
    assert _of(ext, "responsibleAgency", "Action/工作规则") == ["Agency/联席会议办公室"]
