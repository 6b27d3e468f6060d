"""What a question asks for (a count, an amount of money, a date, a person) and its content terms.

Rules over cue words, in both languages; no model. Terms are what a fact must also say for the
fact to answer the question: words (en, singular, lower-case) or jieba words (zh, search mode),
without question words and words every question about this plan shares (Shanghai, 上海...).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..linking.langdetect import detect_language
from ..linking.lexicon import normalise, singular

COUNT, AMOUNT, WHEN, WHO, WHICH, OTHER = "count", "amount", "when", "who", "which", "other"

_MONEY = re.compile(r"invest|cost|yuan|\bmoney\b|\bfund|\bspend|\bbudget|\bdeduction|\bsubsid|\ballowance|投资|资金|金额|多少钱|花费"
                    r"|成本|多少元|[万亿]元|(?:扣除|补贴|补助|奖励|收费|缴费)(?:标准|多少|额)|限额")  # a deduction: money
_COUNT = re.compile(r"how many|how much|how large|how big|number of|what is the (?:number|scale|size|total)|多少|几|多大"
                    r"|\bwhat (?:is|was|will be|were|are) the (?:[\w-]+ ){0,5}?(?:rates?|levels?|ratios?|proportions?|percentages?"
                    r"|expectancy|coverage|density|growth)\b"  # what was the infant mortality rate: a measured quantity
                    r"|\bwhat (?:[\w-]+ ){0,4}?(?:rates?|ratios?|shares?|percentages?|expectancy|coverage|density|growth)"
                    r" (?:does|do|did|should|will|must|is|was|are)\b"  # what life expectancy does X target
                    r"|\bwhat (?:is|was|are) (?:[\w'-]+ ){0,3}?(?:19|20)\d\d targets? (?:for|of)\b"  # X's 2025 target for
                    r"|\bwhat (?:is|was|will be) (?:[\w'-]+ ){0,4}?(?:gdp|gross domestic product|population)\b")  # Jiaxing's GDP
_WHEN = re.compile(r"\bwhen\b|what date|which date|which day|what day|\b(?:which|what) year\b|\bthe date of\b|\bdated\b|\bdeadline\b"
                   r"|\bdocument date\b"
                   r"|截止(?:时间|日期)|何时|什么时候|哪天|哪一天|几月几日|几号|日期|哪年|哪一年")
_WHO = re.compile(r"\bwho\b|\bwhom\b|谁|哪位|哪些人")
_WHICH = re.compile(r"\bwhich\b|\bwhat (?:are|were) the\b|\blist\b|哪些|哪几")
#: A question about the size of something (产业总规模, the scale of): answered by money or by a count alike.
_SIZE = re.compile(r"规模|产值|生产总值|\bgdp\b|营业收入|营收|总量|总额|销售额|零售额|增加值|\bscale\b|\bsize\b|\boutput\b|\brevenue\b|\bsales\b")
#: Things counted (几个, 多少家, how many): a count, whatever money the question names (几个投资2亿元以上的项目).
_COUNTING = re.compile(r"(?:几|多少)(?:个(?!亿)|家|项|所|座|条|台|辆|名|次|批|处|张|套|户|栋|场)|\bhow many (?!yuan|billion|million)")
_GROWTH = re.compile(r"增长|增速|增幅|\bgrowth\b|\bgr[eo]w\b|\bgrowing\b")
_MONEY_UNIT = re.compile(r"元|\byuan\b|\brmb\b")
#: Keywords naming a measure (播种面积, 增长, 人数比例, sales target): with no question word, a number is asked.
_MEASURED = re.compile(r"面积|产量|增长|增速|增幅|比例|比重|占比|数量|人数|总量|规模|产值|收入|销售额|投资额|金额|[^效频概税]率"
                       r"|\b(?:growth|rate|share|number|output|sales|revenue|target|total|area|volume)\b")
_ASKING = re.compile(r"[?？]|什么|哪|谁|怎|如何|为何|吗|\b(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did"
                     r"|list|describe|explain)\b")
_FUTURE = re.compile(r"\bwill\b|\bplan(?:s|ned)? to\b|\btarget|\baim|\bgoal|将|要|计划|目标|到20\d\d")
_PAST = re.compile(r"\bhave\b|\bhas\b|\balready\b|\bbeen\b|\bso far\b|\bcurrently\b|\bexisting\b|已|目前|现有|现状|了")

EN_STOP = frozenset("""a an the of in on at to for by with from and or is are was were be been being do does did
how many much what which when who whom whose where why will would shall should can could may might must
have has had there their its it this that these those as about into than then so such any some all
number total amount shanghai shanghai's city municipal s plan planned plans expected expect going
include includes included contain contains containing
support supports supported provide provides provided achieve achieves achieved reach reaches reached make makes made
get gets got use uses used need needs needed give gives given bring brings brought see put
over under during within across through between against above below after before since until upon""".split())
ZH_STOP = frozenset("""多少 多少个 多少家 多少项 多少条 几个 几项 几大 几家 几 什么 哪些 哪个 是 有 的 了 将 会 要 共 一共 总共
共有 上海 上海市 全市 本市 数量 个数 总数 吗 呢 约 大约 已经 已 其中 到底 一 多 项 个 家 条 计划 预计 总 方面
包括 包含 拥有 实现 达到 提出 目前 现在 一共有 多大 有多大 时候 何时 时间 截止 截止时间 截止日期""".split())
# The measure word after 多少/几 (多少条数据, 几项措施) and in a quantity phrase (340亿条, 8项) tells
# apart facts stated in the same sentence: a term "cls:条".
_HOW_MANY = re.compile(r"^(?:几|多少)[\u4e00-\u9fff]$")  # 几天, 多少次: what is asked, no term a fact states
_ZH_ASKED_CLASSIFIER = re.compile(r"(?:多少|几)([个家项条大所台座名种])")
_ZH_STATED_CLASSIFIER = re.compile(r"[\d万亿千百十多]([个家项条大所台座名种])")
_EN_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SPELLING = {"centre": "center", "centres": "centers", "programme": "program", "kilometre": "kilometer",
             "organization": "organisation", "organizations": "organisations"}


@dataclass(frozen=True)
class Question:
    text: str
    lang: str
    kind: str  # count | amount | when | who | which | other
    tense: str | None  # future | past | None
    sized: bool = False  # asks a size (规模, scale): money and counts both fit

    @property
    def numeric(self) -> bool:
        return self.kind in (COUNT, AMOUNT)

    def fits(self, is_money: bool) -> bool:
        """A money fact fits an amount question, a count a counting one; both fit a question about a size."""
        return self.sized or is_money == (self.kind == AMOUNT)


def classify(text: str, lang: str | None = None) -> Question:
    """The question's language (detected when None), kind and tense."""
    lang = lang or detect_language(text)
    low = normalise(text).lower()
    if _WHEN.search(low):
        kind = WHEN
    elif _WHO.search(low):
        kind = WHO
    elif _WHICH.search(low) and not _COUNT.search(low):
        kind = WHICH
    elif _MONEY.search(low) and not _COUNTING.search(low) and not (_GROWTH.search(low) and not _MONEY_UNIT.search(low)):
        kind = AMOUNT  # 投资增长多少: a rate of growth, not money, unless it names 元; 几个投资2亿元以上的项目: a count
    elif _COUNT.search(low) or _MEASURED.search(low) and not _ASKING.search(low):
        kind = COUNT  # 宿州2024年小麦播种面积: keywords naming a measure ask for its number
    else:
        kind = OTHER
    future, past = bool(_FUTURE.search(low)), bool(_PAST.search(low))
    tense = "future" if future and not past else "past" if past and not future else None
    sized = kind == COUNT and bool(_SIZE.search(low)) and not _GROWTH.search(low)  # GDP增长多少: a rate, no sum
    return Question(text, lang, kind, tense, sized)  # 多少元: money only


