"""``/sparql``: the SPARQL 1.1 Protocol (query and update), with semantic search inside queries.

Protocol forms (SPARQL 1.1 Protocol §2.1 query, §2.2 update): GET ``?query=``, POST
``application/x-www-form-urlencoded`` (``query=`` or ``update=``), POST ``application/sparql-query``
and ``application/sparql-update``; ``default-graph-uri`` / ``named-graph-uri`` on queries.
GET without a query returns the Service Description. Queries run in the pool of
:mod:`kg.sparql.pool` (time limit, row cap); updates need ``update_enabled`` and the bearer token.
"""
from __future__ import annotations

import hashlib
import hmac
from functools import partial
from typing import Annotated, Callable
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from kg.namespaces import PREFIXES
from kg.settings import Settings
from kg.sparql import guard, prefixes
from kg.sparql.format_params import FORMAT_PARAMS, choose, format_values
from kg.sparql.formats import GRAPH_FORMATS, RESULT_FORMATS
from kg.sparql.pool import QueryResult
from kg.sparql.protocol import formats_for, query_form
from kg.sparql.semantic import IndexSearch, rewrite
from kg.sparql.service_description import RDFLIB_FORMATS, service_description
from kg.writes import WriteJournal

from ..deps import ResourcesDep
from ..errors import BadRequest, Forbidden, Unauthorized, UnsupportedMediaType, media, responses
from ..resources import Resources

router = APIRouter(tags=["sparql"])

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
INLINE_CHECK_CHARS = 20_000  # longer texts are checked in a thread, off the event loop


class UpdateDone(BaseModel):
    status: str = Field(examples=["ok"])
    seconds: float


FORMAT_DOC = ("Result format, read after Accept cannot be set or as SPARQLWrapper sends it (also as output= "
              "or results=): json, xml, csv, tsv, turtle, n3 (answered as Turtle), ntriples, rdf, rdf+xml, "
              "json-ld or media types; a value the query form cannot produce is ignored when Accept can be met.")
QUERY_ERRORS = responses(400, 406, 413, 422, 429, 503)
POST_ERRORS = responses(400, 401, 403, 406, 413, 415, 429, 503)
WRITE_ERRORS = responses(400, 401, 403, 404, 413, 415, 429, 503)


def client_key(request: Request) -> str:
    """Who is asking, for per-client limits: the bearer token (hashed) when one is sent, else the address."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return "token:" + hashlib.sha256(token.strip().encode()).hexdigest()[:16]
    return "addr:" + (request.client.host if request.client else "unknown")


def _check(text: str, settings: Settings) -> bool:
    searches = guard.check(text, PREFIXES, max_chars=settings.sparql_max_query_chars,
                           max_nesting=settings.sparql_max_nesting, allow=settings.sparql_federation_allow)
    prefixes.check(text, PREFIXES)
    return searches


async def checked(text: str, settings: Settings) -> bool:
    """:func:`kg.sparql.guard.check` and :func:`kg.sparql.prefixes.check` (off the event loop for long
    texts); True when nikg:search is used."""
    if len(text) <= INLINE_CHECK_CHARS:
        return _check(text, settings)
    return await run_in_threadpool(_check, text, settings)


def result_response(result: QueryResult, media_type: str, settings: Settings, ignored: list[str] = ()) -> Response:
    """The engine's answer with its headers. A cut answer says so in ``Nikg-Truncated``/``Nikg-Max-Rows`` (and
    ``"truncated": true`` in JSON); clients that read neither (rdflib's SPARQLStore) page with LIMIT/OFFSET."""
    headers = {"Vary": "Accept", "Nikg-Rows": str(result.rows), "Nikg-Seconds": f"{result.seconds:.4f}"}
    if ignored:
        headers["Nikg-Ignored-Format"] = ", ".join(ignored)
    if result.truncated:
        headers["Nikg-Truncated"] = "true"
        headers["Nikg-Max-Rows"] = str(settings.sparql_max_rows)
    return Response(result.body, media_type=media_type, headers=headers)


async def run_query(res: Resources, request: Request, query: str, formats: list[str],
                    default_graphs: list[str], named_graphs: list[str]) -> Response:
    """Check, negotiate, rewrite nikg:search blocks, run in the pool, answer. Library errors propagate
    to the app's one handler. The pool is awaited on its pipes; only checking long texts and semantic
    search (encoder work) go to a thread."""
    searches = await checked(query, res.settings)
    candidates = formats_for(query_form(query))
    chosen, ignored = choose(request.headers.get("accept"), formats, candidates)
    text = query
    if searches:
        search = IndexSearch(res.search) if res.search is not None else None
        text = await run_in_threadpool(rewrite, query, search, PREFIXES, res.settings.sparql_search_max_k)
    result = await res.sparql.aquery(text, chosen.name, client=client_key(request),
                                     default_graph=default_graphs or None, named_graphs=named_graphs or None)
    return result_response(result, chosen.content_type, res.settings, ignored)


def check_writer(request: Request, settings: Settings) -> None:
    """Raise 401/403 unless the request may write (nothing is changed then)."""
    if not settings.update_enabled:
        raise Forbidden("updates are disabled on this service",
                        hint="start it with NIKG_UPDATE_ENABLED=true and NIKG_UPDATE_TOKEN=<secret>")
    if not settings.update_token:
        raise Forbidden("updates are enabled but no token is configured, so every write is refused",
                        hint="set NIKG_UPDATE_TOKEN=<secret> and restart")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "basic":
        raise Unauthorized("Basic credentials are not accepted for writes (browsers resend them on cross-site "
                           "form posts); writes need a bearer token",
                           hint="send Authorization: Bearer <token> (SPARQLWrapper: addCustomHttpHeader; rdflib "
                                "SPARQLUpdateStore: headers=...; see docs/clients.md)")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("writes need a bearer token", hint="send Authorization: Bearer <token>")
    if not hmac.compare_digest(token.strip().encode(), settings.update_token.encode()):
        raise Forbidden("the bearer token is wrong", hint="use the token the service was started with")


def journaled(res: Resources, update: str) -> Callable[[], int]:
    """What the backend runs once ``update`` is committed: append it to the write journal (kept across builds)."""
    return partial(WriteJournal(res.settings.data_dir).record, update, build=res.build.path)


async def run_update(res: Resources, request: Request, update: str) -> Response:
    check_writer(request, res.settings)
    if not update.strip():
        raise BadRequest("the update is empty", hint="send update=INSERT DATA { ... } (form) or an "
                                                     "application/sparql-update body")
    await checked(update, res.settings)
    seconds = await run_in_threadpool(partial(res.sparql.update, update, on_commit=journaled(res, update)))
    return JSONResponse(UpdateDone(status="ok", seconds=round(seconds, 4)).model_dump())


def describe_service(request: Request, res: Resources, formats: list[str]) -> Response:
    chosen, _ = choose(request.headers.get("accept"), formats, GRAPH_FORMATS)
    settings = res.settings
    graph = service_description(settings.base_url + "/sparql", triples=len(res.store),
                                timeout=settings.sparql_timeout, max_rows=settings.sparql_max_rows,
                                update=settings.update_enabled)
    body = graph.serialize(format=RDFLIB_FORMATS[chosen.name], encoding="utf-8")
    return Response(body, media_type=chosen.content_type, headers={"Vary": "Accept"})


@router.get("/sparql", name="sparql_get", summary="SPARQL query by GET, or the Service Description",
            responses={**media((*RESULT_FORMATS, *GRAPH_FORMATS)), **QUERY_ERRORS})
async def sparql_get(request: Request, res: ResourcesDep,
               query: Annotated[str | None, Query(description="The SPARQL query. Without it: the Service Description.")] = None,
               default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],
               named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],
               format: Annotated[list[str], Query(description=FORMAT_DOC)] = [],
               output: Annotated[list[str], Query(description="Same as format (Fuseki's name).")] = [],
               results: Annotated[list[str], Query(description="Same as format (Rasqal's name).")] = [],
               ) -> Response:
    """A query by GET (the Service Description without one). The result format follows the same rules as
    POST (kg/sparql/format_params.py): format/output/results, then Accept; see docs/clients.md."""
    if "update" in request.query_params:
        raise BadRequest("SPARQL Update cannot be sent by GET", hint="POST it as application/sparql-update")
    formats = format_values({"format": format, "output": output, "results": results})
    if (query is None or not query.strip()) and not formats:
        from .pages import sparql_page, wants_html  # a browser gets the YASGUI page

        if wants_html(request):
            return sparql_page(request)
    if query is None or not query.strip():
        return await run_in_threadpool(describe_service, request, res, formats)
    return await run_query(res, request, query, formats, default_graph_uri, named_graph_uri)


