"""The built graph out of its Oxigraph store: as an rdflib Graph, or serialised to a file.

Formats: Turtle (``ttl``), JSON-LD (``jsonld``) and N-Triples (``nt``), written by Oxigraph
itself (streaming, with the nikg prefixes for Turtle). The build writes every triple to the
default graph; if named graphs were added later (Graph Store Protocol with updates enabled), the
export is the union of all graphs, as triples.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from rdflib import Graph

from .errors import NikgError
from .namespaces import PREFIXES, bind_all

FORMATS = {"ttl": "TURTLE", "jsonld": "JSON_LD", "nt": "N_TRIPLES"}
MEDIA_TYPES = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples"}


def _format(name: str):
    import pyoxigraph

    if name not in FORMATS:
        raise NikgError(f"unknown export format {name!r}", hint=f"use one of {', '.join(FORMATS)}")
    return getattr(pyoxigraph.RdfFormat, FORMATS[name])


def export(store, fmt: str, output: BinaryIO | Path | str) -> None:
    """Write the store's default graph to ``output`` (a path or a binary stream) in ``fmt``."""
    import pyoxigraph

    rdf_format = _format(fmt)
    prefixes = None if fmt == "nt" else dict(PREFIXES)
    target = str(output) if isinstance(output, (str, Path)) else output
    try:
        if next(iter(store.named_graphs()), None) is None:
            store.dump(target, rdf_format, from_graph=pyoxigraph.DefaultGraph(), prefixes=prefixes)
        else:
            triples = (pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in store)
            pyoxigraph.serialize(triples, target, rdf_format, prefixes=prefixes)
    except OSError as exc:
        raise NikgError(f"cannot write the export to {output}: {exc}", hint="check the --output path") from None


def export_bytes(store, fmt: str) -> bytes:
    buffer = io.BytesIO()
    export(store, fmt, buffer)
    return buffer.getvalue()


def store_graph(store) -> Graph:
    """The store's triples as an rdflib Graph (for rdflib users, and pySHACL's reference validation in the tests)."""
    g = Graph()
    bind_all(g)
    g.parse(data=export_bytes(store, "nt"), format="nt")
    return g


__all__ = ["FORMATS", "MEDIA_TYPES", "export", "export_bytes", "store_graph"]
