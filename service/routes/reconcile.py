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

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from pydantic import ValidationError

from kg.namespaces import ID, NIKG
from kg.reconcile import Reconciler
from kg.settings import Settings
from kg.reconcile import protocol as p
from kg.reconcile.matching import display_lang
from kg.reconcile.preview import HEIGHT, WIDTH
from kg.reconcile.vocab import entity_id

from ..deps import ReconcilerDep, SettingsDep
from ..errors import BadRequest, responses

router = APIRouter(prefix="/reconcile", tags=["reconciliation"], responses=responses(400, 404))
JSONP = {200: {"content": {"application/json": {}, "application/javascript": {}}}}  # with ?callback=
_CALLBACK = re.compile(r"^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$")
PROPERTY_SETTINGS_02 = [
    {"type": "number", "name": "limit", "label": "Limit", "default": 0,
     "help_text": "Maximum number of values per entity (0: all)"},
    {"type": "select", "name": "lang", "label": "Language", "default": "",
     "help_text": "Language of entity names and labels", "choices": [
         {"value": "", "name": "any"}, {"value": "zh", "name": "中文"}, {"value": "en", "name": "English"}]},
]


def check_batch(count: int, names: list[str], settings: Settings) -> None:
    """400 when a batch has more queries, or a query a longer name, than the settings allow."""
    if count > settings.reconcile_max_batch:
        raise BadRequest(f"the batch has {count} queries; at most {settings.reconcile_max_batch} are accepted",
                         hint="send smaller batches (OpenRefine's batch size setting) or raise NIKG_RECONCILE_MAX_BATCH")
    longest = max((len(n) for n in names if n), default=0)
    if longest > settings.reconcile_max_name_chars:
        raise BadRequest(f"a query name has {longest} characters; at most {settings.reconcile_max_name_chars} are "
                         "accepted", hint="send the name itself, not a whole text (use /annotate for texts)")


def _reply(content: Any, callback: str | None) -> Response:
    """JSON, or JSONP (``callback(json)``) when a valid callback name is given."""
    if callback is None:
        return JSONResponse(content)
    if not _CALLBACK.match(callback):
        raise BadRequest(f"callback {callback!r} is not a JavaScript function name",
                         hint="use letters, digits, _ and $ (e.g. callback=jsonp123)")
    body = json.dumps(content, ensure_ascii=False)
    return Response(f"/**/{callback}({body});", media_type="application/javascript")


def _parse(raw: str, field: str, model):
    """A JSON string field (0.2 ``queries`` / ``extend``) validated against its model; 400 if malformed."""
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise BadRequest(f"`{field}` is not valid JSON ({exc})",
                         hint='send a JSON object, e.g. queries={"q0":{"query":"发改委"}}') from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise BadRequest(f"invalid `{field}`: {p.errors_text(exc, field)}",
                         hint="see the reconciliation API's query schema at /docs") from None


def default_types(rec: Reconciler, lang: str | None = None) -> list[dict]:
    """Every type the graph's entities have, commonest first (manifest ``defaultTypes``)."""
    return [rec.type_ref(t, lang) for t in rec.suggest_types("", limit=100)]


def manifest_02(base: str, name: str, types: list[dict]) -> dict:
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


def _answer(rec: Reconciler, settings: Settings, queries: str | None, extend: str | None,
            callback: str | None) -> Response:
    if queries is not None:
        batch = _parse(queries, "queries", p.QueryBatch02)
        check_batch(len(batch.root), [n for q in batch.root.values() for n in q.to_match().names], settings)
        return _reply(run_02(rec, batch), callback)
    if extend is not None:
        return _reply(extend_02(rec, _parse(extend, "extend", p.ExtendQuery)), callback)
    manifest = p.Manifest.model_validate(manifest_02(settings.base_url, settings.reconcile_service_name,
                                                     default_types(rec)))
    return _reply(manifest.model_dump(exclude_none=True), callback)


@router.get("", summary="0.2 manifest, or a batch of queries / an extension request given as parameters",
            responses={**JSONP, **responses(400, 404, 422, 503)})
def reconcile_get(rec: ReconcilerDep, settings: SettingsDep,
                  queries: Annotated[str | None, Query(description="JSON batch, e.g. {\"q0\":{\"query\":\"发改委\"}}")] = None,
                  extend: Annotated[str | None, Query(description="JSON data extension query")] = None,
                  callback: Annotated[str | None, Query(description="JSONP function name")] = None) -> Response:
    return _answer(rec, settings, queries, extend, callback)


@router.post("", summary="0.2 reconciliation (form field `queries`) or data extension (form field `extend`)",
             responses={**JSONP, **responses(400, 404, 413, 422, 503)})
async def reconcile_post(rec: ReconcilerDep, settings: SettingsDep, request: Request) -> Response:
    if "application/json" in request.headers.get("content-type", ""):  # lenient: a JSON body as the field
        raw = (await request.body()).decode("utf-8", "replace")
        form = {"extend" if _is_extension(raw) else "queries": raw}
    else:
        form = await _form(request)
    queries, extend = form.get("queries"), form.get("extend")
    if queries is None and extend is None:
        raise BadRequest("send a form field `queries` (JSON batch of queries) or `extend` (JSON data extension query)",
                         hint='e.g. queries={"q0":{"query":"发改委"}}')
    callback = form.get("callback") or request.query_params.get("callback")
    return await run_in_threadpool(_answer, rec, settings, queries, extend, callback)


