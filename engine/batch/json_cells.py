"""A JSON cell of a CSV batch input read, checked against its column's schema node and completed, in one pass.

The cells ``aid_received``, ``company.partner_enterprises`` and ``company.linked_enterprises``
hold JSON lists. Reading one with ``json.loads``, then checking the whole value against the
schema node (:func:`engine.load.quickcheck.node_check`), then completing it
(:func:`engine.load.completion.node_completer`) walked every value three times.
:func:`json_reader` compiles a node once into a reader that walks the parsed text once: the C
decoder makes each JSON object a tuple of its ``(key, value)`` pairs (so a key given twice is
seen, and no Python hook runs per object), and one function per schema node checks each value
as :mod:`engine.load.quickcheck` would and builds its completed form as
:mod:`engine.load.completion` would (defaults filled in, dates made dates, keys in the
order given then the defaults).

A list of flat mappings (the shape of every JSON column of the shipped schema) is read faster first: parsed with its
objects as dicts by the C scanner, then checked and completed in place by straight lines made once for its node
(:func:`_flat_list`). A dict keeps one of a key given twice, so that way is taken only where the text has as many
``:`` as the dicts have keys; any other text, and any value it refuses, is read again the way above. The days of
date texts are kept (:func:`known_day`).

The reader only ever accepts: for a text with any problem, or one that the loader and JSON
might read differently (see :func:`engine.load.plain_json.plain_json`), it gives None and the
row is checked the slow way, for its messages. It understands only the keywords the shipped
profile schema uses for these columns; :func:`json_reader` gives None for a node with any other,
and the caller keeps the three passes. A test checks that both ways give the same data.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import json.scanner
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..load.schemas import resolve

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
"""The ``date`` format's text, as :func:`engine.load.schemas.is_date` reads it (a test checks both agree)."""

_ANNOTATIONS = {"title", "description", "examples", "default"}
_SUPPORTED = {
    "type",
    "properties",
    "additionalProperties",
    "required",
    "minimum",
    "maximum",
    "enum",
    "format",
    "items",
    "minItems",
    "maxItems",
    "minLength",
    "maxLength",
    "pattern",
} | _ANNOTATIONS


class _Refused(Exception):
    """A value the node does not accept, or not for sure: the cell is read the slow way."""


def _refuse(_name: str) -> Any:
    raise _Refused


_DECODER = json.JSONDecoder(parse_float=Decimal, parse_constant=_refuse, object_pairs_hook=tuple)
"""Objects as tuples of pairs (lists stay lists, so the two cannot be confused); numbers with a fraction as decimals."""
_SCAN = json.scanner.make_scanner(_DECODER)  # type: ignore[arg-type]  # typeshed: make_scanner takes a decoder
_SCAN_DICTS = json.scanner.make_scanner(  # objects as dicts, built by the C scanner itself: see _flat_list
    json.JSONDecoder(parse_float=Decimal, parse_constant=_refuse)  # type: ignore[arg-type]
)

Convert = Callable[[Any], Any]


class _Unsupported(Exception):
    """A node with a keyword this reader does not understand."""


def json_reader(node: dict[str, Any], schema_name: str) -> Callable[[str], Any] | None:
    """A function from a cell's text (stripped: no white space before or after it) to its checked and completed
    value, or None when the text has any problem; None where the node uses a keyword the reader does not know."""
    try:
        convert = _compile(node, schema_name)
    except _Unsupported:
        return None
    fast = _flat_list(node, schema_name)

    def read(text: str) -> Any:
        if "\\" in text and _SURROGATE_ESCAPE.search(text):  # one character is looked for faster than two
            return None  # a lone surrogate: the loader reports it
        if fast is not None:
            try:
                # objects as dicts: each pair of the text has a ':' of its own, so as many pairs in the dicts as ':' in
                # the text means no key was given twice (a ':' inside a text, or a nested value, only adds to the count:
                # refused); fast counts the pairs where it checks each mapping
                value, end = _SCAN_DICTS(text, 0)
                if end == len(text) and type(value) is list:
                    return fast(value, text.count(":"))
            except (StopIteration, ValueError, KeyError, _Refused, RecursionError, TypeError):
                pass  # read again below, the one way that sees every problem
        try:
            # the decoder's scanner itself: the text is stripped, so a value must start at 0 and end at the end
            value, end = _SCAN(text, 0)
            if end != len(text):
                return None
            return convert(value)
        # StopIteration: no JSON value where one must be; KeyError: a key the node does not have
        except (StopIteration, ValueError, KeyError, _Refused, RecursionError, TypeError):
            return None

    return read


