"""What an evaluation gives: per condition, per (project, measure), and for the whole profile.

A :class:`ProfileResult` holds every :class:`MeasureResult` (status, rate, base, amount,
the conditions with their :class:`ConditionResult`, missing facts, explanation lines,
reminders), the recommended total, and the company summary (size, NIS2 class, de
minimis totals). The reports of :mod:`engine.render` and the checks of the rule test
cases read these and nothing else.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..model import Measure


@dataclass(slots=True)
class ConditionResult:
    """A condition's outcome: ``holds`` is True, False or None (unknown)."""

    id: str
    holds: bool | None
    text: str
    reason: str
    missing: frozenset[str] = frozenset()
    expression: str = ""
    reads: tuple[tuple[str, Any], ...] = ()  # (name, value or Missing) when traced


@dataclass(slots=True)
class MeasureResult:
    """The outcome of one measure for one project."""

    project: str
    project_index: int
    measure: Measure
    application_date: _dt.date
    status: str
    rate: Decimal | None
    base: Decimal | None
    amount: Decimal | None
    conditions: list[ConditionResult]
    missing: list[str]
    explanation: list[str]
    reminders: list[tuple[str, str]]
    version: str | None
    source: str
    title: str = ""
    recommended: bool = False
    parameters: dict[str, Any] = field(default_factory=dict)  # name -> DatedValue in force, when traced
    aid_reads: list[Any] = field(default_factory=list)  # AidRead records, when traced


@dataclass(slots=True)
class ProfileResult:
    """The outcome for a whole profile: every result, the recommended total, and the company summary
    (size, NIS2 class, de minimis totals), which is worked out when first read."""

    results: list[MeasureResult]
    total: Decimal
    dates: dict[str, Any]
    summarise: Any = field(repr=False, default=None)
    _summary: tuple[Any, Any, Any] | None = field(default=None, repr=False)

    def _get(self) -> tuple[Any, Any, Any]:
        if self._summary is None:
            self._summary = self.summarise() if self.summarise else (None, None, None)
        return self._summary

    @property
    def size(self) -> str | None:
        """The EU company size, or None when undetermined."""
        return self._get()[0]

    @property
    def nis2(self) -> str | None:
        """The NIS2 class, or None when undetermined."""
        return self._get()[1]

    @property
    def de_minimis(self) -> dict[str, Decimal] | None:
        """Ceiling, used, granted now and remaining, at the latest application date."""
        return self._get()[2]
