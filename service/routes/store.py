"""``/store``: the SPARQL 1.1 Graph Store HTTP Protocol (indirect graph identification, §4.2).

``?default`` names the default graph, ``?graph=<IRI>`` a named graph. GET and HEAD read
(through the query pool, row cap included); PUT replaces, POST merges, DELETE drops (§5.2-5.6).
Writes need ``update_enabled`` and the bearer token; each is one SPARQL Update run by the
pool's write process, so it is all-or-nothing.
"""
from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from kg.sparql.formats import GRAPH_FORMATS, NotAcceptable, by_name, negotiate
from kg.sparql.pool import QueryPool

from ..deps import SettingsDep, SparqlDep
from .sparql import ERRORS, SparqlError, check_writer, error, error_for, journaled, result_response

router = APIRouter(tags=["sparql"])

_PARSE = {"turtle": "TURTLE", "ntriples": "N_TRIPLES", "jsonld": "JSON_LD", "rdfxml": "RDF_XML"}
DefaultParam = Annotated[str | None, Query(description="Present (any value) to address the default graph.")]
GraphParam = Annotated[str | None, Query(description="IRI of the named graph.")]


def _target(default: str | None, graph: str | None) -> tuple[str | None, Response | None]:
    """``""`` for the default graph or the graph IRI; else the 400 answer."""
    if (default is None) == (graph is None):
        return None, error(400, "name exactly one graph: ?default or ?graph=<IRI>",
                           hint="e.g. /store?graph=https://example.org/g")
    if graph is not None and (":" not in graph or any(c in graph for c in "<>\" {}|\\^`")):
        return None, error(400, f"graph={graph!r} is not an absolute IRI")
    return ("" if graph is None else graph), None


def _pattern(target: str) -> str:
    return "{ ?s ?p ?o }" if target == "" else f"{{ GRAPH <{target}> {{ ?s ?p ?o }} }}"


def _exists(pool: QueryPool, target: str) -> bool:
    if target == "":
        return True
    return json.loads(pool.query(f"ASK {_pattern(target)}", "json").body)["boolean"]


def _read(pool: QueryPool, request: Request, settings, default: str | None, graph: str | None, head: bool) -> Response:
    target, bad = _target(default, graph)
    if bad is not None:
        return bad
    try:
        fmt = request.query_params.get("format")
        chosen = by_name(fmt, GRAPH_FORMATS) if fmt else negotiate(request.headers.get("accept"), GRAPH_FORMATS)
        if not _exists(pool, target):
            return error(404, f"there is no graph <{target}>", hint="list graphs with SELECT DISTINCT ?g { GRAPH ?g {} }")
        result = pool.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {_pattern(target)}", chosen.name)
    except Exception as exc:
        return error_for(exc)
    response = result_response(result, chosen.content_type, settings)
    return Response(status_code=200, headers={**response.headers, "content-length": "0"}) if head else response


@router.get("/store", summary="Graph Store Protocol: read a graph", responses={404: {"model": SparqlError}, **ERRORS})
def store_get(request: Request, pool: SparqlDep, settings: SettingsDep, default: DefaultParam = None,
              graph: GraphParam = None) -> Response:
    return _read(pool, request, settings, default, graph, head=False)


@router.head("/store", summary="Graph Store Protocol: does a graph exist", include_in_schema=False)
def store_head(request: Request, pool: SparqlDep, settings: SettingsDep, default: DefaultParam = None,
               graph: GraphParam = None) -> Response:
    return _read(pool, request, settings, default, graph, head=True)


def _ntriples(body: bytes, content_type: str, base: str | None) -> str:
    """The request's RDF as N-Triples text; :class:`ValueError` with the parser's message if it is not RDF."""
    import pyoxigraph as ox

    try:
        fmt = by_name(content_type, GRAPH_FORMATS)
    except NotAcceptable:
        raise LookupError(content_type) from None
    try:
        triples = [q.triple for q in ox.parse(body, format=getattr(ox.RdfFormat, _PARSE[fmt.name]), base_iri=base)]
    except SyntaxError as exc:
        raise ValueError(str(exc)) from None
    return (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")


def _writable_target(request: Request, settings, default: str | None, graph: str | None):
    """The graph a write targets, or the response refusing it (no or wrong token, bad graph parameters)."""
    denied = check_writer(request, settings)
    if denied is not None:
        return None, denied
    return _target(default, graph)


async def _write(request: Request, pool: QueryPool, settings, default: str | None, graph: str | None,
                 replace: bool) -> Response:
    target, refused = _writable_target(request, settings, default, graph)
    if refused is not None:
        return refused
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        data = _ntriples(await request.body(), content_type, target or None)
    except LookupError:
        return error(415, f"cannot read a body of type {content_type or '(none)'!r}",
                     supported=[f.media_type for f in GRAPH_FORMATS])
    except ValueError as exc:
        return error(400, f"the body is not valid {content_type}: {exc}")
    into = f"GRAPH <{target}> {{ {data} }}" if target else data
    drop = ("DROP SILENT DEFAULT ;\n" if target == "" else f"DROP SILENT GRAPH <{target}> ;\n") if replace else ""
    try:
        existed = await run_in_threadpool(_exists, pool, target)
        update = f"{drop}INSERT DATA {{ {into} }}"
        await run_in_threadpool(pool.update, update, on_commit=journaled(request, update))
    except Exception as exc:
        return error_for(exc)
    return Response(status_code=204 if existed else 201)


@router.put("/store", summary="Graph Store Protocol: replace a graph", status_code=204, responses=ERRORS)
async def store_put(request: Request, pool: SparqlDep, settings: SettingsDep, default: DefaultParam = None,
                    graph: GraphParam = None) -> Response:
    return await _write(request, pool, settings, default, graph, replace=True)


@router.post("/store", summary="Graph Store Protocol: add to a graph", status_code=204, responses=ERRORS)
async def store_post(request: Request, pool: SparqlDep, settings: SettingsDep, default: DefaultParam = None,
                     graph: GraphParam = None) -> Response:
    return await _write(request, pool, settings, default, graph, replace=False)


@router.delete("/store", summary="Graph Store Protocol: drop a graph", status_code=204, responses=ERRORS)
async def store_delete(request: Request, pool: SparqlDep, settings: SettingsDep, default: DefaultParam = None,
                       graph: GraphParam = None) -> Response:
    target, refused = _writable_target(request, settings, default, graph)
    if refused is not None:
        return refused
    try:
        if not await run_in_threadpool(_exists, pool, target):
            return error(404, f"there is no graph <{target}>")
        update = "CLEAR DEFAULT" if target == "" else f"DROP GRAPH <{target}>"
        await run_in_threadpool(pool.update, update, on_commit=journaled(request, update))
    except Exception as exc:
        return error_for(exc)
    return Response(status_code=204)
