"""A pool of worker processes that run SPARQL under a time limit and can really be stopped.

pyoxigraph cannot cancel a running query, so every query runs in a separate process
(:mod:`kg.sparql.worker`) holding a read-only handle on the build's store. When a query passes
its time limit the parent SIGKILLs that worker, answers :class:`QueryTimeout` at once and
starts a replacement in the background; the other workers keep answering meanwhile.

Writes (SPARQL Update, Graph Store Protocol) follow pyoxigraph's rule that a read-only handle
must not be open while another process writes: an update waits for the queries in flight
(each bounded by the time limit), stops every read worker, runs in a dedicated short-lived
write process (transactional, killed at the time limit, so a stopped update changes nothing),
and then fresh read workers are started that see the new data. Queries arriving during a write
wait for it. ``on_write`` callbacks let the owner reopen its own handles afterwards.
"""
from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import QueryError, QuerySyntaxError, QueryTimeout, WorkerFailed, WorkersBusy
from .wire import Closed, Deadline, read_message, write_message

log = logging.getLogger("nikg.sparql")
PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent
STARTUP_SECONDS = 60.0


@dataclass(frozen=True)
class QueryResult:
    """Serialized results: ``kind`` is select, ask or graph; ``truncated`` when rows were cut."""

    kind: str
    format: str
    body: bytes
    rows: int
    truncated: bool
    seconds: float


