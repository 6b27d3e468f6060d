"""Actions, tasks, measures, goals and principles from the numbered outline (:mod:`kg.extract.outline`).

Rules:

- the *action level*: when some items are named as actions (…建设行动, …工程), those items are Actions
  and the parts above them only hold special sections; otherwise every top-level part (一、) is an Action;
- items under an Action are Tasks, items under a Task sub-Tasks (``hasTask``); a body's inline
  enumeration (一是… / 主要包括：a；b) or, for an item set on several paragraphs that each open with a
  headline, each paragraph (labelled by its lead clause) gives Tasks too (:mod:`kg.extract.paragraphs`;
  paragraphs that state duties are the item's own text);
- a section whose heading says 保障措施/组织领导/政策措施/措施/应急保障/组织机构 gives PolicyMeasures (numbered children,
  else inline items, else ``在A、B、C等方面`` items, else the section itself), hanging off its Action;
  发展目标/主要目标/总体目标/行动目标/编制目的 gives Goals (children; else a ``…：a，b，c`` list and the 到20XX年
  sentences after it; else one Goal, the section, that scopes the targets in it); 基本原则/原则/指导思想
  gives Principles (a 指导思想 section is one Principle, its 坚持A、B clauses part of it); 现状/发展基础/成效/背景/形势 sections (and 适用范围/等级划分, the
  scope and the levels of an emergency plan; 部门委员, a roster's group) give nothing;
- an unnumbered paragraph opened by a goal heading closed by a colon (总体要求与目标：…, 具体指标：…) is a Goal
  whose scope is the paragraph (its targets hang off it);
- said of the plan as a whole (not in a 指导思想 section or a sentence stating the guiding thought, nor in an
  action, task or measure): ``坚持A、B、C`` / ``立足于A、B`` lists of short items are Principles, and
  so are ``坚持X。`` paragraphs of an unnumbered body (总体要求: 坚持全面覆盖。…).

Relations: root hasAction Action, Action hasTask Task (Task hasTask sub-Task), Action (or root)
hasMeasure, root hasGoal/hasPrinciple. The root is
the first ActionPlan the frame names (key passed in), else the Document.
"""
from __future__ import annotations

import re

from . import base, paragraphs
from .model import Extraction, Relation, Span
from .outline import Node, colon_list, enumerations, is_section_title, lists_criteria, outline
from .paragraphs import lead_clause
from .roots import Roots

NAME = "structure"
_MEASURE = re.compile(r"保障措施|保障机制|^应急保障$|组织机构|政策措施|组织保障|组织领导|组织实施|实施保障|(?:支持|配套|推进|落实)措施$|政策举措|(?:加强|强化)领导")
_GOAL = re.compile(r"编制目的|工作目的|发展目标|主要目标|总体目标|行动目标|工作目标|具体目标|目标任务|目标$")
_PRINCIPLE = re.compile(r"基本原则|原则$|指导思想|总体思路")
_GUIDING = re.compile(r"^(?:指导思想|总体思路)$")
#: Sections that state no work: the situation, an attachment, a roster's groups of members (部门委员, 专家委员（…）).
_SKIP = re.compile(r"现状|发展基础|成效|进展|背景|形势|附件|适用范围|等级划分|分级标准|名词解释|(?:委员|成员)(?:（[^（）]*）)?$")

#: An article's number (第十二条): a top-level article (no chapter above it) is a Task of the plan, as in a chaptered one.
_ARTICLE = re.compile(r"第[一二三四五六七八九十百\d]+条")
#: The unnumbered title of a list of praised practices (典型经验做法, 先进事迹, 典型案例), e.g. a praise notice's
#: attachment: each item reports what a place did, no duty of the plan; the list runs to the end of the text.
_REPORTS = re.compile(r"^[ \t\u3000]*[^\n。；，]{0,30}(?:典型经验做法|经验做法|典型案例|先进事迹|先进典型)[ \t\u3000]*$", re.M)
#: A heading that names an action of the plan (“新网络”建设行动, 数字乡村示范工程): that level is the action level.
_ACTION_NAMED = re.compile(r"(?:行动|工程|专项行动)[”\"]?$")
#: 坚持A、B、C / 立足于A、B: a list of 2..12-character items ending at ，。；
_PRINCIPLE_LIST = re.compile(r"(?:坚持|立足于?)(?P<items>[\u4e00-\u9fff]{2,12}(?:[、和][\u4e00-\u9fff]{2,12})+)(?=[，。；])")
#: 在A、B、C等方面 — measure items named inside a measures section.
_ASPECTS = re.compile(r"在(?P<items>[^，。；]{2,120}?)等方面")


