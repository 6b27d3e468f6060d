"""Common SPARQL clients on first contact, for real: SPARQLWrapper and rdflib against ``nikg serve`` over HTTP."""
from __future__ import annotations

import csv
import io
import json
import shutil
import urllib.error
import warnings
from xml.dom.minidom import Document

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import (BASIC, CSV, GET, JSON, JSONLD, N3, POST, RDF, RDFXML, TSV, TURTLE, XML,
                           SPARQLWrapper)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, Unauthorized

TOKEN = "clients-token"
MAX_ROWS = 20
NIKG = "https://w3id.org/nikg/ontology#"
QUERIES = {
    "SELECT": "SELECT ?d WHERE { ?d a nikg:Document } ORDER BY ?d",
    "ASK": "ASK { ?d a nikg:Document }",
    "CONSTRUCT": "CONSTRUCT { ?d a nikg:Document } WHERE { ?d a nikg:Document }",
    "DESCRIBE": "DESCRIBE ?d WHERE { ?d a nikg:Document }",
}
RESULT_NAMES = (JSON, XML, CSV, TSV)
GRAPH_NAMES = (TURTLE, N3, RDF, RDFXML, JSONLD, XML, JSON)
PASSAGES = "SELECT ?p WHERE { ?p a nikg:Passage } ORDER BY ?p"


@pytest.fixture(scope="module")
def writable(built, live, tmp_path_factory):
    """``nikg serve`` on a copy of the build: writes enabled with a token, at most MAX_ROWS rows per answer
    (a second tests.conftest.LiveServer, the class of ``live``)."""
    data = tmp_path_factory.mktemp("clients") / "data"
    shutil.copytree(built.data_dir, data, symlinks=True)
    server = type(live)(data, env={"NIKG_UPDATE_ENABLED": "true", "NIKG_UPDATE_TOKEN": TOKEN,
                                   "NIKG_SPARQL_MAX_ROWS": str(MAX_ROWS)}).wait()
    yield server
    server.stop()


def wrapper(url: str, query: str, method: str, fmt: str | None) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url + "/sparql")  # default mode: format/output/results parameters and Accept
    sparql.setQuery(query)
    sparql.setMethod(method)
    if fmt is not None:
        sparql.setReturnFormat(fmt)
    return sparql


def run(sparql: SPARQLWrapper):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SPARQLWrapper warns when it sends */*; rdflib on ConjunctiveGraph
        result = sparql.query()
        return result.info(), result.convert()


def check_results(form: str, fmt: str | None, headers, out) -> None:
    """SELECT/ASK: the converted object SPARQLWrapper promises for the format that was answered."""
    if fmt in (None, XML):
        assert isinstance(out, Document)
        if form == "SELECT":
            assert len(out.getElementsByTagName("result")) == 2
        else:
            assert out.getElementsByTagName("boolean")[0].firstChild.data == "true"
    elif fmt in (CSV, TSV):
        assert isinstance(out, bytes) and headers["content-type"].startswith("text/csv" if fmt == CSV else "text/tab")
        rows = list(csv.reader(io.StringIO(out.decode()), delimiter="," if fmt == CSV else "\t"))
        assert (len(rows) == 3 and rows[0] == (["d"] if fmt == CSV else ["?d"])) if form == "SELECT" else rows == [["true"]]
    else:  # JSON, or a graph format a SELECT/ASK cannot be answered in: Accept (*/*) decides, JSON
        assert isinstance(out, dict) and headers["content-type"].startswith("application/sparql-results+json")
        if form == "SELECT":
            assert len(out["results"]["bindings"]) == 2
        else:
            assert out["boolean"] is True
        if fmt != JSON:
            assert fmt in headers["nikg-ignored-format"]


