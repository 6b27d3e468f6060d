"""Which agency leads or is responsible for a task: ``nikg:leadAgency`` and ``nikg:responsibleAgency``.

A question with a responsibility cue (牵头, 负责, 哪个部门, "which agency", "who leads", "responsible for"), and not
asking where a body is set (设在哪个部门: :mod:`kg.answer.reader` reads that), is matched to the task, action or measure whose label and quotes cover most of its content terms
(the same term bags as numeric facts); when one item covers at least ``MIN_COVERAGE`` of them and no
other item covers as much (or, covering as much, has as many of them in its own label), the answer names
its lead agency and the other responsible agencies.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..namespaces import sparql_prologue
from .people import Statement
from .phrasing import named
from .question import quoted, terms

CUE = re.compile(r"牵头|负责|主管|配合|协办|哪个部门|哪些部门|哪个单位|哪些单位|哪家单位|哪个机构|\blead(?:s|ing)?\b|"
                 r"responsible|which (?:agency|agencies|department|body|ministry)|in charge|\bsupport(?:s|ing)?\b")
#: A question about the bodies that take part beside the lead (配合单位是哪些, "who supports"): those alone.
SUPPORT = re.compile(r"配合|协办|参与|\bsupport(?:s|ing)?\b|\bassist")
#: A question about a duty (牵头, 负责, "responsible for"): the graph's responsibilities answer it first.
DUTY = re.compile(r"牵头|负责|\blead(?:s|ing)?\b|responsible|in charge")
#: Where a body is set (办公室设在哪个部门, where is the office): no question of responsibility (kg.answer.reader).
LOCATED = re.compile(r"设在|设于|\blocated\b|\bwhere is\b|\bbased at\b|\bhoused\b")
_CUE_TERMS = frozenset({"牵头", "负责", "主管", "配合", "协办", "配合单位", "部门", "单位", "机构", "哪个", "哪些", "牵头单位",
                        "负责部门", "lead", "leads", "support", "supports", "supporting",
                        "leading", "agency", "agencies", "responsible", "department", "body", "ministry", "charge",
                        "task", "任务", "工作"})
MIN_COVERAGE = 0.6
LISTED = 10  # an agency's items an answer's text names (the facts' value holds them all)
_ROWS = sparql_prologue() + """
SELECT ?item ?rel ?agency WHERE { VALUES ?rel { nikg:leadAgency nikg:responsibleAgency } ?item ?rel ?agency }"""
_TEXTS = sparql_prologue() + """
SELECT ?item ?text ?p WHERE { { SELECT DISTINCT ?item WHERE { ?item nikg:responsibleAgency ?a } }
  { ?item skos:prefLabel ?text } UNION { ?item nikg:quote ?text } OPTIONAL { ?item nikg:evidence ?p } }"""
# (each item once, not once per agency: 193k rows -> fewer at 1,000 documents, the same tables)
_LABELS = sparql_prologue() + """
SELECT ?s ?l WHERE { ?x nikg:responsibleAgency ?s . ?s skos:prefLabel ?l }"""
_MACHINE = sparql_prologue() + """
SELECT DISTINCT ?s ?l WHERE { ?x nikg:responsibleAgency ?s . ?s nikg:machineLabel ?l }"""


@dataclass
class _Item:
    iri: str
    lead: str | None = None
    responsible: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    evidence: set[str] = field(default_factory=set)


class Responsibilities:
    """Tasks and the agencies responsible for them, read once from the store."""

    def __init__(self, store, tokenizer):
        self.tokenizer = tokenizer
        self.items: dict[str, _Item] = {}
        for r in store.query(_ROWS):
            item = self.items.setdefault(r["item"].value, _Item(r["item"].value))
            if r["rel"].value.endswith("leadAgency"):
                item.lead = r["agency"].value
            elif r["agency"].value not in item.responsible:
                item.responsible.append(r["agency"].value)
        for r in store.query(_TEXTS):
            item = self.items[r["item"].value]
            item.texts.append(r["text"].value)
            item.labels.setdefault(r["text"].language or "", r["text"].value)
            if r["p"] is not None:
                item.evidence.add(r["p"].value)
        self.agency_labels: dict[str, dict[str, str]] = {}
        for r in store.query(_LABELS):
            self.agency_labels.setdefault(r["s"].value, {}).setdefault(r["l"].language or "", r["l"].value)
        self.machine = {r["s"].value: r["l"].value for r in store.query(_MACHINE)}
        self.bags = {iri: frozenset().union(*(terms(t, tokenizer) for t in it.texts)) for iri, it in self.items.items()}
        self.label_bags = {iri: frozenset().union(*(terms(t, tokenizer) for t in it.labels.values()))
                           for iri, it in self.items.items()}

    def _name(self, agency: str, lang: str) -> str:
        """The agency's name for an answer's text (a machine-made English one marked, :func:`named`)."""
        return named(self.agency_labels.get(agency, {}), lang, self.machine.get(agency)) or agency

    def _label(self, agency: str, lang: str) -> str:
        """The agency's own label in ``lang`` (else any): a statement's value."""
        labels = self.agency_labels.get(agency, {})
        return labels.get(lang) or next(iter(labels.values()), agency)

    def _item(self, text: str, allowed, verb: str | None = None) -> str | None:
        """The one item whose terms cover the text's content terms (and that states ``verb``), or None."""
        asked = terms(text, self.tokenizer, asked=True) - _CUE_TERMS
        if not asked:
            return None
        # by the terms its label and quotes cover, then (a tie: quotes often restate a neighbour) by its label's
        ranked = sorted(((len(asked & bag) / len(asked), len(asked & self.label_bags[iri]), iri)
                         for iri, bag in self.bags.items() if allowed(sorted(self.items[iri].evidence))
                         and (verb is None or any(verb in t for t in self.items[iri].texts))), reverse=True)
        if not ranked or ranked[0][0] < MIN_COVERAGE or (len(ranked) > 1 and ranked[1][:2] == ranked[0][:2]):
            return None
        return ranked[0][2]

    def answer(self, q: str, lang: str, allowed) -> tuple[str, list[Statement]] | None:
        """The responsible agencies of the one item the question names, or None."""
        if not CUE.search(q.lower()) or LOCATED.search(q.lower()):
            return None
        verb = asked_verb(q)
        found = next(filter(None, (self._item(text, allowed, verb) for text in [*quoted(q), q])), None)
        if found is None:
            return None
        item = self.items[found]
        lead = item.lead  # a sole responsible agency is responsible, not said to lead (负责部门：商务部)
        others = sorted((a for a in item.responsible if a != lead), key=lambda a: self._name(a, lang))
        label = item.labels.get(lang) or next(iter(item.labels.values()))
        names = [self._name(a, lang) for a in others]
        if lang == "zh":
            text = f"{label}由{self._name(lead, lang)}牵头" if lead else f"{label}由{'、'.join(names)}负责"
            text += (f"，{'、'.join(names)}参与。" if lead and names else "。")
        else:
            verb = "is" if len(names) == 1 else "are"
            text = f"{self._name(lead, lang)} leads: {label}" if lead else f"{', '.join(names)} {verb} responsible: {label}"
            text += (f" (with {', '.join(names)})." if lead and names else ".")
        asks_lead = lead and re.search(r"牵头|\blead", q.lower()) and not re.search(  # 牵头单位是哪个: the lead alone;
            r"配合|参与|分别|哪些|\bsupport|\bwith\b|\bothers?\b", q.lower())  # 牵头单位和配合单位分别是: all of them
        asks_support = lead and SUPPORT.search(q.lower()) and not re.search(r"牵头|\blead", q.lower())
        if asks_support and not others:
            return None
        value = "; ".join(self._label(a, lang) for a in ([] if asks_support else [lead] if lead else [])
                          + ([] if asks_lead else others))
        return text, [Statement(item.iri, item.labels, value, "agency", sorted(item.evidence))]


    def duties_of(self, q: str, agencies: list[str], lang: str, allowed) -> tuple[str, list[Statement]] | None:
        """The items the one agency a question names leads (牵头什么, "what does X lead") or is responsible for
        (负责哪些任务, "what is X responsible for"), in text order; None unless the question asks so."""
        if len(set(agencies)) != 1 or not ASKS_DUTIES.search(q.lower()) or ASKS_BODY.search(q.lower()):
            return None
        agency, leads = agencies[0], bool(re.search(r"牵头|lead", q.lower()))
        found = sorted((min(it.evidence, default=""), iri) for iri, it in self.items.items()
                       if (it.lead == agency if leads else agency in it.responsible or it.lead == agency)
                       and allowed(sorted(it.evidence)))
        if not found:
            return None
        items = [self.items[iri] for _, iri in found]
        labels = [it.labels.get(lang) or next(iter(it.labels.values())) for it in items]
        name, shown, more = self._name(agency, lang), labels[:LISTED], len(labels) - LISTED
        if lang == "zh":
            text = f"{name}{'牵头' if leads else '负责'}：{'；'.join(shown)}" + (f"等{len(labels)}项。" if more > 0 else "。")
        else:
            text = (f"{name} {'leads' if leads else 'is responsible for'}: {'; '.join(shown)}"
                    + (f"; and {more} more." if more > 0 else "."))
        evidence = sorted(set().union(*(it.evidence for it in items)))
        return text, [Statement(agency, self.agency_labels.get(agency, {}), "; ".join(labels), "duties", evidence)]


_VERB = re.compile(r"(?:负责|牵头)([\u4e00-\u9fff]{2})")
_NO_VERB = ("哪", "什", "的", "工作", "任务", "单位", "部门", "机构")


def asked_verb(q: str) -> str | None:
    """The act a question asks who is responsible for (哪个部门负责解释本预案: 解释), which the item must state: a body
    responsible for some other part of the plan does not answer it."""
    m = _VERB.search(q)
    return m.group(1) if m and not m.group(1).startswith(_NO_VERB) else None


#: A question asking what an agency leads or is responsible for (信息产业部负责哪些任务, what does X lead).
ASKS_DUTIES = re.compile(r"(?:负责|牵头|承担)了?(?:哪些|什么|哪几)|(?:哪些|什么)(?:任务|工作)|\bwhat\b[^?]*\b(?:responsible for|"
                         r"leads?|in charge of)\b|\bwhich (?:tasks|items)\b")
#: A question asking for a body (哪个部门负责…): the item's agencies answer it (:meth:`Responsibilities.answer`).
ASKS_BODY = re.compile(r"哪个|哪家|哪些(?:部门|单位|机构)|谁|\bwhich (?:agenc|department|body|ministr)|\bwho\b")


__all__ = ["Responsibilities", "CUE"]
