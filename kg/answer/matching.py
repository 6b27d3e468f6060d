"""Which numeric fact answers a question: the share of the question's content that the fact covers.

A fact's bag of terms holds its labels, aliases, quotes, quantity phrases and unit, and the names
of the entities it is attached to. A question term weighs its inverse document frequency over
the facts (a term no fact has weighs most, so a question about something the graph does not
state — hospitals, GDP — is not covered and gets no answer). Money questions only match money
facts and counting questions only counts; tense (will / have) and the search hits break ties.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from ..catalogue import Catalogue
from .facts import Fact
from .question import AMOUNT, COUNT, Question, terms

TENSE_BONUS = 0.05  # a Target for "will ...", an Indicator for "have ..."
SEARCH_BONUS = 0.03  # the fact's evidence is among the search hits for the question
LINK_BONUS = 0.05  # the question names an entity the fact is attached to


@dataclass(frozen=True)
class Match:
    fact: Fact
    coverage: float  # share of the question's term weight found in the fact, in [0, 1]
    score: float  # coverage plus small tie-breaking bonuses


class FactMatcher:
    """Ranks the graph's numeric facts for a question; built once."""

    def __init__(self, facts: list[Fact], catalogue: Catalogue, tokenizer):
        self.facts = facts
        self._tokenizer = tokenizer
        self.bags = [self._bag(f, catalogue) for f in facts]
        df = Counter(t for bag in self.bags for t in bag)
        n = max(len(facts), 1)
        self.idf = {t: math.log(1 + n / c) for t, c in df.items()}
        self.unknown_idf = math.log(1 + n)

    def _bag(self, fact: Fact, catalogue: Catalogue) -> frozenset[str]:
        texts = [*fact.labels.values(), *fact.aliases, *fact.quotes, *fact.quantity_texts.values(), *fact.count_of]
        texts.append(fact.unit or "")
        for iri in fact.owners + fact.related:
            entity = catalogue.get(iri)
            if entity is not None:
                texts += [name for name, _, _ in entity.names()]
        return frozenset().union(*(terms(t, self._tokenizer) for t in texts if t))

    def rank(self, question: Question, linked: set[str] = frozenset(), hits: set[str] = frozenset()) -> list[Match]:
        """Facts that fit the question's kind, best first; empty when the question has no content terms."""
        qterms = terms(question.text, self._tokenizer)
        weights = {t: self.idf.get(t, self.unknown_idf) for t in qterms}
        total = sum(weights.values())
        if not total or question.kind not in (COUNT, AMOUNT):
            return []
        out = []
        for fact, bag in zip(self.facts, self.bags):
            if fact.is_money != (question.kind == AMOUNT):
                continue
            coverage = sum(w for t, w in weights.items() if t in bag) / total
            bonus = TENSE_BONUS * (question.tense == "future" and fact.kind == "Target"
                                   or question.tense == "past" and fact.kind == "Indicator")
            bonus += SEARCH_BONUS * bool(hits & set(fact.evidence))
            bonus += LINK_BONUS * bool(linked & set(fact.owners + fact.related))
            out.append(Match(fact, round(coverage, 4), round(coverage + bonus, 4)))
        return sorted(out, key=lambda m: (-m.score, m.fact.iri))

    def uncovered(self, question: Question, fact: Fact) -> list[str]:
        """The question's terms the fact does not have (for explaining a null answer)."""
        bag = self.bags[self.facts.index(fact)]
        return sorted(t for t in terms(question.text, self._tokenizer) if t not in bag)
