"""Small helpers of the SPARQL 1.1 Protocol shared by the routes: query form, pool start-up."""
from __future__ import annotations

from ..errors import BuildCorrupt
from ..namespaces import PREFIXES
from ..settings import Settings
from ..store import Build
from . import prologue, sizing
from .formats import GRAPH_FORMATS, RESULT_FORMATS, Format
from .pool import QueryPool
from .semantic import iter_tokens

_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


def query_form(query: str) -> str | None:
    """``select``, ``ask`` or ``graph`` (CONSTRUCT/DESCRIBE) from the first query keyword; None if unknown."""
    for tok in iter_tokens(query[prologue.end(query):]):
        if tok.kind == "word":
            word = tok.text.upper()
            if word in _FORMS:
                return _FORMS[word]
            if word not in ("PREFIX", "BASE"):
                return None
    return None


def formats_for(form: str | None) -> tuple[Format, ...]:
    """The formats a query of ``form`` can be answered in (result formats when the form is unknown)."""
    return GRAPH_FORMATS if form == "graph" else RESULT_FORMATS


def start_backend(settings: Settings, build: Build):
    """The SPARQL backend ``settings.sparql_backend`` names, started: the embedded pool of ``build``
    or the remote store (see :mod:`kg.sparql.backend`)."""
    if settings.sparql_backend == "remote":
        from .publish import remote_backend

        if not build.info.get("sparql_graph"):
            raise BuildCorrupt(f"build {build.path.name} was not published into the remote SPARQL store",
                               hint="run `nikg build` with NIKG_SPARQL_BACKEND=remote and the backend settings")
        return remote_backend(settings).start()
    return start_pool(settings, build)


def start_pool(settings: Settings, build: Build) -> QueryPool:
    """The query pool of a build, started, with nikg's predeclared prefixes."""
    return QueryPool(build.store_path, workers=settings.sparql_workers, timeout=settings.sparql_timeout,
                     max_rows=settings.sparql_max_rows, prefixes=PREFIXES,
                     memory_mb=settings.sparql_worker_memory_mb,
                     memory_triples=sizing.for_settings(settings), queue_max=settings.sparql_queue_max,
                     client_concurrency=settings.sparql_client_concurrency,
                     lookup_workers=settings.sparql_lookup_workers, lookup_timeout=settings.sparql_lookup_timeout,
                     cpu_seconds=settings.sparql_cpu_seconds).start()
