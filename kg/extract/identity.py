"""Which IRI an extracted mention gets: the curated entity it restates, or one minted from its document.

Minted IRIs are ``id:<class>/<document id>/<slug of the normalised label>`` (class in lower case, as
the curated ones: ``id:task/<doc>/...``): stable across rebuilds while the text is unchanged. Agencies
and places named absolutely (工业和信息化部, 北京市发展和改革委员会) are shared by the documents naming
them: ``id:agency/<slug>``; relative names (市发展改革委) stay in their document. A
mention restates a curated entity when both are of the same class and the curated entity's evidence
passages overlap the mention's (same document by construction); among several such curated entities
the one whose label or quotes share most with the mention wins, and each curated IRI is taken by one
mention only (the best).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import PROV

from ..memgraph import new_graph
from ..namespaces import ID, NIKG, RDF, SKOS

MAX_SLUG = 48


def slug(label: str) -> str:
    """Lower-case words of ``label`` (Han characters kept) joined by '-'; long labels end in a digest."""
    text = unicodedata.normalize("NFKC", label).casefold()
    text = re.sub(r"[^\w\u3400-\u9fff]+", "-", text).strip("-_") or "x"
    if len(text) > MAX_SLUG:
        digest = hashlib.sha1(text.encode()).hexdigest()[:8]
        text = text[:MAX_SLUG - 9].rstrip("-") + "-" + digest
    return text


SHARED_KINDS = frozenset({"Agency", "Place"})


def minted_iri(doc_id: str, kind: str, label: str) -> URIRef:
    """``id:<class>/<doc>/<slug>``; an agency or place whose name states itself absolutely (农业农村部,
    北京市发展和改革委员会, 四川) is one entity across documents: ``id:<class>/<slug>``."""
    from ..scope import is_scoped

    if kind in SHARED_KINDS and not is_scoped(label, {kind}):
        return ID[f"{kind.lower()}/{slug(label)}"]
    return ID[f"{kind.lower()}/{doc_id}/{slug(label)}"]


def _bigrams(text: str) -> set[str]:
    t = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).casefold())
    return {t[i:i + 2] for i in range(len(t) - 1)} or {t}


def similarity(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / max(len(x | y), 1)


@dataclass
class CuratedEntity:
    iri: URIRef
    kind: str
    evidence: set[str]
    texts: list[str] = field(default_factory=list)  # labels, aliases, quotes
    names: list[str] = field(default_factory=list)  # labels and aliases


class CuratedIndex:
    """The curated entities of a graph by class and evidence passage."""

    def __init__(self, graph: Graph | None):
        self.graph = graph if graph is not None else new_graph()
        self.by_passage: dict[tuple[str, str], list[CuratedEntity]] = defaultdict(list)
        self.by_name: dict[tuple[str, str], list[CuratedEntity]] = defaultdict(list)
        self.places: dict[str, str] = {}  # document id -> jurisdiction (set by the build step)
        curated = set(self.graph.subjects(RDF.type, NIKG.Curation))
        for s, activity in self.graph.subject_objects(PROV.wasGeneratedBy):
            if activity not in curated:
                continue
            for cls in self.graph.objects(s, RDF.type):
                kind = str(cls).rsplit("#", 1)[-1]
                ent = CuratedEntity(s, kind, {str(p) for p in self.graph.objects(s, NIKG.evidence)},
                                    [str(t) for prop in (SKOS.prefLabel, SKOS.altLabel, NIKG.quote)
                                     for t in self.graph.objects(s, prop)],
                                    [str(t) for prop in (SKOS.prefLabel, SKOS.altLabel) for t in self.graph.objects(s, prop)])
                for p in ent.evidence:
                    self.by_passage[(kind, p)].append(ent)
                for prop in (SKOS.prefLabel, SKOS.altLabel):
                    for name in self.graph.objects(s, prop):
                        self.by_name[(kind, _norm(str(name)))].append(ent)

    def candidates(self, kind: str, evidence: set[str], label: str = "") -> list[CuratedEntity]:
        """Curated entities of ``kind`` stated in the same passages, or named exactly ``label`` (a name
        or alias) in the same document or one of the same jurisdiction: the press release names 市政府
        in one passage and is quoted for 上海市人民政府 in another; a later Shanghai text's 市发展改革委 is
        the Shanghai commission."""
        seen: dict[URIRef, CuratedEntity] = {}
        for p in evidence:
            for ent in self.by_passage.get((kind, p), []):
                seen.setdefault(ent.iri, ent)
        docs = {_document(p) for p in evidence}
        places = {self.places[d] for d in docs if self.places.get(d)}
        for ent in self._named(kind, label, places):
            ent_docs = {_document(p) for p in ent.evidence}
            if docs & ent_docs or places & {self.places[d] for d in ent_docs if self.places.get(d)}:
                seen.setdefault(ent.iri, ent)
        return list(seen.values())

    def _named(self, kind: str, label: str, places: set[str]) -> list[CuratedEntity]:
        """Curated entities named ``label``, or ``label`` without its jurisdiction's prefix (上海临港新片区)."""
        names = {_norm(label)} if label else set()
        for place in places:
            for prefix in {place, place.removesuffix("市"), place.removesuffix("省")} - {""}:
                if label.startswith(prefix) and len(label) > len(prefix) + 1:
                    names.add(_norm(label[len(prefix):]))
        return [ent for name in names for ent in self.by_name.get((kind, name), [])]

    def has(self, s: URIRef, p: URIRef) -> bool:
        return (s, p, None) in self.graph

    def has_object(self, p: URIRef, o: URIRef) -> bool:
        return (None, p, o) in self.graph


def _norm(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold().strip()


def _document(passage_iri: str) -> str:
    """The document id in a passage IRI ``.../passage/<doc>/p001s01``."""
    return passage_iri.rsplit("/", 2)[-2]


MIN_LIKENESS = 0.2  # below this the mention is another entity stated in the same passage


def score(label: str, evidence: set[str], ent: CuratedEntity) -> float:
    """How well a curated entity fits a mention: label/quote likeness, then shared passages (0: no fit)."""
    text = max((similarity(label, t) + (0.5 if label and label in t else 0.0) for t in ent.texts), default=0.0)
    if text < MIN_LIKENESS:
        return 0.0
    return len(evidence & ent.evidence) / max(len(ent.evidence), 1) + 2 * text


def assign(mentions: list[tuple[str, str, str, set[str]]], curated: CuratedIndex) -> dict[str, URIRef]:
    """key -> curated IRI for the mentions ``(key, kind, label, evidence)`` that restate a curated entity;
    one mention per curated IRI, best fits first, except that every mention named exactly by one of a
    curated entity's names takes it (市政府 and 上海市人民政府 in one document are one agency)."""
    options = []
    for key, kind, label, evidence in mentions:
        for ent in curated.candidates(kind, evidence, label):
            fit = score(label, evidence, ent)
            if fit > 0:
                exact = _norm(label) in {_norm(t) for t in ent.names}
                options.append((fit, key, ent.iri, exact))
    taken: dict[str, URIRef] = {}
    used: set[URIRef] = set()
    for _, key, iri, exact in sorted(options, key=lambda t: (-t[0], t[1], str(t[2]))):
        if key not in taken and (exact or iri not in used):
            taken[key] = iri
            used.add(iri)
    return taken


__all__ = ["slug", "minted_iri", "CuratedIndex", "assign", "similarity"]