async def _form(request: Request) -> dict[str, str]:
    """The url-encoded form fields, parsed off the event loop (a 1 MB body takes ~0.1 s to parse)."""
    from urllib.parse import parse_qsl

    if request.headers.get("content-type", "").startswith("multipart/"):
        return {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    raw = (await request.body()).decode("utf-8", "replace")
    pairs = await run_in_threadpool(parse_qsl, raw, True)
    return dict(pairs)


def _is_extension(raw: str) -> bool:
    try:
        data = json.loads(raw)
    except ValueError:
        return False
    return isinstance(data, dict) and "ids" in data and "properties" in data


def suggestions(rec: Reconciler, prefix: str, lang: str | None, types: list[str], limit: int, cursor: int) -> list[dict]:
    found = rec.suggest_entities(prefix, lang, types, limit, cursor)
    out = []
    for s in found:
        shown = lang or s.matched_lang or None
        out.append({"id": entity_id(s.entity.iri), "name": s.entity.label(shown),
                    "description": rec.description(s.entity, shown), "notable": rec.type_refs(s.entity, shown)})
    return out


def term_suggestions(rec: Reconciler, iris: list[str], kind: str, lang: str | None) -> list[dict]:
    ref = rec.type_ref if kind == "type" else rec.property_ref
    return [ref(iri, lang) for iri in iris]


Prefix = Annotated[str, Query(max_length=200, description="What the user typed (Chinese, English or pinyin).")]
Limit = Annotated[int, Query(ge=1, le=100)]
Cursor = Annotated[int, Query(ge=0, description="Offset of the first result (paging).")]


Callback = Annotated[str | None, Query(description="JSONP function name (0.2 clients may ask for JSONP).")]


def _model_reply(model, data: dict, callback: str | None) -> Response:
    return _reply(model.model_validate(data).model_dump(exclude_none=True), callback)


@router.get("/suggest/entity", response_model=p.SuggestResponse, response_model_exclude_none=True,
            summary="0.2 entity suggest (autocomplete)", responses=JSONP)
def suggest_entity_02(rec: ReconcilerDep, prefix: Prefix, type: str | None = None, cursor: Cursor = 0,
                      limit: Limit = 10, lang: str | None = None, callback: Callback = None) -> Response:
    found = suggestions(rec, prefix, lang, [type] if type else [], limit, cursor)
    return _model_reply(p.SuggestResponse, {"result": found}, callback)


@router.get("/suggest/type", response_model=p.SuggestResponse, response_model_exclude_none=True,
            summary="0.2 type suggest", responses=JSONP)
def suggest_type_02(rec: ReconcilerDep, prefix: str = "", cursor: Cursor = 0, limit: Limit = 10,
                    lang: str | None = None, callback: Callback = None) -> Response:
    found = term_suggestions(rec, rec.suggest_types(prefix, limit, cursor), "type", lang)
    return _model_reply(p.SuggestResponse, {"result": found}, callback)


@router.get("/suggest/property", response_model=p.SuggestResponse, response_model_exclude_none=True,
            summary="0.2 property suggest", responses=JSONP)
def suggest_property_02(rec: ReconcilerDep, prefix: str = "", cursor: Cursor = 0, limit: Limit = 10,
                        lang: str | None = None, callback: Callback = None) -> Response:
    found = term_suggestions(rec, rec.suggest_properties(prefix, limit, cursor), "property", lang)
    return _model_reply(p.SuggestResponse, {"result": found}, callback)


@router.get("/flyout/entity", response_model=p.Flyout, summary="0.2 suggest flyout: a short HTML card",
            responses={**JSONP, **responses(404)})
def flyout_02(rec: ReconcilerDep, id: str, lang: str = "zh", callback: Callback = None) -> Response:
    return _model_reply(p.Flyout, rec.flyout(id, lang), callback)


@router.get("/preview", response_class=HTMLResponse, summary="HTML preview of an entity (0.2 and 1.0-draft)",
            responses=responses(404))
def preview(rec: ReconcilerDep, id: Annotated[str, Query(description="Entity id, e.g. agency/...")],
            lang: str = "zh") -> HTMLResponse:
    return HTMLResponse(rec.preview_page(id, "en" if lang.startswith("en") else "zh"))


def proposal(rec: Reconciler, type: str | None, limit: int, lang: str | None) -> dict:
    props = rec.propose(type, limit)
    out = {"limit": limit, "properties": [rec.property_ref(i, lang) for i in props]}
    return {**out, "type": type} if type else out


@router.get("/propose_properties", response_model=p.PropertyProposal, response_model_exclude_none=True,
            summary="0.2 data extension: properties worth fetching for a type", responses=JSONP)
def propose_02(rec: ReconcilerDep, type: str | None = None, limit: Limit = 20, lang: str | None = None,
               callback: Callback = None) -> Response:
    return _model_reply(p.PropertyProposal, proposal(rec, type, limit, lang), callback)

