"""The heavy things the app loads once at start-up and shares with every request, as one typed object.

:class:`Resources` is immutable. Routes get the object current when their request started (one
dependency, resolved once per request), so a request never meets the new store with the old
reconciler. After a write through the SPARQL pool, :func:`reload_after_write` builds a new object
from the written store and swaps it in with one assignment; the pool and the search index (which a
write does not change) carry over.
"""
from __future__ import annotations

import contextlib
import dataclasses
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable

from kg.answer import Answerer
from kg.catalogue import Catalogue
from kg.linking import Linker
from kg.reconcile import Reconciler
from kg.settings import Settings
from kg.sparql.backend import SparqlBackend
from kg.sparql.protocol import start_backend
from kg.store import Build, lease_current, open_store
from kg.tables import entity_services, load_tables, services_from
from kg.writes import WriteJournal

from .gc_pause import collector_paused, thaw

log = logging.getLogger("nikg.service")


@dataclass(frozen=True)
class Resources:
    """Everything a route may need, loaded once in the app's lifespan."""

    settings: Settings
    build: Build
    store: Any  # pyoxigraph.Store, opened read-only
    catalogue: Catalogue  # named entities: labels, aliases, types
    sparql: SparqlBackend  # the embedded worker pool (time limit, row cap, writes) or a remote store
    reconciler: Reconciler
    linker: Linker
    answerer: Answerer
    triples: int = 0  # in the store, counted when it was opened
    search: Any = None  # index.search.SearchIndex, or None when it could not be loaded
    search_error: str | None = None  # why search is unavailable
    loaded_in: float = 0.0
    lease: Any = None  # kg.leases.Lease on the build: rebuilds do not prune it while we serve it
    encoder: Any = None  # index.encoder_pool.EncoderPool the search index encodes with, or None (in process)
    tables: str = ""  # where the entity services came from: the build's start-up tables or the store

    def close(self) -> None:
        self.sparql.close()
        if self.encoder is not None:
            self.encoder.close()
        if self.search is not None:
            self.search.close()  # its vector store: memory maps, a Milvus connection or the milvus-lite lock
        thaw()  # start-up froze what it made (service/gc_pause.py): collectable again
        if self.lease is not None:
            self.lease.release()  # last: the workers had the store open until the pool closed


def load_resources(settings: Settings, publish: Callable[[Resources], None]) -> Resources:
    """Open the current build; raises :class:`kg.errors.BuildMissing` / ``BuildCorrupt``.

    The build is leased while it is served (rebuilds never prune it). ``publish`` receives each new
    object made after a write (the app assigns it to its state).
    """
    t0 = time.perf_counter()
    build, lease = lease_current(settings.data_dir)
    try:
        with collector_paused():  # start-up makes millions of long-lived objects and little garbage
            WriteJournal(settings.data_dir).catch_up(build.path)  # writes accepted after this build was made
            res = _open(settings, build, lease)
    except BaseException:
        lease.release()
        raise
    res = dataclasses.replace(res, loaded_in=time.perf_counter() - t0)
    current = res

    def after_write() -> None:
        nonlocal current
        current = reload_after_write(current)
        publish(current)
        thaw()  # the replaced services were frozen at start-up (service/gc_pause.py): collectable again

    if settings.sparql_backend == "embedded":  # a remote store's writes leave the build's own store unchanged
        res.sparql.on_write.append(after_write)
    log.info("loaded build %s in %.2fs (entity services %s)", build.path.name, res.loaded_in, res.tables)
    return res


def _open(settings: Settings, build: Build, lease) -> Resources:
    from index.encoder_pool import pool_from_settings

    encoder = pool_from_settings(settings)  # first: its processes load the encoder while the rest loads
    pool = None
    try:
        store = open_store(build)
        triples = len(store)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="nikg-start") as starter:
            pool_started = starter.submit(start_backend, settings, build)  # worker processes start meanwhile
            try:
                tables = load_tables(build.path, store, triples)
                services = services_from(store, tables)
                search, search_error = _load_search(settings, build, encoder)  # last: waits for an encoder
            except BaseException:
                with contextlib.suppress(BaseException):
                    pool_started.result().close()
                raise
            pool = pool_started.result()
        if search is None and encoder is not None:
            encoder.close()
            encoder = None
        return Resources(settings=settings, build=build, store=store, sparql=pool, triples=triples, search=search,
                         search_error=search_error, lease=lease, tables=_tables_used(tables), encoder=encoder,
                         **services)
    except BaseException:
        if pool is not None:
            pool.close()
        if encoder is not None:
            encoder.close()
        raise


def _tables_used(tables) -> str:
    return "computed from the store" if tables is None else tables.describe()


def reload_after_write(res: Resources) -> Resources:
    """A new object that sees the written store: store, catalogue and entity services rebuilt from the
    store (the build's start-up tables are of the store before the write)."""
    store = open_store(res.build)
    return dataclasses.replace(res, store=store, triples=len(store), tables=_tables_used(None),
                               **entity_services(store))


def _load_search(settings: Settings, build: Build, encoder=None) -> tuple[Any, str | None]:
    """The search index (and its jieba dictionary; the encoder too unless ``encoder`` is the pool's) once;
    on failure /search says why (503)."""
    from index.commands import open_index
    from index.errors import SearchIndexError

    try:
        return open_index(settings, build, encoder), None
    except SearchIndexError as exc:
        log.error("search is unavailable: %s", exc)
        return None, f"search is unavailable: {exc}"
