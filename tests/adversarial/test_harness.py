"""The time bound of the adversarial tests grows with a slower machine (and its wall time with a busier one), never
shrinks, and still fails a run slower than the machine explains (harness.assert_contained, machine_factor,
machine_share)."""

from __future__ import annotations

import pytest

from . import harness
from .harness import MAX_SECONDS, REFERENCE_CALIBRATION, Run, assert_contained


def _run(cpu: float, seconds: float) -> Run:
    return Run(("validate",), 0, "", "no problems found\n", seconds, cpu, 50 * 2**20)


@pytest.mark.parametrize(
    ("cpu", "seconds", "factor", "share", "wall", "fails"),
    [
        (1.9, 1.9, 1.0, 1.0, True, None),  # within the bound: the machine is not asked
        (2.1, 2.1, 1.0, 1.0, True, r"bound 2.00 s of CPU \(x1.00\)"),  # over it, on a machine as fast as the reference
        (2.1, 2.1, 1.1, 1.0, True, None),  # ... on a machine 1.1 times slower: 2.2 s
        (2.3, 2.3, 1.1, 1.0, True, r"bound 2.20 s of CPU \(x1.10\)"),
        (1.5, 2.5, 1.2, 1.0, True, r"bound 2.40 s of wall time \(x1.20, x1.00 for the load\)"),  # wall time counts
        (1.5, 2.5, 1.2, 1.0, False, None),  # ... unless the test judges by CPU alone
        (1.5, 3.5, 1.0, 2.0, True, None),  # twice as many processes as processors: it waits twice as long
        (1.5, 4.5, 1.0, 2.0, True, r"bound 4.00 s of wall time \(x1.00, x2.00 for the load\)"),
        (2.5, 2.5, 1.0, 2.0, True, r"bound 2.00 s of CPU"),  # the load does not excuse CPU time
    ],
)
def test_a_run_over_the_bound_is_judged_against_the_machine(monkeypatch, cpu, seconds, factor, share, wall, fails):
    asked = []
    monkeypatch.setattr(harness, "machine_factor", lambda: asked.append(1) or factor)
    monkeypatch.setattr(harness, "machine_share", lambda: share)
    if fails is None:
        assert_contained(_run(cpu, seconds), 0, wall=wall)
    else:
        with pytest.raises(AssertionError, match=fails):
            assert_contained(_run(cpu, seconds), 0, wall=wall)
    assert asked == ([] if max(cpu, seconds if wall else 0) < MAX_SECONDS else [1])


def test_the_machine_factor_is_the_calibration_against_the_reference(monkeypatch):
    class Done:
        stdout = f"{REFERENCE_CALIBRATION * 1.5}\n"

    monkeypatch.setattr(harness.subprocess, "run", lambda *args, **kwargs: Done())
    assert harness.machine_factor() == pytest.approx(1.5)
    Done.stdout = f"{REFERENCE_CALIBRATION / 2}\n"  # a faster machine keeps the bound
    assert harness.machine_factor() == 1.0
