"""The remote SPARQL backend against a real Virtuoso 7 (fixture ``virtuoso``): limits, errors, guard, row cap."""
from __future__ import annotations

import json
import time

import httpx
import pytest

from kg.errors import QueryError, QueryTimeout
from kg.sparql.backend import SparqlBackend
from kg.sparql.engine_guard import EngineExtensionRefused, refuse_engine_pragmas
from kg.sparql.errors import QuerySyntaxError, WorkerFailed
from kg.sparql.pool import QueryPool
from kg.sparql.remote import RemoteBackend
from kg.sparql.remote_results import cap_rows

GRAPH = "urn:nikg:test:remote"
PREFIXES = {"ex": "http://example.org/"}


@pytest.fixture(scope="module")
def backend(virtuoso):
    """A backend on a graph of 300 numbered items (loaded through the update endpoint)."""
    auth = httpx.DigestAuth(virtuoso.writer, virtuoso.writer_password)
    b = RemoteBackend(f"{virtuoso.base}/sparql", update_url=f"{virtuoso.base}/sparql-auth", auth=auth,
                      graph=lambda: GRAPH, timeout=2.0, max_rows=100, prefixes=PREFIXES)
    with b:
        data = " ".join(f'ex:i{i} ex:n {i} ; ex:label "item {i}"@en .' for i in range(300))
        b.run_update(f"DROP SILENT GRAPH <{GRAPH}> ; INSERT DATA {{ {data} }}", GRAPH, 30)
        yield b


def test_embedded_pool_and_remote_backend_satisfy_the_backend_protocol(backend, build):
    assert isinstance(backend, SparqlBackend)
    assert isinstance(QueryPool(build.store_path), SparqlBackend)


def test_remote_select_uses_predeclared_prefixes_and_the_served_graph(backend):
    result = backend.query("SELECT ?l WHERE { ex:i7 ex:label ?l }", "json")
    rows = json.loads(result.body)["results"]["bindings"]
    assert result.kind == "select" and rows == [{"l": {"type": "literal", "value": "item 7", "xml:lang": "en"}}]


def test_remote_results_are_cut_at_the_row_cap_and_say_so(backend):
    result = backend.query("SELECT ?s WHERE { ?s ex:n ?n }", "json")
    doc = json.loads(result.body)
    assert result.rows == 100 and result.truncated and doc["truncated"] is True
    assert len(doc["results"]["bindings"]) == 100
    small = backend.query("SELECT ?s WHERE { ?s ex:n ?n } LIMIT 5", "csv")
    assert small.rows == 5 and not small.truncated and small.body.decode().splitlines()[0] == "s"
    fewer = backend.query("SELECT ?s WHERE { ?s ex:n ?n }", "json", max_rows=10)
    assert fewer.rows == 10 and fewer.truncated


def test_remote_construct_is_cut_and_reserialized(backend):
    result = backend.query("CONSTRUCT { ?s ex:n ?n } WHERE { ?s ex:n ?n }", "turtle")
    assert result.kind == "graph" and result.rows == 100 and result.truncated
    assert result.body.startswith(b"# results cut at 100 triples") and b"@prefix ex: <http://example.org/>" in result.body


def test_remote_ask_answers_a_boolean(backend):
    assert backend.query("ASK { ex:i1 ex:n 1 }", "xml").body.endswith(b"<boolean>true</boolean></sparql>\n")
    assert backend.query("ASK { ex:i1 ex:n 2 }", "csv").body == b"false\n"


def test_cap_rows_lowers_a_large_limit_keeps_a_small_one_and_goes_before_values():
    assert cap_rows("SELECT * { ?s ?p ?o } LIMIT 5000", 100).endswith("LIMIT 101")
    assert cap_rows("SELECT * { ?s ?p ?o } LIMIT 5", 100).endswith("LIMIT 5")
    capped = cap_rows("SELECT * { ?s ?p ?o } VALUES ?s { <urn:a> }", 100)
    assert capped.index("LIMIT 101") < capped.index("VALUES")
    assert cap_rows("SELECT * { { SELECT ?s { ?s ?p ?o } LIMIT 9999 } } # done", 10).endswith("\nLIMIT 11\n")


def test_remote_syntax_error_gives_the_line_of_the_users_text(backend):
    with pytest.raises(QuerySyntaxError) as caught:
        backend.query("SELECT ?s\nWHERE {\n  ?s ?p ?o ..\n}", "json")
    assert caught.value.line == 3 and "line 3" in str(caught.value) and "syntax error" in str(caught.value)


