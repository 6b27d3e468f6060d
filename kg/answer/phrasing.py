"""A short answer sentence in zh or en from one fact: its label, its number and the text's own phrase.

"Shanghai will build 100,000 (10万个) smart charging piles for electric vehicles." The number is
written in the answer's language and the source's quantity phrase follows it in brackets, so the
reader sees both the normalised value and what the text says.
"""
from __future__ import annotations

import re
from decimal import Decimal

from .facts import Fact

_CMP_EN = {"AtLeast": "at least ", "MoreThan": "more than ", "AtMost": "at most ", "About": "about ", "Exactly": ""}
_CMP_ZH = {"AtLeast": "至少", "MoreThan": "超过", "AtMost": "至多", "About": "约", "Exactly": ""}
_KIND_EN = {"Target": "Target", "Indicator": "So far", "DeclaredCount": "The plan counts"}


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def number_en(value: Decimal) -> str:
    """100000 -> "100,000"; 270000000000 -> "270 billion"; 10000000 -> "10 million"; 4545000000 -> "4.545 billion"
    (亿 with two decimals: three after the point in billions)."""
    for size, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if value >= size and (value * 1000) % size == 0:
            return f"{_plain(value / size)} {word}"
    return f"{value:,.0f}" if value == value.to_integral_value() else _plain(value)


def number_zh(value: Decimal) -> str:
    """100000 -> "10万"; 270000000000 -> "2700亿"; 14 -> "14"."""
    for size, word in ((10**8, "亿"), (10**4, "万")):
        if value >= size and (value * 100) % size == 0:
            return f"{_plain(value / size)}{word}"
    return _plain(value)


_SYMBOLS = frozenset("% ‰ kW MW GW kWh km km2 m2 m3 t ha h d hp USD EUR".split())


def unit_en(fact: Fact) -> str:
    """The unit in the plural as needed; empty when it is a description rather than a noun."""
    unit = fact.unit or ""
    if unit.upper() == "CNY":
        return "yuan"
    if unit == "亩":  # the Chinese land unit has an English name, as yuan
        return "mu"
    if not unit or any(c in unit for c in "(),") or " or " in unit:
        return ""
    if unit in _SYMBOLS:  # 1.2 ‰, 30 km: a symbol, never made plural
        return unit
    if fact.value == 1 or unit.endswith("s") or re.search(r"[\u3400-\u9fff]", unit):  # 100 品牌, not 品牌s
        return unit
    if unit.endswith(("x", "ch", "sh")):
        return unit + "es"
    return unit[:-1] + "ies" if unit.endswith("y") and unit[-2:-1] not in "aeiou" else unit + "s"


#: The city or province a document's title opens with (上海市推进新型基础设施建设行动方案 -> 上海); its English name
#: only where the graph's curated labels give it.
_PLACE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,6}?)(?:市|省|自治区|特别行政区)")
_PLACE_EN = {"上海": "Shanghai"}


def _subject(fact: Fact, lang: str) -> str | None:
    """Who "will" do what a task states: the one place the titles of the fact's documents open with, if any."""
    places = {m.group("place") for title in fact.documents if (m := _PLACE.match(title))}
    place = places.pop() if len(places) == 1 else None
    return place if lang == "zh" or place is None else _PLACE_EN.get(place)


def phrase(fact: Fact, lang: str, task: dict[str, str] | None = None) -> str:
    """The answer sentence for ``fact`` in ``lang``. ``task``: the labels of the task that sets the
    target; when it states the number it is the sentence ("Shanghai will build 100,000 ..."), its subject the
    place the document is of (none named: the fact's own sentence)."""
    subject = _subject(fact, lang)
    if task and lang in task and _states_number(fact, task[lang], lang) and subject:
        return _task_zh(fact, task["zh"], subject) if lang == "zh" else _task_en(fact, task["en"], subject)
    return _phrase_zh(fact) if lang == "zh" else _phrase_en(fact)


def _states_number(fact: Fact, text: str, lang: str) -> bool:
    stated = fact.quantity_texts.get(lang)
    return bool(stated) and stated.lower() in text.lower()


def _task_en(fact: Fact, task: str, subject: str) -> str:
    notes = [f"{_CMP_EN.get(fact.comparator or '', '')}{number_en(fact.value)}"] if _vague(fact.quantity_texts["en"]) else []
    notes += [fact.quantity_texts["zh"]] if fact.quantity_texts.get("zh") else []
    verb_phrase = task[:1].lower() + task[1:].rstrip(". ")
    return f"{subject} will {verb_phrase}" + (f" ({'; '.join(notes)})" if notes else "") + "."


