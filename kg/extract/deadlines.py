"""When a Chinese target is due: the last day of the year or month a goal names (到2025年 -> 2025-12-31;
2019年12月底前 -> 2019-12-31), read from the target's sentence, else its paragraph, else the lead of the section
its numbered item is in (一、主要目标 / 到2027年，基本形成… / （二）…A级物流企业数量达到30家 -> 2027-12-31)."""
from __future__ import annotations

import datetime as dt

from . import base


def deadline(before: str) -> dt.date | None:
    """The last goal date of ``before`` (到/至/截至 a year or month, or one ending 底/末/前), else None."""
    for d in reversed(list(base.ZH_DEADLINE.finditer(before))):
        if d.group().startswith(("到", "至", "截至")) or d.group().endswith(("底", "末", "前")):
            return base.deadline(int(d.group("y")), int(d.group("m")) if d.group("m") else None)
    return None


def lead_deadlines(text: str, nodes) -> list[tuple[int, int, dt.date]]:
    """(start, end, deadline) of the numbered items of each outline node (:func:`kg.extract.outline.outline`)
    whose heading or lead paragraph, before its first item, names the date they are due; innermost first."""
    out: list[tuple[int, int, dt.date]] = []
    for node in nodes:
        out += lead_deadlines(text, node.children)
        if node.children and (due_at := deadline(text[node.start:node.children[0].start])):
            out.append((node.children[0].start, node.end, due_at))
    return out


def due(sentence: str, paragraph: str, leads: list[tuple[int, int, dt.date]], at: int) -> dt.date | None:
    """The deadline of a target at offset ``at``: its sentence's before it, else its paragraph's, else its section's."""
    return deadline(sentence) or deadline(paragraph) or next((d for a, b, d in leads if a <= at < b), None)


__all__ = ["deadline", "lead_deadlines", "due"]
