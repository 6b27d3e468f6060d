"""What the service needs from whoever answers SPARQL: the embedded pool or a remote store.

Two implementations:

- :class:`kg.sparql.pool.QueryPool` (``sparql_backend="embedded"``, the default): worker processes
  over the build's pyoxigraph store. Right up to a few million triples: no other server to run,
  the store ships inside the build folder, killable queries.
- :class:`kg.sparql.remote.RemoteBackend` (``sparql_backend="remote"``): any SPARQL 1.1 Protocol
  endpoint, tested with Virtuoso 7. ``nikg build`` publishes each build into the store as the named
  graph ``urn:nikg:build:<build id>`` and the service queries that graph as its default graph.

Every query and update passes the same front (negotiation, ``nikg:search`` rewriting, guards,
errors); a backend only executes and answers bytes in the format asked for, so the routes do not
know which one runs.

When to switch engines
----------------------
Stay embedded up to about 2 M triples (what a worker copies into memory with the defaults,
:mod:`kg.sparql.sizing`) while queries are lookups, joins, CONSTRUCT and listings: at 1 M triples
they ran at 0.8-1.2x Virtuoso 7's time (a 10,000-row listing 8x faster) and the p99 at 16
connections was 0.1-1.0x Virtuoso's (two runs on a loaded 2-core machine: ``bench/sparql_scale.py``,
docs/benchmarks.md). Switch to a remote engine when whole-graph aggregates and ORDER BY over large
sets dominate (3-5x slower embedded at 1 M), when the graph outgrows the memory copy (on disk
Oxigraph probes 2-4x slower) or takes frequent writes (each one re-copies the store), or when it
outgrows one machine.

Fitting other engines
---------------------
- **QLever**: query endpoint ``http://host:7001`` (SPARQL 1.1 Protocol GET/POST; JSON, TSV, CSV
  results; ``application/n-triples`` for CONSTRUCT). Its index is built offline from N-Triples
  (``qlever index``), so "publishing" is writing the build's ``graph.nt`` and rebuilding the index
  with ``urn:nikg:build:<id>`` as the graph of every triple (N-Quads input), then swapping the
  served index directory; updates go to its SPARQL Update endpoint with ``access-token``
  (``sparql_backend_password``, auth ``bearer`` to add beside digest/basic). It honours
  ``default-graph-uri``; timeouts are its ``timeout`` parameter (``30s``).
- **GraphDB**: query endpoint ``/repositories/<repo>``, updates at
  ``/repositories/<repo>/statements`` (Basic auth), Graph Store at
  ``/repositories/<repo>/rdf-graphs/service``: the same three settings as Virtuoso. Its
  ``timeout`` parameter is in seconds; large loads go through its ImportRDF tool instead.
Only :mod:`kg.sparql.remote_errors` (how the engine words its errors) and the ``timeout`` parameter
differ per engine; the rest is the W3C protocol.
"""
from __future__ import annotations

from typing import Callable, Protocol, runtime_checkable

from .pool import QueryResult


@runtime_checkable
class SparqlBackend(Protocol):
    """Executes queries and updates; raises the errors of :mod:`kg.sparql.errors`."""

    on_write: list[Callable[[], None]]

    def start(self) -> "SparqlBackend":
        """Get ready to answer (start workers, check the endpoint answers)."""

    def close(self) -> None:
        """Stop answering and free what :meth:`start` took."""

    def query(self, query: str, fmt: str = "json", **options) -> QueryResult:
        """Run ``query``; results serialized as ``fmt`` (a :mod:`kg.sparql.formats` name).

        ``options``: ``default_graph``, ``named_graphs`` (lists of IRIs), ``timeout`` (seconds,
        at most the service's limit), ``max_rows`` (at most the service's cap)."""

    async def aquery(self, query: str, fmt: str = "json", **options) -> QueryResult:
        """:meth:`query` for an event loop."""

    def update(self, update: str, timeout: float | None = None) -> float:
        """Run a SPARQL Update (all of it or nothing); returns its seconds; then calls ``on_write``."""
