"""When a numeric fact contradicts the question: another year, another unit, another counted thing.

Year: a question naming a year (到2025年, by 2030, the 2019 target) is answered only by a fact due that
year (``nikg:deadline``), by an achieved indicator whose own statement (its quote) or heading (一、2024年工作回顾)
names that year, or, when
a target has no deadline, by one whose own evidence passages state
that year or whose plan ends that year (``nikg:periodEnd`` of the plan it hangs from; for a target, also through
the plan's actions and tasks — not an achieved indicator): a 2025 question never gets a 2022 target.
Share: a percentage answers only a question asking a rate, a share or a change (增长多少, what share).
Unit: a question naming a unit of measure (千瓦, horsepower, kilometres, 美元, tonnes, hours, 工作日) is answered only by
a fact in that unit; one asking a share (占比, proportion) only by a percentage. Counted thing: "how many new data centres" is not answered by a count of racks *in*
data centres — when the thing the question counts is named in the fact's label but is not what the
fact counts (its unit, or the words after its quantity), the fact does not answer.
"""
from __future__ import annotations

import re

from ..linking.lexicon import normalise
from ..namespaces import sparql_prologue
from ..passages import previous_in_paragraph
from .facts import Fact
from .question import en_terms, without_notes

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
OPENING_REACH = 3  # sentences back from a fact's evidence for one opening with its year (2024年，…)
_PASSAGES = sparql_prologue() + """
SELECT DISTINCT ?p ?text WHERE { ?f nikg:evidence ?p . ?p a nikg:Passage ; nikg:text ?text }"""
_PERIODS = sparql_prologue() + """
SELECT DISTINCT ?f ?end WHERE {
  { ?owner (nikg:hasTarget|nikg:hasIndicator|nikg:declaredCount) ?f ; nikg:periodEnd ?end }
  UNION { ?plan nikg:periodEnd ?end ; (nikg:hasAction|nikg:hasTask|nikg:hasGoal|nikg:hasMeasure)+ ?owner .
          ?owner nikg:hasTarget ?f . ?f a nikg:Target } }"""
# the headings (actions, tasks, goals, measures; not plans) a fact hangs under that name a year: 一、2024年工作回顾
_HEADED = sparql_prologue() + """
SELECT DISTINCT ?f ?label WHERE {
  ?owner (nikg:hasTarget|nikg:hasIndicator) ?f .
  ?head (nikg:hasAction|nikg:hasTask|nikg:hasGoal|nikg:hasMeasure)* ?owner ; skos:prefLabel ?label .
  FILTER(REGEX(STR(?label), "(19|20)[0-9][0-9]")) FILTER NOT EXISTS { ?head a nikg:ActionPlan } }"""
# unit of measure -> the canonical nikg:unit it means (a question naming one needs a fact in it)
_UNITS = [(re.compile(r"千瓦|\bkw\b|\bkilowatt"), "kW"), (re.compile(r"马力|\bhorsepower|\bhp\b"), "hp"),
          (re.compile(r"公里|千米|\bkm\b|\bkilomet"), "km"), (re.compile(r"吨|\btonnes?\b|\btons?\b"), "t"),
          (re.compile(r"美元|\bdollars?\b|\busd\b|\$"), "USD"), (re.compile(r"欧元|\beuros?\b"), "EUR"),
          (re.compile(r"平方米|\bsquare met"), "m2"), (re.compile(r"公顷|\bhectare"), "ha"), (re.compile(r"亩|\bmu\b"), "亩"),
          (re.compile(r"小时|\bhours\b"), "h"), (re.compile(r"工作日|多少天|几天|\bhow many (?:working )?days\b"), "d")]
_EN_COUNTED = re.compile(r"how many ((?:[a-z0-9-]+ ){0,4}?[a-z0-9-]+?)(?= (?:will|would|does|do|did|are|is|were|was|have|has|had|should|"
                         r"shall|can|could|must|in|of|for|by|to|on|at|with|from|per|does|built|be)\b|\?|$)")
_ZH_COUNTED = re.compile(r"(?:多少|几)[个家项条座所台名种]?([\u4e00-\u9fff]{2,8}?)(?=[？?，,。]|$|吗|呢)")
_ZH_STOP_AFTER = re.compile(r"^(?:以上|左右|多|余|以下|之多)")


