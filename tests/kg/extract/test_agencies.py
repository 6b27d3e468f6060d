"""kg.extract.agencies: agency names and responsibility statements (lead and responsible agencies)."""
from kg.extract import extract_document
from kg.extract.agencies import assignments, extract_agencies

TEXT = """国务院关于推进数字政务建设的指导意见
国发〔2020〕9号

二、重点任务
（一）建设统一政务云平台。整合各部门数据中心，形成全国一体化政务云。（国家发展改革委、工业和信息化部、财政部等负责。列第一位者为牵头单位）
（二）完善数据安全制度。由公安部牵头，国家网信办、司法部配合，制定政务数据安全管理办法。
"""


def test_parenthesised_list_gives_lead_and_responsible_agencies(doc_factory):
    doc, passages = doc_factory(TEXT)
    found = assignments(doc)
    first = found[0]
    assert first.agencies == ("Agency/国家发展改革委", "Agency/工业和信息化部", "Agency/财政部")
    assert first.leads == ("Agency/国家发展改革委",)
    assert doc.text[first.span.start:first.span.end].startswith("（国家发展改革委、工业和信息化部")


def test_lead_pattern_names_lead_and_partners(doc_factory):
    doc, passages = doc_factory(TEXT)
    second = assignments(doc)[1]
    assert second.leads == ("Agency/公安部",)
    assert set(second.agencies) == {"Agency/公安部", "Agency/国家网信办", "Agency/司法部"}


def test_agencies_carry_the_document_jurisdiction(doc_factory):
    doc, passages = doc_factory(TEXT)
    agencies = {m.label: m for m in extract_agencies(doc, passages).mentions}
    assert agencies["工业和信息化部"].props["jurisdiction"] == "国家"
    m = agencies["财政部"]
    assert doc.text[m.span.start:m.span.end] == "财政部"
    assert "管理办法" not in " ".join(agencies)  # 办法 is not 办


def test_municipal_abbreviation_is_kept_as_written_with_its_city(doc_factory):
    doc, passages = doc_factory("东海市推进会\n\n会议由市发展改革委牵头，市财政局配合。")
    agencies = {m.label: m for m in extract_agencies(doc, passages).mentions}
    assert agencies["市发展改革委"].props["jurisdiction"] == "东海市"
    assert "国家发展改革委" not in agencies


def test_extract_document_links_tasks_to_their_agencies(doc_factory):
    doc, passages = doc_factory(TEXT)
    out = extract_document(doc, passages)
    rels = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert ("Task/建设统一政务云平台", "leadAgency", "Agency/国家发展改革委") in rels
    assert ("Task/建设统一政务云平台", "responsibleAgency", "Agency/财政部") in rels
    assert ("Task/完善数据安全制度", "leadAgency", "Agency/公安部") in rels
    assert ("Task/完善数据安全制度", "responsibleAgency", "Agency/司法部") in rels


def test_no_lead_unless_the_text_declares_one(doc_factory):
    text = ("一、任务\n（一）推进甲。加强甲工作。（教育部、科技部等负责）\n（二）推进乙。加强乙工作。（财政部、商务部牵头负责）\n"
            "（三）推进丙。加强丙工作。（民政部、司法部等负责。列第一位者为牵头单位，下同）\n（四）推进丁。（人社部、财政部等负责）\n")
    doc, passages = doc_factory(text)
    found = assignments(doc)
    assert [a.leads for a in found] == [(), ("Agency/财政部", "Agency/商务部"), ("Agency/民政部",), ("Agency/人社部",)]


def test_lead_marked_inside_the_parenthesis_and_hui_tong(doc_factory):
    text = ("一、任务\n（一）推进甲。加强甲工作。（教育部牵头，科技部、财政部按职责分工负责）\n"
            "（二）推进乙。由民政部会同司法部、财政部制定办法。\n")
    doc, passages = doc_factory(text)
    found = assignments(doc)
    assert found[0].agencies == ("Agency/教育部", "Agency/科技部", "Agency/财政部")
    assert found[0].leads == ("Agency/教育部",)
    assert found[1].leads == ("Agency/民政部",)
    assert set(found[1].agencies) == {"Agency/民政部", "Agency/司法部", "Agency/财政部"}


def test_every_agency_of_a_parenthesis_is_responsible(doc_factory):
    doc, passages = doc_factory("一、任务\n（一）推进甲。（体育总局牵头，发展改革委、财政部等按职责分工负责，各地区参与）\n")
    found = assignments(doc)[0]
    assert found.agencies == ("Agency/体育总局", "Agency/发展改革委", "Agency/财政部")
    assert found.leads == ("Agency/体育总局",)


def test_short_city_government_gets_its_full_name_only(doc_factory):
    doc, passages = doc_factory("东海市人民政府新闻发布会\n\n会议由市政府牵头，市发展改革委配合。")
    agencies = {m.label: m for m in extract_agencies(doc, passages).mentions}
    assert agencies["市政府"].props["full_name"] == "东海市人民政府"
    assert "full_name" not in agencies["市发展改革委"].props


def test_a_role_in_a_task_is_no_agency_name():
    """牵头单位 and 责任单位 name a role (各牵头单位于2月29日前报送…), never a body a question could be linked to."""
    from kg.extract.agencies import is_agency_name

    for word in ("牵头单位", "责任单位", "配合单位", "成员单位", "牵头部门"):
        assert not is_agency_name(word), word
    for word in ("省发展改革委", "区发改局", "市场监管总局"):
        assert is_agency_name(word), word


def test_words_of_a_clause_caught_with_a_bodys_name_make_no_body(doc_factory):
    from kg.extract.agencies import extract_agencies

    text = ("按程序建立省、市、县三级党委、政府领导机制。研究设立发展指标，纳入各市政府考核。\n"
            "支持省内重点头部企业与省内外企业联合。由省发展改革委负责。\n")
    doc, passages = doc_factory(text)
    labels = {m.label for m in extract_agencies(doc, passages).mentions}
    assert not labels & {"县三级党委", "纳入各市政府", "省内重点头部"}
    assert "省发展改革委" in labels


def test_a_lead_label_naming_the_assessment_and_a_concept_named_government(doc_factory):
    from kg.extract import extract_document

    text = ("某市数字政府建设考评办法\n一、政务服务\n（一）全面开通全程网办。各级政务服务事项全部开通全程网办。"
            "（5月底完成，牵头考核单位：市审批服务局）\n（二）建设全市数字政府。推进包头市数字政府建设。\n")
    doc, passages = doc_factory(text)
    ext = extract_document(doc, passages, tagger="rules")
    rels = {(r.subject, r.predicate, r.object) for r in ext.relations}
    assert ("Task/全面开通全程网办", "leadAgency", "Agency/市审批服务局") in rels
    labels = {m.label for m in ext.mentions if m.kind == "Agency"}
    assert not any(label.endswith("数字政府") or label.startswith("牵头考核单位") for label in labels)
