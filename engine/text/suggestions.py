"""The closest known word to a wrong one, for every "did you mean" the engine says.

Unknown names in expressions, keys in YAML files, shared conditions, table keys, enumerated
values, CSV columns and answers to ``ask`` all suggest the nearest known word the same way:
:func:`difflib.get_close_matches` (no string distance of our own), and no suggestion for a
word of 200 characters or more, which cannot be a typo and would cost quadratic time.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

_LONGEST = 200


def closest(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The option most like ``word`` (with at least ``cutoff`` similarity), or None."""
    if len(word) >= _LONGEST:
        return None
    found = difflib.get_close_matches(word, list(options), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(
    word: str, options: Iterable[str], otherwise: str | None = None, *, braces: bool = False, cutoff: float = 0.6
) -> str | None:
    """The hint "did you mean '<closest option>'?" for a wrong ``word`` (the option in braces, as a text's
    placeholder is written, with ``braces``), or ``otherwise`` when no option is close enough."""
    close = closest(word, options, cutoff)
    if close is None:
        return otherwise
    return f"did you mean '{{{close}}}'?" if braces else f"did you mean '{close}'?"
