"""SHACL validation of a nikg graph against ``ontology/shapes.ttl`` (pySHACL).

The ontology is added to the data graph before validating, so ``sh:class`` accepts subclasses
("SHACL instance", SHACL §3.2 / §4.1.3) without running inference.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import SH

from ontology import ONTOLOGY_PATH, SHAPES_PATH

from . import shacl_sparql
from .namespaces import PREFIXES, bind_all


@dataclass(frozen=True)
class Violation:
    """One validation result (SHACL §3.6.2), shortened for reading."""

    focus: str
    path: str
    message: str
    severity: str
    shape: str


@dataclass(frozen=True)
class Report:
    """Whether the graph conforms, each result, and a readable text."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0

    @property
    def text(self) -> str:
        if self.conforms:
            return f"The graph conforms to the nikg shapes ({self.triples} triples checked)."
        lines = [f"The graph does not conform: {len(self.violations)} violation(s) in {self.triples} triples."]
        for v in self.violations:
            lines.append(f"- {v.severity} at {v.focus} {v.path}: {v.message} [{v.shape}]")
        return "\n".join(lines)


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


@lru_cache(maxsize=1)
def _split_shapes() -> tuple[Graph, list[shacl_sparql.SparqlConstraint]]:
    """The shapes pySHACL runs, and the SPARQL-based constraints run once each (kg/shacl_sparql.py)."""
    return shacl_sparql.split(shapes_graph())


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


def _name(node) -> str:
    """A prefixed name for an IRI, the text of a literal, "" for a blank node or nothing."""
    if node is None or isinstance(node, BNode):
        return ""
    if isinstance(node, URIRef):
        for prefix, ns in PREFIXES.items():
            local = str(node)[len(ns):]
            if prefix != "id" and str(node).startswith(ns) and local and "/" not in local:
                return f"{prefix}:{local}"
    return str(node)


def _violations(results: Graph, sparql: list[dict]) -> list[Violation]:
    out = [Violation(focus=_name(r["focus"]), path="", message=r["message"],
                     severity=_name(r["severity"]).replace("sh:", ""), shape=_name(r["shape"])) for r in sparql]
    for r in results.subjects(SH.resultSeverity, None):
        shape = results.value(r, SH.sourceShape)
        out.append(Violation(
            focus=_name(results.value(r, SH.focusNode)),
            path=_name(results.value(r, SH.resultPath)),
            message=_name(results.value(r, SH.resultMessage)),
            severity=_name(results.value(r, SH.resultSeverity)).replace("sh:", ""),
            shape=_name(shape) or _name(results.value(r, SH.sourceConstraintComponent)),
        ))
    return sorted(out, key=lambda v: (v.focus, v.path, v.message, v.shape, v.severity))  # a total order: ties kept no order


def validate(graph: Graph) -> Report:
    """Validate ``graph`` (plus the ontology) against the nikg shapes."""
    import pyshacl

    data = Graph()
    bind_all(data)
    data += graph
    data += ontology_graph()
    core, constraints = _split_shapes()
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=core, inference="none", abort_on_first=False, allow_warnings=False,
        advanced=False, meta_shacl=False, debug=False)
    bind_all(results)
    sparql = shacl_sparql.evaluate(data, constraints)
    conforms = bool(conforms) and not sparql
    return Report(conforms=conforms, violations=[] if conforms else _violations(results, sparql),
                  triples=len(graph))


__all__ = ["Report", "Violation", "validate", "shapes_graph", "ontology_graph"]
