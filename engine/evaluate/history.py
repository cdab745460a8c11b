"""The aid history of one profile, read by bisection: totals and counts without scanning every grant.

The aid functions (``aid_total``, ``aid_count`` in :mod:`engine.language.functions`) ask for
the grants from one date to another, optionally of one measure or only de minimis aid.
Scanning the whole history at each call made a profile's work grow with projects times aid
entries times calls. :class:`History` is built once per profile: for each filter asked for
(measure, de minimis), the grants sorted by date with running sums of their amounts, so a
read is two bisections and a subtraction. Each project sees the history up to its
application date through a :class:`HistoryView`, which also lists those grants in the order
the evaluator always used (aid received as the profile gives it, then earlier projects'
recommended amounts), for ``subsidie explain`` and the summary. A view may leave one grant out
(``skip``: the tips of :mod:`.tips` re-date a project past its own grant) and may charge a
:class:`~engine.evaluate.budget.Budget` for each read as the scan of its grants it replaces, so a
budget runs out exactly where scanning lists would have made it.

Totals are exact: a running sum is only used when every amount has at most
:data:`MAX_DECIMALS` decimals, so that no running sum of a profile the limits allow needs
more digits than the decimal context keeps; the total is then given the exponent the
plain sum would have (that of its finest amount, and never above 0), so it prints the same.
A history with finer amounts is scanned, as before.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import decimal
from collections.abc import Iterator
from decimal import Decimal
from itertools import accumulate
from typing import TYPE_CHECKING

from ..language.functions import AidEntry

if TYPE_CHECKING:
    from .budget import Budget

MAX_DECIMALS = 6
"""Amounts with more decimals than this are summed by a scan (running sums could need rounding).

With at most 6 decimals, the aid received (at most 50,000 amounts of at most 10^12) and the recommended
amounts (at most 1,000 of at most 10^15) sum to at most 25 digits: within the 28 of the decimal context,
so running sums, their differences and the plain sum are all exact."""

_Key = tuple[str | None, bool | None]


def exponent(amount: Decimal) -> int:
    """The exponent of an amount, at most 0 (the finest place its sum must show)."""
    return min(int(amount.as_tuple().exponent), 0)


class _Series:
    """The grants that pass one filter, in date order, with running sums and counts per exponent."""

    __slots__ = ("counts", "dates", "ordinals", "sums")

    def __init__(self) -> None:
        self.dates: list[_dt.date] = []
        self.ordinals: list[int] = []  # each grant's position in its source list
        self.sums: list[Decimal] = [Decimal(0)]
        self.counts: dict[int, list[int]] = {}  # exponent (at most 0) -> running count of amounts with it

    def add(self, entry: AidEntry, ordinal: int) -> None:
        """Add a grant after those added."""
        places = exponent(entry.amount)
        size = len(self.dates)
        if places not in self.counts:
            self.counts[places] = [0] * (size + 1)
        for found, running in self.counts.items():
            running.append(running[-1] + (found == places))
        self.dates.append(entry.date)
        self.ordinals.append(ordinal)
        self.sums.append(self.sums[-1] + entry.amount)

    def fill(self, entries: list[AidEntry], ordinals: list[int], places: list[int]) -> None:
        """Add grants in one go, to an empty series: as :meth:`add` for each, in order."""
        self.dates = [entry.date for entry in entries]
        self.ordinals = ordinals
        self.sums = list(accumulate((entry.amount for entry in entries), initial=Decimal(0)))
        for found in set(places):
            self.counts[found] = list(accumulate((place == found for place in places), initial=0))

    def span(self, first: _dt.date, last: _dt.date, before: int | None = None) -> tuple[int, int]:
        """The positions of the grants from ``first`` to ``last`` (and with an ordinal below ``before``)."""
        low = bisect.bisect_left(self.dates, first)
        high = bisect.bisect_right(self.dates, last)
        if before is not None:
            high = min(high, bisect.bisect_left(self.ordinals, before))
        return low, max(low, high)

    def finest(self, low: int, high: int) -> int:
        """The smallest exponent (at most 0) among the amounts from ``low`` to ``high``."""
        return min(e for e, running in self.counts.items() if running[high] > running[low])


def _matches(entry: AidEntry, key: _Key) -> bool:
    measure, de_minimis = key
    return (measure is None or entry.measure == measure) and (de_minimis is None or entry.de_minimis == de_minimis)


class History:
    """The aid received by a company and the amounts recommended for its projects so far."""

    def __init__(self, received: list[AidEntry]):
        self.received = received
        self.granted: list[AidEntry] = []
        dates = [entry.date for entry in received]
        self._by_date = sorted(range(len(received)), key=dates.__getitem__)
        self._dates: list[_dt.date] | None = None  # the received grants' dates, sorted (made when first asked)
        # each amount's exponent, at most 0 (as :func:`exponent`); one that is not finite has a letter ('F', 'n'):
        # 0 here, and no running sums then (not exact)
        self._places = [
            min(p, 0) if isinstance(p, int) else 0 for p in (entry.amount.as_tuple().exponent for entry in received)
        ]
        finite = all(entry.amount.is_finite() for entry in received)
        self.exact = finite and decimal.getcontext().prec >= 28 and min(self._places, default=0) >= -MAX_DECIMALS
        self._received: dict[_Key, _Series] = {}
        self._granted: dict[_Key, tuple[_Series, list[int]]] = {}  # the series and how many grants it holds

    def grant(self, entry: AidEntry) -> None:
        """Add a project's recommended amount (projects come in date order)."""
        if self.granted and entry.date < self.granted[-1].date:
            raise ValueError("grants must be added in date order")
        if self.exact and not (entry.amount.is_finite() and int(entry.amount.as_tuple().exponent) >= -MAX_DECIMALS):
            self.exact = False
        self.granted.append(entry)

    def upto(self, day: _dt.date) -> HistoryView:
        """The history a project applying on ``day`` sees: grants dated on or before it, granted so far."""
        return HistoryView(self, day, len(self.granted))

    def received_upto(self, day: _dt.date) -> int:
        """How many of the grants received are dated on or before ``day``."""
        if self._dates is None:
            self._dates = [self.received[i].date for i in self._by_date]
        return bisect.bisect_right(self._dates, day)

    def _received_series(self, key: _Key) -> _Series:
        series = self._received.get(key)
        if series is None:
            series = self._received[key] = _Series()
            received, places = self.received, self._places
            ordinals = [i for i in self._by_date if _matches(received[i], key)]
            series.fill([received[i] for i in ordinals], ordinals, [places[i] for i in ordinals])
        return series

    def _granted_series(self, key: _Key) -> _Series:
        found = self._granted.get(key)
        if found is None:
            found = self._granted[key] = (_Series(), [0])
        series, done = found
        for i in range(done[0], len(self.granted)):
            if _matches(self.granted[i], key):
                series.add(self.granted[i], i)
        done[0] = len(self.granted)
        return series

    def read(
        self, first: _dt.date, last: _dt.date, key: _Key, granted: int, skip: int | None = None
    ) -> tuple[Decimal, int]:
        """The total and the number of grants from ``first`` to ``last`` that pass ``key``, among the
        aid received and the first ``granted`` recommended amounts (but for the one at ``skip``)."""
        total, count, finest = Decimal(0), 0, 0
        if first > last:
            return total, count
        spans: list[tuple[_Series, int, int]] = []
        series = self._received_series(key)
        spans.append((series, *series.span(first, last)))
        if granted:
            series = self._granted_series(key)
            low, high = series.span(first, last, granted)
            at = bisect.bisect_left(series.ordinals, skip, low, high) if skip is not None else high
            if at < high and series.ordinals[at] == skip:  # two spans around the grant left out
                spans += [(series, low, at), (series, at + 1, high)]
            else:
                spans.append((series, low, high))
        for series, low, high in spans:
            if high > low:
                total += series.sums[high] - series.sums[low]
                count += high - low
                finest = min(finest, series.finest(low, high))
        if count == 0:
            return Decimal(0), 0
        return total.quantize(Decimal(1).scaleb(finest)), count


