"""``/sparql``: the SPARQL 1.1 Protocol (query and update), with semantic search inside queries.

Protocol forms (SPARQL 1.1 Protocol §2.1 query, §2.2 update): GET ``?query=``, POST
``application/x-www-form-urlencoded`` (``query=`` or ``update=``), POST ``application/sparql-query``
and ``application/sparql-update``; ``default-graph-uri`` / ``named-graph-uri`` on queries.
GET without a query returns the Service Description. Queries run in the pool of
:mod:`kg.sparql.pool` (time limit, row cap); updates need ``update_enabled`` and the bearer token.
"""
from __future__ import annotations

import hmac
from typing import Annotated, Callable
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from kg.errors import NikgError, QueryTimeout
from kg.namespaces import PREFIXES
from kg.settings import Settings
from kg.sparql.errors import QuerySyntaxError, WorkerFailed
from kg.sparql.formats import GRAPH_FORMATS, NotAcceptable, by_name, negotiate
from kg.sparql.pool import QueryPool, QueryResult
from kg.sparql.protocol import formats_for, query_form
from kg.sparql.semantic import IndexSearch, SearchFn, find_calls, rewrite
from kg.sparql.service_description import RDFLIB_FORMATS, service_description

from ..deps import SparqlDep, get_resources

router = APIRouter(tags=["sparql"])

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"


class SparqlError(BaseModel):
    """Every error of /sparql, /store and linked data: what went wrong and how to fix it."""

    detail: str
    hint: str | None = None
    line: int | None = Field(None, description="1-based line of a syntax error.")
    column: int | None = Field(None, description="1-based column of a syntax error.")
    supported: list[str] | None = Field(None, description="Media types that can be produced (406).")


class UpdateDone(BaseModel):
    status: str = Field(examples=["ok"])
    seconds: float


ERRORS = {400: {"model": SparqlError}, 401: {"model": SparqlError}, 403: {"model": SparqlError},
          406: {"model": SparqlError}, 503: {"model": SparqlError}}


def error(status: int, detail: str, **extra) -> JSONResponse:
    body = SparqlError(detail=detail, **extra).model_dump(exclude_none=True)
    headers = {"WWW-Authenticate": 'Bearer realm="nikg"'} if status == 401 else None
    if status == 503:
        headers = {"Retry-After": "5"}
    return JSONResponse(status_code=status, content=body, headers=headers)


def error_for(exc: Exception) -> JSONResponse:
    """The HTTP answer for a library error raised while running a query or an update."""
    if isinstance(exc, NotAcceptable):
        return error(406, f"{exc}; supported: {', '.join(exc.supported)}",
                     hint="send one of the supported types in Accept or as the format parameter",
                     supported=exc.supported)
    if isinstance(exc, QuerySyntaxError):
        return error(400, f"syntax error: {exc.args[0]}", hint=exc.hint, line=exc.line, column=exc.column)
    if isinstance(exc, QueryTimeout):
        return error(503, str(exc.args[0]), hint=exc.hint or None)
    if isinstance(exc, WorkerFailed):
        return error(503, str(exc.args[0]), hint=exc.hint)
    if isinstance(exc, NikgError):
        return error(400, str(exc.args[0]), hint=exc.hint or None)
    raise exc


async def get_search_fn(request: Request) -> SearchFn | None:
    """The /search index as the ``search(text, k, lang, mode)`` function nikg:search needs."""
    res = get_resources(request)
    index = getattr(res, "search_index", None) or res.extras.get("search") or res.extras.get("search_index")
    return IndexSearch(index) if index is not None else None  # passages, and entities for nikg:entity


SearchFnDep = Annotated[Callable | None, Depends(get_search_fn)]


async def get_settings_now(request: Request) -> Settings:
    return request.app.state.settings


FastSettingsDep = Annotated[Settings, Depends(get_settings_now)]
"""The settings, resolved without a thread hop (the query routes have no other sync dependency)."""


def result_response(result: QueryResult, media_type: str, settings: Settings) -> Response:
    headers = {"Vary": "Accept", "Nikg-Rows": str(result.rows), "Nikg-Seconds": f"{result.seconds:.4f}"}
    if result.truncated:
        headers["Nikg-Truncated"] = "true"
        headers["Nikg-Max-Rows"] = str(settings.sparql_max_rows)
    return Response(result.body, media_type=media_type, headers=headers)


async def run_query(pool: QueryPool, search: SearchFn | None, settings: Settings, query: str, accept: str | None,
                    fmt: str | None, default_graphs: list[str], named_graphs: list[str]) -> Response:
    """Negotiate, rewrite nikg:search blocks, run in the pool, answer (or the error's HTTP answer).

    Runs on the event loop: the pool is awaited on its pipe; only a semantic search (encoder work)
    goes to a thread.
    """
    try:
        candidates = formats_for(query_form(query))
        chosen = by_name(fmt, candidates) if fmt else negotiate(accept, candidates)
        text = query
        if find_calls(query, PREFIXES):
            text = await run_in_threadpool(rewrite, query, search, PREFIXES, settings.sparql_search_max_k)
        result = await pool.aquery(text, chosen.name, default_graph=default_graphs or None,
                                   named_graphs=named_graphs or None)
    except Exception as exc:  # library errors only; anything else is re-raised by error_for
        return error_for(exc)
    return result_response(result, chosen.content_type, settings)


