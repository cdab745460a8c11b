"""The one lookup into the engine's text catalogue: :func:`say` gives a phrase in Dutch or English, filled in.

The phrases themselves are plain data in :mod:`engine.text.phrases`, one module per namespace,
loaded the first time one of their phrases is asked for (so a command loads only the texts it
prints). How numbers and money are written is :mod:`engine.text.formatting`.
"""

from __future__ import annotations

from typing import Any

from .phrases import phrases

_LOADED: dict[str, dict[str, str]] = {}  # full id -> {"en": ..., "nl": ...}, of the namespaces loaded so far


def _entry(phrase_id: str) -> dict[str, str]:
    entry = _LOADED.get(phrase_id)
    if entry is None:
        namespace, dot, key = phrase_id.partition(".")
        if not dot:
            raise KeyError(f"'{phrase_id}' is not a full phrase id (namespace.key)")
        table = phrases(namespace)
        _LOADED.update({f"{namespace}.{k}": v for k, v in table.items()})
        entry = table.get(key)
        if entry is None:
            raise KeyError(f"no phrase '{phrase_id}' in the catalogue")
        _LOADED[phrase_id] = entry
    return entry


def say(phrase_id: str, lang: str, **values: Any) -> str:
    """The phrase ``phrase_id`` (``namespace.key``) in ``lang`` ("nl" or "en"), its ``{name}`` placeholders filled in.

    Without ``values`` the text comes back as it is written in the catalogue, placeholders and all.
    """
    text = (_LOADED.get(phrase_id) or _entry(phrase_id))[lang]
    return text.format(**values) if values else text


def known(phrase_id: str) -> bool:
    """Whether the catalogue has the phrase ``phrase_id``: for families named by data (``kinds.<kind>``)."""
    try:
        _entry(phrase_id)
    except KeyError:
        return False
    return True
