"""The figures of a comparison over a population, added up as the rows come (:mod:`.population`).

A :class:`Tally` keeps only what the report shows: counts, the recommended totals per measure and
per company size, the first :data:`MAX_ERRORS` bad rows and the ``top`` largest changes (a heap of
that size). So its size does not grow with the rows. The tallies of consecutive parts of an input
merge into the tally of the whole, whatever the cut: the errors stay in row order, and the largest
changes are ranked by a key that no two changes share.
"""

from __future__ import annotations

import heapq
from decimal import Decimal
from typing import Any

from ..evaluate.results import MeasureResult, ProfileResult
from ..records import field, record
from .impact import Change, Outcome

ZERO = Decimal("0.00")

MAX_ERRORS = 100
"""How many bad rows the report lists (the first ones; all are counted)."""

SIZES = ("micro", "small", "medium", "large", None)
"""The company sizes in the order of the report; None: undetermined."""


@record(frozen=False, slots=True)
class MeasureFigures:
    """One measure over the population: its results, how many changed and how, and its recommended totals."""

    results: int = 0
    changed: int = 0
    newly_eligible: int = 0
    no_longer_eligible: int = 0
    undetermined: int = 0
    before: Decimal = ZERO
    after: Decimal = ZERO

    def merge(self, other: MeasureFigures) -> None:
        self.results += other.results
        self.changed += other.changed
        self.newly_eligible += other.newly_eligible
        self.no_longer_eligible += other.no_longer_eligible
        self.undetermined += other.undetermined
        self.before += other.before
        self.after += other.after


@record(frozen=False, slots=True)
class SizeFigures:
    """The companies of one size: how many, how many a change affects, and their recommended totals."""

    companies: int = 0
    affected: int = 0
    before: Decimal = ZERO
    after: Decimal = ZERO

    def merge(self, other: SizeFigures) -> None:
        self.companies += other.companies
        self.affected += other.affected
        self.before += other.before
        self.after += other.after


@record
class RowChange:
    """One listed change: the row it comes from, the company's size, and the change itself."""

    row: int
    size: str | None
    change: Change


class _Kept(tuple[Any, ...]):
    """``(rank, row change)`` in a heap whose root is the change to drop first: the one ranked last."""

    __slots__ = ()

    def __lt__(self, other: tuple[Any, ...]) -> bool:
        return self[0] > other[0]


def _amount(result: MeasureResult | None) -> Decimal:
    return result.amount if result is not None and result.amount is not None else ZERO


def _pairs(old: list[MeasureResult], new: list[MeasureResult]) -> Any:
    """The results of the two evaluations of one profile, paired by (project, measure), in the order of the
    evaluation (the project's place in the file, then the measure id); None where one side has none."""
    if len(old) == len(new) and all(
        a.project_index == b.project_index and a.measure.id == b.measure.id for a, b in zip(old, new)
    ):
        return zip(old, new)
    before = {(r.project_index, r.measure.id): r for r in old}
    after = {(r.project_index, r.measure.id): r for r in new}
    return [(before.get(key), after.get(key)) for key in sorted(before.keys() | after.keys())]


