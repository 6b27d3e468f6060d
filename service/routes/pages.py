"""Pages for browsers: ``/`` (search and ask), the YASGUI page of ``/sparql``, ``/docs`` and ``/redoc`` offline.

Pages are Jinja2 templates with autoescape; scripts are files under /static (the CSP forbids inline ones).
"""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from kg.namespaces import PREFIXES
from kg.sparql.formats import GRAPH_FORMATS, NotAcceptable, negotiate

from ..web.examples import EXAMPLES
from ..web.home import HomeState, ask_page, search_page
from .linked_data import HTML, _short, local_link

router = APIRouter(include_in_schema=False)


def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    context.setdefault("local", local_link)
    context.setdefault("short", _short)
    context.setdefault("passage_name", passage_name)
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def passage_name(iri: str) -> str:
    """``passage 000_16386def272757a0/p014s03`` for a passage IRI."""
    return "passage " + "/".join(iri.rsplit("/", 2)[-2:])


def _home_view(request: Request, state: HomeState) -> dict | None:
    res = request.app.state.resources
    if res is None:
        raise HTTPException(503, (request.app.state.load_error or "the service has no data loaded")
                            + "; run `nikg build`, then restart the service")
    index, pool = res.search, res.sparql
    if state.mode == "ask":
        return ask_page(state, res.answerer, index, res.catalogue, pool)
    if index is None:
        raise HTTPException(503, res.search_error or "the build has no search index")
    return search_page(state, index, res.catalogue, pool)


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    """The search box; with ``q``, results (or in ask mode the answer with its evidence)."""
    state = HomeState.from_params(request.query_params, request.app.state.settings.search_max_query_chars)
    view, error, status = None, None, 200
    if state.q:
        try:
            view = await run_in_threadpool(_home_view, request, state)
        except HTTPException as exc:
            error, status = str(exc.detail), exc.status_code
    return render(request, "home.html", status, state=state, view=view, error=error)


def wants_html(request: Request) -> bool:
    """True when the Accept header prefers HTML to every RDF format (browsers; not SPARQL clients or curl)."""
    try:
        return negotiate(request.headers.get("accept"), (*GRAPH_FORMATS, HTML)) is HTML
    except NotAcceptable:
        return False


def sparql_page(request: Request) -> HTMLResponse:
    """The YASGUI editor on this endpoint (what ``GET /sparql`` answers a browser)."""
    endpoint = str(request.url_for("sparql_get"))
    config = {"endpoint": endpoint, "prefixes": PREFIXES, "examples": list(EXAMPLES),
              "initial": EXAMPLES[0]["query"]}
    return render(request, "sparql.html", endpoint=endpoint, prefixes=list(PREFIXES), examples=EXAMPLES,
                  config=config)


@router.get("/docs", response_class=HTMLResponse)
def swagger(request: Request) -> HTMLResponse:
    return render(request, "swagger.html", title=request.app.title, openapi_url=request.app.openapi_url, q="")


@router.get("/redoc", response_class=HTMLResponse)
def redoc(request: Request) -> HTMLResponse:
    return render(request, "redoc.html", title=request.app.title, openapi_url=request.app.openapi_url, q="")
