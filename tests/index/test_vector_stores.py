"""The vector stores (index/vectors) on real sentence vectors: each against flat (exact), the language
filter, save/load through readable files, damaged folders, and a Milvus build served through the app."""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from index.errors import IndexCorrupt
from index.vectors import KINDS, RowFilter, StoreOptions, build_store, load_store

SENTENCES = [
    ("zh", "新建10万个电动汽车智能充电桩。"), ("zh", "加快推进硬X射线自由电子激光装置建设。"),
    ("zh", "推动一网通办，企业开办时间压缩到两天以内。"), ("zh", "临港新片区建设国际数据港。"),
    ("zh", "全市新增公共绿地一千公顷。"), ("zh", "建设五个新城，完善轨道交通网络。"),
    ("en", "Build 100,000 smart charging piles for electric vehicles."),
    ("en", "Accelerate the construction of the hard X-ray free electron laser facility."),
    ("en", "Government services online: a company can be opened within two days."),
    ("en", "The Lingang New Area will build an international data port."),
    ("en", "The city adds one thousand hectares of public green space."),
    ("en", "Five new towns will be built and the rail transit network improved."),
]
QUERIES = ["要建多少充电桩", "How many charging piles will be built?", "开办企业需要几天", "green space in the city",
           "data port", "轨道交通"]
PICKLE_MAGIC = {b"\x80\x02", b"\x80\x03", b"\x80\x04", b"\x80\x05"}


@pytest.fixture(scope="module")
def data(use_encoder):
    """(sentence vectors, their languages, query vectors): the real USE encoder on our own sentences."""
    vectors = use_encoder.encode([t for _, t in SENTENCES]).astype(np.float32)
    return vectors, [lang for lang, _ in SENTENCES], use_encoder.encode(QUERIES).astype(np.float32)


@pytest.fixture(scope="module")
def saved(data, tmp_path_factory):
    """Each kind built and saved into its own folder, as ``nikg build`` does: kind -> (folder, record)."""
    vectors, langs, _ = data
    out = {}
    for kind in KINDS:
        folder = tmp_path_factory.mktemp(kind)
        store = build_store(vectors, StoreOptions(kind=kind), folder, langs)
        out[kind] = folder, store.save(folder)
        store.close()
    return out


def _open(saved, kind, **options):
    folder, record = saved[kind]
    return load_store(folder, {"vector_store": record}, StoreOptions(**options))


@pytest.mark.parametrize("kind", KINDS)
def test_each_store_finds_the_same_top_hits_as_flat(saved, data, kind):
    _, _, queries = data
    flat, store = _open(saved, "flat"), _open(saved, kind)
    assert (store.kind, store.size, store.dim) == (kind, len(SENTENCES), 512)
    for q in queries:
        exact_scores, exact = flat.search(q, 3)
        scores, rows = store.search(q, 3)
        assert rows.tolist() == exact.tolist()
        assert np.allclose(scores, exact_scores, atol=1e-4)  # IVF-PQ re-ranks with the exact vectors
    assert SENTENCES[int(store.search(queries[0], 1)[1][0])][1] == "新建10万个电动汽车智能充电桩。"
    store.close()


@pytest.mark.parametrize("kind", KINDS)
def test_the_language_filter_keeps_only_that_language(saved, data, kind):
    _, langs, queries = data
    store, flat = _open(saved, kind), _open(saved, "flat")
    en = np.array([lang == "en" for lang in langs])
    for q in queries[:2]:  # a Chinese and an English query, each filtered to English
        _, rows = store.search(q, 4, RowFilter(en, "en"))
        assert len(rows) == 4 and all(langs[r] == "en" for r in rows.tolist())
        assert rows[0] == flat.search(q, 1, RowFilter(en, "en"))[1][0] == 6  # "Build 100,000 smart charging piles"
    _, rows = store.search(queries[0], 20, RowFilter(~en, "zh"))  # more asked than there are
    assert sorted(rows.tolist()) == [0, 1, 2, 3, 4, 5]
    some = np.zeros(len(langs), bool)
    some[[1, 7, 10]] = True  # a mask that is no language: Milvus gets `row in [...]`
    assert sorted(store.search(queries[0], 10, some)[1].tolist()) == [1, 7, 10]
    store.close()


