"""kg.validate: the SHACL shapes accept the real graph and reject each kind of malformed graph."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from kg.documents import load_documents
from kg.facts import curated_graph
from kg.mentions import mention_graph
from kg.namespaces import ID, NIKG, SCHEMA, SKOS
from kg.passages import segment
from kg.rdf import evidence_layer
from kg.settings import BUNDLED_SOURCES
from kg.validate import validate
from ontology import ONTOLOGY_PATH, SHAPES_PATH

ZH, EN = "000_16386def272757a0", "004_5322b9490e033bff"


@pytest.fixture(scope="module")
def graph() -> Graph:
    docs = load_documents(BUNDLED_SOURCES)
    passages = {d.id: segment(d) for d in docs}
    g = evidence_layer([(d, passages[d.id]) for d in docs])
    g += curated_graph(docs, passages)
    g += mention_graph(g, [p for d in docs for p in passages[d.id]])
    return g


def _copy(graph: Graph) -> Graph:
    g = Graph()
    g += graph
    return g


def _passage(doc: str, ref: str) -> URIRef:
    return URIRef(f"https://w3id.org/nikg/id/passage/{doc}/{ref}")


def test_the_real_graph_conforms(graph):
    report = validate(graph)
    assert report.conforms, report.text
    assert report.text.startswith("The graph conforms to the nikg shapes")


def test_missing_english_label_is_reported(graph):
    g = _copy(graph)
    g.remove((ID["action/new-network"], SKOS.prefLabel, Literal("New Network", lang="en")))
    report = validate(g)
    assert not report.conforms
    assert [v.focus for v in report.violations] == ["https://w3id.org/nikg/id/action/new-network"]
    assert "needs an English skos:prefLabel (@en)" in report.text


def test_entity_without_evidence_is_reported(graph):
    g = _copy(graph)
    g.remove((ID["place/putuo"], NIKG.evidence, None))
    report = validate(g)
    assert "needs at least one nikg:evidence passage" in report.text
    assert "place/putuo" in report.text


def test_task_in_two_actions_is_reported(graph):
    g = _copy(graph)
    g.add((ID["action/new-platform"], NIKG.hasTask, ID["task/new-terminal-charging-piles"]))
    report = validate(g)
    assert "a Task must be the nikg:hasTask of exactly one nikg:Action" in report.text


def test_task_in_no_action_is_reported(graph):
    g = _copy(graph)
    g.remove((ID["action/new-terminal"], NIKG.hasTask, ID["task/new-terminal-smart-logistics"]))
    report = validate(g)
    assert "task/new-terminal-smart-logistics" in report.text and "exactly one nikg:Action" in report.text


def test_target_without_unit_or_numeric_value_is_reported(graph):
    g = _copy(graph)
    target = ID["target/charging-piles"]
    g.remove((target, NIKG.unit, None))
    g.remove((target, NIKG.value, None))
    g.add((target, NIKG.value, Literal("十万")))
    messages = {v.message for v in validate(g).violations}
    assert messages == {"needs a nikg:unit", "needs exactly one numeric nikg:value (xsd:decimal, in base units)"}


def test_event_date_must_be_an_xsd_date(graph):
    g = _copy(graph)
    event = ID["event/press-conference-2020-05-07"]
    g.remove((event, SCHEMA.startDate, None))
    g.add((event, SCHEMA.startDate, Literal("May 7")))
    assert "schema:startDate (xsd:date)" in validate(g).text


def test_passage_offsets_outside_the_text_are_reported(graph):
    g = _copy(graph)
    p = _passage(ZH, "p003s01")
    g.remove((p, NIKG.endOffset, None))
    g.add((p, NIKG.endOffset, Literal(99999)))
    report = validate(g)
    assert "offsets 219-99999 are not inside the document text (0 <= start < end <= 2464)" in report.text


def test_discrepancy_needs_evidence_in_both_languages(graph):
    g = _copy(graph)
    g.remove((ID["discrepancy/5g-as-50"], NIKG.evidence, _passage(EN, "p011s03")))
    assert "a Discrepancy needs evidence in the English text" in validate(g).text


def test_ontology_labels_every_term_in_both_languages():
    from rdflib.namespace import OWL, RDF, RDFS

    onto = Graph().parse(ONTOLOGY_PATH)
    terms = [t for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty) for t in onto.subjects(RDF.type, kind)]
    assert len(terms) > 60
    for term in terms:
        for prop in (RDFS.label, RDFS.comment):
            assert {v.language for v in onto.objects(term, prop)} >= {"zh", "en"}, (term, prop)
    core = ["ActionPlan", "Action", "Task", "PolicyMeasure", "Agency", "Person", "Facility", "Place", "Target",
            "Indicator", "Event", "Document", "Passage", "hasAction", "hasTask", "hasMeasure", "involvesFacility",
            "responsibleAgency", "hasTarget", "hasIndicator", "locatedIn", "participant", "affiliation", "value",
            "unit", "comparator", "deadline", "evidence", "mentions", "alignedWith"]
    assert all(NIKG[name] in terms for name in core)


def test_shapes_cite_the_shacl_spec():
    text = SHAPES_PATH.read_text(encoding="utf-8")
    assert text.count("§") >= 10


def test_entity_without_a_quote_is_reported(graph):
    g = _copy(graph)
    g.remove((ID["person/zhou-lan"], NIKG.quote, None))
    report = validate(g)
    assert "needs at least one language-tagged nikg:quote of its source" in report.text
    assert "person/zhou-lan" in report.text


def test_sparql_constraints_run_once_agree_with_pyshacl_per_focus_node(graph):
    """kg/shacl_sparql.py runs each SHACL-SPARQL constraint once; pySHACL pre-binds $this per focus node."""
    import pyshacl
    from rdflib.namespace import SH

    from kg.validate import ontology_graph, shapes_graph

    g = _copy(graph)
    g.remove((ID["action/new-network"], SKOS.prefLabel, Literal("New Network", lang="en")))
    g.remove((ID["action/new-terminal"], NIKG.hasTask, ID["task/new-terminal-smart-logistics"]))
    g.remove((_passage(ZH, "p003s01"), NIKG.endOffset, None))
    g.add((_passage(ZH, "p003s01"), NIKG.endOffset, Literal(99999)))
    ours = {(v.focus, v.message) for v in validate(g).violations if v.path == ""}
    data = _copy(g)
    data += ontology_graph()
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none", advanced=False)
    theirs = {(str(results.value(r, SH.focusNode)), str(results.value(r, SH.resultMessage)))
              for r in results.subjects(SH.sourceConstraintComponent, SH.SPARQLConstraintComponent)}
    assert len(theirs) == 3 and {focus for focus, _ in ours} == {focus for focus, _ in theirs}
    assert {m.split(": ", 1)[-1] for _, m in ours} == {m.split(": ", 1)[-1] for _, m in theirs}
