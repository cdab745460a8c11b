"""The lean evaluation of one measure (explanations and traces off): the decision of :mod:`.measure`, in one pass.

:func:`~engine.evaluate.measure.evaluate_measure` hands a measure here when nothing is explained
or traced (batches, comparisons, settled results, tips, benchmarks). What a measure's version
needs on every call is worked out once (:class:`Plan`: the conditions before and after the amount,
the amount, the end of its validity, texts without placeholders), and the status is kept while the
checks run instead of read back from them, without an explainer and without the helper calls the
explaining path makes. The result is the one the explaining path gives with explanations off: the
same checks in the same order, with the same ids, outcomes, texts, missing facts and errors
(tests/unit/evaluate/test_lean_path.py).
"""

from __future__ import annotations

import datetime as _dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..diagnostics import EvaluationError
from ..language.runtime import ExpressionRuntimeError, Missing
from ..model import Amount, Condition, Limit, Measure, Text, Version
from ..text.formatting import CENT, round_money
from ..text.messages import say
from .explaining import Explainer
from .results import ConditionResult, MeasureResult
from .scope import Parameters, Scope

ZERO = Decimal("0.00")
NOUGHT = Decimal(0)  # the start of the sums of the parts: a Decimal never changes, so one serves them all
HUNDRED = Decimal(100)  # a rate's divisor, converted once (what dividing by the int 100 converts each time)
MAX_PLANS = 4096


def _decided(condition_id: str) -> tuple[ConditionResult, ConditionResult]:
    """The check of a condition that does not hold, and of one that holds, with nothing more to say: made once
    per plan and shared by every result of the plan. Shared, so never changed (only an unknown check is
    settled in place, by :mod:`.completion`; these are made apart for each result)."""
    return ConditionResult(condition_id, False, "", ""), ConditionResult(condition_id, True, "", "")


class Plan:
    """What the lean evaluation of a measure under one version reads on every call, worked out once."""

    __slots__ = (
        "amount",
        "before",
        "decide",
        "later",
        "limits",
        "measure",
        "reminders",
        "runs",
        "source",
        "until",
        "version",
        "version_id",
    )

    def __init__(self, measure: Measure, version: Version | None):
        self.measure = measure
        self.version = version
        conditions = version.conditions if version and version.conditions is not None else measure.conditions
        self.before = tuple((c.expression, c, *_decided(c.id)) for c in conditions if not c.after_amount)
        self.later = tuple((c, _decided(c.id)) for c in conditions if c.after_amount)
        # each reminder with its (id, text) in Dutch and in English when the text has no placeholders (a tuple
        # shared by every result that shows it), else None: the text is then written for each result
        self.reminders: tuple[tuple[Any, ...], ...] = tuple(
            (r.when, r, *[(r.id, raw) if "{" not in raw and "}" not in raw else None for raw in (r.text.nl, r.text.en)])
            for r in measure.reminders
        )
        self.amount: Amount | None = version.amount if version and version.amount is not None else measure.amount
        spec = self.amount
        limits = (*spec.caps, *([spec.minimum] if spec.minimum else [])) if spec else ()
        self.limits = {id(limit): _settled(limit) for limit in limits}
        ends = [d for d in (measure.valid_until, version.until if version else None) if d is not None]
        self.until: _dt.date | None = min(ends) if ends else None
        self.version_id = version.id if version else None
        self.source = version.source if version else measure.sources[0]
        self.runs = 0  # lean evaluations by this plan so far, until it is written with its facts (:mod:`.lean_code`)
        self.decide: Any = None  # that code: a function of (scope, parameters, language), the lean result


def _settled(limit: Limit) -> dict[tuple[str, bool], ConditionResult]:
    """The checks of a cap or minimum that holds or fails, by language and outcome, for a text without
    placeholders (the same in every result: shared, like :func:`_decided`'s); nothing for a text with them."""
    return {
        (lang, holds): ConditionResult(limit.id, holds, raw, "", expression=limit.amount.source)
        for lang, raw in (("nl", limit.text.nl), ("en", limit.text.en))
        if "{" not in raw and "}" not in raw
        for holds in (False, True)
    }


