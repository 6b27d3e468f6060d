"""Actions, tasks, measures, goals and principles from the numbered outline (:mod:`kg.extract.outline`).

Rules (a node's *height* is 0 for a leaf, 1 for a parent of leaves, ...):

- a section whose heading says 保障措施/保障机制/政策措施/措施 gives PolicyMeasure children (numbered
  children, else inline 一是… items, else ``在A、B、C等方面`` items); 发展目标/主要目标/总体目标/行动目标
  gives Goal children (numbered children, else a ``…：a，b，c`` list plus the sentences after it, else
  its sentences); 基本原则/原则 gives Principle children; 现状/基础/成效/指导思想 sections give nothing;
- other nodes of height 1 are Actions and their children Tasks; a node with an inline enumeration
  (一是… / 主要包括：a；b) is an Action whose items are Tasks; top-level leaves are Actions; deeper
  leaves under a part (height >= 2) give nothing;
- anywhere: ``坚持A、B、C`` / ``立足于A、B`` lists of short items are Principles.

Relations: root hasAction Action, Action hasTask Task, root hasMeasure/hasGoal/hasPrinciple. The root is
the first ActionPlan the frame names (key passed in), else the Document.
"""
from __future__ import annotations

import re

from . import base
from .model import Extraction, Relation, Span
from .outline import Node, colon_list, enumerations, outline

NAME = "structure"
_MEASURE = re.compile(r"保障措施|保障机制|政策措施|组织保障|组织领导|组织实施|实施保障|措施$|政策举措")
_GOAL = re.compile(r"发展目标|主要目标|总体目标|行动目标|工作目标|具体目标|目标$")
_PRINCIPLE = re.compile(r"基本原则|原则$|指导思想")
_SKIP = re.compile(r"现状|发展基础|成效|进展|背景|形势|附件")
#: 坚持A、B、C / 立足于A、B: a list of 2..12-character items ending at ，。；
_PRINCIPLE_LIST = re.compile(r"(?:坚持|立足于?)(?P<items>[\u4e00-\u9fff]{2,12}(?:[、和][\u4e00-\u9fff]{2,12})+)(?=[，。；])")
#: 在A、B、C等方面 — measure items named inside a measures section.
_ASPECTS = re.compile(r"在(?P<items>[^，。；]{2,120}?)等方面")


def extract_structure(doc, passages, root: str | None = None) -> Extraction:
    """Action/Task/PolicyMeasure/Goal/Principle mentions and their hierarchy under ``root`` (a mention key)."""
    out = _extract(doc, root)
    for m in out.mentions:
        m.props.pop("_scope", None)
    return out


def scopes(doc, root: str | None = None) -> dict[str, Span]:
    """Key of each mention to the span of its whole item (an Action's heading and body; else its span)."""
    found: dict[str, Span] = {}
    for m in _extract(doc, root).mentions:
        found.setdefault(m.key, m.props.get("_scope", m.span))
    return found


def _extract(doc, root: str | None) -> Extraction:
    root = root or f"Document/{doc.id}"
    out = base.extraction(doc)
    for node in outline(doc.text):
        _visit(doc, node, root, out, top=True)
    _principle_lists(doc, root, out)
    return out


def _add(doc, out, kind, start, end, parent, predicate, number=None, label=None, scope_end=None) -> str:
    s, e = base.trim(doc.text, start, end)
    if e <= s:
        return parent
    m = base.mention(doc, kind, label if label is not None else doc.text[s:e], s, e, NAME, number=number)
    if len(m.label) < 2:
        return parent
    if scope_end is not None:
        m.props["_scope"] = Span(s, scope_end)
    out.mentions.append(m)
    out.relations.append(Relation(parent, predicate, m.key))
    return m.key


