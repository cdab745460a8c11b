"""The telling values of a profile field: the few values that together reach every outcome a rule set can give.

A rule reads a field through comparisons (``company.employees >= 250``, ``project.cost <= a_limit``,
``company.legal_form in a_list``), directly or through the facts built on it
(``a_total >= a_table['key']``). Between two of the values it is compared
with, every value gives the same truth to each comparison; so the values compared with, a value
just beside each on the side the comparison turns, the least value and a few large ones tell every
case apart. :func:`telling_values` works them out from the rule set alone (no measure named), or from one
measure's expressions and the facts they use (the values that tell that measure's outcomes apart):

- a boolean: both values;
- an enumeration: one value per class of values that no rule tells apart (the same answer to every
  list and every text it is compared with);
- a number: its least value, every number a comparison puts it against (parameters at every date,
  literals), the number just beside it (a cent, or 1 for whole numbers) on the side the comparison
  turns, and two large values (which show whether the amount has a bound, ``engine.evaluate.completion``);
- a date: each application date of the profile moved back by every whole number of years it is
  compared with (through ``years_between`` and the like), a day before and after, and dates far before and after.

The analysis follows facts: a field read by a fact is compared with what the fact is compared with.
It does not solve arithmetic: a field added to others (own staff plus linked enterprises) gets the
points its sum is compared with, not those points minus the other terms.
"""

from __future__ import annotations

import ast
import datetime as _dt
from decimal import Decimal
from typing import Any

from ..model import Measure, RuleSet
from ..records import record
from .expression import Expression, attribute_chain

AMOUNT = "amount"  # the pseudo-field the computed amount stands for
CENT = Decimal("0.01")
LARGE = (Decimal(10) ** 9, Decimal(10) ** 11)


@record
class Comparisons:
    """What a rule set compares each field with: numbers and dates (with the side they turn on), texts, and
    lists of texts."""

    numbers: dict[str, frozenset[tuple[Any, str]]]
    texts: dict[str, frozenset[str]]
    lists: dict[str, frozenset[frozenset[str]]]


_CACHE: dict[int, tuple[RuleSet, Comparisons]] = {}


_MEASURES: dict[tuple[int, str], tuple[RuleSet, Comparisons]] = {}


def comparisons(rules: RuleSet, measure: Measure | None = None) -> Comparisons:
    """The comparisons of every field, worked out once per rule set; with ``measure``, only those of its own
    expressions and of the facts they use (what can change that measure's result)."""
    if measure is not None:
        key = (id(rules), measure.id)
        mine = _MEASURES.get(key)
        if mine is None or mine[0] is not rules:
            if len(_MEASURES) > 1024:
                _MEASURES.clear()
            mine = _MEASURES[key] = (rules, _Walker(rules).run(measure.expressions()))
        return mine[1]
    found = _CACHE.get(id(rules))
    if found is None or found[0] is not rules:
        if len(_CACHE) > 16:
            _CACHE.clear()
        found = _CACHE[id(rules)] = (rules, _Walker(rules).run())
    return found[1]


def _field(node: ast.Attribute) -> str:
    probe, chain = attribute_chain(node)
    if not isinstance(probe, ast.Name) or probe.id not in ("company", "project") or not chain:
        return ""
    return ".".join(["company" if probe.id == "company" else "projects[]", *chain])


def _leaves(value: Any) -> list[Any]:
    """Every scalar inside a parameter value (numbers and texts in dicts and lists)."""
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, (list, tuple)):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


def _lists(value: Any) -> list[frozenset[str]]:
    """Every list of texts inside a parameter value."""
    if isinstance(value, dict):
        return [found for item in value.values() for found in _lists(item)]
    if isinstance(value, (list, tuple)):
        if all(isinstance(item, str) for item in value):
            return [frozenset(value)]
        return [found for item in value for found in _lists(item)]
    return []


_TURN = {ast.Lt: "below", ast.GtE: "below", ast.Gt: "above", ast.LtE: "above"}
_FLIP = {"below": "above", "above": "below", "both": "both"}


