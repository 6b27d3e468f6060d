"""The built graph out of its Oxigraph store: as an rdflib Graph, or serialised to a file.

Formats: Turtle (``ttl``), JSON-LD (``jsonld``) and N-Triples (``nt``), written by Oxigraph
itself (streaming, with the nikg prefixes for Turtle and JSON-LD). The default graph is
exported, which is where the build writes every triple.
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
        store.dump(target, rdf_format, from_graph=pyoxigraph.DefaultGraph(), prefixes=prefixes)
    except OSError as exc:
        raise NikgError(f"cannot write the export to {output}: {exc}", hint="check the --output path") from None


def export_bytes(store, fmt: str) -> bytes:
    buffer = io.BytesIO()
    export(store, fmt, buffer)
    return buffer.getvalue()


def store_graph(store) -> Graph:
    """The store's default graph as an rdflib Graph (for SHACL validation)."""
    g = Graph()
    bind_all(g)
    g.parse(data=export_bytes(store, "nt"), format="nt")
    return g


__all__ = ["FORMATS", "MEDIA_TYPES", "export", "export_bytes", "store_graph"]
