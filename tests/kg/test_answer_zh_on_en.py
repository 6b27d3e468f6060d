"""Chinese questions about the numbers of an English-only text, matched word by word through CC-CEDICT (the mirror of
English questions about Chinese-only facts). On ``ask_texts/green_fund_en.txt``, written for the tests and built for real."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

TEXTS = Path(__file__).parent / "ask_texts"


@pytest.fixture(scope="module")
def answerer(build_texts, answerer_of):
    return answerer_of(build_texts("zh_on_en", TEXTS.glob("green_fund_en.*")))


@pytest.mark.parametrize("q, value", [("国家基金由中央政府出资多少？", Decimal("80000000000")),
                                      ("三只区域绿色引导基金总规模预计超过多少", Decimal("30000000000"))])
def test_zh_on_en_a_chinese_question_finds_the_english_fact(answerer, q, value):
    found = answerer.ask(q, "zh")
    assert found.answer is not None, q
    assert found.facts[0].value == value
    assert "原文为英文" in found.answer  # said to be matched through the dictionary


def test_zh_on_en_a_question_the_text_does_not_answer_gets_none(answerer):
    assert answerer.ask("国家绿色引导基金存续期多少年？", "zh").answer is None  # a duration: no sum of money answers it
