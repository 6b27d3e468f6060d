"""Encoding in separate processes, concurrent requests batched: the server process keeps its core for
HTTP, ranking and SPARQL, and one query costs less encoded with others than alone.

:class:`EncoderPool` has the :class:`index.encoders.Encoder` interface (``name``, ``dim``,
``encode(texts)``) plus :meth:`close`. Behind it, ``processes`` encoder processes
(:mod:`index.encoder_worker`) each load the encoder once, started in the background and in parallel.
One driver thread per process takes every request waiting in the shared queue (up to ``batch_max``
texts) as one batch, sends it, and hands each caller its rows. Requests that arrive while all
processes are busy therefore go out together with the next free process. :meth:`aencode` is the same
for a coroutine (no thread waits: :mod:`index.encoder_request`); the requests an event loop queues in
one round wake an idle driver once, at the end of the round, so they go out as one batch.

Failures are errors with an HTTP status, never hangs: a process that dies while encoding fails that
batch's callers with :class:`EncoderFailed` (503, Retry-After) and is replaced; one that takes more
than ``timeout`` seconds is killed and replaced (:class:`EncoderTimeout`); a caller that waits more
than ``timeout`` for its turn gets :class:`EncoderTimeout`. A process found dead while idle is
replaced before it is given work. Only encoding moves: ranking (faiss, BM25, fusion) stays in the
server process, which holds the index once, so nothing needs to be shared by memory mapping.
"""
from __future__ import annotations

import asyncio
import os
import threading
import time
from collections import deque
from typing import Sequence

import numpy as np

from kg.sparql.process import Spawner

from .encoder_process import EncoderProcess, NotSent
from .encoder_request import Request, wake
from .encoders import encoder_name
from .errors import EncoderFailed, EncoderTimeout, EncoderUnavailable, SearchIndexError

STARTUP_SECONDS = 120.0  # loading USE takes ~2 s; a busy machine may take much longer
IDLE_CHECK_SECONDS = 0.5  # how often an idle driver checks that its process is alive
START_ATTEMPTS = 3  # consecutive failed starts before the pool gives up


