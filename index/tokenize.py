"""Keyword tokenizers: jieba (search-engine mode, with a user dictionary) for Chinese and a
lower-casing, stop-word-aware tokenizer for English. Numbers become one shared spelling
(see :mod:`index.numbers`), so "12万" and "120,000" are the same token.
"""
from __future__ import annotations

import re
from typing import Iterable

from kg.names import american_spelling, has_cjk

from .numbers import find_numbers

# Words the Chinese tokenizer must always keep whole, whatever the graph holds.
ALWAYS_WORDS = ("一网通办", "一网统管", "充电桩", "临港新片区", "新基建", "长三角", "双千兆", "车联网", "数字孪生")

_EN_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_ZH_TOKEN = re.compile(r"\w", re.UNICODE)

EN_STOP = frozenset("""
a an the and or but if of to in on at by for with from into onto as is are was were be been being am do does did
has have had having it its it's this that these those there their they them he she his her we our you your i me my
what which who whom whose when where why how will would shall should can could may might must not no nor so than
too very s t just also about above after again against all any both each few more most other some such only own same
up down out off over under further then once here here's what's many much per via etc e.g i.e
""".split())
ZH_STOP = frozenset("""
的 了 和 与 及 以及 或 是 在 为 对 将 把 被 有 也 都 就 而 并 等 中 上 下 之 其 这 那 这个 那个 哪 哪些 哪个 什么 多少 几 如何
怎么 怎样 吗 呢 吧 啊 个 方面 是否 要 会 能 可以 提到 关于 谁 何时 什么样 有关 一个 哪里 多大
""".split())


def detect_lang(text: str) -> str:
    """'zh' when the text has any CJK character, else 'en'."""
    return "zh" if has_cjk(text) else "en"


def _stem(word: str) -> str:
    """A light English stemmer: plurals and a few suffixes, so piles/pile, investment/invest meet."""
    if len(word) <= 3 or word.isdigit():
        return word
    word = american_spelling(word)
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ments", ""), ("ment", ""), ("ing", ""), ("ed", ""),
                         ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: len(word) - len(suffix)] + repl
    return word


class Tokenizer:
    """Turns zh or en text into BM25 tokens. One instance per index (its own jieba dictionary)."""

    def __init__(self, user_words: Iterable[str] = ()):
        from kg.segment import jieba_tokenizer

        self.user_words = sorted({w.strip() for w in (*ALWAYS_WORDS, *user_words) if has_cjk(w.strip())})
        self._jieba = jieba_tokenizer(self.user_words, freq=lambda tk, w: max(tk.suggest_freq(w, tune=False), 2000))

    def __call__(self, text: str) -> list[str]:
        return self.tokens(text)

    def tokens(self, text: str) -> list[str]:
        numbers, rest = self.words_part(text)
        words = self._zh_words(rest) if has_cjk(rest) else self._en_words(rest)
        return words + [value for _, _, value in numbers]

    @staticmethod
    def words_part(text: str) -> tuple[list, str]:
        """(the text's numbers, the text lower-cased with its numbers blanked): what is cut into words."""
        numbers = find_numbers(text)
        masked = list(text)
        for start, end, _ in numbers:
            masked[start:end] = " " * (end - start)
        return numbers, "".join(masked).lower()

    def frequencies(self) -> tuple[float, dict[str, int]]:
        """(log of jieba's total frequency, each user word's frequency): with the main dictionary, all that the
        words of a text depend on (:mod:`index.token_cache`)."""
        from math import log

        return log(self._jieba.total), {w: self._jieba.FREQ.get(w) or 0 for w in self.user_words}

    def slack(self, text: str) -> float:
        """How far the log of jieba's total frequency may move (the dictionary otherwise the same on the text's
        substrings) before the text's words could change: see :func:`route_slack`; infinite for a text jieba
        does not cut."""
        import jieba

        _, rest = self.words_part(text)
        if not has_cjk(rest):
            return float("inf")
        return min((route_slack(self._jieba, blk) for blk in jieba.re_han_default.findall(rest)), default=float("inf"))

    def _zh_words(self, text: str) -> list[str]:
        out = []
        for token in self._jieba.cut_for_search(text, HMM=True):
            token = token.strip()
            if not token or not _ZH_TOKEN.search(token) or token in ZH_STOP:
                continue
            out.append(_stem(token) if token.isascii() else token)
        return out

    @staticmethod
    def _en_words(text: str) -> list[str]:
        words = (re.sub(r"'s$", "", w) for w in _EN_WORD.findall(text.replace("’", "'")))
        return [_stem(w) for w in words if w not in EN_STOP]


def route_slack(tk, block: str) -> float:
    """The least, over the positions of ``block``, of the margin by which jieba's best route (``Tokenizer.calc``:
    each word scores log(freq) - log(total)) beats the next candidate there, over the characters left: a route
    of k words moves by -k * d when log(total) moves by d, and two routes from a position differ by fewer words
    than the characters left, so while |d| stays below this every choice, and so the words, stay the same
    (by induction from the end). 0 for a tie."""
    from math import inf, log

    freq, logtotal, n = tk.FREQ, log(tk.total), len(block)
    dag = tk.get_DAG(block)
    route, slack = [0.0] * (n + 1), inf
    for idx in range(n - 1, -1, -1):
        scores = sorted(((log(freq.get(block[idx:x + 1]) or 1) - logtotal + route[x + 1], x) for x in dag[idx]),
                        reverse=True)
        route[idx] = scores[0][0]
        if len(scores) > 1:
            slack = min(slack, (scores[0][0] - scores[1][0]) / (n - idx))
    return slack


def read_user_words(path) -> list[str]:
    """Words of a jieba user dictionary file (one word per line, optional frequency after a space)."""
    from pathlib import Path

    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line.strip()]


def write_user_words(path, words: Iterable[str]) -> None:
    from pathlib import Path

    Path(path).write_text("".join(f"{w}\n" for w in sorted(set(words))), encoding="utf-8")
