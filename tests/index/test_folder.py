"""The index folder: readable files, no pickle, encoder checked on load, incremental reuse of vectors."""
from __future__ import annotations

import json

import pytest

from index import folder as fs
from index.builder import IndexInputs, PassageIn, build_index
from index.errors import EncoderMismatch, IndexMissing
from index.search import SearchIndex

ZH, EN = "https://w3id.org/nikg/id/document/zh", "https://w3id.org/nikg/id/document/en"


def _passages(extra: str | None = None) -> list[PassageIn]:
    rows = [("zh", "新建10万个电动汽车智能充电桩。"), ("zh", "加快推进硬X射线等大设施建设。"),
            ("en", "Build 100,000 smart charging piles for electric vehicles."),
            ("en", "Accelerate the construction of large facilities such as hard X-rays.")]
    if extra:
        rows.append(("en", extra))
    return [PassageIn(f"https://w3id.org/nikg/id/passage/{lang}/p{n:03d}", ZH if lang == "zh" else EN, lang, lang, text,
                      n / len(rows)) for n, (lang, text) in enumerate(rows)]


@pytest.fixture(scope="module")
def small_index(use_encoder, tmp_path_factory):
    out = tmp_path_factory.mktemp("small") / "index"
    summary = build_index(out, IndexInputs(_passages(), user_words=["硬X射线"], same_event={"zh": {"en"}}),
                          use_encoder, exact_max=1000, say=lambda m: None)
    return out, summary


def test_index_folder_is_readable_files_without_pickle(small_index):
    out, summary = small_index
    names = {p.name for p in out.iterdir()}
    assert {"params.json", "vectors.faiss", "vectors.jsonl", "docs.jsonl", "bm25", "alignments.jsonl", "userdict.txt"} <= names
    assert not [p for p in out.rglob("*") if p.suffix in {".pkl", ".pickle", ".joblib"}]
    params = json.loads((out / "params.json").read_text())
    assert params["encoder"] == "use-m3" and params["dim"] == 512 and params["dense"] == "flat"
    assert params["vector_store"] == {"kind": "flat", "files": ["vectors.faiss"]}
    docs = [json.loads(line) for line in (out / "docs.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [d["text"] for d in docs][0] == "新建10万个电动汽车智能充电桩。"
    assert "充电桩" in (out / "userdict.txt").read_text(encoding="utf-8").split()


def test_translations_are_aligned_in_the_small_index(small_index):
    out, summary = small_index
    pairs = {(a.rsplit("/", 1)[1], b.rsplit("/", 1)[1]) for a, b, _ in summary["pairs"]}
    assert ("p000", "p002") in pairs and ("p001", "p003") in pairs


def test_loading_with_another_encoder_is_a_clear_error(small_index):
    out, _ = small_index
    with pytest.raises(EncoderMismatch, match="built with encoder 'use-m3'.*but 'st:some-model' is configured") as exc:
        SearchIndex.load(out, "st:some-model")
    assert "nikg build" in str(exc.value)


def test_a_dimension_mismatch_is_a_clear_error(small_index, use_encoder, tmp_path):
    out, _ = small_index
    copy = tmp_path / "index"
    import shutil

    shutil.copytree(out, copy)
    params = json.loads((copy / "params.json").read_text())
    (copy / "params.json").write_text(json.dumps({**params, "dim": 384}))
    with pytest.raises(EncoderMismatch, match="384-dimensional vectors but encoder 'use-m3' makes 512"):
        SearchIndex.load(copy, encoder=use_encoder)


def test_a_missing_index_names_the_fix(tmp_path):
    with pytest.raises(IndexMissing, match="params.json is missing") as exc:
        SearchIndex.load(tmp_path / "nothing")
    assert "nikg build" in str(exc.value)


def test_round_trip_search_after_load(small_index, use_encoder):
    out, _ = small_index
    index = SearchIndex.load(out, encoder=use_encoder)
    hits = index.search("EV chargers", k=1, lang="zh")
    assert hits[0].text == "新建10万个电动汽车智能充电桩。"
    assert hits[0].translation.text == "Build 100,000 smart charging piles for electric vehicles."


def test_rebuild_reuses_vectors_of_unchanged_passages(small_index, use_encoder, tmp_path):
    out, _ = small_index
    summary = build_index(tmp_path / "index", IndexInputs(_passages(extra="A new sentence about 5G base stations.")),
                          use_encoder, exact_max=1000, previous=out, say=lambda m: None)
    assert summary["passages"] == 5 and summary["reused_vectors"] == 4
    fresh = build_index(tmp_path / "again", IndexInputs(_passages()), use_encoder, exact_max=1000, say=lambda m: None)
    assert fresh["reused_vectors"] == 0
    assert fs.read_rows(tmp_path / "index")[:5] == [(i, d.sha1) for i, d in enumerate(fs.read_docs(tmp_path / "index"))]


def test_a_rebuild_from_a_milvus_index_reuses_its_vectors_and_searches_the_same(small_index, use_encoder, tmp_path):
    from index.vectors import StoreOptions

    out, _ = small_index
    milvus = build_index(tmp_path / "milvus", IndexInputs(_passages()), use_encoder, exact_max=1000, previous=out,
                         store=StoreOptions(kind="milvus"), say=lambda m: None)
    assert milvus["dense"] == "milvus" and milvus["reused_vectors"] == milvus["vectors"]  # taken from the flat index
    again = build_index(tmp_path / "again", IndexInputs(_passages(extra="A new sentence about 5G base stations.")),
                        use_encoder, exact_max=1000, previous=tmp_path / "milvus", say=lambda m: None)
    assert again["dense"] == "flat" and again["reused_vectors"] == milvus["vectors"]  # taken from Milvus
    index = SearchIndex.load(tmp_path / "milvus", encoder=use_encoder)
    assert index.dense.kind == "milvus"
    assert index.search("EV chargers", k=1, lang="zh")[0].text == "新建10万个电动汽车智能充电桩。"
    index.close()
