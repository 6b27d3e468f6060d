"""The act a when-question asks the day of (施行, take effect; 印发, issued; 通过, adopted; 召开, held; 成立, set up) and
whether a clause states it: a date the reader (:mod:`kg.answer.reader`) reads for the act must be written with one of
its words (自2019年3月1日起施行, not the day the text was adopted)."""
from __future__ import annotations

import re

from .question import WHEN, Question

#: The act a when-question asks the day of (施行, take effect; 通过, adopted …) and the words a clause states it with: a
#: date read for it must be written with one of them (自2019年3月1日起施行, not the day the text was adopted).
_ACTS = [(re.compile(r"施行|实施|生效|执行|take effect|come into (?:force|effect)|\beffective\b|in force"), ("施行", "实施", "生效", "执行")),
         (re.compile(r"印发|发布|公布|下发|\bissued\b|\bpublished\b|\breleased\b"), ("印发", "发布", "公布", "下发")),
         (re.compile(r"审议通过|通过|批准|\badopted\b|\bapproved\b|\bpassed\b"), ("通过", "批准", "审议")),
         (re.compile(r"召开|举行|开幕|\bheld\b|\bconvened\b"), ("召开", "举行", "开幕")),
         (re.compile(r"成立|组建|设立|\bset up\b|\bestablished\b|\bfounded\b"), ("成立", "组建", "设立"))]


def asked_acts(question: Question) -> list[tuple[str, ...]]:
    """The words of each act (:data:`_ACTS`) the question asks the day of."""
    return [words for pattern, words in _ACTS if pattern.search(question.text.lower())]


def states_the_act(question: Question, clause: str) -> bool:
    """True unless a when-question asks the day of an act (:data:`_ACTS`) that ``clause`` does not state."""
    if question.kind != WHEN:
        return True
    asked = asked_acts(question)
    stated = _TITLES.sub("", clause)  # 《…实施条例》 names a text; its 实施 is no act
    return not asked or any(w in stated for words in asked for w in words)


#: Titles of texts (《…》, 〈…〉): an act word inside one (《…实施条例》) states no act.
_TITLES = re.compile(r"《[^》]*》|〈[^〉]*〉")


__all__ = ["asked_acts", "states_the_act"]
