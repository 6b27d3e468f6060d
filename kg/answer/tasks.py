"""Which action a task belongs to (``nikg:hasTask``) and by which year something is due.

Action: the question's content terms are matched to the tasks' labels and quotes (the same term
bags as the agency questions); when one task covers at least ``MIN_COVERAGE`` of them and no other
covers as much, the answer names the action that has it. Period: a question about the plan's end
(行动方案到哪一年结束) is answered with ``nikg:periodEnd`` of the plan it links, else of the one whose name it writes; one about a target (到哪一年……达到……) with
the ``nikg:deadline`` of the one fact that covers it.
"""
from __future__ import annotations

import re

from ..namespaces import sparql_prologue
from .people import Statement
from .question import terms

MIN_COVERAGE = 0.6
_CUE_TERMS = frozenset({"属于", "归属", "哪个", "哪项", "行动", "任务", "这项", "一项", "action", "task", "belong",
                        "part", "which", "measure", "措施", "建设"})
_TASKS = sparql_prologue() + """
SELECT ?task ?action ?text ?p WHERE { ?action nikg:hasTask ?task .
  { ?task skos:prefLabel ?text } UNION { ?task nikg:quote ?text } OPTIONAL { ?task nikg:evidence ?p } }"""
_LABELS = sparql_prologue() + """
SELECT ?s ?l WHERE { ?s a ?c ; skos:prefLabel ?l . VALUES ?c { nikg:Action nikg:Task nikg:ActionPlan } }"""
_PERIODS = sparql_prologue() + """
SELECT ?plan ?start ?end ?p WHERE { ?plan a nikg:ActionPlan ; nikg:periodEnd ?end .
  OPTIONAL { ?plan nikg:periodStart ?start } OPTIONAL { ?plan nikg:evidence ?p } }"""


class TasksAndPeriods:
    """Tasks with their actions, and plans' periods; read once from the store."""

    def __init__(self, store, tokenizer):
        self.tokenizer = tokenizer
        self.action: dict[str, str] = {}
        self.texts: dict[str, list[str]] = {}
        self.evidence: dict[str, set[str]] = {}
        for r in store.query(_TASKS):
            task = r["task"].value
            self.action[task] = r["action"].value
            self.texts.setdefault(task, []).append(r["text"].value)
            self.evidence.setdefault(task, set()).update([r["p"].value] if r["p"] is not None else [])
        self.labels: dict[str, dict[str, str]] = {}
        for r in store.query(_LABELS):
            self.labels.setdefault(r["s"].value, {}).setdefault(r["l"].language or "", r["l"].value)
        self.periods: dict[str, tuple[str | None, str, list[str]]] = {}
        for r in store.query(_PERIODS):
            start, ev = (str(r["start"].value) if r["start"] is not None else None), self.periods.get(r["plan"].value)
            evidence = (ev[2] if ev else []) + ([r["p"].value] if r["p"] is not None else [])
            self.periods[r["plan"].value] = (start, str(r["end"].value)[:4], sorted(set(evidence)))
        self.bags = {t: frozenset().union(*(terms(x, tokenizer) for x in texts)) for t, texts in self.texts.items()}

    QUERIES = (_TASKS, _LABELS, _PERIODS)  # what the constructor reads (the start-up tables save the result instead)

    def to_json(self) -> dict:
        """JSON-ready, for :meth:`from_json` (the build's start-up tables, :mod:`kg.tables`): with the term bags,
        so that start-up does not tokenize every task again (at 1M triples, 354k texts, 5 CPU s)."""
        return {"tasks": [[t, self.action[t], sorted(self.evidence[t]), sorted(self.bags[t])] for t in self.action],
                "labels": self.labels, "periods": [[p, *v] for p, v in self.periods.items()]}

    @classmethod
    def from_json(cls, data: dict, tokenizer) -> "TasksAndPeriods":
        out = cls.__new__(cls)
        out.tokenizer, out.labels = tokenizer, data["labels"]
        out.action = {t: a for t, a, _, _ in data["tasks"]}
        out.evidence = {t: set(ev) for t, _, ev, _ in data["tasks"]}
        out.bags = {t: frozenset(bag) for t, _, _, bag in data["tasks"]}
        out.periods = {p: (start, end, evidence) for p, start, end, evidence in data["periods"]}
        return out

    def label(self, iri: str, lang: str) -> str:
        labels = self.labels.get(iri, {})
        return labels.get(lang) or next(iter(labels.values()), iri)

    def action_of(self, q: str, lang: str, allowed) -> tuple[str, list[Statement]] | None:
        """The action of the one task the question names, or None."""
        asked = terms(q, self.tokenizer, asked=True) - _CUE_TERMS
        if not asked:
            return None
        ranked = sorted(((len(asked & bag) / len(asked), t) for t, bag in self.bags.items()
                         if allowed(sorted(self.evidence[t]))), reverse=True)
        if not ranked or ranked[0][0] < MIN_COVERAGE or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            return None
        task = ranked[0][1]
        action = self.action[task]
        text = (f"“{self.label(task, 'zh')}”属于{self.label(action, 'zh')}建设行动。" if lang == "zh" else
                f"“{self.label(task, 'en')}” belongs to the {self.label(action, 'en')} action.")
        return text, [Statement(action, self.labels.get(action, {}), self.label(action, lang), "Action",
                                sorted(self.evidence[task]))]

    def plan_end(self, plans: list[str], lang: str) -> tuple[str, list[Statement]] | None:
        """The end year of the one plan the question links."""
        known = sorted({p for p in plans if p in self.periods})
        if len(known) != 1:
            return None
        start, end, evidence = self.periods[known[0]]
        name = self.label(known[0], lang)
        span = f"{start}–{end}" if start else end
        text = f"《{name}》的实施期为{span}年，到{end}年结束。" if lang == "zh" else f"The {name} runs until {end} ({span})."
        return text, [Statement(known[0], self.labels.get(known[0], {}), end, "xsd:gYear", evidence)]


    def named(self, question: str, allowed) -> list[str]:
        """The one plan with a period whose Chinese name the question writes (六盘水新型基础设施建设三年行动方案 for
        六盘水市新型基础设施建设三年行动方案（2022—2024年）): of the plans whose name's character pairs the question writes
        at least :data:`NAMED_SHARE` of, and the kind of document its name ends with (方案, 规划), the one sharing the most pairs with it (a short name, 三年行动计划, is written
        inside a longer one); none when two share as many."""
        pairs = _pairs(question)
        scored = sorted(((len(shared), p) for p in self.periods if allowed(self.periods[p][2])
                         and (name := _PERIOD_TAIL.sub("", self.labels.get(p, {}).get("zh", ""))) and name[-2:] in question
                         and len(shared := _pairs(name) & pairs) >= NAMED_SHARE * len(_pairs(name))), reverse=True)
        if not scored or len(scored) > 1 and scored[1][0] == scored[0][0]:
            return []
        return [scored[0][1]]


