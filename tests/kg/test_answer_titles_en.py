"""/ask names a Chinese-only document from an English question: by the title's words through the bilingual
dictionary, else by the encoder's similarity of the question's subject words to the titles (kg.answer.issued);
on two texts written for the tests (``ask_texts/health_plan``, ``farm_plan``), built for real with their search index."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.answer.issued import _subject

TEXTS = Path(__file__).parent / "ask_texts"
HEALTH = "https://w3id.org/nikg/id/document/health_plan"


@pytest.fixture(scope="module")
def two_plans(build_texts, answerer_of):
    settings = build_texts("two_plans", [*TEXTS.glob("health_plan.*"), *TEXTS.glob("farm_plan.*")])
    return answerer_of(settings, search=True)


def test_issued_a_title_the_dictionary_misses_is_named_by_the_encoder(two_plans):
    q = "When was the Linjiang plan for medical care and wellbeing in the 14th five-year period issued?"
    glossary = two_plans.crosslingual.glossary
    assert two_plans.issued.named(q, glossary) == []  # 卫生健康发展规划: no word of it rendered
    assert two_plans.issued.named(q, glossary, None, two_plans.search.similarities) == [HEALTH]
    result = two_plans.ask(q)
    assert result.answer == "“临江县“十四五”卫生健康发展规划” was issued on 1 March 2022."
    assert [s.value for s in result.facts] == ["2022-03-01"]


def test_issued_a_subject_no_title_has_is_null(two_plans):
    for q in ("When was the Linjiang plan on coal mining issued?", "Which body issued the county's plan on doctors and public wellness?"):
        result = two_plans.ask(q)
        assert result.answer is None and result.facts == [], (q, result.answer)


def test_issued_subject_words_leave_the_question_frame_out():
    assert _subject("Which government body issued Shanxi's implementation plan on raising incomes?") == \
        "Shanxi's raising incomes"
    assert _subject("When was it issued?") == "When was it issued?"  # nothing left: the question as it is
