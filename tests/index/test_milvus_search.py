"""A build with NIKG_VECTOR_STORE=milvus (milvus-lite inside the index folder) serves /search through the
real app, with the same results as the default build of the session."""
from __future__ import annotations

import json
import shutil

import pytest
from fastapi.testclient import TestClient

from kg.build import run_build
from kg.settings import BUNDLED_SOURCES, Settings
from kg.store import current_build
from service.app import create_app


@pytest.fixture(scope="module")
def milvus_built(tmp_path_factory, built):
    data = tmp_path_factory.mktemp("milvus-data")
    shutil.copytree(built.data_dir / "cache", data / "cache")  # the session build's vectors, not re-encoded
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NIKG_VECTOR_STORE", "milvus")
        settings = Settings(data_dir=data, sources_dir=BUNDLED_SOURCES)
    assert settings.vector_store == "milvus"
    run_build(settings)
    return settings


@pytest.fixture(scope="module")
def milvus_client(milvus_built):
    with TestClient(create_app(milvus_built)) as c:
        yield c


def test_a_milvus_build_records_its_store_in_params(milvus_built):
    index = current_build(milvus_built.data_dir).index_path
    params = json.loads((index / "params.json").read_text(encoding="utf-8"))
    assert params["dense"] == "milvus"
    assert params["vector_store"]["collection"] == "passages" and params["vector_store"]["file"] == "vectors.milvus.db"
    assert (index / "vectors.milvus.db").is_dir() and not (index / "vectors.faiss").exists()
    assert params["vectors"] >= params["passages"] == 87


@pytest.mark.parametrize("params", [{"q": "要建多少充电桩", "mode": "dense"},
                                    {"q": "How many EV chargers will be built?", "mode": "dense", "lang": "zh"},
                                    {"q": "要建多少充电桩", "mode": "hybrid", "lang": "en"},
                                    {"q": "Lingang New Area", "mode": "hybrid"}])
def test_search_through_milvus_answers_as_the_faiss_build(milvus_client, client, params):
    got = milvus_client.get("/search", params={**params, "k": 5})
    want = client.get("/search", params={**params, "k": 5})
    assert got.status_code == want.status_code == 200, got.text
    hits = got.json()["results"]
    assert [h["text"] for h in hits] == [h["text"] for h in want.json()["results"]]
    assert [h["score"] for h in hits] == pytest.approx([h["score"] for h in want.json()["results"]], abs=1e-4)
    if "lang" in params:
        assert hits and all(h["lang"] == params["lang"] for h in hits)


def test_search_through_milvus_rejects_bad_input_as_usual(milvus_client):
    r = milvus_client.get("/search", params={"q": "充电桩", "lang": "fr"})
    assert r.status_code == 422 and "lang" in r.text