def test_remote_query_past_the_time_limit_is_stopped(backend):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ex:n ?x . ?b ex:n ?y . ?c ex:n ?z . ?d ex:n ?w }"
    started = time.monotonic()
    with pytest.raises(QueryTimeout) as caught:
        backend.query(slow, "json", timeout=1.0)
    assert time.monotonic() - started < 4.0
    assert "ran past the 1 s time limit" in str(caught.value)


def test_remote_run_time_error_of_a_valid_query_is_the_querys_400(backend):
    """Virtuoso answers 500 "SPARQL Request Failed" with state 22012: the query's own arithmetic failed."""
    with pytest.raises(QueryError) as caught:
        backend.query("SELECT (1/0 AS ?x) WHERE {}", "json")
    assert type(caught.value) is QueryError and caught.value.status == 400
    assert "the SPARQL backend rejected the query: SR084: Division by 0." in str(caught.value)


@pytest.mark.parametrize("query,words", [
    ('DEFINE get:soft "replace" SELECT * FROM <http://example.org/x> WHERE { ?s ?p ?o }', "DEFINE get:soft"),
    ("define input:grab-all \"yes\" SELECT * { ?s ?p ?o }", "pragmas"),
    ("DEFINE sql:signal-void-variables 1 SELECT * { ?s ?p ?o }", "pragmas"),
    ("SELECT (bif:http_get('http://example.org/') AS ?x) {}", "bif:http_get is refused"),
    ("SELECT (<sql:system>('ls') AS ?x) {}", "<sql:system> is refused"),
    ("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE (federated query) is refused"),
])
def test_engine_extensions_are_refused_before_reaching_the_store(backend, query, words):
    with pytest.raises(EngineExtensionRefused) as caught:
        backend.query(query, "json")
    assert words in str(caught.value) and "standard SPARQL 1.1" in str(caught.value)


def test_engine_guard_ignores_strings_and_comments_and_lets_nikg_search_through():
    refuse_engine_pragmas('SELECT * { ?s ?p "DEFINE get:soft bif:x SERVICE" } # LOAD <http://x>')
    refuse_engine_pragmas('SELECT * { SERVICE nikg:search { [] nikg:query "x" ; nikg:passage ?p } }')
    refuse_engine_pragmas('SELECT * { SERVICE <https://w3id.org/nikg/ontology#search> { [] nikg:query "x" } }')
    refuse_engine_pragmas("SELECT * { SERVICE <http://ok.example/sparql> { ?s ?p ?o } }",
                          allow_services=["http://ok.example/sparql"])
    with pytest.raises(EngineExtensionRefused, match="SERVICE"):
        refuse_engine_pragmas("SELECT * { SERVICE <http://other.example/sparql> { ?s ?p ?o } }",
                              allow_services=["http://ok.example/sparql"])
    with pytest.raises(EngineExtensionRefused, match="LOAD is refused"):
        refuse_engine_pragmas("LOAD <http://example.org/data.ttl>")


def test_remote_update_lands_in_the_served_graph_and_calls_back(backend):
    called = []
    backend.on_write.append(lambda: called.append(True))
    try:
        backend.update("INSERT DATA { ex:new ex:n 1000 }")
    finally:
        backend.on_write.clear()
    assert called == [True]
    assert backend.query("ASK { GRAPH <%s> { ex:new ex:n 1000 } }" % GRAPH, "csv").body == b"true\n"
    backend.update("DELETE DATA { ex:new ex:n 1000 }")


def test_remote_update_without_credentials_is_refused_by_the_store(virtuoso, backend):
    anonymous = RemoteBackend(f"{virtuoso.base}/sparql", update_url=f"{virtuoso.base}/sparql-auth",
                              graph=lambda: GRAPH, timeout=2.0)
    with anonymous, pytest.raises(WorkerFailed, match="refused our credentials"):
        anonymous.update("INSERT DATA { <urn:x> <urn:p> 1 }")


def test_remote_backend_down_is_a_503_worker_failure():
    dead = RemoteBackend("http://127.0.0.1:9/sparql", timeout=1.0).start()  # starts; answers 503s
    with dead, pytest.raises(WorkerFailed, match="cannot be reached") as caught:
        dead.query("ASK {}", "json")
    assert "sparql_backend_url" in caught.value.hint
    assert issubclass(EngineExtensionRefused, QueryError)
