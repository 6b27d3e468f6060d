"""Every name of every linkable entity of the catalogue, keyed for matching in Chinese and English.

A scoped name (:func:`kg.scope.is_scoped`: 行动方案, 市发展改革委, "press conference") carries the
documents its entity is evidenced in and links only in a text of one of them.
Chinese names (any name with a Han character) are matched as character strings on jieba token
boundaries; the others (English names, and Latin names such as "5G" or "NDRC" in either text) as
sequences of word tokens, case-insensitive except for acronyms, each word singular or plural.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..catalogue import Catalogue, Entity
from ..scope import is_scoped
from .langdetect import han_count

# Kinds of entity that are facts or text, not named things a reader links (nikg local names).
# Tasks, goals and posts are named by whole clauses ("新建10万个电动汽车智能充电桩", "市发展改革委主任"):
# statements about entities, not names a reader links; the entities inside them are linked instead.
NOT_LINKED = frozenset({"Target", "Indicator", "DeclaredCount", "Document", "Passage", "Paragraph", "Task", "Goal",
                        "Post", "Discrepancy", "Quantity"})
# Characters replaced one for one (so offsets stay valid) before matching.
_CHAR_MAP = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u3000": " ",
                           "\u00a0": " ", **{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}})
_QUOTES = "\"'“”‘’《》「」『』"
# Quotes and hyphens are no tokens: "Shanghai version of “new infrastructure”" names the plan,
# "social governance" matches "social-governance".
_EN_TOKEN = re.compile(r"[A-Za-z0-9]+|[^\sA-Za-z0-9\u3400-\u9fff\"“”\-]")
PREFERRED, ALIAS = 1.0, 0.9


def normalise(text: str) -> str:
    """Same length as ``text``: full-width forms to ASCII, curly quotes and dashes to plain ones."""
    return text.translate(_CHAR_MAP)


def singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and (word.endswith(("ches", "shes", "xes", "sses"))):
        return word[:-2]
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def en_tokens(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) of a normalised text: runs of letters/digits and single symbols."""
    return [(m.group(), m.start(), m.end()) for m in _EN_TOKEN.finditer(text)]


def en_key(tokens: list[str]) -> tuple[str, ...]:
    """Lower-cased, each word singular ("charging piles for electric vehicles")."""
    return tuple(singular(t.lower()) for t in tokens)


def is_acronym(surface: str) -> bool:
    """Short names written with capitals (NDRC, AI, IoT, 5G) must match with their case."""
    if " " in surface or len(surface) > 5:
        return False
    capitals = sum(c.isupper() for c in surface)
    return capitals >= 2 or (capitals == 1 and any(c.isdigit() for c in surface))


@dataclass(frozen=True)
class Name:
    """One way to name an entity."""

    iri: str
    surface: str  # normalised
    lang: str
    preferred: bool
    exact_case: bool = False
    scope: frozenset[str] | None = None  # a scoped name (行动方案, 发改委) links only in these documents

    def allowed(self, documents: frozenset[str] | None) -> bool:
        """Whether the name may link in a text of ``documents`` (None: a text of no known document)."""
        return self.scope is None or bool(documents and self.scope & documents)

    @property
    def prior(self) -> float:
        """How sure a bare match of this name is: preferred labels most, short aliases least."""
        base = PREFERRED if self.preferred else ALIAS
        short = len(self.surface) <= 2 if han_count(self.surface) else len(self.surface) <= 3
        return base * (0.85 if short and not self.preferred else 1.0)


