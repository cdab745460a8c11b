"""Unit tests for engine.language.functions: date arithmetic, sums over lists and the aid history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from engine.language.functions import (
    FUNCTIONS,
    AidEntry,
    FunctionError,
    add_days,
    add_years,
    aid_count,
    aid_total,
    count,
    days_between,
    make_date,
    maximum,
    minimum,
    sum_of,
    sum_share,
    year,
    year_end,
    year_start,
    years_before,
    years_between,
)

D = dt.date


class FakeScope:
    def __init__(self, ledger):
        self.ledger = ledger


LEDGER = [
    AidEntry(D(2023, 12, 31), Decimal("100"), "kmo-portefeuille", True),
    AidEntry(D(2024, 1, 1), Decimal("1000.25"), "kmo-portefeuille", True),
    AidEntry(D(2024, 6, 15), Decimal("2500"), "ontwikkelingsproject", False),
    AidEntry(D(2024, 12, 31), Decimal("0.75"), None, True),
    AidEntry(D(2025, 1, 1), Decimal("5000"), "kmo-portefeuille", True),
]
SCOPE = FakeScope(LEDGER)


# -- dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day, years, expected",
    [
        (D(2024, 2, 29), 1, D(2023, 2, 28)),
        (D(2024, 2, 29), 3, D(2021, 2, 28)),
        (D(2024, 2, 29), 4, D(2020, 2, 29)),
        (D(2024, 3, 1), 1, D(2023, 3, 1)),
        (D(2024, 1, 31), 3, D(2021, 1, 31)),
        (D(2024, 6, 1), 0, D(2024, 6, 1)),
        (D(2023, 2, 28), -1, D(2024, 2, 28)),
        (D(2024, 5, 1), Decimal("3"), D(2021, 5, 1)),
    ],
)
def test_years_before(day, years, expected):
    assert years_before(day, years) == expected


@pytest.mark.parametrize(
    "day, years, expected",
    [
        (D(2024, 2, 29), 1, D(2025, 2, 28)),
        (D(2024, 2, 29), 4, D(2028, 2, 29)),
        (D(2024, 2, 29), -1, D(2023, 2, 28)),
        (D(2023, 2, 28), 1, D(2024, 2, 28)),
        (D(2021, 9, 13), 3, D(2024, 9, 13)),
        (D(2021, 12, 31), 10, D(2031, 12, 31)),
    ],
)
def test_add_years(day, years, expected):
    assert add_years(day, years) == expected


@pytest.mark.parametrize(
    "day, days, expected",
    [
        (D(2024, 2, 28), 1, D(2024, 2, 29)),
        (D(2023, 2, 28), 1, D(2023, 3, 1)),
        (D(2024, 12, 31), 1, D(2025, 1, 1)),
        (D(2024, 3, 1), -1, D(2024, 2, 29)),
        (D(2024, 6, 1), 14, D(2024, 6, 15)),
        (D(2024, 6, 1), 0, D(2024, 6, 1)),
    ],
)
def test_add_days(day, days, expected):
    assert add_days(day, days) == expected


def test_year_start_and_end():
    assert year_start(D(2024, 2, 29)) == D(2024, 1, 1)
    assert year_end(D(2024, 2, 29)) == D(2024, 12, 31)
    assert year_start(D(2024, 1, 1)) == D(2024, 1, 1)
    assert year_end(D(2024, 12, 31)) == D(2024, 12, 31)
    assert year(D(2024, 7, 4)) == 2024


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (D(2020, 2, 29), D(2021, 2, 27), 0),
        (D(2020, 2, 29), D(2021, 2, 28), 1),
        (D(2021, 9, 13), D(2024, 9, 12), 2),
        (D(2021, 9, 13), D(2024, 9, 13), 3),
        (D(2024, 3, 1), D(2023, 3, 2), 0),
        (D(2024, 3, 1), D(2023, 3, 1), -1),
        (D(2024, 3, 1), D(2024, 3, 1), 0),
    ],
)
def test_years_between(start, end, expected):
    assert years_between(start, end) == expected


def test_days_between():
    assert days_between(D(2024, 2, 28), D(2024, 3, 1)) == 2
    assert days_between(D(2024, 3, 1), D(2024, 2, 28)) == -2


def test_make_date():
    assert make_date("2024-02-29") == D(2024, 2, 29)
    with pytest.raises(FunctionError):
        make_date("2023-02-29")
    with pytest.raises(FunctionError):
        make_date(20240229)


@pytest.mark.parametrize(
    "call",
    [
        lambda: add_years("2024-01-01", 1),
        lambda: add_years(D(2024, 1, 1), Decimal("1.5")),
        lambda: add_years(D(2024, 1, 1), True),
        lambda: add_years(D(2024, 1, 1), 10001),
        lambda: add_years(D(9999, 1, 1), 1),
        lambda: years_before(D(1, 1, 1), 1),
        lambda: add_days(D(9999, 12, 31), 1),
        lambda: add_days(D(2024, 1, 1), "1"),
        lambda: year_start(2024),
        lambda: year_end(None),
        lambda: days_between(D(2024, 1, 1), "2024-01-02"),
    ],
)
def test_bad_arguments_raise_function_error(call):
    with pytest.raises(FunctionError):
        call()


# -- aid history --------------------------------------------------------------------------


def test_aid_total_both_ends_included():
    assert aid_total(SCOPE, D(2024, 1, 1), D(2024, 12, 31)) == Decimal("3501.00")
    assert aid_count(SCOPE, D(2024, 1, 1), D(2024, 12, 31)) == 3


def test_aid_total_single_day():
    assert aid_total(SCOPE, D(2024, 6, 15), D(2024, 6, 15)) == Decimal("2500")
    assert aid_count(SCOPE, D(2024, 6, 15), D(2024, 6, 15)) == 1


def test_aid_total_window_just_outside():
    assert aid_total(SCOPE, D(2024, 1, 2), D(2024, 6, 14)) == Decimal("0")
    assert aid_count(SCOPE, D(2024, 1, 2), D(2024, 6, 14)) == 0


def test_aid_total_reversed_window_is_empty():
    assert aid_total(SCOPE, D(2024, 12, 31), D(2024, 1, 1)) == Decimal("0")


def test_aid_total_measure_filter():
    assert aid_total(SCOPE, D(2024, 1, 1), D(2024, 12, 31), measure="kmo-portefeuille") == Decimal("1000.25")
    assert aid_count(SCOPE, D(2023, 1, 1), D(2025, 12, 31), measure="kmo-portefeuille") == 3
    assert aid_total(SCOPE, D(2023, 1, 1), D(2025, 12, 31), measure="unknown") == Decimal("0")


def test_aid_total_de_minimis_filter():
    assert aid_total(SCOPE, D(2024, 1, 1), D(2024, 12, 31), de_minimis=True) == Decimal("1001.00")
    assert aid_total(SCOPE, D(2024, 1, 1), D(2024, 12, 31), de_minimis=False) == Decimal("2500")
    assert aid_count(SCOPE, D(2023, 1, 1), D(2025, 12, 31), de_minimis=True) == 4


def test_aid_total_both_filters():
    assert aid_total(SCOPE, D(2023, 1, 1), D(2025, 12, 31), measure="kmo-portefeuille", de_minimis=True) == Decimal(
        "6100.25"
    )
    assert aid_count(SCOPE, D(2023, 1, 1), D(2025, 12, 31), measure="ontwikkelingsproject", de_minimis=True) == 0


def test_aid_total_without_dates_counts_everything():
    assert aid_total(SCOPE) == Decimal("8601.00")
    assert aid_count(SCOPE) == 5
    assert aid_total(SCOPE, D(2024, 6, 15)) == Decimal("7500.75")
    assert aid_total(SCOPE, None, D(2024, 1, 1)) == Decimal("1100.25")


def test_aid_total_empty_ledger_is_decimal_zero():
    total = aid_total(FakeScope([]), D(2024, 1, 1), D(2024, 12, 31))
    assert total == Decimal("0")
    assert type(total) is Decimal


def test_aid_total_rejects_non_dates():
    with pytest.raises(FunctionError):
        aid_total(SCOPE, "2024-01-01", D(2024, 12, 31))


# -- sums, counts, min and max --------------------------------------------------------------

LINKED = [
    {"employees": Decimal("2.5"), "turnover": 100000, "balance_sheet_total": Decimal("0.10")},
    {"employees": 3, "turnover": Decimal("0.20"), "balance_sheet_total": 5},
]


def test_sum_of():
    assert sum_of(LINKED, "employees") == Decimal("5.5")
    assert sum_of(LINKED, "turnover") == Decimal("100000.20")
    assert sum_of(LINKED, "balance_sheet_total") == Decimal("5.10")
    assert sum_of([], "employees") == Decimal("0")
    assert type(sum_of([], "employees")) is Decimal


def test_sum_share_with_decimal_values():
    partners = [
        {"share": Decimal("25"), "employees": Decimal("10"), "turnover": Decimal("1000000")},
        {"share": Decimal("33.5"), "employees": Decimal("7"), "turnover": Decimal("0.01")},
    ]
    assert sum_share(partners, "employees", "share") == Decimal("4.8450")
    assert sum_share(partners, "turnover", "share") == Decimal("250000.003350")
    assert sum_share([], "employees", "share") == Decimal("0")


def test_sum_share_with_whole_numbers():
    # regression: int / 100 used to give a float that Decimal could not add
    partners = [{"share": 25, "employees": 10, "turnover": 1000000}, {"share": 30, "employees": 7, "turnover": 3}]
    assert sum_share(partners, "employees", "share") == Decimal("4.6")
    assert sum_share(partners, "turnover", "share") == Decimal("250000.9")
    assert type(sum_share(partners, "employees", "share")) is Decimal


@pytest.mark.parametrize(
    "call",
    [
        lambda: sum_of([{"employees": 1}], "employes"),
        lambda: sum_of([1, 2], "employees"),
        lambda: sum_share([{"employees": 1}], "employees", "share"),
    ],
)
def test_sum_of_bad_field_raises_function_error(call):
    with pytest.raises(FunctionError):
        call()


def test_sum_of_rejects_non_numbers():
    with pytest.raises(FunctionError):
        sum_of([{"employees": "many"}], "employees")
    with pytest.raises(FunctionError):
        sum_of("not a list", "employees")


def test_count_min_max():
    assert count(LINKED) == 2
    assert count([]) == 0
    assert minimum(3, Decimal("2.5"), 7) == Decimal("2.5")
    assert maximum(3, Decimal("2.5"), 7) == 7
    with pytest.raises(FunctionError):
        minimum(1, "2")
    with pytest.raises(FunctionError):
        maximum(True, 2)


def test_function_table():
    assert FUNCTIONS["aid_total"].needs_scope is True
    assert FUNCTIONS["aid_total"].pure is False
    assert FUNCTIONS["aid_total"].keywords == ("measure", "de_minimis")
    assert FUNCTIONS["years_before"].arity == (2, 2)
    assert all(f.doc for f in FUNCTIONS.values())
    assert all(name == f.name for name, f in FUNCTIONS.items())


# -- the quick paths of the usual arguments give what the checked paths give ------------------------------------


class _Charged:
    def __init__(self):
        self.scans = []

    def scan(self, length):
        self.scans.append(length)


class _BudgetScope:
    def __init__(self, ledger, trace=None):
        self.ledger = ledger
        self.budget = _Charged()
        self.trace = trace


def test_aid_total_scan_charges_its_length_once_and_sums_in_order():
    scope = _BudgetScope(LEDGER)
    total = aid_total(scope, D(2024, 1, 1), D(2024, 12, 31))
    assert str(total) == "3501.00"
    assert scope.budget.scans == [5]
    assert str(aid_total(scope, None, None, "kmo-portefeuille", True)) == "6100.25"
    assert scope.budget.scans == [5, 5]
    empty = _BudgetScope([])
    assert str(aid_total(empty, D(2024, 1, 1), D(2024, 12, 31))) == "0"
    assert empty.budget.scans == []


def test_aid_total_with_a_trace_lists_what_it_read():
    scope = _BudgetScope(LEDGER, trace=[])
    assert str(aid_total(scope, D(2024, 1, 1), D(2024, 12, 31), de_minimis=True)) == "1001.00"
    assert scope.budget.scans == [5]
    [read] = scope.trace
    assert (read.function, read.start, read.end, read.de_minimis) == (
        "aid history",
        D(2024, 1, 1),
        D(2024, 12, 31),
        True,
    )
    assert read.entries == (LEDGER[1], LEDGER[3])


def test_aid_total_checks_the_first_date_before_the_second():
    with pytest.raises(FunctionError, match=r"^the first date must be a date, found 1$"):
        aid_total(SCOPE, 1, "2024-01-01")
    with pytest.raises(FunctionError, match=r"^the last date must be a date, found '2024-01-01'$"):
        aid_total(SCOPE, D(2024, 1, 1), "2024-01-01")


def test_dates_made_once_are_the_dates_asked_for():
    assert year_start(D(2024, 7, 9)) == D(2024, 1, 1)
    assert year_start(D(2024, 12, 31)) is year_start(D(2024, 2, 1))
    assert [add_days(D(2024, 2, 28), n) for n in (1, 1, -1, 0, 366)] == [
        D(2024, 2, 29),
        D(2024, 2, 29),
        D(2024, 2, 27),
        D(2024, 2, 28),
        D(2025, 2, 28),
    ]
    with pytest.raises(FunctionError, match=r"^the number of days must be a whole number up to 10000, found 10001$"):
        add_days(D(2024, 1, 1), 10001)
    with pytest.raises(FunctionError, match=r"^the date is out of range$"):
        add_days(D(9999, 12, 31), 1)
    assert years_before(D(2024, 3, 1), 2023) == D(1, 3, 1)
    with pytest.raises(FunctionError, match=r"^year 0 is out of range$"):
        years_before(D(2024, 3, 1), 2024)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: sum_of([{"employees": 1}, 2], "employees"), "expected a list of entries, found [{'employees': 1}, 2]"),
        (
            lambda: sum_of([{"employees": 1}, {"employees": True}], "employees"),
            "employees must be a number, found True",
        ),
        (lambda: sum_of([{"employees": 1}], ["employees"]), "the entries have no field ['employees']"),
        (
            lambda: sum_share([{"employees": 1, "share": 2}, {"employees": 1}], "employees", "share"),
            "the entries have no field 'share'",
        ),
        (
            lambda: sum_share([{"employees": 1, "share": 2.5}], "employees", "share"),
            "share must be a number, found 2.5",
        ),
        (
            lambda: sum_share([{"employees": 1, "share": 2}], "employees", {"share"}),
            "the entries have no field {'share'}",
        ),
    ],
)
def test_sums_of_irregular_entries_say_what_the_checks_say(call, message):
    with pytest.raises(FunctionError) as caught:
        call()
    assert str(caught.value) == message


def test_sum_share_writes_its_total_as_the_checked_sum_does():
    partners = [{"share": Decimal("25.0"), "turnover": 3}, {"share": 30, "turnover": Decimal("0.10")}]
    assert str(sum_share(partners, "turnover", "share")) == "0.78"
    assert str(sum_of([{"x": 1}, {"x": Decimal("2.50")}], "x")) == "3.50"
