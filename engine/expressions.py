"""The rule language: Python-like expressions, checked and compiled once.

An expression is parsed with :mod:`ast`, checked against a small allow-list of
syntax and against the names the rule set knows (profile fields from the profile
schema, parameters, facts, functions), then compiled into nested closures. At
evaluation time no parsing or tree walking happens: a compiled expression is a
plain function of the evaluation scope.

Values are numbers (``int`` or ``Decimal``; float literals become ``Decimal``),
texts, booleans, dates, lists and tables. A name whose fact the profile does not
give raises :class:`Missing`; ``and``/``or`` follow three-valued (Kleene) logic, so
``false and <unknown>`` is false and ``true or <unknown>`` is true.
"""

from __future__ import annotations

import ast
import datetime as _dt
import difflib
import operator
import warnings
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Protocol

from .functions import FUNCTIONS, SPECIAL_FORMS, FunctionError

# Evaluation runs generated code (engine.codegen); SUBSIDIE_CLOSURES=1 runs the closures instead
# (they always serve explanations), so both can be checked against each other.
_USE_CLOSURES = bool(__import__("os").environ.get("SUBSIDIE_CLOSURES"))

MAX_NODES = 400
MAX_DEPTH = 40
MAX_STRING = 1000
MAX_EXPONENT = 64
MAX_MAGNITUDE = Decimal("1e15")  # a quadrillion euro: far above any aid, and exact to the cent in Decimal

ROOTS = ("company", "project")


class Missing(Exception):
    """A fact the expression needs is not in the profile."""

    def __init__(self, paths: frozenset[str]):
        super().__init__()
        self.paths = paths

    def __str__(self) -> str:  # formatted only when shown: Missing is raised often and mostly caught
        return ", ".join(sorted(self.paths))


class ExpressionRuntimeError(Exception):
    """An expression got values it cannot work with (a rule-set bug the checks did not catch)."""


class Scope(Protocol):
    """What a compiled expression reads at evaluation time."""

    company: dict[str, Any]
    project: dict[str, Any]
    project_index: int
    params: dict[str, Any]
    amount: Any
    ledger: list[Any]

    def fact(self, name: str) -> Any: ...


Getter = Callable[[Any], Any]


@dataclass(frozen=True)
class Problem:
    """A problem found while compiling, at a 1-based (line, column) inside the expression."""

    code: str
    message: str
    line: int
    column: int
    hint: str | None = None


@dataclass(frozen=True)
class Symbols:
    """The names an expression may use.

    Attributes:
        fields: profile field paths per root ('company', 'project'): a map from a
            dotted path to the JSON Schema of that field.
        parameters: parameter names visible here.
        facts: fact names visible here.
        allow_amount: True where the computed amount may be read (conditions).
        measure_ids: the measure ids of the rule set, for aid_total(measure=...) checks.
    """

    fields: dict[str, dict[str, Any]]
    parameters: frozenset[str]
    facts: frozenset[str]
    allow_amount: bool = False
    measure_ids: frozenset[str] = frozenset()

    def all_names(self) -> list[str]:
        names = set(self.parameters) | set(self.facts) | set(FUNCTIONS) | set(SPECIAL_FORMS) | set(ROOTS)
        names |= set(self.fields)
        if self.allow_amount:
            names.add("amount")
        return sorted(names)


@dataclass(frozen=True)
class Expression:
    """A compiled expression.

    Attributes:
        source: the text as written.
        evaluate: the compiled function of a scope.
        reads: names and getters of what it reads, for explanations.
        parameters, facts: the parameter and fact names it uses.
        uses_amount: True when it reads the computed amount.
        constant: the value when the expression is a constant, else None.
    """

    source: str
    evaluate: Callable[[Any], Any] = field(repr=False, compare=False)
    reads: tuple[tuple[str, Getter], ...] = field(default=(), repr=False, compare=False)
    parameters: frozenset[str] = frozenset()
    facts: frozenset[str] = frozenset()
    uses_amount: bool = False
    tree: ast.expr | None = field(default=None, repr=False, compare=False)
    lead: int = field(default=0, repr=False, compare=False)

    def position(self, node: ast.AST) -> tuple[int, int]:
        """The 1-based (line, column) of a node of ``tree`` inside the source text."""
        return node_position(self.source, self.lead, node)