def test_milvus_filters_on_its_lang_field():
    en = np.array([True, False, True])
    from index.vectors.milvus_store import MilvusStore

    assert MilvusStore.expression(RowFilter(en, "en")) == 'lang == "en"'
    assert MilvusStore.expression(RowFilter(en)) == "row in [0, 2]"
    with pytest.raises(ValueError, match="not a language tag"):
        MilvusStore.expression(RowFilter(en, 'en" or lang != "'))


@pytest.mark.parametrize("kind", KINDS)
def test_a_store_round_trips_through_readable_files_without_pickle(saved, data, kind):
    vectors, _, queries = data
    folder, record = saved[kind]
    assert record["kind"] == kind and record["files"] and all((folder / f).exists() for f in record["files"])
    json.dumps(record)  # what params.json records
    for path in (p for p in folder.rglob("*") if p.is_file()):
        assert path.suffix in {".faiss", ".json", ".prev", ".parquet", ".idx", ""}, path
        assert path.read_bytes()[:2] not in PICKLE_MAGIC, path
    store = _open(saved, kind)
    assert np.allclose(store.vectors(), vectors, atol=1e-6)
    assert store.search(queries[1], 2)[1].tolist() == _open(saved, "flat").search(queries[1], 2)[1].tolist()
    store.close()


@pytest.mark.parametrize("kind", ["flat", "hnsw", "ivfpq"])
def test_faiss_stores_are_memory_mapped_when_loaded(saved, kind):
    folder, _ = saved[kind]

    def mapped() -> set[str]:
        with open("/proc/self/maps") as fh:
            return {line.split()[-1] for line in fh if str(folder) in line}

    store = _open(saved, kind, mmap=True)
    assert str(folder / "vectors.faiss") in mapped()
    if kind == "ivfpq":
        assert str(folder / "vectors.ivfpq.faiss") in mapped()  # the PQ codes' inverted lists
    store.close()
    assert not mapped()  # closing unmaps
    copy = _open(saved, kind, mmap=False)
    assert not mapped()  # read into memory instead
    copy.close()


def test_auto_chooses_the_store_by_size_and_a_load_uses_what_the_build_made(data, tmp_path):
    options = StoreOptions(kind="auto", exact_max=4, ivfpq_min=10)
    assert [options.choose(n) for n in (1, 4, 5, 9, 10, 10**7)] == ["flat", "flat", "hnsw", "hnsw", "ivfpq", "ivfpq"]
    assert StoreOptions(kind="milvus").choose(1) == "milvus"
    vectors, langs, _ = data
    store = build_store(vectors, options, tmp_path, langs)  # 12 vectors: IVF-PQ
    record = store.save(tmp_path)
    assert store.kind == record["kind"] == "ivfpq"
    again = load_store(tmp_path, {"vector_store": record}, StoreOptions(kind="flat"))  # the settings say flat now
    assert again.kind == "ivfpq"
    again.close()


@pytest.mark.parametrize("kind", ["flat", "hnsw", "ivfpq", "milvus"])
def test_a_missing_vectors_file_is_a_clear_error(saved, tmp_path, kind):
    folder, record = saved[kind]
    copy = tmp_path / "index"
    shutil.copytree(folder, copy)
    gone = copy / record["files"][-1]
    shutil.rmtree(gone) if gone.is_dir() else gone.unlink()
    with pytest.raises(IndexCorrupt) as exc:
        load_store(copy, {"vector_store": record})
    assert f"the vector file {gone} is missing from the index folder" in str(exc.value)
    assert "rebuild with `nikg build`" in str(exc.value) and exc.value.status == 503


