"""The reconciliation service's state: catalogue, property table and vocabulary, built once per build."""
from __future__ import annotations

from dataclasses import dataclass

from ..catalogue import Catalogue, Entity
from ..names import pinyin_keys
from ..namespaces import NIKG
from . import extend as _extend
from . import matching, preview, suggest
from .table import PropertyTable
from .vocab import Vocabulary, entity_id, term_id, term_iri

_HOLDS_POST = str(NIKG.holdsPost)
MAX_POSTS = 2  # posts shown in a person's description


@dataclass
class Reconciler:
    """Everything reconciliation, suggest, preview and extension read; immutable once built."""

    catalogue: Catalogue
    table: PropertyTable
    vocab: Vocabulary

    @classmethod
    def from_store(cls, store, catalogue: Catalogue | None = None, table: PropertyTable | None = None) -> "Reconciler":
        """From the store (``catalogue`` and ``table`` when already read, e.g. from the build's start-up tables)."""
        catalogue = catalogue if catalogue is not None else Catalogue.from_store(store)
        _warm_pinyin(catalogue)
        table = table if table is not None else PropertyTable.from_store(store, catalogue)
        return cls(catalogue, table, Vocabulary.load(store))

    # reconciliation
    def match(self, query: matching.MatchQuery) -> list[matching.Candidate]:
        """Scored candidates for one query. A type or property the graph lacks matches nothing
        (the spec's valid queries name types of other services: they get no candidates, not an error)."""
        return matching.match(query, self.catalogue, self.table, self.vocab)

    def type_refs(self, entity: Entity, lang: str | None) -> list[dict]:
        return [{"id": term_id(t), "name": self.vocab.name(t, lang)} for t in entity.types]

    def description(self, entity: Entity, lang: str | None) -> str:
        """The other language's label, the types, a person's posts (国务院副总理) and the document an entity of one
        document is stated in: namesakes of two documents (孙春兰 of two rosters) are told apart."""
        shown = entity.label(lang)
        other = [v for k, v in sorted(entity.labels.items()) if v != shown]
        types = ", ".join(self.vocab.name(t, lang) for t in entity.types)
        posts = "、".join(sorted({self._label(v.iri, lang) for v in self.table.values(entity.iri, _HOLDS_POST) if v.iri}
                                )[:MAX_POSTS])
        where = next(iter(entity.documents)) if len(entity.documents) == 1 else ""
        return " · ".join(x for x in (other[0] if other else "", types, posts, where) if x)

    def _label(self, iri: str, lang: str | None) -> str:
        found = self.catalogue.get(iri)
        return found.label(lang) if found else iri.rsplit("/", 1)[-1]

    # suggest
    def suggest_entities(self, prefix: str, lang: str | None = None, types: list[str] | None = None,
                         limit: int = 10, offset: int = 0) -> list[suggest.Suggestion]:
        return suggest.suggest_entities(self.catalogue, prefix, lang, types, limit, offset, self.vocab)

    def suggest_types(self, prefix: str, limit: int = 10, offset: int = 0) -> list[str]:
        return suggest.suggest_types(self.catalogue, self.vocab, prefix, limit, offset)

    def suggest_properties(self, prefix: str, limit: int = 10, offset: int = 0) -> list[str]:
        return suggest.suggest_properties(self.table.properties(), self.vocab, prefix, limit, offset)

    # preview
    def preview_page(self, ident: str, lang: str = "zh") -> str:
        return preview.page(preview.lookup(self.catalogue, ident), self.table, self.catalogue, self.vocab, lang)

    def flyout(self, ident: str, lang: str = "zh") -> dict:
        entity = preview.lookup(self.catalogue, ident)
        return {"id": entity_id(entity.iri),
                "html": preview.body(entity, self.table, self.catalogue, self.vocab, lang)}

    # data extension
    def propose(self, type_id: str | None, limit: int = 20) -> list[str]:
        type_iri = suggest.check_types(self.catalogue, [type_id], self.vocab)[0] if type_id else None
        return _extend.propose(self.catalogue, self.table, type_iri, self.vocab)[:limit]

    def extend(self, ids: list[str], prop_ids: list[str], settings: dict[str, dict], lang: str | None = None
               ) -> tuple[list[dict], dict[str, dict[str, list[dict]]]]:
        """(meta, rows): rows[id][property id] = values; settings by property id."""
        iris = [term_iri(p) for p in prop_ids]
        meta = [_extend.meta(self.catalogue, self.table, self.vocab, iri, lang) for iri in iris]
        rows = {}
        for ident in ids:
            rows[ident] = {pid: _extend.property_values(self.table, self.catalogue, self.vocab, ident, iri,
                                                        {"lang": lang, **settings.get(pid, {})})
                           for pid, iri in zip(prop_ids, iris)}
        return meta, rows

    def property_ref(self, prop_iri: str, lang: str | None = None) -> dict:
        return {"id": term_id(prop_iri), "name": self.vocab.name(prop_iri, lang)}

    def type_ref(self, type_iri: str, lang: str | None = None) -> dict:
        return {"id": term_id(type_iri), "name": self.vocab.name(term_iri(type_iri), lang)}


def _warm_pinyin(catalogue: Catalogue) -> None:
    """Fill the pinyin cache once, not on the first query, when every name fits in it. (When they do not,
    each Latin-script suggest recomputes names pushed out anyway: warming is wasted; at a million
    triples it was 15 s of start-up for nothing.)"""
    names = [surface for entity in catalogue.entities.values() for surface, _, _ in entity.names()]
    if len(names) <= (pinyin_keys.cache_info().maxsize or 0):
        for surface in names:
            pinyin_keys(surface)
