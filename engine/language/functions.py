"""The functions rule expressions may call: generic building blocks only.

Date arithmetic, sums over lists and over the aid history, min and max. No
measure's logic lives here: a function must make sense for any measure. Each
function documents itself for ``subsidie validate`` hints and generated docs.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from ..records import record


class AidEntry(NamedTuple):
    """One grant in the aid history: received before, or recommended for an earlier project.

    A named tuple: one is made per grant per profile evaluated, and a tuple is made several times
    faster than a frozen dataclass. Rule expressions never see it, only the aid functions."""

    date: _dt.date
    amount: Decimal
    measure: str | None
    de_minimis: bool
    origin: str = "received"  # 'received', or 'project <id>' for an earlier project's recommended amount


@record
class AidRead:
    """One read of the aid history, kept when an evaluation is traced (``subsidie explain``)."""

    function: str
    start: _dt.date | None
    end: _dt.date | None
    measure: str | None
    de_minimis: bool | None
    entries: tuple[AidEntry, ...]


NO_SHORTCUT: Any = object()
"""A :class:`Function`'s ``empty`` when an empty list as its first argument has no answer known beforehand."""


class FunctionError(Exception):
    """A function was called with values it cannot use."""


@record
class Function:
    """A callable available in expressions.

    Attributes:
        name: the name used in expressions.
        impl: the implementation; receives the scope first when ``needs_scope``.
        arity: the allowed number of positional arguments (min, max); max None = any.
        keywords: the allowed keyword arguments.
        doc: a one-line description for people.
        needs_scope: True when the function reads the aid history of the evaluation.
        pure: True when calls with constant arguments may be folded at load time.
        args: the kind of each positional argument (the last repeats for variadic functions).
        returns: the kind of the result (number, text, boolean, date, list, table).
        empty: the result when the first argument is an empty list, whatever the others are (the function's own
            answer, which generated code gives without calling it); :data:`NO_SHORTCUT` when there is none.
    """

    name: str
    impl: Callable[..., Any]
    arity: tuple[int, int | None]
    doc: str
    keywords: tuple[str, ...] = ()
    needs_scope: bool = False
    pure: bool = True
    args: tuple[str, ...] = ()
    returns: str = "any"
    empty: Any = NO_SHORTCUT


_DATE_CLASS = _dt.date  # a date, not a datetime (a subclass, which replace() keeps)
_NOUGHT = Decimal(0)  # the start of every sum: a Decimal never changes, so one serves them all
_HUNDRED = Decimal(100)  # the divisor of a share in percent (what dividing by the int 100 converts each time)
_SPANS: dict[int, _dt.timedelta] = {}  # add_days' spans by number of days (at most 1,024 kept)
_STARTS: dict[int, _dt.date] = {}  # year_start's 1 January by year (a date never changes; at most 9,999)


def _number(value: Any, what: str) -> Decimal | int:
    if value.__class__ is int or value.__class__ is Decimal:  # the usual case, without the isinstance tests
        return value
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise FunctionError(f"{what} must be a number, found {value!r}")
    return value


def _date(value: Any, what: str) -> _dt.date:
    if value.__class__ is _DATE_CLASS:
        return value
    if not isinstance(value, _dt.date):
        raise FunctionError(f"{what} must be a date, found {value!r}")
    return value


def _whole(value: Any, what: str) -> int:
    if value.__class__ is int and -10000 <= value <= 10000:
        return value
    number: Any = _number(value, what)
    if number != int(number) or abs(number) > 10000:
        raise FunctionError(f"{what} must be a whole number up to 10000, found {value}")
    return int(number)


def add_years(day: Any, years: Any) -> _dt.date:
    """The same month and day ``years`` later (earlier when negative); 29 February becomes 28 February."""
    if day.__class__ is _DATE_CLASS and years.__class__ is int and -10000 <= years <= 10000:  # the usual case
        target = day.year + years
        if 1 <= target <= 9999 and (day.month != 2 or day.day != 29):
            return day.replace(year=target)
    day = _date(day, "the date")
    target = day.year + _whole(years, "the number of years")
    if not 1 <= target <= 9999:
        raise FunctionError(f"year {target} is out of range")
    if day.month == 2 and day.day == 29:
        try:
            return day.replace(year=target)
        except ValueError:
            return day.replace(year=target, day=28)
    return day.replace(year=target)


