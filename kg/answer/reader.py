"""Numbers and dates read from the question's search passages when no fact of the graph answers it.

Most numbers of a policy text are no target (a ratio of a rule, a count of past events, a fund a body must
hold), and many dates no event of the graph (a deadline, the day a meeting opened): a question about them
finds its passage by search but no fact. The reader splits the question's passages (:data:`READ_PASSAGES` of
them, :mod:`kg.answer.answerer`) into clauses (between ，：, within sentences) and scores each by the share
of the question's words it states: Chinese words of the question; for an English one, each word as itself or
its CC-CEDICT renderings (:mod:`kg.answer.bilingual`; a word no text renders counts as not stated); a word
stated elsewhere in the clause's passage, or in the sentence before it in its paragraph (…对建设康定机场的必要性… before
…总投资相应调整约为8.5亿元) or in its document's title (…职业教育改革实施方案的通知), counts half (the last two not when
telling rivals apart: 元旦's line does not name 春节 because the list's lead sentence does). It answers with the value
of the best clause that holds one fitting the question (else of that clause's sentence: 2019年底前，试点地区完成…) — a percentage for
比例/rate, money for 多少钱/资金/investment, the measure word asked (多少项 → 30项; how many batches → 批),
else a count; a date for a when question — only when:

- the clause covers at least :data:`MIN_COVERAGE` of the words (and there are two at least);
- it holds one such value (of a change, 将24项…调整增加为30项, the new one, unless the question asks what it was before),
  and no other clause as good (within :data:`MARGIN`) holds a different one;
- every year the question names is written in the passage, and the passage is in the question's scope.

The answer quotes the clause and cites its passage: it rests on no graph fact, and says so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..extract.agencies import is_agency_name
from ..extract.base import ZH_DATE, month_end, zh_date
from ..passages import previous_in_paragraph
from ..quantities import find_zh, singular
from .bilingual import PLACE_KINDS, rendered
from .bodies import KIND_WORDS, bodies_in, stated
from .bodies import MIN_COVERAGE as BODY_COVERAGE
from .facts import Fact
from .people import Statement, date_text
from .phrasing import number_en, unit_en
from .acts import asked_acts, states_the_act
from .intents import PERIOD, intents
from .question import AMOUNT, WHEN, Question, en_terms, zh_terms

MIN_COVERAGE = 0.7
MARGIN = 0.1
SENTENCE = re.compile(r"[^。；！？\n]+")
CLAUSE = re.compile(r"[^，,：:]+")
#: A percentage asked (处理率, 覆盖率: a rate; not 效率, 汇率, 率先; "how much of" the amount: a share).
PERCENT = re.compile(r"比例|百分之|百分比|比率|占比|(?<![效频汇产])率(?!先|领)|\bpercent|\bpercentage\b|\brate\b|\bproportion\b"
                      r"|\bshare\b|\bhow much of\b|\bwhat (?:part|portion|fraction) of\b")
ASKED_MEASURE = re.compile(r"(?:多少|几)([个家项条所台座名种次批倍届期人户天])")
_COUNTED_EN = re.compile(r"how many ([a-z]+)")
#: English things counted by a Chinese measure word (how many days: 共7天; times: 48次; batches: 六批; colleges: 50所).
MEASURES = {"day": "天", "time": "次", "batch": "批", "session": "届", "household": "户", "school": "所", "college": "所",
             "university": "所", "kindergarten": "所"}
#: The thing counted a few words after "how many" (how many high-level higher vocational colleges: college).
MEASURED_EN = re.compile(rf"how many (?:[a-z-]+ ){{0,5}}?({'|'.join(MEASURES)})(?:e?s)?\b")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
#: The thing a Chinese question counts, right after 几个 / 多少项 (几个“屏障”, 几个步骤).
ASKED_THING = re.compile(r"(?:几|多少)[个家项条所台座名种大]?[“\"]?([\u4e00-\u9fff]{2,4})")
#: A value changed into the next one (将24项…调整增加为30项, 由60%提高到70%): the first is what it was, asked only
#: with 原 / 之前 / originally.
_CHANGED = re.compile(r"(?:调整|增加|提高|提升|扩大|增至|减少|降低|压减|调减|缩减|下降|上升|增长)[^，。；]{0,6}?(?:为|到|至)")
_BEFORE = re.compile(r"原|之前|以前|此前|调整前|\borigin|\bbefore\b|\bprevious|\bformer")
#: 2019年3月底前 / 2019年底前: the last day of the month or year.
_BY_END = re.compile(r"(?P<y>(?:19|20)\d\d)年(?:(?P<m>\d{1,2})月)?(?:底|末)")
_GENERIC_EN = frozenset("what which when how many much date day year by must should be the of total number one most least "
                        "up off".split()) | PLACE_KINDS  # off: days off; year: 到哪一年 is asked, not stated


@dataclass(frozen=True)
class Clause:
    text: str  # a clause
    sentence: str  # the sentence it is part of (its value may be in another clause: 2019年底前，试点地区完成…)
    passage: str
    coverage: float
    local: float  # the coverage without the sentence before (a rival must come as close by both)

    def rivals(self, best: "Clause") -> bool:
        """Whether this clause comes within :data:`MARGIN` of ``best``, with and without the sentence before."""
        return self.coverage >= best.coverage - MARGIN and self.local >= best.local - MARGIN


class Reader:
    """Reads a number or a date off the best sentence of a question's passages; see the module's notes."""

    def __init__(self, tokenizer, glossary):
        self.tokenizer = tokenizer
        self.glossary = glossary  # () -> stem -> Chinese renderings; read only for an English question

    def answer(self, question: Question, hits: list, lang: str, allowed) -> tuple[str, list] | None:
        """(answer text, [the Fact or Statement read]) or None."""
        scored = [s for s in self.clauses(question, hits, allowed) if s.coverage >= MIN_COVERAGE]
        if not scored:
            return None
        read = [(s, values) if (values := self._values(question, s.text)) else (s, []) if _states_other(question, s.text)
                else (replace(s, text=s.sentence), self._sentence_values(question, s.sentence)) for s in scored]
        read = [(s, values) for s, values in read if values and states_the_act(question, s.text)]  # a value of the
        if not read:  # sentence: the sentence is quoted
            return None
        best, values = read[0]
        rivals = {v for s, vs in read[1:] if s.rivals(best) for v, _ in vs}
        if len({v for v, _ in values}) != 1 or rivals - {values[0][0]}:
            return None
        return read_answer(question, best, values[0], lang)

    def located(self, question: Question, hits: list, lang: str, allowed) -> tuple[str, list] | None:
        """Where the body a question names is set (试点工作小组办公室设在国家医保局): the agency after 设在 in the clauses
        whose subject (four characters at least) the question writes (a short name is the tail of the full one);
        None unless they all name the same agency."""
        by_doc: dict[str, str] = {}  # the passages (sentences) found of each document: where 下设办公室 is said
        for h in hits:
            doc = field(h, "passage").rsplit("/", 1)[0]
            by_doc[doc] = by_doc.get(doc, "") + "\n" + field(h, "text")
        found = [(s, name) for s in self.clauses(question, hits, allowed)
                 if (name := _set_at(s.text, question.text, by_doc.get(s.passage.rsplit("/", 1)[0], "")))]
        if not found or any(n != found[0][1] for _, n in found[1:]):
            return None
        best, name = found[0]
        text = f"设在{name}（原文：“{best.text}”）" if lang == "zh" else f"{name} (the text says: “{best.text}”)"
        return text, [Statement(best.passage, {"zh": best.text}, name, None, [best.passage])]

    def body(self, question: Question, hits: list, lang: str, allowed) -> tuple[str, list] | None:
        """The one body the best clause names that the question does not (:mod:`kg.answer.bodies`), or None."""
        words = [w for w in self.words(question) if not w & KIND_WORDS]
        scored = [s for s in self.clauses(question, hits, allowed, words, whole=0.0, titled=1.0)
                  if s.coverage >= BODY_COVERAGE]  # the clause says it all, but for the words of its document's title
        named = [(s, names) for s in scored
                 if (names := {n for n in bodies_in(s.text) if n not in question.text and not stated(n, words)})]
        if not named:
            return None
        best, names = named[0]
        rivals = {n for s, ns in named[1:] if s.rivals(best) for n in ns}
        if len(names) != 1 or rivals - names:
            return None
        name = next(iter(names))
        text = f"{name}（原文：“{best.text}”）" if lang == "zh" else f"{name} (the text says: “{best.text}”)"
        return text, [Statement(best.passage, {"zh": best.text}, name, None, [best.passage])]

    def clauses(self, question: Question, hits: list, allowed, words=None, whole: float = 0.5,
                   titled: float | None = None) -> list[Clause]:
        """The clauses of the passages, by the share of ``words`` (the question's) each states; a word its sentence
        states elsewhere counts ``whole`` (0.5; 0 where the clause itself must say it all), one its document's title
        states ``titled`` (default: ``whole``; 1 for a body: 国家组织药品集中采购试点中，… names the document)."""
        words = self.words(question) if words is None else words
        years = set(YEAR.findall(question.text))
        out = []
        for hit in hits:
            text, passage, before, title = (field(hit, name) for name in ("text", "passage", "before", "title"))
            stated = set(YEAR.findall(text)) | _title_year(title)
            if len(words) < 2 or not allowed([passage]) or not years <= stated:
                continue
            for sentence in SENTENCE.findall(text):
                for clause in CLAUSE.findall(sentence):
                    got = credit(words, clause, text, before, title, whole, whole if titled is None else titled)
                    out.append(Clause(clause.strip(), sentence.strip(), passage, *got))
        return sorted(out, key=lambda s: (-s.coverage, -s.local))

    def words(self, question: Question) -> list[frozenset[str]]:
        """Each word of the question as the strings that state it: a Chinese word itself; an English word as
        itself (an English passage) and its renderings (a Chinese one)."""
        if question.lang == "zh":
            return [frozenset({w}) for w in zh_terms(question.text, self.tokenizer) if not re.search(r"\d", w)]
        words = [w for w in en_terms(question.text) if w not in _GENERIC_EN and not w.isdigit()]
        return [self.rendered(w) for w in words]  # a word no text renders: uncovered

    def rendered(self, word: str) -> frozenset[str]:
        """An English word and its Chinese renderings."""
        return frozenset({word, *rendered(word, self.glossary())})

    def _sentence_values(self, question: Question, sentence: str) -> list[tuple[object, str]]:
        """The values of a clause's whole sentence; for the day of an act (施行), the dates of its clauses that state
        it (…已经2018年9月6日…修订通过，…自2019年3月1日起施行: the second)."""
        if question.kind == WHEN and asked_acts(question):
            return [v for clause in CLAUSE.findall(sentence) if states_the_act(question, clause) for v in _dates(clause)]
        return self._values(question, sentence)

    def _values(self, question: Question, sentence: str) -> list[tuple[object, str]]:
        """(value, the sentence's phrase for it) of each value the sentence states that fits the question."""
        if question.kind == WHEN:
            return _dates(sentence, PERIOD in intents(question.text))
        counted = _COUNTED_EN.search(question.text.lower()) if question.lang == "en" else None
        measured = MEASURED_EN.search(question.text.lower()) if counted else None
        measure = MEASURES[measured.group(1)] if measured else None  # how many days: 天
        if counted and not measure and not any(r in sentence for r in self.rendered(singular(counted.group(1)))):
            return []  # how many jobs: the thing counted must be written where the number is
        asked = ASKED_MEASURE.search(question.text)
        asked = asked.group(1) if asked else measure
        percent, money = bool(PERCENT.search(question.text.lower())), question.kind == AMOUNT
        out = []
        found = find_zh(sentence)
        old = {i for i in range(len(found) - 1) if _CHANGED.search(sentence, found[i][1], found[i + 1][0])}
        unwanted = {i + 1 for i in old} if _BEFORE.search(question.text.lower()) else old  # before: the old value
        thing = ASKED_THING.search(question.text)
        named = {i for i, (_, end, _, _) in enumerate(found) if thing and sentence[end:].lstrip("“”\"").startswith(thing.group(1)[:2])}
        for i, (_, _, q, counted) in enumerate(found):
            if named and i not in named:
                continue  # 几个“屏障”: the value said of the thing asked (两个屏障), not the others (两个基地)
            is_money, is_percent = (q.unit or "") in ("CNY", "USD"), q.unit in ("%", "‰")  # a rate: per cent or per mille
            fits = (is_percent if percent else is_money if money else counted == asked if asked
                    else not is_money and not is_percent)
            if fits and i not in unwanted:
                out.append(((q.value, q.unit, q.comparator), q.text))
        return out


def _states_other(question: Question, clause: str) -> bool:
    """Whether the clause states a number of another kind than asked (工业劳动生产率超过50万元/人, asked 超过多少): its
    number is the answer or there is none; never another clause's of the sentence (…比重达45%，工业劳动生产率…)."""
    return question.kind != WHEN and bool(find_zh(clause))


def _dates(sentence: str, year: bool = False) -> list[tuple[object, str]]:
    """Dates a sentence states: 1996年1月8日 (the first of a range), 2019年3月底前, 2019年底前; for a question asking
    the year (``year``: 到哪一年, by which year), also the year a thing is due by (力争到2020年创建…: 2020-12-31)."""
    out = [(d.isoformat(), m.group()) for m in ZH_DATE.finditer(sentence) if (d := zh_date(m, None))]
    for m in _BY_END.finditer(sentence):
        year_, month = int(m.group("y")), int(m.group("m") or 12)
        if 1 <= month <= 12:
            out.append((month_end(year_, month).isoformat(), m.group()))
    if year and not out:
        out = [(month_end(int(m.group("y")), 12).isoformat(), m.group()) for m in _BY_YEAR.finditer(sentence)]
    return out[:1] if out and ZH_DATE.match(out[0][1]) else out


#: 到2020年 / 至2025年: the year a thing is due by (not 2020年底, 2020年3月: read above).
_BY_YEAR = re.compile(r"(?:到|至)(?P<y>(?:19|20)\d\d)年(?![底末\d])")


def _set_at(clause: str, question: str, context: str = "") -> str | None:
    """The agency a clause says the body the question names is set at (…办公室设在国家医保局), its longest name. A
    subject of fewer than four characters (办公室设在国家粮食局) is the body the passage set it up under (国家粮食应急工作
    指挥部下设办公室) when the question writes both."""
    at = re.search(r"设(?:在|于)", clause)
    subject = clause[:at.start()].strip("（）() ") if at else ""
    under = re.search(rf"([\u4e00-\u9fff]{{4,30}}?)下设{re.escape(subject)}", context) if 2 <= len(subject) < 4 else None
    if under and under.group(1) + subject in question:
        subject = under.group(1) + subject
    if len(subject) < 4 or subject not in question:
        return None
    rest = clause[at.end():]
    return next((rest[:n] for n in range(min(len(rest), 24), 1, -1) if is_agency_name(rest[:n])), None)


_RANGE = re.compile(r"(?:19|20)\d\d\s*年?\s*[-—–－~～至到]")


def _title_year(title: str) -> set[str]:
    """The one year a document's title is about (国务院办公厅关于2019年部分节假日安排的通知: each passage is about 2019);
    none for a title naming a period (行动方案（2020-2022年）) or several years."""
    years = set(YEAR.findall(title))
    return years if len(years) == 1 and not _RANGE.search(title) else set()


def credit(words: list[frozenset[str]], clause: str, text: str, before: str, title: str, whole: float,
            titled: float) -> tuple[float, float]:
    """(coverage, local): the share of ``words`` the clause states, a word stated elsewhere in its passage ``text``
    counting ``whole``; one stated only in the sentence ``before`` (``whole``) or the document's ``title`` (``titled``)
    counts in the coverage, not in the local share."""
    local = extra = 0.0
    for rs in words:
        if any(r in clause for r in rs):
            local += 1.0
        elif any(r in text for r in rs):
            local += whole
        elif any(r in before for r in rs):
            extra += whole
        elif any(r in title for r in rs):
            extra += titled
    return (local + extra) / len(words), local / len(words)


def field(hit, name: str) -> str:
    return hit.get(name, "") if isinstance(hit, dict) else getattr(hit, name, "")


def in_paragraph(search, hits: list, titles: dict[str, str]) -> list[dict]:
    """``hits`` with the text of the sentence before each in its paragraph (``before``: 国家有关部门对建设康定机场的
    必要性已达成一致意见 before 总投资相应调整约为8.5亿元), where ``search`` can give a passage's text, and the title of
    its document (``titles``: document id -> title)."""
    text = getattr(search, "passage_text", None)
    return [{"passage": (p := field(h, "passage")), "text": field(h, "text"), "title": titles.get(document_of(p), ""),
             "before": (text(previous) or "") if text and (previous := previous_in_paragraph(p)) else ""} for h in hits]


def document_of(passage: str) -> str:
    """The document id of a passage IRI (…/passage/{doc}/p001s01)."""
    return passage.rsplit("/", 2)[-2] if passage.count("/") >= 2 else ""


def read_answer(question: Question, sentence: Clause, value: tuple, lang: str) -> tuple[str, list]:
    found, stated = value
    quote = sentence.text
    if question.kind == WHEN:
        by = _BY_YEAR.fullmatch(stated)
        when = date_text(found, lang) if not by else f"到{by.group('y')}年" if lang == "zh" else f"by {by.group('y')}"
        text = (f"{when}（原文：“{quote}”）" if lang == "zh"
                else f"{when} (read from the text, which says: “{quote}”)")
        return text, [Statement(sentence.passage, {"zh": quote}, found, "xsd:date", [sentence.passage])]
    number, unit, comparator = found
    fact = Fact(sentence.passage, "Reading", number, unit, comparator, labels={"zh": quote},
                quantity_texts={"zh": stated}, evidence=[sentence.passage])
    if lang == "zh":
        return f"{stated}（原文：“{quote}”）", [fact]
    named = unit_en(fact)  # a symbol or yuan (162 billion kWh); a Chinese measure word is left to the quote
    amount = f"{number_en(number)}{'' if not named.isascii() else named if named == '%' else ' ' + named if named else ''}"
    return f"{amount} (read from the text, which says: “{quote}”)", [fact]


__all__ = ["Reader", "MIN_COVERAGE", "MARGIN", "in_paragraph", "credit", "read_answer", "Clause", "PERCENT", "MEASURED_EN", "MEASURES", "ASKED_MEASURE", "ASKED_THING", "SENTENCE", "CLAUSE", "YEAR",
           "document_of", "field"]
