"""Numbers in zh and en text, normalised to one spelling so "12万个" and "120,000" meet.

Used by the keyword tokenizer (a number is a token both languages share) and by the
cross-lingual alignment (passages that state the same numbers are likely translations).
"""
from __future__ import annotations

import re

_ZH_UNITS = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}
_EN_UNITS = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "thousand": 1e3, "hundred": 1e2}
_EN_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")}

# A digit run not glued to Latin letters ("5G", "X1" are words, not numbers).
_ZH_NUM = re.compile(r"(?<![A-Za-z\d.])(\d+(?:\.\d+)?)(万亿|亿|万|千|百)?(?![A-Za-z\d])")
# 三大, 四个, 八项: a small Chinese numeral before a counter word.
_ZH_WORD_NUM = re.compile(r"([一二三四五六七八九十])(?=[个大项年条家方批])")
_EN_NUM = re.compile(r"(?<![A-Za-z\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(trillion|billion|million|thousand|hundred))?"
                     r"(?![A-Za-z\d])", re.IGNORECASE)
_EN_WORD_NUM = re.compile(r"\b(" + "|".join(_EN_WORDS) + r")\b", re.IGNORECASE)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def find_numbers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised value) of every number in ``text``, either language."""
    found: list[tuple[int, int, str]] = []
    for m in _ZH_NUM.finditer(text):
        if m.group(2):
            found.append((m.start(), m.end(), _fmt(float(m.group(1)) * _ZH_UNITS[m.group(2)])))
    for m in _EN_NUM.finditer(text):
        if any(s <= m.start() < e for s, e, _ in found):
            continue
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= _EN_UNITS[m.group(2).lower()]
        found.append((m.start(), m.end(), _fmt(value)))
    for m in _ZH_WORD_NUM.finditer(text):
        found.append((m.start(), m.end(), str(_ZH_DIGITS[m.group(1)])))
    for m in _EN_WORD_NUM.finditer(text):
        found.append((m.start(), m.end(), str(_EN_WORDS[m.group(1).lower()])))
    return sorted(found)


def number_set(text: str) -> set[str]:
    """The distinct normalised numbers of a text."""
    return {value for _, _, value in find_numbers(text)}
