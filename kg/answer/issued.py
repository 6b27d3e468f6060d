"""When a document was issued, its number, and which document a number is: 国发〔2018〕42号是哪天印发的 /
When was the opinion on farm machinery issued? / 《国务院关于…的指导意见》的文号是什么 / 印发《X方案》的通知文号是多少 /
国办发〔2019〕4号是哪个文件？ / What is the document number of the General Office guideline on …?

A question names a document by its number (``nikg:documentNumber``, brackets folded: 〔〕 [] ()), by its full
title (``dcterms:title``) or the plan its title says it issues (关于印发国家粮食应急预案的函: 国家粮食应急预案), by a part of its title it quotes (《政府网站集约化试点工作方案》, 关于…的指导意见: eight
characters or more, held by one title only), or, in English, by words whose CC-CEDICT renderings its Chinese
title holds (:func:`english_named`: most of the question's words, and clearly more than any other title). It is
answered with ``dcterms:issued`` when it asks when the document was issued or signed (印发, 落款日期, issued), with
``nikg:documentNumber`` when it asks the number (文号, document number), with the title when it names the
number and asks which document it is; each answer cites the document's passages that state the number or title.
"""
from __future__ import annotations

import re
from functools import reduce
from typing import Callable

from ..linking.lexicon import normalise
from ..names import pinyin_keys, pinyin_words
from ..namespaces import sparql_prologue
from ..scope import place_words
from .bilingual import PLACE_KINDS, rendered
from .people import Statement, date_text
from .phrasing import listed
from .question import EN_STOP, en_terms
from .scope import PASSAGES, pinyin_places

_DOCS = sparql_prologue() + """
SELECT ?d ?issued ?number ?title WHERE { ?d a nikg:Document . OPTIONAL { ?d dcterms:issued ?issued }
  OPTIONAL { ?d nikg:documentNumber ?number } OPTIONAL { ?d dcterms:title ?title } }"""
_ISSUERS = sparql_prologue() + """
SELECT ?d ?a ?label WHERE { ?d a nikg:Document ; dcterms:publisher ?a . ?a skos:prefLabel ?label }"""
#: (not 发布到网上, posted online: the day a site put it up is not the document's date, and the graph has no other)
CUE = re.compile(r"印发|发布(?!会|到网)|签发|发出|成文|出台|落款|批复的|复函的|\bissued?\b|\bpublished\b|\breleased\b|\bsigned\b"
                 r"|\bdated\b|\bdocument date\b")
NUMBER_CUE = re.compile(r"文号|发文字号|发文号|文件编号|\bdocument number\b|\breference number\b|\bfile number\b")
#: Who issued a document (谁印发的, 发文机关, "who issued"): its issuing body, the document's dcterms:publisher.
ISSUER_CUE = re.compile(r"谁(?:印)?发(?:布)?的|由谁(?:印发|发布|发出)|发文机关|发文单位|发布机[构关]|发布单位|发文机构|印发机关|制发机关"
                        r"|哪(?:个|些)(?:部门|机关|单位|机构)(?:联合|共同)?(?:印发|发布|发)的"
                        r"|(?:印发|发布|制发)[^，。？?]{0,40}的是哪(?:个|些)(?:部门|机关|单位|机构)"
                        r"|哪(?:个|些)(?:部门|机关|单位)(?:联合|共同)?(?:印发|发布)|\bwho issued\b|\bissued by\b|\bissuers?\b|\bissuing\b"
                        r"|\b(?:which|what) (?:[\w-]+ ){0,2}(?:body|bodies|agenc(?:y|ies)|departments?|authorit(?:y|ies)|offices?|"
                        r"ministr(?:y|ies)|organi[sz]ations?|organs?|government|bureaus?|commissions?) (?:\w+ )?(?:issued|published|released)\b")
