"""The build's in-memory graphs (kg/memgraph.py): released, a graph is freed without a garbage collection."""
from __future__ import annotations

import gc
import weakref

from rdflib import Literal, URIRef

from kg.memgraph import new_graph, release
from kg.namespaces import bind_all


def _graph():
    graph = new_graph()
    bind_all(graph)
    for i in range(100):
        graph.add((URIRef(f"https://w3id.org/nikg/id/e{i}"), URIRef("https://w3id.org/nikg/p"), Literal(i)))
    graph.serialize(format="turtle")  # the namespace manager used, as a build uses it
    return graph


def test_a_released_graph_is_freed_when_its_last_reference_goes():
    gc.disable()
    try:
        kept, released = _graph(), _graph()
        refs = weakref.ref(kept), weakref.ref(released)
        release(released)
        del kept, released
        assert refs[0]() is not None  # the cycle keeps an unreleased graph until a collection
        assert refs[1]() is None
    finally:
        gc.enable()
        gc.collect()
