"""kg.answer.contradictions: a target without a year of its own is for the one year its document's title names; a
question asking a size is never answered with a share or a rate."""
from __future__ import annotations

from decimal import Decimal

from kg.answer.contradictions import Contradictions, unit_fits
from kg.answer.facts import Fact

P = "https://w3id.org/nikg/id/passage/d/p001s01"


def _checks(text: str = "2.社会消费品零售总额增长5%以上。（区商务局主办）") -> Contradictions:
    return Contradictions.from_json({"texts": {P: text}, "ends": {}, "headed": {}})


def _target(title: str, unit: str = "%") -> Fact:
    return Fact("f", "Target", Decimal(5), unit, "AtLeast", labels={"zh": "社会消费品零售总额增长5%以上"}, evidence=[P],
                documents=[title])


def test_a_target_without_a_year_is_for_the_year_its_title_names():
    checks = _checks()
    fact = _target("区政府关于印发2025年区政府主要工作目标任务分解落实方案的通知")
    assert checks.year_fits("鼓楼区2025年社会消费品零售总额要增长多少？", fact)
    assert not checks.year_fits("鼓楼区2026年社会消费品零售总额要增长多少？", fact)


def test_a_title_naming_a_period_gives_no_year_to_its_targets():
    fact = _target("推动制造业高质量发展三年行动计划（2023-2025年）")
    assert not _checks().year_fits("2023年社会消费品零售总额要增长多少？", fact)


def test_a_size_is_never_a_share_or_a_rate():
    share, amount = _target("t"), _target("t", unit="CNY")
    assert not unit_fits("How big should Shanghai's industrial value added be by 2025?", share)
    assert unit_fits("How big should Shanghai's industrial value added be by 2025?", amount)
    assert unit_fits("规模以上工业增加值要增长多少？", share)  # a growth rate is asked
    assert not unit_fits("产业规模要达到多大？", share)
    assert unit_fits("规模以上工业企业研发经费投入强度要达到多少？", share)  # 规模以上: a class of firms, no size
    assert unit_fits("How large a share of firms should use cloud services?", share)


def test_a_growth_of_a_size_is_a_rate_that_no_sum_of_money_answers():
    from kg.answer.question import classify

    growth, size = classify("潞州区2022年地区生产总值增长多少？"), classify("潞州区2022年地区生产总值是多少？")
    assert not growth.fits(is_money=True) and growth.fits(is_money=False)  # 602.5亿元 is no growth
    assert size.fits(is_money=True)  # a size: money or a count
    assert not classify("What was the growth of Luzhou's GDP in 2022?").fits(is_money=True)
