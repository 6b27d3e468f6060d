"""``nikg:mentions``: link the passages of any document to the entities they name.

An entity is named by its ``skos:prefLabel`` and ``skos:altLabel`` values. A Chinese label
matches a Chinese passage as a substring (Chinese has no word boundaries); an English label
matches an English passage case-insensitively on word boundaries ("NDRC" but not "NDRCs").
Labels are compared with the passage's repaired text. Documents added later get their
mentions the same way, so new texts are linked to the existing entities without curation.
A *scoped* label (:func:`kg.scope.is_scoped`: 市发展改革委, 行动方案, "press conference", names that do not
state their place) links only passages of the documents the entity is evidenced in, or, unless it is
a generic word (行动方案, 新基建), of other documents of the same ``nikg:jurisdiction`` (市发展改革委 in
another Shanghai text is still Shanghai's); so a Beijing text's 市发展改革委 or 行动方案 does not pull a
Shanghai entity in. An entity minted in one document (:func:`local_document`: an extracted task, principle,
measure, or an agency of relative name) is named only in that document and its ``same_event_as`` partners.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from rdflib import Graph, URIRef

from .errors import naming
from .memgraph import new_graph
from .namespaces import ID, NIKG, RDF, SKOS, bind_all
from .passages import Passage
from .scope import is_generic, is_scoped

# Quantities, posts and discrepancies are named by descriptions, not by names a text would use.
UNMENTIONABLE = {NIKG.Target, NIKG.Indicator, NIKG.DeclaredCount, NIKG.Post, NIKG.Discrepancy,
                 NIKG.Passage, NIKG.Paragraph, NIKG.Document, NIKG.Comparator}
MIN_LENGTH = {"zh": 2, "en": 2}


def entity_labels(entity_graph: Graph) -> dict[str, dict[str, set[URIRef]]]:
    """language -> label -> the entities it names (from prefLabel and altLabel)."""
    labels: dict[str, dict[str, set[URIRef]]] = defaultdict(lambda: defaultdict(set))
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for entity, _, label in entity_graph.triples((None, prop, None)):
            lang = getattr(label, "language", None)
            if lang not in MIN_LENGTH or len(str(label).strip()) < MIN_LENGTH[lang]:
                continue
            types = set(entity_graph.objects(entity, RDF.type))
            if not types or types & UNMENTIONABLE:
                continue
            key = str(label).strip() if lang == "zh" else str(label).strip().casefold()
            labels[lang][key].add(entity)
    return labels


def entity_documents(entity_graph: Graph, entity: URIRef) -> frozenset[str]:
    """Ids of the documents the entity's evidence passages are in."""
    prefix = str(ID) + "passage/"
    return frozenset(str(p)[len(prefix):].split("/", 1)[0] for p in entity_graph.objects(entity, NIKG.evidence)
                     if str(p).startswith(prefix))


def _jurisdictions(entity_graph: Graph) -> dict[str, str]:
    prefix = str(ID) + "document/"
    return {str(d)[len(prefix):]: str(place) for d, place in entity_graph.subject_objects(NIKG.jurisdiction)
            if str(d).startswith(prefix)}


def scoped_labels(entity_graph: Graph, labels: dict[str, dict[str, set[URIRef]]]) -> dict[tuple[str, URIRef], frozenset[str]]:
    """(label key, entity) -> the documents it may be linked in, for every scoped label."""
    out = {}
    places_of = _jurisdictions(entity_graph)
    docs_of: dict[str, set[str]] = defaultdict(set)  # place -> its documents
    for d, place in places_of.items():
        docs_of[place].add(d)
    places = frozenset(str(n) for e in entity_graph.subjects(RDF.type, NIKG.Place)
                       for prop in (SKOS.prefLabel, SKOS.altLabel) for n in entity_graph.objects(e, prop))
    for lang, table in labels.items():
        for label, entities in table.items():
            for e in entities:
                kinds = {str(t).rsplit("#", 1)[-1] for t in entity_graph.objects(e, RDF.type)}
                if is_scoped(label, kinds, places):
                    docs = entity_documents(entity_graph, e)
                    if not is_generic(label):
                        same = {places_of[d] for d in docs if d in places_of}
                        docs = docs.union(*(docs_of[place] for place in same))
                    out[(label, e)] = frozenset(docs)
    return out


