"""/ask on a portal page's copy (``ask_texts/eldercare_page.txt``, written for the tests): its indicator table's
targets and baselines, the issuer its metadata table names, the document it was made to implement; built for real."""
from __future__ import annotations

from decimal import Decimal

import pytest

from kg.answer.question import COUNT, classify
from tests.kg.conftest import value


@pytest.fixture
def page(page_and_plan):
    return page_and_plan  # conftest.py: eldercare_page with farm_plan


def test_ask_a_target_of_an_indicator_table(page):
    assert value(page.ask("西岭区到2025年养老机构护理型床位占比要达到多少？")) == Decimal(60)
    assert value(page.ask("西岭区2022年社区养老服务设施覆盖率是多少？")) == Decimal(90)  # the baseline column
    english = page.ask("What life expectancy does Xiling District target for 2025?")
    assert value(english) == Decimal("81.2") and "bilingual dictionary" in english.answer


def test_ask_a_year_the_table_has_no_column_for_is_null(page):
    result = page.ask("西岭区到2030年养老机构护理型床位占比要达到多少？")
    assert result.answer is None and result.facts == []


def test_ask_the_issuer_a_pages_metadata_names_for_a_shortened_title(page):
    result = page.ask("西岭区养老服务“十四五”规划的发布机构是？")
    assert result.answer == "《西岭区养老服务体系建设“十四五”规划（西岭区人民政府门户网站）》由西岭区民政局印发。"


def test_ask_the_document_a_plan_implements(page):
    result = page.ask("西岭区养老服务体系建设规划是为贯彻落实哪份文件制定的？请给出文号。")
    assert value(result) == "东政办发〔2022〕18号" and "《东海省人民政府办公厅关于印发东海省养老服务发展规划的通知》" in result.answer


def test_question_what_measure_does_a_place_target_is_a_count():
    for q in ("What life expectancy does Xiling District target for 2025?", "What share does the plan set for 2025?",
              "What is Xiling's 2025 target for nursing beds?"):
        assert classify(q).kind == COUNT, q
    assert classify("What level of government issued the plan?").kind != COUNT


def test_ask_about_a_place_the_document_never_writes_is_null(page):
    """东岭区 is in no gazetteer and in no text: a question about it gets no answer from 西岭区's table."""
    for q in ("东岭区到2025年养老机构护理型床位占比要达到多少？", "东岭区2022年社区养老服务设施覆盖率是多少？"):
        result = page.ask(q)
        assert result.answer is None and result.facts == [], (q, result.answer)
    assert value(page.ask("西岭区到2025年养老机构护理型床位占比要达到多少？")) == Decimal(60)


def test_ask_the_lead_of_a_task_is_the_lead_alone(page):
    """牵头单位是哪个: the lead is the answer's value (the others are in its text); 由哪些单位负责: all of them."""
    lead = page.ask("“完善居家养老服务”的牵头单位是哪个？")
    assert value(lead) == "区民政局" and "区财政局" in lead.answer
    every = page.ask("完善居家养老服务由哪些单位负责？")
    assert sorted(value(every).split("; ")) == ["区卫生健康局", "区民政局", "区财政局"]
    both = page.ask("“完善居家养老服务”的牵头单位和配合单位分别是哪些？")
    assert sorted(value(both).split("; ")) == ["区卫生健康局", "区民政局", "区财政局"]


def test_ask_words_ending_like_a_place_that_name_none_refuse_nothing(page):
    """每个区, 城市社区: a determiner or a kind of area before the suffix, no place the document must write."""
    from kg.answer.scope import place_words

    assert place_words("每个区到2025年新建多少个养老服务中心？") == []
    assert place_words("城市社区到2025年养老服务设施覆盖率是多少？") == []
    assert place_words("宁波市海曙区到2025年养老服务设施覆盖率是多少？") == ["宁波市", "海曙区"]
    assert value(page.ask("城市社区到2025年社区养老服务设施覆盖率要达到多少？")) == Decimal(100)


def test_ask_a_plans_own_number_when_its_title_says_it_implements_another(page):
    from kg.answer.basis import CUE

    assert not CUE.search("西岭区人民政府关于贯彻落实东海省养老服务发展规划的实施方案的文号是什么？")
    assert not CUE.search("what is the document number of the measures that implement the plan?")
    assert CUE.search("西岭区养老服务体系建设规划是为贯彻落实哪份文件制定的？")


def test_ask_never_answers_with_another_clauses_number(page):
    """护理型床位占比达到60%，养老护理员劳动生产率超过8万元/人: asked 劳动生产率要超过多少 (a count; 生产率 is no rate),
    the clause's number is in yuan and answers no count, and 60% of the clause before is no answer."""
    result = page.ask("西岭区养老护理员劳动生产率要超过多少？")
    assert value(result) != Decimal(60) and (result.answer is None or "8万元" in result.answer), result.answer
