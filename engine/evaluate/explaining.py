"""Writing down why a measure came out as it did: rule texts, the values an expression read, explanation lines.

:mod:`engine.evaluate.measure` evaluates a measure once, whether explanations are on or off;
the parts that only explain live here. An :class:`Explainer` holds the language, the
parameters in force (written into rule texts), the scope (for the values an expression
read) and the explanation lines. With explanations off the evaluation asks it for no
reasons and no lines, so the lean mode builds none of them.
"""

from __future__ import annotations

import ast
import datetime as _dt
from decimal import Decimal
from typing import Any

from ..language.expression import Expression
from ..language.runtime import ExpressionRuntimeError, Missing
from ..model import Measure, Text
from ..text.formatting import money, round_money, show
from ..text.messages import say
from ..text.placeholders import fill, written
from .budget import AID_FUNCTIONS
from .history import HistoryView
from .scope import Parameters, Scope

MAX_FILLED = 4096

_FILLED: dict[tuple[int, int, str], tuple[Text, Parameters, str]] = {}
"""(id of a rule text, id of the parameter values in force, language) -> (the text, those values, the text with
the values written in); kept with the objects whose ids make the key, as the reasons are (:attr:`Explainer.reasons`)."""


_DATE = _dt.date

_UNUSED: dict[int, tuple[Expression, Any]] = {}
"""The reasons of an explainer with explanations off, which writes none (and never adds to it)."""


class Explainer:
    """The explanation of one measure for one project: its lines, and the texts and reasons of its checks."""

    __slots__ = ("lang", "lines", "on", "params", "reasons", "scope")

    def __init__(self, scope: Scope, params: Parameters, lang: str, on: bool):
        self.scope = scope
        self.params = params
        self.lang = lang
        self.on = on  # explanations wanted: lines and reasons are written only then
        self.lines: list[str] = []
        # id of an expression -> (the expression, the parts of its reason: reason_parts), for ``params`` and ``lang``;
        # one for every project explained on them (:class:`engine.evaluate.wording.Wording` gives its own)
        self.reasons: dict[int, tuple[Expression, Any]] = {} if on else _UNUSED

    def text(self, text: Text) -> str:
        """A rule text in the evaluation's language, with the parameter values in force written in (once per text,
        set of parameter values and language: :data:`_FILLED`)."""
        lang = self.lang
        raw = text.nl if lang == "nl" else text.en  # text(lang), without the call
        if "{" not in raw and "}" not in raw:
            return raw
        params = self.params
        key = (id(text), id(params), lang)
        found = _FILLED.get(key)
        if found is not None and found[0] is text and found[1] is params:
            return found[2]
        filled = fill(raw, lambda name: written(params[name], params.unit(name), lang))
        if len(_FILLED) > MAX_FILLED:
            _FILLED.clear()
        _FILLED[key] = (text, params, filled)
        return filled

    def failed(self, text: Text | None, holds: bool | None) -> str:
        """The client's sentence for a failed check (``text`` filled in), when explaining and it failed; else ''."""
        return self.text(text) if self.on and holds is False and text is not None else ""

    def say(self, key: str, **values: Any) -> None:
        """Add an explanation line (callers check :attr:`on` first, so that lean mode formats nothing)."""
        self.lines.append(say(key, self.lang, **values))

    def reason(self, expression: Expression) -> str:
        """What the expression read, with values ('' with explanations off). What does not depend on the profile is
        written once per expression in :attr:`reasons` (:func:`reason_parts`): a parameter's part (its value, often
        a list or a table, is the same for every project evaluated on those values) and the names before the
        values read from the profile, filled in here."""
        if not self.on:
            return ""
        scope, lang = self.scope, self.lang
        found = self.reasons.get(id(expression))
        if found is None or found[0] is not expression:
            found = self.reasons[id(expression)] = (expression, reason_parts(expression, scope, lang))
        return told(found[1], scope, lang)

    def reads(self, expression: Expression) -> tuple[tuple[str, Any], ...]:
        """What the expression read, with values (a Missing for an absent fact), when tracing."""
        if self.scope.trace is None:
            return ()
        values: list[tuple[str, Any]] = []
        for name, getter in expression.reads:
            try:
                values.append((name, getter(self.scope)))
            except Missing as exc:
                values.append((name, exc))
            except ExpressionRuntimeError:
                continue
        return tuple(values)


