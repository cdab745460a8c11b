"""The case split of a one-project profile, result by result, over what each measure reads (issue 15).

:mod:`.completion` settles a result over every completion of the absent facts: each combination of their
telling values, the whole profile evaluated for each. With one project a measure's result depends on nothing
but what its own expressions read (the profile fields they name and the facts they use) and the aid history,
which the profile fixes. So here the split runs per measure, and inside a measure per *group*: the things it
reads that share an absent fact (the company size and the NIS2 class both read the staff). A group is worked
out once per combination of the telling values of its absent facts, and takes few distinct values (the size
is one of four whatever the staff and the turnover); the measure is then evaluated once per combination of
the groups' distinct values, with the facts it reads set in its scope. That gives the same outcomes as the
whole split: every completion's outcome is the outcome of its groups' values.

Each absent fact takes the telling values of the measure's own comparisons (``telling_values(...,
measure)``): the values that tell that measure's outcomes apart. From those evaluations, per result: the
same outcome everywhere settles it; else ``missing`` holds each absent fact for which two values of it
alone, the others fixed, give two group values that lead to different outcomes somewhere (looked for, when
the measure's own values do not show it, past a turn to eligible and at the telling values of the whole rule
set), and ``amount_range`` the least and the most amount, with the turn to the cent where the result stops
being eligible between two values of a figure the measure reads itself (the highest amount lies there). The
company size and NIS2 class are settled the same way, when first read. Each evaluation counts against the
split's bounds (:data:`~.budget.MAX_COMPLETIONS` evaluations, :data:`~.budget.SPLIT_STEPS` steps); a measure
whose split would pass them stays as the evaluation found it. Anything the analysis cannot see (a rule that
reads ``company`` or ``project`` whole) sends the profile to the whole split of :mod:`.completion`.
What a measure reads is :mod:`.reads`; the groups, their values and the profile's bounds are :mod:`.groups`.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from ..ask.profile_fields import fields, generic
from ..diagnostics import EvaluationError
from ..language.runtime import ExpressionRuntimeError, Missing
from ..language.telling import LARGE
from ..model import Measure
from .budget import Budget
from .completion import (
    CENT,
    REFINE_RUNS,
    ROUNDS,
    ZERO,
    first_failed,
    leaf_paths,
    leave_undetermined,
    outcome_of,
    path_key,
    settled_line,
    take_settled,
)
from .groups import Group, Split, completed, hashable
from .measure import evaluate_measure
from .reads import Opaque
from .results import MeasureResult, ProfileResult, Summary
from .scope import Parameters, Scope

__all__ = ["Opaque", "settle_one"]

Outcome = tuple[str, Decimal]


# --------------------------------------------------------------------------- one measure


def _evaluate(
    split_: Split, measure: Measure, params: Parameters, scope: Scope, explain: bool
) -> tuple[MeasureResult | None, frozenset[str]]:
    """The measure for the project of ``scope`` (None when it does not apply), and what its ``applies_when``
    missed."""
    split_.budget.spend(split_.evaluator.steps(measure))
    scope.params = params
    missed: frozenset[str] = frozenset()
    if measure.applies_when is not None:
        try:
            applies = measure.applies_when.evaluate(scope)
        except Missing as exc:
            applies, missed = True, exc.paths
        except ExpressionRuntimeError as exc:
            raise EvaluationError(f"{measure.file}: applies_when of measure '{measure.id}': {exc}") from exc
        if applies is False:
            return None, missed
    return evaluate_measure(scope, measure, params, split_.lang, explain), missed


class MeasureSplit:
    """The split of one result: its groups and the evaluations over their values (``table``)."""

    def __init__(self, split_: Split, result: MeasureResult, params: Parameters, absent: list[str]):
        self.split = split_
        self.result = result
        self.measure = result.measure
        self.params = params
        self.absent = absent
        self.groups: list[Group] = []
        self.table: dict[tuple[int, ...], MeasureResult | None] = {}
        self.numbers: dict[int, dict[Any, int]] = {}
        self.done = False
        self.upward_done = False

    def run(self) -> bool:
        """Evaluate the split, growing it by the facts met only in some evaluations; False beyond the bounds."""
        split_ = self.split
        reads = split_.analysis.measure(self.measure)
        if reads.opaque:
            raise Opaque(self.measure.id)
        for _ in range(ROUNDS):
            if any(not split_.grid(p, self.measure) for p in self.absent):
                return False
            self.groups = split_.groups(reads, self.absent, self.measure)
            self.table = {}
            self.numbers = {}
            for group in self.groups:
                steps = sum(split_.analysis.steps(name) for name in group.facts)
                if not split_.afford(group.size() if group.facts else 1, steps):
                    return False
                self.fill(group, steps)
            count = 1
            for group in self.groups:
                count *= len(group.values)
            if not split_.afford(count, split_.evaluator.steps(self.measure)):
                return False
            more: set[str] = set()
            for key in itertools.product(*(range(len(g.values)) for g in self.groups)):
                found, missed = self.evaluate(key)
                self.table[key] = found
                paths = set(missed)
                if found is not None and found.status == "undetermined":
                    paths.update(found.missing)
                    for condition in found.conditions:
                        paths.update(condition.missing)
                more.update(leaf for p in paths for leaf in leaf_paths(p))
            more -= set(self.absent)
            if not more:
                if any(r is not None and r.status == "undetermined" for r in self.table.values()):
                    raise Opaque(self.measure.id)  # an absent fact set and still missing: not what it seems
                return True
            self.absent = sorted(set(self.absent) | more, key=path_key)
        return False

    def fill(self, group: Group, steps: int) -> None:
        if group.facts:
            self.split.fill(group, self.params, steps)
            return
        # fields alone: each combination of their values is a value of its own
        for point in itertools.product(*group.grids):
            group.values.append(({}, point, point))
        n = len(group.values)
        for k, grid in enumerate(group.grids):
            stride = 1
            for other in group.grids[k + 1 :]:
                stride *= len(other)
            for number in range(n):
                j = (number // stride) % len(grid)
                for other_j in range(len(grid)):
                    if other_j != j:
                        group.pairs[k].add((number, number + (other_j - j) * stride))
                if len(grid) > 1 and j == len(grid) - 1:
                    group.tops[k].add((number, number - stride))

    def evaluate(self, key: tuple[int, ...], explain: bool = False) -> tuple[MeasureResult | None, frozenset[str]]:
        """The measure with each group at the value of ``key``: explained, on a completion that gives those values
        (a scope of its own, nothing set); else with the groups' facts set in its scope."""
        split_ = self.split
        pairs: list[tuple[str, Any]] = []
        set_facts: dict[str, Any] = {}
        for group, number in zip(self.groups, key, strict=True):
            facts, own, point = group.values[number]
            if explain:
                pairs += zip(group.paths, point, strict=True)
            else:
                pairs += zip(group.fields, own, strict=True)
                set_facts.update(facts)
        company, project = completed(split_.company, split_.project, pairs)
        scope = split_.new_scope(company, project, self.params)
        if set_facts:
            scope._cache.update(set_facts)
        return _evaluate(split_, self.measure, self.params, scope, explain)

    def completion(self, key: tuple[int, ...]) -> list[tuple[str, Any]]:
        """The absent facts and the values of a completion that gives the groups' values of ``key``."""
        found: list[tuple[str, Any]] = []
        for group, number in zip(self.groups, key, strict=True):
            found += zip(group.paths, group.values[number][2], strict=True)
        return sorted(found, key=lambda pair: path_key(pair[0]))

    # -- the bisection where a status turns -------------------------------------------------------------
    def refine(self, upward: bool = False) -> None:
        """As :func:`engine.evaluate.completion._refine`, for the figures the measure reads itself (a group of
        one field): where the result is eligible at a telling value and not at the next (a ceiling passed), find
        the turn to the cent by halving (the ratio of the two values first, while they are far apart), so that
        ``amount_range`` holds the highest amount, just before it. A turn the other way (a minimum reached) is
        not refined: the amounts past it are the least eligible ones, and the range starts at 0 anyway."""
        split_ = self.split
        for gi, group in enumerate(self.groups):
            if group.facts or len(group.paths) != 1:
                continue
            grid = group.grids[0]
            if not _figures(grid):
                continue
            path = group.paths[0]
            step = Decimal(1) if fields()[generic(path)].get("type") == "integer" else CENT
            for key in list(self.table):
                j = key[gi]
                if j + 1 >= len(grid):
                    continue
                upper = key[:gi] + (j + 1,) + key[gi + 1 :]
                if upper not in self.table:
                    continue
                below, above = _status(self.table[key]), _status(self.table[upper])
                if below == above or (below == "eligible") == upward:
                    continue  # by default only where eligibility ends: the highest amount may lie just before it
                low, high = Decimal(grid[j]), Decimal(grid[j + 1])
                while high - low > step:
                    if split_.refined >= REFINE_RUNS or split_.budget.left < split_.evaluator.steps(self.measure):
                        return
                    if high > 4 * max(low, Decimal(1)):  # far apart: halve the ratio first, then the distance
                        middle = (max(low, Decimal(1)) * high).sqrt()
                    else:
                        middle = (low + high) / 2
                    middle = (middle / step).to_integral_value(rounding="ROUND_FLOOR") * step
                    probe = key[:gi] + (self.value_of(gi, middle),) + key[gi + 1 :]
                    if probe not in self.table:
                        try:
                            self.table[probe] = self.evaluate(probe)[0]
                        except EvaluationError:
                            return
                        split_.refined += 1
                    if _status(self.table[probe]) == below:
                        low = middle
                    else:
                        high = middle

    def value_of(self, gi: int, value: Decimal | Any) -> int:
        """The index of a value of a group of one field the measure reads itself, added when new (the values
        found by bisection and the wider telling values are shared, as the whole split's combinations are)."""
        group = self.groups[gi]
        numbers = self.numbers.get(gi)
        if numbers is None:
            numbers = self.numbers[gi] = {hashable(own[0]): j for j, (_, own, _) in enumerate(group.values)}
        number = numbers.get(hashable(value))
        if number is None:
            number = numbers[hashable(value)] = len(group.values)
            group.values.append(({}, (value,), (value,)))
        return number

    # -- what the split says -----------------------------------------------------------------------------
    def changing(self, outcomes: dict[tuple[int, ...], Outcome]) -> list[str]:
        """The absent facts a change of which alone changes the outcome: shown by the evaluations made, else
        looked for with the fields the measure reads itself also at the telling values of the whole rule set
        (the staff changes a rate, which shows only at a cost between the measure's own telling values)."""

        def shown(path: str) -> bool:
            gi, k = self.where(path)
            return any(
                (other := key[:gi] + (b,) + key[gi + 1 :]) in outcomes and outcomes[other] != outcome
                for a, b in self.groups[gi].pairs[k]
                for key, outcome in outcomes.items()
                if key[gi] == a
            )

        found = {path for path in self.absent if shown(path)}
        if len(found) < len(self.absent):  # the turns to eligible too: a change may show just past one
            self.upward()
            outcomes.update({key: outcome_of(r) for key, r in self.table.items() if key not in outcomes})
            found |= {path for path in self.absent if path not in found and shown(path)}
        found |= {path for path in self.absent if path not in found and self.witness(*self.where(path), outcomes)}
        return [path for path in self.absent if path in found]

    def upward(self) -> None:
        """The turns to eligible too, found to the cent (once)."""
        if not self.upward_done:
            self.upward_done = True
            self.refine(upward=True)

    def where(self, path: str) -> tuple[int, int]:
        """The group of an absent path and its place in that group."""
        return next((gi, g.paths.index(path)) for gi, g in enumerate(self.groups) if path in g.paths)

    def witness(self, gi: int, k: int, outcomes: dict[tuple[int, ...], Outcome]) -> bool:
        """Whether a change of path ``k`` of group ``gi`` alone changes the outcome in some combination of the
        other groups' values, those of fields the measure reads itself widened to the rule set's telling values;
        the evaluations it makes join ``outcomes`` and the table."""
        split_ = self.split
        others: list[list[int]] = []
        for h, group in enumerate(self.groups):
            if h == gi:
                others.append([])
                continue
            if not group.facts and len(group.paths) == 1:
                for value in split_.grid(group.paths[0]):
                    self.value_of(h, value)
            others.append(list(range(len(group.values))))
        steps = split_.evaluator.steps(self.measure)

        def lookup(key: tuple[int, ...]) -> Outcome | None:
            if key not in outcomes:
                if not split_.afford(1, steps):
                    return None
                try:
                    self.table[key] = self.evaluate(key)[0]
                except EvaluationError:
                    return None
                outcomes[key] = outcome_of(self.table[key])
            return outcomes[key]

        for a, b in sorted(self.groups[gi].pairs[k]):
            if a > b:
                continue
            for context in itertools.product(*(others[h] for h in range(len(self.groups)) if h != gi)):
                rest = list(context)
                first = tuple(rest[:gi] + [a] + rest[gi:])
                second = tuple(rest[:gi] + [b] + rest[gi:])
                one, two = lookup(first), lookup(second)
                if one is None or two is None:
                    return False
                if one != two:
                    return True
        return False

    def grows(self, outcomes: dict[tuple[int, ...], Outcome], most: Decimal) -> bool:
        """True when the highest amount still grows between the two largest telling values of a figure."""
        for gi, group in enumerate(self.groups):
            for k, grid in enumerate(group.grids):
                if len(grid) < 2 or not all(isinstance(v, (int, Decimal)) and not isinstance(v, bool) for v in grid):
                    continue
                if Decimal(grid[-1]) < LARGE[0]:
                    continue
                for top, second in group.tops[k]:
                    for key, (_, amount) in outcomes.items():
                        if key[gi] == top and amount == most:
                            lower = outcomes.get(key[:gi] + (second,) + key[gi + 1 :])
                            if lower is not None and lower[1] < most:
                                return True
        return False


