"""/ask on a jointly issued text: every issuer of the signature line, in the order the text names them, and the date
written with a circle for zero; on ``ask_texts/joint_measures.txt`` (written for the tests), built for real."""
from __future__ import annotations

from pathlib import Path

import pytest

TEXTS = Path(__file__).parent / "ask_texts"


@pytest.fixture(scope="module")
def joint(build_texts, answerer_of):
    return answerer_of(build_texts("joint", TEXTS.glob("joint_measures.*")))


def test_ask_joint_issuers_in_the_order_the_signature_names_them(joint):
    result = joint.ask("《东海河道治理资金绩效评价暂行办法》是由哪个部门印发的？", k=0)
    assert result.answer == "《东海河道治理资金绩效评价暂行办法》由水利部、财政部印发。"
    assert [s.value for s in result.facts] == ["水利部; 财政部"]  # 水利部 signs first; 财政部 is named first below it


def test_ask_the_issue_date_written_with_a_circle_for_zero(joint):
    result = joint.ask("《东海河道治理资金绩效评价暂行办法》是哪天印发的？", k=0)
    assert [s.value for s in result.facts] == ["2031-05-30"]
