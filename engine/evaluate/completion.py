"""Settling what the absent facts cannot change: a case split over their telling values (issue 15).

A result that read an absent fact is undetermined at first. :func:`settle` then evaluates the
profile once per completion: each absent fact set to one of its telling values
(:mod:`engine.language.telling`), every combination. A fact met only in some completions (the cost,
read once the size is known) joins the split, and the split starts again. Then, per result:

- every completion gives the same status and amount: the result is settled to it (a condition
  keeps the truth all completions agree on);
- else it stays ``undetermined``; ``missing`` lists the facts one of which, changed alone, changes
  the outcome, and ``amount_range`` the least and the most any completion gives (a completion that
  is not eligible, or where the measure does not apply, gives 0; the most is ``None`` where the
  amount still grows between the two largest telling values of a figure: the rules set no bound).

The company size and NIS2 class are settled the same way. The work is bounded: at most
:data:`MAX_COMPLETIONS` completions and :data:`SPLIT_STEPS` steps of the budget
(:mod:`.budget`); beyond them, and when a completion fails, the results stay as they were
(plain ``undetermined``, ``amount_range`` from 0 without an upper bound). Complete profiles never
come here: the split runs only when a result is undetermined or the size unknown. A profile of one project
is split result by result instead (:mod:`.factored`), with the same bounds; this whole split is for
profiles of several projects, and for rules the analysis of :mod:`.reads` cannot see through.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..ask.profile_fields import fields, figures, generic, leaves, split
from ..diagnostics import EvaluationError
from ..language.runtime import Missing
from ..language.telling import LARGE, telling_values
from ..model import RuleSet
from ..text.formatting import money, show
from ..text.messages import say
from .budget import MAX_COMPLETIONS, SPLIT_STEPS
from .results import MeasureResult, ProfileResult, Summary
from .scope import Scope, parameters_on

ROUNDS = 4
"""How often the split may grow by facts met only in some completions."""

REFINE_RUNS = 256
"""The most runs the bisection of :func:`_refine` adds to one profile's split."""

ZERO = Decimal("0.00")
CENT = Decimal("0.01")

Run = Callable[[dict[str, Any]], ProfileResult]


def absent_paths(outcome: ProfileResult, rules: RuleSet, scope: Scope | None) -> list[str]:
    """The leaf paths of the absent facts the evaluation ran into: in undetermined results, and in the size."""
    found: set[str] = set()
    for result in outcome.results:
        if result.status == "undetermined":
            found.update(result.missing)
            for condition in result.conditions:
                found.update(condition.missing)
    if scope is not None:
        scope.params = parameters_on(rules, None, scope.date)
        for name in ("size", "nis2"):
            if name in rules.facts:
                try:
                    scope.fact(name)
                except Missing as exc:
                    found.update(exc.paths)
                except Exception:  # noqa: BLE001 - a rule error surfaces where the summary is read
                    pass
    return sorted({leaf for path in found for leaf in leaf_paths(path)}, key=path_key)


def grid_of(rules: RuleSet, path: str, days: list[Any], measure: Any = None, lists: bool = True) -> list[Any]:
    """The values the split gives an absent path: its telling values (:func:`~engine.language.telling.telling_values`;
    with ``measure``, those of that measure); for a list of enterprise figures left out (``ask`` leaves the
    partner enterprises out until they are confirmed), none, a small one and a large one (``lists`` False:
    none at all, the whole split keys its combinations by the values)."""
    node = fields()[generic(path)]
    if node.get("type") == "array":
        if not lists:
            return []
        items = figures(generic(path))
        return [[], *([item] for item in items)] if items else []
    return telling_values(rules, generic(path), node, days, measure)


def leaf_paths(path: str) -> list[str]:
    """A path, or for an object (the consortium) the paths of its fields."""
    node = fields().get(generic(path))
    if node is None:
        return []
    if node.get("type") == "object":
        prefix = generic(path)
        return [path + p[len(prefix) :] for p in leaves(prefix) if fields()[p].get("type") != "object"]
    return [path]


def path_key(path: str) -> tuple[bool, str]:
    return (not path.startswith("company"), path)


def with_value(data: Any, parts: list[str | int], value: Any) -> Any:
    """A copy of ``data`` with ``value`` at ``parts``; only the containers on the way are copied."""
    head, rest = parts[0], parts[1:]
    copied: Any = list(data) if isinstance(data, list) else dict(data)
    if isinstance(copied, list):
        assert isinstance(head, int)
        child = copied[head]
    else:
        child = copied.get(head, {})
    copied[head] = with_value(child, rest, value) if rest else value
    return copied


