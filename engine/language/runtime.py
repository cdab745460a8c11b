"""The one runtime of the rule language: every rule an expression obeys when it runs, coded once.

An expression runs two ways: as closures (:mod:`engine.language.closures`) and, once it is
evaluated often, as generated Python code (:mod:`engine.language.codegen`). Both take every
rule of the language from here, so they cannot disagree:

- the two ways an evaluation stops: :class:`Missing` for a fact the profile does not give,
  :class:`ExpressionRuntimeError` for values an expression cannot work with, and every
  message of the latter, which names kinds of values alike (:func:`kind_name`);
- three-valued (Kleene) logic: what ``and``/``or`` accept (:func:`truth`), how their unknown
  operands add up (:func:`unknown`) and what they give when no operand decides
  (:func:`undecided`); ``not`` (:func:`logical_not`) and the test of ``x if c else y``
  (:func:`condition`);
- numbers: signs (:func:`negative`, :func:`positive`) and ``+ - * / % **``
  (:func:`arithmetic`), every result within :data:`MAX_MAGNITUDE`;
- comparisons (:func:`comparator`): which kinds of values can be ordered
  (:data:`COMPARABLE`), membership, and "an unknown value is in no empty list"
  (:func:`unknown_member`);
- reads: a profile field (:func:`read_field`; :func:`absent` names the first absent part, for the
  closures and the generated code alike), a table entry (:func:`table_lookup`), and the error of a
  function that refuses its arguments (:func:`call_failed`).

The generated code may inline a fast path (plain arithmetic on two numbers, a comparison of
two values of comparable classes, a field or entry that is there), built from the constants
here; anything else, and every error, goes through these functions. The load-time constant
folding of :mod:`engine.language.analysis` uses the same :func:`arithmetic` and :func:`literal`.
"""

from __future__ import annotations

import ast
import datetime as _dt
import operator
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import NoReturn, Protocol, TypeGuard, cast

from .functions import FunctionError

Number = int | Decimal
"""A number of the rule language (never a boolean, though ``bool`` is an ``int`` to Python)."""

MAX_EXPONENT = 64
MAX_MAGNITUDE = Decimal("1e15")  # a quadrillion euro: far above any aid, and exact to the cent in Decimal
MAX_POWER_BASE = Decimal("1e6")

NUMBERS: frozenset[type] = frozenset([int, Decimal])
"""The classes of numbers: values of these classes are computed with directly."""

COMPARABLE: frozenset[tuple[type, type]] = frozenset(
    [(a, b) for a in NUMBERS for b in NUMBERS] + [(str, str), (_dt.date, _dt.date)]
)
"""The pairs of classes of values that ``<``, ``<=``, ``>``, ``>=`` order: numbers with numbers,
texts with texts, dates with dates."""

