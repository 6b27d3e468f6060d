"""Precision, recall and F1 of the extractor against gold (:mod:`kg.extract.gold`), per class and relation.

An extracted mention matches a gold entity of the same class when one of its spans overlaps one of the
gold spans and their labels agree after normalisation (NFKC, case, punctuation, numbering removed; equal,
one inside the other, or sharing most character bigrams), or the gold quote lies inside an extracted
span. Matching is one-to-one, best agreement first. Targets and indicators count only with the gold
value, comparator and a unit that agrees under the ``nikg:unit`` convention
(:func:`kg.quantities.units_agree`: a counted thing may be named in either language; a gold classifier such as 名 or 家
agrees with the counted noun its quote writes); events only with the gold date. A relation matches when both ends match
(person→post→agency: all three; event→date: the event and the date); for relations, a plan's numbered items match
whatever class each side gives them (task, goal, measure, principle: a heading decides it, and the class table scores
it), and an action's item is its task (hasTask, hasMeasure, hasGoal, hasPrinciple).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from ..quantities import units_agree
from .gold import GoldDoc, GoldEntity
from .identity import similarity
from .model import Extraction, Mention

CLASSES = ("Document", "ActionPlan", "Action", "Task", "PolicyMeasure", "Goal", "Principle", "Target", "Indicator",
           "Agency", "Person", "Post", "Place", "Event")
RELATIONS = ("task→action", "target→task", "person→post→agency", "event→date", "hasAction", "responsibleAgency",
             "leadAgency")
_NUMBERING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、是]|\d+[.、．]|第[一二三四五六七八九十]+条)")
_PUNCT = re.compile(r"[\s\W_]+")


def norm(label: str) -> str:
    text = unicodedata.normalize("NFKC", label)
    return _PUNCT.sub("", _NUMBERING.sub("", text)).casefold()


def labels_agree(a: str, b: str) -> bool:
    x, y = norm(a), norm(b)
    if not x or not y:
        return False
    return x == y or (min(len(x), len(y)) >= 2 and (x in y or y in x)) or similarity(x, y) >= 0.6


#: The numbered items of a plan, whose class (task, goal, measure, principle) a heading decides: a relation's ends match
#: across them (a target under the right item is attached right; the item's class is scored in the class table).
ITEMS = frozenset({"Task", "Goal", "PolicyMeasure", "Principle"})


def _match(m: Mention, g: GoldEntity, text: str, items: bool = False) -> bool:
    same = m.kind == g.kind or (items and m.kind in ITEMS and g.kind in ITEMS)
    if not same or not any(s.overlaps(t) for s in m.all_spans() for t in g.spans):
        return False
    inside = any(q and q in text[s.start:s.end] for q in g.quotes for s in m.all_spans())
    return inside or any(labels_agree(m.label, name) for name in (g.label, *g.aliases))


def _same(a, b) -> bool:
    if isinstance(a, dt.date):
        a = a.isoformat()
    if isinstance(a, (int, float)) and b is not None:
        try:
            return abs(float(a) - float(b)) < 1e-6 * max(1.0, abs(float(b)))
        except (TypeError, ValueError):
            return False
    return a is not None and str(a) == str(b)


#: Classifiers a gold file may give as the unit of a count (1000名人才: 名), where ``nikg:unit`` names the counted thing.
CLASSIFIERS = frozenset([*"个名家项套所座台条张辆户次批支只处栋部场", "场次"])


def _units_ok(ours: str | None, gold: str | None, quotes: tuple[str, ...]) -> bool:
    """The ``nikg:unit`` convention (:func:`kg.quantities.units_agree`), or a gold classifier with our counted noun
    written in the gold quote (培训2000名企业一线科技创新人才: 名 and 人才; 名 and 人 alike)."""
    if units_agree(ours, gold, quotes):
        return True
    return bool(gold in CLASSIFIERS and ours and (ours == "人" and gold == "名" or any(ours in q for q in quotes)))


def _values_ok(m: Mention, g: GoldEntity) -> bool:
    if g.kind in ("Target", "Indicator"):
        return (all(_same(m.props.get(k), g.props.get(k)) for k in ("value", "comparator"))
                and _units_ok(m.props.get("unit"), g.props.get("unit"), tuple(g.quotes)))
    if g.kind == "Event" and g.props.get("date"):
        return _same(m.props.get("date"), g.props["date"])
    return True


def align(ext: Extraction, gold: GoldDoc, text: str, items: bool = False) -> dict[str, str]:
    """mention key -> gold id, one-to-one: agreeing values first (two quantities of one sentence), then the
    best label agreement; with ``items``, a plan's items match whatever their class (:data:`ITEMS`)."""
    pairs = [(_values_ok(m, g) + similarity(norm(m.label), norm(g.label)) + (m.kind == g.kind), m.key, g.id)
             for m in ext.mentions for g in gold.entities if _match(m, g, text, items)]
    out, used = {}, set()
    for _, key, gid in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if key not in out and gid not in used:
            out[key] = gid
            used.add(gid)
    return out


@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def as_dict(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(p, 3), "recall": round(r, 3),
                "f1": round(f, 3)}


