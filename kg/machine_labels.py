"""The ``machine_labels`` build step: machine-made English labels for Chinese-only entities, from CC-CEDICT.

Most documents users add are Chinese only, so their extracted entities (tasks, agencies, targets, places, ...)
have a Chinese ``skos:prefLabel`` and no English name: an English search, reconciliation or question has
nothing to match them with. Each such entity gets one English label made word by word over the jieba
segmentation of its Chinese label (:mod:`kg.segment`): every word is looked up in CC-CEDICT (:mod:`kg.cedict`)
and its first short sense is taken (a word jieba keeps whole but the dictionary lacks is split into the
longest dictionary words it contains); a few function words have fixed renderings (和 -> and, 的 dropped).
When any content word has no rendering the entity gets **no** label (no junk labels).

The label is machine-made and marked so in RDF (ontology/nikg.ttl, "Machine-made labels"):
``nikg:machineLabel`` (a sub-property of ``skos:altLabel``, never a ``skos:prefLabel``), a
``skos:editorialNote`` saying how it was made, and ``nikg:labelGeneratedBy`` the translation activity
(``nikg:MachineTranslation``, PROV-O §3.1) that ``prov:used`` the dictionary (``nikg:Dictionary``, with
its licence, CC BY-SA 4.0). Curated entities, entities with an English label or alias, and people (names
are not words) get none. The step reads only the dictionary lines of the words it needs (~0.2 s); most of
its time is jieba's main dictionary, read once per process and reused by the index step.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV

from . import cedict
from .linking.langdetect import han_count
from .linking.lexicon import normalise
from .namespaces import DCTERMS, ID, NIKG, RDF, RDFS, SKOS
from .segment import jieba_tokenizer

ACTIVITY = ID["activity/translation/cc-cedict"]
DICTIONARY = ID["dictionary/cc-cedict"]
KINDS = frozenset({"ActionPlan", "Action", "Task", "PolicyMeasure", "Goal", "Principle", "Target", "Indicator",
                   "Agency", "Organization", "Post", "Place", "Event", "Facility", "Project"})  # not Person: names are not words
NOTE = ("Machine-made English label (nikg:machineLabel): the Chinese label's words translated one by one "
        "through the CC-CEDICT dictionary (CC BY-SA 4.0), not reviewed by a person.")
# Fixed renderings ("" = dropped): function words, and a few words of official titles and targets whose first
# dictionary sense reads wrong there (月 "moon", 副 "secondary", 以上 "the above-mentioned"). Every other word
# must be in the dictionary.
FIXED = {"的": "", "之": "", "地": "", "了": "", "着": "", "个": "", "项": "", "和": "and", "与": "and", "及": "and", "以及": "and",
         "并": "and", "同": "and", "或": "or", "或者": "or", "至": "to", "等": "etc.", "年": "year", "月": "month", "日": "day",
         "副": "deputy", "要": "must", "以上": "or more", "以下": "or less", "左右": "about", "各": "each", "有关": "relevant",
         "中": "in", "其中": "of which", "率": "rate", "总局": "general administration", "委": "commission", "办": "office",
         "部": "ministry", "局": "bureau", "厅": "department", "区": "district", "省": "province", "市": "city", "县": "county"}
PUNCTUATION = {",": ",", "、": ",", ";": ";", ":": ":", "(": "(", ")": ")", '"': '"', "《": '"', "》": '"',
               "%": "%", "-": "-", "/": "/", ".": "."}
_LATIN = re.compile(r"^[A-Za-z0-9.%+\-]+$")
_ASCII = re.compile(r"^[\x20-\x7e]+$")
_SPACE_BEFORE = re.compile(r'\s+([,;:%)])')
_PARENS = re.compile(r"\([^)]*\)")
_PLACE_TAIL = re.compile(r"\s(?:in|on)\s")  # "Anhui Province in south central China"
_ANNOTATION = re.compile(r"\S*[\u3400-\u9fff]\S*|\[[^\]]*\]")  # "Anhui Province 安徽省[An1 hui1 Sheng3]"
_SPACE_AFTER = re.compile(r"\(\s+")
#: Dates and years are written as ISO 8601 (2031年3月5日 -> 2031-03-05, 2020-2022年 -> 2020-2022), not word by
#: word ("2031 year 3 month 5 day"); a lone 3年 (three years) is a duration and stays words.
_DATE = re.compile(r"(?:(?P<y0>(?:19|20)\d\d)\s*[-–—~至到]\s*)?(?P<y>(?:19|20)\d\d)年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?)?度?")


def _iso(m: re.Match) -> str:
    return (f"{m['y0']}-" if m["y0"] else "") + "-".join([m["y"], *(f"{int(x):02d}" for x in (m["m"], m["d"]) if x)])


def _dated(label: str, cut) -> list[str]:
    """``cut`` (a segmentation) of ``label`` with each date or year one ISO 8601 word (:data:`_DATE`)."""
    words, at = [], 0
    for m in _DATE.finditer(label):
        words += cut(label[at:m.start()]) + [_iso(m)]
        at = m.end()
    return words + cut(label[at:])


def sense(entries: list[cedict.Entry]) -> str | None:
    """The first short sense of a word's entries, up to its first comma or semicolon, ASCII only (Chinese
    cross-references dropped). Common-noun entries before proper-noun ones, and among those the reading
    with most senses first (重点 zhong4dian3 "focus" before chong2dian3 "to recount")."""
    for entry in sorted(entries, key=lambda e: (e.proper, -len(e.glosses))):
        glosses = [re.split(r"[,;]", _ANNOTATION.sub(" ", _PARENS.sub(" ", g)))[0] for g in entry.glosses]
        glosses = [_PLACE_TAIL.split(g)[0] for g in glosses] if entry.proper else glosses
        for s in cedict.short_senses(glosses, skip=cedict.LABEL_SKIP, max_words=6 if entry.proper else 3, lower=not entry.proper):
            s = s.strip()
            if s and _ASCII.match(s) and not s.startswith(("sb", "sth")):
                return s
    return None


def pieces(word: str, known) -> list[str] | None:
    """``word`` as the longest dictionary words of two characters or more (or single characters of
    :data:`FIXED`: 建设部 = 建设 + 部) it is made of, left to right; None if it is not made of such words
    (other single characters of an unknown word are guesses: 贴息 is not 贴 + 息)."""
    out, i = [], 0
    while i < len(word):
        j = next((j for j in range(len(word), i, -1) if word[i:j] in known and (j - i > 1 or word[i] in FIXED)), None)
        if j is None:
            return None
        out.append(word[i:j])
        i = j
    return out


class Translator:
    """Chinese labels -> machine-made English labels, word by word through CC-CEDICT."""

    def __init__(self, labels, max_words: int = 16):
        self.tokenizer = jieba_tokenizer()
        self.max_words = max_words
        self.words = {label: [w for w in _dated(normalise(label), self.tokenizer.lcut) if w.strip()] for label in set(labels)}
        wanted = {w[i:j] for ws in self.words.values() for w in ws if han_count(w)
                  for i in range(len(w)) for j in range(i + 1, len(w) + 1)}
        found = cedict.entries(wanted)
        self.headwords = frozenset(found)
        self.senses = {w: s for w, es in found.items() if (s := sense(es))}

    def word(self, word: str) -> list[str] | None:
        """The English of one jieba word, or None when it is not covered."""
        if word in FIXED:
            return [FIXED[word]] if FIXED[word] else []
        if word in PUNCTUATION:
            return [PUNCTUATION[word]]
        if not han_count(word):
            return [word] if _LATIN.match(word) else []
        if word in self.senses:
            return [self.senses[word]]
        if word in self.headwords:
            return None  # in the dictionary, but with no usable sense
        split = pieces(word, self.senses.keys() | FIXED.keys())
        return [r for p in split for r in self.word(p)] if split else None

    def translate(self, label: str) -> str | None:
        """The machine-made English of ``label``, or None unless every content word is covered."""
        words = self.words.get(label)
        if words is None or not han_count(label) or len(words) > self.max_words:
            return None
        out: list[str] = []
        for w in words:
            got = self.word(w)
            if got is None:
                return None
            out += [g for g in got if not out or g != out[-1]]
        text = _SPACE_AFTER.sub("(", _SPACE_BEFORE.sub(r"\1", " ".join(out))).strip(' ,;:-/"')
        text = text.replace('" ', '"', 1) if text.count('"') == 2 else text.replace('"', "")
        return text[:1].upper() + text[1:] if any(c.isalpha() for c in text) else None


LABELS_FILE = "labels.json"


def cache_key(max_words: int) -> str:
    """What a label's translation depends on: the dictionary, jieba, the longest label and the code that
    translates (the translation of a label depends on nothing else: the other labels only widen the dictionary
    lines read)."""
    import jieba

    from .buildcache import digest, source_digest

    return digest(cedict.version(), jieba.__version__, str(max_words), source_digest(
        "kg/machine_labels.py", "kg/segment.py", "kg/cedict.py", "kg/linking/lexicon.py", "kg/linking/langdetect.py"))


def translations(labels: set[str], max_words: int, cache: Path | None = None) -> dict[str, str | None]:
    """label -> its machine-made English (None: it gets none), for ``labels``; those an earlier build translated
    are read from ``cache/labels.json`` (:func:`cache_key` keys the folder), only the others translated."""
    known: dict = {}
    if cache is not None:
        with contextlib.suppress(OSError, ValueError):
            known = json.loads((cache / LABELS_FILE).read_text(encoding="utf-8"))
        known = {k: v for k, v in known.items() if v is None or isinstance(v, str)} if isinstance(known, dict) else {}
    todo = sorted(set(labels) - known.keys())
    if todo:
        translator = Translator(todo, max_words)
        known.update({label: translator.translate(label) for label in todo})
        if cache is not None:
            tmp = cache / (LABELS_FILE + ".part")
            try:  # written beside and renamed; a full disk leaves the cache as it was
                tmp.write_text(json.dumps(known, ensure_ascii=False, sort_keys=True), encoding="utf-8")
                os.replace(tmp, cache / LABELS_FILE)
            except OSError:
                tmp.unlink(missing_ok=True)
    return {label: known[label] for label in labels}


def candidates(graph) -> dict[URIRef, str]:
    """Entity -> its Chinese prefLabel, for entities of :data:`KINDS` with no English label or alias that
    were not curated."""
    curated = {s for s, _, a in graph.triples((None, PROV.wasGeneratedBy, None)) if (a, RDF.type, NIKG.Curation) in graph}
    out = {}
    for s, _, kind in graph.triples((None, RDF.type, None)):
        if not isinstance(s, URIRef) or str(kind).removeprefix(str(NIKG)) not in KINDS or s in curated:
            continue
        labels = [o for p in (SKOS.prefLabel, SKOS.altLabel) for o in graph.objects(s, p) if isinstance(o, Literal)]
        if any((o.language or "").lower().startswith("en") for o in labels):
            continue
        zh = next((str(o) for o in graph.objects(s, SKOS.prefLabel) if (o.language or "").lower().startswith("zh")), None)
        if zh:
            out[s] = zh
    return out


def provenance(graph) -> None:
    """The translation activity and the dictionary it used (with its licence)."""
    graph.add((ACTIVITY, RDF.type, NIKG.MachineTranslation))
    graph.add((ACTIVITY, RDFS.label, Literal("CC-CEDICT word-by-word label translation", lang="en")))
    graph.add((ACTIVITY, PROV.used, DICTIONARY))
    graph.add((ACTIVITY, DCTERMS.description, Literal(NOTE, lang="en")))
    graph.add((DICTIONARY, RDF.type, NIKG.Dictionary))
    graph.add((DICTIONARY, DCTERMS.title, Literal("CC-CEDICT")))
    graph.add((DICTIONARY, DCTERMS.publisher, Literal("MDBG")))
    graph.add((DICTIONARY, DCTERMS.license, URIRef(cedict.LICENSE)))
    graph.add((DICTIONARY, DCTERMS.source, URIRef(cedict.HOMEPAGE)))
    graph.add((DICTIONARY, OWL.versionInfo, Literal(f"{cedict.version()} (PyPI package {cedict.PACKAGE})")))


def machine_labels(ctx) -> None:
    """Build step (after the extracted and curated layers): a marked, machine-made English label for every
    Chinese-only entity whose words the dictionary covers."""
    found = candidates(ctx.graph)
    if not found:
        ctx.info["machine_labels"] = {"candidates": 0, "labelled": 0}
        return
    from .buildcache import Cache

    max_words = ctx.settings.machine_label_max_words
    english_of = translations(set(found.values()), max_words, Cache.of(ctx.settings).folder("labels", cache_key(max_words)))
    made = 0
    for entity, zh in sorted(found.items()):
        english = english_of[zh]
        if english:
            ctx.graph.add((entity, NIKG.machineLabel, Literal(english, lang="en")))
            ctx.graph.add((entity, NIKG.labelGeneratedBy, ACTIVITY))
            ctx.graph.add((entity, SKOS.editorialNote, Literal(NOTE, lang="en")))
            made += 1
    if made:
        provenance(ctx.graph)
    ctx.info["machine_labels"] = {"candidates": len(found), "labelled": made}


__all__ = ["Translator", "translations", "candidates", "machine_labels", "provenance", "NOTE", "ACTIVITY", "DICTIONARY"]
