"""What every evaluation must satisfy, whatever the rule set: checks on a result and its explanation.

The checks read only the result itself: its status, rate, base and amount, its
conditions with their values, the measure and version it names, and the explanation
lines the engine wrote (English). The amount is recomputed from those lines: the
parts (rate times base, exact), the rounding, each cap in turn and the minimum.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from engine.evaluate.results import MeasureResult, ProfileResult
from engine.model import Amount, RuleSet
from engine.text.formatting import round_money

_MONEY = r"EUR (-?[0-9,]+(?:\.[0-9]+)?)"
PART = re.compile(rf"^(?:.*: )?([0-9.]+)% of {_MONEY} = {_MONEY}$")
ROUNDED = re.compile(rf"^Rounded half-up to the cent: {_MONEY}$")
TOTAL = re.compile(rf"^Total of the parts = {_MONEY}$")
FIXED = re.compile(rf"^Fixed amount: {_MONEY}$")
CAP_BINDS = re.compile(rf"^Cap '([^']+)': at most {_MONEY}, so the amount becomes {_MONEY}$")
CAP_FREE = re.compile(rf"^Cap '([^']+)': at most {_MONEY}; {_MONEY} stays within it$")
MINIMUM = re.compile(rf"^Minimum '([^']+)': at least {_MONEY}; {_MONEY} (reaches it|is below it, so not eligible)$")
FAILED = re.compile(r"^Not eligible: condition '([^']+)' does not hold\.$")
SETTLED_ON_ONE_VALUE = re.compile(
    r"^The missing facts \(.+\) cannot change this result: .* The steps below are those of one such value: .+\.$"
)


def money(text: str) -> Decimal:
    """An amount as the explanation writes it (English separators), exactly."""
    return Decimal(text.replace(",", ""))


def spec_of(result: MeasureResult) -> Amount | None:
    """How the result's measure computes its amount in the version the result names."""
    version = next((v for v in result.measure.versions if v.id == result.version), None)
    if version is not None and version.amount is not None:
        return version.amount
    return result.measure.amount


def lookup(profile: dict[str, Any], path: str) -> Any:
    """The value at an output path such as ``company.previous_year.employees`` or ``projects[1].cost``."""
    match = re.fullmatch(r"projects\[(\d+)\]\.(.+)", path)
    if match:
        value: Any = profile["projects"][int(match.group(1))]
        fields = match.group(2).split(".")
    else:
        head, _, rest = path.partition(".")
        assert head == "company" and rest, f"not a profile path: {path}"
        value, fields = profile["company"], rest.split(".")
    for name in fields:
        if not isinstance(value, dict):
            return None
        value = value.get(name)
    return value


def check_status(result: MeasureResult, profile: dict[str, Any]) -> None:
    """The status agrees with the conditions' values, and amount and missing agree with the status."""
    holds = [c.holds for c in result.conditions]
    status = result.status
    if status == "info":
        assert (holds, result.amount, result.rate, result.missing) == ([], None, None, [])
        return
    assert status in ("eligible", "not_eligible", "undetermined"), status
    # a false check makes the result not eligible; one that is not eligible whatever the absent facts are
    # (issue 15) may have no check false for all of their values, but then one is unknown
    assert (False in holds) <= (status == "not_eligible")
    if status == "eligible":
        assert all(h is True for h in holds) and holds and result.missing == []
    if status == "undetermined":
        assert result.amount is None and result.missing, "undetermined without the facts it misses"
        assert result.amount_range is not None and False not in holds
        for path in result.missing:
            assert lookup(profile, path) is None, f"{path} is listed as missing but the profile gives it"
    if status == "not_eligible":
        assert result.amount == Decimal("0.00") and result.missing == []
        assert False in holds or None in holds
        first = next((c.id for c in result.conditions if c.holds is False), None)
        if result.explanation and first is not None:
            match = FAILED.match(result.explanation[-1])
            assert match and match.group(1) == first, result.explanation


