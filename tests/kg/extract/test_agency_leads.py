"""kg.extract.names and its use in kg.extract.agencies: lead declarations in other wordings, names cut from
running text (texts written for these tests)."""
from kg.extract import extract_document
from kg.extract.agencies import assignments, extract_agencies
from kg.extract.names import first_is_lead_from, has_clause_words, strip_context

from tests.kg.extract.conftest import duty_statements

DECLARED_IN_PAREN = """国务院关于推进示范园区建设的意见
一、主要任务
（一）建设示范园区
1.完善园区规划。编制园区建设规划。（发展改革委、自然资源部、住房城乡建设部负责，排在第一位的部门为牵头部门，下同）
2.优化园区服务。推行一站式服务。（商务部、市场监管总局负责）
"""

DECLARED_IN_SENTENCE = """国务院办公厅关于推进养老服务的通知
各项任务的责任单位中，列在首位的为牵头单位。
一、重点任务
（一）发展社区养老。建设社区养老服务设施。（民政部、财政部负责）
（二）培养护理人员。开展护理人员培训。（人力资源社会保障部、民政部负责）
"""


def test_lead_agency_declared_as_first_listed_department(doc_factory):
    doc, _ = doc_factory(DECLARED_IN_PAREN)
    first, second = assignments(doc)
    assert first.leads == ("Agency/发展改革委",)
    assert first.agencies == ("Agency/发展改革委", "Agency/自然资源部", "Agency/住房城乡建设部")
    assert second.leads == ("Agency/商务部",)  # 下同: the declaration holds for the later lists


def test_lead_declared_in_a_sentence_before_the_lists(doc_factory):
    doc, passages = doc_factory(DECLARED_IN_SENTENCE)
    rels = {(r.subject, r.predicate, r.object) for r in extract_document(doc, passages).relations}
    assert ("Task/发展社区养老", "leadAgency", "Agency/民政部") in rels
    assert ("Task/培养护理人员", "leadAgency", "Agency/人力资源社会保障部") in rels
    assert ("Task/培养护理人员", "leadAgency", "Agency/民政部") not in rels
    assert ("Task/培养护理人员", "responsibleAgency", "Agency/民政部") in rels


def test_a_declaration_after_a_list_does_not_reach_back(doc_factory):
    text = ("一、任务\n（一）推进甲。加强甲工作。（教育部、科技部负责）\n"
            "（二）推进乙。加强乙工作。（财政部、商务部负责。列第一位者为牵头单位）\n")
    doc, _ = doc_factory(text)
    first, second = assignments(doc)
    assert first.leads == ()
    assert second.leads == ("Agency/财政部",)
    assert first_is_lead_from(text) == text.index("列第一位者")
    assert first_is_lead_from("（教育部、科技部负责，第一位同志为联系人）") is None


def test_lead_and_participants_in_running_text(doc_factory):
    doc, _ = doc_factory("一、任务\n（一）推进丙。建立协调机制，由水利部牵头，生态环境部、农业农村部参与，定期会商。\n")
    (found,) = assignments(doc)
    assert found.leads == ("Agency/水利部",)
    assert set(found.agencies) == {"Agency/水利部", "Agency/生态环境部", "Agency/农业农村部"}


def test_agency_name_loses_the_linking_word_before_it(doc_factory):
    text = "一、任务\n（一）推进丁。经生态环境部会同财政部、审计署研究，指导市场监管总局会同商务部开展检查。\n"
    doc, passages = doc_factory(text)
    labels = {m.label for m in extract_agencies(doc, passages).mentions}
    assert {"生态环境部", "财政部", "审计署", "市场监管总局", "商务部"} <= labels
    assert not [name for name in labels if name.startswith(("经", "指导", "由", "会同"))]
    leads = {lead for a in assignments(doc) for lead in a.leads}
    assert leads == {"Agency/生态环境部", "Agency/市场监管总局"}


def test_clause_ending_in_government_is_no_agency(doc_factory):
    text = "四、保障措施\n试点地区要高度重视政府服务平台建设，明确责任分工。各省级人民政府要加强统筹。\n"
    doc, passages = doc_factory(text)
    labels = {m.label for m in extract_agencies(doc, passages).mentions}
    assert not [name for name in labels if "重视" in name or "要" in name]
    assert has_clause_words("试点地区要高度重视政府")
    assert not has_clause_words("国家发展改革委")


def test_strip_context_keeps_names_that_contain_linking_characters():
    assert strip_context("经生态环境部") == ("生态环境部", 1)
    assert strip_context("技工院校内由人力资源社会保障部门") == ("人力资源社会保障部门", 6)
    assert strip_context("省经信委") == ("省经信委", 0)
    assert strip_context("自由贸易试验区管委会") == ("自由贸易试验区管委会", 0)
    assert strip_context("对外联络部") == ("对外联络部", 0)
    assert strip_context("据湖北省地震局") == ("湖北省地震局", 1)
    assert strip_context("根据省地震局") == ("省地震局", 2)


