"""Which body a clause of the question's passages names, when the graph holds no fact that answers "which body".

Many statements about bodies are no responsibility of a task: 国务院办公厅是全国政务新媒体工作的主管单位,
由上海市医药集中招标采购事务管理所承担联合采购办公室日常工作. A question asking for a body (:data:`ASKED`: 哪个
单位, which institution, what authority) is read off the clauses of its passages (:class:`kg.answer.reader.Reader`
scores them by the share of the question's words they state, the words that name the kind of body asked left
out, each word stated in the clause itself): the best clause, when it covers :data:`MIN_COVERAGE` of the words
(stricter than a number's reading: a body is named in many clauses that share most words), answers with the one
body it names that the question does not (:func:`answer_body`); two bodies, or a rival clause as good naming
another, give no answer.
"""
from __future__ import annotations

import re

from ..extract.agencies import agency_names

#: A question that asks for a body.
ASKED = re.compile(r"哪(?:个|家|一个)(?:部门|单位|机构|机关)|什么(?:部门|单位|机构|机关)|由谁|(?:部门|单位|机构|机关)是(?:哪|谁|什么)|"
                   r"\b(?:which|what) (?:agency|department|body|ministry|institution|organi[sz]ation|unit|authority|office)\b")
#: The words that name the kind of body asked: no content the clause must state.
KIND_WORDS = frozenset({"部门", "单位", "机构", "机关", "agency", "department", "body", "ministry", "institution",
                        "organisation", "organization", "unit", "authority", "office"})
MIN_COVERAGE = 0.85
#: A public institution (事业单位) named by its own suffix (…事务管理所, …研究所, …管理中心), after a clause start or
#: a linking word.
_INSTITUTION = re.compile(r"(?:(?<=[，。；：、（(由是和与及])|^)(?![由是和与及在])[\u4e00-\u9fff]{4,20}?(?:管理所|事务所|研究所|管理处|(?:管理|服务|指导|监测|信息|数据|技术)中心)")


def bodies_in(clause: str) -> list[str]:
    """The bodies a clause names: agency names as the extractor reads them in running text, and institutions."""
    found = [(m.start(), m.group()) for m in _INSTITUTION.finditer(clause)]
    found += [(s, name) for name, s, _ in agency_names(clause) if not any(a <= s < a + len(n) for a, n in found)]
    return [name for _, name in sorted(found)]


def stated(name: str, renderings: list[frozenset[str]]) -> bool:
    """True when the question's words (as the strings that state them) write most of ``name``: the body the
    question itself names (联合采购办公室 for "the joint procurement office")."""
    covered = set()
    for strings in renderings:
        for s in strings:
            at = name.find(s) if len(s) >= 2 else -1
            if at >= 0:
                covered.update(range(at, at + len(s)))
    return len(covered) >= 0.6 * len(name)
