"""Pinyin queries (index/query.py) and heading demotion (index/prior.py) on the real index of the bundled corpus."""
from __future__ import annotations

import pytest

from index.prior import is_heading
from index.query import PinyinVocabulary


@pytest.mark.parametrize("query,chinese", [
    ("chongdianzhuang", "充电桩"),
    ("xinjijian zong touzi", "新基建总投资"),
    ("shuzi luansheng chengshi", "数字孪生城市"),
    ("Chong Dian Zhuang", "充电桩"),
])
def test_pinyin_queries_become_the_chinese_they_spell(search_index, query, chinese):
    assert search_index.rewrite.vocabulary.to_chinese(query) == chinese


@pytest.mark.parametrize("query", ["sea and air hub", "data center", "yuan", "充电桩", "5G", ""])
def test_english_chinese_and_single_syllables_are_not_taken_for_pinyin(search_index, query):
    assert search_index.rewrite.vocabulary.to_chinese(query) is None


def test_the_vocabulary_keeps_the_most_frequent_word_per_reading():
    vocabulary = PinyinVocabulary(["市场", "市场", "时常", "充电桩"])
    assert vocabulary.words["shichang"] == "市场"
    assert vocabulary.to_chinese("shichang chongdianzhuang") == "市场充电桩"
    assert vocabulary.to_chinese("shichangx") is None


@pytest.mark.parametrize("mode", ["hybrid", "keyword", "dense"])
def test_a_pinyin_query_finds_the_chinese_passage_in_every_mode(search_index, mode):
    hits = search_index.search("chongdianzhuang", k=1, lang="zh", mode=mode)
    assert "充电桩" in hits[0].text


def test_pinyin_can_be_switched_off(search_index):
    off = search_index.fusion.but(pinyin=False)
    assert search_index.rewrite("chongdianzhuang", pinyin=False).text == "chongdianzhuang"
    ranked = search_index.ranked("chongdianzhuang", 5, "zh", "keyword", params=off)
    assert ranked == []  # no such keyword in any passage


@pytest.mark.parametrize("text,lang,heading", [
    ("四是推出8项上海版“新基建”重大政策措施。", "zh", True),
    ("1、“新网络”建设行动。", "zh", True),
    ("（一）加强组织领导", "zh", True),
    ("《行动方案》主要内容如下：", "zh", True),
    ("已实现全市16个区5G网络连续覆盖。", "zh", False),
    ("新建10万个电动汽车智能充电桩，建设国内领先的车路协同车联网和智慧道路，探索建设数字孪生城市。", "zh", False),
    ("1. Strengthen organisation", "en", True),
    ("On May 7, a press conference was held in Shanghai.", "en", False),
])
def test_headings_and_lead_sentences_are_recognised(text, lang, heading):
    assert is_heading(text, lang) is heading


def test_english_headings_are_found_through_their_aligned_chinese_heading(search_index):
    flagged = {d.text for d, h in zip(search_index.docs, search_index.headings) if h}
    assert "Specifically, in terms of “new network” building actions." in flagged
    assert "On May 7, a press conference was held in Shanghai." not in flagged


def test_heading_demotion_lowers_a_headings_fused_score(search_index):
    query = "新网络建设行动有哪些内容"
    heading = next(i for i, d in enumerate(search_index.docs) if d.text == "1、“新网络”建设行动。")
    on = dict(search_index.ranked(query, 50, "zh", "hybrid"))
    off = dict(search_index.ranked(query, 50, "zh", "hybrid", params=search_index.fusion.but(heading_factor=1.0)))
    assert on[heading] == pytest.approx(off[heading] * search_index.fusion.heading_factor)


def test_search_a_query_in_traditional_script_finds_what_its_simplified_form_finds(search_index):
    traditional = search_index.search("上海將新建多少個充電樁", k=5)
    assert [h.passage for h in traditional] == [h.passage for h in search_index.search("上海将新建多少个充电桩", k=5)]