_PLANS: dict[tuple[int, int], Plan] = {}


def plan(measure: Measure, version: Version | None) -> Plan:
    """The plan of ``measure`` under ``version``, made on first use (the key is checked by identity)."""
    key = (id(measure), id(version))
    found = _PLANS.get(key)
    if found is None or found.measure is not measure or found.version is not version:
        if len(_PLANS) > MAX_PLANS:
            _PLANS.clear()
        found = _PLANS[key] = Plan(measure, version)
    return found


def rule_text(text: Text, scope: Scope, params: Parameters, lang: str) -> str:
    """A rule text as the explaining path writes it with explanations off (placeholders filled in)."""
    raw = text.nl if lang == "nl" else text.en  # text(lang), without the call
    if "{" not in raw and "}" not in raw:
        return raw
    return Explainer(scope, params, lang, False).text(text)


def run_expression(measure: Measure, scope: Scope, expression: Any, what: str, name: str | None = None) -> object:
    """The value of one of the measure's expressions; a runtime error says which expression failed (``what``,
    followed by the ``name`` of a cap, minimum or reminder when given: written only when it fails)."""
    try:
        return expression.evaluate(scope)
    except ExpressionRuntimeError as exc:
        raise expression_failed(measure, expression, what, name, exc) from exc


def expression_failed(
    measure: Measure, expression: Any, what: str, name: str | None, exc: Exception
) -> EvaluationError:
    """The error of one of the measure's expressions that failed (:func:`run_expression`)."""
    return EvaluationError(
        f"{measure.file}: {_named(what, name)} of measure '{measure.id}' ('{expression.source}'): {exc}"
    )


def _named(what: str, name: str | None) -> str:
    return what if name is None else f"{what} '{name}'"


def checked_number(
    measure: Measure, value: object, what: str, negative_ok: bool = False, name: str | None = None
) -> Decimal | int:
    """Check a computed number; a cap may be negative (it then leaves nothing: the amount becomes 0 and fails, D14).
    ``what`` and ``name`` as for :func:`run_expression`."""
    if (value.__class__ is not int and value.__class__ is not Decimal) and (
        isinstance(value, bool) or not isinstance(value, (int, Decimal))
    ):
        raise EvaluationError(
            f"{measure.file}: {_named(what, name)} of measure '{measure.id}' is {value!r}, not a number"
        )
    if not negative_ok and value < 0:
        raise EvaluationError(f"{measure.file}: {_named(what, name)} of measure '{measure.id}' is negative ({value})")
    return value


def path_key(path: str) -> tuple[bool, str]:
    """The order of missing facts: the company's first, then by path."""
    return (not path.startswith("company"), path)


