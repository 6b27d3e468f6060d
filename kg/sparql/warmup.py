"""Copying a large store into the workers' memory in the background (see "Warming up" in :mod:`.pool`).

Workers copy at once only stores of at most the pool's ``eager_triples``; a larger one that
:mod:`.sizing` allows in memory is served from disk while a thread starts a generation of
in-memory workers and swaps it in, as after a write. The thread holds the pool's write slot while
it does so (a snapshot needs no writer running); at most one warm-up waits for the slot at a time,
and since it snapshots when it gets the slot, it copies the latest data.
"""
from __future__ import annotations

import logging
import threading
import time

from .workers import WorkerSet

log = logging.getLogger("nikg.sparql")


class Warmup:
    """``start_if_worth_it()`` after the pool starts and after each write; ``done`` is set when no
    warm-up is pending or running."""

    def __init__(self, workers: WorkerSet, write_lock: threading.Lock, memory_triples: int):
        self.workers, self.write_lock, self.memory_triples = workers, write_lock, memory_triples
        self.done = threading.Event()
        self._pending = threading.Lock()  # held from scheduling a warm-up until it takes the write slot

    def start_if_worth_it(self) -> bool:
        """Start a warm-up when workers read from disk a store they may copy; False if none is needed."""
        if not any(not w.memory and 0 < w.triples <= self.memory_triples for w in self.workers.current()):
            return False
        if self._pending.acquire(blocking=False):  # else one is already waiting: it will copy the latest data
            self.done.clear()
            threading.Thread(target=self._run, name="sparql-warm", daemon=True).start()
        return True

    def _run(self) -> None:
        started = time.monotonic()
        try:
            with self.write_lock:
                self._pending.release()  # a write from now on schedules the next warm-up
                if not self.workers.closing.is_set():
                    self.workers.start_generation(self.workers.generation + 1, strict=False)
            log.info("SPARQL pool: warm-up done, workers copied the store into memory in %.0f s",
                     time.monotonic() - started)
        except Exception as exc:  # noqa: BLE001 - the disk workers keep answering; only the speed-up is lost
            self.workers.note_error(exc)
            log.error("SPARQL pool: warm-up failed, workers stay on disk: %s", exc)
        finally:
            self.done.set()
