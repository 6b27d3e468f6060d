"""The SPARQL worker pool on the real build: time limit with real kills, row cap, writes, formats, nikg:search."""
from __future__ import annotations

import csv
import io
import json
import shutil
import threading
import time

import pytest

from kg.namespaces import PREFIXES
from kg.sparql.errors import QuerySyntaxError, QueryTimeout, WorkerFailed
from kg.sparql.formats import GRAPH_FORMATS, RESULT_FORMATS, NotAcceptable, by_name, negotiate, solutions_bytes
from kg.sparql.pool import QueryPool
from kg.sparql.protocol import query_form
from kg.sparql.semantic import rewrite
from kg.sparql.worker import open_read
from kg.errors import QueryError

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
PASSAGES = "SELECT ?p ?t WHERE { ?p a nikg:Passage ; nikg:text ?t } ORDER BY ?p"


@pytest.fixture(scope="module")
def pool(build):
    with QueryPool(build.store_path, workers=2, timeout=3.0, max_rows=7, prefixes=PREFIXES) as p:
        yield p


def bindings(result) -> list[dict]:
    return json.loads(result.body)["results"]["bindings"]


def test_pool_answers_with_predeclared_prefixes(pool, build):
    result = pool.query("SELECT (COUNT(?p) AS ?n) WHERE { ?p a nikg:Passage }")
    assert int(bindings(result)[0]["n"]["value"]) == build.info["passages"]
    assert result.kind == "select" and not result.truncated


def test_pool_runaway_query_is_killed_while_another_is_answered(pool):
    outcome = {}

    def runaway():
        t0 = time.monotonic()
        try:
            pool.query(RUNAWAY)
        except QueryTimeout as exc:
            outcome["error"], outcome["seconds"] = str(exc), time.monotonic() - t0

    killed_before = pool.killed
    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    t0 = time.monotonic()
    answer = pool.query("ASK { ?s a nikg:Document }")
    assert time.monotonic() - t0 < 2.0 and thread.is_alive()  # answered while the runaway still runs
    assert json.loads(answer.body)["boolean"] is True
    thread.join(10)
    assert "3 s time limit" in outcome["error"] and 2.9 < outcome["seconds"] < 6
    assert pool.killed == killed_before + 1
    time.sleep(1.0)  # the replacement starts in the background
    assert json.loads(pool.query("ASK { ?s ?p ?o }").body)["boolean"] is True
    status = pool.status()
    assert status.idle == status.size == 3 and not status.short


def test_pool_cuts_rows_at_the_cap_and_says_so(pool):
    result = pool.query("SELECT * WHERE { ?s ?p ?o }")
    assert result.rows == 7 and result.truncated and len(bindings(result)) == 7
    assert json.loads(result.body)["truncated"] is True
    graph = pool.query("CONSTRUCT WHERE { ?s ?p ?o }", "ntriples")
    assert graph.truncated and len(graph.body.decode().strip().splitlines()) == 7
    small = pool.query("SELECT * WHERE { ?s a nikg:Document }")
    assert not small.truncated and small.rows == 2


def test_pool_syntax_error_has_message_and_position(pool):
    with pytest.raises(QuerySyntaxError) as info:
        pool.query("SELECT * WHERE {\n  ?s ?p }")
    assert info.value.line == 2 and info.value.column == 10  # as pyoxigraph reports it
    assert "expected" in str(info.value)


def test_pool_each_result_format_parses(pool):
    import pyoxigraph as ox

    for fmt in ("json", "xml", "tsv"):
        body = pool.query(PASSAGES + " LIMIT 3", fmt).body
        parsed = list(ox.parse_query_results(body, format=getattr(ox.QueryResultsFormat, fmt.upper())))
        assert len(parsed) == 3 and parsed[0]["t"].language in ("zh", "en"), fmt
    rows = list(csv.reader(io.StringIO(pool.query(PASSAGES + " LIMIT 3", "csv").body.decode())))
    assert rows[0] == ["p", "t"] and len(rows) == 4 and rows[1][0].startswith("https://w3id.org/nikg/id/passage/")
    for fmt, rdf in (("turtle", "TURTLE"), ("ntriples", "N_TRIPLES"), ("jsonld", "JSON_LD"), ("rdfxml", "RDF_XML")):
        body = pool.query("CONSTRUCT WHERE { ?s a nikg:Document ; dcterms:title ?t }", fmt).body
        assert len(list(ox.parse(body, format=getattr(ox.RdfFormat, rdf)))) == 4, fmt


