"""``OPTIONS`` on any path: 204 with ``Allow`` listing every method some route offers there (RFC 9110 §9.3.7).

CORS preflight requests (with ``Access-Control-Request-Method``) are answered by the CORS middleware
before this; this answers plain ``OPTIONS``, which Starlette alone answers with a 405 naming only the
first matching route's methods (only GET for /sparql).
"""
from __future__ import annotations

from starlette.responses import Response

from .errors import error_response


def _routes(routes):
    """Every route with a path, descending into included routers (included without a prefix here)."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _routes(inner.routes)
        elif getattr(route, "path_regex", None) is not None and getattr(route, "methods", None):
            yield route


def allowed_methods(app, path: str) -> list[str]:
    """Every method the app's routes accept on ``path``."""
    methods: set[str] = set()
    for route in _routes(app.routes):
        if route.path_regex.match(path):
            methods |= set(route.methods)
    return sorted(methods | {"OPTIONS"}) if methods else []


class Options:
    """ASGI middleware answering plain OPTIONS requests from the router's own table."""

    def __init__(self, app, router_app):
        self.app, self.router_app = app, router_app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "OPTIONS":
            return await self.app(scope, receive, send)
        methods = allowed_methods(self.router_app, scope["path"])
        if methods:
            response = Response(status_code=204, headers={"Allow": ", ".join(methods)})
        else:
            response = error_response(404, f"there is no route {scope['path']}", hint="see the list of routes at /docs")
        return await response(scope, receive, send)
