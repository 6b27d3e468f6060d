"""kg.extract.duties / agencies: bodies named by their field (国务院X行政部门), government at every level, bare
bodies before a modal verb, and a circumstance between the subject and its duty (our own text)."""
import pytest

from kg.extract import extract_document
from kg.extract.agencies import is_agency_name
from tests.kg.extract.conftest import duty_statements, extracted_rules, related

PLAN = """某省职业技能提升方案
一、主要任务
（一）开发技能标准。
国务院人力资源社会保障行政部门、教育行政部门在职责范围内，分别负责标准的审核备案。国务院教育行政部门依照职业标准牵头组织开发教学资源。
（二）扩大职业培训。
各级政府要积极支持职业培训，行政部门要简政放权。
（三）规范培训市场。
政府部门要加强监管，防止乱发证书。企业要落实培训责任。
"""


_rels, _statements = related, duty_statements


@pytest.fixture(scope="module")
def extracted():
    return extracted_rules(PLAN)


def test_agencies_named_by_field_are_agencies():
    assert is_agency_name("国务院教育行政部门") and is_agency_name("教育行政部门")
    assert not is_agency_name("推动行政部门")


def test_agencies_circumstance_before_the_duty_keeps_the_subject():
    assert _statements("国务院教育行政部门依照职业标准牵头组织开发教学资源。") == [(["国务院教育行政部门"], 1)]
    assert _statements("。海关总署、商务部在职责范围内，分别负责监管。") == [(["海关总署", "商务部"], 0)]
    assert _statements("企业依照章程牵头组织开发。") == []  # 企业 is no agency


def test_agencies_bodies_of_every_level_and_bare_bodies_before_a_modal(extracted):
    assert _rels(extracted, "responsibleAgency", "Task/扩大职业培训") == ["各级政府", "行政部门"]
    assert _rels(extracted, "responsibleAgency", "Task/规范培训市场") == ["政府部门"]
    assert _statements("推动政府部门职能转变。") == []  # a bare body with no modal verb after it is no subject


def test_agencies_field_bodies_are_responsible_and_the_one_that_leads_leads(extracted):
    # 国务院A行政部门、B行政部门: B shares the 国务院 of the first (one agency, 国务院教育行政部门)
    assert _rels(extracted, "responsibleAgency", "Task/开发技能标准") == ["国务院人力资源社会保障行政部门",
                                                                      "国务院教育行政部门"]
    assert _rels(extracted, "leadAgency", "Task/开发技能标准") == ["国务院教育行政部门"]


def test_agencies_role_phrase_before_the_duty_keeps_the_subject():
    assert _statements("各省、自治区、直辖市人民政府作为开发区的管理主体，要切实落实主体责任。") == [
        (["各省、自治区、直辖市人民政府"], 0)]


def test_agencies_government_website_names_no_agency(doc_factory):
    doc, passages = doc_factory("某省政务公开方案\n一、主要任务\n到2031年底前，试点地区完成政府网站集约化工作，本地区政府网站统一管理。\n")
    labels = {m.label for m in extract_document(doc, passages, tagger="auto").mentions if m.kind == "Agency"}
    assert not [label for label in labels if label.endswith("政府")]


REQUEST = """关于扩大内地民族班规模的请示
一、扩大招生规模
（一）各有关省（市）人民政府应高度重视，给予优先安排。
（二）西部自治区人民政府要负责提供学生的学习和生活费用。
二、加强领导，明确职责
（一）加强政府的责任。各有关省（市）教育主管部门要明确专人负责。
（二）完善考核。中央财政要加大奖补力度，金融管理部门要实施差异化监管，各级财政部门要会同有关方面研究制定办法。
（三）统筹协调。财政部要会同发展改革委、银保监会等部门加强统筹。
"""


@pytest.fixture(scope="module")
def request_ext():
    return extracted_rules(REQUEST)


