"""The checks of a rule set that need no compiled expression: values, timelines, versions and fact cycles.

:mod:`engine.load.builder` assembles the rule set and calls these on the validated data
of each file: numbers where numbers belong and percentages from 0 to 100
(:func:`check_value`), parameters with a value when their measure starts and values that
never apply (:func:`check_parameter_dates`), versions in order without overlaps or gaps
(:func:`check_versions`), facts that depend on each other in a circle
(:func:`check_fact_cycles`). Each problem goes to the builder's ``report``, positioned
at its value (or key) in the file.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any, Protocol

from ..diagnostics import ERROR, WARNING
from ..model import Fact, Parameter, Version
from ..text.formatting import printable
from .yaml_loader import Document, YamlPath, value_at


class Report(Protocol):
    """How a check reports a problem: at the value (or, with ``key``, the key) at ``path`` in ``doc``."""

    def __call__(
        self,
        doc: Document,
        path: YamlPath,
        code: str,
        message: str,
        hint: str | None = None,
        severity: str = ERROR,
        *,
        key: bool = False,
    ) -> None: ...


def check_value(report: Report, doc: Document, path: YamlPath, name: str, unit: str | None, value: Any) -> None:
    """Numbers where numbers belong; percentages between 0 and 100; amounts in euro not negative."""
    for where, word in doc.plain_booleans.items():
        if where[: len(path)] == tuple(path) and unit != "flag":
            report(
                doc,
                where,
                "yaml-boolean",
                f"YAML reads the bare word '{word}' as {str(value_at(doc.data, where)).lower()} in '{name}'",
                f"put it in quotes: '{word}'",
            )
    if unit in ("percent", "euro", "count", "years"):
        for where, text in _texts(value, tuple(path)):
            hint = (
                f"write the number alone: {text.strip().rstrip('%').strip()}"
                if text.strip().endswith("%")
                else "write a plain number, without quotes or units"
            )
            report(doc, where, "not-a-number", f"'{printable(text)}' in '{name}' is not a number", hint)
    for where, number in _numbers(value, tuple(path)):
        if unit == "percent" and not 0 <= number <= 100:
            report(
                doc,
                where,
                "rate-range",
                f"the percentage {number} of '{name}' is outside 0 to 100",
                "write a percentage as a number from 0 to 100, for example 12.5 for 12.5%",
            )
        if unit == "euro" and number < 0:
            report(doc, where, "negative-amount", f"the amount {number} of '{name}' is negative")


def check_parameter_dates(
    report: Report,
    doc: Document,
    base: YamlPath,
    parameters: dict[str, Parameter],
    used: set[str],
    start: _dt.date,
    end: _dt.date | None,
    owner: str,
    needed_from: dict[str, tuple[_dt.date, str]] | None = None,
) -> None:
    """The timelines of the parameters ``owner`` declares: a parameter it uses needs a value from ``start``
    (or, when only some versions' own conditions, amount or texts read it, from the first of those
    versions: ``needed_from`` maps its name to that day and the version's description); a value that
    never applies (a later one holds by ``start``, or it starts after ``end``) and a parameter no
    expression reads are warnings."""

    def at(name: str, code: str, message: str, hint: str | None = None, severity: str = ERROR) -> None:
        report(doc, base + (name,), code, message, hint, severity, key=True)

    for name, parameter in parameters.items():
        if not parameter.timeline:
            if name in used:
                at(
                    name,
                    "parameter-gap",
                    f"parameter '{name}' has no value at all",
                    "add a value under 'values' or in a version",
                )
            continue
        first, whose = (needed_from or {}).get(name, (start, owner))
        if name in used and parameter.timeline[0].start > first:
            at(
                name,
                "parameter-gap",
                f"parameter '{name}' has no value from {first} (when {whose} starts) "
                f"until {parameter.timeline[0].start}",
                f"give it a value from {first}",
            )
        for entry, following in zip(parameter.timeline, parameter.timeline[1:]):
            if following.start <= start:
                at(
                    name,
                    "value-never-applies",
                    f"the value of '{name}' from {entry.start} never applies: {owner} starts on "
                    f"{start} and a later value holds by then",
                    "remove it",
                    severity=WARNING,
                )
        if end is not None:
            for entry in parameter.timeline:
                if entry.start > end:
                    at(
                        name,
                        "value-never-applies",
                        f"the value of '{name}' from {entry.start} never applies: {owner} ends on {end}",
                        "remove it or move the end date",
                        severity=WARNING,
                    )
        if name not in used:
            at(name, "unused-parameter", f"parameter '{name}' is not used by any expression", severity=WARNING)


def version_only_parameters(
    general: set[str], versions: list[Version], in_texts: dict[int, set[str]], measure_id: str
) -> dict[str, tuple[_dt.date, str]]:
    """The parameters that only some versions' own conditions, amount or texts read (not the ``general``
    ones, which the measure reads in every version), with the first such version's start."""
    found: dict[str, tuple[_dt.date, str]] = {}
    for j, version in sorted(enumerate(versions), key=lambda item: item[1].start):
        own = [c.expression for c in version.conditions or ()] + (
            version.amount.expressions() if version.amount else []
        )
        names = set().union(*(e.parameters for e in own)) if own else set()
        for name in (names | in_texts.get(j, set())) - general:
            found.setdefault(name, (version.start, f"version '{version.id}' of measure '{measure_id}'"))
    return found


