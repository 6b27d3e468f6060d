"""SHACL validation of a built store: the shapes' core constraints compiled to SPARQL (:mod:`kg.shacl_core`) and
their SHACL-SPARQL constraints (:mod:`kg.shacl_sparql`), each run once over the whole store.

The build step :func:`validate_store` runs after the store is written and before the accepted writes are replayed
on it, so what is checked is what the sources and curated facts say; a violation fails the build (the new
folder is dropped, the previous build keeps serving) and is reported under the document whose IRIs it is
about (:func:`owner`). The same checks serve ``nikg validate`` on a built store.
"""
from __future__ import annotations

import re

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDFS

from .namespaces import ID
from .shacl_core import Compiler, Node, subclass_closure
from .shacl_sparql import _VAR
from .validate import Violation, _name, _split_shapes
from .workers import run_all, workers

SHARED = ""  # violations about IRIs no single document owns (curated entities, cross-document facts)
PARALLEL_MIN = 200_000  # triples from which checking every node is shared among the build's processes


def _rdflib(term):
    """A pyoxigraph term as the rdflib term of the same value."""
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        return Literal(term.value, lang=term.language, datatype=None if term.language else URIRef(term.datatype.value))
    return None


def _subclasses(store) -> dict:
    rows = store.query(f"SELECT ?a ?b WHERE {{ ?a <{RDFS.subClassOf}> ?b }}")
    return subclass_closure((_rdflib(r["a"]), _rdflib(r["b"])) for r in rows)


def violations(store, only: set[str] | None = None, part: tuple[int, int] = (0, 1)) -> list[tuple]:
    """(focus node, result) for every result of the shapes on ``store`` (a pyoxigraph store), sorted as
    :func:`kg.validate.validate` sorts its results; ``only``: the focus nodes kept to these IRIs; ``part`` (k, n):
    only the k-th of every n checks (:func:`in_processes`)."""
    core, constraints = _split_shapes()
    constraints = sorted(constraints, key=lambda c: (c.query, c.message))  # one order in every process
    compiler = Compiler(core, _subclasses(store), None if only is None else _nodes(store, only))
    found = []
    checks = compiler.checks()
    mine = [i % part[1] == part[0] for i in range(len(checks) + len(constraints))]
    for check in (c for i, c in enumerate(checks) if mine[i]):
        for row in store.query(check.query):
            focus = _rdflib(row["this"])  # (each check's focus: every node of its shape's targets, or of ``only``)
            found.append((focus, Violation(focus=_name(focus), path=_name(check.path), message=check.message,
                                           severity=_name(check.severity).replace("sh:", ""),
                                           shape=_name(check.shape) or check.component)))
    for c in (c for j, c in enumerate(constraints) if mine[len(checks) + j]):  # §5: solutions at a focus node
        group = compiler.focus(c.shape)
        if group is None:
            continue
        focus_nodes = {_rdflib(r["this"]) for r in store.query(f"SELECT ?this WHERE {{ {group} }}")}
        query = c.query if only is None else _WHERE.sub(lambda m: m.group(0) + " " + group + " ", c.query, count=1)
        solutions = store.query(query)
        names = [v.value for v in solutions.variables]
        for row in solutions:
            values = {name: _rdflib(row[name]) for name in names if row[name] is not None}
            focus = values.get("this")
            if focus not in focus_nodes:
                continue
            message = _VAR.sub(lambda m: str(values.get(m.group(1), "")), c.message)
            found.append((focus, Violation(focus=_name(focus), path="", message=message,
                                           severity=_name(c.severity).replace("sh:", ""), shape=_name(c.shape))))
    return _ordered(found)


def _ordered(found: list[tuple]) -> list[tuple]:
    """As :func:`kg.validate.validate` orders its results: by focus, path, message, shape and severity (one order in
    every process: two results may share the first three)."""
    return sorted(found, key=lambda fv: (fv[1].focus, fv[1].path, fv[1].message, fv[1].shape, fv[1].severity))


def _values(iris: set[str], var: str, size: int = 500):
    """``VALUES ?var { ... }`` clauses of at most ``size`` IRIs each, covering ``iris`` in sorted order."""
    items = sorted(iris)
    for i in range(0, len(items), size):
        yield f"VALUES ?{var} {{ " + " ".join(f"<{iri}>" for iri in items[i:i + size]) + " }"


def _part(path: str, k: int, n: int) -> list[tuple]:
    import pyoxigraph

    return violations(pyoxigraph.Store.read_only(path), None, (k, n))


def in_processes(path, n: int) -> list[tuple]:
    """:func:`violations` of every node of the store at ``path``, its checks shared among ``n`` processes."""
    found = [fv for part in run_all(_part, [(str(path), k, n) for k in range(n)], n, min_items=1) for fv in part]
    return _ordered(found)


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)  # where a simple SELECT's group opens (kg.shacl_sparql)


