"""The Jinja2 environment of the pages (autoescape on for every template: user and document text is escaped)."""
from __future__ import annotations

from functools import lru_cache

import jinja2
from markupsafe import Markup
from starlette.templating import Jinja2Templates

from . import TEMPLATES_DIR


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """Built once (read-only after start): templates are package files."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True,
                              undefined=jinja2.StrictUndefined)


def templates() -> Jinja2Templates:
    return Jinja2Templates(env=environment())


def header_html(q: str = "") -> Markup:
    """The site header (search box, links home, to SPARQL and the API docs) for pages built without Jinja."""
    return Markup(environment().get_template("_header.html").render(q=q))
