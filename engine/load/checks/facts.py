"""Checks of the shared facts: facts that depend on each other in a circle."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic
from .context import RuleSetParts, diagnostic


def check_fact_cycles(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """Facts that depend on each other in a circle, reported at the first fact of each circle found."""
    facts, owners = parts.facts, parts.fact_owners
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> Iterator[Diagnostic]:
        if state.get(name) == 2 or name not in facts:
            return
        if state.get(name) == 1:
            cycle = trail[trail.index(name) :] + [name]
            yield diagnostic(
                owners[name],
                ("facts", name, "expression"),
                "fact-cycle",
                "facts depend on each other in a circle: " + " -> ".join(cycle),
            )
            return
        state[name] = 1
        for dependency in sorted(facts[name].expression.facts):
            yield from visit(dependency, trail + [name])
        state[name] = 2

    for name in sorted(facts):
        yield from visit(name, [])