def evaluate_lean(scope: Scope, measure: Measure, params: Parameters, lang: str) -> MeasureResult:
    """:func:`~engine.evaluate.measure.evaluate_measure` with explanations off and no trace: the plan of the
    measure interpreted (:mod:`.lean_code` writes the same steps as one function per plan, for plans run often)."""
    day = scope.date
    scope.params = params
    version = params.version
    steps = params.plan
    if steps is None or steps.measure is not measure:
        steps = params.plan = plan(measure, version)
    checks: list[ConditionResult] = []
    result = MeasureResult(
        scope.project["id"],
        scope.project_index,
        measure,
        day,
        "info",
        None,
        None,
        None,
        checks,
        [],
        [],
        [],
        steps.version_id,
        steps.source,
        measure.title.nl if lang == "nl" else measure.title.en,  # measure.title(lang), without the call
    )
    if measure.status == "info":
        return result
    until = steps.until
    if day < measure.valid_from or (until is not None and day > until):
        return out_of_force(result, lang)
    failed = call_failed(measure, checks, scope, params, lang) if measure.calls else False
    unknown = False
    missing: frozenset[str] | set[str] = NOTHING  # replaced by a set of its own when something is missing
    append = checks.append
    for expression, condition, fails, holds in steps.before:
        try:
            value = expression.evaluate(scope)  # read each time: an expression replaces its evaluate when generated
        except Missing as exc:
            append(unknown_check(condition, exc, scope, params, lang))
            unknown = True
            missing = missing | exc.paths
            continue
        except ExpressionRuntimeError as exc:
            raise condition_error(measure, condition, exc) from exc
        if value is True:
            append(holds)
        elif value is False:
            append(fails)
            failed = True
        else:
            raise not_boolean(measure, condition, value)
    if steps.reminders:
        for when, reminder, nl, en in steps.reminders:
            try:
                show_it = when is None or when.evaluate(scope) is True
            except Missing:
                show_it = False
            except ExpressionRuntimeError as exc:
                raise expression_failed(measure, when, "reminder", reminder.id, exc) from exc
            if show_it:
                said = nl if lang == "nl" else en  # rule_text's choice of language, made once per plan
                result.reminders.append(
                    said if said is not None else (reminder.id, rule_text(reminder.text, scope, params, lang))
                )
    if failed:  # not_eligible, without its call (nothing is missing yet)
        result.status = "not_eligible"
        result.amount = ZERO
        return result
    return amount_and_after(steps, scope, params, lang, result, missing, unknown)


def out_of_force(result: MeasureResult, lang: str) -> MeasureResult:
    """``result`` of a measure not in force on its application date: its one check, not eligible."""
    measure = result.measure
    end = measure.valid_until or say("common.open-ended", lang)
    result.conditions.append(
        ConditionResult(
            "in-force",
            False,
            say("results.in-force", lang, start=measure.valid_from, end=end),
            f"application_date = {result.application_date}",
        )
    )
    return not_eligible(result)


def call_failed(measure: Measure, checks: list[ConditionResult], scope: Scope, params: Parameters, lang: str) -> bool:
    """Add the check of the measure's calls for projects to ``checks``: whether it fails (no call open)."""
    calls = measure.calls
    assert calls is not None
    day = scope.date
    window = calls.window_at(day)
    reason = (
        say("results.call-open", lang, name=window.name, open=window.open, close=window.close)
        if window
        else say("results.call-closed", lang, date=day)
    )
    checks.append(
        ConditionResult(calls.condition_id, window is not None, rule_text(calls.text, scope, params, lang), reason)
    )
    return window is None


def condition_error(measure: Measure, condition: Condition, exc: Exception) -> EvaluationError:
    """The error of a condition whose expression failed."""
    return EvaluationError(
        f"{measure.file}: condition '{condition.id}' of measure '{measure.id}' ('{condition.expression.source}'): {exc}"
    )


def not_boolean(measure: Measure, condition: Condition, value: object) -> EvaluationError:
    """The error of a condition whose value is not true or false."""
    return EvaluationError(
        f"{measure.file}: condition '{condition.id}' of measure '{measure.id}' gave {value!r}, not true or false"
    )


