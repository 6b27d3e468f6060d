"""HTML previews of entities (Reconciliation API §5 "Preview Service") and 0.2 flyouts.

A preview fits the manifest's iframe (width x height): both labels, types, aliases, the
entity's literal facts (value, unit, deadline...), its links to other entities, and the source
passage it is stated in. Every text is HTML-escaped.
"""
from __future__ import annotations

from html import escape

from ..catalogue import Catalogue, Entity
from .errors import UnknownEntity
from .extend import render_value
from .table import EVIDENCE, LABEL_PROPERTIES, PropertyTable
from .vocab import Vocabulary, entity_id, entity_iri

WIDTH, HEIGHT = 430, 300
MAX_FACTS = 8
MAX_EVIDENCE = 2
_STYLE = ("body{font:13px/1.35 sans-serif;margin:6px;color:#222}h1{font-size:15px;margin:0 0 2px}"
          ".en{color:#555}.t{color:#06c;font-size:11px}dl{margin:4px 0}dt{float:left;clear:left;color:#777;"
          "margin-right:6px}dd{margin:0 0 2px}blockquote{margin:4px 0;padding-left:6px;border-left:3px solid #ccc;"
          "color:#444}")


def lookup(catalogue: Catalogue, ident: str) -> Entity:
    """The entity of an API id or IRI; :class:`UnknownEntity` when the graph has none."""
    entity = catalogue.get(entity_iri(ident)) if ident and ident.strip() else None
    if entity is None:
        raise UnknownEntity(f"no entity with id {ident!r}")
    return entity


def _show(value: dict) -> str:
    for key in ("name", "str", "int", "float", "date"):
        if key in value:
            return str(value[key])
    return ""


def _facts(entity: Entity, table: PropertyTable, catalogue: Catalogue, vocab: Vocabulary, lang: str) -> str:
    rows = []
    for prop, values in table.rows.get(entity.iri, {}).items():
        if prop in LABEL_PROPERTIES or prop == EVIDENCE:
            continue
        shown = ", ".join(_show(render_value(v, catalogue, table, vocab, lang)) for v in values[:4])
        rows.append(f"<dt>{escape(vocab.name(prop, lang))}</dt><dd>{escape(shown)}</dd>")
    return "<dl>" + "".join(rows[:MAX_FACTS]) + "</dl>" if rows else ""


def _evidence(entity: Entity, table: PropertyTable, lang: str) -> str:
    quotes = []
    for value in table.values(entity.iri, EVIDENCE):
        labels = table.resource_labels.get(value.iri or "", {})
        text = labels.get(lang) or next(iter(labels.values()), "")
        if text:
            quotes.append(f"<blockquote>{escape(text)}</blockquote>")
    return "".join(quotes[:MAX_EVIDENCE])


def body(entity: Entity, table: PropertyTable, catalogue: Catalogue, vocab: Vocabulary, lang: str = "zh") -> str:
    """The preview's inner HTML."""
    other = "en" if lang == "zh" else "zh"
    types = " · ".join(escape(vocab.name(t, lang)) for t in entity.types)
    aliases = "、".join(escape(a) for a, _ in entity.aliases)
    parts = [f"<h1>{escape(entity.label(lang))}</h1>"]
    if other in entity.labels and entity.labels[other] != entity.label(lang):
        parts.append(f"<div class=\"en\">{escape(entity.labels[other])}</div>")
    parts.append(f"<div class=\"t\">{types} · {escape(entity_id(entity.iri))}</div>")
    if aliases:
        parts.append(f"<div>{'别名' if lang == 'zh' else 'Also'}: {aliases}</div>")
    parts += [_facts(entity, table, catalogue, vocab, lang), _evidence(entity, table, lang)]
    return "".join(parts)


def page(entity: Entity, table: PropertyTable, catalogue: Catalogue, vocab: Vocabulary, lang: str = "zh") -> str:
    """A complete HTML document for the preview iframe."""
    return (f"<!DOCTYPE html><html lang=\"{escape(lang)}\"><head><meta charset=\"utf-8\"><title>"
            f"{escape(entity.label(lang))}</title><style>{_STYLE}</style></head><body>"
            f"{body(entity, table, catalogue, vocab, lang)}</body></html>")


__all__ = ["WIDTH", "HEIGHT", "lookup", "body", "page"]