@pytest.mark.parametrize("memory_triples", [0, 10**6], ids=["on-disk", "in-memory"])
def test_update_runs_in_the_writer_and_fresh_workers_see_it(build, tmp_path, memory_triples):
    copy = tmp_path / "store"
    shutil.copytree(build.store_path, copy)
    seen = []
    with QueryPool(copy, workers=1, timeout=5, prefixes=PREFIXES, memory_triples=memory_triples) as pool:
        pool.on_write.append(lambda: seen.append("reopen"))
        assert json.loads(pool.query("ASK { <urn:x:a> ?p ?o }").body)["boolean"] is False
        with pytest.raises(QuerySyntaxError):
            pool.update("INSERT DATA { <urn:x:a> <urn:x:b> ")
        pool.update("INSERT DATA { <urn:x:a> rdfs:label 'added'@en }")
        assert json.loads(pool.query("ASK { <urn:x:a> rdfs:label 'added'@en }").body)["boolean"] is True
        assert seen == ["reopen"]


def test_negotiation_tolerates_real_accept_headers():
    assert negotiate(None, RESULT_FORMATS).name == "json"
    assert negotiate("*/*", RESULT_FORMATS).name == "json"
    assert negotiate("text/csv; charset=utf-8", RESULT_FORMATS).name == "csv"
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml;q=0.9", RESULT_FORMATS).name == "xml"
    assert negotiate("text/html,application/xhtml+xml,*/*;q=0.8", GRAPH_FORMATS).name == "turtle"
    assert negotiate("application/ld+json;q=1.0, text/turtle;q=0.2", GRAPH_FORMATS).name == "jsonld"
    assert negotiate("text/*", RESULT_FORMATS).name == "csv"
    assert negotiate("application/json", GRAPH_FORMATS).name == "jsonld"
    with pytest.raises(NotAcceptable) as info:
        negotiate("image/png, text/turtle;q=0", GRAPH_FORMATS)
    assert "text/turtle" in info.value.supported
    assert by_name("tsv", RESULT_FORMATS).media_type == "text/tab-separated-values"
    assert by_name("application/rdf+xml", GRAPH_FORMATS).name == "rdfxml"


def test_query_form_skips_prologue_and_comments():
    assert query_form("# SELECT\nPREFIX a: <http://x/#>\n describe <http://x>") == "graph"
    assert query_form("ASK {}") == "ask" and query_form("INSERT DATA {}") is None


def test_search_block_is_rewritten_to_values():
    calls = []

    def search(text, k, lang, mode):
        calls.append((text, k, lang, mode))
        return [("https://w3id.org/nikg/id/passage/x", 0.5)]

    query = """SELECT ?p ?s { SERVICE nikg:search { [] nikg:query "充电 \\"桩\\""@zh ; nikg:passage ?p ;
               nikg:score ?s ; nikg:k 5 ; nikg:lang "zh" } FILTER(?s > 0) }"""
    out = rewrite(query, search, PREFIXES)
    assert calls == [('充电 "桩"', 5, "zh", None)]
    assert 'VALUES (?p ?s) { (<https://w3id.org/nikg/id/passage/x> "0.5"^^' in out and "SERVICE" not in out


def test_search_block_errors_name_the_fix():
    with pytest.raises(QueryError, match="needs nikg:passage"):
        rewrite('SELECT * { SERVICE nikg:search { [] nikg:query "x" } }', lambda *a: [], PREFIXES)
    with pytest.raises(QueryError, match="line 2, column 3: unexpected 'nikg:nope'"):
        rewrite('SELECT * { SERVICE <https://w3id.org/nikg/ontology#search> { [] nikg:query "x" ;\n  nikg:nope ?p } }',
                lambda *a: [], PREFIXES)
    with pytest.raises(QueryError, match="between 1 and 1000"):
        rewrite('SELECT * { SERVICE nikg:search { [] nikg:query "x" ; nikg:passage ?p ; nikg:k 5000 } }',
                lambda *a: [], PREFIXES)
    with pytest.raises(QueryError, match="no search index"):
        rewrite('SELECT * { SERVICE nikg:search { [] nikg:query "x" ; nikg:passage ?p } }', None, PREFIXES)
    untouched = 'SELECT * { ?s ?p "SERVICE nikg:search { }" }'
    assert rewrite(untouched, None, PREFIXES) == untouched


