"""Query-term translation through CC-CEDICT (index/translate.py) on a small Chinese-only index written by us."""
from __future__ import annotations

import json

import numpy as np
import pytest

from index.bm25 import KeywordIndex
from index.builder import IndexInputs, PassageIn, build_index
from index.search import SearchIndex
from index.tokenize import Tokenizer
from index.translate import GLOSSARY, QueryTranslator, build_glossary, read_glossary, save_glossary

DOC = "https://w3id.org/nikg/id/document/zh-only"
TEXTS = ["严厉打击倒卖赛事门票等违法行为。", "到2025年，全国农机总动力稳定在11亿千瓦左右。",
         "推动城市生活垃圾分类处理，减少填埋量。", "加强体育场馆安全管理，完善应急预案。",
         "国家统计局局长担任领导小组副组长。"]


@pytest.fixture(scope="module")
def zh_only(use_encoder, tmp_path_factory):
    out = tmp_path_factory.mktemp("zh-only") / "index"
    passages = [PassageIn(f"https://w3id.org/nikg/id/passage/zh-only/p{n:03d}", DOC, "zh-only", "zh", t, n / len(TEXTS))
                for n, t in enumerate(TEXTS)]
    build_index(out, IndexInputs(passages), use_encoder, exact_max=1000, say=lambda m: None)
    return out, SearchIndex.load(out, encoder=use_encoder)


def test_the_build_saves_a_glossary_of_the_corpus_chinese_words(zh_only):
    out, index = zh_only
    glossary = json.loads((out / GLOSSARY).read_text(encoding="utf-8"))["glossary"]
    assert "门票" in glossary["ticket"]
    vocabulary = "".join(TEXTS) + " ".join(index.tokenizer.user_words)
    assert all(w in vocabulary for words in glossary.values() for w in words)  # only words this corpus has
    assert read_glossary(out / "nowhere") == {}


def test_search_english_query_finds_chinese_only_passage_by_dictionary(zh_only):
    _, index = zh_only
    assert index.search("ticket", k=3, mode="keyword") == []  # BM25 alone cannot cross languages
    hits = index.search("tickets for sports events", k=3)
    assert hits[0].text == TEXTS[0]
    assert index.search("head of the statistics bureau", k=3)[0].text == TEXTS[4]


def test_translation_is_a_channel_that_can_be_switched_off(zh_only):
    _, index = zh_only
    on = index.ranked("ticket", 5, None, "hybrid")
    off = index.ranked("ticket", 5, None, "hybrid", params=index.fusion.but(translate=False))
    assert on[0][0] == 0
    assert dict(on)[0] > dict(off).get(0, 0.0)  # the translated keyword channel adds its RRF share


def test_chinese_queries_and_unknown_words_are_not_translated(zh_only):
    _, index = zh_only
    assert index.translator.renderings("门票") == []
    assert index.translator.renderings("zebra quantum") == []
    assert QueryTranslator({}).renderings("ticket") == []
    assert ["门票"] in index.translator.renderings("ticket prices")


def test_an_index_built_before_the_glossary_loads_without_the_channel(zh_only, use_encoder, tmp_path):
    import shutil

    out, _ = zh_only
    old = tmp_path / "index"
    shutil.copytree(out, old)
    (old / GLOSSARY).unlink()
    index = SearchIndex.load(old, encoder=use_encoder)
    assert index.translator.glossary == {} and index.translator.renderings("ticket") == []
    assert index.search("ticket", k=1, mode="keyword") == []
    assert len(index.search("tickets for sports events", k=2)) == 2  # dense still answers


def test_a_rebuild_reuses_the_previous_glossary_when_the_chinese_words_are_the_same(zh_only, tmp_path):
    out, index = zh_only
    saved = json.loads((out / GLOSSARY).read_text(encoding="utf-8"))
    words = [w for t in TEXTS for w in index.tokenizer(t)] + list(index.tokenizer.user_words)
    marked = {**saved, "glossary": {"ticket": ["入场券"]}}  # what the previous build saved, recognisably
    save_glossary(tmp_path, marked)
    assert build_glossary(words, tmp_path) == marked  # same vocabulary: not read from CC-CEDICT again
    fresh = build_glossary(words + ["体育竞赛"], tmp_path)  # one new word: rebuilt from the dictionary
    assert fresh["vocabulary"] != saved["vocabulary"] and "门票" in fresh["glossary"]["ticket"]
    (tmp_path / GLOSSARY).write_text("{not json", encoding="utf-8")
    assert read_glossary(tmp_path) == {}


def test_bm25_token_scores_are_each_tokens_own_scores():
    tok = Tokenizer()
    kw = KeywordIndex.build([tok(t) for t in TEXTS])
    tokens = tok("倒卖门票 统计局局长") + ["zebra"]
    rows = kw.token_scores(tokens)
    assert rows.shape == (len(tokens), len(TEXTS)) and rows[:-1].any(axis=1).all()
    for row, token in zip(rows, tokens):
        assert np.allclose(row, kw.scores([token]))
    assert not rows[-1].any()  # an unknown token scores zero everywhere


def test_chinese_place_names_are_rendered_by_their_pinyin():
    from kg.answer.bilingual import rendered

    saved = build_glossary(["郑州", "机场", "康定", "门票"])["glossary"]
    assert "郑州" in rendered("zhengzhou", saved) and "康定" in rendered("kangding", saved)
    assert "机场" in rendered("airport", saved)
    assert not any("门票" in words for key, words in saved.items() if key.startswith("menpiao"))  # no proper noun
    translator = QueryTranslator(saved)
    assert translator.renderings("Zhengzhou airport") == [["机场"], ["郑州"]]


def test_english_word_forms_meet_the_dictionary_senses():
    """Snowball stems and American spelling: a question's approval, revised, organisation and hilly meet
    CC-CEDICT's "to approve", "revision", "organization" and "hills"."""
    from kg.answer.bilingual import rendered

    saved = build_glossary(["批准", "调整", "组织", "丘陵", "招生"])["glossary"]
    for word, zh in [("approval", "批准"), ("revised", "调整"), ("organisation", "组织"), ("organizations", "组织"),
                     ("hilly", "丘陵"), ("enrolment", "招生")]:
        assert zh in rendered(word, saved), word
    assert QueryTranslator(saved).renderings("revised approval") == [["批准"], ["调整"]]
