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

A profile's :class:`Ledgers` are made once: the recommended amounts in the evaluator's order, and,
for a long history, one :class:`~engine.evaluate.history.History` whose views each re-dated project
reads by bisection (charged to the budget as the scans of lists they replace, so the same results
get tips). That history is the evaluator's own (``ProfileResult.history``), its running sums built
already, with the last project's recommended amount added, unless the outcome was settled since into
other recommendations (then one is built as before). The anniversaries come from the earliest grant
of each month and day, not from every grant, so the work per project does not grow with the history.

Tips are for people: ``evaluate`` (text, Markdown, JSON), ``serve`` and ``ask`` ask for them;
``batch``, ``diff``, ``test`` and the benchmarks do not, so they cost those nothing.
"""

from __future__ import annotations

import ast
import bisect
import datetime as _dt
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ..language.functions import AidEntry, add_years
from ..model import Measure
from ..text.formatting import money
from ..text.messages import say
from ..text.placeholders import written
from .budget import AID_FUNCTIONS, PROFILE_STEPS, Budget, WorkLimit
from .evaluator import BISECT_FROM, Evaluator, aid_entries
from .history import History, HistoryView
from .results import MeasureResult, ProfileResult, Tip, as_grant
from .scope import Scope

HORIZON_MONTHS = 18
"""How far ahead a tip may look: dates up to this many months after the application date."""

MAX_DATES = 24
"""The most dates tried for one project (the earliest ones)."""

TIPPED = ("eligible", "not_eligible")
"""The statuses that have an amount to beat (0 when not eligible)."""

_READS_AID: dict[int, tuple[Measure, bool]] = {}


def add_tips(evaluator: Evaluator, profile: dict[str, Any], outcome: ProfileResult, lang: str) -> None:
    """Add to each result of ``outcome`` (the evaluation of ``profile`` by ``evaluator``) its tip, if any.

    The company summary is worked out first, if it was not yet (:meth:`.Evaluator.evaluate` leaves it until it is
    read): a person reads it, and its errors surface here, where the evaluation's would."""
    outcome.size  # noqa: B018 - the summary first: its errors come before any of the tips
    budget = Budget(PROFILE_STEPS, lang)
    history = outcome.history  # the evaluator's, when it read a long history by bisection: its entries are these
    ledgers = Ledgers(history.received if history is not None else aid_entries(profile), outcome)
    by_project: dict[int, list[MeasureResult]] = {}
    for result in outcome.results:
        by_project.setdefault(result.project_index, []).append(result)
    try:
        for index, results in by_project.items():
            waiting = {r.measure.id: r for r in results if r.status in TIPPED and r.amount is not None}
            if waiting:
                _project_tips(evaluator, profile, ledgers, index, results, waiting, budget, lang)
    except WorkLimit:
        return  # the budget of the tips is spent: the results not settled yet get none


class Ledgers:
    """The aid histories of a profile's projects re-dated: the aid received and the other projects'
    recommended amounts, made once per profile (see the module)."""

    def __init__(self, received: list[AidEntry], outcome: ProfileResult):
        self.received = received
        self.outcome = outcome
        grants = sorted(
            (r for r in outcome.results if r.recommended and r.amount is not None),
            key=lambda r: (r.application_date, r.project_index),
        )
        self.keys = [(r.application_date, r.project_index) for r in grants]
        self.own = {r.project_index: ordinal for ordinal, r in enumerate(grants)}
        self.history: History | None = None
        if len(received) + len(grants) > BISECT_FROM:  # as the evaluator: a short history is scanned as a list
            self.history = _reused(outcome.history, received, grants) or History(received)
            for result in grants[len(self.history.granted) :]:
                self.history.grant(as_grant(result))
        self._received_first: dict[tuple[int, int], _dt.date] = {}  # month and day -> the earliest grant on it
        for entry in received:
            md = (entry.date.month, entry.date.day)
            if md not in self._received_first or entry.date < self._received_first[md]:
                self._received_first[md] = entry.date
        self._granted_first: dict[tuple[int, int], tuple[_dt.date, int]] = {}
        for key in self.keys:
            self._granted_first.setdefault((key[0].month, key[0].day), key)

    def at(self, index: int, date: _dt.date, budget: Budget | None = None) -> list[AidEntry] | HistoryView:
        """The aid history project ``index`` sees when applied on ``date`` (:func:`ledger`); a long one as a view
        read by bisection, each read charged to ``budget`` as the scan of a list would be."""
        if self.history is None:
            return ledger(self.received, self.outcome, index, date)
        granted = bisect.bisect_left(self.keys, (date, index))
        return HistoryView(self.history, date, granted, self.own.get(index), budget)

    def earliest(self, index: int, day: _dt.date) -> list[_dt.date]:
        """For each month and day on which a grant project ``index`` sees on ``day`` falls, the earliest such
        grant's date: the grants on one month and day have the anniversaries of the earliest one, or fewer."""
        found = {md: date for md, date in self._received_first.items() if date <= day}
        for md, key in self._granted_first.items():
            if key < (day, index) and (md not in found or key[0] < found[md]):
                found[md] = key[0]
        return list(found.values())


