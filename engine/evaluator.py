"""Evaluating a company profile against a rule set.

For every project (in order of application date) and every measure that applies
to its kind, the evaluator checks the conditions in three-valued logic, computes
the amount (rate times base, rounded half-up to the cent once, then caps and the
minimum), checks the conditions that read the amount, and records why. The
recommended amount of each project joins the aid history that later projects'
yearly caps and de minimis checks read.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .diagnostics import EvaluationError
from .expressions import Expression, ExpressionRuntimeError, Missing
from .functions import AidEntry
from .messages import fill, money, number, round_money, say, show, written
from .model import Condition, Measure, Parameter, RuleSet, Text, Version

_IN_FORCE_TEXT = Text("De maatregel bestaat op de aanvraagdatum.", "The measure exists on the application date.")


@dataclass(slots=True)
class ConditionResult:
    """A condition's outcome: ``holds`` is True, False or None (unknown)."""

    id: str
    holds: bool | None
    text: str
    reason: str
    missing: frozenset[str] = frozenset()
    expression: str = ""
    reads: tuple[tuple[str, Any], ...] = ()  # (name, value or Missing) when traced


@dataclass(slots=True)
class MeasureResult:
    """The outcome of one measure for one project."""

    project: str
    project_index: int
    measure: Measure
    application_date: _dt.date
    status: str
    rate: Decimal | None
    base: Decimal | None
    amount: Decimal | None
    conditions: list[ConditionResult]
    missing: list[str]
    explanation: list[str]
    reminders: list[tuple[str, str]]
    version: str | None
    source: str
    title: str = ""
    recommended: bool = False
    parameters: dict[str, Any] = field(default_factory=dict)  # name -> DatedValue in force, when traced
    aid_reads: list[Any] = field(default_factory=list)  # AidRead records, when traced


@dataclass(slots=True)
class ProfileResult:
    """The outcome for a whole profile: every result, the recommended total, and the company summary
    (size, NIS2 class, de minimis totals), which is worked out when first read."""

    results: list[MeasureResult]
    total: Decimal
    dates: dict[str, Any]
    summarise: Any = field(repr=False, default=None)
    _summary: tuple[Any, Any, Any] | None = field(default=None, repr=False)

    def _get(self) -> tuple[Any, Any, Any]:
        if self._summary is None:
            self._summary = self.summarise() if self.summarise else (None, None, None)
        return self._summary

    @property
    def size(self) -> str | None:
        """The EU company size, or None when undetermined."""
        return self._get()[0]

    @property
    def nis2(self) -> str | None:
        """The NIS2 class, or None when undetermined."""
        return self._get()[1]

    @property
    def de_minimis(self) -> dict[str, Decimal] | None:
        """Ceiling, used, granted now and remaining, at the latest application date."""
        return self._get()[2]


class _Params(dict):
    """The parameter values in force on a day for one measure; also the measure's version on that day."""

    def __init__(self, values: dict[str, Any], day: _dt.date, version: Version | None = None,
                 definitions: tuple[dict[str, Parameter], ...] = ()):
        super().__init__(values)
        self.day = day
        self.version = version
        self.definitions = definitions  # the shared parameters and the measure's, for their units

    def unit(self, name: str) -> str | None:
        """The unit of parameter ``name`` (how a rule text writes its value)."""
        for group in reversed(self.definitions):
            if name in group:
                return group[name].unit
        return None

    def __missing__(self, name: str) -> Any:
        raise NoValueOnDate(f"parameter '{name}' has no value on {self.day}")


class NoValueOnDate(ExpressionRuntimeError):
    """A parameter read on a date before its first value."""


class Scope:
    """What expressions read while one project is evaluated: profile, parameters, facts, history."""

    __slots__ = ("company", "project", "project_index", "params", "amount", "ledger", "date", "_facts", "_cache",
                 "trace")

    def __init__(self, rules: RuleSet, company: dict[str, Any], project: dict[str, Any], index: int,
                 day: _dt.date, ledger: list[AidEntry]):
        self.company = company
        self.project = project
        self.project_index = index
        self.date = day
        self.ledger = ledger
        self.amount: Any = None
        self._facts = rules.facts
        self._cache: dict[str, Any] = {}
        self.params: dict[str, Any] = {}
        self.trace: list[Any] | None = None

    def fresh(self) -> Scope:
        """A copy with an empty fact cache and its own trace, so one measure's reads can be traced apart."""
        copy = Scope.__new__(Scope)
        for name in Scope.__slots__:
            setattr(copy, name, getattr(self, name))
        copy._cache = {}
        copy.trace = []
        return copy

    def fact(self, name: str) -> Any:
        """The value of a shared fact, computed once per scope."""
        cache = self._cache
        if name in cache:
            value = cache[name]
            if isinstance(value, Missing):
                raise value
            return value
        try:
            value = self._facts[name].expression.evaluate(self)
        except Missing as exc:
            cache[name] = exc
            raise
        cache[name] = value
        return value


