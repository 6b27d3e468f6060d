"""/ask on what a plan says was achieved in a year (2020年末，A提高到p，B和C分别为q和r，D达到s), in Chinese and in
English through the bilingual dictionary; on ``ask_texts/health_plan.txt`` (written for the tests), built for real."""
from __future__ import annotations

from decimal import Decimal
import pytest

from kg.answer.facts import Fact
from kg.answer.phrasing import dictionary_phrase
from tests.kg.conftest import value

@pytest.fixture
def health(two_plans):
    return two_plans  # conftest.py: health_plan with farm_plan


def test_ask_an_achievement_answers_the_year_that_opens_its_sentence(health):
    assert value(health.ask("2020年末全县居民健康素养水平达到多少？", k=0)) == Decimal("28.5")
    assert value(health.ask("到2025年全县居民健康素养水平要达到多少？", k=0)) == Decimal(35)
    assert value(health.ask("5岁以下儿童死亡率是多少？", k=0)) == Decimal("2.4")


def test_ask_an_achievement_of_another_year_is_null(health):
    for q in ("2019年末全县居民健康素养水平达到多少？", "What was the infant mortality rate in Linjiang County in 2019?"):
        result = health.ask(q, k=0)
        assert result.answer is None and result.facts == [], (q, result.answer)


def test_ask_english_rate_and_life_expectancy_of_a_chinese_only_plan(health):
    infant = health.ask("What was the infant mortality rate in Linjiang County in 2020?", k=0)
    assert value(infant) == Decimal("1.2") and infant.answer.startswith("婴儿死亡率 1.2‰: 1.2‰ ")
    assert "bilingual dictionary" in infant.answer
    assert value(health.ask("What was the average life expectancy in Linjiang at the end of 2020?", k=0)) == Decimal("81.6")


def test_phrase_a_symbol_unit_is_never_made_plural():
    fact = Fact("f", "Indicator", Decimal("30"), "km", labels={"zh": "新建道路30公里"})
    assert dictionary_phrase(fact, "en").startswith("新建道路30公里: 30 km ")


def test_ask_words_of_the_title_alone_match_no_fact_of_the_document(health):
    for q in ("What is the document number of the Linjiang health development plan?",
              "How many articles does the Linjiang health development plan contain?"):
        assert health.ask(q, k=0).answer is None, q  # the title names the plan, no number of it
