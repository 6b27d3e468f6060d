"""Rebuild under load: a real `nikg serve` keeps answering while two builds run in another process.

keep_builds=1, so without the service's lease the rebuilds would delete the build it serves; after
them, two runaway queries force both SPARQL workers to be replaced (they reopen the store).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from kg.build import run_build
from kg.settings import Settings
from kg.store import current_build

BUILD_TWICE = "from kg.cli import main; import sys; sys.exit(main(['build']) or main(['build']))"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def served(tmp_path, sources_copy, warm_cache):
    """A real `nikg serve` subprocess on a private build; yields (base URL, settings, env)."""
    settings = Settings(data_dir=warm_cache(tmp_path / "data"), sources_dir=sources_copy, keep_builds=1)
    run_build(settings)
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.getcwd(), "NIKG_DATA_DIR": str(settings.data_dir),
           "NIKG_SOURCES_DIR": str(sources_copy), "NIKG_KEEP_BUILDS": "1", "NIKG_SPARQL_TIMEOUT": "2"}
    log = open(tmp_path / "serve.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--port", str(port)], env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, proc, tmp_path / "serve.log")
        yield base, settings, env
    finally:
        proc.terminate()
        proc.wait(30)
        log.close()


def _wait_ready(base: str, proc: subprocess.Popen, log) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the service exited: {log.read_text()}"
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"the service did not start: {log.read_text()}")


def _round(client: httpx.Client) -> list[tuple[str, int]]:
    """One request to each route; (route, status) of every answer."""
    answers = [("sparql", client.get("/sparql", params={"query": COUNT})),
               ("search", client.get("/search", params={"q": "charging piles"})),
               ("health", client.get("/health"))]
    for name, r in answers:
        if name == "sparql" and r.status_code == 200:
            assert int(r.json()["results"]["bindings"][0]["n"]["value"]) > 1000
    return [(name, r.status_code) for name, r in answers]


def test_service_answers_every_request_while_two_builds_run(served):
    base, settings, env = served
    first = current_build(settings.data_dir).path
    builder = subprocess.Popen([sys.executable, "-c", BUILD_TWICE], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    statuses: list[tuple[str, int]] = []
    deadline = time.monotonic() + 240  # bounded: two builds take ~15 s on an idle machine
    with httpx.Client(base_url=base, timeout=30) as client:
        while builder.poll() is None and time.monotonic() < deadline:
            statuses += _round(client)
        assert builder.wait(30) == 0, builder.stderr.read()
        for _ in range(3):
            statuses += _round(client)
        served_build = client.get("/health").json()["build"]
        for _ in range(2):  # replace both workers: they reopen the (leased, kept) store
            r = client.get("/sparql", params={"query": RUNAWAY})
            assert r.status_code == 503 and "time limit" in r.json()["detail"]
        for _ in range(3):
            statuses += _round(client)
    failures = [(name, status) for name, status in statuses if status != 200]
    assert failures == [] and len(statuses) >= 30, (failures, len(statuses))
    assert served_build == first.name and first.is_dir()
    assert current_build(settings.data_dir).path != first  # the builds did publish
