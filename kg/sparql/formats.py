"""Result formats of the SPARQL 1.1 Protocol and content negotiation between them.

Implements:
- SPARQL 1.1 Query Results JSON Format (W3C REC 2013, §3),
- SPARQL Query Results XML Format (Second Edition, §2),
- SPARQL 1.1 Query Results CSV and TSV Formats (§2 CSV, §3 TSV),
- RDF serializations of CONSTRUCT/DESCRIBE (Turtle, N-Triples, JSON-LD, RDF/XML) via pyoxigraph; N3 requests
  (``text/n3``, ``format=n3``) get Turtle, a subset of N3 (Turtle §1, N3 §2),
- HTTP content negotiation (RFC 9110 §12.5.1 ``Accept``: media ranges, ``q`` weights, parameters).

Everything here is pure and light: it is imported by the worker processes, so no rdflib.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable, Sequence
from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import quoteattr as _xml_attr

from ..errors import NikgError

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Format:
    """One result format: a short name (the ``format`` parameter), its media type and aliases."""

    name: str
    media_type: str
    aliases: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # extra accepted values of the ``format`` parameter / file extensions

    @property
    def content_type(self) -> str:
        textual = self.media_type.startswith("text/") or self.media_type.endswith(("+json", "+xml", "/json", "/xml"))
        return f"{self.media_type}; charset=utf-8" if textual or self.name in {"ntriples", "turtle"} else self.media_type


RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", ("application/json",), ("srj",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml"), ("srx",)),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values", (), ("tab",)),
)
"""For SELECT and ASK, the first is the default."""

GRAPH_FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", ("application/x-turtle", "application/turtle", "text/n3", "text/rdf+n3",
                                    "application/n3"), ("ttl", "n3")),  # Turtle is a subset of N3
    Format("ntriples", "application/n-triples", ("text/plain",), ("nt", "n-triples")),
    Format("jsonld", "application/ld+json", ("application/json",), ("json-ld", "json")),
    Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml"), ("rdf", "rdf+xml", "xml", "owl")),
)
"""For CONSTRUCT and DESCRIBE, the first is the default."""


class NotAcceptable(NikgError):
    """No supported format satisfies the request; ``supported`` lists what would."""

    status = 406
    hint = "send one of the supported types in Accept or as the format parameter"

    def __init__(self, message: str, supported: Sequence[Format]):
        self.supported = [f.media_type for f in supported]
        super().__init__(f"{message}; supported: {', '.join(self.supported)}")


def _parse_accept(header: str) -> list[tuple[str, float, int]]:
    """``Accept`` as (media range, q, position); parameters other than ``q`` are ignored (RFC 9110 §12.5.1)."""
    ranges = []
    for position, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        if "/" not in media:
            media = "*/*" if media == "*" else f"{media}/*"  # lenient with broken clients
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value.strip())))
                except ValueError:
                    q = 0.0
        ranges.append((media, q, position))
    return ranges


def _match(media_type: str, ranges: list[tuple[str, float, int]]) -> tuple[float, int] | None:
    """The q and position of the most specific range matching ``media_type``, if any."""
    kind, _, _sub = media_type.partition("/")
    best: tuple[int, float, int] | None = None
    for media, q, pos in ranges:
        r_kind, _, r_sub = media.partition("/")
        if media == media_type:
            specificity = 2
        elif r_kind == kind and r_sub == "*":
            specificity = 1
        elif media == "*/*":
            specificity = 0
        else:
            continue
        if best is None or specificity > best[0]:
            best = (specificity, q, pos)
    return None if best is None else (best[1], best[2])


def negotiate(accept: str | None, candidates: Sequence[Format]) -> Format:
    """The best of ``candidates`` for an ``Accept`` header; the first candidate when there is no header."""
    if not accept or not accept.strip():
        return candidates[0]
    ranges = _parse_accept(accept)
    scored = []
    for rank, fmt in enumerate(candidates):
        matches = [m for t in (fmt.media_type, *fmt.aliases) if (m := _match(t, ranges)) is not None]
        exact = _match(fmt.media_type, ranges)
        if not matches:
            continue
        q, pos = max(matches, key=lambda m: (m[0], -m[1]))
        if exact is not None and exact[0] == 0:
            continue  # the format's own type is explicitly refused
        alias_only = exact is None or exact[0] < q  # matched through an alias: loses ties
        if q > 0:
            scored.append((-q, alias_only, pos, rank, fmt))
    if not scored:
        raise NotAcceptable(f"none of the requested types ({accept}) can be produced", candidates)
    return min(scored, key=lambda s: s[:4])[4]


def by_name(value: str, candidates: Sequence[Format]) -> Format:
    """The format named by a ``format`` parameter or file extension (short name, extension or media type)."""
    wanted = value.strip().lower().split(";")[0].strip()
    for fmt in candidates:
        if wanted in (fmt.name, fmt.media_type, *fmt.aliases, *fmt.names):
            return fmt
    raise NotAcceptable(f"unknown format {value!r}", candidates)


def find_format(name: str) -> Format:
    """A format by its short name (as the worker receives it)."""
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        if fmt.name == name:
            return fmt
    raise KeyError(name)


# --- term encodings ------------------------------------------------------------------------------

def term_json(term) -> dict:
    """A pyoxigraph term as a SPARQL JSON results RDF term (JSON Results §3.2.2)."""
    kind = type(term).__name__
    if kind == "NamedNode":
        return {"type": "uri", "value": term.value}
    if kind == "BlankNode":
        return {"type": "bnode", "value": term.value}
    if kind == "Literal":
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if kind == "Triple":  # SPARQL 1.2 / RDF-star quoted triple
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    return {"type": "literal", "value": str(term)}


def _term_xml(term) -> str:
    kind = type(term).__name__
    if kind == "NamedNode":
        return f"<uri>{_xml_escape(term.value)}</uri>"
    if kind == "BlankNode":
        return f"<bnode>{_xml_escape(term.value)}</bnode>"
    if kind == "Literal":
        if term.language:
            return f"<literal xml:lang={_xml_attr(term.language)}>{_xml_escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={_xml_attr(term.datatype.value)}>{_xml_escape(term.value)}</literal>"
        return f"<literal>{_xml_escape(term.value)}</literal>"
    return f"<literal>{_xml_escape(str(term))}</literal>"


def _term_csv(term) -> str:
    """CSV §2: IRIs and literals as their plain strings, blank nodes as ``_:label``, RFC 4180 quoting."""
    if term is None:
        return ""
    kind = type(term).__name__
    text = "_:" + term.value if kind == "BlankNode" else term.value if kind in ("NamedNode", "Literal") else str(term)
    if any(c in text for c in ',"\r\n'):
        text = '"' + text.replace('"', '""') + '"'
    return text


def _term_tsv(term) -> str:
    """TSV §3: terms in Turtle/N-Triples syntax (pyoxigraph's ``str`` escapes tabs and newlines)."""
    return "" if term is None else str(term)


# --- serializers -------------------------------------------------------------------------------

def _solutions_json(variables: Sequence[str], rows: Iterable[Sequence], truncated: bool) -> bytes:
    """JSON Results §3 written as text directly (no intermediate dicts; IRIs and plain/lang literals,
    the common terms, without a per-term ``json.dumps`` call)."""
    import pyoxigraph as ox

    dumps = json.JSONEncoder(ensure_ascii=False).encode
    named, literal = ox.NamedNode, ox.Literal
    keys = [dumps(v) + ":" for v in variables]
    out = []
    for row in rows:
        cells = []
        for key, term in zip(keys, row):
            if term is None:
                continue
            kind = type(term)
            if kind is named:
                cells.append(key + '{"type":"uri","value":' + dumps(term.value) + "}")
            elif kind is literal and term.language:
                cells.append(key + '{"type":"literal","value":' + dumps(term.value) + ',"xml:lang":'
                             + dumps(term.language) + "}")
            else:
                cells.append(key + json.dumps(term_json(term), ensure_ascii=False, separators=(",", ":")))
        out.append("{" + ",".join(cells) + "}")
    tail = ',"truncated":true}' if truncated else "}"  # an extension member; SPARQL JSON readers ignore it
    head = '{"head":{"vars":[' + ",".join(dumps(v) for v in variables) + ']},"results":{"bindings":['
    return (head + ",".join(out) + "]}" + tail).encode("utf-8")


def solutions_bytes(fmt: str, variables: Sequence[str], rows: Iterable[Sequence], truncated: bool = False) -> bytes:
    """SELECT results in ``fmt`` (json, xml, csv, tsv); ``rows`` hold pyoxigraph terms or None."""
    if fmt == "json":
        return _solutions_json(variables, rows, truncated)
    if fmt == "xml":
        parts = ['<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
                 "<head>" + "".join(f"<variable name={_xml_attr(v)}/>" for v in variables) + "</head>", "<results>"]
        for row in rows:
            cells = "".join(f"<binding name={_xml_attr(v)}>{_term_xml(t)}</binding>"
                            for v, t in zip(variables, row) if t is not None)
            parts.append(f"<result>{cells}</result>")
        parts.append("</results></sparql>\n")
        return "\n".join(parts).encode("utf-8")
    if fmt == "csv":
        lines = [",".join(variables)] + [",".join(_term_csv(t) for t in row) for row in rows]
        return ("\r\n".join(lines) + "\r\n").encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in variables)] + ["\t".join(_term_tsv(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise KeyError(fmt)


def boolean_bytes(fmt: str, value: bool) -> bytes:
    """ASK results in ``fmt``; CSV/TSV (which define no boolean form) carry ``true``/``false`` as one line."""
    word = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return ('<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{word}</boolean></sparql>\n").encode()
    if fmt in ("csv", "tsv"):
        return f"{word}\n".encode()
    raise KeyError(fmt)


def triples_bytes(fmt: str, triples: list, prefixes: dict[str, str] | None = None) -> bytes:
    """CONSTRUCT/DESCRIBE results in ``fmt`` (turtle, ntriples, jsonld, rdfxml) via pyoxigraph."""
    import pyoxigraph as ox

    rdf = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
           "rdfxml": ox.RdfFormat.RDF_XML}[fmt]
    if fmt == "jsonld" and not triples:
        return b"[]"
    kwargs = {"prefixes": prefixes} if prefixes and fmt in ("turtle", "rdfxml") else {}
    return ox.serialize(triples, format=rdf, **kwargs) or b""
