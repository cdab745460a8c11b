"""engine.batch.workers: results in input order, exceptions carried back with the worker's traceback, dead
workers reported as WorkerFailure (whether the pipe breaks on reading or on sending), nothing left running."""

from __future__ import annotations

import os

import pytest

from engine.batch.workers import WorkerFailure, ordered_map


def setup_offset(offset: int) -> int:
    return offset


def add(offset: int, item: int) -> int:
    return item + offset


class Picky(Exception):
    """An exception that pickles but cannot be unpickled (its constructor wants two arguments)."""

    def __init__(self, a: str, b: str):
        super().__init__(f"{a} {b}")


def fail_on_seven(offset: int, item: int) -> int:
    if item == 7:
        raise Picky("seven", "is bad")
    if item == 8:
        raise ValueError("eight is bad")
    return item


def die_on_five(offset: int, item: int) -> int:
    if item == 5:
        os._exit(9)
    return item


def test_results_come_in_input_order_over_several_workers():
    assert list(ordered_map(range(50), 3, 4, setup_offset, (1000,), add)) == [i + 1000 for i in range(50)]


def test_an_exception_that_survives_pickling_is_raised_with_the_workers_traceback():
    with pytest.raises(ValueError, match="eight is bad") as caught:
        list(ordered_map([1, 8], 2, 1, setup_offset, (0,), fail_on_seven))
    assert "in a worker process:" in caught.value.__notes__[0]
    assert "fail_on_seven" in caught.value.__notes__[0]


def test_an_exception_that_cannot_be_unpickled_becomes_a_worker_failure_with_its_text():
    with pytest.raises(WorkerFailure, match="Picky: seven is bad") as caught:
        list(ordered_map([1, 7], 2, 1, setup_offset, (0,), fail_on_seven))
    assert "Traceback" in caught.value.__notes__[0]


def test_a_worker_that_dies_is_a_worker_failure_and_the_results_before_it_come_first():
    seen = []
    with pytest.raises(WorkerFailure, match=r"stopped unexpectedly \(exit code 9\)"):
        for value in ordered_map(range(10), 2, 1, setup_offset, (0,), die_on_five):
            seen.append(value)
    assert seen == [0, 1, 2, 3, 4]
