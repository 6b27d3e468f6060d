"""Indicator tables: the targets and baselines a plan sets out in a table rather than in sentences.

A table is a run of lines whose cells are set between " | " (as kg/ingest writes the rows of a .docx or HTML table, blank
lines between them, and as portal pages are copied). Its header names the indicator and one or more year columns, often
a unit and a serial number too (序号 | 指标名称 | 单位 | 2020年 | 2025年); a cell merged over several rows (类别) is written once, so rows
may be shifted: each row is read from its serial number or from its first value, not by position.

    健康水平指标 | 1 | 人均期望寿命 | 岁 | 83 |      -> Target 人均期望寿命83岁, 83 岁, deadline 2025-12-31
    2 | 婴儿死亡率 | ‰ | <5 | |                     -> Target 婴儿死亡率<5‰, 5 ‰ AtMost

A value for a year after the document's (or a column headed 目标) is a Target due at that year's end; one for the
document's year or before (or headed 基期, 现状) is an Indicator; a document of no known date has its table's last year
as the target and the years before it as baselines. A cell that is no number (达到市定水平) gives nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..quantities import parse_quantity
from . import base
from .model import Extraction

NAME = "grids"
_ROW = re.compile(r"^[^\n]*\|[^\n]*\|[^\n]*$", re.MULTILINE)
_YEAR = re.compile(r"^(?P<y>(?:19|20)\d\d)\s*年?(?:底|末)?\s*(?P<tag>(?:目标|预期|规划|基期|基数|现状|实际)值?)?$"
                   r"|^(?P<tag2>目标|基期|现状)值?\s*[（(]?(?P<y2>(?:19|20)\d\d)年?[）)]?$")
_NAME_HEAD = re.compile(r"指标|名称|项目")
_SERIAL = re.compile(r"^\d{1,3}$")
#: A cell that holds no value in its column (a new indicator has no baseline: —).
_NONE = re.compile(r"^(?:[—\-－/／–]+|空|无)$")
_VALUE = re.compile(r"^(?P<cmp>[<>≤≥＜＞]=?|不低于|不少于|不高于|不超过|超过|大于|小于)?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*"
                    r"(?P<mag>万亿|亿|万)?\s*(?P<sym>%|％|‰)?\s*(?P<post>以上|以下|左右|以内)?$")
_COMPARATOR = {"<": "AtMost", "＜": "AtMost", "≤": "AtMost", "<=": "AtMost", "不高于": "AtMost", "不超过": "AtMost",
               "小于": "AtMost", ">": "MoreThan", "＞": "MoreThan", "超过": "MoreThan", "大于": "MoreThan",
               "≥": "AtLeast", ">=": "AtLeast", "不低于": "AtLeast", "不少于": "AtLeast"}
_BRACKET_UNIT = re.compile(r"[（(](?P<unit>[^（）()]{1,8})[）)]$")


@dataclass(frozen=True)
class Header:
    years: list[tuple[int, str | None]]  # (year, "base" | "target" | None as its heading says) per value column
    serial: bool  # a 序号 column
    unit: bool  # a 单位 column


def indicator_rows(text: str) -> list[tuple[Header, int, int]]:
    """Each row of an indicator table of ``text`` with its table's header, as (header, start, end)."""
    out, header, previous_end = [], None, 0
    for m in _ROW.finditer(text):
        if text[previous_end:m.start()].strip():  # a line that is no row came between (blank lines do not): a new table
            header = None
        previous_end = m.end()
        cells = _cells(m.group())
        found = _header(cells)
        if found or _heading(cells):  # another table's heading row (序号 | 项目名称 | 总投资) ends this one
            header = found
        elif header:
            out.append((header, m.start(), m.end()))
    return out


def extract_grids(doc, passages) -> Extraction:
    """Target and Indicator mentions of every indicator table of ``doc``."""
    out, keys = base.extraction(doc), set()
    year_of_doc = doc.published.year if doc.published else None  # unknown: the table's last year is the target
    for header, start, end in indicator_rows(doc.text):
        for mention in _row_mentions(doc, header, doc.text[start:end], start, end, year_of_doc):
            if mention.key not in keys:
                keys.add(mention.key)
                out.mentions.append(mention)
    return out


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("|") if c.strip()]