def test_pool_query_over_the_memory_limit_is_stopped(build):
    with QueryPool(build.store_path, workers=1, timeout=10, prefixes=PREFIXES, memory_mb=300) as small:
        t0 = time.monotonic()
        with pytest.raises(WorkerFailed, match="300 MB memory limit"):
            small.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1")
        assert time.monotonic() - t0 < 9  # stopped by the memory limit, well before the time limit
        assert json.loads(small.query("ASK { ?s ?p ?o }").body)["boolean"] is True  # a fresh worker answers


def test_pool_close_kills_a_worker_still_running_a_query(build):
    outcome = {}
    own = QueryPool(build.store_path, workers=1, timeout=30, prefixes=PREFIXES).start()
    thread = threading.Thread(target=lambda: outcome.update(error=_error_of(own.query, RUNAWAY)))
    thread.start()
    time.sleep(0.5)
    procs = [w.proc for w in own._live]
    own.close()
    thread.join(5)
    assert "shutting down" in outcome["error"]
    assert all(p.poll() is not None for p in procs)


def _error_of(call, *args) -> str:
    try:
        call(*args)
    except WorkerFailed as exc:
        return str(exc)
    return ""


def test_open_read_copies_a_small_store_into_memory_and_keeps_a_large_one_on_disk(build):
    import pyoxigraph as ox

    quad = ox.Quad(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:b"), ox.Literal("c"))
    small = open_read(str(build.store_path), memory_triples=10**6)
    assert len(small) == build.info["triples"]
    small.add(quad)  # an in-memory copy is writable; the build's store is untouched
    assert quad in small and quad not in ox.Store.read_only(str(build.store_path))
    large = open_read(str(build.store_path), memory_triples=10)
    with pytest.raises(RuntimeError, match="read-write"):
        large.add(quad)  # still the read-only handle on disk


def test_pool_in_memory_answers_like_on_disk(build):
    query = "SELECT ?doc (COUNT(?p) AS ?n) WHERE { ?p a nikg:Passage ; dcterms:isPartOf ?doc } GROUP BY ?doc ORDER BY ?doc"
    answers = []
    for memory_triples in (0, 10**6):
        with QueryPool(build.store_path, workers=1, timeout=10, prefixes=PREFIXES, memory_triples=memory_triples) as p:
            answers.append(p.query(query).body)
    assert answers[0] == answers[1] and len(json.loads(answers[0])["results"]["bindings"]) == build.info["documents"]


def test_json_results_encode_every_term_kind():
    import pyoxigraph as ox

    row = (ox.NamedNode("https://w3id.org/nikg/id/a"), ox.Literal('5G "基站"\n', language="zh"),
           ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
           ox.Literal("plain"), ox.BlankNode("b0"), None)
    names = ["iri", "lang", "typed", "plain", "bnode", "unbound"]
    body = solutions_bytes("json", names, [row, row], truncated=True)
    doc = json.loads(body)
    assert doc["head"] == {"vars": names} and doc["truncated"] is True
    assert doc["results"]["bindings"] == [{
        "iri": {"type": "uri", "value": "https://w3id.org/nikg/id/a"},
        "lang": {"type": "literal", "value": '5G "基站"\n', "xml:lang": "zh"},
        "typed": {"type": "literal", "value": "7", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
        "plain": {"type": "literal", "value": "plain"},
        "bnode": {"type": "bnode", "value": "b0"}}] * 2
    assert "基站".encode() in body  # UTF-8, not \\u escapes
    assert "truncated" not in json.loads(solutions_bytes("json", names, [], truncated=False))
