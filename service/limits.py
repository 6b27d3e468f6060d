"""Request-size limits, per route, applied before a body is read (413 naming the limit and its setting).

A declared ``Content-Length`` over the limit is refused at once, before the route runs; a body sent
without one (chunked) is counted as it arrives and refused when it passes the limit, so no route ever
holds more than its limit in memory.
"""
from __future__ import annotations

from fastapi import HTTPException

from kg.settings import Settings

from .errors import error_response


class BodyTooLarge(HTTPException):
    """Raised from the counted ``receive`` (an HTTPException, so FastAPI's body reader passes it on)."""

    def __init__(self, size: int, limit: int, setting: str):
        super().__init__(413, f"the request body has {size:,} bytes or more; this route accepts at most {limit:,}")
        self.hint = f"send less (split the data into several requests) or raise {setting}"


def limit_for(settings: Settings, path: str) -> tuple[int, str]:
    """The body limit of ``path`` in bytes and the setting that sets it."""
    if path.startswith("/store"):
        return settings.store_max_body_bytes, "NIKG_STORE_MAX_BODY_BYTES"
    if path.startswith("/sparql"):
        return settings.sparql_max_body_bytes, "NIKG_SPARQL_MAX_BODY_BYTES"
    return settings.max_body_bytes, "NIKG_MAX_BODY_BYTES"


class BodyLimit:
    """ASGI middleware enforcing :func:`limit_for` on every HTTP request."""

    def __init__(self, app, settings: Settings):
        self.app, self.settings = app, settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit, setting = limit_for(self.settings, scope["path"])
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            exc = BodyTooLarge(int(declared), limit, setting)
            response = error_response(413, exc.detail, hint=exc.hint, headers={"Connection": "close"})
            return await response(scope, receive, send)
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(seen, limit, setting)
            return message

        return await self.app(scope, counted, send)