def years_before(day: Any, years: Any) -> _dt.date:
    """The same month and day ``years`` earlier (29 February becomes 28 February)."""
    if day.__class__ is _DATE_CLASS and years.__class__ is int and -10000 <= years <= 10000:  # the usual case
        target = day.year - years
        if 1 <= target <= 9999 and (day.month != 2 or day.day != 29):
            return day.replace(year=target)
    return add_years(day, -_whole(years, "the number of years"))


def add_days(day: Any, days: Any) -> _dt.date:
    """The date ``days`` later (earlier when negative)."""
    if day.__class__ is _DATE_CLASS and days.__class__ is int:  # the usual case: a span made once per number
        span = _SPANS.get(days)
        if span is not None:
            try:
                return day + span
            except OverflowError as exc:
                raise FunctionError("the date is out of range") from exc
        if -10000 <= days <= 10000 and len(_SPANS) < 1024:
            _SPANS[days] = _dt.timedelta(days)
    try:
        return _date(day, "the date") + _dt.timedelta(_whole(days, "the number of days"))  # days
    except OverflowError as exc:
        raise FunctionError("the date is out of range") from exc


def years_between(start: Any, end: Any) -> int:
    """Whole years from ``start`` to ``end``: a year is complete on the same month and day (29 February: 28 February)."""  # noqa: E501 - the text validate and docs show
    start = _date(start, "the first date")
    end = _date(end, "the second date")
    years = end.year - start.year
    if years > 0 and add_years(start, years) > end:
        years -= 1
    elif years < 0 and add_years(start, years) < end:
        years += 1
    return years


def days_between(start: Any, end: Any) -> int:
    """Days from ``start`` to ``end`` (negative when ``end`` comes first)."""
    return (_date(end, "the second date") - _date(start, "the first date")).days


def year_start(day: Any) -> _dt.date:
    """1 January of the date's year."""
    if day.__class__ is _DATE_CLASS:  # the usual case: 1 January of each year made once
        start = _STARTS.get(day.year)
        if start is None:
            start = _STARTS[day.year] = _dt.date(day.year, 1, 1)
        return start
    day = _date(day, "the date")
    return _dt.date(day.year, 1, 1) if day.__class__ is _DATE_CLASS else day.replace(month=1, day=1)


def year_end(day: Any) -> _dt.date:
    """31 December of the date's year."""
    return _date(day, "the date").replace(month=12, day=31)


def year(day: Any) -> int:
    """The year of a date, as a number."""
    return _date(day, "the date").year


def make_date(text: Any) -> _dt.date:
    """A date written 'YYYY-MM-DD'."""
    if not isinstance(text, str):
        raise FunctionError(f"date() needs a text like '2024-01-01', found {text!r}")
    try:
        return _dt.date.fromisoformat(text)
    except ValueError as exc:
        raise FunctionError(f"'{text}' is not a date written YYYY-MM-DD") from exc


def minimum(*values: Any) -> Any:
    """The smallest of the numbers."""
    return min(_number(v, "min()'s argument") for v in values)


def maximum(*values: Any) -> Any:
    """The largest of the numbers."""
    return max(_number(v, "max()'s argument") for v in values)


def _items(items: Any) -> Sequence[dict[str, Any]]:
    if not isinstance(items, list):
        raise FunctionError(f"expected a list of entries, found {items!r}")
    for item in items:
        if not isinstance(item, dict):
            raise FunctionError(f"expected a list of entries, found {items!r}")
    return items


def _field(item: dict[str, Any], name: Any) -> Decimal | int:
    if not isinstance(name, str) or name not in item:
        raise FunctionError(f"the entries have no field {name!r}")
    return _number(item[name], name)


def sum_of(items: Any, field: Any) -> Decimal:
    """The sum of ``field`` over a list, for example sum_of(company.linked_enterprises, 'employees')."""
    if items.__class__ is list and field.__class__ is str:  # the usual case: tables that give the field as a number
        total = _NOUGHT
        for item in items:
            value = item.get(field) if item.__class__ is dict else None
            if value.__class__ is not int and value.__class__ is not Decimal:
                return _sum_of(items, field)  # anything else: the checks, in their order, and their errors
            total += value
        return total
    return _sum_of(items, field)


