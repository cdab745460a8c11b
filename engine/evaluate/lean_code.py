"""The lean evaluation of a measure written as Python code: one function per plan (:class:`.lean.Plan`).

:func:`.lean.evaluate_lean` interprets a measure's plan: a loop over its conditions, its reminders and its amount,
reading each step's tuple on every call. A plan run often (:data:`GENERATE_AFTER` lean evaluations) is written here
as the source of one function instead: the conditions, reminders, amount, caps and minimum unrolled, every constant
of the plan (the measure, its version's id and source, the title in both languages, the days it is in force, the
shared checks that hold or fail) bound as a global of the function, and the generated code of each expression
(:func:`engine.language.codegen.inline`, the code the expression itself gets when run often) written in where the
interpreted plan calls it; a fact that several of its expressions read is read once. The same steps in the same
order, with the same checks, errors and results, as the interpreted plan (tests/unit/evaluate/test_lean_code.py
compares them on every case and example); the same expressions call the same rule functions, so the steps charged
to the profile's budget (an aid history scanned) are the same, and the evaluator still charges each measure's
steps before it runs.

That code counts the plan's runs, and on its :data:`FACTS_AFTER`-th writes the plan again, in a second tier: with
the code of the facts its expressions read written in too (:mod:`.lean_facts`), computed where first read. That
saves a few thousand instructions a run more, but its code costs some three times as much to write and compile,
which only a plan run that often pays back; the second tier's code counts nothing.

The source holds only names made here, the plan's values bound by name and the code :mod:`engine.language.codegen`
writes from a checked expression tree: no rule text is written into it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from ..language import compiler
from ..language.codegen import RUNTIME, inline
from ..language.compiler import symbols_of
from ..language.expression import Expression
from ..language.runtime import ExpressionRuntimeError, Missing
from ..model import Fact, Measure
from ..text.formatting import CENT, round_money
from .lean import (
    HUNDRED,
    NOTHING,
    NOUGHT,
    ZERO,
    Plan,
    amount_and_after,
    amount_missing,
    call_failed,
    checked_number,
    condition_error,
    evaluate_lean,
    expression_failed,
    not_boolean,
    not_eligible,
    out_of_force,
    plan,
    rate_too_high,
    rule_text,
    run_expression,
    undetermined,
    unknown_check,
)
from .results import ConditionResult, MeasureResult
from .scope import Parameters, Scope

if TYPE_CHECKING:  # imported where a plan is written with its facts: a command that never does so never loads it
    from .lean_facts import FactWriter

GENERATE_AFTER = 64
"""Lean evaluations by a plan before it is written as code: writing and compiling it pays off only for a plan
run many times (a batch, a benchmark, the tests), and a single ``evaluate`` never pays for it."""

FACTS_AFTER = 16_000
"""Lean evaluations by a plan before it is written again, with the code of the facts its expressions read written
in (:mod:`.lean_facts`, :func:`with_facts`). Where it was measured (the plan of benchmark 1's decision, callgrind),
that code saved 6.0k instructions a run (102.3k -> 96.3k a decision) and cost 95 M instructions to write and compile
(the code without the facts 29 M): it pays back after some 16,000 runs, and a plan written again on reaching that
many costs at most twice what the better choice, known in advance, would have. A command of a thousand projects
runs each plan far fewer times, and never pays for it."""

MAX_SOURCE = 200_000
"""Characters of a plan's code at most (as of an expression's, :data:`engine.language.codegen.MAX_SOURCE`): a measure
of thousands of conditions keeps its interpreted plan."""

Decide = Callable[[Scope, Parameters, str], MeasureResult]

_HELPERS: dict[str, Any] = {
    "__builtins__": {},
    "_MeasureResult": MeasureResult,
    "_Missing": Missing,
    "_RuntimeError": ExpressionRuntimeError,
    "_NOTHING": NOTHING,
    "_ZERO": ZERO,
    "_out_of_force": out_of_force,
    "_calls_closed": call_failed,
    "_unknown_check": unknown_check,
    "_condition_error": condition_error,
    "_not_boolean": not_boolean,
    "_expression_failed": expression_failed,
    "_rule_text": rule_text,
    "_amount_and_after": amount_and_after,
    "_amount_missing": amount_missing,
    "_checked_number": checked_number,
    "_run_expression": run_expression,
    "_evaluate_lean": evaluate_lean,
    "_round_money": round_money,
    "_rate_too_high": rate_too_high,
    "_not_eligible": not_eligible,
    "_undetermined": undetermined,
    "_ConditionResult": ConditionResult,
    "_Decimal": Decimal,
    "_int": int,
    "_bool": bool,
    "_max": max,
    "_len": len,
    "_NOUGHT": NOUGHT,
    "_HUNDRED": HUNDRED,
    "_CENT": CENT,
    "_HALF_UP": ROUND_HALF_UP,
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


def with_facts(steps: Plan, scope: Scope) -> None:
    """Write the plan ``steps`` again, with the code of the facts of ``scope``'s rule set its expressions read
    (:mod:`.lean_facts`), in place of its code without them: called once by that code, on its
    :data:`FACTS_AFTER`-th run. A plan whose code with the facts Python's compiler refuses keeps the code it has."""
    try:
        from .lean_facts import FactWriter

        steps.decide = _written(steps, True, FactWriter(scope.facts, scope.deep))
    except (SyntaxError, RecursionError, MemoryError):
        pass


