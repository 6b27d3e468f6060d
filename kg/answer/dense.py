"""Numbers no graph fact answers, read off the clause the encoder finds closest to the question.

The graph's facts have Chinese labels only for most documents users add, and a dictionary word match
(:mod:`kg.answer.bilingual`, :mod:`kg.answer.reader`) needs most of the question's words rendered in one clause:
"What per-capita sports ground area does Fujian's fitness plan target for 2025?" names 人均体育场地面积 in words
CC-CEDICT renders only in part. The search index's encoder (multilingual USE) compares an English question with a
Chinese clause directly. So, when nothing else answers a question asking a number (in English; in Chinese, one
asking 多少 or 几):

1. the question's passages are searched (:data:`POOL` by hybrid and by dense ranking, interleaved), kept when in its
   scope and, for every place it names in pinyin (Huarong, Xia County: 夏县), of a document whose title or text spells
   it (:meth:`QuestionScope.spells_place`), and of a national document for China's; the first :data:`READ` are read,
   and when the places the question names leave one document, the rest of it too (up to :data:`DOCUMENT_READ`
   passages: a long passage of a work report is seldom among the first by search);
2. a clause is a candidate when it holds a value of the kind asked: a percentage for share, rate, growth or a cut;
   money for an amount or value added; a count for how many (of days: 天; 多少个: 个), its sentence writing what is
   counted (a rendering of "tasks", or the 体育公园 of 多少个体育公园); else any value; a ratio (每, 人均, /, 单位) for
   per, density or intensity. Not a year, an ordinal, a denominator (每千人), a number inside a 《title》, nor a part
   after 其中 unless the question names the part; not in a sentence writing only other years than the question's, a
   passage writing years but not the question's, nor a clause stating what is (目前, 已建) for a question about what
   will be; a Chinese question's words of three characters or more are written in the sentence (their first two characters:
   高等 of 高等教育, 青少 of 青少年; 投资 of 投资规模) or the title. A count in Chinese numerals before 大 (八大任务: 8) is a candidate when the question counts what follows;
3. each scores its encoder similarity to the question plus :data:`WEIGHT` times its dictionary coverage
   (:func:`kg.answer.reader.credit`); the :data:`ENCODED` best by coverage are encoded;
4. the best answers when its similarity is at least :data:`FLOOR`, the question's words it writes (English: through the
   dictionary; its passage's count half) are at least :data:`MIN_COVERAGE` (Chinese: written in the clause, or
   half in its document's title, at least :data:`MIN_COVERAGE_ZH`), it
   states one value, and no clause stating another comes within :data:`MARGIN`. The answer quotes the clause and says
   it was read from the text.

Written on the read (dev) halves of question rounds 3-7; measured on their frozen halves in docs/linking-and-qa.md
("Numbers read by the encoder").
"""
from __future__ import annotations

import logging
import re
from decimal import Decimal
from dataclasses import replace

from ..names import pinyin_words
from ..namespaces import ID
from ..scope import NATION, place_forms, places_in
from .scope import pinyin_places
from ..quantities import EXACTLY, chinese_integer, find_zh, singular
from .question import AMOUNT, COUNT, OTHER, Question
from .scope import PASSAGES
from .reader import (ASKED_MEASURE, ASKED_THING, CLAUSE, MEASURED_EN, MEASURES, PERCENT, SENTENCE, YEAR, Clause, credit,
                     document_of, field, read_answer)

log = logging.getLogger(__name__)
POOL = 40  # search hits looked at, before the scope
READ = 8  # passages read, after it
DOCUMENT_READ = 120  # passages read at most when the places the question names leave one document
ENCODED = 48  # candidate clauses encoded at most (by dictionary coverage): about 2 ms of the encoder each
WEIGHT = 0.5
FLOOR = 0.25
MIN_COVERAGE = 0.25
MIN_COVERAGE_ZH = 0.5  # a Chinese question's own words: the clause must write half of them
MARGIN = 0.05
_MONEY_EN = re.compile(r"\byuan\b|\bmoney\b|\binvest|\bfund|\bbudget|\bspend|\bvalue added\b|\bhow big\b|\bcombined size\b"
                       r"|\bgdp\b|\brevenue|\bincome")