class Contradictions:
    """Evidence texts and plan periods of the facts, read once from the store."""

    def __init__(self, store):
        self.texts = {row["p"].value: row["text"].value for row in store.query(_PASSAGES)}
        self.ends = {row["f"].value: str(row["end"].value)[:4] for row in store.query(_PERIODS)}
        self.headed: dict[str, list[str]] = {}
        for row in store.query(_HEADED):
            years = set(_YEAR.findall(row["label"].value))
            if len(years) == 1:  # 2021-2025年: a period, not the year of what it holds
                self.headed.setdefault(row["f"].value, []).extend(years)

    QUERIES = (_PASSAGES, _PERIODS, _HEADED)  # what the constructor reads (the start-up tables save the result instead)

    def to_json(self) -> dict:
        """JSON-ready, for :meth:`from_json` (the build's start-up tables, :mod:`kg.tables`): replaying the
        passages' texts as store terms cost 0.4 CPU s of start-up at a million triples (77k passages)."""
        return {"texts": self.texts, "ends": self.ends, "headed": self.headed}

    @classmethod
    def from_json(cls, data: dict) -> "Contradictions":
        out = cls.__new__(cls)
        out.texts, out.ends, out.headed = data["texts"], data["ends"], data["headed"]
        return out

    def allows(self, question: str, fact: Fact) -> bool:
        return (self.year_fits(question, fact) and unit_fits(question, fact) and counted_fits(question, fact)
                and share_fits(question, fact))

    def year_fits(self, question: str, fact: Fact) -> bool:
        years = set(_YEAR.findall(question))
        if not years:
            return True
        if fact.deadline:
            return fact.deadline[:4] in years
        headed = set(self.headed.get(fact.iri, ())) | self.opening_years(fact)  # 一、2024年工作回顾; 2024年，…。
        if fact.kind == "Indicator":  # an achievement answers a year its own statement names (截至2019年底，已…), or
            stated = [*fact.quotes, *fact.labels.values()]  # its label: a table's column (2022年社区养老服务设施覆盖率90%)
            return bool(years & ({y for q in stated for y in _YEAR.findall(q)} | self.leading_years(fact) | headed))
        stated = headed | {y for p in fact.evidence for y in _YEAR.findall(self.texts.get(p, ""))}
        titled = [set(_YEAR.findall(title)) for title in fact.documents]  # 鼓楼区2025年目标任务分解: its year's targets
        stated |= {y for t in titled if len(t) == 1 for y in t}
        return bool(years & (stated | {self.ends.get(fact.iri, "")}))


    def opening_years(self, fact: Fact) -> set[str]:
        """The year that opens one of the :data:`OPENING_REACH` sentences before its evidence in their paragraph, the
        nearest such, which holds for the sentences after it (2024年，长丰县发展历史性实现“五个千亿”。预计，全年…
        规上工业产值超2000亿，增长28%)."""
        out = set()
        for iri in fact.evidence:
            for _ in range(OPENING_REACH):
                iri = previous_in_paragraph(iri)
                if iri is None:
                    break
                if found := _OPENING.findall(self.texts.get(iri, "")):  # the last line opening with one
                    out.add(found[-1])
                    break
        return out

    def leading_years(self, fact: Fact) -> set[str]:
        """The year that opens the sentence stating an achievement, for every value it lists (2020年末，全市居民
        人均预期寿命提高到82.25岁，…，居民健康素养水平达到31.7%): the last year before the value in its sentence."""
        out = set()
        for text in (self.texts.get(p, "") for p in fact.evidence):
            for phrase in {*fact.quantity_texts.values(), *fact.quotes}:
                at = text.find(phrase) if phrase else -1
                if at >= 0 and (found := _YEAR.findall(_SENTENCE.split(text[:at])[-1])):
                    out.add(found[-1])
        return out


_SENTENCE = re.compile(r"[。；;！？!?\n]")
_OPENING = re.compile(r"(?:^|\n)\s*((?:19|20)\d\d)年[，,]")  # a line opening with a year (after a heading line too)


def unit_fits(question: str, fact: Fact) -> bool:
    low = normalise(question).lower()
    named = {unit for pattern, unit in _UNITS if pattern.search(low)} | ({"%", "‰"} if _SHARE.search(low) else set())
    if not named and _SIZE.search(low) and not _RATE_ASKED.search(low):
        return fact.unit not in ("%", "‰")  # how big should X be: an amount or a count, never a share or a rate
    return not named or _CANONICAL.get(fact.unit or "", fact.unit or "") in named


