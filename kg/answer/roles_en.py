"""English who-questions about posts only a Chinese text names.

"Who is the deputy convener of the vocational education joint meeting?" links nothing when the joint meeting
(国务院职业教育工作部际联席会议) and its posts have Chinese labels only. The question's role words are read through a
closed table of post titles (:data:`TITLES`: deputy -> 副, convener -> 召集人, minister -> 部长, ...; question
understanding, nothing added to the graph); the organisation is the one whose Chinese name covers the most of the
question's other words through CC-CEDICT (:func:`kg.answer.bilingual.rendered`), at least :data:`MIN_COVERAGE` of
them and two at least, with no other organisation as good. The holder is then found as for a Chinese question
(:meth:`kg.answer.people.PeopleAndDates.holder`).
"""
from __future__ import annotations

import re

from ..linking.lexicon import singular
from ..names import pinyin_words, spelled
from .bilingual import rendered
from .question import en_terms

TITLES = {"deputy": "副", "vice": "副", "convener": "召集人", "director": "主任", "minister": "部长", "leader": "组长",
          "member": "成员", "liaison": "联络员", "premier": "总理", "governor": "省长", "mayor": "市长",
          "chairman": "主席", "chair": "主席", "secretary": "书记", "commissioner": "主任"}
_TWO_WORDS = {"secretary general": "秘书长", "secretary-general": "秘书长", "liaison officer": "联络员",
              "group leader": "组长", "vice premier": "副总理", "county head": "县长", "county magistrate": "县长",
              "district head": "区长", "district chief": "区长", "township head": "乡长", "town head": "镇长",
              "acting": "代"}
#: The level words of a place (Changsha county: 长沙县), which the dictionary renders only inside longer words (县政府).
_LEVELS = {"county": "县", "district": "区", "city": "市", "municipal": "市", "province": "省", "provincial": "省",
           "town": "镇", "township": "乡", "prefecture": "州"}
_GENERIC = frozenset("hold serve post position person official head chief magistrate acting".split())  # en_terms drops stop words, plurals
MIN_COVERAGE = 0.75


#: "Who leads / heads / chairs X": the one at the top of X, whichever title it has (组长, 主任, 召集人, 主席).
_HEADS = re.compile(r"\bwho (?:leads|heads|chairs|convenes)\b")
TOP = ("组长", "主任", "召集人", "主席")


def heads(question: str) -> bool:
    """Whether an English question asks who is at the top of a body (who leads, heads, chairs, convenes)."""
    return bool(_HEADS.search(question.lower()))


#: "Who delivered / presented X's government work report": the head of X's people's government (政府工作报告 are
#: delivered by the 省长, 市长, 县长 … of the government that reports), whichever the level.
_DELIVERED = r"\bwho (?:delivered|presented|gave|made|read out)\b"
_REPORTER = re.compile(rf"{_DELIVERED}|\b(?:government )?work reports?\b|\bat\b"
                       r"|\bpeople'?s congress\b|\b(?:session|meeting)\b", re.IGNORECASE)
GOVERNMENT_HEADS = ("省长", "市长", "州长", "县长", "区长", "乡长", "镇长")


def reporter(question: str) -> str | None:
    """The question without its delivering words when it asks who delivered a government work report (what is left
    names the government), else None."""
    low = question.lower()
    if not (re.search(_DELIVERED, low) and "work report" in low):
        return None
    return _REPORTER.sub(" ", question)


def zh_roles(question: str) -> tuple[list[str], list[str]]:
    """(the Chinese post titles an English question names, its English words for them): deputy convener ->
    (副, 召集人), (deputy, convener)."""
    low = question.lower()
    zh, en = [], []
    for words, title in _TWO_WORDS.items():
        if words in low:
            zh.append(title)
            en.append(words)
            low = low.replace(words, " ")
    for word in (singular(w) for w in re.findall(r"[a-z]+", low)):  # deputy directors: deputy, director
        if word in TITLES:
            zh.append(TITLES[word])
            en.append(word)
    return zh, en


def organisation(question: str, names: dict[str, str], glossary) -> str | None:
    """The organisation (IRI -> Chinese name) whose name covers the question's words other than its titles: through the
    dictionary, a place's level word (county: 县) or a place name in pinyin (Longhui: 隆回县人民政府)."""
    spelt = set(pinyin_words(question))
    words = sorted(w for w in en_terms(question) if w not in TITLES and w not in _GENERIC and not w.isdigit()
                   and (rendered(w, glossary) or w in _LEVELS or w in spelt))
    if len(words) < 2:
        return None
    scored = sorted(((sum(any(r in name for r in rendered(w, glossary)) or _LEVELS.get(w, "?") in name
                          or (w in spelt and w in spelled(name)) for w in words) / len(words), iri)
                     for iri, name in names.items()), reverse=True)
    if not scored or scored[0][0] < MIN_COVERAGE or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]
