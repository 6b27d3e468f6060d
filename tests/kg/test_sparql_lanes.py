"""The lookup-lane classifier: conservative, syntactic, cheap."""
from __future__ import annotations

import time

import pytest

from kg.sparql.lanes import is_lookup

LOOKUPS = [
    "DESCRIBE <https://w3id.org/nikg/id/a>",
    "SELECT ?p ?o WHERE { <urn:x:a> ?p ?o }",
    "PREFIX x: <urn:x:> SELECT * { x:a ?p ?o ; a ?t . FILTER(isIRI(?o)) }",
    """SELECT ?p ?o ?label ?text WHERE { <urn:a> ?p ?o .
       OPTIONAL { ?o skos:prefLabel|rdfs:label|dcterms:title ?label } OPTIONAL { ?o nikg:text ?text } } LIMIT 2000""",
    """SELECT ?s ?p ?label ?text WHERE { ?s ?p <urn:a> .
       OPTIONAL { ?s skos:prefLabel|rdfs:label|dcterms:title ?label } OPTIONAL { ?s nikg:text ?text } } LIMIT 200""",
    "ASK { <urn:a> a nikg:Document }",
    "CONSTRUCT { <urn:a> ?p ?o } WHERE { <urn:a> ?p ?o }",
    'SELECT ?t { <urn:a> dcterms:title ?t FILTER(lang(?t) = "zh") }',
    "SELECT * { GRAPH <urn:g> { <urn:a> ?p ?o } }",
]
NOT_LOOKUPS = [
    "SELECT * WHERE { ?s ?p ?o }",
    "SELECT (COUNT(*) AS ?n) WHERE { <urn:a> ?p ?o }",
    "SELECT * { <urn:a> rdfs:subClassOf* ?c }",
    "SELECT * { <urn:a> rdfs:subClassOf+ ?c }",
    "SELECT * { <urn:a> rdfs:label? ?o }",
    "SELECT * { <urn:a> ^rdfs:label ?o }",
    "SELECT * { <urn:a> ?p ?o . ?o ?q ?r . ?r ?s ?t }",
    "SELECT * { <urn:a> ?p ?o { SELECT * { ?x ?y ?z } } }",
    "SELECT * { ?s ?p <urn:a> }",
    "SELECT * { ?s ?p <urn:a> } ORDER BY ?s LIMIT 10",
    "SELECT * { ?s a ?o . OPTIONAL { ?o rdfs:label ?label } }",
    "SELECT * { [] ?p ?o }",
    "SELECT * { <urn:a> ?p ?o } GROUP BY ?p",
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
    "SELECT * { <urn:a> ?p ?o FILTER NOT EXISTS { ?o ?x ?y } }",
    "SELECT * { { <urn:a> ?p ?o } UNION { ?s ?p ?o } }",
    "SELECT * { SERVICE <http://x> { <urn:a> ?p ?o } }",
    "DESCRIBE ?x WHERE { ?x a nikg:Document }",
    "SELECT * { GRAPH ?g { <urn:a> ?p ?o } }",
    "garbage {{{",
    "",
]


@pytest.mark.parametrize("query", LOOKUPS)
def test_lookup_by_constant_subject_is_a_lookup(query):
    assert is_lookup(query)


@pytest.mark.parametrize("query", NOT_LOOKUPS)
def test_scans_paths_aggregates_and_subqueries_are_not_lookups(query):
    assert not is_lookup(query)


def test_lookup_check_is_cheap_and_refuses_long_queries():
    long = "SELECT * { <urn:a> ?p ?o " + "FILTER(?o != 1) " * 400 + "}"
    t0 = time.perf_counter()
    assert not is_lookup(long)
    assert not is_lookup("SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }")
    assert time.perf_counter() - t0 < 0.05
