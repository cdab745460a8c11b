"""The closest known word to a wrong one, for every "did you mean" the engine says.

Unknown names in expressions, keys in YAML files, shared conditions, table keys, enumerated
values, CSV columns and answers to ``ask`` all suggest the nearest known word the same way:
:func:`difflib.get_close_matches` (no string distance of our own), and no suggestion for a
word of 200 characters or more, which cannot be a typo and would cost quadratic time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

_LONGEST = 200


def closest(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The option most like ``word`` (with at least ``cutoff`` similarity), or None."""
    if len(word) >= _LONGEST:
        return None
    import difflib  # here: only a problem to report needs it, and importing it costs every start

    found = difflib.get_close_matches(word, list(options), n=1, cutoff=cutoff)
    return found[0] if found else None


def _ratio(a: str, b: str) -> float:
    import difflib

    return difflib.SequenceMatcher(None, a, b).ratio()


def profile_field_like(dotted: str, fields: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The profile field a wrong ``dotted`` path (``company.werknemers``) most likely means, or None.

    The last part of the path is compared with the fields' own last parts (``employes`` is ``employees``) and
    with the Dutch words of their questions and labels in the profile schema (``x-question``, ``x-label``), so a
    Dutch word finds its field (``werknemers``: "... één voltijdse werknemer ..." is ``company.employees``); a word
    that several fields' questions share names none of them. The closer of the two wins."""
    root, _, rest = dotted.partition(".")
    word = rest.lower()
    if len(word) >= _LONGEST:
        return None
    options = [f for f in fields if f.startswith(root + ".") and f.count(".") == dotted.count(".")]
    best, best_ratio = None, 0.0
    for option in options:
        ratio = _ratio(word, option[len(root) + 1 :].lower())
        if ratio >= 0.6 and ratio > best_ratio:
            best, best_ratio = option, ratio
    owners: dict[str, set[str]] = {}
    for option in options:
        schema = fields[option]
        dutch = " ".join(
            str((schema.get(key) or {}).get("nl", ""))
            for key in ("x-question", "x-label")
            if isinstance(schema.get(key), dict)
        )
        for found in set(re.findall(r"[a-zà-ÿ]{4,}", dutch.lower())):
            owners.setdefault(found, set()).add(option)
    for found, where in owners.items():
        if len(where) == 1:
            ratio = _ratio(word, found)
            if ratio >= 0.8 and ratio > best_ratio:
                best, best_ratio = next(iter(where)), ratio
    return best
