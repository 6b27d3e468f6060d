"""A short answer sentence in zh or en from one fact: its label, its number and the text's own phrase.

"Shanghai will build 100,000 (10万个) smart charging piles for electric vehicles." The number is
written in the answer's language and the source's quantity phrase follows it in brackets, so the
reader sees both the normalised value and what the text says.
"""
from __future__ import annotations

from decimal import Decimal

from .facts import Fact

_CMP_EN = {"AtLeast": "at least ", "About": "about ", "Exactly": ""}
_CMP_ZH = {"AtLeast": "至少", "About": "约", "Exactly": ""}
_KIND_EN = {"Target": "Target", "Indicator": "So far", "DeclaredCount": "The plan counts"}


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def number_en(value: Decimal) -> str:
    """100000 -> "100,000"; 270000000000 -> "270 billion"; 10000000 -> "10 million"."""
    for size, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if value >= size and (value * 100) % size == 0:
            return f"{_plain(value / size)} {word}"
    return f"{value:,.0f}" if value == value.to_integral_value() else _plain(value)


def number_zh(value: Decimal) -> str:
    """100000 -> "10万"; 270000000000 -> "2700亿"; 14 -> "14"."""
    for size, word in ((10**8, "亿"), (10**4, "万")):
        if value >= size and (value * 100) % size == 0:
            return f"{_plain(value / size)}{word}"
    return _plain(value)


def unit_en(fact: Fact) -> str:
    unit = fact.unit or ""
    if unit.upper() == "CNY":
        return "yuan"
    if not unit or fact.value == 1:
        return unit
    if unit.endswith(("s", "x", "ch", "sh")):
        return unit + "es" if not unit.endswith("s") else unit
    return unit[:-1] + "ies" if unit.endswith("y") and unit[-2:-1] not in "aeiou" else unit + "s"


def phrase(fact: Fact, lang: str) -> str:
    """The answer sentence for ``fact`` in ``lang``."""
    return _phrase_zh(fact) if lang == "zh" else _phrase_en(fact)


def _phrase_en(fact: Fact) -> str:
    amount = f"{_CMP_EN.get(fact.comparator or '', '')}{number_en(fact.value)} {unit_en(fact)}".strip()
    source = fact.quantity_texts.get("zh")
    if source:
        amount += f" ({source})"
    label = fact.label("en").rstrip(". ")
    when = f", by {fact.deadline[:4]}" if fact.deadline else ""
    return f"{_KIND_EN.get(fact.kind, 'Figure')}: {label} — {amount}{when}."


def _phrase_zh(fact: Fact) -> str:
    number = fact.quantity_texts.get("zh") or f"{_CMP_ZH.get(fact.comparator or '', '')}{number_zh(fact.value)}"
    if fact.is_money and not number.endswith("元"):
        number += "元"
    label = fact.label("zh").rstrip("。")
    when = f"（到{fact.deadline[:4]}年）" if fact.deadline else ""
    return f"{label}：{number}{when}。"
