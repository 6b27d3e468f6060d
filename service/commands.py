"""``nikg serve``."""
from __future__ import annotations

import sys

from kg.settings import get_settings
from kg.store import current_build


def _serve(args) -> int:
    import uvicorn

    from .app import create_app

    settings = get_settings().model_copy(update={"host": args.host, "port": args.port})
    current_build(settings.data_dir)  # fails with a clear BuildMissing/BuildCorrupt message before serving
    print(f"nikg: serving on http://{settings.host}:{settings.port} (OpenAPI at /docs)", file=sys.stderr)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level=settings.log_level)
    return 0


def register(sub) -> None:
    settings = get_settings()
    p = sub.add_parser("serve", help="serve the API over HTTP")
    p.add_argument("--host", default=settings.host, help="interface to bind (default %(default)s)")
    p.add_argument("--port", type=int, default=settings.port, help="port (default %(default)s)")
    p.set_defaults(func=_serve)
