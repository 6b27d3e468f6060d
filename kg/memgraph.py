"""The build's in-memory graphs: rdflib graphs on its ``SimpleMemory`` store (one triple set, no named
graphs), which reads and merges about twice as fast as rdflib's default context-aware ``Memory`` store
(measured on 300,000 triples: adds 6.6 s vs 7.8 s, lookups 1.4 s vs 2.9 s, ``+=`` 6.6 s vs 13.7 s). A build
never needs named graphs in memory: they exist only in the pyoxigraph store."""
from __future__ import annotations

from rdflib import Graph


def new_graph() -> Graph:
    return Graph(store="SimpleMemory")


def union(*graphs: Graph) -> Graph:
    """A new graph with the triples of ``graphs`` (rdflib's ``a + b`` makes a default-store graph)."""
    out = new_graph()
    for g in graphs:
        out += g
    return out


def release(graph: Graph) -> None:
    """Break the one cycle of an rdflib graph (it and its namespace manager point at each other), so that the
    last reference dropped frees it at once: a full collection instead walks every live object (2-3 s for the
    graph of 1,000 documents, against under 1 s to free it)."""
    manager = getattr(graph, "_Graph__namespace_manager", None)
    if manager is not None:
        manager.graph = None
        graph._Graph__namespace_manager = None


__all__ = ["new_graph", "union", "release"]
