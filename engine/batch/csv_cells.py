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
    """A cell that cannot be read as its column's kind: the message and a hint."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message, self.hint = message, hint


_NUMBER_HINT = "write numbers without thousands separators or spaces, with a dot for decimals: 12500.50"


def convert_cell(kind: str, text: str) -> Any:
    """A cell's text as a value of its column's kind (number, integer, boolean, json; others as they are).

    Raises:
        CellError: the text is not of that kind.
    """
    if kind == "number":
        if _THOUSANDS.match(text) and text.count(".") == 1:
            whole, small = text.replace(".", ""), format(Decimal(text).normalize(), "f")
            raise CellError(
                f"'{printable(text)}' is ambiguous: {whole} written with a thousands separator, "
                f"or {small} with three decimals",
                f"write {whole} or {small}, without thousands separators",
            )
        if not _NUMBER.match(text):
            raise CellError(f"expected a number but found the text '{printable(text)}'", _NUMBER_HINT)
        try:
            return Decimal(text)
        except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid numbers
            raise CellError(f"expected a number but found the text '{printable(text)}'", _NUMBER_HINT) from exc
    if kind == "integer":
        if not _INTEGER.match(text):
            raise CellError(
                f"expected a whole number but found the text '{printable(text)}'",
                "write a whole number without separators, for example 3",
            )
        if len(text) > 30:
            raise CellError(f"the number '{printable(text)}' is too large", "write a whole number of at most 30 digits")
        return int(text)
    if kind == "boolean":
        value = BOOLEANS.get(text.lower())
        if value is None:
            raise CellError(
                f"expected true or false but found the text '{printable(text)}'",
                "write true or false (yes/no and 1/0 are accepted too)",
            )
        return value
    if kind == "json":
        try:
            if text.startswith("\ufeff"):  # what json.loads says, which the decoder itself does not check
                raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
            return _DECODER.decode(text)
        except (ValueError, RecursionError) as exc:
            detail = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            raise CellError(
                f"not valid JSON: {detail}", 'write a JSON list, for example [{"date": "2025-04-01", "amount": 2000}]'
            ) from exc
    return text  # strings as they are; dates are checked (and converted) by the schema, as for a profile file


def _no_constant(name: str) -> Any:
    raise ValueError(f"'{name}' is not a number")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key '{key}' appears twice")
        result[key] = value
    return result


_DECODER = json.JSONDecoder(parse_float=Decimal, parse_constant=_no_constant, object_pairs_hook=_no_duplicates)
"""One decoder for every JSON cell: ``json.loads`` with keyword arguments would build one per cell."""
