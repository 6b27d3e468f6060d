"""Title, language and date of issue inferred from a document's text, for fields its sidecar leaves out.

- title: the title the file declares (HTML <title>, document properties), else its first non-empty line
  with the lines right below it that continue it (Chinese titles are often set on two or three lines:
  a line without clause punctuation, document number, date or heading number, until the title ends in a
  document type such as 通知, 意见, 方案);
- language: ``zh`` when Chinese characters are at least :data:`ZH_SHARE` of its letters
  (:func:`kg.names.cjk_share`), else ``en``;
- date of issue: a full date written on a line of its own (where Chinese documents sign off, e.g.
  "2020年5月7日" or "二〇二〇年五月七日"), else the first full date in the text (also 2020-05-07,
  "7 May 2020", "May 7, 2020"); None when the text has none.
"""
from __future__ import annotations

import datetime as dt
import re

from ..errors import SourceError
from ..names import cjk_share

ZH_SHARE = 0.3
TITLE_MAX = 200
TITLE_LINES = 3

# A heading number opening a line: 第三条, 一、, （一）, (2), 1.
HEADING = re.compile(r"(第[一二三四五六七八九十百零〇\d]+[章节条部分]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]"
                     r"|\d+[.、．](?!\d))")
_DOC_NUMBER = re.compile(r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*第?\d+\s*号")
_CLAUSE = re.compile(r"[。，；：:,;！？!?]")
_CJK_TITLE = re.compile(r"[\u4e00-\u9fff]")
_DOC_TYPE = re.compile(r"(通知|意见|方案|办法|规定|决定|计划|规划|报告|细则|纲要|条例|批复|公告|通告|决议|指引|指南|措施|要点)$")

_ZH_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "O": 0, "o": 0, "Ｏ": 0}
_ZH_NUM = "〇○零OoＯ一二三四五六七八九十"
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH = r"(?P<mon>" + "|".join(m[:3] for m in _MONTHS) + r")[a-z]*\.?"  # May, Sep, Sept., September
_DATES = [
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    re.compile(rf"(?P<y>[{_ZH_NUM}]{{4}})年(?P<m>[{_ZH_NUM}]{{1,2}})月(?P<d>[{_ZH_NUM}]{{1,3}})日"),
    re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    re.compile(rf"\b(?P<d>\d{{1,2}})\s+{_MONTH}\s+(?P<y>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b", re.IGNORECASE),
]


_META_TITLE = re.compile(r"^[ \t]*(?:名[ \t\u3000]*称|标[ \t\u3000]*题)[ \t]*(?:[:：][ \t]*\|?|\|)[ \t]*"
                         r"(?P<title>[^|\n]{4,120}?)[ \t]*(?:\||$)", re.M)  # 名 称: | …, 标题 | …: not 名称登记…


def _continues_title(title: str, line: str) -> bool:
    return bool(line) and not (_CLAUSE.search(line) or _DOC_NUMBER.search(line) or HEADING.match(line)
                               or _dates(line) or _DOC_TYPE.search(title) or len(title + line) > TITLE_MAX)


def title(text: str, declared: str | None = None) -> str:
    """The declared title, else the first non-empty line and the Chinese lines that continue it."""
    if declared and declared.strip():
        return declared.strip()
    meta = _META_TITLE.search(text[:2000])  # a page's metadata table names it: 名 称: | …的通知 |
    if meta:
        return meta.group("title").strip()
    lines = [line.strip() for line in text.strip().splitlines() if line.count("|") < 2]  # a table row is no title
    first = lines[0] if lines else ""
    if _CJK_TITLE.search(first):
        for line in lines[1:TITLE_LINES]:
            if not _continues_title(first, line):
                break
            first += line
    return first if len(first) <= TITLE_MAX else first[: TITLE_MAX - 1] + "…"


def language(text: str, name: str) -> str:
    """``zh`` or ``en`` by the share of Chinese characters; :class:`SourceError` for a text without letters."""
    if not any(ch.isalpha() for ch in text):
        raise SourceError(f"{name}: cannot tell the language of a text without letters",
                          hint='add a sidecar .json with "language": "zh" or "en"')
    return "zh" if cjk_share(text) >= ZH_SHARE else "en"


def _zh_number(s: str) -> int:
    if all(c in _ZH_DIGITS for c in s):  # digit by digit: 二〇二〇
        return int("".join(str(_ZH_DIGITS[c]) for c in s))
    tens, _, units = s.partition("十")  # 十, 十二, 二十, 二十七
    return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[units] if units else 0)


def _number(raw: str) -> int:
    return int(raw) if raw.isdigit() else _zh_number(raw)


def _date(m: re.Match) -> dt.date | None:
    g = m.groupdict()
    try:
        month = _MONTHS.index(next(n for n in _MONTHS if n.startswith(g["mon"][:3].lower()))) + 1 \
            if g.get("mon") else _number(g["m"])
        return dt.date(_number(g["y"]), month, _number(g["d"]))
    except (ValueError, KeyError):
        return None  # 2020年13月 or an odd numeral: not a date


def _dates(text: str) -> list[tuple[int, int, dt.date]]:
    found = []
    for pattern in _DATES:
        for m in pattern.finditer(text):
            day = _date(m)
            if day:
                found.append((m.start(), m.end(), day))
    return sorted(found, key=lambda f: f[0])


def issued(text: str) -> dt.date | None:
    """The date of issue written in the text, or None."""
    found = _dates(text)
    for start, end, day in found:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start: len(text) if line_end < 0 else line_end]
        if line.strip(" \t\u3000（）()") == text[start:end]:
            return day
    return found[0][2] if found else None
