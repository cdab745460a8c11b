"""The values an amount's expression gives, per period and per combination of the few things it reads.

:mod:`engine.render.docs_amount` puts these values into words. Nothing here knows a measure:

- **the inputs**: walking the expression's syntax tree (:attr:`Expression.tree`) gives the profile
  fields and shared facts it reads. Each must take a few values: an enumeration or a flag of the
  profile schema (``project.kind`` limited to the measure's kinds) whose values the schema names
  (``x-doc-labels``, else ``x-enum-labels``), or a fact whose values its facts file names (``values``).
  Parameters, numbers, texts, ``+ - * /``, comparisons, ``and``/``or``/``not``, ``x if c else y``,
  table lookups and ``min``/``max`` may be read too; anything else (the cost in a rate, the aid
  history in a cap) makes the expression too complex (:func:`work_out` returns None);
- **the periods**: the days a parameter it reads changes value, within the days the amount is in
  force (the measure's own amount where no version sets one, a version's amount in its days);
- **the values**: the compiled expression evaluated for every combination of the inputs' values
  on the first day of each period (a combination it cannot give a value for, such as a rate
  table without 'large', is left out); neighbouring periods that give the same values are merged.

The work is bounded: at most :data:`MAX_COMBINATIONS` combinations and :data:`MAX_PERIODS` periods
per stretch of days.
"""

from __future__ import annotations

import ast
import datetime as _dt
import itertools
from typing import Any

from ..evaluate.scope import parameters_on
from ..language.expression import ROOTS, Expression, attribute_chain, profile_fields
from ..language.runtime import ExpressionRuntimeError, Missing
from ..load.schemas import schema
from ..model import Amount, Measure, RuleSet, Text
from ..records import field, record

MAX_COMBINATIONS = 512  # the most combinations of input values one expression is evaluated for
MAX_PERIODS = 40  # the most periods one expression is evaluated in
_ALLOWED_CALLS = ("min", "max")
_PASS = (ast.expr_context, ast.operator, ast.cmpop, ast.boolop, ast.unaryop)


@record
class Input:
    """Something an expression reads that takes a few values: a profile field or a shared fact."""

    path: str  # 'project.theme', or a fact's name
    values: tuple[Any, ...]
    labels: dict[str, Text] = field(default_factory=dict)  # by str(value): how the pages name each value

    def label(self, value: Any, lang: str) -> str:
        return self.labels[_key(value)](lang)


@record
class Period:
    """The values of an expression from ``start`` to ``end`` (both included; ``end`` None: open-ended)."""

    start: _dt.date
    end: _dt.date | None
    values: dict[tuple[Any, ...], Any]  # a combination of the inputs' values -> the expression's value


@record
class Worked:
    """An expression worked out: its inputs and its values per period, newest period first."""

    inputs: tuple[Input, ...]
    periods: tuple[Period, ...]


def _key(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _text_map(data: Any) -> dict[str, Text]:
    if not isinstance(data, dict):
        return {}
    return {str(k): Text(v["nl"], v["en"]) for k, v in data.items() if isinstance(v, dict) and {"nl", "en"} <= set(v)}


_FIELDS: dict[str, dict[str, Any]] = {}


def _fields() -> dict[str, dict[str, Any]]:
    if not _FIELDS:
        _FIELDS.update(profile_fields(schema("profile")))
    return _FIELDS


def field_name(path: str, lang: str) -> str | None:
    """The profile schema's ``x-doc-name`` of a field ('the project's cost'), or None."""
    names = _text_map({"name": _fields().get(path, {}).get("x-doc-name")})
    return names["name"](lang) if names else None


# -- the inputs --------------------------------------------------------------------------


class _TooComplex(Exception):
    """The expression reads something that does not take a few values."""


class _Inputs:
    def __init__(self, rules: RuleSet, measure: Measure):
        self.rules = rules
        self.measure = measure
        self.found: dict[str, Input] = {}

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, (*_PASS, ast.Constant)):
            return
        if isinstance(node, ast.Name):
            self.name(node.id)
        elif isinstance(node, ast.Attribute):
            root, chain = attribute_chain(node)
            if not (isinstance(root, ast.Name) and root.id in ROOTS):
                raise _TooComplex
            self.profile_field(f"{root.id}.{'.'.join(chain)}")
        elif isinstance(node, ast.Call):
            if not (isinstance(node.func, ast.Name) and node.func.id in _ALLOWED_CALLS) or node.keywords:
                raise _TooComplex
            for arg in node.args:
                self.visit(arg)
        elif isinstance(node, (ast.BinOp, ast.BoolOp, ast.Compare, ast.IfExp, ast.Subscript, ast.UnaryOp)):
            for child in ast.iter_child_nodes(node):
                self.visit(child)
        elif isinstance(node, (ast.List, ast.Tuple)):
            for child in node.elts:
                self.visit(child)
        else:
            raise _TooComplex

    def name(self, name: str) -> None:
        if name in self.measure.parameters or name in self.rules.parameters:
            return
        fact = self.rules.facts.get(name)
        if fact is None:
            raise _TooComplex  # the computed amount, or a name the expression cannot read here
        if name not in self.found:
            if not fact.values:  # the pages could not name its values
                raise _TooComplex
            self.found[name] = Input(name, tuple(fact.values), dict(fact.values))

    def profile_field(self, path: str) -> None:
        if path in self.found:
            return
        spec = _fields().get(path)
        if spec is None:
            raise _TooComplex
        values: tuple[Any, ...]
        if spec.get("type") == "boolean":
            values = (True, False)
        elif "enum" in spec:
            values = tuple(spec["enum"])
            if path == "project.kind":  # a measure is only checked for its own kinds
                values = tuple(v for v in values if v in self.measure.applies_to)
        else:
            raise _TooComplex
        labels = _text_map(spec.get("x-doc-labels")) or _text_map(spec.get("x-enum-labels"))
        if any(_key(v) not in labels for v in values):  # the pages could not name every value
            raise _TooComplex
        self.found[path] = Input(path, values, labels)