#: A ratio asked and what the clause must write for it (per capita: 人均; per 1,000 people: 每千人; per kWh: / or 每).
_RATIOS = ((re.compile(r"\bper[- ](?:capita|person|head|resident|inhabitant)"), re.compile(r"人均|每人|每位|/人")),
           (re.compile(r"\bper (?:1,000|thousand|10,000|ten thousand|100,000|hundred thousand)\b"), re.compile(r"每[千万十]|[千万]人|/[千万]|‰")),
           (re.compile(r"\bdensity\b"), re.compile(r"密度")), (re.compile(r"\bintensity\b"), re.compile(r"强度")),
           (re.compile(r"\bper (?!cent\b|capita\b|person\b|head\b|resident|inhabitant|1,000\b|thousand\b|10,000\b|ten\b|100,000\b|hundred\b)"),
            re.compile(r"每|/|／|单位")))
#: A clause stating what is or was, not a plan (目前, 已建, 现有, 截至).
_STATE = re.compile(r"目前|已经|已建|已有|已达|已完成|现有|截至|截止")
#: A change asked (grow, cut, by how much): a percentage.
_CHANGE_EN = re.compile(r"\bgrowth\b|\bgrow|\bincrease\b|\brise\b|\bcut\b|\breduc|\bdrop|\bdecline|\bby how much\b")
_HOW_MANY = re.compile(r"how many (?:[\w'()-]+ ){0,4}?((?!(?:does|is|was|has|this|its|as|us)\b)[a-z]+s)\b|how many ([a-z]+)")
#: A place an English question names with its kind (Xia County: xiaxian, as a one-syllable name is spelled).
#: China as the place asked (China's forestry output): a national document's, not a city's that writes 全市.
_CHINA = re.compile(r"\bChina(?:'s)?\b|\bnationwide\b|\bthe country(?:'s)?\b")
_YEARS_ASKED = re.compile(r"(?:几|多少)年(?![底末前内])")  # 要达到几年 (a duration), not 哪一年
#: Units an English question counts in (how many mu of afforestation: 亩), as :func:`kg.quantities.find_zh` writes them.
_UNITS = {"mu": "亩", "hectare": "ha", "ton": "t", "tonne": "t", "kilometer": "km", "kilometre": "km"}
_UNIT_EN = re.compile(r"how many (mu|hectares?|tons?|tonnes?|kilomet(?:er|re)s?)\b")
#: A count in Chinese numerals before 大 or 项 and the thing counted (八大任务, 十项重大工程).
_NUMBERED = re.compile(r"([一二两三四五六七八九十]{1,3})(?:大|项|个)(?:重大|重点)?([\u4e00-\u9fff]{2})")
#: Not a quantity asked: an ordinal (第三, 九次党代会, 十四届), a denominator (每千人, /万人).
_EVERY = re.compile(r"每[^，。；]{0,6}$")  # 每季度汇总 (一次): a frequency follows
_ORDINAL_AFTER = re.compile(r"^(?:次|届)(?:党代会|全会|会议|常务会议|人代会)|^届")


