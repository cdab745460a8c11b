"""A quick, exact check of a document against a shipped schema, without importing jsonschema.

It understands only the keywords the shipped schemas use (type, enum, properties,
additionalProperties, propertyNames, required, minimum, maximum, pattern, format
date, items, minItems, maxItems, uniqueItems, minLength, maxLength, anyOf, oneOf,
not, $ref) with jsonschema's meaning, and ignores annotations (``x-...``, title,
description, default, examples); any other keyword makes it answer "not sure" (False).
It only ever says whether a document is valid: when it is not (or when it is not sure),
:func:`engine.load.validation.validate` asks jsonschema for the positioned
diagnostics. So the common case, a valid profile, costs neither the jsonschema
import nor its validation. A property test checks that both always agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date as _date
from decimal import Decimal
from functools import cache
from typing import Any

from .schemas import is_date, resolve, schema

_IGNORED = {"$schema", "$id", "$defs", "title", "description", "default", "x-check", "examples"}
_KNOWN = {
    "type",
    "enum",
    "properties",
    "additionalProperties",
    "propertyNames",
    "required",
    "minimum",
    "maximum",
    "pattern",
    "format",
    "items",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minLength",
    "maxLength",
    "anyOf",
    "oneOf",
    "not",
    "$ref",
} | _IGNORED


class _Unsure(Exception):
    pass


@cache
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text)


def _is_type(value: Any, kind: str) -> bool:
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "null":
        return value is None
    if isinstance(value, bool):
        return False
    if kind == "number":
        return isinstance(value, (int, float, Decimal))
    if kind == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    raise _Unsure


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and bool(a == b)
    return bool(a == b)


Check = Callable[[Any], bool]


def _yes(_value: Any) -> bool:
    return True


def _no(_value: Any) -> bool:
    return False


def _unsure(_value: Any) -> bool:
    raise _Unsure


def _type_check(kinds: list[str]) -> Check:
    for kind in kinds:
        if kind not in ("object", "array", "string", "boolean", "null", "number", "integer"):
            return _unsure
    if kinds == ["string"]:
        return lambda value: isinstance(value, (str, _date))  # a date is read as its ISO text
    if kinds == ["object"]:
        return lambda value: isinstance(value, dict)
    if kinds == ["boolean"]:
        return lambda value: isinstance(value, bool)
    if kinds == ["number"]:
        return lambda value: isinstance(value, (int, Decimal, float)) and not isinstance(value, bool)
    return lambda value: any(_is_type(_text(value), kind) for kind in kinds)


def _text(value: Any) -> Any:
    """A date as JSON Schema sees it (its ISO text); anything else as it is."""
    return value.isoformat() if isinstance(value, _date) else value


def _view(value: Any) -> Any:
    """The whole value as JSON Schema sees it, dates inside lists and mappings too (for equality)."""
    if isinstance(value, list):
        return [_view(v) for v in value]
    if isinstance(value, dict):
        return {k: _view(v) for k, v in value.items()}
    return _text(value)


def _compile(node: Any, base: str, memo: dict[tuple[int, str], Check]) -> Check:
    """A function that tells whether a value is valid against ``node`` (as jsonschema would on its JSON view):
    the schema is walked once, here, not once per value."""
    if node is True:
        return _yes
    if node is False:
        return _no
    key = (id(node), base)
    if key in memo:
        return memo[key]
    late: list[Check] = []
    memo[key] = lambda value: late[0](value)  # a $ref cycle reaches the finished function through this
    if any(keyword not in _KNOWN and not keyword.startswith("x-") for keyword in node):
        late.append(_unsure)
        memo[key] = _unsure
        return _unsure
    fused = _scalar_check(node)
    if fused is not None:
        late.append(fused)
        memo[key] = fused
        return fused
    checks: list[Check] = []
    if "$ref" in node:
        target, target_base = resolve(node["$ref"], base)
        checks.append(_compile(target, target_base, memo))
    objects = node.get("type") == "object"  # the type is checked with the properties, in one function
    if "type" in node and not objects:
        checks.append(_type_check(node["type"] if isinstance(node["type"], list) else [node["type"]]))
    if "enum" in node:
        options = list(node["enum"])
        if all(isinstance(option, str) for option in options):
            texts = frozenset(options)
            checks.append(lambda value: _text(value) in texts if isinstance(value, (str, _date)) else False)
        else:
            checks.append(lambda value: any(_equal(_view(value), option) for option in options))
    if "format" in node:
        if node["format"] != "date":
            checks.append(_unsure)
        else:
            checks.append(lambda value: is_date(_text(value)))
    checks += _string_checks(node)
    checks += _number_checks(node)
    checks += _object_checks(node, base, memo, objects)
    checks += _array_checks(node, base, memo)
    if "anyOf" in node:
        options_any = [_compile(option, base, memo) for option in node["anyOf"]]
        checks.append(lambda value: any(option(value) for option in options_any))
    if "oneOf" in node:
        options_one = [_compile(option, base, memo) for option in node["oneOf"]]
        checks.append(lambda value: sum(option(value) for option in options_one) == 1)
    if "not" in node:
        negated = _compile(node["not"], base, memo)
        checks.append(lambda value: not negated(value))
    check: Check
    if not checks:
        check = _yes
    elif len(checks) == 1:
        check = checks[0]
    elif len(checks) == 2:
        first, second = checks
        check = lambda value: first(value) and second(value)  # noqa: E731
    else:

        def check(value: Any) -> bool:
            for one in checks:  # noqa: SIM110 - a loop is faster than all() over a generator, and this runs per value
                if not one(value):
                    return False
            return True

    late.append(check)
    memo[key] = check
    return check


def _string_checks(node: dict[str, Any]) -> list[Check]:
    checks: list[Check] = []
    if "pattern" in node:
        search = _pattern(node["pattern"]).search
        checks.append(lambda value: not isinstance(value, (str, _date)) or search(_text(value)) is not None)
    if "minLength" in node or "maxLength" in node:
        low, high = node.get("minLength", 0), node.get("maxLength")
        checks.append(
            lambda value: (
                not isinstance(value, (str, _date))
                or (low <= len(_text(value)) and (high is None or len(_text(value)) <= high))
            )
        )
    return checks


def _number_checks(node: dict[str, Any]) -> list[Check]:
    if "minimum" not in node and "maximum" not in node:
        return []
    low, high = node.get("minimum"), node.get("maximum")

    def check(value: Any) -> bool:
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            if low is not None and value < low:
                return False
            if high is not None and value > high:
                return False
        return True

    return [check]


def _scalar_check(node: dict[str, Any]) -> Check | None:
    """One function for the commonest nodes of a value (a number within bounds, a date), which would otherwise be
    a check of the type and one of the rest; None for any other node."""
    keywords = {k for k in node if k not in _IGNORED and not k.startswith("x-")}
    if node.get("type") == "number" and keywords <= {"type", "minimum", "maximum"}:
        low, high = node.get("minimum"), node.get("maximum")

        def number(value: Any) -> bool:
            return (
                isinstance(value, (int, Decimal, float))
                and not isinstance(value, bool)
                and not (low is not None and value < low)
                and not (high is not None and value > high)
            )

        return number
    if node.get("type") == "string" and node.get("format") == "date" and keywords == {"type", "format"}:

        def day(value: Any) -> bool:
            if value.__class__ is _date:
                return True  # its ISO text is always a real day
            return isinstance(value, (str, _date)) and is_date(_text(value))

        return day
    return None


def _object_checks(
    node: dict[str, Any], base: str, memo: dict[tuple[int, str], Check], typed: bool = False
) -> list[Check]:
    """The checks of a mapping's keys and values; ``typed``: the node's type is ``object``, checked here too."""
    if not any(k in node for k in ("properties", "required", "propertyNames", "additionalProperties")):
        return [_type_check(["object"])] if typed else []
    properties = {key: _compile(child, base, memo) for key, child in node.get("properties", {}).items()}
    required = tuple(node.get("required", ()))
    names = _compile(node["propertyNames"], base, memo) if "propertyNames" in node else None
    extra = _compile(node["additionalProperties"], base, memo) if "additionalProperties" in node else None

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return not typed
        for key in required:
            if key not in value:
                return False
        for key, child in value.items():
            if names is not None:
                if isinstance(key, _date):
                    raise _Unsure  # jsonschema sees the key as a date object, not as its text
                if not names(key):
                    return False
            known = properties.get(key)
            if known is not None:
                if not known(child):
                    return False
            elif extra is not None and not extra(child):
                return False
        return True

    return [check]


def _array_checks(node: dict[str, Any], base: str, memo: dict[tuple[int, str], Check]) -> list[Check]:
    if not any(k in node for k in ("items", "minItems", "maxItems", "uniqueItems")):
        return []
    low, high = node.get("minItems", 0), node.get("maxItems")
    items = _compile(node["items"], base, memo) if "items" in node else None
    unique = bool(node.get("uniqueItems"))

    def check(value: Any) -> bool:
        if not isinstance(value, list):
            return True
        if len(value) < low or (high is not None and len(value) > high):
            return False
        if items is not None:
            for item in value:
                if not items(item):
                    return False
        return not (
            unique
            and any(
                _equal(a, b)
                for items_seen in [_view(value)]
                for i, a in enumerate(items_seen)
                for b in items_seen[i + 1 :]
            )
        )

    return [check]


_compiled: dict[str, tuple[dict[str, Any], Check]] = {}


def _checker(schema_name: str) -> Check:
    root = schema(schema_name)
    cached = _compiled.get(schema_name)
    if cached is None or cached[0] is not root:
        cached = (root, _compile(root, schema_name, {}))
        _compiled[schema_name] = cached
    return cached[1]


def node_check(node: dict[str, Any], schema_name: str) -> Check:
    """A yes/no check of a value against one node of a shipped schema (``$ref`` resolved from ``schema_name``),
    compiled once: what :func:`conforms` answers for the whole document, for one part of it (a CSV column's
    cells). False means "not valid, or not sure", as for :func:`conforms`."""
    check = _compile(node, schema_name, {})

    def safe(value: Any) -> bool:
        try:
            return check(value)
        except (_Unsure, RecursionError, TypeError):
            return False

    return safe


_TYPED = {"type", "minimum", "maximum", "enum", "pattern", "minLength", "maxLength", "format"}


def typed_check(node: dict[str, Any], kind: str) -> Check | None:
    """The check of a node (``$ref`` already resolved) for a value its caller made of the node's scalar ``kind``
    (a number, whole number, text or boolean, as a CSV cell is converted): only the bounds, options, pattern,
    length and date format are left to check, in one function. None where the node has other keywords
    (use :func:`node_check`); a function that accepts everything where it has none of these."""
    if node.get("type") != kind or any(k not in _TYPED and k not in _IGNORED and not k.startswith("x-") for k in node):
        return None
    checks: list[Check] = []
    low, high = node.get("minimum"), node.get("maximum")
    if low is not None and high is not None:
        checks.append(lambda value: low <= value <= high)
    elif low is not None or high is not None:
        checks += _number_checks(node)
    if "enum" in node:
        if not all(isinstance(option, str) for option in node["enum"]):
            return None
        checks.append(frozenset(node["enum"]).__contains__)
    if "format" in node:
        if node["format"] != "date":
            return None
        checks.append(is_date)
    checks += _string_checks(node)
    if not checks:
        return _yes
    if len(checks) == 1:
        return checks[0]
    return lambda value: all(check(value) for check in checks)


def conforms(value: Any, schema_name: str) -> bool:
    """True only when ``value`` is valid against the named schema (dates are read as their ISO texts, as in
    :func:`engine.load.schemas.json_view`).

    The schema is compiled once into nested functions (one per schema node, ``$ref`` resolved ahead),
    so a check costs a few calls per value rather than a walk over the schema's keywords."""
    try:
        return _checker(schema_name)(value)
    except (_Unsure, RecursionError, TypeError):
        return False