@record(frozen=False)
class Tally:
    """Everything the report of a population shows, added up row by row."""

    top: int
    rows: int = 0  # rows read, bad ones included (blank lines are not rows)
    companies: int = 0  # rows evaluated
    projects: int = 0
    results: int = 0  # (row, project, measure) results compared
    affected_companies: int = 0
    affected_projects: int = 0
    changed: int = 0
    newly_eligible: int = 0
    no_longer_eligible: int = 0
    undetermined: int = 0
    not_in_force: int = 0  # changed results where the measure is not in force on either side (not listed)
    before: Decimal = ZERO
    after: Decimal = ZERO
    measures: dict[str, MeasureFigures] = field(default_factory=dict)
    sizes: dict[str | None, SizeFigures] = field(default_factory=dict)
    heap: list[_Kept] = field(default_factory=list)
    error_rows: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message): the first MAX_ERRORS

    def add_error(self, number: int, message: str) -> None:
        """A row that could not be read or evaluated."""
        self.error_rows += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append((number, message))

    def _measure(self, measure_id: str) -> MeasureFigures:
        figures = self.measures.get(measure_id)
        if figures is None:
            figures = self.measures[measure_id] = MeasureFigures()
        return figures

    def _size(self, size: str | None) -> SizeFigures:
        figures = self.sizes.get(size)
        if figures is None:
            figures = self.sizes[size] = SizeFigures()
        return figures

    def add(
        self, number: int, name: str, projects: int, size: str | None, before: ProfileResult, after: ProfileResult
    ) -> None:
        """One evaluated row: its results under the base (``before``) and the current rules (``after``, the
        same object when the row was evaluated once)."""
        self.companies += 1
        self.projects += projects
        by_size = self._size(size)
        by_size.companies += 1
        by_size.before += before.total
        by_size.after += after.total
        self.before += before.total
        self.after += after.total
        if after is before:
            self.results += len(before.results)
            for result in before.results:
                figures = self._measure(result.measure.id)
                figures.results += 1
                if result.recommended:
                    figures.before += result.amount  # type: ignore[operator]  # recommended: an amount
                    figures.after += result.amount  # type: ignore[operator]
            return
        touched: set[int] = set()
        for old, new in _pairs(before.results, after.results):
            either: MeasureResult = old or new  # a pair has one at least
            self.results += 1
            figures = self._measure(either.measure.id)
            figures.results += 1
            if old is not None and old.recommended:
                figures.before += old.amount
            if new is not None and new.recommended:
                figures.after += new.amount
            if (
                old is not None
                and new is not None
                and old.status == new.status
                and old.rate == new.rate
                and old.amount == new.amount
            ):
                continue
            was = Outcome.of(old) if old is not None else None
            now = Outcome.of(new) if new is not None else None
            change = Change(name, either.project, either.measure.id, was, now)
            if not change.in_force:
                self.not_in_force += 1
                continue
            self.changed += 1
            figures.changed += 1
            status_before, status_after = (was.status if was else None), (now.status if now else None)
            if status_after == "eligible" != status_before:
                self.newly_eligible += 1
                figures.newly_eligible += 1
            if status_before == "eligible" != status_after:
                self.no_longer_eligible += 1
                figures.no_longer_eligible += 1
            if status_after == "undetermined" != status_before:
                self.undetermined += 1
                figures.undetermined += 1
            touched.add(either.project_index)
            difference = _amount(new) - _amount(old)
            self._offer((-abs(difference), number, change.project, change.measure), RowChange(number, size, change))
        if touched:
            self.affected_companies += 1
            self.affected_projects += len(touched)
            by_size.affected += 1

    def _offer(self, rank: tuple[Any, ...], item: RowChange) -> None:
        """Keep ``item`` if it is among the ``top`` largest changes so far (a heap of at most ``top``)."""
        if self.top <= 0:
            return
        heap = self.heap
        if len(heap) < self.top:
            heapq.heappush(heap, _Kept((rank, item)))
        elif rank < heap[0][0]:
            heapq.heapreplace(heap, _Kept((rank, item)))

    def merge(self, other: Tally) -> None:
        """Add the tally of the rows that come after this one's."""
        for name in (
            "rows",
            "companies",
            "projects",
            "results",
            "affected_companies",
            "affected_projects",
            "changed",
            "newly_eligible",
            "no_longer_eligible",
            "undetermined",
            "not_in_force",
            "before",
            "after",
            "error_rows",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for measure_id, figures in other.measures.items():
            self._measure(measure_id).merge(figures)
        for size, by_size in other.sizes.items():
            self._size(size).merge(by_size)
        for rank, item in other.heap:
            self._offer(rank, item)
        self.errors.extend(other.errors[: MAX_ERRORS - len(self.errors)])

    def largest(self) -> list[RowChange]:
        """The largest changes kept, largest first (ties: by row, project, measure)."""
        return [item for _rank, item in sorted(self.heap, key=lambda kept: kept[0])]

    def by_measure(self) -> list[tuple[str, MeasureFigures]]:
        """Every measure with results, by id."""
        return sorted(self.measures.items())

    def by_size(self) -> list[tuple[str | None, SizeFigures]]:
        """Every company size with companies: those of :data:`SIZES` in that order (undetermined last), any
        other a rule set names before undetermined, by name."""
        others = sorted(size for size in self.sizes if size not in SIZES)
        order = [*SIZES[:-1], *others, None]
        return [(size, self.sizes[size]) for size in order if size in self.sizes]
