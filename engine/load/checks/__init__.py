"""The checks of a rule set, as small functions that each yield diagnostics (the way yamllint's rules do).

Each check reads the :class:`~engine.load.checks.context.RuleSetParts` the builder filled while
it assembled the rule set, and yields a :class:`~engine.diagnostics.Diagnostic` for each problem
it finds. :data:`CHECKS` lists them in the fixed order :func:`run_checks` runs them; a new check
is a function added there. What the builder finds while it reads and compiles (a file that
does not load or fails its schema, an expression that does not compile, a ``use`` of an unknown
shared condition) it reports itself, where it finds it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ...diagnostics import Diagnostic
from .conditions import check_condition_ids, check_shared_condition_ids
from .context import (
    CompiledExpression,
    ConditionEntry,
    ExpressionGroup,
    MeasureUse,
    RuleSetParts,
    Timeline,
    TimelineEntry,
)
from .facts import check_fact_cycles
from .kinds import check_expression_kinds
from .names import check_file_ids, check_measure_ids, check_measure_parameter_names, check_shared_names
from .parameters import check_parameter_dates, check_unused_shared
from .texts import check_text_placeholders
from .timelines import check_parameter_kinds, check_timeline_duplicates, check_timeline_order, check_values
from .versions import check_amounts, check_call_windows, check_versions

__all__ = [
    "CHECKS",
    "Check",
    "CompiledExpression",
    "ConditionEntry",
    "ExpressionGroup",
    "MeasureUse",
    "RuleSetParts",
    "Timeline",
    "TimelineEntry",
    "run_checks",
]

Check = Callable[[RuleSetParts], Iterator[Diagnostic]]
"""A check: the diagnostics of one kind of problem in the rule set."""

CHECKS: tuple[Check, ...] = (
    check_file_ids,
    check_timeline_order,
    check_timeline_duplicates,
    check_values,
    check_parameter_kinds,
    check_shared_names,
    check_shared_condition_ids,
    check_fact_cycles,
    check_expression_kinds,
    check_versions,
    check_measure_parameter_names,
    check_condition_ids,
    check_amounts,
    check_call_windows,
    check_parameter_dates,
    check_text_placeholders,
    check_measure_ids,
    check_unused_shared,
)


def run_checks(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """The diagnostics of every check of :data:`CHECKS`, in that order."""
    for check in CHECKS:
        yield from check(parts)
