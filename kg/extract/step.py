"""The ``extract_facts`` build step: every document's extraction as graph facts, after the curated layer.

Per document: reuse the records of the same text from the build cache (``<data_dir>/cache/extract/``,
:mod:`kg.buildcache`; keyed by the text's sha256 under a key of the extractor's version and code) or from
``<previous build>/extract/<doc>-<sha>.json``, else run the extractor (the documents to extract in one
process per core, :mod:`kg.workers`); keep the records in ``<build>/extract/`` (readable JSON); turn
them into RDF (:func:`kg.extract.graph.extraction_graph`) with curated IRIs where an extracted entity
restates a curated one. Chinese documents go first, so an English report of the same event
(``same_event_as``) reuses their entities. Every document also gets its ``nikg:jurisdiction``
(:func:`kg.scope.jurisdiction`), which scopes linking and answering.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import orjson
import rdflib
from rdflib import Literal, URIRef

from ..buildcache import Cache, digest, source_digest
from ..workers import run_all, workers

from ..documents import Document
from ..namespaces import NIKG
from ..passages import Passage, document_iri
from ..scope import jurisdiction
from . import records
from .graphcache import decoder, document_graph
from .identity import CuratedIndex
from .memberships import one_per_holder
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


#: What extraction reads besides its own package: a change here invalidates the extraction cache.
EXTRACT_SOURCES = ("kg/extract", "kg/quantities.py", "kg/scope.py", "kg/passages.py", "kg/namespaces.py",
                   "kg/documents.py")


def cache_key(fn: Extractor, version: str) -> str:
    """The extraction cache's key: extractor (name, version) and the source of the code it runs."""
    name = f"{getattr(fn, '__module__', '')}.{getattr(fn, '__qualname__', '')}"
    return digest(name, version, source_digest(*EXTRACT_SOURCES))


def _from_cache(folder: Path | None, doc: Document, version: str) -> tuple[Extraction, str] | None:
    """The cached extraction of the document's text and the file's text (:func:`records.dumps` of it)."""
    if folder is None:
        return None
    try:
        text = (folder / f"{doc.id}-{doc.sha256}.json").read_text(encoding="utf-8")
        data = orjson.loads(text)  # the standard library's parser: a third of the step when every file is read
    except (OSError, ValueError):
        return None
    if data.get("extractor_version") != version or data.get("format") != records.FORMAT:
        return None
    return records.from_json(data), text


def extract_all(ctx, docs: list[Document], fn: Extractor,
                version: str) -> tuple[dict[str, Extraction], int, dict[str, str]]:
    """doc id -> its extraction (cached, from the previous build, or extracted now); how many were reused; doc id ->
    the extraction's :func:`records.dumps` text (a cached one: the cache file's), as kept in ``<build>/extract/``."""
    folder = Cache.of(ctx.settings).folder("extract", cache_key(fn, version))
    previous = ctx.previous / "extract" if ctx.previous else None
    out: dict[str, Extraction] = {}
    texts: dict[str, str] = {}
    for doc in docs:
        cached = _from_cache(folder, doc, version)
        if cached is not None:
            out[doc.id], texts[doc.id] = cached
            continue
        got = records.load_cached(previous, doc.id, doc.sha256, version)
        if got is not None:
            out[doc.id], texts[doc.id] = got, records.dumps(got, version)
    todo = [d for d in docs if d.id not in out]
    for doc, ext in zip(todo, run_all(fn, [(d, ctx.passages[d.id]) for d in todo], workers(ctx.settings))):
        out[doc.id], texts[doc.id] = ext, records.dumps(ext, version)
        if folder is not None:
            (folder / f"{doc.id}-{doc.sha256}.json").write_text(texts[doc.id], encoding="utf-8")
    for doc in docs:
        records.save(ctx.out / "extract", doc.id, doc.sha256, texts[doc.id], version)
    return out, len(docs) - len(todo), texts


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
    order = sorted(ctx.documents, key=lambda d: (d.language != "zh", d.id))
    extractions, reused, texts = extract_all(ctx, order, fn, version)
    graphs = Cache.of(ctx.settings).folder("graphs", digest(cache_key(fn, version), rdflib.__version__))
    stats = {"documents": 0, "reused": reused, "extracted": len(order) - reused, "entities": 0, "curated_iris": 0,
             "dropped": 0, "graphs_reused": 0}
    decode = decoder()
    for doc in order:  # a document's graph reads the graph made so far: in the same order in every build
        ext = one_per_holder(extractions.pop(doc.id))  # an org:Membership joins one person
        partner = {k: v for other in doc.same_event_as for k, v in signatures.get(other, {}).items()}
        result, triples, kept = document_graph(graphs, ext, doc, ctx.passages[doc.id], curated, version, partner,
                                               texts[doc.id], decode)
        by_key = ext.by_key()
        signatures[doc.id] = {signature(by_key[k]): iri for k, iri in result.iris.items() if signature(by_key[k])}
        # as `ctx.graph += result.graph`, into the store without Graph.addN's check of every term (rdflib's own terms)
        ctx.graph.store.addN((s, p, o, ctx.graph) for s, p, o in triples)
        stats["graphs_reused"] += kept
        stats["documents"] += 1
        stats["entities"] += len(set(result.iris.values()))
        stats["curated_iris"] += len(result.curated)
        stats["dropped"] += len(result.dropped)
    ctx.info["extract"] = {"extractor_version": version, **stats}


__all__ = ["extract_facts", "document_jurisdictions", "default_extractor"]
