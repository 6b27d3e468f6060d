"""The heavy things the app loads once at start-up and shares with every request."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from kg.answer import Answerer
from kg.catalogue import Catalogue
from kg.linking import Linker
from kg.reconcile import Reconciler
from kg.settings import Settings
from kg.sparql.protocol import start_pool
from kg.store import Build, lease_current, open_store
from kg.writes import WriteJournal

log = logging.getLogger("nikg.service")


@dataclass
class Resources:
    """Everything a route may need, loaded once in the app's lifespan."""

    settings: Settings
    build: Build
    store: Any  # pyoxigraph.Store, opened read-only
    catalogue: Catalogue  # named entities: labels, aliases, types
    loaded_in: float = 0.0
    extras: dict[str, Any] = field(default_factory=dict)
    lease: Any = None  # kg.leases.Lease on the build: rebuilds do not prune it while we serve it

    def close(self) -> None:
        for item in self.extras.values():
            closer = getattr(item, "close", None)
            if callable(closer):
                closer()
        if self.lease is not None:
            self.lease.release()  # last: the workers had the store open until the pool closed


def load_resources(settings: Settings) -> Resources:
    """Open the current build; raises :class:`kg.errors.BuildMissing` / ``BuildCorrupt``."""
    t0 = time.perf_counter()
    build, lease = lease_current(settings.data_dir)
    WriteJournal(settings.data_dir).catch_up(build.path)  # writes accepted after this build was made
    store = open_store(build)
    res = Resources(settings=settings, build=build, store=store, catalogue=Catalogue.from_store(store), lease=lease)
    res.extras["sparql"] = start_sparql(settings, res)
    res.extras.update(load_entity_services(res))
    res.extras.update(load_search(settings, build))
    res.loaded_in = time.perf_counter() - t0
    log.info("loaded build %s in %.2fs", build.path.name, res.loaded_in)
    return res


def start_sparql(settings: Settings, res: Resources):
    """The SPARQL worker pool; after a write (updates enabled) everything read from the store is reloaded."""
    pool = start_pool(settings, res.build)
    pool.on_write.append(lambda: reload_after_write(res))
    return pool


def load_entity_services(res: Resources) -> dict[str, Any]:
    """Reconciler, entity linker (jieba with the graph's names) and question answerer, from the store."""
    linker = Linker(res.catalogue)
    return {"reconciler": Reconciler.from_store(res.store, res.catalogue), "linker": linker,
            "answerer": Answerer(res.store, res.catalogue, linker)}


def reload_after_write(res: Resources) -> None:
    """Reopen the store and rebuild what was derived from it, so routes see the written data."""
    res.store = open_store(res.build)
    res.catalogue = Catalogue.from_store(res.store)
    res.extras.update(load_entity_services(res))


def load_search(settings: Settings, build: Build) -> dict[str, Any]:
    """The search index (and its encoder and jieba dictionary) once; on failure /search says why (503)."""
    from index.commands import open_index
    from index.errors import SearchIndexError

    try:
        return {"search": open_index(settings, build)}
    except SearchIndexError as exc:
        log.error("search is unavailable: %s", exc)
        return {"search_error": f"search is unavailable: {exc}"}
