"""The graph's numeric facts (nikg:Target, nikg:Indicator, nikg:DeclaredCount), read once from the store.

Each fact carries what a question may name it by: its labels and aliases in both languages, its
unit, the quantity phrase and quotes of the texts, the names of the entities it hangs from
(the plan, action or task that sets it, the facilities those involve) and the titles of the documents that
state it.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ..namespaces import sparql_prologue

FACT_CLASSES = ("Target", "Indicator", "DeclaredCount")

_FACTS = sparql_prologue() + """
SELECT ?f ?cls ?value ?unit ?cmp ?deadline WHERE {
  VALUES ?cls { nikg:Target nikg:Indicator nikg:DeclaredCount }
  ?f a ?cls ; nikg:value ?value .
  OPTIONAL { ?f nikg:unit ?unit }
  OPTIONAL { ?f nikg:comparator ?cmp }
  OPTIONAL { ?f nikg:deadline ?deadline }
}
"""
# Text by which a fact can be named: its own labels, quotes and quantity phrase, and the
# labels of what it is attached to (owner) and of what the owner involves. Each branch binds ?f to a fact
# itself: Oxigraph evaluates a UNION's branches before joining them with what is outside, so the former
# `?f a ?cls . { ... } UNION { ... }` read every quote, evidence link and document title of the store
# (7.3 s at 386k triples; 1.2 s this way, the same rows).
_FACT = "VALUES ?cls { nikg:Target nikg:Indicator nikg:DeclaredCount } ?f a ?cls ."
_TEXT_BRANCHES = (
    '?f skos:prefLabel ?text . BIND("label" AS ?kind)',
    '?f skos:altLabel ?text . BIND("alias" AS ?kind)',
    '?f nikg:quantityText ?text . BIND("quantity" AS ?kind)',
    '?f nikg:quote ?text . BIND("quote" AS ?kind)',
    '?f nikg:evidence ?p . BIND(STR(?p) AS ?text) BIND("evidence" AS ?kind)',
    '?f nikg:countOf ?c . ?c rdfs:label ?text . BIND("countOf" AS ?kind)',
    '?owner (nikg:hasTarget|nikg:hasIndicator|nikg:declaredCount) ?f . BIND(STR(?owner) AS ?text) BIND("owner" AS ?kind)',
    '?owner (nikg:hasTarget|nikg:hasIndicator|nikg:declaredCount) ?f ; (nikg:involvesFacility|nikg:locatedIn) ?r .'
    ' BIND(STR(?r) AS ?text) BIND("related" AS ?kind)',
    '?f (nikg:about|nikg:concerns|nikg:involvesFacility|nikg:locatedIn) ?r . BIND(STR(?r) AS ?text)'
    ' BIND("related" AS ?kind)',
    '?f nikg:evidence ?p . ?p dcterms:isPartOf ?d . ?d dcterms:title ?text . BIND("document" AS ?kind)',
)
_TEXTS = sparql_prologue() + "SELECT ?f ?kind ?text WHERE {\n  " + "\n  UNION ".join(
    f"{{ {_FACT} {branch} }}" for branch in _TEXT_BRANCHES) + "\n}\n"


@dataclass
class Fact:
    """A number the graph states, with its unit, how it bounds the truth, and its evidence."""

    iri: str
    kind: str  # Target | Indicator | DeclaredCount
    value: Decimal
    unit: str | None = None
    comparator: str | None = None  # AtLeast | MoreThan | AtMost | Exactly | About
    deadline: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    quantity_texts: dict[str, str] = field(default_factory=dict)  # lang -> phrase of the text (10万个)
    quotes: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    count_of: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # titles of the documents that state it

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or next(iter(self.labels.values()), self.iri)

    @property
    def is_money(self) -> bool:
        return (self.unit or "").upper() in {"CNY", "RMB", "YUAN", "USD"}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def load_facts(store) -> list[Fact]:
    """Every numeric fact of the store, ordered by IRI."""
    facts: dict[str, Fact] = {}
    for row in store.query(_FACTS):
        iri = row["f"].value
        get = lambda k: row[k].value if row[k] is not None else None  # noqa: E731
        facts.setdefault(iri, Fact(iri, _local(row["cls"].value), Decimal(row["value"].value), get("unit"),
                                   _local(get("cmp")) if get("cmp") else None, get("deadline")))
    lists: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in store.query(_TEXTS):
        iri, kind, term = row["f"].value, row["kind"].value, row["text"]
        if iri not in facts:
            continue
        fact, lang = facts[iri], getattr(term, "language", None) or ""
        if kind == "label":
            fact.labels.setdefault(lang, term.value)
        elif kind == "quantity":
            fact.quantity_texts.setdefault(lang or "zh", term.value)
        elif term.value not in lists[(iri, kind)]:
            lists[(iri, kind)].append(term.value)
    for (iri, kind), values in lists.items():
        attr = {"alias": "aliases", "quote": "quotes", "evidence": "evidence", "owner": "owners",
                "related": "related", "countOf": "count_of", "document": "documents"}[kind]
        setattr(facts[iri], attr, sorted(values))
    return [facts[k] for k in sorted(facts)]
