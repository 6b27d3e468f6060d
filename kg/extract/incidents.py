"""Incidents a Chinese text recounts, as Events with their dates: accidents, disasters, earthquakes, and visits.

Reports and circulars tell what happened before they were written:

- a dated clause: 2003年5月13日，X煤矿发生特大瓦斯爆炸事故 / 8月11日，X事故造成43人死亡 /
  1995年7月12日云南孟连中缅边界发生7.3级强震 (a date, then within the clause an incident word:
  事故, 地震, 强震, 灾害, 火灾, 爆炸, 井喷, ...; a clause counting incidents, 连续发生3起…事故, is a summary, not one);
- a dated magnitude in a list: 2月3日云南丽江7.0级、3月19日新疆阿图什6.9级…地震 (an earthquake each: place + magnitude);
- a dated visit: 2004年8月5日至8日，温家宝总理率国务院有关部门负责同志赴你省考察 (考察, 视察, 调研), the leader
  named before the title (总理, 副总理, 国务委员) its participant;
- a name by month and day, as Chinese names incidents: 安徽芦岭煤矿“5·13”事故, 广东连州市“12·21”特大道路交通事故.
  A name with the month and day of a dated clause is that incident (the name becomes its label, the clause and the
  name its spans); else it is an Event of its own.

A date without a year takes the last year written before it; a month and day earlier in the year than the last
full date written before it fall in the next year (narratives run forward: 自1995年7月12日…后，…2月3日 -> 1996).
"""
from __future__ import annotations

import re

from ..titles import LEADERS, alternation
from . import base
from .model import Extraction, Relation

NAME = "incidents"
_WORD = r"(?:事故|地震|强震|震灾|灾害|火灾|爆炸|井喷|洪灾|洪水|泥石流|滑坡|坍塌|垮塌)(?:事故)?"
_DATE = base.ZH_DATE.pattern
_DATED = re.compile(_DATE + r"(?:至\d{1,2}日)?[，,]?(?P<what>[^，。；：\n]{2,40}?" + _WORD + r")")
_VISITS = re.compile(_DATE + r"(?:至\d{1,2}日)?[，,]?(?P<what>[^，。；：\n]{2,40}?(?:考察|视察|调研))")
#: A visit led by a State Council leader named before the title (温家宝总理率…赴你省考察).
_LEADER = re.compile(rf"(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?:{alternation(LEADERS)})")
_QUAKES = re.compile(_DATE + r"(?P<place>[\u4e00-\u9fff]{2,10}?)(?:又|再次)?(?:发生了?)?(?P<mag>\d\.\d)级"
                     r"(?:(?P<kind>地震|强震)|(?=[、和及，。]|[\u4e00-\u9fff]{0,4}(?:地震|强震)))")
_NAMED = re.compile(r"(?P<name>[\u4e00-\u9fff（）]{0,14}?[“\"](?P<m>\d{1,2})[·.．](?P<d>\d{1,2})[”\"](?:(?!的)[\u4e00-\u9fff]){0,12}" + _WORD + ")")
#: Where a name starts at the latest: after what tells of it (又相继发生了X“12·21”事故, A事故和B“12·30”事故).
_NAME_START = re.compile(r".*(?:发生了?|了|和|及|与|、|对|在)")
#: Not one incident: a count of them (连续发生3起…事故), a meeting on them (召开…地震趋势会商会), a list of dates.
_NOT_ONE = re.compile(r"\d+起|[一二三四五六七八九十两]起|召开|举行|会议|会商|\d{1,2}月\d{1,2}日")
_BARE = re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]")
_YEAR_OR_DATE = re.compile(r"(?P<y>(?:19|20)\d\d)年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?)?")


def extract_incidents(doc, passages) -> Extraction:
    """Event mentions (``date``, ``date_text``) of the incidents ``doc`` recounts."""
    text, out = doc.text, base.extraction(doc)
    dated: dict[tuple, object] = {}  # (year, month, day) -> the event told with that date
    for m in _QUAKES.finditer(text):
        _add(doc, out, dated, m, f"{m.group('place')}{m.group('mag')}级{m.group('kind') or '地震'}")
    for m in [*_DATED.finditer(text), *_VISITS.finditer(text)]:
        if not _NOT_ONE.search(m.group("what")):
            event = _add(doc, out, dated, m, re.sub(r"发生了?", "", m.group("what")).strip("在于，"))
            leader = _LEADER.match(m.group("what")) if m.re is _VISITS else None
            if event is not None and leader:  # 温家宝总理率…赴你省考察: the leader takes part in the visit
                s = m.start("what")
                person = base.mention(doc, "Person", leader.group("name"), s, s + len(leader.group("name")), NAME)
                out.mentions.append(person)
                out.relations.append(Relation(event.key, "participant", person.key))
    for m in _NAMED.finditer(text):
        cut = _NAME_START.match(text, m.start(), m.start("m"))
        start = cut.end() if cut else m.start()
        month, day = int(m.group("m")), int(m.group("d"))
        same_day = [e for (_, mm, dd), e in dated.items() if (mm, dd) == (month, day)]
        if len(same_day) == 1:  # the incident a dated clause told: its name, and this span too
            event = same_day[0]
            event.label = base.clean_label(text[start:m.end()])
            event.spans.append(base.Span(start, m.end()))
            continue
        year = _year(text, m.start(), month, day)
        out.mentions.append(base.mention(doc, "Event", text[start:m.end()], start, m.end(), NAME,
                                         date=base.safe_date(year, month, day) if year else None,
                                         date_text=f"{month}月{day}日"))
    return out


def _add(doc, out: Extraction, dated: dict, m: re.Match, label: str):
    """The event told at ``m`` (the one told before with that date, if any)."""
    month, day = base.number(m.group("m")), base.number(m.group("d"))
    year = base.number(m.group("y")) if m.group("y") else _year(doc.text, m.start(), month, day)
    if (year, month, day) in dated:  # told again (自1995年7月12日…后 after 1995年7月12日…发生)
        return dated[(year, month, day)]
    date = base.safe_date(year, month, day) if year else None
    start, end = base.trim(doc.text, m.start(), m.end())
    event = base.mention(doc, "Event", label, start, end, NAME, date=date, date_text=m.group()[: m.end("d") - m.start() + 1])
    dated[(year, month, day)] = event
    out.mentions.append(event)
    return event


def _year(text: str, pos: int, month: int, day: int) -> int | None:
    """The year of a month and day written without one at ``pos`` (see the module's docstring)."""
    last = None
    for last in _YEAR_OR_DATE.finditer(text, 0, pos):
        pass
    if last is None:
        return None
    year, current = int(last.group("y")), (int(last.group("m") or 0), int(last.group("d") or 0))
    for bare in [*_BARE.finditer(text, last.end(), pos), None]:  # the dates told since, in order, then this one
        seen = (int(bare.group("m")), int(bare.group("d"))) if bare else (month, day)
        year, current = (year + 1 if seen < current else year), seen
    return year


__all__ = ["extract_incidents", "NAME"]
