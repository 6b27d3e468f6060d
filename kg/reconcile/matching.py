"""Reconciliation matching: names, types and property conditions to scored candidates.

The score of a candidate is a fixed function of the evidence for it, not of the other
candidates, so scores are comparable across queries (W3C Reconciliation API 1.0-draft §4.3,
``standardizedScore``: 0..100):

    score = 100 * (2 * name + sum(property_i)) / (2 + n)        (name given, n conditions)
    score = 100 * mean(property_i)                               (no name)

``name`` is :func:`kg.names.name_score` against the entity's best label or alias, each
``property_i`` the agreement in [0, 1] of one condition with the entity's values. A candidate of
another type is dropped, or multiplied by 0.85 when the types are only preferred
(``type_strict: "should"``). ``match`` is true only for a confident unique candidate: score at
least :data:`MATCH_SCORE` and :data:`MATCH_MARGIN` above the next one.
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from typing import Literal, Union

from ..catalogue import Catalogue, Entity
from ..names import has_cjk, name_score, normalize
from .table import PropertyTable, Value
from .vocab import Vocabulary, entity_iri, entity_id, term_iri

MATCH_SCORE = 85.0
MATCH_MARGIN = 10.0
MIN_SCORE = 30.0
NAME_WEIGHT = 2.0
SHOULD_TYPE_PENALTY = 0.85
REQUIRED_AGREEMENT = 0.8

PropertyValue = Union[str, float, int, bool, dict]


@dataclass
class Condition:
    """One property condition: values compared with the entity's values of ``prop``."""

    prop: str  # property id or IRI
    values: list[PropertyValue]
    required: bool = False
    quantifier: Literal["any", "all", "none"] = "any"
    qualifier: str | None = None  # e.g. "WildcardMatch", "ExactMatch"


@dataclass
class MatchQuery:
    """A version-neutral reconciliation query."""

    names: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    type_strict: Literal["any", "all", "should"] = "any"
    conditions: list[Condition] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # 1.0 "id" conditions: restrict to these
    limit: int = 5
    lang: str | None = None


@dataclass
class Candidate:
    entity: Entity
    score: float
    name: float
    features: dict[str, float | bool]
    match: bool = False

    @property
    def id(self) -> str:
        return entity_id(self.entity.iri)


def display_lang(query: MatchQuery) -> str:
    """The language to show names in: the query's, else en for a Latin-script name, else zh."""
    if query.lang:
        return query.lang.split("-")[0].lower()
    return "en" if query.names and not any(has_cjk(n) for n in query.names) else "zh"


def best_name(entity: Entity, names: list[str]) -> float:
    return max((name_score(q, surface) for q in names for surface, _, _ in entity.names()), default=0.0)


def _resource_names(value: Value, catalogue: Catalogue, table: PropertyTable) -> list[str]:
    ent = catalogue.get(value.iri) if value.iri else None
    if ent is not None:
        return [s for s, _, _ in ent.names()]
    return list(table.resource_labels.get(value.iri or "", {}).values())


def value_agreement(wanted: PropertyValue, have: list[Value], catalogue: Catalogue, table: PropertyTable,
                    qualifier: str | None = None) -> float:
    """Agreement in [0, 1] of one query value with an entity's values of a property."""
    if isinstance(wanted, dict):
        target = entity_iri(str(wanted.get("id", "")))
        if any(v.iri == target for v in have):
            return 1.0
        wanted = wanted.get("name") or ""
        if not wanted:
            return 0.0
        return 0.9 * value_agreement(wanted, have, catalogue, table, qualifier)
    if isinstance(wanted, bool):
        return 1.0 if any(v.text.lower() == str(wanted).lower() for v in have) else 0.0
    if isinstance(wanted, (int, float)):
        return 1.0 if any(v.number is not None and abs(v.number - float(wanted)) <= 1e-9 * max(1.0, abs(v.number))
                          for v in have) else 0.0
    return _text_agreement(str(wanted), have, catalogue, table, qualifier)


