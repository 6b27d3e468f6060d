"""Gold entities and relations for ``nikg eval-extract``: from the curated graph (the seeds) or from files.

A gold file (one per document, ``<doc id>.json``, the text beside it in the sources folder)::

    {"document": "<doc id>", "split": "dev" | "test",
     "entities": [{"id": "t1", "kind": "Task", "label": "...", "quote": "verbatim substring",
                   "props": {"value": 75, "unit": "%", "comparator": "AtLeast", "deadline": "2025-12-31"}}],
     "relations": [{"subject": "t1", "predicate": "leadAgency", "object": "a1"}]}

A quote is located at its first occurrence in the text, except: a quote that is a whole line (a heading) also
where that line is written again (a table of contents lists the headings before the text sets them); the bare
name of an agency, person, post or place (quote = label), which stands for every place it is written (行政部门 is
first written inside 国务院教育行政部门); and a plan, cited wherever its title is written as 《label》. A quote that
is not in the text is an error naming the file. Curated entities become gold of each document they are evidenced in, spanning their
quotes in that document (or their evidence passages when a quote crosses a repaired line break).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from ..documents import Document
from ..errors import SourceError
from ..linking.langdetect import full_width_punctuation, simplified
from ..namespaces import NIKG, ORG, RDF, SCHEMA, SKOS
from ..passages import Passage
from .model import Span


@dataclass
class GoldEntity:
    id: str
    kind: str
    label: str
    spans: list[Span]
    quotes: list[str] = field(default_factory=list)
    props: dict = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)  # further names the label may agree with


@dataclass
class GoldDoc:
    document: str
    split: str
    entities: list[GoldEntity]
    relations: list[tuple[str, str, str]]
    kinds: frozenset[str] | None = None  # the classes the gold annotates (None: every class)


def read_gold_file(path: Path, doc: Document) -> GoldDoc:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SourceError(f"gold file {path} is unreadable: {exc}", hint="write one JSON object per document") from None
    entities = []
    for e in data.get("entities", []):
        e = _as_read(e, doc.text)
        at = doc.text.find(e.get("quote") or "\0")
        if at < 0:
            raise SourceError(f"gold file {Path(path).name}: entity {e.get('id')} quote {e.get('quote')!r} is not in "
                              f"{doc.path.name}", hint="copy the quote verbatim from the document text")
        spans = [Span(at, at + len(e["quote"]))]
        if e["kind"] in NAMES and e["quote"] == (e.get("label") or e["quote"]):  # a name: wherever it is written
            spans = [Span(i, i + len(e["quote"])) for i in _finds(doc.text, e["quote"])]
        elif _whole_line(doc.text, at, len(e["quote"])):  # a heading: also where it is set again (a table of contents)
            spans += [Span(i, i + len(e["quote"])) for i in _finds(doc.text, e["quote"])
                      if i != at and _whole_line(doc.text, i, len(e["quote"]))]
        if e["kind"] == "ActionPlan" and e.get("label"):  # a plan: wherever its title is cited as 《label》
            title = f"《{e['label']}》"
            spans += [Span(i, i + len(title)) for i in _finds(doc.text, title) if i != at]
        entities.append(GoldEntity(e["id"], e["kind"], e.get("label") or e["quote"], spans, [e["quote"]],
                                   dict(e.get("props") or {})))
    rels = [(r["subject"], r["predicate"], r["object"]) for r in data.get("relations", [])]
    return GoldDoc(data.get("document", doc.id), data.get("split", "test"), entities, rels)


def _as_read(entity: dict, text: str) -> dict:
    """The gold entity with its quote and label read as the document's text is read (kg/ingest/formats.extract:
    full-width punctuation next to Han characters, simplified script), when the quote as written is not in that text:
    an annotator copies from the file, (一)總體要求, and the text reads （一）总体要求."""
    quote = entity.get("quote") or ""
    if not quote or quote in text:
        return entity
    read = simplified(full_width_punctuation(quote))
    label = entity.get("label")
    return {**entity, "quote": read, "label": simplified(full_width_punctuation(label)) if label else label}


#: Classes whose gold quote may be the bare name (行政部门): it stands for each place the name is written.
NAMES = ("Agency", "Person", "Post", "Place")


def _whole_line(text: str, at: int, size: int) -> bool:
    return (at == 0 or text[at - 1] == "\n") and (at + size == len(text) or text[at + size] == "\n")


def _finds(text: str, quote: str) -> list[int]:
    out, at = [], text.find(quote)
    while at >= 0:
        out.append(at)
        at = text.find(quote, at + 1)
    return out


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _stated(graph: Graph, s, lang: str, comparator: str) -> str:
    """The comparator as the document of ``lang`` states it: the curated fact records the Chinese one (100家以上,
    AtLeast), the English report says "more than 100" (MoreThan), and the extractor reads each text as written."""
    from ..quantities import parse_quantity

    phrase = next((str(q) for q in graph.objects(s, NIKG.quantityText) if getattr(q, "language", None) == lang), None)
    try:
        return parse_quantity(phrase, lang).comparator if phrase else comparator
    except ValueError:
        return comparator


def curated_gold(graph: Graph, doc: Document, passages: list[Passage]) -> GoldDoc:
    """The curated entities evidenced in ``doc`` (and the relations between them) as gold."""
    by_iri = {p.iri: p for p in passages}
    entities, ids = [], set()
    for s in sorted(set(graph.subjects(NIKG.evidence, None)), key=str):
        ev = [by_iri[str(p)] for p in graph.objects(s, NIKG.evidence) if str(p) in by_iri]
        kinds = [_local(t) for t in graph.objects(s, RDF.type) if str(t).startswith(str(NIKG))]
        if not ev or not kinds:
            continue
        quotes = [str(q) for q in graph.objects(s, NIKG.quote) if getattr(q, "language", None) == doc.language]
        spans = [Span(at, at + len(q)) for q in quotes if (at := doc.text.find(q)) >= 0]
        spans += [Span(p.start, p.end) for p in ev] if len(spans) < len(quotes) or not spans else []
        label = next((str(lbl) for lbl in graph.objects(s, SKOS.prefLabel) if lbl.language == doc.language), str(s))
        props = {}
        if (s, SCHEMA.startDate, None) in graph:
            props["date"] = str(graph.value(s, SCHEMA.startDate))
        for key, prop in (("value", NIKG.value), ("unit", NIKG.unit), ("comparator", NIKG.comparator),
                          ("deadline", NIKG.deadline)):
            if (s, prop, None) in graph:
                v = graph.value(s, prop)
                props[key] = _local(v) if key == "comparator" else float(v) if key == "value" else str(v)
        if "comparator" in props:
            props["comparator"] = _stated(graph, s, doc.language, props["comparator"])
        aliases = [str(a) for a in graph.objects(s, SKOS.altLabel) if a.language == doc.language]
        entities.append(GoldEntity(str(s), kinds[0], label, spans, quotes, props, aliases))
        ids.add(str(s))
    rels = []
    for p in ("hasAction", "hasTask", "hasMeasure", "hasTarget", "hasIndicator", "responsibleAgency", "leadAgency",
              "holdsPost", "affiliation"):
        rels += [(str(a), p, str(b)) for a, b in graph.subject_objects(NIKG[p]) if str(a) in ids and str(b) in ids]
    rels += [(str(a), "affiliation", str(b)) for a, b in graph.subject_objects(ORG.organization)
             if str(a) in ids and str(b) in ids]
    from ..facts import CLASSES  # the curated layer annotates these classes (no Document entity)

    return GoldDoc(doc.id, "seeds", entities, sorted(set(rels)), frozenset(CLASSES))


__all__ = ["GoldEntity", "GoldDoc", "read_gold_file", "curated_gold"]