def default_processes() -> int:
    """min(2, the cores this process may run on)."""
    return max(1, min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def pool_from_settings(settings) -> "EncoderPool | None":
    """The service's encoder pool as the settings ask for it; None when encoding stays in process."""
    n = default_processes() if settings.encoder_processes is None else settings.encoder_processes
    if n == 0:
        return None
    return EncoderPool(settings.encoder, n, batch_max=settings.encoder_batch_max, timeout=settings.encoder_timeout,
                       nice=settings.encoder_nice)


class EncoderPool:
    """``processes`` encoder processes behind the :class:`Encoder` interface."""

    def __init__(self, spec: str, processes: int, batch_max: int = 32, timeout: float = 10.0, nice: int = 0,
                 threads: int = 1, startup_seconds: float = STARTUP_SECONDS):
        if processes < 1:
            raise ValueError("an encoder pool needs at least one process (0 means: encode in process)")
        self.spec, self.name = spec, encoder_name(spec)
        self.batch_max, self.timeout, self.nice, self.threads = batch_max, timeout, nice, threads
        self.startup_seconds = startup_seconds
        self.batches = 0  # batches sent to the processes (round trips), for tests and /metrics
        self.replaced = 0  # processes that died or were killed and were started again
        self._dim = 0
        self._queue: deque[Request] = deque()
        self._cond = threading.Condition()
        self._waking: set[asyncio.AbstractEventLoop] = set()  # loops that will wake the drivers (_enqueue)
        self._ready = threading.Event()
        self._broken: EncoderUnavailable | None = None
        self._closed = False
        self._procs: list[EncoderProcess | None] = [None] * processes
        self._spawner = Spawner()
        self._drivers = [threading.Thread(target=self._drive, args=(slot,), name=f"encoder-{slot}", daemon=True)
                         for slot in range(processes)]
        for driver in self._drivers:
            driver.start()

    # ---------- the Encoder interface ----------
    @property
    def dim(self) -> int:
        self.wait_ready()
        return self._dim

    def wait_ready(self, seconds: float | None = None) -> None:
        """Block until one process has loaded the encoder; :class:`EncoderUnavailable` if none can."""
        if not self._ready.wait(self.startup_seconds if seconds is None else seconds):
            raise EncoderUnavailable(f"no encoder process was ready after {self.startup_seconds:g} s")
        if self._broken is not None:
            raise self._broken

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), dim)`` unit vectors, computed in the processes (possibly batched with others)."""
        texts = list(texts)
        self.wait_ready()
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        requests = [Request(texts[i:i + self.batch_max]) for i in range(0, len(texts), self.batch_max)]
        self._enqueue(requests)
        return np.concatenate([self._wait(r) for r in requests])

    async def aencode(self, texts: Sequence[str]) -> np.ndarray:
        """:meth:`encode` on an event loop: no thread waits, the driver wakes the loop when the vectors are in."""
        texts = list(texts)
        if not self._ready.is_set():
            await asyncio.to_thread(self.wait_ready)
        self.wait_ready(0)  # a broken pool raises its reason
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        loop = asyncio.get_running_loop()
        requests = [Request(texts[i:i + self.batch_max], loop.create_future())
                    for i in range(0, len(texts), self.batch_max)]
        self._enqueue(requests, loop)
        return np.concatenate([await self._await(r) for r in requests])

    def _enqueue(self, requests: list[Request], loop: asyncio.AbstractEventLoop | None = None) -> None:
        """Queue the requests. An idle driver is woken at once; for a ``loop``'s requests, once at the end of
        the loop's current round, so the requests it reads in one round go out together (a busy driver
        takes them anyway when it is done)."""
        with self._cond:
            if self._closed:
                raise EncoderUnavailable("the encoder pool is closed")
            self._queue.extend(requests)
            if loop is None:
                self._cond.notify(len(requests))
                return
            if loop in self._waking:
                return
            self._waking.add(loop)
        loop.call_soon(self._wake_drivers, loop)

    def _wake_drivers(self, loop: asyncio.AbstractEventLoop) -> None:
        with self._cond:
            self._waking.discard(loop)
            self._cond.notify(-(-len(self._queue) // self.batch_max))  # as many drivers as batches queued

    def _wait(self, request: Request) -> np.ndarray:
        if not request.done.wait(self.timeout):
            if self._dequeue(request) or not request.done.wait(self.timeout):  # taken: its batch has its own deadline
                raise self._late()
        return request.result()

    async def _await(self, request: Request) -> np.ndarray:
        """:meth:`_wait` for a request made by :meth:`aencode`: timers, not a thread, keep its deadlines."""
        if not await request.settled(self.timeout):  # still queued: a timeout; taken: its batch's own deadline
            if self._dequeue(request) or not await request.settled(self.timeout, renew=True):
                raise self._late()
        return request.result()

    def _dequeue(self, request: Request) -> bool:
        """Take a request that waited too long out of the queue; False if a driver has taken it already."""
        with self._cond:
            queued = request in self._queue
            if queued:
                self._queue.remove(request)
        return queued

    def _late(self) -> EncoderTimeout:
        return EncoderTimeout(f"no encoder process answered within {self.timeout:g} s "
                              f"({len(self._procs)} processes, all busy or starting)")

    # ---------- the driver of one process ----------
    def _drive(self, slot: int) -> None:
        failures = 0
        while not self._closed:
            proc = self._procs[slot]
            if proc is None or not proc.alive():
                if proc is not None:
                    proc.reap()
                    self.replaced += 1
                failures = self._start(slot, failures)
                continue
            batch = self._take()
            if not batch:
                continue
            try:
                self._run(proc, batch)
            except Exception as exc:  # a bug or a garbled answer: fail the batch, replace the process
                proc.kill()
                for request in batch:
                    if not request.done.is_set():
                        request.finish(error=EncoderFailed(f"the encoder process gave an unreadable answer "
                                                           f"({type(exc).__name__}: {exc}) and was replaced"))

    def _start(self, slot: int, failures: int) -> int:
        """Start the slot's process. Before any process was ready, a process that cannot load the encoder
        (or START_ATTEMPTS failures in a row) breaks the pool: the configuration is wrong. Later, a slot
        keeps trying (backing off) while the other processes serve."""
        try:
            proc = EncoderProcess(self._spawner, self.spec, self.threads, self.nice)
            self._procs[slot] = proc
            if self._closed:  # close() ran while the process was being forked
                proc.kill()
                return 0
            proc.wait_ready(self.startup_seconds)
        except (SearchIndexError, OSError, RuntimeError) as exc:  # RuntimeError: spawner shut down by close()
            self._procs[slot] = None
            if self._closed:
                return 0
            failures += 1
            if not self._ready.is_set() and (failures >= START_ATTEMPTS or isinstance(exc, EncoderUnavailable)):
                self._give_up(exc)
            time.sleep(min(5.0, 0.5 * failures))
            return failures
        self._dim = proc.dim
        self._ready.set()
        return 0

    def _give_up(self, exc: BaseException) -> None:
        """No process can load the encoder: every caller, now and later, gets the reason."""
        if self._broken is None:
            self._broken = exc if isinstance(exc, EncoderUnavailable) else EncoderUnavailable(str(exc))
        self._closed = True
        self._ready.set()
        self._fail_queued(self._broken)

    def _take(self) -> list[Request]:
        """The requests waiting now, oldest first, up to ``batch_max`` texts (at least one request)."""
        with self._cond:
            if not self._queue:
                self._cond.wait(IDLE_CHECK_SECONDS)
            batch, size = [], 0
            while self._queue and (not batch or size + len(self._queue[0].texts) <= self.batch_max):
                request = self._queue.popleft()
                batch.append(request)
                size += len(request.texts)
            self.batches += bool(batch)
            return batch

    def _run(self, proc: EncoderProcess, batch: list[Request]) -> None:
        texts = [t for r in batch for t in r.texts]
        try:
            if not proc.alive():
                raise NotSent()
            vectors = proc.encode(texts, self.timeout)
        except NotSent:  # died while idle: the batch waits, first in line, for the replacement
            with self._cond:
                self._queue.extendleft(reversed(batch))
            return
        except SearchIndexError as exc:
            for request in batch:
                request.finish(error=exc)
            return
        start = 0
        for request in batch:
            request.finish(vectors[start:start + len(request.texts)].copy(), wake=False)
            start += len(request.texts)
        wake(batch)

    # ---------- closing ----------
    def _fail_queued(self, error: BaseException) -> None:
        with self._cond:
            waiting, self._queue = list(self._queue), deque()
            self._cond.notify_all()
        for request in waiting:
            request.finish(error=error)

    def pids(self) -> list[int]:
        """The process ids of the processes running with the encoder loaded (for tests and diagnostics)."""
        return [p.pid for p in self._procs if p is not None and p.dim and p.alive()]

    def close(self) -> None:
        """Stop every process and driver; waiting callers get :class:`EncoderUnavailable`."""
        self._closed = True
        if not self._ready.is_set():  # nobody waits for a start that will not come
            self._broken = EncoderUnavailable("the encoder pool is closed")
            self._ready.set()
        self._fail_queued(EncoderUnavailable("the encoder pool is closed"))
        self._stop_all()  # first: a driver waiting on its process returns as soon as the process is gone
        for driver in self._drivers:
            driver.join(timeout=5)
        self._stop_all()  # and any process a driver started meanwhile
        self._spawner.close()

    def _stop_all(self) -> None:
        for slot, proc in enumerate(self._procs):
            if proc is not None:
                self._procs[slot] = None
                proc.stop()
