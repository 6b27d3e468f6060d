"""Per-document validation with the evidence layer kept out of the graph (kg.validate_parts, kg.rdf): a
document's evidence triples are fingerprinted by the digest of their N-Triples rows (kg.rdf.EvidenceSummary)
instead of being made and written out again for every document of every build; the results must be those
of validating the same triples put in the graph. Real pySHACL on texts written for this test."""
from __future__ import annotations

import dataclasses
import json

from rdflib import Literal, URIRef

from kg.documents import load_documents
from kg.memgraph import union
from kg.namespaces import NIKG, RDF, SKOS
from kg.passages import segment
from kg.rdf import EvidenceLayer, evidence_layer
from kg.validate_parts import context, validate_parts

TEXTS = {
    "hz_plan": ("zh", "杭州市数字经济发展行动方案（2022-2025年）\n\n一、主要任务\n\n（一）建设数据中心。到2025年，全市建成"
                "数据中心机架8000个以上。（责任单位：市经济信息化局）\n"),
    "wh_news": ("en", "Wuhan issues a plan on urban renewal (2023-2026)\n\nOn May 4, 2023, the Wuhan Municipal "
                "Government held a press conference. By 2026, the city will renovate 500 old residential areas.\n"),
}


def _documents(folder, title_of_wh="Wuhan issues a plan on urban renewal (2023-2026)"):
    folder.mkdir(parents=True, exist_ok=True)
    for name, (lang, text) in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        title = title_of_wh if name == "wh_news" else text.split("\n", 1)[0]
        (folder / f"{name}.json").write_text(json.dumps({"title": title, "language": lang}), encoding="utf-8")
    docs = load_documents(folder)
    return docs, {d.id: segment(d) for d in docs}


def _entities():
    """An agency minted in wh_news without evidence: a violation of the shapes."""
    from kg.memgraph import new_graph

    g = new_graph()
    bad = URIRef("https://w3id.org/nikg/id/agency/wh_news/housing")
    g.add((bad, RDF.type, NIKG.Agency))
    g.add((bad, SKOS.prefLabel, Literal("Housing Bureau", lang="en")))
    return g


def test_evidence_summary_is_that_of_its_triples_whether_written_or_not(tmp_path):
    docs, passages = _documents(tmp_path / "src")
    written, fresh = EvidenceLayer(docs, passages), EvidenceLayer(docs, passages)
    written.write(tmp_path / "evidence.nt")
    for d in docs:
        triples = fresh.triples(d.id)
        summary = fresh.summary(d.id)
        assert written.summary(d.id) == summary
        assert summary.subjects == {s for s, _, _ in triples}
        assert summary.objects == {o for _, _, o in triples if isinstance(o, URIRef)}
        assert len(summary.digest) == 40 and summary.subjects


def test_context_with_the_evidence_summary_is_the_context_of_the_evidence_triples(tmp_path):
    docs, passages = _documents(tmp_path / "src")
    layer = EvidenceLayer(docs, passages)
    graph = _entities()
    for d in docs:
        together = context(layer.triples(d.id), graph, layer)
        apart = context([], graph, layer, layer.summary(d.id))
        assert set(together) == set(apart)


def test_validation_with_evidence_apart_finds_what_it_finds_with_evidence_in_the_graph(tmp_path):
    docs, passages = _documents(tmp_path / "src")
    layer = EvidenceLayer(docs, passages)
    graph = _entities()
    whole = union(graph, evidence_layer([(d, passages[d.id]) for d in docs]))
    (tmp_path / "markers").mkdir()
    found, counts = validate_parts(graph, {d.id for d in docs}, tmp_path / "markers", evidence=layer)
    expected, expected_counts = validate_parts(whole, {d.id for d in docs}, None)
    assert set(found) == set(expected) == {"wh_news"}
    assert sorted((v.focus, v.message) for v in found["wh_news"]) == sorted(
        (v.focus, v.message) for v in expected["wh_news"])
    assert any("needs at least one nikg:evidence passage" in v.message for v in found["wh_news"])
    assert counts == expected_counts == {"parts": 2, "validated": 2, "reused": 0}


def test_a_document_whose_evidence_alone_changed_is_validated_again(tmp_path):
    docs, passages = _documents(tmp_path / "src")
    markers = tmp_path / "markers"
    markers.mkdir()
    graph = _entities()
    graph.remove((None, None, None))  # no violation: every part that conforms is remembered
    _, first = validate_parts(graph, {d.id for d in docs}, markers, evidence=EvidenceLayer(docs, passages))
    _, again = validate_parts(graph, {d.id for d in docs}, markers, evidence=EvidenceLayer(docs, passages))
    docs2, passages2 = _documents(tmp_path / "src2", title_of_wh="Wuhan renews its old residential areas")
    docs2 = [dataclasses.replace(d, path=tmp_path / "src" / d.path.name) for d in docs2]  # same file names
    _, changed = validate_parts(graph, {d.id for d in docs2}, markers, evidence=EvidenceLayer(docs2, passages2))
    assert first == {"parts": 2, "validated": 2, "reused": 0}
    assert again == {"parts": 2, "validated": 0, "reused": 2}
    assert changed == {"parts": 2, "validated": 1, "reused": 1}  # only wh_news: its title is in its evidence


def test_evidence_rows_from_the_cache_are_the_rows_made_and_a_changed_document_is_made_again(tmp_path):
    docs, passages = _documents(tmp_path / "src")
    cache = tmp_path / "cache"
    cache.mkdir()
    plain, first, second = (EvidenceLayer(docs, passages) for _ in range(3))
    counts = [plain.write(tmp_path / "plain.nt"), first.write(tmp_path / "first.nt", cache),
              second.write(tmp_path / "second.nt", cache)]
    assert counts[0] == counts[1] == counts[2] > 20
    made = (tmp_path / "plain.nt").read_bytes()
    assert made == (tmp_path / "first.nt").read_bytes() == (tmp_path / "second.nt").read_bytes()
    assert len(list(cache.glob("*.nt"))) == 2
    for d in docs:
        assert plain.summary(d.id) == first.summary(d.id) == second.summary(d.id)
    (next(cache.glob("hz_plan-*.nt"))).write_text("", encoding="utf-8")  # a file cut short is not used
    docs2, passages2 = _documents(tmp_path / "src2", title_of_wh="Wuhan renews its old residential areas")
    docs2 = [dataclasses.replace(d, path=tmp_path / "src" / d.path.name) for d in docs2]
    changed = EvidenceLayer(docs2, passages2)
    changed.write(tmp_path / "changed.nt", cache)
    rows = (tmp_path / "changed.nt").read_text(encoding="utf-8")
    assert "Wuhan renews its old residential areas" in rows and rows.count("\n") == counts[0]
    assert changed.summary("hz_plan") == plain.summary("hz_plan")
    assert changed.summary("wh_news").digest != plain.summary("wh_news").digest
    assert len(list(cache.glob("wh_news-*.nt"))) == 2  # the changed document's own entry beside the first
