"""What a build holds in memory (issue 12 §6, peak memory): the graph let go of once written for the store,
encoded vectors written into place. A build with two worker processes (extraction and encoding sent to them)
must publish what a build in one process publishes. Real builds
(extractor, USE encoder, pySHACL, Oxigraph) of small synthetic documents written by :mod:`bench.corpus`."""
from __future__ import annotations


import numpy as np
import pyoxigraph
import pytest

from bench.corpus import write_corpus
from kg import build as build_module
from kg.build import run_build
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
    assert second["shacl"] == first["shacl"] and first["shacl_conforms"] and second["shacl_conforms"]
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
