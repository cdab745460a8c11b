"""JSON Schema validation that speaks plainly and points at lines.

Validates loaded documents against the shipped schemas (:mod:`engine.load.schemas`)
and turns each :mod:`jsonschema` error into a :class:`Diagnostic` at the line and
column of the offending value (or key), with a message in plain words and, where a
common mistake explains it, a hint. A valid document is recognised by the quick check
(:mod:`engine.load.quickcheck`) without jsonschema; after validation,
:mod:`engine.load.completion` fills in the schema's defaults and turns quoted dates
into dates, so later stages see typed values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:  # jsonschema is imported only when a document must be checked in full
    import jsonschema
    from jsonschema import Draft202012Validator

from ..diagnostics import ERROR, Diagnostic
from ..text.formatting import printable
from ..text.suggestions import did_you_mean
from .quickcheck import conforms
from .schemas import json_view, validator
from .yaml_loader import Document, YamlPath, looks_like_slash_date

MAX_PROBLEMS = 100  # schema problems reported per document: a hostile file may hold 50,000 wrong values


def _character_name(character: str) -> str:
    import unicodedata

    return f"U+{ord(character):04X} {unicodedata.name(character, 'unnamed character')}"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'}"
    if isinstance(value, (int, Decimal, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{printable(value)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


_TYPE_WORDS = {
    "number": "a number",
    "integer": "a whole number",
    "string": "a text",
    "boolean": "true or false",
    "object": "a mapping (key: value lines)",
    "array": "a list",
    "null": "nothing",
}


def _type_hint(
    doc: Document, path: YamlPath, value: Any, expected: Any, options: list[Any] | None = None
) -> str | None:
    expected = expected if isinstance(expected, list) else [expected]
    if path in doc.plain_booleans:
        word = doc.plain_booleans[path]
        if options and word not in options:
            return f"YAML reads a bare '{word}' as {str(value).lower()}; the allowed values are: " + ", ".join(
                map(str, options)
            )
        return f"YAML reads a bare '{word}' as {str(value).lower()}; put it in quotes: '{word}'"
    if isinstance(value, str) and value.strip().endswith("%") and ("number" in expected or "integer" in expected):
        return f"write the percentage as a plain number: {value.strip().rstrip('%').strip()}, not {value.strip()}"
    if looks_like_slash_date(value):
        return "write dates as YYYY-MM-DD, for example 2021-09-13"
    if isinstance(value, str) and ("number" in expected) and re.fullmatch(r"[0-9][0-9.,  ]*", value.strip() or "x"):
        return "write numbers without quotes, thousands separators or spaces, with a dot for decimals: 12500.50"
    return None


class _Reporter:
    """Turns the jsonschema errors of one document into positioned diagnostics."""

    def __init__(self, doc: Document, validator: Draft202012Validator):
        self.doc = doc
        self.validator = validator

    def at(
        self,
        path: YamlPath,
        code: str,
        message: str,
        hint: str | None = None,
        *,
        key: bool = False,
        name: str | None = None,
    ) -> Diagnostic:
        """A diagnostic at the value (or, with ``key``, the key) at ``path``; ``name`` is the key it names."""
        line, column = self.doc.position(path, key=key)
        return Diagnostic(self.doc.name, line, column, ERROR, code, message, hint, path, name)

    def _branch_schema(self, error: jsonschema.ValidationError, index: int) -> dict[str, Any]:
        branch: dict[str, Any] = error.schema[error.validator][index]
        if "$ref" in branch:
            resolver = self.validator._resolver  # private: the public API has no lookup helper
            try:
                found: dict[str, Any] = resolver.lookup(branch["$ref"]).contents
                return found
            except Exception:  # noqa: BLE001 - an unresolvable ref only weakens the hint
                return branch
        return branch

    def _choose_branch(self, error: jsonschema.ValidationError) -> list[jsonschema.ValidationError] | None:
        instance = error.instance
        if not isinstance(instance, dict) or not error.context:
            return None
        by_branch: dict[int, list[jsonschema.ValidationError]] = {}
        for sub in error.context:
            by_branch.setdefault(sub.schema_path[0], []).append(sub)
        scores = []
        for index, subs in by_branch.items():
            properties = self._branch_schema(error, index).get("properties", {})
            overlap = sum(1 for key in instance if key in properties)
            scores.append((-overlap, len(subs), index))
        scores.sort()
        if len(scores) > 1 and scores[0][:2] == scores[1][:2]:
            return None
        return by_branch[scores[0][2]]

    def convert(self, error: jsonschema.ValidationError) -> Iterator[Diagnostic]:
        """The diagnostics of one jsonschema error: a key that is not a valid name, else the keyword's converter."""
        path = tuple(error.absolute_path)
        value = error.instance
        if (
            "propertyNames" in error.absolute_schema_path
            and isinstance(value, str)
            and path + (value,) in self.doc.key_positions
        ):  # a key that is not a valid name: point at that key, not its mapping
            yield from _bad_key_name(self, error, path, value)
            return
        yield from CONVERTERS.get(error.validator, _other)(self, error, path, value)