async def _readable(fd: int, timeout: float) -> None:
    """Wait until ``fd`` has data; :class:`asyncio.TimeoutError` after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
    try:
        await asyncio.wait_for(ready, timeout)
    finally:
        loop.remove_reader(fd)


class _Worker:
    """One worker process and its pipes."""

    def __init__(self, store: Path, prefixes: dict[str, str], write: bool = False, memory_mb: int = 0,
                 memory_triples: int = 0):
        cmd = [sys.executable, "-m", "kg.sparql.worker", "--store", str(store), "--prefixes", json.dumps(prefixes),
               "--memory-mb", str(memory_mb), "--memory-triples", str(0 if write else memory_triples)]
        self.proc = subprocess.Popen(cmd + (["--write"] if write else []), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, bufsize=0, cwd=PACKAGE_ROOT, close_fds=True)
        self.write = write

    def wait_ready(self) -> "_Worker":
        try:
            header, _ = read_message(self.proc.stdout.fileno(), time.monotonic() + STARTUP_SECONDS)
        except (Deadline, Closed):
            self.kill()
            raise WorkerFailed("a SPARQL worker did not start") from None
        if not header.get("ok"):
            self.kill()
            raise WorkerFailed(f"a SPARQL worker could not open the store: {header.get('message')}")
        return self

    def request(self, header: dict, deadline: float) -> tuple[dict, bytes]:
        try:
            write_message(self.proc.stdin.fileno(), header)
        except OSError:
            raise Closed() from None
        return read_message(self.proc.stdout.fileno(), deadline)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()
        self._close_pipes()

    def stop(self) -> None:
        """Ask the worker to exit (end of input); kill it if it does not."""
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        self._close_pipes()

    def _close_pipes(self) -> None:
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass


class QueryPool:
    """``workers`` processes answering queries on ``store`` within ``timeout`` seconds, ``max_rows`` rows,
    each with at most ``memory_mb`` of heap (0: unlimited); workers copy a store of at most ``memory_triples``
    triples into memory (0: never)."""

    def __init__(self, store: Path, *, workers: int = 2, timeout: float = 10.0, max_rows: int = 10_000,
                 prefixes: dict[str, str] | None = None, memory_mb: int = 0, memory_triples: int = 0):
        self.store = Path(store).resolve()
        self.memory_mb, self.memory_triples = memory_mb, memory_triples
        self.size, self.timeout, self.max_rows = workers, timeout, max_rows
        self.prefixes = dict(prefixes or {})
        self.on_write: list[Callable[[], None]] = []
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._live: set[_Worker] = set()  # every read worker started and not yet reaped
        self._active = 0  # requests holding a worker
        self._pending = 0  # replacements being started
        self._writing = False
        self._closed = False
        self.killed = 0  # workers stopped for running past the limit (observable in tests and logs)

    # --- life cycle --------------------------------------------------------------------------
    def start(self) -> "QueryPool":
        self._idle = self._spawn(self.size)
        log.info("SPARQL pool: %d workers on %s", self.size, self.store)
        return self

    def close(self) -> None:
        """Stop idle workers; kill the ones still running a query (it would never be answered)."""
        with self._cond:
            self._closed = True
            workers, self._idle = self._idle, []
            busy = [w for w in self._live if w not in workers]
            self._cond.notify_all()
        for worker in workers:
            worker.stop()
        for worker in busy:
            # Only the process: the thread reading its pipe sees end of file and cleans up
            # (closing a pipe another thread is reading would race with that read).
            worker.proc.kill()

    def __enter__(self) -> "QueryPool":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    def _spawn(self, count: int) -> list[_Worker]:
        started = [_Worker(self.store, self.prefixes, memory_mb=self.memory_mb, memory_triples=self.memory_triples)
                   for _ in range(count)]  # start all, then wait
        ready = [w.wait_ready() for w in started]
        with self._cond:
            self._live = {w for w in self._live if w.proc.poll() is None} | set(ready)
        return ready

    def _replace(self) -> None:
        try:
            worker = self._spawn(1)[0]
        except WorkerFailed as exc:
            log.error("could not replace a SPARQL worker: %s", exc)
            worker = None
        with self._cond:
            self._pending -= 1
            if worker is not None:
                if self._closed:
                    worker.stop()
                else:
                    self._idle.append(worker)
            self._cond.notify_all()

    # --- queries -------------------------------------------------------------------------------
    def _acquire(self, deadline: float) -> _Worker:
        with self._cond:
            while self._writing or not self._idle:
                if self._closed:
                    raise WorkerFailed("the SPARQL pool is closed")
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise WorkersBusy(f"all {self.size} SPARQL workers stayed busy for the {self.timeout:g} s limit")
                self._cond.wait(remaining)
            self._active += 1
            return self._idle.pop()

    def _release(self, worker: _Worker | None) -> None:
        with self._cond:
            self._active -= 1
            if worker is not None and not self._closed:
                self._idle.append(worker)
            elif worker is None and not self._closed:
                self._pending += 1
                threading.Thread(target=self._replace, name="sparql-respawn", daemon=True).start()
            self._cond.notify_all()
        if worker is not None and self._closed:
            worker.stop()

    def _request(self, query: str, fmt: str, default_graph, named_graphs, timeout, max_rows) -> tuple[dict, float]:
        limit = self.timeout if timeout is None else min(timeout, self.timeout)
        return {"op": "query", "query": query, "format": fmt, "default_graph": default_graph,
                "named_graphs": named_graphs, "max_rows": min(max_rows or self.max_rows, self.max_rows)}, limit

    def _stopped(self, worker: _Worker, limit: float, query: str) -> QueryTimeout:
        worker.kill()
        self.killed += 1
        self._release(None)
        log.warning("SPARQL query stopped after %.1f s: %.200s", limit, query)
        return QueryTimeout(f"the query ran past the {limit:g} s time limit and was stopped",
                            hint="make it more selective (LIMIT, bound subjects, fewer joins)")

    def query(self, query: str, fmt: str = "json", *, default_graph: list[str] | None = None,
              named_graphs: list[str] | None = None, timeout: float | None = None,
              max_rows: int | None = None) -> QueryResult:
        """Run ``query`` and serialize its results as ``fmt`` (a :mod:`kg.sparql.formats` name)."""
        request, limit = self._request(query, fmt, default_graph, named_graphs, timeout, max_rows)
        started = time.monotonic()
        deadline = started + limit
        worker = self._acquire(deadline)
        try:
            header, body = worker.request(request, deadline)
        except Deadline:
            raise self._stopped(worker, limit, query) from None
        except Closed:
            raise self._crashed(worker, query) from None
        self._release(worker)
        return self._result(header, body, fmt, time.monotonic() - started)

    def _crashed(self, worker: _Worker, query: str) -> WorkerFailed:
        worker.kill()
        self._release(None)
        if self._closed:
            return WorkerFailed("the service is shutting down; the query was stopped", hint="retry when it is back")
        log.warning("SPARQL worker died running: %.200s", query)
        limit = f"the {self.memory_mb} MB memory limit of a worker" if self.memory_mb else "the worker's memory"
        return WorkerFailed(f"the query needed more than {limit} (or crashed its worker) and was stopped",
                            hint="make it more selective: fewer unbound joins, LIMIT before ORDER BY")

    async def aquery(self, query: str, fmt: str = "json", **options) -> QueryResult:
        """:meth:`query` for an event loop: waits on the worker's pipe, not in a thread.

        Falls back to :meth:`query` in a thread when no worker is idle (it then waits for one).
        """
        worker = self._try_acquire()
        if worker is None:
            return await asyncio.to_thread(self.query, query, fmt, **options)
        request, limit = self._request(query, fmt, options.get("default_graph"), options.get("named_graphs"),
                                       options.get("timeout"), options.get("max_rows"))
        started = time.monotonic()
        try:
            write_message(worker.proc.stdin.fileno(), request)
            await _readable(worker.proc.stdout.fileno(), limit)
            header, body = read_message(worker.proc.stdout.fileno(), started + limit)
        except (asyncio.TimeoutError, Deadline):
            raise self._stopped(worker, limit, query) from None
        except (OSError, Closed):
            raise self._crashed(worker, query) from None
        self._release(worker)
        return self._result(header, body, fmt, time.monotonic() - started)

    def _try_acquire(self) -> _Worker | None:
        with self._cond:
            if self._writing or not self._idle or self._closed:
                return None
            self._active += 1
            return self._idle.pop()

    @staticmethod
    def _result(header: dict, body: bytes, fmt: str, seconds: float) -> QueryResult:
        if not header.get("ok"):
            message = header.get("message", "unknown error")
            if header.get("error") == "syntax":
                raise QuerySyntaxError(message)
            raise QueryError(message)
        return QueryResult(header["kind"], fmt, body, header.get("rows", 0), header.get("truncated", False), seconds)

    # --- writes --------------------------------------------------------------------------------
    def update(self, update: str, timeout: float | None = None,
               on_commit: Callable[[], None] | None = None) -> float:
        """Run a SPARQL Update in the write process; returns its seconds. Nothing changes on error.

        ``on_commit`` runs once the update is committed, while this update still holds the write
        slot, so what it records (the write journal) follows the order the writes were applied in.
        """
        limit = self.timeout if timeout is None else timeout
        started = time.monotonic()
        workers = self._quiesce(started + limit + self.timeout + 5)
        try:
            for worker in workers:
                worker.stop()
            writer = _Worker(self.store, self.prefixes, write=True, memory_mb=self.memory_mb).wait_ready()
            try:
                header, _ = writer.request({"op": "update", "update": update}, time.monotonic() + limit)
            except (Deadline, Closed):
                writer.kill()
                raise QueryTimeout(f"the update ran past the {limit:g} s time limit and was stopped; "
                                   "nothing was changed") from None
            writer.stop()
            self._result(header, b"", "", 0.0)
            unkept = _run_commit_hook(on_commit)
        finally:
            self._resume()
        for callback in self.on_write:
            callback()
        if unkept is not None:
            raise unkept  # the data changed (callbacks ran), but the caller must hear what failed after
        return time.monotonic() - started

    def _quiesce(self, deadline: float) -> list[_Worker]:
        """Wait for other writes and for the queries in flight; take every read worker out."""
        with self._cond:
            while self._writing:
                if not self._cond.wait(max(0.0, deadline - time.monotonic())):
                    raise WorkersBusy("another update is still running")
            self._writing = True
            while self._active or self._pending:
                if not self._cond.wait(max(0.0, deadline - time.monotonic())):
                    self._writing = False
                    self._cond.notify_all()
                    raise WorkersBusy("queries in flight did not finish; the update was not run")
            workers, self._idle = self._idle, []
            return workers

    def _resume(self) -> None:
        try:
            fresh = self._spawn(self.size)
        except WorkerFailed as exc:
            log.error("could not restart SPARQL workers after a write: %s", exc)
            fresh = []
        with self._cond:
            self._idle.extend(fresh)
            self._writing = False
            self._cond.notify_all()


def _run_commit_hook(hook: Callable[[], None] | None) -> Exception | None:
    """Run ``hook`` after a committed update; its error is returned, to be raised once readers see the write."""
    if hook is None:
        return None
    try:
        hook()
    except Exception as exc:
        return exc
    return None
