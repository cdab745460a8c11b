"""When to apply: the first later date on which the same project would get more from a measure (issue 15).

:func:`add_tips` gives each result that is eligible or not eligible (an undetermined or info
result has no amount to beat) at most one :class:`~engine.evaluate.results.Tip`: the first date
within :data:`HORIZON_MONTHS` after the application date on which the same project, applied then,
would get a higher amount from the same measure, and that amount. The dates tried come from the
rule model, never from Python that knows a measure (:func:`measure_dates`):

- the measure's ``valid_from``, the starts of its versions, and the days on which any parameter
  it reads (its own or a shared one, directly or through facts) takes a new value;
- the opening days of its call windows;
- for a measure that reads the aid history (``aid_total``, ``aid_count``: yearly caps, the de
  minimis ceiling, one trajectory per four years): 1 January of every later year (windows of
  calendar years), and each anniversary of every earlier grant and the day after (the days it
  leaves a window of whole years).

The project is re-dated (:func:`redated`): its application date becomes the date tried and its
other dates (the start date) move with it. Everything else stays as evaluated: the company, the
aid received, and the recommended amounts of the other projects, each counted when it comes
before the new date in the evaluator's order (date, then place in the file); the project's own
grant is left out. The work is bounded: at most :data:`MAX_DATES` dates per project, earliest
first, and the tips of a profile share one budget of ``PROFILE_STEPS`` (:mod:`.budget`); when it
runs out, the results not settled yet get no tip (the evaluation itself is unaffected).

Tips are for people: ``evaluate`` (text, Markdown, JSON), ``serve`` and ``ask`` ask for them;
``batch``, ``diff``, ``test`` and the benchmarks do not, so they cost those nothing.
"""

from __future__ import annotations

import ast
import calendar
import datetime as _dt
from collections.abc import Iterable
from typing import Any

from ..language.functions import AidEntry, add_years
from ..model import Measure
from ..text.formatting import money
from ..text.messages import say
from ..text.placeholders import written
from .budget import AID_FUNCTIONS, PROFILE_STEPS, Budget, WorkLimit
from .evaluator import Evaluator, aid_entries
from .results import MeasureResult, ProfileResult, Tip
from .scope import Scope

HORIZON_MONTHS = 18
"""How far ahead a tip may look: dates up to this many months after the application date."""

MAX_DATES = 24
"""The most dates tried for one project (the earliest ones)."""

TIPPED = ("eligible", "not_eligible")
"""The statuses that have an amount to beat (0 when not eligible)."""

_READS_AID: dict[int, tuple[Measure, bool]] = {}


def add_tips(evaluator: Evaluator, profile: dict[str, Any], outcome: ProfileResult, lang: str) -> None:
    """Add to each result of ``outcome`` (the evaluation of ``profile`` by ``evaluator``) its tip, if any."""
    budget = Budget(PROFILE_STEPS, lang)
    received = aid_entries(profile)
    by_project: dict[int, list[MeasureResult]] = {}
    for result in outcome.results:
        by_project.setdefault(result.project_index, []).append(result)
    try:
        for index, results in by_project.items():
            waiting = {r.measure.id: r for r in results if r.status in TIPPED and r.amount is not None}
            if waiting:
                _project_tips(evaluator, profile, received, outcome, index, waiting, budget, lang)
    except WorkLimit:
        return  # the budget of the tips is spent: the results not settled yet get none


def _project_tips(
    evaluator: Evaluator,
    profile: dict[str, Any],
    received: list[AidEntry],
    outcome: ProfileResult,
    index: int,
    waiting: dict[str, MeasureResult],
    budget: Budget,
    lang: str,
) -> None:
    day = next(iter(waiting.values())).application_date
    project = profile["projects"][index]
    for date in project_dates(evaluator, received, outcome, index):
        try:
            moved = redated(project, day, date)
        except OverflowError:
            continue
        scope = Scope(evaluator.rules, profile["company"], moved, index, date, ledger(received, outcome, index, date))
        scope.budget = budget
        for later in evaluator.project_results(scope, lang, explain=False):
            now = waiting.get(later.measure.id)
            if now is None or later.status != "eligible" or later.amount is None or now.amount is None:
                continue
            if later.amount > now.amount:
                text = say(
                    "results.tip",
                    lang,
                    date=written(date, None, lang),
                    amount=money(later.amount, lang),
                    now=money(now.amount, lang),
                )
                now.tips.append(Tip(date, later.amount, text))
                del waiting[later.measure.id]
        if not waiting:
            return