NAMED_SHARE = 0.6
_PERIOD_TAIL = re.compile(r"[（(]\s*\d{4}\s*[-—–－~～至到]\s*\d{4}\s*年?\s*[）)]\s*$")


def _pairs(text: str) -> frozenset[str]:
    """The pairs of adjacent Chinese characters of a text."""
    return frozenset(a + b for a, b in zip(text, text[1:]) if "\u4e00" <= a <= "\u9fff" and "\u4e00" <= b <= "\u9fff")


#: A question about the goals as a whole (主要目标是到哪一年, by which year are the targets due).
GOALS = re.compile(r"目标|\bgoals?\b|\btargets?\b|\bobjectives?\b")


def goals_due(facts: list, lang: str) -> tuple[str, list[Statement]] | None:
    """The year every target of ``facts`` (those of the question's scope) is due, when they share one (遂宁…行动方案的
    主要目标是到哪一年: its targets are all due by 2027); else None."""
    due = [f for f in facts if f.kind == "Target" and f.deadline]
    years = {f.deadline[:4] for f in due}
    if len(years) != 1:
        return None
    year = years.pop()
    text = f"目标到{year}年（{len(due)}项目标）。" if lang == "zh" else f"The targets are due by {year} ({len(due)} targets)."
    evidence = sorted({e for f in due for e in f.evidence})
    return text, [Statement(due[0].iri, due[0].labels, year, "xsd:gYear", evidence)]


def deadline_answer(fact, lang: str) -> tuple[str, list[Statement]]:
    """By which year a fact is due: its nikg:deadline."""
    year = fact.deadline[:4]
    text = f"{fact.label('zh').rstrip('。')}：到{year}年。" if lang == "zh" else f"{fact.label('en').rstrip('.')}: by {year}."
    return text, [Statement(fact.iri, fact.labels, fact.deadline, "xsd:date", fact.evidence)]


__all__ = ["TasksAndPeriods", "deadline_answer", "goals_due", "GOALS"]
