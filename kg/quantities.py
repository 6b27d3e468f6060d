"""Quantity phrases of the source texts normalised to numbers in base units.

``parse_quantity("10万个")`` is 100000 exactly; ``"2700亿元"`` is 270000000000 CNY; ``"6万多家"``
and ``"100家以上"`` are *at least* 60000 / 100; ``"千万级"`` is *about* 10^7; ``"全覆盖"`` is 100 %. English phrases
("more than 60,000", "270 billion yuan", "tens of millions") are read the same way, so the two
texts can be compared. A comparator is one of :data:`AT_LEAST`, :data:`EXACTLY`, :data:`ABOUT`,
:data:`MORE_THAN`, :data:`AT_MOST`, the local names of the ``nikg:Comparator`` individuals of the ontology.

Units follow one convention: ISO 4217 for money (``CNY``, ``USD``), the unit symbol for physical
measures, percent and per mille (``kW``, ``MW``, ``km``, ``km2``, ``t``, ``%``, ``‰``); a plain count (16个区) has no unit
here: the counted noun is read from its context by :mod:`kg.extract.targets`. Ordinals (第一批48个,
第3项) are not quantities: only the 48 is read.

Comparators follow the ``nikg:comparator`` convention for curated and extracted data alike: 超过/多于/逾/
突破/*more than* -> ``MoreThan`` (strict); 以上/不少于/多/*at least* -> ``AtLeast``; 以内/不超过/低于/*up to* -> ``AtMost``;
约/左右/order-of-magnitude words -> ``About``; a bare number -> ``Exactly``. :func:`same_bound` tells two
comparators that bound a value on the same side (a translation's "more than 100" for 100家以上).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

AT_LEAST, EXACTLY, ABOUT = "AtLeast", "Exactly", "About"
MORE_THAN, AT_MOST = "MoreThan", "AtMost"

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUM = "零〇一二两三四五六七八九十百千万亿"

# An optional comparator word, then 20, 2.5, 2,700 or a Chinese numeral (never right after 第 or another
# digit: 第一批 is an ordinal), an optional multiplier (万, 亿, 千万...; 千 is not one before 瓦/米: 千瓦 is
# a unit), 多/余, a measurement unit, a classifier, and 以上/以内/左右.
#: The classifiers and counted measures a number is followed by (48家, 300场, 2万家次, 100万张, 5万套); 人次 before 人.
ZH_COUNTERS = r"人次|场次|家次|岁(?![\u4e00-\u9fff\d])|[个家条项座台所区名种处户人套栋张辆批场次]"
#: 多 after the counted word is "more" (100个多), not the 多 of a word (20个多元融合的综合体).
ZH_MORE_AFTER = r"多(?![\u4e00-\u9fff])"
_ZH = re.compile(
    r"(?P<pre>超过|多于|高于|大于|不少于|不低于|至少|不超过|不高于|不多于|低于|大约|约|近|逾|突破|超(?![过出]))?"
    rf"(?<![第\d.{_CN_NUM}])(?P<num>\d[\d,]*(?:\.\d+)?|[{_CN_NUM}]+)"
    r"(?P<mult>[十百千]?(?:万亿|万|亿)|[十百千](?![\u4e00-\u9fff]*级|瓦|米|克|公里))?(?P<more>多|余)?"
    r"(?P<unit>平方公里|平方千米|公里|千米|平方米|立方米|千瓦时|千瓦|兆瓦|吉瓦|吨|斤|%|％|‰|个百分点|美元|公顷|亩|分钟)?"
    rf"(?P<cls>{ZH_COUNTERS}|[元年])?(?P<post>以上|{ZH_MORE_AFTER}|余|左右|以内|以下|之内)?"
)
_PERCENT_ZH = re.compile(rf"百分之(?P<num>\d+(?:\.\d+)?|[{_CN_NUM}]+)")
_HALF_ZH = re.compile(r"(?P<pre>超过|多于|不少于|不低于|至少)?(?:一半|半数)(?P<post>以上)?")  # 50 %
_ZH_UNITS = {"平方公里": "km2", "平方千米": "km2", "公里": "km", "千米": "km", "平方米": "m2", "立方米": "m3",
             "千瓦时": "kWh", "千瓦": "kW", "兆瓦": "MW", "吉瓦": "GW", "吨": "t", "%": "%", "％": "%", "‰": "‰",
             "个百分点": "percentage point", "美元": "USD", "公顷": "ha", "亩": "亩", "斤": "斤", "分钟": "min"}  # 亩, 斤: no symbol, the noun
_ZH_MORE_THAN, _ZH_AT_MOST = ("超过", "多于", "高于", "大于", "逾", "突破", "超"), ("不超过", "不高于", "不多于", "低于")
_ZH_SCALE = re.compile(r"(?<![\d零〇一二两三四五六七八九])(?P<n>[百千万亿][百千万亿]*)级")
_CLASSIFIER_UNITS = {"元": "CNY", "岁": "岁"}  # 岁: an age (人均预期寿命82岁), no symbol: the noun
_EN_MULT = {"hundred": 10**2, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN = re.compile(
    r"(?P<pre>more than|over|exceeding|at least|no less than|not less than|up to|at most|no more than|not more than"
    r"|within|about|around|approximately|nearly|roughly)?\s*"
    r"(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<mult>hundred|thousand|million|billion|trillion)?"
    r"(?:\s*(?P<post>or more|\+))?(?:\s*(?P<cur>yuan|RMB|CNY|percent|per cent|square kilomet(?:er|re)s|km2"
    r"|kilomet(?:er|re)s|km|kW|kilowatts|MW|megawatts|GW|gigawatts|tons|tonnes)\b|\s*(?P<pct>%|‰))?",
    re.IGNORECASE,
)
_EN_UNITS = {"yuan": "CNY", "rmb": "CNY", "cny": "CNY", "%": "%", "‰": "‰", "percent": "%", "per cent": "%",
             "square kilometers": "km2", "square kilometres": "km2", "km2": "km2", "kilometers": "km",
             "kilometres": "km", "km": "km", "kw": "kW", "kilowatts": "kW", "mw": "MW", "megawatts": "MW",
             "gw": "GW", "gigawatts": "GW", "tons": "t", "tonnes": "t"}
_EN_MORE_THAN, _EN_AT_MOST = ("more than", "over", "exceeding"), ("up to", "at most", "no more than", "not more than",
                                                                   "within")
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


def _zh_comparator(pre: str | None, more: str | None, post: str | None) -> str:
    if pre in ("约", "大约", "近") or post == "左右":
        return ABOUT
    if pre in _ZH_AT_MOST or post in ("以内", "以下", "之内"):
        return AT_MOST
    if pre in _ZH_MORE_THAN:
        return MORE_THAN
    return AT_LEAST if (pre or more or post) else EXACTLY


#: Full coverage as a goal (实现…全覆盖, 妇幼保健院全部达到三级水平): 100 % of what the sentence covers.
ZH_FULL = r"全覆盖|全部(?=达到|建成|实现|能够|完成)"


def _parse_zh(text: str) -> Quantity | None:
    if text in ("全覆盖", "全部"):
        return Quantity(Decimal(100), EXACTLY, "%", text)
    pct = _PERCENT_ZH.search(text)
    m = _ZH.search(text)
    half = _HALF_ZH.search(text)
    if half and (not m or half.start() <= m.start()):
        return Quantity(Decimal(50), _zh_comparator(half.group("pre"), None, half.group("post")), "%", text)
    if pct and (not m or pct.start() <= m.start()):
        return Quantity(_number(pct.group("num")), EXACTLY, "%", text)
    if not m:
        return None
    value = _number(m.group("num"))
    if m.group("mult"):
        value *= chinese_integer("一" + m.group("mult"))
    comparator = _zh_comparator(m.group("pre"), m.group("more"), m.group("post"))
    unit = _ZH_UNITS.get(m.group("unit") or "") or _CLASSIFIER_UNITS.get(m.group("cls") or "")
    return Quantity(value, comparator, unit, text)


def _parse_en(text: str) -> Quantity | None:
    m = _EN.search(text)
    if not m:
        return None
    value = _number(m.group("num"))
    if m.group("mult"):
        value *= _EN_MULT[m.group("mult").lower()]
    pre = (m.group("pre") or "").lower()
    if pre in _EN_MORE_THAN:
        comparator = MORE_THAN
    elif pre in _EN_AT_MOST:
        comparator = AT_MOST
    elif pre in ("at least", "no less than", "not less than") or m.group("post"):
        comparator = AT_LEAST
    elif pre:
        comparator = ABOUT
    else:
        comparator = EXACTLY
    cur = m.group("cur") or m.group("pct")
    unit = _EN_UNITS[cur.lower()] if cur else None
    return Quantity(value, comparator, unit, text)


def parse_quantity(text: str, lang: str | None = None) -> Quantity:
    """Read the first quantity of a phrase; ``ValueError`` naming the phrase if it has none.

    ``lang`` is ``"zh"`` or ``"en"``; guessed from the text when omitted. Comparators as the module note says.
    """
    if lang is None:
        lang = "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en"
    found = _scale_phrase(text) or (_parse_zh(text) if lang == "zh" else _parse_en(text))
    if found is None:
        raise ValueError(f"no quantity in {text!r}: expected a number such as 10万个, 6万多家, 千万级 or 'more than 60,000'")
    return Quantity(_plain(found.value), found.comparator, found.unit, found.text)


#: Measure words a bare count is followed by in running text (48次, 六批, 3倍), beside the classifiers of :data:`_ZH`.
_COUNTED = re.compile(r"[次批倍届期轮天]")  # 共7天: days counted (7日 is a date)


def find_zh(text: str) -> list[tuple[int, int, Quantity, str]]:
    """Every Chinese quantity phrase of ``text`` that states a measure, as (start, end, quantity, counted word):
    a unit (万吨, %), a classifier (个, 项, 名) or 次/批/倍…; never a year, a month or a day (2019年, 3月, 8日)."""
    out = [(m.start(), m.end(), Quantity(_number(m.group("num")), EXACTLY, "%", m.group()), "")
           for m in _PERCENT_ZH.finditer(text)]
    for m in _ZH.finditer(text):
        end, counted = m.end(), m.group("cls") or ""
        if not counted and not m.group("unit") and _COUNTED.match(text, end):
            end, counted = end + 1, text[end]
        if counted == "年" or text.startswith(("月", "日", "号"), m.end()) or not (m.group("unit") or counted or m.group("mult")):
            continue
        if m.group("num") == "一" and counted in ("批", "张", "套", "场") and not m.group("pre"):
            continue  # 形成一批示范模式: "a number of"; 一张网, 一套制度, 一场硬仗: set phrases, no count
        found = _parse_zh(text[m.start():end])
        if found is not None and not any(s <= m.start() < e for s, e, _, _ in out):
            out.append((m.start(), end, Quantity(_plain(found.value), found.comparator, found.unit, found.text), counted))
    return sorted(out, key=lambda q: q[0])


def same_bound(a: str, b: str) -> bool:
    """Both comparators bound the value from below (AtLeast/MoreThan), from above (AtMost), or they are equal:
    an English "more than 100" and the Chinese 100家以上 state the same fact, loosely translated."""
    side = {AT_LEAST: "lower", MORE_THAN: "lower", AT_MOST: "upper"}
    return a == b or (a in side and side.get(a) == side.get(b))


#: The units that are codes or symbols (ISO 4217, unit symbols, percent): compared exactly.
_SYMBOL = re.compile(r"[A-Z]{3}|%|‰|[kMG]?Wh?|k?m[23]?|t|ha|percentage point")


def singular(noun: str) -> str:
    """The singular of an English counted noun (racks -> rack, facilities -> facility, charging piles ->
    charging pile); other text unchanged."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z -]*", noun or "") or _SYMBOL.fullmatch(noun):
        return noun
    for plural, single in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x")):
        if noun.endswith(plural):
            return noun[: -len(plural)] + single
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def units_agree(a: str | None, b: str | None, evidence: tuple[str, ...] = ()) -> bool:
    """Two units name the same thing under the ``nikg:unit`` convention: equal codes or symbols (CNY, kW, %);
    for a counted thing, the same noun (case and plural aside), or one the head of the other (node of
    sensing node, 节点 of 感知节点; factory of "unmanned factory, production line or workshop"), or, named in the other language, a noun of the ``evidence`` that states it
    (充电桩 of 新建10万个电动汽车智能充电桩 for charging pile)."""
    if a is None or b is None:
        return a == b
    x, y = singular(a.strip()).casefold(), singular(b.strip()).casefold()
    if x == y:
        return True
    if _SYMBOL.fullmatch(a) or _SYMBOL.fullmatch(b) or not x or not y:
        return False
    zh_x, zh_y = bool(re.search(r"[\u4e00-\u9fff]", x)), bool(re.search(r"[\u4e00-\u9fff]", y))
    if zh_x != zh_y:
        noun = a if zh_x else b
        return any(noun in text for text in evidence)
    if zh_x:
        return x.endswith(y) or y.endswith(x)
    xs, ys = re.split(r",\s*|\s+or\s+|\s+and\s+", x), re.split(r",\s*|\s+or\s+|\s+and\s+", y)
    return any(singular(p) == singular(q) or p.endswith(" " + q) or q.endswith(" " + p) for p in xs for q in ys)


__all__ = ["Quantity", "parse_quantity", "find_zh", "same_bound", "singular", "units_agree", "chinese_integer", "AT_LEAST", "EXACTLY", "ABOUT", "MORE_THAN", "AT_MOST"]
