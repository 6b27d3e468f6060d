"""Finer intents than the question's kind: cue words (both languages) for what a question wants.

post       a person's post: 马春雷是什么职务 / What is Ma Chunlei's position? (and where one works: 张建明是哪个单位的 /
           Which commission does Zhang Jianming work for? — the post names the body)
presenter  who presented (介绍, 解读) the plan at an event: one person, not the attendee list
chair      who chaired (主持) an event: the one a passage says chaired it, never the attendee list
organiser  which body held the event: 发布会由哪个机构举办 / Who organised the press conference?
meeting    which meeting or press conference (and its date): 在哪个会议上审议通过 / At which meeting ...
action     which action a task belongs to: ……属于哪个行动 / Which action does the task ... belong to?
period     by which year: 行动方案到哪一年结束 / By when ...? / 到哪一年……
Rules, no model; the text is normalised once (kg.linking.lexicon) before matching.
"""
from __future__ import annotations

import re

from ..linking.lexicon import normalise

POST, PRESENTER, ORGANISER, MEETING, ACTION, PERIOD = "post", "presenter", "organiser", "meeting", "action", "period"
CHAIR = "chair"

_CUES = [
    (POST, re.compile(r"职务|职位|官职|身份|担任什么|任什么|什么职|\bposition\b|\bposts?\b|\btitles?\b|\brole\b|\bjob\b"
                      r"|哪个(?:单位|部门|机构)的|在哪个(?:单位|部门|机构)|\bworks? (?:for|at|in)\b"
                      r"|\bwhich (?:commission|agency|department|organi[sz]ation|body|bureau|office) (?:is|does|did)\b")),
    (PRESENTER, re.compile(r"介绍|解读|通报|\bpresent(?:ed|s)?\b|\bintroduc(?:ed|es)\b|\bbrief(?:ed|s)?\b|\bexplain(?:ed|s)\b")),
    (CHAIR, re.compile(r"主持|\bchair(?:ed|s|ing)?\b|\bpresid(?:ed|es|ing)\b|\bmoderat(?:ed|es|ing|or)\b")),
    (ORGANISER, re.compile(r"举办|主办|承办|组织的|\borgani[sz](?:ed|er|ers)\b|\bhost(?:ed|s)?\b|\bheld by\b|\brun by\b")),
    (MEETING, re.compile(r"哪个会|什么会|哪次会|哪场|哪一次|哪个发布会|\b(?:which|what) (?:\w+ )?(?:meeting|conference|event|session)\b")),
    (ACTION, re.compile(r"属于哪|归属哪|哪个行动|哪项行动|哪一行动|\bpart of which\b|\b(?:which|what) action\b")),
    (PERIOD, re.compile(r"哪一年|哪年|何年|结束|截至|\bby when\b|\bwhich year\b|\bwhat year\b|\bend\b|\bruns? until\b|\bdue\b")),
]


def intents(text: str) -> set[str]:
    """Every intent whose cue the question has (a question may have several: 在哪个会议上介绍)."""
    low = normalise(text).lower()
    return {name for name, cue in _CUES if cue.search(low)}


_ZH_ORG = re.compile(r"(?:市|省|区|县|国家)[\u4e00-\u9fff]{1,7}?(?:委员会|管委会|委|局|办公室|办|厅|部)")
_EN_ORG = re.compile(r"((?:[A-Z][\w'-]*\s+)*?(?:[A-Z][\w'-]*))\s+(?:Commission|Bureau|Office|Ministry|Department|Committee|"
                     r"Administration|Government)|(?:Commission|Bureau|Office|Ministry|Department|Committee) (?:of|for) "
                     r"((?:the )?(?:[A-Z][\w'-]*(?: and | of | )?)+)")


def organisations(text: str) -> list[str]:
    """Names of organisations the question spells out (市科委, the Science Commission), whether or not
    the graph knows them: an answer must then be about that organisation."""
    found = [m.group(0) for m in _ZH_ORG.finditer(normalise(text))]
    for m in _EN_ORG.finditer(normalise(text)):
        name = (m.group(1) or m.group(2) or "").strip()
        if name and name.lower() not in {"the", "which", "what", "who"}:
            found.append(name.removeprefix("the ").removeprefix("The "))
    return found


__all__ = ["intents", "organisations", "POST", "PRESENTER", "ORGANISER", "MEETING", "ACTION", "PERIOD"]
