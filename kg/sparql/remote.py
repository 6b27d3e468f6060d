"""A remote SPARQL 1.1 store (tested with Virtuoso 7) behind the interface of the embedded pool.

Queries go to ``sparql_backend_url`` by POST (SPARQL 1.1 Protocol §2.1.2, form-encoded) with
``default-graph-uri`` set to the graph of the build being served, so the store's other graphs
(older builds, its own system graphs) stay out of the default graph. Updates go to
``sparql_backend_update_url`` with HTTP authentication (Virtuoso: digest at ``/sparql-auth``,
where the user needs the ``SPARQL_UPDATE`` role; the anonymous ``/sparql`` stays read-only).
Virtuoso takes ``default-graph-uri`` as the target of triples an update puts in no ``GRAPH``, so
``INSERT DATA { ... }`` lands in the served graph as it would in the embedded store.

Before anything is sent, engine extensions that fetch or run SQL are refused
(:mod:`kg.sparql.engine_guard`), nikg's predeclared prefixes are declared in the text, and the
row cap becomes a ``LIMIT`` (:mod:`kg.sparql.remote_results`). Limits: the store gets our time
limit (halved, see :func:`_store_timeout`) as its ``timeout`` parameter, and the client gives up
one second after our limit in any case; a response larger than ``max_bytes`` is refused. Errors are mapped to the pool's
(:mod:`kg.sparql.remote_errors`). Accepted updates are journaled by the service (:mod:`kg.writes`) so that the next
build carries them over (:mod:`kg.sparql.publish`).

Differences from the embedded store, measured on Virtuoso 7.2.5:

- an update request is NOT all-or-nothing: Virtuoso applies its operations one by one, so when a
  later operation fails the earlier ones stay (and, not journalled, are not carried over);
- ``DROP GRAPH <g>`` (not SILENT) fails for a graph that was filled but never ``CREATE``d;
- ``GRAPH ?g`` patterns also see the store's own graphs (other builds, Virtuoso's system graphs);
- Virtuoso's ``timeout`` stops a query about two seconds at the earliest (it takes no value under
  1000 ms): below a 2 s limit our client deadline answers first (503 all the same), and the store
  stops the query when it sees us hang up or at its own limit, whichever comes first.
"""
from __future__ import annotations

import asyncio
import logging
import re
import time
from typing import Callable

import httpx

from .engine_guard import refuse_engine_pragmas
from .errors import QueryError, QueryTimeout, WorkerFailed
from .pool import QueryResult
from .remote_errors import error_for_status, timeout_error, unreachable
from .remote_results import ACCEPT, cap_rows, graphs_named_in, solutions, triples

log = logging.getLogger("nikg.sparql")
GRACE = 1.0  # seconds the client waits beyond the store's own timeout
_DECLARED = re.compile(r"PREFIX\s+([\w.-]*):", re.IGNORECASE)
_SQL_STATE = "x-sql-state"


def _store_timeout(limit: float) -> str:
    """The store's ``timeout`` parameter in ms: half our limit, as Virtuoso's "anytime" query stops
    about twice its timeout after the start (it answers partial results, which we refuse); at least
    1000, as Virtuoso's endpoint ignores a smaller value (``sparql_io.sql``: ``t >= 1000``) and the
    query would then run without any limit of the store's own."""
    return str(max(1000, int(limit * 500)))


