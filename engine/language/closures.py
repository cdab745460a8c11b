"""The closures a compiled expression is made of: what each kind of syntax node does at evaluation time.

:mod:`engine.language.compiler` checks an expression and, for each node, asks this module
for the function that computes it from the functions of its children. A compiled expression
is these closures nested, a plain function of the evaluation scope: reading a profile field,
a parameter or a fact; three-valued ``and``/``or`` (an absent fact raises :class:`Missing`
unless the other side decides); "an unknown value is in no empty list"; the kind checks of
comparisons and conditions; calls of the engine's functions. The generated code of
:mod:`engine.language.codegen` does exactly the same, faster; explanations always use these.
"""

from __future__ import annotations

import ast
import datetime as _dt
import operator
from collections.abc import Callable
from typing import Any

from .functions import FunctionError
from .runtime import NUMBERS, ORDERABLE, ExpressionRuntimeError, Missing, fail, is_number, kind_name, table_lookup

Getter = Callable[[Any], Any]

COMPARISONS: dict[type, Callable[[Any, Any], bool]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}
_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


# -- leaves -------------------------------------------------------------------------------------


def constant(value: Any) -> Getter:
    """A value known when the rules load."""

    def getter(s: Any, v: Any = value) -> Any:
        return v

    return getter


def read_amount(s: Any) -> Any:
    """The computed amount (conditions that read it are checked after it is computed)."""
    return s.amount


def read_parameter(name: str) -> Getter:
    """A parameter's value in force on the application date."""

    def getter(s: Any, n: str = name) -> Any:
        return s.params[n]

    return getter


def read_fact(name: str) -> Getter:
    """A shared fact, computed once per scope."""

    def getter(s: Any, n: str = name) -> Any:
        return s.fact(n)

    return getter


def company_field(field: str, dotted: str) -> Getter:
    """A field of the company (``company.employees``); an absent one is missing."""

    def getter(s: Any, field: str = field, path: frozenset[str] = frozenset([dotted])) -> Any:
        value = s.company.get(field)
        if value is None:
            raise Missing(path)
        return value

    return getter


def project_field(field: str) -> Getter:
    """A field of the project being evaluated (``project.cost``); an absent one is missing as ``projects[i].cost``."""

    def getter(s: Any, field: str = field) -> Any:
        value = s.project.get(field)
        if value is None:
            raise Missing(frozenset([f"projects[{s.project_index}].{field}"]))
        return value

    return getter


def nested_field(root: str, fields: tuple[str, ...]) -> Getter:
    """A field inside a group (``company.previous_year.employees``); the first absent part is missing."""

    def getter(s: Any, fields: tuple[str, ...] = fields, root: str = root) -> Any:
        value = getattr(s, root)
        for i, part in enumerate(fields):
            value = value.get(part) if isinstance(value, dict) else None
            if value is None:
                head = "company" if root == "company" else f"projects[{s.project_index}]"
                raise Missing(frozenset([head + "." + ".".join(fields[: i + 1])]))
        return value

    return getter


def list_of(items: list[Getter]) -> Getter:
    """A list written in the expression: ``[a, b]``."""

    def getter(s: Any, items: list[Getter] = items) -> list[Any]:
        return [item(s) for item in items]

    return getter


def lookup(value: Getter, key: Getter, shown: str) -> Getter:
    """``table[key]``: the entry, or a plain error (:func:`engine.language.runtime.table_lookup`)."""

    def getter(s: Any) -> Any:
        table = value(s)
        index = key(s)
        if table.__class__ is dict and index.__class__ is str:
            try:
                return table[index]
            except KeyError:
                pass
        return table_lookup(table, index, shown)

    return getter


# -- operators ----------------------------------------------------------------------------------


def boolean(operands: list[Getter], decisive: bool) -> Getter:
    """``and`` (``decisive`` False) or ``or`` (True) in three-valued logic: the decisive value settles the
    result even when another operand is unknown; otherwise an unknown operand makes the result unknown."""
    if len(operands) == 2:
        first, second = operands

        def pair(s: Any) -> bool:
            try:
                a = first(s)
            except Missing as exc:
                try:
                    b = second(s)
                except Missing as other:
                    raise Missing(exc.paths | other.paths) from None
                if b is decisive:
                    return decisive
                if b.__class__ is not bool:
                    fail(f"'and'/'or' need true or false, found {kind_name(b)} {b!r}")
                raise
            if a is decisive:
                return decisive
            if a.__class__ is not bool:
                fail(f"'and'/'or' need true or false, found {kind_name(a)} {a!r}")
            b = second(s)
            if b.__class__ is not bool:
                fail(f"'and'/'or' need true or false, found {kind_name(b)} {b!r}")
            return b

        return pair

    def getter(s: Any) -> bool:
        missing: frozenset[str] = frozenset()
        for operand in operands:
            try:
                value = operand(s)
            except Missing as exc:
                missing |= exc.paths
                continue
            if not isinstance(value, bool):
                fail(f"'and'/'or' need true or false, found {kind_name(value)} {value!r}")
            if value is decisive:
                return decisive
        if missing:
            raise Missing(missing)
        return not decisive

    return getter


