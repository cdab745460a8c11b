"""Checks of parameter timelines: dates in order, one value per date, one kind of value, and values that
fit the parameter's unit (numbers where numbers belong, percentages from 0 to 100, euro not negative,
no bare YAML word read as true or false)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ...diagnostics import Diagnostic, YamlPath
from ...language import analysis
from ...text.formatting import printable
from ..yaml_loader import Document, value_at
from .context import RuleSetParts, diagnostic


def check_timeline_order(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """The ``values`` of a parameter listed from the oldest to the newest date."""
    for timeline in parts.timelines:
        previous = None
        for entry in timeline.entries:
            if not entry.listed:
                continue
            if previous is not None and entry.value.start < previous:
                yield diagnostic(
                    timeline.doc,
                    entry.path + ("from",),
                    "timeline-order",
                    f"the dates of parameter '{timeline.name}' must increase: {entry.value.start} comes after "
                    f"{previous}",
                    "list the values from the oldest to the newest date",
                )
            previous = entry.value.start


def check_timeline_duplicates(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """Two values of a parameter (listed or set by versions) from the same date."""
    for timeline in parts.timelines:
        for first, second in itertools.pairwise(timeline.ordered):
            if first.value.start == second.value.start:
                yield diagnostic(
                    timeline.doc,
                    second.path,
                    "timeline-duplicate",
                    f"parameter '{timeline.name}' gets two values from {second.value.start} "
                    f"({first.value.origin} and {second.value.origin})",
                    "keep one value per date",
                )


def check_values(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """Every value of every parameter against its unit, by date."""
    for timeline in parts.timelines:
        for entry in timeline.ordered:
            yield from check_value(timeline.doc, entry.value_path, timeline.name, timeline.unit, entry.value.value)


def check_parameter_kinds(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """Every value of a parameter of one kind (numbers, texts, tables, ...)."""
    for timeline in parts.timelines:
        kind = None
        for entry in timeline.ordered:
            here = analysis.kind_of_value(entry.value.value)
            if kind is not None and analysis.merge(kind, here).name == "any":
                yield diagnostic(
                    timeline.doc,
                    entry.value_path,
                    "parameter-kinds",
                    f"parameter '{timeline.name}' holds {here} here but {kind} elsewhere",
                    "every value of a parameter must be of the same kind",
                )
            kind = analysis.merge(kind, here) if kind else here


def check_value(doc: Document, path: YamlPath, name: str, unit: str | None, value: Any) -> Iterator[Diagnostic]:
    """Numbers where numbers belong; percentages between 0 and 100; amounts in euro not negative."""
    for where, word in doc.plain_booleans.items():
        if where[: len(path)] == tuple(path) and unit != "flag":
            yield diagnostic(
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
            yield diagnostic(doc, where, "not-a-number", f"'{printable(text)}' in '{name}' is not a number", hint)
    for where, number in _numbers(value, tuple(path)):
        if unit == "percent" and not 0 <= number <= 100:
            yield diagnostic(
                doc,
                where,
                "rate-range",
                f"the percentage {number} of '{name}' is outside 0 to 100",
                "write a percentage as a number from 0 to 100, for example 12.5 for 12.5%",
            )
        if unit == "euro" and number < 0:
            yield diagnostic(doc, where, "negative-amount", f"the amount {number} of '{name}' is negative")


def _texts(value: Any, path: YamlPath) -> list[tuple[YamlPath, str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, list):
        return [t for i, item in enumerate(value) for t in _texts(item, path + (i,))]
    if isinstance(value, dict):
        return [t for key, item in value.items() for t in _texts(item, path + (key,))]
    return []


def _numbers(value: Any, path: YamlPath) -> list[tuple[YamlPath, int | Decimal]]:
    if isinstance(value, bool):
        return []
    if isinstance(value, (int, Decimal)):
        return [(path, value)]
    if isinstance(value, list):
        return [n for i, item in enumerate(value) for n in _numbers(item, path + (i,))]
    if isinstance(value, dict):
        return [n for key, item in value.items() for n in _numbers(item, path + (key,))]
    return []
