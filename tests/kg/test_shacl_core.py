"""The shapes compiled to SPARQL (kg.shacl_core, kg.validate_store) give pySHACL's results: on the bundled graph and
on that graph broken once for every constraint of ontology/shapes.ttl."""
from __future__ import annotations

from collections import Counter

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from kg.export import store_graph
from kg.namespaces import DCTERMS, NIKG, ORG, PROV, SCHEMA
from kg.shacl_core import Compiler, NotCompiled
from kg.validate import _split_shapes, validate
from kg.validate_store import violations

MT = URIRef("https://w3id.org/nikg/id/test/translation")
DICT = URIRef("https://w3id.org/nikg/id/test/dictionary")


def _of(g: Graph, cls, n: int = 0):
    return sorted(g.subjects(RDF.type, NIKG[cls]), key=str)[n]


def _set(g: Graph, s, p, o) -> None:
    g.remove((s, p, None))
    g.add((s, p, o))


def break_everything(g: Graph) -> list[str]:
    """Break ``g`` once per constraint, each on its own node; returns the messages the breaks must produce."""
    return _break_entities(g) + _break_records(g) + _break_labels(g)


def _break_entities(g: Graph) -> list[str]:
    agency, person, task, task2, action = (_of(g, "Agency"), _of(g, "Person"), _of(g, "Task"), _of(g, "Task", 1),
                                           _of(g, "Action"))
    target, target2 = _of(g, "Target"), _of(g, "Target", 1)
    g.remove((_of(g, "Agency", 1), SKOS.prefLabel, None))
    g.add((_of(g, "Agency", 2), SKOS.prefLabel, Literal("又一个名字", lang="zh")))
    g.add((agency, NIKG.evidence, person))
    _set(g, _of(g, "Agency", 3), NIKG.quote, Literal("未标语言"))
    g.add((_of(g, "Action", 1), NIKG.hasTask, task))
    g.add((person, NIKG.hasTask, task2))
    _set(g, target, NIKG.value, Literal("abc", datatype=XSD.decimal))
    g.add((target2, NIKG.value, Literal("7", datatype=XSD.decimal)))
    _set(g, target2, NIKG.unit, URIRef("https://example.org/unit"))
    _set(g, _of(g, "Target", 2), NIKG.comparator, NIKG.Roughly)
    _set(g, _of(g, "Target", 3), NIKG.deadline, Literal("2025"))
    g.add((action, NIKG.responsibleAgency, person))
    g.add((_of(g, "Task", 2), NIKG.leadAgency, agency))
    g.add((_of(g, "Task", 2), NIKG.leadAgency, _of(g, "Agency", 4)))
    _set(g, _of(g, "Person", 1), PROV.wasGeneratedBy, _of(g, "Passage"))
    g.add((_of(g, "Person", 2), NIKG.affiliation, person))
    return ["needs a skos:prefLabel, at most one per language", "needs at least one nikg:evidence passage",
            "needs at least one language-tagged nikg:quote", "a Task must be the nikg:hasTask of exactly one",
            "needs exactly one numeric nikg:value", "needs a nikg:unit", "needs one nikg:comparator",
            "a deadline is at most one xsd:date", "nikg:responsibleAgency must point to a nikg:Agency",
            "nikg:leadAgency points to one nikg:Agency", "needs prov:wasGeneratedBy a nikg:Curation",
            "nikg:affiliation must point to a nikg:Agency"]


