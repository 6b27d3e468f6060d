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
import re
from itertools import takewhile
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..catalogue import Catalogue
from ..linking import Linker
from ..linking.langdetect import simplified
from ..passages import document_iri
from ..scope import without_places
from .facts import Fact, load_facts
from .matching import TIE_MARGIN, FactMatcher, Match
from .people import PeopleAndDates, Statement
from .roles_en import reporter
from .phrasing import dictionary_phrase, phrase
from .lists import Lists
from .question import COUNT, OTHER, WHEN, WHICH, WHO, ConstructionMemo, Question, classify
from .agencies import DUTY, LOCATED, Responsibilities
from .bodies import ASKED
from .contradictions import Contradictions, measured_as_asked, restated
from .events import Events
from .basis import CUE as BASIS_CUE, basis
from .bilingual import RATE, CrossLingual
from .issued import ISSUER_CUE, NUMBER_CUE, WHICH_DOC, IssueDates
from .intents import ACTION, CHAIR, MEETING, ORGANISER, PERIOD, POST, PRESENTER, intents, organisations
from .scope import QuestionScope, documents_of
from .reader import Reader, in_paragraph
from .dense import DenseReader, counts_in
from .tasks import GOALS, TasksAndPeriods, deadline_answer, goals_due

_PLAN = re.compile(r"\bplan\b|方案|规划")
_ATTEND = re.compile(r"attend|出席|参加|\bofficials?\b|官员|哪位")
_NO_COUNT = frozenset({"%", "‰", "CNY", "USD"})
MIN_COVERAGE = 0.6  # share of the question's term weight the fact must cover
READ_PASSAGES = 8  # search passages the reader reads when no fact answers


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
    """The best match if it covers the question and is not tied with a different number; among tied ones, the one
    fact whose label asks nothing more than the question (:meth:`FactMatcher.precise`) wins."""
    if not ranked or ranked[0].coverage < MIN_COVERAGE:
        return None
    tied = list(takewhile(lambda m: m.score >= ranked[0].score - TIE_MARGIN, ranked))
    if len({m.fact.value for m in tied}) == 1:
        return ranked[0]
    precise = [m for m in tied if m.precise]
    return precise[0] if len({m.fact.value for m in precise}) == 1 else None


