"""On which dates does a rule change take effect? Worked out by comparing two rule models, for any measure.

A rule set changes what it decides on the days where something dated starts or ends: a
measure's ``valid_from`` and the day after its ``valid_until``, a version's start and the day
after its ``until``, a parameter's ``from``, a call window's opening and the day after its
closing. Each of those is a *boundary*. At a boundary ``day`` the base and the current rules are
compared, part by part, on ``day`` and on the day before: whether each measure is in force,
which version holds (its conditions and amount as written), the value of each parameter (the
measure's and the shared ones) and which call window is open. ``day`` is an *effect date* when
the way some part differs between base and current is not the same on the two days: the change
starts (a new ``from:``, a new version or window), ends (a window that closes), or changes
again. A change without a date (a condition edited outside any version) differs the same way on
every day and gives no effect date: the comparison on the corpus itself shows it.

:func:`effect_dates` gives at most :data:`MAX_EFFECT_DATES` of them (those on or after the
``as_of`` day first, the nearest first, then the latest ones before it); the rest are counted.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import heapq
from collections.abc import Callable, Iterator
from typing import Any

from ..model import Amount, Measure, Parameter, RuleSet, Version
from ..records import record

MAX_EFFECT_DATES = 3
"""The effect dates ``subsidie diff`` re-dates its corpus to (each costs two more comparisons of the corpus)."""

_DAY = _dt.timedelta(days=1)

Part = Callable[[_dt.date], Any]


@record
class EffectDates:
    """The effect dates to re-date the corpus to (in date order), and those left out (in date order)."""

    dates: tuple[_dt.date, ...]
    left_out: tuple[_dt.date, ...]


def _after(day: _dt.date | None) -> list[_dt.date]:
    return [day + _DAY] if day is not None and day < _dt.date.max else []


def _starts(parameter: Parameter | None) -> list[_dt.date]:
    return [entry.start for entry in parameter.timeline] if parameter is not None else []


def _in_force_days(measure: Measure | None) -> list[_dt.date]:
    if measure is None:
        return []
    return [measure.valid_from, *_after(measure.valid_until), *(d for v in measure.versions for d in _after(v.until))]


def _version_days(measure: Measure | None) -> list[_dt.date]:
    return [v.start for v in measure.versions] if measure is not None else []


def _call_days(measure: Measure | None) -> list[_dt.date]:
    windows = measure.calls.windows if measure is not None and measure.calls else ()
    return [d for w in windows for d in (w.open, *_after(w.close))]


def _amount_key(amount: Amount | None) -> Any:
    if amount is None:
        return None
    return (
        tuple((part.rate.source, part.base.source) for part in amount.parts),
        amount.fixed.source if amount.fixed else None,
        tuple((cap.id, cap.amount.source) for cap in amount.caps),
        (amount.minimum.id, amount.minimum.amount.source) if amount.minimum else None,
    )


def _version_key(version: Version | None) -> Any:
    """What a version decides: its conditions and amount as written (not its notes, sources or texts)."""
    if version is None:
        return None
    conditions = None if version.conditions is None else tuple((c.id, c.expression.source) for c in version.conditions)
    return conditions, _amount_key(version.amount)


def _value(parameter: Parameter | None) -> Part:
    def value(day: _dt.date) -> Any:
        entry = parameter.entry_at(day) if parameter is not None else None
        return (entry.value,) if entry is not None else None

    return value


def _version_at(measure: Measure) -> Callable[[_dt.date], Version | None]:
    """``measure.version_at`` by bisection (the checks keep versions in date order): a measure may have
    thousands of versions, and each is looked up on its own dates."""
    starts = [version.start for version in measure.versions]

    def version_at(day: _dt.date) -> Version | None:
        index = bisect.bisect_right(starts, day) - 1
        return measure.versions[index] if index >= 0 else None

    return version_at


def _in_force(measure: Measure | None) -> Part:
    """``measure.in_force``, with the version found by bisection."""
    if measure is None:
        return lambda day: None
    version_at = _version_at(measure)

    def in_force(day: _dt.date) -> bool:
        if day < measure.valid_from or (measure.valid_until is not None and day > measure.valid_until):
            return False
        version = version_at(day)
        return version is None or version.until is None or day <= version.until

    return in_force


def _version(measure: Measure | None) -> Part:
    if measure is None:
        return lambda day: None
    version_at = _version_at(measure)
    return lambda day: _version_key(version_at(day))


def _windows(measure: Measure | None, days: set[_dt.date]) -> Part:
    """The name of the call window open on each of ``days`` (``Calls.window_at``: the first in the list that
    holds the day), worked out in one sweep over the days in order, so many windows cost no more than their
    number times the log of it."""
    windows = measure.calls.windows if measure is not None and measure.calls else ()
    by_open = sorted(range(len(windows)), key=lambda i: windows[i].open)
    names: dict[_dt.date, str] = {}
    waiting: list[int] = []  # the indexes of the windows open by now, smallest first
    next_window = 0
    for day in sorted(days):
        while next_window < len(by_open) and windows[by_open[next_window]].open <= day:
            heapq.heappush(waiting, by_open[next_window])
            next_window += 1
        while waiting and windows[waiting[0]].close < day:  # closed before this day, so before every later one
            heapq.heappop(waiting)
        if waiting:
            names[day] = windows[waiting[0]].name
    return names.get


@record
class _Part:
    """One dated part of the two rule models: its value in the base and in the current rules on a day, and the
    days on which either may change."""

    before: Part
    after: Part
    days: tuple[_dt.date, ...]

    def difference(self, day: _dt.date) -> Any:
        old, new = self.before(day), self.after(day)
        return None if old == new else (old, new)


def _parts(base: RuleSet, current: RuleSet) -> Iterator[_Part]:
    """Each part of the two rule models that holds something dated."""
    for name in sorted(set(base.parameters) | set(current.parameters)):
        old, new = base.parameters.get(name), current.parameters.get(name)
        yield _Part(_value(old), _value(new), (*_starts(old), *_starts(new)))
    for measure_id in sorted(set(base.measures) | set(current.measures)):
        was, now = base.measures.get(measure_id), current.measures.get(measure_id)
        for part, days in ((_in_force, _in_force_days), (_version, _version_days)):
            yield _Part(part(was), part(now), (*days(was), *days(now)))
        calls = (*_call_days(was), *_call_days(now))
        needed = {d for day in calls for d in (day, day - _DAY) if day > _dt.date.min}
        yield _Part(_windows(was, needed), _windows(now, needed), calls)
        for name in sorted(set(was.parameters if was else ()) | set(now.parameters if now else ())):
            old = was.parameters.get(name) if was else None
            new = now.parameters.get(name) if now else None
            yield _Part(_value(old), _value(new), (*_starts(old), *_starts(new)))


def all_effect_dates(base: RuleSet, current: RuleSet) -> list[_dt.date]:
    """Every day on which the way the current rules differ from the base changes, in date order.

    Each part is compared only on its own dates, so the work grows with the size of the two rule sets."""
    found: set[_dt.date] = set()
    for part in _parts(base, current):
        for day in set(part.days) - found:
            if day > _dt.date.min and part.difference(day) != part.difference(day - _DAY):
                found.add(day)
    return sorted(found)


def effect_dates(base: RuleSet, current: RuleSet, as_of: _dt.date, limit: int = MAX_EFFECT_DATES) -> EffectDates:
    """The effect dates to re-date the corpus to: at most ``limit``, those on or after ``as_of`` first."""
    found = all_effect_dates(base, current)
    future = [day for day in found if day >= as_of]
    past = [day for day in reversed(found) if day < as_of]
    chosen = set((future + past)[:limit])
    return EffectDates(tuple(day for day in found if day in chosen), tuple(day for day in found if day not in chosen))
