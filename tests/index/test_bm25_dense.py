"""The two rankings on their own: BM25 (bm25s) and faiss dense, exact and HNSW."""
from __future__ import annotations

import numpy as np
import pytest

from index.bm25 import KeywordIndex
from index.dense import DenseIndex
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


def _unit(n: int, dim: int, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_dense_is_exact_up_to_the_limit_and_hnsw_above():
    v = _unit(2000, 32)
    assert DenseIndex.build(v, exact_max=2000).kind == "exact"
    assert DenseIndex.build(v, exact_max=1999).kind == "hnsw"


def test_hnsw_finds_what_exact_search_finds():
    v, q = _unit(3000, 32), _unit(50, 32, seed=1)
    exact, approx = DenseIndex.build(v, exact_max=10**6), DenseIndex.build(v, exact_max=10)
    hits = 0
    for row in q:
        _, e = exact.search(row, 10)
        _, a = approx.search(row, 10)
        hits += len(set(e.tolist()) & set(a.tolist()))
    assert hits / 500 >= 0.95
    _, own = approx.search(v[123], 1)
    assert own.tolist() == [123]  # ids map back to rows


@pytest.mark.parametrize("exact_max", [10**6, 10])
def test_dense_filter_keeps_only_allowed_ids(exact_max):
    v = _unit(500, 16)
    index = DenseIndex.build(v, exact_max)
    allowed = np.zeros(500, bool)
    allowed[::3] = True
    _, ids = index.search(v[1], 20, allowed)
    assert len(ids) == 20 and all(i % 3 == 0 for i in ids.tolist())


def test_dense_round_trips_through_faiss_file(tmp_path):
    v = _unit(100, 16)
    index = DenseIndex.build(v, 10**6)
    index.save(tmp_path / "vectors.faiss")
    again = DenseIndex.load(tmp_path / "vectors.faiss")
    assert np.allclose(again.vectors(), v) and again.kind == "exact"
