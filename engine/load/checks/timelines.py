"""Checks of parameter timelines: dates in order, one value per date, one kind of value, and values that
fit the parameter's unit (numbers where numbers belong, percentages from 0 to 100, euro not negative,
no bare YAML word read as true or false)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ...diagnostics import WARNING, Diagnostic, YamlPath, phrase
from ...language import analysis
from ...text.formatting import printable
from ..yaml_loader import Document, value_at
from .context import RuleSetParts, diagnostic


def out_of_place(dates: list[Any]) -> dict[int, tuple[Any | None, Any]]:
    """The entries of a list of dates that break its order, each with where it belongs.

    The fewest entries are taken out so that the rest is in order (the rest is a longest ordered
    subsequence; of several, the one that keeps the earliest entries), so a value added at the
    wrong place is the one reported, not the older ones around it that nobody touched. Each index
    maps to (the date of the kept entry it belongs after, or None for the top of the list; the
    date of a kept entry that shows it is out of place).
    """
    count = len(dates)
    if all(a <= b for a, b in itertools.pairwise(dates)):
        return {}
    longest = [1] * count  # longest ordered subsequence starting at i
    for i in range(count - 1, -1, -1):
        longest[i] = 1 + max((longest[j] for j in range(i + 1, count) if dates[i] <= dates[j]), default=0)
    kept: list[int] = []
    want = max(longest)
    for i in range(count):
        if longest[i] == want and (not kept or dates[kept[-1]] <= dates[i]):
            kept.append(i)
            want -= 1
    found: dict[int, tuple[Any | None, Any]] = {}
    for i in range(count):
        if i in kept:
            continue
        after = [dates[k] for k in kept if dates[k] <= dates[i]]
        newer_before = [dates[k] for k in kept if k < i and dates[k] > dates[i]]
        older_after = [dates[k] for k in kept if k > i and dates[k] < dates[i]]
        witness = newer_before[-1] if newer_before else older_after[0]
        found[i] = (after[-1] if after else None, witness)
    return found


def check_timeline_order(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """The ``values`` of a parameter listed from the oldest to the newest date; the value out of place is reported."""
    for timeline in parts.timelines:
        listed = [entry for entry in timeline.entries if entry.listed]
        for i, (after, witness) in sorted(out_of_place([entry.value.start for entry in listed]).items()):
            entry = listed[i]
            relation = "after" if witness > entry.value.start else "before"
            yield diagnostic(
                timeline.doc,
                entry.path + ("from",),
                "timeline-order",
                phrase(
                    "checks.timeline-order-after" if relation == "after" else "checks.timeline-order-before",
                    name=timeline.name,
                    date=entry.value.start,
                    other=witness,
                ),
                phrase("checks.timeline-order-hint", after=after)
                if after is not None
                else phrase("checks.timeline-order-hint-top"),
            )


def check_timeline_duplicates(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """Two values of a parameter (listed or set by versions) from the same date."""
    for timeline in parts.timelines:
        for first, second in itertools.pairwise(timeline.ordered):
            if first.value.start == second.value.start:
                yield diagnostic(
                    timeline.doc,
                    second.path,
                    "timeline-duplicate",
                    phrase(
                        "checks.timeline-duplicate",
                        name=timeline.name,
                        date=second.value.start,
                        first=first.value.origin,
                        second=second.value.origin,
                    ),
                    phrase("checks.timeline-duplicate-hint"),
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
                    phrase("checks.parameter-kinds", name=timeline.name, here=here.phrase(), kind=kind.phrase()),
                    phrase("checks.parameter-kinds-hint"),
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
                phrase(
                    "checks.yaml-boolean-value",
                    word=word,
                    value=str(value_at(doc.data, where)).lower(),
                    name=name,
                ),
                phrase("checks.quote-it", word=word),
            )
    if unit in ("percent", "euro", "count", "years"):
        for where, text in _texts(value, tuple(path)):
            hint = (
                phrase("checks.not-a-number-percent-hint", number=printable(text.strip().rstrip("%").strip()))
                if text.strip().endswith("%")
                else phrase("checks.not-a-number-hint")
            )
            yield diagnostic(
                doc, where, "not-a-number", phrase("checks.not-a-number", text=printable(text), name=name), hint
            )
    for where, number in _numbers(value, tuple(path)):
        if unit == "percent" and not 0 <= number <= 100:
            yield diagnostic(
                doc,
                where,
                "rate-range",
                phrase("checks.rate-range", number=number, name=name),
                phrase("checks.rate-range-hint"),
            )
        if unit == "euro" and number < 0:
            yield diagnostic(doc, where, "negative-amount", phrase("checks.negative-amount", number=number, name=name))
        if unit == "euro" and isinstance(number, Decimal):
            yield from _euro_decimals(doc, where, name, number)


def _euro_decimals(doc: Document, where: YamlPath, name: str, number: Decimal) -> Iterator[Diagnostic]:
    """An amount in euro written with three decimals (a Dutch thousands separator, ``2.500``), or with cents."""
    exponent = number.as_tuple().exponent
    whole = str(number.scaleb(3).quantize(Decimal(1))) if exponent == -3 else None
    if whole is not None:
        yield diagnostic(
            doc,
            where,
            "euro-thousands",
            phrase("checks.euro-thousands", number=number, name=name, cents=f"{number:.2f}"),
            phrase("checks.euro-thousands-hint", whole=whole),
        )
    elif number != number.to_integral_value():
        yield diagnostic(
            doc,
            where,
            "euro-fraction",
            phrase("checks.euro-fraction", number=number, name=name),
            phrase("checks.euro-fraction-hint", whole=number.to_integral_value(rounding="ROUND_HALF_UP")),
            WARNING,
        )


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
