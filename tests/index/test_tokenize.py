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


def test_tokenize_all_gives_each_text_its_own_tokens_once_per_distinct_text():
    from index.builder import tokenize_all
    from index.tokenize import Tokenizer

    class Counting(Tokenizer):
        calls = 0

        def __call__(self, text):
            Counting.calls += 1
            return super().__call__(text)

    texts = ["到2025年，全市建成充电桩10000个以上", "The city will build 2,000 charging piles", "到2025年，全市建成充电桩10000个以上",
             "市发展改革委牵头负责", "The city will build 2,000 charging piles"]
    plain, counting = Tokenizer(["充电桩"]), Counting(["充电桩"])
    got = tokenize_all(counting, texts)
    assert got == [plain(t) for t in texts] and Counting.calls == 3 and all(got)
    got[0].append("changed")  # each text's list is its own
    assert "changed" not in got[2]
