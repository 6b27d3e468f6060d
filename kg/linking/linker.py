"""Find the graph's entities named in a text (zh or en) and say where.

Chinese: jieba, with every Chinese name of the graph in its user dictionary, segments the text;
a name is a candidate when it spans whole jieba tokens (default mode, or a search-mode sub-word),
so mentions inside unsegmented Chinese are found without matching halves of words. English (and
Latin names such as 5G or NDRC in either language): word n-grams, case-insensitive except for
acronyms, singular or plural. Overlapping candidates resolve to the longest one; a name shared by
several entities goes to the one the rest of the text also names, else its score is split.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..catalogue import Catalogue
from .langdetect import detect_language, han_count
from .lexicon import NOT_LINKED, Lexicon, Name, chinese_names, en_key, en_tokens, normalise

DEFAULT_THRESHOLD = 0.5
_OPENERS, _CLOSERS = "“《「『", "”》」』"  # not ‘’: ’ is also the apostrophe of Jing’an


@dataclass(frozen=True)
class Mention:
    """An entity named at ``text[start:end]``."""

    start: int
    end: int
    surface: str
    iri: str
    label: str
    type: str
    score: float


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    names: tuple[Name, ...]


def _tokenizer(words: list[str]):
    """A private jieba tokenizer (not the global one) knowing ``words``."""
    from ..segment import jieba_tokenizer

    return jieba_tokenizer(words)


def name_tokenizer(catalogue: Catalogue):
    """The tokenizer a :class:`Linker` of ``catalogue`` has, without making the linker's names (the build's
    start-up tables need only the tokenizer)."""
    return _tokenizer(chinese_names(catalogue))


class Linker:
    """Entity linking over a :class:`Catalogue`; build once (jieba loads its dictionary), use often."""

    def __init__(self, catalogue: Catalogue, skip_types: frozenset[str] = NOT_LINKED):
        self.lexicon = Lexicon(catalogue, skip_types)
        self.tokenizer = _tokenizer(self.lexicon.zh_words())

    def link(self, text: str, lang: str | None = None, threshold: float = DEFAULT_THRESHOLD,
             documents: frozenset[str] | None = None) -> list[Mention]:
        """Mentions in ``text`` scoring at least ``threshold``, non-overlapping, in text order.

        ``lang`` (zh/en, detected when None) chooses the language of the returned labels. ``documents``
        are the ids of the documents the text is from: scoped names (行动方案, 发改委) link only there,
        and not at all in a text of no known document.
        """
        lang = lang or detect_language(text)
        norm = normalise(text)
        found = (self._zh_candidates(norm) if han_count(norm) else []) + self._en_candidates(norm)
        found = [c for c in (_Candidate(c.start, c.end, tuple(n for n in c.names if n.allowed(documents)))
                             for c in found) if c.names]
        candidates = [c for c in (_quoted(text, c) for c in found) if c is not None]
        scored = [(c, *self._choose(c, candidates)) for c in candidates]
        kept: list[tuple[_Candidate, Name, float]] = []
        for cand, name, score in sorted(scored, key=lambda t: (t[0].start - t[0].end, -t[2], t[0].start)):
            if score >= threshold and not any(cand.start < k.end and k.start < cand.end for k, _, _ in kept):
                kept.append((cand, name, score))
        return [self._mention(text, c, n, s, lang) for c, n, s in sorted(kept, key=lambda t: t[0].start)]

    def _mention(self, text: str, cand: _Candidate, name: Name, score: float, lang: str) -> Mention:
        entity = self.lexicon.entity(name.iri)
        return Mention(cand.start, cand.end, text[cand.start:cand.end], entity.iri, entity.label(lang),
                       sorted(entity.type_names)[0] if entity.type_names else "", round(score, 3))

    @staticmethod
    def _choose(cand: _Candidate, everything: list[_Candidate]) -> tuple[Name, float]:
        """The candidate's entity and score: its best name's prior, split when the name is ambiguous
        and the rest of the text does not favour one of its entities."""
        best_by_iri: dict[str, Name] = {}
        for name in sorted(cand.names, key=lambda n: -n.prior):
            best_by_iri.setdefault(name.iri, name)
        if len(best_by_iri) == 1:
            name = next(iter(best_by_iri.values()))
            return name, name.prior
        support = Counter(n.iri for other in everything if other.end <= cand.start or other.start >= cand.end
                          for n in {x.iri: x for x in other.names}.values() if n.iri in best_by_iri)
        ranked = sorted(best_by_iri.values(), key=lambda n: (-support[n.iri], -n.prior, n.iri))
        top = ranked[0]
        if support[top.iri] > support[ranked[1].iri]:
            return top, top.prior
        if all(n.scope is not None for n in ranked):
            return top, 0.0  # a relative name (市发展改革委) of several documents' entities: whose is unknown
        return top, top.prior / len(ranked)

    def _zh_candidates(self, norm: str) -> list[_Candidate]:
        tokens = list(self.tokenizer.tokenize(norm, mode="default", HMM=False))
        spans = {(s, e) for _, s, e in self.tokenizer.tokenize(norm, mode="search", HMM=False)}
        for i, (_, start, _) in enumerate(tokens):
            for _, _, end in tokens[i:]:
                if end - start > self.lexicon.max_zh:
                    break
                spans.add((start, end))
        found = ((s, e, self.lexicon.zh.get(norm[s:e])) for s, e in spans)
        return [_Candidate(s, e, tuple(names)) for s, e, names in found if names]

    def _en_candidates(self, norm: str) -> list[_Candidate]:
        tokens = en_tokens(norm)
        keys = [en_key([t])[0] for t, _, _ in tokens]
        out = []
        for i in range(len(tokens)):
            for j in range(i + 1, min(i + self.lexicon.max_en, len(tokens)) + 1):
                if j - 1 > i and norm[tokens[j - 2][2]:tokens[j - 1][1]].strip(' "-'):
                    break  # not contiguous (Chinese text between Latin words)
                names = self.lexicon.en.get(tuple(keys[i:j]))
                if names:
                    words = [t for t, _, _ in tokens[i:j]]
                    names = [n for n in names if _case_ok(n, words)]
                if names:
                    out.append(_Candidate(tokens[i][1], tokens[j - 1][2], tuple(names)))
        return out


def _quoted(text: str, cand: _Candidate) -> _Candidate | None:
    """A candidate with balanced quotes: take in the closing quote of a quoted name it ends inside
    (Shanghai version of “new infrastructure”); drop one that starts inside a quoted name and runs
    out of it (“new terminal” construction actions is no name, "new terminal" is)."""
    span = text[cand.start:cand.end]
    opens, closes = sum(span.count(c) for c in _OPENERS), sum(span.count(c) for c in _CLOSERS)
    if opens == closes:
        return cand
    if opens == closes + 1 and text[cand.end:cand.end + 1] in tuple(_CLOSERS):
        return _Candidate(cand.start, cand.end + 1, cand.names)
    return None


def _case_ok(name: Name, words: list[str]) -> bool:
    if not name.exact_case:
        return True
    wanted = [t for t, _, _ in en_tokens(name.surface)]
    return all(w.startswith(x) for w, x in zip(words, wanted))
