"""Which questions: the tasks of an action, the plan's actions and safeguard measures, in text order.

Answered only when the question names the kind of item (tasks / 任务, measures / 措施, actions / 行动)
and the thing that has them is linked in the question (an action) or is the plan.
"""
from __future__ import annotations

import re

from ..linking import Mention
from ..namespaces import sparql_prologue
from .people import Statement

_ITEMS = sparql_prologue() + """
SELECT ?owner ?rel ?item ?label ?p ?text ?quote WHERE {
  VALUES ?rel { nikg:hasTask nikg:hasMeasure nikg:hasAction }
  ?owner ?rel ?item . ?item skos:prefLabel ?label .
  OPTIONAL { ?item nikg:evidence ?p . ?p nikg:text ?text . FILTER(LANG(?text) = "zh")
             ?item nikg:quote ?quote . FILTER(LANG(?quote) = "zh") }
}"""
_DECLARED = sparql_prologue() + """
SELECT ?owner ?cls ?value WHERE { ?owner nikg:declaredCount ?c . ?c nikg:countOf ?cls ; nikg:value ?value }"""
QUERIES = [_DECLARED, _ITEMS]  # in the order Lists asks them
_CLASS = {"hasTask": "Task", "hasMeasure": "PolicyMeasure", "hasAction": "Action"}
# (relation, question cue, zh heading, en heading)
_KINDS = [("hasTask", re.compile(r"\btasks?\b|任务"), "建设任务", "construction tasks"),
          ("hasMeasure", re.compile(r"\bmeasures?\b|措施"), "保障措施", "safeguard measures"),
          ("hasAction", re.compile(r"\bactions?\b|行动"), "建设行动", "construction actions")]
_PLAN_NAME = re.compile(r"\baction plans?\b|行动方案|行动计划")
_BODY_ASKED = re.compile(r"\b(?:which|what) (?:\w+ )?(?:agenc(?:y|ies)|departments?|bureaus?|commissions?|bod(?:y|ies)|"
                         r"organi[sz]ations?|ministr(?:y|ies)|offices?)\b|哪个部门|哪些部门|哪个单位|哪些单位|哪个机构|什么部门")


class Lists:
    """What the plan and its actions contain, read once from the store."""

    def __init__(self, store):
        self.declared = {(r["owner"].value, r["cls"].value.rsplit("#", 1)[-1]): int(float(r["value"].value))
                         for r in store.query(_DECLARED)}
        self.items: dict[tuple[str, str], dict[str, dict]] = {}
        for row in store.query(_ITEMS):
            key = (row["owner"].value, row["rel"].value.rsplit("#", 1)[-1])
            item = self.items.setdefault(key, {}).setdefault(row["item"].value, {"labels": {}, "order": None, "evidence": set()})
            item["labels"].setdefault(row["label"].language or "", row["label"].value)
            if row["p"] is not None:
                item["evidence"].add(row["p"].value)
                position = (row["p"].value, max(row["text"].value.find(row["quote"].value), 0))
                item["order"] = min(item["order"] or position, position)

    def to_json(self) -> dict:
        """JSON-ready, for :meth:`from_json` (the build's start-up tables, :mod:`kg.tables`)."""
        return {"declared": [[o, c, n] for (o, c), n in self.declared.items()],
                "items": [[o, r, [[i, v["labels"], v["order"], sorted(v["evidence"])] for i, v in items.items()]]
                          for (o, r), items in self.items.items()]}

    @classmethod
    def from_json(cls, data: dict) -> "Lists":
        lists = cls.__new__(cls)
        lists.declared = {(o, c): n for o, c, n in data["declared"]}
        lists.items = {(o, r): {i: {"labels": labels, "order": tuple(order) if order else None, "evidence": set(ev)}
                                for i, labels, order, ev in items} for o, r, items in data["items"]}
        return lists

    def answer(self, text: str, mentions: list[Mention], lang: str) -> tuple[str, list[Statement]] | None:
        """The items of the one list the question asks for; None when it asks for an agency (which department is
        responsible for …: not a list of items) or names no list ("action plan" is the plan, not its actions)."""
        low = _PLAN_NAME.sub(" ", text.lower())
        if _BODY_ASKED.search(low):
            return None
        kinds = [k for k in _KINDS if k[1].search(low)]
        if not kinds:
            return None
        relation, _, zh_heading, en_heading = kinds[0]
        owners = sorted({m.iri for m in mentions if m.type == ("Action" if relation == "hasTask" else "ActionPlan")})
        if relation != "hasTask" and not owners:
            owners = sorted({o for o, r in self.items if r == relation})  # the plan, when it is the only owner
        if len(owners) != 1 or (owners[0], relation) not in self.items:
            return None
        items = sorted(self.items[(owners[0], relation)].items(), key=lambda kv: (kv[1]["order"] or ("~", 0), kv[0]))
        names = [v["labels"].get(lang) or next(iter(v["labels"].values())) for _, v in items]
        owner = next((m for m in mentions if m.iri == owners[0]), None)
        owner_name = owner.label if owner is not None and relation == "hasTask" else ("方案" if lang == "zh" else "the plan")
        declared = self.declared.get((owners[0], _CLASS[relation]))
        if lang == "zh":
            note = f"（共{declared}项，文中列出{len(names)}项）" if declared and declared != len(names) else ""
            sentence = f"{owner_name}的{zh_heading}{note or f'（{len(names)}项）'}：{'；'.join(names)}。"
        else:
            note = f" ({declared} declared, {len(names)} named in the texts)" if declared and declared != len(names) else ""
            sentence = f"The {en_heading} of {owner_name}{note or f' ({len(names)})'}: {'; '.join(names)}."
        return sentence, [Statement(iri, v["labels"], v["labels"].get(lang, ""), relation.removeprefix("has"),
                                    sorted(v["evidence"])) for iri, v in items]