class Lexicon:
    """Names by matching key; built once from a :class:`Catalogue`."""

    def __init__(self, catalogue: Catalogue, skip_types: frozenset[str] = NOT_LINKED):
        self.catalogue = catalogue
        self.zh: dict[str, list[Name]] = defaultdict(list)
        self.en: dict[tuple[str, ...], list[Name]] = defaultdict(list)
        self._seen: set[tuple[str, str]] = set()  # (iri, surface) added: a surface has one bucket
        kinds = _type_names(catalogue)
        places = frozenset(name for e in catalogue.entities.values() if "Place" in kinds[e.iri]
                           for name, _, _ in e.names())
        for entity in catalogue.entities.values():
            names = kinds[entity.iri]
            if names and not skip_types.intersection(names):
                for surface, lang, preferred in _names(entity):
                    scope = frozenset(entity.documents) if is_scoped(surface, names, places) else None
                    self._add(Name(entity.iri, surface, lang, preferred, is_acronym(surface), scope))
                    if "Agency" in names and (short := state_council_short(surface)):
                        self._add(Name(entity.iri, short, lang, False, False, scope))
        self.max_zh = max((len(k) for k in self.zh), default=0)
        self.max_en = max((len(k) for k in self.en), default=0)

    def _add(self, name: Name) -> None:
        if (name.iri, name.surface) in self._seen:  # once per entity and surface (was a scan of the bucket: a
            return  # name every document's plan has, 市发展改革委, made it quadratic in the documents)
        self._seen.add((name.iri, name.surface))
        bucket = self.zh[name.surface] if han_count(name.surface) else self.en[en_key([t for t, _, _ in en_tokens(name.surface)])]
        bucket.append(name)

    def zh_words(self) -> list[str]:
        """The Chinese names, for jieba's user dictionary (:func:`chinese_names` of its catalogue)."""
        return sorted(self.zh)

    def entity(self, iri: str) -> Entity:
        return self.catalogue.entities[iri]


#: A body of the State Council (国务院第二次全国污染源普查领导小组, 国务院职业教育工作部际联席会议) is written without
#: 国务院 as often as with it; the rest, six characters at least, names it too (for lookup only: no alias of the graph).
_STATE_COUNCIL, _MIN_SHORT = "国务院", 6


def state_council_short(surface: str) -> str | None:
    """A State Council body's name without 国务院 (see :data:`_STATE_COUNCIL`), or None."""
    rest = surface.removeprefix(_STATE_COUNCIL)
    return rest if rest != surface and len(rest) >= _MIN_SHORT and han_count(rest) == len(rest) else None


def chinese_names(catalogue: Catalogue, skip_types: frozenset[str] = NOT_LINKED) -> list[str]:
    """The keys of :attr:`Lexicon.zh` (its :meth:`~Lexicon.zh_words`) without making the lexicon's names, their
    scopes and English keys: what a tokenizer alone needs (the build's start-up tables, :mod:`kg.tables_answerer`)."""
    kinds = _type_names(catalogue)
    words: set[str] = set()
    for entity in catalogue.entities.values():
        names = kinds[entity.iri]
        if names and not skip_types.intersection(names):
            for surface, _, _ in _names(entity):
                if han_count(surface):
                    words.add(surface)
                if "Agency" in names and (short := state_council_short(surface)):
                    words.add(short)
    return sorted(words)


def _type_names(catalogue: Catalogue) -> dict[str, list[str]]:
    """Entity IRI -> :attr:`Entity.type_names`, made once per distinct list of types (at a million triples
    97k entities have a handful of them; asking each entity three times was a third of the lexicon's time)."""
    made: dict[tuple[str, ...], list[str]] = {}
    out = {}
    for iri, entity in catalogue.entities.items():
        key = tuple(entity.types)
        names = made.get(key)
        if names is None:
            names = made[key] = entity.type_names
        out[iri] = names
    return out


def _names(entity: Entity) -> list[tuple[str, str, bool]]:
    """The entity's names, normalised, stripped of enclosing quotes; nothing shorter than 2 characters."""
    out = []
    for surface, lang, preferred in entity.names():
        text = normalise(surface).strip()
        bare = text.strip(_QUOTES).strip()
        text = bare if not any(q in bare for q in _QUOTES) else text
        if len(text) >= 2 and (text, preferred) not in {(t, p) for t, _, p in out}:
            out.append((text, lang, preferred))
    return out
