"""A rebuild that only adds passages extends the previous build's HNSW graph (index/append_rows.py): the
previous rows keep their faiss rows, the new ones come after, and search finds what exact search finds."""
from __future__ import annotations

import numpy as np
import pytest

from index import folder as fs
from index.builder import IndexInputs, PassageIn, build_index
from index.search import SearchIndex
from index.vectors import StoreOptions

HNSW = StoreOptions(kind="hnsw")
TEXTS = ["新建10万个电动汽车智能充电桩。", "加快推进硬X射线等大设施建设。", "建设5G基站3.4万个，实现全市域覆盖。",
         "推进人工智能创新应用先导区建设。", "打造国际数据港，建设数据中心。", "完善城市交通智能感知设施。",
         "Build 100,000 smart charging piles for electric vehicles.",
         "Accelerate the construction of large facilities such as hard X-rays.",
         "Build 34,000 5G base stations covering the whole city.", "Set up an international data port.",
         "Deploy sensors on urban roads for smart traffic management.", "Train 10,000 engineers by 2022."]
NEW = ["新增公共充电桩2万个，建成智能电网示范区。", "Add 20,000 public chargers and a smart grid pilot zone."]
QUERIES = ["EV chargers", "充电桩", "5G coverage", "数据中心", "traffic sensors", "smart grid", "engineers"]


def _passages(texts: list[str], doc: str) -> list[PassageIn]:
    base = "https://w3id.org/nikg/id"
    return [PassageIn(f"{base}/passage/{doc}/p{n:03d}", f"{base}/document/{doc}", doc,
                      "zh" if any("\u4e00" <= c <= "\u9fff" for c in t) else "en", t, n / len(texts))
            for n, t in enumerate(texts)]


def _build(out, passages, encoder, previous=None, store=HNSW) -> dict:
    return build_index(out, IndexInputs(passages), encoder, exact_max=1, store=store, previous=previous,
                       say=lambda m: None)


def _keys(folder) -> list[tuple[str, str]]:
    docs = fs.read_docs(folder)
    return [(docs[d].iri, sha) for d, sha in fs.read_rows(folder)]


@pytest.fixture(scope="module")
def first(use_encoder, tmp_path_factory):
    out = tmp_path_factory.mktemp("append") / "first"
    _build(out, _passages(TEXTS, "a") + _passages(TEXTS[:4], "c"), use_encoder)
    return out


def test_adding_a_document_extends_the_previous_graph_with_its_rows_last(first, use_encoder, tmp_path):
    # the new document "b" sorts between "a" and "c": in the build's order its passages are in the middle
    passages = _passages(TEXTS, "a") + _passages(NEW, "b") + _passages(TEXTS[:4], "c")
    summary = _build(tmp_path / "added", passages, use_encoder, previous=first)
    before, after = _keys(first), _keys(tmp_path / "added")
    assert summary["appended_rows"] == len(after) - len(before) >= len(NEW)
    assert after[:len(before)] == before  # every previous row where it was
    assert {iri for iri, _ in after[len(before):]} == {p.iri for p in _passages(NEW, "b")}
    index = SearchIndex.load(tmp_path / "added", encoder=use_encoder)
    flat = index.dense.vectors()
    for query in QUERIES + NEW:
        q = use_encoder.encode([query])
        exact = set(np.argsort(-(flat @ q[0]))[:3].tolist())
        assert set(index.dense.search(q, 3)[1].tolist()) == exact, query
    assert index.search(NEW[0], k=1)[0].text == NEW[0]
    index.close()


def test_a_graph_is_built_whole_when_a_previous_passage_is_gone(first, use_encoder, tmp_path):
    passages = _passages(TEXTS[1:], "a") + _passages(NEW, "b") + _passages(TEXTS[:4], "c")
    summary = _build(tmp_path / "changed", passages, use_encoder, previous=first)
    assert summary["appended_rows"] is None
    rows = fs.read_rows(tmp_path / "changed")
    assert [d for d, _ in rows[:len(passages)]] == list(range(len(passages)))  # row i = passage i, as built whole


def test_a_graph_is_built_whole_from_a_flat_or_unreadable_previous_index(first, use_encoder, tmp_path):
    passages = _passages(TEXTS, "a") + _passages(NEW, "b") + _passages(TEXTS[:4], "c")
    flat = tmp_path / "flat"
    _build(flat, passages[:-1], use_encoder, store=StoreOptions(kind="flat"))
    assert _build(tmp_path / "from-flat", passages, use_encoder, previous=flat)["appended_rows"] is None
    broken = tmp_path / "broken"
    broken.mkdir()
    for f in first.iterdir():
        if f.is_file():
            (broken / f.name).write_bytes(f.read_bytes())
    (broken / fs.VECTORS).write_bytes((first / fs.VECTORS).read_bytes()[:100])  # a cut file
    summary = _build(tmp_path / "from-broken", passages, use_encoder, previous=broken)
    assert summary["appended_rows"] is None and summary["dense"] == "hnsw"
