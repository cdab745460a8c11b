"""Evaluating a company profile against a rule set: every project, every measure, in order.

For every project (in order of application date) and every measure that applies
to its kind, the evaluator checks the conditions in three-valued logic, computes
the amount (rate times base, rounded half-up to the cent once, then caps and the
minimum), checks the conditions that read the amount, and records why. The
recommended amount of each project joins the aid history that later projects'
yearly caps and de minimis checks read.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from decimal import Decimal
from functools import partial
from typing import Any

from ..diagnostics import EvaluationError
from ..language.expression import Expression
from ..language.fact_order import deep_facts
from ..language.functions import AidEntry
from ..language.runtime import ExpressionRuntimeError, Missing
from ..model import Measure, RuleSet
from .budget import MAX_COMPLETIONS, PROFILE_STEPS, SCAN_ENTRIES_PER_STEP, SPLIT_STEPS, Budget, expression_steps
from .history import History
from .lean_code import lean_result
from .measure import evaluate_measure
from .results import MeasureResult, ProfileResult, as_grant
from .scope import Parameters, Scope, parameters_on
from .summary import summarise

ZERO = Decimal("0.00")

_new_tuple = tuple.__new__

BISECT_FROM = 32
"""Aid entries plus projects from which a profile's aid history is read by bisection instead of scanned."""


def aid_entries(profile: dict[str, Any]) -> list[AidEntry]:
    """The profile's ``aid_received`` as entries of the aid history."""
    return [
        _new_tuple(  # AidEntry(...) without its __new__'s call: one entry per grant of every profile evaluated
            AidEntry,
            (
                a["date"],
                amount if (amount := a["amount"]).__class__ is Decimal else Decimal(amount),
                a.get("measure"),
                a.get("de_minimis", True),
                "received",
            ),
        )
        for a in profile.get("aid_received", [])
    ]


def _applies(scope: Scope, measure: Measure, when: Expression, params: Parameters) -> bool:
    """Whether ``measure`` applies to the project of ``scope`` by its ``applies_when``, ``when`` (an unknown
    answer: it does)."""
    scope.params = params
    try:
        return when.evaluate(scope) is not False
    except Missing:
        return True
    except ExpressionRuntimeError as exc:
        raise EvaluationError(f"{measure.file}: applies_when of measure '{measure.id}': {exc}") from exc


def _recommend(results: list[MeasureResult]) -> MeasureResult | None:
    """Mark the recommended result of one project: the eligible one of the highest amount, then of the first
    measure id; None when no result is eligible with an amount."""
    best: MeasureResult | None = None
    most = ZERO  # its amount
    for r in results:
        amount = r.amount
        if (
            r.status == "eligible"
            and amount is not None
            and (best is None or amount > most or (amount == most and r.measure.id < best.measure.id))
        ):
            best, most = r, amount
    if best is not None:
        best.recommended = True
    return best


def _summary_charges(scope: Scope | None) -> bool:
    """Whether working out the summary (:mod:`.summary`) of the evaluation whose last project's scope is ``scope``
    may take steps from the profile's budget: only by scanning a list of the aid history in that scope long enough
    to cost steps (:meth:`.Budget.scan`). Else it may wait until it is first read (``evaluate``, ``serve`` and
    ``ask`` read it when they add the tips, :func:`~engine.evaluate.tips.add_tips`), and costs nothing to those
    that never read it."""
    if scope is None:
        return False
    ledger = scope.ledger
    return ledger.__class__ is list and len(ledger) >= SCAN_ENTRIES_PER_STEP


