"""/sparql and /store through the real app: protocol forms, formats, limits, auth, semantic search."""
from __future__ import annotations

import csv
import io
import shutil
import threading
import time
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Namespace

from service.app import create_app

DOCS = "SELECT ?d ?t WHERE { ?d a nikg:Document ; dcterms:title ?t } ORDER BY ?d"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TOKEN = "s3cret-token"
SRJ = "application/sparql-results+json"


@pytest.fixture(scope="module")
def special(built, tmp_path_factory):
    """An app on a throwaway copy of the build: 3 s limit, 5 rows, updates enabled with a token."""
    data = tmp_path_factory.mktemp("writable") / "data"
    shutil.copytree(built.data_dir, data, symlinks=True)
    settings = built.model_copy(update={"data_dir": data, "sparql_timeout": 3.0, "sparql_max_rows": 5,
                                        "update_enabled": True, "update_token": TOKEN})
    with TestClient(create_app(settings)) as c:
        yield c


def ask(client, query: str) -> bool:
    return client.get("/sparql", params={"query": query}).json()["boolean"]


def test_sparql_get_select_json(client):
    r = client.get("/sparql", params={"query": DOCS})
    assert r.status_code == 200 and r.headers["content-type"].startswith(SRJ)
    rows = r.json()["results"]["bindings"]
    assert len(rows) == 2 and {row["t"]["xml:lang"] for row in rows} == {"zh", "en"}


def test_sparql_post_form_and_direct_give_the_same_answer(client):
    by_get = client.get("/sparql", params={"query": DOCS}).json()
    by_form = client.post("/sparql", data={"query": DOCS}).json()
    direct = client.post("/sparql", content=DOCS.encode(), headers={"Content-Type": "application/sparql-query"})
    assert by_get == by_form == direct.json()


def test_sparql_dataset_parameters_restrict_the_graphs(client):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    everything = int(client.get("/sparql", params={"query": query}).json()["results"]["bindings"][0]["n"]["value"])
    assert everything > 100
    r = client.get("/sparql", params={"query": query, "default-graph-uri": "https://example.org/empty"})
    assert r.json()["results"]["bindings"][0]["n"]["value"] == "0"
    r = client.post("/sparql", data={"query": "SELECT * { GRAPH ?g { ?s ?p ?o } }",
                                     "named-graph-uri": "https://example.org/empty"})
    assert r.json()["results"]["bindings"] == []