Converter = Callable[[_Reporter, "jsonschema.ValidationError", YamlPath, Any], Iterator[Diagnostic]]
"""Turns one jsonschema error of one keyword, at ``path`` with its ``value``, into diagnostics."""


def _bad_key_name(
    reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: str
) -> Iterator[Diagnostic]:
    owner = f"'{path[-1]}'" if path and isinstance(path[-1], str) else "the document"
    foreign = next((c for c in value if not c.isascii()), None)
    why = (
        f": it holds '{foreign}' ({_character_name(foreign)}), which only looks like a plain letter"
        if foreign and foreign.isprintable()
        else ""
    )
    yield reporter.at(
        path + (value,),
        "schema-name",
        f"'{printable(value)}' is not a valid name in {owner}{why}",
        error.schema.get("description") or None,
        key=True,
        name=value,
    )


def _alternatives(
    reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any
) -> Iterator[Diagnostic]:
    """anyOf, oneOf: the problems of the branch the value is closest to, or that it has no allowed form."""
    chosen = reporter._choose_branch(error)
    if chosen is not None:
        for sub in chosen:
            yield from reporter.convert(sub)
        return
    if error.context and not isinstance(value, dict):
        from jsonschema.exceptions import best_match  # imported lazily, like jsonschema itself

        best = best_match(error.context)
        if best is not None and best.validator not in ("anyOf", "oneOf"):
            yield from reporter.convert(best)
            return
    what = error.schema.get("description", "")
    name = path[-1] if path else "the document"
    yield reporter.at(path, "schema-form", f"'{name}' does not have an allowed form", what or None)


def _required(
    reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any
) -> Iterator[Diagnostic]:
    # jsonschema reports each missing key as its own error, in the order 'required' lists them; its
    # message is the one place that says which (compared whole, not parsed)
    required = [str(k) for k in error.validator_value]
    key = next((k for k in required if error.message == f"{k!r} is a required property"), str(error.validator_value))
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        owner = f"'{value['id']}'"
    elif path and isinstance(path[-1], str):
        owner = f"'{path[-1]}'"
    else:
        owner = f"item {int(path[-1]) + 1}" if path else "the document"
    yield reporter.at(
        path,
        "missing-key",
        f"missing required key '{key}' in {owner}",
        (error.schema.get("properties", {}).get(key) or {}).get("description"),
        name=key,
    )


def _additional(
    reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any
) -> Iterator[Diagnostic]:
    allowed = list(error.schema.get("properties", {}))
    patterns = error.schema.get("patternProperties", {})
    for key in value:
        if key in allowed or any(re.search(p, key) for p in patterns):
            continue
        hint = did_you_mean(key, allowed, "allowed keys: " + ", ".join(allowed) if allowed else None)
        yield reporter.at(path + (key,), "unknown-key", f"unknown key '{printable(key)}'", hint, key=True, name=key)


def _enum(reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any) -> Iterator[Diagnostic]:
    options = [o for o in error.validator_value if o is not None]
    hint = _type_hint(reporter.doc, path, value, "string") or did_you_mean(str(value), [str(o) for o in options])
    yield reporter.at(
        path,
        "schema-enum",
        f"{_describe(value)} is not allowed here; expected one of: " + ", ".join(str(o) for o in options),
        hint,
    )


def _type(reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any) -> Iterator[Diagnostic]:
    expected: Any = error.validator_value
    words = " or ".join(
        cast(str, _TYPE_WORDS.get(t, t)) for t in (expected if isinstance(expected, list) else [expected])
    )
    yield reporter.at(
        path,
        "schema-type",
        f"expected {words} but found {_describe(value)}",
        _type_hint(reporter.doc, path, value, expected, error.schema.get("enum")),
    )