class Evaluator:
    """Evaluates profiles against one rule set, caching parameter values per measure and date."""

    def __init__(
        self,
        rules: RuleSet,
        command: Budget | None = None,
        completions: int = MAX_COMPLETIONS,
        whole: int | None = None,
    ):
        """``command``: the budget of steps all the profiles this evaluator evaluates share (:mod:`.budget`);
        each profile also has its own, of ``PROFILE_STEPS``. ``completions``: the most evaluations one
        profile's case split may make (:mod:`.factored`, :mod:`.completion`); ``whole``: a lower bound for the
        split of a profile with several projects, where each completion evaluates the whole profile."""
        self.rules = rules
        self.command = command
        self.completions = completions
        self.whole = completions if whole is None else min(whole, completions)
        self._steps: dict[str, int] = {}
        self._params: dict[tuple[str, _dt.date], Parameters] = {}
        self._by_kind: dict[str, list[Measure]] = {}
        self._plans: dict[tuple[str, _dt.date], list[tuple[Measure, Parameters]]] = {}
        self._deep = deep_facts(rules.facts)
        self._params_of = self.params  # the bound method each outcome's summary reads with, made once, not per profile

    def measures_for(self, kind: str) -> list[Measure]:
        """The measures that apply to a project kind, in id order."""
        found = self._by_kind.get(kind)
        if found is None:
            found = self._by_kind[kind] = [m for m in self.rules.measures.values() if kind in m.applies_to]
        return found

    def _plan(self, kind: str, day: _dt.date) -> list[tuple[Measure, Parameters]]:
        """The measures to evaluate for a project kind on a day (info measures only while in force),
        each with its parameters in force: worked out once per kind and day."""
        key = (kind, day)
        found = self._plans.get(key)
        if found is None:
            if len(self._plans) > 65536:
                self._plans.clear()
            found = self._plans[key] = [
                (m, self.params(m, day)) for m in self.measures_for(kind) if m.status != "info" or m.in_force(day)
            ]
        return found

    def params(self, measure: Measure | None, day: _dt.date) -> Parameters:
        """The parameter values in force on ``day`` (shared ones, plus the measure's own)."""
        key = (measure.id if measure else "", day)
        found = self._params.get(key)
        if found is None:
            if len(self._params) > 65536:
                self._params.clear()
            found = self._params[key] = parameters_on(self.rules, measure, day)
        return found

    def steps(self, measure: Measure) -> int:
        """The steps of evaluating a measure for one project: its expressions and the facts they reach."""
        found = self._steps.get(measure.id)
        if found is None:
            expressions = measure.expressions()
            found = 0
            seen: set[str] = set()
            while expressions:
                expression = expressions.pop()
                found += expression_steps(expression)
                for fact in expression.facts - seen:
                    seen.add(fact)
                    expressions.append(self.rules.facts[fact].expression)
            self._steps[measure.id] = found
        return found

    def parameters_read(self, measure: Measure) -> frozenset[str]:
        """The parameters a measure's expressions read, directly or through the facts they use."""
        expressions = measure.expressions()
        names: set[str] = set()
        seen: set[str] = set()
        while expressions:
            expression = expressions.pop()
            names |= expression.parameters
            for fact in expression.facts - seen:
                seen.add(fact)
                expressions.append(self.rules.facts[fact].expression)
        return frozenset(names)

    def project_results(self, scope: Scope, lang: str, explain: bool, trace: bool = False) -> list[MeasureResult]:
        """Every measure that applies to the project of ``scope`` on its date, evaluated, in id order; the steps
        are charged to ``scope.budget``. (:meth:`evaluate` calls it per project; :mod:`.tips` per later date.)"""
        if not explain and not trace and scope.trace is None:  # evaluate_measure's own test, made once
            return self._lean_results(scope, lang)
        rules, budget, steps, day = self.rules, scope.budget, self._steps, scope.date
        project = scope.project
        results = []
        for measure, params in self._plan(project["kind"], day):
            budget.spend(steps.get(measure.id) or self.steps(measure))
            if (when := measure.applies_when) is not None and not _applies(scope, measure, when, params):
                continue
            if trace:
                traced = scope.fresh()
                result = evaluate_measure(traced, measure, params, lang, True)
                if traced.trace is not None:  # fresh() gives the scope a trace
                    result.aid_reads = traced.trace
                wanted = self.parameters_read(measure)
                result.parameters = {
                    name: entry
                    for group in (rules.parameters, measure.parameters)
                    for name, p in group.items()
                    if name in wanted and (entry := p.entry_at(day)) is not None
                }
                results.append(result)
            else:
                results.append(evaluate_measure(scope, measure, params, lang, explain))
        return results

    def _lean_results(self, scope: Scope, lang: str) -> list[MeasureResult]:
        """:meth:`project_results` with explanations and trace off: each measure by its lean plan (:mod:`.lean_code`)"""
        steps, budget, day = self._steps, scope.budget, scope.date
        kind = scope.project["kind"]
        plan = self._plans.get((kind, day))  # _plan's cache read without its call
        if plan is None:
            plan = self._plan(kind, day)
        results = []
        for measure, params in plan:
            budget.spend(steps.get(measure.id) or self.steps(measure))
            if (when := measure.applies_when) is not None and not _applies(scope, measure, when, params):
                continue
            written = params.plan  # lean_result's test of the plan's code, made here without its call
            if written is not None and written.decide is not None and written.measure is measure:
                results.append(written.decide(scope, params, lang))
            else:
                results.append(lean_result(scope, measure, params, lang))
        return results

    def evaluate(
        self, profile: dict[str, Any], as_of: _dt.date, lang: str = "en", explain: bool = True, trace: bool = False
    ) -> ProfileResult:
        """Evaluate a validated, completed profile.

        Args:
            profile: the profile data after schema validation and defaults.
            as_of: the application date of projects that give none.
            lang: 'nl' or 'en', for texts and explanations.
            explain: False to skip the explanation lines, and the texts and reasons of conditions
                that hold or fail (faster; for batches and comparisons).
            trace: True to keep, per result, the parameters in force, the values each condition
                read and every read of the aid history (for ``subsidie explain``).

        Returns:
            Every (project, measure) result, the company facts and the totals.

        Raises:
            EvaluationError: when a rule expression fails on values the checks did not foresee.
            WorkLimit: when the evaluation needs more steps than its budget holds (:mod:`.budget`).

        A result that read an absent fact is settled when no value of the absent facts changes it, and
        otherwise gets its amount range (:mod:`.completion`); a complete profile does not pay for that.

        The company summary is worked out when first read, unless a trace is kept, a result was settled, or
        working it out may take steps (:func:`_summary_charges`): then at once, so its errors surface here.
        """
        budget = Budget(PROFILE_STEPS, lang, self.command)
        projects = profile["projects"]
        last_scope: Scope | None
        if len(projects) == 1:  # _run's dispatch, made here without its call
            outcome, last_scope = self._run_one(profile, projects[0], as_of, lang, explain, trace, budget)
        else:
            outcome, last_scope = self._run(profile, as_of, lang, explain, trace, budget)
        if self.completions:
            for result in outcome.results:
                if result.status == "undetermined":
                    outcome = self._settle(outcome, profile, as_of, lang, explain, last_scope, budget)
                    break
            else:  # every result settled: an unknown company size is settled when first read
                outcome.settle_size = (self, profile, as_of, lang, explain, last_scope, budget)
        if trace or (explain and (outcome.settle_size is None or _summary_charges(last_scope))):
            outcome.size  # noqa: B018 - work the summary out now, so that its errors and its steps come here
        return outcome

    def _settle(
        self,
        outcome: ProfileResult,
        profile: dict[str, Any],
        as_of: _dt.date,
        lang: str,
        explain: bool,
        last_scope: Scope | None,
        used: Budget,
    ) -> ProfileResult:
        """The case split over the absent facts (:mod:`.completion`, :mod:`.factored`), on a budget of its own;
        ``used``: the budget the evaluation spent (its steps bound the whole split's)."""
        spent = used.limit - used.left
        from .completion import settle  # here: a complete profile never needs it (nor what it imports)

        split = Budget(SPLIT_STEPS, lang)
        if len(profile["projects"]) == 1 and last_scope is not None:
            from .factored import Opaque, settle_one

            try:
                return settle_one(self, profile, outcome, last_scope, lang, explain, self.completions, split)
            except Opaque:  # a rule the analysis cannot see through: the whole split
                split = Budget(SPLIT_STEPS, lang)
        return settle(
            self.rules,
            profile,
            outcome,
            last_scope,
            partial(self._completion, as_of=as_of, lang=lang, budget=split, explain=False),
            spent,
            lang,
            partial(self._completion, as_of=as_of, lang=lang, budget=split, explain=True) if explain else None,
            self.whole,
        )

    def _completion(
        self, profile: dict[str, Any], as_of: _dt.date, lang: str, budget: Budget, explain: bool
    ) -> ProfileResult:
        """One completion of the split (:mod:`.completion`), on the split's budget."""
        return self._run(profile, as_of, lang, explain, False, budget)[0]

    def _run(
        self, profile: dict[str, Any], as_of: _dt.date, lang: str, explain: bool, trace: bool, budget: Budget
    ) -> tuple[ProfileResult, Scope | None]:
        """The evaluation itself (:meth:`evaluate`), with the scope of the project evaluated last."""
        projects = profile["projects"]
        if len(projects) == 1:  # no order to work out, no history of earlier projects, no results to merge
            return self._run_one(profile, projects[0], as_of, lang, explain, trace, budget)
        rules = self.rules
        company = profile["company"]
        received = aid_entries(profile) if profile.get("aid_received") else []
        dates = [p.get("application_date") or as_of for p in projects]
        order = sorted(range(len(projects)), key=lambda i: (dates[i], i))
        last = order[-1]
        # a short history is scanned as a list (faster than building running sums); a long one is read by
        # bisection (:mod:`.history`), so a profile's work stays linear in its aid entries and projects
        history = History(received) if len(received) + len(projects) > BISECT_FROM else None
        granted: list[AidEntry] = []
        total = ZERO  # the recommended amounts (exact: each has two decimals)
        by_project: dict[int, list[MeasureResult]] = {}
        last_scope: Scope | None = None
        for index in order:
            project, day = projects[index], dates[index]
            if "application_date" not in project:
                project = {**project, "application_date": day}
            if history is not None:
                ledger: Iterable[AidEntry] = history.upto(day)
            elif granted:
                ledger = [e for e in received + granted if e.date <= day]
            else:
                ledger = [e for e in received if e.date <= day] if received else []
            scope = Scope(rules, company, project, index, day, ledger, self._deep)
            scope.budget = budget
            last_scope = scope
            results = self.project_results(scope, lang, explain, trace)
            best = _recommend(results)
            if best is not None and best.amount is not None:  # (a recommended result always has an amount)
                amount = best.amount
                total += amount
                if index != last:  # the aid the projects after it see
                    grant = as_grant(best)
                    if history is not None:
                        history.grant(grant)
                    else:
                        granted.append(grant)
            by_project[index] = results
        ordered = [r for i in range(len(projects)) for r in by_project.get(i, [])]

        outcome = ProfileResult(
            ordered,
            total,
            {"as_of": as_of, "application_dates": sorted(set(dates))},
            partial(summarise, rules, last_scope, self._params_of, received, ordered),
        )  # positional, as in _run_one
        if history is not None:
            outcome.history = history
        return outcome, last_scope

    def _run_one(
        self,
        profile: dict[str, Any],
        project: dict[str, Any],
        as_of: _dt.date,
        lang: str,
        explain: bool,
        trace: bool,
        budget: Budget,
    ) -> tuple[ProfileResult, Scope]:
        """:meth:`_run` for a profile of one project, ``project``: the same outcome, without the bookkeeping of
        several."""
        rules = self.rules
        received = aid_entries(profile) if profile.get("aid_received") else []
        day = project.get("application_date") or as_of
        if "application_date" not in project:
            project = {**project, "application_date": day}
        history = History(received) if len(received) >= BISECT_FROM else None  # the entries and the one project
        if history is not None:
            ledger: Iterable[AidEntry] = history.upto(day)
        else:  # the grants dated on or before the day: the list itself when that is all of them (both only read)
            ledger = received
            for entry in received:
                if entry.date > day:
                    ledger = [e for e in received if e.date <= day]
                    break
        scope = Scope(rules, profile["company"], project, 0, day, ledger, self._deep)
        scope.budget = budget
        if explain or trace:
            results = self.project_results(scope, lang, explain, trace)
        else:  # _lean_results, written out here without its call
            plan = self._plans.get((project["kind"], day))
            if plan is None:
                plan = self._plan(project["kind"], day)
            steps = self._steps
            results = []
            for measure, params in plan:
                cost = steps.get(measure.id) or self.steps(measure)
                if budget.command is None and budget.left >= cost:  # Budget.spend when it neither raises nor passes on
                    budget.left -= cost
                else:
                    budget.spend(cost)
                if (when := measure.applies_when) is not None and not _applies(scope, measure, when, params):
                    continue
                written = params.plan
                if written is not None and written.decide is not None and written.measure is measure:
                    results.append(written.decide(scope, params, lang))
                else:
                    results.append(lean_result(scope, measure, params, lang))
        best = _recommend(results)
        total = ZERO if best is None or best.amount is None else ZERO + best.amount  # the sum _run makes, for one
        outcome = ProfileResult(
            results,
            total,
            {"as_of": as_of, "application_dates": [day]},
            partial(summarise, rules, scope, self._params_of, received, results),
        )  # positional: a keyword makes the call build a dict (some 1,100 instructions)
        if history is not None:
            outcome.history = history
        return outcome, scope
