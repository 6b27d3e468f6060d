"""Task tables: the division of work a plan sets out in a table (重点任务分工表, 任务清单) rather than in sentences.

A table reaches the text as rows of cells between " | " (see :mod:`kg.extract.grids`). Its heading row names a task
column (重点任务, 工作任务, 具体措施, 工作内容, 项目名称…; the first of them) and at least one column of bodies
(牵头单位, 责任单位, 配合单位, 主办/协办单位, 责任部门…), often a deadline (完成时限, 时间节点) and a group (类别, 领域):

    序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限
    1 | 推行企业开办“一日办结” | 市市场监管局 | 市公安局、市税务局 | 2031年6月底前

Each row's task is the item of the text it restates (the same label: a table that divides the tasks the body set out),
else a Task of its own, under the Action its group cell names, else under the table's title line (重点任务分工表), both
made Actions of the root. Every body of a body column is responsible for it (``responsibleAgency``), those of a
牵头/主办 column lead (``leadAgency``); a deadline cell (2031年6月底前) is the new task's ``deadline``. A cell merged
over rows (a group, a serial number) is written once, so a shorter row is read from its last cell backwards.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import base
from .agencies import is_clause_name, scope
from .bodylists import list_names
from .identity import similarity
from .model import Extraction, Mention, Relation, Span
from .roots import Roots

NAME = "worklists"
_ROW = re.compile(r"^[^\n]*\|[^\n]*\|[^\n]*$", re.MULTILINE)
_TASK = re.compile(r"^(?!.*指标).*(?:任务|措施|举措|事项|工作内容|工作要点|内容|工作$|项目名称)")  # an indicator table: grids
_BODIES = re.compile(r"(?:牵头|责任|配合|协办|主办|参与|实施|落实|承办)(?:单位|部门|主体)$")
_LEADS = re.compile(r"^(?:牵头|主办)")
_DUE = re.compile(r"时限|完成时间|时间节点|完成期限|时间安排|进度安排|完成时序")
_GROUP = re.compile(r"类别|领域|方面|板块|类型|分类")
_SERIAL_CELL = re.compile(r"\d{1,3}")


@dataclass(frozen=True)
class Columns:
    task: int
    bodies: tuple[tuple[int, bool], ...]  # (column, lead) of each body column
    due: int | None
    group: int | None
    width: int
    serial: int | None = None  # the 序号 column


def _cells(line: str, start: int) -> list[tuple[str, int, int]]:
    """(text, start, end) of each non-empty cell of a row at ``start``."""
    out, at = [], start
    for raw in line.split("|"):
        text = raw.strip()
        if text:
            s = at + raw.index(text)
            out.append((text, s, s + len(text)))
        at += len(raw) + 1
    return out


def _columns(cells: list[str]) -> Columns | None:
    """A task table's heading row, else None."""
    names = [re.sub(r"\s+", "", c) for c in cells]
    bodies = tuple((i, bool(_LEADS.match(n))) for i, n in enumerate(names) if _BODIES.search(n))
    task = next((i for i, n in enumerate(names) if _TASK.search(n) and not _BODIES.search(n) and not _DUE.search(n)
                 and len(n) <= 8 and (not bodies or i < bodies[0][0])), None)
    if task is None or not bodies:
        return None
    due = next((i for i, n in enumerate(names) if _DUE.search(n)), None)
    group = next((i for i, n in enumerate(names[:task]) if _GROUP.search(n)), None)
    serial = next((i for i, n in enumerate(names) if n == "序号"), None)
    return Columns(task, bodies, due, group, len(names), serial)


def _placed(columns: Columns, cells: list) -> dict[int, tuple[str, int, int]]:
    """A row's cells by column. Cells merged over rows are written on their first row only: the row is read from its
    serial number on (a missing group cell after it is the merged one), else from its last cell backwards."""
    at = next((i for i, c in enumerate(cells) if _SERIAL_CELL.fullmatch(c[0])), None)
    if columns.serial is None or at is None:
        shift = columns.width - len(cells)
        return {i + shift: cell for i, cell in enumerate(cells)}
    after = [i for i in range(columns.serial + 1, columns.width)]
    if len(cells) - at - 1 < len(after) and columns.group in after:
        after.remove(columns.group)
    before = list(range(columns.serial - at, columns.serial))
    return {**dict(zip(before, cells[:at])), columns.serial: cells[at], **dict(zip(after, cells[at + 1:]))}


def _line_before(text: str, pos: int) -> tuple[str, int, int] | None:
    """The line right above ``pos`` (blank lines skipped) when it is no table row: a table's title."""
    end = len(text[:pos].rstrip())
    start = text.rfind("\n", 0, end) + 1
    line = text[start:end]
    if not line.strip() or "|" in line:
        return None
    return line.strip(), start + len(line) - len(line.lstrip()), end


