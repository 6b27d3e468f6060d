"""SHACL validation of a build's graph one document at a time, with a cache of subgraphs that conformed.

The graph is split by subject (:func:`partition`): the triples of a document's IRIs (``id:document/<doc>``,
its paragraphs and passages, the entities and extraction activities minted in it: ``id:<kind>/<doc>/...``)
form that document's subgraph; every other subject (curated entities, entities shared across documents,
alignments) is in the shared part. Each part is validated with the shapes as the focus nodes (its subjects,
pySHACL ``focus_nodes``), over the part plus its *context*: the ``rdf:type`` and ``dcterms:language`` of
every node it points to and the ``nikg:hasTask`` triples pointing at its subjects, plus the ontology
(SHACL §3.2 "SHACL instance" needs ``rdfs:subClassOf``). That is all the shapes reach beyond a focus node's
own triples (sh:class §4.1.3, the inverse path (with the types of its values) of TaskShape §2.3.1.4, the qualified shapes on evidence
language §4.7.3, the SPARQL constraints §5.1 through ``prov:wasGeneratedBy/a`` and ``dcterms:isPartOf``), so
the results are those of one pass over the whole graph, and a violation names the document it is in.

A part that conformed is remembered by the sha1 of its sorted N-Triples (part and context) in
``<data_dir>/cache/shacl/<key>/`` (:mod:`kg.buildcache`), so a rebuild validates only what changed.
"""
from __future__ import annotations

import hashlib
import itertools
import zlib
from collections import defaultdict
from pathlib import Path
from typing import Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from ontology import SHAPES_PATH

from .buildcache import Cache, digest, source_digest
from .memgraph import new_graph, union
from .namespaces import DCTERMS, ID, NIKG
from . import shacl_sparql
from .validate import Report, Violation, _split_shapes, _violations, ontology_graph
from .workers import run_stream, workers

SHARED = ""  # the part of subjects no single document owns (split in SHARED_BUCKETS parts by subject)
SHARED_BUCKETS = 32  # so a new document's quotes on a shared entity re-validate a few buckets, not all
BATCH = 8  # parts validated in one pySHACL call
CONTEXT_PROPS = (RDF.type, DCTERMS.language)


def owner(node, doc_ids: set[str]) -> str:
    """The document an IRI belongs to (``id:<kind>/<doc>/...``, ``id:activity/<what>/<doc>/...``), else SHARED."""
    text = str(node)
    if not isinstance(node, URIRef) or not text.startswith(str(ID)):
        return SHARED
    parts = text[len(str(ID)):].split("/")
    candidates = parts[1:3] if parts[0] == "activity" else parts[1:2]
    return next((p for p in candidates if p in doc_ids), SHARED)


def unread() -> set[URIRef]:
    """Predicates no shape reads: ``nikg:mentions`` (links from passages to what they name, the largest
    share of a corpus's triples), unless ``ontology/shapes.ttl`` names it (no path, target or SPARQL
    constraint does, and no shape is sh:closed). Leaving them out changes no result, and adding a document
    whose names occur in other documents' passages does not re-validate those documents."""
    text = SHAPES_PATH.read_text(encoding="utf-8")
    return set() if "mentions" in text or "sh:closed" in text else {NIKG.mentions}


def partition(graph: Graph, doc_ids: set[str]) -> dict[str, list[tuple]]:
    """document id (or SHARED) -> the triples whose subject it owns (the ontology's own triples left out:
    every check adds the ontology; so are the predicates of :func:`unread`)."""
    parts: dict[str, list[tuple]] = defaultdict(list)  # a graph yields each triple once
    owners: dict = {}
    ontology = set(ontology_graph())  # a set of the same terms: membership as the graph's, without its indexes
    skip = unread()
    for s, p, o in graph:
        if p in skip or (s, p, o) in ontology:
            continue
        key = owners.get(s)
        if key is None:
            key = owners[s] = owner(s, doc_ids) or f"{SHARED}#{zlib.crc32(str(s).encode()) % SHARED_BUCKETS}"
        parts[key].append((s, p, o))
    return dict(parts)