class DenseReader:
    """Reads a number for a question off the clause the encoder finds closest; see the module's notes."""

    def __init__(self, reader, scope):
        self.reader = reader
        self.scope = scope

    def answer(self, question: Question, search, lang: str, allowed, paragraph) -> tuple[str, list] | None:
        """(answer text, [the Fact read]) or None; ``paragraph(hits)``: the hits with their context
        (:func:`kg.answer.reader.in_paragraph`)."""
        asks_number = question.numeric or question.lang == "en" and question.kind == OTHER  # what share…: a number
        if not asks_number or not hasattr(search, "similarities"):
            return None
        candidates = self._candidates(question, paragraph(self._hits(question, search, allowed)))
        candidates = sorted(candidates, key=lambda c: -c[4])[:ENCODED]  # the dictionary's best first: a bounded cost
        if not candidates:
            return None
        similar = search.similarities(question.text, [c[0] for c in candidates])
        scored = sorted(((sim + WEIGHT * c[4], sim, c) for sim, c in zip(similar, candidates)), key=lambda t: -t[0])
        score, sim, best = scored[0]
        log.debug("dense %r: %s", question.text, [(round(t, 3), round(m, 3), round(c[4], 2), c[0]) for t, m, c in scored[:4]])
        if (sim < FLOOR or best[4] < (MIN_COVERAGE if question.lang == "en" else MIN_COVERAGE_ZH) or len(best[3]) != 1
                or any(s >= score - MARGIN and c[3].keys() != best[3].keys() for s, _, c in scored[1:])):
            return None
        clause, sentence, passage, values, cov = best
        rival = next((s for s, _, c in scored[1:] if c[3].keys() != best[3].keys()), None)
        log.debug("dense answers %r: sim %.3f coverage %.2f margin %s", question.text, sim, cov,
                  "none" if rival is None else f"{score - rival:.3f}")
        return read_answer(replace(question, kind=COUNT if question.kind == OTHER else question.kind),
                           Clause(clause, sentence, passage, cov, cov), next(iter(values.items())), lang)

    def _hits(self, question: Question, search, allowed) -> list:
        """The first :data:`READ` of the question's :data:`POOL` search hits that are in its scope and of a document
        that spells every place it names in pinyin (Xia County: 夏县; a gazetteer place is the scope's)."""
        places = pinyin_places(question.text)
        hybrid, dense = search.search(question.text, k=POOL), search.search(question.text, k=POOL, mode="dense")
        merged = [h for pair in zip(hybrid, dense) for h in pair]  # by rank in either (a long passage: the encoder's)
        merged = list({field(h, "passage"): h for h in reversed(merged)}.values())[::-1]
        national = not places and not places_in(question.text) and bool(_CHINA.search(question.text))
        kept = [h for h in merged if allowed([field(h, "passage")])
                and (not national or self.scope.places.get(document_of(field(h, "passage"))) == NATION)
                and self.scope.spells_all(document_of(field(h, "passage")), places)]
        hits = [{"passage": field(h, "passage"), "text": field(h, "text")} for h in kept[:READ]]
        docs = {document_of(field(h, "passage")) for h in kept}
        if len(docs) == 1 and (places or places_in(question.text)):  # the place names one document: read it all
            seen = {h["passage"] for h in hits}
            rows = self.scope.store.query(PASSAGES % (ID + f"document/{docs.pop()}"))
            hits += [{"passage": r["p"].value, "text": r["text"].value} for r in rows if r["p"].value not in seen]
        return hits[:DOCUMENT_READ]

    def _candidates(self, question: Question, hits: list[dict]) -> list[tuple]:
        """(clause, sentence, passage, values, coverage) of each clause of ``hits`` that writes a word of the question
        other than a place's and states a value that fits; none of a passage that writes years but not every year the
        question names, nor of a sentence that writes only other years."""
        words = self.reader.words(question)
        places = set(pinyin_words(question.text)) | {w for n in places_in(question.text) for w in place_forms(n)}
        content = [w for w in words if not w & places and not any(p in r for p in places for r in w)]
        counted, measure = _asked(question, self.reader.rendered)
        long_words = [r for w in content for r in w if len(r) >= 3 and question.lang == "zh"]
        years = set(YEAR.findall(question.text))
        out = []
        for hit in hits:
            stated = set(YEAR.findall(hit["text"]))
            if stated and not years <= stated | set(YEAR.findall(hit["title"])):
                continue  # a passage writing no year: its document's (the scope checks them), its sentences' below
            for sentence in SENTENCE.findall(hit["text"]):
                if years and (written := set(YEAR.findall(sentence))) and not written & years:
                    continue  # 预计2021年…超2.3万亿元 for a question about 2025
                for clause in (c.strip() for c in CLAUSE.findall(sentence)):
                    if question.tense == "future" and _STATE.search(clause):
                        continue  # 目前…已建机架数超过12万个 for 要新建多少个: what is, not what is to be
                    if not any(r in clause.lower() for w in content for r in w):
                        continue  # the clause must write something asked besides the place (not only 解放区's GDP)
                    if question.lang == "zh" and not all(w[:2] in sentence or w in hit["title"] for w in long_words):
                        continue  # 高等教育毛入学率 is not 学前教育毛入学率: a long word asked is written (投资规模: 投资)
                    if values := _values(question, clause, sentence, counted, measure):
                        en = question.lang == "en"  # Chinese: the words of the clause and of its title only
                        cov = credit(words, clause.lower(), hit["text"].lower() if en else "", hit["before"].lower() if en
                                     else "", hit["title"].lower(), 0.5, 0.5)[0] if words else 0  # GDP: gdp
                        out.append((clause, sentence.strip(), hit["passage"], values, cov))
        return out


