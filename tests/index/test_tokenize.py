"""Keyword tokenizers: jieba search mode with the user dictionary, English stop words, shared numbers."""
from __future__ import annotations

import pytest

from index.tokenize import ALWAYS_WORDS, Tokenizer, detect_lang


@pytest.fixture(scope="module")
def tokenizer():
    return Tokenizer(["公共数字底座"])


@pytest.mark.parametrize("text,word", [
    ("建设政务服务“一网通办”和社会治理“一网统管”基础支撑平台", "一网通办"),
    ("新建10万个电动汽车智能充电桩", "充电桩"),
    ("探索建设临港新片区互联设施体系", "临港新片区"),
])
def test_domain_words_stay_whole(tokenizer, text, word):
    assert word in tokenizer(text)


def test_graph_labels_extend_the_user_dictionary(tokenizer):
    text = "率先建成具有国际影响力的超大规模城市公共数字底座"
    assert "公共数字底座" in tokenizer(text)
    assert "公共数字底座" not in Tokenizer()(text)
    assert set(ALWAYS_WORDS) <= set(tokenizer.user_words)


def test_english_is_lowercased_stemmed_and_free_of_stop_words(tokenizer):
    tokens = tokenizer("How many EV Chargers will Shanghai's districts build?")
    assert tokens == ["ev", "charger", "shanghai", "district", "build"]


def test_numbers_are_one_token_in_both_languages(tokenizer):
    assert "120000" in tokenizer("目前互联网数据中心已建机架数超过12万个")
    assert "120000" in tokenizer("the Internet data center has built more than 120,000 racks")
    assert "270000000000" in tokenizer("预计总投资约2700亿元")
    assert "270000000000" in tokenizer("a total investment of about 270 billion yuan")
    assert "5g" in tokenizer("已实现全市16个区5G网络连续覆盖")  # 5G is a word, not the number 5


def test_language_detection():
    assert detect_lang("充电桩 EV") == "zh" and detect_lang("charging piles") == "en"
