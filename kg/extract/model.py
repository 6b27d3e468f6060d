"""What the extractors produce: plain records with evidence spans (no RDF here).

Every extractor module of :mod:`kg.extract` is a function ``extract_X(doc, passages) -> Extraction``
over one document; :func:`kg.extract.merge` (see ``__init__``) joins their results. The graph layer
(``kg/extract/graph.py``) turns records into RDF: it mints IRIs from ``(document, kind, key)``, lets a
curated entity of the same document and class with overlapping evidence keep its curated IRI, and
points each entity's ``nikg:evidence`` at the passages its spans overlap.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """Code-point offsets into ``Document.text`` (the extracted plain text): ``text[start:end]``."""

    start: int
    end: int

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass
class Mention:
    """One extracted entity.

    ``kind`` is a nikg class local name: ActionPlan, Action, Task, PolicyMeasure, Goal, Principle,
    Target, Indicator, Agency, Person, Post, Place, Event, Document.
    ``label`` is in the document's language, cleaned of numbering and trailing punctuation.
    ``key`` is stable within the document while its text is unchanged (kind + normalised label, plus a
    disambiguator when two mentions would collide); the graph layer mints IRIs from it.
    ``props`` holds kind-specific values, with these names:
      Target/Indicator: value (float), unit (str, see nikg:unit), comparator ("AtLeast"|"MoreThan"|"About"|
        "AtMost"|"Exactly"), deadline (datetime.date), quantity_text (str, the phrase as written);
      Event: date (datetime.date), date_text (str);
      ActionPlan: period_start (int year), period_end (int year);
      Document: number (文号, str), issued (datetime.date), issuer_key (key of an Agency mention), title (str);
      Agency: jurisdiction (str, e.g. "上海市" or "国家"), full_name (str) when an abbreviation was resolved;
      Task/Action: number (str, the numbering as written, e.g. "（三）").
    ``spans`` are further places that state the same entity (all become evidence).
    """

    kind: str
    label: str
    span: Span
    lang: str
    key: str
    extractor: str
    props: dict[str, Any] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)

    def all_spans(self) -> list[Span]:
        return [self.span, *self.spans]


@dataclass(frozen=True)
class Relation:
    """``subject predicate object`` between two mentions of the same document (by ``key``).

    ``predicate`` is a nikg property local name: hasAction, hasTask, hasMeasure, hasGoal, hasPrinciple,
    hasTarget, hasIndicator, responsibleAgency, leadAgency, holdsPost, affiliation, participant,
    organizer, about, locatedIn, approvedAt.
    """

    subject: str
    predicate: str
    object: str


@dataclass
class Extraction:
    """All records extracted from one document."""

    document: str
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def by_key(self) -> dict[str, Mention]:
        return {m.key: m for m in self.mentions}


__all__ = ["Span", "Mention", "Relation", "Extraction"]
