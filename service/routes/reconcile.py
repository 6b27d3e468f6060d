"""W3C Reconciliation API for OpenRefine and other clients.

- Version 0.2 (https://www.w3.org/community/reports/reconciliation/CG-FINAL-specs-0.2-20230410/)
  at ``/reconcile``: GET manifest; ``queries`` / ``extend`` as form fields (POST) or query
  parameters (GET), with JSONP ``callback``; suggest, flyout, preview, propose_properties.
- Version 1.0-draft (https://reconciliation-api.github.io/specs/draft/) under ``/reconcile/1.0``:
  manifest at that root, ``POST /match`` and ``POST /extend`` with JSON bodies,
  ``/suggest/{entity,property,type}``, ``/preview``, ``/extend/propose``.

Every JSON response follows the spec's JSON Schema of its version. CORS comes from the app's
middleware (1.0-draft §3: services must support CORS).
"""
from __future__ import annotations

import json
import re
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from pydantic import ValidationError

from kg.namespaces import ID, NIKG
from kg.reconcile import Reconciler, ReconcileError, UnknownEntity
from kg.reconcile import protocol as p
from kg.reconcile.matching import display_lang
from kg.reconcile.preview import HEIGHT, WIDTH
from kg.reconcile.vocab import entity_id

from ..deps import ReconcilerDep

router = APIRouter(prefix="/reconcile", tags=["reconciliation"])
SERVICE_NAME = "nikg policy documents"  # default of settings.reconcile_service_name
_CALLBACK = re.compile(r"^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$")
PROPERTY_SETTINGS_02 = [
    {"type": "number", "name": "limit", "label": "Limit", "default": 0,
     "help_text": "Maximum number of values per entity (0: all)"},
    {"type": "select", "name": "lang", "label": "Language", "default": "",
     "help_text": "Language of entity names and labels", "choices": [
         {"value": "", "name": "any"}, {"value": "zh", "name": "中文"}, {"value": "en", "name": "English"}]},
]


def _fail(exc: ReconcileError) -> HTTPException:
    return HTTPException(status_code=404 if isinstance(exc, UnknownEntity) else 400, detail=str(exc))


def _base(request: Request) -> str:
    """The service's public URL: settings.public_base_url, else the request's own."""
    public = getattr(request.app.state.settings, "public_base_url", None)
    return (public or str(request.base_url)).rstrip("/")


def service_name(request: Request) -> str:
    """The manifest's name: settings.reconcile_service_name (it describes the corpus, not one document)."""
    return getattr(request.app.state.settings, "reconcile_service_name", None) or SERVICE_NAME


def _reply(content: Any, callback: str | None) -> Response:
    """JSON, or JSONP (``callback(json)``) when a valid callback name is given."""
    if callback is None:
        return JSONResponse(content)
    if not _CALLBACK.match(callback):
        raise HTTPException(400, detail=f"callback {callback!r} is not a JavaScript function name; "
                                        "use letters, digits, _ and $ (e.g. callback=jsonp123)")
    body = json.dumps(content, ensure_ascii=False)
    return Response(f"/**/{callback}({body});", media_type="application/javascript")


def _parse(raw: str, field: str, model):
    """A JSON string field (0.2 ``queries`` / ``extend``) validated against its model; 400 if malformed."""
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise HTTPException(400, detail=f"`{field}` is not valid JSON ({exc}); send a JSON object, "
                                        'e.g. queries={"q0":{"query":"发改委"}}') from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise HTTPException(400, detail=f"invalid `{field}`: {p.errors_text(exc, field)}") from None


def default_types(rec: Reconciler, lang: str | None = None) -> list[dict]:
    """Every type the graph's entities have, commonest first (manifest ``defaultTypes``)."""
    return [rec.type_ref(t, lang) for t in rec.suggest_types("", limit=100)]


