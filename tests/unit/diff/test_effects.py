"""The effect dates of a rule change, from the two rule models (engine/diff/effects.py)."""

from __future__ import annotations

import datetime as dt
import shutil
import time

import pytest

from engine.diff.effects import all_effect_dates, effect_dates
from engine.load.ruleset import check_rules

from ...conftest import RULES

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def base():
    rules, _ = check_rules(RULES)
    assert rules is not None
    return rules


@pytest.fixture
def edited(tmp_path):
    """The shipped rules with text replaced in one file (each replacement must be found once)."""

    def edit(file: str, *replacements: tuple[str, str]):
        target = tmp_path / "rules"
        shutil.copytree(RULES, target)
        path = target / file
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            assert text.count(old) == 1, old
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
        rules, diagnostics = check_rules(target)
        assert rules is not None, diagnostics
        return rules

    return edit


def test_the_same_rules_take_effect_on_no_day(base):
    assert all_effect_dates(base, base) == []


def test_a_new_dated_value_takes_effect_on_its_from(base, edited):
    current = edited(
        "kmo-portefeuille.yaml",
        (
            "  raised_themes:\n",
            "      - from: 2027-01-01\n"
            "        value:\n"
            "          standard: {micro: 30, small: 30, medium: 20}\n"
            "          raised: {micro: 50, small: 50, medium: 40}\n"
            "        source: https://www.vlaio.be/nl/subsidies-financiering/kmo-portefeuille\n"
            "  raised_themes:\n",
        ),
    )
    assert all_effect_dates(base, current) == [D("2027-01-01")]
    assert all_effect_dates(current, base) == [D("2027-01-01")]  # taking it out again


def test_a_longer_call_window_takes_effect_where_the_old_one_closed_and_where_it_closes(base, edited):
    current = edited("cs-icon.yaml", ("      close: 2024-01-31\n", "      close: 2024-06-30\n"))
    assert all_effect_dates(base, current) == [D("2024-02-01"), D("2024-07-01")]


def test_a_changed_version_takes_effect_from_its_start_to_the_next_one(base, edited):
    current = edited("cybersecurity-verbetertraject.yaml", ("      min_cost: 9200\n", "      min_cost: 9000\n"))
    assert all_effect_dates(base, current) == [D("2023-03-01"), D("2024-10-18")]


def test_a_new_measure_takes_effect_on_its_valid_from(base, edited):
    current = edited("digital-europe.yaml", ("valid_from: 2021-01-01\n", "valid_from: 2027-01-01\n"))
    assert all_effect_dates(base, current) == [D("2021-01-01"), D("2027-01-01")]


def test_a_change_without_a_date_takes_effect_on_no_day(base, edited):
    current = edited("kmo-portefeuille.yaml", ("The provider is registered for the kmo-portefeuille.", "Registered."))
    assert current.digest != base.digest
    assert all_effect_dates(base, current) == []


def test_at_most_the_limit_the_ones_from_as_of_first(base, edited):
    current = edited("cs-icon.yaml", ("      close: 2024-01-31\n", "      close: 2024-06-30\n"))
    found = effect_dates(base, current, D("2024-03-01"), limit=1)
    assert (found.dates, found.left_out) == ((D("2024-07-01"),), (D("2024-02-01"),))
    found = effect_dates(base, current, D("2025-01-01"), limit=1)
    assert (found.dates, found.left_out) == ((D("2024-07-01"),), (D("2024-02-01"),))  # else the latest before
    found = effect_dates(base, current, D("2020-01-01"), limit=1)
    assert (found.dates, found.left_out) == ((D("2024-02-01"),), (D("2024-07-01"),))


def _with(measure, **changes):
    """A copy of a measure record with some fields replaced."""
    fields = {name: getattr(measure, name) for name in type(measure).__match_args__}
    return type(measure)(**{**fields, **changes})


def test_thousands_of_windows_and_versions_take_linear_work(base):
    """Each part is compared on its own dates, with versions and windows found by bisection and one sweep:
    5,000 one-day call windows and 5,000 versions (what a rule file within the size limits could hold)."""
    from engine.model import CallWindow, RuleSet, Version

    icon = base.measures["cs-icon"]
    first = D("2030-01-01")
    days = [first + dt.timedelta(days=i) for i in range(5000)]
    windows = icon.calls.windows + tuple(CallWindow(f"w{i}", day, day, "https://x.be") for i, day in enumerate(days))
    calls = _with(icon.calls, windows=windows)
    versions = icon.versions + tuple(Version(f"v{i}", day, "https://x.be", None, None) for i, day in enumerate(days))
    fields = {name: getattr(base, name) for name in RuleSet.__match_args__}
    current = RuleSet(
        **{**fields, "measures": {**base.measures, "cs-icon": _with(icon, calls=calls, versions=versions)}}
    )
    started = time.process_time()
    found = all_effect_dates(base, current)
    assert time.process_time() - started < 1.0  # CPU time; about 0.04 s when measured
    # every one-day window opens a day after the one before (a new name), and the day after the last one
    # none is open; the new versions all decide the same (none sets anything), so they add only the first day
    assert found == [*days, days[-1] + dt.timedelta(days=1)]
