"""Writing down why a measure came out as it did: rule texts, the values an expression read, explanation lines.

:mod:`engine.evaluate.measure` evaluates a measure once, whether explanations are on or off;
the parts that only explain live here. An :class:`Explainer` holds the language, the
parameters in force (written into rule texts), the scope (for the values an expression
read) and the explanation lines. With explanations off the evaluation asks it for no
reasons and no lines, so the lean mode builds none of them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..language.expression import Expression
from ..language.runtime import ExpressionRuntimeError, Missing
from ..model import Text
from ..text.formatting import money, round_money, show
from ..text.messages import say
from ..text.placeholders import fill, written
from .scope import Parameters, Scope


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
        """A rule text in the evaluation's language, with the parameter values in force written in."""
        raw = text(self.lang)
        if "{" not in raw and "}" not in raw:
            return raw
        params, lang = self.params, self.lang
        return fill(raw, lambda name: written(params[name], params.unit(name), lang))

    def failed(self, text: Text | None, holds: bool | None) -> str:
        """The client's sentence for a failed check (``text`` filled in), when explaining and it failed; else ''."""
        return self.text(text) if self.on and holds is False and text is not None else ""

    def say(self, key: str, **values: Any) -> None:
        """Add an explanation line (callers check :attr:`on` first, so that lean mode formats nothing)."""
        self.lines.append(say(key, self.lang, **values))

    def reason(self, expression: Expression) -> str:
        """What the expression read, with values ('' with explanations off)."""
        if not self.on:
            return ""
        scope, lang = self.scope, self.lang
        parts = []
        for name, getter in expression.reads:
            try:
                value = getter(scope)
            except Missing:
                parts.append(f"{name}: {say('results.not-given', lang)}")
                continue
            except ExpressionRuntimeError:
                continue
            parts.append(f"{name} = {show(value, lang)}")
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
