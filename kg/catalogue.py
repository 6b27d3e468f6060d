"""The graph's named entities (labels, aliases, types), read once from the store.

Entity linking, autocomplete and reconciliation all resolve names against this catalogue. A machine-made
English label (``nikg:machineLabel``, :mod:`kg.machine_labels`) is one more alias.
"""
from __future__ import annotations

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
        """From a store, or anything answering ``query`` with rows by variable name (:class:`kg.replay.Replay`)."""
        from .namespaces import ID

        found: dict[str, Entity] = {}
        prefix = str(ID)
        for e, kind, label, lang in columns(store.query(_QUERY), ("e", "kind", "label", "lang")):
            iri = e.value
            if not iri.startswith(prefix):
                continue
            ent = found.get(iri)
            if ent is None:
                ent = found[iri] = Entity(iri)
            if kind.value == "pref":
                ent.labels.setdefault(lang.value, label.value)
            else:
                ent.aliases.append((label.value, lang.value))
        for e, type_ in columns(store.query(_TYPES), ("e", "type")):
            ent = found.get(e.value)
            if ent is not None and type_.value not in ent.types:
                ent.types.append(type_.value)
        for e, doc in columns(store.query(_DOCUMENTS), ("e", "doc")):
            ent = found.get(e.value)
            if ent is not None:
                ent.documents.add(doc.value)
        return cls(found)


def columns(solutions, names: tuple[str, ...]):
    """Each solution's values of ``names``, as a tuple: by position from pyoxigraph's solutions (a solution iterates
    its values in variable order; a fifth of the time of reading each by name), by name from rows given as dicts."""
    if hasattr(solutions, "variables"):
        have = [v.value for v in solutions.variables]
        at = [have.index(n) for n in names]
        if at == list(range(len(have))):
            return iter(solutions)
        return (tuple(row[i] for i in at) for row in map(tuple, solutions))
    return (tuple(row[n] for n in names) for row in solutions)
