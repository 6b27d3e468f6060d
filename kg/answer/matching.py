"""Which numeric fact answers a question: the share of the question's content that the fact covers.

A fact's own terms are those of its labels, aliases, quantity phrases, unit and counted class; its
context terms those of its quotes and the sentences that hold them, of the entities it is attached to and of its
documents' titles (a quote often states several facts, so a term found only there counts half). A question term weighs its inverse
document frequency over the facts, and a term no fact has weighs more than any (so a question
about something the graph does not state — hospitals, Beijing — is not covered: no answer). Money questions only match money
facts and counting questions only counts; tense (will / have) and the search hits break ties.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from ..catalogue import Catalogue
from .facts import Fact
from .question import AMOUNT, COUNT, Question, terms, without_notes, zh_terms

TENSE_BONUS = 0.05  # a Target for "will ...", an Indicator for "have ..."
SEARCH_BONUS = 0.03  # the fact's evidence is among the search hits for the question
LINK_BONUS = 0.05  # the question names an entity the fact is attached to
CONTEXT_CREDIT = 0.5  # a question term found only in the fact's quotes or attached entities
UNKNOWN_WEIGHT = 1.5  # times the largest idf: a term no fact has
TIE_MARGIN = 0.02  # a different number scoring within this of the best makes the question ambiguous


@dataclass(frozen=True)
class Match:
    fact: Fact
    coverage: float  # share of the question's term weight found in the fact, in [0, 1]
    score: float  # coverage plus small tie-breaking bonuses
    precise: bool = False  # the fact's label says nothing the question does not ask (:meth:`FactMatcher.precise`)


class FactMatcher:
    """Ranks the graph's numeric facts for a question; built once."""

    def __init__(self, facts: list[Fact], catalogue: Catalogue, tokenizer, texts: dict[str, str] | None = None):
        """``texts``: evidence passage IRI -> text; the sentences that hold a fact's quotes are context of it."""
        self.facts = facts
        self._tokenizer = tokenizer
        owns = [self._own(f) for f in facts]
        sentences = [quoting_sentences(f, texts or {}) for f in facts]
        beside: dict[str, list[int]] = {}  # sentence -> the facts it states
        for i, found in enumerate(sentences):
            for sentence in found:
                beside.setdefault(sentence, []).append(i)
        self.bags = []
        for i, f in enumerate(facts):  # the sentence's terms, but those naming another fact it states
            named_beside = frozenset().union(*(owns[j] for s in sentences[i] for j in beside[s] if j != i))
            context = self._context(f, catalogue) | (self._terms(sentences[i]) - named_beside)
            self.bags.append((owns[i], context - owns[i]))
        df = Counter(t for own, context in self.bags for t in own | context)
        n = max(len(facts), 1)
        self.idf = {t: math.log(1 + n / c) for t, c in df.items()}
        self.unknown_idf = UNKNOWN_WEIGHT * math.log(1 + n)

    def _terms(self, texts: list[str]) -> frozenset[str]:
        return frozenset().union(*(terms(t, self._tokenizer) for t in texts if t))

    def _own(self, fact: Fact) -> frozenset[str]:
        """The fact's own terms."""
        return self._terms([*fact.labels.values(), *fact.aliases, *fact.quantity_texts.values(), *fact.count_of,
                            fact.unit or "", (fact.deadline or "")[:4]])  # the year it is due: 到2020年

    def _context(self, fact: Fact, catalogue: Catalogue) -> frozenset[str]:
        """The terms of its quotes, documents' titles and the entities it hangs from."""
        context = [*fact.quotes, *fact.documents]
        for iri in fact.owners + fact.related:
            entity = catalogue.get(iri)
            if entity is not None:
                context += [name for name, _, _ in entity.names()]
        return self._terms(context)

    def _credit(self, term: str, bags: tuple[frozenset[str], frozenset[str]]) -> float:
        return 1.0 if term in bags[0] else CONTEXT_CREDIT if term in bags[1] else 0.0

    def rank(self, question: Question, linked: set[str] = frozenset(), hits: set[str] = frozenset()) -> list[Match]:
        """Facts that fit the question's kind, best first; empty when the question has no content terms."""
        qterms = terms(question.text, self._tokenizer, asked=True)
        weights = {t: self.idf.get(t, self.unknown_idf) for t in qterms}
        total = sum(weights.values())
        if not total or question.kind not in (COUNT, AMOUNT):
            return []
        out = []
        for fact, bags in zip(self.facts, self.bags):
            if not question.fits(fact.is_money):
                continue
            coverage = sum(w * self._credit(t, bags) for t, w in weights.items()) / total
            bonus = TENSE_BONUS * (question.tense == "future" and fact.kind == "Target"
                                   or question.tense == "past" and fact.kind == "Indicator")
            bonus += SEARCH_BONUS * bool(hits & set(fact.evidence))
            bonus += LINK_BONUS * bool(linked & set(fact.owners + fact.related))
            out.append(Match(fact, round(coverage, 4), round(coverage + bonus, 4)))
        out.sort(key=lambda m: (-m.score, m.fact.iri))
        for i, m in enumerate(out):  # only the leading ones can be tied (:func:`kg.answer.answerer.decide`)
            if m.score < out[0].score - TIE_MARGIN:
                break
            out[i] = replace(m, precise=self.precise(qterms, m.fact))
        return out

    def precise(self, qterms: set[str], fact: Fact) -> bool:
        """Every Chinese word of the fact's label, bar a note in brackets, is one the question asks: 专任教师8108人
        for 专任教师多少人, where 小学专任教师3320人 adds 小学 (ties between them are broken by it, :func:`decide`)."""
        label = without_notes(fact.labels.get("zh", ""))
        own = {t for t in zh_terms(label, self._tokenizer) if not _SCOPE.match(t)} if label else set()
        return bool(own) and own <= qterms

    def uncovered(self, question: Question, fact: Fact) -> list[str]:
        """The question's terms the fact does not have (for explaining a null answer)."""
        own, context = self.bags[self.facts.index(fact)]
        return sorted(t for t in terms(question.text, self._tokenizer, asked=True) if t not in own | context)


_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
_SCOPE = re.compile(r"^(?:[全本][省市区县州镇乡]|其中|现有)$")  # 全县专任教师5200人: the place the question names


def quoting_sentences(fact: Fact, texts: dict[str, str]) -> list[str]:
    """The sentences of the fact's evidence passages that hold one of its quotes (what the quote leaves out of its
    sentence: 初步梳理排摸了未来三年实施的…，预计总投资约2700亿元 for the quote 预计总投资约2700亿元)."""
    quotes = [q for q in fact.quotes if len(q) >= 4]
    return [s for p in fact.evidence for s in _SENTENCE.findall(texts.get(p, "")) if any(q in s for q in quotes)]