class Answerer:
    """Answers questions from a build's store; construct once (reads every fact), ask often."""

    def __init__(self, store, catalogue: Catalogue, linker: Linker, search: Searcher | None = None,
                 lists: Lists | None = None, crosslingual: dict | None = None, tasks: dict | None = None,
                 contradictions: dict | None = None):
        self.facts = load_facts(store)
        self.linker = linker
        self.search = search
        tokenizer = ConstructionMemo(linker.tokenizer)
        self.contradictions = (Contradictions.from_json(contradictions) if contradictions is not None
                               else Contradictions(store))  # contradictions: the build's table
        self.matcher = FactMatcher(self.facts, catalogue, tokenizer, self.contradictions.texts)
        self.people = PeopleAndDates(store)
        self.lists = lists if lists is not None else Lists(store)
        self.catalogue = catalogue
        self.scope = QuestionScope(store, catalogue)
        self.responsibilities = Responsibilities(store, tokenizer)
        self.events = Events(store, self.people)
        self.tasks = (TasksAndPeriods.from_json(tasks, tokenizer) if tasks is not None  # tasks: the build's table
                      else TasksAndPeriods(store, tokenizer))
        self.issued = IssueDates(store)
        self.crosslingual = CrossLingual(self.facts, store, saved=crosslingual)  # saved: the build's glossary
        self.reader = Reader(linker.tokenizer, lambda: self.crosslingual.glossary)
        self.dense = DenseReader(self.reader, self.scope)
        tokenizer.done()

    def ask(self, q: str, lang: str | None = None, k: int = 3, search: Searcher | None = None,
            read_by_encoder: bool = True) -> Answer:
        """Answer ``q`` in ``lang`` (default: the question's language); ``k`` search passages as context;
        ``read_by_encoder``: a number no fact gives may be read off the clause the encoder finds closest (dense.py). An
        answer from a document that never writes a place the question names (锡林浩特市, or in pinyin: Chiping district) is
        no answer (one without evidence is not checked), nor is a number in another unit than the one asked, or a
        percentage for a question asking none (:func:`kg.answer.contradictions.measured_as_asked`), however it was found."""
        found = self._ask(q, lang, k, search, read_by_encoder)
        evidence = [ev for f in found.facts for ev in getattr(f, "evidence", [])]
        numbers = [f for f in found.facts if isinstance(f, Fact) and f.value is not None]  # also those read off text
        if found.answer is not None and not (self.scope.writes_places(found.question, evidence)
                                             and self.scope.spells_places(found.question, evidence)
                                             and all(measured_as_asked(found.question, f) for f in numbers)):
            return dataclasses.replace(found, answer=None, facts=[])
        return found

    def _ask(self, q: str, lang: str | None, k: int, search: Searcher | None, read_by_encoder: bool = True) -> Answer:
        question: Question = classify(q := simplified(q))  # 江門市…印發: asked in simplified, as the texts are read
        out_lang = lang or question.lang
        search = search or self.search
        passages = search.search(q, k=k) if search is not None and k else []
        docs = self.scope.documents(q)
        mentions = self._mentions(question, docs)
        allowed = lambda ev, values=(): self.scope.allows(q, docs, ev, mentions, list(values))  # noqa: E731
        searched = (searched_document(passages), getattr(search, "similarities", None))
        if based := self._basis(question, out_lang, searched):  # 根据哪份文件制定: the scope chose the document
            return Answer(q, out_lang, based[0], OTHER, based[1], passages)
        found = self._intent(question, mentions, out_lang, allowed, searched, docs)
        if found is None and not DUTY.search(q.lower()) and (read := self._body(question, search, out_lang, allowed)):
            return Answer(q, out_lang, read[0], WHICH, read[1], passages)  # 哪个单位是…的主管单位: a clause says it
        if found is None:
            found = self._kind(question, mentions, out_lang, allowed)
        if found is not None:
            kind, text, statements = found
            ok = statements and all(allowed(s.evidence, [s.value]) for s in statements)
            reader = self._read if kind == WHEN else self._body  # no fact: a date, or a body, read off the passages
            if not statements and (read := reader(question, search, out_lang, allowed)):
                return Answer(q, out_lang, read[0], kind if kind == WHEN else WHICH, read[1], passages)
            return Answer(q, out_lang, text if ok else None, kind, statements if ok else [], passages)
        if LOCATED.search(q.lower()) and search is not None:  # 办公室设在哪个部门: read off the passages
            read = self.reader.located(question, self._read_passages(search, q), out_lang, lambda ev: allowed(ev))
            return Answer(q, out_lang, read[0] if read else None, WHICH, read[1] if read else [], passages)
        unplaced = dataclasses.replace(question, text=without_places(q))  # the place named is the scope
        matched = self.matcher.rank(unplaced, {m.iri for m in mentions}, {_passage_iri(p) for p in passages})
        refused = [m.fact for m in matched if not self.contradictions.allows(q, m.fact)]
        ranked = [m for m in matched if allowed(m.fact.evidence, [m.fact.deadline or ""]) and m.fact not in refused
                  and not (counts_in(question) and m.fact.unit in _NO_COUNT)]  # 几年, 多少所: no share, no money
        best = decide(ranked)
        if best is not None:
            return Answer(q, out_lang, phrase(best.fact, out_lang, self._task(best.fact)), question.kind, [best.fact],
                          passages, ranked[:5])
        read = self._unmatched(question, search, out_lang, allowed, read_by_encoder)
        read = None if read and restated(read[1], refused) else read
        return Answer(q, out_lang, read[0] if read else None, question.kind, read[1] if read else [], passages, ranked[:5])

    def _unmatched(self, question: Question, search, lang: str, allowed, read_by_encoder: bool) -> tuple | None:
        """(text, facts) for a number no graph fact covers well: a Chinese-only fact through the dictionary (English),
        else read off the question's passages (reader.py), else off the clause the encoder finds closest (dense.py)."""
        q = question.text
        if question.lang == "en" and (question.numeric or RATE.search(q.lower())):
            fact = self.crosslingual.best(q, lambda f: allowed(f.evidence, [f.deadline or ""]) and self.contradictions.allows(
                q, f) and question.fits(f.is_money))
            if fact is not None:
                return dictionary_phrase(fact, lang), [fact]
        if question.numeric and (read := self._read(question, search, lang, allowed)):
            return read
        if search is not None and read_by_encoder:
            return self.dense.answer(question, search, lang, lambda ev: allowed(ev),
                                     lambda hits: in_paragraph(search, hits, self.scope.titles))
        return None

    def _mentions(self, question: Question, docs: frozenset[str]) -> list:
        """The entities the question names, linked within its scope; in English, a person in pinyin too (Li Ganjie)."""
        mentions = self.linker.link(question.text, question.lang, documents=docs) if docs else []
        if question.lang == "en" and not any(m.type == "Person" for m in mentions):
            mentions += [_Named(p, "Person") for p in self.people.by_pinyin(question.text)]
        return mentions

    def _intent(self, question: Question, mentions: list, lang: str, allowed, searched: tuple = (None, None),
                docs: frozenset[str] = frozenset()) -> tuple | None:
        """(kind, text or None, statements) for the finer intents (intents.py); None: not one of them. ``searched``:
        the document most of the question's search passages are from (:func:`searched_document`) and the search
        index's title similarity (:func:`kg.answer.issued.english_named`); ``docs``: the question's scope (ids)."""
        q, wanted, by_type = question.text, intents(question.text), _by_type(mentions)
        if not by_type.get("ActionPlan") and _PLAN.search(q.lower()):
            by_type["ActionPlan"] = self._sole_plan(allowed)
        asks_document = NUMBER_CUE.search(q.lower()) or WHICH_DOC.search(q.lower())  # "document number": no count
        glossary = self.crosslingual.glossary if question.lang == "en" else None  # English words -> a Chinese title
        asks_document = asks_document or ISSUER_CUE.search(q.lower())  # 谁印发的: the document's issuer
        scoped = frozenset(document_iri(d) for d in docs)
        found = self.issued.answer(q, lang, glossary, *searched, scoped) if question.kind in (WHEN, OTHER, WHICH) or asks_document else None
        if found and ((unit := found[1][0].unit) != "xsd:date" or question.kind == WHEN):  # whose approval…: no date
            return _triple(WHEN if unit == "xsd:date" else WHICH if unit == "agency" else OTHER, found)
        if POST in wanted and len(set(by_type.get("Person", []))) == 1:
            return _triple(WHO, self.people.posts_of(by_type["Person"][0], lang, self._orgs(q, mentions)))
        chaired = ([e for e in set(by_type.get("Event", [])) if e in self.people.participants]
                   or self.people.named_events(q)) if CHAIR in wanted else []
        if chaired:  # who chaired: stated, or no answer (never the attendees)
            return _triple(WHO, self.events.chair(chaired[0], self.contradictions.texts, lang) if len(chaired) == 1 else None)
        if (wanted & {PRESENTER, ORGANISER, MEETING} and (by_type.get("Event") or by_type.get("ActionPlan"))
                and reporter(q) is None):  # who presented X's work report: its government's head (people.holder_en)
            found = self.events.answer(wanted, by_type, q, lang) or self.events.introducer(wanted, q, allowed, self.contradictions.texts, lang)
            if found or wanted & {PRESENTER, ORGANISER}:
                return _triple(WHEN if not wanted & {PRESENTER, ORGANISER} else WHO, found)
        if question.kind != WHEN and (found := self.events.introducer(wanted, q, allowed, self.contradictions.texts, lang)):
            return _triple(WHO, found)
        if ACTION in wanted and (found := self.tasks.action_of(q, lang, allowed)):
            return _triple(WHICH, found)
        if question.kind == WHO or question.kind == WHICH and _ATTEND.search(q.lower()):
            events = [e for e in set(by_type.get("Event", [])) if e in self.people.participants]
            names = [m.surface for m in mentions if m.type in ("Agency", "Place")
                     and not any(m.surface in label for label in self.people.labels.get(events[0] if events else "", {}).values())]
            found = self.events.attendees(events[0], q, names, lang) if len(events) == 1 else None
            if found is not None:
                return _triple(WHO, None if found == "refuse" else found)
        return None

    def _kind(self, question: Question, mentions: list, lang: str, allowed) -> tuple | None:
        """(kind, text or None, statements) for agency, when, who and which questions; None: a numeric one."""
        found = (self.responsibilities.duties_of(question.text, [m.iri for m in mentions if m.type == "Agency"], lang, allowed)
                 or self.responsibilities.answer(question.text, lang, allowed))
        if found:
            return _triple("agency", found)
        if question.kind not in (WHEN, WHO, WHICH):
            return None
        if question.kind == WHEN and not _by_type(mentions).get("Event"):  # 报告是哪天在区人代会上作的
            mentions = mentions + [_Named(e, "Event") for e in self.events.session(question.text, allowed)]
        if question.kind == WHEN and PERIOD in intents(question.text):
            mentions = mentions + [_Named(p, "ActionPlan") for p in self._sole_plan(allowed)
                                   if _PLAN.search(question.text.lower()) and not _by_type(mentions).get("ActionPlan")]
        found = ((self.lists.answer(question.text, mentions, lang) if question.kind == WHICH else None)
                 or self.people.answer(question, mentions, lang))  # which: a list, else the holders of a post
        if (found is None and question.lang == "en" and question.kind in (WHO, WHICH)
                and (not any(m.type in ("Person", "Event") for m in mentions)  # "State Council" may link: the body
                     or reporter(question.text) is not None)):  # who delivered it at the congress (an Event)
            found = self.people.holder_en(question, self.crosslingual.glossary, lang)  # a Chinese-only post
        if found is None and question.kind == WHEN and PERIOD in intents(question.text):
            found = self._period(question, mentions, lang, allowed)
        return _triple(question.kind, found)

    def _period(self, question: Question, mentions: list, lang: str, allowed):
        """By which year: the deadline of the one fact the question names, else its plan's end, else the targets' year."""
        unplaced = dataclasses.replace(question, text=without_places(question.text), kind=COUNT)
        ranked = [m for m in self.matcher.rank(unplaced, {m.iri for m in mentions}) if m.fact.deadline
                  and allowed(m.fact.evidence)]
        best = decide(ranked)
        if best is not None:
            return deadline_answer(best.fact, lang)
        plans = [m.iri for m in mentions if m.type == "ActionPlan"] or self.tasks.named(question.text, allowed)
        ended = self.tasks.plan_end(plans, lang)
        if ended is None and GOALS.search(question.text.lower()):  # no period stated: the year its targets share
            return goals_due([f for f in self.facts if f.kind == "Target" and f.deadline and allowed(f.evidence)], lang)
        return ended

    def _read(self, question: Question, search: Searcher | None, lang: str, allowed) -> tuple | None:
        """A number or date read off the question's passages (reader.py) when no fact answers it."""
        if search is None:
            return None
        hits = self._read_passages(search, question.text)
        return self.reader.answer(question, hits, lang, lambda evidence: allowed(evidence))

    def _read_passages(self, search: Searcher, q: str) -> list[dict]:
        """The :data:`READ_PASSAGES` passages the reader reads, each with the sentence before it in its paragraph
        and its document's title."""
        return in_paragraph(search, search.search(q, k=READ_PASSAGES), self.scope.titles)

    def _body(self, question: Question, search: Searcher | None, lang: str, allowed) -> tuple | None:
        """The body a clause of the passages names, for a question asking for one (bodies.py)."""
        if search is None or not ASKED.search(question.text.lower()) or LOCATED.search(question.text.lower()):
            return None
        return self.reader.body(question, self._read_passages(search, question.text), lang, lambda ev: allowed(ev))

    def _basis(self, question: Question, lang: str, searched: tuple) -> tuple | None:
        """For a question asking the number or title of the document another was made by (根据哪份文件): the one the
        question names (else the one document of its scope, else that of its search passages, in its scope) cites
        (basis.py); None for any other question."""
        q, low = question.text, question.text.lower()
        if not BASIS_CUE.search(low) or not (NUMBER_CUE.search(low) or WHICH_DOC.search(low) or "哪份文件" in q):
            return None
        glossary = self.crosslingual.glossary if question.lang == "en" else None
        scoped = {document_iri(d) for d in self.scope.documents(q)}
        doc = (self.issued.named(q, glossary, *searched) or (sorted(scoped) if len(scoped) == 1 else [])
               or ([searched[0]] if searched[0] in scoped else []))
        if len(doc) != 1 or doc[0] not in self.issued.docs:
            return None
        return basis(self.issued.store, q, doc[0], self.issued.docs[doc[0]]["titles"], lang) or (None, [])  # asked: no guess

    def _sole_plan(self, allowed) -> list[str]:
        """The one plan in the question's scope that has an approval or a period ("the plan", 方案)."""
        plans = {p for p in [*self.people.approved, *self.tasks.periods] if allowed(self.people.evidence.get(p, []))}
        return sorted(plans) if len(plans) == 1 else []

    def _orgs(self, q: str, mentions: list) -> list[str]:
        """Organisations the question names: spelled out (市科委) or linked agencies."""
        return organisations(q) + [m.iri for m in mentions if m.type == "Agency"]

    def _task(self, fact: Fact) -> dict[str, str] | None:
        """Labels of the nikg:Task that sets the fact, if one does."""
        tasks = [e for e in map(self.catalogue.get, fact.owners) if e is not None and "Task" in e.type_names]
        return tasks[0].labels if len(tasks) == 1 else None


def _by_type(mentions: list) -> dict[str, list[str]]:
    return {t: [m.iri for m in mentions if m.type == t] for t in dict.fromkeys(m.type for m in mentions)}


@dataclass(frozen=True)
class _Named:
    """An entity the linker did not find but the question names: "the plan" (the only one in scope),
    a person in pinyin (Li Ganjie); shaped like a linking Mention."""
    iri: str
    type: str
    label: str = ""
    surface: str = ""


def _triple(kind: str, found: tuple | None) -> tuple:
    text, statements = found if found else (None, [])
    return kind, text, statements


def searched_document(passages: list) -> str | None:
    """The document of the question's first search passage when most of its passages are from it, else None."""
    docs = [next(iter(documents_of([_passage_iri(p)])), None) for p in passages]
    return document_iri(docs[0]) if docs and docs[0] and docs.count(docs[0]) * 2 > len(docs) >= 2 else None


def _passage_iri(hit: Any) -> str:
    return hit["passage"] if isinstance(hit, dict) else getattr(hit, "passage", "")