def _resolved(node: dict[str, Any], base: str) -> tuple[dict[str, Any], str]:
    while "$ref" in node:
        target, base = resolve(node["$ref"], base)
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node, base


def _compile(node: Any, base: str, depth: int = 0) -> Convert:
    if not isinstance(node, dict) or depth > 8:
        raise _Unsupported
    node, base = _resolved(node, base)
    if any(k not in _SUPPORTED and not k.startswith("x-") for k in node):
        raise _Unsupported
    kind = node.get("type")
    if kind == "array":
        return _array(node, base, depth)
    if kind == "object":
        return _object(node, base, depth)
    if kind in ("number", "integer"):
        return _number(node, kind)
    if kind == "string":
        return _string(node)
    if kind == "boolean" and all(k == "type" or k in _ANNOTATIONS or k.startswith("x-") for k in node):
        return _boolean
    raise _Unsupported


def _boolean(value: Any) -> Any:
    if value is True or value is False:
        return value
    raise _Refused


def _array(node: dict[str, Any], base: str, depth: int) -> Convert:
    if "items" not in node or set(node) & {"properties", "required", "additionalProperties", "minimum"}:
        raise _Unsupported
    low, high = node.get("minItems", 0), node.get("maxItems")
    item = _compile(node["items"], base, depth + 1)

    def convert(value: Any) -> Any:
        if type(value) is not list or len(value) < low or (high is not None and len(value) > high):
            raise _Refused
        return [item(one) for one in value]

    return convert


def _object(node: dict[str, Any], base: str, depth: int) -> Convert:
    if node.get("additionalProperties") is not False or set(node) & {"items", "minimum", "enum", "format"}:
        raise _Unsupported
    properties = {key: _compile(child, base, depth + 1) for key, child in node.get("properties", {}).items()}
    required = tuple(node.get("required", ()))
    defaults: list[tuple[str, Any]] = []
    for key, child in node.get("properties", {}).items():
        if "default" in child:
            default = child["default"]
            if isinstance(default, (list, dict)):
                raise _Unsupported  # a default to copy: not used by these columns
            defaults.append((key, default))

    ranges = {key: found for key, child in node.get("properties", {}).items() if (found := _range(child, base))}

    def convert(value: Any) -> Any:
        if type(value) is not tuple:
            raise _Refused
        result: dict[str, Any] = {}
        for key, child in value:
            if key in result:
                raise _Refused  # a key given twice
            bounds = ranges.get(key)
            if bounds is None:
                result[key] = properties[key](child)  # a key the node does not have: KeyError, refused by the reader
            elif type(child) in bounds[0] and bounds[1] <= child <= bounds[2]:  # a number, checked here: no call
                result[key] = child
            else:
                raise _Refused
        for key in required:
            if key not in result:
                raise _Refused
        for key, default in defaults:
            if key not in result:
                result[key] = default
        return result

    return convert


def _range(node: dict[str, Any], base: str) -> tuple[tuple[type, ...], Any, Any] | None:
    """The types and bounds of a number node that has both bounds and nothing else to check, else None."""
    node, _base = _resolved(node, base)
    plain = {k for k in node if k not in _ANNOTATIONS and not k.startswith("x-")}
    if plain != {"type", "minimum", "maximum"} or node["type"] not in ("number", "integer"):
        return None
    return (int,) if node["type"] == "integer" else (int, Decimal), node["minimum"], node["maximum"]