def manifest_02(base: str, types: list[dict], name: str = SERVICE_NAME) -> dict:
    suggest = {kind: {"service_url": base, "service_path": f"/reconcile/suggest/{kind}",
                      "flyout_service_path": f"/reconcile/flyout/{kind}?id=${{id}}"} for kind in ("entity",)}
    suggest.update({kind: {"service_url": base, "service_path": f"/reconcile/suggest/{kind}"}
                    for kind in ("type", "property")})
    return {
        "versions": ["0.2"], "name": name, "identifierSpace": str(ID), "schemaSpace": str(NIKG),
        "documentation": f"{base}/docs#/reconciliation", "view": {"url": f"{base}/id/{{{{id}}}}"},
        "preview": {"url": f"{base}/reconcile/preview?id={{{{id}}}}", "width": WIDTH, "height": HEIGHT},
        "suggest": suggest, "defaultTypes": types,
        "extend": {"propose_properties": {"service_url": base, "service_path": "/reconcile/propose_properties"},
                   "property_settings": PROPERTY_SETTINGS_02},
    }


def candidate(rec: Reconciler, cand, lang: str) -> dict:
    feats = [{"id": k, "name": k.replace("_", " "), "value": v} for k, v in cand.features.items()]
    return {"id": cand.id, "name": cand.entity.label(lang), "description": rec.description(cand.entity, lang),
            "score": cand.score, "features": feats, "match": cand.match, "type": rec.type_refs(cand.entity, lang)}


def run_02(rec: Reconciler, batch: p.QueryBatch02) -> dict:
    out = {}
    for key, query in batch.root.items():
        mq = query.to_match()
        lang = display_lang(mq)
        cands = [p.Candidate02(**candidate(rec, c, lang)) for c in rec.match(mq)]
        out[key] = p.Result02(result=cands).model_dump(exclude_none=True)
    return out


def extend_02(rec: Reconciler, query: p.ExtendQuery) -> dict:
    settings = {prop.id: prop.settings or {} for prop in query.properties}
    meta, rows = rec.extend(query.ids, [prop.id for prop in query.properties], settings)
    strip = {ident: {pid: [{k: v for k, v in val.items() if k != "lang"} for val in vals]
                     for pid, vals in props.items()} for ident, props in rows.items()}
    return p.ExtendResponse02(meta=meta, rows=strip).model_dump(exclude_none=True)


def _answer(rec: Reconciler, request: Request, queries: str | None, extend: str | None,
            callback: str | None) -> Response:
    try:
        if queries is not None:
            return _reply(run_02(rec, _parse(queries, "queries", p.QueryBatch02)), callback)
        if extend is not None:
            return _reply(extend_02(rec, _parse(extend, "extend", p.ExtendQuery)), callback)
    except ReconcileError as exc:
        raise _fail(exc) from None
    manifest = p.Manifest.model_validate(manifest_02(_base(request), default_types(rec), service_name(request)))
    return _reply(manifest.model_dump(exclude_none=True), callback)


@router.get("", summary="0.2 manifest, or a batch of queries / an extension request given as parameters")
def reconcile_get(rec: ReconcilerDep, request: Request,
                  queries: Annotated[str | None, Query(description="JSON batch, e.g. {\"q0\":{\"query\":\"发改委\"}}")] = None,
                  extend: Annotated[str | None, Query(description="JSON data extension query")] = None,
                  callback: Annotated[str | None, Query(description="JSONP function name")] = None) -> Response:
    return _answer(rec, request, queries, extend, callback)


@router.post("", summary="0.2 reconciliation (form field `queries`) or data extension (form field `extend`)")
async def reconcile_post(rec: ReconcilerDep, request: Request) -> Response:
    if "application/json" in request.headers.get("content-type", ""):  # lenient: a JSON body as the field
        raw = (await request.body()).decode("utf-8", "replace")
        form = {"extend" if _is_extension(raw) else "queries": raw}
    else:
        form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    queries, extend = form.get("queries"), form.get("extend")
    if queries is None and extend is None:
        raise HTTPException(400, detail="send a form field `queries` (JSON batch of queries) or `extend` "
                                        "(JSON data extension query), e.g. queries={\"q0\":{\"query\":\"发改委\"}}")
    callback = form.get("callback") or request.query_params.get("callback")
    return await run_in_threadpool(_answer, rec, request, queries, extend, callback)


def _is_extension(raw: str) -> bool:
    try:
        data = json.loads(raw)
    except ValueError:
        return False
    return isinstance(data, dict) and "ids" in data and "properties" in data