class _Source:
    """The lines of the function being written and the values its globals bind; ``inline``: whether the code of the
    expressions is written in (else each is called by its ``evaluate``); ``facts``: what writes the facts they read
    in (:mod:`.lean_facts`), or None."""

    def __init__(self, inline: bool, facts: FactWriter | None = None) -> None:
        self.facts = facts
        self.names: dict[str, Any] = {}
        self.lines: list[str] = []
        self.size = 0  # characters of the lines so far
        self.inline = inline
        self.inlined = 0
        self.shared: dict[str, str] = {}  # a local of the function for each fact two or more expressions read

    def share(self, steps: Plan) -> None:
        """Give each fact that two or more of the plan's expressions read a local, read through the scope when first
        reached (``_NOKEY`` until then): a fact's value is the same wherever the plan reads it (the scope keeps it)."""
        spec = steps.amount
        expressions = [e for e, *_ in steps.before] + [w for w, *_ in steps.reminders if w is not None]
        expressions += [e for part in spec.parts for e in (part.rate, part.base)] if spec else []
        expressions += [cap.amount for cap in spec.caps] if spec else []
        expressions += [condition.expression for condition, _ in steps.later]
        counts = Counter(name for expression in expressions for name in expression.facts)
        for name, count in sorted(counts.items()):
            if count > 1:
                local = self.shared[name] = f"_f{len(self.shared)}"
                self.add(1, f"{local} = _NOKEY")

    def value(self, expression: Expression, target: str) -> list[str]:
        """Lines that set the local ``target`` to the value of ``expression``: its generated code written in
        (:func:`engine.language.codegen.inline`), or, for an expression without it, a call of its ``evaluate``."""
        tree = expression.tree if self.inline else None
        symbols = symbols_of(expression) if tree is not None else None
        if tree is not None and symbols is not None:
            self.inlined += 1
            tag = f"{self.inlined}_" if self.facts is None else "0_"
            try:
                stmts, value, constants = inline(tree, symbols, expression.source, tag, self.shared)
            except Exception:  # noqa: BLE001 - too deep or too large to write: called, as its closures serve then
                pass
            else:
                if self.facts is not None:  # temporaries named alike in every expression, constants apart
                    from .lean_facts import retagged

                    stmts, value, constants = retagged((stmts, value, constants), tag, f"{self.inlined}_")
                    stmts = self.facts.expand(stmts)
                self.names.update(constants)
                return [*stmts, f"{target} = {value}"]
        return [f"{target} = {self.bind(expression)}.evaluate(s)"]

    def bind(self, value: Any) -> str:
        """A global name of the function for ``value``."""
        name = f"_v{len(self.names)}"
        self.names[name] = value
        return name

    def add(self, indent: int, *lines: str) -> None:
        """Add ``lines`` at ``indent``; past :data:`MAX_SOURCE` characters the writing stops (MemoryError), before
        the rest of a plan of thousands of conditions is written for nothing."""
        added = ["    " * indent + line for line in lines]
        self.size += sum(len(line) for line in added)
        if self.size > MAX_SOURCE:
            raise MemoryError(f"the code of a plan would exceed {MAX_SOURCE} characters")
        self.lines += added


