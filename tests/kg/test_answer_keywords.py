"""Numbers asked the way people type them: keywords with no question word (示范县小学数量), a growth of money asked
as a rate (固定资产投资增长多少), the year a work report's paragraph or heading gives (2024年，…; 二、2025年主要目标),
a count whose label carries a note in brackets, and the one fact that says no more than the question asks among
tied ones. On ``ask_texts/county_report.txt``, written for the tests and built for real."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kg.answer import classify
from tests.kg.conftest import value

TEXTS = Path(__file__).parent / "ask_texts"


@pytest.fixture(scope="module")
def county_build(build_texts):
    return build_texts("county", TEXTS.glob("county_report.*"))


@pytest.fixture(scope="module")
def county(county_build, answerer_of):
    return answerer_of(county_build)


@pytest.fixture(scope="module")
def county_read(county_build, answerer_of):
    """With the search index: numbers are also read off the passages (reader.py, dense.py)."""
    return answerer_of(county_build, search=True)


@pytest.mark.parametrize("q,kind", [("示范县小学数量", "count"), ("汉滨区去年规上工业增加值增长", "count"),
                                    ("suzhou online sales of farm products target", "count"),
                                    ("龙华区2024年固定资产投资增长多少?", "count"), ("How much did investment grow?", "count"),
                                    ("固定资产投资增长多少亿元", "amount"), ("第一批重大项目预计总投资多少？", "amount"),
                                    ("新基建的主要任务", "other"), ("What is the plan about?", "other"),
                                    ("What was Jiaxing's GDP in 2024?", "count"),
                                    ("What GDP growth did Changfeng county expect for 2024?", "count")])
def test_keywords_naming_a_measure_and_growth_of_money_ask_a_number(q, kind):
    assert classify(q).kind == kind


def test_keywords_a_question_about_gdp_is_answered_in_money_or_as_a_rate():
    assert classify("What was Jiaxing's GDP in 2024?").fits(True) and classify("嘉兴地区生产总值是多少").fits(True)
    assert classify("What GDP growth did Changfeng county expect?").fits(False)


def test_keywords_with_no_question_word_are_answered(county):
    assert value(county.ask("示范县小学数量", k=0)) == Decimal(60)


def test_growth_of_investment_is_a_rate_in_the_year_of_its_paragraph(county):
    """2024年 opens the paragraph of the figures; the 2025 targets stand under a heading naming 2025."""
    assert value(county.ask("示范县2024年固定资产投资增长多少？", k=0)) == Decimal("8.2")
    assert value(county.ask("示范县2024年地区生产总值增长多少？", k=0)) == Decimal("6.5")
    assert value(county.ask("示范县2025年固定资产投资增长目标", k=0)) == Decimal(7)
    assert county.ask("示范县2023年固定资产投资增长多少？", k=0).answer is None


def test_a_note_in_brackets_is_not_what_is_counted(county):
    assert value(county.ask("示范县现有多少所幼儿园？", k=0)) == Decimal(45)


def test_the_fact_saying_no_more_than_asked_breaks_a_tie(county):
    """专任教师5200人 against 小学专任教师2100人 and 初中专任教师1500人: all cover 专任教师."""
    assert value(county.ask("示范县专任教师多少人？", k=0)) == Decimal(5200)
    assert value(county.ask("示范县小学专任教师多少人？", k=0)) == Decimal(2100)


def test_english_gdp_growth_through_the_dictionary(county):
    """CC-CEDICT gives 生产总值 as "gross domestic production (GDP)" and 增长 as "to grow": growth is looked up as grow."""
    for q in ("How much did Shifan county's GDP grow in 2024?", "What was the GDP growth of Shifan County in 2024?"):
        assert value(county.ask(q, k=0)) == Decimal("6.5"), q


def test_a_number_in_another_unit_than_asked_is_no_answer_however_found(county, county_read):
    for answerer in (county, county_read):
        assert value(answerer.ask("示范县盘活低效闲置土地多少亩？")) == Decimal(1038)
        assert answerer.ask("示范县盘活低效闲置土地多少吨？").answer is None
        assert answerer.ask("示范县盘活低效闲置土地多少公顷？").answer is None


def test_a_place_name_inside_another_word_is_not_the_place(county):
    """青山区 is named by no text: 青山 of 绿水青山 is no mention of it."""
    assert county.ask("青山区2024年地区生产总值增长多少？", k=0).answer is None