def check_graph(form: str, fmt: str | None, headers, out) -> None:
    """CONSTRUCT/DESCRIBE: an rdflib Graph for RDF/XML and JSON-LD, Turtle text for TURTLE/N3 (and CSV/TSV,
    which a graph cannot be answered in, so Accept decides: Turtle, the default)."""
    least = 2 if form == "CONSTRUCT" else 8
    if isinstance(out, Graph):
        assert fmt in (None, XML, RDF, RDFXML, JSON, JSONLD)
        graph = out
    else:
        assert isinstance(out, bytes) and headers["content-type"].startswith("text/turtle")
        assert fmt in (TURTLE, N3, CSV, TSV)
        graph = Graph().parse(data=out, format="turtle")
        if fmt in (CSV, TSV):
            assert headers["nikg-ignored-format"].startswith(fmt)
    assert len(graph) >= least
    assert len(set(graph.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                  URIRef(NIKG + "Document")))) == 2


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("fmt", [None, JSON, XML, CSV, TSV, TURTLE, N3, RDF, RDFXML, JSONLD])
@pytest.mark.parametrize("form", list(QUERIES))
def test_sparqlwrapper_default_mode_every_form_format_and_method(live, form, fmt, method):
    headers, out = run(wrapper(live.url, QUERIES[form], method, fmt))
    (check_results if form in ("SELECT", "ASK") else check_graph)(form, fmt, headers, out)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_format_parameter_rules_are_the_same_for_get_and_post(live, method):
    def ask(query: str, params: dict, accept: str) -> httpx.Response:
        fields = {"query": query, **params}
        if method == "GET":
            return httpx.get(live.url + "/sparql", params=fields, headers={"Accept": accept})
        return httpx.post(live.url + "/sparql", data=fields, headers={"Accept": accept})

    # SPARQLWrapper's repeated values: a name it invented and the media type list
    r = ask(QUERIES["CONSTRUCT"], {"format": ["json-ld", "application/ld+json,application/x-json+ld"]}, "*/*")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/ld+json")
    r = ask(QUERIES["SELECT"], {"output": "tsv"}, "*/*")
    assert r.headers["content-type"].startswith("text/tab-separated-values") and r.text.startswith("?d\n")
    r = ask(QUERIES["SELECT"], {"results": "csv"}, "*/*")
    assert r.text.startswith("d\r\n")
    # an unknown value is ignored when Accept can be met, and reported back
    r = ask(QUERIES["SELECT"], {"format": "yaml"}, "text/csv")
    assert r.status_code == 200 and r.text.startswith("d\r\n") and r.headers["nikg-ignored-format"] == "yaml"
    # N3 is answered with Turtle
    r = ask(QUERIES["CONSTRUCT"], {}, "text/n3")
    assert r.headers["content-type"].startswith("text/turtle") and len(Graph().parse(data=r.text, format="n3")) == 2
    # neither the parameter nor Accept can be produced: 406 listing what can
    r = ask(QUERIES["SELECT"], {"format": "turtle"}, "text/turtle")
    assert r.status_code == 406
    body = r.json()
    assert "'turtle'" in body["detail"] and "text/turtle" in body["detail"]
    assert body["supported"] == ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                                 "text/tab-separated-values"]


def test_sparqlwrapper_gets_406_when_its_accept_cannot_be_met(live):
    sparql = wrapper(live.url, QUERIES["SELECT"], GET, TURTLE)
    sparql.addCustomHttpHeader("Accept", "text/turtle")
    with pytest.raises(urllib.error.HTTPError) as caught:
        run(sparql)
    assert caught.value.code == 406
    assert "text/csv" in json.loads(caught.value.read())["supported"]


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_rdflib_sparqlstore_select_ask_construct(live, method):
    graph = Graph(SPARQLStore(live.url + "/sparql", method=method))
    rows = list(graph.query("SELECT ?d ?t WHERE { ?d a nikg:Document ; dcterms:title ?t } ORDER BY ?d"))
    assert len(rows) == 2 and {r.t.language for r in rows} == {"zh", "en"}
    assert graph.query("ASK { ?d a nikg:Document }").askAnswer is True
    assert graph.query("ASK { ?d a nikg:NoSuchClass }").askAnswer is False
    built = graph.query(QUERIES["CONSTRUCT"]).graph
    assert len(built) == 2


def test_rdflib_sparqlstore_pages_past_the_row_cap_with_limit_offset(writable):
    graph = Graph(SPARQLStore(writable.url + "/sparql"))
    total = int(next(iter(graph.query("SELECT (COUNT(?p) AS ?n) WHERE { ?p a nikg:Passage }"))).n)
    assert total > MAX_ROWS
    cut = list(graph.query(PASSAGES))  # the store reads no header: it just sees MAX_ROWS rows
    assert len(cut) == MAX_ROWS
    paged, offset = [], 0
    while True:
        page = list(graph.query(f"{PASSAGES} LIMIT {MAX_ROWS} OFFSET {offset}"))
        paged += page
        offset += MAX_ROWS
        if len(page) < MAX_ROWS:
            break
    assert len(paged) == len(set(paged)) == total and paged[:MAX_ROWS] == cut
    r = httpx.get(writable.url + "/sparql", params={"query": PASSAGES})
    assert r.headers["nikg-truncated"] == "true" and r.headers["nikg-max-rows"] == str(MAX_ROWS)


