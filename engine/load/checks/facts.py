"""Checks of the shared facts: facts that depend on each other in a circle."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, phrase
from ...language.fact_order import fact_cycles
from .context import RuleSetParts, diagnostic


def check_fact_cycles(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """Facts that depend on each other in a circle, reported at the first fact of each circle found
    (found without recursion, so a circle of any length is a diagnostic: :func:`fact_cycles`)."""
    for cycle in fact_cycles(parts.facts):
        yield diagnostic(
            parts.fact_owners[cycle[-1]],
            ("facts", cycle[-1], "expression"),
            "fact-cycle",
            phrase("checks.fact-cycle", cycle=" -> ".join(cycle)),
        )
