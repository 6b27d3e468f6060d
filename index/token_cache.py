"""Each passage's BM25 tokens kept between builds (issue 12 §6: adding one document must not cut every passage
into words again), reused only where the words cannot have changed.

A text's words (:class:`index.tokenize.Tokenizer`) depend on the text and on jieba's dictionary: the main one
(fixed by jieba's version), the user words the graph gives and their frequencies, and the total frequency, which
every added user word raises. A new document adds names, so the dictionary changes with every such build; but a
text's words can change only if

- a word whose frequency changed (added, dropped, or given another frequency) is in the text: jieba finds only
  words that are substrings of the text (a prefix jieba adds with frequency 0 leads only to its word), or
- the log of the total moved by more than the text's *slack* (:func:`index.tokenize.route_slack`): the margin
  by which each choice of jieba's best route won, per character left.

The cache (``<data_dir>/cache/tokens/<key>/tokens.json``, key: jieba's version and the tokenizing code) holds the
last build's log total, its user words' frequencies and, by each text's sha1, its tokens and slack. A text is
taken from it when neither holds, with half its slack as room for rounding; its slack is then lowered by how far
the total moved, so that the next build measures from this one. Every other text is tokenized as before; the
tokens are those a tokenizer gives (tests/index/test_token_cache.py, tests/kg/test_build_addone.py).
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from math import inf
from pathlib import Path

from kg.buildcache import Cache, digest, source_digest

log = logging.getLogger("nikg.index")
FILE = "tokens.json"


def cache_key() -> str:
    import jieba

    return digest(jieba.__version__, source_digest("index/tokenize.py", "index/numbers.py", "index/token_cache.py",
                                                   "kg/segment.py", "kg/names.py"))


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class TokenCache:
    """The tokens of the previous build (``entries``: text sha1 -> [tokens, slack]) and the state they were cut
    with; ``folder`` None: no caching."""

    folder: Path | None
    logtotal: float | None = None
    freqs: dict[str, int] = field(default_factory=dict)
    entries: dict[str, list] = field(default_factory=dict)
    reused: int = 0

    @classmethod
    def of(cls, settings) -> "TokenCache":
        return cls.read(Cache.of(settings).folder("tokens", cache_key()))

    @classmethod
    def read(cls, folder: Path | None) -> "TokenCache":
        import orjson

        if folder is None or not (folder / FILE).is_file():
            return cls(folder)
        try:
            data = orjson.loads((folder / FILE).read_bytes())
            return cls(folder, float(data["logtotal"]), dict(data["freqs"]), dict(data["entries"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("ignoring the unreadable token cache %s (%s)", folder / FILE, exc)
            return cls(folder)

    def changed_words(self, freqs: dict[str, int]) -> list[str]:
        """The words whose frequency differs between the cached build's dictionary and ``freqs`` (this build's
        user words; a word that is no user word has its main dictionary's frequency)."""
        from kg.segment import main_frequency

        def before(w: str) -> int:
            return self.freqs[w] if w in self.freqs else main_frequency(w)

        def now(w: str) -> int:
            return freqs[w] if w in freqs else main_frequency(w)

        return [w for w in sorted(self.freqs.keys() | freqs.keys()) if before(w) != now(w)]

    def tokenize(self, tokenizer, texts: list[str]) -> list[list[str]]:
        """The tokens of each text (each list its own copy), cut by ``tokenizer`` unless the cache has them (see
        the module's doc); the cache is then written for the next build."""
        logtotal, freqs = tokenizer.frequencies()
        moved = abs(logtotal - self.logtotal) if self.logtotal is not None else None
        words = self.changed_words(freqs) if moved is not None else []
        made: dict[str, list] = {}
        out = []
        for text in texts:
            key = _sha1(text)
            got = made.get(key)
            if got is None:
                got = made[key] = self._reuse(key, text, moved, words, tokenizer) or self._cut(text, tokenizer)
            out.append(list(got[0]))
        self.write(logtotal, freqs, made)
        return out

    def _reuse(self, key: str, text: str, moved: float | None, words: list[str], tokenizer) -> list | None:
        entry = self.entries.get(key)
        slack = inf if entry is None or entry[1] is None else entry[1]  # JSON null: infinite (no route to choose)
        if entry is None or moved is None or not moved < slack / 2:
            return None
        if words:
            _, rest = tokenizer.words_part(text)
            if any(w in rest for w in words):
                return None
        self.reused += 1
        return [entry[0], slack - moved]

    @staticmethod
    def _cut(text: str, tokenizer) -> list:
        return [tokenizer(text), tokenizer.slack(text)]

    def write(self, logtotal: float, freqs: dict[str, int], entries: dict[str, list]) -> None:
        import orjson

        if self.folder is None:
            return
        tmp = self.folder / (FILE + ".new")
        rows = {k: [tokens, None if slack == inf else slack] for k, (tokens, slack) in entries.items()}
        tmp.write_bytes(orjson.dumps({"logtotal": logtotal, "freqs": freqs, "entries": rows}))
        tmp.replace(self.folder / FILE)


__all__ = ["TokenCache", "cache_key"]
