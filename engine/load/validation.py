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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # jsonschema is imported only when a document must be checked in full
    import jsonschema
    from jsonschema import Draft202012Validator

from ..diagnostics import ERROR, Diagnostic, Either, Phrase, Words, diagnostic_at, did_you_mean, phrase
from ..text.formatting import printable
from ..text.suggestions import closest
from .quickcheck import conforms
from .schemas import json_view, validator
from .yaml_loader import Document, YamlPath, looks_like_slash_date

MAX_PROBLEMS = 100  # schema problems reported per document: a hostile file may hold 50,000 wrong values


def _character_name(character: str) -> str:
    import unicodedata

    return f"U+{ord(character):04X} {unicodedata.name(character, 'unnamed character')}"


def _describe(value: Any) -> Words:
    if value is None:
        return phrase("diagnostics.value-null")
    if isinstance(value, bool):
        return f"{'true' if value else 'false'}"
    if isinstance(value, (int, Decimal, float)):
        return phrase("diagnostics.value-number", number=value)
    if isinstance(value, str):
        return phrase("diagnostics.value-text", text=printable(value))
    if isinstance(value, list):
        return phrase("diagnostics.kind-list")
    if isinstance(value, dict):
        return phrase("diagnostics.value-mapping")
    return repr(value)


_TYPE_WORDS = {
    "number": "diagnostics.kind-number",
    "integer": "diagnostics.type-integer",
    "string": "diagnostics.kind-text",
    "boolean": "diagnostics.kind-boolean",
    "object": "diagnostics.type-object",
    "array": "diagnostics.kind-list",
    "null": "diagnostics.type-null",
}


def _type_hint(
    doc: Document, path: YamlPath, value: Any, expected: Any, options: list[Any] | None = None
) -> Phrase | None:
    expected = expected if isinstance(expected, list) else [expected]
    if path in doc.plain_booleans:
        word = doc.plain_booleans[path]
        if options and word not in options:
            return phrase(
                "diagnostics.bare-word-options",
                word=word,
                value=str(value).lower(),
                options=", ".join(map(str, options)),
            )
        return phrase("diagnostics.bare-word", word=word, value=str(value).lower())
    if isinstance(value, str) and value.strip().endswith("%") and ("number" in expected or "integer" in expected):
        return phrase(
            "diagnostics.percent-sign-hint", number=printable(value.strip().rstrip("%").strip()), text=printable(value)
        )
    if looks_like_slash_date(value):
        return _date_hint(value)
    if isinstance(value, str) and ("number" in expected) and re.fullmatch(r"[0-9][0-9.,  ]*", value.strip() or "x"):
        return phrase("diagnostics.number-text-hint")
    return None


def _date_hint(value: Any) -> Phrase:
    """How to write a date, with the date the editor meant when it is written day/month/year (13/09/2021)."""
    found = (
        re.fullmatch(r"\s*([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})\s*", value) if isinstance(value, str) else None
    )
    if found is not None and 1 <= int(found.group(2)) <= 12 and 1 <= int(found.group(1)) <= 31:
        day, month, year = found.groups()
        return phrase("diagnostics.date-meant-hint", date=f"{year}-{int(month):02d}-{int(day):02d}")
    return phrase("diagnostics.date-hint")


class _Reporter:
    """Turns the jsonschema errors of one document into positioned diagnostics."""

    def __init__(self, doc: Document, validator: Draft202012Validator):
        self.doc = doc
        self.validator = validator

    def at(
        self,
        path: YamlPath,
        code: str,
        message: Phrase,
        hint: Phrase | None = None,
        *,
        key: bool = False,
        name: str | None = None,
    ) -> Diagnostic:
        """A diagnostic at the value (or, with ``key``, the key) at ``path``; ``name`` is the key it names."""
        line, column = self.doc.position(path, key=key)
        return diagnostic_at(self.doc.name, line, column, ERROR, code, message, hint, path, name)

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
    owner = (
        phrase("diagnostics.owner-key", key=path[-1])
        if path and isinstance(path[-1], str)
        else phrase("diagnostics.owner-document")
    )
    foreign = next((c for c in value if not c.isascii()), None)
    why = (
        phrase("schema.schema-name-lookalike", character=foreign, unicode=_character_name(foreign))
        if foreign and foreign.isprintable()
        else ""
    )
    yield reporter.at(
        path + (value,),
        "schema-name",
        phrase("schema.schema-name", name=printable(value), owner=owner, why=why),
        form_hint(error.schema),
        key=True,
        name=value,
    )


def _name_of(path: YamlPath) -> str:
    """The key a value stands under ('rate'), or its place in a list ('3'), as messages name it."""
    return str(path[-1]) if path else "/"


