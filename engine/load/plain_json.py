"""A fast path for profiles sent as plain JSON: :func:`json.loads` instead of the YAML loader.

The YAML loader (:mod:`.yaml_loader`) is pure Python and records the line and column of every
value, which only a message needs. A JSONL batch line and a JSON body posted to ``serve`` are
first read with :func:`plain_json`; when the profile then checks without a problem, that is the
answer, and only a text with a problem goes through the loader, so that every message names its
line, column and field exactly as ``subsidie evaluate`` would.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


class _NotPlain(Exception):
    pass


def _strict_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _NotPlain
    return result


def _refuse(_name: str) -> Any:
    raise _NotPlain


def plain_json(text: str) -> Any:
    """The data of a text that is plain JSON (as the YAML loader would read it: numbers with a fraction as
    :class:`~decimal.Decimal`), else None.

    A fast path only: a text with any problem, or that JSON and the loader might read differently
    (duplicate keys, NaN, a lone surrogate, deep nesting), gives None and goes through the loader.
    """
    if "\\u" in text and _SURROGATE_ESCAPE.search(text):
        return None  # a lone surrogate: the loader reports it
    try:
        return _DECODER.decode(text)  # a text starting with a byte-order mark fails here too, as in json.loads
    except (ValueError, _NotPlain, RecursionError):
        return None


_DECODER = json.JSONDecoder(parse_float=Decimal, parse_constant=_refuse, object_pairs_hook=_strict_pairs)
"""One decoder for every text: ``json.loads`` with keyword arguments builds one per call."""
