"""The property values of every catalogue entity, read once from the store.

Reconciliation compares query property conditions with these values, and data extension
returns them. A value is either another resource (an IRI, with the labels to show for it) or a
literal (lexical form, datatype, language).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..catalogue import Catalogue
from ..namespaces import NIKG, RDF, SKOS, XSD, sparql_prologue

NUMERIC = {str(XSD[t]) for t in ("decimal", "integer", "double", "float", "int", "long", "nonNegativeInteger",
                                 "positiveInteger", "short")}
INTEGER = {str(XSD[t]) for t in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger", "short")}
DATES = {str(XSD.date), str(XSD.dateTime), str(XSD.gYear)}
SKIPPED = {str(RDF.type)}

_TRIPLES = sparql_prologue() + """
SELECT ?s ?p ?o WHERE {
  { SELECT DISTINCT ?s WHERE { ?s skos:prefLabel ?l FILTER(isIRI(?s)) } }  # the labelled entities first: the
  ?s ?p ?o . FILTER(!isBlank(?o))                                         # same rows as a scan with FILTER
}                                                                         # EXISTS, 4x faster at 240k triples
"""
_RESOURCE_LABELS = sparql_prologue() + """
SELECT DISTINCT ?r ?label WHERE {
  { ?s nikg:evidence ?r . ?r nikg:text ?label }
  UNION { ?s ?p ?r . ?r rdfs:label ?label . FILTER(isIRI(?r)) }
}
"""


@dataclass(frozen=True)
class Value:
    """One property value: ``iri`` for a resource, else a literal ``text`` with datatype/lang."""

    text: str
    iri: str | None = None
    datatype: str | None = None
    lang: str | None = None

    @property
    def number(self) -> float | None:
        if self.iri is None and self.datatype in NUMERIC:
            try:
                return float(self.text)
            except ValueError:
                return None
        return None


class _Rows(Mapping):
    """entity IRI -> property IRI -> values, read from JSON; an entity's :class:`Value` objects are made on
    first use (at a million triples, making them all took seconds of start-up)."""

    def __init__(self, raw: dict[str, dict[str, list[list]]]):
        self.raw, self._made = raw, {}

    def __getitem__(self, iri: str) -> dict[str, list[Value]]:
        made = self._made.get(iri)
        if made is None:
            made = self._made[iri] = {p: [Value(*v) for v in vs] for p, vs in self.raw[iri].items()}
        return made

    def __iter__(self):
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)


@dataclass
class PropertyTable:
    """entity IRI -> property IRI -> values; labels of non-entity resources (passages, classes)."""

    rows: Mapping[str, dict[str, list[Value]]] = field(default_factory=dict)
    resource_labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def values(self, entity_iri: str, prop_iri: str) -> list[Value]:
        return self.rows.get(entity_iri, {}).get(prop_iri, [])

    def properties(self, entity_iris: list[str] | None = None) -> dict[str, int]:
        """Property IRI -> how many of the given (default: all) entities use it."""
        counts: dict[str, int] = defaultdict(int)
        for iri in entity_iris if entity_iris is not None else list(self.rows):
            for prop in self.rows.get(iri, {}):
                counts[prop] += 1
        return dict(counts)

    def to_json(self) -> dict:
        """JSON-ready (values as [text, iri, datatype, lang]), for :meth:`from_json`; read from the raw rows when
        the table has them (made by :meth:`from_store` or :meth:`from_json`: no :class:`Value` made)."""
        if isinstance(self.rows, _Rows):
            return {"rows": [[s, props] for s, props in self.rows.raw.items()], "resource_labels": self.resource_labels}
        return {"rows": [[s, {p: [[v.text, v.iri, v.datatype, v.lang] for v in vs] for p, vs in props.items()}]
                         for s, props in self.rows.items()],
                "resource_labels": self.resource_labels}

    @classmethod
    def from_json(cls, data: dict) -> "PropertyTable":
        return cls(_Rows(dict(data["rows"])), data["resource_labels"])

    @classmethod
    def from_store(cls, store, catalogue: Catalogue) -> "PropertyTable":
        """Values kept as their JSON rows (:class:`_Rows`), made into :class:`Value` objects on first use: the
        build's start-up tables only write them out (at 166k values, 2 s of the step's 17 went to the objects)."""
        rows: dict[str, dict[str, list[list]]] = {}
        entities = catalogue.entities
        for s, p, obj in _triples(store.query(_TRIPLES)):
            subject, prop = s.value, p.value
            if subject not in entities or prop in SKIPPED:
                continue
            props = rows.get(subject)
            if props is None:
                props = rows[subject] = {}
            props.setdefault(prop, []).append(_value(obj))
        return cls(_Rows(rows), resource_labels(store))

    @classmethod
    def from_previous(cls, store, catalogue: Catalogue, previous: dict, changed: set[str]) -> "PropertyTable":
        """The table :meth:`from_store` gives, made from the previous build's (``previous``: its :meth:`to_json`)
        when only the subjects ``changed`` have other triples than in that build's store (the store patch of
        :mod:`kg.storepatch`): an entity's values depend on its own triples only, in the store's order of them,
        and the entities come in the order of their first ``skos:prefLabel`` row, which is the catalogue's
        (its query's first branch); an entity changed, or not in the previous table, is read from the store."""
        before = dict(previous["rows"])
        rows: dict[str, dict[str, list[list]]] = {}
        for iri, entity in catalogue.entities.items():
            if not entity.labels:  # not a labelled entity: not in _TRIPLES's subquery
                continue
            props = None if iri in changed else before.get(iri)
            if props is None:
                props = _entity_rows(store, iri)
            if props:
                rows[iri] = props
        return cls(_Rows(rows), resource_labels(store))


def _value(obj) -> list:
    """A value's JSON row [text, iri, datatype, lang]."""
    if type(obj).__name__ == "NamedNode":
        return [obj.value, obj.value, None, None]
    return [obj.value, None, obj.datatype.value if obj.datatype else None, obj.language or None]


def _entity_rows(store, iri: str) -> dict[str, list[list]]:
    """One entity's rows of :meth:`PropertyTable.from_store`, in the same order (the store's for one subject)."""
    props: dict[str, list[list]] = {}
    for row in store.query(f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o . FILTER(!isBlank(?o)) }}"):
        if row[0].value not in SKIPPED:
            props.setdefault(row[0].value, []).append(_value(row[1]))
    return props


def resource_labels(store) -> dict[str, dict[str, str]]:
    """Labels of non-entity resources (passages' texts, classes' rdfs:label), by language, the first of each."""
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for row in store.query(_RESOURCE_LABELS):
        labels[row["r"].value].setdefault(row["label"].language or "", row["label"].value)
    return dict(labels)


def _triples(solutions):
    """(s, p, o) of each solution: by position from pyoxigraph's solutions (its values in variable order;
    a fifth of the time of reading each by name), by name from rows given as dicts."""
    if hasattr(solutions, "variables"):
        names = [v.value for v in solutions.variables]
        at = [names.index(n) for n in ("s", "p", "o")]
        if at == [0, 1, 2]:
            return iter(solutions)
        return (tuple(row[i] for i in at) for row in map(tuple, solutions))
    return ((row["s"], row["p"], row["o"]) for row in solutions)


LABEL_PROPERTIES = (str(SKOS.prefLabel), str(SKOS.altLabel))
EVIDENCE = str(NIKG.evidence)
