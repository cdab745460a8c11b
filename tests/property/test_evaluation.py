"""Property-based tests of evaluation: for random valid profiles, what holds for every result.

Profiles are drawn from the profile schema and the shipped rules (see strategies.py);
each must pass the profile checks, evaluate without an exception, and satisfy the
invariants in invariants.py. Evaluation must also be repeatable: a second run, the
explanation-free and traced runs, the other language, and a freshly loaded rule set
(whose expressions still run as closures, not generated code) agree.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given

from engine import Evaluator, load_rules, parse_profile
from engine.render.report import dumps, profile_json

from .conftest import budget
from .invariants import check_profile
from .strategies import shipped, shipped_profiles, to_json


def _parse(profile: dict[str, Any]) -> dict[str, Any]:
    data, diagnostics = parse_profile(to_json(profile), "generated.json")
    assert diagnostics == [], [str(d) for d in diagnostics]
    return data


def _core(outcome: Any) -> list[tuple[Any, ...]]:
    """What must not depend on how the evaluation was run: per result, outcome and conditions."""
    return [
        (
            r.project,
            r.measure.id,
            r.status,
            r.rate,
            r.base,
            r.amount,
            r.recommended,
            r.version,
            [(c.id, c.holds) for c in r.conditions],
            r.missing,
        )
        for r in outcome.results
    ]


_evaluator: list[Evaluator] = []


def _warm() -> Evaluator:
    """One evaluator for the whole run: after a few evaluations its expressions run as generated code."""
    if not _evaluator:
        _evaluator.append(Evaluator(shipped()[0]))
    return _evaluator[0]


@budget(2.0)
@given(shipped_profiles())
def test_every_result_satisfies_the_invariants(drawn):
    profile, as_of = drawn
    data = _parse(profile)
    outcome = _warm().evaluate(data, as_of, "en")
    check_profile(outcome, data, shipped()[0])
    document = json.loads(dumps(profile_json("p", outcome, "digest")), parse_float=Decimal)
    for item, result in zip(document["results"], outcome.results):
        for key in ("amount", "rate", "base"):  # JSON numbers that read back as the exact decimal
            value = getattr(result, key)
            if value is None:
                assert item[key] is None
            elif key == "amount" or value == value.quantize(Decimal("0.001")):
                assert Decimal(item[key]) == value, (key, item[key], value)


@budget(1.0)
@given(shipped_profiles())
def test_evaluating_again_in_any_mode_gives_the_same_results(drawn):
    profile, as_of = drawn
    data = _parse(profile)
    evaluator = _warm()
    first = profile_json("p", evaluator.evaluate(data, as_of, "en"), "digest")
    assert profile_json("p", evaluator.evaluate(data, as_of, "en"), "digest") == first
    assert profile_json("p", evaluator.evaluate(data, as_of, "en", trace=True), "digest") == first
    again = evaluator.evaluate(data, as_of, "en", explain=False)
    dutch = evaluator.evaluate(data, as_of, "nl")
    reference = evaluator.evaluate(data, as_of, "en")
    assert _core(again) == _core(reference) == _core(dutch)
    assert (again.total, again.size, again.nis2, again.de_minimis) == (
        reference.total,
        reference.size,
        reference.nis2,
        reference.de_minimis,
    )


@budget(0.3)
@given(shipped_profiles())
def test_closures_and_generated_code_agree(drawn):
    """A rule set loaded afresh runs its first evaluations as closures; the warm one runs generated code."""
    profile, as_of = drawn
    data = _parse(profile)
    fresh = Evaluator(load_rules(shipped()[0].root))
    assert profile_json("p", fresh.evaluate(data, as_of, "en"), "digest") == profile_json(
        "p", _warm().evaluate(data, as_of, "en"), "digest"
    )


def _reached(drawn) -> set[str]:
    profile, as_of = drawn
    outcome = _warm().evaluate(_parse(profile), as_of, "en")
    seen = {result.status for result in outcome.results}
    if any(
        line.startswith("Cap ") and "so the amount becomes" in line
        for result in outcome.results
        for line in result.explanation
    ):
        seen.add("cap-binds")
    return seen


@pytest.mark.parametrize("wanted", ["eligible", "not_eligible", "undetermined", "info", "cap-binds"])
def test_the_profiles_reach_every_status(wanted):
    """The strategy is worth its name: every status and a binding cap occur among the generated profiles.

    ``find`` searches until it meets one (deterministically, and whatever hypothesis version draws the
    examples); a fixed sample of 150 reached a binding cap with one version and not with another."""
    from hypothesis import Phase, find, settings
    from hypothesis.errors import NoSuchExample

    try:  # the first example found is enough: no shrinking
        find(
            shipped_profiles(),
            lambda drawn: wanted in _reached(drawn),
            settings=settings(
                max_examples=2000, database=None, derandomize=True, deadline=None, phases=[Phase.generate]
            ),
        )
    except NoSuchExample:
        pytest.fail(f"2,000 generated profiles never reach '{wanted}': adjust strategies.py")