@router.post("/sparql", summary="SPARQL query or update by POST (form, sparql-query or sparql-update body)",
             responses={**media((*RESULT_FORMATS, *GRAPH_FORMATS)), **POST_ERRORS},
             openapi_extra={"requestBody": {"content": {
                 FORM: {"schema": {"type": "object", "properties": {
                     "query": {"type": "string"}, "update": {"type": "string"},
                     **{name: {"type": "string", "description": "Result format, as on GET"} for name in FORMAT_PARAMS}}}},
                 QUERY_TYPE: {"schema": {"type": "string"}}, UPDATE_TYPE: {"schema": {"type": "string"}}}}})
async def sparql_post(request: Request, res: ResourcesDep) -> Response:
    """A query or an update by POST; the result format follows the same rules as GET.

    Updates need ``update_enabled`` and ``Authorization: Bearer <token>``. Basic credentials are refused
    (401): browsers resend them on cross-site form posts, a bearer token they never send by themselves.
    SPARQLWrapper: ``sparql.addCustomHttpHeader("Authorization", "Bearer " + token)``; rdflib:
    ``SPARQLUpdateStore(query_endpoint=url, update_endpoint=url, headers={"Authorization": "Bearer " + token})``
    (its ``auth=(user, password)`` is Basic and is refused). See docs/clients.md.
    """
    fields = await _fields(request)
    if "update" in fields:
        if "query" in fields:
            raise BadRequest("send either query or update, not both")
        return await run_update(res, request, fields["update"][0])
    if not fields.get("query") or not fields["query"][0].strip():
        raise BadRequest("no query given", hint="send query=... (form) or a body of type application/sparql-query")
    return await run_query(res, request, fields["query"][0], format_values(fields),
                           fields.get("default-graph-uri", []), fields.get("named-graph-uri", []))


async def _fields(request: Request) -> dict[str, list[str]]:
    """The protocol's fields from the URL and the body (form, or a query/update body)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in (FORM, QUERY_TYPE, UPDATE_TYPE):
        raise UnsupportedMediaType(f"unsupported request type {content_type or '(none)'!r}",
                                   supported=[FORM, QUERY_TYPE, UPDATE_TYPE],
                                   hint=f"POST {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}")
    raw = await request.body()
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("the request body is not UTF-8", hint="send SPARQL as UTF-8 text") from None
    url = {k: request.query_params.getlist(k) for k in request.query_params}
    if content_type == FORM:
        return {**url, **await run_in_threadpool(parse_qs, body, True)}
    return {**url, "query" if content_type == QUERY_TYPE else "update": [body]}
