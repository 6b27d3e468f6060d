"""Extracted records (:mod:`kg.extract.model`) -> RDF, beside the curated layer.

Each mention becomes an entity of its class with ``skos:prefLabel@lang``, ``nikg:quote`` (the text
of each of its spans) and ``nikg:evidence`` to every passage a span overlaps, ``prov:wasGeneratedBy``
a ``nikg:Extraction`` (extractor name and version, PROV-O §3.1). Its IRI is the curated one when it
restates a curated entity (:mod:`kg.extract.identity`); then the curated layer wins: a label or a
value the curated entity already has is not added, only what it lacks (evidence, quotes, deadline,
relations). Records the shapes would reject (a target without value or unit, an event without a date,
a post without person or agency) are dropped and counted.
"""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV

from ..documents import Document
from ..memgraph import new_graph
from ..namespaces import ID, NIKG, RDF, SCHEMA, SKOS, XSD, bind_all
from ..passages import Passage, document_iri
from .identity import CuratedIndex, assign, minted_iri, slug
from .model import Extraction, Mention

QUANTITIES = {"Target", "Indicator", "DeclaredCount"}
ENTITY_KINDS = {"ActionPlan", "Action", "Task", "PolicyMeasure", "Goal", "Principle", "Target", "Indicator",
                "Agency", "Organization", "Person", "Post", "Place", "Event", "Facility", "DeclaredCount"}
COMPARATORS = {"AtLeast", "MoreThan", "AtMost", "Exactly", "About"}


@dataclass
class Result:
    """The triples of one document's extraction and how its mentions were resolved."""

    graph: Graph
    iris: dict[str, URIRef] = field(default_factory=dict)  # mention key -> IRI
    curated: set[str] = field(default_factory=set)  # keys that took a curated IRI
    dropped: list[str] = field(default_factory=list)  # "kind label: reason"


def evidence_of(m: Mention, passages: list[Passage], spans: "PassageSpans | None" = None) -> list[Passage]:
    """The passages any span of ``m`` overlaps (in ``passages`` order); ``spans``: :class:`PassageSpans` of
    ``passages``, to find them by bisection instead of testing every passage."""
    if spans is not None and spans.sorted:
        return spans.overlapping(m.all_spans())
    return [p for p in passages if any(s.start < p.end and p.start < s.end for s in m.all_spans())]


class PassageSpans:
    """A document's passages by position: when their starts and ends both rise (a document's passages in text
    order), the passages a span ``[a, b)`` overlaps are those from the first ending after ``a`` to the last
    starting before ``b`` (bisection; 14k mentions times 65 passages tested one by one took 1.3 s at 300
    documents)."""

    def __init__(self, passages: list[Passage]):
        self.passages = passages
        self.starts, self.ends = [p.start for p in passages], [p.end for p in passages]
        self.sorted = all(a <= b for a, b in zip(self.starts, self.starts[1:])) and all(
            a <= b for a, b in zip(self.ends, self.ends[1:]))

    def overlapping(self, spans) -> list[Passage]:
        found: set[int] = set()
        for s in spans:
            found.update(range(bisect.bisect_right(self.ends, s.start), bisect.bisect_left(self.starts, s.end)))
        return [self.passages[i] for i in sorted(found)]


def _drop_reason(m: Mention) -> str | None:
    if m.kind not in ENTITY_KINDS:
        return "not an entity class"
    if m.kind in QUANTITIES and (m.props.get("value") is None or not m.props.get("unit")):
        return "a quantity needs a value and a unit"
    if m.kind == "Event" and not isinstance(m.props.get("date"), dt.date):
        return "an event needs a date"
    return None


def activity(g: Graph, doc: Document, extractor: str, version: str) -> URIRef:
    a = ID[f"activity/extraction/{doc.id}/{slug(extractor)}"]
    g.add((a, RDF.type, NIKG.Extraction))
    g.add((a, NIKG.extractor, Literal(extractor)))
    g.add((a, NIKG.extractorVersion, Literal(version)))
    g.add((a, PROV.used, URIRef(document_iri(doc.id))))
    return a


