"""Evaluating one measure for one project: its conditions, its amount with caps and minimum, its status.

:func:`evaluate_measure` checks the conditions in three-valued logic (those that read the
amount after it), computes the amount (rate times base, rounded half-up to the cent once,
then the caps and the minimum), shows the reminders whose condition holds, and sets the
status: not eligible when a condition fails, undetermined when one is unknown or a fact is
missing, else eligible. With ``explain`` on, an :class:`~engine.evaluate.explaining.Explainer`
writes every step down (and, with a trace, every value read); with it off (batches, comparisons,
benchmarks) :mod:`.lean` makes the same decisions in one pass and keeps only ids and outcomes (and
the texts of the checks that are unknown or are caps and minimums, as here).
"""

from __future__ import annotations

from decimal import Decimal

from ..diagnostics import EvaluationError
from ..language.runtime import ExpressionRuntimeError, Missing
from ..model import Amount, Condition, Limit, Measure
from ..text.formatting import money, number, round_money
from .explaining import Explainer, exact_money, read_once, reason_parts, told
from .history import HistoryView
from .lean import checked_number, evaluate_lean, path_key, run_expression
from .results import ConditionResult, MeasureResult
from .scope import Parameters, Scope
from .wording import Wording, wording

NOTHING: frozenset[str] = frozenset()
ZERO = Decimal("0.00")


def evaluate_measure(scope: Scope, measure: Measure, params: Parameters, lang: str, explain: bool) -> MeasureResult:
    """Evaluate ``measure`` for the project of ``scope`` with the parameters (and version) in force.

    With ``explain`` off the decision is :mod:`.lean`'s (conditions that hold or fail keep only their id
    and outcome, no explanation line is written; everything else is the same); with it on, or with a
    trace, the steps are written down here.

    Raises:
        EvaluationError: when an expression fails, a condition gives no truth value, or an amount
            is not a number, is negative, or has a rate above 100%.
    """
    if not explain:  # a trace is only made with explanations on (:meth:`.Evaluator.project_results`)
        return evaluate_lean(scope, measure, params, lang)
    ledger = scope.ledger
    once = read_once(scope, measure) if ledger.__class__ is HistoryView else None  # a list is scanned each time
    if once is None:
        return _explained(scope, measure, params, lang)
    scope.ledger = once  # each aid read worked out once, for the check and again for its reason
    try:
        return _explained(scope, measure, params, lang)
    finally:
        scope.ledger = ledger


def _explained(scope: Scope, measure: Measure, params: Parameters, lang: str) -> MeasureResult:
    """:func:`evaluate_measure` with explanations on; what it writes alike for every project is its wording's
    (:mod:`.wording`)."""
    day = scope.date
    scope.params = params
    why = Explainer(scope, params, lang, True)
    words = wording(measure, params, lang, day, why)
    why.reasons = words.reasons
    result = MeasureResult(
        scope.project["id"],
        scope.project_index,
        measure,
        day,
        "info",
        None,
        None,
        None,
        [],
        [],
        why.lines,
        [],
        words.version_id,
        words.source,
        words.title,
    )
    if words.in_force is not None:
        why.lines.append(words.in_force)
    if measure.status == "info":
        return result
    checks = result.conditions
    if words.out_of_force is not None:
        checks.append(ConditionResult("in-force", False, *words.out_of_force))
        return _finish(result, why, words)
    failed = False
    calls = words.calls
    if calls is not None:
        checks.append(ConditionResult(*calls))
        failed = calls[1] is False
    traced = scope.trace is not None
    for entry in words.before:
        condition, expression, text, fails, parts = entry
        try:
            value = expression.evaluate(scope)
        except Missing as exc:
            checks.append(_unknown(why, condition, exc))
            continue
        except ExpressionRuntimeError as exc:
            raise EvaluationError(
                f"{measure.file}: condition '{condition.id}' of measure '{measure.id}' ('{expression.source}'): {exc}"
            ) from exc
        if value is False:
            failed = True
        elif value is not True:
            raise EvaluationError(
                f"{measure.file}: condition '{condition.id}' of measure "
                f"'{measure.id}' gave {value!r}, not true or false"
            )
        if text is None:
            text = why.text(condition.text)
        if parts is None:
            parts = entry[4] = reason_parts(expression, scope, lang)
        if value is not False:
            fails = ""
        elif fails is None:
            fails = why.failed(condition.failed, False)
        checks.append(
            ConditionResult(
                condition.id,
                value,
                text,
                told(parts, scope, lang),
                NOTHING,
                expression.source,
                why.reads(expression) if traced else (),
                fails,
            )
        )
    if measure.reminders:
        _reminders(measure, scope, why, result)
    if failed:
        return _finish(result, why, words)
    # a measure that is not 'info' has an amount, its own or its version's (checked when the rules load)
    version = params.version
    spec = version.amount if version and version.amount is not None else measure.amount
    assert spec is not None
    return _amount(measure, scope, why, spec, result, words)


