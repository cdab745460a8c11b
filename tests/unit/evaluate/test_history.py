"""The aid history read by bisection gives exactly what scanning the grants gives: value, digits, count."""

from __future__ import annotations

import datetime as _dt
import random
from decimal import Decimal
from types import SimpleNamespace

import pytest

from engine.evaluate.history import History
from engine.language.functions import AidEntry, aid_count, aid_total

AMOUNTS = ["100", "100.00", "2.5", "0.001", "1E+3", "0", "0.00", "12345678901.23", "7"]


def _entry(rng: random.Random, day: _dt.date) -> AidEntry:
    return AidEntry(day, Decimal(rng.choice(AMOUNTS)), rng.choice([None, "a", "b"]), rng.choice([True, False]))


@pytest.mark.parametrize("seed", range(20))
def test_every_read_equals_the_scan(seed):
    rng = random.Random(seed)
    start = _dt.date(2020, 1, 1)
    received = [_entry(rng, start + _dt.timedelta(days=rng.randrange(0, 2000))) for _ in range(rng.randrange(0, 60))]
    history = History(received)
    granted: list[AidEntry] = []
    day = start
    for _ in range(8):
        day += _dt.timedelta(days=rng.randrange(0, 300))
        view = history.upto(day)
        plain = SimpleNamespace(ledger=[e for e in received + granted if e.date <= day], trace=None)
        fast = SimpleNamespace(ledger=view, trace=None)
        assert list(view) == plain.ledger
        for _ in range(30):
            first = rng.choice([None, start + _dt.timedelta(days=rng.randrange(-10, 2500))])
            last = rng.choice([None, start + _dt.timedelta(days=rng.randrange(-10, 2500))])
            measure = rng.choice([None, "a", "b", "c"])
            de_minimis = rng.choice([None, True, False])
            expected = aid_total(plain, first, last, measure=measure, de_minimis=de_minimis)
            found = aid_total(fast, first, last, measure=measure, de_minimis=de_minimis)
            assert (str(found), found) == (str(expected), expected)
            assert aid_count(fast, first, last, measure=measure, de_minimis=de_minimis) == aid_count(
                plain, first, last, measure=measure, de_minimis=de_minimis
            )
        grant = AidEntry(day, Decimal(rng.choice(["10.00", "3", "0.50"])), rng.choice(["a", "b"]), True, "project p")
        history.grant(grant)
        granted.append(grant)


def test_a_read_of_nothing_is_a_plain_zero_and_a_read_of_two_cents_keeps_them():
    day = _dt.date(2024, 1, 1)
    history = History([AidEntry(day, Decimal("1.005"), "a", True), AidEntry(day, Decimal("2.50"), "b", True)])
    scope = SimpleNamespace(ledger=history.upto(day), trace=None)
    assert str(aid_total(scope, measure="c")) == "0"
    assert str(aid_total(scope, measure="b")) == "2.50"
    assert str(aid_total(scope)) == "3.505"
    assert str(aid_total(scope, day, day, measure="a")) == "1.005"
    assert str(aid_total(scope, _dt.date(2024, 1, 2))) == "0"


def test_finer_amounts_than_running_sums_keep_exact_are_scanned():
    day = _dt.date(2024, 1, 1)
    history = History([AidEntry(day, Decimal("0.12345678901234567890123"), "a", True)] * 3)
    assert history.exact is False
    scope = SimpleNamespace(ledger=history.upto(day), trace=None)
    assert aid_total(scope) == Decimal("0.12345678901234567890123") * 3
    assert aid_count(scope) == 3


def test_a_traced_read_lists_the_grants_it_counted():
    day = _dt.date(2024, 1, 1)
    entries = [AidEntry(day, Decimal("5"), "a", True), AidEntry(day, Decimal("7"), "b", False)]
    scope = SimpleNamespace(ledger=History(entries).upto(day), trace=[])
    assert aid_total(scope, measure="b") == Decimal(7)
    assert [read.entries for read in scope.trace] == [(entries[1],)]


def test_running_sums_are_used_up_to_six_decimals():
    day = _dt.date(2024, 1, 1)
    assert History([AidEntry(day, Decimal("1000000000000.123456"), "a", True)]).exact is True
    assert History([AidEntry(day, Decimal("0.1234567"), "a", True)]).exact is False
    history = History([AidEntry(day, Decimal("1"), "a", True)])
    history.grant(AidEntry(day, Decimal("0.0000001"), "a", True, "project p"))
    assert history.exact is False
