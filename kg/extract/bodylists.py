"""Lists of bodies as responsibility notes write them (A、B、C等; A和B; 各区、县级市; 各市〔州〕、各县〔市、区、特区〕人民政府):
each item with a body's suffix and without the words around it, or a collective named by its levels; for
:mod:`kg.extract.agencies` and :mod:`kg.extract.worklists`."""
from __future__ import annotations

import re

from . import base
from .duties import COLLECTIVE, NUMBERING
from .names import has_clause_words, strip_context

SUFFIX = (r"(?:委员会|管委会|管理委员会|办公厅|办公室|人民政府|政府|总局|部|委|局|厅|办|署|中心|银行|支行|分行|海关|院|会|集团|公司|小组"
           r"|团中央|联|协|社)")  # 共青团中央, 全国妇联/中国残联/全国工商联, 中国科协, 新华社
#: What follows an agency's name inside such a list: 等, 按职责分工, 牵头, 负责 ...
_ROLE_WORDS = re.compile(r"(?:等(?:有关|相关)?(?:部门|单位)?|(?:有关|相关)(?:部门|单位)|按职责分工|分别|共同|牵头|指导|参与|配合"
                         r"|负责|落实)+$")

def list_names(text: str, start: int, end: int):
    """Items of an agency list (A、B、C等; A和B when both sides are agencies), each with an agency suffix and
    without the words of running text around it (:func:`kg.extract.names.strip_context`)."""
    out = []
    for s, e in _items(text, start, end):
        core = _ROLE_WORDS.sub("", re.sub(r"^有关", "", text[NUMBERING.match(text, s).end():e]))  # 6.2.1 有关A等负责 -> A
        name, offset = strip_context(core)  # 经A / 由A / …要建立A -> A
        s += text[s:e].find(core) + offset
        split = re.fullmatch(r"(?P<a>.{2,20}?" + SUFFIX + r")[和及与](?P<b>.{2,20}" + SUFFIX + r")", name)
        parts = [(split.group("a"), s), (split.group("b"), s + split.start("b"))] if split else [(name, s)]
        for part, p_start in parts:  # a body's name, or bodies named collectively (（国务院各部门分别负责）, 各区、县级市)
            if COLLECTIVE.fullmatch(part) or _LEVELS.fullmatch(part) or (re.search(SUFFIX + r"$", part) and 2 <= len(part) <= 24
                                              and not re.search(r"[的在将是了]", part) and not has_clause_words(part)):
                out.append((part, p_start, p_start + len(part)))
    return out


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans between 、，, (and 会同) in ``text[start:end]`` outside brackets (各县〔市、区〕), trimmed; the levels of
    one collective written as a list (各区、县级市; 市州、县市区人民政府) are one item."""
    # A会同B, A等和B (A、B等和各省级人民政府负责): two agencies
    depth, inside = 0, set()
    for i in range(start, end):
        depth += (text[i] in "（(〔【[") - (text[i] in "）)〕】]")
        if depth > 0:
            inside.add(i)
    seps = [m for m in re.finditer(r"[、，,。；]|会同|等(?:有关|相关)?(?:部门|单位)?(?:和|及|以及)", text[start:end])
            if start + m.start() not in inside]
    bounds = [start] + [start + m.end() for m in seps]
    stops = [start + m.start() for m in seps] + [end]
    merged: list[tuple[int, int]] = []
    for s, e in (base.trim(text, s, e) for s, e in zip(bounds, stops)):
        if merged and _LEVEL_ITEM.fullmatch(text[s:e]) and _BARE_LEVELS.fullmatch(text[merged[-1][0]:merged[-1][1]]) \
                and text[merged[-1][1]:s] == "、":
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


#: An administrative level named collectively (区, 县级市, 市州, 县〔市、区、特区〕).
_LW = r"[市州县区乡镇街道级特]{1,4}(?:[（〔][^（）〔〕]{1,8}[）〕])?"
#: Levels without a body's name (各区, 市州, 各市〔州〕) and the next level of the same list (县级市, 县市区人民政府).
_BARE_LEVELS = re.compile(rf"各?(?:有关)?{_LW}(?:、各?{_LW})*")
_LEVEL_ITEM = re.compile(rf"各?{_LW}(?:人民政府|政府)?")
#: Bodies named collectively by their levels (各区、县级市; 市州、县市区人民政府; 各市〔州〕、各县〔市、区、特区〕人民政府).
_LEVELS = re.compile(rf"各(?:有关)?{_LW}(?:、各?{_LW})*(?:人民政府|政府)?|{_LW}(?:、各?{_LW})+(?:人民政府|政府)?")


__all__ = ["SUFFIX", "list_names"]
