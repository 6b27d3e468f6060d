"""Typed dependencies that hand the lifespan's resources to routes."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request

from kg.answer import Answerer
from kg.catalogue import Catalogue
from kg.linking import Linker
from kg.reconcile import Reconciler
from kg.settings import Settings
from kg.sparql.backend import SparqlBackend
from index.search import SearchIndex

from .resources import Resources


def get_resources(request: Request) -> Resources:
    res: Resources | None = request.app.state.resources
    if res is None:
        raise HTTPException(status_code=503, detail=request.app.state.load_error
                            or "the service has no data loaded; run `nikg build`, then restart it")
    return res


ResourcesDep = Annotated[Resources, Depends(get_resources)]


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def get_store(res: ResourcesDep) -> Any:
    return res.store


StoreDep = Annotated[Any, Depends(get_store)]
"""The build's pyoxigraph.Store (read-only)."""


def get_catalogue(res: ResourcesDep) -> Catalogue:
    return res.catalogue


CatalogueDep = Annotated[Catalogue, Depends(get_catalogue)]
"""The graph's named entities (labels, aliases, types)."""


async def get_sparql(request: Request) -> SparqlBackend:
    """Async and without sub-dependencies, so resolving it costs no thread hop (lookups take ~1 ms)."""
    return get_resources(request).extras["sparql"]


SparqlDep = Annotated[SparqlBackend, Depends(get_sparql)]
"""The SPARQL backend: the embedded worker pool or a remote store (time limit, row cap, writes)."""


def get_linker(res: ResourcesDep) -> Linker:
    return res.extras["linker"]


LinkerDep = Annotated[Linker, Depends(get_linker)]
"""Entity linking over the catalogue (jieba loaded once with the graph's names)."""


def get_answerer(res: ResourcesDep) -> Answerer:
    return res.extras["answerer"]


AnswererDep = Annotated[Answerer, Depends(get_answerer)]
"""Question answering over the graph's numeric facts."""


def get_search_optional(res: ResourcesDep) -> SearchIndex | None:
    """The search index if the build has one loaded, else None (question answering then cites no passages)."""
    return res.extras.get("search")


OptionalSearchDep = Annotated[SearchIndex | None, Depends(get_search_optional)]


def get_search(res: ResourcesDep) -> SearchIndex:
    index = res.extras.get("search")
    if index is None:
        raise HTTPException(status_code=503, detail=res.extras.get("search_error")
                            or "the build has no search index; run `nikg build`, then restart the service")
    return index


SearchDep = Annotated[SearchIndex, Depends(get_search)]
"""The bilingual search index (encoder, faiss, BM25, alignments), loaded once."""


def get_reconciler(res: ResourcesDep) -> Reconciler:
    return res.extras["reconciler"]


ReconcilerDep = Annotated[Reconciler, Depends(get_reconciler)]
"""Reconciliation (W3C API) over the graph's entities."""