class _Walker:
    """Collects, per field, the constant values the rule set compares it (or a fact built on it) with."""

    def __init__(self, rules: RuleSet):
        self.rules = rules
        self.parameters: dict[str, list[Any]] = {}
        for group in [rules.parameters] + [m.parameters for m in rules.measures.values()]:
            for name, parameter in group.items():
                self.parameters.setdefault(name, []).extend(entry.value for entry in parameter.timeline)
        self.fact_fields: dict[str, frozenset[str]] = {}
        self.numbers: dict[str, set[tuple[Any, str]]] = {}
        self.texts: dict[str, set[str]] = {}
        self.lists: dict[str, set[frozenset[str]]] = {}

    def run(self, only: list[Expression] | None = None) -> Comparisons:
        """The comparisons of every expression of the rule set, or of ``only`` and the facts they use."""
        if only is None:
            expressions: list[Expression] = [f.expression for f in self.rules.facts.values()]
            expressions += [c.expression for c in self.rules.shared_conditions.values()]
            for measure in self.rules.measures.values():
                expressions += measure.expressions()
        else:
            expressions = list(only)
            seen: set[str] = set()
            pending = [name for e in only for name in e.facts]
            while pending:
                name = pending.pop()
                if name in seen or name not in self.rules.facts:
                    continue
                seen.add(name)
                expressions.append(self.rules.facts[name].expression)
                pending += self.rules.facts[name].expression.facts
        for expression in expressions:
            if expression.tree is not None:
                for node in ast.walk(expression.tree):
                    if isinstance(node, ast.Compare):
                        self.compare(node)
        return Comparisons(
            {k: frozenset(v) for k, v in self.numbers.items()},
            {k: frozenset(v) for k, v in self.texts.items()},
            {k: frozenset(v) for k, v in self.lists.items()},
        )

    def _number(self, name: str, value: Any, side: str) -> None:
        if isinstance(value, (int, Decimal, float)) and not isinstance(value, bool):
            self.numbers.setdefault(name, set()).add((Decimal(str(value)), side))
        elif isinstance(value, _dt.date):
            self.numbers.setdefault(name, set()).add((value, side))

    def fields(self, node: ast.AST | None) -> set[str]:
        """The fields a part of an expression reads, through facts too; ``amount`` for the computed amount."""
        found: set[str] = set()
        if node is None:
            return found
        for sub in ast.walk(node):
            if isinstance(sub, ast.Attribute):
                name = _field(sub)
                if name:
                    found.add(name)
            elif isinstance(sub, ast.Name):
                if sub.id == AMOUNT:
                    found.add(AMOUNT)
                elif sub.id in self.rules.facts:
                    found |= self.fact(sub.id)
        return found

    def fact(self, name: str) -> frozenset[str]:
        found = self.fact_fields.get(name)
        if found is None:
            self.fact_fields[name] = frozenset()  # a cycle (the checks forbid them) reads nothing more
            found = self.fact_fields[name] = frozenset(self.fields(self.rules.facts[name].expression.tree))
        return found

    def constants(self, node: ast.AST | None) -> list[Any]:
        """The values the rules put in a part: literals, and every value a parameter it reads ever has (of a
        table read with a key that depends on the profile, every entry: ``a_table[a_fact]`` may be any of
        them), and those of a function's arguments (``years_before(day, a_number)``: the years). Profile
        fields and facts give none."""
        return [leaf for value in self.values(node) for leaf in _leaves(value)]

    def values(self, node: ast.AST | None) -> list[Any]:
        if isinstance(node, ast.Constant):
            return [node.value]
        if isinstance(node, ast.Name):
            return list(self.parameters.get(node.id, []))
        if isinstance(node, ast.Subscript):
            found = []
            key = node.slice.value if isinstance(node.slice, ast.Constant) else None
            for table in self.values(node.value):
                if isinstance(table, dict):
                    found += [table[key]] if key in table else list(table.values())
                elif isinstance(table, (list, tuple)):
                    found += list(table)
            return found
        if isinstance(node, ast.List):
            return [value for item in node.elts for value in self.values(item)]
        if isinstance(node, ast.BinOp):
            return self.values(node.left) + self.values(node.right)
        if isinstance(node, ast.Call):
            return [value for arg in node.args for value in self.values(arg)]
        return []

    def text_lists(self, node: ast.AST) -> list[frozenset[str]]:
        if isinstance(node, ast.List):
            return [frozenset(e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str))]
        if isinstance(node, ast.Name):
            return [found for value in self.parameters.get(node.id, []) for found in _lists(value)]
        if isinstance(node, ast.Subscript):
            return self.text_lists(node.value)
        return []

    def compare(self, node: ast.Compare) -> None:
        sides = [node.left, *node.comparators]
        for i, op in enumerate(node.ops):
            left, right = sides[i], sides[i + 1]
            for mine, other, flip in ((left, right, False), (right, left, True)):
                names = self.fields(mine)
                if not names:
                    continue
                if isinstance(op, (ast.In, ast.NotIn)):
                    if not flip:
                        for group in self.text_lists(other):
                            for name in names:
                                self.lists.setdefault(name, set()).add(group)
                    continue
                side = _TURN.get(type(op), "both")
                side = _FLIP[side] if flip else side
                for value in self.constants(other):
                    for name in names:
                        if isinstance(value, str):
                            self.texts.setdefault(name, set()).add(value)
                        else:
                            self._number(name, value, side)


