"""The ``extract_facts`` build step: every document's extraction as graph facts, after the curated layer.

Per document: reuse ``<previous build>/extract/<doc>-<sha>.json`` when the text and extractor version
are unchanged, else run the extractor; keep the records in ``<build>/extract/`` (readable JSON); turn
them into RDF (:func:`kg.extract.graph.extraction_graph`) with curated IRIs where an extracted entity
restates a curated one. Chinese documents go first, so an English report of the same event
(``same_event_as``) reuses their entities. Every document also gets its ``nikg:jurisdiction``
(:func:`kg.scope.jurisdiction`), which scopes linking and answering.
"""
from __future__ import annotations

from typing import Callable

from rdflib import Literal, URIRef

from ..documents import Document
from ..namespaces import NIKG
from ..passages import Passage, document_iri
from ..scope import jurisdiction
from . import records
from .graph import extraction_graph
from .identity import CuratedIndex
from .model import Extraction
from .relations import signature

Extractor = Callable[[Document, list[Passage]], Extraction]


def default_extractor() -> tuple[Extractor | None, str]:
    """``kg.extract.extract_document`` and its version, or (None, "") while the package has none."""
    from .. import __version__
    from .. import extract

    fn = getattr(extract, "extract_document", None)
    return fn, str(getattr(extract, "VERSION", None) or __version__)


def document_jurisdictions(documents: list[Document]) -> dict[str, str]:
    """doc id -> the place it is about; a document naming none takes its ``same_event_as`` partner's."""
    own = {d.id: jurisdiction(d.title, d.text) for d in documents}
    for d in documents:
        if own[d.id] is None:
            own[d.id] = next((own[o] for o in d.same_event_as if own.get(o)), None)
    return {k: v for k, v in own.items() if v}


def _extract(ctx, doc: Document, fn: Extractor, version: str) -> tuple[Extraction, bool]:
    previous = ctx.previous / "extract" if ctx.previous else None
    cached = records.load_cached(previous, doc.id, doc.sha256, version)
    ext = cached if cached is not None else fn(doc, ctx.passages[doc.id])
    records.save(ctx.out / "extract", doc.id, doc.sha256, ext, version)
    return ext, cached is not None


def extract_facts(ctx) -> None:
    """Build step (after ``curated_facts``): extracted entities of every document, and jurisdictions."""
    places = document_jurisdictions(ctx.documents)
    for doc_id, place in places.items():
        ctx.graph.add((URIRef(document_iri(doc_id)), NIKG.jurisdiction, Literal(place)))
    fn, version = getattr(ctx, "extractor", None) or default_extractor()
    if fn is None:
        ctx.info["extract"] = {"extractor": "none (kg.extract.extract_document is not available)"}
        return
    curated = CuratedIndex(ctx.graph)
    curated.places = places
    signatures: dict[str, dict[tuple, URIRef]] = {}
    stats = {"documents": 0, "reused": 0, "entities": 0, "curated_iris": 0, "dropped": 0}
    for doc in sorted(ctx.documents, key=lambda d: (d.language != "zh", d.id)):
        ext, reused = _extract(ctx, doc, fn, version)
        partner = {k: v for other in doc.same_event_as for k, v in signatures.get(other, {}).items()}
        result = extraction_graph(ext, doc, ctx.passages[doc.id], curated, version, partner)
        by_key = ext.by_key()
        signatures[doc.id] = {signature(by_key[k]): iri for k, iri in result.iris.items() if signature(by_key[k])}
        ctx.graph += result.graph
        stats["documents"] += 1
        stats["reused"] += reused
        stats["entities"] += len(set(result.iris.values()))
        stats["curated_iris"] += len(result.curated)
        stats["dropped"] += len(result.dropped)
    ctx.info["extract"] = {"extractor_version": version, **stats}


__all__ = ["extract_facts", "document_jurisdictions", "default_extractor"]
