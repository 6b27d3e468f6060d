"""Curated facts (``kg/curated/*.json``) -> an rdflib Graph grounded in source passages.

Every entity of a curated file carries verbatim quotes of its sources (``quote.zh`` from the
file's Chinese document, ``quote.en`` from its English one). A quote is looked up in the
document's passages (their repaired text, so a quote may span the 一网通办 line break or a
sentence boundary); the passages its first occurrence overlaps become the entity's
``nikg:evidence``. A quote that is not in its document raises :class:`QuoteNotFound`, so the
curated data cannot drift from the texts. Quantity phrases are read by :mod:`kg.quantities`
from the Chinese text (authoritative), comparators as ``nikg:comparator`` says (超过12万个 is
``MoreThan``, 100家以上 and 6万多家 ``AtLeast``); an English phrase that disagrees in value or in the side it
bounds is an error (record a ``nikg:Discrepancy`` instead); "more than 100" for 100家以上 agrees. See ``kg/curated/README.md`` for the file format.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDFS

from .documents import Document
from .errors import QuoteNotFound, SourceError
from .memgraph import new_graph
from .namespaces import ID, NIKG, ORG, RDF, SCHEMA, SKOS, XSD, bind_all
from .passages import Passage
from .quantities import parse_quantity, same_bound

CURATED_DIR = Path(__file__).resolve().parent / "curated"
LANGS = ("zh", "en")
CLASSES = {"ActionPlan", "Action", "Task", "PolicyMeasure", "Goal", "Principle", "Agency", "Organization", "Person", "Post",
           "Facility", "Place", "Target", "Indicator", "DeclaredCount", "Event", "Discrepancy"}
QUANTITY_CLASSES = {"Target", "Indicator", "DeclaredCount"}
DATES = {"startDate": (SCHEMA.startDate, XSD.date), "deadline": (NIKG.deadline, XSD.date),
         "periodStart": (NIKG.periodStart, XSD.gYear), "periodEnd": (NIKG.periodEnd, XSD.gYear)}


class _Text:
    """A document's passages joined into one searchable string, with each passage's span in it."""

    def __init__(self, doc: Document, passages: list[Passage]):
        sep = "" if doc.language == "zh" else " "
        self.doc, self.spans, parts, pos = doc, [], [], 0
        for p in passages:
            self.spans.append((pos, pos + len(p.text), p))
            parts.append(p.text)
            pos += len(p.text) + len(sep)
        self.text = sep.join(parts)

    def evidence(self, quote: str) -> list[Passage] | None:
        """The passages the quote's first occurrence overlaps, or None if it does not occur."""
        at = self.text.find(quote) if quote else -1
        if at < 0:
            return None
        end = at + len(quote)
        return [p for s, e, p in self.spans if s < end and at < e]


@dataclass(frozen=True)
class CuratedFile:
    path: Path
    sources: dict[str, str]  # language -> document id
    entities: list[dict]


