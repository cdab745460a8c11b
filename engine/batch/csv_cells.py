"""The cells of a CSV batch input: each cell's text read as the kind of its column.

Numbers with a dot for decimals and no thousands separators (``10.000`` is refused as
ambiguous), whole numbers, booleans (true/false, yes/no, 1/0) and JSON lists; texts and dates
stay texts, which the schema checks. A cell that cannot be read raises :class:`CellError`
with the message and hint its error row shows.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ..diagnostics import Phrase, Words, phrase
from ..text.formatting import printable

_NUMBER = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_THOUSANDS = re.compile(r"^[-+]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+$")
_INTEGER = re.compile(r"^[-+]?[0-9]+$")
PLAIN_NUMBER = re.compile(
    r"^(?![-+]?[1-9][0-9]{0,2}\.[0-9]{3}$)[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"
)
"""A number :func:`convert_cell` reads without a problem (none that may hold a thousands separator), in one match."""
PLAIN_INTEGER = re.compile(r"^[-+]?[0-9]{1,30}$")
"""A whole number :func:`convert_cell` reads without a problem, in one match."""
BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


class CellError(Exception):
    """A cell that cannot be read as its column's kind: the message and a hint, in either language."""

    def __init__(self, message: Phrase, hint: Phrase | None = None):
        super().__init__(str(message))
        self.message, self.hint = message, hint


class _JsonProblem(ValueError):
    """A JSON cell the reader refuses although it is JSON (a NaN, a key given twice): what, in either language."""

    def __init__(self, words: Phrase):
        super().__init__(str(words))
        self.words = words


def convert_cell(kind: str, text: str) -> Any:
    """A cell's text as a value of its column's kind (number, integer, boolean, json; others as they are).

    Raises:
        CellError: the text is not of that kind.
    """
    if kind == "number":
        if _THOUSANDS.match(text) and text.count(".") == 1:
            whole, small = text.replace(".", ""), format(Decimal(text).normalize(), "f")
            raise CellError(
                phrase("batch.cell-ambiguous", text=printable(text), whole=whole, small=small),
                phrase("batch.cell-ambiguous-hint", whole=whole, small=small),
            )
        if not _NUMBER.match(text):
            raise CellError(phrase("batch.cell-number", text=printable(text)), phrase("batch.cell-number-hint"))
        try:
            return Decimal(text)
        except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid numbers
            raise CellError(
                phrase("batch.cell-number", text=printable(text)), phrase("batch.cell-number-hint")
            ) from exc
    if kind == "integer":
        if not _INTEGER.match(text):
            raise CellError(phrase("batch.cell-integer", text=printable(text)), phrase("batch.cell-integer-hint"))
        if len(text) > 30:
            raise CellError(phrase("batch.cell-too-large", text=printable(text)), phrase("batch.cell-too-large-hint"))
        return int(text)
    if kind == "boolean":
        value = BOOLEANS.get(text.lower())
        if value is None:
            raise CellError(phrase("batch.cell-boolean", text=printable(text)), phrase("batch.cell-boolean-hint"))
        return value
    if kind == "json":
        try:
            if text.startswith("\ufeff"):  # what json.loads says, which the decoder itself does not check
                raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
            return _DECODER.decode(text)
        except (ValueError, RecursionError) as exc:
            detail: Words = (
                exc.words
                if isinstance(exc, _JsonProblem)
                else exc.msg
                if isinstance(exc, json.JSONDecodeError)
                else str(exc)
            )
            raise CellError(phrase("batch.cell-json", problem=detail), phrase("batch.cell-json-hint")) from exc
    return text  # strings as they are; dates are checked (and converted) by the schema, as for a profile file


def _no_constant(name: str) -> Any:
    raise _JsonProblem(phrase("batch.json-constant", name=name))


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _JsonProblem(phrase("batch.json-key-twice", key=key))
        result[key] = value
    return result


_DECODER = json.JSONDecoder(parse_float=Decimal, parse_constant=_no_constant, object_pairs_hook=_no_duplicates)
"""One decoder for every JSON cell: ``json.loads`` with keyword arguments would build one per cell."""
