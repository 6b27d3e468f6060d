"""Which documents a question is about, so it is answered only from facts of those documents.

A question naming a place (北京, Beijing, 四川, 全国) is about the documents whose ``nikg:jurisdiction``
is that place; one naming none is about every document. A question naming a year is answered only
from a fact whose document states that year (or whose deadline or date falls in it); one naming an
organisation of the graph only from a fact of a document that organisation is evidenced in, or whose title (a
national document's text) writes its name. Facts
know their documents through their evidence passages. A question about Beijing is thus never
answered with a Shanghai fact: it gets no answer.

A national document (jurisdiction 国家) that names the place in its text (a State Council circular on an
accident in 安徽, an earthquake in 云南) is about it too, but only for what the question names with that
place: an entity linked in the question whose own name states it (安徽芦岭煤矿“5·13”事故). Its other facts
are national, so they answer no question about the place, unless its title names the place: a reply to a
province (国务院办公厅关于四川省在温家宝总理考察工作时所提问题…的函) is about that province throughout (its visit
to 你省 is the visit to 四川).
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import cached_property

from ..names import pinyin_words, spelled
from ..namespaces import ID, sparql_prologue
from ..scope import NATION, place_forms, place_words, places_in
from .titled import TitlePlaces

_DOCS = sparql_prologue() + """
SELECT ?doc ?place ?title WHERE { ?d a nikg:Document ; dcterms:identifier ?doc . OPTIONAL { ?d nikg:jurisdiction ?place }
  OPTIONAL { ?d dcterms:title ?title } }"""
DOC_TEXTS = sparql_prologue() + """
SELECT ?doc ?text WHERE { ?p a nikg:Passage ; dcterms:isPartOf ?d ; nikg:text ?text . ?d dcterms:identifier ?doc }"""
"""Every passage's text with its document's id (also read by :mod:`kg.answer.bilingual`: one query, one
replayed table)."""
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_PASSAGE = str(ID) + "passage/"


def documents_of(evidence: list[str]) -> set[str]:
    """Document ids of evidence passage IRIs."""
    return {e[len(_PASSAGE):].split("/", 1)[0] for e in evidence if e.startswith(_PASSAGE)}


class QuestionScope:
    """Documents' places and years, read once from the store."""

    def __init__(self, store, catalogue=None):
        self.places: dict[str, str | None] = {}
        self.titled: dict[str, set[str]] = defaultdict(set)  # the places a document's title names
        self.titles: dict[str, str] = {}
        for row in store.query(_DOCS):
            self.places[row["doc"].value] = row["place"].value if row["place"] is not None else None
            if row["title"] is not None:
                self.titled[row["doc"].value].update(places_in(row["title"].value))
                self.titles[row["doc"].value] = row["title"].value
        self.years: dict[str, set[str]] = defaultdict(set)
        texts: dict[str, list[str]] = defaultdict(list)
        for row in store.query(DOC_TEXTS):
            self.years[row["doc"].value].update(_YEAR.findall(row["text"].value))
            texts[row["doc"].value].append(row["text"].value)
        self.texts = {d: "\n".join(t) for d, t in texts.items() if self.places.get(d) == NATION}
        self.catalogue = catalogue
        self._writes_cache: dict[tuple[str, str], bool] = {}  # (document, agency) -> whether it writes its name
        self.store, self._place_cache = store, {}  # (document, place word) -> whether its title or text writes it

    @cached_property
    def title_places(self) -> TitlePlaces:
        return TitlePlaces(self.titles)

    def documents(self, question: str) -> frozenset[str]:
        """The documents a question may be answered from (empty: none is about the places it names): those of the
        gazetteer places it names, and those whose titles name a place it names (:mod:`kg.answer.titled`)."""
        named, titled = places_in(question), self.title_places.documents(question)
        if not named:
            return titled or frozenset(self.places)
        return frozenset({d for d, place in self.places.items() if place in named} | self._naming(named) | titled)

    def _naming(self, named: list[str]) -> set[str]:
        """National documents whose text names every place in ``named`` (one of its surface forms)."""
        forms = [place_forms(p) for p in named if p != NATION]
        return {d for d, text in self.texts.items() if forms and all(any(f in text for f in fs) for fs in forms)}

    def allows(self, question: str, docs: frozenset[str], evidence: list[str], linked: list = (),
               dates: list[str] = ()) -> bool:
        """Whether a fact evidenced in ``evidence`` (with these ISO ``dates``) may answer the question."""
        mine = documents_of(evidence) & docs
        if not mine:
            return False
        named = set(places_in(question)) - {NATION}
        if (named and not any(self.places.get(d) in named or named & self.titled[d] for d in mine)
                and not _names_place(linked, named) and not mine & self.title_places.documents(question)):
            return False  # a national document: only what the question names with the place
        for year in set(_YEAR.findall(question)):
            if not any(year in self.years.get(d, ()) for d in mine) and not any(x.startswith(year) for x in dates):
                return False
        for m in linked:
            entity = self.catalogue.get(m.iri) if self.catalogue is not None else None
            if (entity is not None and "Agency" in entity.type_names and entity.documents and not entity.documents & mine
                    and not self._writes(mine, entity)):
                return False
        return True

    def _writes(self, docs: set[str], entity) -> bool:
        """Whether one of ``docs`` writes the agency's name in its title, or a national one in its text (经国务院同意:
        a body the extraction leaves out as boilerplate is still named there)."""
        return any(self._written(d, entity) for d in docs)

    def _written(self, doc: str, entity) -> bool:
        """Whether ``doc``'s title or (national) text writes one of the entity's names; each pair read once, as
        :meth:`allows` runs for every fact a question ranks."""
        key = (doc, entity.iri)
        if key not in self._writes_cache:
            names = [name for name, _, _ in entity.names() if len(name) >= 2]
            self._writes_cache[key] = any(n in self.titles.get(doc, "") or n in self.texts.get(doc, "") for n in names)
        return self._writes_cache[key]


    def writes_places(self, question: str, evidence: list[str]) -> bool:
        """Whether a document of ``evidence`` writes every place word of the question that no gazetteer lists
        (锡林浩特市, 东岭区: :func:`place_words`), in its title or text; checked on an answer, so that a question about a
        place no document names gets none (a gazetteer place is the scope of :meth:`allows`)."""
        words = [w for w in place_words(question) if not places_in(w)]
        docs = documents_of(evidence)
        return not words or not docs or any(all(self._writes_place(d, w) for w in words) for d in docs)

    def spells_places(self, question: str, evidence: list[str]) -> bool:
        """Whether a document of ``evidence`` spells every place an English question names in pinyin with its kind
        (Chiping district, Xia County) that no gazetteer lists, so that a question about a place no document names
        gets no answer, as :meth:`writes_places` does for a Chinese one. A capitalised word alone is not taken for a
        place here: English words spell pinyin too (Inner, Chinese)."""
        places, docs = pinyin_places(question, kinds_only=True), documents_of(evidence)
        return not places or not docs or any(self.spells_all(d, places) for d in docs)

    def spells_all(self, doc: str, places: list[tuple[str, str]]) -> bool:
        """Whether ``doc`` spells each of ``places`` (:func:`pinyin_places`), by its name or its name and kind."""
        return all(self.spells_place(doc, name) or self.spells_place(doc, kind) for name, kind in places)

    def _writes_place(self, doc: str, word: str) -> bool:
        """Whether ``doc``'s title or text writes the place ``word`` names (龙湾区), or its title writes it without its
        suffix (龙湾)."""
        key = (doc, word)
        if key not in self._place_cache:
            if len(self._place_cache) > _PLACE_CACHE_MAX:  # words come from users' questions: keep the cache bounded
                self._place_cache.clear()
            short = word[:-3] if word.endswith("自治区") else word[:-1]  # every form of the name contains it
            short = short if len(short) >= 2 else word
            texts = [r["text"].value for r in self.store.query(PASSAGES % (ID + f"document/{doc}"))]
            title = self.titles.get(doc, "")  # the name without its suffix counts in the title only: 青山 of 绿水青山
            self._place_cache[key] = short in title or any(word in t for t in [title, *texts])
        return self._place_cache[key]


    def spells_place(self, doc: str, word: str) -> bool:
        """Whether ``doc``'s title or text writes a place an English question names in pinyin (huarong: 华容; on
        syllable bounds, :func:`kg.answer.bilingual.spelled`)."""
        key = (doc, "pinyin:" + word)
        if key not in self._place_cache:
            if len(self._place_cache) > _PLACE_CACHE_MAX:
                self._place_cache.clear()
            texts = [r["text"].value for r in self.store.query(PASSAGES % (ID + f"document/{doc}"))]
            self._place_cache[key] = any(word in spelled(t) for t in [self.titles.get(doc, ""), *texts])
        return self._place_cache[key]