class _Abort(Exception):
    pass


def attribute_chain(node: ast.Attribute) -> tuple[ast.AST, list[str]]:
    """The node a dotted read starts from and the field names after it: company.a.b -> (company, [a, b])."""
    chain: list[str] = []
    probe: ast.AST = node
    while isinstance(probe, ast.Attribute):
        chain.append(probe.attr)
        probe = probe.value
    chain.reverse()
    return probe, chain


def node_position(source: str, lead: int, node: ast.AST) -> tuple[int, int]:
    """The 1-based (line, column) in ``source`` of an AST node parsed from it (``lead`` spaces stripped)."""
    offset = getattr(node, "col_offset", 0) or 0
    stripped = source.replace("\r", " ").replace("\n", " ").replace("\t", " ")[lead:]
    chars = lead + len(stripped.encode("utf-8")[:offset].decode("utf-8", "ignore"))
    before = source[:chars]
    line = before.count("\n") + 1
    column = chars - (before.rfind("\n") + 1) + 1
    return line, column


_COMPARE: dict[type, Callable[[Any, Any], bool]] = {
    ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
    ast.Eq: operator.eq, ast.NotEq: operator.ne,
    ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
}
_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_NUMBERS = frozenset([int, Decimal])
_ORDERABLE = frozenset([int, Decimal, str, _dt.date])
_SYMBOL = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
           ast.In: "in", ast.NotIn: "not in", ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/",
           ast.Pow: "**", ast.Mod: "%"}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if _is_number(value):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, _dt.date):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "table"
    return type(value).__name__


def _fail(message: str) -> None:
    raise ExpressionRuntimeError(message)


def _bound(value: Any) -> Any:
    if isinstance(value, Decimal) and not value.is_finite():
        _fail(f"the result {value} is not a finite number")
    if isinstance(value, Decimal) and abs(value) > MAX_MAGNITUDE:
        _fail(f"the number {value} is too large")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_MAGNITUDE:
        _fail(f"the number {value} is too large")
    return value


def table_lookup(table: Any, key: Any, shown: str) -> Any:
    """``table[key]`` with a plain error when ``table`` is no table, ``key`` no key, or the entry is missing."""
    if not isinstance(table, dict):
        _fail(f"'{shown}': only tables can be indexed, found a {_kind(table)}")
    if not isinstance(key, (str, int, Decimal)) or isinstance(key, bool):
        _fail(f"'{shown}': a table key must be a text or number, found a {_kind(key)}")
    if key not in table:
        _fail(f"'{shown}': the table has no entry '{key}' (it has: {', '.join(map(str, table))})")
    return table[key]


