"""The FastAPI application: settings, lifespan, the error path, limits and routers, assembled once."""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from kg import __version__
from kg.errors import BuildCorrupt, BuildMissing
from kg.settings import Settings, get_settings

from . import errors
from .limits import BodyLimit
from .options import Options
from .resources import Resources, load_resources
from .routes import ROUTERS
from .web.install import install as install_web

log = logging.getLogger("nikg.service")


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings: Settings = app.state.settings
    app.state.resources, app.state.load_error = None, None

    def publish(res: Resources) -> None:  # a new object after a write, swapped in one assignment
        app.state.resources = res

    try:
        app.state.resources = load_resources(settings, publish)
    except (BuildMissing, BuildCorrupt) as exc:
        app.state.load_error = errors._scrub(str(exc.args[0]))
        log.error("no data to serve: %s", exc)
    try:
        yield
    finally:
        if app.state.resources is not None:
            app.state.resources.close()


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
    app.add_middleware(BodyLimit, settings=app.state.settings)
    app.add_middleware(Options, router_app=app)  # inside CORS: preflights never reach it
    app.add_middleware(CORSMiddleware, allow_origins=app.state.settings.cors_origins,
                       allow_methods=["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"],
                       allow_headers=["*"], expose_headers=["*"])
    install_web(app)  # static files, CSP, HEAD, metrics
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)
    app.openapi = lambda: app.openapi_schema or _openapi(app)
    return app


def _openapi(app: FastAPI) -> dict:
    from fastapi.openapi.utils import get_openapi

    spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    app.openapi_schema = errors.openapi_errors(spec)
    return app.openapi_schema
