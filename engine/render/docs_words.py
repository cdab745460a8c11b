"""The languages of the rule documentation, and how a parameter value reads there.

The words themselves are in the text catalogue (:mod:`engine.text.phrases`: the ``docs``,
``kinds`` and ``units`` namespaces, read with :func:`engine.text.messages.say`). :data:`LANGS`
are the languages the pages are written in; :func:`value_text` writes a parameter value (a
number, date, flag, list or table) as the pages show it.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any

from ..text.formatting import number
from ..text.messages import say

LANGS = ("nl", "en")

# -- values ------------------------------------------------------------------------


def value_text(value: Any, lang: str) -> str:
    """A parameter value as the pages show it.

    Numbers without needless zeros (``12``, ``12.5``), dates as ``YYYY-MM-DD``, flags as
    yes/no, texts as they are, lists joined with ', ' (an empty list is 'none'), tables
    as ``key: value`` joined with ', ' (or '; ' when a value is itself a list or table, a
    table inside a table in parentheses): ``{'small': 12, 'medium': 8.5}`` reads
    ``small: 12, medium: 8.5``.
    """
    if isinstance(value, bool):
        return say("common.yes" if value else "common.no", lang)
    if isinstance(value, (int, Decimal, float)):
        return number(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(value_text(v, lang) for v in value) if value else say("docs.none", lang)
    if isinstance(value, dict):
        separator = "; " if any(isinstance(v, (list, tuple, dict)) for v in value.values()) else ", "
        return separator.join(
            f"{k}: ({value_text(v, lang)})" if isinstance(v, dict) and v else f"{k}: {value_text(v, lang)}"
            for k, v in value.items()
        )
    return str(value)