def _number(node: dict[str, Any], kind: str) -> Convert:
    if set(node) & {"enum", "format", "pattern", "minLength", "maxLength", "items", "properties"}:
        raise _Unsupported
    low, high = node.get("minimum"), node.get("maximum")
    types = (int,) if kind == "integer" else (int, Decimal)

    def convert(value: Any) -> Any:
        if type(value) not in types:  # a boolean is not a number; nor, for an integer, is 3.0
            raise _Refused
        if (low is not None and value < low) or (high is not None and value > high):
            raise _Refused
        return value

    return convert


def _string(node: dict[str, Any]) -> Convert:
    if set(node) & {"minimum", "maximum", "items", "properties"}:
        raise _Unsupported
    if node.get("format", "date") != "date":
        raise _Unsupported
    is_date = "format" in node
    options = node.get("enum")
    if options is not None and not all(isinstance(option, str) for option in options):
        raise _Unsupported
    texts = None if options is None else frozenset(options)
    search = re.compile(node["pattern"]).search if "pattern" in node else None
    low, high = node.get("minLength", 0), node.get("maxLength")
    if texts is None and search is None and low == 0:  # the common shapes, with fewer tests per value
        if is_date and high is None:
            return _date
        if not is_date and high is not None:
            return functools.partial(_short_text, high)

    def convert(value: Any) -> Any:
        if type(value) is not str or len(value) < low or (high is not None and len(value) > high):
            raise _Refused
        if texts is not None and value not in texts:
            raise _Refused
        if search is not None and search(value) is None:
            raise _Refused
        if is_date:
            if DATE_TEXT.match(value) is None:
                raise _Refused
            return _dt.date.fromisoformat(value)  # ValueError for a day that does not exist: refused
        return value

    return convert


def _date(value: Any, match: Any = DATE_TEXT.match, day: Any = _dt.date.fromisoformat) -> Any:
    """A plain ``date`` node: a text ``YYYY-MM-DD`` of a day that exists, as a date."""
    if type(value) is not str or match(value) is None:
        raise _Refused
    return day(value)  # ValueError for a day that does not exist: refused


KNOWN_DAYS: dict[str, _dt.date] = {}
"""Texts of days read before, and their dates (a date cannot be changed: one object serves every row); a text is a
key only where :func:`known_day` read it (so none has white space around it), and the dict is only ever cleared."""
_MAX_DAYS = 8192


def known_day(text: Any) -> _dt.date | None:
    """The day a text of the ``date`` format names, as :func:`_date` reads it, or None; the days read before are
    looked up (a look-up costs a fraction of the pattern and the parse)."""
    if type(text) is not str:
        return None
    found = KNOWN_DAYS.get(text)
    if found is None:
        if DATE_TEXT.match(text) is None:
            return None
        try:
            found = _dt.date.fromisoformat(text)
        except ValueError:  # a day that does not exist
            return None
        if len(KNOWN_DAYS) >= _MAX_DAYS:
            KNOWN_DAYS.clear()  # bounded: a run over many distinct days starts afresh
        KNOWN_DAYS[text] = found
    return found


def _short_text(high: int, value: Any) -> Any:
    """A text node with only a maximum length."""
    if type(value) is not str or len(value) > high:
        raise _Refused
    return value