def check_amount(result: MeasureResult) -> None:
    """Exact to the cent, never negative, never above a cap, and rate times base when nothing binds."""
    amount = result.amount
    if amount is None:
        return
    assert amount >= 0 and amount == amount.quantize(Decimal("0.01")), amount
    if result.status != "eligible" or not result.explanation:
        return
    spec = spec_of(result)
    assert spec is not None, f"{result.measure.id} is eligible without an amount"
    lines = result.explanation
    parts = [m for m in map(PART.match, lines) if m]
    if spec.fixed is not None:
        fixed = [m for m in map(FIXED.match, lines) if m]
        assert len(fixed) == 1 and not parts, lines
        running = money(fixed[0].group(1))
    else:
        assert len(parts) == len(spec.parts), lines
        products = [money(m.group(3)) for m in parts]
        exact = sum(products, Decimal(0))
        if result.rate is None:  # the rate depends on an absent fact, the amount not: the steps of one value
            assert SETTLED_ON_ONE_VALUE.match(lines[0]), lines
        else:
            assert Decimal(parts[0].group(1)) == result.rate
        if len(parts) == 1:  # the product the line shows is rate times base, exactly
            if result.rate is not None:
                assert products[0] == result.rate * result.base / 100, (lines, result.rate, result.base)
        else:
            assert [money(m.group(1)) for m in map(TOTAL.match, lines) if m] == [exact], lines
        running = round_money(exact)
        rounded = [money(m.group(1)) for m in map(ROUNDED.match, lines) if m]
        assert rounded == ([] if running == exact else [running]), lines
    caps = {c.id: c for c in result.conditions}
    for cap in spec.caps:
        binds = [m for m in map(CAP_BINDS.match, lines) if m and m.group(1) == cap.id]
        free = [m for m in map(CAP_FREE.match, lines) if m and m.group(1) == cap.id]
        assert len(binds) + len(free) == 1, (cap.id, lines)
        assert caps[cap.id].holds is True
        if binds:
            limit, after = money(binds[0].group(2)), money(binds[0].group(3))
            assert running > limit >= 0 and after == limit, lines
        else:
            limit, after = money(free[0].group(2)), money(free[0].group(3))
            assert after == running <= limit, lines
        running = after
        assert amount <= limit
    assert amount == running
    binding = any(CAP_BINDS.match(line) for line in lines)
    if not binding and spec.fixed is None and len(spec.parts) == 1 and result.rate is not None:
        assert amount == round_money(result.rate * result.base / 100)
    if spec.minimum is not None:
        found = [m for m in map(MINIMUM.match, lines) if m and m.group(1) == spec.minimum.id]
        assert len(found) == 1 and found[0].group(4) == "reaches it", lines
        assert money(found[0].group(3)) == amount >= money(found[0].group(2))


def check_profile(outcome: ProfileResult, profile: dict[str, Any], rules: RuleSet) -> None:
    """Every result's checks, plus which results there are, their order, the recommendation and the totals."""
    kinds = [p["kind"] for p in profile["projects"]]
    keys = [(r.project_index, r.measure.id) for r in outcome.results]
    assert keys == sorted(keys) and len(set(keys)) == len(keys), keys
    for result in outcome.results:
        assert kinds[result.project_index] in result.measure.applies_to
        assert result.project == profile["projects"][result.project_index]["id"]
        check_status(result, profile)
        check_amount(result)
    for index, kind in enumerate(kinds):
        present = {r.measure.id for r in outcome.results if r.project_index == index}
        always = {
            m.id
            for m in rules.measures.values()
            if kind in m.applies_to and m.status != "info" and m.applies_when is None
        }
        assert always <= present, f"project {index}: no result for {sorted(always - present)}"
        eligible = [r for r in outcome.results if r.project_index == index and r.status == "eligible"]
        recommended = [r for r in outcome.results if r.project_index == index and r.recommended]
        if eligible:
            best = min(eligible, key=lambda r: (-r.amount, r.measure.id))
            assert recommended == [best]
        else:
            assert recommended == []
    chosen = [r for r in outcome.results if r.recommended]
    assert outcome.total == sum((r.amount for r in chosen), Decimal("0.00"))
    totals = outcome.de_minimis
    if totals is not None:
        assert totals["granted_now"] == sum((r.amount for r in chosen if r.measure.de_minimis), Decimal("0.00"))
        assert totals["remaining"] == totals["ceiling"] - totals["used"] - totals["granted_now"], totals
