"""Query rewriting before ranking: a pinyin query is searched as the Chinese it spells.

**Pinyin** ("chongdianzhuang", "xinjijian zong touzi"): a query of Latin letters only, every word of
  which splits into the toneless pinyin of words of the corpus's Chinese vocabulary (its jieba tokens and
  the graph's Chinese labels), is searched as those Chinese words. A query with any word that does not
  split ("sea and air hub") is left as it is, so English is not mistaken for pinyin. On the dev half
  (``nikg eval``) the four pinyin questions went from not found / rank 6 to rank 1-2.

Measured on the dev half and dropped: adding the
other-language names of the entities a query names to its keywords (cross-language R@1 +0.02 on the seed
corpus, -0.02 on the multi-document corpus), and a ranking by the other-language names of each passage's
entities (seed corpus cross R@1 0.72 -> 0.77, multi-document corpus 0.67 -> 0.64: generic words of names
such as "policy" pull in wrong passages).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from kg.names import has_cjk

MAX_KEY = 40  # longest pinyin key looked up (characters)
_LATIN = re.compile(r"^[a-z0-9\s'’-]+$")


@dataclass(frozen=True)
class Rewritten:
    text: str  # what the encoder and the entity channel see
    tokens: list[str]  # its keyword tokens


class PinyinVocabulary:
    """Toneless pinyin -> the most frequent Chinese word of the corpus with that reading."""

    def __init__(self, words: Iterable[str]):
        from collections import Counter

        from pypinyin import Style, lazy_pinyin

        counts = Counter(w for w in words if has_cjk(w) and all(has_cjk(c) for c in w))
        self.words: dict[str, str] = {}
        for word, _ in counts.most_common():
            key = "".join(lazy_pinyin(word, style=Style.NORMAL)).lower()
            if key.isascii() and key.isalpha():
                self.words.setdefault(key, word)

    def _split(self, word: str) -> list[str] | None:
        """The fewest vocabulary words whose pinyin spells ``word``, or None."""
        best: list[list[str] | None] = [[]] + [None] * len(word)
        for end in range(1, len(word) + 1):
            for start in range(max(0, end - MAX_KEY), end):
                prev, hanzi = best[start], self.words.get(word[start:end])
                if prev is not None and hanzi and (best[end] is None or len(prev) + 1 < len(best[end])):
                    best[end] = prev + [hanzi]
        return best[len(word)]

    def _spell(self, words: list[str]) -> list[str] | None:
        out = []
        for word in words:
            pieces = [word] if word.isdigit() else self._split(word)
            if not pieces:
                return None
            out.extend(pieces)
        return out

    def to_chinese(self, query: str) -> str | None:
        """The Chinese a pinyin query spells, or None when it is not pinyin throughout. Words are split one
        by one ("zong touzi"), else the query as one run ("Chong Dian Zhuang")."""
        q = query.strip().lower()
        if not q or has_cjk(q) or not _LATIN.match(q):
            return None
        words = [w for w in re.split(r"[\s'’-]+|(\d+)", q) if w]
        out = self._spell(words) or self._spell([w for w in re.split(r"(\d+)", "".join(words)) if w])
        if not out or not any(len(p) > 1 for p in out):  # single syllables only ("ma", "an"): too likely English
            return None
        return "".join(out)


class QueryRewriter:
    def __init__(self, tokenizer, vocabulary: PinyinVocabulary | None):
        self.tokenizer, self.vocabulary = tokenizer, vocabulary

    def __call__(self, query: str, pinyin: bool = True) -> Rewritten:
        chinese = self.vocabulary.to_chinese(query) if pinyin and self.vocabulary else None
        if not chinese:
            return Rewritten(query, self.tokenizer(query))
        return Rewritten(chinese, self.tokenizer(chinese) + self.tokenizer(query))  # a name may be in the text as typed