def context(triples: list[tuple], graph: Graph, evidence=None, own=None) -> Graph:
    """What the shapes read beyond a part's own ``triples`` (see the module docstring); ``evidence`` (a
    :class:`kg.rdf.EvidenceLayer`) gives the types of evidence nodes that are not in ``graph``; ``own`` (a
    :class:`kg.rdf.EvidenceSummary`): the part's evidence triples, as if they were in ``triples``."""
    ctx = new_graph()
    subjects = {s for s, _, _ in triples} | (own.subjects if own is not None else frozenset())
    objects = {o for _, _, o in triples if isinstance(o, URIRef)} | (own.objects if own is not None else frozenset())
    for o in objects - subjects:
        for prop in CONTEXT_PROPS:
            for value in graph.objects(o, prop):
                ctx.add((o, prop, value))
        for prop, value in (evidence.context(o) if evidence is not None else ()):
            ctx.add((o, prop, value))
    for s in subjects:
        for x in graph.subjects(NIKG.hasTask, s):  # the inverse path of TaskShape, and its sh:class nikg:Action
            ctx.add((x, NIKG.hasTask, s))
            for value in graph.objects(x, RDF.type):
                ctx.add((x, RDF.type, value))
    return ctx


class Names:
    """Each IRI's and blank node's ``n3()``, made once per build (rdflib checks an IRI on every call); a literal's
    is made each time (equal literals may be written differently)."""

    def __init__(self):
        self.memo: dict = {}

    def __call__(self, term) -> str:
        if isinstance(term, Literal):
            return term.n3()
        text = self.memo.get(term)
        if text is None:
            text = self.memo[term] = term.n3()
        return text


def fingerprint(triples: list[tuple], ctx: Graph, evidence: str | None = None, n3: Names | None = None) -> str:
    """sha1 of the sorted N-Triples of ``triples`` and ``ctx``, and of ``evidence``: the digest of the part's
    evidence triples (:class:`kg.rdf.EvidenceSummary`), which stands for them (not written out again); ``n3``:
    the names made so far."""
    n3 = n3 or Names()
    lines = sorted({f"{n3(s)} {n3(p)} {n3(o)}" for s, p, o in [*triples, *ctx]})
    text = "\n".join(lines) + (f"\n# evidence {evidence}" if evidence is not None else "")
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def cache_key() -> str:
    import pyshacl

    return digest(pyshacl.__version__, source_digest("ontology/shapes.ttl", "ontology/nikg.ttl", "kg/validate.py",
                                                     "kg/validate_parts.py", "kg/shacl_sparql.py"))


def _batch(parts: list[tuple[Graph, Graph]]) -> tuple[str, list[str]]:
    """The N-Triples of some parts and their context, and their focus nodes (to send to a worker process)."""
    data = new_graph()
    focus: list[str] = []
    for part, ctx in parts:
        data += part
        data += ctx
        focus += [str(s) for s in set(part.subjects()) if isinstance(s, URIRef)]
    return data.serialize(format="nt", encoding="utf-8").decode("utf-8"), focus


def check(nt: str, focus: list[str]) -> list[Violation]:
    """The violations of the focus nodes in ``nt`` (N-Triples) plus the ontology, against the shapes."""
    if not focus:
        return []
    data = Graph().parse(data=nt, format="nt")  # pySHACL wraps it in a ConjunctiveGraph: a context-aware store
    data += ontology_graph()
    options = {"inference": "none", "abort_on_first": False, "allow_warnings": False, "advanced": False,
               "debug": False, "inplace": True, "focus_nodes": focus}
    from pyshacl.graph_abstraction import DataGraph

    core, constraints = _split_shapes()  # the SHACL-SPARQL constraints run once each (kg/shacl_sparql.py)
    conforms, results, _ = _validator()(DataGraph.from_rdflib(data), shacl_graph=core, options=options).run()
    wanted = {URIRef(f) for f in focus}
    sparql = [r for r in shacl_sparql.evaluate(data, constraints) if r["focus"] in wanted]
    return [] if conforms and not sparql else _violations(results, sparql)


def _validator():
    """pySHACL's Validator with the focus nodes as a set: it tests each target of each shape for membership
    (``in`` on its list costs focus x targets comparisons per shape)."""
    from pyshacl import Validator

    class FocusSetValidator(Validator):
        def make_executor(self):
            executor = super().make_executor()
            if executor.focus_nodes:
                executor.focus_nodes = frozenset(executor.focus_nodes)
            return executor

    return FocusSetValidator


def _unchecked(graph: Graph, parts: dict[str, list[tuple]], keys: list[str], doc_ids: set[str], folder: Path | None,
               evidence, todo: list[tuple[str, str]]) -> Iterator[tuple[str, Graph, Graph]]:
    """(key, part, context) of each part to check, made one at a time (a part's triples are let go of once
    seen); each one's (key, fingerprint) appended to ``todo``. Only a part to check is made a graph."""
    n3 = Names()
    for key in keys:
        triples = parts.pop(key, [])
        own = evidence.summary(key) if evidence is not None and key in doc_ids else None
        ctx = context(triples, graph, evidence, own)
        fp = fingerprint(triples, ctx, own.digest if own is not None else None, n3)
        if folder is None or not (folder / fp).exists():
            part = new_graph()
            for triple in [*triples, *(evidence.triples(key) if own is not None else ())]:
                part.add(triple)
            todo.append((key, fp))
            yield key, part, ctx