@pytest.mark.parametrize("kind", ["flat", "hnsw", "ivfpq"])
def test_a_corrupt_vectors_file_is_a_clear_error(saved, tmp_path, kind):
    folder, record = saved[kind]
    copy = tmp_path / "index"
    shutil.copytree(folder, copy)
    bad = copy / record["files"][-1]
    bad.write_bytes(bad.read_bytes()[:100])  # cut short, as by a full disk
    with pytest.raises(IndexCorrupt) as exc:
        load_store(copy, {"vector_store": record})
    assert f"the vector file {bad} cannot be read" in str(exc.value)
    assert f"rebuild with `nikg build` (the index in {copy} is damaged)" in str(exc.value)


def test_an_index_written_before_stores_were_recorded_still_loads(saved, tmp_path):
    folder, _ = saved["hnsw"]
    shutil.copy(folder / "vectors.faiss", tmp_path / "vectors.faiss")
    assert load_store(tmp_path, {"dense": "hnsw"}).kind == "hnsw"  # params.json of an older build
    (tmp_path / "vectors.faiss").write_bytes(b"IxPQ" + bytes(64))
    with pytest.raises(IndexCorrupt, match="not a flat or HNSW faiss index"):
        load_store(tmp_path, {})
    with pytest.raises(IndexCorrupt, match="names an unknown vector store 'annoy'"):
        load_store(tmp_path, {"vector_store": {"kind": "annoy"}})


def test_the_approximate_stores_keep_recall_on_many_vectors(tmp_path):
    """3,000 unit vectors of low intrinsic dimension like sentence vectors (a 16-d Gaussian mapped into
    64-d, plus noise), 50 queries; bench/search.py measures the same at 10k and 100k x 512."""
    basis = np.random.default_rng(7).standard_normal((16, 64)).astype(np.float32) / 4

    def unit(n: int, seed: int) -> np.ndarray:
        rng = np.random.default_rng(seed)
        x = rng.standard_normal((n, 16)).astype(np.float32) @ basis + 0.05 * rng.standard_normal((n, 64)).astype(np.float32)
        return x / np.linalg.norm(x, axis=1, keepdims=True)

    v, q = unit(3000, 0), unit(50, 1)
    stores = {kind: build_store(v, StoreOptions(kind=kind), tmp_path / kind, None) for kind in ("flat", "hnsw", "ivfpq")}
    exact = [set(stores["flat"].search(x, 10)[1].tolist()) for x in q]
    for kind in ("hnsw", "ivfpq"):
        found = [set(stores[kind].search(x, 10)[1].tolist()) for x in q]
        recall = sum(len(a & b) for a, b in zip(found, exact)) / 500
        assert recall >= 0.95, (kind, recall)
    assert stores["hnsw"].search(v[123], 1)[1].tolist() == [123]  # rows map back to rows


def test_milvus_lite_held_by_another_process_is_a_clear_error(saved):
    import subprocess
    import sys

    from index.errors import VectorStoreUnavailable

    folder, record = saved["milvus"]
    hold = (f"from index.vectors import load_store; s = load_store({str(folder)!r}, {{'vector_store': {record!r}}}); "
            "print('open', flush=True); import time; time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", hold], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(VectorStoreUnavailable) as exc:
            load_store(folder, {"vector_store": record})
        assert f"milvus-lite cannot open {folder / 'vectors.milvus.db'}" in str(exc.value)
        assert "another process may hold it" in str(exc.value) and "NIKG_VECTOR_MILVUS_URI" in str(exc.value)
        assert exc.value.status == 503
    finally:
        holder.kill()
        holder.wait()


def test_a_milvus_server_that_is_down_is_a_clear_error(tmp_path):
    import socket

    from index.errors import VectorStoreUnavailable

    with socket.socket() as s:  # a loopback port nothing listens on
        s.bind(("127.0.0.1", 0))
        uri = f"http://127.0.0.1:{s.getsockname()[1]}"
    record = {"kind": "milvus", "collection": "nikg_0123456789abcdef", "uri": uri}
    with pytest.raises(VectorStoreUnavailable) as exc:
        load_store(tmp_path, {"vector_store": record})
    assert f"cannot connect to the Milvus server {uri}" in str(exc.value)
    assert "check NIKG_VECTOR_MILVUS_URI and that the Milvus server is up" in str(exc.value) and exc.value.status == 503
