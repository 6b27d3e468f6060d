"""The FastAPI application: settings, lifespan, error handlers and routers, assembled once."""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from kg import __version__
from kg.errors import BuildCorrupt, BuildMissing
from kg.settings import Settings, get_settings

from .resources import load_resources
from .routes import ROUTERS
from .web.install import install as install_web

log = logging.getLogger("nikg.service")


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings: Settings = app.state.settings
    app.state.resources, app.state.load_error = None, None
    try:
        app.state.resources = load_resources(settings)
    except (BuildMissing, BuildCorrupt) as exc:
        app.state.load_error = str(exc)
        log.error("no data to serve: %s", exc)
    try:
        yield
    finally:
        if app.state.resources is not None:
            app.state.resources.close()


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
    summary = "; ".join(f"{'.'.join(str(x) for x in p['loc'])}: {p['msg']}" for p in problems)
    return JSONResponse(status_code=422, content={"detail": summary, "errors": problems})


async def _internal_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("internal error on %s %s", request.method, request.url.path)
    return JSONResponse(status_code=500, content={"detail": "internal error; it has been logged"})


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; resources load in its lifespan (so once per process)."""
    app = FastAPI(
        title="nikg",
        version=__version__,
        description="Evidence-grounded knowledge graph and bilingual (zh/en) semantic search over policy documents.",
        lifespan=lifespan,
        docs_url=None,  # /docs and /redoc are served offline by service.routes.pages
        redoc_url=None,
    )
    app.state.settings = settings or get_settings()
    app.add_middleware(CORSMiddleware, allow_origins=app.state.settings.cors_origins, allow_methods=["*"],
                       allow_headers=["*"], expose_headers=["*"])
    install_web(app)  # static files, CSP, HEAD, metrics
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _internal_error)
    for router in ROUTERS:
        app.include_router(router)
    return app
