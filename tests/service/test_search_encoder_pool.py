"""/search through the real app with queries encoded in encoder processes (the service's default)."""
from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fastapi.testclient import TestClient

from index.encoder_pool import EncoderPool, default_processes
from service.app import create_app


def _gone(pid: int) -> bool:
    try:
        return "\nState:\tZ" in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True


def test_search_encodes_in_the_pool_by_default_and_batches_concurrent_queries(client):
    pool = client.app.state.resources.encoder
    assert isinstance(pool, EncoderPool) and len(pool.pids()) <= default_processes() == 2
    assert client.app.state.resources.search.encoder is pool
    assert client.get("/health").json()["encoder_processes"] in (1, 2)
    before = pool.batches
    queries = [{"q": "要建多少充电桩"}, {"q": "How many EV chargers will be built?", "lang": "zh"},
               {"q": "hard X-ray"}, {"q": "国家重大科技基础设施"}] * 8
    with ThreadPoolExecutor(16) as threads:
        answers = list(threads.map(lambda params: client.get("/search", params={**params, "k": 3}), queries))
    assert [r.status_code for r in answers] == [200] * 32
    assert "充电桩" in answers[0].json()["results"][0]["text"]
    assert "充电桩" in answers[1].json()["results"][0]["text"]  # cross-language: the vector is right
    assert pool.batches - before in range(1, 33)


def test_search_answers_the_same_with_the_pool_and_in_process(client, built):
    with TestClient(create_app(built.model_copy(update={"encoder_processes": 0}))) as local:
        assert local.app.state.resources.encoder is None
        assert local.get("/health").json()["encoder_processes"] is None
        for q in ("要建多少充电桩", "hard X-ray free electron laser"):
            here, there = (c.get("/search", params={"q": q, "k": 5}).json()["results"] for c in (local, client))
            assert [h["passage"] for h in here] == [h["passage"] for h in there]
            assert all(abs(a["score"] - b["score"]) < 1e-6 for a, b in zip(here, there))


def test_a_stuck_encoder_process_is_a_503_with_retry_after_then_search_recovers(built):
    settings = built.model_copy(update={"encoder_processes": 1, "encoder_timeout": 1.0})
    with TestClient(create_app(settings)) as c:
        pool = c.app.state.resources.encoder
        (stuck,) = pool.pids()
        os.kill(stuck, signal.SIGSTOP)
        r = c.get("/search", params={"q": "充电桩"})
        assert r.status_code == 503 and r.headers["retry-after"] == "2"
        assert "the encoder process took more than 1 s" in r.json()["detail"]
        assert "NIKG_ENCODER_TIMEOUT" in r.json()["hint"]
        deadline = time.monotonic() + 60
        while not (pool.pids() and pool.pids()[0] != stuck) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert c.get("/search", params={"q": "充电桩"}).status_code == 200
        pids = pool.pids()
    assert _gone(stuck) and all(_gone(p) for p in pids)  # closing the app stopped the replacement too