def _arith(op: type) -> Callable[[Any, Any], Any]:
    symbol = _SYMBOL[op]
    fast = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}.get(op)
    if fast is not None:
        def quick(a: Any, b: Any) -> Any:
            if a.__class__ in _NUMBERS and b.__class__ in _NUMBERS:
                result = fast(a, b)
                if -MAX_MAGNITUDE <= result <= MAX_MAGNITUDE:
                    return result
                _fail(f"the number {result} is too large")
            return apply(a, b)
    else:
        quick = None

    def apply(a: Any, b: Any) -> Any:
        if not (_is_number(a) and _is_number(b)):
            _fail(f"'{symbol}' needs two numbers, found {_kind(a)} and {_kind(b)}")
        try:
            if op is ast.Add:
                return _bound(a + b)
            if op is ast.Sub:
                return _bound(a - b)
            if op is ast.Mult:
                return _bound(a * b)
            if op is ast.Div:
                if b == 0:
                    _fail("division by zero")
                return _bound(Decimal(a) / Decimal(b))
            if op is ast.Mod:
                if b == 0:
                    _fail("division by zero")
                return Decimal(a) % Decimal(b)
            if b != int(b) or abs(b) > MAX_EXPONENT:
                _fail(f"the exponent must be a whole number up to {MAX_EXPONENT}, found {b}")
            if abs(a) > Decimal("1e6"):
                _fail(f"the base of a power must be at most 1000000, found {a}")
            return _bound(Decimal(a) ** int(b))
        except InvalidOperation as exc:
            raise ExpressionRuntimeError(f"'{symbol}' cannot be computed: {exc}") from exc

    return quick or apply


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

    def problem(self, node: ast.AST, code: str, message: str, hint: str | None = None) -> None:
        line, column = self.where(node)
        self.problems.append(Problem(code, message, line, column, hint))

    def suggest(self, name: str, options: list[str]) -> str | None:
        close = difflib.get_close_matches(name, options, n=1)
        return f"did you mean '{close[0]}'?" if close else None

    # -- dispatch ---------------------------------------------------------------
    def compile(self, node: ast.AST, depth: int = 0) -> Getter:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.problem(node, "expression-size", f"the expression has more than {MAX_NODES} parts",
                         "split it into facts or simpler conditions")
            raise _Abort
        if depth > MAX_DEPTH:
            self.problem(node, "expression-size", f"the expression is nested more than {MAX_DEPTH} levels deep")
            raise _Abort
        method = getattr(self, "c_" + type(node).__name__, None)
        if method is None:
            self.problem(node, "syntax-not-allowed", f"{self._describe(node)} is not allowed in rule expressions",
                         "use names, numbers, 'texts', comparisons, and/or/not, + - * /, x if c else y, "
                         "in [...] and the engine's functions")
            return lambda s: None
        return method(node, depth + 1)

    @staticmethod
    def _describe(node: ast.AST) -> str:
        names = {"Lambda": "a lambda", "ListComp": "a comprehension", "SetComp": "a comprehension",
                 "DictComp": "a comprehension", "GeneratorExp": "a comprehension", "Starred": "unpacking (*)",
                 "NamedExpr": "assignment (:=)", "JoinedStr": "an f-string", "Dict": "a table literal",
                 "Set": "a set literal", "Await": "await", "Yield": "yield", "Slice": "slicing"}
        return names.get(type(node).__name__, f"'{type(node).__name__}' syntax")

    # -- leaves -----------------------------------------------------------------
    def c_Constant(self, node: ast.Constant, depth: int) -> Getter:
        value = node.value
        if isinstance(value, bool):
            return lambda s, v=value: v
        if isinstance(value, (int, float)):
            number = Decimal(repr(value)) if isinstance(value, float) else value
            if abs(number) > MAX_MAGNITUDE:
                self.problem(node, "number-too-large", f"the number {value} is too large")
            return lambda s, v=number: v
        if isinstance(value, str):
            if len(value) > MAX_STRING:
                self.problem(node, "string-too-long", f"a text in an expression may have at most {MAX_STRING} characters")
            return lambda s, v=value: v
        self.problem(node, "syntax-not-allowed", f"the value {value!r} is not allowed in rule expressions")
        return lambda s: None

    def c_Name(self, node: ast.Name, depth: int) -> Getter:
        name = node.id
        if name in ("true", "false"):
            return lambda s, v=(name == "true"): v
        if name.startswith("_"):
            self.problem(node, "syntax-not-allowed", f"names starting with '_' are not allowed: '{name}'")
            return lambda s: None
        if name == "amount" and self.symbols.allow_amount:
            self.uses_amount = True
            getter: Getter = lambda s: s.amount  # noqa: E731
        elif name in self.symbols.parameters:
            self.parameters.add(name)
            getter = lambda s, n=name: s.params[n]  # noqa: E731
        elif name in self.symbols.facts:
            self.facts.add(name)
            getter = lambda s, n=name: s.fact(n)  # noqa: E731
        elif name in ROOTS:
            self.problem(node, "incomplete-name", f"'{name}' needs a field, for example {name}.{'employees' if name == 'company' else 'cost'}")
            return lambda s: None
        elif name in FUNCTIONS or name in SPECIAL_FORMS:
            self.problem(node, "function-not-called", f"'{name}' is a function; call it with ( )")
            return lambda s: None
        else:
            if name == "amount":
                hint = "the amount can only be read in conditions, after it is computed"
            else:
                hint = self.suggest(name, self.symbols.all_names())
            self.problem(node, "unknown-name", f"unknown name '{name}'", hint)
            return lambda s: None
        if not self.suppress:
            self.reads.setdefault(name, getter)
        return getter

    def c_Attribute(self, node: ast.Attribute, depth: int) -> Getter:
        probe, chain = attribute_chain(node)
        if not isinstance(probe, ast.Name) or probe.id not in ROOTS:
            self.problem(node, "syntax-not-allowed", "only profile fields can be read with a dot "
                         "(company.employees, project.cost)", "use table[key] for a parameter table")
            return lambda s: None
        root = probe.id
        for part in chain:
            if part.startswith("_"):
                self.problem(node, "syntax-not-allowed", f"names starting with '_' are not allowed: '{part}'")
                return lambda s: None
        dotted = ".".join([root, *chain])
        if dotted not in self.symbols.fields:
            known = [f for f in self.symbols.fields if f.startswith(root + ".")]
            self.problem(node, "unknown-name", f"unknown profile field '{dotted}'", self.suggest(dotted, known))
            return lambda s: None
        fields = tuple(chain)

        if len(fields) == 1 and root == "company":
            def getter(s: Any, field: str = fields[0], path: frozenset[str] = frozenset([dotted])) -> Any:
                value = s.company.get(field)
                if value is None:
                    raise Missing(path)
                return value
            self.reads.setdefault(dotted, getter)
            return getter
        if len(fields) == 1:
            def getter(s: Any, field: str = fields[0]) -> Any:
                value = s.project.get(field)
                if value is None:
                    raise Missing(frozenset([f"projects[{s.project_index}].{field}"]))
                return value
            self.reads.setdefault(dotted, getter)
            return getter

        def getter(s: Any, fields: tuple[str, ...] = fields, root: str = root) -> Any:  # type: ignore[misc]
            value = getattr(s, root)
            for i, part in enumerate(fields):
                value = value.get(part) if isinstance(value, dict) else None
                if value is None:
                    head = "company" if root == "company" else f"projects[{s.project_index}]"
                    raise Missing(frozenset([head + "." + ".".join(fields[: i + 1])]))
            return value
        self.reads.setdefault(dotted, getter)
        return getter

    def c_List(self, node: ast.List, depth: int) -> Getter:
        items = [self.compile(e, depth) for e in node.elts]
        return lambda s, items=items: [item(s) for item in items]

    c_Tuple = c_List

    def c_Subscript(self, node: ast.Subscript, depth: int) -> Getter:
        if isinstance(node.value, ast.Attribute):
            self.problem(node, "syntax-not-allowed", "profile fields are read with a dot, not with [ ]",
                         "write project.consortium.independent_companies")
            return lambda s: None
        table_name = isinstance(node.value, (ast.Name, ast.Subscript))
        self.suppress += table_name
        value = self.compile(node.value, depth)
        self.suppress -= table_name
        outer, self.suppress = self.suppress, 0
        key = self.compile(node.slice, depth)
        self.suppress = outer
        shown = ast.unparse(node)

        def getter(s: Any) -> Any:
            table = value(s)
            index = key(s)
            if table.__class__ is dict and index.__class__ is str:
                try:
                    return table[index]
                except KeyError:
                    pass
            return table_lookup(table, index, shown)
        if table_name and not self.suppress:
            self.reads.setdefault(shown, getter)
        return getter

    # -- operators --------------------------------------------------------------
    def c_BoolOp(self, node: ast.BoolOp, depth: int) -> Getter:
        operands = [self.compile(v, depth) for v in node.values]
        decisive = isinstance(node.op, ast.Or)  # the value that settles the result
        if len(operands) == 2:
            first, second = operands

            def pair(s: Any) -> bool:
                try:
                    a = first(s)
                except Missing as exc:
                    try:
                        b = second(s)
                    except Missing as other:
                        raise Missing(exc.paths | other.paths) from None
                    if b is decisive:
                        return decisive
                    if b.__class__ is not bool:
                        _fail(f"'and'/'or' need true or false, found {_kind(b)} {b!r}")
                    raise
                if a is decisive:
                    return decisive
                if a.__class__ is not bool:
                    _fail(f"'and'/'or' need true or false, found {_kind(a)} {a!r}")
                b = second(s)
                if b.__class__ is not bool:
                    _fail(f"'and'/'or' need true or false, found {_kind(b)} {b!r}")
                return b
            return pair

        def getter(s: Any) -> bool:
            missing: frozenset[str] = frozenset()
            for operand in operands:
                try:
                    value = operand(s)
                except Missing as exc:
                    missing |= exc.paths
                    continue
                if not isinstance(value, bool):
                    _fail(f"'and'/'or' need true or false, found {_kind(value)} {value!r}")
                if value is decisive:
                    return decisive
            if missing:
                raise Missing(missing)
            return not decisive
        return getter

    def c_UnaryOp(self, node: ast.UnaryOp, depth: int) -> Getter:
        operand = self.compile(node.operand, depth)
        if isinstance(node.op, ast.Not):
            def negate(s: Any) -> bool:
                value = operand(s)
                if not isinstance(value, bool):
                    _fail(f"'not' needs true or false, found {_kind(value)}")
                return not value
            return negate
        if isinstance(node.op, (ast.USub, ast.UAdd)):
            minus = isinstance(node.op, ast.USub)

            def signed(s: Any) -> Any:
                value = operand(s)
                if not _is_number(value):
                    _fail(f"a sign needs a number, found {_kind(value)}")
                return -value if minus else +value
            return signed
        self.problem(node, "syntax-not-allowed", "this operator is not allowed in rule expressions")
        return lambda s: None

    def c_BinOp(self, node: ast.BinOp, depth: int) -> Getter:
        if type(node.op) not in (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.Mod):
            self.problem(node, "syntax-not-allowed", "only + - * / % and ** are allowed as arithmetic")
            return lambda s: None
        left = self.compile(node.left, depth)
        right = self.compile(node.right, depth)
        apply = _arith(type(node.op))
        return lambda s: apply(left(s), right(s))

    def c_Compare(self, node: ast.Compare, depth: int) -> Getter:
        if any(type(op) not in _COMPARE for op in node.ops):
            self.problem(node, "syntax-not-allowed", "'is' is not allowed; use == or !=")
            return lambda s: None
        first = self.compile(node.left, depth)
        rest = [(type(op), _COMPARE[type(op)], self.compile(c, depth)) for op, c in zip(node.ops, node.comparators)]

        membership = len(rest) == 1 and rest[0][0] in (ast.In, ast.NotIn)
        if len(rest) == 1 and rest[0][0] in (ast.Eq, ast.NotEq):
            right_of, equal = rest[0][2], rest[0][0] is ast.Eq

            def equality(s: Any) -> bool:
                return (first(s) == right_of(s)) is equal
            return equality
        if len(rest) == 1 and rest[0][0] in _ORDERING:
            kind_op, compare_op, right_getter = rest[0]

            def ordering(s: Any) -> bool:
                left, right = first(s), right_getter(s)
                lt, rt = left.__class__, right.__class__
                if not ((lt is rt and lt in _ORDERABLE) or (lt in _NUMBERS and rt in _NUMBERS)):
                    _fail(f"cannot compare {_kind(left)} {left!r} with {_kind(right)} {right!r}")
                return compare_op(left, right)
            return ordering

        def getter(s: Any) -> bool:
            try:
                left = first(s)
            except Missing:
                # an unknown value is in no empty list: 'x in []' is false whatever x is
                if membership and rest[0][2](s) in ([], {}):
                    return rest[0][0] is ast.NotIn
                raise
            for kind, compare, right_getter in rest:
                right = right_getter(s)
                if kind in _ORDERING and not (
                    (_is_number(left) and _is_number(right)) or type(left) is type(right)
                    and isinstance(left, (str, _dt.date))
                ):
                    _fail(f"cannot compare {_kind(left)} {left!r} with {_kind(right)} {right!r}")
                if kind in (ast.In, ast.NotIn) and not isinstance(right, (list, dict)):
                    _fail(f"'in' needs a list on its right, found {_kind(right)}")
                try:
                    if not compare(left, right):
                        return False
                except TypeError as exc:
                    raise ExpressionRuntimeError(f"cannot compare {_kind(left)} with {_kind(right)}") from exc
                left = right
            return True
        return getter

    def c_IfExp(self, node: ast.IfExp, depth: int) -> Getter:
        test = self.compile(node.test, depth)
        body = self.compile(node.body, depth)
        orelse = self.compile(node.orelse, depth)

        def getter(s: Any) -> Any:
            choice = test(s)
            if not isinstance(choice, bool):
                _fail(f"the condition of 'if' must be true or false, found {_kind(choice)}")
            return body(s) if choice else orelse(s)
        return getter

    def c_Call(self, node: ast.Call, depth: int) -> Getter:
        if not isinstance(node.func, ast.Name):
            self.problem(node, "syntax-not-allowed", "only the engine's functions can be called, by name")
            return lambda s: None
        name = node.func.id
        if name in SPECIAL_FORMS:
            if len(node.args) != 1 or node.keywords:
                self.problem(node, "function-arguments", f"{name}() takes exactly one fact")
                return lambda s: None
            inner = self.compile(node.args[0], depth)

            def given(s: Any) -> bool:
                try:
                    inner(s)
                except Missing:
                    return False
                return True
            return given
        function = FUNCTIONS.get(name)
        if function is None:
            self.problem(node, "unknown-function", f"unknown function '{name}'",
                         self.suggest(name, sorted(FUNCTIONS) + sorted(SPECIAL_FORMS)))
            return lambda s: None
        low, high = function.arity
        if len(node.args) < low or (high is not None and len(node.args) > high):
            expected = str(low) if low == high else (f"at least {low}" if high is None else f"{low} to {high}")
            self.problem(node, "function-arguments",
                         f"{name}() takes {expected} arguments, found {len(node.args)}", f"{name}: {function.doc}")
            return lambda s: None
        args = [self.compile(a, depth) for a in node.args]
        keywords: dict[str, Getter] = {}
        for keyword in node.keywords:
            if keyword.arg is None:
                self.problem(node, "syntax-not-allowed", "unpacking (**) is not allowed in rule expressions")
                continue
            if keyword.arg not in function.keywords:
                allowed = ", ".join(function.keywords) or "none"
                close = difflib.get_close_matches(keyword.arg, list(function.keywords), n=1)
                self.problem(keyword, "function-arguments",
                             f"{name}() has no option '{keyword.arg}' (options: {allowed})",
                             f"did you mean '{close[0]}'?" if close else None)
                continue
            if keyword.arg in keywords:
                self.problem(keyword, "function-arguments", f"{name}() is given the option '{keyword.arg}' twice")
                continue
            keywords[keyword.arg] = self.compile(keyword.value, depth)
            if keyword.arg == "measure" and isinstance(keyword.value, ast.Constant) and self.symbols.measure_ids \
                    and keyword.value.value not in self.symbols.measure_ids:
                self.problem(keyword.value, "unknown-measure", f"unknown measure '{keyword.value.value}'",
                             self.suggest(str(keyword.value.value), sorted(self.symbols.measure_ids)))
        impl = function.impl
        shown = name

        if function.needs_scope:
            def call(s: Any) -> Any:
                try:
                    return impl(s, *[a(s) for a in args], **{k: v(s) for k, v in keywords.items()})
                except FunctionError as exc:
                    raise ExpressionRuntimeError(f"{shown}(): {exc}") from exc
            self.reads.setdefault(ast.unparse(node), call)
            return call
        if function.pure and all(isinstance(a, ast.Constant) for a in node.args) and not keywords:
            try:
                value = impl(*[a(None) for a in args])
            except FunctionError as exc:
                self.problem(node, "function-arguments", f"{name}(): {exc}")
                return lambda s: None
            return lambda s, v=value: v

        def call_plain(s: Any) -> Any:
            try:
                return impl(*[a(s) for a in args])
            except FunctionError as exc:
                raise ExpressionRuntimeError(f"{shown}(): {exc}") from exc
        return call_plain