# -- the values ----------------------------------------------------------------------------


class _Scope:
    """What a compiled expression reads, with the inputs set to one combination of their values."""

    def __init__(self, params: dict[str, Any], facts: dict[str, Any], company: dict[str, Any], project: dict[str, Any]):
        self.params = params
        self._facts = facts
        self.company = company
        self.project = project
        self.project_index = 0
        self.amount = None
        self.ledger = ()
        self.trace = None
        self.budget = None
        self.date = getattr(params, "day", None)

    def fact(self, name: str) -> Any:
        if name not in self._facts:
            raise Missing(frozenset({name}))
        return self._facts[name]


def _nest(target: dict[str, Any], path: list[str], value: Any) -> None:
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target[path[-1]] = value


def _evaluate(expression: Expression, inputs: tuple[Input, ...], combination: tuple[Any, ...], params: Any) -> Any:
    facts: dict[str, Any] = {}
    roots: dict[str, dict[str, Any]] = {"company": {}, "project": {}}
    for item, value in zip(inputs, combination, strict=True):
        if "." in item.path:
            root, *rest = item.path.split(".")
            _nest(roots[root], rest, value)
        else:
            facts[item.path] = value
    try:
        return expression.evaluate(_Scope(params, facts, roots["company"], roots["project"]))
    except (Missing, ExpressionRuntimeError, ArithmeticError):
        return None  # this combination gives no value: it is left out


def spans(measure: Measure, amount: Amount) -> list[tuple[_dt.date, _dt.date | None]]:
    """The days ``amount`` is in force for ``measure``: the measure's own amount where no version sets one, a
    version's amount in that version's days."""
    bounds: list[tuple[_dt.date, _dt.date | None, Amount | None]] = []
    starts = [measure.valid_from] + [v.start for v in measure.versions if v.start > measure.valid_from]
    for i, start in enumerate(starts):
        end = starts[i + 1] - _dt.timedelta(days=1) if i + 1 < len(starts) else measure.valid_until
        version = measure.version_at(start)
        if version is not None and version.until is not None and (end is None or version.until < end):
            end = version.until
        bounds.append((start, end, version.amount if version and version.amount else measure.amount))
    found: list[tuple[_dt.date, _dt.date | None]] = []
    for start, end, used in bounds:
        if used is amount:
            if found and found[-1][1] is not None and found[-1][1] + _dt.timedelta(days=1) == start:
                found[-1] = (found[-1][0], end)
            else:
                found.append((start, end))
    return found


def work_out(expression: Expression, measure: Measure, rules: RuleSet, amount: Amount) -> Worked | None:
    """The values of ``expression`` per period and combination of its inputs, or None when it is too complex."""
    if expression.tree is None:
        return None
    finder = _Inputs(rules, measure)
    try:
        finder.visit(expression.tree)
    except _TooComplex:
        return None
    inputs = tuple(finder.found.values())
    combinations = list(itertools.product(*(i.values for i in inputs)))
    if len(combinations) > MAX_COMBINATIONS:
        return None
    definitions = [g[n] for n in expression.parameters for g in (measure.parameters, rules.parameters) if n in g]
    periods: list[Period] = []
    for first, last in spans(measure, amount):
        days = {first} | {
            e.start for p in definitions for e in p.timeline if e.start > first and (last is None or e.start <= last)
        }
        ordered = sorted(days)
        if len(ordered) > MAX_PERIODS:
            return None
        for i, day in enumerate(ordered):
            end = ordered[i + 1] - _dt.timedelta(days=1) if i + 1 < len(ordered) else last
            params = parameters_on(rules, measure, day)
            values = {c: v for c in combinations if (v := _evaluate(expression, inputs, c, params)) is not None}
            if periods and periods[-1].values == values and periods[-1].end == day - _dt.timedelta(days=1):
                periods[-1] = Period(periods[-1].start, end, values)
            else:
                periods.append(Period(day, end, values))
    return Worked(inputs, tuple(reversed(periods)))


def fields_order(path: str) -> int:
    """Where a profile field comes in the profile schema (1 for the first), 0 for anything else (a fact)."""
    names = list(_fields())
    return names.index(path) + 1 if path in names else 0