def _en_patterns(labels: Iterable[str]) -> dict[str, re.Pattern]:
    """Each English label as a case-insensitive pattern on word boundaries."""
    return {lbl: re.compile(rf"(?<!\w){re.escape(lbl)}(?!\w)", re.IGNORECASE) for lbl in labels}


def labels_in(text: str, table: dict, lengths: list[int]) -> set[str]:
    """The labels of ``table`` that occur in ``text`` as substrings. With many labels (a large corpus) every
    substring of a label's length is looked up in the table instead of testing each label: the same result
    in time proportional to the text, not to the number of labels."""
    windows = sum(max(0, len(text) - n + 1) for n in lengths)
    if windows >= len(table):
        return {label for label in table if label in text}
    return {text[i:i + n] for n in lengths for i in range(len(text) - n + 1) if text[i:i + n] in table}


class LabelIndex:
    """The labels of a table by their first two characters (a one-character label by itself): :meth:`find` gives
    the labels :func:`labels_in` gives, looking up at each position of the text only the lengths of the labels
    that start with the text's next characters there (a label occurs at a position only if they are its first
    two), not every label length at every position (1.7 of the linking step's 4.3 profiled s at 300 documents)."""

    def __init__(self, table: dict):
        self.table = table
        starts: dict[str, set[int]] = {}
        for label in table:
            if label:
                starts.setdefault(label[:2], set()).add(len(label))
        self.starts = {key: sorted(lengths) for key, lengths in starts.items()}

    def find(self, text: str) -> set[str]:
        table, starts = self.table, self.starts
        out = {""} if "" in table else set()
        for i in range(len(text)):
            for key in (text[i:i + 1], text[i:i + 2]):
                for n in starts.get(key, ()):
                    if text[i:i + n] in table:
                        out.add(text[i:i + n])
        return out


#: Entities minted in one document (``id:<kind>/<doc>/<slug>``: the extractor's tasks, principles, measures, and
#: agencies whose name is relative, such as 市发展改革委) belong to it: another plan's 统筹规划 or 加强组织领导
#: is not this one, and each document mints its own 市发展改革委. Only the names of plans and people are
#: names across documents. Measured on a synthetic corpus of 100 documents: 93% of all mentions linked
#: passages to such entities of other documents, a share that grows with the corpus (quadratic).
NAMES_ACROSS_DOCUMENTS = frozenset({"actionplan", "person"})


def local_document(entity: URIRef, documents: set[str]) -> str | None:
    """The document (one of ``documents``) an entity was minted in, unless it is of a kind named across
    documents; None for curated and shared entities."""
    parts = str(entity)[len(str(ID)):].split("/") if str(entity).startswith(str(ID)) else []
    if len(parts) >= 3 and parts[1] in documents and parts[0] not in NAMES_ACROSS_DOCUMENTS:
        return parts[1]
    return None


def local_scope(scope: dict, labels: dict, documents: set[str], partners) -> dict:
    """``scope`` ((label, entity) -> documents) narrowed to the document each local entity was minted in and its
    ``partners`` (:func:`local_document`); local entities with no scope get that one."""
    local = {e: local_document(e, documents) for table in labels.values() for es in table.values() for e in es}
    out = {key: docs & _with_partners(local[key[1]], partners) if local.get(key[1]) is not None else docs
           for key, docs in scope.items()}
    for table in labels.values():
        for label, entities in table.items():
            for e in entities:
                if local[e] is not None and (label, e) not in out:
                    out[(label, e)] = _with_partners(local[e], partners)
    return out