def _relation_sets(rels, kinds: dict[str, str], dates: dict[str, str]) -> dict[str, set[tuple]]:
    """The relation groups of a list of (subject, predicate, object) by entity id/key."""
    out: dict[str, set[tuple]] = {name: set() for name in RELATIONS}
    holds = [(s, o) for s, p, o in rels if p == "holdsPost"]
    post_org = {s: o for s, p, o in rels if p == "affiliation" and kinds.get(s) == "Post" and kinds.get(o) == "Agency"}
    for s, p, o in rels:
        if p in ("hasTask", "hasMeasure", "hasGoal", "hasPrinciple") and kinds.get(s) == "Action":
            out["task→action"].add((s, o))
        elif p == "hasTarget" and kinds.get(o) == "Target":
            out["target→task"].add((s, o))
        elif p in ("hasAction", "responsibleAgency", "leadAgency"):
            out[p].add((s, o))
    out["person→post→agency"] = {(person, post, post_org[post]) for person, post in holds if post in post_org}
    out["event→date"] = {(e, d) for e, d in dates.items() if kinds.get(e) == "Event"}
    return out


def score_document(ext: Extraction, gold: GoldDoc, text: str, classes: dict, relations: dict) -> None:
    """Add one document's counts to ``classes`` and ``relations`` (name -> :class:`Count`)."""
    matched = align(ext, gold, text)
    by_id = {g.id: g for g in gold.entities}
    by_key = ext.by_key()
    for kind in CLASSES if gold.kinds is None else [k for k in CLASSES if k in gold.kinds]:
        gold_n = sum(g.kind == kind for g in gold.entities)
        pred_n = sum(m.kind == kind for m in ext.mentions)
        tp = sum(1 for k, gid in matched.items() if by_key[k].kind == kind and _values_ok(by_key[k], by_id[gid]))
        if gold_n or pred_n:
            classes.setdefault(kind, Count()).add(tp, pred_n - tp, gold_n - tp)
    g_rel = _relation_sets(gold.relations, {g.id: g.kind for g in gold.entities},
                           {g.id: g.props.get("date") for g in gold.entities if g.props.get("date")})
    p_dates = {m.key: (m.props["date"].isoformat() if isinstance(m.props.get("date"), dt.date) else None)
               for m in ext.mentions if m.kind == "Event"}
    # a gold that does not annotate a class (the curated seeds: no Document) judges none of its relations
    judged = [r for r in ext.relations if gold.kinds is None
              or all(by_key[k].kind in gold.kinds for k in (r.subject, r.object) if k in by_key)]
    p_rel = _relation_sets([(r.subject, r.predicate, r.object) for r in judged],
                           {m.key: m.kind for m in ext.mentions}, {k: v for k, v in p_dates.items() if v})
    ends = align(ext, gold, text, items=True)
    for name in RELATIONS:
        mapped = {tuple(ends.get(x, f"?{x}") if i < (1 if name == "event→date" else 3) else x
                        for i, x in enumerate(t)) for t in p_rel[name]}
        tp = len(mapped & g_rel[name])
        if g_rel[name] or p_rel[name]:
            relations.setdefault(name, Count()).add(tp, len(p_rel[name]) - tp, len(g_rel[name]) - tp)


def misses(ext: Extraction, gold: GoldDoc, text: str) -> dict:
    """What one document's scoring did not pair: gold entities not found ("missed"), extracted mentions of an
    annotated class that match no gold ("extra"), as "Kind: label", and the relations of each side not found in
    the other, as "subject label -predicate-> object label"."""
    matched = align(ext, gold, text)
    by_id, by_key = {g.id: g for g in gold.entities}, ext.by_key()
    ok = {k: gid for k, gid in matched.items() if _values_ok(by_key[k], by_id[gid])}
    kinds = set(CLASSES) if gold.kinds is None else set(gold.kinds)
    out = {"missed": [f"{g.kind}: {g.label}" for g in gold.entities if g.id not in ok.values()],
           "extra": [f"{m.kind}: {m.label}" for m in ext.mentions if m.kind in kinds and m.key not in ok]}
    ends = align(ext, gold, text, items=True)
    name = {**{g.id: f"{g.kind}:{g.label}" for g in gold.entities}, **{k: f"{m.kind}:{m.label}" for k, m in by_key.items()}}
    gold_rels = {(r[0], r[1], r[2]) for r in gold.relations}
    scored = ("hasAction", "hasTask", "hasTarget", "responsibleAgency", "leadAgency", "holdsPost", "affiliation")
    item = {"hasMeasure": "hasTask", "hasGoal": "hasTask", "hasPrinciple": "hasTask"}  # an action's item: its task
    ext_rels = {(ends.get(r.subject, r.subject), item.get(r.predicate, r.predicate), ends.get(r.object, r.object))
                for r in ext.relations if item.get(r.predicate, r.predicate) in scored}
    for side, rels, other in (("relations missed", gold_rels, ext_rels), ("relations extra", ext_rels, gold_rels)):
        out[side] = sorted(f"{name.get(s, s)[:40]} -{p}-> {name.get(o, o)[:40]}" for s, p, o in rels - other)
    return out


def report(classes: dict, relations: dict, documents: list[str]) -> dict:
    return {"documents": documents, "classes": {k: v.as_dict() for k, v in classes.items()},
            "relations": {k: v.as_dict() for k, v in relations.items()}}


__all__ = ["score_document", "misses", "report", "align", "labels_agree", "norm", "Count", "CLASSES", "RELATIONS"]