def _reminders(measure: Measure, scope: Scope, why: Explainer, result: MeasureResult) -> None:
    """The reminders whose condition holds (an unknown condition shows none)."""
    for reminder in measure.reminders:
        try:
            show_it = (
                reminder.when is None
                or run_expression(measure, scope, reminder.when, f"reminder '{reminder.id}'") is True
            )
        except Missing:
            show_it = False
        if show_it:
            result.reminders.append((reminder.id, why.text(reminder.text)))


def _amount(
    measure: Measure,
    scope: Scope,
    why: Explainer,
    spec: Amount,
    result: MeasureResult,
    words: Wording,
) -> MeasureResult:
    """The amount, its caps and minimum, and the conditions that read the amount; then the status."""
    checks = result.conditions
    later = words.later
    try:
        amount = _compute(measure, scope, why, spec, result)
    except Missing as exc:
        result.missing.extend(exc.paths)
        why.say("results.amount-unknown", facts=", ".join(sorted(exc.paths)))
        for cap in spec.caps:
            checks.append(_cap_without_amount(measure, scope, why, cap))
        if spec.minimum:
            minimum = spec.minimum
            checks.append(ConditionResult(minimum.id, None, why.text(minimum.text), why.reason(minimum.amount)))
        for condition in later:
            checks.append(
                ConditionResult(
                    condition.id, None, why.text(condition.text), why.reason(condition.expression), frozenset()
                )
            )
        return _finish(result, why, words)
    scope.amount = amount
    try:
        for condition in later:
            checks.append(_check(measure, scope, why, condition))
    finally:
        scope.amount = None
    result.amount = amount
    return _finish(result, why, words)


def _unknown(why: Explainer, condition: Condition, missing: Missing) -> ConditionResult:
    """A condition that read an absent fact: its text, its reason, what is missing and, with a trace, what it
    read."""
    expression = condition.expression
    return ConditionResult(
        condition.id,
        None,
        why.text(condition.text),
        why.reason(expression),
        missing.paths,
        expression.source,
        why.reads(expression),
    )


def _check(measure: Measure, scope: Scope, why: Explainer, condition: Condition) -> ConditionResult:
    """One condition that reads the amount (there are few: the checks before it are inlined)."""
    expression = condition.expression
    try:
        value = expression.evaluate(scope)
    except ExpressionRuntimeError as exc:
        raise EvaluationError(
            f"{measure.file}: condition '{condition.id}' of measure '{measure.id}' ('{expression.source}'): {exc}"
        ) from exc
    except Missing as exc:
        return _unknown(why, condition, exc)
    if value.__class__ is not bool:
        raise EvaluationError(
            f"{measure.file}: condition '{condition.id}' of measure '{measure.id}' gave {value!r}, not true or false"
        )
    return ConditionResult(
        condition.id,
        value,
        why.text(condition.text),
        why.reason(expression),
        expression=expression.source,
        reads=why.reads(expression),
        failed=why.failed(condition.failed, value),
    )


def _compute(measure: Measure, scope: Scope, why: Explainer, spec: Amount, result: MeasureResult) -> Decimal:
    """The amount after its caps, with the checks of the caps and the minimum added to the result."""
    lang = why.lang
    if spec.fixed is not None:
        amount = round_money(
            checked_number(measure, run_expression(measure, scope, spec.fixed, "the fixed amount"), "the fixed amount")
        )
        why.say("results.fixed", amount=money(amount, lang))
    else:
        total = Decimal(0)
        bases = Decimal(0)
        for i, part in enumerate(spec.parts):
            rate = checked_number(measure, run_expression(measure, scope, part.rate, "the rate"), "the rate")
            if rate > 100:
                raise EvaluationError(f"{measure.file}: the rate of measure '{measure.id}' is {rate}%, more than 100%")
            base = checked_number(measure, run_expression(measure, scope, part.base, "the base"), "the base")
            product = Decimal(rate) * Decimal(base) / 100
            total += product
            bases += base
            if i == 0:
                result.rate = Decimal(rate)
            why.say(
                "results.part-labelled" if part.label else "results.part",
                rate=number(rate),
                base=money(base, lang),
                product=exact_money(product, lang),
                label=part.label(lang) if part.label else "",
            )
        result.base = bases
        amount = round_money(total)
        if len(spec.parts) > 1:
            why.say("results.sum", parts="", total=exact_money(total, lang))
        if amount != total:
            why.say("results.rounded", amount=money(amount, lang))
    for cap in spec.caps:
        amount = _cap(measure, scope, why, cap, amount, result)
    if spec.minimum is not None:
        _minimum(measure, scope, why, spec.minimum, amount, result)
    return amount


