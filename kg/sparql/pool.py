"""A pool of worker processes that run SPARQL under time and CPU limits and can really be stopped.

pyoxigraph cannot cancel a running query, so every query runs in a separate process
(:mod:`kg.sparql.worker`, seen through :mod:`kg.sparql.process`). When a query passes its time
limit the parent SIGKILLs that worker, answers :class:`QueryTimeout` at once and starts a
replacement in the background (retried with backoff until it starts); the other workers keep
answering meanwhile. Who gets a worker is decided by :mod:`kg.sparql.scheduler`: arrival order,
a bounded queue, a cap per client, and a reserved lane of ``lookup_workers`` for lookups
(:mod:`kg.sparql.lanes`). A lookup that runs past ``lookup_timeout`` in that lane is not failed:
its worker is replaced and the query waits for a general worker with the rest of its budget.

Writes: pyoxigraph allows no read-only handle on a store another process writes. Read workers
therefore never open the store itself but a *snapshot* of it (:mod:`kg.sparql.snapshot`: hard
links to the immutable table files), one per data *generation*. An update runs in a short-lived
write process on the store (transactional, killed at the time limit, so a stopped update changes
nothing) while the readers keep answering from the old snapshot, idle workers included - nothing
waits for the write. After the commit the pool takes a new snapshot, starts a fresh generation of
workers on it and swaps them in: idle old workers are stopped at once, busy ones when their
query ends, and the old snapshot is deleted with its last worker. ``update`` returns after the
swap, so a client reads its own writes. Updates run one at a time. This costs a second set of
worker processes for the seconds of a swap, instead of blocking every reader for up to a
time limit (the old design: drain all queries, stop all workers, write, restart). In-memory
workers (stores up to ``memory_triples``) would not need the snapshot after start-up, but one rule
for both kinds keeps replacements (which reopen the files) correct during a write.

Warming up: copying a store into memory takes about 31 s per million triples (:mod:`kg.sparql.sizing`),
so workers copy at once (at start, after a write) only stores of at most ``eager_triples``. A larger
store that may be copied is served from disk at once while a background thread starts an in-memory
generation of workers and swaps it in exactly as after a write. It holds the write slot meanwhile:
an update arriving then waits for it; one warm-up at a time, which copies the latest data.
``on_write`` callbacks let the owner reopen its own handles afterwards.
"""
from __future__ import annotations

import asyncio
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import snapshot
from .errors import QueryTimeout, WorkerFailed, WorkersBusy
from .jobs import Job, QueryResult, result_of
from .lanes import is_lookup
from .process import Worker, WorkerConfig, cause_of_death
from .scheduler import Scheduler, Ticket
from .warmup import Warmup
from .wire import Closed, Deadline, call_soon, readable
from .workers import WorkerSet, without_paths
from .writer import run_commit_hook, write

log = logging.getLogger("nikg.sparql")
__all__ = ["PoolStatus", "QueryPool", "QueryResult", "without_paths"]


@dataclass(frozen=True)
class PoolStatus:
    """The pool at a glance, for /health and /ready. ``short``: fewer live workers than configured."""

    size: int
    live: int
    idle: int
    busy: int
    queued: int
    short: bool
    killed: int
    restarts: int
    last_error: str | None


_REQUEUED = object()