def _sum_of(items: Any, field: Any) -> Decimal:
    total = _NOUGHT
    for item in _items(items):
        total += _field(item, field)
    return total


def sum_share(items: Any, field: Any, share: Any) -> Decimal:
    """The sum of ``field`` times ``share`` percent over a list (partner enterprises count in proportion)."""
    if items.__class__ is list and field.__class__ is str and share.__class__ is str:  # the usual case (as sum_of)
        total = _NOUGHT
        for item in items:
            if item.__class__ is not dict:
                return _sum_share(items, field, share)
            value = item.get(field)
            part = item.get(share)
            if (value.__class__ is not int and value.__class__ is not Decimal) or (
                part.__class__ is not int and part.__class__ is not Decimal
            ):
                return _sum_share(items, field, share)  # anything else: the checks, in their order, and their errors
            # a Decimal is taken as it is (Decimal() of one is an equal copy), an int converted
            total += (
                (value if value.__class__ is Decimal else Decimal(value))
                * (part if part.__class__ is Decimal else Decimal(part))
                / _HUNDRED
            )
        return total
    return _sum_share(items, field, share)


def _sum_share(items: Any, field: Any, share: Any) -> Decimal:
    total = _NOUGHT
    for item in _items(items):
        total += Decimal(_field(item, field)) * Decimal(_field(item, share)) / 100
    return total


def count(items: Any) -> int:
    """The number of entries in a list."""
    return len(_items(items))


def _aid(scope: Any, start: Any, end: Any, measure: Any, de_minimis: Any) -> list[AidEntry]:
    first = _dt.date.min if start is None else _date(start, "the first date")
    last = _dt.date.max if end is None else _date(end, "the last date")
    ledger = scope.ledger
    if not ledger:
        found: list[AidEntry] = []
    else:
        budget = getattr(scope, "budget", None)
        if budget is not None:  # the evaluation's bound on work (engine.evaluate.budget): a scan costs its length
            if ledger.__class__ is not list:
                ledger = list(ledger)
            budget.scan(len(ledger))
        found = [
            entry
            for entry in ledger
            if first <= entry.date <= last
            and (measure is None or entry.measure == measure)
            and (de_minimis is None or entry.de_minimis == de_minimis)
        ]
    trace = getattr(scope, "trace", None)
    if trace is not None:
        trace.append(AidRead("aid history", start, end, measure, de_minimis, tuple(found)))
    return found


def _read(scope: Any, start: Any, end: Any, measure: Any, de_minimis: Any) -> tuple[Decimal, int] | None:
    """Total and count by the ledger's own bisection (an aid history read once per profile), when it has one
    and no trace wants the grants listed; None to scan."""
    ledger = scope.ledger
    if ledger.__class__ is list:  # a short history, scanned
        return None
    read = getattr(ledger, "read", None)
    if read is None or getattr(scope, "trace", None) is not None:
        return None
    first = _dt.date.min if start is None else _date(start, "the first date")
    last = _dt.date.max if end is None else _date(end, "the last date")
    try:
        found: tuple[Decimal, int] = read(first, last, measure, de_minimis)
        return found
    except LookupError:
        return None


def aid_total(scope: Any, start: Any = None, end: Any = None, measure: Any = None, de_minimis: Any = None) -> Decimal:
    """The aid granted from ``start`` to ``end`` (both included), optionally of one measure or only de minimis aid.

    Counts aid received and the recommended amounts of earlier projects, dated on or
    before the application date. Without dates: all of that history.
    """
    ledger = scope.ledger
    if ledger.__class__ is not list:  # a short history is a list, always scanned (_read)
        found = _read(scope, start, end, measure, de_minimis)
        if found is not None:
            return found[0]
    elif getattr(scope, "trace", None) is None:  # the usual case: _aid's scan, summed as it goes
        first = (
            start
            if start.__class__ is _DATE_CLASS
            else _dt.date.min
            if start is None
            else _date(start, "the first date")
        )
        last = end if end.__class__ is _DATE_CLASS else _dt.date.max if end is None else _date(end, "the last date")
        total = _NOUGHT
        if ledger:
            budget = getattr(scope, "budget", None)
            if budget is not None:  # the evaluation's bound on work (engine.evaluate.budget): a scan costs its length
                budget.scan(len(ledger))
            for day, amount, of, minimis, _ in ledger:
                if (
                    first <= day <= last
                    and (measure is None or of == measure)
                    and (de_minimis is None or minimis == de_minimis)
                ):
                    total += amount
        return total
    total = _NOUGHT
    for entry in _aid(scope, start, end, measure, de_minimis):
        total += entry.amount
    return total


