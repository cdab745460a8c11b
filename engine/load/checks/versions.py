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
                f"measure '{data['id']}' has no amount",
                "add an 'amount' (or set status: info)",
            )
        elif versions and versions[0]["from"] > data["valid_from"]:
            yield diagnostic(
                doc,
                ("versions", 0, "from"),
                "version-start",
                f"the first version starts on {versions[0]['from']}, after valid_from "
                f"{data['valid_from']}, and the measure has no amount of its own for the days between",
                "start the first version on valid_from, or give the measure an amount",
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
                    phrase("diagnostics.call-dates", name=window["name"], close=window["close"], open=window["open"]),
                )
        misplaced = out_of_place([window["open"] for window in windows])
        for i, (after, witness) in sorted(misplaced.items()):
            window = windows[i]
            yield diagnostic(
                doc,
                ("calls", "windows", i, "open"),
                "call-order",
                phrase(
                    "diagnostics.call-order-after" if witness > window["open"] else "diagnostics.call-order-before",
                    name=window["name"],
                    open=window["open"],
                    other=witness,
                ),
                phrase("diagnostics.call-order-hint", after=after)
                if after is not None
                else phrase("diagnostics.call-order-hint-top"),
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
                        "diagnostics.call-overlap",
                        name=window["name"],
                        open=window["open"],
                        other=previous["name"],
                        close=previous["close"],
                    ),
                    phrase("diagnostics.call-overlap-hint"),
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
                f"version '{version['id']}' starts on {version['from']}, not after the version before it",
                "list versions from the oldest to the newest",
            )
        for name in version.get("parameters", {}):
            if name not in data.get("parameters", {}):
                yield diagnostic(
                    doc,
                    ("versions", j, "parameters", name),
                    "unknown-parameter",
                    f"version '{version['id']}' sets '{name}', which is not declared under parameters",
                    "declare it under parameters with a description",
                    key=True,
                )
        if "until" in version and version["until"] < version["from"]:
            yield diagnostic(
                doc,
                ("versions", j, "until"),
                "version-dates",
                f"version '{version['id']}' ends on {version['until']}, before it starts on {version['from']}",
            )
        previous = versions[j - 1] if j else None
        if previous is not None and "until" in previous and version["from"] > previous["from"]:
            if version["from"] <= previous["until"]:
                yield diagnostic(
                    doc,
                    ("versions", j, "from"),
                    "version-overlap",
                    f"version '{version['id']}' starts on {version['from']}, while version "
                    f"'{previous['id']}' runs until {previous['until']}",
                    "versions may not overlap: end the earlier one the day before",
                )
            elif version["from"] > previous["until"] + _dt.timedelta(days=1) and not version["after_gap"]:
                yield diagnostic(
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
            yield diagnostic(
                doc,
                ("versions", j, "from"),
                "version-before-start",
                f"version '{version['id']}' starts on {version['from']}, before the measure's "
                f"valid_from {data['valid_from']}",
            )