class HistoryView:
    """The aid history one project sees; iterates its grants as a list of :class:`AidEntry` would."""

    __slots__ = ("_entries", "budget", "day", "granted", "history", "skip")

    def __init__(
        self, history: History, day: _dt.date, granted: int, skip: int | None = None, budget: Budget | None = None
    ):
        """``granted``: how many of the history's recommended amounts it sees, but for the one at ``skip``;
        ``budget``: charged for each read as for a scan of the grants seen (:meth:`read`)."""
        self.history = history
        self.day = day
        self.granted = granted
        self.skip = skip if skip is not None and skip < granted else None
        self.budget = budget
        self._entries: list[AidEntry] | None = None

    def entries(self) -> list[AidEntry]:
        """The grants, in the evaluator's order: aid received as the profile lists it, then earlier projects'."""
        if self._entries is None:
            day = self.day
            history = self.history
            granted = history.granted[: self.granted]
            if self.skip is not None:
                del granted[self.skip]
            self._entries = [e for e in history.received if e.date <= day] + granted
        return self._entries

    def seen(self) -> int:
        """How many grants the view holds (``len``, without listing them)."""
        if self._entries is not None:
            return len(self._entries)
        return self.history.received_upto(self.day) + self.granted - (self.skip is not None)

    def __iter__(self) -> Iterator[AidEntry]:
        return iter(self.entries())

    def __len__(self) -> int:
        return self.seen()

    def read(
        self, first: _dt.date, last: _dt.date, measure: str | None, de_minimis: bool | None
    ) -> tuple[Decimal, int]:
        """The total and the number of grants from ``first`` to ``last`` (both included) this project sees.

        Raises:
            LookupError: when the history cannot be read exactly by running sums (see the module).
        """
        if not self.history.exact:
            raise LookupError("scan")
        if self.budget is not None:
            self.budget.scan(self.seen())
        return self.history.read(first, min(last, self.day), (measure, de_minimis), self.granted, self.skip)
