"""Question answering over the graph's facts, with search passages as context: deterministic code.

classify the question -> find the documents it is about (scope.py: the places it names) -> link
the entities it names within those documents -> rank the numeric facts of those documents
(matching.py) -> answer with the best fact only when it covers the question well and no different
number is as good; otherwise ``answer`` is None (no guessing). A fact from a document of another
place, year or organisation than the question names never answers it. Every answer cites the
fact's evidence passages.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..catalogue import Catalogue
from ..linking import Linker
from ..scope import without_places
from .facts import Fact, load_facts
from .matching import FactMatcher, Match
from .people import PeopleAndDates, Statement
from .phrasing import phrase
from .lists import Lists
from .question import WHEN, WHICH, WHO, Question, classify
from .agencies import Responsibilities
from .scope import QuestionScope

MIN_COVERAGE = 0.6  # share of the question's term weight the fact must cover
TIE_MARGIN = 0.02  # a different number scoring within this of the best makes the question ambiguous


class Searcher(Protocol):
    def search(self, q: str, k: int = 10, lang: str | None = None, mode: str = "hybrid") -> list[Any]: ...


@dataclass
class Answer:
    question: str
    lang: str
    answer: str | None
    kind: str
    facts: list[Fact | Statement] = field(default_factory=list)  # numbers, or dates and posts
    passages: list[Any] = field(default_factory=list)  # search hits
    matches: list[Match] = field(default_factory=list)  # the ranking, for evaluation and debugging


def decide(ranked: list[Match]) -> Match | None:
    """The best match if it covers the question and is not tied with a different number."""
    if not ranked or ranked[0].coverage < MIN_COVERAGE:
        return None
    best = ranked[0]
    for other in ranked[1:]:
        if other.score < best.score - TIE_MARGIN:
            break
        if other.fact.value != best.fact.value:
            return None
    return best


class Answerer:
    """Answers questions from a build's store; construct once (reads every fact), ask often."""

    def __init__(self, store, catalogue: Catalogue, linker: Linker, search: Searcher | None = None,
                 lists: Lists | None = None):
        self.facts = load_facts(store)
        self.linker = linker
        self.search = search
        self.matcher = FactMatcher(self.facts, catalogue, linker.tokenizer)
        self.people = PeopleAndDates(store)
        self.lists = lists if lists is not None else Lists(store)
        self.catalogue = catalogue
        self.scope = QuestionScope(store, catalogue)
        self.responsibilities = Responsibilities(store, linker.tokenizer)

    def ask(self, q: str, lang: str | None = None, k: int = 3, search: Searcher | None = None) -> Answer:
        """Answer ``q`` in ``lang`` (default: the question's language); ``k`` search passages as context."""
        question: Question = classify(q)
        out_lang = lang or question.lang
        search = search or self.search
        passages = search.search(q, k=k) if search is not None and k else []
        hits = {_passage_iri(p) for p in passages}
        docs = self.scope.documents(q)
        mentions = self.linker.link(q, question.lang, documents=docs) if docs else []
        found = self.responsibilities.answer(q, out_lang, lambda ev: self.scope.allows(q, docs, ev, mentions))
        if found:
            return Answer(q, out_lang, found[0], "agency", found[1], passages)
        if question.kind in (WHEN, WHO, WHICH):
            found = (self.lists.answer(q, mentions, out_lang) if question.kind == WHICH
                     else self.people.answer(question, mentions, out_lang))
            text, statements = found if found else (None, [])
            if statements and not all(self.scope.allows(q, docs, s.evidence, mentions, [s.value]) for s in statements):
                text, statements = None, []
            return Answer(q, out_lang, text, question.kind, statements, passages)
        unplaced = dataclasses.replace(question, text=without_places(q))  # the place named is the scope
        ranked = [m for m in self.matcher.rank(unplaced, {m.iri for m in mentions}, hits)
                  if self.scope.allows(q, docs, m.fact.evidence, mentions, [m.fact.deadline or ""])]
        best = decide(ranked)
        if best is None:
            return Answer(q, out_lang, None, question.kind, [], passages, ranked[:5])
        return Answer(q, out_lang, phrase(best.fact, out_lang, self._task(best.fact)), question.kind, [best.fact],
                      passages, ranked[:5])

    def _task(self, fact: Fact) -> dict[str, str] | None:
        """Labels of the nikg:Task that sets the fact, if one does."""
        tasks = [e for e in map(self.catalogue.get, fact.owners) if e is not None and "Task" in e.type_names]
        return tasks[0].labels if len(tasks) == 1 else None


def _passage_iri(hit: Any) -> str:
    return hit["passage"] if isinstance(hit, dict) else getattr(hit, "passage", "")