def reason_parts(expression: Expression, scope: Scope, lang: str) -> Any:
    """The parts of :meth:`Explainer.reason` for ``expression`` on the scope's parameter values, in ``lang``: a
    parameter's part written out, each other read as (its name and ' = ', its getter, its part when absent); one
    text when every read is a parameter's. A parameter that cannot be read on these values is read each time."""
    parameters = expression.parameters
    parts: list[Any] = []
    for name, getter in expression.reads:
        if name in parameters:  # read by name from scope.params (engine.language.compiler)
            try:
                value = getter(scope)
            except (Missing, ExpressionRuntimeError):
                pass
            else:
                parts.append(f"{name} = {show(value, lang)}")
                continue
        parts.append((f"{name} = ", getter, f"{name}: {say('results.not-given', lang)}"))
    if all(part.__class__ is str for part in parts):
        return "; ".join(parts)
    return parts


def told(parts: Any, scope: Scope, lang: str) -> str:
    """A reason from its parts (:func:`reason_parts`): the values read from the profile filled in."""
    if parts.__class__ is str:  # every read a parameter's
        return parts
    said = []
    for part in parts:
        if part.__class__ is str:
            said.append(part)
            continue
        named, getter, absent = part
        try:
            value = getter(scope)
        except Missing:
            said.append(absent)
            continue
        except ExpressionRuntimeError:
            continue
        cls = value.__class__  # show()'s first cases, without its call
        if cls is str:
            said.append(f"{named}'{value}'")
        elif cls is bool:
            said.append(named + ("true" if value else "false"))
        elif cls is _DATE:
            said.append(named + value.isoformat())
        else:
            said.append(named + show(value, lang))
    return "; ".join(said)


def exact_money(value: Decimal, lang: str) -> str:
    """Money before rounding: every decimal shown, with the language's separators."""
    if value == round_money(value):
        return money(value, lang)
    text = format(value.normalize(), ",f")
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"EUR {text}"


class ReadOnce:
    """A long aid history (a :class:`~engine.evaluate.history.HistoryView`, read by bisection) while one measure
    is explained: each read of it (``aid_total``, ``aid_count``) worked out once, so that the reasons, which read
    again what a check read (:meth:`Explainer.reason`), find it done. Only a view that charges no budget is
    remembered so (an evaluator's), so every read still takes the steps it took: none. A short history, a list,
    is scanned each time, which costs less than remembering its reads."""

    __slots__ = ("found", "view")

    def __init__(self, view: HistoryView):
        self.view = view
        self.found: dict[tuple[_dt.date, _dt.date, Any, Any], tuple[Decimal, int]] = {}

    def __iter__(self) -> Any:
        return iter(self.view)

    def __len__(self) -> int:
        return len(self.view)

    def read(self, first: _dt.date, last: _dt.date, measure: Any, de_minimis: Any) -> tuple[Decimal, int]:
        """:meth:`.HistoryView.read`, once per question (LookupError as it raises it: the caller then scans)."""
        key = (first, last, measure, de_minimis)
        found = self.found.get(key)
        if found is None:
            found = self.found[key] = self.view.read(first, last, measure, de_minimis)
        return found


def read_once(scope: Scope, measure: Measure) -> ReadOnce | None:
    """A :class:`ReadOnce` of the scope's aid history, when it is a view that charges no budget, no trace lists
    the grants read, and the measure's own expressions call an aid function (reads through facts are kept with
    the facts); else None."""
    ledger = scope.ledger
    if ledger.__class__ is not HistoryView or scope.trace is not None:
        return None
    assert isinstance(ledger, HistoryView)
    if ledger.budget is not None or not _calls_aid(measure):
        return None
    return ReadOnce(ledger)


_CALLS_AID: dict[int, tuple[Measure, bool]] = {}


def _calls_aid(measure: Measure) -> bool:
    """Whether an expression of the measure calls an aid function itself (worked out once per measure)."""
    found = _CALLS_AID.get(id(measure))
    if found is None or found[0] is not measure:
        if len(_CALLS_AID) > 4096:
            _CALLS_AID.clear()
        calls = any(
            isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in AID_FUNCTIONS
            for expression in measure.expressions()
            if expression.tree is not None
            for node in ast.walk(expression.tree)
        )
        found = _CALLS_AID[id(measure)] = (measure, calls)
    return found[1]
