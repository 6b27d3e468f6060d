"""SHACL-SPARQL constraints (SHACL §5) evaluated once per constraint instead of once per focus node.

pySHACL runs a SPARQL-based constraint once for every focus node with ``$this`` pre-bound (§5.3.1):
on the bundled graph that is 333 rdflib queries and 95% of the validation time. For a ``SELECT``
whose ``$this`` occurs only in the top-level group (no sub-SELECT, MINUS or VALUES, checked by
:func:`_prebinding_free`), pre-binding ``$this`` to X gives the solutions of the unbound query whose
``?this`` is X; so one query with ``$this`` free, kept to the shape's focus nodes (§2.1 targets), gives
the same results. Constraints outside that form are left to pySHACL (:func:`split`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

_VAR = re.compile(r"\{[?$](\w+)\}")  # §5.1: {?var} / {$var} in sh:message are replaced by the solution's value


@dataclass(frozen=True)
class SparqlConstraint:
    shape: URIRef
    targets: tuple[tuple[URIRef, URIRef], ...]  # (target predicate, its object): §2.1.3 - §2.1.6
    query: str  # prefixes included, $this renamed ?this
    message: str
    severity: URIRef


def _prefixes(shapes: Graph, constraint) -> str:
    """§5.2.1: the sh:declare entries of the constraint's sh:prefixes, as PREFIX lines."""
    lines = []
    for holder in shapes.objects(constraint, SH.prefixes):
        for decl in shapes.objects(holder, SH.declare):
            lines.append(f"PREFIX {shapes.value(decl, SH.prefix)}: <{shapes.value(decl, SH.namespace)}>")
    return "\n".join(lines)


def _prebinding_free(select: str) -> bool:
    """True when unbound evaluation equals pre-binding (see the module note)."""
    upper = select.upper()
    return upper.count("SELECT") == 1 and "MINUS" not in upper and "VALUES" not in upper


def split(shapes: Graph) -> tuple[Graph, list[SparqlConstraint]]:
    """The shapes without the constraints evaluated here, and those constraints."""
    core, found = Graph(), []
    core += shapes
    target_predicates = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    for shape, constraint in shapes.subject_objects(SH.sparql):
        select = str(shapes.value(constraint, SH.select) or "")
        if not select or not _prebinding_free(select) or shapes.value(constraint, SH.deactivated) == Literal(True):
            continue
        targets = tuple((p, o) for p in target_predicates for o in shapes.objects(shape, p))
        query = _prefixes(shapes, constraint) + "\n" + select.replace("$this", "?this")
        severity = shapes.value(constraint, SH.severity) or shapes.value(shape, SH.severity) or SH.Violation
        found.append(SparqlConstraint(shape, targets, query, str(shapes.value(constraint, SH.message) or ""),
                                      severity))
        core.remove((shape, SH.sparql, constraint))
    return core, found


def _focus_nodes(data: Graph, targets) -> set:
    """§2.1: SHACL instances of target classes (rdfs:subClassOf* in the data graph) and the other targets."""
    nodes = set()
    for predicate, obj in targets:
        if predicate == SH.targetNode:
            nodes.add(obj)
        elif predicate == SH.targetSubjectsOf:
            nodes.update(data.subjects(obj, None))
        elif predicate == SH.targetObjectsOf:
            nodes.update(data.objects(None, obj))
        else:
            for cls in data.transitive_subjects(RDFS.subClassOf, obj):
                nodes.update(data.subjects(RDF.type, cls))
    return nodes


def evaluate(data: Graph, constraints: list[SparqlConstraint]) -> list[dict]:
    """One result per (constraint, solution) at a focus node: focus, shape, message, severity."""
    results = []
    for c in constraints:
        focus = _focus_nodes(data, c.targets)
        for row in data.query(c.query):
            values = row.asdict()
            if values.get("this") not in focus:
                continue
            message = _VAR.sub(lambda m: str(values.get(m.group(1), "")), c.message)
            results.append({"focus": values["this"], "shape": c.shape, "message": message, "severity": c.severity})
    return results
