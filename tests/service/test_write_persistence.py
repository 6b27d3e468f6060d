"""Writes accepted by the service (SPARQL Update, Graph Store Protocol) survive the next build."""
from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from kg.build import is_fresh, run_build
from kg.settings import Settings
from kg.writes import WriteJournal
from service.app import create_app

TOKEN = "persist-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
UPDATE = {"Content-Type": "application/sparql-update", **AUTH}
PUDONG = "<https://w3id.org/nikg/id/place/pudong> skos:prefLabel 'Pudong New Area'@en"
GRAPH = {"graph": "https://example.org/notes"}
EN_TITLE = "SELECT ?d ?t WHERE { ?d a nikg:Document ; dcterms:title ?t . FILTER(LANG(?t) = 'en') }"


@pytest.fixture(scope="module")
def writable(tmp_path_factory, built) -> Settings:
    """A private data folder, built once, with writes enabled."""
    data = tmp_path_factory.mktemp("persist") / "data"
    shutil.copytree(built.data_dir / "cache", data / "cache")  # a rebuild of the session's documents
    settings = built.model_copy(update={"data_dir": data, "update_enabled": True, "update_token": TOKEN})
    run_build(settings)
    return settings


def ask(client: TestClient, query: str) -> bool:
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 200, r.text
    return r.json()["boolean"]


def test_insert_accepted_with_200_is_there_after_the_next_build(writable):
    with TestClient(create_app(writable)) as client:
        r = client.post("/sparql", content=f"INSERT DATA {{ {PUDONG} }}", headers=UPDATE)
        assert r.status_code == 200 and r.json()["status"] == "ok"
    info = run_build(writable)
    assert info["writes"]["skipped"] == [] and info["writes"]["replayed"] >= 1
    with TestClient(create_app(writable)) as client:
        assert client.app.state.resources.build.info["built_at"] == info["built_at"]  # the new build
        assert ask(client, f"ASK {{ {PUDONG} }}")
        found = client.get("/entities/suggest", params={"prefix": "Pudong"}).json()["results"]
        assert [x["id"] for x in found] == ["https://w3id.org/nikg/id/place/pudong"]


def test_graph_store_put_to_a_named_graph_survives_a_rebuild(writable):
    turtle = '<https://example.org/s> <https://example.org/p> "kept"@en .'
    with TestClient(create_app(writable)) as client:
        r = client.put("/store", params=GRAPH, content=turtle, headers={**AUTH, "Content-Type": "text/turtle"})
        assert r.status_code == 201
        r = client.post("/store", params=GRAPH, content='<https://example.org/s> <https://example.org/p> "more" .',
                        headers={**AUTH, "Content-Type": "application/n-triples"})
        assert r.status_code == 204
    run_build(writable)
    with TestClient(create_app(writable)) as client:
        r = client.get("/store", params=GRAPH, headers={"Accept": "application/n-triples"})
        assert r.status_code == 200
        assert sorted(r.text.strip().splitlines()) == [
            '<https://example.org/s> <https://example.org/p> "kept"@en .',
            '<https://example.org/s> <https://example.org/p> "more" .']


def test_delete_of_a_built_triple_stays_deleted_after_a_rebuild(writable):
    with TestClient(create_app(writable)) as client:
        row = client.get("/sparql", params={"query": EN_TITLE}).json()["results"]["bindings"][0]
        triple = f"<{row['d']['value']}> dcterms:title {_literal(row['t'])}"
        assert ask(client, f"ASK {{ {triple} }}")
        assert client.post("/sparql", content=f"DELETE DATA {{ {triple} }}", headers=UPDATE).status_code == 200
        assert not ask(client, f"ASK {{ {triple} }}")
    run_build(writable)  # the sources still say it: the build makes it, the journal deletes it again
    with TestClient(create_app(writable)) as client:
        assert not ask(client, f"ASK {{ {triple} }}")
        assert ask(client, f"ASK {{ <{row['d']['value']}> a nikg:Document }}")


