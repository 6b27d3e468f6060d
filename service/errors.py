"""The one way errors reach users: every error is the JSON body :class:`ErrorBody`.

Routes only raise. Library errors (:class:`kg.errors.NikgError` and subclasses) carry their HTTP
status, hint and ``retry_after``; the HTTP-only errors below add the statuses that belong to the web
layer. One handler per exception family turns them into the body (as datasette's
``handle_exception``); anything else is logged with its traceback and answered with a plain 500 that
shows nothing internal. Messages are scrubbed of the service's own absolute paths.
"""
from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from kg.errors import NikgError

log = logging.getLogger("nikg.service")
PACKAGE_ROOT = Path(__file__).resolve().parent.parent


class ErrorBody(BaseModel):
    """Every error of every route: what went wrong and how to fix it."""

    detail: str = Field(description="What went wrong, in one sentence.")
    hint: str | None = Field(None, description="How to fix it.")
    line: int | None = Field(None, description="1-based line of a SPARQL syntax error.")
    column: int | None = Field(None, description="1-based column of a SPARQL syntax error.")
    supported: list[str] | None = Field(None, description="Media types that can be produced (406) or read (415).")
    errors: list[dict] | None = Field(None, description="Each invalid request field (422): loc, msg, type.")


class BadRequest(NikgError):
    """The request is malformed (400)."""


class Unauthorized(NikgError):
    status = 401


class Forbidden(NikgError):
    status = 403


class NotFound(NikgError):
    status = 404


class UnsupportedMediaType(NikgError):
    status = 415

    def __init__(self, message: str, supported: list[str], hint: str | None = None):
        super().__init__(message, hint)
        self.supported = supported


class Gone(NikgError):
    status = 410


class NotReady(NikgError):
    status = 503
    retry_after = 5
    hint = "wait for the SPARQL workers to be replaced, or run `nikg build` if there is no data"


class Unprocessable(NikgError):
    """A request field has a value the route cannot use (422), named in the message."""

    status = 422


def _scrub(text: str) -> str:
    """The message without this machine's absolute paths (data folder, code, interpreter)."""
    for root in sorted({str(PACKAGE_ROOT), sys.prefix, str(Path.cwd())}, key=len, reverse=True):
        if len(root) > 1:
            text = text.replace(root + "/", "").replace(root, ".")
    return re.sub(r"(?<![\w:/])/(?:tmp|root|home|var|usr|work)/[^\s'\")]*", "<path>", text)


def error_response(status: int, detail: str, *, hint: str | None = None, headers: dict | None = None,
                   **fields) -> JSONResponse:
    body = ErrorBody(detail=_scrub(detail), hint=_scrub(hint) if hint else None, **fields)
    return JSONResponse(status_code=status, content=body.model_dump(exclude_none=True), headers=headers)


def nikg_error(request: Request, exc: NikgError) -> JSONResponse:
    headers = {}
    if exc.retry_after is not None:
        headers["Retry-After"] = str(max(1, round(exc.retry_after)))
    if exc.status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="nikg"'
    fields = {name: getattr(exc, name) for name in ("line", "column", "supported") if getattr(exc, name, None)}
    if exc.status >= 500:
        log.warning("%s %s -> %d: %s", request.method, request.url.path, exc.status, exc)
    return error_response(exc.status, str(exc.args[0]) if exc.args else type(exc).__name__,
                          hint=exc.hint or None, headers=headers or None, **fields)


def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = [{"loc": [str(x) for x in e["loc"]], "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
    summary = "; ".join(f"{'.'.join(p['loc'])}: {p['msg']}" for p in problems)
    return error_response(422, summary, hint="fix the named fields; the API is described at /docs", errors=problems)


def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """Routing errors (unknown path 404, wrong method 405) and FastAPI's body-reading errors in the same body."""
    if isinstance(exc.__cause__, RecursionError):
        return recursion_error(request, exc.__cause__)
    hints = {404: "see the list of routes at /docs", 405: "see the methods of each route at /docs"}
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    hint = getattr(exc, "hint", None) or hints.get(exc.status_code)
    return error_response(exc.status_code, detail, hint=hint, headers=exc.headers)


def recursion_error(request: Request, exc: RecursionError) -> JSONResponse:
    log.warning("%s %s: input nested too deeply", request.method, request.url.path)
    return error_response(400, "the request is nested too deeply to read",
                          hint="send flat JSON (a batch of queries is one level of objects)")


def internal_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("internal error on %s %s", request.method, request.url.path)
    return error_response(500, "internal error; it has been logged")


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(NikgError, nikg_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RecursionError, recursion_error)
    app.add_exception_handler(Exception, internal_error)


def responses(*codes: int) -> dict:
    """OpenAPI ``responses`` for the error statuses a route can answer with (each an :class:`ErrorBody`)."""
    return {code: {"model": ErrorBody} for code in codes}


def media(formats) -> dict:
    """OpenAPI ``responses`` entry for a 200 answered in any of ``formats`` (kg.sparql.formats.Format)."""
    return {200: {"content": {f.content_type.split(";")[0]: {} for f in formats}}}


NO_DATA_NEEDED = {"/health", "/ontology"}


def openapi_errors(spec: dict) -> dict:
    """The generated OpenAPI document with FastAPI's default 422 schema replaced by :class:`ErrorBody`
    (what the validation handler really sends)."""
    ref = {"$ref": "#/components/schemas/ErrorBody"}
    for path, ops in spec.get("paths", {}).items():
        for op in ops.values():
            for code, answer in op.get("responses", {}).items():
                schemas = [c.get("schema") for c in answer.get("content", {}).values()]
                if code == "422" or ref in schemas:  # errors are JSON whatever the route's own type
                    answer["content"] = {"application/json": {"schema": ref}}
            if path not in NO_DATA_NEEDED:  # every route that reads the build answers 503 without one
                op["responses"].setdefault("503", {"description": "No data loaded (run `nikg build`)",
                                                   "content": {"application/json": {"schema": ref}}})
    for name in ("HTTPValidationError", "ValidationError"):
        spec.get("components", {}).get("schemas", {}).pop(name, None)
    return spec