@pytest.mark.parametrize("accept,expected", [
    ("application/sparql-results+json", SRJ),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
])
def test_sparql_select_in_each_format(client, accept, expected):
    r = client.get("/sparql", params={"query": DOCS}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == expected
    if expected == "text/csv":
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows[0] == ["d", "t"] and len(rows) == 3
    elif expected.endswith("xml"):
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        assert len(ET.fromstring(r.content).findall(".//r:result", ns)) == 2
    else:
        fmt = ox.QueryResultsFormat.JSON if expected == SRJ else ox.QueryResultsFormat.TSV
        assert len(list(ox.parse_query_results(r.content, format=fmt))) == 2


@pytest.mark.parametrize("accept,rdflib_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"),
])
def test_sparql_construct_and_describe_in_each_format(client, accept, rdflib_format):
    construct = "CONSTRUCT { ?d dcterms:title ?t } WHERE { ?d a nikg:Document ; dcterms:title ?t }"
    r = client.post("/sparql", data={"query": construct}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    assert len(Graph().parse(data=r.content, format=rdflib_format)) == 2
    doc = client.get("/sparql", params={"query": DOCS}).json()["results"]["bindings"][0]["d"]["value"]
    r = client.get("/sparql", params={"query": f"DESCRIBE <{doc}>"}, headers={"Accept": accept})
    assert len(Graph().parse(data=r.content, format=rdflib_format)) >= 8


def test_sparql_ask_and_negotiation_of_real_client_headers(client):
    query = "ASK { ?d a nikg:Document }"
    r = client.get("/sparql", params={"query": query},
                   headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.headers["content-type"].startswith(SRJ) and r.json()["boolean"] is True
    r = client.get("/sparql", params={"query": query},
                   headers={"Accept": "application/json;q=0.4, application/sparql-results+xml;charset=utf-8;q=0.9"})
    assert r.headers["content-type"].startswith("application/sparql-results+xml") and "<boolean>true" in r.text
    r = client.get("/sparql", params={"query": DOCS, "format": "csv"}, headers={"Accept": "image/png"})
    assert r.status_code == 200 and r.text.startswith("d,t")


def test_sparql_unsupported_type_is_406_listing_the_supported(client):
    r = client.get("/sparql", params={"query": DOCS}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert r.json()["supported"] == [SRJ, "application/sparql-results+xml", "text/csv", "text/tab-separated-values"]
    assert "image/png" in r.json()["detail"]
    construct = "CONSTRUCT { ?d a nikg:Document } WHERE { ?d a nikg:Document }"
    r = client.get("/sparql", params={"query": construct, "format": "csv"}, headers={"Accept": "text/csv"})
    assert r.status_code == 406 and "text/turtle" in r.json()["supported"] and "'csv'" in r.json()["detail"]
    r = client.get("/sparql", params={"query": construct, "format": "csv"})  # Accept */* can be met: Turtle
    assert r.headers["content-type"].startswith("text/turtle") and r.headers["nikg-ignored-format"] == "csv"


def test_sparql_syntax_error_is_400_with_position(client):
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE {\n  ?s ?p }"})
    assert r.status_code == 400
    body = r.json()
    assert body["line"] == 2 and body["column"] == 10
    assert body["detail"].startswith("syntax error: error at 2:10:")


def test_sparql_service_description_lists_predeclared_prefixes(client):
    r = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    sh = Namespace("http://www.w3.org/ns/shacl#")
    endpoints = [str(o) for o in g.objects(None, sd.endpoint)]
    assert endpoints and endpoints[0].endswith("/sparql")
    declared = {str(p) for p in g.objects(None, sh.prefix)}
    assert {"nikg", "skos", "rdfs", "dcterms", "xsd"} <= declared
    assert (None, sd.supportedLanguage, sd.SPARQL11Query) in g
    assert (None, sd.supportedLanguage, sd.SPARQL11Update) not in g
    assert client.get("/sparql", headers={"Accept": "application/ld+json"}).json()


def test_sparql_is_cors_enabled(client):
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://yasgui.example"})
    assert r.headers["access-control-allow-origin"] in ("*", "https://yasgui.example")


def test_sparql_runaway_query_is_stopped_while_another_is_answered(special):
    outcome = {}

    def runaway():
        outcome["response"] = special.get("/sparql", params={"query": RUNAWAY})

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    t0 = time.monotonic()
    quick = special.get("/sparql", params={"query": "ASK { ?d a nikg:Document }"})
    assert quick.json()["boolean"] is True and time.monotonic() - t0 < 2.0 and thread.is_alive()
    thread.join(10)
    r = outcome["response"]
    assert r.status_code == 503 and "3 s time limit" in r.json()["detail"]
    assert r.headers["retry-after"]
    time.sleep(1.0)
    assert ask(special, "ASK { ?s ?p ?o }")


def test_sparql_row_cap_cuts_and_says_so(special):
    r = special.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(r.json()["results"]["bindings"]) == 5 and r.json()["truncated"] is True
    assert r.headers["nikg-truncated"] == "true" and r.headers["nikg-max-rows"] == "5"
    r = special.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": "text/turtle"})
    assert r.headers["nikg-truncated"] == "true" and r.text.startswith("# results cut at 5 triples")
    r = special.get("/sparql", params={"query": DOCS})
    assert "nikg-truncated" not in r.headers and "truncated" not in r.json()


def test_sparql_update_is_refused_when_disabled(client):
    r = client.post("/sparql", content="INSERT DATA { <urn:x:a> <urn:x:b> 1 }",
                    headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer anything"})
    assert r.status_code == 403 and "disabled" in r.json()["detail"] and "NIKG_UPDATE_ENABLED" in r.json()["hint"]
    assert not ask(client, "ASK { <urn:x:a> ?p ?o }")


def test_sparql_update_needs_the_right_bearer_token(special):
    update = "INSERT DATA { <urn:x:a> rdfs:label 'written'@en }"
    before = special.get("/health").json()["triples"]
    r = special.post("/sparql", data={"update": update})
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    r = special.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update",
                                                         "Authorization": "Bearer wrong"})
    assert r.status_code == 403 and "token is wrong" in r.json()["detail"]
    assert not ask(special, "ASK { <urn:x:a> ?p ?o }")  # nothing changed
    r = special.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update",
                                                         "Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200 and r.json()["status"] == "ok"
    assert ask(special, "ASK { <urn:x:a> rdfs:label 'written'@en }")
    assert special.get("/health").json()["triples"] == before + 1  # the service's own handle was reopened


def test_written_entity_is_found_by_suggest_and_reconcile_after_the_write(special):
    update = ("INSERT DATA { <https://w3id.org/nikg/id/place/pudong> a nikg:Place ; "
              "skos:prefLabel '浦东新区'@zh, 'Pudong New Area'@en }")
    assert special.get("/entities/suggest", params={"prefix": "Pudong"}).json()["results"] == []
    r = special.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update",
                                                         "Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200
    found = special.get("/entities/suggest", params={"prefix": "Pudong"}).json()["results"]
    assert [x["id"] for x in found] == ["https://w3id.org/nikg/id/place/pudong"]
    matched = special.post("/reconcile", data={"queries": '{"q0": {"query": "浦东新区"}}'}).json()
    assert matched["q0"]["result"][0]["id"] == "place/pudong"


def test_graph_store_protocol_writes_reads_and_drops(special):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    graph = {"graph": "https://example.org/g1"}
    turtle = '<https://example.org/s> <https://example.org/p> "v1"@en .'
    r = special.put("/store", params=graph, content=turtle, headers={"Content-Type": "text/turtle"})
    assert r.status_code == 401
    assert special.get("/store", params=graph).status_code == 404
    assert special.put("/store", params=graph, content=turtle, headers={**auth, "Content-Type": "text/turtle"}).status_code == 201
    nt = '<https://example.org/s> <https://example.org/p> "v2"@en .\n'
    assert special.post("/store", params=graph, content=nt,
                        headers={**auth, "Content-Type": "application/n-triples"}).status_code == 204
    got = Graph().parse(data=special.get("/store", params=graph, headers={"Accept": "application/ld+json"}).text,
                        format="json-ld")
    assert {str(o) for o in got.objects()} == {"v1", "v2"}
    r = special.get("/sparql", params={"query": "SELECT ?o { ?s <https://example.org/p> ?o }",
                                       "default-graph-uri": "https://example.org/g1"})
    assert len(r.json()["results"]["bindings"]) == 2
    r = special.put("/store", params=graph, content="<a> <b>", headers={**auth, "Content-Type": "text/turtle"})
    assert r.status_code == 400 and "not valid text/turtle" in r.json()["detail"]
    assert special.delete("/store", params=graph, headers=auth).status_code == 204
    assert special.get("/store", params=graph).status_code == 404
    assert special.get("/store").status_code == 400


def test_sparql_query_with_semantic_search(client, build):
    query = """SELECT ?p ?score ?text WHERE {
      SERVICE nikg:search { [] nikg:query "electric vehicle charging" ; nikg:passage ?p ; nikg:score ?score ;
                            nikg:k 5 ; nikg:lang "en" }
      ?p nikg:text ?text ; dcterms:isPartOf ?doc .
      ?doc dcterms:language "en" .
    } ORDER BY DESC(?score)"""
    r = client.post("/sparql", data={"query": query})
    assert r.status_code == 200, r.text
    rows = r.json()["results"]["bindings"]
    assert 0 < len(rows) <= 5
    scores = [float(row["score"]["value"]) for row in rows]
    assert scores == sorted(scores, reverse=True)
    assert any("charging pile" in row["text"]["value"].lower() for row in rows)
    zh = client.get("/sparql", params={"query": query.replace("electric vehicle charging", "充电桩")
                                       .replace('"en"', '"zh"')}).json()["results"]["bindings"]
    assert zh and any("充电桩" in row["text"]["value"] for row in zh)


def test_sparql_tasks_of_an_action_ranked_by_evidence_similarity(client):
    query = """SELECT ?task ?label (MAX(?score) AS ?best) WHERE {
      SERVICE nikg:search { [] nikg:query "electric vehicle charging" ; nikg:passage ?p ; nikg:score ?score ; nikg:k 50 }
      ?action skos:prefLabel "新终端"@zh ; nikg:hasTask ?task .
      ?task nikg:evidence ?p ; skos:prefLabel ?label . FILTER(LANG(?label) = "en")
    } GROUP BY ?task ?label ORDER BY DESC(?best)"""
    rows = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    best = [float(row["best"]["value"]) for row in rows]
    assert rows and best == sorted(best, reverse=True)
    top = [row["task"]["value"] for row in rows if float(row["best"]["value"]) == best[0]]
    assert "https://w3id.org/nikg/id/task/new-terminal-charging-piles" in top