def test_refused_writes_are_not_journaled(writable):
    journal = WriteJournal(writable.data_dir)
    before = journal.last_seq()
    insert = "INSERT DATA { <https://example.org/refused> rdfs:label 'no' }"
    with TestClient(create_app(writable)) as client:
        r = client.post("/sparql", content=insert, headers={"Content-Type": "application/sparql-update"})
        assert r.status_code == 401 and "bearer token" in r.json()["detail"]
        r = client.post("/sparql", content=insert, headers={"Content-Type": "application/sparql-update",
                                                            "Authorization": "Bearer wrong"})
        assert r.status_code == 403 and "token is wrong" in r.json()["detail"]
        r = client.post("/sparql", content="INSERT DATA { <broken", headers=UPDATE)
        assert r.status_code == 400 and "syntax error" in r.json()["detail"]
        r = client.put("/store", params=GRAPH, content="<a> <b>", headers={**AUTH, "Content-Type": "text/turtle"})
        assert r.status_code == 400 and "not valid text/turtle" in r.json()["detail"]
        r = client.delete("/store", params={"graph": "https://example.org/none"}, headers=AUTH)
        assert r.status_code == 404
        assert not ask(client, "ASK { <https://example.org/refused> ?p ?o }")
    assert journal.last_seq() == before


def test_writes_disabled_are_refused_and_not_journaled(writable):
    settings = writable.model_copy(update={"update_enabled": False})
    before = WriteJournal(writable.data_dir).last_seq()
    with TestClient(create_app(settings)) as client:
        r = client.post("/sparql", content=f"INSERT DATA {{ {PUDONG} }}", headers=UPDATE)
        assert r.status_code == 403 and "disabled" in r.json()["detail"]
    assert WriteJournal(writable.data_dir).last_seq() == before


def test_writes_keep_the_build_fresh_and_reach_a_newer_build_at_start_up(writable):
    """A service keeps writing to the build it serves after a newer one is published: those writes
    make the newer build stale (--if-stale rebuilds) and a service starting on it applies them."""
    early = "INSERT DATA { <https://example.org/early> rdfs:label 'early' }"
    late = "INSERT DATA { <https://example.org/late> rdfs:label 'late' }"
    with TestClient(create_app(writable)) as old:
        assert old.post("/sparql", content=early, headers=UPDATE).status_code == 200
        assert is_fresh(writable, writable.sources_dir)  # a write to the served build leaves it fresh
        run_build(writable)  # the old service keeps serving (and leasing) its build
        assert is_fresh(writable, writable.sources_dir)
        assert old.post("/sparql", content=late, headers=UPDATE).status_code == 200
        assert ask(old, "ASK { <https://example.org/late> ?p ?o }")
        assert not is_fresh(writable, writable.sources_dir)  # the new current build lacks the late write
    with TestClient(create_app(writable)) as new:
        assert ask(new, "ASK { <https://example.org/early> ?p ?o }")
        assert ask(new, "ASK { <https://example.org/late> ?p ?o }")  # applied at start-up
    assert is_fresh(writable, writable.sources_dir)


def test_write_the_journal_cannot_keep_is_a_507_naming_the_problem(writable, tmp_path):
    journal_dir = writable.data_dir / "writes"
    aside = tmp_path / "writes-aside"
    journal_dir.rename(aside)
    journal_dir.write_text("a file where the journal folder should be")
    try:
        with TestClient(create_app(writable)) as client:
            r = client.post("/sparql", content="INSERT DATA { <https://example.org/unkept> rdfs:label 'u' }",
                            headers=UPDATE)
            assert r.status_code == 507
            assert r.json()["detail"].startswith("the write was applied but could not be journaled")
            assert "lost at the next build unless sent again" in r.json()["hint"]
            assert ask(client, "ASK { <https://example.org/unkept> ?p ?o }")  # served, and the client was told
    finally:
        journal_dir.unlink()
        aside.rename(journal_dir)


def _literal(term: dict) -> str:
    value = term["value"].replace("\\", "\\\\").replace('"', '\\"')
    return f'"{value}"@{term["xml:lang"]}'
