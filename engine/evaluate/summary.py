"""The company summary of an evaluation: EU size, NIS2 class and the de minimis figures.

:func:`summarise` works them out at the latest application date, from the aid received
before (not the amounts recommended for the profile's own earlier projects) and the
amounts recommended now. :class:`~engine.evaluate.results.ProfileResult` calls it when the
summary is first read, so evaluations whose summary nobody reads do not pay for it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from decimal import Decimal

from ..language.functions import AidEntry
from ..model import Measure, RuleSet
from ..text.formatting import round_money
from .results import NO_SUMMARY, MeasureResult, Summary
from .scope import Parameters, Scope


def summarise(
    rules: RuleSet,
    scope: Scope | None,
    parameters: Callable[[Measure | None, _dt.date], Parameters],
    received: list[AidEntry],
    results: list[MeasureResult],
) -> Summary:
    """The summary at the latest application date.

    Args:
        rules: the rule set evaluated.
        scope: the scope of the project with the latest application date (None: no project).
        parameters: the parameter values in force for a measure (None: the shared ones) on a day.
        received: the aid received before, from the profile.
        results: every result of the evaluation (their recommended amounts are 'granted_now').
    """
    if scope is None:
        return NO_SUMMARY
    scope.params = parameters(None, scope.date)
    size = scope.fact_or_none("size")
    nis2 = scope.fact_or_none("nis2")
    if all(e.origin == "received" for e in scope.ledger):
        history = scope  # the same history: reuse its facts (always so with one project)
    else:
        history = Scope(
            rules,
            scope.company,
            scope.project,
            scope.project_index,
            scope.date,
            [e for e in received if e.date <= scope.date],
        )
        history.params = scope.params
    ceiling = history.fact_or_none("de_minimis_ceiling")
    used = history.fact_or_none("de_minimis_used")
    de_minimis = None
    if ceiling is not None and used is not None:
        now = sum(
            (r.amount for r in results if r.recommended and r.measure.de_minimis and r.amount is not None),
            Decimal("0.00"),
        )
        used = round_money(used)  # remaining follows from the figures shown: ceiling - used - granted now
        de_minimis = {
            "ceiling": Decimal(ceiling),
            "used": used,
            "granted_now": now,
            "remaining": round_money(Decimal(ceiling) - used - now),
        }
    return Summary(size, nis2, de_minimis)