def check_writer(request: Request, settings: Settings) -> JSONResponse | None:
    """None when the request may write; else the 401/403 answer (and nothing is changed)."""
    if not settings.update_enabled:
        return error(403, "updates are disabled on this service",
                     hint="start it with NIKG_UPDATE_ENABLED=true and NIKG_UPDATE_TOKEN=<secret>")
    if not settings.update_token:
        return error(403, "updates are enabled but no token is configured, so every write is refused",
                     hint="set NIKG_UPDATE_TOKEN=<secret> and restart")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return error(401, "writes need a bearer token", hint="send Authorization: Bearer <token>")
    if not hmac.compare_digest(token.strip().encode(), settings.update_token.encode()):
        return error(403, "the bearer token is wrong", hint="use the token the service was started with")
    return None


async def run_update(pool: QueryPool, request: Request, settings: Settings, update: str) -> Response:
    denied = check_writer(request, settings)
    if denied is not None:
        return denied
    try:
        seconds = await run_in_threadpool(pool.update, update)
    except Exception as exc:
        return error_for(exc)
    return JSONResponse(UpdateDone(status="ok", seconds=round(seconds, 4)).model_dump())


def describe_service(request: Request, settings: Settings, accept: str | None, fmt: str | None) -> Response:
    res = get_resources(request)
    try:
        chosen = by_name(fmt, GRAPH_FORMATS) if fmt else negotiate(accept, GRAPH_FORMATS)
    except NotAcceptable as exc:
        return error_for(exc)
    graph = service_description(str(request.url_for("sparql_get")), triples=len(res.store),
                                timeout=settings.sparql_timeout, max_rows=settings.sparql_max_rows,
                                update=settings.update_enabled)
    body = graph.serialize(format=RDFLIB_FORMATS[chosen.name], encoding="utf-8")
    return Response(body, media_type=chosen.content_type, headers={"Vary": "Accept"})


@router.get("/sparql", name="sparql_get", summary="SPARQL query by GET, or the Service Description",
            responses={200: {"content": {"application/sparql-results+json": {}, "text/turtle": {}}}, **ERRORS})
async def sparql_get(request: Request, pool: SparqlDep, search: SearchFnDep, settings: FastSettingsDep,
               query: Annotated[str | None, Query(description="The SPARQL query. Without it: the Service Description.")] = None,
               default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],
               named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],
               format: Annotated[str | None, Query(description="Result format when Accept cannot be set: json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml or a media type.")] = None,
               ) -> Response:
    if "update" in request.query_params:
        return error(400, "SPARQL Update cannot be sent by GET", hint="POST it as application/sparql-update")
    if (query is None or not query.strip()) and format is None:
        from .pages import sparql_page, wants_html  # a browser gets the YASGUI page

        if wants_html(request):
            return sparql_page(request)
    if query is None or not query.strip():
        return await run_in_threadpool(describe_service, request, settings, request.headers.get("accept"), format)
    return await run_query(pool, search, settings, query, request.headers.get("accept"), format,
                     default_graph_uri, named_graph_uri)


@router.post("/sparql", summary="SPARQL query or update by POST (form, sparql-query or sparql-update body)",
             responses={200: {"content": {"application/sparql-results+json": {}, "text/turtle": {}}}, **ERRORS},
             openapi_extra={"requestBody": {"content": {
                 FORM: {"schema": {"type": "object", "properties": {"query": {"type": "string"},
                                                                     "update": {"type": "string"}}}},
                 QUERY_TYPE: {"schema": {"type": "string"}}, UPDATE_TYPE: {"schema": {"type": "string"}}}}})
async def sparql_post(request: Request, pool: SparqlDep, search: SearchFnDep, settings: FastSettingsDep) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = (await request.body()).decode("utf-8", errors="replace")
    url = {k: request.query_params.getlist(k) for k in request.query_params}
    if content_type == FORM:
        fields = {**url, **parse_qs(body, keep_blank_values=True)}
    elif content_type in (QUERY_TYPE, UPDATE_TYPE):
        fields = {**url, "query" if content_type == QUERY_TYPE else "update": [body]}
    else:
        return error(415 if content_type else 400, f"unsupported request type {content_type or '(none)'!r}",
                     hint=f"POST {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}")
    fmt = (fields.get("format") or fields.get("output") or [None])[0]
    if "update" in fields:
        if "query" in fields:
            return error(400, "send either query or update, not both")
        return await run_update(pool, request, settings, fields["update"][0])
    if not fields.get("query") or not fields["query"][0].strip():
        return error(400, "no query given", hint="send query=... (form) or a body of type application/sparql-query")
    return await run_query(pool, search, settings, fields["query"][0], request.headers.get("accept"), fmt,
                           fields.get("default-graph-uri", []), fields.get("named-graph-uri", []))