def aid_count(scope: Any, start: Any = None, end: Any = None, measure: Any = None, de_minimis: Any = None) -> int:
    """How many grants fall from ``start`` to ``end`` (both included; without dates: all), optionally of one measure."""
    found = _read(scope, start, end, measure, de_minimis)
    if found is not None:
        return found[1]
    return len(_aid(scope, start, end, measure, de_minimis))


_DATE, _NUMBER, _TEXT, _LIST = "date", "number", "text", "list"

FUNCTIONS: dict[str, Function] = {
    f.name: f
    for f in (
        Function("min", minimum, (1, None), "the smallest of the numbers", args=(_NUMBER,), returns=_NUMBER),
        Function("max", maximum, (1, None), "the largest of the numbers", args=(_NUMBER,), returns=_NUMBER),
        Function("date", make_date, (1, 1), "a date written 'YYYY-MM-DD'", args=(_TEXT,), returns=_DATE),
        Function("add_years", add_years, (2, 2), add_years.__doc__ or "", args=(_DATE, _NUMBER), returns=_DATE),
        Function(
            "years_before", years_before, (2, 2), years_before.__doc__ or "", args=(_DATE, _NUMBER), returns=_DATE
        ),
        Function("add_days", add_days, (2, 2), add_days.__doc__ or "", args=(_DATE, _NUMBER), returns=_DATE),
        Function(
            "years_between", years_between, (2, 2), years_between.__doc__ or "", args=(_DATE, _DATE), returns=_NUMBER
        ),
        Function(
            "days_between", days_between, (2, 2), days_between.__doc__ or "", args=(_DATE, _DATE), returns=_NUMBER
        ),
        Function("year_start", year_start, (1, 1), year_start.__doc__ or "", args=(_DATE,), returns=_DATE),
        Function("year_end", year_end, (1, 1), year_end.__doc__ or "", args=(_DATE,), returns=_DATE),
        Function("year", year, (1, 1), year.__doc__ or "", args=(_DATE,), returns=_NUMBER),
        Function(
            "sum_of",
            sum_of,
            (2, 2),
            "the sum of a field over a list",
            args=(_LIST, _TEXT),
            returns=_NUMBER,
            empty=_NOUGHT,
        ),
        Function(
            "sum_share",
            sum_share,
            (3, 3),
            "the sum of a field times a share in percent over a list",
            args=(_LIST, _TEXT, _TEXT),
            returns=_NUMBER,
            empty=_NOUGHT,
        ),
        Function("count", count, (1, 1), count.__doc__ or "", args=(_LIST,), returns=_NUMBER, empty=0),
        Function(
            "aid_total",
            aid_total,
            (0, 2),
            "the aid granted between two dates (both included; without dates: all aid up to the application date)",
            keywords=("measure", "de_minimis"),
            needs_scope=True,
            pure=False,
            args=(_DATE, _DATE),
            returns=_NUMBER,
        ),
        Function(
            "aid_count",
            aid_count,
            (0, 2),
            "the number of grants between two dates (both included; "
            "without dates: all grants up to the application date)",
            keywords=("measure", "de_minimis"),
            needs_scope=True,
            pure=False,
            args=(_DATE, _DATE),
            returns=_NUMBER,
        ),
    )
}

KEYWORD_KINDS = {"measure": _TEXT, "de_minimis": "boolean"}

# `given(x)` is a special form handled by the compiler: true when every fact x reads is known.
SPECIAL_FORMS = {"given": "true when the profile gives the fact, for example given(project.start_date)"}