def _reused(history: History | None, received: list[AidEntry], grants: list[MeasureResult]) -> History | None:
    """The evaluator's ``history`` when it holds the aid ``received`` and, in order, the first of ``grants`` (all but
    the last project's, as the evaluator left it): its running sums are those :class:`Ledgers` would build.
    None when it holds anything else (an outcome settled since, :mod:`.completion`, may recommend otherwise)."""
    if history is None or history.received is not received or len(history.granted) > len(grants):
        return None
    for entry, result in zip(history.granted, grants):
        if entry.amount is not result.amount or entry != as_grant(result):
            return None
    return history


def _project_tips(
    evaluator: Evaluator,
    profile: dict[str, Any],
    ledgers: Ledgers,
    index: int,
    results: list[MeasureResult],
    waiting: dict[str, MeasureResult],
    budget: Budget,
    lang: str,
) -> None:
    day = next(iter(waiting.values())).application_date
    project = profile["projects"][index]
    for date in _dates(evaluator, ledgers, results, index):
        try:
            moved = redated(project, day, date)
        except OverflowError:
            continue
        scope = Scope(evaluator.rules, profile["company"], moved, index, date, ledgers.at(index, date, budget))
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
    results = [r for r in outcome.results if r.project_index == index]
    return _dates(evaluator, Ledgers(received, outcome), results, index)


def _dates(evaluator: Evaluator, ledgers: Ledgers, results: list[MeasureResult], index: int) -> list[_dt.date]:
    """:func:`project_dates` of project ``index``, whose results are ``results``."""
    results = [r for r in results if r.status in TIPPED]
    if not results:
        return []
    day = results[0].application_date
    history = ledgers.earliest(index, day)
    found: set[_dt.date] = set()
    for result in results:
        found.update(measure_dates(evaluator, result.measure, day, history))
    return sorted(found)[:MAX_DATES]


def measure_dates(
    evaluator: Evaluator, measure: Measure, day: _dt.date, history: Iterable[AidEntry | _dt.date]
) -> set[_dt.date]:
    """The days after ``day``, up to :data:`HORIZON_MONTHS` later, on which the rules of ``measure`` change for a
    project applied on ``day`` with the aid ``history`` before it, its grants or only their dates (the module's
    docstring lists them; :meth:`Ledgers.earliest` gives the dates that make the same days)."""
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
            days.update(_anniversaries(entry if isinstance(entry, _dt.date) else entry.date, day.year, end))
    return {d for d in days if day < d <= end}


@lru_cache(maxsize=4096)
def _anniversaries(date: _dt.date, year: int, end: _dt.date) -> tuple[_dt.date, ...]:
    """The anniversaries of a grant on ``date`` from the year after it, or ``year`` if later, up to the year of
    ``end``, each with the day after it when before ``end``: the days on which the grant leaves a window of whole
    years (the same for every project and measure that sees the grant, so worked out once)."""
    found = []
    for years in range(max(1, year - date.year), end.year - date.year + 1):
        anniversary = add_years(date, years)
        found.append(anniversary)
        if anniversary < end:
            found.append(anniversary + _dt.timedelta(days=1))
    return tuple(found)


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
            found.append(as_grant(result))
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
    if day.day <= 28 or month == 12:  # every month has 28 days, December 31
        return _dt.date(year, month, day.day)
    last = (_dt.date(year, month + 1, 1) - _dt.date(year, month, 1)).days  # without the calendar module
    return _dt.date(year, month, min(day.day, last))


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
