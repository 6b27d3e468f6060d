"""Start-up without the cyclic garbage collector running over what start-up is still making.

Loading a large build makes a few million long-lived containers (the catalogue, the answerer's lists,
the linker's lexicon, jieba's dictionary) and almost no garbage. With the collector on, every
700 allocations start a young collection and every growth of a quarter of the heap a full one
over everything made so far: at a million triples that was 3-4 of the 8-9 CPU seconds of
``load_resources``, spent finding nothing. :func:`collector_paused` turns the collector off for
the load and, on the way out, runs one full collection (about 0.3 s at a million triples), so the
garbage start-up made is freed and what it keeps goes to the oldest generation at once: the first
requests do not pay for traversing it (with the collector only re-enabled, the first young
collection would walk every object start-up made). The collector's state before is restored.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block, one full collection after it (also when it raises) when the
    collector was on before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:  # a process that had it off keeps it off, uncollected
            gc.enable()
            gc.collect()


__all__ = ["collector_paused"]
