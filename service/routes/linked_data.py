"""Linked data: ``/id/...`` serves every entity IRI ``https://w3id.org/nikg/id/...``, ``/ontology`` the ontology.

Follows "Cool URIs for the Semantic Web" (W3C Note 2008, §4.3 content negotiation) and the Best
Practice Recipes for Publishing RDF Vocabularies (recipe 3, hash namespaces): an HTML page for
browsers; Turtle, JSON-LD, N-Triples or RDF/XML by ``Accept`` or by a file extension
(``.ttl``, ``.jsonld``, ``.nt``, ``.rdf``, ``.html``). Unknown IRIs are a 404; an IRI an earlier build
served that this one no longer has is a 410 Gone naming the build it was last in (``retired.jsonl``).
Entity data (``DESCRIBE``, Concise Bounded Description) is read in process from the service's own
read-only store handle, not through the SPARQL pool: a dereference is a bounded lookup by one IRI
(well under a millisecond), so it never waits behind long queries that hold the pool's workers.
"""
from __future__ import annotations

import html
import json
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from kg.namespaces import ID, NIKG, PREFIXES
from kg.sparql.formats import GRAPH_FORMATS, Format, by_name, negotiate, triples_bytes
from kg.sparql.pool import QueryResult
from kg.sparql.worker import run_query
from ontology import ONTOLOGY_PATH

from ..deps import ResourcesDep
from ..errors import Gone, NotFound, media, responses
from ..web.entity_view import entity_extras
from ..web.templating import header_html
from .sparql import result_response

router = APIRouter(tags=["linked data"])

HTML = Format("html", "text/html", ("application/xhtml+xml",), ("htm",))
CANDIDATES = (*GRAPH_FORMATS, HTML)  # Turtle first: what curl and RDF tools get by default
EXTENSIONS = {".ttl": "turtle", ".nt": "ntriples", ".jsonld": "jsonld", ".rdf": "rdfxml", ".html": "html"}
LABELS = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label",
          "http://purl.org/dc/terms/title")
ONTOLOGY_IRI = str(NIKG).rstrip("#")
OUTGOING = """SELECT ?p ?o ?label ?text WHERE {{ <{iri}> ?p ?o .
  OPTIONAL {{ ?o skos:prefLabel|rdfs:label|dcterms:title ?label }} OPTIONAL {{ ?o nikg:text ?text }} }} LIMIT 2000"""
INCOMING = """SELECT ?s ?p ?label ?text WHERE {{ ?s ?p <{iri}> .
  OPTIONAL {{ ?s skos:prefLabel|rdfs:label|dcterms:title ?label }} OPTIONAL {{ ?s nikg:text ?text }} }} LIMIT 200"""


def _split(name: str) -> tuple[str, str | None]:
    """``name`` without a known file extension, and the format that extension asks for."""
    for ext, fmt in EXTENSIONS.items():
        if name.endswith(ext):
            return name[: -len(ext)], fmt
    return name, None


def _choose(request: Request, by_extension: str | None) -> Format:
    if by_extension:
        return next(f for f in CANDIDATES if f.name == by_extension)
    fmt = request.query_params.get("format")
    return by_name(fmt, CANDIDATES) if fmt else negotiate(request.headers.get("accept"), CANDIDATES)


def local_link(iri: str) -> str:
    """Where a browser on this service should go for ``iri``."""
    if iri.startswith(str(ID)):
        return "/id/" + iri[len(str(ID)):]
    if iri.startswith(ONTOLOGY_IRI):
        return "/ontology" + iri[len(ONTOLOGY_IRI):]
    return iri