def written(steps: Plan, facts: Mapping[str, Fact] | None = None, deep: Mapping[str, Any] | None = None) -> Decide:
    """The plan ``steps`` as one Python function of (scope, parameters, language) giving the lean result: with the
    code of its expressions written in, and the code of the rule set's ``facts`` they read (:mod:`.lean_facts`; not
    the ``deep`` ones), unless the closures are asked for (``SUBSIDIE_CLOSURES``) or that function is too deep for
    Python's compiler or longer than :data:`MAX_SOURCE`; then without the facts; then calling each expression; and a
    plan too long even so is interpreted, as before (its code would cost more to compile than it saves). The function
    written with the facts interprets the plan for a scope of another rule set's facts."""
    tries: list[tuple[bool, FactWriter | None]] = [(True, None), (False, None)] if not compiler.USE_CLOSURES else []
    if tries and facts is not None:
        from .lean_facts import FactWriter

        tries.insert(0, (True, FactWriter(facts, deep or {})))
    for written_in, writer in tries or [(False, None)]:
        try:
            return _written(steps, written_in, writer)
        except (SyntaxError, RecursionError, MemoryError):
            pass
    measure = steps.measure
    return lambda scope, params, lang: evaluate_lean(scope, measure, params, lang)


def _written(steps: Plan, written_in: bool, facts: FactWriter | None) -> Decide:
    measure = steps.measure
    out = _Source(written_in, facts)
    m = out.bind(measure)
    title = f"{out.bind(measure.title.nl)} if lang == 'nl' else {out.bind(measure.title.en)}"
    out.add(0, "def _decide(s, params, lang):")
    if facts is not None:
        out.add(1, f"if s.facts is not {out.bind(facts.facts)}:", f"    return _evaluate_lean(s, {m}, params, lang)")
    elif written_in and steps.runs < FACTS_AFTER:  # the first tier: counts its runs, written with the facts later
        p = out.bind(steps)
        out.add(1, f"{p}.runs += 1", f"if {p}.runs == {int(FACTS_AFTER)}:", f"    {out.bind(with_facts)}({p}, s)")
    out.add(1, "s.params = params", "day = s.date", "checks = []")
    if written_in:
        out.share(steps)
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
    out.add(1, f"failed = _calls_closed({m}, checks, s, params, lang)" if measure.calls else "failed = False")
    out.add(1, "unknown = False", "missing = _NOTHING", "append = checks.append")
    for expression, condition, fails, holds in steps.before:
        c = out.bind(condition)
        out.add(1, "try:")
        out.add(2, *out.value(expression, "value"))
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
        out.add(1, "try:")
        out.add(2, *out.value(when, "shown"), "show_it = shown is True")
        out.add(1, "except _Missing:", "    show_it = False")
        out.add(1, "except _RuntimeError as exc:")
        out.add(1, f"    raise _expression_failed({m}, {w}, 'reminder', {r}.id, exc) from exc")
        out.add(1, "if show_it:", f"    result.reminders.append({said})")
    out.add(1, "if failed:", "    result.status = 'not_eligible'", "    result.amount = _ZERO", "    return result")
    _amount(out, steps, m)
    return _compiled(out, measure)


