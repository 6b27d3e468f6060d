"""The build pipeline: source texts -> graph + search index -> a new build folder, swapped in atomically.

Each step is a function of the :class:`BuildContext`; :data:`STEPS` runs them in order.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rdflib import Graph

from index.build_step import search_index

from . import __version__
from .documents import Document, load_documents
from .extract.step import extract_facts
from .facts import curated_facts
from .mentions import link_mentions
from .namespaces import bind_all
from .passages import Passage, segment
from .rdf import evidence_layer
from .retired import retire_iris
from .settings import Settings
from .store import current_build, new_build, write_info
from .validate import validate_graph

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class BuildContext:
    """What the steps share: inputs, the growing graph, the output folder."""

    settings: Settings
    sources_dir: Path
    out: Path  # the (temporary) build folder
    documents: list[Document] = field(default_factory=list)
    passages: dict[str, list[Passage]] = field(default_factory=dict)  # by document id
    graph: Graph = field(default_factory=Graph)
    info: dict = field(default_factory=dict)
    previous: Path | None = None  # the last good build, for incremental work
    extractor: tuple | None = None  # (function(doc, passages) -> Extraction, version); default kg.extract's

    def all_passages(self) -> list[Passage]:
        return [p for doc in self.documents for p in self.passages[doc.id]]


def read_sources(ctx: BuildContext) -> None:
    ctx.documents = load_documents(ctx.sources_dir)


def segment_passages(ctx: BuildContext) -> None:
    ctx.passages = {doc.id: segment(doc) for doc in ctx.documents}
    ctx.graph += evidence_layer([(doc, ctx.passages[doc.id]) for doc in ctx.documents])


def write_store(ctx: BuildContext) -> None:
    import pyoxigraph

    bind_all(ctx.graph)
    store = pyoxigraph.Store(str(ctx.out / "store"))
    store.bulk_load(ctx.graph.serialize(format="nt", encoding="utf-8"), pyoxigraph.RdfFormat.N_TRIPLES)
    store.flush()
    store.optimize()
    ctx.info["triples"] = len(store)
    del store  # closes the store before the folder is renamed


STEPS: list[Callable[[BuildContext], None]] = [
    read_sources,
    segment_passages,
    curated_facts,
    extract_facts,  # after the curated layer: an extracted entity restating a curated one takes its IRI
    link_mentions,
    search_index,
    validate_graph,  # after every step that adds triples: the whole graph is checked
    retire_iris,
    write_store,
]


def fingerprint(settings: Settings, sources_dir: Path) -> str:
    """A digest of everything a build depends on: sources, curated data, ontology, code, encoder."""
    h = hashlib.sha256(f"{__version__}|{settings.encoder}|{settings.dense_exact_max}".encode())
    files = sorted(Path(sources_dir).glob("*.*")) + sorted(Path(settings.curated_dir).glob("*.json"))
    for pkg in ("kg", "index", "ontology"):
        files += sorted(p for p in (PACKAGE_ROOT / pkg).rglob("*") if p.suffix in {".py", ".json", ".ttl", ".txt", ".jsonl"}
                        and "sources" not in p.parts and "__pycache__" not in p.parts)
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def is_fresh(settings: Settings, sources_dir: Path) -> bool:
    """True when the current build exists, is readable and was made from the same inputs."""
    try:
        build = current_build(settings.data_dir)
    except Exception:
        return False
    return build.info.get("fingerprint") == fingerprint(settings, sources_dir)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_build(settings: Settings, sources_dir: Path | None = None, extractor: tuple | None = None) -> dict:
    """Build everything into a new folder and publish it; return its ``build.json`` content.

    ``extractor`` is ``(function, version)`` replacing ``kg.extract.extract_document`` (for tests and
    evaluation)."""
    sources_dir = Path(sources_dir or settings.sources_dir)
    started = time.perf_counter()
    try:
        previous = current_build(settings.data_dir).path
    except Exception:
        previous = None
    with new_build(settings.data_dir, keep=settings.keep_builds) as out:
        ctx = BuildContext(settings=settings, sources_dir=sources_dir, out=out, previous=previous, extractor=extractor)
        for i, step in enumerate(STEPS, start=1):
            t0 = time.perf_counter()
            _say(f"[{i}/{len(STEPS)}] {step.__name__.replace('_', ' ')} ...")
            step(ctx)
            _say(f"[{i}/{len(STEPS)}] {step.__name__.replace('_', ' ')} done in {time.perf_counter() - t0:.1f}s")
        ctx.info.update(
            built_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            nikg_version=__version__,
            fingerprint=fingerprint(settings, sources_dir),
            sources=str(sources_dir),
            documents=len(ctx.documents),
            passages=len(ctx.all_passages()),
            seconds=round(time.perf_counter() - started, 2),
        )
        write_info(out, ctx.info)
    return ctx.info