def parse_quietly(text: str) -> ast.Expression:
    """``ast.parse`` in eval mode, with Python's syntax warnings (``1if``, ``0not``) raised as SyntaxError,
    so such an expression is always refused, and nothing is printed whatever the warning filters are."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", SyntaxWarning)
        return ast.parse(text, mode="eval")


def compile_expression(source: str, symbols: Symbols) -> tuple[Expression | None, list[Problem]]:
    """Check and compile one expression.

    Args:
        source: the expression text.
        symbols: the names it may use.

    Returns:
        The compiled expression (None when it has problems) and the problems found.
    """
    flat = source.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    lead = len(flat) - len(flat.lstrip())
    try:
        tree = parse_quietly(flat[lead:])
    except SyntaxError as exc:
        column = (exc.offset + lead if exc.offset and exc.offset + lead <= len(source) + 1
                  else len(source.rstrip()) + 1)
        before = source[: max(column - 1, 0)]
        line = before.count("\n") + 1
        column = column - (before.rfind("\n") + 1)
        hint = None
        if "=" in source and "==" not in source and "<=" not in source and ">=" not in source:
            hint = "to compare, write == (two equals signs)"
        elif "&&" in source or "||" in source:
            hint = "write 'and' and 'or' instead of && and ||"
        message = (exc.msg or "invalid syntax").replace("invalid syntax. Perhaps you forgot a comma?", "invalid syntax")
        return None, [Problem("expression-syntax", f"the expression cannot be read: {message}", line,
                              max(column, 1), hint)]
    except (RecursionError, MemoryError, ValueError):
        return None, [Problem("expression-size", "the expression is too large or too deeply nested", 1, 1)]
    compiler = _Compiler(source, symbols, lead)
    try:
        getter = compiler.compile(tree.body)
    except _Abort:
        return None, compiler.problems
    except RecursionError:
        return None, [Problem("expression-size", "the expression is nested too deeply", 1, 1)]
    if compiler.problems:
        return None, compiler.problems
    expression = Expression(
        source=source,
        evaluate=getter,
        reads=tuple(compiler.reads.items()),
        parameters=frozenset(compiler.parameters),
        facts=frozenset(compiler.facts),
        uses_amount=compiler.uses_amount,
        tree=tree.body,
        lead=lead,
    )
    if not _USE_CLOSURES:
        object.__setattr__(expression, "evaluate", _lazy_generated(expression, symbols, getter))
    return expression, []


def _lazy_generated(expression: Expression, symbols: Symbols, closures: Getter) -> Getter:
    """An evaluate that runs the closures for the first calls, then generates the expression's code
    and puts it in its own place.

    Generating and compiling Python source costs a little per expression; it pays off only for
    expressions evaluated many times (batches, tests), so a single `evaluate` starts as fast as
    without it.
    """
    calls = [0]

    def first_call(s: Any) -> Any:
        calls[0] += 1
        if calls[0] < 16:
            return closures(s)
        from .codegen import generate

        try:
            function = generate(expression.tree, symbols, expression.source)
        except Exception:  # noqa: BLE001 - too deep or too large for Python's compiler: the closures serve
            function = closures
        object.__setattr__(expression, "evaluate", function)
        return function(s)
    return first_call


def profile_fields(profile_schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every dotted field path under company and project, from the profile schema."""
    defs = profile_schema["$defs"]

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            ref = node["$ref"]
            node = {**defs[ref.rsplit("/", 1)[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    fields: dict[str, dict[str, Any]] = {}

    def walk(prefix: str, node: dict[str, Any]) -> None:
        node = resolve(node)
        for key, sub in node.get("properties", {}).items():
            sub = resolve(sub)
            path = f"{prefix}.{key}"
            fields[path] = sub
            if sub.get("type") == "object":
                walk(path, sub)

    walk("company", defs["company"])
    walk("project", defs["project"])
    return fields
