"""Marking words in text for HTML: every piece of the text is escaped; only our ``<mark>`` tags are markup."""
from __future__ import annotations

import re
from typing import Callable, Iterable

from markupsafe import Markup, escape

_WORDS = re.compile(r"[\w’']+", re.UNICODE)


def query_terms(query: str, tokenize: Callable[[str], list[str]] | None = None) -> list[str]:
    """Words of ``query`` worth marking: the search tokenizer's tokens (jieba words, English stems) and
    the query's own words, longest first; one-character tokens only when the query is one character."""
    words = list(tokenize(query)) if tokenize else []
    words += _WORDS.findall(query)
    keep = {w.lower() for w in words if len(w) > 1 or len(query.strip()) == 1}
    return sorted(keep, key=lambda w: (-len(w), w))


def _latin_ok(lowered: str, start: int, end: int, term: str) -> bool:
    """A Latin-script term starts a word; it may end inside one only when it is a stem of 5+ letters
    ("charg" marks "charging"; "base" does not mark "based")."""
    if not term[0].isascii() or not term[0].isalnum():
        return True
    before = lowered[start - 1] if start else " "
    after = lowered[end] if end < len(lowered) else " "
    return not before.isalnum() and (not after.isalnum() or len(term) >= 5)


def spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) of every case-insensitive occurrence of a term, in order."""
    lowered, found = text.lower(), []
    for term in terms:
        start = lowered.find(term)
        while term and start >= 0:
            if _latin_ok(lowered, start, start + len(term), term):
                found.append((start, start + len(term)))
            start = lowered.find(term, start + len(term))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark(text: str, terms: Iterable[str]) -> Markup:
    """``text`` escaped, with each term occurrence wrapped in ``<mark>``."""
    out, pos = [], 0
    for start, end in spans(text, terms):
        out.append(escape(text[pos:start]))
        out.append(Markup("<mark>") + escape(text[start:end]) + Markup("</mark>"))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)
