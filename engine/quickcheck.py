"""A quick, exact check of a document against a shipped schema, without importing jsonschema.

It understands only the keywords the shipped schemas use (type, enum, properties,
additionalProperties, propertyNames, required, minimum, maximum, pattern, format
date, items, minItems, maxItems, uniqueItems, minLength, maxLength, anyOf, oneOf,
not, $ref) with jsonschema's meaning; any other keyword makes it answer "not sure"
(False). It only ever says whether a document is valid: when it is not (or when it
is not sure), :func:`engine.schema.validate` asks jsonschema for the positioned
diagnostics. So the common case, a valid profile, costs neither the jsonschema
import nor its validation. A property test checks that both always agree.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

_IGNORED = {"$schema", "$id", "$defs", "title", "description", "default", "x-check", "examples"}
_KNOWN = {"type", "enum", "properties", "additionalProperties", "propertyNames", "required", "minimum", "maximum",
          "pattern", "format", "items", "minItems", "maxItems", "uniqueItems", "minLength", "maxLength", "anyOf",
          "oneOf", "not", "$ref"} | _IGNORED


class _Unsure(Exception):
    pass


@lru_cache(maxsize=None)
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
        return type(a) is type(b) and a == b
    return a == b


def _check(value: Any, node: Any, base: str) -> bool:
    from .schema import _is_date, resolve

    if node is True:
        return True
    if node is False:
        return False
    for keyword in node:
        if keyword not in _KNOWN:
            raise _Unsure
    if "$ref" in node:
        target, target_base = resolve(node["$ref"], base)
        if not _check(value, target, target_base):
            return False
    if "type" in node:
        kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
        if not any(_is_type(value, k) for k in kinds):
            return False
    if "enum" in node and not any(_equal(value, option) for option in node["enum"]):
        return False
    if "format" in node:
        if node["format"] != "date":
            raise _Unsure
        if not _is_date(value):
            return False
    if isinstance(value, str):
        if "pattern" in node and not _pattern(node["pattern"]).search(value):
            return False
        if len(value) < node.get("minLength", 0) or len(value) > node.get("maxLength", len(value)):
            return False
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        if "minimum" in node and value < node["minimum"]:
            return False
        if "maximum" in node and value > node["maximum"]:
            return False
    if isinstance(value, dict):
        properties = node.get("properties", {})
        if any(key not in value for key in node.get("required", ())):
            return False
        for key, child in value.items():
            if "propertyNames" in node and not _check(key, node["propertyNames"], base):
                return False
            if key in properties:
                if not _check(child, properties[key], base):
                    return False
            elif "additionalProperties" in node and not _check(child, node["additionalProperties"], base):
                return False
    if isinstance(value, list):
        if len(value) < node.get("minItems", 0) or len(value) > node.get("maxItems", len(value)):
            return False
        if "items" in node and not all(_check(item, node["items"], base) for item in value):
            return False
        if node.get("uniqueItems") and any(_equal(a, b) for i, a in enumerate(value) for b in value[i + 1:]):
            return False
    if "anyOf" in node and not any(_check(value, option, base) for option in node["anyOf"]):
        return False
    if "oneOf" in node and sum(_check(value, option, base) for option in node["oneOf"]) != 1:
        return False
    if "not" in node and _check(value, node["not"], base):
        return False
    return True


def conforms(value: Any, schema_name: str) -> bool:
    """True only when ``value`` (in its JSON view: dates as texts) is valid against the named schema."""
    from .schema import schema

    try:
        return _check(value, schema(schema_name), schema_name)
    except (_Unsure, RecursionError, TypeError):
        return False