def amount_and_after(
    steps: Plan,
    scope: Scope,
    params: Parameters,
    lang: str,
    result: MeasureResult,
    missing: frozenset[str] | set[str],
    unknown: bool,
) -> MeasureResult:
    """The rest of a lean evaluation once every condition before the amount holds or is unknown (``missing``:
    what they found absent, ``unknown``: whether one is): the amount, its caps and minimum, the conditions after
    it, and the status."""
    measure = steps.measure
    checks = result.conditions
    spec = steps.amount
    assert spec is not None  # a measure that is not 'info' has an amount (checked when the rules load)
    first = len(checks)  # the checks of the caps, the minimum and the conditions after the amount come next
    try:
        amount = _compute(measure, scope, params, lang, spec, result, steps.limits)
    except Missing as exc:
        return amount_missing(steps, scope, params, lang, result, missing | exc.paths)
    scope.amount = amount
    try:
        for condition, decided in steps.later:
            try:
                value = condition.expression.evaluate(scope)
            except Missing as exc:
                checks.append(unknown_check(condition, exc, scope, params, lang))
                continue
            except ExpressionRuntimeError as exc:
                raise condition_error(measure, condition, exc) from exc
            if value.__class__ is not bool:
                raise not_boolean(measure, condition, value)
            checks.append(decided[value])
    finally:
        scope.amount = None
    result.amount = amount
    for check in checks[first:]:
        holds = check.holds
        if holds is False:
            return not_eligible(result)
        if holds is None:
            unknown = True
            missing = missing | check.missing
    if missing or unknown:
        return undetermined(result, missing)
    result.status = "eligible"
    return result


NOTHING: frozenset[str] = frozenset()


def not_eligible(result: MeasureResult) -> MeasureResult:
    result.status = "not_eligible"
    result.amount = ZERO
    if result.missing:  # the result's own list, empty unless a cap read an absent fact
        result.missing = []
    return result


def undetermined(result: MeasureResult, missing: frozenset[str] | set[str]) -> MeasureResult:
    result.status = "undetermined"
    result.amount = None
    result.missing = sorted(missing, key=path_key)
    return result


def unknown_check(condition: Condition, exc: Missing, scope: Scope, params: Parameters, lang: str) -> ConditionResult:
    """A condition that read an absent fact: its text, what is missing and its expression."""
    return ConditionResult(
        condition.id,
        None,
        rule_text(condition.text, scope, params, lang),
        "",
        exc.paths,
        condition.expression.source,
        (),
    )


def _compute(
    measure: Measure,
    scope: Scope,
    params: Parameters,
    lang: str,
    spec: Amount,
    result: MeasureResult,
    limits: dict[int, dict[tuple[str, bool], ConditionResult]],
) -> Decimal:
    """The amount after its caps, with the checks of the caps and the minimum added to the result (``limits``:
    the plan's shared checks of the caps and the minimum). A number of the usual class that is not negative is
    taken as it is; any other goes through :func:`checked_number`, which says what is wrong with it."""
    if spec.fixed is not None:
        amount = round_money(
            checked_number(measure, run_expression(measure, scope, spec.fixed, "the fixed amount"), "the fixed amount")
        )
    else:
        total = NOUGHT
        bases = NOUGHT
        first = True
        for part in spec.parts:
            expression = part.rate
            try:
                rate = expression.evaluate(scope)
                # a Decimal is taken as it is (Decimal() of one is an equal copy), an int converted now, so that it
                # is compared with Decimals only (an int beside a Decimal is converted at each comparison)
                if rate.__class__ is not Decimal:
                    if rate.__class__ is not int or rate < 0:
                        rate = checked_number(measure, rate, "the rate")
                    rate = Decimal(rate)
                elif rate < NOUGHT:
                    checked_number(measure, rate, "the rate")  # says it is negative
                if rate > HUNDRED:
                    raise rate_too_high(measure, rate)
                expression = part.base
                base = expression.evaluate(scope)
                if (base.__class__ is not int and base.__class__ is not Decimal) or base < 0:
                    base = checked_number(measure, base, "the base")
            except ExpressionRuntimeError as exc:
                what = "the rate" if expression is part.rate else "the base"
                raise expression_failed(measure, expression, what, None, exc) from exc
            total += rate * (base if base.__class__ is Decimal else Decimal(base)) / HUNDRED
            bases += base
            if first:
                result.rate = rate
                first = False
        result.base = bases
        amount = total.quantize(CENT, rounding=ROUND_HALF_UP)  # round_money(total) of a Decimal, without its call
    checks = result.conditions
    for cap in spec.caps:
        expression = cap.amount
        try:
            value = expression.evaluate(scope)
        except ExpressionRuntimeError as exc:
            raise expression_failed(measure, expression, "cap", cap.id, exc) from exc
        except Missing as exc:
            result.missing.extend(exc.paths)
            checks.append(ConditionResult(cap.id, None, rule_text(cap.text, scope, params, lang), "", exc.paths))
            continue
        if value.__class__ is not Decimal:
            if value.__class__ is not int:
                value = checked_number(measure, value, "cap", True, cap.id)
            value = Decimal(value)
        limit = value.quantize(CENT, rounding=ROUND_HALF_UP)  # round_money(value), without its call
        if amount > limit:
            amount = max(limit, ZERO)  # nothing left under the cap: 0 (D14)
        holds = limit > NOUGHT  # D14: a cap that leaves nothing fails, whatever the amount (even one that is 0)
        check = limits[id(cap)].get((lang, holds))
        checks.append(
            check
            if check is not None
            else ConditionResult(
                cap.id, holds, rule_text(cap.text, scope, params, lang), "", expression=expression.source
            )
        )
    if spec.minimum is not None:
        minimum = spec.minimum
        try:
            value = run_expression(measure, scope, minimum.amount, "minimum", minimum.id)
            least = checked_number(measure, value, "minimum", False, minimum.id)
        except Missing as exc:
            checks.append(
                ConditionResult(minimum.id, None, rule_text(minimum.text, scope, params, lang), "", exc.paths)
            )
        else:
            holds = amount >= least
            check = limits[id(minimum)].get((lang, holds))
            checks.append(
                check
                if check is not None
                else ConditionResult(
                    minimum.id,
                    holds,
                    rule_text(minimum.text, scope, params, lang),
                    "",
                    expression=minimum.amount.source,
                )
            )
    return amount


