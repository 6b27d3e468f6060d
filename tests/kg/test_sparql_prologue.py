"""The checks of each /sparql request start after the query's prologue (kg/sparql/prologue.py):
same answers, same errors and positions, for texts whose prologue is long or tricky."""
from __future__ import annotations

import pytest

from kg.namespaces import PREFIXES, sparql_prologue
from kg.sparql import guard, prefixes, prologue
from kg.sparql.lanes import is_lookup
from kg.sparql.protocol import query_form

LOOKUP = "SELECT ?p ?o WHERE { <https://w3id.org/nikg/id/task/t1> ?p ?o }"
HEAD = sparql_prologue()


def _check(text: str) -> bool:
    return guard.check(text, PREFIXES, max_chars=100_000, max_nesting=64)


def test_end_covers_declarations_whitespace_and_comments_only():
    text = "# a comment with SERVICE <http://x/>\nprefix ex: <http://ex/>\n BASE <http://b/>\nPREFIX : <urn:e:>SELECT *"
    assert text[prologue.end(text):] == "SELECT *"
    assert prologue.end(LOOKUP) == 0
    assert prologue.end("") == 0
    # a Virtuoso pragma or a malformed declaration ends the run: it is checked as before
    assert ("PREFIX ex: <http://ex/>\nDEFINE get:soft \"replace\"\nSELECT *")[prologue.end(
        "PREFIX ex: <http://ex/>\nDEFINE get:soft \"replace\"\nSELECT *"):].startswith("DEFINE")
    assert prologue.end("PREFIX: <urn:x> SELECT *") == 0  # PREFIX: is a prefixed name, not a declaration


def test_form_and_lookup_lane_are_found_after_a_long_prologue():
    assert query_form(HEAD + LOOKUP) == "select"
    assert query_form(HEAD + "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }") == "graph"
    assert query_form(HEAD + "ASK {}") == "ask"
    assert query_form(HEAD) is None
    assert is_lookup(HEAD + LOOKUP) and is_lookup(LOOKUP)
    assert not is_lookup(HEAD + "SELECT ?s WHERE { ?s ?p ?o }")
    assert not is_lookup(HEAD + "SELECT (COUNT(*) AS ?n) WHERE { <urn:x> ?p ?o }")


def test_pragmas_and_services_after_a_prologue_are_still_refused_with_their_line():
    with pytest.raises(guard.RefusedQuery, match="DEFINE at line 2, column 1"):
        _check("PREFIX ex: <http://ex/>\nDEFINE get:soft \"replace\"\nSELECT * WHERE { ?s ?p ?o }")
    lines = HEAD.count("\n")
    with pytest.raises(guard.RefusedQuery, match=f"SERVICE <http://evil/> at line {lines + 1}"):
        _check(HEAD + "SELECT * WHERE { SERVICE <http://evil/> { ?s ?p ?o } }")
    with pytest.raises(guard.RefusedQuery, match="LOAD"):
        _check(HEAD + "LOAD <http://evil/data.ttl>")
    assert _check(HEAD + 'SELECT * WHERE { SERVICE nikg:search { [] nikg:query "x" } }') is True
    assert _check(HEAD + LOOKUP) is False


def test_nesting_after_a_prologue_is_still_bounded():
    with pytest.raises(guard.QueryTooDeep, match="more than 3 deep"):
        guard.check(HEAD + "SELECT * WHERE { { { { ?s ?p ?o } } } }", PREFIXES, max_chars=100_000, max_nesting=3)


def test_unknown_prefix_after_a_prologue_is_named_at_its_line_and_column():
    text = "PREFIX ex: <http://ex/>\nPREFIX ab: <http://ab/>\nSELECT * WHERE { ?s ex:p ?o ; zz:q ?v }"
    with pytest.raises(prefixes.UnknownPrefix, match=r"error at 3:31: unknown prefix zz:"):
        prefixes.check(text, PREFIXES)
    prefixes.check(text.replace("zz:", "ab:"), PREFIXES)  # declared in the prologue: passes
    prefixes.check(HEAD + "SELECT * WHERE { ?s nikg:text ?t ; skos:prefLabel ?l }", PREFIXES)


def test_a_declaration_of_an_unknown_looking_prefix_is_not_an_error():
    prefixes.check("PREFIX weird-name.x: <urn:w:>\nSELECT * WHERE { ?s weird-name.x:p ?o }", PREFIXES)
