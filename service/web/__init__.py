"""The browser side of nikg: Jinja2 templates, static files (own and vendored) and the HTTP layers pages need.

Vendored assets (YASGUI, Swagger UI, ReDoc) live in ``static/vendor/`` with their licences; their versions
are listed in ``static/vendor/VERSIONS.json``. Nothing is fetched from a CDN.
"""
from __future__ import annotations

from pathlib import Path

WEB_DIR = Path(__file__).parent
STATIC_DIR = WEB_DIR / "static"
TEMPLATES_DIR = WEB_DIR / "templates"