def telling_values(
    rules: RuleSet, path: str, node: dict[str, Any], days: list[_dt.date], measure: Measure | None = None
) -> list[Any]:
    """The telling values of the field at generic path ``path`` (schema node ``node``), for a profile whose
    application dates are ``days``; [] for a field of another type (free text). With ``measure``: those that
    tell apart the outcomes of that measure (the comparisons of its expressions and of the facts they use)."""
    found = comparisons(rules, measure)
    if node.get("type") == "boolean":
        return [False, True]
    if "enum" in node:
        return _classes(list(node["enum"]), found.texts.get(path, frozenset()), found.lists.get(path, frozenset()))
    if node.get("format") == "date":
        return _dates(found.numbers.get(path, frozenset()), days)
    if node.get("type") in ("number", "integer"):
        step = Decimal(1) if node.get("type") == "integer" else CENT
        low = Decimal(str(node.get("minimum", 0)))
        high = Decimal(str(node.get("maximum", 10**12)))
        values = {low, high, *(v for v in LARGE if v <= high)}
        for value, side in found.numbers.get(path, frozenset()):
            if not isinstance(value, Decimal):
                continue
            values.add(value)
            if side in ("below", "both"):
                values.add(value - step)
            if side in ("above", "both"):
                values.add(value + step)
        kept = sorted(v for v in values if low <= v <= high and v % step == 0)
        return [int(v) if v == v.to_integral_value() else v for v in kept]
    return []


def _classes(values: list[str], texts: frozenset[str], lists: frozenset[frozenset[str]]) -> list[str]:
    """One value per class of values that every comparison answers alike."""
    groups = sorted(lists, key=sorted)
    seen: dict[tuple[Any, ...], str] = {}
    for value in values:
        signature = (value if value in texts else None, *(value in group for group in groups))
        seen.setdefault(signature, value)
    return list(seen.values())


def _dates(numbers: frozenset[tuple[Any, str]], days: list[_dt.date]) -> list[_dt.date]:
    """Dates around each application date: moved back by the whole years the rules compare with, a day
    to either side, and far before and after."""
    years = {int(v) for v, _ in numbers if isinstance(v, Decimal) and v == int(v) and 0 <= v <= 50}
    dates = {v for v, _ in numbers if isinstance(v, _dt.date)}
    found: set[_dt.date] = set()
    one = _dt.timedelta(days=1)
    for day in days:
        found |= {day - _dt.timedelta(days=365 * 60), day + one}
        for n in years | {0}:
            back = _years_before(day, n)
            found |= {back - one, back, back + one}
    for day in dates:
        found |= {day - one, day, day + one}
    return sorted(found)


def _years_before(day: _dt.date, years: int) -> _dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
