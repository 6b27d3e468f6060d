"""SHACL Core constraints compiled to SPARQL queries, run over the built store in one pass.

pySHACL validates an rdflib graph: at 1,000 documents the build held the graph in rdflib, cut it into
a thousand parts and validated each (170 s of a 611 s build). Here each constraint of
``ontology/shapes.ttl`` becomes one SELECT over the store (Oxigraph), whose solutions are the focus
nodes (§2.1) that fail it, and the value nodes (§3.2) that fail it where the constraint is per value;
at 1.3 million triples the 82 queries take 37-42 s in one process (a rebuild checking only the nodes near
what changed: about a second). The SHACL-SPARQL constraints (§5) run as
:mod:`kg.shacl_sparql` defines them. tests/kg/test_shacl_core.py checks the results equal pySHACL's on
the bundled graph and on one broken graph per constraint.

Only the constraint components the shapes use are compiled: §4.1.1 sh:class, §4.1.2 sh:datatype,
§4.1.3 sh:nodeKind, §4.2.1 sh:minCount, §4.2.2 sh:maxCount, §4.3.3-4 sh:languageIn and sh:uniqueLang
(§4.4.4, §4.5.3), §4.5.2 sh:disjoint, §4.6.3 sh:or (of shapes made of those), §4.7.3
sh:qualifiedValueShape with sh:qualifiedMinCount, §4.8.2 sh:hasValue, §4.8.3 sh:in; paths are a
predicate or its sh:inversePath (§2.3.1.1, §2.3.1.4); targets sh:targetClass (SHACL instances, §3.2:
``rdf:type/rdfs:subClassOf*``), sh:targetNode, sh:targetSubjectsOf, sh:targetObjectsOf (§2.1.3-6). Any other
component in a shape raises :class:`NotCompiled`, so a new constraint cannot be skipped silently.
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

# §4.1.2: a literal with the datatype but an ill-formed lexical form fails too (the types the shapes use)
_LEXICAL = {XSD.integer: r"^[+-]?[0-9]+$", XSD.decimal: r"^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$",
            XSD.date: r"^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?$"}
_KINDS = {SH.IRI: "isIRI({v})", SH.Literal: "isLiteral({v})", SH.BlankNode: "isBlank({v})",
          SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))", SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
          SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))"}
# what a shape may say besides its constraints
_NOT_CONSTRAINTS = {RDF.type, SH.path, SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group,
                    SH.property, SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
                    SH.qualifiedMinCount, SH.deactivated, RDFS.comment, RDFS.label}
_COMPONENT = {SH["class"]: "Class", SH.datatype: "Datatype", SH.nodeKind: "NodeKind", SH.minCount: "MinCount",
              SH.maxCount: "MaxCount", SH.languageIn: "LanguageIn", SH.uniqueLang: "UniqueLang",
              SH.disjoint: "Disjoint", SH["or"]: "Or", SH.qualifiedValueShape: "QualifiedMinCount",
              SH.hasValue: "HasValue", SH["in"]: "In"}


@dataclass(frozen=True)
class Node:
    """What decides which shapes target a node (§2.1): its types, the predicates it is the subject and the object of."""

    types: frozenset
    subject_of: frozenset
    object_of: frozenset


class NotCompiled(ValueError):
    """A shape uses a SHACL feature this module does not compile."""


@dataclass(frozen=True)
class Check:
    """One constraint as a query: its solutions bind ``?this`` (the focus node) and, per value, ``?v``."""

    shape: URIRef | BNode  # the shape holding the constraint (§3.6.2 sh:sourceShape)
    component: str  # e.g. "sh:MinCountConstraintComponent"
    path: URIRef | BNode | None  # sh:resultPath
    message: str
    severity: URIRef
    query: str


def _term(node) -> str:
    if isinstance(node, Literal):
        return node.n3()
    if isinstance(node, URIRef):
        return f"<{node}>"
    raise NotCompiled(f"a blank node {node} as a value in a shape")


class Compiler:
    """The checks of a shapes graph; ``subclasses``: class -> itself and every subclass (rdfs:subClassOf*)."""

    def __init__(self, shapes: Graph, subclasses: dict[URIRef, set[URIRef]], nodes: dict[str, Node] | None = None):
        self.shapes, self.subclasses = shapes, subclasses
        self.nodes = nodes  # the only nodes to check (a rebuild: those near what changed), or None: every node

    def focus_set(self, shape) -> list[str]:
        """The focus nodes of ``shape`` among :attr:`nodes` (§2.1), by what decides them."""
        s = self.shapes
        classes = {c for t in s.objects(shape, SH.targetClass) for c in self.subclasses.get(t, {t})}
        named = {str(n) for n in s.objects(shape, SH.targetNode)}
        subjects_of, objects_of = set(s.objects(shape, SH.targetSubjectsOf)), set(s.objects(shape, SH.targetObjectsOf))
        return sorted(iri for iri, n in self.nodes.items() if n.types & classes or iri in named
                      or n.subject_of & subjects_of or n.object_of & objects_of)

    def instance_of(self, var: str, cls: URIRef) -> str:
        """A SPARQL expression: ``var`` is a SHACL instance of ``cls`` (§3.2)."""
        types = " ".join(_term(c) for c in sorted(self.subclasses.get(cls, {cls})))
        return f"EXISTS {{ {var} a ?_t . VALUES ?_t {{ {types} }} }}"

    def focus(self, shape) -> str | None:
        """A group binding ``?this`` to each focus node of ``shape`` once (§2.1), or None if it has none."""
        if self.nodes is not None:
            chosen = self.focus_set(shape)
            return "VALUES ?this { " + " ".join(f"<{iri}>" for iri in chosen) + " }" if chosen else None
        groups, s = [], self.shapes
        classes = sorted({c for t in s.objects(shape, SH.targetClass) for c in self.subclasses.get(t, {t})})
        if classes:
            groups.append(f"?this a ?_c . VALUES ?_c {{ {' '.join(_term(c) for c in classes)} }}")
        groups += [f"VALUES ?this {{ {_term(n)} }}" for n in s.objects(shape, SH.targetNode)]
        groups += [f"?this {_term(p)} ?_o ." for p in s.objects(shape, SH.targetSubjectsOf)]
        groups += [f"?_o {_term(p)} ?this ." for p in s.objects(shape, SH.targetObjectsOf)]
        if not groups:
            return None
        return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(f"{{ {g} }}" for g in groups) + " } }"

    def path(self, shape) -> tuple[str, object]:
        """(a pattern "{s} ... {o}" for the shape's sh:path, the path node)."""
        node = self.shapes.value(shape, SH.path)
        if isinstance(node, URIRef):
            return "{s} " + _term(node) + " {o} .", node
        inverse = self.shapes.value(node, SH.inversePath)
        if isinstance(inverse, URIRef) and len(set(self.shapes.predicate_objects(node))) == 1:
            return "{o} " + _term(inverse) + " {s} .", node
        raise NotCompiled(f"the path {node} of {shape} (only a predicate or its sh:inversePath)")

    def conforms(self, shape, v: str) -> str:
        """A SPARQL expression: node ``v`` conforms to ``shape`` (a nested shape of sh:or or
        sh:qualifiedValueShape: value-type constraints, or one path with sh:hasValue)."""
        s, parts = self.shapes, []
        if s.value(shape, SH.path) is not None:
            pattern, _ = self.path(shape)
            value = s.value(shape, SH.hasValue)
            extra = set(s.predicates(shape)) - {SH.path, SH.hasValue, RDF.type}
            if value is None or extra:
                raise NotCompiled(f"the nested property shape {shape} (only sh:path with sh:hasValue)")
            return "EXISTS { " + pattern.format(s=v, o=_term(value)) + " }"
        for p, o in s.predicate_objects(shape):
            if p in (RDF.type, SH.message, SH.severity):
                continue
            expr = self.value_test(p, o, v)
            if expr is None:
                raise NotCompiled(f"{p} in the nested shape {shape}")
            parts.append(expr)
        return "(" + " && ".join(parts or ["true"]) + ")"

    def value_test(self, p, o, v: str) -> str | None:
        """A SPARQL expression true when value node ``v`` satisfies the per-value constraint ``p o``, else None."""
        if p == SH["class"]:
            return self.instance_of(v, o)
        if p == SH.datatype:
            test = f"isLiteral({v}) && datatype({v}) = {_term(o)}"
            if o in _LEXICAL:
                test += f' && REGEX(STR({v}), "{_LEXICAL[o]}")'
            return f"({test})"
        if p == SH.nodeKind:
            return _KINDS[o].format(v=v)
        if p == SH["in"]:
            return "(" + " || ".join(f"sameTerm({v}, {_term(x)})" for x in Collection(self.shapes, o)) + ")"
        if p == SH.languageIn:
            ranges = " || ".join(f"langMatches(lang({v}), {_term(x)})" for x in Collection(self.shapes, o))
            return f"(isLiteral({v}) && ({ranges}))"
        if p == SH.hasValue:
            return f"sameTerm({v}, {_term(o)})"
        if p == SH["or"]:
            return "(" + " || ".join(self.conforms(m, v) for m in Collection(self.shapes, o)) + ")"
        return None

    def query(self, shape, p, o, focus: str) -> str:
        """The query of constraint ``p o`` of ``shape``: its solutions are the results (``?this``, per value ``?v``)."""
        s = self.shapes
        has_path = s.value(shape, SH.path) is not None
        pattern = self.path(shape)[0].format(s="?this", o="?v") if has_path else "BIND(?this AS ?v)"
        per_value = self.value_test(p, o, "?v")
        if per_value is not None and p != SH.hasValue:
            return f"SELECT DISTINCT ?this ?v WHERE {{ {focus} {pattern} FILTER(!{per_value}) }}"
        if p == SH.hasValue:
            return f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ {pattern} FILTER(sameTerm(?v, {_term(o)})) }} }}"
        if p == SH.minCount:
            if int(o) <= 1:
                return f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ {pattern} }} }}" if int(o) else ""
            return (f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ {pattern} }} }} GROUP BY ?this "
                    f"HAVING (COUNT(DISTINCT ?v) < {int(o)})")
        if p == SH.maxCount:
            return f"SELECT ?this WHERE {{ {focus} {pattern} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(o)})"
        if p == SH.uniqueLang:
            if o != Literal(True):
                return ""
            other = self.path(shape)[0].format(s="?this", o="?w")
            return (f"SELECT DISTINCT ?this ?lang WHERE {{ {focus} {pattern} {other} BIND(LCASE(lang(?v)) AS ?lang) "
                    "FILTER(?lang != \"\" && !sameTerm(?v, ?w) && LCASE(lang(?w)) = ?lang) }")
        if p == SH.disjoint:
            return f"SELECT DISTINCT ?this ?v WHERE {{ {focus} {pattern} ?this {_term(o)} ?v . }}"
        if p == SH.qualifiedValueShape:
            return self._qualified(shape, o, focus, pattern)
        raise NotCompiled(f"{p} in {shape}")

    def _qualified(self, shape, inner, focus: str, pattern: str) -> str:
        """§4.7.3 with sh:qualifiedMinCount only: fewer values than that conform to ``inner``."""
        s = self.shapes
        if {SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint} & set(s.predicates(shape)):
            raise NotCompiled(f"sh:qualifiedMaxCount or sh:qualifiedValueShapesDisjoint in {shape}")
        least = int(s.value(shape, SH.qualifiedMinCount) or 0)
        test = self.conforms(inner, "?v")
        if least <= 1:
            return f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ {pattern} FILTER({test}) }} }}" if least else ""
        return (f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ {pattern} FILTER({test}) }} }} GROUP BY ?this "
                f"HAVING (COUNT(DISTINCT ?v) < {least})")

    def checks(self) -> list[Check]:
        """Every constraint of every node shape with targets, and of its property shapes (§2.2, §2.3), in the order
        of their query texts."""
        s, out = self.shapes, []
        for shape in sorted(set(s.subjects(RDF.type, SH.NodeShape)), key=str):
            if s.value(shape, SH.deactivated) == Literal(True):
                continue
            focus = self.focus(shape)
            if focus is None:
                continue
            for held in [shape, *s.objects(shape, SH.property)]:
                if s.value(held, SH.deactivated) == Literal(True):
                    continue
                out += self._checks_of(held, focus)
        return sorted(out, key=lambda c: (c.query, c.message))  # one order in every process (no blank node ids)

    def _checks_of(self, shape, focus: str) -> list[Check]:
        s, out = self.shapes, []
        path = s.value(shape, SH.path)
        severity = s.value(shape, SH.severity) or SH.Violation
        for p, o in sorted(s.predicate_objects(shape), key=lambda po: (str(po[0]), str(po[1]))):
            if p in _NOT_CONSTRAINTS:
                continue
            if p not in _COMPONENT:
                raise NotCompiled(f"{p} in {shape}")
            query = self.query(shape, p, o, focus)
            if query:
                component = f"sh:{_COMPONENT[p]}ConstraintComponent"
                default = f"Value does not have class <{o}>" if p == SH["class"] else f"{component} failed"  # as pySHACL
                message = str(s.value(shape, SH.message) or default)
                out.append(Check(shape, component, path, message, severity, query))
        return out


def subclass_closure(edges) -> dict[URIRef, set[URIRef]]:
    """class -> itself and its subclasses, from (sub, super) pairs (rdfs:subClassOf*, §3.2)."""
    below: dict = {}
    for sub, sup in edges:
        below.setdefault(sup, set()).add(sub)
    closure: dict[URIRef, set[URIRef]] = {}
    for cls in set(below) | {x for subs in below.values() for x in subs}:
        seen, todo = {cls}, [cls]
        while todo:
            for sub in below.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        closure[cls] = seen
    return closure


__all__ = ["Check", "Compiler", "Node", "NotCompiled", "subclass_closure"]
