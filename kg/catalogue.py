"""The graph's named entities (labels, aliases, types), read once from the store.

Entity linking, autocomplete and reconciliation all resolve names against this catalogue. A machine-made
English label (``nikg:machineLabel``, :mod:`kg.machine_labels`) is one more alias.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .namespaces import sparql_prologue

_QUERY = sparql_prologue() + """
SELECT ?e ?kind ?label ?lang WHERE {
  { ?e skos:prefLabel ?label . BIND("pref" AS ?kind) }
  UNION
  { ?e skos:altLabel ?label . BIND("alt" AS ?kind) }
  UNION
  { ?e nikg:machineLabel ?label . BIND("alt" AS ?kind) }
  FILTER(isIRI(?e))
  BIND(LANG(?label) AS ?lang)
}
"""
_DOCUMENTS = sparql_prologue() + """
SELECT DISTINCT ?e ?doc WHERE { ?e nikg:evidence ?p . ?p dcterms:isPartOf ?d . ?d dcterms:identifier ?doc }
"""
_TYPES = sparql_prologue() + """
SELECT ?e ?type WHERE { ?e skos:prefLabel ?l ; a ?type . FILTER(isIRI(?e) && STRSTARTS(STR(?type), STR(nikg:))) }
"""


@dataclass
class Entity:
    """A named thing of the graph: its IRI, nikg types, preferred labels by language, aliases."""

    iri: str
    types: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # lang -> skos:prefLabel
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (text, lang) from skos:altLabel, nikg:machineLabel
    documents: set[str] = field(default_factory=set)  # ids of the documents its evidence is in

    def label(self, lang: str | None = None) -> str:
        """The preferred label in ``lang``, else zh, else en, else the IRI."""
        for key in (lang, "zh", "en"):
            if key and key in self.labels:
                return self.labels[key]
        return next(iter(self.labels.values()), self.iri)

    def names(self) -> list[tuple[str, str, bool]]:
        """Every (surface, lang, is_preferred) by which the entity may be named."""
        return [(t, lang, True) for lang, t in self.labels.items()] + [(t, lang, False) for t, lang in self.aliases]

    @property
    def type_names(self) -> list[str]:
        return [t.rsplit("#", 1)[-1] for t in self.types]


class Catalogue:
    """Entities by IRI; built from a pyoxigraph store (ontology terms excluded)."""

    def __init__(self, entities: dict[str, Entity]):
        self.entities = entities

    def __len__(self) -> int:
        return len(self.entities)

    def __contains__(self, iri: str) -> bool:
        return iri in self.entities

    def get(self, iri: str) -> Entity | None:
        return self.entities.get(iri)

    def of_type(self, type_iri: str) -> list[Entity]:
        return [e for e in self.entities.values() if type_iri in e.types]

    def rows(self) -> list[list]:
        """The entities as JSON-ready rows (in catalogue order), for :meth:`from_rows`."""
        return [[e.iri, e.types, e.labels, e.aliases, sorted(e.documents)] for e in self.entities.values()]

    @classmethod
    def from_rows(cls, rows) -> "Catalogue":
        return cls({iri: Entity(iri, types, labels, [tuple(a) for a in aliases], set(docs))
                    for iri, types, labels, aliases, docs in rows})

    @classmethod
    def from_store(cls, store) -> "Catalogue":
        from .namespaces import ID

        found: dict[str, Entity] = defaultdict(lambda: Entity(""))
        for row in store.query(_QUERY):
            iri = row["e"].value
            if not iri.startswith(str(ID)):
                continue
            ent = found[iri]
            ent.iri = iri
            text, lang = row["label"].value, row["lang"].value
            if row["kind"].value == "pref":
                ent.labels.setdefault(lang, text)
            else:
                ent.aliases.append((text, lang))
        for row in store.query(_TYPES):
            iri = row["e"].value
            if iri in found and row["type"].value not in found[iri].types:
                found[iri].types.append(row["type"].value)
        for row in store.query(_DOCUMENTS):
            if row["e"].value in found:
                found[row["e"].value].documents.add(row["doc"].value)
        return cls(dict(found))