WHICH_DOC = re.compile(r"(?:是|为)(?:哪个|哪份|哪一个|哪一份|什么)文件|\b(?:which|what) document\b|\btitle of\b")
#: A part of a title a question quotes: 《…》, or 关于…的通知/意见/… written out.
_TITLE_PART = re.compile(r"《([^《》]{4,80})》|(关于[^，。？?！!]{4,80}?(?:通知|指导意见|意见|批复|决定|方案|规划|办法|报告))")
MIN_PART = 8
#: A shorter run names a document only when the search found it too.
SHORT_PART = 6
#: Words of many titles (the issuer, 关于, the kind of document): no run that names one document.
_BOILERPLATE = re.compile(r"国务院办公厅|国务院|中央军委|办公厅|关于|印发|转发|的(?:通知|意见|批复|复函|函|决定|答复)|若干意见|指导意见"
                          r"|是哪(?:天|年|一年)|什么时候")
#: The state's name that opens the title of a law or regulation (中华人民共和国个人所得税法实施条例), which citations drop.
_STATE = "中华人民共和国"
#: The plan a notice or letter issues, named in its title (关于印发《X》的通知, 关于印发X的函).
_ISSUES = re.compile(r"关于印发《?([^《》]{4,80}?)》?的(?:通知|函)$")
#: English words that name no document's subject (the kind of document, its issuer in general terms).
_DOC_WORDS = frozenset("document number reference file title issue issued date signed published release released "
                       "circular notice opinion guideline guidelines reply state council general office based "
                       "plan scheme programme program implementation measure action work".split())  # kinds of document
MIN_EN_COVERAGE = 0.6
EN_MARGIN = 0.25
SIMILAR_CANDIDATES = 3
MIN_SIMILARITY = 0.42  # round 3's dev questions' subject words: the titles they named 0.47-0.74, wrong ones 0.35 or less
SIMILAR_MARGIN = 0.05


def _fold(text: str) -> str:
    return re.sub(r"[〔〕\[\]()（）【】《》〈〉<>\s\"'“”‘’「」『』、]", "", normalise(text)).lower()  # “无废城市”: quotes too


def english_named(q: str, titles: dict[str, str], glossary: dict[str, frozenset[str]], searched: str | None = None,
                  similarity: Callable[[str, list[str]], list[float]] | None = None) -> str | None:
    """The document whose Chinese title renders most of the English question's subject words, when clearly
    better than any other (``titles``: document -> Chinese title; ``glossary``: stem -> Chinese renderings); else,
    given the search index's ``similarity``, the one of ``searched`` (the document of the question's search passages)
    and the :data:`SIMILAR_CANDIDATES` titles rendering most words whose title the encoder finds clearly closest
    to the question (the dictionary misses words: 激发, 群体; the encoder reads the whole title)."""
    words = [r for w in sorted(en_terms(q)) if w not in _DOC_WORDS and not w.isdigit() and (r := rendered(w, glossary))]
    scored = sorted(((sum(any(r in title for r in rs) for rs in words) / max(len(words), 1), d)
                     for d, title in titles.items()), reverse=True)
    if len(words) >= 2 and scored and scored[0][0] >= MIN_EN_COVERAGE and (
            len(scored) == 1 or scored[1][0] <= scored[0][0] - EN_MARGIN):
        return scored[0][1]
    candidates = list(dict.fromkeys([*([searched] if searched in titles else []), *(d for _, d in scored[:SIMILAR_CANDIDATES])]))
    if similarity is None or not candidates:
        return None
    ranked = sorted(zip(similarity(_subject(q), [titles[d] for d in candidates]), candidates), reverse=True) + [(-1.0, "")]
    return ranked[0][1] if ranked[0][0] >= MIN_SIMILARITY and ranked[1][0] <= ranked[0][0] - SIMILAR_MARGIN else None


#: Words of a question about a document's issue that are no part of its subject.
_ASKING = frozenset("issue issued issuing issuer issuers did body bodies office offices ministry ministries government "
                    "agency agencies department departments authority organ first named".split())


def _subject(q: str) -> str:
    """The question's words that may name a document's subject, in their order (Shanxi raising incomes key groups):
    the question's own words lower every title's similarity alike and blur the margin between them."""
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9'-]*", q)
    kept = [w for w in words if (low := w.lower()) not in EN_STOP and low not in _ASKING and low not in _DOC_WORDS]
    return " ".join(kept) or q


#: Capitalised words that read as pinyin but name the country, not a place a title would write.
_NATION_WORDS = frozenset({"china", "chinese"})


