"""The write path of the pool: one SPARQL Update in a short-lived write process on the store itself.

The update is transactional in Oxigraph and the process is killed at the time limit, so an update
that is stopped, crashes or is orphaned (the worker checks its parent right before it runs it, and
dies with it) changes nothing. Readers are not involved: they read snapshots (see :mod:`kg.sparql.pool`).
"""
from __future__ import annotations

import time
from typing import Callable

from .errors import QueryTimeout
from .jobs import result_of
from .process import Worker, cause_of_death
from .wire import Closed, Deadline
from .workers import WorkerSet


def write(workers: WorkerSet, update: str, limit: float, cpu_seconds: float, memory_mb: int) -> None:
    """Run ``update`` on ``workers.store`` within ``limit`` seconds; raises the library error on failure."""
    writer = Worker(workers.spawner, workers.store, workers.config, "write").wait_ready()
    try:
        header, _ = writer.request({"op": "update", "update": update, "cpu_seconds": cpu_seconds},
                                   time.monotonic() + limit)
    except Deadline:
        writer.kill()
        raise QueryTimeout(f"the update ran past the {limit:g} s time limit and was stopped; "
                           "nothing was changed") from None
    except Closed:
        error = cause_of_death(writer.reap(), memory_mb, cpu_seconds)
        raise type(error)(f"{error.args[0]}; nothing was changed", hint=error.hint) from None
    writer.stop()
    result_of(header, b"", "", 0.0)


def run_commit_hook(hook: Callable[[], None] | None) -> Exception | None:
    """Run ``hook`` after a committed update; its error is returned, to be raised once readers see the write."""
    if hook is None:
        return None
    try:
        hook()
    except Exception as exc:
        return exc
    return None
