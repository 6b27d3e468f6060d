"""Shared fixtures: one real build of the bundled corpus per test session, and the real app on it."""
from __future__ import annotations

import os
import shutil

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing may reach a model hub in tests
# one encoder process per app (not one per core): the pool is still the path under test, at half the start-up
# cost; tests/index/test_encoder_pool.py sets its own counts
os.environ.setdefault("NIKG_ENCODER_PROCESSES", "1")

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kg.build import run_build
from kg.settings import BUNDLED_SOURCES, Settings
from kg.store import current_build, open_store
from service.app import create_app


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> Settings:
    """Settings pointing at a fresh data folder for this session."""
    return Settings(data_dir=tmp_path_factory.mktemp("data"), sources_dir=BUNDLED_SOURCES)


@pytest.fixture(scope="session")
def built(settings) -> Settings:
    """The bundled corpus built once, for real, into the session's data folder."""
    run_build(settings)
    return settings


@pytest.fixture(scope="session")
def build(built):
    return current_build(built.data_dir)


@pytest.fixture(scope="session")
def store(build):
    """The built Oxigraph store, read-only, as the service opens it."""
    return open_store(build)


@pytest.fixture(scope="session")
def client(built):
    """A real HTTP client (httpx via Starlette's TestClient) against the real app on the real build."""
    with TestClient(create_app(built)) as c:
        yield c


@pytest.fixture()
def data_copy(built, tmp_path) -> Path:
    """A private data folder whose current build is a copy of the session's build, and whose build cache is a
    copy of the session's, so that a build there is a rebuild (per-document results reused) rather than a first
    build."""
    src = current_build(built.data_dir).path
    data = tmp_path / "data"
    shutil.copytree(src, data / "builds" / src.name, ignore=shutil.ignore_patterns(".leases", ".sparql-snapshots"))
    (data / "current").symlink_to(f"builds/{src.name}")
    if (built.data_dir / "cache").is_dir():
        shutil.copytree(built.data_dir / "cache", data / "cache")
    return data


@pytest.fixture()
def warm_cache(built):
    """``warm_cache(data_dir)`` copies the session build's cache (per-document extraction, vectors, shape checks)
    into ``data_dir``, so that a first build there redoes only documents the session did not build; returns it."""
    def warm(data_dir: Path) -> Path:
        if (built.data_dir / "cache").is_dir():
            shutil.copytree(built.data_dir / "cache", Path(data_dir) / "cache")
        return Path(data_dir)

    return warm


@pytest.fixture()
def sources_copy(tmp_path) -> Path:
    """A private copy of the bundled sources that a test may change."""
    folder = tmp_path / "sources"
    folder.mkdir()
    for f in BUNDLED_SOURCES.iterdir():
        if f.is_file():
            (folder / f.name).write_bytes(f.read_bytes())
    return folder


@pytest.fixture(scope="session")
def answerer_of():
    """``answerer_of(settings, search=False)``: an :class:`~kg.answer.Answerer` on the current build of ``settings``
    (from ``build_texts``); with its search index when ``search`` (else questions are asked with ``k=0``)."""
    def make(settings: Settings, search: bool = False):
        from kg.answer import Answerer
        from kg.catalogue import Catalogue
        from kg.linking import Linker
        from kg.store import current_build, open_store

        build = current_build(settings.data_dir)
        store = open_store(build)
        catalogue = Catalogue.from_store(store)
        if not search:
            return Answerer(store, catalogue, Linker(catalogue))
        from index.search import SearchIndex

        return Answerer(store, catalogue, Linker(catalogue), search=SearchIndex.load(build.index_path, settings.encoder))

    return make


@pytest.fixture(scope="session")
def build_texts(tmp_path_factory):
    """A real build of some small test texts: ``build_texts(name, files)`` copies ``files`` (texts and their
    sidecars) into a new sources folder, builds them and returns the build's settings."""
    def make(name: str, files) -> Settings:
        root = tmp_path_factory.mktemp(name)
        (root / "src").mkdir()
        for f in files:
            shutil.copy(f, root / "src" / f.name)
        settings = Settings(data_dir=root / "data", sources_dir=root / "src")
        run_build(settings)
        return settings

    return make


@pytest.fixture(scope="session")
def recon_schema():
    """``validate(version, name, instance)`` against the W3C Reconciliation API JSON Schemas in
    tests/schemas/<version>/schemas/<name>.json (copied from the spec; refs resolved locally)."""
    import json

    from jsonschema import Draft7Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    root = Path(__file__).parent / "schemas"
    resources = []
    for path in root.glob("*/schemas/*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        resources.append((doc["$id"].rstrip("#"), Resource.from_contents(doc, default_specification=DRAFT7)))
    registry = Registry().with_resources(resources)

    def validate(version: str, name: str, instance) -> None:
        doc = json.loads((root / version / "schemas" / f"{name}.json").read_text(encoding="utf-8"))
        Draft7Validator(doc, registry=registry).validate(instance)

    return validate


@pytest.fixture(scope="session")
def linker(store):
    """The entity linker on the built graph's catalogue (jieba loaded once for the session)."""
    from kg.catalogue import Catalogue
    from kg.linking import Linker

    return Linker(Catalogue.from_store(store))


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """``nikg serve`` in a real process on a loopback port (uvicorn, the real event loop)."""

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None):
        import subprocess
        import sys

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = {**os.environ, "NIKG_DATA_DIR": str(data_dir), "NIKG_LOG_LEVEL": "warning", **(env or {})}
        self.proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--port", str(self.port)],
                                     env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def wait(self, seconds: float = 90) -> "LiveServer":
        import time

        import httpx

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/ready", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            assert self.proc.poll() is None, self.proc.stderr.read()
            time.sleep(0.2)
        raise TimeoutError(f"nikg serve on {self.url} was not ready after {seconds} s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except Exception:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="session")
def live(built):
    """The real service on the session's build, over real HTTP."""
    server = LiveServer(built.data_dir).wait()
    yield server
    server.stop()


# --- a real Virtuoso 7 for the remote SPARQL backend (kg/sparql/remote.py) -------------------------

@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """Our own ``virtuoso-t`` (own ini, database, loopback ports, non-default passwords), stopped at the end."""
    from virtuoso_server import VirtuosoServer

    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso")).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def remote_built(tmp_path_factory, virtuoso) -> Settings:
    """The bundled corpus built and published into the Virtuoso fixture; the settings that serve it
    (writes enabled with ``REMOTE_TOKEN``; a low row cap and time limit the tests can reach)."""
    from virtuoso_server import REMOTE_TOKEN

    settings = Settings(data_dir=tmp_path_factory.mktemp("remote-data"), sources_dir=BUNDLED_SOURCES,
                        update_enabled=True, update_token=REMOTE_TOKEN, sparql_max_rows=2000,
                        sparql_timeout=3.0, **virtuoso.settings_overrides())
    run_build(settings)
    return settings


@pytest.fixture(scope="session")
def remote_client(remote_built):
    """The real app with ``sparql_backend="remote"`` on the Virtuoso fixture."""
    with TestClient(create_app(remote_built)) as c:
        yield c


@pytest.fixture(scope="session")
def fitness_build(build_texts):
    """Settings of a real build of tests/kg/ask_texts/fitness_plan.txt, a Chinese-only plan written for the tests of the
    encoder's reader (tests/kg/test_answer_dense.py, tests/service/test_ask.py)."""
    return build_texts("fitness", (Path(__file__).parent / "kg" / "ask_texts").glob("fitness_plan.*"))