def extract_structure(doc, passages, root: Roots | str | None = None) -> Extraction:
    """Action/Task/PolicyMeasure/Goal/Principle mentions and their hierarchy under ``root`` (a mention key, or the
    :class:`~kg.extract.roots.Roots` of a document that issues several plans: each part under its own)."""
    out = _extract(doc, root)
    for m in out.mentions:
        m.props.pop("_scope", None)
    return out


def scopes(doc, root: Roots | str | None = None) -> dict[str, Span]:
    """Key of each mention to the span of its whole item (an Action's heading and body; else its span)."""
    found: dict[str, Span] = {}
    for m in _extract(doc, root).mentions:
        found.setdefault(m.key, m.props.get("_scope", m.span))
    return found


def _extract(doc, root) -> Extraction:
    document = f"Document/{doc.id}"
    roots = root if isinstance(root, Roots) else Roots(document, root or document)
    out = base.extraction(doc)
    reports = _REPORTS.search(doc.text)  # a list of praised practices: reports of what was done, no parts
    nodes = outline(doc.text, tuple(start for start, _ in roots.starts))
    _visit_top(doc, [n for n in nodes if not reports or n.start < reports.end()], roots, out)
    _colon_goals(doc, roots, out)
    _principle_lists(doc, roots, out)
    return out


#: A paragraph opened by an unnumbered heading closed by a colon (总体要求与目标：…, 具体指标：…).
_COLON_HEADING = re.compile(r"^[ \t\u3000]*(?P<heading>[\u4e00-\u9fff]{2,10})[：:]", re.M)
_GOAL_COLON = re.compile(_GOAL.pattern + r"|指标$")


def _colon_goals(doc, roots: Roots, out: Extraction) -> None:
    """A paragraph whose colon-closed heading names goals (…目标：, 具体指标：) is a Goal of ``root`` scoping the
    targets it states, unless a goal section of the outline holds it already."""
    held = [m.props["_scope"] for m in out.mentions if m.kind == "Goal" and "_scope" in m.props]
    for m in _COLON_HEADING.finditer(doc.text):
        if not _GOAL_COLON.search(m.group("heading")) or any(g.start <= m.start() < g.end for g in held):
            continue
        end = doc.text.find("\n", m.end())
        _add(doc, out, "Goal", m.start("heading"), m.end(), roots.at(m.start()), "hasGoal", label=m.group("heading"),
             scope_end=len(doc.text) if end < 0 else end)


def _add(doc, out, kind, start, end, parent, predicate, number=None, label=None, scope_end=None) -> str:
    """Add a mention of ``kind`` for ``text[start:end]`` under ``parent``; its key (``parent`` if empty)."""
    s, e = base.trim(doc.text, start, end)
    if e <= s:
        return parent
    m = base.mention(doc, kind, label if label is not None else doc.text[s:e], s, e, NAME, number=number)
    if len(m.label) < 2:
        return parent
    if scope_end is not None:
        m.props["_scope"] = Span(s, scope_end)
    taken = {x.key for x in out.mentions}
    if m.key in taken:  # two items with one label (or one 30-character start) stay two entities
        m.key = next(f"{m.key}#{n}" for n in range(2, len(taken) + 3) if f"{m.key}#{n}" not in taken)
    out.mentions.append(m)
    out.relations.append(Relation(parent, predicate, m.key))
    return m.key


def _visit_top(doc, nodes: list[Node], roots: Roots, out: Extraction) -> None:
    """Top-level parts (each under the plan whose text holds it): actions of their own, unless a deeper level names
    the actions (…建设行动) — decided for each plan's text apart (a notice may issue a list of policies and an action
    plan)."""
    for root in dict.fromkeys(roots.at(n.start) for n in nodes):
        group = [n for n in nodes if roots.at(n.start) == root]
        named = any(_ACTION_NAMED.search(n.heading) or _has_action_level(n) for n in group)
        for node in group:
            if named:
                _part(doc, node, root, out, top=True)
            elif not _skipped(node.heading):
                _action(doc, node, root, out)


