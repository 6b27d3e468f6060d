"""Start-up without the cyclic garbage collector running over what start-up is still making.

Loading a large build makes a few million long-lived containers (the catalogue, the answerer's lists,
the linker's lexicon, jieba's dictionary) and almost no garbage. With the collector on, every
700 allocations start a young collection and every growth of a quarter of the heap a full one
over everything made so far: at a million triples that was 3-4 of the 8-9 CPU seconds of
``load_resources``, spent finding nothing.

:func:`collector_paused` turns the collector off for the load and, when the load succeeds, freezes
what the process holds (``gc.freeze``: moved to the collector's permanent generation, which no
collection walks) before turning it back on. Re-enabling alone would leave the millions of objects
in the young generation, and the first collection after start-up (during the first requests) would
walk them all; one full collection instead costs about 0.4 s at a million triples, and later full
collections would walk them again while serving. The price: the little cyclic garbage start-up left
(about 800 objects at a million triples), and frozen objects that later become cyclic garbage, stay
until :func:`thaw`, which the resources call when they are closed or replaced after a write. A load
that fails is collected at once, nothing frozen. A collector that was off before stays off.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block; after it, what the process holds frozen (the collector on
    again) or, when the block raised, one full collection."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    except BaseException:
        if was_enabled:
            gc.enable()
            gc.collect()
        raise
    if was_enabled:
        gc.freeze()
        gc.enable()


def thaw() -> None:
    """Give the frozen objects back to the collector: the resources they were frozen with are closed or
    replaced (their cycles, if any, are then freed by the next full collection)."""
    gc.unfreeze()


__all__ = ["collector_paused", "thaw"]
