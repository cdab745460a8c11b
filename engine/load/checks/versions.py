"""Checks of a measure's dates: its versions in order without overlaps or unmarked gaps, an amount for
every day it applies, and call windows that close after they open, in date order, without overlaps."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

from ...diagnostics import WARNING, Diagnostic, phrase
from ..yaml_loader import Document
from .context import RuleSetParts, diagnostic
from .timelines import out_of_place


def check_versions(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """A measure's versions: in date order, not before the measure starts, ending after they start, without
    overlaps (and gaps only where ``after_gap`` says so), setting only declared parameters."""
    for doc in parts.measure_docs:
        yield from _versions(doc)


def check_amounts(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """A measure with rules has an amount, of its own or in its versions, for every day from valid_from."""
    for doc in parts.measure_docs:
        data = doc.data
        versions = data.get("versions", [])
        if data.get("status", "rules") != "rules" or "amount" in data:
            continue
        if not any("amount" in version for version in versions):
            yield diagnostic(
                doc,
                (),
                "missing-amount",
                phrase("checks.missing-amount", id=data["id"]),
                phrase("checks.missing-amount-hint"),
            )
        elif versions and versions[0]["from"] > data["valid_from"]:
            yield diagnostic(
                doc,
                ("versions", 0, "from"),
                "version-start",
                phrase("checks.version-start", start=versions[0]["from"], valid_from=data["valid_from"]),
                phrase("checks.version-start-hint"),
            )


def check_call_windows(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """Every call window closes on or after the day it opens; the windows are listed in date order and do
    not overlap (a window out of order, such as a 2027 call typed as 2023, is the one reported)."""
    for doc in parts.measure_docs:
        windows = doc.data.get("calls", {}).get("windows", [])
        for i, window in enumerate(windows):
            if window["close"] < window["open"]:
                yield diagnostic(
                    doc,
                    ("calls", "windows", i, "close"),
                    "call-dates",
                    phrase("checks.call-dates", name=window["name"], close=window["close"], open=window["open"]),
                )
        misplaced = out_of_place([window["open"] for window in windows])
        for i, (after, witness) in sorted(misplaced.items()):
            window = windows[i]
            yield diagnostic(
                doc,
                ("calls", "windows", i, "open"),
                "call-order",
                phrase(
                    "checks.call-order-after" if witness > window["open"] else "checks.call-order-before",
                    name=window["name"],
                    open=window["open"],
                    other=witness,
                ),
                phrase("checks.call-order-hint", after=after)
                if after is not None
                else phrase("checks.call-order-hint-top"),
            )
        previous = None
        for i, window in enumerate(windows):
            if i in misplaced:
                continue
            if previous is not None and window["open"] <= previous["close"]:
                yield diagnostic(
                    doc,
                    ("calls", "windows", i, "open"),
                    "call-overlap",
                    phrase(
                        "checks.call-overlap",
                        name=window["name"],
                        open=window["open"],
                        other=previous["name"],
                        close=previous["close"],
                    ),
                    phrase("checks.call-overlap-hint"),
                )
            previous = window


def _versions(doc: Document) -> Iterator[Diagnostic]:
    """A measure's versions: in date order, not before the measure starts, ending after they start, without
    overlaps (and gaps only where ``after_gap`` says so), setting only declared parameters."""
    data = doc.data
    versions = data.get("versions", [])
    for j, version in enumerate(versions):
        if j and version["from"] <= versions[j - 1]["from"]:
            yield diagnostic(
                doc,
                ("versions", j, "from"),
                "version-order",
                phrase("checks.version-order", id=version["id"], start=version["from"]),
                phrase("checks.version-order-hint"),
            )
        for name in version.get("parameters", {}):
            if name not in data.get("parameters", {}):
                yield diagnostic(
                    doc,
                    ("versions", j, "parameters", name),
                    "unknown-parameter",
                    phrase("checks.version-unknown-parameter", id=version["id"], name=name),
                    phrase("checks.version-unknown-parameter-hint"),
                    key=True,
                )
        if "until" in version and version["until"] < version["from"]:
            yield diagnostic(
                doc,
                ("versions", j, "until"),
                "version-dates",
                phrase("checks.version-dates", id=version["id"], until=version["until"], start=version["from"]),
            )
        previous = versions[j - 1] if j else None
        if previous is not None and "until" in previous and version["from"] > previous["from"]:
            if version["from"] <= previous["until"]:
                yield diagnostic(
                    doc,
                    ("versions", j, "from"),
                    "version-overlap",
                    phrase(
                        "checks.version-overlap",
                        id=version["id"],
                        start=version["from"],
                        other=previous["id"],
                        until=previous["until"],
                    ),
                    phrase("checks.version-overlap-hint"),
                )
            elif version["from"] > previous["until"] + _dt.timedelta(days=1) and not version["after_gap"]:
                yield diagnostic(
                    doc,
                    ("versions", j, "from"),
                    "version-gap",
                    phrase(
                        "checks.version-gap",
                        start=previous["until"] + _dt.timedelta(days=1),
                        end=version["from"] - _dt.timedelta(days=1),
                        first=previous["id"],
                        second=version["id"],
                    ),
                    phrase("checks.version-gap-hint"),
                    severity=WARNING,
                )
        if version["from"] < data["valid_from"]:
            yield diagnostic(
                doc,
                ("versions", j, "from"),
                "version-before-start",
                phrase(
                    "checks.version-before-start",
                    id=version["id"],
                    start=version["from"],
                    valid_from=data["valid_from"],
                ),
            )