def _parameters(rules: RuleSet, measure: Measure | None, day: _dt.date) -> _Params:
    values = {}
    for group in (rules.parameters, measure.parameters if measure else {}):
        for name, parameter in group.items():
            entry = parameter.entry_at(day)
            if entry is not None:
                values[name] = entry.value
    return _Params(values, day, measure.version_at(day) if measure else None,
                   (rules.parameters, measure.parameters) if measure else (rules.parameters,))


class _Evaluation:
    """Evaluates one measure for one project."""

    def __init__(self, scope: Scope, measure: Measure, lang: str, explain: bool, params: _Params):
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
            raise EvaluationError(f"{self.measure.file}: {what} of measure '{self.measure.id}' "
                                  f"('{expression.source}'): {exc}") from exc

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
            raise EvaluationError(f"{self.measure.file}: condition '{condition.id}' of measure '{self.measure.id}' "
                                  f"('{expression.source}'): {exc}") from exc
        except Missing as exc:
            return ConditionResult(condition.id, None, self.t(condition.text), self.reason(expression),
                                   exc.paths, expression.source, self.read_values(expression))
        if value.__class__ is not bool:
            raise EvaluationError(f"{self.measure.file}: condition '{condition.id}' of measure "
                                  f"'{self.measure.id}' gave {value!r}, not true or false")
        if not self.explain:  # batch, diff, benchmarks: only ids and outcomes are read
            return ConditionResult(condition.id, value, "", "")
        return ConditionResult(condition.id, value, self.t(condition.text), self.reason(expression),
                               expression=expression.source, reads=self.read_values(expression))

    def lean(self) -> MeasureResult:
        """:meth:`evaluate` with explanations off, for the common case (no call windows, in force):
        the same result, with the condition checks inlined. Anything else takes :meth:`evaluate`."""
        measure, scope = self.measure, self.scope
        day = scope.date
        version = self.params.version
        if (measure.status == "info" or measure.calls or day < measure.valid_from
                or (measure.valid_until is not None and day > measure.valid_until)
                or (version is not None and version.until is not None and day > version.until)):
            return self.evaluate()
        scope.params = self.params
        checks: list[ConditionResult] = []
        result = MeasureResult(
            scope.project["id"], scope.project_index, measure, day, "info", None, None, None, checks, [],
            self.lines, [], version.id if version else None, version.source if version else measure.sources[0],
            measure.title(self.lang))
        conditions = version.conditions if version and version.conditions is not None else measure.conditions
        before, later = _split(conditions)
        failed = False
        for condition in before:
            expression = condition.expression
            try:
                value = expression.evaluate(scope)
            except Missing as exc:
                checks.append(ConditionResult(condition.id, None, self.t(condition.text), "", exc.paths,
                                              expression.source))
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
            project=scope.project["id"], project_index=scope.project_index, measure=measure, application_date=day,
            status="info", rate=None, base=None, amount=None, conditions=[], missing=[], explanation=self.lines,
            reminders=[], version=version.id if version else None, source=source, title=measure.title(lang),
        )
        if version and self.explain:
            self.lines.append(say("rules-in-force", lang, date=day, version=version.id, start=version.start))
        if measure.status == "info":
            return result
        checks: list[ConditionResult] = result.conditions
        if not (measure.valid_from <= day and (measure.valid_until is None or day <= measure.valid_until)
                and (version is None or version.until is None or day <= version.until)):
            end = measure.valid_until or say("open-ended", lang)
            checks.append(ConditionResult("in-force", False, say("in-force", lang, start=measure.valid_from, end=end),
                                          f"application_date = {day}"))
            return self.finish(result)
        if measure.calls:
            window = measure.calls.window_at(day)
            reason = (say("call-open", lang, name=window.name, open=window.open, close=window.close) if window
                      else say("call-closed", lang, date=day))
            checks.append(ConditionResult(measure.calls.condition_id, window is not None,
                                          self.t(measure.calls.text), reason))
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
        spec = version.amount if version and version.amount is not None else measure.amount
        try:
            amount = self.compute(spec, result)
        except Missing as exc:
            result.missing.extend(exc.paths)
            if self.explain:
                self.lines.append(say("amount-unknown", lang, facts=", ".join(sorted(exc.paths))))
            for cap in spec.caps:
                checks.append(self.cap_without_amount(cap))
            if spec.minimum:
                checks.append(ConditionResult(spec.minimum.id, None, self.t(spec.minimum.text),
                                              self.reason(spec.minimum.amount)))
            for condition in later:
                checks.append(ConditionResult(condition.id, None, self.t(condition.text),
                                              self.reason(condition.expression), frozenset()))
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
                    raise EvaluationError(f"{self.measure.file}: the rate of measure '{self.measure.id}' is "
                                          f"{rate}%, more than 100%")
                base = self._number(self.run(part.base, "the base"), "the base")
                product = Decimal(rate) * Decimal(base) / 100
                total += product
                bases += base
                if i == 0:
                    result.rate = Decimal(rate)
                if self.explain:
                    key = "part-labelled" if part.label else "part"
                    self.lines.append(say(key, lang, rate=number(rate), base=money(base, lang),
                                          product=_exact_money(product, lang),
                                          label=part.label(lang) if part.label else ""))
            result.base = bases
            amount = round_money(total)
            if self.explain and len(spec.parts) > 1:
                self.lines.append(say("sum", lang, parts="", total=_exact_money(total, lang)))
            if self.explain and amount != total:
                self.lines.append(say("rounded", lang, amount=money(amount, lang)))
        for cap in spec.caps:
            try:
                limit = round_money(self._number(self.run(cap.amount, f"cap '{cap.id}'"), f"cap '{cap.id}'",
                                                 negative_ok=True))
            except Missing as exc:
                result.missing.extend(exc.paths)
                result.conditions.append(ConditionResult(cap.id, None, self.t(cap.text), self.reason(cap.amount),
                                                         exc.paths))
                if self.explain:
                    self.lines.append(say("cap-unknown", lang, id=cap.id))
                continue
            binds = amount > limit
            if binds:
                limit = max(limit, Decimal("0.00"))  # nothing left under the cap: 0 (D14)
                amount = limit
                if self.explain:
                    self.lines.append(say("cap-binds", lang, id=cap.id, limit=money(limit, lang),
                                          amount=money(amount, lang)))
            elif self.explain:
                self.lines.append(say("cap-free", lang, id=cap.id, limit=money(limit, lang),
                                      amount=money(amount, lang)))
            # D14: not eligible when the cap brings the amount to 0 (an amount that is 0 by itself is not the cap's doing)
            result.conditions.append(ConditionResult(cap.id, not (binds and amount == 0), self.t(cap.text),
                                                     self.reason(cap.amount), expression=cap.amount.source,
                                                     reads=self.read_values(cap.amount)))
        if spec.minimum is not None:
            minimum = spec.minimum
            try:
                limit = self._number(self.run(minimum.amount, f"minimum '{minimum.id}'"), f"minimum '{minimum.id}'")
            except Missing as exc:
                result.conditions.append(ConditionResult(minimum.id, None, self.t(minimum.text),
                                                         self.reason(minimum.amount), exc.paths))
            else:
                met = amount >= limit
                if self.explain:
                    self.lines.append(say("minimum-met" if met else "minimum-missed", lang, id=minimum.id,
                                          limit=money(limit, lang), amount=money(amount, lang)))
                result.conditions.append(ConditionResult(minimum.id, met, self.t(minimum.text),
                                                         self.reason(minimum.amount),
                                                         expression=minimum.amount.source,
                                                         reads=self.read_values(minimum.amount)))
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
            raise EvaluationError(f"{self.measure.file}: {what} of measure '{self.measure.id}' "
                                  f"is {value!r}, not a number")
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
        found = _SPLITS[id(conditions)] = (conditions, tuple(c for c in conditions if not c.after_amount),
                                            tuple(c for c in conditions if c.after_amount))
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