def names_place_of(q: str, title: str, glossary: dict[str, frozenset[str]]) -> bool:
    """Whether an English question that names Chinese places in pinyin (:func:`kg.names.pinyin_words`) names one that
    ``title`` writes, by its pinyin (Changshan: 常山县…) or a dictionary rendering (Inner Mongolia: 内蒙古); True for a
    question naming none. A title no such name fits is not the document the question names (Jiangshan's measures)."""
    named = [w for w in pinyin_words(q) if w not in _NATION_WORDS]
    spelled = pinyin_keys(title)[0]
    return not named or any(w in spelled or any(r in title for r in rendered(w, glossary)) for w in named)


class IssueDates:
    """Documents' numbers, titles and issue dates (each may be missing), read once from the store."""

    def __init__(self, store):
        self.docs: dict[str, dict] = {}
        for r in store.query(_DOCS):
            doc = self.docs.setdefault(r["d"].value, {"issued": r["issued"] and str(r["issued"].value), "names": set(), "titles": {},
                                                      "number": r["number"].value if r["number"] is not None else None})
            for key in ("number", "title"):
                if r[key] is not None and len(_fold(r[key].value)) >= 6:
                    doc["names"].add(_fold(r[key].value))
                    short = r[key].value.removeprefix(_STATE)  # 个人所得税法实施条例: a law's name as it is cited
                    if key == "title" and short != r[key].value and len(_fold(short)) >= 6:
                        doc["names"].add(_fold(short))
            if r["title"] is not None:
                doc["titles"].setdefault(r["title"].language or "zh", r["title"].value)
                issued = _ISSUES.search(r["title"].value)  # 关于印发国家粮食应急预案的函: also named by the plan
                if issued and len(_fold(issued.group(1))) >= 6:
                    doc["names"].add(_fold(issued.group(1)))
        self.issuers: dict[str, dict[str, dict[str, str]]] = {}  # document -> issuing body -> language -> label
        for r in store.query(_ISSUERS):
            labels = self.issuers.setdefault(r["d"].value, {}).setdefault(r["a"].value, {})
            labels.setdefault(r["label"].language or "zh", r["label"].value)
        self.store = store  # a document's passages are read when a question names it

    def named(self, q: str, glossary: dict[str, frozenset[str]] | None = None, searched: str | None = None,
              similarity=None, scoped: frozenset[str] = frozenset()) -> list[str]:
        """The documents ``q`` names: by number or whole title; else by a quoted part of one title; else (an
        English question, given the glossary) by the words of its title, among ``scoped`` when given (``searched``,
        ``similarity``: see :func:`english_named`)."""
        folded = _fold(q)
        whole = [d for d, doc in self.docs.items() if any(n in folded for n in doc["names"])]
        parts = [_fold(a or b) for a, b in _TITLE_PART.findall(q) if len(_fold(a or b)) >= MIN_PART]
        by_part = [d for d, doc in self.docs.items() if any(p in n for p in parts for n in doc["names"])]
        if whole or by_part:
            return whole or by_part
        if re.search(r"[\u3400-\u9fff]{4}", q):  # a title shortened (龙湾区卫生健康“十四五”规划 for …卫生健康事业发展…): a
            return self._by_run(folded) or (self._by_run(folded, SHORT_PART, {searched}) if searched else [])  # shorter
        if not glossary:
            return []
        zh = {d: doc["titles"]["zh"] for d, doc in self.docs.items() if "zh" in doc["titles"] and (not scoped or d in scoped)
              and names_place_of(q, doc["titles"]["zh"], glossary)}  # Jiangshan's measures: never 常山县's
        found = english_named(q, zh, glossary, searched, similarity)
        return [found] if found else []

    def _by_run(self, folded: str, size: int = MIN_PART, among: set | None = None) -> list[str]:
        """The one document (of ``among``, default all) whose title shares a run of ``size`` characters with the
        question, the words every title has (国务院办公厅关于, 的通知) left out: 巴东县地质灾害险情复函 names
        国务院办公厅关于湖北省巴东县地质灾害险情…的复函."""
        text = _BOILERPLATE.sub("|", folded)
        runs = {text[i:i + size] for i in range(len(text) - size + 1)} - {""}
        runs = {r for r in runs if "|" not in r}
        found = [d for d, doc in self.docs.items() if (among is None or d in among)
                 and any(r in n for r in runs for n in doc["names"])]
        return found if len(found) == 1 else []

    def answer(self, q: str, lang: str, glossary: dict[str, frozenset[str]] | None = None,
               searched: str | None = None, similarity=None, scoped: frozenset[str] = frozenset()) -> tuple[str, list[Statement]] | None:
        """The number of the document the question names (文号), the title of the one whose number it names
        (是哪个文件), else its issue date (印发, 落款), else None (``searched``: see :func:`english_named`). A question
        naming no document by title or number is about the one document of its scope (``scoped``, IRIs: 沁县…通知是
        哪个单位发的, the one document whose title names 沁县), if there is one; asking its number, it must name it."""
        low = q.lower()
        asks = ("number" if NUMBER_CUE.search(low) else "title" if WHICH_DOC.search(low)
                else "issuer" if ISSUER_CUE.search(low) else "issued" if CUE.search(low) else None)
        named = self.named(q, glossary, searched, similarity, scoped) if asks else []
        if not named and asks in ("issuer", "issued") and len(scoped) == 1 and self._about(q, next(iter(scoped)), glossary):
            named = sorted(scoped)
        if asks == "issued" and len(named) == 1 and not self.docs[named[0]]["issued"] and _YEAR_ASKED.search(low):
            return self._year_of_number(named[0], lang)  # 国发〔2023〕16号: issued in 2023
        if len(named) != 1 or not (self.docs[named[0]]["number"] if asks == "title" else self.issuers.get(named[0])
                                   if asks == "issuer" else self.docs[named[0]][asks]):
            return None
        doc = self.docs[named[0]]
        if asks == "number" and REPLACED.search(low):
            return self._replaced(named[0], lang)
        if asks == "number" and _fold(doc["number"]) in _fold(q):
            return None  # it asks another document's number than the one it gives
        passages = sorted((r["p"].value, _fold(r["text"].value)) for r in self.store.query(PASSAGES % named[0]))
        evidence = [p for p, text in passages if any(n in text for n in doc["names"])] or [p for p, _ in passages[:1]]
        title = doc["titles"].get(lang) or next(iter(doc["titles"].values()), named[0])
        if asks == "number":
            text = f"《{title}》的文号是{doc['number']}。" if lang == "zh" else f"The document number of “{title}” is {doc['number']}."
            return text, [Statement(named[0], doc["titles"], doc["number"], None, evidence)]
        if asks == "issuer":
            names = _in_text_order(self.issuers[named[0]], "".join(text for _, text in passages), lang)
            names = [n for n in names if _fold(n) not in _fold(q)] or names  # 和国家发展改革委一起印发…的是: the other
            text = f"《{title}》由{'、'.join(names)}印发。" if lang == "zh" else f"“{title}” was issued by {listed(names)}."
            return text, [Statement(named[0], doc["titles"], "; ".join(names), "agency", evidence)]
        if asks == "title":
            text = f"{doc['number']}是《{title}》。" if lang == "zh" else f"{doc['number']} is “{title}”."
            return text, [Statement(named[0], doc["titles"], title, None, evidence)]
        when = date_text(doc["issued"], lang)
        text = f"《{title}》于{when}印发。" if lang == "zh" else f"“{title}” was issued on {when}."
        return text, [Statement(named[0], doc["titles"], doc["issued"], "xsd:date", evidence)]

    def _about(self, q: str, doc: str, glossary: dict[str, frozenset[str]] | None) -> bool:
        """Whether ``doc``'s title and text state at least :data:`ABOUT_SHARE` of what the question says the document
        is about, its places and asking words left out: its character pairs (沁县2025年任务分解通知是哪个单位发的), or
        its subject words through the dictionary (a word no text of the corpus renders is not stated: the Linjiang plan
        on *coal mining*)."""
        text = _fold(self.docs[doc]["titles"].get("zh", "") + "".join(r["text"].value for r in self.store.query(PASSAGES % doc)))
        if re.search(r"[\u3400-\u9fff]", q):
            rest = _ASKING_ZH.sub("|", reduce(lambda t, w: t.replace(w, "|"), place_words(q), q))
            pairs = {rest[i:i + 2] for i in range(len(rest) - 1) if re.fullmatch(r"[\u3400-\u9fff]{2}", rest[i:i + 2])}
            return sum(p in text for p in pairs) >= ABOUT_SHARE * len(pairs)
        places = {w for p in pinyin_places(q) for w in p} | set(PLACE_KINDS)
        words = [w for w in en_terms(_subject(q)) if not w.isdigit() and w not in places]
        return sum(any(r in text for r in rendered(w, glossary or {})) for w in words) >= ABOUT_SHARE * len(words)

    def _year_of_number(self, doc: str, lang: str) -> tuple[str, list[Statement]] | None:
        """The year of issue a document's number states (国发〔2023〕16号), for a question asking only the year."""
        found = _NUMBER_YEAR.search(self.docs[doc]["number"] or "")
        if not found:
            return None
        title, year = self.docs[doc]["titles"].get(lang) or next(iter(self.docs[doc]["titles"].values()), doc), found.group(1)
        passages = [r["p"].value for r in self.store.query(PASSAGES % doc) if self.docs[doc]["number"] in r["text"].value]
        text = (f"《{title}》于{year}年印发（文号{self.docs[doc]['number']}）。" if lang == "zh"
                else f"“{title}” was issued in {year} (document number {self.docs[doc]['number']}).")
        return text, [Statement(doc, self.docs[doc]["titles"], year, "xsd:gYear", sorted(passages)[:1])]

    def _replaced(self, doc: str, lang: str) -> tuple[str, list[Statement]] | None:
        """The document ``doc`` says stops being in force (《…》（国办发〔2016〕82号）停止执行 / 同时废止), the only one."""
        found = {(m.group("title"), m.group("number"), r["p"].value) for r in self.store.query(PASSAGES % doc)
                 for m in _STOPS.finditer(r["text"].value)}
        if len({(t, n) for t, n, _ in found}) != 1:
            return None
        title, number, passage = next(iter(found))
        text = f"《{title}》（{number}）停止执行。" if lang == "zh" else f"“{title}” ({number}) is no longer in force."
        return text, [Statement(doc, {"zh": title}, number, None, [passage])]


