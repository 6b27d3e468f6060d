"""Typed dependencies that hand the lifespan's resources to routes.

:func:`get_resources` is resolved once per request (FastAPI caches a dependency within a request),
so every other dependency of that request reads the same :class:`Resources` object.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from kg.answer import Answerer
from kg.catalogue import Catalogue
from kg.errors import BuildMissing
from kg.linking import Linker
from kg.reconcile import Reconciler
from kg.settings import Settings
from kg.sparql.backend import SparqlBackend
from index.errors import IndexMissing
from index.search import SearchIndex

from .resources import Resources


async def get_resources(request: Request) -> Resources:
    """Async and without sub-dependencies, so resolving it costs no thread hop."""
    res: Resources | None = request.app.state.resources
    if res is None:
        raise BuildMissing(request.app.state.load_error or "the service has no data loaded",
                           hint="run `nikg build`, then restart the service (`make serve` does both)")
    return res


ResourcesDep = Annotated[Resources, Depends(get_resources)]


async def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


async def get_catalogue(res: ResourcesDep) -> Catalogue:
    return res.catalogue


CatalogueDep = Annotated[Catalogue, Depends(get_catalogue)]
"""The graph's named entities (labels, aliases, types)."""


async def get_sparql(res: ResourcesDep) -> SparqlBackend:
    return res.sparql


SparqlDep = Annotated[SparqlBackend, Depends(get_sparql)]
"""The SPARQL backend: the embedded worker pool or a remote store (time limit, row cap, writes)."""


async def get_linker(res: ResourcesDep) -> Linker:
    return res.linker


LinkerDep = Annotated[Linker, Depends(get_linker)]
"""Entity linking over the catalogue (jieba loaded once with the graph's names)."""


async def get_answerer(res: ResourcesDep) -> Answerer:
    return res.answerer


AnswererDep = Annotated[Answerer, Depends(get_answerer)]
"""Question answering over the graph's numeric facts."""


async def get_search_optional(res: ResourcesDep) -> SearchIndex | None:
    """The search index if the build has one loaded, else None (question answering then cites no passages)."""
    return res.search


OptionalSearchDep = Annotated[SearchIndex | None, Depends(get_search_optional)]


async def get_search(res: ResourcesDep) -> SearchIndex:
    if res.search is None:
        raise IndexMissing(res.search_error or "the build has no search index")
    return res.search


SearchDep = Annotated[SearchIndex, Depends(get_search)]
"""The bilingual search index (encoder, faiss, BM25, alignments), loaded once."""


async def get_reconciler(res: ResourcesDep) -> Reconciler:
    return res.reconciler


ReconcilerDep = Annotated[Reconciler, Depends(get_reconciler)]
"""Reconciliation (W3C API) over the graph's entities."""
