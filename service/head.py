"""``HEAD`` on every ``GET`` route (RFC 9110 §9.3.2): the GET's status and headers, without the body.

FastAPI routes declared with ``@router.get`` answer only GET; this layer runs a HEAD as the GET and drops
the body, so ``Content-Length`` and every other header are those the GET sends.
"""
from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)
        scope["method"] = "GET"  # in place, so outer layers see the route that answered

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        try:
            await self.app(scope, receive, send_headers_only)
        finally:
            scope["method"] = "HEAD"