def _in_text_order(bodies: dict[str, dict[str, str]], text: str, lang: str) -> list[str]:
    """The labels in ``lang`` of jointly issuing bodies, in the order the document's (folded) text first names them
    (财政部 水利部: the first named is the first issuer); a body the text does not name, after them, by label."""
    def at(labels: dict[str, str]) -> tuple[int, str]:
        found = text.find(_fold(labels.get("zh") or next(iter(labels.values()))))
        return (found if found >= 0 else len(text), labels.get(lang) or labels.get("zh") or next(iter(labels.values())))
    return list(dict.fromkeys(name for _, name in sorted(map(at, bodies.values()))))


#: Words of a Chinese question asking when or by whom a document was issued, which say nothing of what it is about.
_ASKING_ZH = re.compile(r"是?在?哪(?:一)?[天日年个些家位]|什么时候|何时|单位|部门|机关|机构|印发|发布|发出|签发|这份|该")
ABOUT_SHARE = 0.5
#: A question asking the year only (哪一年印发, in what year); the year in a document number's brackets.
_YEAR_ASKED = re.compile(r"哪一?年|何年|\b(?:which|what) year\b")
_NUMBER_YEAR = re.compile(r"[〔\[［(（]((?:19|20)\d\d)[〕\]］)）]")


#: A question about the document another one replaces (停止执行的原通知, 废止, "replaced", "repealed").
REPLACED = re.compile(r"停止执行|废止|replace[ds]?|repeal(?:ed|s)?|supersede[ds]?|no longer in force")
#: 《title》（number）…停止执行 / 同时废止: a document the text ends.
_STOPS = re.compile(r"《(?P<title>[^《》]{4,80})》[（(](?P<number>[^（）()]{2,20}〔\d{4}〕\d+号)[）)](?:同时)?(?:停止执行|废止)")


__all__ = ["IssueDates", "english_named"]