def _amount(out: _Source, steps: Plan, m: str) -> None:
    """The lines of the rest, once no condition before the amount fails: :func:`.lean.amount_and_after` written
    out for the plan's amount (fixed or its parts), caps, minimum and conditions after the amount."""
    spec = steps.amount
    p = out.bind(steps)
    if spec is None:  # never, for a measure that is not 'info' (checked when the rules load): as the plan says it
        out.add(1, f"return _amount_and_after({p}, s, params, lang, result, missing, unknown)")
        return
    out.add(1, "first = _len(checks)", "try:")
    if spec.fixed is not None:
        fixed = out.bind(spec.fixed)
        what = "'the fixed amount'"
        out.add(2, f"amount = _round_money(_checked_number({m}, _run_expression({m}, s, {fixed}, {what}), {what}))")
    else:
        out.add(2, "total = _NOUGHT", "bases = _NOUGHT")
        for i, part in enumerate(spec.parts):
            rate, base = out.bind(part.rate), out.bind(part.base)
            out.add(2, "try:")
            out.add(3, *out.value(part.rate, "rate"))
            out.add(2, "    if rate.__class__ is not _Decimal:")
            out.add(2, "        if rate.__class__ is not _int or rate < 0:")
            out.add(2, f"            rate = _checked_number({m}, rate, 'the rate')", "        rate = _Decimal(rate)")
            out.add(2, "    elif rate < _NOUGHT:", f"        _checked_number({m}, rate, 'the rate')")
            out.add(2, "    if rate > _HUNDRED:", f"        raise _rate_too_high({m}, rate)")
            out.add(2, "except _RuntimeError as exc:")
            out.add(2, f"    raise _expression_failed({m}, {rate}, 'the rate', None, exc) from exc")
            out.add(2, "try:")
            out.add(3, *out.value(part.base, "base"))
            out.add(2, "    if (base.__class__ is not _int and base.__class__ is not _Decimal) or base < 0:")
            out.add(2, f"        base = _checked_number({m}, base, 'the base')")
            out.add(2, "except _RuntimeError as exc:")
            out.add(2, f"    raise _expression_failed({m}, {base}, 'the base', None, exc) from exc")
            out.add(2, "total += rate * (base if base.__class__ is _Decimal else _Decimal(base)) / _HUNDRED")
            out.add(2, "bases += base")
            if i == 0:
                out.add(2, "result.rate = rate")
        out.add(2, "result.base = bases", "amount = total.quantize(_CENT, _HALF_UP)")
    for cap in spec.caps:
        c, e, shared = out.bind(cap), out.bind(cap.amount), out.bind(steps.limits[id(cap)])
        said = f"_rule_text({c}.text, s, params, lang)"
        out.add(2, "try:")
        out.add(3, *out.value(cap.amount, "value"))
        out.add(2, "except _RuntimeError as exc:")
        out.add(2, f"    raise _expression_failed({m}, {e}, 'cap', {c}.id, exc) from exc")
        out.add(2, "except _Missing as exc:", "    result.missing.extend(exc.paths)")
        out.add(
            2,
            f"    checks.append(_ConditionResult({c}.id, None, _rule_text({c}.text, s, params, lang), '', exc.paths))",
        )
        out.add(2, "else:", "    if value.__class__ is not _Decimal:", "        if value.__class__ is not _int:")
        out.add(
            2,
            f"            value = _checked_number({m}, value, 'cap', True, {c}.id)",
            "        value = _Decimal(value)",
        )
        out.add(2, "    limit = value.quantize(_CENT, _HALF_UP)")
        out.add(2, "    if amount > limit:", "        amount = _max(limit, _ZERO)", "    holds = limit > _NOUGHT")
        out.add(2, f"    check = {shared}.get((lang, holds))", "    if check is None:")
        out.add(3, f"    check = _ConditionResult({c}.id, holds, {said}, '', expression={e}.source)")
        out.add(2, "    checks.append(check)")
    if spec.minimum is not None:
        least = spec.minimum
        c, e, shared = out.bind(least), out.bind(least.amount), out.bind(steps.limits[id(least)])
        said = f"_rule_text({c}.text, s, params, lang)"
        out.add(2, "try:", f"    value = _run_expression({m}, s, {e}, 'minimum', {c}.id)")
        out.add(2, f"    least = _checked_number({m}, value, 'minimum', False, {c}.id)", "except _Missing as exc:")
        out.add(
            2,
            f"    checks.append(_ConditionResult({c}.id, None, _rule_text({c}.text, s, params, lang), '', exc.paths))",
        )
        out.add(
            2,
            "else:",
            "    holds = amount >= least",
            f"    check = {shared}.get((lang, holds))",
            "    if check is None:",
        )
        out.add(3, f"    check = _ConditionResult({c}.id, holds, {said}, '', expression={e}.source)")
        out.add(2, "    checks.append(check)")
    out.add(1, "except _Missing as exc:")
    out.add(1, f"    return _amount_missing({p}, s, params, lang, result, missing | exc.paths)")
    if steps.later:
        out.add(1, "s.amount = amount", "try:")
        for condition, (fails, holds) in steps.later:
            c = out.bind(condition)
            out.add(2, "try:")
            out.add(3, *out.value(condition.expression, "value"))
            out.add(2, "except _Missing as exc:", f"    checks.append(_unknown_check({c}, exc, s, params, lang))")
            out.add(2, "except _RuntimeError as exc:", f"    raise _condition_error({m}, {c}, exc) from exc")
            out.add(2, "else:", "    if value.__class__ is not _bool:", f"        raise _not_boolean({m}, {c}, value)")
            out.add(2, f"    checks.append({out.bind(holds)} if value else {out.bind(fails)})")
        out.add(1, "finally:", "    s.amount = None")
    out.add(1, "result.amount = amount")
    if spec.caps or spec.minimum is not None or steps.later:
        out.add(1, "for check in checks[first:]:", "    holds = check.holds", "    if holds is False:")
        out.add(1, "        return _not_eligible(result)", "    if holds is None:", "        unknown = True")
        out.add(1, "        missing = missing | check.missing")
    out.add(1, "if missing or unknown:", "    return _undetermined(result, missing)")
    out.add(1, "result.status = 'eligible'", "return result")


def _compiled(out: _Source, measure: Measure) -> Decide:
    namespace = {**RUNTIME, **_HELPERS, **out.names, **(out.facts.constants if out.facts is not None else {})}
    exec(compile("\n".join(out.lines), f"<lean plan of {measure.id[:60]}>", "exec"), namespace)
    return namespace["_decide"]  # type: ignore[no-any-return]
