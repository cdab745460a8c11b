"""Property-based tests of the tips (when to apply) on generated profiles.

For every result, on every date the tips try for its project (``project_dates``), the project is
evaluated again on its own: a one-project profile with the same company, the project re-dated, and
as aid received the profile's aid plus the recommended amounts of the other projects that come
before it. That evaluation is written here, apart from the module's own re-evaluation. Then a
tip's amount is what the project gets on the tip's date, more than now; no earlier date tried pays
more; and a result without a tip gets more on none of the dates tried.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from engine import Evaluator, parse_profile
from engine.evaluate.evaluator import aid_entries
from engine.evaluate.results import MeasureResult, ProfileResult
from engine.evaluate.tips import TIPPED, add_tips, project_dates, redated

from .conftest import budget
from .strategies import ProfileStrategies, Seeds, seeded_profiles, shipped, shipped_profiles, to_json

WHOLE = 6
"""Up to this many projects the tips' budget is never spent, so every result had every date tried."""

_evaluator: list[Evaluator] = []


def _warm() -> Evaluator:
    if not _evaluator:
        _evaluator.append(Evaluator(shipped()[0]))
    return _evaluator[0]


def _alone(
    evaluator: Evaluator, data: dict[str, Any], outcome: ProfileResult, index: int, day: dt.date, date: dt.date
) -> dict[str, MeasureResult]:
    """Project ``index`` applied on ``date`` instead of ``day``, evaluated as a profile of its own."""
    aid = [dict(entry) for entry in data.get("aid_received", [])]
    for other in outcome.results:
        if (
            other.recommended
            and other.project_index != index
            and (other.application_date, other.project_index) < (date, index)
        ):
            aid.append(
                {
                    "date": other.application_date,
                    "amount": other.amount,
                    "measure": other.measure.id,
                    "de_minimis": other.measure.de_minimis,
                }
            )
    alone = {"company": data["company"], "aid_received": aid, "projects": [redated(data["projects"][index], day, date)]}
    return {r.measure.id: r for r in evaluator.evaluate(alone, date, "en", explain=False).results}


@cache
def _tipped_seeds() -> list[tuple[dict[str, Any], dt.date]]:
    """The seed profiles (rule cases and examples) with a tip: moved a little, they are near the dates that
    pay more, where random profiles rarely go."""
    found = Seeds()
    for seed, as_of in shipped()[2]:
        data, _ = parse_profile(to_json(seed), "seed.json")
        outcome = _warm().evaluate(data, as_of, "en")
        add_tips(_warm(), data, outcome, "en")
        if any(r.tips for r in outcome.results):
            found.append((seed, as_of))
    return found


def near_tips() -> st.SearchStrategy[tuple[dict[str, Any], dt.date]]:
    return st.deferred(lambda: seeded_profiles(ProfileStrategies(shipped()[1]), _tipped_seeds()))


def test_enough_seeds_have_a_tip():
    assert len(_tipped_seeds()) >= 10


@budget(0.3)
@given(shipped_profiles())
def test_a_tip_is_the_first_date_tried_that_pays_more(drawn):
    check(*drawn)


@budget(0.5)
@given(near_tips())
def test_near_a_tip_it_is_the_first_date_tried_that_pays_more(drawn):
    check(*drawn)


def check(profile: dict[str, Any], as_of: dt.date) -> None:
    """The properties of the module's docstring for one profile."""
    data, diagnostics = parse_profile(to_json(profile), "generated.json")
    assert diagnostics == [], [str(d) for d in diagnostics]
    evaluator = _warm()
    outcome = evaluator.evaluate(data, as_of, "en")
    add_tips(evaluator, data, outcome, "en")
    received = aid_entries(data)
    whole = len(data["projects"]) <= WHOLE
    for index in sorted({r.project_index for r in outcome.results}):
        results = [r for r in outcome.results if r.project_index == index]
        dates = project_dates(evaluator, received, outcome, index)
        for result in results:
            assert len(result.tips) <= 1
            if result.status not in TIPPED:
                assert result.tips == []
            for tip in result.tips:
                assert tip.date in dates and tip.amount > (result.amount or Decimal(0))
        day = results[0].application_date
        for date in dates:
            assert day < date
            later = _alone(evaluator, data, outcome, index, day, date)
            for result in results:
                if result.status not in TIPPED or result.amount is None:
                    continue
                again = later.get(result.measure.id)
                pays_more = (
                    again is not None
                    and again.status == "eligible"
                    and again.amount is not None
                    and again.amount > result.amount
                )
                tip = result.tips[0] if result.tips else None
                if tip is None:
                    assert not (whole and pays_more), (result.project, result.measure.id, date, again)
                elif date < tip.date:
                    assert not pays_more, (result.project, result.measure.id, date, tip)
                elif date == tip.date:
                    assert again is not None and pays_more and again.amount == tip.amount, (date, again, tip)
