"""Completing a valid document: the schema's defaults filled in and date texts turned into dates.

After validation (:mod:`engine.load.validation`) every later stage sees typed values: a
profile without ``partner_enterprises`` has an empty list there, a quoted
``"2026-03-01"`` is a date. Each schema is compiled once into one function per node.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable
from functools import cache
from typing import Any

from .schemas import resolve, schema


def complete(value: Any, schema_name: str) -> Any:
    """Fill in defaults and turn date texts into dates, following the schema.

    Only call on data that validated. Returns new mappings and lists wherever something is filled in
    or converted (parts that need nothing are shared with the input). The schema is compiled once
    into one function per node (``$ref`` resolved ahead), so this is a few calls per value.
    """
    return _completer(schema_name)(value)


Completer = Callable[[Any], Any]


def node_completer(node: dict[str, Any], schema_name: str) -> Completer | None:
    """:func:`complete` for a value of one node of a shipped schema, compiled once; None where the node
    fills and converts nothing (its values are complete as they are)."""
    function = _compile_complete(node, schema_name, {})
    return None if function is _same else function


def _same(value: Any) -> Any:
    return value


@cache
def _completer(schema_name: str) -> Completer:
    return _compile_complete(schema(schema_name), schema_name, {})


def _compile_complete(node: dict[str, Any], base: str, memo: dict[tuple[int, str], Completer]) -> Completer:
    key = (id(node), base)
    if key in memo:
        return memo[key]
    late: list[Completer] = []
    memo[key] = lambda value: late[0](value)  # a $ref cycle reaches the finished function through this
    original = node
    while "$ref" in node:
        resolved, base = resolve(node["$ref"], base)
        extra = {k: v for k, v in node.items() if k != "$ref"}
        node = {**resolved, **extra}
    is_date = node.get("format") == "date"
    properties = {k: _compile_complete(sub, base, memo) for k, sub in node.get("properties", {}).items()}
    others = node.get("additionalProperties")
    other = _compile_complete(others, base, memo) if isinstance(others, dict) else None
    # a property whose values are complete as they are: None, so they are kept without a call
    plain = {k: (None if function is _same else function) for k, function in properties.items()}
    another = None if other is _same else other
    defaults = [(k, sub["default"]) for k, sub in node.get("properties", {}).items() if "default" in sub]
    # each default, and whether it is a list or mapping (copied for each value) or not (shared as it is)
    filled = [(k, default, isinstance(default, (list, dict))) for k, default in defaults]
    items = _compile_complete(node["items"], base, memo) if isinstance(node.get("items"), dict) else None

    def fill(value: Any) -> Any:
        if isinstance(value, dict):
            result = {}
            for name, child in value.items():
                sub = plain.get(name, another)
                result[name] = sub(child) if sub is not None else child
            for name, default, copy in filled:
                if name not in result:
                    result[name] = _copy(default) if copy else default
            return result
        if isinstance(value, list) and items is not None:
            return [items(item) for item in value]
        if is_date and isinstance(value, str):
            return _dt.date.fromisoformat(value)
        return value

    function: Completer = fill
    if not (is_date or properties or other or defaults or items):
        function = _same
    elif is_date and not (properties or other or defaults or items):

        def day(value: Any) -> Any:
            return _dt.date.fromisoformat(value) if value.__class__ is str else fill(value)

        function = day
    late.append(function)
    memo[(id(original), key[1])] = function
    return function


def _copy(value: Any) -> Any:
    if value == [] or value == {}:
        return type(value)()
    return json.loads(json.dumps(value)) if isinstance(value, (list, dict)) else value
