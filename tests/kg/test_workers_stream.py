"""kg.workers.run_stream: the results of run_all, in order, with only a few items held at once (real processes)."""
from __future__ import annotations

import pytest

from kg.workers import run_all, run_stream


class Produced:
    """Items (base, exponent) for ``pow``, counting how many were read."""

    def __init__(self, n: int):
        self.n, self.read = n, 0

    def __iter__(self):
        for i in range(self.n):
            self.read += 1
            yield (i, 2)


def test_run_stream_gives_the_results_of_run_all_in_order_from_processes():
    args = [(i, 3) for i in range(40)]
    assert list(run_stream(pow, args, 2, min_items=2)) == run_all(pow, args, 2, min_items=2) == [i ** 3 for i in range(40)]


def test_run_stream_reads_its_items_only_as_far_as_the_results_taken_allow():
    items = Produced(30)
    ahead = []
    for taken, result in enumerate(run_stream(pow, items, 2, min_items=2, ahead=3), start=1):
        assert result == (taken - 1) ** 2
        ahead.append(items.read - taken)
    assert items.read == 30
    assert max(ahead) <= 3 and ahead[0] >= 1  # never more than `ahead` read and not yet taken


def test_run_stream_with_few_items_or_one_process_runs_here():
    items = Produced(1)
    assert list(run_stream(pow, items, 2, min_items=2)) == [0]
    assert list(run_stream(lambda x: x + 1, [(1,), (2,), (3,)], 2, min_items=2)) == [2, 3, 4]  # a lambda: not sent
    assert list(run_stream(pow, Produced(5), 1, min_items=2)) == [0, 1, 4, 9, 16]


def test_run_stream_raises_the_error_of_an_item_that_failed_in_a_process():
    with pytest.raises(ValueError, match="invalid literal for int\\(\\) with base 10: 'x'"):
        list(run_stream(int, [("1",), ("2",), ("x",), ("4",)], 2, min_items=2))
