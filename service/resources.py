"""The heavy things the app loads once at start-up and shares with every request."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from kg.answer import Answerer
from kg.catalogue import Catalogue
from kg.linking import Linker
from kg.settings import Settings
from kg.sparql.protocol import start_pool
from kg.store import Build, current_build, open_store

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

    def close(self) -> None:
        for item in self.extras.values():
            closer = getattr(item, "close", None)
            if callable(closer):
                closer()


def load_resources(settings: Settings) -> Resources:
    """Open the current build; raises :class:`kg.errors.BuildMissing` / ``BuildCorrupt``."""
    t0 = time.perf_counter()
    build = current_build(settings.data_dir)
    store = open_store(build)
    res = Resources(settings=settings, build=build, store=store, catalogue=Catalogue.from_store(store))
    res.extras["sparql"] = start_sparql(settings, res)
    res.extras.update(load_linking(res))
    res.extras.update(load_search(settings, build))
    res.loaded_in = time.perf_counter() - t0
    log.info("loaded build %s in %.2fs", build.path.name, res.loaded_in)
    return res


def start_sparql(settings: Settings, res: Resources):
    """The SPARQL worker pool; after a write (updates enabled) the main read-only handle is reopened."""
    pool = start_pool(settings, res.build)
    pool.on_write.append(lambda: setattr(res, "store", open_store(res.build)))
    return pool


def load_linking(res: Resources) -> dict[str, Any]:
    """The entity linker (jieba with the graph's names) and the question answerer (the graph's facts)."""
    linker = Linker(res.catalogue)
    return {"linker": linker, "answerer": Answerer(res.store, res.catalogue, linker)}


def load_search(settings: Settings, build: Build) -> dict[str, Any]:
    """The search index (and its encoder and jieba dictionary) once; on failure /search says why (503)."""
    from index.commands import open_index
    from index.errors import SearchIndexError

    try:
        return {"search": open_index(settings, build)}
    except SearchIndexError as exc:
        log.error("search is unavailable: %s", exc)
        return {"search_error": f"search is unavailable: {exc}"}
