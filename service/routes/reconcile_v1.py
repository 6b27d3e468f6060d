"""W3C Reconciliation API 1.0-draft under ``/reconcile/1.0`` (https://reconciliation-api.github.io/specs/draft/).

Manifest at the root (§3), ``POST /match`` with a JSON body (§4), ``/suggest/{entity,property,type}``
(§6), ``/preview`` (§5), ``/extend/propose`` and ``POST /extend`` (§7). Scores are standardized
(0..100, ``standardizedScore: true``). Helpers are shared with the 0.2 routes in ``reconcile.py``.
"""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from kg.reconcile import ReconcileError
from kg.reconcile import protocol as p
from kg.reconcile.matching import display_lang
from kg.reconcile.preview import HEIGHT, WIDTH

from ..deps import ReconcilerDep
from .reconcile import (SERVICE_NAME, Cursor, Limit, Prefix, _base, _fail, candidate, default_types, preview,
                        proposal, service_name, suggestions, term_suggestions)

router = APIRouter(prefix="/reconcile/1.0", tags=["reconciliation 1.0-draft"])
PROPERTY_SETTINGS = [
    {"type": "number", "id": "limit", "name": "Limit", "default": 0,
     "helpText": "Maximum number of values per entity (0: all)"},
    {"type": "select", "id": "lang", "name": "Language", "default": "",
     "helpText": "Language of entity names and labels", "choices": [
         {"value": "", "name": "any"}, {"value": "zh", "name": "中文"}, {"value": "en", "name": "English"}]},
]


def manifest_10(base: str, types: list[dict], name: str = SERVICE_NAME) -> dict:
    return {
        "versions": ["1.0-draft"], "name": name, "lang": "zh", "documentation": f"{base}/docs",
        "view": {"url": f"{base}/id/{{id}}"}, "preview": {"width": WIDTH, "height": HEIGHT},
        "suggest": {"entity": True, "property": True, "type": True}, "defaultTypes": types,
        "extend": {"proposeProperties": True, "propertySettings": PROPERTY_SETTINGS},
        "standardizedScore": True,
    }


@router.get("", response_model=p.Manifest, response_model_exclude_none=True, summary="1.0-draft manifest")
@router.get("/", response_model=p.Manifest, response_model_exclude_none=True, include_in_schema=False)
def manifest(rec: ReconcilerDep, request: Request) -> dict:
    return manifest_10(_base(request), default_types(rec), service_name(request))


@router.post("/match", response_model=p.ResultBatch10, response_model_exclude_none=True,
             summary="1.0-draft reconciliation: a JSON batch of queries with conditions")
def match(rec: ReconcilerDep, batch: p.QueryBatch10) -> dict:
    results = []
    for query in batch.queries:
        mq = query.to_match()
        lang = display_lang(mq)
        try:
            found = rec.match(mq)
        except ReconcileError as exc:
            raise _fail(exc) from None
        results.append({"candidates": [{**candidate(rec, c, lang), "lang": lang} for c in found]})
    return {"results": results}


@router.get("/suggest/entity", response_model=p.SuggestResponse, response_model_exclude_none=True,
            summary="1.0-draft entity suggest")
def suggest_entity(rec: ReconcilerDep, prefix: Prefix, type: str | None = None, cursor: Cursor = 0,
                   limit: Limit = 10, lang: str | None = None) -> dict:
    return {"result": suggestions(rec, prefix, lang, [type] if type else [], limit, cursor)}


@router.get("/suggest/type", response_model=p.SuggestResponse, response_model_exclude_none=True,
            summary="1.0-draft type suggest")
def suggest_type(rec: ReconcilerDep, prefix: Prefix, cursor: Cursor = 0, limit: Limit = 10,
                 lang: str | None = None) -> dict:
    return {"result": term_suggestions(rec, rec.suggest_types(prefix, limit, cursor), "type", lang)}


@router.get("/suggest/property", response_model=p.SuggestResponse, response_model_exclude_none=True,
            summary="1.0-draft property suggest")
def suggest_property(rec: ReconcilerDep, prefix: Prefix, cursor: Cursor = 0, limit: Limit = 10,
                     lang: str | None = None) -> dict:
    return {"result": term_suggestions(rec, rec.suggest_properties(prefix, limit, cursor), "property", lang)}


router.add_api_route("/preview", preview, methods=["GET"], response_class=HTMLResponse,
                     summary="1.0-draft HTML preview of an entity")


@router.get("/extend/propose", response_model=p.PropertyProposal, response_model_exclude_none=True,
            summary="1.0-draft data extension: properties proposed for a type")
def propose(rec: ReconcilerDep, type: str | None = None, limit: Limit = 20, lang: str | None = None) -> dict:
    return proposal(rec, type, limit, lang)


@router.post("/extend", response_model=p.ExtendResponse10, response_model_exclude_none=True,
             summary="1.0-draft data extension: property values of entities")
def extend(rec: ReconcilerDep, query: p.ExtendQuery) -> dict:
    if not query.ids:
        raise HTTPException(400, detail="`ids` is empty; give the ids of the entities to extend")
    settings = {prop.id: prop.settings or {} for prop in query.properties}
    meta, rows = rec.extend(query.ids, [prop.id for prop in query.properties], settings)
    return {"meta": meta, "rows": [{"id": ident, "properties": [{"id": pid, "values": vals} for pid, vals in props.items()]}
                                   for ident, props in rows.items()]}