def _figures(grid: list[Any]) -> bool:
    return all(isinstance(v, (int, Decimal)) and not isinstance(v, bool) for v in grid)


def _status(result: MeasureResult | None) -> str:
    return "absent" if result is None else result.status


# --------------------------------------------------------------------------- the profile


def settle_one(
    evaluator: Any,
    profile: dict[str, Any],
    outcome: ProfileResult,
    scope: Scope,
    lang: str,
    explain: bool,
    most: int,
    budget: Budget,
) -> ProfileResult:
    """Settle the results of a one-project profile (module docstring).

    Raises:
        Opaque: when the analysis cannot see what a measure reads (the caller makes the whole split).
    """
    split_ = Split(evaluator, profile, scope, lang, most, budget)
    plan = {m.id: params for m, params in evaluator._plan(scope.project["kind"], scope.date)}
    works: list[MeasureSplit | None] = []
    for result in outcome.results:  # first every split (Opaque leaves the outcome as it was), then the merge
        absent = _needs_split(split_, result, plan[result.measure.id])
        work = None if absent is None else MeasureSplit(split_, result, plan[result.measure.id], absent)
        if work is not None:
            try:
                work.done = work.run()
            except EvaluationError:
                work.done = False
            if work.done:
                work.refine()
        works.append(work)
    possible: dict[int, list[Outcome]] = {}
    for i, (result, work) in enumerate(zip(outcome.results, works, strict=True)):
        amount = result.amount if result.amount is not None else ZERO
        if work is None:
            possible[i] = [(result.status, amount)]
        elif not work.done:
            if result.status == "undetermined":
                result.amount_range = (ZERO, None)
            possible[i] = [(result.status, amount)]
        else:
            possible[i] = _conclude(work, lang, explain)
    _recommend(outcome.results, possible)
    outcome.total = sum((r.amount for r in outcome.results if r.recommended and r.amount is not None), ZERO)
    before = outcome.summarise

    def summary() -> Summary:
        first = before() if before else Summary(None, None, None)
        size = first.size if first.size is not None else split_.settle_fact("size")
        nis2 = first.nis2 if first.nis2 is not None else split_.settle_fact("nis2")
        return Summary(size, nis2, first.de_minimis)

    outcome.summarise = summary
    outcome._summary = None
    return outcome