def _flat_list(node: dict[str, Any], base: str) -> Callable[[list[Any], int], Any] | None:
    """For a list of mappings of plain values (the shape of every JSON column of the profile schema), a function that
    checks and completes such a list, as parsed with objects as dicts, in place, given the count of ``:`` in its text
    (:class:`_Refused` where the mappings hold another number of keys); else None.

    Each mapping is checked by straight lines made once for its node: each required key looked up, each optional one
    counted, a key the node does not have seen from the dict's size; each value as the converter :func:`_compile`
    makes for it would (ranges, dates, short texts and booleans written out, any other value through its
    converter); then its defaults filled in after the keys given. The source holds no text of the input: keys come
    from the schema, written with ``repr``. The caller makes sure that no key was given twice (the dicts would have
    kept one)."""
    node, base = _resolved(node, base)
    if node.get("type") != "array":
        return None
    item_node, item_base = _resolved(node["items"], base)
    if item_node.get("type") != "object":
        return None
    properties = item_node.get("properties", {})
    required = tuple(item_node.get("required", ()))
    constants: dict[str, Any] = {"Refused": _Refused, "Decimal": Decimal, "day": known_day, "days": KNOWN_DAYS.get}
    # a key the node does not have: the dict holds more keys than the node's it holds (each required key is looked up:
    # KeyError when missing, refused by the reader)
    lines = ["    if type(value) is not dict:", "        raise Refused", f"    n = {len(required)}"]  # one mapping's
    for index, (key, child) in enumerate(properties.items()):
        resolved, _base = _resolved(child, item_base)
        if resolved.get("type") not in ("number", "integer", "string", "boolean"):
            return None  # a nested mapping or list: the tuple reader only
        convert = _compile(child, item_base, 2)
        if key in required:
            lines.append(f"    v = value[{key!r}]")
            indent = "    "
        else:
            lines += [f"    if {key!r} in value:", "        n += 1", f"        v = value[{key!r}]"]
            indent = "        "
        bounds = _range(child, item_base)
        if bounds is not None:
            types, low, high = bounds
            # the bounds as decimals for a decimal (a decimal compares with an int at several times the cost); both
            # comparisons are exact
            constants[f"L{index}"], constants[f"H{index}"] = low, high
            constants[f"DL{index}"], constants[f"DH{index}"] = Decimal(low), Decimal(high)
            body = [
                "if type(v) is int:",
                f"    if not L{index} <= v <= H{index}:",
                "        raise Refused",
                *(
                    [
                        "elif type(v) is Decimal:",
                        f"    if not DL{index} <= v <= DH{index}:",
                        "        raise Refused",
                    ]
                    if Decimal in types
                    else []
                ),
                "else:",
                "    raise Refused",
            ]
        elif convert is _date:
            # a day read before is looked up here, without the call (a list or mapping is unhashable: TypeError, and the
            # text is read the other way, which refuses it)
            body = ["d = days(v)", "if d is None:", "    d = day(v)", "    if d is None:", "        raise Refused"]
            body.append(f"value[{key!r}] = d")
        elif convert is _boolean:
            body = ["if v is not True and v is not False:", "    raise Refused"]
        elif isinstance(convert, functools.partial) and convert.func is _short_text:
            constants[f"H{index}"] = convert.args[0]
            body = [f"if type(v) is not str or len(v) > H{index}:", "    raise Refused"]
        else:
            constants[f"C{index}"] = convert
            body = [f"value[{key!r}] = C{index}(v)"]
        lines += [indent + line for line in body]
    lines += ["    if len(value) != n:", "        raise Refused", "    pairs += n"]  # the keys given, not the defaults
    for index, (key, child) in enumerate(properties.items()):
        if "default" in child:
            constants[f"D{index}"] = child["default"]  # a plain value: _object refuses a list or mapping default
            lines += [f"    if {key!r} not in value:", f"        value[{key!r}] = D{index}"]
    low, high = node.get("minItems", 0), node.get("maxItems")
    constants["LOW"], constants["HIGH"] = low, high
    # the list's walk and each mapping's lines in one function: no call per mapping
    lines = [
        "def items(whole, colons):",
        "    if len(whole) < LOW or (HIGH is not None and len(whole) > HIGH):",
        "        raise Refused",
        "    pairs = 0",
        "    for value in whole:",
        *["    " + line for line in lines],
        "    if pairs != colons:",  # a key given twice (the dict kept one), or a ':' inside a text: read the other way
        "        raise Refused",
        "    return whole",
    ]
    exec(compile("\n".join(lines) + "\n", "<JSON cell reader>", "exec"), constants)
    items: Callable[[list[Any], int], Any] = constants["items"]
    return items
