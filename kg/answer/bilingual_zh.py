"""Chinese questions about English-only facts, word by word through CC-CEDICT: the mirror of
:class:`kg.answer.bilingual.CrossLingual` (国家创业投资引导基金中央财政出资规模多大 -> "At the national level, the fund is
capitalized with 100 billion yuan … from the central government").

A question's Chinese words (jieba's cut, two characters or more, question words left out) are read as the stems of
their dictionary senses (国家: country, nation, state; 出资: fund, invest); a fact's English label and quotes as the stems
of their words. A word is covered when one of its senses' stems is among the fact's. As in the other direction, the one
fact covering at least ``MIN_COVERAGE`` of at least ``MIN_WORDS`` words answers, unless another fact with another
number comes within ``MARGIN``. The dictionary is read per question (about 0.1 s), only when a Chinese question found
no fact and English-only facts are in scope.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import cedict
from .bilingual import MARGIN, MIN_COVERAGE, MIN_WORDS, stems
from .question import ZH_STOP

_WORD = re.compile(r"[a-z]+")
_ASKING = re.compile(r"多少|多大|几|什么|哪|是否|吗")


@lru_cache(maxsize=4096)
def _sense_stems(word: str) -> frozenset[str]:
    """The stems of the short senses of a Chinese word's dictionary entries (none: not in the dictionary)."""
    found = cedict.entries({word}).get(word, [])
    return frozenset(s for e in found for sense in cedict.short_senses(e.glosses) for w in _WORD.findall(sense)
                     for s in stems(w) if len(w) > 2)


def _stems_of(text: str) -> frozenset[str]:
    return frozenset(s for w in _WORD.findall(text.lower()) for s in stems(w))


def _covered(senses: frozenset[str], own: frozenset[str]) -> bool:
    return bool(senses & own)


class ChineseToEnglish:
    """English-only facts, matched to Chinese questions through the dictionary."""

    def __init__(self, facts: list):
        self.facts = [f for f in facts if "zh" not in f.labels and f.labels.get("en")]
        self.own = {f.iri: _stems_of(" ".join([f.labels["en"], *f.quotes])) for f in self.facts}

    def best(self, question: str, tokenizer, allowed):
        """The one English-only fact allowed that covers the question's words, or None."""
        facts = [f for f in self.facts if allowed(f)]
        if not facts:
            return None
        runs = re.findall(r"[\u4e00-\u9fff]+", _ASKING.sub(" ", question))
        words = [w for run in runs for w, _, _ in tokenizer.tokenize(run, HMM=False) if len(w) >= 2 and w not in ZH_STOP]
        senses = {w: _sense_stems(w) for w in dict.fromkeys(words)}
        words = [w for w in senses if senses[w]]
        if len(words) < MIN_WORDS:
            return None
        scored = sorted(((sum(_covered(senses[w], self.own[f.iri]) for w in words) / len(words), f.iri, f) for f in facts),
                        reverse=True)
        cov, _, fact = scored[0]
        if cov < MIN_COVERAGE or any(c >= cov - MARGIN and f.value != fact.value for c, _, f in scored[1:]):
            return None
        return fact


__all__ = ["ChineseToEnglish"]
