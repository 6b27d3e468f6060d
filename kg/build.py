"""The build pipeline: source texts -> graph + search index -> a new build folder, swapped in atomically.

Each step is a function of the :class:`BuildContext`; :data:`STEPS` runs them in order.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rdflib import Graph

from . import __version__
from .buildcache import Cache
from .documents import Document, load_sources
from .errors import naming
from .extract.step import extract_facts
from .facts import curated_facts
from .ingest.keep import keep_texts
from .machine_labels import machine_labels
from .memgraph import new_graph, release
from .mentions import MENTIONS_FILE, link_mentions
from .namespaces import bind_all
from .passages import Passage, segment
from .rdf import EvidenceLayer, cache_key as evidence_cache_key
from .retired import retire_iris
from .settings import Settings
from .store import current_build, new_build, write_info
from .storepatch import keep_loaded, patch_store, write_nt
from .tables import startup_tables
from .validate_store import validate_store
from .writes import Write, WriteJournal, applied_seq, mark_applied

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class BuildContext:
    """What the steps share: inputs, the growing graph, the output folder.

    ``graph`` holds everything but the evidence layer (documents, paragraphs, passages) and the mentions: the
    first is in ``evidence`` (:class:`kg.rdf.EvidenceLayer`), streamed to ``<out>/evidence.nt``, the second in
    ``mentions`` (streamed to ``<out>/mentions.nt``), both bulk-loaded into the store beside ``graph``; a step
    needing a document's evidence triples asks ``evidence.triples(doc_id)``.
    """

    settings: Settings
    sources_dir: Path
    out: Path  # the (temporary) build folder
    documents: list[Document] = field(default_factory=list)
    passages: dict[str, list[Passage]] = field(default_factory=dict)  # by document id
    graph: Graph = field(default_factory=new_graph)
    info: dict = field(default_factory=dict)
    previous: Path | None = None  # the last good build, for incremental work
    extractor: tuple | None = None  # (function(doc, passages) -> Extraction, version); default kg.extract's
    evidence: EvidenceLayer | None = None  # the evidence layer (not in ``graph``), set by segment_passages
    mentions: dict = field(default_factory=dict)  # passage IRI -> entities it names (not in ``graph``), by link_mentions
    changed: set[str] | None = None  # subjects whose triples differ from the previous store's (by write_store), or None
    pointed: set[str] | None = None  # the IRIs the changed triples point to (by write_store), or None
    background: dict = field(default_factory=dict)  # jobs a step started for a later one (index.encode_ahead)

    def all_passages(self) -> list[Passage]:
        return [p for doc in self.documents for p in self.passages[doc.id]]


def read_sources(ctx: BuildContext) -> None:
    loaded = load_sources(ctx.sources_dir, skip_bad=ctx.settings.skip_bad_sources,
                          max_bytes=int(ctx.settings.source_max_mb * 1_000_000))
    ctx.documents = loaded.documents
    ctx.info["skipped"] = loaded.skipped


EVIDENCE_FILE, GRAPH_FILE = "evidence.nt", "graph.nt"


def segment_passages(ctx: BuildContext) -> None:
    """Passages of every document; the evidence layer streamed to ``<out>/evidence.nt`` (not kept in ``graph``)."""
    ctx.passages = {doc.id: segment(doc) for doc in ctx.documents}
    ctx.evidence = EvidenceLayer(ctx.documents, ctx.passages)
    cache = Cache.of(ctx.settings).folder("evidence", evidence_cache_key())
    with naming(ctx.out / EVIDENCE_FILE):
        ctx.info["evidence_triples"] = ctx.evidence.write(ctx.out / EVIDENCE_FILE, cache)


def write_store(ctx: BuildContext) -> None:
    """Bulk-load the evidence layer's file and the graph (written to a file first, not to one big string); or,
    when the previous build kept the files its store was loaded from, patch a copy of that store with the lines
    that changed (:mod:`kg.storepatch`). The graph, the mentions and the evidence layer are in the files then:
    they are let go of (``ctx.graph`` left empty), so the steps after (the start-up tables read the store) do
    not hold them beside their own tables (at 1,000 documents about 1 GB)."""
    import pyoxigraph

    bind_all(ctx.graph)
    with naming(ctx.out / GRAPH_FILE):
        write_nt(ctx.graph, ctx.out / GRAPH_FILE)
    release(ctx.graph)  # freed as the last reference goes, not by a collection walking every object
    ctx.graph, ctx.mentions, ctx.evidence = new_graph(), {}, None
    names = [name for name in (EVIDENCE_FILE, MENTIONS_FILE, GRAPH_FILE) if (ctx.out / name).is_file()]
    keep = ctx.settings.build_store_patch
    patched = patch_store(ctx.previous, ctx.out, names) if keep else None
    ctx.changed = patched.pop("changed") if patched is not None else None
    ctx.pointed = patched.pop("pointed") if patched is not None else None
    ctx.info["store_patch"] = patched
    store = pyoxigraph.Store(str(ctx.out / "store"))
    if patched is None:
        for name in names:
            store.bulk_load(path=str(ctx.out / name), format=pyoxigraph.RdfFormat.N_TRIPLES)
    if keep:
        keep_loaded(ctx.out, names)
    else:
        for name in names:
            (ctx.out / name).unlink()
    store.flush()
    if patched is None:  # a patched copy: the previous store, optimized, and a small change on top
        store.optimize()
    ctx.info["triples"] = len(store)
    del store  # closes the store before the folder is renamed


def publish_remote(ctx: BuildContext) -> None:
    """With a remote SPARQL backend: load the store's triples into the build's own named graph
    (served once ``current`` points to this build; see :mod:`kg.sparql.publish`)."""
    if ctx.settings.sparql_backend != "remote":
        return
    import pyoxigraph

    from .sparql.publish import drop_graph, graph_of, load_graph

    store = pyoxigraph.Store.read_only(str(ctx.out / "store"))
    data = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
    del store
    graph = graph_of(ctx.out.name.removeprefix(".tmp-"))
    try:
        load_graph(ctx.settings, data, graph)
    except BaseException:
        with contextlib.suppress(Exception):  # the store may be what failed
            drop_graph(ctx.settings, graph)
        raise
    ctx.info["sparql_graph"] = graph
def replay_writes(ctx: BuildContext) -> None:
    """Carry every write the service accepted (the journal of :mod:`kg.writes`) over to the new store."""
    import pyoxigraph

    journal = WriteJournal(ctx.settings.data_dir)
    failed: list[int] = []

    def warn(write: Write, exc: Exception) -> None:
        failed.append(write.seq)
        _say(f"warning: write #{write.seq} of {write.time} no longer applies and was skipped: {exc}")

    last = journal.last_seq()  # writes accepted later reach this build by catch_up (service start-up)
    store = pyoxigraph.Store(str(ctx.out / "store"))
    applied = journal.replay(store, warn=warn, upto=last)
    store.flush()
    ctx.info["triples"] = len(store)
    ctx.info["writes"] = {"replayed": applied, "skipped": failed, "last_seq": last}
    del store  # closes the store before the folder is renamed
    mark_applied(ctx.out, last)


# A step of a package that imports kg (index) is named "module:function" and imported when the build runs,
# as kg/cli.py names each package's commands: kg never imports index at import time (no package cycle).
STEPS: list[Callable[[BuildContext], None] | str] = [
    read_sources,
    keep_texts,
    segment_passages,
    "index.encode_ahead:encode_ahead",  # a rebuild's new documents encoded in a worker while the graph is built
    curated_facts,
    extract_facts,  # after the curated layer: an extracted entity restating a curated one takes its IRI
    link_mentions,
    machine_labels,  # after linking (a machine-made English label links nothing in the texts), before the index uses it
    "index.build_step:search_index",
    retire_iris,
    write_store,
    validate_store,  # the store as built, before the writes: the shapes as SPARQL over it (kg.validate_store)
    replay_writes,  # after the store exists: the accepted writes go on top of what the sources say
    startup_tables,  # the store as served (writes included): what the service reads at start-up
    publish_remote,  # last: the store as served, writes included
]


def step_name(step: Callable[[BuildContext], None] | str) -> str:
    """The name of a step of :data:`STEPS`, a function or a "module:function" name."""
    return step.rsplit(":", 1)[-1] if isinstance(step, str) else step.__name__


def _step(step: Callable[[BuildContext], None] | str) -> Callable[[BuildContext], None]:
    if callable(step):
        return step
    module, name = step.split(":")
    return getattr(importlib.import_module(module), name)


def fingerprint(settings: Settings, sources_dir: Path) -> str:
    """A digest of everything a build depends on: sources, curated data, ontology, code, encoder."""
    h = hashlib.sha256(f"{__version__}|{settings.encoder}|{settings.dense_exact_max}|{settings.skip_bad_sources}|{settings.vector_store}".encode())
    files = sorted(Path(sources_dir).glob("*.*")) + sorted(Path(settings.curated_dir).glob("*.json"))
    for pkg in ("kg", "index", "ontology"):
        files += sorted(p for p in (PACKAGE_ROOT / pkg).rglob("*") if p.suffix in {".py", ".json", ".ttl", ".txt", ".jsonl"}
                        and "sources" not in p.parts and "__pycache__" not in p.parts)
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def is_fresh(settings: Settings, sources_dir: Path) -> bool:
    """True when the current build exists, is readable and was made from the same inputs.

    The write journal (:mod:`kg.writes`) is deliberately not part of the fingerprint: a write is
    applied at once to the store being served (and advances that build's mark), so writes alone
    never make a build stale and never force a rebuild; when the inputs change, the rebuild
    replays them all. The one case writes matter: the current build lacks journaled writes (a
    service wrote to an older build after this one was made): then it is stale, so that
    ``--if-stale`` does not keep serving a store without accepted writes.
    """
    try:
        build = current_build(settings.data_dir)
    except Exception:
        return False
    if settings.sparql_backend == "remote" and not build.info.get("sparql_graph"):
        return False  # built for the embedded engine: publish it
    if applied_seq(build.path) < WriteJournal(settings.data_dir).last_seq():
        return False
    return build.info.get("fingerprint") == fingerprint(settings, sources_dir)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _run_steps(ctx: BuildContext) -> None:
    steps = ctx.info["steps"] = {}  # step -> [wall s, CPU s of this process]
    for i, step in enumerate(map(_step, STEPS), start=1):
        t0, c0 = time.perf_counter(), time.process_time()
        _say(f"[{i}/{len(STEPS)}] {step.__name__.replace('_', ' ')} ...")
        step(ctx)
        steps[step.__name__] = [round(time.perf_counter() - t0, 2), round(time.process_time() - c0, 2)]
        _say(f"[{i}/{len(STEPS)}] {step.__name__.replace('_', ' ')} done in {steps[step.__name__][0]:.1f}s "
             f"(CPU {steps[step.__name__][1]:.1f}s)")


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
        try:
            _run_steps(ctx)
        finally:  # a job a failed build left running: stopped (each is an (executor, future) pair)
            for executor, _ in ctx.background.values():
                executor.shutdown(wait=False, cancel_futures=True)
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
    if settings.sparql_backend == "remote":
        from .sparql.publish import drop_unkept

        drop_unkept(settings)  # graphs of the builds new_build just pruned
    return ctx.info