def _visit(doc, node: Node, parent: str, out: Extraction, top: bool = False) -> None:
    """``top``: a top-level node, or a leaf whose siblings are actions (it is one too, with no tasks)."""
    heading = node.heading
    if _MEASURE.search(heading):
        return _items(doc, node, parent, out, "PolicyMeasure", "hasMeasure")
    if _GOAL.search(heading):
        return _goals(doc, node, parent, out)
    if _PRINCIPLE.search(heading):
        return _items(doc, node, parent, out, "Principle", "hasPrinciple")
    if _SKIP.search(heading):
        return None
    inline = _inline(doc.text, node)
    height = _height(doc.text, node)
    container = any(_special(c.heading) for c in node.children)
    if not container and (height == 1 or (height == 0 and top)):
        action = _add(doc, out, "Action", node.start, node.heading_end, parent, "hasAction", node.number,
                      label=heading, scope_end=node.end)
        for child in node.children:
            _add(doc, out, "Task", child.start, child.end, action, "hasTask", child.number, label=child.heading)
        for s, e in inline:
            _add(doc, out, "Task", s, e, action, "hasTask")
        return None
    actions_among = any(_height(doc.text, c) == 1 and not _special(c.heading) for c in node.children)
    for child in node.children:
        _visit(doc, child, parent, out, top=actions_among)
    return None


def _special(heading: str) -> bool:
    """A heading that makes its section measures, goals, principles or nothing (not an action)."""
    return any(p.search(heading) for p in (_MEASURE, _GOAL, _PRINCIPLE, _SKIP))


def _inline(text: str, node: Node) -> list[tuple[int, int]]:
    """Inline enumerations of a node's own body (up to its first numbered child)."""
    return enumerations(text, node.heading_end, node.children[0].start if node.children else node.end)


def _height(text: str, node: Node) -> int:
    """0 for a leaf, 1 for a parent of leaves or a leaf with an inline enumeration, and so on."""
    if not node.children:
        return 1 if _inline(text, node) else 0
    return 1 + max(_height(text, c) for c in node.children)


def _items(doc, node: Node, parent: str, out: Extraction, kind: str, predicate: str) -> None:
    """Children, else inline enumerations, else 在A、B等方面 items, else the section itself."""
    if node.children:
        for child in node.children:
            _add(doc, out, kind, child.start, child.end, parent, predicate, child.number, label=child.heading)
        return
    inline = enumerations(doc.text, node.heading_end, node.end)
    for s, e in inline:
        _add(doc, out, kind, s, e, parent, predicate)
    aspects = [] if inline else list(_ASPECTS.finditer(doc.text, node.heading_end, node.end))
    for m in aspects:
        for s, e in _split(doc.text, m.start("items"), m.end("items"), "、"):
            _add(doc, out, kind, s, e, parent, predicate)
    listed = kind == "Principle" and _PRINCIPLE_LIST.search(doc.text, node.heading_end, node.end)
    if not inline and not aspects and not listed:  # a section with no items is itself one measure/principle
        _add(doc, out, kind, node.start, node.heading_end, parent, predicate, node.number, label=node.heading,
             scope_end=node.end)


def _goals(doc, node: Node, parent: str, out: Extraction) -> None:
    """Children; else the items of a ``…：a，b，c。`` list and the 到20XX年 sentences after it; else one Goal
    labelled by the heading whose scope is the whole section (the targets in it hang off that goal)."""
    if node.children:
        for child in node.children:
            _add(doc, out, "Goal", child.start, child.end, parent, "hasGoal", child.number, label=child.heading,
                 scope_end=child.end)
        return
    body_start = node.heading_end + 1
    items, after = colon_list(doc.text, body_start, node.end)
    if not items:
        _add(doc, out, "Goal", node.start, node.heading_end, parent, "hasGoal", node.number, label=node.heading,
             scope_end=node.end)
        return
    for s, e in items:
        _add(doc, out, "Goal", s, e, parent, "hasGoal")
    for s, e in _split(doc.text, after, node.end, "。"):
        if re.match(r"\s*(?:到|至|在)?20\d\d年|\s*力争", doc.text[s:e]):
            _add(doc, out, "Goal", s, e, parent, "hasGoal")


def _split(text: str, start: int, end: int, sep: str) -> list[tuple[int, int]]:
    out, pos = [], start
    for i in range(start, end):
        if text[i] in sep:
            out.append((pos, i))
            pos = i + 1
    out.append((pos, end))
    return [(s, e) for s, e in out if e - s > 1]


def _principle_lists(doc, root: str, out: Extraction) -> None:
    known = {m.key for m in out.mentions}
    for m in _PRINCIPLE_LIST.finditer(doc.text):
        for s, e in _split(doc.text, m.start("items"), m.end("items"), "、"):
            key = base.make_key("Principle", doc.text[s:e])
            if key not in known:
                known.add(key)
                _add(doc, out, "Principle", s, e, root, "hasPrinciple")
