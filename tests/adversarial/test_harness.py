"""The time bound of the adversarial tests grows with a slower machine, never shrinks, and still fails a run
that is slower than the machine explains (harness.assert_contained, harness.machine_factor)."""

from __future__ import annotations

import pytest

from . import harness
from .harness import MAX_SECONDS, REFERENCE_CALIBRATION, Run, assert_contained


def _run(cpu: float, seconds: float) -> Run:
    return Run(("validate",), 0, "", "no problems found\n", seconds, cpu, 50 * 2**20)


@pytest.mark.parametrize(
    ("cpu", "seconds", "factor", "wall", "passes"),
    [
        (1.9, 1.9, 1.0, True, True),  # within the bound: the machine is not asked
        (2.1, 2.1, 1.0, True, False),  # over it on a machine as fast as the reference
        (2.1, 2.1, 1.1, True, True),  # ... on a machine 1.1 times slower: 2.2 s
        (2.3, 2.3, 1.1, True, False),
        (1.5, 2.5, 1.2, True, False),  # wall time counts too, unless the test judges by CPU alone
        (1.5, 2.5, 1.2, False, True),
    ],
)
def test_a_run_over_the_bound_is_judged_against_the_machine(monkeypatch, cpu, seconds, factor, wall, passes):
    asked = []
    monkeypatch.setattr(harness, "machine_factor", lambda: asked.append(1) or factor)
    if passes:
        assert_contained(_run(cpu, seconds), 0, wall=wall)
    else:
        with pytest.raises(AssertionError, match=rf"bound {MAX_SECONDS * factor:.2f} s \(x{factor:.2f}\)"):
            assert_contained(_run(cpu, seconds), 0, wall=wall)
    assert asked == ([] if max(cpu, seconds if wall else 0) < MAX_SECONDS else [1])


def test_the_machine_factor_is_the_calibration_against_the_reference(monkeypatch):
    class Done:
        stdout = f"{REFERENCE_CALIBRATION * 1.5}\n"

    monkeypatch.setattr(harness.subprocess, "run", lambda *args, **kwargs: Done())
    assert harness.machine_factor() == pytest.approx(1.5)
    Done.stdout = f"{REFERENCE_CALIBRATION / 2}\n"  # a faster machine keeps the bound
    assert harness.machine_factor() == 1.0