def _break_records(g: Graph) -> list[str]:
    event, passage, agency = _of(g, "Event"), _of(g, "Passage"), _of(g, "Agency")
    g.remove((_of(g, "Extraction"), NIKG.extractorVersion, None))
    g.add((event, SCHEMA.startDate, Literal("2031-01-01", datatype=XSD.date)))
    g.add((event, NIKG.participant, passage))
    _set(g, _of(g, "Post"), ORG.organization, passage)
    g.remove((_of(g, "Post", 1), ORG.member, None))
    discrepancy = _of(g, "Discrepancy")
    for ev in list(g.objects(discrepancy, NIKG.evidence)):
        if g.value(ev, DCTERMS.language) == Literal("en"):
            g.remove((discrepancy, NIKG.evidence, ev))
    _set(g, passage, NIKG.startOffset, Literal("5", datatype=XSD.decimal))  # numeric: the span check agrees
    _set(g, _of(g, "Passage", 1), NIKG.endOffset, Literal(10 ** 9))
    g.remove((_of(g, "Document"), DCTERMS.language, None))
    g.remove((_of(g, "Alignment"), NIKG.target, None))
    _set(g, _of(g, "Alignment", 1), NIKG.score, Literal("high"))
    g.add((agency, NIKG.alignedWith, passage))  # the node shape's own sh:class
    g.add((_of(g, "Passage", 2), NIKG.alignedWith, agency))  # its property's
    return ["an Extraction names one nikg:extractorVersion", "an Event needs exactly one schema:startDate",
            "a participant must be a nikg:Person or a nikg:Agency", "a Post needs exactly one org:organization",
            "a Post needs exactly one org:member", "a Discrepancy needs evidence in the English text",
            "exactly one xsd:integer nikg:startOffset", "are not inside the document text",
            "a Document needs exactly one dcterms:language", "an Alignment needs exactly one nikg:target passage",
            "an Alignment's nikg:score is one xsd:decimal", "nikg:alignedWith joins two nikg:Passage nodes",
            "Value does not have class <https://w3id.org/nikg/ontology#Passage>"]


def _break_labels(g: Graph) -> list[str]:
    person = _of(g, "Person")
    curated = next(s for s in g.subjects(PROV.wasGeneratedBy, None)
                   if (g.value(s, PROV.wasGeneratedBy), RDF.type, NIKG.Curation) in g)
    g.add((curated, NIKG.machineLabel, Literal("机器", lang="zh")))
    g.add((person, NIKG.machineLabel, sorted(g.objects(person, SKOS.prefLabel))[0]))
    g.add((MT, RDF.type, NIKG.MachineTranslation))
    g.add((MT, PROV.used, DICT))
    g.add((DICT, RDF.type, NIKG.Dictionary))
    g.add((DICT, DCTERMS.license, Literal("CC BY-SA 4.0")))
    return ["is one English (@en) string", "a curated entity gets no nikg:machineLabel", "needs nikg:labelGeneratedBy",
            "a nikg:Dictionary needs a dcterms:title", "a nikg:Dictionary needs a dcterms:license"]


def compiled(g: Graph) -> list:
    store = pyoxigraph.Store()
    store.load(g.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return [v for _, v in violations(store)]


@pytest.fixture(scope="module")
def graph(store) -> Graph:
    return store_graph(store)


def test_compiled_shapes_agree_with_pyshacl_on_the_bundled_graph(graph):
    assert compiled(graph) == validate(graph).violations == []


def test_compiled_shapes_agree_with_pyshacl_on_every_broken_constraint(graph):
    g = Graph()
    g += graph
    wanted = break_everything(g)
    ours, theirs = compiled(g), validate(g).violations
    assert Counter(ours) == Counter(theirs)
    for text in wanted:  # each break is found (so agreement is not two empty lists)
        assert any(text in v.message for v in ours), text


def test_a_constraint_the_compiler_does_not_know_is_refused_by_name():
    shapes, _ = _split_shapes()
    g = Graph()
    g += shapes
    prop = BNode()
    g.add((NIKG.TestShape, RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape")))
    g.add((NIKG.TestShape, URIRef("http://www.w3.org/ns/shacl#targetClass"), NIKG.Task))
    g.add((NIKG.TestShape, URIRef("http://www.w3.org/ns/shacl#property"), prop))
    g.add((prop, URIRef("http://www.w3.org/ns/shacl#path"), SKOS.prefLabel))
    g.add((prop, URIRef("http://www.w3.org/ns/shacl#pattern"), Literal("^a")))
    with pytest.raises(NotCompiled, match="pattern"):
        Compiler(g, {}).checks()


def test_checks_shared_among_processes_give_the_results_of_one(graph, tmp_path):
    from kg.validate_store import in_processes

    g = Graph()
    g += graph
    break_everything(g)
    store = pyoxigraph.Store(str(tmp_path / "store"))
    store.load(g.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    one = violations(store)
    store.flush()
    del store
    assert in_processes(tmp_path / "store", 2) == one and len(one) > 30
