"""Retrieval quality measured on the evaluation set (the same numbers `nikg eval` prints).

Issue targets: hybrid recall@5 = 1.0 and recall@1 >= 0.9, same- and cross-language. Measured on the
bundled corpus: same-language 0.90 / 1.0, cross-language 0.90 / 1.0. The asserts hold the measured levels so a regression fails the suite.
"""
from __future__ import annotations

import pytest

from index.evaluate import EVAL_SET, evaluate, load_questions
from kg.names import has_cjk


@pytest.fixture(scope="module")
def rows(search_index):
    return {(r["setting"], r["mode"]): r for r in evaluate(search_index, load_questions())}


def test_the_evaluation_set_is_bilingual_paraphrased_and_answerable(search_index):
    questions = load_questions()
    assert len(questions) >= 60
    assert sum(q.lang == "zh" for q in questions) == sum(q.lang == "en" for q in questions)
    assert all(has_cjk(q.question) == (q.lang == "zh") for q in questions)
    assert sum(q.paraphrased for q in questions) >= 45
    texts = {lang: [d.text for d in search_index.docs if d.lang == lang] for lang in ("zh", "en")}
    for q in questions:  # every answer is a real span of exactly one passage in each language
        for lang in ("zh", "en"):
            assert all(sum(a in t for t in texts[lang]) == 1 for a in q.answers[lang]), (q.id, lang)


@pytest.mark.parametrize("setting", ["same-language", "cross-language"])
def test_hybrid_meets_the_quality_bar(rows, setting):
    hybrid = rows[(setting, "hybrid (default)")]
    assert hybrid["recall@1"] >= 0.9
    assert hybrid["recall@5"] == 1.0


@pytest.mark.parametrize("setting", ["same-language", "cross-language"])
def test_hybrid_beats_each_single_mode(rows, setting):
    hybrid = rows[(setting, "hybrid (default)")]
    for mode in ("dense", "keyword"):
        assert hybrid["mrr"] > rows[(setting, mode)]["mrr"]
    assert hybrid["mrr"] >= rows[(setting, "hybrid: RRF d+k")]["mrr"]


def test_keyword_alone_cannot_cross_languages(rows):
    assert rows[("cross-language", "keyword")]["recall@5"] < 0.3  # why alignment and dense are needed


HELDOUT = EVAL_SET.parent / "eval_heldout.jsonl"


def test_the_heldout_set_is_bilingual_new_and_answerable(search_index):
    held, main = load_questions(HELDOUT), load_questions()
    assert len(held) >= 20 and sum(q.lang == "zh" for q in held) == sum(q.lang == "en" for q in held)
    assert not {q.question for q in held} & {q.question for q in main}
    texts = {lang: [d.text for d in search_index.docs if d.lang == lang] for lang in ("zh", "en")}
    for q in held:
        for lang in ("zh", "en"):
            assert all(sum(a in t for t in texts[lang]) == 1 for a in q.answers[lang]), (q.id, lang)


def test_heldout_numbers_hold_their_measured_levels(search_index):
    """Held-out hybrid (never used to choose a setting): same-language 0.542 / 0.917, cross-language 0.458 / 0.792."""
    rows = {(r["setting"], r["mode"]): r for r in evaluate(search_index, load_questions(HELDOUT))}
    assert rows[("same-language", "hybrid (default)")]["recall@5"] >= 0.9
    assert rows[("cross-language", "hybrid (default)")]["recall@5"] >= 0.79
