"""Small reads the pages need from the graph, through the SPARQL pool (labels, titles, passage texts)."""
from __future__ import annotations

import json
from typing import Any, Iterable

TITLE = "http://purl.org/dc/terms/title"
TEXT = "https://w3id.org/nikg/ontology#text"


def values_of(pool: Any, iris: Iterable[str], predicate: str) -> dict[str, list[tuple[str, str]]]:
    """(value, lang) of ``predicate`` for each IRI; IRIs that cannot be written in SPARQL are skipped."""
    safe = sorted({i for i in iris if i and not any(c in i for c in '<>" {}|\\^`')})
    if not safe:
        return {}
    values = " ".join(f"<{i}>" for i in safe)
    body = pool.query(f"SELECT ?s ?o WHERE {{ VALUES ?s {{ {values} }} ?s <{predicate}> ?o }}", "json").body
    out: dict[str, list[tuple[str, str]]] = {}
    for row in json.loads(body)["results"]["bindings"]:
        out.setdefault(row["s"]["value"], []).append((row["o"]["value"], row["o"].get("xml:lang", "")))
    return out


def first_value(pool: Any, iris: Iterable[str], predicate: str) -> dict[str, str]:
    return {iri: vals[0][0] for iri, vals in values_of(pool, iris, predicate).items() if vals}
