"""The real app with ``sparql_backend="remote"`` on a real Virtuoso 7: everything in front works the same.

``remote_client`` serves the bundled corpus published into the Virtuoso fixture; ``client`` serves the
same corpus from the embedded pool, so answers can be compared one to one.
"""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from virtuoso_server import REMOTE_TOKEN
from kg.namespaces import NIKG

LABELS = "SELECT ?s ?l WHERE { ?s skos:prefLabel ?l } ORDER BY ?s ?l"
SRX = "{http://www.w3.org/2005/sparql-results#}"


def _bindings(response) -> list[dict]:
    assert response.status_code == 200, response.text
    return response.json()["results"]["bindings"]


def test_remote_select_answers_the_same_rows_as_the_embedded_pool(remote_client, client):
    remote, embedded = _bindings(remote_client.get("/sparql", params={"query": LABELS})), \
        _bindings(client.get("/sparql", params={"query": LABELS}))
    assert len(remote) > 20 and _sorted(remote) == _sorted(embedded)  # engines order literals differently
    assert [row["s"] for row in remote] == [row["s"] for row in embedded]


def _sorted(rows: list[dict]) -> list[str]:
    return sorted(json.dumps(row, sort_keys=True, ensure_ascii=False) for row in rows)


@pytest.mark.parametrize("accept,check", [
    ("application/sparql-results+xml", lambda body: ET.fromstring(body).findall(f".//{SRX}result")),
    ("text/csv", lambda body: list(csv.reader(io.StringIO(body.decode())))[1:]),
    ("text/tab-separated-values", lambda body: body.decode().splitlines()[1:]),
])
def test_remote_select_in_every_result_format_by_accept(remote_client, client, accept, check):
    remote = remote_client.get("/sparql", params={"query": LABELS}, headers={"Accept": accept})
    embedded = client.get("/sparql", params={"query": LABELS}, headers={"Accept": accept})
    assert remote.status_code == 200 and remote.headers["content-type"].startswith(accept)
    assert len(check(remote.content)) == len(check(embedded.content)) > 20
    if accept != "application/sparql-results+xml":  # same serializer, same lines (literal order may differ)
        assert sorted(remote.content.splitlines()) == sorted(embedded.content.splitlines())


@pytest.mark.parametrize("fmt,rdflib_format", [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"),
                                               ("rdfxml", "xml")])
def test_remote_construct_in_every_graph_format(remote_client, client, fmt, rdflib_format):
    query = "CONSTRUCT { ?d ?p ?o } WHERE { ?d a nikg:Document ; ?p ?o }"
    remote = remote_client.get("/sparql", params={"query": query, "format": fmt})
    embedded = client.get("/sparql", params={"query": query, "format": fmt})
    assert remote.status_code == 200, remote.text
    g_remote = Graph().parse(data=remote.content, format=rdflib_format)
    g_embedded = Graph().parse(data=embedded.content, format=rdflib_format)
    assert len(g_remote) > 5 and set(g_remote) == set(g_embedded)