def negation(operand: Getter) -> Getter:
    """``not x``: x must be true or false."""

    def negate(s: Any) -> bool:
        value = operand(s)
        if not isinstance(value, bool):
            fail(f"'not' needs true or false, found {kind_name(value)}")
        return not value

    return negate


def sign(operand: Getter, minus: bool) -> Getter:
    """``-x`` or ``+x``: x must be a number."""

    def signed(s: Any) -> Any:
        value = operand(s)
        if not is_number(value):
            fail(f"a sign needs a number, found {kind_name(value)}")
        return -value if minus else +value

    return signed


def binary(apply: Callable[[Any, Any], Any], left: Getter, right: Getter) -> Getter:
    """``left <op> right`` with ``apply`` from :func:`engine.language.runtime.arithmetic`."""
    return lambda s: apply(left(s), right(s))


def comparison(first: Getter, rest: list[tuple[type, Callable[[Any, Any], bool], Getter]]) -> Getter:
    """A comparison, chained or not (``a < b <= c``, ``x in [...]``); ``rest`` holds (operator type, its
    function from :data:`COMPARISONS`, the right side) in order. Values are compared only with values of
    their kind (numbers with numbers); an unknown value is in no empty list."""
    membership = len(rest) == 1 and rest[0][0] in (ast.In, ast.NotIn)
    if len(rest) == 1 and rest[0][0] in (ast.Eq, ast.NotEq):
        right_of, equal = rest[0][2], rest[0][0] is ast.Eq

        def equality(s: Any) -> bool:
            return (first(s) == right_of(s)) is equal

        return equality
    if len(rest) == 1 and rest[0][0] in _ORDERING:
        _, compare_op, right_getter = rest[0]

        def ordering(s: Any) -> bool:
            left, right = first(s), right_getter(s)
            lt, rt = left.__class__, right.__class__
            if not ((lt is rt and lt in ORDERABLE) or (lt in NUMBERS and rt in NUMBERS)):
                fail(f"cannot compare {kind_name(left)} {left!r} with {kind_name(right)} {right!r}")
            return compare_op(left, right)

        return ordering

    def getter(s: Any) -> bool:
        try:
            left = first(s)
        except Missing:
            # an unknown value is in no empty list: 'x in []' is false whatever x is
            if membership and rest[0][2](s) in ([], {}):
                return rest[0][0] is ast.NotIn
            raise
        for kind, compare, right_getter in rest:
            right = right_getter(s)
            if kind in _ORDERING and not (
                (is_number(left) and is_number(right))
                or (type(left) is type(right) and isinstance(left, (str, _dt.date)))
            ):
                fail(f"cannot compare {kind_name(left)} {left!r} with {kind_name(right)} {right!r}")
            if kind in (ast.In, ast.NotIn) and not isinstance(right, (list, dict)):
                fail(f"'in' needs a list on its right, found {kind_name(right)}")
            try:
                if not compare(left, right):
                    return False
            except TypeError as exc:
                raise ExpressionRuntimeError(f"cannot compare {kind_name(left)} with {kind_name(right)}") from exc
            left = right
        return True

    return getter


def conditional(test: Getter, body: Getter, orelse: Getter) -> Getter:
    """``body if test else orelse``: the test must be true or false."""

    def getter(s: Any) -> Any:
        choice = test(s)
        if not isinstance(choice, bool):
            fail(f"the condition of 'if' must be true or false, found {kind_name(choice)}")
        return body(s) if choice else orelse(s)

    return getter


# -- calls --------------------------------------------------------------------------------------


def given(inner: Getter) -> Getter:
    """``given(x)``: true when every fact x reads is known."""

    def getter(s: Any) -> bool:
        try:
            inner(s)
        except Missing:
            return False
        return True

    return getter


def scoped_call(impl: Callable[..., Any], args: list[Getter], keywords: dict[str, Getter], shown: str) -> Getter:
    """A call of a function that reads the evaluation (the aid history): the scope goes first."""

    def call(s: Any) -> Any:
        try:
            return impl(s, *[a(s) for a in args], **{k: v(s) for k, v in keywords.items()})
        except FunctionError as exc:
            raise ExpressionRuntimeError(f"{shown}(): {exc}") from exc

    return call


def plain_call(impl: Callable[..., Any], args: list[Getter], shown: str) -> Getter:
    """A call of a function of its arguments alone."""

    def call_plain(s: Any) -> Any:
        try:
            return impl(*[a(s) for a in args])
        except FunctionError as exc:
            raise ExpressionRuntimeError(f"{shown}(): {exc}") from exc

    return call_plain
