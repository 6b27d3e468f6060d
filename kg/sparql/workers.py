"""The pool's worker processes: which are live, which data generation (snapshot) is current,
replacements retried with backoff, and the retiring of old generations after a write."""
from __future__ import annotations

import dataclasses
import logging
import re
import threading
from pathlib import Path

from . import snapshot
from .errors import WorkerFailed
from .process import Spawner, Worker, WorkerConfig
from .scheduler import Scheduler

log = logging.getLogger("nikg.sparql")
_ABS_PATH = re.compile(r"(?<![\w.])/(?:[^\s/:'\"]+/)+([^\s/:'\"]*)")


def without_paths(message: str) -> str:
    """``message`` with absolute file paths cut to their last two parts (no paths leak to clients)."""
    return _ABS_PATH.sub(lambda m: "/".join(m.group(0).rstrip("/").split("/")[-2:]), message)


class WorkerSet:
    """The pool's worker processes: which are live, which generation (snapshot) is current,
    replacements with backoff, and retiring old generations."""

    def __init__(self, store: Path, config: WorkerConfig, lanes: dict[str, int], scheduler: Scheduler):
        self.store, self.config, self.lanes, self.scheduler = store, config, lanes, scheduler
        self.spawner = Spawner()
        self.lock = threading.Lock()
        self.live: set[Worker] = set()
        self.generation = 0
        self.snapshots: dict[int, Path] = {}
        self.closing = threading.Event()
        self.killed = self.restarts = 0
        self.last_error: str | None = None

    def start_generation(self, generation: int, strict: bool, memory_triples: int | None = None) -> None:
        """Snapshot the store, start every worker of ``generation`` and swap them in (call with no writer).
        ``memory_triples``: this generation's copy cap instead of the configured one (replacements use that)."""
        config = self.config if memory_triples is None else dataclasses.replace(self.config, memory_triples=memory_triples)
        try:
            self.snapshots[generation] = snapshot.take(self.store, generation)
        except OSError as exc:  # e.g. a read-only data folder: read the store itself (then nothing writes it)
            log.warning("SPARQL pool: no snapshot (%s); workers read the store directly", exc)
            self.snapshots[generation] = self.store
        slots = [lane for lane, n in self.lanes.items() for _ in range(n)]
        started = [(lane, self._try(lambda lane=lane: Worker(self.spawner, self.snapshots[generation],
                                                              config, lane, generation))) for lane in slots]
        ready = [(lane, self._try(w.wait_ready) if isinstance(w, Worker) else w) for lane, w in started]
        failed = [(lane, w) for lane, w in ready if not isinstance(w, Worker)]
        if strict and failed:
            for _, w in ready:
                if isinstance(w, Worker):
                    w.kill()
            raise failed[0][1]
        with self.lock:
            old = self.generation
            self.generation = generation
            self.live |= {w for _, w in ready if isinstance(w, Worker)}
        for worker in self.scheduler.take_idle(keep=lambda w: w.generation == generation):
            self.retire(worker)
        for _, worker in ready:
            if isinstance(worker, Worker):
                self.scheduler.release(worker)
        for lane, exc in failed:
            self.note_error(exc)
            self.replace(lane)
        self._drop_snapshot_if_unused(old)

    def _try(self, call):
        try:
            return call()
        except (WorkerFailed, OSError) as exc:
            return exc if isinstance(exc, WorkerFailed) else WorkerFailed(f"could not start a SPARQL worker: {exc}")

    def release(self, worker: Worker) -> None:
        """A worker finished a query: back to the scheduler, or retired if its generation is over."""
        if self.closing.is_set() or worker.generation != self.generation:
            self.retire(worker)
        else:
            self.scheduler.release(worker)

    def retire(self, worker: Worker) -> None:
        worker.kill()  # idle: nothing is lost; kill is immediate where a polite stop would wait
        self.forget(worker)

    def forget(self, worker: Worker) -> None:
        with self.lock:
            self.live.discard(worker)
        self._drop_snapshot_if_unused(worker.generation)

    def _drop_snapshot_if_unused(self, generation: int) -> None:
        with self.lock:
            if generation == self.generation and not self.closing.is_set():
                return
            if any(w.generation == generation for w in self.live):
                return
            path = self.snapshots.pop(generation, None)
        if path is not None and path != self.store:
            snapshot.remove(path)

    def replace(self, lane: str) -> None:
        """Start a worker for ``lane`` in the background, retrying with backoff until it starts."""
        threading.Thread(target=self._replace, args=(lane, self.generation), name="sparql-respawn",
                         daemon=True).start()

    def replace_lost(self, worker: Worker) -> None:
        """Replace a worker that was killed or died, unless the pool is closing or it served an old generation."""
        if not self.closing.is_set() and worker.generation == self.generation:
            self.replace(worker.lane)

    def _replace(self, lane: str, generation: int) -> None:
        delay = 0.2
        while not self.closing.is_set() and generation == self.generation:
            try:
                worker = Worker(self.spawner, self.snapshots[generation], self.config, lane, generation).wait_ready()
            except (WorkerFailed, OSError, KeyError) as exc:
                if self.closing.is_set() or generation != self.generation:
                    return  # nobody needs this worker any more
                self.note_error(exc)
                log.error("could not replace a SPARQL worker (retrying in %.1f s): %s", delay, exc)
                self.closing.wait(delay)
                delay = min(delay * 2, 30.0)
                continue
            with self.lock:
                self.live.add(worker)
                self.restarts += 1
            self.release(worker)
            return

    def count_kill(self) -> None:
        with self.lock:
            self.killed += 1

    def note_error(self, exc: BaseException) -> None:
        self.last_error = without_paths(str(exc))

    def current(self) -> list[Worker]:
        with self.lock:
            return [w for w in self.live if w.generation == self.generation and w.proc.poll() is None]

    def close(self) -> None:
        """Stop idle workers; kill the ones still running a query (its reader sees the pipe close)."""
        self.closing.set()
        idle = self.scheduler.take_idle(keep=lambda w: False)
        with self.lock:
            busy = [w for w in self.live if w not in idle]
        for worker in idle:
            worker.stop()
            self.forget(worker)
        for worker in busy:
            worker.proc.kill()  # only the process: closing a pipe another thread reads would race
        self.spawner.close()
        with self.lock:
            paths = [p for p in self.snapshots.values() if p != self.store]
            self.snapshots.clear()
        for path in paths:
            snapshot.remove(path)
