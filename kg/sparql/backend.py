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
Stay embedded while the graph fits a worker's memory budget (about 1-2 M triples on this kind of
machine) and queries are lookups and joins. Switch to a remote engine when aggregates, ORDER BY
over large sets and many concurrent clients dominate (issue 12 measured Virtuoso 23x faster on
2-join GROUP BY at 1 M triples, and its p99 flat under 16 connections), or when the graph outgrows
one machine's memory.

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
