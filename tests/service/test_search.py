"""GET /search through the real app on the real build (HTTP client, real index, real encoder)."""
from __future__ import annotations

import pytest

ID = "https://w3id.org/nikg/id/"


def test_search_returns_the_documented_shape(client):
    r = client.get("/search", params={"q": "要建多少充电桩", "k": 3})
    assert r.status_code == 200
    body = r.json()
    assert body["query"] == "要建多少充电桩" and len(body["results"]) == 3
    hit = body["results"][0]
    assert set(hit) == {"passage", "document", "lang", "text", "score", "translation", "entities"}
    assert hit["passage"].startswith(ID + "passage/") and hit["document"].startswith(ID + "document/")
    assert hit["lang"] == "zh" and "充电桩" in hit["text"]
    assert set(hit["translation"]) == {"passage", "lang", "text"} and hit["translation"]["lang"] == "en"
    assert all(set(e) == {"id", "label"} for e in hit["entities"])
    scores = [h["score"] for h in body["results"]]
    assert scores == sorted(scores, reverse=True)


def test_search_cross_language_with_lang_filter(client):
    r = client.get("/search", params={"q": "How many EV chargers will be built?", "lang": "zh", "k": 2})
    assert r.status_code == 200
    results = r.json()["results"]
    assert [h["lang"] for h in results] == ["zh", "zh"]
    assert "充电桩" in results[0]["text"]


@pytest.mark.parametrize("mode", ["dense", "keyword"])
def test_search_modes(client, mode):
    r = client.get("/search", params={"q": "hard X-ray", "mode": mode, "k": 1, "lang": "en"})
    assert r.status_code == 200 and "X-ray" in r.json()["results"][0]["text"]


@pytest.mark.parametrize("params,detail", [
    ({"q": ""}, "q must not be empty: give 1 to 500 characters"),
    ({"q": "   "}, "q must not be empty"),
    ({"q": "x" * 501}, "q is 501 characters long; at most 500 are allowed"),
    ({"q": "5G", "k": 0}, "k must be between 1 and 100, got 0"),
    ({"q": "5G", "k": 101}, "k must be between 1 and 100, got 101"),
    ({"q": "5G", "lang": "fr"}, "lang must be one of zh, en (or left out for both), got 'fr'"),
    ({"q": "5G", "mode": "fuzzy"}, "mode must be one of hybrid, dense, keyword, got 'fuzzy'"),
])
def test_search_bad_input_is_rejected_with_what_is_allowed(client, params, detail):
    r = client.get("/search", params=params)
    assert r.status_code == 422
    assert detail in r.json()["detail"]


def test_search_without_q_is_rejected(client):
    r = client.get("/search")
    assert r.status_code == 422 and "q" in r.json()["detail"]


def test_search_k_must_be_a_number(client):
    r = client.get("/search", params={"q": "5G", "k": "ten"})
    assert r.status_code == 422 and "k" in r.json()["detail"]


def test_search_with_another_encoder_configured_is_503_naming_the_fix(built):
    from fastapi.testclient import TestClient

    from service.app import create_app

    other = built.model_copy(update={"encoder": "st:another-model"})
    with TestClient(create_app(other)) as c:
        r = c.get("/search", params={"q": "5G"})
        assert r.status_code == 503
        assert "built with encoder 'use-m3'" in r.json()["detail"] and "nikg build" in r.json()["detail"]
        assert c.get("/health").status_code == 200  # the rest of the service still serves


def test_search_body_is_the_response_model_of_the_reference_search(client):
    """The route serializes the index's hit dicts itself (orjson, no model validation): the body must be
    what SearchResponse of SearchIndex.search would give, field for field, in the same order."""
    from service.routes.search import SearchResponse

    index = client.app.state.resources.search
    for q, params in [("要建多少充电桩", {"k": 10}), ("How many EV chargers will be built?", {"k": 5, "lang": "zh"}),
                      ("一网通办", {"k": 3, "mode": "keyword"}), ("hard X-ray", {"k": 2, "mode": "dense", "lang": "en"})]:
        r = client.get("/search", params={"q": q, **params})
        assert r.status_code == 200 and r.headers["content-type"] == "application/json"
        expected = SearchResponse(query=q, results=index.search(q, **params)).model_dump(mode="json")
        body = r.json()
        assert list(body) == ["query", "results"] and [list(h) for h in body["results"]] == \
            [list(h) for h in expected["results"]]
        assert [{**h, "score": 0} for h in body["results"]] == [{**h, "score": 0} for h in expected["results"]]
        assert all(abs(a["score"] - b["score"]) < 1e-6 for a, b in zip(body["results"], expected["results"]))


def on_loop() -> bool:
    """True when called on a thread that runs an event loop (the route's), False in a worker thread."""
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def spy_rank(index, seen: list[bool]) -> None:
    """Record, for each ranking of ``index``, whether it ran on the event loop (the real rank still runs)."""
    rank = index.rank
    index.rank = lambda *a, **kw: seen.append(on_loop()) or rank(*a, **kw)


def test_search_above_the_inline_limit_ranks_in_a_worker_thread_with_the_same_answers(client, built):
    """NIKG_SEARCH_INLINE_MAX_PASSAGES=0: every ranking runs off the event loop; no hit cache either."""
    from fastapi.testclient import TestClient

    from service.app import create_app

    settings = built.model_copy(update={"search_inline_max_passages": 0, "search_hit_cache_passages": 0})
    with TestClient(create_app(settings)) as threaded:
        index, threaded_on_loop, default_on_loop = threaded.app.state.resources.search, [], []
        spy_rank(index, threaded_on_loop)
        spy_rank(client.app.state.resources.search, default_on_loop)
        try:
            for params in ({"q": "要建多少充电桩", "k": 5}, {"q": "hard X-ray", "lang": "en", "k": 3}):
                here, there = (c.get("/search", params=params).json()["results"] for c in (threaded, client))
                assert [h["passage"] for h in here] == [h["passage"] for h in there] and here
                assert all(abs(a["score"] - b["score"]) < 1e-6 for a, b in zip(here, there))
        finally:
            del client.app.state.resources.search.rank
        assert threaded_on_loop == [False, False] and default_on_loop == [True, True]
        assert index.json.cached() == 0 and client.app.state.resources.search.json.cached() > 0
