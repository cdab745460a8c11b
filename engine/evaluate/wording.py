"""What explaining a measure writes alike for every project on one day, in one language: worked out once.

:func:`engine.evaluate.measure.evaluate_measure` with explanations on writes, for every project, the line of the
version in force, the rule texts of the checks with the parameter values in force written in, whether the measure is
in force and its call open, and the parts of the reasons that name parameters. None of that depends on the project,
only on the measure, the parameter values in force (one set per measure and day: :meth:`.Evaluator.params`), the day
and the language: a :class:`Wording` holds it, made on first use (:func:`wording`). A rule text that cannot be written
then (a parameter without a value on the day) is written where it is needed, as before, so that its error comes
where it came.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ..language.expression import Expression
from ..model import Condition, Measure, Text
from ..text.messages import say
from .explaining import Explainer
from .scope import Parameters

MAX_WORDINGS = 4096

Entry = list[Any]
"""A condition checked before the amount as :func:`wording` keeps it: [the condition, its expression, its text
(None: written when needed), its text when it fails (None: written when needed; '' when it has none), the parts of
its reason (None until first asked: :func:`.explaining.reason_parts`)]."""


class Wording:
    """What explaining ``measure`` on ``day`` with the parameter values ``params`` in ``lang`` writes alike for every
    project."""

    __slots__ = (
        "before",
        "calls",
        "day",
        "failed_lines",
        "in_force",
        "lang",
        "later",
        "measure",
        "out_of_force",
        "params",
        "reasons",
        "source",
        "title",
        "version_id",
    )

    def __init__(self, measure: Measure, params: Parameters, lang: str, day: _dt.date, why: Explainer):
        self.measure = measure
        self.params = params
        self.lang = lang
        self.day = day
        version = params.version
        self.title = measure.title(lang)
        self.version_id = version.id if version else None
        self.source = version.source if version else measure.sources[0]
        self.in_force = (
            say("results.rules-in-force", lang, date=day, version=version.id, start=version.start) if version else None
        )
        self.failed_lines: dict[str, str] = {}
        self.reasons: dict[int, tuple[Expression, Any]] = {}  # the explainers' (:attr:`.Explainer.reasons`)
        self.out_of_force: tuple[str, str] | None = None
        self.calls: tuple[Any, ...] | None = None
        self.before: tuple[Entry, ...] = ()
        self.later: tuple[Condition, ...] = ()  # the conditions that read the amount
        if measure.status == "info":
            return
        if (
            day < measure.valid_from
            or (measure.valid_until is not None and day > measure.valid_until)
            or (version is not None and version.until is not None and day > version.until)
        ):
            end = measure.valid_until or say("common.open-ended", lang)
            self.out_of_force = (
                say("results.in-force", lang, start=measure.valid_from, end=end),
                f"application_date = {day}",
            )
            return
        calls = measure.calls
        if calls:
            window = calls.window_at(day)
            reason = (
                say("results.call-open", lang, name=window.name, open=window.open, close=window.close)
                if window
                else say("results.call-closed", lang, date=day)
            )
            self.calls = (
                calls.condition_id,
                window is not None,
                why.text(calls.text),
                reason,
                frozenset(),
                "",
                (),
                why.failed(calls.failed, window is not None),
            )
        conditions = version.conditions if version and version.conditions is not None else measure.conditions
        self.before = tuple(_entry(why, c) for c in conditions if not c.after_amount)
        self.later = tuple(c for c in conditions if c.after_amount)

    def failed_line(self, condition_id: str) -> str:
        """The explanation line of the first check that failed, ``condition_id``."""
        found = self.failed_lines.get(condition_id)
        if found is None:
            found = self.failed_lines[condition_id] = say("results.condition-failed", self.lang, id=condition_id)
        return found


def _entry(why: Explainer, condition: Condition) -> Entry:
    return [
        condition,
        condition.expression,
        _written(why, condition.text),
        "" if condition.failed is None else _written(why, condition.failed),
        None,
    ]


def _written(why: Explainer, text: Text) -> str | None:
    """``text`` with the parameter values written in, or None when that fails (then it is written, and fails, where
    it is needed)."""
    try:
        return why.text(text)
    except Exception:  # noqa: BLE001 - a parameter without a value on the day: the error comes where the text is used
        return None


_WORDINGS: dict[tuple[int, int, str], Wording] = {}


def wording(measure: Measure, params: Parameters, lang: str, day: _dt.date, why: Explainer) -> Wording:
    """The :class:`Wording` of ``measure`` on ``day`` with ``params`` in ``lang``, made on first use (the key is
    checked by identity, the day by value)."""
    key = (id(params), id(measure), lang)
    found = _WORDINGS.get(key)
    if found is None or found.params is not params or found.measure is not measure or found.day != day:
        if len(_WORDINGS) > MAX_WORDINGS:
            _WORDINGS.clear()
        found = _WORDINGS[key] = Wording(measure, params, lang, day, why)
    return found
