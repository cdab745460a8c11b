"""Whether a condition concerns a project at all: one that holds by the project's kind alone does not.

``project.kind != 'training' or project.cost >= a_minimum`` holds for every advice
project, whatever its cost: a report for a client leaves such a check out (a training's minimum
cost says nothing about an audit). :func:`holds_by_kind` works this out from the expression
alone, with nothing measure-specific: it evaluates the expression with only ``project.kind`` known
and every other fact, parameter, function and derived fact unknown, in the three-valued logic of
evaluation (``true or <unknown>`` is true), and ``given(...)`` unknown as well (whether a fact is
given is a fact of the profile). The answer is worked out once per expression and kind.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from typing import Any

from .expression import Expression, attribute_chain

UNKNOWN = object()
"""A value the analysis does not know."""

_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}
_CACHE: dict[tuple[int, str], tuple[Expression, bool]] = {}
_GIVEN: dict[int, tuple[Expression, list[tuple[str, ...]]]] = {}


def holds_by_kind(expression: Expression, kind: str) -> bool:
    """True when ``expression`` is true for every project of ``kind``, whatever else the profile says."""
    key = (id(expression), kind)
    found = _CACHE.get(key)
    if found is None or found[0] is not expression:
        if len(_CACHE) > 4096:
            _CACHE.clear()
        value = _value(expression.tree, kind) if expression.tree is not None else UNKNOWN
        found = _CACHE[key] = (expression, value is True)
    return found[1]


def given_reads(expression: Expression) -> list[tuple[str, ...]]:
    """The profile fields ``expression`` asks ``given(...)`` of, as (root, field, ...): where one is absent, a
    condition that holds may hold only because it was not given (``not given(project.start_date) or ...``)."""
    cached = _GIVEN.get(id(expression))
    if cached is not None and cached[0] is expression:
        return cached[1]
    found: list[tuple[str, ...]] = []
    for node in ast.walk(expression.tree) if expression.tree is not None else ():
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "given":
            for arg in node.args:
                if isinstance(arg, ast.Attribute):
                    root, chain = attribute_chain(arg)
                    if isinstance(root, ast.Name):
                        found.append((root.id, *chain))
    if len(_GIVEN) > 4096:
        _GIVEN.clear()
    _GIVEN[id(expression)] = (expression, found)
    return found


def given_in(project: dict[str, Any], company: dict[str, Any], path: tuple[str, ...]) -> bool:
    """Whether the profile gives the field at ``path`` (a :func:`given_reads` path)."""
    value: Any = {"project": project, "company": company}.get(path[0])
    for name in path[1:]:
        if not isinstance(value, dict) or name not in value:
            return False
        value = value[name]
    return value is not None


def _value(node: ast.AST, kind: str) -> Any:
    """The value of ``node`` when only the project's kind is known, or :data:`UNKNOWN`."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return {"true": True, "false": False}.get(node.id, UNKNOWN)
    if isinstance(node, ast.Attribute):
        root, chain = attribute_chain(node)
        return kind if isinstance(root, ast.Name) and root.id == "project" and chain == ["kind"] else UNKNOWN
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [_value(item, kind) for item in node.elts]
        return UNKNOWN if any(item is UNKNOWN for item in items) else items
    if isinstance(node, ast.BoolOp):
        return _boolean(node, kind)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        operand = _value(node.operand, kind)
        return UNKNOWN if operand is UNKNOWN else not operand
    if isinstance(node, ast.Compare):
        return _compare(node, kind)
    if isinstance(node, ast.IfExp):
        test, body, orelse = (_value(n, kind) for n in (node.test, node.body, node.orelse))
        if test is UNKNOWN:
            return body if body is not UNKNOWN and body == orelse else UNKNOWN
        return body if test else orelse
    return UNKNOWN  # arithmetic, tables, calls (given() too), parameters and facts


def _boolean(node: ast.BoolOp, kind: str) -> Any:
    decisive = isinstance(node.op, ast.Or)  # true decides an 'or', false an 'and'
    unknown = False
    for operand in node.values:
        value = _value(operand, kind)
        if value is UNKNOWN:
            unknown = True
        elif bool(value) is decisive:
            return decisive
    return UNKNOWN if unknown else not decisive


def _compare(node: ast.Compare, kind: str) -> Any:
    left = _value(node.left, kind)
    for op, right_node in zip(node.ops, node.comparators):
        right = _value(right_node, kind)
        compare = _COMPARE.get(type(op))
        if left is UNKNOWN or right is UNKNOWN or compare is None:
            return UNKNOWN
        try:
            if not compare(left, right):
                return False
        except TypeError:
            return UNKNOWN
        left = right
    return True
