"""jieba, the one Chinese word segmenter of nikg (entity linking, question terms, the search index's BM25).

jieba's main dictionary (a prefix dictionary of ~350,000 words) takes about a second to read; each
:func:`jieba_tokenizer` used to read it again. It is now read once per process (:func:`_main_dictionary`,
never changed after) and each tokenizer starts from its own copy (a dict copy: milliseconds) before
adding its own words, so the linker's and the search index's dictionaries stay apart and segment
exactly as before.
"""
from __future__ import annotations

import logging
import threading
from functools import lru_cache
from typing import Callable, Iterable

_LOCK = threading.Lock()  # two threads asking at once read the dictionary once


@lru_cache(maxsize=1)
def _read_main_dictionary() -> tuple[dict[str, int], int]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    return tk.FREQ, tk.total


def _main_dictionary() -> tuple[dict[str, int], int]:
    """(word -> frequency, total) of jieba's main dictionary; read-only, shared by every tokenizer."""
    with _LOCK:
        return _read_main_dictionary()


def loads() -> int:
    """How many times this process has read jieba's main dictionary (0 or 1)."""
    info = _read_main_dictionary.cache_info()
    return info.misses


def jieba_tokenizer(words: Iterable[str] = (), freq: Callable[[object, str], int | None] | None = None):
    """A private ``jieba.Tokenizer`` (not jieba's global one) knowing ``words``.

    ``freq(tokenizer, word)`` gives each word's frequency (default: jieba's ``suggest_freq``, so the word
    can be cut out); the words are added in the order given.
    """
    import jieba

    main, total = _main_dictionary()
    tk = jieba.Tokenizer()
    tk.FREQ, tk.total, tk.initialized = dict(main), total, True
    for word in words:
        tk.add_word(word, freq=freq(tk, word) if freq is not None else None)
    return tk


__all__ = ["jieba_tokenizer", "loads"]