SYMBOLS: dict[type[ast.AST], str] = {
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
"""How each operator is written, in rule expressions and in messages."""


class Missing(Exception):
    """A fact the expression needs is not in the profile."""

    def __init__(self, paths: frozenset[str]):
        super().__init__()
        self.paths = paths

    def __str__(self) -> str:  # formatted only when shown: Missing is raised often and mostly caught
        return ", ".join(sorted(self.paths))


class ExpressionRuntimeError(Exception):
    """An expression got values it cannot work with (a rule-set bug the checks did not catch)."""


class ProfileParts(Protocol):
    """What a profile field is read from: the evaluation scope's company, project and the project's index."""

    @property
    def company(self) -> dict[str, object]: ...

    @property
    def project(self) -> dict[str, object]: ...

    @property
    def project_index(self) -> int: ...


# -- values -------------------------------------------------------------------------------------


def is_number(value: object) -> TypeGuard[Number]:
    """True for an int or Decimal that is not a boolean."""
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def kind_name(value: object) -> str:
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


def literal(value: object) -> object:
    """The value of a literal of an expression: a number with a decimal point is the Decimal written, not a float."""
    return Decimal(repr(value)) if isinstance(value, float) else value


def fail(message: str) -> NoReturn:
    """Raise an :class:`ExpressionRuntimeError` with ``message``."""
    raise ExpressionRuntimeError(message)


def bound(value: Number) -> Number:
    """``value`` itself, when it is a finite number within :data:`MAX_MAGNITUDE`."""
    if isinstance(value, Decimal) and not value.is_finite():
        fail(f"the result {value} is not a finite number")
    if not -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:
        fail(f"the number {value} is too large")
    return value


# -- logic --------------------------------------------------------------------------------------


def truth(value: object) -> bool:
    """An operand of ``and``/``or``: ``value`` when it is true or false, else an error."""
    if not isinstance(value, bool):
        fail(f"'and'/'or' need true or false, found {kind_name(value)} {value!r}")
    return value


def unknown(paths: frozenset[str] | None, missing: Missing) -> frozenset[str]:
    """The facts an ``and``/``or`` lacks after one more unknown operand: those before (``paths``, None for
    none yet) and those it lacks."""
    return missing.paths if paths is None else paths | missing.paths


def undecided(paths: frozenset[str] | None, decisive: bool) -> bool:
    """``and`` (``decisive`` False) or ``or`` (True) when no operand had the decisive value: unknown
    (:class:`Missing` of ``paths``) when some operand was unknown, else the other value."""
    if paths is not None:
        raise Missing(paths)
    return not decisive


def logical_not(value: object) -> bool:
    """``not value``: ``value`` must be true or false."""
    if not isinstance(value, bool):
        fail(f"'not' needs true or false, found {kind_name(value)}")
    return not value


def condition(value: object) -> bool:
    """The test of ``x if test else y``: ``value`` when it is true or false, else an error."""
    if not isinstance(value, bool):
        fail(f"the condition of 'if' must be true or false, found {kind_name(value)}")
    return value


# -- numbers ------------------------------------------------------------------------------------


def negative(value: object) -> Number:
    """``-value``: ``value`` must be a number."""
    if not is_number(value):
        fail(f"a sign needs a number, found {kind_name(value)}")
    return -value


def positive(value: object) -> Number:
    """``+value``: ``value`` must be a number (a Decimal is rounded to the context's precision, as Python does)."""
    if not is_number(value):
        fail(f"a sign needs a number, found {kind_name(value)}")
    return +value


def _compute(op: type[ast.operator], a: Number, b: Number) -> Number:
    """``a <op> b`` on two numbers: ``/`` and ``%`` in Decimal without a zero divisor, ``**`` with a whole
    exponent up to :data:`MAX_EXPONENT` and a base up to :data:`MAX_POWER_BASE`, every result bounded."""
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
    if b != int(b) or not -MAX_EXPONENT <= b <= MAX_EXPONENT:
        fail(f"the exponent must be a whole number up to {MAX_EXPONENT}, found {b}")
    if not -MAX_POWER_BASE <= a <= MAX_POWER_BASE:
        fail(f"the base of a power must be at most {MAX_POWER_BASE:f}, found {a}")
    return bound(Decimal(a) ** int(b))


def _operation(op: type[ast.operator]) -> Callable[[object, object], Number]:
    """The checked function of the binary operator ``op``: two numbers in, a bounded number out."""
    symbol = SYMBOLS[op]

    def apply(a: object, b: object) -> Number:
        if not (is_number(a) and is_number(b)):
            fail(f"'{symbol}' needs two numbers, found {kind_name(a)} and {kind_name(b)}")
        try:
            return _compute(op, a, b)
        except InvalidOperation as exc:
            raise ExpressionRuntimeError(f"'{symbol}' cannot be computed: {exc}") from exc

    fast = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}.get(op)
    if fast is None:
        return apply

    def quick(a: object, b: object) -> Number:
        if a.__class__ in NUMBERS and b.__class__ in NUMBERS:
            result: Number = fast(a, b)
            if -MAX_MAGNITUDE <= result <= MAX_MAGNITUDE:
                return result
        return apply(a, b)

    return quick


_ARITHMETIC: dict[type[ast.operator], Callable[[object, object], Number]] = {
    op: _operation(op) for op in (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Mod, ast.Pow)
}


def arithmetic(op: type[ast.operator]) -> Callable[[object, object], Number]:
    """The function that computes the binary operator ``op`` (``ast.Add`` ... ``ast.Pow``) on two numbers.

    ``+ - *`` take a quick path when both sides are plain numbers and the result is within
    bounds; ``/`` and ``%`` compute in Decimal and refuse a zero divisor; ``**`` takes whole
    exponents up to :data:`MAX_EXPONENT`. Every result stays within :data:`MAX_MAGNITUDE`;
    anything else is an :class:`ExpressionRuntimeError`.
    """
    return _ARITHMETIC[op]


