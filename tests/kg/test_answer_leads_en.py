"""English questions about the lead unit of a Chinese-only project, matched word by word through CC-CEDICT (the text has
no English counterpart, and the machine-made labels, "Banking high level talent exploit item", share too few words with
how people ask). On ``ask_texts/talent_projects.txt``, written for the tests and built for real."""
from __future__ import annotations

from pathlib import Path

import pytest

TEXTS = Path(__file__).parent / "ask_texts"


@pytest.fixture(scope="module")
def answerer(build_texts, answerer_of):
    return answerer_of(build_texts("leads_en", TEXTS.glob("talent_projects.*")))


@pytest.mark.parametrize("q, lead", [
    ("Who is the lead unit for Nanchuan's senior financial talent development project?", "市金融办"),
    ("Which department leads the rural practical talent training project?", "市农业局"),
    ("Which body leads the outstanding young talent support project?", "团市委")])
def test_leads_en_an_english_question_finds_the_chinese_project_and_its_lead(answerer, q, lead):
    found = answerer.ask(q, "en")
    assert found.answer is not None, q
    assert found.facts[0].value.split("; ")[0] == lead


def test_leads_en_a_project_the_text_does_not_have_gets_no_answer(answerer):
    assert answerer.ask("Which department leads the port logistics training project?", "en").answer is None


def test_leads_en_the_chinese_question_is_answered_as_before(answerer):
    found = answerer.ask("农村实用人才培养项目由哪个单位牵头？", "zh")
    assert found.answer == "农村实用人才培养项目由市农业局牵头，市科协参与。"