def check_versions(report: Report, doc: Document) -> None:
    """A measure's versions: in date order, not before the measure starts, ending after they start, without
    overlaps (and gaps only where ``after_gap`` says so), setting only declared parameters."""
    data = doc.data
    versions = data.get("versions", [])
    for j, version in enumerate(versions):
        if j and version["from"] <= versions[j - 1]["from"]:
            report(
                doc,
                ("versions", j, "from"),
                "version-order",
                f"version '{version['id']}' starts on {version['from']}, not after the version before it",
                "list versions from the oldest to the newest",
            )
        for name in version.get("parameters", {}):
            if name not in data.get("parameters", {}):
                report(
                    doc,
                    ("versions", j, "parameters", name),
                    "unknown-parameter",
                    f"version '{version['id']}' sets '{name}', which is not declared under parameters",
                    "declare it under parameters with a description",
                    key=True,
                )
        if "until" in version and version["until"] < version["from"]:
            report(
                doc,
                ("versions", j, "until"),
                "version-dates",
                f"version '{version['id']}' ends on {version['until']}, before it starts on {version['from']}",
            )
        previous = versions[j - 1] if j else None
        if previous is not None and "until" in previous and version["from"] > previous["from"]:
            if version["from"] <= previous["until"]:
                report(
                    doc,
                    ("versions", j, "from"),
                    "version-overlap",
                    f"version '{version['id']}' starts on {version['from']}, while version "
                    f"'{previous['id']}' runs until {previous['until']}",
                    "versions may not overlap: end the earlier one the day before",
                )
            elif version["from"] > previous["until"] + _dt.timedelta(days=1) and not version["after_gap"]:
                report(
                    doc,
                    ("versions", j, "from"),
                    "version-gap",
                    f"the measure does not exist from {previous['until'] + _dt.timedelta(days=1)} "
                    f"to {version['from'] - _dt.timedelta(days=1)}, between versions "
                    f"'{previous['id']}' and '{version['id']}'",
                    "if that is intended, add 'after_gap: true' to the later version",
                    severity=WARNING,
                )
        if version["from"] < data["valid_from"]:
            report(
                doc,
                ("versions", j, "from"),
                "version-before-start",
                f"version '{version['id']}' starts on {version['from']}, before the measure's "
                f"valid_from {data['valid_from']}",
            )


def check_fact_cycles(report: Report, facts: dict[str, Fact], owners: dict[str, Document]) -> set[str]:
    """Facts that depend on each other in a circle, reported at the first fact of each circle found.

    A depth-first walk with its own stack (facts in sorted order, what each reads in sorted
    order), so a circle or chain of any length is a diagnostic, not a ``RecursionError``.
    Returns the facts of the circles reported."""
    state: dict[str, int] = {}  # 1: on the trail now, 2: done
    circled: set[str] = set()
    for root in sorted(facts):
        if state.get(root):
            continue
        trail = [root]
        state[root] = 1
        pending = [sorted(facts[root].expression.facts, reverse=True)]
        while pending:
            if not pending[-1]:
                state[trail.pop()] = 2
                pending.pop()
                continue
            name = pending[-1].pop()
            if state.get(name) == 2 or name not in facts:
                continue
            if state.get(name) == 1:
                cycle = trail[trail.index(name) :] + [name]
                circled.update(cycle)
                report(
                    owners[name],
                    ("facts", name, "expression"),
                    "fact-cycle",
                    "facts depend on each other in a circle: " + " -> ".join(cycle),
                )
                continue
            state[name] = 1
            trail.append(name)
            pending.append(sorted(facts[name].expression.facts, reverse=True))
    return circled


def _texts(value: Any, path: YamlPath) -> list[tuple[YamlPath, str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, list):
        return [t for i, item in enumerate(value) for t in _texts(item, path + (i,))]
    if isinstance(value, dict):
        return [t for key, item in value.items() for t in _texts(item, path + (key,))]
    return []


def _numbers(value: Any, path: YamlPath) -> list[tuple[YamlPath, Any]]:
    if isinstance(value, bool):
        return []
    if isinstance(value, (int, Decimal)):
        return [(path, value)]
    if isinstance(value, list):
        return [n for i, item in enumerate(value) for n in _numbers(item, path + (i,))]
    if isinstance(value, dict):
        return [n for key, item in value.items() for n in _numbers(item, path + (key,))]
    return []
