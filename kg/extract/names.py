"""Agency names cut out of running text, and the declarations that make the first listed agency the lead.

Cleaning (:func:`strip_context`): a list item taken from running text often carries the words around the
name — a linking word before it (``经生态环境部``, ``由公安部``, ``会同财政部``, ``指导市场监管总局``, ``据湖北省地震局《…》``) or a whole
clause ending in a name (``技工院校内由人力资源社会保障部门``, ``各省政府要建立省级政府办公厅``). The name is
what follows the last such word. :func:`has_clause_words` tells a "name" that is really a clause
(``试点地区要高度重视政府``: a modal verb or 重视 inside) so that it is no agency at all.

Lead declarations (:func:`first_is_lead_from`): the texts declare once that the first agency of each
responsibility list leads — ``列第一位者为牵头单位``, ``排在第一位的部门为牵头部门``, ``列在首位的为牵头单位``,
``第一个部门为牵头部门``, ``排序第一的责任单位为该项牵头单位`` — in a parenthesis or in a sentence of its own, usually with ``下同``; the
declaration holds for the lists from where it is written on.
"""
from __future__ import annotations

import re

#: Words a name never starts with but a list item from running text may (经生态环境部同意, 指导财政部 ...).
_LEADING = re.compile(r"^(?:由|经(?![济信])|会同|指导|协调|配合|支持|督促|建议|请|报|向|在|对(?!外)|按照|根据|依据|依照|据|依托|领导(?!小组))+")
#: Words inside an item that end a clause before the name: the name is what follows the last of them.
_CLAUSE_END = re.compile(r".*(?:要|将|应当|必须|须|建立|成立|设立|重视|按照|根据|报送|提请|负责|(?<!自)由|经(?![济信])|会同"
                         r"|决定|对(?![外口])|均?需)")
#: Words no agency name contains (a modal verb, 重视, a clause-level verb).
_CLAUSE_WORDS = re.compile(r"[要须]|应当|必须|重视|高度|认真|切实|积极|通过|反映|间接|批转|转发|鼓励")
#: 列第一位者为牵头单位 / 排在第一位的部门为牵头部门 / 列在首位的为牵头单位 / 第一个部门为牵头部门.
FIRST_IS_LEAD = re.compile(r"(?:列|排序?|位列|排名)?(?:在)?(?:第一位|第一个|首位|首个|第一)(?:者|的)?(?:责任)?(?:部门|单位)?"
                           r"(?:为|是|作为)(?:该项|本项|各项)?(?:工作的?)?牵头(?:部门|单位)")


def strip_context(item: str) -> tuple[str, int]:
    """``(name, offset)``: the part of a list item after its linking words (经生态环境部 -> 生态环境部, 3... 1)."""
    cut = _CLAUSE_END.match(item)
    offset = cut.end() if cut and cut.end() < len(item) - 1 else 0
    lead = _LEADING.match(item, offset)
    if lead and lead.end() < len(item) - 1:
        offset = lead.end()
    return item[offset:], offset


def has_clause_words(name: str) -> bool:
    """True when ``name`` holds words of a clause (试点地区要高度重视政府), so it names no agency."""
    return bool(_CLAUSE_WORDS.search(name))


def first_is_lead_from(text: str) -> int | None:
    """Where the text first declares that the first listed agency leads, or None."""
    m = FIRST_IS_LEAD.search(text)
    return m.start() if m else None


__all__ = ["strip_context", "has_clause_words", "first_is_lead_from", "FIRST_IS_LEAD"]