_PLACE_CACHE_MAX = 50_000
PASSAGES = sparql_prologue() + """
SELECT ?p ?text WHERE { ?p a nikg:Passage ; dcterms:isPartOf <%s> ; nikg:text ?text }"""
"""A document's passages (by its IRI), as (?p, ?text): also read by :mod:`kg.answer.issued` and :mod:`kg.answer.basis`."""


_PLACE_EN = re.compile(r"(?<=[\s(])([A-Z][a-z']+)(?:'s)? ((?i:county|district|city|province|town|township|prefecture))\b")
_KIND_PINYIN = {"county": "xian", "district": "qu", "city": "shi", "province": "sheng", "town": "zhen", "township": "xiang",
                "prefecture": "zhou"}


def pinyin_places(question: str, kinds_only: bool = False) -> list[tuple[str, str]]:
    """(name, name and kind) in pinyin of each place an English question names that no gazetteer lists: Xia County ->
    (xia, xiaxian), as a one-syllable name is matched with its kind (夏县); unless ``kinds_only``, a capitalised pinyin
    word alone too (Wuxi -> (wuxi, wuxi))."""
    known = {form.lower() for p in places_in(question) for form in place_forms(p)}
    places = [(w, w + _KIND_PINYIN[kind.lower()]) for w, kind in
              ((name.lower().replace("'", ""), kind) for name, kind in _PLACE_EN.findall(question)) if w not in known]
    if kinds_only:
        return places
    return places + [(w, w) for w in pinyin_words(question) if w not in known and w not in {p for p, _ in places}]


def _names_place(linked: list, named: set[str]) -> bool:
    """Whether an entity linked in the question (not a place itself) states one of the ``named`` places."""
    return any(named & set(places_in(getattr(m, "surface", ""))) for m in linked if getattr(m, "type", "") != "Place")


__all__ = ["QuestionScope", "documents_of", "pinyin_places", "place_words", "PASSAGES"]
