"""Extracted relations and the document frame as RDF (used by :mod:`kg.extract.graph`).

``Relation(subject, predicate, object)`` joins two kept mentions of a document by key; the predicate
is a nikg property (``leadAgency`` also states ``responsibleAgency``, its superproperty, so queries
need no inference). Posts become ``org:Membership`` nodes (W3C ORG §5.4): ``holdsPost`` gives the
post its ``org:member``, an affiliation of the post (or the holder's only affiliation) its
``org:organization``; a post with neither is dropped. The curated layer wins: a task the curated
graph already places in an action, or a lead agency it already names, is not given another.
A ``Document`` mention describes the document itself (文号, date of issue, issuing body).
"""
from __future__ import annotations

import datetime as dt

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from ..documents import Document
from ..namespaces import NIKG, ORG, XSD
from ..passages import document_iri
from .identity import CuratedIndex
from .model import Extraction, Mention

# At most one per object (the task is in one action) or per subject (one lead agency).
ONE_PARENT = {"hasTask", "hasAction", "hasTarget", "hasIndicator"}  # one parent each: a curated parent wins
ONE_VALUE = {"leadAgency"}
KNOWN = {"hasAction", "hasTask", "hasMeasure", "hasGoal", "hasPrinciple", "hasTarget", "hasIndicator",
         "responsibleAgency", "leadAgency", "holdsPost", "affiliation", "participant", "organizer", "about",
         "locatedIn", "approvedAt"}


def signature(m: Mention) -> tuple | None:
    """What identifies an entity across languages of one event: a quantity's value and unit, an event's date."""
    if m.kind in ("Target", "Indicator") and m.props.get("value") is not None:
        return (m.kind, float(m.props["value"]), str(m.props.get("unit")))
    if m.kind == "Event" and isinstance(m.props.get("date"), dt.date):
        return (m.kind, m.props["date"].isoformat())
    return None


def _frame(result, ext: Extraction, doc: Document) -> None:
    g, d = result.graph, URIRef(document_iri(doc.id))
    for m in ext.mentions:
        if m.kind != "Document":
            continue
        if m.props.get("number"):
            g.add((d, NIKG.documentNumber, Literal(str(m.props["number"]))))
        if isinstance(m.props.get("issued"), dt.date):
            g.add((d, DCTERMS.issued, Literal(m.props["issued"].isoformat(), datatype=XSD.date)))
        for key in m.props.get("issuer_keys") or [m.props.get("issuer_key")]:
            if (issuer := result.iris.get(key)) is not None:
                g.add((d, DCTERMS.publisher, issuer))


def _posts(result, ext: Extraction, kept: dict[str, Mention], curated: CuratedIndex) -> None:
    g = result.graph
    holder = {r.object: r.subject for r in ext.relations if r.predicate == "holdsPost"}
    person_orgs: dict[str, list[str]] = {}
    for r in ext.relations:
        if r.predicate == "affiliation" and kept.get(r.subject) and kept[r.subject].kind == "Person":
            person_orgs.setdefault(r.subject, []).append(r.object)
    for key, m in kept.items():
        if m.kind != "Post":
            continue
        org = [r.object for r in ext.relations if r.subject == key and r.predicate == "affiliation"]
        person = holder.get(key)
        if not org and person and len(person_orgs.get(person, [])) == 1:
            org = person_orgs[person]
        if person not in result.iris or not org or org[0] not in result.iris:
            s = result.iris[key]
            g.remove((s, None, None))
            result.dropped.append(f"Post {m.label!r}: a post needs its holder and its agency or organisation")
            del result.iris[key]
            continue
        for prop, obj in ((ORG.member, result.iris[person]), (ORG.organization, result.iris[org[0]])):
            if not curated.has(result.iris[key], prop):  # the curated post keeps its holder and agency
                g.add((result.iris[key], prop, obj))


def add_relations(result, ext: Extraction, kept: dict[str, Mention], curated: CuratedIndex, doc: Document) -> None:
    _posts(result, ext, kept, curated)
    g, seen_one = result.graph, set()
    for r in ext.relations:
        s, o = result.iris.get(r.subject), result.iris.get(r.object)
        if s is None or o is None or r.predicate not in KNOWN:
            continue
        p = NIKG[r.predicate]
        if r.predicate in ONE_PARENT:
            if curated.has_object(p, o) or (p, o) in seen_one:
                continue
            if r.predicate == "hasTask" and kept[r.subject].kind != "Action":
                g.add((s, DCTERMS.hasPart, o))  # a task of a text without actions hangs from its plan
                continue
            seen_one.add((p, o))
        if r.predicate in ONE_VALUE:
            if curated.has(s, p) or (s, p) in seen_one:
                p = NIKG.responsibleAgency
            else:
                seen_one.add((s, p))
        if r.predicate == "affiliation" and kept[r.subject].kind == "Post":
            continue  # stated as the post's org:organization
        g.add((s, p, o))
        if p == NIKG.leadAgency:
            g.add((s, NIKG.responsibleAgency, o))
    _frame(result, ext, doc)


__all__ = ["add_relations", "signature"]