class RemoteBackend:
    """Answers queries and updates through a remote store's SPARQL 1.1 Protocol endpoints."""

    def __init__(self, url: str, *, update_url: str | None = None, auth: httpx.Auth | None = None,
                 graph: Callable[[], str | None] | None = None, timeout: float = 10.0, max_rows: int = 10_000,
                 prefixes: dict[str, str] | None = None, max_bytes: int = 64 * 2**20,
                 allow_services: tuple[str, ...] = ()):
        self.url, self.update_url, self.auth = url, update_url, auth
        self.graph = graph or (lambda: None)
        self.timeout, self.max_rows, self.max_bytes = timeout, max_rows, max_bytes
        self.prefixes = dict(prefixes or {})
        self.allow_services = tuple(allow_services)
        self.on_write: list[Callable[[], None]] = []
        self._client: httpx.Client | None = None

    # --- life cycle --------------------------------------------------------------------------
    def start(self) -> "RemoteBackend":
        """Open the HTTP client and check the store answers. A store that is down does not stop the
        service from starting: /sparql answers 503 until it is back, the rest keeps working."""
        self._client = httpx.Client(headers={"User-Agent": "nikg"})
        try:
            self.query("ASK {}", "json", timeout=min(self.timeout, 10.0))
            log.info("SPARQL backend: %s (graph %s)", self.url, self.graph())
        except WorkerFailed as exc:
            log.error("SPARQL backend not answering yet: %s", exc)
        return self

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def __enter__(self) -> "RemoteBackend":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    # --- queries -------------------------------------------------------------------------------
    def _prepare(self, text: str) -> tuple[str, int]:
        """``text`` with nikg's prefixes it does not declare itself; and how many lines were added."""
        refuse_engine_pragmas(text, self.allow_services)
        own = {m.group(1) for m in _DECLARED.finditer(text)}
        head = [f"PREFIX {p}: <{iri}>" for p, iri in self.prefixes.items() if p not in own]
        return "\n".join(head + [text]), len(head)

    def query(self, query: str, fmt: str = "json", *, default_graph: list[str] | None = None,
              named_graphs: list[str] | None = None, timeout: float | None = None,
              max_rows: int | None = None, client: str | None = None) -> QueryResult:
        """Run ``query`` on the store; results in ``fmt``; the same errors as the embedded pool.

        ``client`` is accepted for the interface; per-client limits are the remote store's own here."""
        from .protocol import query_form

        limit = self.timeout if timeout is None else min(timeout, self.timeout)
        cap = min(max_rows or self.max_rows, self.max_rows)
        form = query_form(query) or "select"
        text, extra = self._prepare(cap_rows(query, cap) if form != "ask" else query)
        graphs = default_graph if default_graph is not None else [g for g in [self.graph()] if g]
        named = named_graphs if named_graphs is not None else graphs_named_in(query, self.prefixes) if graphs else []
        form_data = {"query": text, "timeout": _store_timeout(limit), "default-graph-uri": graphs,
                     "named-graph-uri": named}
        started = time.monotonic()
        body = self._post(self.url, form_data, ACCEPT[form], limit, extra, auth=None)
        try:
            kind, out, rows, truncated = (triples(body, fmt, cap, self.prefixes) if form == "graph"
                                          else solutions(body, fmt, cap))
        except (ValueError, SyntaxError) as exc:
            raise QueryError(f"the SPARQL backend answered something unreadable: {exc}") from None
        return QueryResult(kind, fmt, out, rows, truncated, time.monotonic() - started)

    async def aquery(self, query: str, fmt: str = "json", **options) -> QueryResult:
        """:meth:`query` in a thread (the HTTP client is thread-safe; the event loop stays free)."""
        return await asyncio.to_thread(self.query, query, fmt, **options)

    def _post(self, url: str, data: dict, accept: str, limit: float, extra: int, auth) -> bytes:
        """POST a form; the body (at most ``max_bytes``) of a successful answer, else the mapped error."""
        if self._client is None:
            raise unreachable(url, RuntimeError("backend not started"))
        deadline = time.monotonic() + limit + GRACE
        try:
            with self._client.stream("POST", url, data=data, headers={"Accept": accept}, auth=auth,
                                     timeout=httpx.Timeout(limit + GRACE, connect=min(5.0, limit + GRACE))) as resp:
                body = self._read(resp, deadline, limit)
        except httpx.TimeoutException:
            raise timeout_error(limit) from None
        except httpx.TransportError as exc:
            raise unreachable(url, exc) from None
        if resp.status_code >= 400:
            raise error_for_status(resp.status_code, body.decode("utf-8", "replace"), limit, extra)
        if resp.headers.get(_SQL_STATE, "").upper() == "S1TAT":  # Virtuoso's "anytime" partial answer
            raise timeout_error(limit, "the store returned partial results at its time limit")
        return body

    def _read(self, resp: httpx.Response, deadline: float, limit: float) -> bytes:
        chunks, size = [], 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes and resp.status_code < 400:
                raise QueryError(f"the result is larger than {self.max_bytes // 2**20} MB and was refused",
                                 hint="add a LIMIT or select fewer variables")
            if time.monotonic() > deadline:
                raise timeout_error(limit)
            chunks.append(chunk)
        return b"".join(chunks)

    # --- writes --------------------------------------------------------------------------------
    def update(self, update: str, timeout: float | None = None, on_commit=None) -> float:
        """Run a SPARQL Update on the store; then ``on_commit`` (the service journals the write with
        :class:`kg.writes.WriteJournal`) and the ``on_write`` callbacks."""
        if not self.update_url:
            raise QueryError("the SPARQL backend has no update endpoint configured",
                             hint="set NIKG_SPARQL_BACKEND_UPDATE_URL and the backend credentials")
        limit = self.timeout if timeout is None else timeout
        started = time.monotonic()
        self.run_update(update, self.graph(), limit)
        if on_commit is not None:
            on_commit()
        for callback in self.on_write:
            callback()
        return time.monotonic() - started

    def run_update(self, update: str, graph: str | None, limit: float) -> None:
        """Send one update with ``graph`` as its default target (no journal, no callbacks).

        No ``timeout`` parameter: Virtuoso would stop an update part way; the store's own
        MaxQueryExecutionTime bounds it, and our deadline only stops waiting."""
        text, extra = self._prepare(update)
        data = {"update": text, "default-graph-uri": [graph] if graph else []}
        try:
            self._post(self.update_url, data, "application/sparql-results+json", limit, extra, auth=self.auth)
        except QueryTimeout:
            raise QueryTimeout(f"the update ran past the {limit:g} s time limit; the store may still complete it",
                               hint="check the data before sending it again") from None