def project_dates(evaluator: Evaluator, received: list[AidEntry], outcome: ProfileResult, index: int) -> list[_dt.date]:
    """The dates tried for project ``index``, earliest first: those of each measure of its results that has an
    amount to beat (:func:`measure_dates`), at most :data:`MAX_DATES`. ``received``: the profile's aid received
    (:func:`~engine.evaluate.evaluator.aid_entries`)."""
    results = [r for r in outcome.results if r.project_index == index and r.status in TIPPED]
    if not results:
        return []
    day = results[0].application_date
    history = ledger(received, outcome, index, day)
    found: set[_dt.date] = set()
    for result in results:
        found.update(measure_dates(evaluator, result.measure, day, history))
    return sorted(found)[:MAX_DATES]


def measure_dates(evaluator: Evaluator, measure: Measure, day: _dt.date, history: Iterable[AidEntry]) -> set[_dt.date]:
    """The days after ``day``, up to :data:`HORIZON_MONTHS` later, on which the rules of ``measure`` change for a
    project applied on ``day`` with the aid ``history`` before it (the module's docstring lists them)."""
    end = months_later(day, HORIZON_MONTHS)
    rules = evaluator.rules
    days = {measure.valid_from} | {version.start for version in measure.versions}
    read = evaluator.parameters_read(measure)
    for group in (rules.parameters, measure.parameters):
        days.update(entry.start for name, parameter in group.items() if name in read for entry in parameter.timeline)
    if measure.calls is not None:
        days.update(window.open for window in measure.calls.windows)
    if _reads_aid(evaluator, measure):
        days.update(_dt.date(year, 1, 1) for year in range(day.year + 1, end.year + 1))
        for entry in history:
            for years in range(max(1, day.year - entry.date.year), end.year - entry.date.year + 1):
                anniversary = add_years(entry.date, years)
                days.add(anniversary)
                if anniversary < end:
                    days.add(anniversary + _dt.timedelta(days=1))
    return {d for d in days if day < d <= end}


def ledger(received: list[AidEntry], outcome: ProfileResult, index: int, date: _dt.date) -> list[AidEntry]:
    """The aid history project ``index`` sees when applied on ``date``: the aid ``received`` up to that date and
    the recommended amounts of the other projects that come before it (date, then place in the file)."""
    found = [entry for entry in received if entry.date <= date]
    for result in outcome.results:
        if (
            result.recommended
            and result.amount is not None
            and result.project_index != index
            and (result.application_date, result.project_index) < (date, index)
        ):
            found.append(
                AidEntry(
                    result.application_date,
                    result.amount,
                    result.measure.id,
                    result.measure.de_minimis,
                    f"project {result.project}",
                )
            )
    return found


def redated(project: dict[str, Any], day: _dt.date, date: _dt.date) -> dict[str, Any]:
    """The project applied on ``date`` instead of ``day``: every date of it moves by the same number of days.

    Raises:
        OverflowError: when a moved date would fall beyond the calendar (year 9999).
    """
    shift = date - day
    moved = {key: value + shift if isinstance(value, _dt.date) else value for key, value in project.items()}
    moved["application_date"] = date
    return moved


def months_later(day: _dt.date, months: int) -> _dt.date:
    """The same day ``months`` later (the month's last day when it is shorter); the calendar's last day at most."""
    month = day.month - 1 + months
    year = day.year + month // 12
    if year > _dt.date.max.year:
        return _dt.date.max
    month = month % 12 + 1
    return _dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _reads_aid(evaluator: Evaluator, measure: Measure) -> bool:
    """Whether the measure's expressions, or the facts they reach, call an aid function."""
    found = _READS_AID.get(id(measure))
    if found is not None and found[0] is measure:
        return found[1]
    facts = evaluator.rules.facts
    expressions = measure.expressions()
    seen: set[str] = set()
    reads = False
    while expressions and not reads:
        expression = expressions.pop()
        if expression.tree is not None:
            reads = any(
                isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in AID_FUNCTIONS
                for node in ast.walk(expression.tree)
            )
        for fact in expression.facts - seen:
            seen.add(fact)
            expressions.append(facts[fact].expression)
    if len(_READS_AID) > 4096:
        _READS_AID.clear()
    _READS_AID[id(measure)] = (measure, reads)
    return reads