def _heading(cells: list[str]) -> bool:
    """A row of column headings: one names the item (序号, 名称, 指标, 项目) and none is a value."""
    return any(_NAME_HEAD.search(c) or c == "序号" for c in cells) and not any(_VALUE.match(c.replace(" ", "")) for c in cells)


def _header(cells: list[str]) -> Header | None:
    """An indicator table's heading row: the item's name and year columns, no serial number nor any other value (a
    row 1 | 重点项目数 | 个 | 1990 | 2050 is data)."""
    years = []
    for cell in cells:
        m = _YEAR.match(cell.replace(" ", ""))
        if m:
            tag = m.group("tag") or m.group("tag2") or ""
            years.append((int(m.group("y") or m.group("y2")), "base" if tag.startswith(("基", "现", "实"))
                          else "target" if tag else None))
        elif _SERIAL.match(cell) or _VALUE.match(cell.replace(" ", "")):
            return None
    if not years or not any(_NAME_HEAD.search(c) for c in cells):
        return None
    return Header(years, any(c.replace(" ", "") == "序号" for c in cells), any(c.replace(" ", "") == "单位" for c in cells))


def _row_mentions(doc, header: Header, line: str, start: int, end: int, year_of_doc: int | None) -> list:
    cells = _cells(line)
    if header.serial:  # what precedes the serial number is a merged category cell
        at = next((i for i, c in enumerate(cells) if _SERIAL.match(c)), None)
        cells = cells[at + 1:] if at is not None else cells
    first = next((i for i, c in enumerate(cells) if _VALUE.match(c.replace(" ", "")) or _NONE.match(c)), None)
    if not first:
        return []
    before, values = cells[:first], cells[first:]
    name, unit = (before[-2], before[-1]) if header.unit and len(before) >= 2 else (before[-1], None)
    if unit is None and (m := _BRACKET_UNIT.search(name)):
        name, unit = name[:m.start()], m.group("unit")
    name = re.sub(r"\s+", "", name)
    out = []
    for (year, tag), cell in zip(header.years, values):
        read = _value(cell.replace(" ", ""), unit)
        if read is None:
            continue
        value, unit_of, comparator = read
        indicator = tag == "base" or tag is None and (year <= year_of_doc if year_of_doc else
                                                      year < max(y for y, _ in header.years))
        stated = f"{cell}（{unit}）" if unit and unit[0].isdigit() else f"{cell}{unit or ''}"  # <7（1/10万）
        label = f"{year}年{name}{stated}" if indicator else f"{name}{stated}"
        out.append(base.mention(doc, "Indicator" if indicator else "Target", label, start, end, NAME, value=value,
                                unit=unit_of, comparator=comparator, quantity_text=stated,
                                deadline=None if indicator else base.deadline(year)))
    return out


def _value(cell: str, unit: str | None) -> tuple[float, str | None, str] | None:
    m = _VALUE.match(cell)
    if not m:
        return None
    comparator = _COMPARATOR.get(m.group("cmp") or "") or {"以上": "AtLeast", "以下": "AtMost", "以内": "AtMost",
                                                            "左右": "About"}.get(m.group("post") or "", "Exactly")
    written = m.group("sym") or (unit if unit and not unit[0].isdigit() else "")  # 1/10万: a rate, no unit to read
    phrase = m.group("num").replace(",", "") + (m.group("mag") or "") + written
    try:
        q = parse_quantity(phrase, "zh")
    except ValueError:
        return None
    if q.unit or m.group("sym"):
        return float(q.value), q.unit, comparator
    if unit and (mag := re.match(r"万亿|亿|万", unit)) and not m.group("mag"):
        unit = unit[mag.end():] or None  # 2 | 万人: 20000 people, the magnitude read into the value
    return float(q.value), unit, comparator  # a classifier (人, 张, 个) or a rate (1/10万) as the table writes it


__all__ = ["extract_grids", "indicator_rows"]
