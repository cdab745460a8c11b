"""Where the shipped rule set and schemas live, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def rules_dir() -> Path:
    """The shipped rule set: ``engine/_data/rules`` in a wheel, ``rules/`` in a checkout."""
    return _find("rules")


def schemas_dir() -> Path:
    """The JSON Schemas: ``engine/_data/schemas`` in a wheel, ``schemas/`` in a checkout."""
    return _find("schemas")
