"""/ask on a jointly issued text: every issuer of the signature line, in the order the text names them, and the date
written with a circle for zero; and the year of issue a document number states; on ``ask_texts/joint_measures.txt``
and ``numbered_opinion.txt`` (written for the tests), built for real; and a count read off the passages for the thing
a question counts."""
from __future__ import annotations

import pytest


@pytest.fixture
def joint(two_notices):
    return two_notices  # conftest.py: joint_measures with numbered_opinion


def test_ask_joint_issuers_in_the_order_the_signature_names_them(joint):
    result = joint.ask("《东海河道治理资金绩效评价暂行办法》是由哪个部门印发的？", k=0)
    assert result.answer == "《东海河道治理资金绩效评价暂行办法》由水利部、财政部印发。"
    assert [s.value for s in result.facts] == ["水利部; 财政部"]  # 水利部 signs first; 财政部 is named first below it


def test_ask_the_issue_date_written_with_a_circle_for_zero(joint):
    result = joint.ask("《东海河道治理资金绩效评价暂行办法》是哪天印发的？", k=0)
    assert [s.value for s in result.facts] == ["2031-05-30"]


@pytest.fixture
def numbered(two_notices):
    """numbered_opinion: a text with a document number and no date of issue (and no sidecar)."""
    return two_notices


def test_ask_the_year_of_issue_from_the_document_number(numbered):
    result = numbered.ask("国务院关于推动东海经济带高质量发展的意见是哪一年印发的？", k=0)
    assert result.answer == "《国务院关于推动东海经济带高质量发展的意见》于2031年印发（文号国发〔2031〕16号）。"
    assert [s.value for s in result.facts] == ["2031"]
    assert numbered.ask("国务院关于推动东海经济带高质量发展的意见是哪天印发的？", k=0).answer is None  # the day is not stated


def test_read_the_count_said_of_the_thing_asked(numbered):
    result = numbered.ask("该意见要求东海经济带在建设几个“基地”上展现新作为？")
    assert result.answer.startswith("三个") and [f.value for f in result.facts] == [3]  # not 两个中心 or 一个枢纽


@pytest.mark.parametrize("q", ["和水利部一起联合印发《东海河道治理资金绩效评价暂行办法》的是哪个部门？",
                               "《东海河道治理资金绩效评价暂行办法》的发布机构是哪个？"])
def test_ask_the_issuer_in_other_words_and_the_one_the_question_does_not_name(joint, q):
    result = joint.ask(q, k=0)
    assert result.kind == "which" and [s.value for s in result.facts] == [
        "财政部" if q.startswith("和水利部") else "水利部; 财政部"]


def test_ask_a_question_in_traditional_script(joint):
    result = joint.ask("《東海河道治理資金績效評價暫行辦法》是哪天印發的？", k=0)
    assert [s.value for s in result.facts] == ["2031-05-30"] and result.question.startswith("《东海")
