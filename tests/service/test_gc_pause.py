"""Start-up with the cyclic collector paused (service/gc_pause.py): nothing collected inside, one full
collection after, the collector's state restored; the real load_resources leaves it on and nothing young."""
from __future__ import annotations

import gc
import weakref

import pytest

from service.gc_pause import collector_paused
from service.resources import load_resources


class _Node:
    def __init__(self):
        self.me = self  # a reference cycle: only the cyclic collector frees it


def test_collector_paused_collects_nothing_inside_and_the_garbage_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        garbage = weakref.ref(_Node())
        made = [[] for _ in range(50_000)]  # allocations that would start young collections with the collector on
        assert garbage() is not None and len(made) == 50_000
    assert gc.isenabled() and garbage() is None
    assert gc.get_count()[0] < 1_000  # survivors went to the oldest generation: no young backlog


def test_collector_paused_restores_it_when_the_block_raises():
    with pytest.raises(RuntimeError, match="load failed"):
        with collector_paused():
            garbage = weakref.ref(_Node())
            raise RuntimeError("load failed")
    assert gc.isenabled() and garbage() is None


def test_a_collector_left_off_stays_off_and_uncollected():
    gc.disable()
    try:
        with collector_paused():
            garbage = weakref.ref(_Node())
        assert not gc.isenabled() and garbage() is not None
    finally:
        gc.enable()
        gc.collect()


def test_load_resources_leaves_the_collector_on_with_no_young_backlog(built):
    res = load_resources(built, lambda _: None)
    try:
        assert gc.isenabled()
        assert gc.get_count()[0] < 5_000  # the millions of start-up objects are not waiting for a young collection
        assert res.tables.startswith("precomputed") and len(res.catalogue) > 100
    finally:
        res.close()
