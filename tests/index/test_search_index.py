"""SearchIndex.search on the real bundled index: modes, language filter, translations, entities, fusion."""
from __future__ import annotations

import numpy as np
import pytest

from index.errors import BadQuery
from index.fusion import fuse, links_from, propagate, rrf_contributions


def test_hybrid_finds_the_charging_piles_in_both_languages(search_index):
    hits = search_index.search("要建多少充电桩？", k=5)
    assert "充电桩" in hits[0].text and hits[0].lang == "zh"
    assert any("charging piles" in h.text for h in hits)
    assert hits[0].translation is not None and "charging piles" in hits[0].translation.text
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_a_chinese_question_finds_the_english_passage(search_index):
    hits = search_index.search("数据中心有多少个机架？", k=3, lang="en")
    assert all(h.lang == "en" for h in hits)
    assert "120,000 racks" in hits[0].text
    assert "12万个" in hits[0].translation.text


@pytest.mark.parametrize("mode", ["dense", "keyword", "hybrid"])
def test_each_mode_respects_k_and_lang(search_index, mode):
    hits = search_index.search("Lingang New Area", k=4, lang="zh", mode=mode)
    assert 0 < len(hits) <= 4 and {h.lang for h in hits} == {"zh"}


def test_keyword_mode_scores_are_bm25_and_dense_are_cosines(search_index):
    kw = search_index.search("一网通办", k=1, mode="keyword")[0]
    dense = search_index.search("一网通办", k=1, mode="dense")[0]
    assert "一网通办" in kw.text and kw.score > 1.0
    assert 0.0 < dense.score <= 1.0


def test_hits_carry_the_entities_the_passage_mentions(search_index):
    hit = search_index.search("智能充电桩", k=1, lang="zh")[0]
    assert hit.entities, "the linker marks entities in this passage"
    assert all(e.id.startswith("https://w3id.org/nikg/id/") and e.label for e in hit.entities)


@pytest.mark.parametrize("kwargs,message", [
    ({"q": "  "}, "the query is empty"),
    ({"q": "5G", "mode": "fuzzy"}, "unknown mode 'fuzzy'"),
    ({"q": "5G", "lang": "fr"}, "unknown language 'fr'"),
    ({"q": "5G", "k": 0}, "k must be at least 1"),
])
def test_bad_queries_raise_with_the_reason(search_index, kwargs, message):
    with pytest.raises(BadQuery, match=message):
        search_index.search(**kwargs)


def test_rrf_gives_one_over_k_plus_rank():
    c = rrf_contributions(np.array([2, 0]), 4, k=10)
    assert np.allclose(c, [1 / 12, 0, 1 / 11, 0])


def test_alignment_propagation_adds_the_translations_evidence():
    contrib = np.array([0.1, 0.0, 0.05])
    links = links_from([[(1, 0.9)], [(0, 0.9)], []])
    assert np.allclose(propagate(contrib, links, 0.5), [0.1, 0.05, 0.05])
    fused = fuse([np.array([0]), np.array([2, 0])], 3, k=10, links=links, weight=0.5)
    assert fused[1] > 0 and fused[0] > fused[2]


def test_entity_search_ranks_entities_by_their_own_names_and_quotes(search_index):
    hits = search_index.search_entities("electric vehicle charging", k=5)
    ids = [h.entity for h in hits]
    assert "https://w3id.org/nikg/id/task/new-terminal-charging-piles" in ids[:2]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    zh = search_index.search_entities("电动汽车充电", k=3, lang="zh")
    assert zh and all(search_index.docs[p].lang == "zh" for h in zh for p in h.passages)
    with pytest.raises(BadQuery, match="the query is empty"):
        search_index.search_entities("  ")
