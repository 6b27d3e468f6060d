"""Results of a remote store turned into nikg's own: row cap, then any format of :mod:`kg.sparql.formats`.

The remote store is always asked for one format per query form, the most faithful it writes:
SPARQL JSON results (SELECT, ASK) and N-Triples (CONSTRUCT, DESCRIBE). They are parsed into
pyoxigraph terms, cut at the row cap and serialized by the same code the embedded workers use, so
every format and every detail (``truncated`` member, CSV/TSV term syntax) is the same whichever
backend answers.

The row cap is applied twice: the query gets ``LIMIT cap+1`` when that is safe (:func:`cap_rows`)
so the store does not compute what would be thrown away, and the parsed rows are cut at ``cap``.
"""
from __future__ import annotations

import json
import re

from .formats import boolean_bytes, solutions_bytes, triples_bytes
from .semantic import tokens

ACCEPT = {"select": "application/sparql-results+json", "ask": "application/sparql-results+json",
          "graph": "application/n-triples"}
_BNODE_CHARS = re.compile(r"[^A-Za-z0-9_]")


def _tail(query: str):
    """The solution modifiers: the top-level tokens after the query pattern's ``}`` (or after the
    whole text if it has none), up to a trailing top-level ``VALUES``; and where that ``VALUES`` starts."""
    toks, depth, closes, values = tokens(query), 0, [], None
    for i, tok in enumerate(toks):
        if tok.kind == "punct" and tok.text in "{}":
            depth += 1 if tok.text == "{" else -1
            if depth == 0 and tok.text == "}":
                closes.append(i)
        elif depth == 0 and tok.kind == "word" and tok.text.upper() == "VALUES" and closes:
            values = i
            break
    end = values if values is not None else len(toks)
    last = max([c for c in closes if c < end], default=-1)
    return toks[last + 1:end], (toks[values].start if values is not None else len(query))


def cap_rows(query: str, cap: int) -> str:
    """``query`` with its top-level LIMIT at most ``cap + 1`` (one more than the cap tells a cut)."""
    (tail, at), bound = _tail(query), cap + 1
    for i, tok in enumerate(tail):
        if tok.kind == "word" and tok.text.upper() == "LIMIT" and i + 1 < len(tail) and tail[i + 1].kind == "number":
            number = tail[i + 1]
            if int(float(number.text)) <= bound:
                return query
            return query[:number.start] + str(bound) + query[number.end:]
    return f"{query[:at]}\nLIMIT {bound}\n{query[at:]}"


def _term(cell: dict, bnodes: dict[str, object]):
    import pyoxigraph as ox

    kind, value = cell.get("type"), cell.get("value", "")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        if value not in bnodes:
            bnodes[value] = ox.BlankNode(_BNODE_CHARS.sub("_", value) or None)
        return bnodes[value]
    if cell.get("xml:lang"):
        return ox.Literal(value, language=cell["xml:lang"])
    if cell.get("datatype"):
        return ox.Literal(value, datatype=ox.NamedNode(cell["datatype"]))
    return ox.Literal(value)


def solutions(body: bytes, fmt: str, cap: int) -> tuple[str, bytes, int, bool]:
    """(kind, bytes in ``fmt``, rows, truncated) from a SPARQL JSON results document."""
    doc = json.loads(body)
    if "boolean" in doc:
        return "ask", boolean_bytes(fmt, bool(doc["boolean"])), 1, False
    variables = doc.get("head", {}).get("vars", [])
    bindings = doc.get("results", {}).get("bindings", [])
    truncated = len(bindings) > cap
    bnodes: dict[str, object] = {}
    rows = [tuple(_term(b[v], bnodes) if v in b else None for v in variables) for b in bindings[:cap]]
    return "select", solutions_bytes(fmt, variables, rows, truncated), len(rows), truncated


def triples(body: bytes, fmt: str, cap: int, prefixes: dict[str, str]) -> tuple[str, bytes, int, bool]:
    """(kind, bytes in ``fmt``, rows, truncated) from an N-Triples document."""
    import pyoxigraph as ox

    parsed = [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
    truncated = len(parsed) > cap
    kept = parsed[:cap]
    out = triples_bytes(fmt, kept, prefixes)
    if truncated and fmt == "turtle":
        out = f"# results cut at {cap} triples\n".encode() + out
    return "graph", out, len(kept), truncated


_PREFIX_DECL = re.compile(r"PREFIX\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE)


def graphs_named_in(query: str, prefixes: dict[str, str]) -> list[str]:
    """The IRIs written after ``GRAPH`` in ``query``. Sent as ``named-graph-uri`` beside our
    ``default-graph-uri``: a dataset given by the protocol has only the named graphs it lists
    (SPARQL 1.1 Protocol §2.1.4), and Virtuoso then answers ``GRAPH <g>`` patterns with nothing."""
    known = {**prefixes, **dict(_PREFIX_DECL.findall(query))}
    toks, found = tokens(query), []
    for tok, after in zip(toks, toks[1:]):
        if tok.kind != "word" or tok.text.upper() != "GRAPH":
            continue
        if after.kind == "iri":
            found.append(after.text[1:-1])
        elif after.kind == "pname" and after.text.partition(":")[0] in known:
            prefix, _, local = after.text.partition(":")
            found.append(known[prefix] + local)
    return list(dict.fromkeys(found))
