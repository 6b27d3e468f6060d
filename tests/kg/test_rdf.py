"""The evidence layer: written line by line as N-Triples, the same triples as its graph."""
import json

import pyoxigraph
from rdflib import Graph

from kg.documents import load_documents
from kg.mentions import mention_map, write_mentions
from kg.passages import segment
from kg.rdf import EvidenceLayer, evidence_layer


def _store_triples(path) -> set[str]:
    store = pyoxigraph.Store()
    store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return {str(q.triple) for q in store}


def _graph_triples(graph: Graph, tmp_path) -> set[str]:
    path = tmp_path / "graph.nt"
    graph.serialize(destination=str(path), format="nt", encoding="utf-8")
    return _store_triples(path)


def test_evidence_file_holds_the_graphs_triples_with_quotes_backslashes_and_newlines(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text('A "quoted" title\\n\n\nThe plan says "10\\%" by 2025.\nSecond line.', encoding="utf-8")
    (src / "a.json").write_text(json.dumps({"title": 'A "quoted" \\ title\nin two lines', "language": "en"}),
                                encoding="utf-8")
    docs = load_documents(src)
    passages = {d.id: segment(d) for d in docs}
    out = tmp_path / "evidence.nt"
    n = EvidenceLayer(docs, passages).write(out)
    written = _store_triples(out)
    assert n == len(written) > 10
    assert written == _graph_triples(evidence_layer([(d, passages[d.id]) for d in docs]), tmp_path)
    assert any('\\"quoted\\" \\\\ title\\nin two lines' in t for t in written)


def test_mentions_file_holds_each_passage_entity_pair_once(tmp_path):
    from kg.facts import curated_graph
    from kg.settings import BUNDLED_SOURCES

    docs = load_documents(BUNDLED_SOURCES)
    passages = {d.id: segment(d) for d in docs}
    mentions = mention_map(curated_graph(docs, passages), [p for d in docs for p in passages[d.id]])
    n = write_mentions(mentions, tmp_path / "mentions.nt")
    written = _store_triples(tmp_path / "mentions.nt")
    assert n == len(written) == sum(len(v) for v in mentions.values()) > 100
    assert all("https://w3id.org/nikg/ontology#mentions" in t for t in written)