#: A unit as a clause read off the text may give it (reader.py: 7天), by the canonical unit a question names.
_CANONICAL = {"天": "d", "日": "d", "个工作日": "d", "工作日": "d", "小时": "h", "公里": "km", "千米": "km", "吨": "t", "公顷": "ha",
              "平方米": "m2", "千瓦": "kW", "美元": "USD", "欧元": "EUR", "马力": "hp"}


#: A question asking a size (how big, 规模多大) and no rate (增长, growth, 率).
_SIZE = re.compile(r"\bhow (?:big|large)\b|\bwhat size\b|规模(?!以上|以下)|多大")
_RATE_ASKED = re.compile(r"率|增长|增速|\brate\b|\bgrowth\b|\bgrow\b|\bincrease\b")
#: A question asking a share (占比多少, what proportion): only a percentage or per mille answers it, never a count.
_SHARE = re.compile(r"占比|比例|比重|百分比|百分之|\bpercentage\b|\bproportion\b|\bshare\b")


#: What a question must ask for a percentage to answer it: a rate, share, growth or change, level or intensity.
_PERCENT_ASKED = re.compile(r"率|比例|比重|占比|百分|增长|增速|增幅|下降|降低|提高|提升|%|％|水平|指数|覆盖|强度|单位"
                            r"|\brates?\b|percent|\bshare\b|proportion|ratio|growth|\bgr[eo]w|increase|decrease|decline"
                            r"|\brise|\bdrop|\bfall|\blevel|coverage|\bindex|intensity|\bcut\b|reduc")


def measured_as_asked(question: str, fact: Fact) -> bool:
    """The unit and share checks, which hold for a number however it was found (a fact, or a clause read); a number
    read without a unit (共7天 for 几天: the reader matched the measure word) is not refused for it."""
    return (not fact.unit or unit_fits(question, fact)) and share_fits(question, fact)


def share_fits(question: str, fact: Fact) -> bool:
    """False for a percentage (社会消费品零售总额增长2.4%) answering a question that asks none (社会消费品零售总额完成多少,
    How much did income reach)."""
    return fact.unit not in ("%", "‰", "percentage point") or bool(_PERCENT_ASKED.search(normalise(question).lower()))


def counted_fits(question: str, fact: Fact) -> bool:
    """False when the question counts a thing the fact's label names but does not count."""
    low = normalise(question).lower()
    m = _EN_COUNTED.search(low)
    if m:
        counted = en_terms(m.group(1))
        head = sorted(en_terms(m.group(1).split()[-1]))
        label = en_terms(" ".join(v for k, v in fact.labels.items() if k == "en"))
        unit = en_terms(fact.unit or "")
        return not head or not label or bool(counted & unit) or head[0] not in label
    m = _ZH_COUNTED.search(normalise(question))
    label = fact.labels.get("zh", "")
    if not m or not label:
        return True
    thing = m.group(1)
    return thing not in label or thing in _counted_zh(label, fact.quantity_texts.get("zh") or "")


def _counted_zh(label: str, quantity: str) -> str:
    """What a zh label counts: its text from the quantity phrase on (新建10万个电动汽车智能充电桩); when
    the quantity ends the label, also the words before 数 (互联网数据中心已建机架数超过12万个 -> 机架), else
    the text before the quantity (新建农机合作社20个). A note in brackets after the quantity is a breakdown, not
    what is counted (幼儿园173所（81所民办）counts 幼儿园)."""
    label = without_notes(label)
    at = label.find(quantity) if quantity else -1
    if at < 0:
        return label
    window = re.split(r"[，。；;,]", label[at:])[0]
    if re.search(r"[\u4e00-\u9fff]{2}", window[len(quantity):]):
        return window
    m = re.search(r"([\u4e00-\u9fff]{2,4})数(?:超过|达到|约|为)?$", label[:at])
    return window + "|" + (m.group(1) if m else label[:at])


def restated(read: list, refused: list[Fact]) -> bool:
    """Whether a number read off a passage is one a graph fact states there that the question contradicts (遂宁到2025年
    …几家 when the text's 30家 are due in 2027): refused as a fact, it is not taken again as text."""
    return any(f.value is not None and f.value == r.value and set(getattr(f, "evidence", ())) & set(r.evidence)
               for f in read for r in refused)