def _batches(unchecked: Iterator[tuple[str, Graph, Graph]], by_focus: dict[str, str]) -> Iterator[tuple]:
    """The parts in batches of :data:`BATCH`, each as the arguments of :func:`check` (made when asked for: only
    the batches in flight are held); ``by_focus`` gets each part's subjects (short names) -> its key."""
    while True:
        batch = list(itertools.islice(unchecked, BATCH))
        if not batch:
            return
        for key, part, _ in batch:
            by_focus.update((_short(s), key) for s in part.subjects())
        yield _batch([(part, ctx) for _, part, ctx in batch])


def validate_parts(graph: Graph, doc_ids: set[str], folder: Path | None, n: int = 1,
                   evidence=None) -> tuple[dict[str, list[Violation]], dict]:
    """Violations by document id (SHARED for the shared part), and counts (parts checked, reused); the parts
    to check go in batches of :data:`BATCH` to ``n`` processes (:func:`kg.workers.run_stream`), made as they
    are sent: the build holds a few batches at once, not every part's graph and N-Triples."""
    parts = partition(graph, doc_ids)
    keys = sorted(set(parts) | (set(doc_ids) if evidence is not None else set()))  # a document's evidence: not in graph
    todo: list[tuple[str, str]] = []
    by_focus: dict[str, str] = {}
    batches = _batches(_unchecked(graph, parts, keys, doc_ids, folder, evidence, todo), by_focus)
    results = list(run_stream(check, batches, n, min_items=2))  # a batch takes seconds: worth a process
    found: dict[str, list[Violation]] = {}
    for violations in results:
        for v in violations:
            key = by_focus.get(v.focus, SHARED)
            found.setdefault(SHARED if key.startswith("#") else key, []).append(v)
    failed = {by_focus.get(v.focus, SHARED) for vs in found.values() for v in vs}
    for key, fp in todo:
        if folder is not None and key not in failed:
            (folder / fp).touch()
    return found, {"parts": len(keys), "validated": len(todo), "reused": len(keys) - len(todo)}


def _short(node) -> str:
    from .validate import _name

    return _name(node)


def report_text(found: dict[str, list[Violation]], files: dict[str, str], triples: int) -> str:
    """The failure message: each failing document by id and file, then its violations."""
    n = sum(len(v) for v in found.values())
    lines = [f"The graph does not conform: {n} violation(s) in {triples} triples, in "
             f"{len(found)} part(s): {', '.join(sorted(k or 'shared (curated and cross-document)' for k in found))}."]
    for key in sorted(found):
        where = f"document {key} ({files.get(key, '?')})" if key else "the curated and cross-document facts"
        lines.append(f"In {where}:")
        for v in found[key]:
            lines.append(f"- {v.severity} at {v.focus} {v.path}: {v.message} [{v.shape}]")
    return "\n".join(lines)


def validate_graph(ctx) -> None:
    """Build step: SHACL-validate every document's subgraph (unchanged ones from the cache); a violation fails
    the build naming its document (nothing is published)."""
    from .errors import ValidationFailed

    folder = Cache.of(ctx.settings).folder("shacl", cache_key())
    graph = ctx.graph  # the mentions are kept apart (kg.mentions.link_mentions): checked only if a shape reads them
    if NIKG.mentions not in unread() and getattr(ctx, "mentions", None):
        from .mentions import as_graph

        graph = union(ctx.graph, as_graph(ctx.mentions))
    found, counts = validate_parts(graph, {d.id for d in ctx.documents}, folder, workers(ctx.settings),
                                   getattr(ctx, "evidence", None))
    ctx.info["shacl_conforms"] = not found
    ctx.info["shacl"] = counts
    if found:
        text = report_text(found, {d.id: d.path.name for d in ctx.documents},
                           len(ctx.graph) + ctx.info.get("evidence_triples", 0))
        n = sum(len(v) for v in found.values())
        error = ValidationFailed(f"the graph violates the nikg shapes {n} time(s):\n{text}", report=text)
        error.hint = "fix the documents or facts named above (kg/curated/*.json); the previous build keeps serving"
        raise error


__all__ = ["partition", "owner", "context", "validate_parts", "validate_graph", "Report"]