def _text_agreement(wanted: str, have: list[Value], catalogue: Catalogue, table: PropertyTable,
                    qualifier: str | None) -> float:
    best = 0.0
    as_iri = entity_iri(wanted) if wanted and " " not in wanted else None
    wildcard = "*" in wanted or qualifier == "WildcardMatch"
    pattern = "*".join(normalize(part) for part in wanted.split("*"))
    for value in have:
        if value.iri and value.iri in (wanted, as_iri):
            return 1.0
        surfaces = _resource_names(value, catalogue, table) if value.iri else [value.text]
        for surface in surfaces:
            if wildcard and fnmatch.fnmatchcase(normalize(surface), pattern):
                return 1.0
            if value.number is not None:
                try:
                    if abs(float(wanted) - value.number) <= 1e-9 * max(1.0, abs(value.number)):
                        return 1.0
                except ValueError:
                    pass
            sim = 1.0 if normalize(surface) == normalize(wanted) else name_score(wanted, surface)
            best = max(best, 0.0 if qualifier == "ExactMatch" and sim < 1.0 else sim)
    return best


def condition_agreement(cond: Condition, entity: Entity, catalogue: Catalogue, table: PropertyTable) -> float:
    have = table.values(entity.iri, term_iri(cond.prop))
    scores = [value_agreement(v, have, catalogue, table, cond.qualifier) for v in cond.values] or [0.0]
    if cond.quantifier == "all":
        return min(scores)
    if cond.quantifier == "none":
        return 1.0 - max(scores)
    return max(scores)


def _type_ok(entity: Entity, types: list[str], strict: str, vocab: Vocabulary | None) -> bool:
    if not types:
        return True
    wanted = {term_iri(t) for t in types}
    have = vocab.with_superclasses(entity.types) if vocab else set(entity.types)
    return wanted <= have if strict == "all" else bool(wanted & have)


def _score(query: MatchQuery, entity: Entity, catalogue: Catalogue, table: PropertyTable,
           vocab: Vocabulary | None) -> Candidate | None:
    features: dict[str, float | bool] = {}
    name = best_name(entity, query.names) if query.names else 0.0
    if query.names:
        features["name"] = round(name, 4)
        n = len(query.conditions)
        if 100 * (NAME_WEIGHT * name + n) / (NAME_WEIGHT + n) < MIN_SCORE:
            return None  # cannot reach MIN_SCORE even if every condition agrees
    agreements = []
    for cond in query.conditions:
        agree = condition_agreement(cond, entity, catalogue, table)
        if cond.required and agree < REQUIRED_AGREEMENT:
            return None
        features[f"property:{cond.prop}"] = round(agree, 4)
        agreements.append(agree)
    if query.names:
        score = 100 * (NAME_WEIGHT * name + sum(agreements)) / (NAME_WEIGHT + len(agreements))
    else:
        score = 100 * sum(agreements) / max(1, len(agreements)) if agreements else 100.0
    if query.types:
        type_ok = _type_ok(entity, query.types, query.type_strict, vocab)
        features["type_match"] = type_ok
        if not type_ok:
            if query.type_strict != "should":
                return None
            score *= SHOULD_TYPE_PENALTY
    return Candidate(entity, round(score, 2), name, features)


def match(query: MatchQuery, catalogue: Catalogue, table: PropertyTable,
          vocab: Vocabulary | None = None) -> list[Candidate]:
    """Candidates for one query, best first, at most ``query.limit``; see the module doc for scores.
    With ``vocab``, an entity also has the superclasses of its types (a Target is a Quantity)."""
    if not (query.names or query.conditions or query.ids):
        return []  # a blank name and nothing else: no evidence for any entity
    pool = catalogue.entities.values()
    if query.ids:
        wanted = {entity_iri(i) for i in query.ids}
        pool = [e for e in pool if e.iri in wanted]
    found = [c for c in (_score(query, e, catalogue, table, vocab) for e in pool)
             if c is not None and c.score >= MIN_SCORE]
    found.sort(key=lambda c: (-c.score, -c.name, len(c.entity.label()), c.entity.iri))
    if found and found[0].score >= MATCH_SCORE and (len(found) == 1 or found[0].score - found[1].score >= MATCH_MARGIN):
        found[0].match = True
    return found[:max(0, query.limit)]
