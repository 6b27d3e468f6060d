"""``nikg build`` with a remote backend: each build in its own named graph, an atomic switch, writes carried over."""
from __future__ import annotations

import json
import threading

import pytest

from kg.writes import WriteJournal

from kg.build import run_build
from kg.settings import BUNDLED_SOURCES, Settings
from kg.sparql.errors import WorkerFailed
from kg.sparql.publish import GRAPH_PREFIX, remote_backend

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
WRITTEN = "<urn:nikg:test:carried> <urn:nikg:test:p> 1"


def _count(backend) -> int:
    return int(json.loads(backend.query(COUNT, "json").body)["results"]["bindings"][0]["n"]["value"])


def _has_graph(backend, graph: str) -> bool:
    return json.loads(backend.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", "json", default_graph=[],
                                    named_graphs=[graph]).body)["boolean"]


def test_rebuild_switches_the_served_graph_atomically_and_carries_writes(tmp_path, virtuoso, warm_cache):
    settings = Settings(data_dir=warm_cache(tmp_path / "data"), sources_dir=BUNDLED_SOURCES, keep_builds=1,
                        sparql_backend_batch=300, **virtuoso.settings_overrides())
    first = run_build(settings)
    assert first["sparql_graph"].startswith(GRAPH_PREFIX)
    with remote_backend(settings) as backend:
        assert backend.graph() == first["sparql_graph"] and _count(backend) == first["triples"]
        update = f"INSERT DATA {{ {WRITTEN} }}"  # an accepted write, journalled as the service does
        backend.update(update, on_commit=lambda: WriteJournal(settings.data_dir).record(update))
        served = _count(backend)
        assert served == first["triples"] + 1
        seen, stop = [], threading.Event()

        def poll() -> None:  # queries during the whole rebuild: the old graph, then the new one, never half
            while not stop.is_set():
                seen.append(_count(backend))

        poller = threading.Thread(target=poll)
        poller.start()
        try:
            second = run_build(settings)  # loads in batches of 300 triples while the first build is served
        finally:
            stop.set()
            poller.join()
        assert len(seen) > 3 and set(seen) == {served}
        assert backend.graph() == second["sparql_graph"] != first["sparql_graph"]
        assert json.loads(backend.query(f"ASK {{ {WRITTEN} }}", "json").body)["boolean"]  # carried over
        assert not _has_graph(backend, first["sparql_graph"])  # its build was pruned (keep_builds=1)
        assert _has_graph(backend, second["sparql_graph"])


def test_build_fails_cleanly_when_the_store_is_down(tmp_path, virtuoso, warm_cache):
    settings = Settings(data_dir=warm_cache(tmp_path / "data"), sources_dir=BUNDLED_SOURCES,
                        **{**virtuoso.settings_overrides(), "sparql_backend_url": "http://127.0.0.1:9/sparql",
                           "sparql_backend_update_url": "http://127.0.0.1:9/sparql-auth"})
    with pytest.raises(WorkerFailed, match=r"SPARQL backend at http://127.0.0.1:9/sparql-auth cannot be reached"):
        run_build(settings)
    assert not (settings.data_dir / "current").exists()  # nothing half-published is served


def test_bulk_loader_publishes_into_a_graph(tmp_path, virtuoso):
    from kg.sparql.publish import load_graph

    settings = Settings(data_dir=tmp_path / "data", **virtuoso.settings_overrides(bulk=True))
    settings.data_dir.mkdir()
    data = "".join(f'<urn:nikg:test:b{i}> <urn:nikg:test:n> "{i}"@en .\n' for i in range(500)).encode()
    load_graph(settings, data, "urn:nikg:build:bulk-test")
    with remote_backend(settings) as backend:
        assert json.loads(backend.query(COUNT, "json", default_graph=["urn:nikg:build:bulk-test"]).body)[
            "results"]["bindings"][0]["n"]["value"] == "500"
    assert not any((tmp_path / "data").glob("nikg-*")) and not any((virtuoso.folder / "bulk").glob("nikg-*"))


def test_bulk_loader_reports_triples_it_cannot_read(tmp_path, virtuoso):
    from kg.sparql.publish import load_graph

    settings = Settings(data_dir=tmp_path / "data", **virtuoso.settings_overrides(bulk=True))
    with pytest.raises(WorkerFailed, match="bulk loader rejected the build's triples"):
        load_graph(settings, b"<urn:a> <urn:b> this is not n-triples .\n", "urn:nikg:build:broken")


def test_an_unpublished_build_is_stale_and_not_served_remotely(built, build, virtuoso):
    from kg.build import is_fresh
    from kg.errors import BuildCorrupt
    from kg.sparql.protocol import start_backend

    remote = built.model_copy(update=virtuoso.settings_overrides())
    assert "sparql_graph" not in build.info and is_fresh(built, built.sources_dir)
    assert not is_fresh(remote, remote.sources_dir)  # `nikg build --if-stale` publishes it
    with pytest.raises(BuildCorrupt, match="was not published into the remote SPARQL store"):
        start_backend(remote, build)