def _complete(profile: dict[str, Any], absent: list[str], combo: tuple[Any, ...]) -> dict[str, Any]:
    """The profile with each absent fact set to its value in ``combo``."""
    for path, value in zip(absent, combo, strict=True):
        profile = with_value(profile, split(path), value)
    return profile


def settle(
    rules: RuleSet,
    profile: dict[str, Any],
    outcome: ProfileResult,
    scope: Scope | None,
    run: Run,
    steps_each: int,
    lang: str,
    explained: Run | None,
    most: int = MAX_COMPLETIONS,
) -> ProfileResult:
    """The outcome with what the absent facts cannot change settled (module docstring).

    Args:
        rules: the rule set.
        profile: the completed profile evaluated.
        outcome: its evaluation.
        scope: the scope of its last project (for the size's absent facts).
        run: evaluates a profile without explanations, on the split's own budget; raises
            :class:`~engine.diagnostics.EvaluationError` (a :class:`~.budget.WorkLimit` too) when it cannot.
        steps_each: the steps one evaluation of the profile took.
        lang: the language of explanations.
        explained: as ``run``, with explanations (None: the evaluation explains nothing); a settled result
            takes the explanation of a completion that gives its outcome.
        most: the most completions to evaluate (at most :data:`MAX_COMPLETIONS`).
    """
    absent = absent_paths(outcome, rules, scope)
    days = sorted({p.get("application_date") for p in profile["projects"] if p.get("application_date")})
    for _ in range(ROUNDS):
        values = []
        for path in absent:
            found = grid_of(rules, path, days or [outcome.dates["as_of"]], lists=False)
            if not found:
                return _unsettled(outcome)
            values.append(found)
        count = 1
        for found in values:
            count *= len(found)
        if not absent or count > min(most, MAX_COMPLETIONS) or count * max(steps_each, 1) > SPLIT_STEPS:
            return _unsettled(outcome)
        runs: dict[tuple[Any, ...], ProfileResult] = {}
        more: set[str] = set()
        try:
            for combo in itertools.product(*values):
                done = runs[combo] = run(_complete(profile, absent, combo))
                for result in done.results:
                    if result.status == "undetermined":
                        more.update(leaf for p in result.missing for leaf in leaf_paths(p))
        except EvaluationError:
            return _unsettled(outcome)
        more -= set(absent)
        if not more:
            _refine(absent, values, runs, profile, run)
            return _merge(rules, outcome, profile, absent, values, runs, lang, explained)
        absent = sorted(set(absent) | more, key=path_key)
    return _unsettled(outcome)


def _statuses(outcome: ProfileResult) -> tuple[tuple[int, str, str], ...]:
    return tuple((r.project_index, r.measure.id, r.status) for r in outcome.results)


def _refine(
    absent: list[str],
    values: list[list[Any]],
    runs: dict[tuple[Any, ...], ProfileResult],
    profile: dict[str, Any],
    run: Run,
) -> None:
    """Where a status turns between two neighbouring telling values of a figure (the others fixed), find by
    bisection, to the cent (or the unit), the two values on either side of the turn, and add their runs: a
    threshold on the amount (a minimum, the de minimis ceiling) turns at a cost no comparison names. At most
    :data:`REFINE_RUNS` runs; the split's budget running out stops the refinement, not the split."""
    spent = 0
    for i, path in enumerate(absent):
        found = values[i]
        if not all(isinstance(v, (int, Decimal)) and not isinstance(v, bool) for v in found):
            continue
        step = Decimal(1) if fields()[generic(path)].get("type") == "integer" else CENT
        for combo in list(runs):
            j = found.index(combo[i])
            if j + 1 == len(found):
                continue
            upper = combo[:i] + (found[j + 1],) + combo[i + 1 :]
            if upper not in runs or _statuses(runs[combo]) == _statuses(runs[upper]):
                continue
            low, high, below = Decimal(combo[i]), Decimal(found[j + 1]), _statuses(runs[combo])
            while high - low > step:
                if spent >= REFINE_RUNS:
                    return
                middle = ((low + high) / 2 / step).to_integral_value(rounding="ROUND_FLOOR") * step
                key = combo[:i] + (middle,) + combo[i + 1 :]
                try:
                    runs[key] = run(_complete(profile, absent, key))
                except EvaluationError:
                    return
                spent += 1
                if _statuses(runs[key]) == below:
                    low = middle
                else:
                    high = middle


