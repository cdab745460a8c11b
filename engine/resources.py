"""Where the shipped rule set and schemas live, installed or in a source checkout."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def package_dir() -> Path:
    """The folder of the engine package: its code (and, in a wheel, the rules and schemas in ``_data``)."""
    return _PACKAGE


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


def installed_copy() -> bool:
    """True when the default rules are the copy inside an installed wheel, not a checkout's rules/."""
    return (_PACKAGE / "_data" / "rules").is_dir()


def display_path(path: Path) -> str:
    """A path as users see it in messages: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def outside(path: Path, folder: Path) -> bool:
    """True when ``path``, its links followed, is not inside ``folder``.

    Files the engine finds by itself in a folder (rule files, case files, example profiles)
    must be in that folder: a pull request can commit a link to any file of the machine that
    checks it, and a diagnostic would then show part of that file.
    """
    return outside_of(folder)(path)


def outside_of(folder: Path) -> Callable[[Path], bool]:
    """:func:`outside` for the files of one folder: the folder's links are followed once, not once per file."""
    try:
        resolved = folder.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return lambda path: True

    def test(path: Path) -> bool:
        try:
            return not path.resolve().is_relative_to(resolved)
        except (OSError, RuntimeError):
            return True

    return test


def link_name(path: Path) -> str:
    """A path as users see it, following no link (display_path would name a link's target)."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except ValueError:
        return str(path)
