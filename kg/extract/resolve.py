"""Relations across extractors: targets to the task that states them, agencies to the task they own.

- a Target (Indicator) inside the scope of a Task, Goal or Action -> ``hasTarget`` (``hasIndicator``) from
  the smallest such scope; outside every scope -> from the root (plan or document);
- a responsibility statement (:class:`kg.extract.agencies.Assignment`) inside a task's scope, or right
  after it (within :data:`NEAR` characters on the same line), -> ``responsibleAgency`` for each agency and
  ``leadAgency`` for the lead; outside every item (the closing text of a notice) -> from the root, or from the
  document in the cover letter of a notice that issues the root plan (印发《X》的通知: the text above X's title). An item
  whose responsibility is stated by a list (a parenthesis, 责任单位：…) takes no agency from the duties its
  running text states (各省（区、市）人民政府要… inside （十四）…（A、B等负责））;
- a standing assignment (以下均需试点城市政府落实，不再列出) -> ``responsibleAgency`` of every task that follows;
- the bodies responsible for an item's sub-items (numbered or paragraphs) are responsible for the item too;
- a list said of an action as a whole (closing its section) holds for each of its tasks that names none.
"""
from __future__ import annotations

from .model import Extraction, Relation, Span
from .roots import Roots

NEAR = 12
_HOLDERS = ("Task", "Goal", "Action", "PolicyMeasure")


def _holder(out: Extraction, scopes: dict[str, Span], span: Span) -> str | None:
    """Key of the smallest Task/Goal/Action/PolicyMeasure scope that contains ``span``."""
    best, best_len = None, None
    for m in out.mentions:
        if m.kind not in _HOLDERS:
            continue
        scope = scopes.get(m.key, m.span)
        if scope.start <= span.start and span.end <= scope.end:
            size = scope.end - scope.start
            if best_len is None or size < best_len:
                best, best_len = m.key, size
    return best


def _holders(out: Extraction, scopes: dict[str, Span], a, roots: Roots, text: str) -> list[str]:
    """What an assignment holds for: the item around it or just before it, else the plans it drafted (…拟定的《X》),
    else the plan (or the document, in a cover letter) whose text holds it."""
    item = _holder(out, scopes, a.span) or _preceding(out, scopes, a.span, text)
    return [item] if item else (roots.drafted(text, a.span.end) or [roots.holder_at(a.span.start, a.span.end)])


def _preceding(out: Extraction, scopes: dict[str, Span], span: Span, text: str) -> str | None:
    """Key of the Task or Action whose scope ends just before ``span`` (within NEAR characters, same line)."""
    near = [(scopes.get(m.key, m.span).end, m.key) for m in out.mentions if m.kind in ("Task", "Action")
            and 0 <= span.start - scopes.get(m.key, m.span).end <= NEAR
            and "\n" not in text[scopes.get(m.key, m.span).end:span.start]]
    return max(near)[1] if near else None


def _following_items(out: Extraction, scopes: dict[str, Span], span: Span, everywhere: bool = False) -> list[str]:
    """The tasks a standing assignment at ``span`` holds for: those after it, in the same Action (in any, for one said
    of every measure: 各项措施责任单位均包括…), that hold no task of their own (以下均需试点城市政府落实，不再列出 stands
    for the lists each item would have had)."""
    action = None if everywhere else next((m.key for m in out.mentions if m.kind == "Action" and scopes.get(
        m.key, m.span).start <= span.start < scopes.get(m.key, m.span).end), None)
    within = scopes.get(action, Span(0, 10 ** 9)) if action else Span(0, 10 ** 9)
    parents = {r.subject for r in out.relations if r.predicate == "hasTask"}
    return [m.key for m in out.mentions if m.kind == "Task" and m.key not in parents
            and span.end <= scopes.get(m.key, m.span).start < within.end]


def resolve(out: Extraction, scopes: dict[str, Span], assignments, roots: Roots, text: str = "") -> None:
    """Add hasTarget/hasIndicator and responsibleAgency/leadAgency relations to ``out`` (in place); ``roots`` says
    which plan (or the document) holds what no item holds (:class:`kg.extract.roots.Roots`)."""
    keys = {m.key for m in out.mentions}
    added: list[Relation] = []
    for m in out.mentions:
        if m.kind in ("Target", "Indicator"):
            holder = _holder(out, scopes, m.span) or roots.at(m.span.start)
            predicate = "hasTarget" if m.kind == "Target" else "hasIndicator"
            added.append(Relation(holder, predicate, m.key))
    holders = [(h, a) for a in assignments for h in _holders(out, scopes, a, roots, text)]
    holders += [(task, a) for a in assignments if a.standing for task in _following_items(
        out, scopes, a.span, everywhere=text[a.span.start:a.span.start + 2] in ("各项", "所有"))]
    listed = {task for task, a in holders if not a.running and not a.standing}
    holders += _section_wide(out, holders, listed)
    for task, a in holders:
        if a.running and task in listed and task not in roots.keys:  # the item's list says who
            continue
        added.extend(Relation(task, "responsibleAgency", k) for k in a.agencies if k in keys)
        added.extend(Relation(task, "leadAgency", k) for k in a.leads if k in keys)
    known = set(out.relations)
    for r in added + _lifted(out, added):
        if r not in known and (r.subject in keys or r.subject in (roots.main, roots.document)) and r.object in keys:
            known.add(r)
            out.relations.append(r)


def _section_wide(out: Extraction, holders: list, listed: set) -> list:
    """A list said of an action as a whole (牵头单位：市商务局，责任单位：各县区人民政府 closing its section) holds for each
    of its tasks that names no list of its own."""
    kinds = {m.key: m.kind for m in out.mentions}
    tasks: dict[str, list[str]] = {}
    for r in out.relations:
        if r.predicate == "hasTask" and kinds.get(r.subject) == "Action":
            tasks.setdefault(r.subject, []).append(r.object)
    return [(task, a) for holder, a in holders if kinds.get(holder) == "Action" and not a.running and not a.standing
            for task in tasks.get(holder, []) if task not in listed]


def _lifted(out: Extraction, added: list[Relation]) -> list[Relation]:
    """The bodies responsible for an item's sub-items (numbered, or its paragraphs that each open with a headline)
    are responsible for the item too (who answers for （一）: every body of its 1. 2. 3.), not its lead."""
    by_key = out.by_key()
    parent = {r.object: r.subject for r in out.relations if r.predicate == "hasTask"
              and by_key.get(r.subject) is not None and by_key[r.subject].kind == "Task"
              and by_key.get(r.object) is not None}
    out_rels = []
    for r in [*out.relations, *added]:
        if r.predicate != "responsibleAgency":
            continue
        item, seen = parent.get(r.subject), {r.subject}
        while item is not None and item not in seen:  # （一） answers for its 1. and for the (1) of its 1.
            out_rels.append(Relation(item, "responsibleAgency", r.object))
            seen.add(item)
            item = parent.get(item)
    return out_rels
