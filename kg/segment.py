"""jieba, the one Chinese word segmenter of nikg (entity linking, question terms, the search index's BM25).

jieba's main dictionary (a prefix dictionary of ~350,000 words) takes about a second to read; each
:func:`jieba_tokenizer` used to read it again. It is now read once per process (:func:`_main_dictionary`,
never changed after) and each tokenizer starts from its own copy (a dict copy: milliseconds) before
adding its own words, so the linker's and the search index's dictionaries stay apart and segment
exactly as before.

jieba keeps the dictionary it built from its ``dict.txt`` in a marshal file in the temporary folder;
reading that back took 0.8-0.9 CPU s, the largest single step of the service's start-up at a million
triples. The same dictionary is also kept there as JSON (``jieba.nikg.<key>.json``, keyed to jieba's
version and its ``dict.txt``; written beside and renamed in whole), which orjson reads in about 0.2 s.
The first process on a machine (the build's, normally) writes it; a missing, stale or unreadable copy
is read from jieba as before (and written again).
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

log = logging.getLogger("nikg.segment")

_LOCK = threading.Lock()  # two threads asking at once read the dictionary once


@lru_cache(maxsize=1)
def _read_main_dictionary() -> tuple[dict[str, int], int]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    path = json_copy()
    found = _read_json_copy(path)
    if found is not None:
        return found
    tk = jieba.Tokenizer()
    tk.initialize()
    _write_json_copy(path, tk.FREQ, tk.total)
    return tk.FREQ, tk.total


def json_copy() -> Path:
    """Where the JSON copy of jieba's main dictionary is kept: jieba's own cache folder, the name keyed
    to jieba's version and its ``dict.txt`` (size and modification time)."""
    import jieba

    source = Path(jieba.__file__).parent / "dict.txt"
    st = source.stat()
    key = hashlib.md5(f"{jieba.__version__}|{source}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
    return Path(jieba.dt.tmp_dir or tempfile.gettempdir()) / f"jieba.nikg.{key}.json"


def _read_json_copy(path: Path) -> tuple[dict[str, int], int] | None:
    import orjson

    try:
        data = orjson.loads(path.read_bytes())
        freq, total = data["freq"], data["total"]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("ignoring the unreadable copy of jieba's dictionary %s (%s)", path, exc)
        return None
    if not (isinstance(freq, dict) and freq and isinstance(total, int)):
        log.warning("ignoring the copy of jieba's dictionary %s: not a dictionary and total", path)
        return None
    return freq, total


def _write_json_copy(path: Path, freq: dict[str, int], total: int) -> None:
    import orjson

    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".")
        with os.fdopen(fd, "wb") as out:
            out.write(orjson.dumps({"freq": freq, "total": total}))
        os.replace(tmp, path)
    except OSError as exc:  # a read-only temporary folder: jieba's own cache is read next time
        log.warning("could not keep a copy of jieba's dictionary in %s (%s)", path.parent, exc)
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _main_dictionary() -> tuple[dict[str, int], int]:
    """(word -> frequency, total) of jieba's main dictionary; read-only, shared by every tokenizer."""
    with _LOCK:
        return _read_main_dictionary()


def main_frequency(word: str) -> int:
    """The word's frequency in jieba's main dictionary (0 when it is not a word there)."""
    return _main_dictionary()[0].get(word) or 0


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


__all__ = ["jieba_tokenizer", "loads", "json_copy", "main_frequency"]