def form_hint(schema: dict[str, Any]) -> Phrase | None:
    """How to write a value of ``schema``: the hint its ``x-hint`` names (every pattern and every choice between
    forms in the shipped schemas has one, a test checks)."""
    named = _SCHEMA_HINTS.get(schema.get("x-hint", ""))
    return phrase(named) if named is not None else None


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
    yield reporter.at(path, "schema-form", phrase("schema.schema-form", name=_name_of(path)), form_hint(error.schema))


def _required(
    reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any
) -> Iterator[Diagnostic]:
    # jsonschema reports each missing key as its own error, in the order 'required' lists them; its
    # message is the one place that says which (compared whole, not parsed)
    required = [str(k) for k in error.validator_value]
    key = next((k for k in required if error.message == f"{k!r} is a required property"), str(error.validator_value))
    item = _item_of(path)
    owner: Words
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        owner = (
            phrase("diagnostics.owner-item-id", id=printable(value["id"]), item=item)
            if item
            else phrase("diagnostics.owner-key", key=printable(value["id"]))
        )
    elif path and isinstance(path[-1], str):
        owner = phrase("diagnostics.owner-key", key=path[-1])
    else:
        owner = item or phrase("diagnostics.owner-document")
    description = (error.schema.get("properties", {}).get(key) or {}).get("description")
    yield reporter.at(
        path,
        "missing-key",
        phrase("diagnostics.missing-key", key=key, owner=owner),
        phrase("diagnostics.missing-source-hint")
        if key == "source"
        else phrase("diagnostics.missing-key-hint", key=key, what=Either(f": {_lower_first(description)}", ""))
        if description
        else phrase("diagnostics.missing-key-hint", key=key, what=""),
        name=key,
    )


def _lower_first(text: str) -> str:
    """A schema's description to follow a colon: its first letter in lower case, unless it starts a name (NIS2)."""
    first = text.split(" ", 1)[0]
    return text if len(first) > 1 and not first[1:].islower() else text[:1].lower() + text[1:]


def _item_of(path: YamlPath) -> Phrase | None:
    """ "item 4 of 'values' of 'rate'" for the path of a list item: which list, and whose."""
    if not path or not isinstance(path[-1], int):
        return None
    number = path[-1] + 1
    names = [str(part) for part in path[-3:-1] if isinstance(part, str)]
    if len(path) < 2 or not isinstance(path[-2], str):
        return phrase("diagnostics.item", number=number)
    if len(names) == 2:
        return phrase("diagnostics.item-of-list-of", number=number, list=names[1], owner=names[0])
    return phrase("diagnostics.item-of-list", number=number, list=names[-1])


def _additional(
    reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any
) -> Iterator[Diagnostic]:
    allowed = list(error.schema.get("properties", {}))
    patterns = error.schema.get("patternProperties", {})
    for key in value:
        if key in allowed or any(re.search(p, key) for p in patterns):
            continue
        close = closest(key, allowed)
        hint = (
            phrase("diagnostics.did-you-mean", word=close)
            if close is not None
            else phrase("diagnostics.allowed-keys", keys=", ".join(allowed))
            if allowed
            else None
        )
        yield reporter.at(
            path + (key,),
            "unknown-key",
            phrase("diagnostics.unknown-key", key=printable(key)),
            hint,
            key=True,
            name=key,
        )


_SCHEMA_HINTS = {
    "decision": "diagnostics.decision-hint",
    "id": "schema.form-id",
    "name": "schema.form-name",
    "url": "schema.form-url",
    "table-key": "schema.form-table-key",
    "kbo": "schema.form-kbo",
    "nace": "schema.form-nace",
    "texts": "schema.form-texts",
    "value": "schema.form-value",
    "condition": "schema.form-condition",
    "amount": "schema.form-amount",
    "case-profile": "schema.form-case-profile",
}
"""The hints a schema names with ``x-hint``: for a value outside its ``enum``, or not of the form its ``pattern``
asks."""


def _enum(reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any) -> Iterator[Diagnostic]:
    options = [o for o in error.validator_value if o is not None]
    close = closest(str(value), [str(o) for o in options])
    hint = (
        _type_hint(reporter.doc, path, value, "string")
        or (phrase(_SCHEMA_HINTS[error.schema["x-hint"]]) if error.schema.get("x-hint") in _SCHEMA_HINTS else None)
        or did_you_mean(close)
    )
    yield reporter.at(
        path,
        "schema-enum",
        phrase("diagnostics.schema-enum", value=_describe(value), options=", ".join(str(o) for o in options)),
        hint,
    )


