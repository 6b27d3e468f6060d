"""Sessions of a people's congress and the day a report was delivered at them: the heading of a government work report
(——2024年1月10日在徐州市泉山区第十届 / 人民代表大会第三次会议上; ——2024年2月21日在区十五届人大四次会议上). A line break or
spaces may cut the session's name there, and the name is longer than the meetings' rule (frame.py) reads within a
clause, so the session is read here, its name written without the breaks."""
from __future__ import annotations

import re

from . import base
from .model import Extraction

NAME = "sessions"

_GAP = r"[\s\u3000]*"
_SESSION = re.compile(rf"(?P<date>{base.ZH_DATE.pattern})[ \t\u3000]*在{_GAP}(?P<name>(?:[\u4e00-\u9fff]{_GAP}){{0,24}}?"
                      rf"(?:人民代表大会|人大){_GAP}(?:第{_GAP})?[一二三四五六七八九十\d]{{1,3}}{_GAP}次{_GAP}(?:全体{_GAP})?会议)")


def extract_sessions(doc, out: Extraction, year: int | None) -> set[int]:
    """Add an Event for each congress session a date is written before (``year``: that of a date without one); returns
    where those dates start, which the meetings' rule then leaves alone."""
    taken = set()
    for m in _SESSION.finditer(doc.text):
        date = base.zh_date(m, year)
        when = f"{date.year}年{date.month}月{date.day}日" if date else m.group("date")
        label = f"{re.sub(_GAP, '', m.group('name'))}（{when}）"
        event = base.mention(doc, "Event", label, m.start(), m.end(), NAME, date=date, date_text=m.group("date"))
        event.label = label
        out.mentions.append(event)
        taken.add(m.start())
    return taken


__all__ = ["extract_sessions"]