# -- comparisons --------------------------------------------------------------------------------


def _ordering(op: type[ast.cmpop]) -> Callable[[object, object], bool]:
    """The checked ``<``, ``<=``, ``>`` or ``>=``: only values of :data:`COMPARABLE` classes are ordered."""
    # the classes of COMPARABLE are ordered by Python's operators
    compare = cast(
        Callable[[object, object], bool],
        {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge}[op],
    )

    def ordered(left: object, right: object) -> bool:
        if (left.__class__, right.__class__) not in COMPARABLE:
            fail(f"cannot compare {kind_name(left)} {left!r} with {kind_name(right)} {right!r}")
        return compare(left, right)

    return ordered


def membership(value: object, collection: object, negated: bool) -> bool:
    """``value in collection`` (``negated``: ``not in``): the collection must be a list (or a table's keys)."""
    if not isinstance(collection, (list, dict)):
        fail(f"'in' needs a list on its right, found {kind_name(collection)}")
    try:
        return (value in collection) is not negated
    except TypeError as exc:  # an unhashable value looked up among a table's keys
        raise ExpressionRuntimeError(f"cannot compare {kind_name(value)} with {kind_name(collection)}") from exc


def unknown_member(missing: Missing, collection: object, negated: bool) -> bool:
    """``value in collection`` (``negated``: ``not in``) when the value is unknown: an unknown value is in no
    empty list, so false (true for ``not in``) when the collection is empty; otherwise unknown (``missing``)."""
    if collection == [] or collection == {}:
        return negated
    raise missing


COMPARISONS: dict[type[ast.cmpop], Callable[[object, object], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    **{op: _ordering(op) for op in (ast.Lt, ast.LtE, ast.Gt, ast.GtE)},
    ast.In: lambda value, collection: membership(value, collection, False),
    ast.NotIn: lambda value, collection: membership(value, collection, True),
}
"""Every comparison operator rule expressions may use, and its checked function."""


def comparator(op: type[ast.cmpop]) -> Callable[[object, object], bool]:
    """The checked function of the comparison operator ``op``: equality of any two values, ordering of
    :data:`COMPARABLE` values only, membership in a list (:func:`membership`)."""
    return COMPARISONS[op]


# -- reads --------------------------------------------------------------------------------------


def read_field(scope: ProfileParts, root: str, fields: tuple[str, ...]) -> object:
    """The profile field ``root.fields`` (``company.employees``, ``project.consortium.independent_companies``).

    An absent field (or one inside a group the profile does not give) raises :class:`Missing`
    naming the first absent part: ``company.previous_year`` or ``projects[2].cost``.
    """
    value: object = scope.company if root == "company" else scope.project
    for i, part in enumerate(fields):
        value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            raise Missing(absent(-1 if root == "company" else scope.project_index, fields, i))
    return value


_ABSENT: dict[tuple[int, tuple[str, ...], int], frozenset[str]] = {}


def absent(project: int, fields: tuple[str, ...], i: int) -> frozenset[str]:
    """What :class:`Missing` names when ``fields[i]`` is the first absent part of a company field (``project``
    -1) or of project ``project``'s field (``projects[2].cost``); made once each, since absent fields are read
    again and again."""
    key = (project, fields, i)
    paths = _ABSENT.get(key)
    if paths is None:
        head = "company" if project < 0 else f"projects[{project}]"
        paths = frozenset([head + "." + ".".join(fields[: i + 1])])
        if len(_ABSENT) < 4096:
            _ABSENT[key] = paths
    return paths


def table_lookup(table: object, key: object, shown: str) -> object:
    """``table[key]`` with a plain error when ``table`` is no table, ``key`` no key, or the entry is missing."""
    if not isinstance(table, dict):
        fail(f"'{shown}': only tables can be indexed, found a {kind_name(table)}")
    if not isinstance(key, (str, int, Decimal)) or isinstance(key, bool):
        fail(f"'{shown}': a table key must be a text or number, found a {kind_name(key)}")
    if key not in table:
        fail(f"'{shown}': the table has no entry '{key}' (it has: {', '.join(map(str, table))})")
    return table[key]


def call_failed(name: str, error: FunctionError) -> ExpressionRuntimeError:
    """The error to raise when function ``name`` refuses its arguments with ``error``."""
    return ExpressionRuntimeError(f"{name}(): {error}")
