"""kg.names: normalisation, pinyin keys and calibrated name/prefix similarity."""
from __future__ import annotations

import pytest

from kg.names import edit_similarity, has_cjk, name_score, normalize, pinyin_keys, prefix_score, tokens


def test_normalize_folds_width_case_and_punctuation():
    assert normalize("ＮＤＲＣ") == normalize("ndrc") == normalize("N.D.R.C.") == "ndrc"
    assert normalize("《行动方案》") == "行动方案"
    assert normalize("R&D Centre") == normalize("r and d centre")
    assert normalize(" ") == ""


def test_tokens_split_words_after_folding():
    assert tokens("Shanghai  Development-and-Reform") == ("shanghai", "development", "and", "reform")


def test_pinyin_keys_give_full_pinyin_and_initials():
    assert pinyin_keys("新基建") == ("xinjijian", "xjj")
    assert pinyin_keys("5G网络") == ("5gwangluo", "5gwl")
    assert pinyin_keys("NDRC") == ("", "")


def test_american_spelling_of_british_words():
    from kg.names import american_spelling

    pairs = {"utilisation": "utilization", "organised": "organized", "centre": "center", "labour": "labor",
             "favourable": "favorable"}
    assert {w: american_spelling(w) for w in pairs} == pairs
    assert [american_spelling(w) for w in ("hours", "raise", "four", "theatre"[:5])] == ["hours", "raise", "four", "theat"]


def test_has_cjk():
    assert has_cjk("5G网络") and not has_cjk("5G network")


def test_edit_similarity_bounds():
    assert edit_similarity("abc", "abc") == 1.0
    assert edit_similarity("", "abc") == 0.0
    assert edit_similarity("kitten", "sitting") == pytest.approx(1 - 3 / 7)


def test_name_score_identical_after_normalisation_is_one():
    assert name_score("ｎｄｒｃ", "NDRC") == 1.0
    assert name_score("新基建", "新基建") == 1.0


def test_name_score_pinyin_of_chinese_name():
    assert name_score("xinjijian", "新基建") == 0.95
    assert name_score("xin ji jian", "新基建") == 0.95
    assert name_score("Ma Chunlei", "马春雷") == 0.95
    assert name_score("xjj", "新基建") == 0.8


def test_name_score_orders_evidence_sensibly():
    typo = name_score("Shanghai Developmnet and Reform Commission", "Shanghai Development and Reform Commission")
    contained = name_score("充电桩", "电动汽车智能充电桩")
    abbreviation = name_score("发改委", "市发展改革委")
    unrelated = name_score("新网络", "新设施")
    assert 0.9 <= typo < 1.0
    assert 0.55 <= contained < 0.9
    assert 0.5 <= abbreviation < 0.8
    assert unrelated < 0.5
    assert name_score("Reform Commission Shanghai Development and", "Shanghai Development and Reform Commission") == 0.96


def test_name_score_empty_is_zero():
    assert name_score("", "新基建") == 0.0
    assert name_score("、、", "新基建") == 0.0


def test_prefix_score_zh_en_and_pinyin():
    assert prefix_score("新基建", "新基建") == 1.0
    assert 0.8 < prefix_score("新基", "新基建") < 1.0
    assert 0.7 <= prefix_score("xinji", "新基建") < 0.9
    assert prefix_score("xjj", "新基建") == 0.65
    assert prefix_score("reform", "Shanghai Development and Reform Commission") == 0.6
    assert prefix_score("发改", "市发展改革委") == 0.4
    assert prefix_score("zzz", "新基建") == 0.0
    # a prefix of the name itself beats one of its pinyin, which beats a later word
    assert prefix_score("shang", "Shanghai") > prefix_score("xinji", "新基建") > prefix_score("reform", "Shanghai Reform")


@pytest.mark.parametrize("question, words", [
    ("How many households did Gu'an's safety net cover?", ["guan"]),  # an apostrophe inside the name
    ("What is Fujian's target under its 14th Five-Year Plan?", ["fujian"]),  # Five-Year is English
    ("How much will China's output reach in Xi'an?", ["xian"]),
])
def test_pinyin_words_are_the_place_names_a_question_writes_in_pinyin(question, words):
    from kg.names import pinyin_words

    assert pinyin_words(question) == words
