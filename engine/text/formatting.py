"""How values are written for people: numbers, money, dates and lists, JSON numbers, and quoted input.

Money is rounded half-up to the cent once (:func:`round_money`, the one rounding every
amount gets) and written with the language's separators (:func:`money`). A value from a
user's file is quoted in a message only through :func:`printable`, which escapes control
characters and cuts it short. JSON documents are written by :func:`json_text`, with every
amount exact from its Decimal.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .escaping import visible

CENT = Decimal("0.01")
_ONE = Decimal(1)
_SMALL = 10**27  # an int below this in size is written by str() as quantize() would write it (28 digits of precision)


def round_money(value: Decimal | int) -> Decimal:
    """Round half-up to the cent: the one rounding every amount gets."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def number(value: Any) -> str:
    """A number without needless zeros or exponent: 12, 37.5, 0.25."""
    if value.__class__ is int and -_SMALL < value < _SMALL:  # the usual case, written at once
        return str(value)
    if value.__class__ is not Decimal:
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            return str(value)
        value = Decimal(value)
    if value == value.to_integral_value():
        return str(value.quantize(_ONE))
    return format(value.normalize(), "f")


def money(value: Decimal | int, lang: str) -> str:
    """Euro with two decimals: 'EUR 10,000.00' (en) or 'EUR 10.000,00' (nl)."""
    text = f"{round_money(value):,.2f}"
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"EUR {text}"


def show(value: Any, lang: str) -> str:
    """A value as it reads in an explanation."""
    cls = value.__class__  # the usual classes first, by identity; their subclasses below
    if cls is str:
        return f"'{value}'"
    if cls is int or cls is Decimal:
        return number(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return number(value)
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(show(v, lang) for v in value[:8]) + (", ..." if len(value) > 8 else "") + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {show(v, lang)}" for k, v in list(value.items())[:8]) + "}"
    return str(value)


def json_number(value: Decimal | int | None) -> int | Decimal | None:
    """A Decimal for a JSON document: integral values as int, others as the Decimal itself.

    :func:`json_text` writes such a Decimal exactly (``91000000173999.09``, not the float
    ``91000000173999.1``), without an exponent and without needless zeros.
    """
    if value is None:
        return None
    value = Decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return value


def json_text(document: Any, *, indent: int | None = 2) -> str:
    """A JSON text of ``document`` (UTF-8 friendly; indented by ``indent``, or one line when None) with
    every Decimal written exactly as a number, whatever its magnitude.

    The standard encoder writes only floats as numbers; a Decimal is put in as a marker string that
    holds a random key for this call (no text of the document can hold it) and replaced by its digits.
    """
    numbers: list[str] = []
    key = os.urandom(8).hex()  # not the secrets module: importing it costs a command ~5 ms

    def exact(value: Any) -> str:
        if not isinstance(value, Decimal) or not value.is_finite():
            raise TypeError(f"{type(value).__name__} is not a JSON value")
        numbers.append(format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value)))
        return f"{key}{len(numbers) - 1}"

    text = json.dumps(document, ensure_ascii=False, indent=indent, default=exact)
    if not numbers:
        return text
    return re.sub(f'"{key}([0-9]+)"', lambda found: numbers[int(found.group(1))], text)


def printable(text: str, limit: int = 60) -> str:
    """A value as it may appear in a message: control characters escaped, at most ``limit`` characters."""
    text = visible(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