def _type(reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any) -> Iterator[Diagnostic]:
    expected: Any = error.validator_value
    kinds = [
        phrase(_TYPE_WORDS.get(t, "diagnostics.kind-any"))
        for t in (expected if isinstance(expected, list) else [expected])
    ]
    wanted = kinds[0] if len(kinds) == 1 else phrase("diagnostics.either", first=kinds[0], second=kinds[1])
    yield reporter.at(
        path,
        "schema-type",
        phrase("diagnostics.schema-type", expected=wanted, found=_describe(value)),
        _type_hint(reporter.doc, path, value, expected, error.schema.get("enum")),
    )


def _format(reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any) -> Iterator[Diagnostic]:
    if error.validator_value == "date":
        message = phrase("diagnostics.schema-format-date", value=_describe(value))
        yield reporter.at(path, "schema-format", message, _date_hint(value))
        return
    yield reporter.at(
        path, "schema-format", phrase("schema.schema-format", value=_describe(value), format=error.validator_value)
    )


def _pattern(
    reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any
) -> Iterator[Diagnostic]:
    yield reporter.at(
        path,
        "schema-pattern",
        phrase("diagnostics.schema-pattern", value=_describe(value)),
        form_hint(error.schema),
    )


_BOUNDS: dict[str, Callable[[Any, Any], Phrase]] = {
    "minimum": lambda limit, value: phrase("schema.schema-range-minimum", limit=limit, value=value),
    "maximum": lambda limit, value: phrase("schema.schema-range-maximum", limit=limit, value=value),
    "exclusiveMinimum": lambda limit, value: phrase("schema.schema-range-exclusive-minimum", limit=limit, value=value),
    "exclusiveMaximum": lambda limit, value: phrase("schema.schema-range-exclusive-maximum", limit=limit, value=value),
}
"""The message of each bound a value can fall outside of."""


def _range(reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any) -> Iterator[Diagnostic]:
    yield reporter.at(path, "schema-range", _BOUNDS[error.validator](error.validator_value, value))


def _too_long(
    reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any
) -> Iterator[Diagnostic]:
    if not isinstance(value, (list, str)):
        yield from _other(reporter, error, path, value)
        return
    # jsonschema's own message quotes the whole value, which may be megabytes long
    if error.validator == "maxItems":
        message = phrase("schema.schema-size-list", count=len(value), limit=error.validator_value)
    else:
        message = phrase("schema.schema-size-text", count=len(value), limit=error.validator_value)
    yield reporter.at(path, "schema-size", message)


def _unique(reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any) -> Iterator[Diagnostic]:
    yield reporter.at(path, "schema-size", phrase("schema.schema-repeated"), phrase("schema.schema-repeated-hint"))


def _too_short(
    reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any
) -> Iterator[Diagnostic]:
    if value in ([], "", {}):  # jsonschema says "[] should be non-empty"
        empty = "schema.empty-text" if value == "" else "schema.empty-list" if value == [] else "schema.empty"
        yield reporter.at(path, "schema-size", phrase(empty))
        return
    message = (
        phrase("schema.schema-list-short", count=len(value), limit=error.validator_value)
        if isinstance(value, list)
        else phrase("schema.schema-text-short", count=len(value), limit=error.validator_value)
    )
    yield reporter.at(path, "schema-size", message)


def _names(reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any) -> Iterator[Diagnostic]:
    yield reporter.at(
        path,
        "schema-name",
        phrase("schema.schema-names", owner=_name_of(path), name=printable(str(value))),
        phrase("schema.schema-names-hint"),
    )


def _other(reporter: _Reporter, error: jsonschema.ValidationError, path: YamlPath, value: Any) -> Iterator[Diagnostic]:
    """Any other keyword (``not``: keys that exclude each other): which rule of the schema the value breaks."""
    if error.validator == "not":
        yield reporter.at(path, "schema", phrase("schema.schema-not", name=_name_of(path)), form_hint(error.schema))
        return
    yield reporter.at(path, "schema", phrase("schema.schema-other", name=_name_of(path), keyword=error.validator))


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
            more = diagnostic_at(
                doc.name,
                line,
                column,
                ERROR,
                "schema-more",
                phrase("diagnostics.schema-more", limit=MAX_PROBLEMS),
                phrase("diagnostics.schema-more-hint"),
            )
            break
        for diagnostic in reporter.convert(error):
            found.setdefault((diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.message), diagnostic)
    typed = {(d.line, d.column) for d in found.values() if d.code == "schema-type"}
    return sorted(d for d in found.values() if d.code == "schema-type" or (d.line, d.column) not in typed) + (
        [more] if more else []
    )
