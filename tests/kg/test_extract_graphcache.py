"""Each document's extraction graph kept between builds (kg.extract.graphcache): read back as the same triples in
the same order while every lookup it made gets the same answer, made again when one does not or when its inputs
change. Real segmenter, real extractor, real rdflib graphs; documents written by bench.corpus."""
from __future__ import annotations

import dataclasses
import json

import pytest
from rdflib import Literal, URIRef

from bench.corpus import write_corpus
from kg.documents import load_sources
from kg.extract import extract_document
from kg.extract.graph import extraction_graph
from kg.extract.graphcache import document_graph
from kg.extract.identity import CuratedIndex
from kg.memgraph import new_graph
from kg.namespaces import NIKG, SKOS
from kg.passages import segment


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    src = tmp_path_factory.mktemp("src")
    write_corpus(src, 2)
    out = []
    for doc in load_sources(src).documents:
        passages = segment(doc)
        out.append((doc, passages, extract_document(doc, passages)))
    return out


def _index() -> CuratedIndex:
    return CuratedIndex(new_graph())


def test_a_kept_graph_is_read_back_as_the_graph_made(docs, tmp_path):
    for doc, passages, ext in docs:
        made, triples, kept = document_graph(tmp_path, ext, doc, passages, _index(), "1", {})
        assert not kept and triples == list(made.graph) and len(triples) > 100
        read, again, kept = document_graph(tmp_path, ext, doc, passages, _index(), "1", {})
        assert kept and read.graph is None and again == triples
        assert read.iris == made.iris and read.curated == made.curated and read.dropped == made.dropped
        assert all(type(a) is type(b) and (not isinstance(a, Literal) or (a.datatype, a.language) == (b.datatype, b.language))
                   for t, u in zip(again, triples) for a, b in zip(t, u))
        assert any(isinstance(o, Literal) and o.datatype is not None for _, _, o in again)
        assert list(extraction_graph(ext, doc, passages, _index(), "1", {}).graph) == triples
    assert len(list(tmp_path.glob("*.json"))) == len(docs)


def test_a_lookup_answered_otherwise_makes_the_graph_again(docs, tmp_path):
    doc, passages, ext = docs[0]
    made, _, _ = document_graph(tmp_path, ext, doc, passages, _index(), "1", {})
    data = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))
    assert data["lookups"] and {m for m, _, _ in data["lookups"]} <= {"candidates", "has", "has_object"}
    method, args, answer = next(entry for entry in data["lookups"] if entry[0] in ("has", "has_object"))
    changed = _index()
    s, p = (args[0], args[1]) if method == "has" else (None, args[0])
    o = URIRef(args[1]) if method == "has_object" else Literal("已有")
    changed.graph.add((URIRef(s) if s else URIRef("https://example.org/other"), URIRef(p), o))
    assert answer is False and getattr(changed, method)(*map(URIRef, args)) is True
    _, triples, kept = document_graph(tmp_path, ext, doc, passages, changed, "1", {})
    assert not kept and triples == list(extraction_graph(ext, doc, passages, changed, "1", {}).graph)
    _, _, kept = document_graph(tmp_path, ext, doc, passages, changed, "1", {})  # the file now has the new answers
    assert kept and len(list(tmp_path.glob(f"{doc.id}-*.json"))) == 1


def test_a_new_partner_or_version_is_another_file(docs, tmp_path):
    doc, passages, ext = docs[0]
    document_graph(tmp_path, ext, doc, passages, _index(), "1", {})
    _, _, kept = document_graph(tmp_path, ext, doc, passages, _index(), "2", {})
    assert not kept
    partner = {("Target", "10000", "个"): URIRef("https://w3id.org/nikg/id/target/other/x")}
    _, _, kept = document_graph(tmp_path, ext, doc, passages, _index(), "2", partner)
    assert not kept and len(list(tmp_path.glob(f"{doc.id}-*.json"))) == 1
    fewer = dataclasses.replace(ext, mentions=ext.mentions[1:])  # another extraction of the same text and version
    made, _, kept = document_graph(tmp_path, fewer, doc, passages, _index(), "2", partner)
    assert not kept and ext.mentions[0].key not in made.iris and made.iris
    _, _, kept = document_graph(tmp_path, ext, doc, passages, _index(), "2", partner)
    assert not kept  # the file is the other extraction's now


