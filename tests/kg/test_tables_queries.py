"""The start-up tables' queries rewritten for speed give the rows of their former, plainer shape (real store of
the session's bundled build)."""
from __future__ import annotations

from kg.answer.facts import _TEXTS, load_facts
from kg.namespaces import sparql_prologue

# kg.answer.facts._TEXTS as it was: the fact's class joined once with a UNION of every way to name it
_FORMER_TEXTS = sparql_prologue() + """
SELECT ?f ?kind ?text WHERE {
  VALUES ?cls { nikg:Target nikg:Indicator nikg:DeclaredCount }
  ?f a ?cls .
  {
    { ?f skos:prefLabel ?text . BIND("label" AS ?kind) }
    UNION { ?f skos:altLabel ?text . BIND("alias" AS ?kind) }
    UNION { ?f nikg:quantityText ?text . BIND("quantity" AS ?kind) }
    UNION { ?f nikg:quote ?text . BIND("quote" AS ?kind) }
    UNION { ?f nikg:evidence ?p . BIND(STR(?p) AS ?text) BIND("evidence" AS ?kind) }
    UNION { ?f nikg:countOf ?c . ?c rdfs:label ?text . BIND("countOf" AS ?kind) }
    UNION { ?owner (nikg:hasTarget|nikg:hasIndicator|nikg:declaredCount) ?f .
            BIND(STR(?owner) AS ?text) BIND("owner" AS ?kind) }
    UNION { ?owner (nikg:hasTarget|nikg:hasIndicator|nikg:declaredCount) ?f ;
                   (nikg:involvesFacility|nikg:locatedIn) ?r .
            BIND(STR(?r) AS ?text) BIND("related" AS ?kind) }
    UNION { ?f (nikg:about|nikg:concerns|nikg:involvesFacility|nikg:locatedIn) ?r .
            BIND(STR(?r) AS ?text) BIND("related" AS ?kind) }
    UNION { ?f nikg:evidence ?p . ?p dcterms:isPartOf ?d . ?d dcterms:title ?text . BIND("document" AS ?kind) }
  }
}
"""


def _rows(store, query: str) -> list[tuple[str, ...]]:
    return sorted(tuple(str(term) for term in solution) for solution in store.query(query))


def test_facts_texts_query_gives_the_rows_of_its_former_shape(store):
    rows = _rows(store, _TEXTS)
    assert rows == _rows(store, _FORMER_TEXTS)
    kinds = {row[1] for row in rows}
    assert {'"label"', '"quote"', '"evidence"', '"document"', '"owner"'} <= kinds and len(rows) > 100


def test_facts_read_with_the_rewritten_query_carry_their_texts(store):
    facts = load_facts(store)
    assert len(facts) > 10 and [f.iri for f in facts] == sorted(f.iri for f in facts)
    assert all(f.labels and f.evidence and f.documents for f in facts)
    assert any(f.owners for f in facts) and any(f.quotes for f in facts)


def test_property_table_kept_as_json_rows_writes_what_its_values_say(store):
    """PropertyTable.from_store keeps each value as its JSON row and makes Value objects on use: the table
    written from those rows is the one written from the Value objects, and the Values are those of the rows."""
    from kg.catalogue import Catalogue
    from kg.reconcile.table import PropertyTable, Value

    table = PropertyTable.from_store(store, Catalogue.from_store(store))
    as_values = PropertyTable({s: dict(props) for s, props in table.rows.items()}, table.resource_labels)
    assert type(as_values.rows) is dict and table.to_json() == as_values.to_json()
    rows = table.to_json()["rows"]
    assert len(rows) > 50 and all(isinstance(v, list) and len(v) == 4 for _, props in rows for vs in props.values()
                                  for v in vs)
    subject, props = rows[0]
    prop, values = next(iter(props.items()))
    assert table.values(subject, prop) == [Value(*v) for v in values]
    assert table.values("https://example.org/not-an-entity", prop) == []