def test_basic_auth_is_refused_with_401_naming_the_fix(writable):
    sparql = SPARQLWrapper(writable.url + "/sparql")
    sparql.setHTTPAuth(BASIC)
    sparql.setCredentials("admin", TOKEN)
    sparql.setMethod(POST)
    sparql.setQuery("INSERT DATA { <urn:x:basic> rdfs:label 'no' }")
    with pytest.raises(Unauthorized) as caught:
        sparql.query()
    assert "Basic credentials are not accepted" in str(caught.value) and "Bearer" in str(caught.value)
    r = httpx.post(writable.url + "/sparql", data={"update": "INSERT DATA { <urn:x:basic> rdfs:label 'no' }"},
                   auth=("admin", TOKEN))
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    assert "docs/clients.md" in r.json()["hint"]
    store = SPARQLUpdateStore(writable.url + "/sparql", writable.url + "/sparql", auth=("admin", TOKEN))
    with pytest.raises(urllib.error.HTTPError) as refused:
        store.update("INSERT DATA { <urn:x:basic> <urn:x:p> 'no' }")
    assert refused.value.code == 401
    assert httpx.get(writable.url + "/sparql", params={"query": "ASK { <urn:x:basic> ?p ?o }"}).json()["boolean"] is False


def test_sparqlwrapper_writes_with_a_bearer_header(writable):
    sparql = SPARQLWrapper(writable.url + "/sparql")
    sparql.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    sparql.setMethod(POST)
    sparql.setQuery("INSERT DATA { <urn:x:wrapper> rdfs:label 'written by SPARQLWrapper'@en }")
    result = sparql.query()
    assert result.response.status == 200 and json.loads(result.response.read())["status"] == "ok"
    check = wrapper(writable.url, "ASK { <urn:x:wrapper> rdfs:label 'written by SPARQLWrapper'@en }", GET, JSON)
    assert run(check)[1]["boolean"] is True


def test_rdflib_update_store_writes_with_a_bearer_header(writable):
    url = writable.url + "/sparql"
    store = SPARQLUpdateStore(url, url, headers={"Authorization": f"Bearer {TOKEN}"})
    store.add((URIRef("urn:x:rdflib"), URIRef("urn:x:p"), Literal("written by rdflib", lang="en")))  # INSERT DATA
    store.update("INSERT DATA { <urn:x:rdflib> rdfs:label 'also by update'@en }")
    assert store.query("ASK { <urn:x:rdflib> <urn:x:p> 'written by rdflib'@en ; rdfs:label ?l }").askAnswer is True
    r = httpx.get(url, params={"query": "SELECT ?l WHERE { <urn:x:rdflib> rdfs:label ?l }"})
    assert [b["l"]["value"] for b in r.json()["results"]["bindings"]] == ["also by update"]


def test_unknown_prefix_is_named_with_its_position(live):
    sparql = wrapper(live.url, "SELECT ?s WHERE {\n  ?s foo:bar ?o }", GET, JSON)
    with pytest.raises(QueryBadFormed) as caught:
        sparql.query()
    assert "unknown prefix foo:" in str(caught.value) and "\\u{" not in str(caught.value)
    r = httpx.get(live.url + "/sparql", params={"query": "SELECT ?s WHERE {\n  ?s foo:bar ?o }"})
    body = r.json()
    assert r.status_code == 400 and (body["line"], body["column"]) == (2, 6)
    assert "nikg:" in body["detail"] and "PREFIX foo:" in body["hint"] and "GET /sparql" in body["hint"]
    declared = "PREFIX foo: <urn:foo:>\nSELECT ?s WHERE { ?s foo:bar 'bar:baz' } # qux:quux"
    assert httpx.get(live.url + "/sparql", params={"query": declared}).status_code == 200


def test_head_on_sparql_with_a_query(live):
    params = {"query": QUERIES["SELECT"]}
    got = httpx.get(live.url + "/sparql", params=params, headers={"Accept": "text/csv"})
    head = httpx.head(live.url + "/sparql", params=params, headers={"Accept": "text/csv"})
    assert head.status_code == got.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"] == "text/csv; charset=utf-8"
    assert head.headers["content-length"] == got.headers["content-length"] == str(len(got.content))
    assert head.headers["nikg-rows"] == "2"