def test_a_curated_entity_named_in_the_document_is_asked_for_and_checked(docs, tmp_path):
    """The lookups of a document with a curated entity among its candidates hold only while that entity does."""
    doc, passages, ext = docs[0]
    agency = next(m for m in ext.mentions if m.kind == "Agency")
    graph = new_graph()
    from rdflib.namespace import PROV

    from kg.namespaces import RDF

    curation, iri = URIRef("https://example.org/curation"), URIRef("https://example.org/agency")
    graph.add((curation, RDF.type, NIKG.Curation))
    graph.add((iri, PROV.wasGeneratedBy, curation))
    graph.add((iri, RDF.type, NIKG.Agency))
    graph.add((iri, SKOS.prefLabel, Literal(agency.label, lang="zh")))
    for p in passages:
        if p.start <= agency.span.start < p.end:
            graph.add((iri, NIKG.evidence, URIRef(p.iri)))
    made, _, _ = document_graph(tmp_path, ext, doc, passages, CuratedIndex(graph), "1", {})
    assert iri in made.iris.values()
    _, _, kept = document_graph(tmp_path, ext, doc, passages, CuratedIndex(graph), "1", {})
    assert kept
    graph.add((iri, SKOS.altLabel, Literal("另一个名称", lang="zh")))  # the candidate the lookup saw changed
    again, _, kept = document_graph(tmp_path, ext, doc, passages, CuratedIndex(graph), "1", {})
    assert not kept and again.iris == made.iris


class _Reversed(CuratedIndex):
    """The same index giving its candidates in the other order (their order follows a set of passage IRIs,
    which differs from one process to the next)."""

    def candidates(self, kind, evidence, label=""):
        return list(reversed(super().candidates(kind, evidence, label)))


def test_candidates_in_another_order_are_the_same_answer(docs, tmp_path):
    from rdflib.namespace import PROV

    from kg.namespaces import RDF

    doc, passages, ext = docs[0]
    agency = next(m for m in ext.mentions if m.kind == "Agency")
    graph = new_graph()
    curation = URIRef("https://example.org/curation")
    graph.add((curation, RDF.type, NIKG.Curation))
    evidence = next(URIRef(p.iri) for p in passages if p.start <= agency.span.start < p.end)
    for name in ("a", "b", "c"):
        iri = URIRef(f"https://example.org/agency/{name}")
        graph.add((iri, PROV.wasGeneratedBy, curation))
        graph.add((iri, RDF.type, NIKG.Agency))
        graph.add((iri, SKOS.prefLabel, Literal(agency.label + name, lang="zh")))
        graph.add((iri, NIKG.evidence, evidence))
    index = CuratedIndex(graph)
    index.places = {}
    asked = index.candidates("Agency", {str(evidence)}, agency.label)
    assert len(asked) == 3 and _Reversed(graph).candidates("Agency", {str(evidence)}, agency.label) == asked[::-1]
    made, triples, _ = document_graph(tmp_path, ext, doc, passages, index, "1", {})
    read, again, kept = document_graph(tmp_path, ext, doc, passages, _Reversed(graph), "1", {})
    assert kept and again == triples and read.iris == made.iris
    assert list(extraction_graph(ext, doc, passages, _Reversed(graph), "1", {}).graph) == triples


@pytest.mark.parametrize("content", ['{"format": 1, "lookups": []}', '{"format": 1, "lookups": [], "iris": {}, '
                                     '"curated": [], "dropped": [], "triples": [["a", "b"]]}', "[1, 2]", "{not json"])
def test_an_unreadable_kept_graph_is_made_again(docs, tmp_path, content):
    doc, passages, ext = docs[0]
    made, triples, _ = document_graph(tmp_path, ext, doc, passages, _index(), "1", {})
    path = next(tmp_path.glob(f"{doc.id}-*.json"))
    path.write_text(content, encoding="utf-8")
    again, same, kept = document_graph(tmp_path, ext, doc, passages, _index(), "1", {})
    assert not kept and same == triples and again.iris == made.iris
    assert json.loads(path.read_text(encoding="utf-8"))["triples"]  # written whole again
