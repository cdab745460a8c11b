"""What every compiled expression shares at evaluation time: its errors, value kinds, bounds and arithmetic.

Both ways an expression runs, the closures (:mod:`engine.language.closures`) and the
generated code (:mod:`engine.language.codegen`), raise :class:`Missing` for a fact the
profile does not give and :class:`ExpressionRuntimeError` for values they cannot work
with, name kinds of values alike in messages (:func:`kind_name`), keep every number
within :data:`MAX_MAGNITUDE`, and compute ``/``, ``%`` and ``**`` with the same
:func:`arithmetic`. The load-time constant folding of :mod:`engine.language.analysis`
uses that arithmetic too.
"""

from __future__ import annotations

import ast
import datetime as _dt
import operator
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn

MAX_EXPONENT = 64
MAX_MAGNITUDE = Decimal("1e15")  # a quadrillion euro: far above any aid, and exact to the cent in Decimal

NUMBERS: frozenset[type[Any]] = frozenset([int, Decimal])
ORDERABLE: frozenset[type[Any]] = frozenset([int, Decimal, str, _dt.date])
SYMBOLS = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.Pow: "**",
    ast.Mod: "%",
}


class Missing(Exception):
    """A fact the expression needs is not in the profile."""

    def __init__(self, paths: frozenset[str]):
        super().__init__()
        self.paths = paths

    def __str__(self) -> str:  # formatted only when shown: Missing is raised often and mostly caught
        return ", ".join(sorted(self.paths))


class ExpressionRuntimeError(Exception):
    """An expression got values it cannot work with (a rule-set bug the checks did not catch)."""


def is_number(value: Any) -> bool:
    """True for an int or Decimal that is not a boolean."""
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def kind_name(value: Any) -> str:
    """The kind of a value as messages name it: boolean, number, text, date, list or table."""
    if isinstance(value, bool):
        return "boolean"
    if is_number(value):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, _dt.date):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "table"
    return type(value).__name__


def fail(message: str) -> NoReturn:
    """Raise an :class:`ExpressionRuntimeError` with ``message``."""
    raise ExpressionRuntimeError(message)


def bound(value: Any) -> Any:
    """``value`` itself, when it is a finite number within :data:`MAX_MAGNITUDE` (or no number at all)."""
    if isinstance(value, Decimal) and not value.is_finite():
        fail(f"the result {value} is not a finite number")
    if isinstance(value, Decimal) and abs(value) > MAX_MAGNITUDE:
        fail(f"the number {value} is too large")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_MAGNITUDE:
        fail(f"the number {value} is too large")
    return value


def table_lookup(table: Any, key: Any, shown: str) -> Any:
    """``table[key]`` with a plain error when ``table`` is no table, ``key`` no key, or the entry is missing."""
    if not isinstance(table, dict):
        fail(f"'{shown}': only tables can be indexed, found a {kind_name(table)}")
    if not isinstance(key, (str, int, Decimal)) or isinstance(key, bool):
        fail(f"'{shown}': a table key must be a text or number, found a {kind_name(key)}")
    if key not in table:
        fail(f"'{shown}': the table has no entry '{key}' (it has: {', '.join(map(str, table))})")
    return table[key]


def arithmetic(op: type[ast.operator]) -> Callable[[Any, Any], Any]:
    """The function that computes the binary operator ``op`` (``ast.Add`` ... ``ast.Pow``) on two numbers.

    ``+ - *`` take a quick path when both sides are plain numbers; ``/`` and ``%`` compute in
    Decimal and refuse a zero divisor; ``**`` takes whole exponents up to :data:`MAX_EXPONENT`.
    Every result stays within :data:`MAX_MAGNITUDE`.
    """
    symbol = SYMBOLS[op]
    fast = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}.get(op)

    def apply(a: Any, b: Any) -> Any:
        if not (is_number(a) and is_number(b)):
            fail(f"'{symbol}' needs two numbers, found {kind_name(a)} and {kind_name(b)}")
        try:
            if op is ast.Add:
                return bound(a + b)
            if op is ast.Sub:
                return bound(a - b)
            if op is ast.Mult:
                return bound(a * b)
            if op is ast.Div:
                if b == 0:
                    fail("division by zero")
                return bound(Decimal(a) / Decimal(b))
            if op is ast.Mod:
                if b == 0:
                    fail("division by zero")
                return Decimal(a) % Decimal(b)
            if b != int(b) or abs(b) > MAX_EXPONENT:
                fail(f"the exponent must be a whole number up to {MAX_EXPONENT}, found {b}")
            if abs(a) > Decimal("1e6"):
                fail(f"the base of a power must be at most 1000000, found {a}")
            return bound(Decimal(a) ** int(b))
        except InvalidOperation as exc:
            raise ExpressionRuntimeError(f"'{symbol}' cannot be computed: {exc}") from exc

    if fast is None:
        return apply

    def quick(a: Any, b: Any) -> Any:
        if a.__class__ in NUMBERS and b.__class__ in NUMBERS:
            result = fast(a, b)
            if -MAX_MAGNITUDE <= result <= MAX_MAGNITUDE:
                return result
            fail(f"the number {result} is too large")
        return apply(a, b)

    return quick