def task_rows(text: str):
    """(columns, title line or None, {column: (cell, start, end)}) of each row of each task table of ``text`` (cells
    placed by :func:`_placed`)."""
    columns, title, group, previous_end = None, None, None, 0
    for m in _ROW.finditer(text):
        if text[previous_end:m.start()].strip():  # a line that is no row came between: a new table
            columns = None
        previous_end = m.end()
        cells = _cells(m.group(), m.start())
        found = _columns([c[0] for c in cells])
        if found:
            columns, title, group = found, _line_before(text, m.start()), None
        elif columns and 2 <= len(cells) <= columns.width:
            row = _placed(columns, cells)
            if columns.group in row and not _SERIAL_CELL.fullmatch(row[columns.group][0]):
                group = row[columns.group]  # a group cell merged over rows is written on its first row only
            elif group:
                row[columns.group] = group
            else:
                row.pop(columns.group, None)
            yield columns, title, row


_ITEMS = ("Task", "PolicyMeasure", "Goal")
_ATTACHMENT = re.compile(r"^附件\s*\d*\s*[:：]?\s*")


def _norm(label: str) -> str:
    return re.sub(r"[\W_]+", "", label)


def _restated(items: list[Mention], cell: str) -> str | None:
    """The key of the text's item that a row restates (the same label, one inside the other, or most bigrams)."""
    x = _norm(base.clean_label(cell, 60))
    best = max(((similarity(x, y), m.key) for m in items if (y := _norm(m.label))
                and (x == y or (min(len(x), len(y)) >= 4 and (x in y or y in x)) or similarity(x, y) >= 0.6)),
               default=None)
    return best[1] if best else None


class _Adder:
    """Adds mentions (a key already found gets the new span) and relations (once) to an extraction."""

    def __init__(self, out: Extraction):
        self.out, self.keys = out, out.by_key()
        self.relations = {(r.subject, r.predicate, r.object) for r in out.relations}

    def mention(self, m: Mention) -> str:
        if m.key in self.keys:
            if m.span not in self.keys[m.key].all_spans():
                self.keys[m.key].spans.append(m.span)
        else:
            self.keys[m.key] = m
            self.out.mentions.append(m)
        return m.key

    def relation(self, subject: str, predicate: str, obj: str) -> None:
        if (subject, predicate, obj) not in self.relations:
            self.relations.add((subject, predicate, obj))
            self.out.relations.append(Relation(subject, predicate, obj))


def _action(doc, add: _Adder, columns: Columns, title, row: dict) -> str | None:
    """The Action a new row task hangs off, made from its group cell, else from the table's title line, else None."""
    group = row.get(columns.group) if columns.group is not None else None
    if group:
        return add.mention(base.mention(doc, "Action", group[0], group[1], group[2], NAME))
    opening = _ATTACHMENT.match(title[0]) if title else None
    named = opening.end() if opening else 0  # 附件：重点任务分工表 -> 重点任务分工表
    if title and title[0][named:]:
        return add.mention(base.mention(doc, "Action", title[0][named:], title[1] + named, title[2], NAME))
    return None


def _due(columns: Columns, row: dict):
    """The date of a row's deadline cell (2031年6月底前 -> 2031-06-30), else None."""
    m = base.ZH_DEADLINE.search(row[columns.due][0]) if columns.due in row else None
    return base.deadline(int(m.group("y")), int(m.group("m")) if m.group("m") else None) if m else None


def add_worklists(out: Extraction, doc, root: Roots, scopes: dict[str, Span]) -> None:
    """The tasks, responsible bodies and deadlines of every task table of ``doc``, joined to ``out``."""
    add, place = _Adder(out), base.jurisdiction(doc)
    items = [m for m in out.mentions if m.kind in _ITEMS]
    actions = [m for m in out.mentions if m.kind == "Action"]
    for columns, title, row in task_rows(doc.text):
        cell = row.get(columns.task)
        if not cell:
            continue
        holder = _restated(items, cell[0])
        if holder is None:
            action = _action(doc, add, columns, title, row)
            if action:
                add.relation(root.at(cell[1]), "hasAction", action)
            else:  # the Action whose section holds the table
                around = [(scopes.get(a.key, a.span).start, a.key) for a in actions
                          if scopes.get(a.key, a.span).start <= cell[1] < scopes.get(a.key, a.span).end]
                action = max(around)[1] if around else None
            if action is None:
                continue
            holder = add.mention(base.mention(doc, "Task", cell[0], cell[1], cell[2], NAME, deadline=_due(columns, row)))
            add.relation(action, "hasTask", holder)
        for column, lead in columns.bodies:
            if column in row:
                for name, s, e in list_names(doc.text, row[column][1], row[column][2]):
                    if is_clause_name(name):
                        continue
                    agency = add.mention(base.mention(doc, "Agency", name, s, e, NAME, jurisdiction=scope(name, place)))
                    add.relation(holder, "responsibleAgency", agency)
                    if lead:
                        add.relation(holder, "leadAgency", agency)