def _aid_entries(profile: dict[str, Any]) -> list[AidEntry]:
    return [AidEntry(a["date"], Decimal(a["amount"]), a.get("measure"), a.get("de_minimis", True))
            for a in profile.get("aid_received", [])]


class Evaluator:
    """Evaluates profiles against one rule set, caching parameter values per measure and date."""

    def __init__(self, rules: RuleSet):
        self.rules = rules
        self._params: dict[tuple[str, _dt.date], _Params] = {}
        self._by_kind: dict[str, list[Measure]] = {}
        self._plans: dict[tuple[str, _dt.date], list[tuple[Measure, _Params]]] = {}

    def measures_for(self, kind: str) -> list[Measure]:
        """The measures that apply to a project kind, in id order."""
        found = self._by_kind.get(kind)
        if found is None:
            found = self._by_kind[kind] = [m for m in self.rules.measures.values() if kind in m.applies_to]
        return found

    def _plan(self, kind: str, day: _dt.date) -> list[tuple[Measure, _Params]]:
        """The measures to evaluate for a project kind on a day (info measures only while in force),
        each with its parameters in force: worked out once per kind and day."""
        key = (kind, day)
        found = self._plans.get(key)
        if found is None:
            if len(self._plans) > 65536:
                self._plans.clear()
            found = self._plans[key] = [(m, self.params(m, day)) for m in self.measures_for(kind)
                                        if m.status != "info" or m.in_force(day)]
        return found

    def params(self, measure: Measure | None, day: _dt.date) -> _Params:
        """The parameter values in force on ``day`` (shared ones, plus the measure's own)."""
        key = (measure.id if measure else "", day)
        found = self._params.get(key)
        if found is None:
            if len(self._params) > 65536:
                self._params.clear()
            found = self._params[key] = _parameters(self.rules, measure, day)
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

    def evaluate(self, profile: dict[str, Any], as_of: _dt.date, lang: str = "en",
                 explain: bool = True, trace: bool = False) -> ProfileResult:
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
        """
        rules = self.rules
        company = profile["company"]
        projects = profile["projects"]
        received = _aid_entries(profile) if profile.get("aid_received") else []
        dates = [p.get("application_date") or as_of for p in projects]
        order = sorted(range(len(projects)), key=lambda i: (dates[i], i)) if len(projects) > 1 else [0]
        granted: list[AidEntry] = []
        total = Decimal("0.00")  # the recommended amounts (exact: each has two decimals)
        by_project: dict[int, list[MeasureResult]] = {}
        last_scope = None
        for index in order:
            project, day = projects[index], dates[index]
            if "application_date" not in project:
                project = {**project, "application_date": day}
            ledger = [e for e in received + granted if e.date <= day] if received or granted else []
            scope = Scope(rules, company, project, index, day, ledger)
            last_scope = scope
            results = []
            for measure, params in self._plan(project["kind"], day):
                if measure.applies_when is not None:
                    scope.params = params
                    try:
                        applies = measure.applies_when.evaluate(scope)
                    except Missing:
                        applies = True
                    except ExpressionRuntimeError as exc:
                        raise EvaluationError(f"{measure.file}: applies_when of measure '{measure.id}': {exc}") from exc
                    if applies is False:
                        continue
                if trace:
                    traced = scope.fresh()
                    result = _Evaluation(traced, measure, lang, True, params).evaluate()
                    result.aid_reads = traced.trace
                    wanted = self.parameters_read(measure)
                    result.parameters = {name: p.entry_at(day) for group in (rules.parameters, measure.parameters)
                                         for name, p in group.items()
                                         if name in wanted and p.entry_at(day) is not None}
                    results.append(result)
                elif explain:
                    results.append(_Evaluation(scope, measure, lang, True, params).evaluate())
                else:
                    results.append(_Evaluation(scope, measure, lang, False, params).lean())
            eligible = [r for r in results if r.status == "eligible" and r.amount is not None]
            if eligible:
                best = min(eligible, key=lambda r: (-r.amount, r.measure.id))
                best.recommended = True
                total += best.amount
                granted.append(AidEntry(day, best.amount, best.measure.id, best.measure.de_minimis,
                                        f"project {project['id']}"))
            by_project[index] = results
        ordered = by_project[0] if len(projects) == 1 else [r for i in range(len(projects))
                                                              for r in by_project.get(i, [])]

        def summarise() -> tuple[Any, Any, Any]:
            if last_scope is None:
                return None, None, None
            scope = last_scope
            scope.params = self.params(None, scope.date)
            size = _fact_or_none(scope, "size")
            nis2 = _fact_or_none(scope, "nis2")
            if all(e.origin == "received" for e in scope.ledger):
                history = scope  # the same history: reuse its facts (always so with one project)
            else:
                history = Scope(rules, company, scope.project, scope.project_index, scope.date,
                                [e for e in received if e.date <= scope.date])
                history.params = scope.params
            ceiling = _fact_or_none(history, "de_minimis_ceiling")
            used = _fact_or_none(history, "de_minimis_used")
            de_minimis = None
            if ceiling is not None and used is not None:
                now = sum((r.amount for r in ordered if r.recommended and r.measure.de_minimis), Decimal("0.00"))
                used = round_money(used)  # remaining follows from the figures shown: ceiling - used - granted now
                de_minimis = {"ceiling": Decimal(ceiling), "used": used, "granted_now": now,
                              "remaining": round_money(Decimal(ceiling) - used - now)}
            return size, nis2, de_minimis

        outcome = ProfileResult(ordered, total, {"as_of": as_of, "application_dates": sorted(set(dates))},
                                summarise)
        if explain or trace:
            outcome.size  # noqa: B018 - work the summary out now, so that its errors surface here
        return outcome


def _fact_or_none(scope: Scope, name: str) -> Any:
    """A fact's (or shared parameter's) value, or None when unknown or not defined on the date."""
    try:
        if name not in scope._facts:  # noqa: SLF001
            return scope.params[name] if name in scope.params else None
        return scope.fact(name)
    except (Missing, NoValueOnDate):
        return None  # unknown, or not defined yet on that date (NIS2 before the directive)
    except ExpressionRuntimeError as exc:
        raise EvaluationError(f"fact '{name}': {exc}") from exc