def suggestions(rec: Reconciler, prefix: str, lang: str | None, types: list[str], limit: int, cursor: int) -> list[dict]:
    try:
        found = rec.suggest_entities(prefix, lang, types, limit, cursor)
    except ReconcileError as exc:
        raise _fail(exc) from None
    out = []
    for s in found:
        shown = lang or s.matched_lang or None
        out.append({"id": entity_id(s.entity.iri), "name": s.entity.label(shown),
                    "description": rec.description(s.entity, shown), "notable": rec.type_refs(s.entity, shown)})
    return out


def term_suggestions(rec: Reconciler, iris: list[str], kind: str, lang: str | None) -> list[dict]:
    ref = rec.type_ref if kind == "type" else rec.property_ref
    return [ref(iri, lang) for iri in iris]


Prefix = Annotated[str, Query(description="What the user typed (Chinese, English or pinyin).")]
Limit = Annotated[int, Query(ge=1, le=100)]
Cursor = Annotated[int, Query(ge=0, description="Offset of the first result (paging).")]


Callback = Annotated[str | None, Query(description="JSONP function name (0.2 clients may ask for JSONP).")]


def _model_reply(model, data: dict, callback: str | None) -> Response:
    return _reply(model.model_validate(data).model_dump(exclude_none=True), callback)


@router.get("/suggest/entity", response_model=p.SuggestResponse, response_model_exclude_none=True,
            summary="0.2 entity suggest (autocomplete)")
def suggest_entity_02(rec: ReconcilerDep, prefix: Prefix, type: str | None = None, cursor: Cursor = 0,
                      limit: Limit = 10, lang: str | None = None, callback: Callback = None) -> Response:
    found = suggestions(rec, prefix, lang, [type] if type else [], limit, cursor)
    return _model_reply(p.SuggestResponse, {"result": found}, callback)


@router.get("/suggest/type", response_model=p.SuggestResponse, response_model_exclude_none=True,
            summary="0.2 type suggest")
def suggest_type_02(rec: ReconcilerDep, prefix: str = "", cursor: Cursor = 0, limit: Limit = 10,
                    lang: str | None = None, callback: Callback = None) -> Response:
    found = term_suggestions(rec, rec.suggest_types(prefix, limit, cursor), "type", lang)
    return _model_reply(p.SuggestResponse, {"result": found}, callback)


@router.get("/suggest/property", response_model=p.SuggestResponse, response_model_exclude_none=True,
            summary="0.2 property suggest")
def suggest_property_02(rec: ReconcilerDep, prefix: str = "", cursor: Cursor = 0, limit: Limit = 10,
                        lang: str | None = None, callback: Callback = None) -> Response:
    found = term_suggestions(rec, rec.suggest_properties(prefix, limit, cursor), "property", lang)
    return _model_reply(p.SuggestResponse, {"result": found}, callback)


@router.get("/flyout/entity", response_model=p.Flyout, summary="0.2 suggest flyout: a short HTML card")
def flyout_02(rec: ReconcilerDep, id: str, lang: str = "zh", callback: Callback = None) -> Response:
    try:
        return _model_reply(p.Flyout, rec.flyout(id, lang), callback)
    except ReconcileError as exc:
        raise _fail(exc) from None


@router.get("/preview", response_class=HTMLResponse, summary="HTML preview of an entity (0.2 and 1.0-draft)")
def preview(rec: ReconcilerDep, id: Annotated[str, Query(description="Entity id, e.g. agency/...")],
            lang: str = "zh") -> HTMLResponse:
    try:
        return HTMLResponse(rec.preview_page(id, "en" if lang.startswith("en") else "zh"))
    except ReconcileError as exc:
        raise _fail(exc) from None


def proposal(rec: Reconciler, type: str | None, limit: int, lang: str | None) -> dict:
    try:
        props = rec.propose(type, limit)
    except ReconcileError as exc:
        raise _fail(exc) from None
    out = {"limit": limit, "properties": [rec.property_ref(i, lang) for i in props]}
    return {**out, "type": type} if type else out


@router.get("/propose_properties", response_model=p.PropertyProposal, response_model_exclude_none=True,
            summary="0.2 data extension: properties worth fetching for a type")
def propose_02(rec: ReconcilerDep, type: str | None = None, limit: Limit = 20, lang: str | None = None,
               callback: Callback = None) -> Response:
    return _model_reply(p.PropertyProposal, proposal(rec, type, limit, lang), callback)