_ABBREVIATIONS = {"smes": ("small", "medium", "sized", "enterprise"), "sme": ("small", "medium", "sized", "enterprise"), "idc": ("internet", "data", "center"),
                  "ev": ("electric", "vehicle"), "ai": ("artificial", "intelligence"), "iot": ("internet", "thing")}


def en_terms(text: str) -> set[str]:
    words = (_SPELLING.get(w, w) for w in _EN_WORD.findall(normalise(text).lower()))
    out = {singular(w.removesuffix("'s")) for w in words if w not in EN_STOP and len(w) > 1}
    return out.union(*(_ABBREVIATIONS.get(w, ()) for w in out))


def zh_terms(text: str, tokenizer) -> set[str]:
    """jieba words (search mode, so long words also give their parts) of the Chinese runs of ``text``."""
    out = set()
    for run in re.findall(r"[\u3400-\u9fff]+", normalise(text)):
        out.update(w for w, _, _ in tokenizer.tokenize(run, mode="search", HMM=False)
                   if len(w) >= 2 and w not in ZH_STOP and not _HOW_MANY.match(w))
    return out


_NOTE = re.compile(r"[（(][^）)]*[）)]")


def without_notes(text: str) -> str:
    """``text`` without its notes in brackets (幼儿园173所（81所民办） -> 幼儿园173所)."""
    return _NOTE.sub("", text)


_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,80})[”\"」』]|[（(]([^）)]*[\u3400-\u9fff][^）)]*)[）)]")


def quoted(text: str) -> list[str]:
    """Phrases a question quotes: “强化地方政府责任”, "new network", (强化地方政府责任) — the name it uses."""
    return [a or b for a, b in _QUOTED.findall(text)]


def terms(text: str, tokenizer, asked: bool = False) -> set[str]:
    """Content terms of a text in either language (Latin words and Chinese words); with the measure
    word the question asks for (``asked``) or the ones a quantity phrase states. While an answerer is
    built (``tokenizer`` a :class:`ConstructionMemo`), a text's terms are made once (a copy is returned)."""
    memo = getattr(tokenizer, "terms_memo", None)
    if memo is None:
        return _terms(text, tokenizer, asked)
    found = memo.get((text, asked))
    if found is None:
        found = memo[(text, asked)] = frozenset(_terms(text, tokenizer, asked))
    return set(found)


def _terms(text: str, tokenizer, asked: bool) -> set[str]:
    pattern = _ZH_ASKED_CLASSIFIER if asked else _ZH_STATED_CLASSIFIER
    return en_terms(text) | zh_terms(text, tokenizer) | {f"cls:{c}" for c in pattern.findall(text)}


class ConstructionMemo:
    """A tokenizer that remembers its answers while the answerer is built (the same quotes and labels are
    tokenized by the fact matcher, the responsibilities and the tasks: 38,834 calls for 3,490 texts on a
    100-document corpus), then, after :meth:`done`, passes every call through uncached (no growth while serving)."""

    def __init__(self, tokenizer):
        self.inner, self._cache = tokenizer, {}
        self.terms_memo: dict | None = {}  # (text, asked) -> its terms (:func:`terms`), until done()

    def tokenize(self, text: str, mode: str = "default", HMM: bool = True):  # noqa: N803 (jieba's keyword)
        if self._cache is None:
            return self.inner.tokenize(text, mode=mode, HMM=HMM)
        key = (text, mode, HMM)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = tuple(self.inner.tokenize(text, mode=mode, HMM=HMM))
        return found

    def done(self) -> None:
        self._cache = self.terms_memo = None
