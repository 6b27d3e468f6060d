"""What the app needs for browsers and operators: static files, security headers, HEAD, metrics."""
from __future__ import annotations

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from ..head import HeadAsGet
from ..metrics import Metrics, MetricsMiddleware
from . import STATIC_DIR
from .security import SecurityHeaders
from .templating import templates


def install(app: FastAPI) -> None:
    """Call after the app's own middleware: these layers wrap it (metrics outermost, then HEAD)."""
    app.state.templates = templates()
    app.state.metrics = Metrics(app.state)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
