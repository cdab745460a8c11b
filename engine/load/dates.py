"""Reading a date that a person or a client writes (``--as-of``, the API's ``as_of``): ``YYYY-MM-DD`` only.

:func:`datetime.date.fromisoformat` also reads ISO week dates (``2026-W53-7``), ordinal dates and
compact forms; the engine accepts exactly one spelling everywhere, the one the schemas' ``date``
format accepts, so both the command line and the API read dates through :func:`read_date`.
"""

from __future__ import annotations

import datetime as _dt
import re

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def read_date(text: str) -> _dt.date:
    """The day ``text`` names, written ``YYYY-MM-DD``.

    Raises:
        ValueError: ``text`` is written otherwise or names no real day; the message says which text
            (its first 20 characters) and how a date is written.
    """
    if _DATE.fullmatch(text):
        try:
            return _dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(f"'{text[:20]}' is not a date written YYYY-MM-DD")
