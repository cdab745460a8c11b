"""What an evaluation gives: per condition, per (project, measure), and for the whole profile.

A :class:`ProfileResult` holds every :class:`MeasureResult` (status, rate, base, amount,
the conditions with their :class:`ConditionResult`, missing facts, explanation lines,
reminders), the recommended total, and the company summary (size, NIS2 class, de
minimis totals). The reports of :mod:`engine.render` and the checks of the rule test
cases read these and nothing else.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from ..language.functions import AidEntry, AidRead
from ..model import DatedValue, Measure
from ..records import field, record

if TYPE_CHECKING:
    from .history import History

NO_PARAMETERS: Mapping[str, Any] = MappingProxyType({})
"""The parameters of a result that is not traced: empty, read-only, one for all."""


@record(frozen=False, slots=True)
class ConditionResult:
    """A condition's outcome: ``holds`` is True, False or None (unknown).

    With explanations off, a check that holds or fails with no text is one object shared by every result of its
    measure (:mod:`.lean`): change only an unknown one in place (as :mod:`.completion` does), never another."""

    id: str
    holds: bool | None
    text: str
    reason: str
    missing: frozenset[str] = frozenset()
    expression: str = ""
    reads: tuple[tuple[str, Any], ...] = ()  # (name, value or Missing) when traced
    failed: str = ""  # explained and false: the rule's client-facing sentence for the failed case, if it has one


@record(frozen=False, slots=True)
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
    # name -> value in force, and the reads of the aid history, when traced (else one shared empty one, never changed:
    # the trace assigns its own)
    parameters: Mapping[str, DatedValue] = NO_PARAMETERS
    aid_reads: Sequence[AidRead] = ()
    # undetermined: the least and the most amount the absent facts' values give (None: no bound); else None
    amount_range: tuple[Decimal, Decimal | None] | None = None
    tips: list[Tip] = field(default_factory=list)  # when to apply for more (:mod:`.tips`), where a person reads them


@record
class Tip:
    """When to apply: on ``date`` the same project would get ``amount``, more than now; ``text`` says so."""

    date: _dt.date
    amount: Decimal
    text: str


class Summary(NamedTuple):
    """The company facts of a profile's evaluation (:func:`engine.evaluate.summary.summarise`); None where
    undetermined."""

    size: str | None
    nis2: str | None
    de_minimis: dict[str, Decimal] | None  # ceiling, used, granted_now, remaining


NO_SUMMARY = Summary(None, None, None)


@record(frozen=False, slots=True)
class ProfileResult:
    """The outcome for a whole profile: every result, the recommended total, and the company summary
    (size, NIS2 class, de minimis totals), which is worked out when first read."""

    results: list[MeasureResult]
    total: Decimal
    dates: dict[str, Any]
    summarise: Callable[[], Summary] | None = field(repr=False, default=None)
    _summary: Summary | None = field(default=None, repr=False)
    # when every result is settled: the evaluator and what it settles an unknown company size with, when first read
    settle_size: tuple[Any, ...] | None = field(default=None, repr=False)
    # the aid history the evaluation read by bisection (a long one), for the tips to read on (:mod:`.tips`)
    history: History | None = field(default=None, repr=False, compare=False)

    def _get(self) -> Summary:
        if self._summary is None:
            found = self.summarise() if self.summarise else NO_SUMMARY
            if found.size is None and self.settle_size is not None:
                evaluator, *args = self.settle_size
                self.settle_size = None
                evaluator._settle(self, *args)  # replaces summarise when it settles anything
                found = self.summarise() if self.summarise else found
            self._summary = found
        return self._summary

    @property
    def size(self) -> str | None:
        """The EU company size, or None when undetermined."""
        return self._get().size

    @property
    def nis2(self) -> str | None:
        """The NIS2 class, or None when undetermined."""
        return self._get().nis2

    @property
    def de_minimis(self) -> dict[str, Decimal] | None:
        """Ceiling, used, granted now and remaining, at the latest application date."""
        return self._get().de_minimis


def as_grant(result: MeasureResult) -> AidEntry:
    """A project's recommended amount as a grant of the aid history that the projects after it read."""
    assert result.amount is not None
    measure = result.measure
    return AidEntry(result.application_date, result.amount, measure.id, measure.de_minimis, f"project {result.project}")
