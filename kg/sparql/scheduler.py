"""Who gets the next idle SPARQL worker: one FIFO queue, two lanes, a cap per client.

- **Arrival order**: every request takes a ticket numbered on arrival. A released worker goes
  straight to the first waiting ticket that may use it (hand-off under the lock), so a worker is
  idle only while nobody waiting may use it, and a new arrival can take an idle worker without
  jumping anyone. The queue is bounded (``queue_max``; :class:`QueueFull` beyond it).
- **Lanes**: ``lookup`` workers only serve tickets marked as lookups (:mod:`kg.sparql.lanes`);
  lookups prefer an idle lookup worker and may also take an idle ``general`` one; general tickets
  never use the lookup lane. A ticket moved out of the lookup lane (it ran past the lane's short
  limit) keeps its arrival number, so it waits for a general worker in its original place.
- **Clients**: a client may hold at most ``client_limit`` tickets, running or queued
  (:class:`TooManyRequests` beyond); ``client=None`` (internal callers) is not limited.

Waiting is done by the caller (an asyncio event for :meth:`QueryPool.aquery`, so no thread is
held while a request waits; a threading event for the sync :meth:`QueryPool.query`): the
scheduler only decides, under its lock, and calls ``ticket.wake()``.
"""
from __future__ import annotations

import bisect
import itertools
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from .errors import QueueFull, TooManyRequests


@dataclass(eq=False)
class Ticket:
    """One request's place in the queue; ``worker`` is set (under the scheduler's lock) when granted."""

    seq: int
    lookup: bool
    client: str | None
    wake: Callable[[], None] = lambda: None
    worker: object | None = None
    queued: bool = False

    def __lt__(self, other: "Ticket") -> bool:
        return self.seq < other.seq


@dataclass
class Counts:
    queued: int = 0
    idle: dict = field(default_factory=dict)


class Scheduler:
    def __init__(self, queue_max: int, client_limit: int, retry_after: float):
        self.queue_max, self.client_limit, self.retry_after = queue_max, client_limit, retry_after
        self._lock = threading.Lock()
        self._queue: list[Ticket] = []
        self._idle: dict[str, list] = {"general": [], "lookup": []}
        self._clients: Counter = Counter()
        self._numbers = itertools.count()

    # --- requests ------------------------------------------------------------------------------
    def admit(self, lookup: bool, client: str | None, wake: Callable[[], None]) -> Ticket:
        """A ticket, granted at once when a worker it may use is idle, else queued."""
        with self._lock:
            if client is not None and self._clients[client] >= self.client_limit:
                raise TooManyRequests(f"this client already has {self._clients[client]} SPARQL requests running or "
                                      f"queued (at most {self.client_limit})", self.retry_after)
            ticket = Ticket(next(self._numbers), lookup, client, wake)
            if not self._grant_idle(ticket):
                if len(self._queue) >= self.queue_max:
                    raise QueueFull(f"{len(self._queue)} SPARQL requests are already waiting for a worker "
                                    f"(at most {self.queue_max})", self.retry_after)
                self._enqueue(ticket)
            if client is not None:
                self._clients[client] += 1
            return ticket

    def requeue(self, ticket: Ticket) -> None:
        """Move a ticket out of the lookup lane: it waits for a general worker in its arrival place."""
        with self._lock:
            ticket.lookup, ticket.worker = False, None
            if not self._grant_idle(ticket):
                self._enqueue(ticket)

    def withdraw(self, ticket: Ticket) -> object | None:
        """Stop waiting (timeout, cancel); returns the worker if it was granted meanwhile (caller releases it)."""
        with self._lock:
            if ticket.queued:
                self._queue.remove(ticket)
                ticket.queued = False
            return ticket.worker

    def done(self, ticket: Ticket) -> None:
        """The request is over: its client may send another."""
        with self._lock:
            if ticket.client is not None:
                self._clients[ticket.client] -= 1
                if self._clients[ticket.client] <= 0:
                    del self._clients[ticket.client]

    # --- workers -------------------------------------------------------------------------------
    def release(self, worker) -> None:
        """A worker is free (or new): hand it to the first ticket that may use it, else keep it idle."""
        wake = None
        with self._lock:
            for i, ticket in enumerate(self._queue):
                if worker.lane == "general" or ticket.lookup:
                    del self._queue[i]
                    ticket.queued, ticket.worker = False, worker
                    wake = ticket.wake
                    break
            else:
                self._idle[worker.lane].append(worker)
        if wake is not None:
            wake()

    def take_idle(self, keep: Callable[[object], bool]) -> list:
        """Remove and return the idle workers for which ``keep`` is false (e.g. of an old generation)."""
        with self._lock:
            out = []
            for lane, workers in self._idle.items():
                out += [w for w in workers if not keep(w)]
                self._idle[lane] = [w for w in workers if keep(w)]
            return out

    def counts(self) -> Counts:
        with self._lock:
            return Counts(len(self._queue), {lane: list(ws) for lane, ws in self._idle.items()})

    def waiting(self) -> list[Ticket]:
        """Every queued ticket, removed from the queue (the pool is closing)."""
        with self._lock:
            out, self._queue = self._queue, []
            for t in out:
                t.queued = False
            return out

    # --- under the lock ------------------------------------------------------------------------
    def _grant_idle(self, ticket: Ticket) -> bool:
        lanes = ("lookup", "general") if ticket.lookup else ("general",)
        for lane in lanes:
            if self._idle[lane]:
                ticket.worker = self._idle[lane].pop()
                return True
        return False

    def _enqueue(self, ticket: Ticket) -> None:
        ticket.queued = True
        bisect.insort(self._queue, ticket)
