"""What expressions read while one project is evaluated: the :class:`Scope`, and the parameters in force.

A :class:`Scope` holds the company, the project, its application date, the aid history
up to that date, the parameter values in force then (:class:`Parameters`, made by
:func:`parameters_on`) and, in conditions, the computed amount. Shared facts are computed
once per scope, when first read. Compiled expressions (:mod:`engine.language`) read
nothing else.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, NoReturn

from ..diagnostics import EvaluationError
from ..language.fact_order import deep_facts
from ..language.functions import AidEntry, AidRead
from ..language.runtime import ExpressionRuntimeError, Missing
from ..model import Measure, Parameter, RuleSet, Version

_VALUES = frozenset([str, int, Decimal, bool, _dt.date, list, dict, type(None)])
"""The classes of the values of facts: a cached one of these is no error kept to raise again."""


class Parameters(dict[str, Any]):
    """The parameter values in force on a day for one measure; also the measure's version on that day."""

    def __init__(
        self,
        values: dict[str, Any],
        day: _dt.date,
        version: Version | None = None,
        definitions: tuple[dict[str, Parameter], ...] = (),
    ):
        super().__init__(values)
        self.day = day
        self.version = version
        self.definitions = definitions  # the shared parameters and the measure's, for their units
        self.plan: Any = None  # the lean evaluation's plan of the measure under this version (engine.evaluate.lean)

    def unit(self, name: str) -> str | None:
        """The unit of parameter ``name`` (how a rule text writes its value)."""
        for group in reversed(self.definitions):
            if name in group:
                return group[name].unit
        return None

    def __missing__(self, name: str) -> NoReturn:
        raise NoValueOnDate(f"parameter '{name}' has no value on {self.day}")


class NoValueOnDate(ExpressionRuntimeError):
    """A parameter read on a date before its first value."""


class Scope:
    """What expressions read while one project is evaluated: profile, parameters, facts, history."""

    __slots__ = (
        "_cache",
        "amount",
        "budget",
        "company",
        "date",
        "deep",
        "facts",
        "known",
        "ledger",
        "params",
        "project",
        "project_index",
        "trace",
    )

    def __init__(
        self,
        rules: RuleSet,
        company: dict[str, Any],
        project: dict[str, Any],
        index: int,
        day: _dt.date,
        ledger: Iterable[AidEntry],
        deep: dict[str, tuple[str, ...]] | None = None,
    ):
        """``deep``: :func:`~engine.language.fact_order.deep_facts` of the rule set's facts, when the caller
        has it (an evaluator works it out once, not for every project)."""
        self.company = company
        self.project = project
        self.project_index = index
        self.date = day
        self.ledger = ledger
        self.amount: Decimal | None = None  # the computed amount, while the conditions that read it are checked
        self.facts = rules.facts
        self.deep = deep_facts(rules.facts) if deep is None else deep
        # the facts computed so far (a value, or the unknown it raised), by name; ``known`` is the same dict, read by
        # the code of a lean plan that computes a fact where it reads it (:mod:`.lean_facts`)
        self._cache: dict[str, Any] = {}
        self.known = self._cache
        self.params: dict[str, Any] = {}
        self.trace: list[AidRead] | None = None
        self.budget: Any = None  # the profile's Budget (engine.evaluate.budget), charged for scans of the history

    def fresh(self) -> Scope:
        """A copy with an empty fact cache and its own trace, so one measure's reads can be traced apart."""
        copy = Scope.__new__(Scope)
        for name in Scope.__slots__:
            setattr(copy, name, getattr(self, name))
        copy._cache = copy.known = {}
        copy.trace = []
        return copy

    def fact(self, name: str) -> Any:
        """The value of a shared fact, computed once per scope."""
        cache = self._cache
        if name in cache:  # a test without a call: most reads come first, and compute the fact
            value = cache[name]
            if value.__class__ in _VALUES:
                return value
            if isinstance(value, (Missing, ExpressionRuntimeError)):  # a fact that failed keeps its error
                raise value
            return value
        if self.deep and name in self.deep:  # no fact of the shipped rules is deep (an empty map)
            self._prepare(self.deep[name])
        try:
            value = self.facts[name].expression.evaluate(self)
        except Missing as exc:
            cache[name] = exc
            raise
        cache[name] = value
        return value

    def _prepare(self, below: tuple[str, ...]) -> None:
        """Compute the facts below a deep fact, shallowest first (:mod:`.fact_order`), so that no
        chain of facts nests deeper than a few levels. A fact that fails keeps its error, raised
        again where it is read: facts are computed from the profile alone, so that is the error
        reading it would give."""
        cache = self._cache
        for name in below:
            if name in cache:
                continue
            try:
                cache[name] = self.facts[name].expression.evaluate(self)
            except (Missing, ExpressionRuntimeError) as exc:
                cache[name] = exc

    def fact_or_none(self, name: str) -> Any:
        """A fact's (or shared parameter's) value, or None when unknown or not defined on the date."""
        try:
            if name not in self.facts:
                return self.params.get(name)
            return self.fact(name)
        except (Missing, NoValueOnDate):
            return None  # unknown, or not defined yet on that date (NIS2 before the directive)
        except ExpressionRuntimeError as exc:
            raise EvaluationError(f"fact '{name}': {exc}") from exc


def parameters_on(rules: RuleSet, measure: Measure | None, day: _dt.date) -> Parameters:
    """The shared parameters and the measure's own, with the values in force on ``day``, and its version then."""
    values = {}
    for group in (rules.parameters, measure.parameters if measure else {}):
        for name, parameter in group.items():
            entry = parameter.entry_at(day)
            if entry is not None:
                values[name] = entry.value
    return Parameters(
        values,
        day,
        measure.version_at(day) if measure else None,
        (rules.parameters, measure.parameters) if measure else (rules.parameters,),
    )