def _nodes(store, only: set[str]) -> dict[str, Node]:
    """:class:`kg.shacl_core.Node` of each IRI of ``only``, from the store."""
    facts: dict[str, tuple[set, set, set]] = {iri: (set(), set(), set()) for iri in only}
    for values in _values(only, "n"):
        for query, slot in ((f"SELECT DISTINCT ?n ?x WHERE {{ {values} ?n a ?x }}", 0),
                            (f"SELECT DISTINCT ?n ?x WHERE {{ {values} ?n ?x ?o }}", 1),
                            (f"SELECT DISTINCT ?n ?x WHERE {{ {values} ?s ?x ?n }}", 2)):
            for r in store.query(query):
                facts[r["n"].value][slot].add(URIRef(r["x"].value))
    return {iri: Node(frozenset(t), frozenset(s), frozenset(o)) for iri, (t, s, o) in facts.items()}


def near(store, changed: set[str], pointed: set[str]) -> set[str]:
    """The nodes whose results can differ once the triples of the subjects ``changed``, pointing to ``pointed``,
    changed: those subjects, every IRI one triple away from one of them (either way), and ``pointed``. A shape
    reads a focus node's own triples, its values' types and languages (the node points to a changed subject),
    the triples pointing at it (^nikg:hasTask, a passage's dcterms:isPartOf: the changed subject points to it);
    subclasses come from the ontology (see :func:`rebuild_focus`)."""
    out = set(changed) | set(pointed)
    for values in _values(changed, "t"):
        rows = store.query(f"SELECT DISTINCT ?n WHERE {{ {values} {{ ?n ?p ?t }} UNION {{ ?t ?p ?n }} FILTER(isIRI(?n)) }}")
        out.update(r["n"].value for r in rows)
    return out


def code_digest() -> str:
    """What decides the results besides the store: the shapes, the ontology and this code."""
    from .buildcache import source_digest

    return source_digest("ontology/shapes.ttl", "ontology/nikg.ttl", "kg/shacl_core.py", "kg/shacl_sparql.py",
                         "kg/validate_store.py", "kg/validate.py")


def rebuild_focus(ctx, store, most: int, code: str) -> set[str] | None:
    """The focus nodes to check in a rebuild whose store is the previous build's patched (``ctx.changed``), when
    the previous store conformed under the same shapes, ontology and code: the nodes :func:`near` what changed;
    None (check every node) otherwise, or when there are more than ``most``; ``code``: :func:`code_digest`."""
    import json

    if ctx.changed is None or ctx.pointed is None or ctx.previous is None:
        return None
    try:
        before = json.loads((ctx.previous / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not before.get("shacl_conforms") or (before.get("shacl") or {}).get("code") != code:
        return None
    focus = near(store, ctx.changed, ctx.pointed)
    return focus if len(focus) <= most else None


def owner(node, doc_ids: set[str]) -> str:
    """The document an IRI belongs to (``id:<kind>/<doc>/...``, ``id:activity/<what>/<doc>/...``), else SHARED."""
    text = str(node)
    if not isinstance(node, URIRef) or not text.startswith(str(ID)):
        return SHARED
    parts = text[len(str(ID)):].split("/")
    candidates = parts[1:3] if parts[0] == "activity" else parts[1:2]
    return next((p for p in candidates if p in doc_ids), SHARED)


def by_document(found: list[tuple], doc_ids: set[str]) -> dict[str, list[Violation]]:
    """The results by the document their focus node belongs to (SHARED for the others)."""
    out: dict[str, list[Violation]] = {}
    for focus, v in found:
        out.setdefault(owner(focus, doc_ids), []).append(v)
    return out


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


def validate_store(ctx) -> None:
    """Build step (after ``write_store``, before ``replay_writes``): the new store against the shapes (in a rebuild
    of a conforming build, only the nodes near what changed: :func:`rebuild_focus`); a violation fails the build
    naming its document (nothing is published)."""
    import pyoxigraph

    from .errors import ValidationFailed

    store = pyoxigraph.Store.read_only(str(ctx.out / "store"))
    try:
        code = code_digest()
        only = rebuild_focus(ctx, store, ctx.settings.build_validate_focus_max, code)
        triples, n = len(store), workers(ctx.settings)
        if only is None and n > 1 and triples >= PARALLEL_MIN:
            found = in_processes(ctx.out / "store", n)
        else:
            found = violations(store, only)
    finally:
        del store  # closes the store before the folder is renamed or dropped
    found = by_document(found, {d.id for d in ctx.documents})
    ctx.info["shacl_conforms"] = not found
    ctx.info["shacl"] = {"code": code, "focus": "all" if only is None else len(only)}
    if found:
        text = report_text(found, {d.id: d.path.name for d in ctx.documents}, triples)
        n = sum(len(v) for v in found.values())
        error = ValidationFailed(f"the graph violates the nikg shapes {n} time(s):\n{text}", report=text)
        error.hint = "fix the documents or facts named above (kg/curated/*.json); the previous build keeps serving"
        raise error


__all__ = ["violations", "in_processes", "near", "rebuild_focus", "code_digest", "by_document", "owner", "report_text", "validate_store", "SHARED"]
