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

MAX_PARAMETER_PARTS = 4096

_PARAMETER_PARTS: dict[tuple[int, str, str], tuple[dict[str, Any], str]] = {}
"""(id of the parameter values in force, a parameter's name, language) -> (those values, the parameter's part of a
reason); the values are kept with it, so that the id is theirs (an evaluator keeps its values per measure and
day: :meth:`.Evaluator.params`), and never changed."""

_FILLED: dict[tuple[int, int, str], tuple[Text, Parameters, str]] = {}
"""(id of a rule text, id of the parameter values in force, language) -> (the text, those values, the text with
the values written in); kept with the objects whose ids make the key, as :data:`_PARAMETER_PARTS`."""


class Explainer:
    """The explanation of one measure for one project: its lines, and the texts and reasons of its checks."""

    __slots__ = ("lang", "lines", "on", "params", "scope")

    def __init__(self, scope: Scope, params: Parameters, lang: str, on: bool):
        self.scope = scope
        self.params = params
        self.lang = lang
        self.on = on  # explanations wanted: lines and reasons are written only then
        self.lines: list[str] = []

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
        if len(_FILLED) > MAX_PARAMETER_PARTS:
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
        """What the expression read, with values ('' with explanations off). A parameter's part is written once
        per set of parameter values (:data:`_PARAMETER_PARTS`): its value, often a list or a table, is the same
        for every project evaluated on those values."""
        if not self.on:
            return ""
        scope, lang = self.scope, self.lang
        parameters = expression.parameters
        parts = []
        for name, getter in expression.reads:
            if name in parameters:  # read by name from scope.params (engine.language.compiler)
                params = scope.params
                key = (id(params), name, lang)
                found = _PARAMETER_PARTS.get(key)
                if found is not None and found[0] is params:
                    parts.append(found[1])
                    continue
            else:
                key = None
            try:
                value = getter(scope)
            except Missing:
                parts.append(f"{name}: {say('results.not-given', lang)}")
                continue
            except ExpressionRuntimeError:
                continue
            part = f"{name} = {show(value, lang)}"
            if key is not None:
                if len(_PARAMETER_PARTS) > MAX_PARAMETER_PARTS:
                    _PARAMETER_PARTS.clear()
                _PARAMETER_PARTS[key] = (scope.params, part)
            parts.append(part)
        return "; ".join(parts)

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
