"""Evaluating one measure for one project: its conditions, its amount with caps and minimum, its status.

:class:`MeasureEvaluation` checks the conditions in three-valued logic (those that read
the amount after it), computes the amount (rate times base, rounded half-up to the cent
once, then the caps and the minimum), shows the reminders whose condition holds, and
sets the status: not eligible when a condition fails, undetermined when one is unknown
or a fact is missing, else eligible. With explanations on, every step is written down;
:meth:`MeasureEvaluation.lean` is the same without them, for batches and comparisons.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..diagnostics import EvaluationError
from ..language.expression import Expression
from ..language.runtime import ExpressionRuntimeError, Missing
from ..model import Condition, Measure, Text
from ..text.formatting import money, number, round_money, show
from ..text.messages import say
from ..text.placeholders import fill, written
from .results import ConditionResult, MeasureResult
from .scope import Parameters, Scope


class MeasureEvaluation:
    """Evaluates one measure for one project."""

    def __init__(self, scope: Scope, measure: Measure, lang: str, explain: bool, params: Parameters):
        self.params = params
        self.scope = scope
        self.measure = measure
        self.lang = lang
        self.explain = explain
        self.lines: list[str] = []

    def t(self, text: Text) -> str:
        """A rule text in the evaluation's language, with the parameter values in force written in."""
        raw = text(self.lang)
        if "{" not in raw and "}" not in raw:
            return raw
        params, lang = self.params, self.lang
        return fill(raw, lambda name: written(params[name], params.unit(name), lang))

    def run(self, expression: Expression, what: str) -> Any:
        try:
            return expression.evaluate(self.scope)
        except ExpressionRuntimeError as exc:
            raise EvaluationError(
                f"{self.measure.file}: {what} of measure '{self.measure.id}' ('{expression.source}'): {exc}"
            ) from exc

    def reason(self, expression: Expression) -> str:
        if not self.explain:
            return ""
        parts = []
        for name, getter in expression.reads:
            try:
                parts.append(f"{name} = {show(getter(self.scope), self.lang)}")
            except Missing:
                parts.append(f"{name}: {say('not-given', self.lang)}")
            except ExpressionRuntimeError:
                continue
        return "; ".join(parts)

    def read_values(self, expression: Expression) -> tuple[tuple[str, Any], ...]:
        """What the expression read, with values (a Missing for an absent fact), when tracing."""
        if self.scope.trace is None:
            return ()
        values = []
        for name, getter in expression.reads:
            try:
                values.append((name, getter(self.scope)))
            except Missing as exc:
                values.append((name, exc))
            except ExpressionRuntimeError:
                continue
        return tuple(values)

    def check(self, condition: Condition) -> ConditionResult:
        expression = condition.expression
        try:
            value = expression.evaluate(self.scope)
        except ExpressionRuntimeError as exc:
            raise EvaluationError(
                f"{self.measure.file}: condition '{condition.id}' of measure '{self.measure.id}' "
                f"('{expression.source}'): {exc}"
            ) from exc
        except Missing as exc:
            return ConditionResult(
                condition.id,
                None,
                self.t(condition.text),
                self.reason(expression),
                exc.paths,
                expression.source,
                self.read_values(expression),
            )
        if value.__class__ is not bool:
            raise EvaluationError(
                f"{self.measure.file}: condition '{condition.id}' of measure "
                f"'{self.measure.id}' gave {value!r}, not true or false"
            )
        if not self.explain:  # batch, diff, benchmarks: only ids and outcomes are read
            return ConditionResult(condition.id, value, "", "")
        return ConditionResult(
            condition.id,
            value,
            self.t(condition.text),
            self.reason(expression),
            expression=expression.source,
            reads=self.read_values(expression),
        )

    def lean(self) -> MeasureResult:
        """:meth:`evaluate` with explanations off, for the common case (no call windows, in force):
        the same result, with the condition checks inlined. Anything else takes :meth:`evaluate`."""
        measure, scope = self.measure, self.scope
        day = scope.date
        version = self.params.version
        if (
            measure.status == "info"
            or measure.calls
            or day < measure.valid_from
            or (measure.valid_until is not None and day > measure.valid_until)
            or (version is not None and version.until is not None and day > version.until)
        ):
            return self.evaluate()
        scope.params = self.params
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
            self.lines,
            [],
            version.id if version else None,
            version.source if version else measure.sources[0],
            measure.title(self.lang),
        )
        conditions = version.conditions if version and version.conditions is not None else measure.conditions
        before, later = _split(conditions)
        failed = False
        for condition in before:
            expression = condition.expression
            try:
                value = expression.evaluate(scope)
            except Missing as exc:
                checks.append(
                    ConditionResult(condition.id, None, self.t(condition.text), "", exc.paths, expression.source)
                )
                continue
            except ExpressionRuntimeError:
                checks.append(self.check(condition))  # raises the positioned error
                continue
            if value is False:
                failed = True
            elif value is not True:
                checks.append(self.check(condition))  # raises: not true or false
            checks.append(ConditionResult(condition.id, value, "", ""))
        if measure.reminders:
            self.reminders(result)
        if failed:
            return self.finish(result)
        return self.amount(version, result, later)

    def reminders(self, result: MeasureResult) -> None:
        """The reminders whose condition holds (an unknown condition shows none)."""
        for reminder in self.measure.reminders:
            try:
                show_it = reminder.when is None or self.run(reminder.when, f"reminder '{reminder.id}'") is True
            except Missing:
                show_it = False
            if show_it:
                result.reminders.append((reminder.id, self.t(reminder.text)))

    def evaluate(self) -> MeasureResult:
        measure, scope, lang = self.measure, self.scope, self.lang
        day = scope.date
        scope.params = self.params
        version = self.params.version
        source = version.source if version else measure.sources[0]
        result = MeasureResult(
            project=scope.project["id"],
            project_index=scope.project_index,
            measure=measure,
            application_date=day,
            status="info",
            rate=None,
            base=None,
            amount=None,
            conditions=[],
            missing=[],
            explanation=self.lines,
            reminders=[],
            version=version.id if version else None,
            source=source,
            title=measure.title(lang),
        )
        if version and self.explain:
            self.lines.append(say("rules-in-force", lang, date=day, version=version.id, start=version.start))
        if measure.status == "info":
            return result
        checks: list[ConditionResult] = result.conditions
        if not (
            measure.valid_from <= day
            and (measure.valid_until is None or day <= measure.valid_until)
            and (version is None or version.until is None or day <= version.until)
        ):
            end = measure.valid_until or say("open-ended", lang)
            checks.append(
                ConditionResult(
                    "in-force",
                    False,
                    say("in-force", lang, start=measure.valid_from, end=end),
                    f"application_date = {day}",
                )
            )
            return self.finish(result)
        if measure.calls:
            window = measure.calls.window_at(day)
            reason = (
                say("call-open", lang, name=window.name, open=window.open, close=window.close)
                if window
                else say("call-closed", lang, date=day)
            )
            checks.append(
                ConditionResult(measure.calls.condition_id, window is not None, self.t(measure.calls.text), reason)
            )
        conditions = version.conditions if version and version.conditions is not None else measure.conditions
        before, later = _split(conditions)
        for condition in before:
            checks.append(self.check(condition))
        self.reminders(result)
        if any(c.holds is False for c in checks):
            return self.finish(result)
        return self.amount(version, result, later)

    def amount(self, version: Any, result: MeasureResult, later: tuple[Condition, ...]) -> MeasureResult:
        """The amount, its caps and minimum, and the conditions that read the amount; then the status."""
        measure, scope, lang, checks = self.measure, self.scope, self.lang, result.conditions
        # a measure that is not 'info' has an amount, its own or its version's (checked when the rules load)
        spec: Any = version.amount if version and version.amount is not None else measure.amount
        try:
            amount = self.compute(spec, result)
        except Missing as exc:
            result.missing.extend(exc.paths)
            if self.explain:
                self.lines.append(say("amount-unknown", lang, facts=", ".join(sorted(exc.paths))))
            for cap in spec.caps:
                checks.append(self.cap_without_amount(cap))
            if spec.minimum:
                checks.append(
                    ConditionResult(spec.minimum.id, None, self.t(spec.minimum.text), self.reason(spec.minimum.amount))
                )
            for condition in later:
                checks.append(
                    ConditionResult(
                        condition.id, None, self.t(condition.text), self.reason(condition.expression), frozenset()
                    )
                )
            return self.finish(result)
        scope.amount = amount
        try:
            for condition in later:
                checks.append(self.check(condition))
        finally:
            scope.amount = None
        result.amount = amount
        return self.finish(result)

    def compute(self, spec: Any, result: MeasureResult) -> Decimal:
        lang = self.lang
        if spec.fixed is not None:
            amount = round_money(self._number(self.run(spec.fixed, "the fixed amount"), "the fixed amount"))
            if self.explain:
                self.lines.append(say("fixed", lang, amount=money(amount, lang)))
        else:
            total = Decimal(0)
            bases = Decimal(0)
            for i, part in enumerate(spec.parts):
                rate = self._number(self.run(part.rate, "the rate"), "the rate")
                if rate > 100:
                    raise EvaluationError(
                        f"{self.measure.file}: the rate of measure '{self.measure.id}' is {rate}%, more than 100%"
                    )
                base = self._number(self.run(part.base, "the base"), "the base")
                product = Decimal(rate) * Decimal(base) / 100
                total += product
                bases += base
                if i == 0:
                    result.rate = Decimal(rate)
                if self.explain:
                    key = "part-labelled" if part.label else "part"
                    self.lines.append(
                        say(
                            key,
                            lang,
                            rate=number(rate),
                            base=money(base, lang),
                            product=_exact_money(product, lang),
                            label=part.label(lang) if part.label else "",
                        )
                    )
            result.base = bases
            amount = round_money(total)
            if self.explain and len(spec.parts) > 1:
                self.lines.append(say("sum", lang, parts="", total=_exact_money(total, lang)))
            if self.explain and amount != total:
                self.lines.append(say("rounded", lang, amount=money(amount, lang)))
        for cap in spec.caps:
            try:
                limit = round_money(
                    self._number(self.run(cap.amount, f"cap '{cap.id}'"), f"cap '{cap.id}'", negative_ok=True)
                )
            except Missing as exc:
                result.missing.extend(exc.paths)
                result.conditions.append(
                    ConditionResult(cap.id, None, self.t(cap.text), self.reason(cap.amount), exc.paths)
                )
                if self.explain:
                    self.lines.append(say("cap-unknown", lang, id=cap.id))
                continue
            binds = amount > limit
            if binds:
                limit = max(limit, Decimal("0.00"))  # nothing left under the cap: 0 (D14)
                amount = limit
                if self.explain:
                    self.lines.append(
                        say("cap-binds", lang, id=cap.id, limit=money(limit, lang), amount=money(amount, lang))
                    )
            elif self.explain:
                self.lines.append(
                    say("cap-free", lang, id=cap.id, limit=money(limit, lang), amount=money(amount, lang))
                )
            # D14: not eligible when the cap brings the amount to 0 (an amount that is 0 by itself is not the cap's
            # doing)
            result.conditions.append(
                ConditionResult(
                    cap.id,
                    not (binds and amount == 0),
                    self.t(cap.text),
                    self.reason(cap.amount),
                    expression=cap.amount.source,
                    reads=self.read_values(cap.amount),
                )
            )
        if spec.minimum is not None:
            minimum = spec.minimum
            try:
                least = self._number(self.run(minimum.amount, f"minimum '{minimum.id}'"), f"minimum '{minimum.id}'")
            except Missing as exc:
                result.conditions.append(
                    ConditionResult(minimum.id, None, self.t(minimum.text), self.reason(minimum.amount), exc.paths)
                )
            else:
                met = amount >= least
                if self.explain:
                    self.lines.append(
                        say(
                            "minimum-met" if met else "minimum-missed",
                            lang,
                            id=minimum.id,
                            limit=money(least, lang),
                            amount=money(amount, lang),
                        )
                    )
                result.conditions.append(
                    ConditionResult(
                        minimum.id,
                        met,
                        self.t(minimum.text),
                        self.reason(minimum.amount),
                        expression=minimum.amount.source,
                        reads=self.read_values(minimum.amount),
                    )
                )
        return amount

    def cap_without_amount(self, cap: Any) -> ConditionResult:
        """A cap's check when the amount is unknown: a cap with nothing left fails whatever the amount (D14)."""
        text = self.t(cap.text)
        try:
            limit = self._number(self.run(cap.amount, f"cap '{cap.id}'"), f"cap '{cap.id}'", negative_ok=True)
        except Missing as exc:
            return ConditionResult(cap.id, None, text, self.reason(cap.amount), exc.paths)
        if limit <= 0:
            return ConditionResult(cap.id, False, text, self.reason(cap.amount))
        return ConditionResult(cap.id, None, text, self.reason(cap.amount))

    def _number(self, value: Any, what: str, negative_ok: bool = False) -> Decimal | int:
        """Check a computed number; a cap may be negative (it then brings the amount to 0, D14)."""
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            raise EvaluationError(
                f"{self.measure.file}: {what} of measure '{self.measure.id}' is {value!r}, not a number"
            )
        if value < 0 and not negative_ok:
            raise EvaluationError(f"{self.measure.file}: {what} of measure '{self.measure.id}' is negative ({value})")
        return value

    def finish(self, result: MeasureResult) -> MeasureResult:
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
            result.amount = Decimal("0.00")
            result.missing = []
            if self.explain:
                self.lines.append(say("condition-failed", self.lang, id=failed.id))
        elif missing or unknown:
            result.status = "undetermined"
            result.amount = None
            result.missing = sorted(missing, key=_path_key)
        else:
            result.status = "eligible"
            result.missing = []
        return result


_SPLITS: dict[int, tuple[tuple[Condition, ...], tuple[Condition, ...], tuple[Condition, ...]]] = {}


def _split(conditions: tuple[Condition, ...]) -> tuple[tuple[Condition, ...], tuple[Condition, ...]]:
    """The conditions checked before the amount and those that read it, worked out once per list."""
    found = _SPLITS.get(id(conditions))
    if found is None or found[0] is not conditions:
        found = _SPLITS[id(conditions)] = (
            conditions,
            tuple(c for c in conditions if not c.after_amount),
            tuple(c for c in conditions if c.after_amount),
        )
    return found[1], found[2]


def _exact_money(value: Decimal, lang: str) -> str:
    """Money before rounding: every decimal shown, with the language's separators."""
    if value == round_money(value):
        return money(value, lang)
    text = format(value.normalize(), ",f")
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"EUR {text}"


def _path_key(path: str) -> tuple[Any, ...]:
    return (not path.startswith("company"), path)
