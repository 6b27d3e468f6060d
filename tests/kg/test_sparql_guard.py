"""The SPARQL guard: only SERVICE nikg:search, no LOAD or DEFINE, bounded length and nesting."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from kg.namespaces import PREFIXES
from kg.sparql.guard import QueryTooDeep, QueryTooLarge, RefusedQuery, check

LIMITS = {"max_chars": 100_000, "max_nesting": 64}


def run(query: str, **extra) -> bool:
    return check(query, PREFIXES, **{**LIMITS, **extra})


class _Counter(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):  # noqa: N802 (http.server's name)
        type(self).hits += 1
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(b'{"head":{"vars":["s"]},"results":{"bindings":[]}}')

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture()
def http_target():
    """A real HTTP server on loopback that counts the requests it receives."""
    _Counter.hits = 0
    server = HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", _Counter
    server.shutdown()


def test_pyoxigraph_alone_fetches_service_urls(http_target):
    """The reason for the guard: the engine itself really calls a SERVICE IRI over HTTP."""
    import pyoxigraph as ox

    url, counter = http_target
    try:
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"))
    except (OSError, SyntaxError, RuntimeError, ValueError):
        pass
    assert counter.hits >= 1


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:8000/health> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:8000/> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    "PREFIX ex: <http://127.0.0.1/> SELECT * WHERE { service ex:x { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1/> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <\\u0068ttp://127.0.0.1/> { ?s ?p ?o } }",
])
def test_service_other_than_nikg_search_is_refused(query):
    with pytest.raises(RefusedQuery) as info:
        run(query)
    assert "is not allowed" in str(info.value) and "federation is off" in str(info.value)
    assert "NIKG_SPARQL_FEDERATION_ALLOW" in info.value.hint


def test_nikg_search_is_allowed_and_reported():
    assert run('SELECT ?p WHERE { SERVICE nikg:search { [] nikg:query "5G" ; nikg:passage ?p } }') is True
    assert run("SELECT * WHERE { ?s ?p ?o } LIMIT 1") is False


def test_an_allowed_endpoint_may_be_called_when_the_operator_lists_it():
    assert run("SELECT * WHERE { SERVICE <https://query.example.org/sparql> { ?s ?p ?o } }",
               allow=["https://query.example.org/sparql"]) is False


@pytest.mark.parametrize("query", [
    'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1/> LOAD DEFINE" }',
    "SELECT ?service ?load WHERE { ?service nikg:load ?load } # SERVICE <http://x/>",
    "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }",
])
def test_keywords_inside_strings_iris_comments_and_names_are_not_refused(query):
    assert run(query) is False


def test_load_and_engine_pragmas_are_refused():
    with pytest.raises(RefusedQuery, match="LOAD at line 1, column 1 is not allowed"):
        run("LOAD <http://127.0.0.1:8000/health>")
    with pytest.raises(RefusedQuery, match="DEFINE at line 1"):
        run('DEFINE get:soft "soft" SELECT * WHERE { ?s ?p ?o }')
    with pytest.raises(RefusedQuery, match="DEFINE"):
        run('define input:grab-all "yes" SELECT * WHERE { ?s ?p ?o }')


def test_deep_nesting_and_length_are_bounded_quickly():
    deep = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
    with pytest.raises(QueryTooDeep, match="nests brackets more than 64 deep"):
        run(deep)
    with pytest.raises(QueryTooLarge, match="at most 100,000 are accepted"):
        run("SELECT * WHERE { ?s ?p ?o } #" + "x" * 100_000)
    big = "INSERT DATA { " + " ".join(f'<urn:x:{i}> <urn:p> "service {i}" .' for i in range(30_000)) + " }"
    started = time.perf_counter()
    assert check(big, PREFIXES, max_chars=10**7, max_nesting=64) is False
    assert time.perf_counter() - started < 1.0  # one C-level regex pass over ~1 MB


# --- unknown prefixes (kg/sparql/prefixes.py) -----------------------------------------------------

def unknown(query: str):
    from kg.sparql.prefixes import UnknownPrefix, check as check_prefixes

    try:
        check_prefixes(query, PREFIXES)
    except UnknownPrefix as error:
        return error
    return None


def test_unknown_prefix_is_named_with_line_and_column():
    error = unknown("PREFIX ex: <urn:ex:>\nSELECT * WHERE {\n  ?s ex:p ?o ; foo:bar ?x }")
    assert error.status == 400 and (error.line, error.column) == (3, 16)
    assert "unknown prefix foo: (in foo:bar)" in str(error) and "nikg:, id:" in str(error)
    assert "PREFIX foo: <namespace IRI>" in error.hint
    assert "unknown prefix :" in str(unknown("SELECT * WHERE { ?s :p ?o }"))


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { ?s nikg:p 'foo:bar', \"\"\"baz:\nqux\"\"\" ; <urn:zap:x> ?o } # note: nothing",
    "PREFIX ex: <urn:ex:>\nPREFIX : <urn:base:>\nSELECT * WHERE { ?s ex:a:b _:b0 ; :p ex:c.d ; ex:e%20f ?o }",
    "SELECT * WHERE { ?s ?p 12 . FILTER(?p != xsd:string) }",
    "INSERT DATA { <urn:x:a> rdfs:label 'time 12:30'@en }",
])
def test_declared_predeclared_and_quoted_prefixes_pass(query):
    assert unknown(query) is None
