"""Automatic sizing of the SPARQL workers' stores (kg/sparql/sizing.py): an in-memory copy when the
memory budget, the heap limit and the triple cap allow it, else the read-only store on disk."""
from __future__ import annotations

import json

from kg.sparql import sizing
from kg.sparql.protocol import start_pool

MB = 2**20


def test_memory_triples_is_the_tightest_of_cap_budget_and_heap():
    per_triple = sizing.BYTES_PER_TRIPLE
    # budget: 3000 MB over 3 workers = 1000 MB each; heap 4096 MB allows 2048 MB; cap far above
    assert sizing.memory_triples(10**9, 3000, 3, 4096) == 1000 * MB // per_triple
    # the heap limit binds: half of 1000 MB each
    assert sizing.memory_triples(10**9, 30_000, 3, 1000) == 500 * MB // per_triple
    # the cap binds
    assert sizing.memory_triples(12_345, 30_000, 3, 0) == 12_345


def test_memory_triples_zero_cap_never_copies():
    assert sizing.memory_triples(0, 30_000, 1, 0) == 0


def test_memory_triples_without_a_budget_takes_half_the_available_memory():
    assert sizing.memory_triples(10**9, 0, 2, 0, free_mb=8000) == 2000 * MB // sizing.BYTES_PER_TRIPLE
    assert sizing.memory_triples(10**9, 0, 2, 0, free_mb=0) == 0  # nothing known: read the disk


def test_available_mb_reads_memavailable(tmp_path):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       24000000 kB\nMemFree:         1000 kB\nMemAvailable:   2048000 kB\n")
    assert sizing.available_mb(meminfo) == 2000
    assert sizing.available_mb(tmp_path / "missing") == 0
    meminfo.write_text("MemTotal: 1 kB\n")
    assert sizing.available_mb(meminfo) == 0


def test_available_mb_of_this_machine_is_positive():
    assert sizing.available_mb() > 0  # the real /proc/meminfo of the test machine


def _kinds(settings, build) -> tuple[list[bool], bytes]:
    """Whether each live worker holds an in-memory copy, and the answer to one grouped query."""
    pool = start_pool(settings, build)  # started already
    try:
        kinds = sorted(w.memory for w in pool.workers.current())
        body = pool.query("SELECT ?doc (COUNT(?p) AS ?n) WHERE { ?p a nikg:Passage ; dcterms:isPartOf ?doc } "
                          "GROUP BY ?doc ORDER BY ?doc").body
    finally:
        pool.close()
    return kinds, body


def test_workers_copy_the_store_exactly_up_to_the_triple_cap(settings, build):
    triples = build.info["triples"]
    roomy = {"sparql_memory_budget_mb": 4096, "sparql_worker_memory_mb": 0, "sparql_workers": 1,
             "sparql_lookup_workers": 1}
    at_cap, memory_body = _kinds(settings.model_copy(update={**roomy, "sparql_memory_triples": triples}), build)
    below, disk_body = _kinds(settings.model_copy(update={**roomy, "sparql_memory_triples": triples - 1}), build)
    assert at_cap == [True, True]
    assert below == [False, False]
    assert memory_body == disk_body and len(json.loads(memory_body)["results"]["bindings"]) == build.info["documents"]


def test_workers_read_the_disk_when_the_memory_budget_is_too_small(settings, build):
    tiny = settings.model_copy(update={"sparql_memory_budget_mb": 1, "sparql_memory_triples": 10**7,
                                       "sparql_workers": 1, "sparql_lookup_workers": 1})
    assert sizing.for_settings(tiny) < build.info["triples"]  # 1 MB over 2 workers: under a thousand triples
    kinds, _ = _kinds(tiny, build)
    assert kinds == [False, False]


def test_the_default_settings_copy_the_bundled_build(settings, build):
    assert sizing.for_settings(settings) >= build.info["triples"]
    kinds, _ = _kinds(settings, build)
    assert kinds and all(kinds)


QUERY = "SELECT ?doc (COUNT(?p) AS ?n) WHERE { ?p a nikg:Passage ; dcterms:isPartOf ?doc } GROUP BY ?doc ORDER BY ?doc"


def test_a_store_above_the_eager_size_is_served_from_disk_then_swapped_into_memory(build):
    from kg.namespaces import PREFIXES
    from kg.sparql.pool import QueryPool

    pool = QueryPool(build.store_path, workers=1, lookup_workers=1, timeout=10, prefixes=PREFIXES,
                     memory_triples=10**6, eager_triples=10).start()
    try:
        first = pool.query(QUERY).body  # answered at once, from disk, while the copies are made
        assert pool.warmed.wait(120), "the in-memory generation never came"
        current = pool.workers.current()
        assert len(current) == 2 and all(w.memory and w.generation == 1 for w in current)
        assert all(w.triples == build.info["triples"] for w in current)
        assert pool.query(QUERY).body == first
        assert pool.status().live == 2 and pool.status().last_error is None
    finally:
        pool.close()


def test_a_store_above_the_memory_cap_stays_on_disk_without_a_warm_up(build):
    from kg.namespaces import PREFIXES
    from kg.sparql.pool import QueryPool

    pool = QueryPool(build.store_path, workers=1, lookup_workers=0, timeout=10, prefixes=PREFIXES,
                     memory_triples=100, eager_triples=10).start()
    try:
        assert pool.warmed.is_set()  # nothing to warm: set at start
        (worker,) = pool.workers.current()
        assert not worker.memory and worker.generation == 0 and worker.triples == build.info["triples"]
    finally:
        pool.close()


def test_a_write_on_a_large_store_answers_from_disk_then_warms_up_again(build, tmp_path):
    import shutil

    from kg.namespaces import PREFIXES
    from kg.sparql.pool import QueryPool

    copy = tmp_path / "store"
    shutil.copytree(build.store_path, copy)
    pool = QueryPool(copy, workers=1, lookup_workers=0, timeout=10, prefixes=PREFIXES,
                     memory_triples=10**6, eager_triples=10).start()
    try:
        assert pool.warmed.wait(120)
        pool.update("INSERT DATA { <urn:x:a> rdfs:label 'added'@en }")
        (worker,) = pool.workers.current()
        assert not worker.memory  # the write's generation reads the disk: the write did not wait for a copy
        assert json.loads(pool.query("ASK { <urn:x:a> rdfs:label 'added'@en }").body)["boolean"] is True
        assert pool.warmed.wait(120), "no warm-up after the write"
        (worker,) = pool.workers.current()
        assert worker.memory and worker.triples == build.info["triples"] + 1
        assert json.loads(pool.query("ASK { <urn:x:a> rdfs:label 'added'@en }").body)["boolean"] is True
    finally:
        pool.close()
