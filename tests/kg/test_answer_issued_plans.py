"""/ask on a letter that issues an emergency plan (ask_texts/oilspill_letter.txt, written for the tests), on a real
build: the plan names the letter whose date and number are asked (kg/answer/issued.py), and each member unit's duty
in the plan's numbered list is its own item (kg/extract/structure.py), so the agency asked is that one."""
from pathlib import Path

import pytest

TEXTS = Path(__file__).parent / "ask_texts"


@pytest.fixture(scope="module")
def oilspill(build_texts, answerer_of):
    return answerer_of(build_texts("oilspill", TEXTS.glob("oilspill_letter.*")))


def test_ask_when_a_plan_was_issued_names_the_letter_that_issues_it(oilspill):
    when = oilspill.ask("国家海上溢油应急预案是什么时候印发的？", k=0)
    assert when.facts and when.facts[0].value == "2031-06-01"
    assert when.answer == "《国务院办公厅关于印发国家海上溢油应急预案的函》于2031年6月1日印发。"
    number = oilspill.ask("国家海上溢油应急预案的文号是什么？", k=0)
    assert number.facts and number.facts[0].value == "国办函〔2031〕8号"


def test_ask_which_member_unit_does_a_duty_of_the_plans_list(oilspill):
    police = oilspill.ask("哪个部门负责维护事发海域周边的治安秩序？", k=0)
    assert [f.value for f in police.facts] == ["公安部"]  # not the whole 指挥部's members
    assert oilspill.ask("哪个部门负责监测海洋环境污染状况？", k=0).facts[0].value == "生态环境部"


def test_a_title_quoting_a_name_is_named_without_the_quotes():
    """关于印发“无油海湾”建设试点方案的通知 is named by 无油海湾建设试点方案 too (quotes folded away)."""
    import pyoxigraph as ox

    from kg.answer.issued import IssueDates

    store = ox.Store()
    store.load("""@prefix nikg: <https://w3id.org/nikg/ontology#> . @prefix dcterms: <http://purl.org/dc/terms/> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <https://w3id.org/nikg/id/document/bay> a nikg:Document ; dcterms:issued "2031-04-02"^^xsd:date ;
        dcterms:title "某省人民政府办公厅关于印发“无油海湾”建设试点方案的通知"@zh .""".encode("utf-8"), ox.RdfFormat.TURTLE)
    for q in ("无油海湾建设试点方案是哪天印发的？", "“无油海湾”建设试点方案是哪天印发的？"):
        text, statements = IssueDates(store).answer(q, "zh")
        assert statements[0].value == "2031-04-02" and text.endswith("于2031年4月2日印发。")


def test_the_number_of_the_document_a_notice_ends_is_read_not_the_notices_own():
    """…印发后停止执行的原通知文号: 《…》（某政办发〔2029〕5号）停止执行, never the notice's own number it was asked with."""
    import pyoxigraph as ox

    from kg.answer.issued import IssueDates

    store = ox.Store()
    store.load("""@prefix nikg: <https://w3id.org/nikg/ontology#> . @prefix dcterms: <http://purl.org/dc/terms/> .
    <https://w3id.org/nikg/id/document/new> a nikg:Document ; nikg:documentNumber "某政办发〔2031〕12号" ;
        dcterms:title "某省人民政府办公厅关于进一步加强海岛供水保障的通知"@zh .
    <https://w3id.org/nikg/id/passage/new/p009s01> a nikg:Passage ; dcterms:isPartOf <https://w3id.org/nikg/id/document/new> ;
        nikg:text "自本通知印发之日起，《某省人民政府办公厅关于加强海岛供水保障的通知》（某政办发〔2029〕5号）停止执行。"@zh .
    """.encode("utf-8"), ox.RdfFormat.TURTLE)
    text, statements = IssueDates(store).answer("某政办发〔2031〕12号印发后停止执行的原通知文号是什么？", "zh")
    assert statements[0].value == "某政办发〔2029〕5号" and statements[0].evidence[0].endswith("new/p009s01")
    assert text == "《某省人民政府办公厅关于加强海岛供水保障的通知》（某政办发〔2029〕5号）停止执行。"
    assert IssueDates(store).answer("某政办发〔2031〕12号的文号是什么？", "zh") is None  # the number it was asked with


def test_a_document_is_named_by_a_run_of_its_title_only_it_has():
    """青山县地质灾害险情复函: eight characters in a row of one title (not 国务院办公厅关于…的复函, which many have)."""
    import pyoxigraph as ox

    from kg.answer.issued import CUE, IssueDates

    store = ox.Store()
    store.load("""@prefix nikg: <https://w3id.org/nikg/ontology#> . @prefix dcterms: <http://purl.org/dc/terms/> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <https://w3id.org/nikg/id/document/a> a nikg:Document ; dcterms:issued "2031-09-23"^^xsd:date ;
        dcterms:title "某省人民政府办公厅关于青山县地质灾害险情有关问题的复函"@zh .
    <https://w3id.org/nikg/id/document/b> a nikg:Document ; dcterms:issued "2031-10-08"^^xsd:date ;
        dcterms:title "某省人民政府办公厅关于青山县地质灾害防治资金有关问题的复函"@zh .""".encode("utf-8"), ox.RdfFormat.TURTLE)
    dates = IssueDates(store)
    assert dates.answer("青山县地质灾害险情复函是哪天印发的？", "zh")[1][0].value == "2031-09-23"
    assert dates.answer("青山县地质灾害防治资金的复函是哪天印发的？", "zh")[1][0].value == "2031-10-08"
    assert dates.answer("青山县地质灾害的复函是哪天印发的？", "zh") is None  # both titles have that run
    assert not CUE.search("新闻发布会是哪天召开的")  # a press conference (发布会) is no document issued


def test_who_issued_a_document_is_its_publisher(oilspill):
    """谁印发的 / 发文机关: the body that issued the letter (dcterms:publisher), not a body the plan names."""
    answer = oilspill.ask("国家海上溢油应急预案是谁印发的？", k=0)
    assert answer.kind == "which" and answer.answer == "《国务院办公厅关于印发国家海上溢油应急预案的函》由国务院办公厅印发。"
    assert oilspill.ask("国家海上溢油应急预案的发文机关是哪个？", k=0).facts[0].value == "国务院办公厅"
