"""Autocomplete of entities, types and properties (Reconciliation API §6 "Suggest Services").

Entities are found by any of their names (Chinese or English preferred labels, aliases) and by
the pinyin of their Chinese names ("xinjijian" or "xjj" finds 新基建), best first; the result
always shows the entity's main label, whatever name matched.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..catalogue import Catalogue, Entity
from ..names import has_cjk, normalize, prefix_score
from .errors import UnknownType
from .vocab import Vocabulary, term_id, term_iri

PREFERRED_BONUS = 0.02
LANG_BONUS = 0.01


@dataclass
class Suggestion:
    """One suggested entity, the name that matched it and how."""

    entity: Entity
    score: float
    matched: str
    matched_lang: str
    kind: str  # "label", "alias" or "pinyin"

    def label(self, lang: str | None = None) -> str:
        """The main label in ``lang``; by default in the language of the matched name."""
        return self.entity.label(lang or self.matched_lang or None)


def check_types(catalogue: Catalogue, types: list[str], vocab: Vocabulary | None = None) -> list[str]:
    """Type IRIs for the given ids; :class:`UnknownType` when no entity has one of them (or a subclass)."""
    known = {t for e in catalogue.entities.values() for t in e.types}
    known = vocab.with_superclasses(list(known)) if vocab else known
    iris = [term_iri(t) for t in types if t]
    unknown = [t for t, iri in zip(types, iris) if iri not in known]
    if unknown:
        names = ", ".join(sorted(term_id(t) for t in known))
        raise UnknownType(f"unknown type {', '.join(repr(u) for u in unknown)}; the graph's types are: {names}")
    return iris


def _best(entity: Entity, prefix: str, lang: str | None) -> Suggestion | None:
    best: Suggestion | None = None
    latin_prefix = not has_cjk(prefix)
    for surface, name_lang, preferred in entity.names():
        score = prefix_score(prefix, surface)
        if score <= 0:
            continue
        score += (PREFERRED_BONUS if preferred else 0.0) + (LANG_BONUS if lang and name_lang == lang else 0.0)
        pinyin = latin_prefix and has_cjk(surface) and not normalize(surface).startswith(normalize(prefix))
        kind = "pinyin" if pinyin else ("label" if preferred else "alias")
        if best is None or score > best.score:
            best = Suggestion(entity, round(min(score, 1.0), 4), surface, name_lang, kind)
    return best


def suggest_entities(catalogue: Catalogue, prefix: str, lang: str | None = None, types: list[str] | None = None,
                     limit: int = 10, offset: int = 0, vocab: Vocabulary | None = None) -> list[Suggestion]:
    """Entities whose names (or their pinyin) start with ``prefix``, best first."""
    type_iris = set(check_types(catalogue, types or [], vocab))
    found = []
    for entity in catalogue.entities.values():
        have = vocab.with_superclasses(entity.types) if vocab else set(entity.types)
        if type_iris and not type_iris & have:
            continue
        hit = _best(entity, prefix, lang)
        if hit is not None:
            found.append(hit)
    found.sort(key=lambda s: (-s.score, len(s.entity.label(lang)), s.entity.iri))
    return found[offset:offset + limit]


def _rank_terms(terms: dict[str, int], vocab: Vocabulary, prefix: str, limit: int, offset: int) -> list[str]:
    scored = []
    for iri, count in terms.items():
        score = max((prefix_score(prefix, n) for n in vocab.names(iri)), default=0.0) if prefix.strip() else 1.0
        if score > 0:
            scored.append((-score, -count, term_id(iri), iri))
    return [iri for *_, iri in sorted(scored)[offset:offset + limit]]


def suggest_types(catalogue: Catalogue, vocab: Vocabulary, prefix: str, limit: int = 10, offset: int = 0) -> list[str]:
    """Type IRIs of the graph's entities whose label or id starts with ``prefix`` (all when empty)."""
    counts: dict[str, int] = {}
    for entity in catalogue.entities.values():
        for t in entity.types:
            counts[t] = counts.get(t, 0) + 1
    return _rank_terms(counts, vocab, prefix, limit, offset)


def suggest_properties(used: dict[str, int], vocab: Vocabulary, prefix: str, limit: int = 10,
                       offset: int = 0) -> list[str]:
    """Property IRIs (of ``used``: IRI -> count) whose label or id starts with ``prefix``."""
    return _rank_terms(used, vocab, prefix, limit, offset)