def test_remote_unsatisfiable_accept_is_406_listing_the_formats(remote_client):
    r = remote_client.get("/sparql", params={"query": LABELS}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "application/sparql-results+json" in r.json()["supported"]


def test_remote_row_cap_cuts_and_says_so(remote_client):
    r = remote_client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 200 and r.headers["Nikg-Truncated"] == "true" and r.headers["Nikg-Max-Rows"] == "2000"
    assert len(r.json()["results"]["bindings"]) == 2000 and r.json()["truncated"] is True


def test_remote_query_past_the_time_limit_is_503(remote_client):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    r = remote_client.get("/sparql", params={"query": slow})
    assert r.status_code == 503 and "ran past the 3 s time limit" in r.json()["detail"]
    assert r.headers["Retry-After"] == "5"


def test_remote_define_get_soft_is_refused_with_400(remote_client):
    query = 'DEFINE get:soft "replace" SELECT * FROM <http://example.org/data> WHERE { ?s ?p ?o }'
    r = remote_client.get("/sparql", params={"query": query})
    assert r.status_code == 400
    assert "engine pragmas are refused" in r.json()["detail"] and "standard SPARQL 1.1" in r.json()["hint"]


def test_remote_syntax_error_is_400_with_the_line(remote_client):
    r = remote_client.post("/sparql", content="SELECT ?s\nWHERE { ?s ?p ?o ..\n}",
                           headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 400 and r.json()["line"] == 2 and "syntax error" in r.json()["detail"]


def test_remote_nikg_search_inside_a_query(remote_client):
    query = """SELECT ?p ?score ?text WHERE {
      SERVICE nikg:search { [] nikg:query "electric vehicle charging" ; nikg:passage ?p ; nikg:score ?score ;
                            nikg:k 5 ; nikg:lang "en" }
      ?p nikg:text ?text ; dcterms:isPartOf ?doc .
      ?doc dcterms:language "en" .
    } ORDER BY DESC(?score)"""
    rows = _bindings(remote_client.post("/sparql", data={"query": query}))
    assert 0 < len(rows) <= 5 and all(row["text"]["xml:lang"] == "en" for row in rows)
    scores = [float(row["score"]["value"]) for row in rows]
    assert scores == sorted(scores, reverse=True)


def test_remote_linked_data_entity_comes_from_the_store(remote_client):
    query = "SELECT ?p WHERE { ?p a nikg:Passage ; nikg:text ?t FILTER(CONTAINS(?t, '充电桩')) } ORDER BY ?p LIMIT 1"
    passage = _bindings(remote_client.get("/sparql", params={"query": query}))[0]["p"]["value"]
    r = remote_client.get("/id/" + passage.removeprefix("https://w3id.org/nikg/id/"), headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.content, format="turtle")
    assert (URIRef(passage), RDF.type, NIKG.Passage) in g


def test_remote_reconciliation_answers_as_with_the_embedded_pool(remote_client, client):
    batch = {"q0": {"query": "新终端"}, "q1": {"query": "charging pile", "limit": 3}}
    remote = remote_client.post("/reconcile", data={"queries": json.dumps(batch)})
    assert remote.status_code == 200 and remote.json()["q0"]["result"]
    assert remote.json() == client.post("/reconcile", data={"queries": json.dumps(batch)}).json()


def test_remote_update_needs_the_token(remote_client):
    update = {"update": "INSERT DATA { <urn:nikg:test:w> <urn:nikg:test:p> 1 }"}
    assert remote_client.post("/sparql", data=update).status_code == 401
    wrong = remote_client.post("/sparql", data=update, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403 and "token is wrong" in wrong.json()["detail"]
    ask = {"query": "ASK { <urn:nikg:test:w> <urn:nikg:test:p> 1 }"}
    assert remote_client.post("/sparql", data=ask).json()["boolean"] is False


def test_remote_update_with_the_token_is_served_and_journalled(remote_client, remote_built):
    auth = {"Authorization": f"Bearer {REMOTE_TOKEN}"}
    r = remote_client.post("/sparql", data={"update": "INSERT DATA { <urn:nikg:test:ok> <urn:nikg:test:p> 2 }"},
                           headers=auth)
    assert r.status_code == 200 and r.json()["status"] == "ok"
    ask = {"query": "ASK { <urn:nikg:test:ok> <urn:nikg:test:p> 2 }"}
    assert remote_client.post("/sparql", data=ask).json()["boolean"] is True
    journal = (remote_built.data_dir / "writes" / "journal.jsonl").read_text().splitlines()  # kg.writes
    assert any("urn:nikg:test:ok" in json.loads(line)["update"] for line in journal)


def test_remote_graph_store_write_and_read(remote_client):
    auth = {"Authorization": f"Bearer {REMOTE_TOKEN}", "Content-Type": "text/turtle"}
    put = remote_client.put("/store", params={"graph": "urn:nikg:test:g"}, headers=auth,
                            content=b'<urn:nikg:test:a> <urn:nikg:test:b> "c"@en .')
    assert put.status_code in (201, 204), put.text
    got = remote_client.get("/store", params={"graph": "urn:nikg:test:g", "format": "ntriples"})
    triples = [q.triple for q in ox.parse(got.content, format=ox.RdfFormat.N_TRIPLES)]
    assert got.status_code == 200 and [str(t.object) for t in triples] == ['"c"@en']


def test_remote_graph_store_delete_drops_a_graph_written_through_the_service(remote_client):
    auth = {"Authorization": f"Bearer {REMOTE_TOKEN}", "Content-Type": "application/n-triples"}
    post = remote_client.post("/store", params={"graph": "urn:nikg:test:del"}, headers=auth,
                              content=b'<urn:nikg:test:a> <urn:nikg:test:b> "d" .\n')
    assert post.status_code in (201, 204), post.text
    gone = remote_client.delete("/store", params={"graph": "urn:nikg:test:del"}, headers=auth)
    assert gone.status_code == 204, gone.text
    assert remote_client.get("/store", params={"graph": "urn:nikg:test:del"}).status_code == 404


def test_remote_store_down_is_503_and_the_rest_of_the_service_works(remote_built):
    from fastapi.testclient import TestClient

    from service.app import create_app

    down = remote_built.model_copy(update={"sparql_backend_url": "http://127.0.0.1:9/sparql"})
    with TestClient(create_app(down)) as c:
        r = c.get("/sparql", params={"query": "ASK {}"})
        assert r.status_code == 503 and r.headers["Retry-After"] == "5"
        assert "cannot be reached" in r.json()["detail"] and "sparql_backend_url" in r.json()["hint"]
        assert c.get("/search", params={"q": "充电桩"}).status_code == 200