def _action(doc, node: Node, root: str, out: Extraction) -> None:
    """A top-level part as an Action of ``root`` (an article of a rule set without chapters: a Task)."""
    article = bool(_ARTICLE.match(node.number))  # a rule set without chapters: its articles are its tasks
    action = _add(doc, out, "Task" if article else "Action", node.start, node.heading_end, root,
                  "hasTask" if article else "hasAction", node.number, label=node.heading, scope_end=node.end)
    if _special(node.heading):
        _special_section(doc, node, root, action, out)
    else:
        _children(doc, node, root, action, out)


def _part(doc, node: Node, root: str, out: Extraction, top: bool = False) -> None:
    """A part above the action level: its special sections and its action-named items; a top-level part that holds
    neither (三、发挥市场和企业的主体作用 after the actions) is an action of its own."""
    if _special(node.heading):
        _special_section(doc, node, root, root, out)
    elif _has_action_level(node):  # the deepest action-named level wins (…4大建设行动 over its 4 actions)
        for child in node.children:
            _part(doc, child, root, out)
    elif _ACTION_NAMED.search(node.heading):
        action = _add(doc, out, "Action", node.start, node.heading_end, root, "hasAction", node.number,
                      label=node.heading, scope_end=node.end)
        _children(doc, node, root, action, out)
    elif top and not _skipped(node.heading):
        _action(doc, node, root, out)


def _special_section(doc, node: Node, root: str, owner: str, out: Extraction) -> None:
    """Measures (hasMeasure from ``owner``), goals and principles (from ``root``), containers, skipped parts."""
    if is_section_title(node.heading, _MEASURE):
        _items(doc, node, owner, out, "PolicyMeasure", "hasMeasure")
    elif is_section_title(node.heading, _GOAL):
        _goals(doc, node, root, out)
    elif _GUIDING.search(node.heading) and not node.children:  # 指导思想: one principle, its 坚持A、B part of it
        _add(doc, out, "Principle", node.start, node.heading_end, root, "hasPrinciple", node.number,
             label=node.heading, scope_end=node.end)
    elif is_section_title(node.heading, _PRINCIPLE):
        _items(doc, node, root, out, "Principle", "hasPrinciple")
    elif not _skipped(node.heading):  # a container (总体要求): its special children, its other items as tasks
        _children(doc, node, root, owner, out)


def _children(doc, node: Node, root: str, owner: str, out: Extraction) -> None:
    """Items of an action or task: special sections as such, the others as tasks (with their own sub-tasks); the
    items of a list of criteria (符合下列要求的…予以保留) are no tasks."""
    if lists_criteria(doc.text, node):
        return
    for child in node.children:
        if _special(child.heading):
            _special_section(doc, child, root, owner, out)
        else:
            task = _add(doc, out, "Task", child.start, child.end, owner, "hasTask", child.number,
                        label=child.heading, scope_end=child.end)
            _children(doc, child, root, task, out)
    for s, e in _inline(doc.text, node) or (_body_items(doc, node, root, out) if not node.children else []):
        _add(doc, out, "Task", s, e, owner, "hasTask", label=lead_clause(doc.text, s, e), scope_end=e)


def _body_items(doc, node: Node, root: str, out: Extraction) -> list[tuple[int, int]]:
    """An unnumbered body's 坚持X。 paragraphs (added as principles of ``root``) and its sub-items: its other
    paragraphs when each opens with a headline (:mod:`kg.extract.paragraphs`)."""
    found = paragraphs.body(doc.text, node)
    held = paragraphs.principles(doc.text, found)
    for s, e in held:
        _add(doc, out, "Principle", s, e, root, "hasPrinciple", label=paragraphs.principle_label(doc.text, s),
             scope_end=e)
    return paragraphs.sub_items(doc.text, [p for p in found if p not in held])