def load_curated(folder: Path = CURATED_DIR) -> list[CuratedFile]:
    """Every ``*.json`` file of the curated folder, parsed; :class:`SourceError` if malformed."""
    if not Path(folder).is_dir():
        raise SourceError(f"curated facts folder {folder} does not exist",
                          hint="set NIKG_CURATED_DIR to a folder of curated JSON files (default: kg/curated)")
    files = []
    for path in sorted(Path(folder).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise SourceError(f"curated file {path.name} is not valid JSON: {exc}") from None
        if not isinstance(data.get("sources"), dict) or not isinstance(data.get("entities"), list):
            raise SourceError(f"curated file {path.name} needs 'sources' and 'entities'",
                              hint="see kg/curated/README.md for the format")
        files.append(CuratedFile(path, data["sources"], data["entities"]))
    return files


def _check_entity(cf: CuratedFile, e: dict, ids: set[str]) -> None:
    name = f"{cf.path.name}: entity {e.get('id', '?')}"
    if not e.get("id") or e.get("type") not in CLASSES:
        raise SourceError(f"{name} needs an 'id' and a 'type' among {', '.join(sorted(CLASSES))}")
    if set(e.get("label", {})) != set(LANGS):
        raise SourceError(f"{name} needs a label in both zh and en", hint="add label.zh and label.en")
    if not any(e.get("quote", {}).get(lang) for lang in LANGS):
        raise SourceError(f"{name} has no quote", hint="every fact needs a verbatim quote of its source")
    for prop, targets in e.get("links", {}).items():
        for t in targets:
            if t not in ids:
                raise SourceError(f"{name}: {prop} links to {t}, which no curated file defines")


def _quantity(cf: CuratedFile, e: dict) -> tuple[Literal, URIRef, dict[str, str]]:
    name = f"{cf.path.name}: entity {e['id']}"
    phrases = e.get("quantity") or {}
    if "zh" not in phrases or not e.get("unit"):
        raise SourceError(f"{name} is a {e['type']} and needs quantity.zh and unit")
    read = {}
    for lang, phrase in phrases.items():
        if not any(phrase in q for q in e["quote"].get(lang, [])):
            raise SourceError(f"{name}: quantity {phrase!r} is not inside any of its {lang} quotes")
        read[lang] = parse_quantity(phrase, lang)
    zh = read["zh"]
    en = read.get("en")
    if en and (en.value != zh.value or not same_bound(en.comparator, zh.comparator)):
        raise SourceError(f"{name}: the English quantity {phrases['en']!r} ({en.comparator} {en.value}) disagrees "
                          f"with the Chinese {phrases['zh']!r} ({zh.comparator} {zh.value})",
                          hint="drop quantity.en and record a Discrepancy entity instead")
    return Literal(zh.value, datatype=XSD.decimal), NIKG[zh.comparator], phrases


def _link_property(prop: str) -> URIRef:
    prefix, _, local = prop.rpartition(":")
    return {"": NIKG, "nikg": NIKG, "org": ORG, "schema": SCHEMA, "skos": SKOS}[prefix][local]


def curation_activity(g: Graph, cf: CuratedFile) -> URIRef:
    """The ``nikg:Curation`` activity of one curated file (PROV-O §3.1), added to ``g``."""
    activity = ID[f"activity/curation/{cf.path.stem}"]
    g.add((activity, RDF.type, NIKG.Curation))
    g.add((activity, NIKG.curatedFile, Literal(cf.path.name)))
    g.add((activity, RDFS.label, Literal(f"curated facts of {cf.path.name}", lang="en")))
    return activity


def _entity_triples(g: Graph, cf: CuratedFile, e: dict, texts: dict[str, _Text]) -> None:
    s = ID[e["id"]]
    g.add((s, RDF.type, NIKG[e["type"]]))
    g.add((s, PROV.wasGeneratedBy, curation_activity(g, cf)))
    for lang in LANGS:
        g.add((s, SKOS.prefLabel, Literal(e["label"][lang], lang=lang)))
        for alt in e.get("alt", {}).get(lang, []):
            g.add((s, SKOS.altLabel, Literal(alt, lang=lang)))
        if lang in e.get("comment", {}):
            g.add((s, RDFS.comment, Literal(e["comment"][lang], lang=lang)))
        if lang in e.get("reading", {}):
            g.add((s, NIKG.reading, Literal(e["reading"][lang], lang=lang)))
        for quote in e.get("quote", {}).get(lang, []):
            found = texts[lang].evidence(quote)
            if found is None:
                raise QuoteNotFound(
                    f"{cf.path.name}: entity {e['id']}: {lang} quote {quote!r} is not in document {texts[lang].doc.id}",
                    hint=f"copy the quote verbatim from {texts[lang].doc.path.name} or fix the curated fact")
            g.add((s, NIKG.quote, Literal(quote, lang=lang)))
            for p in found:
                g.add((s, NIKG.evidence, URIRef(p.iri)))
    if e.get("note"):
        g.add((s, SKOS.editorialNote, Literal(e["note"], lang="en")))
    for key, raw in e.get("dates", {}).items():
        prop, dtype = DATES[key]
        g.add((s, prop, Literal(raw, datatype=dtype)))
    if e["type"] in QUANTITY_CLASSES:
        value, comparator, phrases = _quantity(cf, e)
        g.add((s, NIKG.value, value))
        g.add((s, NIKG.comparator, comparator))
        g.add((s, NIKG.unit, Literal(e["unit"])))
        for lang, phrase in phrases.items():
            g.add((s, NIKG.quantityText, Literal(phrase, lang=lang)))
    if e.get("countOf"):
        g.add((s, NIKG.countOf, NIKG[e["countOf"]]))
    for prop, targets in e.get("links", {}).items():
        for t in targets:
            g.add((s, _link_property(prop), ID[t]))
    if e["type"] == "Post":  # the person's side of the membership (W3C ORG §5.4)
        for person in e["links"].get("org:member", []):
            g.add((ID[person], NIKG.holdsPost, s))
            for agency in e["links"].get("org:organization", []):
                g.add((ID[person], NIKG.affiliation, ID[agency]))


def curated_graph(documents: list[Document], passages: dict[str, list[Passage]],
                  folder: Path = CURATED_DIR) -> Graph:
    """The curated facts as RDF, each entity with its quotes and evidence passages.

    Raises :class:`QuoteNotFound` for a quote not in its document and :class:`SourceError` for
    a malformed file. A file whose source documents are not among ``documents`` is skipped with
    a warning (a build of other documents has nothing to ground it in).
    """
    g = new_graph()
    bind_all(g)
    files = load_curated(folder)
    by_id = {d.id: d for d in documents}
    ids = {e.get("id") for cf in files for e in cf.entities}
    for cf in files:
        missing = [d for d in cf.sources.values() if d not in by_id]
        if missing:
            print(f"warning: curated file {cf.path.name} skipped: documents {', '.join(missing)} are not in the sources",
                  file=sys.stderr)
            continue
        texts = {lang: _Text(by_id[doc], passages[doc]) for lang, doc in cf.sources.items()}
        for e in cf.entities:
            _check_entity(cf, e, ids)
            _entity_triples(g, cf, e, texts)
    return g


__all__ = ["CURATED_DIR", "CuratedFile", "load_curated", "curated_graph", "curated_facts"]


def curated_facts(ctx) -> None:
    """Build step: the ontology and the curated facts, grounded in the build's passages."""
    from .validate import ontology_graph

    ctx.graph += ontology_graph()
    if not ctx.settings.curated_layer:
        ctx.info["curated_triples"] = 0
        return
    facts = curated_graph(ctx.documents, ctx.passages, ctx.settings.curated_dir)
    ctx.graph += facts
    ctx.info["curated_triples"] = len(facts)