def mention_map(entity_graph: Graph, passages: Iterable[Passage],
                partners: dict[str, Iterable[str]] | None = None) -> dict[str, set[URIRef]]:
    """passage IRI -> the entities of ``entity_graph`` it names (passages naming none left out). An entity
    minted in one document (:func:`local_document`) is named only by the passages of that document and of its
    ``partners`` (document id -> the ids of its ``same_event_as`` documents: a report in the other language)."""
    passages = list(passages)
    documents = {p.document for p in passages} | set(partners or {})
    labels = entity_labels(entity_graph)
    scope = local_scope(scoped_labels(entity_graph, labels), labels, documents, partners)
    zh = labels.get("zh", {})
    en = labels.get("en", {})
    en_patterns = _en_patterns(en)
    zh_index, en_index = LabelIndex(zh), LabelIndex(en)
    named = {"zh": _by_document(zh, scope), "en": _by_document(en, scope)}
    out: dict[str, set[URIRef]] = {}
    found: dict[tuple[str, str], list[str]] = {}  # (lang, text) -> its labels: a repeated passage looked up once

    def labels_of(p: Passage) -> list[str]:
        got = found.get((p.lang, p.text))
        if got is None:
            if p.lang == "zh":
                got = sorted(zh_index.find(p.text))
            else:  # a substring found, then on word boundaries
                got = sorted(label for label in en_index.find(p.text.casefold()) if en_patterns[label].search(p.text))
            found[(p.lang, p.text)] = got
        return got

    for p in passages:
        hits: set[URIRef] = set()
        if p.lang in named:
            for label in labels_of(p):
                hits |= named[p.lang](label, p.document)
        if hits:
            out[p.iri] = hits
    return out


def _by_document(table: dict[str, set[URIRef]], scope: dict[tuple[str, URIRef], frozenset[str]]):
    """``named(label, doc)``: the entities of ``table[label]`` a passage of ``doc`` names by it: those whose
    (label, entity) is not scoped, and the scoped ones whose documents include ``doc``. Indexed by document
    once, so a label that many documents' entities share (each plan's own 市发展改革委) costs a passage the
    entities it names, not all of them."""
    free: dict[str, frozenset[URIRef]] = {}
    scoped: dict[str, dict[str, set[URIRef]]] = {}
    for label, entities in table.items():
        free[label] = frozenset(e for e in entities if (label, e) not in scope)
        for e in entities:
            for doc in scope.get((label, e), ()):
                scoped.setdefault(label, {}).setdefault(doc, set()).add(e)
    empty: frozenset[URIRef] = frozenset()

    def named(label: str, doc: str) -> frozenset[URIRef] | set[URIRef]:
        return free[label] | scoped.get(label, {}).get(doc, empty)

    return named


def _with_partners(doc: str, partners: dict[str, Iterable[str]] | None) -> frozenset[str]:
    return frozenset({doc, *((partners or {}).get(doc, ()))})


def as_graph(mentions: dict[str, set[URIRef]]) -> Graph:
    """The ``(passage, nikg:mentions, entity)`` triples of a :func:`mention_map`."""
    g = new_graph()
    bind_all(g)
    for passage, entities in mentions.items():
        for entity in entities:
            g.add((URIRef(passage), NIKG.mentions, entity))
    return g


def mention_graph(entity_graph: Graph, passages: Iterable[Passage]) -> Graph:
    """``(passage, nikg:mentions, entity)`` for every passage naming an entity of ``entity_graph``."""
    return as_graph(mention_map(entity_graph, passages))


MENTIONS_FILE = "mentions.nt"


def write_mentions(mentions: dict[str, set[URIRef]], path) -> int:
    """The mentions as N-Triples in ``path`` (bulk-loaded into the store beside the graph); how many."""
    predicate, n = NIKG.mentions.n3(), 0
    with open(path, "w", encoding="utf-8") as fh:
        for passage in sorted(mentions):
            subject = URIRef(passage).n3()
            for entity in sorted(mentions[passage]):
                fh.write(f"{subject} {predicate} {entity.n3()} .\n")
                n += 1
    return n


__all__ = ["mention_map", "local_document", "local_scope", "NAMES_ACROSS_DOCUMENTS", "mention_graph", "as_graph", "entity_labels", "UNMENTIONABLE", "link_mentions", "write_mentions",
           "MENTIONS_FILE"]


def link_mentions(ctx) -> None:
    """Build step: ``nikg:mentions`` from every passage of the build to the entities of its graph. They are
    the largest share of a corpus's triples (half at 100 documents) and no shape reads them
    (``ontology/shapes.ttl``), so they are kept apart from ``ctx.graph``: in ``ctx.mentions`` for
    the search index and streamed to ``<out>/mentions.nt`` for the store."""
    partners = {d.id: d.same_event_as for d in ctx.documents}
    ctx.mentions = mention_map(ctx.graph, ctx.all_passages(), partners)
    with naming(ctx.out / MENTIONS_FILE):
        ctx.info["mentions"] = write_mentions(ctx.mentions, ctx.out / MENTIONS_FILE)
