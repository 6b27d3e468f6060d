"""What a build holds in memory (issue 12 §6, peak memory): validation made and sent batch by batch, the graph
let go of once written for the store, encoded vectors written into place. A build with two worker processes
(validation batches and encoding sent to them) must publish what a build in one process publishes. Real builds
(extractor, USE encoder, pySHACL, Oxigraph) of small synthetic documents written by :mod:`bench.corpus`."""
from __future__ import annotations

import json

import numpy as np
import pyoxigraph
import pytest
from rdflib import Literal, URIRef

from bench.corpus import write_corpus
from kg import build as build_module
from kg import validate_parts as vp
from kg.build import run_build
from kg.documents import load_documents
from kg.memgraph import new_graph
from kg.namespaces import NIKG, RDF, SKOS
from kg.passages import segment
from kg.rdf import EvidenceLayer
from kg.settings import Settings
from kg.store import current_build

DOCS = 8


def _dump(settings) -> list[str]:
    store = pyoxigraph.Store.read_only(str(current_build(settings.data_dir).store_path))
    data = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph()).decode("utf-8")
    return sorted(line for line in data.splitlines() if "_:" not in line)  # blank node ids differ between loads


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """(one process, two processes): the same sources built with build_workers 1 and 2, the second encoding in
    its worker processes too (their threshold lowered for the test)."""
    root = tmp_path_factory.mktemp("workers")
    write_corpus(root / "src", DOCS)
    one, two = (Settings(data_dir=root / name, curated_layer=False, build_workers=n) for name, n in (("one", 1),
                                                                                                   ("two", 2)))
    with pytest.MonkeyPatch.context() as mp:
        import index.build_encode

        mp.setattr(index.build_encode, "IN_PROCESS_MAX", 100)
        infos = run_build(one, root / "src"), run_build(two, root / "src")
    return (one, infos[0]), (two, infos[1])


def test_a_build_in_worker_processes_publishes_the_triples_and_tables_of_one_in_process(pair):
    (one, first), (two, second) = pair
    assert second["shacl"] == first["shacl"] and first["shacl"]["validated"] > vp.BATCH  # several batches
    assert first["triples"] == second["triples"] and _dump(one) == _dump(two) and len(_dump(one)) > 1000
    tables = [current_build(s.data_dir).path / "tables" for s in (one, two)]
    names = sorted(p.name for p in tables[0].iterdir())
    assert names == sorted(p.name for p in tables[1].iterdir()) and "queries.jsonl" in names
    for name in set(names) - {"key.json"}:  # key.json names its own build
        assert (tables[0] / name).read_bytes() == (tables[1] / name).read_bytes(), name


def test_a_build_encoding_in_worker_processes_writes_the_index_of_one_in_process(pair):
    from index.folder import read_params
    from index.vectors import load_store

    (one, first), (two, _) = pair
    folders = [current_build(s.data_dir).index_path for s in (one, two)]
    for name in ("docs.jsonl", "vectors.jsonl", "alignments.jsonl", "userdict.txt", "glossary.json"):
        assert (folders[0] / name).read_bytes() == (folders[1] / name).read_bytes(), name
    vectors = [load_store(f, read_params(f)).vectors() for f in folders]
    assert vectors[0].shape == vectors[1].shape and vectors[0].shape[0] > 100  # more rows than IN_PROCESS_MAX
    assert np.allclose(vectors[0], vectors[1], atol=1e-6)
    assert np.allclose(np.linalg.norm(vectors[1], axis=1), 1.0, atol=1e-4)  # every row written, none left zero


def test_the_graph_is_let_go_of_once_written_for_the_store(tmp_path, monkeypatch):
    write_corpus(tmp_path / "src", 2)
    seen = {}

    def after_store(ctx):
        seen.update(graph=len(ctx.graph), mentions=len(ctx.mentions), evidence=ctx.evidence)

    names = [build_module.step_name(s) for s in build_module.STEPS]
    steps = list(build_module.STEPS)
    steps.insert(names.index("write_store") + 1, after_store)
    monkeypatch.setattr(build_module, "STEPS", steps)
    info = run_build(Settings(data_dir=tmp_path / "data", curated_layer=False, build_workers=1), tmp_path / "src")
    assert seen == {"graph": 0, "mentions": 0, "evidence": None}
    assert info["triples"] > info["evidence_triples"] > 100 and info["mentions"] > 0  # all in the store


def _documents(folder, count: int):
    folder.mkdir()
    for i in range(count):
        text = f"杭州市第{i}号行动方案（2022-2025年）\n\n一、主要任务\n\n（一）建设数据中心。到2025年，建成机架{i + 1}000个。\n"
        (folder / f"plan_{i}.txt").write_text(text, encoding="utf-8")
        (folder / f"plan_{i}.json").write_text(json.dumps({"title": text.split("\n", 1)[0], "language": "zh"}),
                                                encoding="utf-8")
    docs = load_documents(folder)
    return docs, EvidenceLayer(docs, {d.id: segment(d) for d in docs})


def _bad_agencies(docs) -> object:
    """An agency without evidence minted in every other document: a violation in each of those."""
    g = new_graph()
    for d in docs[::2]:
        bad = URIRef(f"https://w3id.org/nikg/id/agency/{d.id}/bureau")
        g.add((bad, RDF.type, NIKG.Agency))
        g.add((bad, SKOS.prefLabel, Literal("住房局", lang="zh")))
    return g


def test_validation_sent_in_batches_to_processes_names_the_documents_one_pass_names(tmp_path, monkeypatch):
    docs, layer = _documents(tmp_path / "src", 5)
    graph, ids = _bad_agencies(docs), {d.id for d in docs}
    expected, counts = vp.validate_parts(graph, ids, None, 1, layer)
    monkeypatch.setattr(vp, "BATCH", 1)  # a batch a part: five batches, sent to two processes
    found, streamed = vp.validate_parts(graph, ids, None, 2, layer)
    assert sorted(found) == sorted(expected) == sorted(d.id for d in docs[::2])
    assert {k: sorted((v.focus, v.message) for v in vs) for k, vs in found.items()} == {
        k: sorted((v.focus, v.message) for v in vs) for k, vs in expected.items()}
    assert all(any("needs at least one nikg:evidence passage" in v.message for v in vs) for vs in found.values())
    assert streamed == counts == {"parts": 5, "validated": 5, "reused": 0}
