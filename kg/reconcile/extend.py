"""Data extension (Reconciliation API §7): property proposals and property values of entities.

Values come out in the 1.0-draft shapes (``{"id", "name"}``, ``{"str", "lang"}``, ``{"int"}``,
``{"float"}``, ``{"date"}``); the 0.2 route drops ``lang``, which 0.2 does not allow.
"""
from __future__ import annotations

import re
from collections import Counter

from ..catalogue import Catalogue
from ..namespaces import ID
from .table import DATES, INTEGER, NUMERIC, PropertyTable, Value
from .vocab import Vocabulary, entity_id, entity_iri, term_id

_DATE = re.compile(r"^(-?\d{4,})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:\d{2})?)?$")
NAME_CHARS = 80


def propose(catalogue: Catalogue, table: PropertyTable, type_iri: str | None, vocab: Vocabulary | None = None
            ) -> list[str]:
    """Property IRIs used by entities of the type or its subclasses (all entities when None), most used first."""
    def has(entity) -> bool:
        return type_iri in (vocab.with_superclasses(entity.types) if vocab else entity.types)

    members = [e.iri for e in catalogue.entities.values() if type_iri is None or has(e)]
    counts = table.properties(members)
    return sorted(counts, key=lambda p: (-counts[p], term_id(p)))


def _date(text: str) -> str | None:
    m = _DATE.match(text.strip())
    if not m:
        return None
    year, month, day, time, zone = m.groups()
    return f"{year}-{month or '01'}-{day or '01'}T{time or '00:00:00'}{zone or 'Z'}"


def _literal(value: Value) -> dict:
    if value.datatype in NUMERIC:
        try:
            number = float(value.text)
        except ValueError:
            return {"str": value.text}
        if value.datatype in INTEGER or (number.is_integer() and abs(number) < 2 ** 53):
            return {"int": int(number)}
        return {"float": number}
    if value.datatype in DATES and (date := _date(value.text)):
        return {"date": date}
    return {"str": value.text, "lang": value.lang} if value.lang else {"str": value.text}


def render_value(value: Value, catalogue: Catalogue, table: PropertyTable, vocab: Vocabulary,
                 lang: str | None) -> dict:
    """One value as a Reconciliation API value object."""
    if value.iri is None:
        return _literal(value)
    entity = catalogue.get(value.iri)
    if entity is not None:
        return {"id": entity_id(value.iri), "name": entity.label(lang)}
    labels = table.resource_labels.get(value.iri) or vocab.labels.get(value.iri)
    if labels:
        text = labels.get(lang or "", "") or next(iter(labels.values()))
        name = text if len(text) <= NAME_CHARS else text[:NAME_CHARS - 1] + "…"
        ident = entity_id(value.iri) if value.iri.startswith(str(ID)) else term_id(value.iri)
        return {"id": ident, "name": name}
    return {"str": value.iri}


def property_values(table: PropertyTable, catalogue: Catalogue, vocab: Vocabulary, ident: str, prop_iri: str,
                    settings: dict) -> list[dict]:
    """Values of one property of one entity, honouring the ``lang`` and ``limit`` settings."""
    lang = str(settings.get("lang") or "") or None
    values = table.values(entity_iri(ident), prop_iri)
    if lang and any(v.lang == lang for v in values):
        values = [v for v in values if v.lang in (None, lang)]
    try:
        limit = int(settings.get("limit") or 0)
    except (TypeError, ValueError):
        limit = 0
    rendered = [render_value(v, catalogue, table, vocab, lang) for v in values]
    return rendered[:limit] if limit > 0 else rendered


def meta(catalogue: Catalogue, table: PropertyTable, vocab: Vocabulary, prop_iri: str, lang: str | None) -> dict:
    """``{"id", "name"[, "type"]}`` of a property; the type is the commonest type of entity values."""
    kinds: Counter[str] = Counter()
    for props in table.rows.values():
        for value in props.get(prop_iri, []):
            entity = catalogue.get(value.iri) if value.iri else None
            kinds.update(entity.types if entity else [])
    known = prop_iri in vocab.labels or any(prop_iri in props for props in table.rows.values())
    name = vocab.name(prop_iri, lang) if known else f"{term_id(prop_iri)} (unknown property: no values)"
    out = {"id": term_id(prop_iri), "name": name}
    if kinds:
        top = kinds.most_common(1)[0][0]
        out["type"] = {"id": term_id(top), "name": vocab.name(top, lang)}
    return out
