"""Which store a read worker uses: an in-memory copy when the memory budget allows, else the disk.

Oxigraph's in-memory store probes its indexes 2-4x faster than the on-disk one (see
:func:`kg.sparql.worker.open_read`), but every read worker holds its own copy: about
:data:`BYTES_PER_TRIPLE` per triple (measured: 422 bytes of resident memory per triple on the
1M-triple synthetic graph of ``bench/sparql_scale.py``; counted at 600 for the allocator's slack,
which the heap limit also sees). Copying takes time too: 31 s for 1M triples on a loaded 2-core
machine, paid at start-up, by a replacement after a killed query, and by each generation of
workers after a write. The pool therefore computes one bound, the most triples a worker may
copy, from three settings, and each worker copies the store only when it has at most that many
triples (it counts them when it opens the store):

- ``sparql_memory_triples``: a hard cap (0: never copy);
- ``sparql_memory_budget_mb``: the memory all read workers' copies may use together (0: half of the
  memory available when the service starts, read from ``/proc/meminfo``); divided by the number of
  read workers (general + lookup lane);
- ``sparql_worker_memory_mb``: a worker's heap limit; a copy may take at most half of it, the rest
  is left to the queries (0: no heap limit, no bound from it).

Stores above the pool's ``eager_triples`` (200,000) are served from disk first and copied in the
background (:mod:`kg.sparql.pool`, "Warming up"), so neither start-up nor a write waits for a copy.
After a write the pool briefly runs a second generation of workers (see :mod:`kg.sparql.pool`), so
for the seconds of a swap copies use up to twice the steady budget; a budget of half the available
memory leaves room for that.
"""
from __future__ import annotations

from pathlib import Path

BYTES_PER_TRIPLE = 600
MB = 2**20


def available_mb(meminfo: Path = Path("/proc/meminfo")) -> int:
    """``MemAvailable`` in MB (0 when it cannot be read, e.g. not on Linux: then nothing is copied)."""
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        return 0
    return 0


def memory_triples(cap: int, budget_mb: int, read_workers: int, heap_mb: int, free_mb: int | None = None) -> int:
    """The most triples one of ``read_workers`` workers copies into memory (0: every worker reads the disk).

    ``cap``: ``sparql_memory_triples``; ``budget_mb``: ``sparql_memory_budget_mb`` (0: half of
    ``free_mb``, which defaults to :func:`available_mb`); ``heap_mb``: ``sparql_worker_memory_mb``."""
    if cap <= 0:
        return 0
    budget = budget_mb if budget_mb > 0 else (available_mb() if free_mb is None else free_mb) // 2
    per_worker = budget * MB // max(1, read_workers)
    if heap_mb > 0:
        per_worker = min(per_worker, heap_mb * MB // 2)
    return min(cap, per_worker // BYTES_PER_TRIPLE)


def for_settings(settings) -> int:
    """:func:`memory_triples` for the service's settings."""
    return memory_triples(settings.sparql_memory_triples, settings.sparql_memory_budget_mb,
                          settings.sparql_workers + settings.sparql_lookup_workers, settings.sparql_worker_memory_mb)