def _unsettled(outcome: ProfileResult) -> ProfileResult:
    """Beyond the bounds: undetermined results as they were, with a range from 0 and no known upper bound."""
    for result in outcome.results:
        if result.status == "undetermined":
            result.amount_range = (ZERO, None)
    return outcome


def _key(result: MeasureResult) -> tuple[int, str]:
    return (result.project_index, result.measure.id)


def outcome_of(result: MeasureResult | None) -> tuple[str, Decimal]:
    if result is None:
        return ("absent", ZERO)
    return (result.status, result.amount if result.status == "eligible" and result.amount is not None else ZERO)


def _merge(
    rules: RuleSet,
    outcome: ProfileResult,
    profile: dict[str, Any],
    absent: list[str],
    values: list[list[Any]],
    runs: dict[tuple[Any, ...], ProfileResult],
    lang: str,
    explained: Run | None,
) -> ProfileResult:
    combos = list(runs)
    by_key = [{_key(r): r for r in runs[combo].results} for combo in combos]
    shown: dict[tuple[Any, ...], dict[tuple[int, str], MeasureResult]] = {}
    for result in outcome.results:
        key = _key(result)
        seen = [found.get(key) for found in by_key]
        outcomes = [outcome_of(r) for r in seen]
        if len(set(outcomes)) == 1:
            if take_settled(result, [r for r in seen if r is not None]) and explained is not None:
                # the explanation of a completion with the same outcome (and, if any, the same first failed check)
                failed = next((c.id for c in result.conditions if c.holds is False), None)
                pick = next(
                    (i for i, r in enumerate(seen) if r is not None and first_failed(r) == failed),
                    next(i for i, r in enumerate(seen) if r is not None),
                )
                combo = combos[pick]
                if combo not in shown:
                    try:
                        shown[combo] = {_key(r): r for r in explained(_complete(profile, absent, combo)).results}
                    except EvaluationError:  # the split's budget is spent: the partial evaluation's explanation
                        shown[combo] = {}
                given = key not in shown[combo]
                lines = list(result.explanation) if given else shown[combo][key].explanation
                reads = _reads(rules, result, absent, profile, outcome.dates["as_of"])
                considered = [(p, v) for p, v in zip(absent, combo, strict=True) if p in reads]
                settled = settled_line(result, considered, given, lang)
                result.explanation[:] = (
                    [settled, *lines] if failed is not None or result.status != "not_eligible" else [*lines, settled]
                )
        else:
            _open(result, absent, values, combos, outcomes, seen, lang, explained is not None)
    outcome.total = sum((r.amount for r in outcome.results if r.recommended and r.amount is not None), ZERO)
    before = outcome.summarise

    def summary() -> Summary:
        first = before() if before else Summary(None, None, None)
        sizes = {runs[c].size for c in combos} if first.size is None else {first.size}
        kinds = {runs[c].nis2 for c in combos} if first.nis2 is None else {first.nis2}
        minimis = [runs[c].de_minimis for c in combos]
        return Summary(
            sizes.pop() if len(sizes) == 1 else None,
            kinds.pop() if len(kinds) == 1 else None,
            minimis[0] if all(m == minimis[0] for m in minimis) else first.de_minimis,
        )

    outcome.summarise = summary
    outcome._summary = None
    return outcome


def _agreed(result: MeasureResult, seen: list[MeasureResult], settled: bool) -> None:
    """Each condition takes the truth every completion that checked it agrees on; a settled result drops the
    unknown checks no completion made (those after the amount, when every completion fails before it)."""
    truths: dict[str, set[bool | None]] = {}
    for other in seen:
        for condition in other.conditions:
            truths.setdefault(condition.id, set()).add(condition.holds)
    kept = []
    for condition in result.conditions:
        found = truths.get(condition.id, set())
        if condition.holds is None and len(found) == 1 and None not in found:
            condition.holds = found.pop()
            condition.missing = frozenset()
        if not (settled and condition.holds is None and not found):
            kept.append(condition)
    result.conditions[:] = kept


def first_failed(result: MeasureResult) -> str | None:
    return next((c.id for c in result.conditions if c.holds is False), None)