def _props(g: Graph, s: URIRef, m: Mention, add) -> None:
    p = m.props
    if m.kind in QUANTITIES:
        add(NIKG.value, Literal(Decimal(str(p["value"])).normalize(), datatype=XSD.decimal))
        add(NIKG.unit, Literal(str(p["unit"])))
        add(NIKG.comparator, NIKG[p.get("comparator") if p.get("comparator") in COMPARATORS else "Exactly"])
        if p.get("quantity_text"):
            add(NIKG.quantityText, Literal(p["quantity_text"], lang=m.lang))
    if isinstance(p.get("deadline"), dt.date):
        add(NIKG.deadline, Literal(p["deadline"].isoformat(), datatype=XSD.date))
    if m.kind == "Event":
        add(SCHEMA.startDate, Literal(p["date"].isoformat(), datatype=XSD.date))
    for key, prop in (("period_start", NIKG.periodStart), ("period_end", NIKG.periodEnd)):
        if p.get(key):
            add(prop, Literal(f"{int(p[key]):04d}", datatype=XSD.gYear))
    if p.get("jurisdiction"):
        add(NIKG.jurisdiction, Literal(p["jurisdiction"]))
    if p.get("number"):
        add(SKOS.notation, Literal(str(p["number"])))


def _entity(g: Graph, s: URIRef, m: Mention, ev: list[Passage], act: URIRef, doc: Document, curated: CuratedIndex,
            is_curated: bool) -> None:
    def add(prop, obj):
        if not (is_curated and curated.has(s, prop)):
            g.add((s, prop, obj))

    g.add((s, RDF.type, NIKG[m.kind]))
    g.add((s, PROV.wasGeneratedBy, act))
    full = m.props.get("full_name")
    add(SKOS.prefLabel, Literal(full or m.label, lang=m.lang))
    if full and full != m.label:
        add(SKOS.altLabel, Literal(m.label, lang=m.lang))
    for span in m.all_spans():
        g.add((s, NIKG.quote, Literal(doc.text[span.start:span.end], lang=m.lang)))
    for p in ev:
        g.add((s, NIKG.evidence, URIRef(p.iri)))
    _props(g, s, m, add)


__all__ = ["Result", "extraction_graph", "evidence_of", "activity", "PassageSpans"]


def extraction_graph(ext: Extraction, doc: Document, passages: list[Passage], curated: CuratedIndex | None = None,
                     version: str = "0", partner_iris: dict[tuple, URIRef] | None = None) -> Result:
    """The RDF of one document's extraction. ``partner_iris`` maps a (kind, value/date signature) of an
    entity of a ``same_event_as`` document to its IRI, so a report in the other language reuses it."""
    from .relations import add_relations, signature

    curated = curated or CuratedIndex(None)
    g = new_graph()
    bind_all(g)
    result = Result(g)
    kept, evidence, spans = [], {}, PassageSpans(passages)
    for m in ext.mentions:
        reason = _drop_reason(m)
        found = [] if reason else evidence_of(m, passages, spans)  # once a mention
        reason = reason or (None if found else "no passage overlaps its span")
        if reason:
            result.dropped.append(f"{m.kind} {m.label!r}: {reason}")
            continue
        kept.append(m)
        evidence[m.key] = found
    taken = assign([(m.key, m.kind, m.label, {p.iri for p in evidence[m.key]}) for m in kept], curated)
    used: set[URIRef] = set(taken.values())
    for m in kept:
        iri = taken.get(m.key) or (partner_iris or {}).get(signature(m))
        if iri is None:
            iri = minted_iri(doc.id, m.kind, m.props.get("full_name") or m.label)
            iri = minted_iri(doc.id, m.kind, f"{m.label} {m.key}") if iri in used else iri
        used.add(iri)
        result.iris[m.key] = iri
        if m.key in taken:
            result.curated.add(m.key)
    acts: dict[str, URIRef] = {}
    for m in kept:
        act = acts.get(m.extractor) or acts.setdefault(m.extractor, activity(g, doc, m.extractor, version))
        _entity(g, result.iris[m.key], m, evidence[m.key], act, doc, curated, m.key in result.curated)
    add_relations(result, ext, {m.key: m for m in kept}, curated, doc)
    return result