def _short(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and prefix != "id":
            return f"{prefix}:{iri[len(ns):]}"
    return iri


@lru_cache(maxsize=2)
def ontology_store(path: Path = ONTOLOGY_PATH):
    """The ontology file in a small in-memory store (read once; the file ships with the package)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


def _rows(body: bytes) -> list[dict[str, dict]]:
    return json.loads(body)["results"]["bindings"]


def _term_html(term: dict, labels: list[tuple[str, str]], text: list[tuple[str, str]]) -> str:
    if term["type"] == "uri":
        shown = " / ".join(f"{html.escape(v)}" for v, _ in labels) or html.escape(_short(term["value"]))
        cell = f'<a href="{html.escape(local_link(term["value"]))}">{shown}</a>'
        for value, lang in text:
            cell += f'<blockquote lang="{html.escape(lang)}">{html.escape(value)}</blockquote>'
        return cell
    if term["type"] == "bnode":
        return f"<code>_:{html.escape(term['value'])}</code>"
    lang = term.get("xml:lang")
    tag = f' <small>@{html.escape(lang)}</small>' if lang else ""
    return f'<span lang="{html.escape(lang or "")}">{html.escape(term["value"])}</span>{tag}'


def _group(rows: list[dict], key: str, other: str) -> dict[tuple[str, str], dict]:
    """Rows of (predicate, value, label?, text?) grouped per (predicate, value) with every label and text."""
    grouped: dict[tuple[str, str], dict] = {}
    for row in rows:
        k = (row[key]["value"], json.dumps(row[other], sort_keys=True))
        entry = grouped.setdefault(k, {"term": row[other], "labels": [], "text": []})
        for field, bucket in (("label", "labels"), ("text", "text")):
            if field in row:
                value = (row[field]["value"], row[field].get("xml:lang", ""))
                if value not in entry[bucket]:
                    entry[bucket].append(value)
    return grouped


def _predicate_label(iri: str) -> str:
    names = _labels_of(ontology_store(), iri)
    return " / ".join(v for v, _ in names) if names else _short(iri)


def _labels_of(store, iri: str) -> list[tuple[str, str]]:
    import pyoxigraph as ox

    out = []
    for label in LABELS:
        for quad in store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(label), None):
            out.append((quad.object.value, quad.object.language or ""))
    return out


def render_page(iri: str, title_labels: list[tuple[str, str]], outgoing: list[dict], incoming: list[dict],
                alternates: str, extra: str = "") -> str:
    """A self-contained HTML page: labels in both languages, properties with links, evidence, back-links."""
    title = " / ".join(v for v, _ in title_labels) or _short(iri)
    by_pred: dict[str, list[str]] = defaultdict(list)
    for (pred, _), entry in _group(outgoing, "p", "o").items():
        by_pred[pred].append(_term_html(entry["term"], entry["labels"], entry["text"]))
    props = "".join(f'<tr><th><a href="{html.escape(local_link(p))}">{html.escape(_predicate_label(p))}</a></th>'
                    f"<td>{'<br>'.join(vals)}</td></tr>" for p, vals in sorted(by_pred.items()))
    back = "".join(f"<li>{_term_html(e['term'], e['labels'], e['text'])} "
                   f'<small>{html.escape(_predicate_label(p))}</small></li>'
                   for (p, _), e in _group(incoming, "p", "s").items())
    labels = "".join(f'<li lang="{html.escape(lang)}">{html.escape(v)} <small>@{html.escape(lang)}</small></li>'
                     for v, lang in title_labels)
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<link rel="stylesheet" href="/static/app.css">
{alternates}</head><body>{header_html()}<main><h1>{html.escape(title)}</h1><p><code>{html.escape(iri)}</code></p>
<ul>{labels}</ul>{extra}<table class="props">{props}</table>
{'<h2>Referenced by</h2><ul>' + back + '</ul>' if back else ''}
<p>Also as {''.join(f'<a href="{html.escape(h)}">{n}</a> ' for n, h in _alternate_links(iri))}</p></main></body></html>"""


def _alternate_links(iri: str) -> list[tuple[str, str]]:
    base = local_link(iri).split("#")[0]
    return [("Turtle", base + ".ttl"), ("JSON-LD", base + ".jsonld"), ("N-Triples", base + ".nt"),
            ("RDF/XML", base + ".rdf")]


def _alternates_head(iri: str) -> str:
    types = {"Turtle": "text/turtle", "JSON-LD": "application/ld+json", "N-Triples": "application/n-triples",
             "RDF/XML": "application/rdf+xml"}
    return "".join(f'<link rel="alternate" type="{types[n]}" href="{html.escape(h)}">' for n, h in _alternate_links(iri))


def lookup(store, query: str, fmt: str, max_rows: int) -> QueryResult:
    """A bounded lookup query on the in-process store, serialized as the pool's workers do."""
    try:
        header, body = run_query(store, {"query": query, "format": fmt, "max_rows": max_rows}, PREFIXES)
    except SyntaxError:  # an IRI the parser refuses is not one the graph has
        raise NotFound("that IRI is not in the graph (it is not a valid IRI)",
                       hint="find entities with GET /entities/suggest?prefix=...") from None
    return QueryResult(header["kind"], fmt, body, header["rows"], header["truncated"], 0.0)


def _entity_html(store, iri: str, build_path: Path) -> Response:
    outgoing = _rows(lookup(store, OUTGOING.format(iri=iri), "json", 2000).body)
    if not outgoing:
        raise _not_found(iri, build_path)
    incoming = _rows(lookup(store, INCOMING.format(iri=iri), "json", 200).body)
    own = list(dict.fromkeys((r["o"]["value"], r["o"].get("xml:lang", "")) for r in outgoing if r["p"]["value"] in LABELS))
    extra = entity_extras(iri, own, outgoing, incoming, local_link, _short)  # evidence with the quote; graph
    page = render_page(iri, own, [r for r in outgoing if r["p"]["value"] not in LABELS],
                       incoming, _alternates_head(iri), extra)
    return HTMLResponse(page, headers={"Vary": "Accept"})


def _not_found(iri: str, build_path: Path | None = None) -> NotFound | Gone:
    """404, or 410 when an earlier build served ``iri`` (kg.retired)."""
    from kg.retired import read_retired

    gone = read_retired(build_path).get(iri) if build_path else None
    if gone:
        return Gone(f"<{iri}> is gone: it was last in build {gone['last_build']} and is not in build "
                    f"{gone['retired_in']} or later (its document or fact was removed or changed)",
                    hint="find its successor with GET /entities/suggest?prefix=... or query /sparql")
    return NotFound(f"<{iri}> is not in the graph",
                    hint="find entities with GET /entities/suggest?prefix=... or query /sparql")


@router.get("/id/{name:path}", summary="An entity as HTML, Turtle, JSON-LD, N-Triples or RDF/XML",
            responses={**media(CANDIDATES), **responses(404, 406, 410, 503)})
def entity(name: str, request: Request, res: ResourcesDep) -> Response:
    local, ext = _split(name)
    iri = str(ID) + local
    if any(c in '<>" {}|\\^`' or ord(c) < 0x21 or 0x7f <= ord(c) < 0xa0 for c in iri):
        raise _not_found(iri)
    chosen = _choose(request, ext)
    if chosen.name == "html":
        return _entity_html(res.store, iri, res.build.path)
    result = lookup(res.store, f"DESCRIBE <{iri}>", chosen.name, res.settings.sparql_max_rows)
    if result.rows == 0:
        raise _not_found(iri, res.build.path)
    return result_response(result, chosen.content_type, res.settings)


@router.get("/ontology", summary="The nikg ontology (hash namespace https://w3id.org/nikg/ontology#)",
            responses={**media(CANDIDATES), **responses(404, 406)})
@router.get("/ontology{ext}", include_in_schema=False)
def ontology(request: Request, ext: str = "") -> Response:
    if ext and ext not in EXTENSIONS:
        raise _not_found(ONTOLOGY_IRI + ext)
    chosen = _choose(request, EXTENSIONS.get(ext))
    store = ontology_store()
    if chosen.name != "html":
        body = triples_bytes(chosen.name, [q.triple for q in store], PREFIXES)
        return Response(body, media_type=chosen.content_type, headers={"Vary": "Accept"})
    return HTMLResponse(_ontology_html(store), headers={"Vary": "Accept"})


def _ontology_html(store) -> str:
    """One section per term, anchored by its local name so ``/ontology#Task`` lands on it."""
    import pyoxigraph as ox

    terms = sorted({q.subject.value for q in store if isinstance(q.subject, ox.NamedNode)
                    and q.subject.value.startswith(str(NIKG))})
    sections = []
    for term in terms:
        rows = [{"p": {"type": "uri", "value": q.predicate.value}, "o": _json_term(q.object)}
                for q in store.quads_for_pattern(ox.NamedNode(term), None, None)
                if q.predicate.value not in LABELS]
        labels = _labels_of(store, term)
        local = term[len(str(NIKG)):]
        body = render_page(term, labels, rows, [], "").split("<main>", 1)[1].split("<p>Also as")[0]
        sections.append(f'<section id="{html.escape(local)}">{body.replace("<h1>", "<h2>").replace("</h1>", "</h2>")}</section>')
    head = render_page(ONTOLOGY_IRI, _labels_of(store, ONTOLOGY_IRI), [
        {"p": {"type": "uri", "value": q.predicate.value}, "o": _json_term(q.object)}
        for q in store.quads_for_pattern(ox.NamedNode(ONTOLOGY_IRI), None, None) if q.predicate.value not in LABELS],
        [], _alternates_head(ONTOLOGY_IRI))
    return head.replace("</main></body></html>", "".join(sections) + "</main></body></html>")


def _json_term(term) -> dict:
    from kg.sparql.formats import term_json

    return term_json(term)
