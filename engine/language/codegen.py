"""Generated Python code for rule expressions: the fast path of evaluation.

:mod:`engine.language.compiler` checks an expression against the allow-list and the
names the rule set knows, and builds closures (still used for explanations). This
module turns the same checked syntax tree into the source of one Python function
per expression, compiled once with no builtins, so that evaluating a condition is
one call instead of one closure call per syntax node. The generated code keeps
the closures' semantics exactly: three-valued ``and``/``or`` (an absent fact
raises :class:`Missing` unless the other side decides), "an unknown value is in no
empty list", the same kind checks, and the same number bound.

Only trees that passed the compiler's checks reach this module, so the generated
source can only contain what the allow-list permits; names are looked up through
the scope object, never through globals a rule author could influence.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, cast

from .expression import ROOTS, Symbols, attribute_chain
from .functions import FUNCTIONS, FunctionError
from .runtime import (
    MAX_MAGNITUDE,
    NUMBERS,
    ORDERABLE,
    ExpressionRuntimeError,
    Missing,
    arithmetic,
    fail,
    kind_name,
    table_lookup,
)

_NOKEY = object()
MAX_SOURCE = 200_000  # characters of generated code per expression; beyond it the closures serve
_CMP = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}


def _need_bool(value: Any, what: str) -> None:
    """The closures' exact messages (engine.language.closures), so both paths fail alike."""
    if value.__class__ is not bool:
        if what == "not":
            fail(f"'not' needs true or false, found {kind_name(value)}")
        if what == "if":
            fail(f"the condition of 'if' must be true or false, found {kind_name(value)}")
        fail(f"'and'/'or' need true or false, found {kind_name(value)} {value!r}")


def _need_numbers(a: Any, b: Any, symbol: str) -> None:
    fail(f"'{symbol}' needs two numbers, found {kind_name(a)} and {kind_name(b)}")


def _too_large(value: Any) -> None:
    fail(f"the number {value} is too large")


def _cannot_compare(a: Any, b: Any) -> None:
    fail(f"cannot compare {kind_name(a)} {a!r} with {kind_name(b)} {b!r}")


def _member(value: Any, collection: Any, negate: bool) -> bool:
    if not isinstance(collection, (list, dict)):
        fail(f"'in' needs a list on its right, found {kind_name(collection)}")
    try:
        return (value in collection) is not negate
    except TypeError as exc:
        raise ExpressionRuntimeError(f"cannot compare {kind_name(value)} with {kind_name(collection)}") from exc


def _negate(value: Any) -> Any:
    if value.__class__ not in NUMBERS:
        fail(f"a sign needs a number, found {kind_name(value)}")
    return -value


def _plus(value: Any) -> Any:
    if value.__class__ not in NUMBERS:
        fail(f"a sign needs a number, found {kind_name(value)}")
    return +value


_RUNTIME: dict[str, Any] = {
    "__builtins__": {},
    "_Missing": Missing,
    "_ERE": ExpressionRuntimeError,
    "_FunctionError": FunctionError,
    "_fail": fail,
    "_need_bool": _need_bool,
    "_need_numbers": _need_numbers,
    "_too_large": _too_large,
    "_cannot_compare": _cannot_compare,
    "_lookup": table_lookup,
    "_member": _member,
    "_negate": _negate,
    "_plus": _plus,
    "_NOKEY": _NOKEY,
    "_NUM": NUMBERS,
    "_ORD": ORDERABLE,
    "_MAX": MAX_MAGNITUDE,
    "_frozenset": frozenset,
    "_dict": dict,
    "_str": str,
    "_bool": bool,
    "_list": list,
    "_div": arithmetic(ast.Div),
    "_mod": arithmetic(ast.Mod),
    "_pow": arithmetic(ast.Pow),
}


