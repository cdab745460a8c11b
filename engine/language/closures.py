"""The closures a compiled expression is made of: what each kind of syntax node does at evaluation time.

:mod:`engine.language.compiler` checks an expression and, for each node, asks this module
for the function that computes it from the functions of its children. A compiled expression
is these closures nested, a plain function of the evaluation scope: reading a profile field,
a parameter or a fact; three-valued ``and``/``or``; arithmetic, comparisons, conditions;
calls of the engine's functions. Every rule these follow (what a value may be, every
error message, the bounds of numbers, how unknown facts combine) is a function of
:mod:`engine.language.runtime`, which the generated code of :mod:`engine.language.codegen`
calls too; the closures only arrange the calls, with a quick path where the values are
plainly right. Explanations always use these.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from .expression import Getter
from .functions import FunctionError
from .runtime import (
    Missing,
    arithmetic,
    call_failed,
    comparator,
    condition,
    logical_not,
    negative,
    positive,
    read_field,
    table_lookup,
    truth,
    undecided,
    unknown,
    unknown_member,
)

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


def profile_field(root: str, fields: tuple[str, ...]) -> Getter:
    """A profile field: ``company.employees``, ``project.cost``, ``company.previous_year.employees``
    (:func:`engine.language.runtime.read_field`, which also names an absent one)."""
    if len(fields) > 1:
        return lambda s: read_field(s, root, fields)
    field = fields[0]
    if root == "company":

        def company(s: Any) -> Any:
            value = s.company.get(field)
            return read_field(s, root, fields) if value is None else value

        return company

    def project(s: Any) -> Any:
        value = s.project.get(field)
        return read_field(s, root, fields) if value is None else value

    return project


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
    result even when another operand is unknown; otherwise an unknown operand makes the result unknown
    (:func:`~engine.language.runtime.truth`, :func:`~engine.language.runtime.unknown`,
    :func:`~engine.language.runtime.undecided`)."""
    if len(operands) == 2:
        first, second = operands

        def pair(s: Any) -> bool:
            paths = None
            try:
                a = first(s)
            except Missing as exc:
                paths = unknown(paths, exc)
            else:
                if a.__class__ is not bool:
                    truth(a)
                if a is decisive:
                    return decisive
            try:
                b = second(s)
            except Missing as exc:
                return undecided(unknown(paths, exc), decisive)
            if b.__class__ is not bool:
                truth(b)
            if b is decisive or paths is None:
                return b  # the decisive value, or (no operand unknown) the other one
            return undecided(paths, decisive)

        return pair

    def getter(s: Any) -> bool:
        paths = None
        for operand in operands:
            try:
                value = operand(s)
            except Missing as exc:
                paths = unknown(paths, exc)
                continue
            if value.__class__ is not bool:
                truth(value)
            if value is decisive:
                return decisive
        return undecided(paths, decisive)

    return getter


def negation(operand: Getter) -> Getter:
    """``not x`` (:func:`engine.language.runtime.logical_not`)."""
    return lambda s: logical_not(operand(s))


def sign(operand: Getter, minus: bool) -> Getter:
    """``-x`` or ``+x`` (:func:`engine.language.runtime.negative`, :func:`~engine.language.runtime.positive`)."""
    apply = negative if minus else positive
    return lambda s: apply(operand(s))


def binary(op: type[ast.operator], left: Getter, right: Getter) -> Getter:
    """``left <op> right`` (:func:`engine.language.runtime.arithmetic`)."""
    apply = arithmetic(op)
    return lambda s: apply(left(s), right(s))


def comparison(first: Getter, rest: list[tuple[type[ast.cmpop], Getter]]) -> Getter:
    """A comparison, chained or not (``a < b <= c``, ``x in [...]``); ``rest`` holds (operator, right side)
    in order, each operator computed by :func:`engine.language.runtime.comparator`, which checks the kinds.
    An unknown value is in no empty list (:func:`engine.language.runtime.unknown_member`)."""
    if len(rest) == 1:
        op, right_of = rest[0]
        if op in (ast.Eq, ast.NotEq):
            equal = op is ast.Eq

            def equality(s: Any) -> bool:
                return (first(s) == right_of(s)) is equal

            return equality
        compare = comparator(op)
        if op in (ast.In, ast.NotIn):
            negated = op is ast.NotIn

            def member(s: Any) -> bool:
                try:
                    value = first(s)
                except Missing as exc:
                    return unknown_member(exc, right_of(s), negated)
                return compare(value, right_of(s))

            return member
        return lambda s: compare(first(s), right_of(s))
    checks = [(comparator(op), right_of) for op, right_of in rest]

    def chained(s: Any) -> bool:
        left = first(s)
        for compare, right_of in checks:
            right = right_of(s)
            if not compare(left, right):
                return False
            left = right
        return True

    return chained


def conditional(test: Getter, body: Getter, orelse: Getter) -> Getter:
    """``body if test else orelse`` (:func:`engine.language.runtime.condition`)."""

    def getter(s: Any) -> Any:
        choice = test(s)
        if choice.__class__ is not bool:
            condition(choice)
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
            raise call_failed(shown, exc) from exc

    return call


def plain_call(impl: Callable[..., Any], args: list[Getter], shown: str) -> Getter:
    """A call of a function of its arguments alone."""

    def call_plain(s: Any) -> Any:
        try:
            return impl(*[a(s) for a in args])
        except FunctionError as exc:
            raise call_failed(shown, exc) from exc

    return call_plain
