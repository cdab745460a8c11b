"""Checks of the parameters' dates and use: a parameter a measure reads has a value from the day it is
needed, a value that never applies and a parameter nothing reads are warnings."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

from ...diagnostics import ERROR, WARNING, Diagnostic, Phrase, Words, YamlPath, phrase
from ...model import Parameter
from ..yaml_loader import Document
from .context import RuleSetParts, diagnostic


def check_parameter_dates(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """The timelines of each measure's own parameters against the days the measure needs them."""
    for measure in parts.measures:
        data = measure.doc.data
        yield from _parameter_dates(
            measure.doc,
            ("parameters",),
            measure.parameters,
            measure.used,
            data["valid_from"],
            data.get("valid_until"),
            phrase("checks.owner-measure", id=data["id"]),
            measure.needed_from,
        )


def check_unused_shared(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """A shared parameter that no expression or text of the rule set reads."""
    for name in parts.parameters:
        if name not in parts.used:
            yield diagnostic(
                parts.parameter_owners[name],
                ("parameters", name),
                "unused-parameter",
                phrase("checks.unused-parameter", name=name),
                severity=WARNING,
                key=True,
            )


def _parameter_dates(
    doc: Document,
    base: YamlPath,
    parameters: dict[str, Parameter],
    used: frozenset[str],
    start: _dt.date,
    end: _dt.date | None,
    owner: Words,
    needed_from: dict[str, tuple[_dt.date, Words]],
) -> Iterator[Diagnostic]:
    """The timelines of the parameters ``owner`` declares: a parameter it uses needs a value from ``start``
    (or, when only some versions' own conditions, amount or texts read it, from the first of those
    versions: ``needed_from`` maps its name to that day and the version's description); a value that
    never applies (a later one holds by ``start``, or it starts after ``end``) and a parameter no
    expression reads are warnings."""

    def at(name: str, code: str, message: Phrase, hint: Phrase | None = None, severity: str = ERROR) -> Diagnostic:
        return diagnostic(doc, base + (name,), code, message, hint, severity, key=True)

    for name, parameter in parameters.items():
        if not parameter.timeline:
            if name in used:
                yield at(
                    name,
                    "parameter-gap",
                    phrase("checks.parameter-gap-none", name=name),
                    phrase("checks.parameter-gap-none-hint"),
                )
            continue
        first, whose = needed_from.get(name, (start, owner))
        if name in used and parameter.timeline[0].start > first:
            yield at(
                name,
                "parameter-gap",
                phrase(
                    "checks.parameter-gap",
                    name=name,
                    first=first,
                    whose=whose,
                    start=parameter.timeline[0].start,
                ),
                phrase("checks.parameter-gap-hint", first=first),
            )
        for entry, following in zip(parameter.timeline, parameter.timeline[1:]):
            if following.start <= start:
                yield at(
                    name,
                    "value-never-applies",
                    phrase("checks.value-never-applies-early", name=name, date=entry.start, owner=owner, start=start),
                    phrase("checks.remove-it"),
                    severity=WARNING,
                )
        if end is not None:
            for entry in parameter.timeline:
                if entry.start > end:
                    yield at(
                        name,
                        "value-never-applies",
                        phrase("checks.value-never-applies-late", name=name, date=entry.start, owner=owner, end=end),
                        phrase("checks.value-never-applies-late-hint"),
                        severity=WARNING,
                    )
        if name not in used:
            yield at(name, "unused-parameter", phrase("checks.unused-parameter", name=name), severity=WARNING)