def rate_too_high(measure: Measure, rate: Decimal) -> EvaluationError:
    """The error of a rate over 100%."""
    return EvaluationError(f"{measure.file}: the rate of measure '{measure.id}' is {rate}%, more than 100%")


def _cap_without_amount(measure: Measure, scope: Scope, params: Parameters, lang: str, cap: Limit) -> ConditionResult:
    """A cap's check when the amount is unknown: a cap with nothing left fails whatever the amount (D14)."""
    text = rule_text(cap.text, scope, params, lang)
    try:
        limit = checked_number(measure, run_expression(measure, scope, cap.amount, "cap", cap.id), "cap", True, cap.id)
    except Missing as exc:
        return ConditionResult(cap.id, None, text, "", exc.paths)
    return ConditionResult(cap.id, False if limit <= 0 else None, text, "")


def amount_missing(
    steps: Plan, scope: Scope, params: Parameters, lang: str, result: MeasureResult, missing: frozenset[str] | set[str]
) -> MeasureResult:
    """The end of a lean evaluation whose amount read an absent fact (``missing``: the absent facts so far, those of
    the amount among them): the checks of the caps, the minimum and the conditions after the amount, unknown unless
    a cap leaves nothing whatever the amount (D14)."""
    measure = steps.measure
    spec = steps.amount
    assert spec is not None
    checks = result.conditions
    failed = False
    for cap in spec.caps:
        check = _cap_without_amount(measure, scope, params, lang, cap)
        checks.append(check)
        if check.holds is False:
            failed = True
        missing = missing | check.missing
    if spec.minimum:
        minimum = spec.minimum
        checks.append(ConditionResult(minimum.id, None, rule_text(minimum.text, scope, params, lang), ""))
    for condition, _ in steps.later:
        checks.append(
            ConditionResult(condition.id, None, rule_text(condition.text, scope, params, lang), "", frozenset())
        )
    return not_eligible(result) if failed else undetermined(result, missing)
