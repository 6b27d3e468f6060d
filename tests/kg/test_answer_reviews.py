"""Answers from a county's work report and a plan's goals: growth said of several indicators respectively, a count of
projects of a size class, which session of a congress, and a target whose year is named once above its items. On
``ask_texts/review_report.txt`` and ``ask_texts/logistics_plan.txt``, written for the tests and built for real."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

TEXTS = Path(__file__).parent / "ask_texts"


@pytest.fixture(scope="module")
def answerer(build_texts, answerer_of):
    files = [*TEXTS.glob("review_report.*"), *TEXTS.glob("logistics_plan.*")]
    return answerer_of(build_texts("reviews", files), search=True)


def _value(found):
    return found.facts[0].value if found.answer is not None and found.facts else None


@pytest.mark.parametrize("q, value", [("西川县社会消费品零售总额同比增长多少？", Decimal("6.5")),
                                      ("西川县规模工业增加值增速", Decimal("9")),
                                      ("西川县地区生产总值同比增长多少", Decimal("5.8"))])
def test_reviews_growth_of_each_indicator_listed_respectively(answerer, q, value):
    assert _value(answerer.ask(q)) == value


def test_reviews_a_count_of_projects_of_a_size_is_the_count_not_the_size(answerer):
    found = answerer.ask("西川县去年引进了几个投资5亿元以上的项目？")
    assert _value(found) == 12, found.answer


def test_reviews_a_session_the_question_numbers_otherwise_has_no_date(answerer):
    assert answerer.ask("西川县第十八届人民代表大会第四次会议什么时候召开").answer is None
    found = answerer.ask("西川县第十八届人民代表大会第三次会议什么时候召开")
    assert found.answer is not None and "2025年1月8日" in found.answer


def test_reviews_a_target_is_due_in_the_year_its_section_names_and_not_another(answerer):
    found = answerer.ask("东川市到2027年A级物流企业要达到几家")
    assert _value(found) == 30, found.answer
    assert answerer.ask("东川市到2025年A级物流企业要达到几家").answer is None  # refused as a fact, not read off the text


def test_reviews_the_year_a_plans_targets_share_answers_when_it_states_no_period(answerer):
    found = answerer.ask("东川市降低物流成本行动方案的主要目标是到哪一年")
    assert found.answer is not None and found.facts[0].value == "2027", found.answer
    assert answerer.ask("西川县的主要目标是到哪一年").answer is None  # the report's targets state no year


def test_reviews_a_session_numbered_in_mixed_digits_and_numerals_is_no_number(answerer):
    from kg.answer.events import ordinals

    assert ordinals("第1十次会议") == {} and ordinals("第十八届人大第4次会议") == {"届": 18, "次": 4}
    assert answerer.ask("西川县第十八届人民代表大会第1十次会议什么时候召开").answer is not None  # read as no number: the one session
