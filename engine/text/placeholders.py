"""Parameter values written into rule texts: ``{name}`` in a condition, cap, minimum, reminder or call text.

A rule text may name a parameter in braces (``"at least {lowest_cost}"``): the value in force on
the application date is written in its place, in the words of the text's language (``EUR 8.500``,
``12,5%``, ``14 april 2021``). ``{{`` and ``}}`` stand for a brace. The rule loader checks the
names (:func:`placeholders`), the evaluator and the docs pages fill them in (:func:`fill`,
:func:`written`).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .formatting import money, number
from .messages import say

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([a-z][a-z0-9_]*)\}|[{}]")


def placeholders(text: str) -> tuple[list[tuple[str, int]], list[int]]:
    """The parameter names a rule text names, each with its offset, and the offsets of stray braces."""
    names, stray = [], []
    for match in _PLACEHOLDER.finditer(text):
        if match.group(1):
            names.append((match.group(1), match.start()))
        elif match.group(0) in ("{", "}"):
            stray.append(match.start())
    return names, stray


def fill(text: str, value_of: Callable[[str], str]) -> str:
    """``text`` with every ``{name}`` replaced by ``value_of(name)`` and ``{{``, ``}}`` by a brace."""
    if "{" not in text and "}" not in text:
        return text
    return _PLACEHOLDER.sub(lambda m: value_of(m.group(1)) if m.group(1) else m.group(0)[0], text)


def _decimal_text(value: Decimal | int, lang: str, grouped: bool = False) -> str:
    text = number(value) if not grouped else f"{Decimal(value):,f}"
    if grouped and "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def written(value: Any, unit: str | None, lang: str) -> str:
    """A parameter's value as a rule text writes it: 'EUR 8.500', '12,5%', '14 april 2021', 'ja'."""
    if isinstance(value, bool):
        return say("common.yes" if value else "common.no", lang)
    if isinstance(value, _dt.date):
        return f"{value.day} {say(f'dates.month-{value.month}', lang)} {value.year}"
    if isinstance(value, (int, Decimal)):
        if unit == "euro":
            amount = Decimal(value)
            if amount == amount.to_integral_value():
                return "EUR " + _decimal_text(amount.quantize(Decimal(1)), lang, grouped=True)
            return money(amount, lang)
        if unit == "percent":
            return _decimal_text(value, lang) + "%"
        return _decimal_text(value, lang)
    if isinstance(value, list):
        return ", ".join(written(v, unit, lang) for v in value)
    return str(value)
