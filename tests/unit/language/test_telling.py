"""The telling values of a profile field (engine/language/telling.py), on the shipped rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from engine import load_rules
from engine.ask.profile_fields import fields
from engine.language.telling import telling_values

from ...conftest import RULES

RULESET = load_rules(RULES)
DAY = dt.date(2026, 3, 1)


def _values(path: str) -> list[object]:
    return telling_values(RULESET, path, fields()[path], [DAY])


def test_a_headcount_gets_each_size_threshold_and_the_value_just_below():
    assert _values("company.employees") == [
        0,
        Decimal("9.99"),
        10,
        Decimal("49.99"),
        50,
        Decimal("249.99"),
        250,
        10000000,
    ]


def test_a_turnover_gets_each_ceiling_and_the_cent_above_and_two_large_values():
    assert _values("company.turnover") == [
        0,
        2000000,
        Decimal("2000000.01"),
        10000000,
        Decimal("10000000.01"),
        50000000,
        Decimal("50000000.01"),
        1000000000,
        100000000000,
        1000000000000,
    ]


def test_an_integer_moves_by_one():
    assert _values("projects[].consortium.independent_companies") == [0, 2, 3, 1000]


def test_enumeration_values_no_rule_tells_apart_count_once():
    assert _values("company.legal_form") == ["nv", "vzw", "sole_trader", "maatschap", "public_body", "foreign_company"]
    assert _values("projects[].package") == ["start"]  # no rule reads the package
    assert _values("company.region") == ["flanders", "brussels"]


def test_a_date_is_moved_back_by_the_years_the_rules_compare_with():
    found = _values("company.founded")
    for back in (dt.date(2024, 3, 1), dt.date(2023, 3, 1)):  # two years (2022 call), three (2021 call)
        assert {back - dt.timedelta(days=1), back, back + dt.timedelta(days=1)} <= set(found)


def test_booleans_and_free_text():
    assert _values("projects[].provider_registered") == [False, True]
    assert _values("company.name") == []
