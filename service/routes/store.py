"""``/store``: the SPARQL 1.1 Graph Store HTTP Protocol (indirect graph identification, §4.2).

``?default`` names the default graph, ``?graph=<IRI>`` a named graph. GET and HEAD read
(through the query pool, row cap included); PUT replaces, POST merges, DELETE drops (§5.2-5.6).
Writes need ``update_enabled`` and the bearer token; each is one SPARQL Update run by the
pool's write process, so it is all-or-nothing.
"""
from __future__ import annotations

import json
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from kg.sparql.formats import GRAPH_FORMATS, NotAcceptable, by_name, negotiate

from ..deps import ResourcesDep
from ..errors import BadRequest, NotFound, UnsupportedMediaType, media, responses
from ..resources import Resources
from .sparql import WRITE_ERRORS, check_writer, client_key, journaled, result_response

router = APIRouter(tags=["sparql"])

_PARSE = {"turtle": "TURTLE", "ntriples": "N_TRIPLES", "jsonld": "JSON_LD", "rdfxml": "RDF_XML"}
DefaultParam = Annotated[str | None, Query(description="Present (any value) to address the default graph.")]
GraphParam = Annotated[str | None, Query(description="IRI of the named graph.")]
READ_ERRORS = responses(400, 404, 406, 422, 429, 503)


def _target(default: str | None, graph: str | None) -> str:
    """``""`` for the default graph or the graph IRI; else 400."""
    if (default is None) == (graph is None):
        raise BadRequest("name exactly one graph: ?default or ?graph=<IRI>", hint="e.g. /store?graph=https://example.org/g")
    if graph is not None and (":" not in graph or any(c in graph for c in "<>\" {}|\\^`")):
        raise BadRequest(f"graph={graph!r} is not an absolute IRI", hint="e.g. /store?graph=https://example.org/g")
    return "" if graph is None else graph


def _pattern(target: str) -> str:
    return "{ ?s ?p ?o }" if target == "" else f"{{ GRAPH <{target}> {{ ?s ?p ?o }} }}"


async def _exists(res: Resources, request: Request, target: str) -> bool:
    if target == "":
        return True
    result = await res.sparql.aquery(f"ASK {_pattern(target)}", "json", client=client_key(request))
    return json.loads(result.body)["boolean"]


async def _read(res: Resources, request: Request, default: str | None, graph: str | None, head: bool) -> Response:
    target = _target(default, graph)
    fmt = request.query_params.get("format")
    chosen = by_name(fmt, GRAPH_FORMATS) if fmt else negotiate(request.headers.get("accept"), GRAPH_FORMATS)
    if not await _exists(res, request, target):
        raise NotFound(f"there is no graph <{target}>", hint="list graphs with SELECT DISTINCT ?g { GRAPH ?g {} }")
    result = await res.sparql.aquery(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {_pattern(target)}", chosen.name,
                                     client=client_key(request))
    response = result_response(result, chosen.content_type, res.settings)
    return Response(status_code=200, headers={**response.headers, "content-length": "0"}) if head else response


@router.get("/store", summary="Graph Store Protocol: read a graph", responses={**media(GRAPH_FORMATS), **READ_ERRORS})
async def store_get(request: Request, res: ResourcesDep, default: DefaultParam = None,
                    graph: GraphParam = None) -> Response:
    return await _read(res, request, default, graph, head=False)


@router.head("/store", summary="Graph Store Protocol: does a graph exist", include_in_schema=False)
async def store_head(request: Request, res: ResourcesDep, default: DefaultParam = None,
                     graph: GraphParam = None) -> Response:
    return await _read(res, request, default, graph, head=True)


def _ntriples(body: bytes, content_type: str, base: str | None) -> str:
    """The request's RDF as N-Triples text; 415 for a type that is not RDF, 400 if it does not parse."""
    import pyoxigraph as ox

    try:
        fmt = by_name(content_type, GRAPH_FORMATS)
    except NotAcceptable:
        raise UnsupportedMediaType(f"cannot read a body of type {content_type or '(none)'!r}",
                                   supported=[f.media_type for f in GRAPH_FORMATS]) from None
    try:
        triples = [q.triple for q in ox.parse(body, format=getattr(ox.RdfFormat, _PARSE[fmt.name]), base_iri=base)]
    except SyntaxError as exc:
        raise BadRequest(f"the body is not valid {content_type}: {exc}", hint="check it with an RDF validator") from None
    return (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")


async def _write(request: Request, res: Resources, default: str | None, graph: str | None, replace: bool) -> Response:
    check_writer(request, res.settings)
    target = _target(default, graph)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    data = await run_in_threadpool(_ntriples, await request.body(), content_type, target or None)
    into = f"GRAPH <{target}> {{ {data} }}" if target else data
    drop = ("DROP SILENT DEFAULT ;\n" if target == "" else f"DROP SILENT GRAPH <{target}> ;\n") if replace else ""
    existed = await _exists(res, request, target)
    update = f"{drop}INSERT DATA {{ {into} }}"
    await run_in_threadpool(partial(res.sparql.update, update, on_commit=journaled(res, update)))
    return Response(status_code=204 if existed else 201)


@router.put("/store", summary="Graph Store Protocol: replace a graph", status_code=204, responses=WRITE_ERRORS)
async def store_put(request: Request, res: ResourcesDep, default: DefaultParam = None,
                    graph: GraphParam = None) -> Response:
    return await _write(request, res, default, graph, replace=True)


@router.post("/store", summary="Graph Store Protocol: add to a graph", status_code=204, responses=WRITE_ERRORS)
async def store_post(request: Request, res: ResourcesDep, default: DefaultParam = None,
                     graph: GraphParam = None) -> Response:
    return await _write(request, res, default, graph, replace=False)


@router.delete("/store", summary="Graph Store Protocol: drop a graph", status_code=204, responses=WRITE_ERRORS)
async def store_delete(request: Request, res: ResourcesDep, default: DefaultParam = None,
                       graph: GraphParam = None) -> Response:
    check_writer(request, res.settings)
    target = _target(default, graph)
    if not await _exists(res, request, target):
        raise NotFound(f"there is no graph <{target}>", hint="list graphs with SELECT DISTINCT ?g { GRAPH ?g {} }")
    # SILENT: existence was just checked; Virtuoso refuses a plain DROP of a graph never CREATEd
    update = "CLEAR DEFAULT" if target == "" else f"DROP SILENT GRAPH <{target}>"
    await run_in_threadpool(partial(res.sparql.update, update, on_commit=journaled(res, update)))
    return Response(status_code=204)
