"""Checks of the kinds of compiled expressions: a condition gives true or false, an amount a number, and
every operator and function gets the kinds it takes (:func:`engine.language.analysis.check`)."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import ERROR, Diagnostic, diagnostic_at, in_where
from ...language import analysis
from ...language.analysis import BOOLEAN, NUMBER, Kind
from .context import RuleSetParts

WANTED: dict[str, Kind] = {
    "when": BOOLEAN,
    "applies_when": BOOLEAN,
    "rate": NUMBER,
    "base": NUMBER,
    "fixed": NUMBER,
    "amount": NUMBER,
}
"""The kind an expression must give, by the key it is written under (any kind for the others)."""


def check_expression_kinds(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """The static kind problems of every compiled expression (none for cached rules, which had none)."""
    if parts.trusted:
        return
    for group in parts.expressions:
        for item in group.expressions:
            doc, path, compiled, what = item.doc, item.path, item.expression, item.what
            _, problems = analysis.check(compiled, group.env, WANTED.get(str(path[-1])), what)
            for problem in problems:
                line, column = doc.locate_in_scalar(path, *compiled.position(problem.node))
                yield diagnostic_at(
                    doc.name, line, column, ERROR, problem.code, in_where(problem.message, what), problem.hint
                )