def _values(question: Question, clause: str, sentence: str, counted: frozenset[str] | None,
            measure: str | None) -> dict[tuple, str]:
    """(value, unit, comparator) -> the clause's phrase, of each quantity it states that fits what the question asks;
    ``counted``: the Chinese renderings of the noun a "how many" question counts (or the noun a Chinese one writes after
    多少, written whole), one of which its sentence must write (a rendering's first two characters: 高速 for 高速公路);
    ``measure``: the measure word or unit asked (how many days, 多少天: 天; how many mu: 亩)."""
    low = question.text.lower()
    percent = bool(PERCENT.search(low) or _CHANGE_EN.search(low))
    money = not percent and (question.kind == AMOUNT or bool(_MONEY_EN.search(low)))
    if not percent and any(asked.search(low) and not written.search(clause) for asked, written in _RATIOS):
        return {}
    if counted is not None and (question.lang == "zh" or not measure) and not any(
            (r if question.lang == "zh" else r[:2]) in sentence for r in counted):
        return {}
    out, found = {}, find_zh(clause)
    parts = clause.find("其中", found[0][1]) if found else -1  # 45.45亿元（其中高速公路22.4亿元: the whole, not a part,
    part = next((clause[parts + 2:start] for start, *_ in found if start > parts >= 0), "")  # unless the part is asked
    asked_part = len(part) >= 2 and part[:2] in question.text
    for start, end, q, unit in found:
        if (_not_asked(clause, start, end, q) or measure and measure not in (unit, q.unit)
                or 0 <= parts and (parts < start) != asked_part):
            continue
        is_percent, is_money = q.unit in ("%", "‰"), q.unit in ("CNY", "USD")
        if (is_percent if percent else is_money if money else
                not is_percent and not is_money if question.kind == COUNT else True):
            out[(q.value, q.unit, q.comparator)] = q.text
    if counted and not out:  # 八大任务 for "how many main tasks": the noun after 大 renders the word counted
        for m in _NUMBERED.finditer(clause):
            if any(m.group(2) in r or r in m.group(2) for r in counted):
                out[(Decimal(chinese_integer(m.group(1))), m.group(2), EXACTLY)] = m.group()
    return out


def _asked(question: Question, rendered) -> tuple[frozenset[str] | None, str | None]:
    """(what a counting question counts, as Chinese words; the measure word it asks), either may be None."""
    if question.kind != COUNT:
        return None, None
    if question.lang == "zh":
        thing, measure = ASKED_THING.search(question.text), ASKED_MEASURE.search(question.text)
        return (frozenset({thing.group(1)}) if thing else None), (measure.group(1) if measure else None)
    noun, measured = counted_noun(question.text), MEASURED_EN.search(question.text.lower())
    unit = _UNIT_EN.search(question.text.lower())  # how many mu: 45万亩's unit
    return (rendered(singular(noun)) - {noun, singular(noun)} if noun else None), (
        _UNITS[unit.group(1).rstrip("s")] if unit else MEASURES[measured.group(1)] if measured else None)


def counts_in(question: Question) -> bool:
    """Whether a Chinese question asks a count in a measure word (几年, 多少所, 多少个): no share or sum answers it."""
    return question.lang == "zh" and bool(ASKED_MEASURE.search(question.text) or _YEARS_ASKED.search(question.text))


def counted_noun(question: str) -> str | None:
    """The noun a "how many" question counts: the first plural within five words (how many new 5G base stations:
    stations), else the word after "how many"."""
    m = _HOW_MANY.search(question.lower())
    return (m.group(1) or m.group(2)) if m else None


def _not_asked(clause: str, start: int, end: int, q) -> bool:
    """A year, an ordinal, a denominator, a frequency (每季度…一次) or a number inside a 《title》 (see the module's
    notes)."""
    if q.unit == "year" or clause[max(0, start - 1):start] in ("第", "每", "/", "／"):
        return True
    if _ORDINAL_AFTER.match(clause[end - 1:] if clause[end - 1:end] in "次届" else clause[end:]):
        return True
    if "次" in (clause[end - 1:end], clause[end:end + 1]) and _EVERY.search(clause[:start]):
        return True  # 每季度汇总一次: how often, not how many
    return clause[:start].count("《") > clause[:start].count("》")


__all__ = ["DenseReader", "counts_in", "POOL", "READ", "WEIGHT", "FLOOR", "MIN_COVERAGE", "MARGIN"]
