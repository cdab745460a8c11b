"""Checking and compiling one rule expression: the allow-list, the names, the limits, then closures.

An expression is parsed with :mod:`ast`, checked against a small allow-list of syntax and against the names the rule
set knows (profile fields from the profile schema, parameters, facts, functions), then compiled into nested closures
(:mod:`engine.language.closures`). At evaluation time no parsing or tree walking happens: a compiled expression is a
plain function of the evaluation scope. An expression evaluated often is replaced by its generated code
(:mod:`engine.language.codegen`). Its tree and the names it was compiled with (:func:`symbols_of`) let a caller
write its code inside a function of its own (:func:`engine.language.codegen.inline`).

Values are numbers (``int`` or ``Decimal``; float literals become ``Decimal``), texts, booleans, dates, lists and
tables. A name whose fact the profile does not give raises :class:`~engine.language.runtime.Missing`; ``and``/``or``
follow three-valued (Kleene) logic, so ``false and <unknown>`` is false and ``true or <unknown>`` is true.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Callable
from typing import Any, cast

from ..diagnostics import Either, Phrase, Words, did_you_mean, phrase
from ..text.suggestions import closest, profile_field_like
from . import closures
from .expression import (
    ROOTS,
    Expression,
    ExpressionChanged,
    Getter,
    Problem,
    Symbols,
    attribute_chain,
    compiled_on_first_use,
    node_position,
    parse_quietly,
    unparsed,
)
from .functions import FUNCTIONS, SPECIAL_FORMS, FunctionError
from .runtime import COMPARISONS, MAX_MAGNITUDE, is_number, literal

_SYNTAX_WORDS = {
    "Lambda": "expressions.syntax-lambda",
    "ListComp": "expressions.syntax-comprehension",
    "SetComp": "expressions.syntax-comprehension",
    "DictComp": "expressions.syntax-comprehension",
    "GeneratorExp": "expressions.syntax-comprehension",
    "Starred": "expressions.syntax-starred",
    "NamedExpr": "expressions.syntax-assignment",
    "JoinedStr": "expressions.syntax-f-string",
    "Dict": "expressions.syntax-table",
    "Set": "expressions.syntax-set",
    "Await": "expressions.syntax-await",
    "Yield": "expressions.syntax-yield",
    "Slice": "expressions.syntax-slice",
}
"""Python syntax the rule language does not allow, as a message names it."""

_FUNCTIONS_NL = "de functies en hun argumenten staan in docs/authoring.md"
"""Where a Dutch reader finds what a function takes (its own description is in English)."""

# Evaluation runs generated code (engine.language.codegen); SUBSIDIE_CLOSURES=1 runs the closures instead
# (they always serve explanations), so both can be checked against each other.
USE_CLOSURES = bool(os.environ.get("SUBSIDIE_CLOSURES"))

GENERATE_AFTER = 64
"""The evaluations of an expression by its closures before its code is generated (:func:`_lazy_generated`). Generating
and compiling an expression's code costs about 3 M instructions, as much as several hundred runs of its closures
save; one ``subsidie evaluate`` of an example profile runs an expression at most some 50 times (16 times each for
``small-it-firm``, where generating twelve expressions was 6% of the command), so it never pays it, while a batch or
a profile of many projects generates its expressions early."""

MAX_NODES = 400
MAX_DEPTH = 40
MAX_STRING = 1000


class _Abort(Exception):
    """A problem that ends the compile of an expression."""


class _Compiler:
    def __init__(self, source: str, symbols: Symbols, lead: int = 0):
        self.lead = lead
        self.source = source
        self.symbols = symbols
        self.problems: list[Problem] = []
        self.reads: dict[str, Getter] = {}
        self.parameters: set[str] = set()
        self.facts: set[str] = set()
        self.uses_amount = False
        self.nodes = 0
        self.suppress = 0  # >0 while compiling the table part of a subscript: show the lookup, not the table

    # -- positions and problems -------------------------------------------------
    def where(self, node: ast.AST) -> tuple[int, int]:
        return node_position(self.source, self.lead, node)

    def problem(self, node: ast.AST, code: str, message: Phrase, hint: Phrase | None = None) -> None:
        line, column = self.where(node)
        self.problems.append(Problem(code, message, line, column, hint))

    @staticmethod
    def suggest(name: str, options: list[str]) -> Phrase | None:
        """The hint "did you mean '<the closest option>'?", or None when no option is close."""
        return did_you_mean(closest(name, options))

    # -- dispatch ---------------------------------------------------------------
    def compile(self, node: ast.AST, depth: int = 0) -> Getter:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            parts = phrase("expressions.expression-parts", limit=MAX_NODES)
            self.problem(node, "expression-size", parts, phrase("expressions.expression-parts-hint"))
            raise _Abort
        if depth > MAX_DEPTH:
            self.problem(node, "expression-size", phrase("expressions.expression-depth", limit=MAX_DEPTH))
            raise _Abort
        method = getattr(self, "c_" + type(node).__name__, None)
        if method is None:
            said = phrase("expressions.not-allowed", what=self._describe(node))
            self.problem(node, "syntax-not-allowed", said, phrase("expressions.not-allowed-hint"))
            return lambda s: None
        return method(node, depth + 1)

    @staticmethod
    def _describe(node: ast.AST) -> Words:
        named = _SYNTAX_WORDS.get(type(node).__name__)
        return phrase(named) if named else phrase("expressions.syntax-other", name=type(node).__name__)

    # -- leaves -----------------------------------------------------------------
    def c_Constant(self, node: ast.Constant, depth: int) -> Getter:
        value = node.value
        if isinstance(value, bool):
            return closures.constant(value)
        if isinstance(value, (int, float)):
            number = literal(value)
            if is_number(number) and not -MAX_MAGNITUDE <= number <= MAX_MAGNITUDE:
                self.problem(node, "number-too-large", phrase("expressions.number-too-large", number=value))
            return closures.constant(number)
        if isinstance(value, str):
            if len(value) > MAX_STRING:
                self.problem(node, "string-too-long", phrase("expressions.string-too-long", limit=MAX_STRING))
            return closures.constant(value)
        self.problem(node, "syntax-not-allowed", phrase("expressions.value-not-allowed", value=repr(value)))
        return lambda s: None

    def c_Name(self, node: ast.Name, depth: int) -> Getter:
        name = node.id
        if name in ("true", "false"):
            return closures.constant(name == "true")
        if name.startswith("_"):
            self.problem(node, "syntax-not-allowed", phrase("expressions.underscore-name", name=name))
            return lambda s: None
        if name == "amount" and self.symbols.allow_amount:
            self.uses_amount = True
            getter: Getter = closures.read_amount
        elif name in self.symbols.parameters:
            self.parameters.add(name)
            getter = closures.read_parameter(name)
        elif name in self.symbols.facts:
            self.facts.add(name)
            getter = closures.read_fact(name)
        elif name in ROOTS:
            self.problem(
                node,
                "incomplete-name",
                phrase(
                    "diagnostics.incomplete-name",
                    name=name,
                    example=f"{name}.{'employees' if name == 'company' else 'cost'}",
                ),
            )
            return lambda s: None
        elif name in FUNCTIONS or name in SPECIAL_FORMS:
            self.problem(node, "function-not-called", phrase("diagnostics.function-not-called", name=name))
            return lambda s: None
        else:
            hint: Phrase | None
            if name == "amount":
                hint = phrase("diagnostics.amount-only-in-conditions")
            else:
                close = closest(name, self.symbols.all_names())
                hint = did_you_mean(close)
            self.problem(node, "unknown-name", phrase("diagnostics.unknown-name", name=name), hint)
            return lambda s: None
        if not self.suppress:
            self.reads.setdefault(name, getter)
        return getter

    def c_Attribute(self, node: ast.Attribute, depth: int) -> Getter:
        probe, chain = attribute_chain(node)
        if not isinstance(probe, ast.Name) or probe.id not in ROOTS:
            self.problem(
                node,
                "syntax-not-allowed",
                phrase("expressions.dot-only-fields"),
                phrase("expressions.dot-only-fields-hint"),
            )
            return lambda s: None
        root = probe.id
        for part in chain:
            if part.startswith("_"):
                self.problem(node, "syntax-not-allowed", phrase("expressions.underscore-name", name=part))
                return lambda s: None
        dotted = ".".join([root, *chain])
        if dotted not in self.symbols.fields:
            close = profile_field_like(dotted, self.symbols.fields)
            self.problem(
                node,
                "unknown-name",
                phrase("diagnostics.unknown-field", field=dotted),
                did_you_mean(close),
            )
            return lambda s: None
        getter = closures.profile_field(root, tuple(chain))
        self.reads.setdefault(dotted, getter)
        return getter

    def c_List(self, node: ast.List, depth: int) -> Getter:
        return closures.list_of([self.compile(e, depth) for e in node.elts])

    c_Tuple = c_List

    def c_Subscript(self, node: ast.Subscript, depth: int) -> Getter:
        if isinstance(node.value, ast.Attribute):
            self.problem(
                node,
                "syntax-not-allowed",
                phrase("expressions.fields-with-dot"),
                phrase("expressions.fields-with-dot-hint"),
            )
            return lambda s: None
        table_name = isinstance(node.value, (ast.Name, ast.Subscript))
        self.suppress += table_name
        value = self.compile(node.value, depth)
        self.suppress -= table_name
        outer, self.suppress = self.suppress, 0
        key = self.compile(node.slice, depth)
        self.suppress = outer
        shown = unparsed(node)
        getter = closures.lookup(value, key, shown)
        if table_name and not self.suppress:
            self.reads.setdefault(shown, getter)
        return getter

    # -- operators --------------------------------------------------------------
    def c_BoolOp(self, node: ast.BoolOp, depth: int) -> Getter:
        operands = [self.compile(v, depth) for v in node.values]
        decisive = isinstance(node.op, ast.Or)  # the value that settles the result
        return closures.boolean(operands, decisive)

    def c_UnaryOp(self, node: ast.UnaryOp, depth: int) -> Getter:
        operand = self.compile(node.operand, depth)
        if isinstance(node.op, ast.Not):
            return closures.negation(operand)
        if isinstance(node.op, (ast.USub, ast.UAdd)):
            return closures.sign(operand, isinstance(node.op, ast.USub))
        self.problem(node, "syntax-not-allowed", phrase("expressions.operator-not-allowed"))
        return lambda s: None

    def c_BinOp(self, node: ast.BinOp, depth: int) -> Getter:
        if type(node.op) not in (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.Mod):
            self.problem(node, "syntax-not-allowed", phrase("expressions.arithmetic-only"))
            return lambda s: None
        left = self.compile(node.left, depth)
        right = self.compile(node.right, depth)
        return closures.binary(type(node.op), left, right)

    def c_Compare(self, node: ast.Compare, depth: int) -> Getter:
        if any(type(op) not in COMPARISONS for op in node.ops):
            self.problem(node, "syntax-not-allowed", phrase("expressions.is-not-allowed"))
            return lambda s: None
        first = self.compile(node.left, depth)
        rest = [(type(op), self.compile(c, depth)) for op, c in zip(node.ops, node.comparators)]
        return closures.comparison(first, rest)

    def c_IfExp(self, node: ast.IfExp, depth: int) -> Getter:
        test = self.compile(node.test, depth)
        body = self.compile(node.body, depth)
        orelse = self.compile(node.orelse, depth)
        return closures.conditional(test, body, orelse)

    def c_Call(self, node: ast.Call, depth: int) -> Getter:
        if not isinstance(node.func, ast.Name):
            self.problem(node, "syntax-not-allowed", phrase("expressions.call-by-name"))
            return lambda s: None
        name = node.func.id
        if name in SPECIAL_FORMS:
            if len(node.args) != 1 or node.keywords:
                self.problem(node, "function-arguments", phrase("expressions.takes-one-fact", name=name))
                return lambda s: None
            return closures.given(self.compile(node.args[0], depth))
        function = FUNCTIONS.get(name)
        if function is None:
            close = closest(name, sorted(FUNCTIONS) + sorted(SPECIAL_FORMS))
            self.problem(
                node,
                "unknown-function",
                phrase("diagnostics.unknown-function", name=name),
                did_you_mean(close),
            )
            return lambda s: None
        low, high = function.arity
        if len(node.args) < low or (high is not None and len(node.args) > high):
            expected: Words = (
                str(low)
                if low == high
                else phrase("expressions.arguments-at-least", low=low)
                if high is None
                else phrase("expressions.arguments-between", low=low, high=high)
            )
            self.problem(
                node,
                "function-arguments",
                phrase("expressions.takes-arguments", name=name, expected=expected, found=len(node.args)),
                phrase("expressions.function-usage", name=name, doc=Either(function.doc, _FUNCTIONS_NL)),
            )
            return lambda s: None
        args = [self.compile(a, depth) for a in node.args]
        keywords: dict[str, Getter] = {}
        for keyword in node.keywords:
            if keyword.arg is None:
                self.problem(node, "syntax-not-allowed", phrase("expressions.unpacking-not-allowed"))
                continue
            if keyword.arg not in function.keywords:
                allowed: Words = ", ".join(function.keywords) or phrase("expressions.no-options")
                self.problem(
                    keyword,
                    "function-arguments",
                    phrase("expressions.no-option", name=name, option=keyword.arg, options=allowed),
                    self.suggest(keyword.arg, list(function.keywords)),
                )
                continue
            if keyword.arg in keywords:
                self.problem(
                    keyword, "function-arguments", phrase("expressions.option-twice", name=name, option=keyword.arg)
                )
                continue
            keywords[keyword.arg] = self.compile(keyword.value, depth)
            if (
                keyword.arg == "measure"
                and isinstance(keyword.value, ast.Constant)
                and self.symbols.measure_ids
                and keyword.value.value not in self.symbols.measure_ids
            ):
                self.problem(
                    keyword.value,
                    "unknown-measure",
                    phrase("expressions.unknown-measure", id=str(keyword.value.value)),
                    self.suggest(str(keyword.value.value), sorted(self.symbols.measure_ids)),
                )
        impl = function.impl
        if function.needs_scope:
            call = closures.scoped_call(impl, args, keywords, name)
            self.reads.setdefault(unparsed(node), call)
            return call
        if function.pure and all(isinstance(a, ast.Constant) for a in node.args) and not keywords:
            try:
                value = impl(*[a(None) for a in args])
            except FunctionError as exc:
                self.problem(node, "function-arguments", phrase("expressions.function-problem", name=name, problem=exc))
                return lambda s: None
            return closures.constant(value)
        return closures.plain_call(impl, args, name)


def compile_expression(source: str, symbols: Symbols) -> tuple[Expression | None, list[Problem]]:
    """Check and compile one expression.

    Args:
        source: the expression text.
        symbols: the names it may use.

    Returns:
        The compiled expression (None when it has problems) and the problems found.
    """
    done, problems = _checked(source, symbols)
    if done is None:
        return None, problems
    compiler, tree, getter = done
    expression = Expression(
        source=source,
        evaluate=getter,
        reads=tuple(compiler.reads.items()),
        parameters=frozenset(compiler.parameters),
        facts=frozenset(compiler.facts),
        uses_amount=compiler.uses_amount,
        tree=tree,
        lead=compiler.lead,
    )
    object.__setattr__(expression, "_symbols", symbols)
    if not USE_CLOSURES:
        object.__setattr__(expression, "evaluate", _lazy_generated(expression, symbols, getter))
    return expression, []


def symbols_of(expression: Expression) -> Symbols | None:
    """The names ``expression`` was compiled with (:func:`compile_expression`, :func:`compile_later`), which its
    generated code needs beside its tree; None for an expression made otherwise."""
    found: Symbols | None = vars(expression).get("_symbols")
    return found


def compile_later(
    source: str, symbols: Symbols, parameters: frozenset[str], facts: frozenset[str], uses_amount: bool
) -> Expression:
    """An expression that compiled without problems before, with the same ``symbols``, and is compiled
    again only when it is first evaluated (or its tree or reads are first read): a rule set from the
    rules cache (:mod:`engine.load.cache`) knows the names each expression reads, and a command
    evaluates only the expressions of the measures that apply (``small-it-firm``: 20 of 71).

    A compile that does not give the names it was made with (a cache entry that does not belong to
    ``source``) raises :class:`~engine.language.expression.ExpressionChanged`."""

    def fill(expression: Expression) -> None:
        # no warning to catch: it compiled with warnings as errors
        done, _ = _checked(source, symbols, lambda text: ast.parse(text, mode="eval"))
        if done is None or (set(done[0].parameters), set(done[0].facts), done[0].uses_amount) != names:
            raise ExpressionChanged(source)
        compiler, tree, getter = done
        evaluate = getter if USE_CLOSURES else _lazy_generated(expression, symbols, getter)
        fields = {"reads": tuple(compiler.reads.items()), "tree": tree, "lead": compiler.lead, "evaluate": evaluate}
        for name, value in fields.items():
            object.__setattr__(expression, name, value)

    names = (parameters, facts, uses_amount)
    later = compiled_on_first_use(source, parameters, facts, uses_amount, fill)
    object.__setattr__(later, "_symbols", symbols)
    return later


def _checked(
    source: str, symbols: Symbols, parse: Callable[[str], ast.Expression] = parse_quietly
) -> tuple[tuple[_Compiler, ast.expr, Getter] | None, list[Problem]]:
    """The compiler (with the names read), the syntax tree and the closures of an expression, or its problems."""
    flat = source.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    lead = len(flat) - len(flat.lstrip())
    try:
        tree = parse(flat[lead:])
    except SyntaxError as exc:
        return None, [_syntax_problem(source, lead, exc)]
    except (RecursionError, MemoryError, ValueError):
        return None, [Problem("expression-size", phrase("expressions.expression-too-large"), 1, 1)]
    compiler = _Compiler(source, symbols, lead)
    try:
        getter = compiler.compile(tree.body)
    except _Abort:
        return None, compiler.problems
    except RecursionError:
        return None, [Problem("expression-size", phrase("expressions.expression-too-deep"), 1, 1)]
    if compiler.problems:
        return None, compiler.problems
    return (compiler, tree.body, getter), []


def _syntax_problem(source: str, lead: int, exc: SyntaxError) -> Problem:
    """The problem Python's parser found, at its place in ``source`` (``lead`` spaces stripped before parsing)."""
    column = exc.offset + lead if exc.offset and exc.offset + lead <= len(source) + 1 else len(source.rstrip()) + 1
    before = source[: max(column - 1, 0)]
    line = before.count("\n") + 1
    column = column - (before.rfind("\n") + 1)
    hint: Phrase | None = None
    if "=" in source and "==" not in source and "<=" not in source and ">=" not in source:
        hint = phrase("diagnostics.expression-equals-hint")
    elif "&&" in source or "||" in source:
        hint = phrase("diagnostics.expression-and-or-hint")
    message = (exc.msg or "invalid syntax").replace("invalid syntax. Perhaps you forgot a comma?", "invalid syntax")
    if "was never closed" in message or "does not match" in message or "unmatched" in message:
        said = phrase("diagnostics.expression-brackets")
    elif "unterminated string" in message:
        said = phrase("diagnostics.expression-quote")
    else:
        said = phrase("diagnostics.expression-syntax", reason=Either(f": {message}", ""))
    return Problem("expression-syntax", said, line, max(column, 1), hint)


def _lazy_generated(expression: Expression, symbols: Symbols, compiled: Getter) -> Getter:
    """An evaluate that runs the closures for the first calls, then generates the expression's code
    and puts it in its own place.

    Generating and compiling Python source costs a little per expression; it pays off only for
    expressions evaluated many times (batches, tests), so a single `evaluate` starts as fast as
    without it.
    """
    calls = [0]

    def first_call(s: Any) -> Any:
        calls[0] += 1
        if calls[0] < GENERATE_AFTER:
            return compiled(s)
        from .codegen import generate  # here, not at the top: a command that evaluates once never needs it

        try:
            function = generate(cast(ast.expr, expression.tree), symbols, expression.source)
        except Exception:  # noqa: BLE001 - too deep or too large for Python's compiler: the closures serve
            function = compiled
        object.__setattr__(expression, "evaluate", function)
        return function(s)

    return first_call