def _needs_split(split_: Split, result: MeasureResult, params: Parameters) -> list[str] | None:
    """The absent leaf paths to split an undetermined result over (those its measure met, its ``applies_when``
    included); None for a result the facts given settle (a condition false whatever the rest is, or eligible)."""
    if result.status != "undetermined":
        return None
    paths: set[str] = set()
    measure = result.measure
    if measure.applies_when is not None:
        scope = split_.scope
        scope.params = params
        try:
            measure.applies_when.evaluate(scope)
        except Missing as exc:
            paths |= exc.paths
        except ExpressionRuntimeError:
            pass
    paths.update(result.missing)
    for condition in result.conditions:
        paths.update(condition.missing)
    if not paths:
        return None
    return sorted({leaf for p in paths for leaf in leaf_paths(p)}, key=path_key)


def _conclude(work: MeasureSplit, lang: str, explain: bool) -> list[Outcome]:
    """Settle the result or leave it undetermined, from its split; its possible outcomes."""
    result = work.result
    outcomes = {key: outcome_of(r) for key, r in work.table.items()}
    distinct = set(outcomes.values())
    seen = [r for r in work.table.values() if r is not None]
    if len(distinct) == 1:
        if take_settled(result, seen) and explain:
            failed = next((c.id for c in result.conditions if c.holds is False), None)
            keys = [k for k, r in work.table.items() if r is not None]
            key = next((k for k in keys if first_failed(work.table[k]) == failed), keys[0])  # type: ignore[arg-type]
            try:
                shown = work.evaluate(key, explain=True)[0]
            except EvaluationError:  # the split's budget is spent: the partial evaluation's explanation
                shown = None
            lines = list(result.explanation) if shown is None else shown.explanation
            line = settled_line(result, work.completion(key), shown is None, lang)
            result.explanation[:] = (
                [line, *lines] if failed is not None or result.status != "not_eligible" else [*lines, line]
            )
        return list(distinct)
    if _agreeing(result, seen):  # a condition all evaluations agree on: past a turn to eligible too, or it is unknown
        work.upward()
        outcomes.update({key: outcome_of(r) for key, r in work.table.items() if key not in outcomes})
    changing = work.changing(outcomes)  # may evaluate more combinations: they count below too
    seen = [r for r in work.table.values() if r is not None]
    amounts = [amount for _, amount in outcomes.values()]
    least, most = min(amounts), max(amounts)
    leave_undetermined(result, seen, changing, least, None if work.grows(outcomes, most) else most, lang, explain)
    return list(set(outcomes.values()))


def _agreeing(result: MeasureResult, seen: list[MeasureResult]) -> bool:
    """True when a condition the evaluation left unknown has one truth in every evaluation that checked it."""
    unknown = {c.id for c in result.conditions if c.holds is None}
    truths: dict[str, set[bool | None]] = {}
    for other in seen:
        for condition in other.conditions:
            if condition.id in unknown:
                truths.setdefault(condition.id, set()).add(condition.holds)
    return any(len(found) == 1 and None not in found for found in truths.values())


def _recommend(results: list[MeasureResult], possible: dict[int, list[Outcome]]) -> None:
    """Recommended: eligible, and in no completion beaten by another result of the project (a higher amount, or
    the same amount and a measure id that sorts first)."""
    for i, result in enumerate(results):
        if result.status != "eligible" or result.amount is None:
            result.recommended = False
            continue
        mine = (-result.amount, result.measure.id)
        result.recommended = not any(
            status == "eligible" and (-amount, other.measure.id) < mine
            for j, other in enumerate(results)
            if j != i
            for status, amount in possible[j]
        )
