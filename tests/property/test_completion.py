"""Property-based tests of the case split (issue 15): settled, undetermined, missing and amount_range against
brute force.

A complete seed profile (every result settled) loses one or two facts; the engine's answer is then
compared with evaluating every completion of those facts, and of the seed's own absent ones, over their
telling values
(:func:`engine.language.telling.telling_values`) one by one:

- a settled result is what every completion gives (status and amount);
- an undetermined result has two completions with different outcomes;
- ``missing`` holds every fact that, changed alone, changes the outcome on that grid, and only facts
  that were taken out (the engine's bisection may find a change between two grid values too);
- ``amount_range``: ``min`` is the least amount of the completions (0 where not eligible), ``max`` at
  least the most of them, and null only where the amount grows with a figure's largest values.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from engine import Evaluator, parse_profile
from engine.ask.profile_fields import fields, generic, split, walk
from engine.language.telling import telling_values

from .conftest import budget
from .strategies import shipped, to_json

ZERO = Decimal("0.00")
CANDIDATES = (
    "company.employees",
    "company.turnover",
    "company.balance_sheet_total",
    "company.legal_form",
    "company.region",
    "company.founded",
    "projects[0].theme",
    "projects[0].cost",
    "projects[0].provider_registered",
    "projects[0].provider_framework_contract",
    "projects[0].consortium.research_organisation",
    "projects[0].consortium.independent_companies",
)

_evaluator: list[Evaluator] = []


def _engine() -> Evaluator:
    if not _evaluator:
        _evaluator.append(Evaluator(shipped()[0]))
    return _evaluator[0]


def _parse(profile: dict[str, Any]) -> dict[str, Any] | None:
    data, diagnostics = parse_profile(to_json(profile), "generated.json")
    return data if not diagnostics else None


def _without(profile: dict[str, Any], path: str) -> dict[str, Any]:
    parts = split(path)
    copy = to_copy(profile)
    owner = walk(copy, parts[:-1])
    assert isinstance(owner, dict)
    owner.pop(parts[-1])
    return copy


def to_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: to_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_copy(v) for v in value]
    return value


def _with(profile: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    copy = to_copy(profile)
    parts = split(path)
    owner = copy
    for part in parts[:-1]:
        owner = owner[part] if isinstance(part, int) else owner.setdefault(part, {})
    owner[parts[-1]] = value
    return copy


def _complete_seeds() -> list[tuple[dict[str, Any], Any]]:
    """Seed profiles with one project whose results are all settled, and the candidate facts they give."""
    found = []
    for profile, as_of in shipped()[2]:
        if len(profile.get("projects", ())) != 1:
            continue
        data = _parse(profile)
        if data is None:
            continue
        outcome = _engine().evaluate(data, as_of, "en", explain=False)
        if any(r.status == "undetermined" for r in outcome.results):
            continue
        given_facts = [p for p in CANDIDATES if walk(data, split(p)) is not None]
        if given_facts:
            found.append((data, as_of, given_facts))
    return found


_SEEDS: list[Any] = []


def _seeds() -> list[Any]:
    if not _SEEDS:
        _SEEDS.extend(_complete_seeds())
    return _SEEDS


def _outcome(result: Any) -> tuple[str, Decimal]:
    if result is None:
        return ("absent", ZERO)
    return (result.status, result.amount if result.status == "eligible" else ZERO)


@settings(budget(0.3), suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(st.data())
def test_settled_undetermined_missing_and_range_agree_with_brute_force(data):
    seeds = _seeds()
    assume(seeds)
    base, as_of, given_facts = data.draw(st.sampled_from(seeds))
    taken = sorted(data.draw(st.lists(st.sampled_from(given_facts), min_size=1, max_size=2, unique=True)))
    profile = base
    for path in taken:
        profile = _without(profile, path)
    checked = _parse(profile)
    assume(checked is not None)
    # the seed's own absent facts may matter once a fact is taken out (a region outside Flanders hid them)
    taken = sorted(set(taken) | {p for p in CANDIDATES if walk(base, split(p)) is None}, key=CANDIDATES.index)
    days = [p.get("application_date") or as_of for p in checked["projects"]]
    grids = [telling_values(shipped()[0], generic(p), fields()[generic(p)], days) for p in taken]
    size = 1
    for grid in grids:
        size *= len(grid)
    assume(size <= 600)
    engine = _engine().evaluate(checked, as_of, "en")
    runs: dict[tuple[Any, ...], dict[tuple[int, str], Any]] = {}
    for combo in itertools.product(*grids):
        completed = checked
        for path, value in zip(taken, combo, strict=True):
            completed = _with(completed, path, value)
        done = _engine().evaluate(completed, as_of, "en", explain=False)
        runs[combo] = {(r.project_index, r.measure.id): r for r in done.results}
    combos = list(runs)
    for result in engine.results:
        key = (result.project_index, result.measure.id)
        outcomes = [_outcome(runs[c].get(key)) for c in combos]
        if result.status == "undetermined":
            assert len(set(outcomes)) > 1, (key, taken, outcomes[:3])
            assert set(result.missing) <= set(taken), (result.missing, taken)
            for i, path in enumerate(taken):
                groups: dict[tuple[Any, ...], set[Any]] = {}
                for combo, found in zip(combos, outcomes, strict=True):
                    groups.setdefault(combo[:i] + combo[i + 1 :], set()).add(found)
                if any(len(g) > 1 for g in groups.values()):
                    assert path in result.missing, (path, result.missing)
            least, most = result.amount_range
            amounts = [amount for _, amount in outcomes]
            assert least == min(amounts), (least, min(amounts))
            if most is not None:
                assert most >= max(amounts), (most, max(amounts))
            else:
                assert max(amounts) > 0
        elif result.status in ("eligible", "not_eligible"):
            assert set(outcomes) == {_outcome(result)}, (key, taken, set(outcomes))
            assert result.missing == [] and result.amount_range is None
