"""Start-up with the cyclic collector paused (service/gc_pause.py): nothing collected inside, what was made
frozen after (thawed when the resources close), a failed load collected at once, the collector's state
restored; the real load_resources leaves it on with no young backlog."""
from __future__ import annotations

import gc
import weakref

import pytest

from service.gc_pause import collector_paused, thaw
from service.resources import load_resources


class _Node:
    def __init__(self):
        self.me = self  # a reference cycle: only the cyclic collector frees it


@pytest.fixture(autouse=True)
def _thawed():
    yield
    gc.enable()
    thaw()
    gc.collect()


def test_collector_paused_collects_nothing_inside_and_freezes_what_was_made():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        garbage = weakref.ref(_Node())
        made = [[] for _ in range(50_000)]  # allocations that would start young collections with the collector on
        assert garbage() is not None and len(made) == 50_000
    assert gc.isenabled() and gc.get_freeze_count() >= 50_000
    assert gc.get_count()[0] < 1_000  # nothing waits for a young collection
    gc.collect()
    assert garbage() is not None  # frozen: no collection walks it
    thaw()
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert garbage() is None


def test_a_failed_load_is_collected_at_once_and_nothing_frozen():
    with pytest.raises(RuntimeError, match="load failed"):
        with collector_paused():
            garbage = weakref.ref(_Node())
            raise RuntimeError("load failed")
    assert gc.isenabled() and gc.get_freeze_count() == 0 and garbage() is None


def test_a_collector_left_off_stays_off_and_nothing_frozen():
    gc.disable()
    with collector_paused():
        garbage = weakref.ref(_Node())
    assert not gc.isenabled() and gc.get_freeze_count() == 0 and garbage() is not None


def test_load_resources_freezes_its_objects_and_close_thaws_them(built):
    res = load_resources(built, lambda _: None)
    try:
        assert gc.isenabled() and gc.get_freeze_count() > 100_000
        assert gc.get_count()[0] < 5_000  # start-up's objects do not wait for a young collection
        assert res.tables.startswith("precomputed") and len(res.catalogue) > 100
        catalogue = weakref.ref(res.catalogue)
    finally:
        res.close()
    assert gc.get_freeze_count() == 0
    del res
    gc.collect()
    assert catalogue() is None  # nothing of the closed resources is kept