def take_settled(result: MeasureResult, seen: list[MeasureResult]) -> bool:
    """Every completion gives the same outcome: the result takes it. True when that changed the result."""
    if not seen:
        return False
    first = seen[0]
    result.recommended = all(r.recommended for r in seen)
    if result.status != "undetermined" and result.status == first.status and result.amount == first.amount:
        return False
    _agreed(result, seen, True)
    result.status = first.status
    result.amount = first.amount if first.status in ("eligible", "not_eligible") else None
    result.missing = []
    result.amount_range = None
    rates = {r.rate for r in seen}
    bases = {r.base for r in seen}
    if len(rates) == 1:
        result.rate = rates.pop()
    if len(bases) == 1:
        result.base = bases.pop()
    return True


def _open(
    result: MeasureResult,
    absent: list[str],
    values: list[list[Any]],
    combos: list[tuple[Any, ...]],
    outcomes: list[tuple[str, Decimal]],
    seen: list[MeasureResult | None],
    lang: str,
    explain: bool,
) -> None:
    """Completions differ: undetermined, with the facts that change it and the range of its amount."""
    changing = []
    for i, path in enumerate(absent):
        groups: dict[tuple[Any, ...], set[tuple[str, Decimal]]] = {}
        for combo, found in zip(combos, outcomes, strict=True):
            groups.setdefault(combo[:i] + combo[i + 1 :], set()).add(found)
        if any(len(group) > 1 for group in groups.values()):
            changing.append(path)
    amounts = [amount for _, amount in outcomes]
    least, most = min(amounts), max(amounts)
    bound = None if _grows(absent, values, combos, amounts, most) else most
    leave_undetermined(result, [r for r in seen if r is not None], changing, least, bound, lang, explain)


def leave_undetermined(
    result: MeasureResult,
    present: list[MeasureResult],
    changing: list[str],
    least: Decimal,
    most: Decimal | None,
    lang: str,
    explain: bool,
) -> None:
    """The result stays undetermined: ``missing`` the facts that change it, ``amount_range`` from ``least`` to
    ``most`` (None: no bound); each condition keeps the truth every completion that checked it agrees on."""
    _agreed(result, present, False)
    result.status = "undetermined"
    result.amount = None
    result.recommended = False
    result.missing = changing
    result.amount_range = (least, most)
    for condition in result.conditions:
        if condition.holds is None:
            condition.missing = frozenset(p for p in changing if any(p.startswith(m) for m in condition.missing))
    if explain:
        high = money(most, lang) if most is not None else say("results.no-bound", lang)
        result.explanation.append(say("results.amount-range", lang, low=money(least, lang), high=high))


def _reads(rules: RuleSet, result: MeasureResult, absent: list[str], profile: dict[str, Any], as_of: Any) -> set[str]:
    """The absent paths the result's measure reads (through the facts it uses): of the company, of its own
    project, and of the projects evaluated before it (their aid counts in its history)."""
    from .reads import analysis, covers  # here: a module the whole split needs only for explanations

    found = analysis(rules).reads_of(result.measure)
    days = [p.get("application_date") or as_of for p in profile["projects"]]
    mine = (days[result.project_index], result.project_index)
    out = set()
    for path in absent:
        parts = split(path)
        later = parts[0] == "projects" and isinstance(parts[1], int) and (days[parts[1]], parts[1]) > mine
        if later:  # a project evaluated after this one cannot change it
            continue
        if any(covers(read, path) for read in found):
            out.add(path)
    return out


def settled_line(result: MeasureResult, completion: list[tuple[str, Any]], given: bool, lang: str) -> str:
    """The explanation line of a settled result: which absent facts were considered, that every value of them
    gives this outcome, and (``given`` False) the values of the completion whose steps are shown."""
    facts = ", ".join(path for path, _ in completion)
    status = say(f"status.{result.status}", lang)
    if given:
        return say("results.settled-as-given", lang, facts=facts, status=status)
    values = ", ".join(f"{path} = {show(value, lang)}" for path, value in completion)
    return say("results.settled", lang, facts=facts, status=status, values=values)


def _grows(
    absent: list[str], values: list[list[Any]], combos: list[tuple[Any, ...]], amounts: list[Decimal], most: Decimal
) -> bool:
    """True when the highest amount still grows between the two largest telling values of a figure."""
    index = {combo: amount for combo, amount in zip(combos, amounts, strict=True)}
    for i, found in enumerate(values):
        if len(found) < 2 or not all(isinstance(v, (int, Decimal)) and not isinstance(v, bool) for v in found):
            continue
        if Decimal(found[-1]) < LARGE[0]:
            continue
        for combo, amount in index.items():
            if amount == most and combo[i] == found[-1]:
                lower = index.get(combo[:i] + (found[-2],) + combo[i + 1 :])
                if lower is not None and lower < amount:
                    return True
    return False