def test_agency_cited_as_a_source_is_named_without_the_citing_word(doc_factory):
    doc, passages = doc_factory("关于某县地面振动的报告\n一、基本情况\n据湖北省地震局《某县地面振动监测结果》，共发生地震3次。\n")
    labels = {m.label for m in extract_agencies(doc, passages).mentions}
    assert "湖北省地震局" in labels
    assert not [name for name in labels if name.startswith("据")]


HEADING_PAREN = """国务院关于加强水资源保护的意见
一、重点任务
（一）加强水源地保护（水利部、生态环境部负责）
划定饮用水水源保护区。依法清理保护区内违法建筑。
推进水源地规范化建设。完善水质监测设施。
"""


def test_responsibility_parenthesis_on_a_heading_line_is_not_the_task_label(doc_factory):
    doc, passages = doc_factory(HEADING_PAREN)
    out = extract_document(doc, passages, tagger="rules")
    tasks = {m.label for m in out.mentions if m.kind == "Task"}
    assert tasks == {"加强水源地保护", "划定饮用水水源保护区", "推进水源地规范化建设"}
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert ("Task/加强水源地保护", "responsibleAgency", "Agency/水利部") in rels
    assert ("Task/加强水源地保护", "responsibleAgency", "Agency/生态环境部") in rels


LISTS = """国务院办公厅关于推进消费帮扶的意见
一、重点任务
（一）拓宽销售渠道。组织产销对接活动。（商务部、农业农村部等和各省级人民政府负责）
（二）举办展销活动。支持贫困地区联合举办展销会，优化区域布局。（中央军委政治工作部、国家发展改革委会同有关部门负责）
（三）完善支持政策。（财政部、税务总局会同有关部门负责）
"""


def test_agency_list_with_deng_he_names_both_sides(doc_factory):
    doc, _ = doc_factory(LISTS)
    first = assignments(doc)[0]
    assert first.agencies == ("Agency/商务部", "Agency/农业农村部", "Agency/各省级人民政府")


def test_hui_tong_inside_a_parenthesis_makes_its_subject_lead(doc_factory):
    doc, _ = doc_factory(LISTS)
    _, second, third = assignments(doc)
    assert second.leads == ("Agency/中央军委政治工作部", "Agency/国家发展改革委")
    assert third.leads == ("Agency/财政部", "Agency/税务总局")


def test_verbs_and_layout_words_ending_in_ban_or_ju_are_no_agencies(doc_factory):
    doc, passages = doc_factory(LISTS)
    labels = {m.label for m in extract_agencies(doc, passages).mentions}
    assert not [name for name in labels if name.endswith(("举办", "布局"))]
    assert "中央军委" not in labels  # inside the listed 中央军委政治工作部
    assert "中央军委政治工作部" in labels


DECIMAL_SECTIONS = """国家某物资应急预案
6 后期处置
6.1 应急经费和清算
6.1.1 财政部会同国务院有关部门（单位），对应急动用储备物资的费用开支进行审核后，及时进行清算。
6.1.2 省级人民政府要及时安排所需资金。
"""


def test_decimal_section_number_is_no_part_of_the_agency_name(doc_factory):
    doc, passages = doc_factory(DECIMAL_SECTIONS)
    labels = {m.label for m in extract_agencies(doc, passages).mentions}
    assert "财政部" in labels
    assert not [name for name in labels if name[0].isdigit()]
    assert [names for names, _ in duty_statements("6.1.2 省级人民政府要及时安排所需资金。")] == [["省级人民政府"]]


REPLY_OPINIONS = """国务院办公厅关于东海省所提问题和建议办理情况的函
东海省人民政府：
一、关于港口建设问题。你省请求，国家支持港口建设。
交通部、财政部会同发展改革委等有关部门研究提出了办理意见：交通部将在规划中统筹考虑。
二、关于对口支援问题。你省请求，国家继续实施对口支援。
有关部门研究提出了办理意见：移民安置规模不大，待工作开展后再行研究。
三、关于期货品种问题。
证监会意见：将继续关注。
"""


def test_the_bodies_giving_a_replys_opinion_answer_for_its_part(doc_factory):
    ext = extract_document(*doc_factory(REPLY_OPINIONS), tagger="rules")

    def agencies(rel, part):
        return sorted(r.object.split("/", 1)[1] for r in ext.relations if r.predicate == rel and r.subject == f"Action/{part}")

    assert agencies("responsibleAgency", "关于港口建设问题") == ["交通部", "发展改革委", "财政部"]
    assert agencies("leadAgency", "关于港口建设问题") == ["交通部", "财政部"]
    assert agencies("responsibleAgency", "关于对口支援问题") == ["有关部门"]
    assert agencies("responsibleAgency", "关于期货品种问题") == ["证监会"]


def test_a_name_holding_a_verb_of_passing_on_is_no_agency():
    assert has_clause_words("国务院批转外交部") and has_clause_words("国务院办公厅转发民政部")
    assert not has_clause_words("外交部")