class _Emitter:
    """Turns a checked expression tree into statements and a final expression, in Python source."""

    def __init__(self, symbols: Symbols):
        self.symbols = symbols
        self.constants: dict[str, Any] = {}
        self.count = 0

    def temp(self) -> str:
        self.count += 1
        return f"_t{self.count}"

    def constant(self, value: Any) -> str:
        name = f"_k{len(self.constants)}"
        self.constants[name] = value
        return name

    def materialize(self, stmts: list[str], expr: str) -> str:
        """Evaluate ``expr`` now into a temporary (so later statements keep the evaluation order)."""
        if expr.isidentifier() or expr in ("True", "False"):
            return expr
        name = self.temp()
        stmts.append(f"{name} = {expr}")
        return name

    # -- dispatch ---------------------------------------------------------------------------
    def emit(self, node: ast.AST) -> tuple[list[str], str]:
        return getattr(self, "e_" + type(node).__name__)(node)

    def operands(self, nodes: Sequence[ast.AST]) -> tuple[list[str], list[str]]:
        """Emit several operands left to right, materialising each when any later one has statements."""
        stmts: list[str] = []
        exprs: list[str] = []
        parts = [self.emit(n) for n in nodes]
        for i, (inner, expr) in enumerate(parts):
            stmts += inner
            later = any(p[0] for p in parts[i + 1 :])
            exprs.append(self.materialize(stmts, expr) if later else expr)
        return stmts, exprs

    # -- leaves -----------------------------------------------------------------------------
    def e_Constant(self, node: ast.Constant) -> tuple[list[str], str]:
        value = node.value
        if isinstance(value, bool):
            return [], repr(value)
        if isinstance(value, float):
            return [], self.constant(Decimal(repr(value)))
        return [], self.constant(value)

    def e_Name(self, node: ast.Name) -> tuple[list[str], str]:
        name = node.id
        if name in ("true", "false"):
            return [], "True" if name == "true" else "False"
        if name == "amount" and self.symbols.allow_amount:
            return [], "s.amount"
        if name in self.symbols.parameters:
            return [], f"s.params[{name!r}]"
        return [], f"s.fact({name!r})"

    def e_Attribute(self, node: ast.Attribute) -> tuple[list[str], str]:
        probe, chain = attribute_chain(node)
        root = probe.id  # type: ignore[attr-defined]
        assert root in ROOTS
        stmts: list[str] = []
        current = f"s.{root}"
        for i, part in enumerate(chain):
            value = self.temp()
            stmts.append(f"{value} = {current}.get({part!r}) if {current}.__class__ is _dict else None")
            suffix = ".".join(chain[: i + 1])
            if root == "company":
                path = self.constant(frozenset([f"company.{suffix}"]))
                stmts.append(f"if {value} is None: raise _Missing({path})")
            else:
                stmts.append(
                    f"if {value} is None: raise _Missing(_frozenset("
                    f"['projects[' + _str(s.project_index) + '].{suffix}']))"
                )
            current = value
        return stmts, current

    def e_List(self, node: ast.List) -> tuple[list[str], str]:
        stmts, exprs = self.operands(list(node.elts))
        return stmts, "[" + ", ".join(exprs) + "]"

    e_Tuple = e_List

    def e_Subscript(self, node: ast.Subscript) -> tuple[list[str], str]:
        stmts, (table, key) = self.operands([node.value, node.slice])
        table = self.materialize(stmts, table)
        key = self.materialize(stmts, key)
        shown = self.constant(ast.unparse(node))
        result = self.temp()
        stmts.append(
            f"{result} = {table}.get({key}, _NOKEY) if {table}.__class__ is _dict and "
            f"{key}.__class__ is _str else _NOKEY"
        )
        stmts.append(f"if {result} is _NOKEY: {result} = _lookup({table}, {key}, {shown})")
        return stmts, result

    # -- operators --------------------------------------------------------------------------
    def e_BoolOp(self, node: ast.BoolOp) -> tuple[list[str], str]:
        decisive = "True" if isinstance(node.op, ast.Or) else "False"
        result, missing = self.temp(), self.temp()
        stmts = [f"{result} = None", f"{missing} = None"]
        body = stmts
        for value in node.values:
            inner, expr = self.emit(value)
            operand = self.temp()
            body.append("try:")
            body += ["    " + line for line in inner]
            body.append(f"    {operand} = {expr}")
            body.append("except _Missing as _e:")
            body.append(f"    {missing} = _e.paths if {missing} is None else {missing} | _e.paths")
            body.append(f"    {operand} = None")
            body.append(
                f"if {operand}.__class__ is not _bool and {operand} is not None: _need_bool({operand}, 'and/or')"
            )
            body.append(f"if {operand} is {decisive}:")
            body.append(f"    {result} = {decisive}")
            body.append("else:")
            nested: list[str] = []
            body.append(nested)  # type: ignore[arg-type]
            body = nested
        body.append(f"if {missing} is not None: raise _Missing({missing})")
        body.append(f"{result} = {'False' if decisive == 'True' else 'True'}")
        return _flatten(stmts), result

    def e_UnaryOp(self, node: ast.UnaryOp) -> tuple[list[str], str]:
        stmts, expr = self.emit(node.operand)
        value = self.materialize(stmts, expr)
        if isinstance(node.op, ast.Not):
            stmts.append(f"if {value}.__class__ is not _bool: _need_bool({value}, 'not')")
            return stmts, f"(not {value})"
        return stmts, (f"_negate({value})" if isinstance(node.op, ast.USub) else f"_plus({value})")

    def e_BinOp(self, node: ast.BinOp) -> tuple[list[str], str]:
        stmts, (left, right) = self.operands([node.left, node.right])
        left = self.materialize(stmts, left)
        right = self.materialize(stmts, right)
        op = type(node.op)
        if op in (ast.Div, ast.Mod, ast.Pow):
            name = {ast.Div: "_div", ast.Mod: "_mod", ast.Pow: "_pow"}[op]
            return stmts, f"{name}({left}, {right})"
        symbol = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*"}[op]
        result = self.temp()
        stmts.append(
            f"if {left}.__class__ not in _NUM or {right}.__class__ not in _NUM: "
            f"_need_numbers({left}, {right}, {symbol!r})"
        )
        stmts.append(f"{result} = {left} {symbol} {right}")
        stmts.append(f"if not (-_MAX <= {result} <= _MAX): _too_large({result})")
        return stmts, result

    def e_IfExp(self, node: ast.IfExp) -> tuple[list[str], str]:
        stmts, test = self.emit(node.test)
        test = self.materialize(stmts, test)
        result = self.temp()
        stmts.append(f"if {test}.__class__ is not _bool: _need_bool({test}, 'if')")
        body, body_expr = self.emit(node.body)
        other, other_expr = self.emit(node.orelse)
        stmts.append(f"if {test}:")
        stmts += ["    " + line for line in body] + [f"    {result} = {body_expr}"]
        stmts.append("else:")
        stmts += ["    " + line for line in other] + [f"    {result} = {other_expr}"]
        return stmts, result

    def e_Compare(self, node: ast.Compare) -> tuple[list[str], str]:
        if len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)):
            return self.membership(node)
        if len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
            stmts, (left, right) = self.operands([node.left, node.comparators[0]])
            return stmts, f"({left} {_CMP[type(node.ops[0])]} {right})"
        result = self.temp()
        stmts = [f"{result} = False"]
        inner, left_expr = self.emit(node.left)
        stmts += inner
        left = self.materialize(stmts, left_expr)
        block = stmts
        for op, comparator in zip(node.ops, node.comparators):
            code, right_expr = self.emit(comparator)
            block += code
            right = self.materialize(block, right_expr)
            if isinstance(op, (ast.In, ast.NotIn)):
                test = f"_member({left}, {right}, {isinstance(op, ast.NotIn)})"
            elif isinstance(op, (ast.Eq, ast.NotEq)):
                test = f"({left} {_CMP[type(op)]} {right})"
            else:
                block.append(
                    f"if not (({left}.__class__ is {right}.__class__ and {left}.__class__ in _ORD) or "
                    f"({left}.__class__ in _NUM and {right}.__class__ in _NUM)): "
                    f"_cannot_compare({left}, {right})"
                )
                test = f"({left} {_CMP[type(op)]} {right})"
            block.append(f"if {test}:")
            nested: list[str] = []
            block.append(nested)  # type: ignore[arg-type]
            block = nested
            left = right
        block.append(f"{result} = True")
        return _flatten(stmts), result

    def membership(self, node: ast.Compare) -> tuple[list[str], str]:
        negate = isinstance(node.ops[0], ast.NotIn)
        result, pending = self.temp(), self.temp()
        left_code, left_expr = self.emit(node.left)
        right_code, right_expr = self.emit(node.comparators[0])
        left, right = self.temp(), self.temp()
        stmts = [f"{pending} = None", "try:"] + ["    " + line for line in left_code]
        stmts += [f"    {left} = {left_expr}", "except _Missing as _e:", f"    {pending} = _e"]
        stmts += right_code + [f"{right} = {right_expr}"]
        stmts += [
            f"if {pending} is not None:",
            f"    if {right} == [] or {right} == {{}}: {result} = {negate}",  # unknown is in no empty list
            f"    else: raise {pending}",
            "else:",
            f"    {result} = _member({left}, {right}, {negate})",
        ]
        return stmts, result

    def e_Call(self, node: ast.Call) -> tuple[list[str], str]:
        name = node.func.id  # type: ignore[attr-defined]
        if name == "given":
            inner, expr = self.emit(node.args[0])
            result = self.temp()
            stmts = (
                ["try:"]
                + ["    " + line for line in inner]
                + [f"    {expr}" if not expr.isidentifier() else "    pass"]
            )
            stmts += ["except _Missing:", f"    {result} = False", "else:", f"    {result} = True"]
            return stmts, result
        function = FUNCTIONS[name]
        nodes = list(node.args) + [k.value for k in node.keywords]
        stmts, exprs = self.operands(nodes)
        positional = exprs[: len(node.args)]
        keywords = [f"{k.arg}={e}" for k, e in zip(node.keywords, exprs[len(node.args) :])]
        impl = self.constant(function.impl)
        if function.pure and not node.keywords and all(isinstance(a, ast.Constant) for a in node.args):
            constants = cast(list[ast.Constant], node.args)
            value = function.impl(
                *[a.value if not isinstance(a.value, float) else Decimal(repr(a.value)) for a in constants]
            )
            return [], self.constant(value)
        arguments = (["s"] if function.needs_scope else []) + positional + keywords
        result = self.temp()
        stmts += [
            "try:",
            f"    {result} = {impl}({', '.join(arguments)})",
            "except _FunctionError as _e:",
            f"    raise _ERE({name + '(): '!r} + _str(_e)) from _e",
        ]
        return stmts, result


def _flatten(lines: list[Any], indent: str = "") -> list[str]:
    """Nested statement lists (a list stands for the body of the line before it) as indented lines."""
    out: list[str] = []
    for line in lines:
        if isinstance(line, list):
            out += _flatten(line, indent + "    ")
        else:
            out.append(indent + line)
    return out


def generate(tree: ast.expr, symbols: Symbols, source: str) -> Callable[[Any], Any]:
    """Compile a checked expression tree into one Python function of the scope."""
    emitter = _Emitter(symbols)
    stmts, expr = emitter.emit(tree)
    body = stmts + [f"return {expr}"]
    if sum(len(line) for line in body) > MAX_SOURCE:
        raise MemoryError(f"generated code for '{source[:60]}' would exceed {MAX_SOURCE} characters")
    code = ["def _expression(s):", "    try:"]
    code += ["        " + line for line in body]
    code += ["    except _FunctionError as _e:", "        raise _ERE(_str(_e)) from _e"]
    namespace = {**_RUNTIME, **emitter.constants}
    exec(compile("\n".join(code), f"<rule expression: {source[:60]}>", "exec"), namespace)  # checked tree only
    return namespace["_expression"]
