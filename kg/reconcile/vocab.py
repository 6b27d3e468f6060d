"""Identifiers and labels of the graph's entities, types and properties as the Reconciliation API shows them.

- Entity ids are data IRIs without the ``https://w3id.org/nikg/id/`` prefix (the manifest's
  ``identifierSpace``); full IRIs are accepted too.
- Type and property ids are local names in the nikg ontology (``Agency``, ``responsibleAgency``;
  the manifest's ``schemaSpace``); terms of other vocabularies use their usual prefix
  (``skos:altLabel``, ``schema:startDate``). Full IRIs are accepted too.
- Labels of types and properties come from the ontology's ``rdfs:label`` (zh and en).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..namespaces import ID, NIKG, PREFIXES

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def entity_id(iri: str) -> str:
    """The API id of a data IRI (its part after the identifier space)."""
    return iri[len(str(ID)):] if iri.startswith(str(ID)) else iri


def entity_iri(ident: str) -> str:
    """The data IRI of an API id (a full IRI or ``id:`` name is accepted as well)."""
    ident = ident.strip()
    if ident.startswith(("http://", "https://")):
        return ident
    if ident.startswith("id:"):
        ident = ident[3:]
    return str(ID) + ident


def term_id(iri: str) -> str:
    """The API id of an ontology term: a nikg local name, else prefix:name, else the IRI."""
    if iri.startswith(str(NIKG)):
        return iri[len(str(NIKG)):]
    for prefix, ns in PREFIXES.items():
        if prefix not in ("nikg", "id") and iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def term_iri(ident: str) -> str:
    """The IRI of a type or property id (local nikg name, ``prefix:name`` or full IRI)."""
    ident = ident.strip()
    if ident.startswith(("http://", "https://")):
        return ident
    prefix, sep, local = ident.partition(":")
    if sep and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    return str(NIKG) + ident


def humanize(ident: str) -> str:
    """A readable fallback name: ``responsibleAgency`` -> "responsible agency"."""
    local = ident.rsplit(":", 1)[-1].rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return _CAMEL.sub(" ", local).lower()


@dataclass
class Vocabulary:
    """Labels (lang -> text) of the ontology terms by IRI, and each nikg class's direct superclasses."""

    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    parents: dict[str, set[str]] = field(default_factory=dict)  # rdfs:subClassOf within nikg

    def name(self, iri: str, lang: str | None = None) -> str:
        """The term's label in ``lang`` (else en, else zh), else a readable form of its id."""
        found = self.labels.get(iri, {})
        for key in (lang, "en", "zh"):
            if key and key in found:
                return found[key]
        return humanize(term_id(iri))

    def names(self, iri: str) -> list[str]:
        """Every label of the term, plus its id and readable id (for suggest)."""
        return list(self.labels.get(iri, {}).values()) + [term_id(iri), humanize(term_id(iri))]

    def with_superclasses(self, types: list[str]) -> set[str]:
        """The types and all their nikg superclasses (RDF Schema §3.4: rdfs:subClassOf is transitive)."""
        seen, todo = set(), list(types)
        while todo:
            t = todo.pop()
            if t not in seen:
                seen.add(t)
                todo += self.parents.get(t, ())
        return seen

    @classmethod
    def load(cls, store=None) -> "Vocabulary":
        """Term labels and superclasses from the store when the build holds the ontology, else from
        ``ontology/nikg.ttl``."""
        rows: list[tuple[str, str, object]] = []
        if store is not None:
            query = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                     "SELECT ?t ?p ?o WHERE { VALUES ?p { rdfs:label rdfs:subClassOf } ?t ?p ?o . "
                     f"FILTER(STRSTARTS(STR(?t), \"{NIKG}\")) }}")
            rows = [(r["t"].value, r["p"].value, r["o"]) for r in store.query(query)]
        if not any(p == _LABEL for _, p, _ in rows):
            rows = _rows_from_file()
        vocab = cls()
        for term, prop, obj in rows:
            text = obj.value if isinstance(getattr(obj, "value", None), str) else str(obj)  # pyoxigraph or rdflib
            if prop == _LABEL:
                vocab.labels.setdefault(term, {}).setdefault(getattr(obj, "language", None) or "", text)
            elif text.startswith(str(NIKG)):
                vocab.parents.setdefault(term, set()).add(text)
        return vocab


_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def _rows_from_file() -> list[tuple[str, str, object]]:
    from rdflib import Graph
    from rdflib.namespace import RDFS

    from ontology import ONTOLOGY_PATH

    if not ONTOLOGY_PATH.is_file():
        return []
    graph = Graph().parse(ONTOLOGY_PATH, format="turtle")
    return [(str(s), str(p), o) for p in (RDFS.label, RDFS.subClassOf) for s, o in graph.subject_objects(p)
            if str(s).startswith(str(NIKG))]