def _task_zh(fact: Fact, task: str, subject: str) -> str:
    note = f"（{_CMP_ZH.get(fact.comparator or '', '')}{number_zh(fact.value)}）" if _vague(fact.quantity_texts["zh"]) else ""
    return f"{subject}将{task.rstrip('。')}{note}。"


def _vague(text: str | None) -> bool:
    """A quantity phrase that does not spell its number (千万级, tens of millions)."""
    return not text or "级" in text or not any(c.isdigit() for c in text)


_LEAD_EN = {"Target": "The plan targets ", "Indicator": "Already achieved: ", "DeclaredCount": "The plan states "}


def _phrase_en(fact: Fact) -> str:
    label = fact.label("en").rstrip(". ")
    label = label if label[:2].isupper() or label[:1].isdigit() else label[:1].lower() + label[1:]
    amount = f"{_CMP_EN.get(fact.comparator or '', '')}{number_en(fact.value)}"
    stated = fact.quantity_texts.get("en") or ""
    spelled = stated.lower() in label.lower() and not _vague(stated) if stated else number_en(fact.value) in label
    notes = [] if spelled else [amount]
    if fact.quantity_texts.get("zh"):
        notes.append(fact.quantity_texts["zh"])
    when = f", by {fact.deadline[:4]}" if fact.deadline else ""
    if fact.is_money or (stated and stated.lower() not in label.lower()):
        unit = unit_en(fact)
        return f"The {label} is {amount}{' ' + unit if unit else ''} ({'; '.join(notes[1:] or notes)}){when}."
    return f"{_LEAD_EN.get(fact.kind, '')}{label} ({'; '.join(notes)}){when}."


_LEAD_ZH = {"Target": "方案的目标是", "Indicator": "目前已实现：", "DeclaredCount": "方案提出"}  # any plan: not one title


def _phrase_zh(fact: Fact) -> str:
    label = fact.label("zh").rstrip("。")
    stated = fact.quantity_texts.get("zh") or f"{_CMP_ZH.get(fact.comparator or '', '')}{number_zh(fact.value)}"
    if fact.is_money and "元" not in stated:  # 2700亿 -> 2700亿元; 50万元以上 says it already
        stated += "元"
    if fact.is_money:  # 第一批重大项目总投资 + 约2700亿元; an extracted label states it already (总规模 2万亿元)
        return f"{label}。" if stated in label else f"{label}{stated}。"
    text = label if stated in label else f"{label}：{stated}"
    if _vague(stated):
        text += f"（{_CMP_ZH.get(fact.comparator or '', '')}{number_zh(fact.value)}）"
    when = f"（到{fact.deadline[:4]}年）" if fact.deadline else ""
    return f"{_LEAD_ZH.get(fact.kind, '')}{text}{when}。"


def dictionary_phrase(fact: Fact, lang: str) -> str:
    """For a fact found through the bilingual dictionary (its text is Chinese only): its Chinese label,
    the number and the due year, saying how it was matched."""
    if lang == "zh":
        return _phrase_zh(fact)
    unit = fact.unit if fact.unit in ("%", "‰") else f" {unit_en(fact)}" if unit_en(fact) else ""
    when = f", by {fact.deadline[:4]}" if fact.deadline else ""
    return (f"{fact.label('zh')}: {_CMP_EN.get(fact.comparator or '', '')}{number_en(fact.value)}{unit}{when} "
            f"(the text is Chinese only; matched through a bilingual dictionary).")


def listed(names: list[str]) -> str:
    """English enumeration: A; A and B; A, B and C."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def named(labels: dict[str, str], lang: str, machine: str | None = None, person: bool = False) -> str:
    """An entity's name in ``lang``; in English, for one with only a Chinese label, its machine-made label (CC-CEDICT,
    ``nikg:machineLabel``) or a person's name in pinyin, with the Chinese after it (Premier (总理), Li Keqiang (李克强))."""
    zh = labels.get("zh")
    if lang == "en" and "en" not in labels and zh:
        from ..names import pinyin_name

        english = machine or (pinyin_name(zh) if person else "")
        return f"{english} ({zh})" if english else zh
    return labels.get(lang) or next(iter(labels.values()), "")

