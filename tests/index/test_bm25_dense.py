"""BM25 (bm25s) on its own. The dense stores (flat, HNSW, IVF-PQ, Milvus): tests/index/test_vector_stores.py."""
from __future__ import annotations

import numpy as np
import pytest

from index.bm25 import KeywordIndex
from index.tokenize import Tokenizer

TEXTS = ["新建10万个电动汽车智能充电桩", "加快推进硬X射线等大设施建设", "build 100,000 smart charging piles",
         "accelerating the construction of large facilities such as hard X-rays"]


@pytest.fixture(scope="module")
def keyword():
    tok = Tokenizer()
    return tok, KeywordIndex.build([tok(t) for t in TEXTS])


def test_bm25_ranks_the_passage_that_shares_the_words(keyword):
    tok, kw = keyword
    assert int(np.argmax(kw.scores(tok("充电桩")))) == 0
    assert int(np.argmax(kw.scores(tok("hard X-ray facilities")))) == 3
    assert int(np.argmax(kw.scores(tok("100,000")))) in (0, 2)  # "10万" and "100,000" are one token


def test_bm25_unknown_words_score_zero(keyword):
    tok, kw = keyword
    assert not kw.scores(tok("zebra")).any()


def test_bm25_round_trips_through_its_folder_without_pickle(keyword, tmp_path):
    tok, kw = keyword
    kw.save(tmp_path / "bm25")
    again = KeywordIndex.load(tmp_path / "bm25")
    assert np.allclose(again.scores(tok("充电桩")), kw.scores(tok("充电桩")))
    for npy in (tmp_path / "bm25").glob("*.npy"):
        np.load(npy, allow_pickle=False)  # raises if anything was pickled