def _has_action_level(node: Node) -> bool:
    """Its items (or theirs) are named as actions: two at least and half of them (one 实施招商落地深化攻坚行动 among
    ordinary items is a task like the others)."""
    named = sum(bool(_ACTION_NAMED.search(c.heading)) for c in node.children)
    return (named >= 2 and 2 * named >= len(node.children)) or any(_has_action_level(c) for c in node.children)


def _special(heading: str) -> bool:
    """A heading that makes its section measures, goals, principles or nothing (not an action)."""
    return any(is_section_title(heading, p) for p in (_MEASURE, _GOAL, _PRINCIPLE, _SKIP))


def _skipped(heading: str) -> bool:
    """A status section (现状, 发展基础, 成效 ...), skipped."""
    return is_section_title(heading, _SKIP)


def _inline(text: str, node: Node) -> list[tuple[int, int]]:
    """Inline enumerations of a node's own body (up to its first numbered child)."""
    return enumerations(text, node.heading_end, node.children[0].start if node.children else node.end)


def _items(doc, node: Node, parent: str, out: Extraction, kind: str, predicate: str) -> None:
    """Children, else inline enumerations, else paragraphs opening with a headline, else (principles) 坚持…
    sentences, or 在A、B等方面 items, else the section itself."""
    if node.children:
        for child in node.children:  # and their numbered items, each with its own scope (2.1.3 成员单位职责: (3)…)
            _add(doc, out, kind, child.start, child.end, parent, predicate, child.number, label=child.heading)
            if child.children and kind == "PolicyMeasure":
                _items(doc, child, parent, out, kind, predicate)
        return
    items = enumerations(doc.text, node.heading_end, node.end) or paragraphs.sub_items(
        doc.text, paragraphs.body(doc.text, node))  # paragraphs opening with a headline (聚焦主业。…, 强化组织管理。…)
    if not items and kind == "Principle":  # else 坚持… sentences
        items = [(s, e) for s, e in _split(doc.text, node.heading_end + 1, node.end, "。")
                 if doc.text[s:e].lstrip().startswith("坚持")]
        items = items if len(items) >= 2 else []
    if not items:
        items = [p for m in _ASPECTS.finditer(doc.text, node.heading_end, node.end)
                 for p in _split(doc.text, m.start("items"), m.end("items"), "、")]
    for s, e in items:
        lead = lead_clause(doc.text, *base.trim(doc.text, s, e))
        _add(doc, out, kind, s, e, parent, predicate, label=lead.split("，")[0] if kind == "Principle" else lead)
    listed = kind == "Principle" and list(_PRINCIPLE_LIST.finditer(doc.text, node.heading_end, node.end))
    for m in (listed or []) if not items else []:  # 基本原则。坚持统筹规划、需求牵引: each item a principle
        for s, e in _split(doc.text, m.start("items"), m.end("items"), "、"):
            _add(doc, out, kind, s, e, parent, predicate)
    if not items and not listed:  # a section with no items is itself one measure/principle
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


#: The guiding-thought formula (以习近平新时代中国特色社会主义思想为指导): its sentence is a guiding thought.
_GUIDED = re.compile(r"以[^。；]{2,40}?思想为指导")


def _principle_lists(doc, roots: Roots, out: Extraction) -> None:
    """坚持A、B、C lists said of the plan as a whole: not in a 指导思想 section or a sentence stating the guiding
    thought (whose clauses belong to it), nor in the body of an action, task or measure (how that item is done)."""
    known = {m.key for m in out.mentions}
    held = [m.props["_scope"] for m in out.mentions
            if "_scope" in m.props and (m.kind == "Principle" or m.kind in ("Action", "Task", "PolicyMeasure"))]
    for m in _PRINCIPLE_LIST.finditer(doc.text):
        sentence = doc.text[max(doc.text.rfind(c, 0, m.start()) for c in "。\n") + 1:m.start()]
        if any(g.start <= m.start() < g.end for g in held) or _GUIDED.search(sentence):
            continue
        for s, e in _split(doc.text, m.start("items"), m.end("items"), "、"):
            key = base.make_key("Principle", doc.text[s:e])
            if key not in known:
                known.add(key)
                _add(doc, out, "Principle", s, e, roots.at(s), "hasPrinciple")