def test_agencies_provinces_with_brackets_and_bodies_of_every_level_are_subjects(request_ext):
    assert _rels(request_ext, "responsibleAgency", "Task/各有关省市人民政府应高度重视给予优先安排") == ["各有关省市人民政府"]
    assert _rels(request_ext, "responsibleAgency", "PolicyMeasure/完善考核") == ["中央财政", "各级财政部门", "金融管理部门"]
    assert _rels(request_ext, "leadAgency", "PolicyMeasure/完善考核") == ["各级财政部门"]


def test_agencies_subject_right_after_an_items_numbering(request_ext):
    assert "西部自治区人民政府" in _rels(request_ext, "responsibleAgency", "Task/西部自治区人民政府要负责提供学生的学习和生活费用")


def test_agencies_commission_short_names_are_agencies(request_ext):
    assert is_agency_name("银保监会") and is_agency_name("证监会")
    assert "银保监会" in _rels(request_ext, "responsibleAgency", "PolicyMeasure/统筹协调")


def test_structure_a_part_on_strengthening_leadership_holds_measures(request_ext):
    measures = {m.label for m in request_ext.mentions if m.kind == "PolicyMeasure"}
    assert {"加强政府的责任", "完善考核", "统筹协调"} <= measures


def test_agencies_words_ending_like_a_ministry_are_none():
    assert not is_agency_name("全国三级公立医院全部") and not is_agency_name("企业总部")


def test_agencies_sectors_listed_before_departments_are_one_body():
    assert _statements("，财政、发展改革、卫生健康等部门要建立协调机制。") == [(["财政、发展改革、卫生健康等部门"], 0)]
    assert _statements("，财政和医保部门要加强监管。") == [(["财政和医保部门"], 0)]
    # agencies listed by name before 等部门 are not sectors: no single body made of them
    assert _statements("，发展改革委、财政部等部门要加强指导。") == []


def test_agencies_time_before_the_subject_and_supervision_as_a_duty():
    assert _statements("。2031年6月底前各省份要出台实施方案。") == [(["各省份"], 0)]
    assert _statements("。卫生健康行政部门监督指导医院落实要求。") == [(["卫生健康行政部门"], 0)]
    assert _statements("。各地、各有关部门要形成合力。") == [(["各地、各有关部门"], 0)]


def test_agencies_departments_and_organs_named_by_their_field_before_a_modal():
    assert _statements("。行政执法机关要及时公开执法信息。") == [(["行政执法机关"], 0)]
    assert _statements("。各级行政执法机关要配备审核人员。") == [(["各级行政执法机关"], 0)]
    assert _statements("。主管单位要履行监管职责。") == [(["主管单位"], 0)]
    assert _statements("。用人单位要签订合同。医疗机构应当结算货款。") == []  # employers and hospitals bear no public duty


def test_bodies_named_by_their_part_in_a_procedure_are_agencies_with_duties():
    text = ("关于全面推行文件审核机制的指导意见\n一、规范审核程序\n审核机构要根据不同情形提出书面审核意见。"
            "起草单位应当根据审核意见对文件作必要的修改。\n")
    assert [names for names, _ in duty_statements(text)] == [["审核机构"], ["起草单位"]]
    ext = extracted_rules(text)
    assert related(ext, "responsibleAgency", "Action/规范审核程序") == ["审核机构", "起草单位"]


def test_market_institutions_and_collectives_are_no_agencies():
    assert not [n for n in ("银行业金融机构", "融资担保机构", "中介服务机构", "中央单位", "各单位", "国家机关")
                if is_agency_name(n)]
    assert is_agency_name("登记管理机关")


def test_every_department_is_a_collective_subject():
    statements = duty_statements("各部门必须坚决贯彻落实国务院的重大决策，及时跟踪和反馈执行情况。国务院各部门要加强监督。")
    assert [names for names, _ in statements] == [["各部门"], ["国务院各部门"]]


def test_an_autonomous_region_and_the_production_corps_are_agencies():
    statements = duty_statements("四、新疆维吾尔自治区人民政府和新疆生产建设兵团要加强组织领导，建立协同推进机制。")
    assert [names for names, _ in statements] == [["新疆维吾尔自治区人民政府", "新疆生产建设兵团"]]