class QueryPool:
    """``workers`` general and ``lookup_workers`` lookup-lane processes answering queries on ``store``
    within ``timeout`` seconds (and ``cpu_seconds`` of CPU; 0: the timeout), ``max_rows`` rows, each with
    at most ``memory_mb`` of heap (0: unlimited); workers copy a store of at most ``memory_triples``
    triples into memory (0: never). At most ``queue_max`` requests wait; a client may have
    ``client_concurrency`` requests running or waiting (``client=None``: no limit)."""

    def __init__(self, store: Path, *, workers: int = 2, timeout: float = 10.0, max_rows: int = 10_000,
                 prefixes: dict[str, str] | None = None, memory_mb: int = 0, memory_triples: int = 0,
                 queue_max: int = 64, client_concurrency: int = 2, lookup_workers: int = 1,
                 lookup_timeout: float = 1.0, cpu_seconds: float = 0.0, eager_triples: int = 200_000):
        self.store = Path(store).resolve()
        self.memory_mb, self.memory_triples = memory_mb, memory_triples
        self.eager_triples = min(eager_triples, memory_triples)
        self.size, self.timeout, self.max_rows = workers, timeout, max_rows
        self.lookup_workers, self.lookup_timeout = lookup_workers, lookup_timeout
        self.cpu_seconds = cpu_seconds or timeout
        self.prefixes = dict(prefixes or {})
        self.on_write: list[Callable[[], None]] = []
        self.client_limit = client_concurrency
        self.scheduler = Scheduler(queue_max, self.client_limit, retry_after=float(max(1, round(timeout))))
        config = WorkerConfig(self.prefixes, memory_mb, memory_triples)
        self.workers = WorkerSet(self.store, config, {"general": workers, "lookup": lookup_workers}, self.scheduler)
        self._write_lock = threading.Lock()
        self.warmup = Warmup(self.workers, self._write_lock, memory_triples)
        self.warmed = self.warmup.done  # set once workers hold what they may copy (at once for small stores)

    # --- life cycle --------------------------------------------------------------------------
    def start(self) -> "QueryPool":
        snapshot.remove_stale(self.store)
        with self._write_lock:
            self.workers.start_generation(0, strict=True, memory_triples=self.eager_triples)
        log.info("SPARQL pool: %d general + %d lookup workers on %s", self.size, self.lookup_workers, self.store)
        if not self.warmup.start_if_worth_it():
            log.info("SPARQL pool: no warm-up needed")
            self.warmed.set()
        return self

    def close(self) -> None:
        """Stop idle workers, kill busy ones (their queries would never be answered), wake waiters."""
        self.workers.close()
        for ticket in self.scheduler.waiting():
            ticket.wake()

    def __enter__(self) -> "QueryPool":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def killed(self) -> int:
        """Workers stopped for running past a limit (observable in tests and logs)."""
        return self.workers.killed

    @property
    def _live(self) -> set[Worker]:
        return self.workers.live

    def status(self) -> PoolStatus:
        counts = self.scheduler.counts()
        idle = sum(len(ws) for ws in counts.idle.values())
        size = self.size + self.lookup_workers
        live = len(self.workers.current())
        with self.workers.lock:
            alive = sum(1 for w in self.workers.live if w.proc.poll() is None)
        return PoolStatus(size=size, live=live, idle=idle, busy=max(0, alive - idle), queued=counts.queued,
                          short=live < size, killed=self.workers.killed, restarts=self.workers.restarts,
                          last_error=self.workers.last_error)

    # --- queries -------------------------------------------------------------------------------
    def _job(self, query: str, fmt: str, default_graph, named_graphs, timeout, max_rows) -> Job:
        limit = self.timeout if timeout is None else min(timeout, self.timeout)
        request = {"op": "query", "query": query, "format": fmt, "default_graph": default_graph,
                   "named_graphs": named_graphs, "max_rows": min(max_rows or self.max_rows, self.max_rows),
                   "cpu_seconds": self.cpu_seconds}
        return Job(query, fmt, request, limit, self.lookup_workers > 0 and is_lookup(query), time.monotonic())

    def _granted(self, ticket: Ticket) -> Worker:
        worker = ticket.worker
        if worker is None:
            raise self._busy_or_closed()
        return worker

    def _busy_or_closed(self) -> WorkerFailed | WorkersBusy:
        if self.workers.closing.is_set():
            return WorkerFailed("the service is shutting down; the query was stopped", hint="retry when it is back")
        return WorkersBusy(f"all {self.size} SPARQL workers stayed busy for the {self.timeout:g} s limit")

    def _deadline(self, worker: Worker, job: Job) -> float:
        budget = min(job.remaining, self.lookup_timeout) if worker.lane == "lookup" else job.remaining
        return time.monotonic() + budget

    def query(self, query: str, fmt: str = "json", *, client: str | None = None,
              default_graph: list[str] | None = None, named_graphs: list[str] | None = None,
              timeout: float | None = None, max_rows: int | None = None) -> QueryResult:
        """Run ``query`` and serialize its results as ``fmt`` (a :mod:`kg.sparql.formats` name); blocks."""
        job = self._job(query, fmt, default_graph, named_graphs, timeout, max_rows)
        woken = threading.Event()
        ticket = self._admit(job, client, woken.set)
        try:
            while True:
                outcome = self._run_sync(self._wait_sync(ticket, woken, job), job)
                if outcome is not _REQUEUED:
                    return outcome
                self.scheduler.requeue(ticket)
        finally:
            self.scheduler.done(ticket)

    def _admit(self, job: Job, client: str | None, wake: Callable[[], None]) -> Ticket:
        if self.workers.closing.is_set():
            raise self._busy_or_closed()
        return self.scheduler.admit(job.lookup, client, wake)

    def _wait_sync(self, ticket: Ticket, woken: threading.Event, job: Job) -> Worker:
        """The ticket's worker, waiting at most the query's time limit (a worker granted meanwhile is used)."""
        deadline = time.monotonic() + job.limit
        while ticket.worker is None and not self.workers.closing.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.scheduler.withdraw(ticket)
                break
            woken.wait(remaining)
            woken.clear()  # a stale wake-up only costs one more look at ticket.worker
        return self._granted(ticket)

    def _run_sync(self, worker: Worker, job: Job):
        started = time.monotonic()
        try:
            worker.send(job.request)
            header, body = worker.receive(self._deadline(worker, job))
        except Deadline:
            return self._overran(worker, job, time.monotonic() - started)
        except Closed:
            raise self._died(worker, job) from None
        return self._finish(worker, header, body, job)

    async def aquery(self, query: str, fmt: str = "json", *, client: str | None = None,
                     default_graph: list[str] | None = None, named_graphs: list[str] | None = None,
                     timeout: float | None = None, max_rows: int | None = None) -> QueryResult:
        """:meth:`query` for an event loop: waits for a worker and on its pipe, never in a thread."""
        job = self._job(query, fmt, default_graph, named_graphs, timeout, max_rows)
        loop, woken = asyncio.get_running_loop(), asyncio.Event()
        ticket = self._admit(job, client, lambda: call_soon(loop, woken.set))
        try:
            while True:
                outcome = await self._run_async(await self._wait_async(ticket, woken, job), job)
                if outcome is not _REQUEUED:
                    return outcome
                self.scheduler.requeue(ticket)
        finally:
            self.scheduler.done(ticket)

    async def _wait_async(self, ticket: Ticket, woken: asyncio.Event, job: Job) -> Worker:
        """:meth:`_wait_sync` on the event loop; a cancelled wait gives back a worker granted meanwhile."""
        deadline = time.monotonic() + job.limit
        while ticket.worker is None and not self.workers.closing.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.scheduler.withdraw(ticket)
                break
            try:
                await asyncio.wait_for(woken.wait(), remaining)
            except asyncio.TimeoutError:
                pass
            except asyncio.CancelledError:  # the client went away while waiting
                granted = self.scheduler.withdraw(ticket)
                if granted is not None:
                    self.workers.release(granted)
                raise
            woken.clear()
        return self._granted(ticket)

    async def _run_async(self, worker: Worker, job: Job):
        started = time.monotonic()
        deadline = self._deadline(worker, job)
        try:
            worker.send(job.request)
            await readable(worker.proc.stdout.fileno(), deadline - time.monotonic())
            header, body = worker.receive(deadline)
        except (asyncio.TimeoutError, Deadline):
            return self._overran(worker, job, time.monotonic() - started)
        except (OSError, Closed):
            raise self._died(worker, job) from None
        except asyncio.CancelledError:  # the client went away: its answer would never be read
            self._kill(worker)
            raise
        return self._finish(worker, header, body, job)

    # --- outcomes --------------------------------------------------------------------------------
    def _kill(self, worker: Worker) -> None:
        worker.kill()
        self.workers.forget(worker)
        self.workers.replace_lost(worker)

    def _overran(self, worker: Worker, job: Job, seconds: float):
        """The query passed its limit: kill the worker; a lookup-lane query moves to the general lane."""
        self._kill(worker)
        job.spent += seconds
        if worker.lane == "lookup" and job.remaining > 0:
            log.info("SPARQL lookup ran past %.1f s in the lookup lane; moved to the general lane: %.200s",
                     self.lookup_timeout, job.query)
            return _REQUEUED
        self.workers.count_kill()
        log.warning("SPARQL query stopped after %.1f s: %.200s", job.limit, job.query)
        raise QueryTimeout(f"the query ran past the {job.limit:g} s time limit and was stopped",
                           hint="make it more selective (LIMIT, bound subjects, fewer joins)")

    def _died(self, worker: Worker, job: Job) -> Exception:
        code = worker.reap()
        self.workers.forget(worker)
        if self.workers.closing.is_set():
            return WorkerFailed("the service is shutting down; the query was stopped", hint="retry when it is back")
        self.workers.replace_lost(worker)
        error = cause_of_death(code, self.memory_mb, self.cpu_seconds)
        if isinstance(error, QueryTimeout):
            self.workers.count_kill()
        log.warning("SPARQL worker died (%s) running: %.200s", error, job.query)
        return error

    def _finish(self, worker: Worker, header: dict, body: bytes, job: Job) -> QueryResult:
        self.workers.release(worker)
        return result_of(header, body, job.fmt, time.monotonic() - job.started)

    # --- writes --------------------------------------------------------------------------------
    def update(self, update: str, timeout: float | None = None,
               on_commit: Callable[[], None] | None = None) -> float:
        """Run a SPARQL Update in a write process; returns its seconds. Nothing changes on error.

        Readers keep answering from the current snapshot meanwhile; the fresh generation of workers
        is in place when this returns. ``on_commit`` runs once the update is committed, while this
        update still holds the write slot, so what it records (the write journal, :mod:`kg.writes`)
        follows the order the writes were applied in; its error is raised after the swap."""
        limit = self.timeout if timeout is None else timeout
        started = time.monotonic()
        with self._write_lock:
            if self.workers.closing.is_set():
                raise self._busy_or_closed()
            write(self.workers, update, limit, max(self.cpu_seconds, limit), self.memory_mb)
            unkept = run_commit_hook(on_commit)
            self.workers.start_generation(self.workers.generation + 1, strict=False, memory_triples=self.eager_triples)
        self.warmup.start_if_worth_it()  # a large store is copied into memory again in the background
        for callback in self.on_write:
            callback()
        if unkept is not None:
            raise unkept  # the data changed (callbacks ran), but the caller must hear what failed after
        return time.monotonic() - started
