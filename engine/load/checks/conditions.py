"""Checks of condition ids: a shared condition defined twice, a condition id used twice in one list."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, phrase
from .context import RuleSetParts, diagnostic


def check_shared_condition_ids(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """A shared condition with the id of one before it that compiled."""
    seen: set[str] = set()
    for entry in parts.shared_conditions:
        if entry.id in seen:
            yield diagnostic(
                entry.doc,
                entry.path + ("id",),
                "duplicate-condition",
                phrase("checks.duplicate-shared-condition", id=entry.id),
            )
        if entry.compiled:
            seen.add(entry.id)


def check_condition_ids(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """Two conditions with one id in the conditions of a measure, or of one of its versions."""
    for entries in parts.condition_lists:
        seen: set[str] = set()
        for entry in entries:
            if entry.id in seen:
                yield diagnostic(
                    entry.doc,
                    entry.path,
                    "duplicate-condition",
                    phrase("checks.duplicate-condition", id=entry.id),
                    phrase("checks.duplicate-condition-hint"),
                )
            seen.add(entry.id)
