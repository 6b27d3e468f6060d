"""Quantity phrases of the source texts normalised to numbers in base units.

``parse_quantity("10万个")`` is 100000 exactly; ``"2700亿元"`` is 270000000000 CNY; ``"6万多家"``
and ``"100家以上"`` are *at least* 60000 / 100; ``"千万级"`` is *about* 10^7. English phrases
("more than 60,000", "270 billion yuan", "tens of millions") are read the same way, so the two
texts can be compared. A comparator is one of :data:`AT_LEAST`, :data:`EXACTLY`, :data:`ABOUT`,
the local names of the ``nikg:Comparator`` individuals of the ontology.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

AT_LEAST, EXACTLY, ABOUT = "AtLeast", "Exactly", "About"

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUM = "零〇一二两三四五六七八九十百千万亿"

# 20, 2.5, 2,700 or a Chinese numeral, then an optional multiplier (万, 亿, 千万...), 多/余, a classifier.
_ZH = re.compile(
    r"(?P<pre>超过|多于|不少于|不低于|至少|大约|约|近|逾)?"
    rf"(?P<num>\d[\d,]*(?:\.\d+)?|[{_CN_NUM}]+)"
    r"(?P<mult>[十百千]?(?:万亿|万|亿)|[十百千](?![\u4e00-\u9fff]*级))?(?P<more>多|余)?"
    r"(?P<cls>[个家条项座台所元区年名种处])?(?P<post>以上|多|余|左右)?"
)
_ZH_SCALE = re.compile(r"(?<![\d零〇一二两三四五六七八九])(?P<n>[百千万亿][百千万亿]*)级")
_CLASSIFIER_UNITS = {"元": "CNY"}
_EN_MULT = {"hundred": 10**2, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN = re.compile(
    r"(?P<pre>more than|over|at least|about|around|approximately|nearly|roughly)?\s*"
    r"(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<mult>hundred|thousand|million|billion|trillion)?"
    r"(?:\s*(?P<post>or more|\+))?(?:\s+(?P<cur>yuan|RMB|CNY))?",
    re.IGNORECASE,
)
_EN_SCALE = re.compile(r"(?P<tens>tens of |hundreds of )?(?P<mult>hundred|thousand|million|billion)s?[- ](?:scale|level)"
                       r"|(?P<tens2>tens|hundreds) of (?P<mult2>thousands|millions|billions)", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A number in base units, how it bounds the true value, and its unit (``None`` if the phrase has none)."""

    value: Decimal
    comparator: str
    unit: str | None
    text: str


def chinese_integer(text: str) -> int:
    """The value of a Chinese numeral such as 三, 十五, 两百, 一亿二千万, 三千万亿, 二〇二〇."""
    if not text or any(c not in _CN_NUM for c in text):
        raise ValueError(f"{text!r} is not a Chinese numeral")
    result = section = number = 0
    after_digit = False
    for ch in text:
        if ch in _DIGITS:
            number = number * 10 + _DIGITS[ch] if after_digit else _DIGITS[ch]
            after_digit = True
            continue
        after_digit = False
        if ch in _SMALL_UNITS:
            section += (number or 1) * _SMALL_UNITS[ch]
        elif ch == "万":
            result += (section + number or 1) * 10**4
            section = 0
        else:  # 亿 scales everything before it: 三千万亿 = 3 * 10^15
            result = (result + section + number or 1) * 10**8
            section = 0
        number = 0
    return result + section + number


def _number(num: str) -> Decimal:
    if num[0].isdigit():
        return Decimal(num.replace(",", ""))
    return Decimal(chinese_integer(num))


def _plain(value: Decimal) -> Decimal:
    """1.5万 is 15000, not 15000.0: integral values lose their fraction digits."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _scale_phrase(text: str) -> Quantity | None:
    """千万级 / 百万级 (zh) and tens of millions / million-scale (en): an order of magnitude."""
    m = _ZH_SCALE.search(text)
    if m and not re.search(r"\d", text[: m.start()]):
        return Quantity(Decimal(chinese_integer("一" + m.group("n"))), ABOUT, None, text)
    m = _EN_SCALE.search(text)
    if m and not re.search(r"\d", text[: m.start()]):
        mult = (m.group("mult") or m.group("mult2")).lower().rstrip("s")
        tens = (m.group("tens") or m.group("tens2") or "").strip().lower()
        factor = 10 if tens.startswith("tens") else 100 if tens.startswith("hundreds") else 1
        return Quantity(Decimal(_EN_MULT[mult] * factor), ABOUT, None, text)
    return None


def _parse_zh(text: str) -> Quantity | None:
    m = _ZH.search(text)
    if not m:
        return None
    value = _number(m.group("num"))
    if m.group("mult"):
        value *= chinese_integer("一" + m.group("mult"))
    pre, more, cls, post = m.group("pre"), m.group("more"), m.group("cls"), m.group("post")
    if pre in ("约", "大约", "近") or post == "左右":
        comparator = ABOUT
    elif pre or more or post:
        comparator = AT_LEAST
    else:
        comparator = EXACTLY
    return Quantity(value, comparator, _CLASSIFIER_UNITS.get(cls or ""), text)


def _parse_en(text: str) -> Quantity | None:
    m = _EN.search(text)
    if not m:
        return None
    value = _number(m.group("num"))
    if m.group("mult"):
        value *= _EN_MULT[m.group("mult").lower()]
    pre = (m.group("pre") or "").lower()
    if pre in ("more than", "over", "at least") or m.group("post"):
        comparator = AT_LEAST
    elif pre:
        comparator = ABOUT
    else:
        comparator = EXACTLY
    unit = "CNY" if m.group("cur") else None
    return Quantity(value, comparator, unit, text)


def parse_quantity(text: str, lang: str | None = None) -> Quantity:
    """Read the first quantity of a phrase; ``ValueError`` naming the phrase if it has none.

    ``lang`` is ``"zh"`` or ``"en"``; guessed from the text when omitted.
    """
    if lang is None:
        lang = "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en"
    found = _scale_phrase(text) or (_parse_zh(text) if lang == "zh" else _parse_en(text))
    if found is None:
        raise ValueError(f"no quantity in {text!r}: expected a number such as 10万个, 6万多家, 千万级 or 'more than 60,000'")
    return Quantity(_plain(found.value), found.comparator, found.unit, found.text)


__all__ = ["Quantity", "parse_quantity", "chinese_integer", "AT_LEAST", "EXACTLY", "ABOUT"]
