"""Company profiles: loading, checking against the profile schema, and the checks a schema cannot make.

A profile is YAML or JSON (``-`` reads standard input). Beyond the schema, the
enterprise number's check digits are verified, project ids must be unique and an
application date may not fall before the company was founded.

A profile is first read without positions (:func:`~engine.load.yaml_block.block_data` line by line, when it
has the common block shape, else :func:`~engine.load.yaml_plain.plain_data`, at libyaml's pace) and checked;
only a text with something to report is read again by the positional reader
(:func:`~engine.load.yaml_loader.load_text`), whose diagnostics name the line and column.
"""

from __future__ import annotations

import copy
import datetime as _dt
import re
from pathlib import Path
from typing import Any

from ..diagnostics import ERROR, Diagnostic, Phrase, diagnostic_at, phrase
from .completion import complete
from .dates import read_date
from .validation import validate
from .yaml_block import block_data
from .yaml_loader import Document, load_file, load_text, read_text
from .yaml_plain import plain_data


def kbo_valid(number: str) -> bool:
    """True when a Belgian enterprise number's last two digits are 97 minus the first eight modulo 97."""
    digits = re.sub(r"[^0-9]", "", number)
    if len(digits) != 10:
        return False
    return 97 - int(digits[:8]) % 97 == int(digits[8:])


def _as_date(value: Any) -> _dt.date | None:
    """A date as the profile gives it: a date (YAML, or completed), or a text YYYY-MM-DD (JSON); else None."""
    if isinstance(value, _dt.date):
        return value
    try:
        return read_date(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


Problem = tuple[tuple[Any, ...], str, Phrase, "Phrase | None"]
"""A problem the schema cannot find: the path of the value, its code, message and hint."""


def profile_problems(data: Any, flagged: frozenset[tuple[Any, ...]] = frozenset()) -> list[Problem]:
    """The checks a schema cannot make, as ``(path, code, message, hint)``: the enterprise number's check digits,
    unique project ids, no application before the company was founded. Empty for a good profile (cheap: a CSV
    batch row is checked with it before anything is positioned).

    On a profile with schema problems (``flagged``: their paths), each check runs whose values the schema
    accepted, so that every problem is reported at once.

    A CSV batch row (one project) is checked with it only when it has an enterprise number, or a founding date
    and an application date not on or after it (:mod:`engine.batch.csv_builder`): a check added here that can
    find something else in a one-project profile must be added to that condition too."""
    found: list[Problem] = []
    data = _mapping(data)
    company = _mapping(data.get("company"))
    number = company.get("enterprise_number")
    digits = re.sub(r"[^0-9]", "", number) if isinstance(number, str) else ""
    if len(digits) == 10 and ("company", "enterprise_number") not in flagged and not kbo_valid(digits):
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
    founded = None if ("company", "founded") in flagged else _as_date(company.get("founded"))
    projects = data.get("projects")
    for i, project in enumerate(projects if isinstance(projects, list) else []):
        project = _mapping(project)
        name = project.get("id")
        if isinstance(name, str) and ("projects", i, "id") not in flagged:
            if name in seen:
                found.append(
                    (
                        ("projects", i, "id"),
                        "duplicate-project",
                        phrase("diagnostics.duplicate-project", id=name, first=seen[name] + 1),
                        phrase("diagnostics.duplicate-project-hint"),
                    )
                )
            seen.setdefault(name, i)
        applied = None if ("projects", i, "application_date") in flagged else _as_date(project.get("application_date"))
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


def _checks(doc: Document, flagged: frozenset[tuple[Any, ...]] = frozenset()) -> list[Diagnostic]:
    """:func:`profile_problems` of a document, each at the line and column of its value."""
    return [
        diagnostic_at(doc.name, *doc.position(path), ERROR, code, message, hint, path)
        for path, code, message, hint in profile_problems(doc.data, flagged)
    ]


def check_document(doc: Document) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    """Validate a loaded profile document; returns the completed data (or None) and diagnostics: the schema's
    problems and those of the checks a schema cannot make, all of them at once."""
    problems = validate(doc, "profile")
    if problems:
        flagged = frozenset(d.path for d in problems if d.path is not None)
        return None, sorted(problems + _checks(doc, flagged))
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
    name = name or ("<stdin>" if str(path) == "-" else str(path))
    text, diagnostics = read_text(path, name, found=found)
    if text is None:
        return None, diagnostics
    return parse_profile(text, name)


def parse_profile(text: str, name: str) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    """Check a profile given as text."""
    data = block_data(text)
    if data is None:
        data = plain_data(text)
    if data is not None:
        checked, problems = check_document(Document(name=name, data=data, text=text))
        if not problems:
            return checked, []
    doc, diagnostics = load_text(text, name)  # something to report: read again, with positions
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
