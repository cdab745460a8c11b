"""Company profiles: loading, checking against the profile schema, and the checks a schema cannot make.

A profile is YAML or JSON (``-`` reads standard input). Beyond the schema, the
enterprise number's check digits are verified, project ids must be unique and an
application date may not fall before the company was founded.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from ..diagnostics import ERROR, Diagnostic, Words, diagnostic_at, phrase
from .completion import complete
from .validation import validate
from .yaml_loader import Document, load_file, load_text


def kbo_valid(number: str) -> bool:
    """True when a Belgian enterprise number's last two digits are 97 minus the first eight modulo 97."""
    digits = re.sub(r"[^0-9]", "", number)
    if len(digits) != 10:
        return False
    return 97 - int(digits[:8]) % 97 == int(digits[8:])


Problem = tuple[tuple[Any, ...], str, Words, "Words | None"]
"""A problem the schema cannot find: the path of the value, its code, message and hint."""


def profile_problems(data: dict[str, Any]) -> list[Problem]:
    """The checks of a schema-valid profile that the schema cannot make, as ``(path, code, message, hint)``:
    the enterprise number's check digits, unique project ids, no application before the company was founded.

    Empty for a good profile (cheap: a CSV batch row is checked with it before anything is positioned)."""
    found: list[Problem] = []
    company = data["company"]
    number = company.get("enterprise_number")
    if number is not None and not kbo_valid(number):
        digits = re.sub(r"[^0-9]", "", number)
        expected = 97 - int(digits[:8]) % 97
        found.append(
            (
                ("company", "enterprise_number"),
                "kbo-check",
                phrase("diagnostics.kbo-check", number=number, expected=f"{expected:02d}", found=digits[8:]),
                phrase("diagnostics.kbo-check-hint"),
            )
        )
    seen: dict[str, int] = {}
    founded = company.get("founded")
    for i, project in enumerate(data["projects"]):
        if project["id"] in seen:
            found.append(
                (
                    ("projects", i, "id"),
                    "duplicate-project",
                    phrase("diagnostics.duplicate-project", id=project["id"], first=seen[project["id"]] + 1),
                    phrase("diagnostics.duplicate-project-hint"),
                )
            )
        seen.setdefault(project["id"], i)
        applied = project.get("application_date")
        if founded is not None and applied is not None and applied < founded:
            found.append(
                (
                    ("projects", i, "application_date"),
                    "application-before-founded",
                    phrase("diagnostics.application-before-founded", applied=applied, founded=founded),
                    None,
                )
            )
    return found


def _checks(doc: Document) -> list[Diagnostic]:
    return [
        diagnostic_at(doc.name, *doc.position(path), ERROR, code, message, hint)
        for path, code, message, hint in profile_problems(doc.data)
    ]


def check_document(doc: Document) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    """Validate a loaded profile document; returns the completed data (or None) and diagnostics."""
    problems = validate(doc, "profile")
    if problems:
        return None, problems
    doc.data = complete(doc.data, "profile")
    problems = _checks(doc)
    return (None if problems else doc.data), problems


def load_profile(
    path: str | Path, name: str | None = None, *, found: bool = False
) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    """Load and check a profile file (``-`` for standard input); ``found``: see :func:`load_file`.

    Returns:
        The completed profile data (None when it has errors) and its diagnostics.
    """
    doc, diagnostics = load_file(path, name or ("<stdin>" if str(path) == "-" else str(path)), found=found)
    if doc is None or diagnostics:
        return None, diagnostics
    return check_document(doc)


def parse_profile(text: str, name: str) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    """Check a profile given as text."""
    doc, diagnostics = load_text(text, name)
    if doc is None or diagnostics:
        return None, diagnostics
    return check_document(doc)


def load_partial(path: str | Path) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    """A partial profile to start a questionnaire from: checked like a profile, but the projects may be left out.

    Returns:
        The facts the file gives, typed (dates as dates) but with no defaults filled in, or None;
        and the diagnostics.
    """
    name = "<stdin>" if str(path) == "-" else str(path)
    doc, diagnostics = load_file(path, name)
    if doc is None or diagnostics:
        return None, diagnostics
    given = copy.deepcopy(doc.data)
    without_projects = isinstance(given, dict) and not given.get("projects")
    if without_projects:
        doc.data = {**given, "projects": [{"id": "-", "kind": "advice"}]}  # only for the check
    data, diagnostics = check_document(doc)
    if data is None:
        return None, diagnostics
    facts = given_only(data, given)
    if without_projects:
        facts["projects"] = []
    return facts, []


def given_only(completed: Any, given: Any) -> Any:
    """The completed (typed) values of exactly the keys the file gave: no defaults added (dates as dates)."""
    if isinstance(given, dict) and isinstance(completed, dict):
        return {k: given_only(completed[k], v) for k, v in given.items() if k in completed}
    if isinstance(given, list) and isinstance(completed, list):
        return [given_only(c, g) for c, g in zip(completed, given)]
    return completed
