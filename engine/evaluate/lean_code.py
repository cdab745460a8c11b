"""The lean evaluation of a measure written as Python code: one function per plan (:class:`.lean.Plan`).

:func:`.lean.evaluate_lean` interprets a measure's plan: a loop over its conditions, its reminders and
its amount, reading each step's tuple on every call. A plan run often (:data:`GENERATE_AFTER` lean
evaluations) is written here as the source of one function instead, with the conditions and reminders
unrolled and every constant of the plan (the measure, its version's id and source, the title in both
languages, the days it is in force, the shared checks that hold or fail) bound as a global of the
function: the same steps in the same order, with the same checks, errors and results, as the
interpreted plan (tests/unit/evaluate/test_lean_path.py runs both). Each expression is still called
through its ``evaluate``, read on every call, so an expression that gets its own generated code
(:mod:`engine.language.codegen`) is called by it from then on, and the steps it charges to the
profile's budget (an aid history scanned) are the same.

The source holds only names made here and the plan's values bound by name: nothing of the rule text
is written into it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..language.runtime import ExpressionRuntimeError, Missing
from ..model import Measure
from .lean import (
    NOTHING,
    ZERO,
    Plan,
    amount_and_after,
    call_failed,
    condition_error,
    evaluate_lean,
    expression_failed,
    not_boolean,
    out_of_force,
    plan,
    rule_text,
    unknown_check,
)
from .results import MeasureResult
from .scope import Parameters, Scope

GENERATE_AFTER = 64
"""Lean evaluations by a plan before it is written as code: writing and compiling it pays off only for a plan
run many times (a batch, a benchmark, the tests), and a single ``evaluate`` never pays for it."""

Decide = Callable[[Scope, Parameters, str], MeasureResult]

_HELPERS: dict[str, Any] = {
    "__builtins__": {},
    "_MeasureResult": MeasureResult,
    "_Missing": Missing,
    "_RuntimeError": ExpressionRuntimeError,
    "_NOTHING": NOTHING,
    "_ZERO": ZERO,
    "_out_of_force": out_of_force,
    "_call_failed": call_failed,
    "_unknown_check": unknown_check,
    "_condition_error": condition_error,
    "_not_boolean": not_boolean,
    "_expression_failed": expression_failed,
    "_rule_text": rule_text,
    "_amount_and_after": amount_and_after,
}


def lean_result(scope: Scope, measure: Measure, params: Parameters, lang: str) -> MeasureResult:
    """The lean result of ``measure`` for the project of ``scope``: by its plan's code once the plan has it, else
    by :func:`.lean.evaluate_lean` (counting the plan's runs until it is written)."""
    steps = params.plan
    if steps is None or steps.measure is not measure:
        steps = params.plan = plan(measure, params.version)
    decide = steps.decide
    if decide is not None:
        return decide(scope, params, lang)  # type: ignore[no-any-return]
    steps.runs += 1
    if steps.runs >= GENERATE_AFTER:
        steps.decide = written(steps)
    return evaluate_lean(scope, measure, params, lang)


class _Source:
    """The lines of the function being written and the values its globals bind."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {}
        self.lines: list[str] = []

    def bind(self, value: Any) -> str:
        """A global name of the function for ``value``."""
        name = f"_v{len(self.names)}"
        self.names[name] = value
        return name

    def add(self, indent: int, *lines: str) -> None:
        self.lines += ["    " * indent + line for line in lines]


def written(steps: Plan) -> Decide:
    """The plan ``steps`` as one Python function of (scope, parameters, language) giving the lean result."""
    measure = steps.measure
    out = _Source()
    m = out.bind(measure)
    title = f"{out.bind(measure.title.nl)} if lang == 'nl' else {out.bind(measure.title.en)}"
    out.add(0, "def _decide(s, params, lang):")
    out.add(1, "s.params = params", "day = s.date", "checks = []")
    out.add(
        1,
        f"result = _MeasureResult(s.project['id'], s.project_index, {m}, day, 'info', None, None, None, checks, "
        f"[], [], [], {out.bind(steps.version_id)}, {out.bind(steps.source)}, {title})",
    )
    if measure.status == "info":
        out.add(1, "return result")
        return _compiled(out, measure)
    late = "" if steps.until is None else f" or day > {out.bind(steps.until)}"
    out.add(1, f"if day < {out.bind(measure.valid_from)}{late}:", "    return _out_of_force(result, lang)")
    out.add(1, f"failed = _call_failed({m}, checks, s, params, lang)" if measure.calls else "failed = False")
    out.add(1, "unknown = False", "missing = _NOTHING", "append = checks.append")
    for expression, condition, fails, holds in steps.before:
        c = out.bind(condition)
        out.add(1, "try:", f"    value = {out.bind(expression)}.evaluate(s)")
        out.add(1, "except _Missing as exc:", f"    append(_unknown_check({c}, exc, s, params, lang))")
        out.add(1, "    unknown = True", "    missing = missing | exc.paths")
        out.add(1, "except _RuntimeError as exc:", f"    raise _condition_error({m}, {c}, exc) from exc")
        out.add(1, "else:", "    if value is True:", f"        append({out.bind(holds)})")
        out.add(1, "    elif value is False:", f"        append({out.bind(fails)})", "        failed = True")
        out.add(1, "    else:", f"        raise _not_boolean({m}, {c}, value)")
    for when, reminder, nl, en in steps.reminders:
        r = out.bind(reminder)
        if nl is not None and en is not None:
            said = f"{out.bind(nl)} if lang == 'nl' else {out.bind(en)}"
        else:
            nl_said = "None" if nl is None else out.bind(nl)
            en_said = "None" if en is None else out.bind(en)
            said = (
                f"said if (said := {nl_said} if lang == 'nl' else {en_said}) is not None "
                f"else ({r}.id, _rule_text({r}.text, s, params, lang))"
            )
        if when is None:
            out.add(1, f"result.reminders.append({said})")
            continue
        w = out.bind(when)
        out.add(1, "try:", f"    show_it = {w}.evaluate(s) is True")
        out.add(1, "except _Missing:", "    show_it = False")
        out.add(1, "except _RuntimeError as exc:")
        out.add(1, f"    raise _expression_failed({m}, {w}, 'reminder', {r}.id, exc) from exc")
        out.add(1, "if show_it:", f"    result.reminders.append({said})")
    out.add(1, "if failed:", "    result.status = 'not_eligible'", "    result.amount = _ZERO", "    return result")
    out.add(1, f"return _amount_and_after({out.bind(steps)}, s, params, lang, result, missing, unknown)")
    return _compiled(out, measure)


def _compiled(out: _Source, measure: Measure) -> Decide:
    namespace = {**_HELPERS, **out.names}
    exec(compile("\n".join(out.lines), f"<lean plan of {measure.id[:60]}>", "exec"), namespace)
    return namespace["_decide"]  # type: ignore[no-any-return]
