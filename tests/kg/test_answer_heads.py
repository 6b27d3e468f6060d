"""Who delivered a government work report, asked in English: the head of the reporting government, whom the report's
signature line names by title alone (代理县长 张明远). On ``ask_texts/acting_report.txt``, written for the tests and
built for real; 长丰 is Changfeng (长 read chang in a place name, not zhang as in 县长)."""
from __future__ import annotations

from pathlib import Path

import pytest

TEXTS = Path(__file__).parent / "ask_texts"


@pytest.fixture(scope="module")
def report(build_texts, answerer_of):
    return answerer_of(build_texts("acting", TEXTS.glob("acting_report.*")))


@pytest.mark.parametrize("q", ["Who delivered Changfeng county's 2025 government work report?",
                               "Who presented the government work report at Changfeng county's people's congress?",
                               "Who is the acting county head of Changfeng?"])
def test_heads_the_reporting_governments_head_delivered_the_report(report, q):
    found = report.ask(q)
    assert found.answer is not None, q
    assert found.answer.count("Zhang Mingyuan (张明远)") == 1  # 代理县长 and 县长 in the text: one person
    assert "长丰县人民政府" in found.answer


def test_heads_a_report_of_a_county_no_document_names_gets_no_answer(report):
    assert report.ask("Who delivered Fengqiu county's 2025 government work report?").answer is None


def test_heads_an_organisation_is_found_by_its_place_name_in_pinyin():
    from kg.answer.roles_en import organisation

    names = {"a": "隆回县人民政府", "b": "县人民政府", "c": "甘谷县人民政府"}
    assert organisation("Who delivered Longhui county's report?", names, {}) == "a"
    assert organisation("Who delivered Quanshan county's report?", names, {}) is None  # no body spells Quanshan


def test_heads_the_years_reviewed_are_no_targets_of_the_report(report):
    found = report.ask("长丰县2025年计划新建农村公路多少公里？")
    assert found.answer is not None
    assert "150公里" in found.answer  # 2024年工作回顾's 120公里 is what was done, not the plan


@pytest.mark.parametrize("q", ["长丰县2025年政府工作报告是哪天在县人代会上作的？", "长丰县第十八届人民代表大会第五次会议是哪天召开的？",
                               "On what date did Changfeng county's people's congress session open?"])
def test_heads_the_day_of_the_congress_session_the_report_was_delivered_at(report, q):
    found = report.ask(q)
    assert found.answer is not None and [s.value for s in found.facts] == ["2025-01-08"], (q, found.answer)


def test_heads_a_congress_question_about_another_county_gets_no_date(report):
    assert report.ask("封丘县政府工作报告是哪天在县人代会上作的？").answer is None
