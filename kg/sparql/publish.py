"""Publishing a build into the remote SPARQL store, and which graph of it is served.

``nikg build`` (with ``sparql_backend="remote"``) loads the new build's triples into a NEW named
graph ``urn:nikg:build:<build id>`` while the previous build's graph goes on being served:

1. ``DROP SILENT`` the graph (a retried build starts clean), then POST the N-Triples in batches of
   ``sparql_backend_batch`` triples to the Graph Store endpoint (SPARQL 1.1 Graph Store HTTP
   Protocol §5.5; Virtuoso: ``/sparql-graph-crud-auth``, digest auth; ~9,000 triples/s measured),
   or, when ``sparql_backend_bulk_dir`` and ``sparql_backend_isql`` are set, with Virtuoso's bulk
   loader (:mod:`kg.sparql.virtuoso_bulk`), which needs the file where the store can read it.
2. The triples are those of the build's own store, into which the build step ``replay_writes`` has
   already replayed every write the service accepted (:mod:`kg.writes`): writes are carried over.
3. The graph's IRI is recorded in ``build.json`` (``sparql_graph``); the switch is the existing
   atomic replacement of the ``current`` link (:func:`kg.store.new_build`). A running service reads
   the link on each query (:class:`CurrentGraph`), so every query sees the old graph or the new
   one, never a half-loaded one.
4. After the build, graphs of builds no longer on disk (pruned by ``keep_builds``) are dropped.

A write accepted between step 2 and the switch reaches only the old graph (the journal keeps it
for the next build); builds are rare and short, so this window is documented, not locked.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import logging

import httpx

from ..namespaces import PREFIXES
from ..settings import Settings
from ..store import BUILD_FILE
from .remote import RemoteBackend

log = logging.getLogger("nikg.sparql")
GRAPH_PREFIX = "urn:nikg:build:"


def graph_of(build_id: str) -> str:
    return GRAPH_PREFIX + build_id


class CurrentGraph:
    """``graph()`` -> the named graph of the build ``<data_dir>/current`` points to (read per call,
    cached per link target: one ``readlink`` per query)."""

    def __init__(self, data_dir: Path):
        self.link = Path(data_dir) / "current"
        self._cache: tuple[str, str | None] | None = None

    def __call__(self) -> str | None:
        try:
            target = os.readlink(self.link)
        except OSError:
            return None
        if self._cache is None or self._cache[0] != target:
            try:
                info = json.loads((self.link.parent / target / BUILD_FILE).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return None
            self._cache = (target, info.get("sparql_graph"))
        return self._cache[1]


def auth_of(settings: Settings) -> httpx.Auth | None:
    if not settings.sparql_backend_user:
        return None
    password = settings.sparql_backend_password.get_secret_value() if settings.sparql_backend_password else ""
    cls = httpx.DigestAuth if settings.sparql_backend_auth == "digest" else httpx.BasicAuth
    return cls(settings.sparql_backend_user, password)


def remote_backend(settings: Settings) -> RemoteBackend:
    """The backend the service (and publishing) use, not started."""
    if not settings.sparql_backend_url:
        from ..errors import NikgError

        raise NikgError("sparql_backend is 'remote' but no sparql_backend_url is set",
                        hint="set NIKG_SPARQL_BACKEND_URL (Virtuoso: http://host:8890/sparql)")
    return RemoteBackend(settings.sparql_backend_url, update_url=settings.sparql_backend_update_url,
                         auth=auth_of(settings), graph=CurrentGraph(settings.data_dir),
                         timeout=settings.sparql_timeout, max_rows=settings.sparql_max_rows, prefixes=PREFIXES,
                         max_bytes=settings.sparql_backend_max_bytes,
                         # the federation allow list is a setting on main (kg.sparql.guard); absent here before the merge
                         allow_services=tuple(getattr(settings, "sparql_federation_allow", ())))


def _batches(ntriples: bytes, size: int):
    lines = ntriples.splitlines(keepends=True)
    for i in range(0, len(lines), size):
        yield b"".join(lines[i:i + size])


def load_graph(settings: Settings, ntriples: bytes, graph: str) -> None:
    """Replace ``graph`` in the store with ``ntriples`` (the build's store, accepted writes already replayed
    into it by the build step ``replay_writes``)."""
    limit = max(settings.sparql_timeout, 300.0)
    with remote_backend(settings) as backend:
        backend.run_update(f"DROP SILENT GRAPH <{graph}>", None, limit)
        if settings.sparql_backend_bulk_dir and settings.sparql_backend_isql:
            from .virtuoso_bulk import bulk_load

            bulk_load(settings, ntriples, graph)
        else:
            post_graph(settings, backend.auth, ntriples, graph, limit)


def post_graph(settings: Settings, auth, ntriples: bytes, graph: str, limit: float) -> None:
    """POST ``ntriples`` to the Graph Store endpoint in batches (SPARQL 1.1 Graph Store Protocol §5.5)."""
    url = settings.sparql_backend_graph_store_url
    if not url:
        from ..errors import NikgError

        raise NikgError("cannot publish the build: no sparql_backend_graph_store_url is set",
                        hint="set NIKG_SPARQL_BACKEND_GRAPH_STORE_URL (Virtuoso: http://host:8890/sparql-graph-crud-auth)")
    with httpx.Client(auth=auth, timeout=limit) as client:
        for batch in _batches(ntriples, settings.sparql_backend_batch):
            resp = client.post(url, params={"graph": graph}, content=batch,
                               headers={"Content-Type": "application/n-triples"})
            if resp.status_code >= 300:
                raise backend_error(resp)


def backend_error(resp: httpx.Response) -> Exception:
    from .remote_errors import BackendError

    return BackendError(f"publishing into the SPARQL backend failed ({resp.status_code}): {resp.text[:300]}")


def drop_graph(settings: Settings, graph: str) -> None:
    with remote_backend(settings) as backend:
        backend.run_update(f"DROP SILENT GRAPH <{graph}>", None, max(settings.sparql_timeout, 300.0))


def drop_unkept(settings: Settings) -> list[str]:
    """Drop the build graphs whose build folder is gone (pruned); returns their IRIs."""
    builds = Path(settings.data_dir) / "builds"
    kept = {graph_of(p.name) for p in builds.iterdir() if p.is_dir()} if builds.is_dir() else set()
    with remote_backend(settings) as backend:
        query = (f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{GRAPH_PREFIX}")) }}')
        found = json.loads(backend.query(query, "json", default_graph=[], max_rows=100_000).body)
        graphs = [b["g"]["value"] for b in found["results"]["bindings"]]
        gone = [g for g in graphs if g not in kept]
        for graph in gone:
            backend.run_update(f"DROP SILENT GRAPH <{graph}>", None, max(settings.sparql_timeout, 300.0))
    return gone