def _format(reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any) -> Iterator[Diagnostic]:
    hint = "write dates as YYYY-MM-DD, for example 2021-09-13" if error.validator_value == "date" else None
    yield reporter.at(path, "schema-format", f"{_describe(value)} is not a valid {error.validator_value}", hint)


def _pattern(
    reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any
) -> Iterator[Diagnostic]:
    yield reporter.at(
        path, "schema-pattern", f"{_describe(value)} does not have the expected form", error.schema.get("description")
    )


_BOUND_WORDS = {
    "minimum": "at least",
    "maximum": "at most",
    "exclusiveMinimum": "more than",
    "exclusiveMaximum": "less than",
}


def _range(reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any) -> Iterator[Diagnostic]:
    word = _BOUND_WORDS[error.validator]
    yield reporter.at(path, "schema-range", f"must be {word} {error.validator_value}, found {value}")


def _too_long(
    reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any
) -> Iterator[Diagnostic]:
    if not isinstance(value, (list, str)):
        yield from _other(reporter, error, path, value)
        return
    # jsonschema's own message quotes the whole value, which may be megabytes long
    what, unit = ("the list", "items") if error.validator == "maxItems" else ("the text", "characters")
    yield reporter.at(
        path, "schema-size", f"{what} has {len(value)} {unit}; at most {error.validator_value} are allowed"
    )


def _unique(reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any) -> Iterator[Diagnostic]:
    yield reporter.at(path, "schema-size", "the list has repeated items", "list each item once")


def _too_short(
    reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any
) -> Iterator[Diagnostic]:
    yield reporter.at(path, "schema-size", error.message.replace("is too short", "is too short or empty"))


def _names(reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any) -> Iterator[Diagnostic]:
    yield reporter.at(
        path,
        "schema-name",
        f"a name in '{path[-1] if path else 'document'}' is not valid: {error.message}",
        "names are lower-case letters, digits and underscores",
    )


def _other(reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any) -> Iterator[Diagnostic]:
    """Any other keyword: jsonschema's own message."""
    yield reporter.at(path, "schema", error.message)


CONVERTERS: dict[str, Converter] = {
    "anyOf": _alternatives,
    "oneOf": _alternatives,
    "required": _required,
    "additionalProperties": _additional,
    "enum": _enum,
    "type": _type,
    "format": _format,
    "pattern": _pattern,
    "minimum": _range,
    "maximum": _range,
    "exclusiveMinimum": _range,
    "exclusiveMaximum": _range,
    "maxItems": _too_long,
    "maxLength": _too_long,
    "uniqueItems": _unique,
    "minItems": _too_short,
    "minLength": _too_short,
    "minProperties": _too_short,
    "propertyNames": _names,
}
"""The JSON Schema keyword of an error to the function that turns it into diagnostics (others: :func:`_other`)."""


def validate(doc: Document, name: str) -> list[Diagnostic]:
    """Validate ``doc`` against ``schemas/<name>.schema.json``.

    A quick exact check (:mod:`engine.load.quickcheck`) answers for valid documents; only a
    document it rejects goes through jsonschema, for positioned, plain diagnostics.

    Returns:
        Positioned diagnostics, sorted by position; empty when valid.
    """
    if conforms(doc.data, name):
        return []
    view = json_view(doc.data)
    checker = validator(name)
    reporter = _Reporter(doc, checker)
    found: dict[tuple[int, int, str, str], Diagnostic] = {}
    more: Diagnostic | None = None
    for count, error in enumerate(checker.iter_errors(view)):
        if count == MAX_PROBLEMS:  # a hostile file can hold 50,000 wrong values: report the first ones
            line, column = doc.position(tuple(error.absolute_path))
            more = Diagnostic(
                doc.name,
                line,
                column,
                ERROR,
                "schema-more",
                f"the file has more than {MAX_PROBLEMS} problems; the rest are not shown",
                "fix these and check again",
            )
            break
        for diagnostic in reporter.convert(error):
            found.setdefault((diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.message), diagnostic)
    typed = {(d.line, d.column) for d in found.values() if d.code == "schema-type"}
    return sorted(d for d in found.values() if d.code == "schema-type" or (d.line, d.column) not in typed) + (
        [more] if more else []
    )