def _cap(measure: Measure, scope: Scope, why: Explainer, cap: Limit, amount: Decimal, result: MeasureResult) -> Decimal:
    """Apply one cap to the amount and record its check; the amount after it."""
    try:  # what failed is named only when it fails: "cap '<id>'"
        limit = round_money(
            checked_number(measure, run_expression(measure, scope, cap.amount, "cap", cap.id), "cap", True, cap.id)
        )
    except Missing as exc:
        result.missing.extend(exc.paths)
        result.conditions.append(ConditionResult(cap.id, None, why.text(cap.text), why.reason(cap.amount), exc.paths))
        why.say("results.cap-unknown", id=cap.id)
        return amount
    leaves_some = limit > 0  # D14: a cap that leaves nothing fails, whatever the amount (even one that is 0)
    binds = amount > limit
    if binds:
        limit = max(limit, ZERO)  # nothing left under the cap: 0 (D14)
        amount = limit
        why.say("results.cap-binds", id=cap.id, limit=money(limit, why.lang), amount=money(amount, why.lang))
    else:
        why.say("results.cap-free", id=cap.id, limit=money(limit, why.lang), amount=money(amount, why.lang))
    result.conditions.append(
        ConditionResult(
            cap.id,
            leaves_some,
            why.text(cap.text),
            why.reason(cap.amount),
            NOTHING,
            cap.amount.source,
            why.reads(cap.amount),
            why.failed(cap.failed, leaves_some),
        )
    )
    return amount


def _minimum(
    measure: Measure, scope: Scope, why: Explainer, minimum: Limit, amount: Decimal, result: MeasureResult
) -> None:
    """Record the check of the minimum amount."""
    try:  # what failed is named only when it fails: "minimum '<id>'"
        least = checked_number(
            measure, run_expression(measure, scope, minimum.amount, "minimum", minimum.id), "minimum", False, minimum.id
        )
    except Missing as exc:
        result.conditions.append(
            ConditionResult(minimum.id, None, why.text(minimum.text), why.reason(minimum.amount), exc.paths)
        )
        return
    met = amount >= least
    why.say(
        "results.minimum-met" if met else "results.minimum-missed",
        id=minimum.id,
        limit=money(least, why.lang),
        amount=money(amount, why.lang),
    )
    result.conditions.append(
        ConditionResult(
            minimum.id,
            met,
            why.text(minimum.text),
            why.reason(minimum.amount),
            NOTHING,
            minimum.amount.source,
            why.reads(minimum.amount),
            why.failed(minimum.failed, met),
        )
    )


def _cap_without_amount(measure: Measure, scope: Scope, why: Explainer, cap: Limit) -> ConditionResult:
    """A cap's check when the amount is unknown: a cap with nothing left fails whatever the amount (D14)."""
    text = why.text(cap.text)
    what = f"cap '{cap.id}'"
    try:
        limit = checked_number(measure, run_expression(measure, scope, cap.amount, what), what, negative_ok=True)
    except Missing as exc:
        return ConditionResult(cap.id, None, text, why.reason(cap.amount), exc.paths)
    if limit <= 0:
        return ConditionResult(cap.id, False, text, why.reason(cap.amount), failed=why.failed(cap.failed, False))
    return ConditionResult(cap.id, None, text, why.reason(cap.amount))


def _finish(result: MeasureResult, why: Explainer, words: Wording) -> MeasureResult:
    """The status from the checks: not eligible, undetermined (with the missing facts) or eligible."""
    missing = set(result.missing)
    failed = None
    unknown = False
    for condition in result.conditions:
        holds = condition.holds
        if holds is False:
            if failed is None:
                failed = condition
        elif holds is None:
            unknown = True
        if condition.missing:
            missing |= condition.missing
    if failed is not None:
        result.status = "not_eligible"
        result.amount = ZERO
        result.missing = []
        why.lines.append(words.failed_line(failed.id))
    elif missing or unknown:
        result.status = "undetermined"
        result.amount = None
        result.missing = sorted(missing, key=path_key)
    else:
        result.status = "eligible"
        result.missing = []
    return result
