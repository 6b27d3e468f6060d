"""The places documents' titles name, so that a question naming one is about those documents.

The gazetteer (:mod:`kg.scope`) knows provinces and large cities; most documents users add are a county's or a
city's (2023年聊城市重点民生事项, 夏县2023年政府工作报告). A question naming such a place, written with or without
its suffix (聊城 新增托位, 聊城市…) or in pinyin (Liaocheng, Xia County), is about the documents whose title names
it: without this its facts compete with every other document's, and two documents' GDP growth make any answer a
tie. A place no title names narrows nothing (:meth:`QuestionScope.writes_places` still refuses an answer from a
document that never writes it).
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from ..names import spellings
from ..scope import place_words, places_in

#: A place word's suffix and its pinyin (Xia County: xia + xian).
SUFFIXES = (("自治区", "zizhiqu"), ("省", "sheng"), ("市", "shi"), ("县", "xian"), ("区", "qu"), ("州", "zhou"),
            ("盟", "meng"), ("旗", "qi"))
_LONGEST = 10  # characters of the longest place word looked up in a question


class TitlePlaces:
    """Documents by the places their titles name: written forms (聊城市, 聊城) and pinyin (liaocheng, liaochengshi)."""

    def __init__(self, titles: dict[str, str]):
        self.written: dict[str, set[str]] = defaultdict(set)
        self.pinyin: dict[str, set[str]] = defaultdict(set)
        for doc, title in titles.items():
            for word in place_words(title):
                if not places_in(word):  # a gazetteer place is a document's jurisdiction
                    self._add(doc, word)
        self.documents = lru_cache(maxsize=1024)(self._documents)  # asked once per fact a question ranks

    def _add(self, doc: str, word: str) -> None:
        name, kind = next(((word[: -len(s)], p) for s, p in SUFFIXES if word.endswith(s)), (word, ""))
        self.written[word].add(doc)
        for spelling in spellings(name):
            self.pinyin[spelling + kind].add(doc)
        if len(name) >= 2:  # 聊城 of 聊城市; not 夏 of 夏县
            self.written[name].add(doc)
            for spelling in spellings(name):
                self.pinyin[spelling].add(doc)

    def _documents(self, question: str) -> frozenset[str]:
        """The documents whose titles name a place ``question`` names (empty: it names none of them)."""
        from ..names import pinyin_words
        from .scope import pinyin_places

        found = [self.written[question[i:j]] for i in range(len(question))
                 for j in range(i + 2, min(len(question), i + _LONGEST) + 1) if question[i:j] in self.written]
        named = [*pinyin_places(question, kinds_only=True), *((w, w) for w in pinyin_words(question))]  # also Suzhou: 宿州
        found += [self.pinyin.get(full) or self.pinyin.get(name, set()) for name, full in named]
        found = [docs for docs in found if docs]
        if not found:
            return frozenset()
        common = set.intersection(*found)  # 包头市青山区: the document of both
        return frozenset(common or set().union(*found))


__all__ = ["TitlePlaces"]
