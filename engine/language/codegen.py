"""Generated Python code for rule expressions: the fast path of evaluation.

:mod:`engine.language.compiler` checks an expression against the allow-list and the names the rule set knows, and
builds closures (still used for explanations). This module turns the same checked syntax tree into the source of one
Python function per expression, compiled once with no builtins, so that evaluating a condition is one call instead
of one closure call per syntax node. It follows the rules of :mod:`engine.language.runtime`, as the closures do: it
calls the runtime's functions for three-valued ``and``/``or``, signs, ``/ % **``, membership, fields, lookups and
calls, and inlines only the quick paths (``+ - *`` on two numbers within the bound, an ordering of two comparable
values, a field or entry that is there, the answer a function gives for an empty list,
:attr:`~engine.language.functions.Function.empty`), built from the runtime's constants; anything else, and every
error, is the runtime's. A fact, a parameter or a parameter's entry by written keys that one expression reads more
than once is read through the scope the first time it is reached and kept in a local (an unknown one is asked
again).

Only trees that passed the compiler's checks reach this module, so the generated source can only contain what the
allow-list permits; names are looked up through the scope object, never through globals a rule author could
influence.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from . import runtime
from .expression import ROOTS, Symbols, attribute_chain
from .functions import FUNCTIONS, NO_SHORTCUT, FunctionError
from .runtime import SYMBOLS, literal

_NOKEY = object()
MAX_SOURCE = 200_000  # characters of generated code per expression; beyond it the closures serve

# The name in generated code of the runtime's function for each operator: the fast paths inlined for
# + - * and the orderings fall back on them, and every error comes from them.
_OPERATORS: dict[type[ast.AST], str] = {
    ast.Add: "_add",
    ast.Sub: "_sub",
    ast.Mult: "_mul",
    ast.Div: "_div",
    ast.Mod: "_mod",
    ast.Pow: "_pow",
    ast.Lt: "_lt",
    ast.LtE: "_le",
    ast.Gt: "_gt",
    ast.GtE: "_ge",
}

# The globals of generated code: no builtins, only the runtime (engine.language.runtime) and a few types.
RUNTIME: dict[str, Any] = {
    "__builtins__": {},
    "_Missing": runtime.Missing,
    "_FunctionError": FunctionError,
    "_truth": runtime.truth,
    "_unknown": runtime.unknown,
    "_undecided": runtime.undecided,
    "_not": runtime.logical_not,
    "_condition": runtime.condition,
    "_negative": runtime.negative,
    "_positive": runtime.positive,
    "_absent": runtime.absent,
    "_lookup": runtime.table_lookup,
    "_member": runtime.membership,
    "_unknown_member": runtime.unknown_member,
    "_call_failed": runtime.call_failed,
    "_NOKEY": _NOKEY,
    "_LOOKUP_FAILED": (KeyError, TypeError),  # a text key that is not in the table, or a value that is no table
    "_NUM": runtime.NUMBERS,
    "_COMPARABLE": runtime.COMPARABLE,
    "_MAX": runtime.MAX_MAGNITUDE,
    "_MIN": -runtime.MAX_MAGNITUDE,  # not negated again for every result
    "_dict": dict,
    "_list": list,
    "_str": str,
    "_bool": bool,
    **{name: runtime.arithmetic(op) for op, name in _OPERATORS.items() if issubclass(op, ast.operator)},
    **{name: runtime.comparator(op) for op, name in _OPERATORS.items() if issubclass(op, ast.cmpop)},
}


_NOT_READ = frozenset(("true", "false", "amount", *ROOTS))  # names that are no fact or parameter read


class _Emitter:
    """Turns a checked expression tree into statements and a final expression, in Python source."""

    def __init__(self, symbols: Symbols, tag: str = "", shared: Mapping[str, str] | None = None):
        self.symbols = symbols
        self.tag = tag  # in the names of temporaries and constants: code of several expressions in one function
        self.constants: dict[str, Any] = {}
        self.count = 0
        # the code of values that are true or false whatever they read (comparisons, and/or, not, given()):
        # the checks that an operand is a boolean are left out for them
        self.booleans: set[str] = set()
        # the names read more than once (facts and parameters): each is read into a local on first use and
        # the local read after that (``_NOKEY`` until then), instead of a call of the scope every time; ``shared``:
        # such locals of the function the code is written in (:func:`inline`), started there
        self.shared = shared or {}
        self.repeated: dict[str, str] = dict(self.shared)

    def remember(self, tree: ast.AST) -> list[str]:
        """Give each fact or parameter that ``tree`` reads more than once a local; the statements that start
        them as not read yet."""
        counts: dict[str, int] = {}
        called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and id(node) not in called and node.id not in _NOT_READ:
                counts[node.id] = counts.get(node.id, 0) + 1
            elif isinstance(node, ast.Subscript) and self.fixed(node):
                shown = ast.unparse(node)
                counts[shown] = counts.get(shown, 0) + 1
        for name, count in counts.items():
            if count > 1 and name not in self.shared:
                self.repeated[name] = self.temp()
        return [f"{local} = _NOKEY" for name, local in self.repeated.items() if name not in self.shared]

    def fixed(self, node: ast.AST) -> bool:
        """Whether ``node`` is an entry of a parameter's table by keys written out (``a['b']['c']``): the same
        value wherever the expression reads it."""
        while isinstance(node, ast.Subscript):
            if not isinstance(node.slice, ast.Constant):
                return False
            node = node.value
        return isinstance(node, ast.Name) and node.id in self.symbols.parameters

    def temp(self) -> str:
        self.count += 1
        return f"_t{self.tag}{self.count}"

    def constant(self, value: Any) -> str:
        name = f"_k{self.tag}{len(self.constants)}"
        self.constants[name] = value
        return name

    def materialize(self, stmts: list[str], expr: str) -> str:
        """Evaluate ``expr`` now into a temporary (so later statements keep the evaluation order)."""
        if expr.isidentifier() or expr in ("True", "False"):
            return expr
        name = self.temp()
        stmts.append(f"{name} = {expr}")
        if expr in self.booleans:
            self.booleans.add(name)
        return name

    # -- dispatch ---------------------------------------------------------------------------
    def emit(self, node: ast.AST) -> tuple[list[str], str]:
        stmts, expr = getattr(self, "e_" + type(node).__name__)(node)
        if _boolean(node):
            self.booleans.add(expr)
        return stmts, expr

    def check(self, expr: str, runtime_check: str) -> list[str]:
        """The statement handing ``expr`` to the runtime's ``runtime_check`` unless it is a boolean (none if always)."""
        if expr in self.booleans or expr in ("True", "False"):
            return []
        return [f"if {expr}.__class__ is not _bool: {runtime_check}({expr})"]

    def constant_class(self, expr: str) -> type | None:
        """The class of ``expr`` when it is a constant of the expression, else None."""
        return self.constants[expr].__class__ if expr in self.constants else None

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
        return [], self.constant(literal(value))

    def e_Name(self, node: ast.Name) -> tuple[list[str], str]:
        name = node.id
        if name in ("true", "false"):
            return [], "True" if name == "true" else "False"
        if name == "amount" and self.symbols.allow_amount:
            return [], "s.amount"
        read = f"s.params[{name!r}]" if name in self.symbols.parameters else f"s.fact({name!r})"
        local = self.repeated.get(name)
        if local is None:
            return [], read
        return [f"if {local} is _NOKEY: {local} = {read}"], local

    def e_Attribute(self, node: ast.Attribute) -> tuple[list[str], str]:
        probe, chain = attribute_chain(node)
        root = probe.id  # type: ignore[attr-defined]
        assert root in ROOTS
        stmts: list[str] = []
        current = f"s.{root}"
        fields = tuple(chain)
        for i, part in enumerate(chain):
            value = self.temp()
            stmts.append(f"{value} = {_part(current, part, i)}")
            # absent: the runtime names the first absent part (a company field's name is known now)
            if root == "company":
                paths = self.constant(runtime.absent(-1, fields, i))
            else:
                paths = f"_absent(s.project_index, {self.constant(fields)}, {i})"
            stmts.append(f"if {value} is None: raise _Missing({paths})")
            current = value
        return stmts, current

    def e_List(self, node: ast.List) -> tuple[list[str], str]:
        stmts, exprs = self.operands(list(node.elts))
        return stmts, "[" + ", ".join(exprs) + "]"

    e_Tuple = e_List

    def e_Subscript(self, node: ast.Subscript) -> tuple[list[str], str]:
        local = self.repeated.get(ast.unparse(node)) if self.fixed(node) else None
        if local is None:
            return self.entry(node)
        stmts, expr = self.entry(node)
        return [f"if {local} is _NOKEY:"] + ["    " + line for line in stmts] + [f"    {local} = {expr}"], local

    def entry(self, node: ast.Subscript) -> tuple[list[str], str]:
        """``table[key]``: the entry by a text inline, any other by the runtime. Only a table (a dict) gives an
        entry for a text (any other value of the language raises TypeError), so the entry is read as it is, and
        the runtime called (for its error) only when that fails."""
        stmts, (table, key) = self.operands([node.value, node.slice])
        table = self.materialize(stmts, table)
        key = self.materialize(stmts, key)
        shown = self.constant(ast.unparse(node))
        result = self.temp()
        read = [
            "try:",
            f"    {result} = {table}[{key}]",
            "except _LOOKUP_FAILED:",
            f"    {result} = _lookup({table}, {key}, {shown})",
        ]
        if self.constant_class(key) is str:
            return stmts + read, result
        stmts.append(f"if {key}.__class__ is _str:")
        stmts += ["    " + line for line in read]
        stmts += ["else:", f"    {result} = _lookup({table}, {key}, {shown})"]
        return stmts, result

    # -- operators --------------------------------------------------------------------------
    def e_BoolOp(self, node: ast.BoolOp) -> tuple[list[str], str]:
        """Three-valued ``and``/``or``: each operand in turn until one has the decisive value; the unknown
        ones add up (runtime ``unknown``) and decide the result when none is decisive (``undecided``)."""
        decisive = isinstance(node.op, ast.Or)
        result, paths = self.temp(), self.temp()
        stmts: list[Any] = [f"{paths} = None"]
        body = stmts
        for value in node.values:
            inner, expr = self.emit(value)
            operand = self.temp()
            body.append("try:")
            body += ["    " + line for line in inner]
            body.append(f"    {operand} = {expr}")
            body.append("except _Missing as _e:")
            body.append(f"    {paths} = _unknown({paths}, _e)")
            body.append(f"    {operand} = None")
            if self.check(expr, "_truth"):  # an operand that is not always a boolean is checked
                body.append("else:")
                body.append(f"    if {operand}.__class__ is not _bool: _truth({operand})")
            body += [f"if {operand} is {decisive}:", f"    {result} = {decisive}", "else:"]
            nested: list[Any] = []
            body.append(nested)
            body = nested
        body.append(f"{result} = {not decisive} if {paths} is None else _undecided({paths}, {decisive})")
        return _flatten(stmts), result

    def e_UnaryOp(self, node: ast.UnaryOp) -> tuple[list[str], str]:
        stmts, expr = self.emit(node.operand)
        value = self.materialize(stmts, expr)
        if isinstance(node.op, ast.Not):
            stmts += self.check(value, "_not")
            return stmts, f"(not {value})"
        return stmts, (f"_negative({value})" if isinstance(node.op, ast.USub) else f"_positive({value})")

    def e_BinOp(self, node: ast.BinOp) -> tuple[list[str], str]:
        stmts, (left, right) = self.operands([node.left, node.right])
        left = self.materialize(stmts, left)
        right = self.materialize(stmts, right)
        op = type(node.op)
        checked = f"{_OPERATORS[op]}({left}, {right})"
        if op in (ast.Div, ast.Mod, ast.Pow):
            return stmts, checked
        # + - * on two numbers inline while the result is within bounds; the runtime computes anything else
        result = self.temp()
        quick = f"{result} = {left} {SYMBOLS[op]} {right}"
        stmts += [f"if {left}.__class__ in _NUM and {right}.__class__ in _NUM:", f"    {quick}"]
        stmts += [f"    if not (_MIN <= {result} <= _MAX): {result} = {checked}", "else:", f"    {result} = {checked}"]
        return stmts, result

    def e_IfExp(self, node: ast.IfExp) -> tuple[list[str], str]:
        stmts, test = self.emit(node.test)
        test = self.materialize(stmts, test)
        result = self.temp()
        stmts += self.check(test, "_condition")
        body, body_expr = self.emit(node.body)
        other, other_expr = self.emit(node.orelse)
        stmts.append(f"if {test}:")
        stmts += ["    " + line for line in body] + [f"    {result} = {body_expr}"]
        stmts.append("else:")
        stmts += ["    " + line for line in other] + [f"    {result} = {other_expr}"]
        return stmts, result

    def e_Compare(self, node: ast.Compare) -> tuple[list[str], str]:
        ops = [type(op) for op in node.ops]
        if len(ops) == 1 and ops[0] in (ast.In, ast.NotIn):
            return self.membership(node)
        if len(ops) == 1:
            code, (left, right) = self.operands([node.left, node.comparators[0]])
            if ops[0] in _OPERATORS:  # an ordering reads each side twice
                left = self.materialize(code, left)
                right = self.materialize(code, right)
            return code, self.compare(ops[0], left, right)
        result = self.temp()
        stmts: list[Any] = [f"{result} = False"]
        inner, left_expr = self.emit(node.left)
        stmts += inner
        left = self.materialize(stmts, left_expr)
        block = stmts
        for op, side in zip(ops, node.comparators):  # a < b <= c: c is read only when a < b
            code, right_expr = self.emit(side)
            block += code
            right = self.materialize(block, right_expr)
            block.append(f"if {self.compare(op, left, right)}:")
            nested: list[Any] = []
            block.append(nested)
            block = nested
            left = right
        block.append(f"{result} = True")
        return _flatten(stmts), result

    def compare(self, op: type[ast.cmpop], left: str, right: str) -> str:
        """``left <op> right`` on two values already computed: equality inline, membership by the runtime, an
        ordering inline when the runtime's :data:`~engine.language.runtime.COMPARABLE` allows it, else by the
        runtime (which refuses it)."""
        if op in (ast.In, ast.NotIn):
            return f"_member({left}, {right}, {op is ast.NotIn})"
        if op in (ast.Eq, ast.NotEq):
            return f"({left} {SYMBOLS[op]} {right})"
        known = self.constant_class(right) or self.constant_class(left)
        other = left if self.constant_class(right) else right
        if known is str or known in runtime.NUMBERS:  # one side a constant: only the class of the other is read
            test = f"{other}.__class__ is _str" if known is str else f"{other}.__class__ in _NUM"
            return f"({left} {SYMBOLS[op]} {right} if {test} else {_OPERATORS[op]}({left}, {right}))"
        return (  # two numbers (the usual case) are told by their classes alone, without the pair
            f"({left} {SYMBOLS[op]} {right} if {left}.__class__ in _NUM and {right}.__class__ in _NUM "
            f"or ({left}.__class__, {right}.__class__) in _COMPARABLE else {_OPERATORS[op]}({left}, {right}))"
        )

    def membership(self, node: ast.Compare) -> tuple[list[str], str]:
        """``x in c`` alone: an unknown x is in no empty list (runtime ``unknown_member``)."""
        negate = isinstance(node.ops[0], ast.NotIn)
        result, pending = self.temp(), self.temp()
        left_code, left_expr = self.emit(node.left)
        right_code, right_expr = self.emit(node.comparators[0])
        left, right = self.temp(), self.temp()
        stmts = [f"{pending} = None", "try:"] + ["    " + line for line in left_code]
        stmts += [f"    {left} = {left_expr}", "except _Missing as _e:", f"    {pending} = _e"]
        operator = "not in" if negate else "in"
        collection = node.comparators[0]
        if isinstance(collection, ast.List) and all(
            isinstance(e, ast.Constant) and e.value.__class__ is str for e in collection.elts
        ):  # a list of texts written out: a text is looked up in a set of them, the list is built only if needed
            texts = self.constant(frozenset(cast(ast.Constant, e).value for e in collection.elts))
            return stmts + [
                f"if {pending} is not None:",
                f"    {result} = _unknown_member({pending}, {right_expr}, {negate})",
                f"elif {left}.__class__ is _str:",
                f"    {result} = {left} {operator} {texts}",
                "else:",
                f"    {result} = _member({left}, {right_expr}, {negate})",
            ], result
        stmts += right_code + [f"{right} = {right_expr}"]
        stmts += [
            f"if {pending} is not None:",
            f"    {result} = _unknown_member({pending}, {right}, {negate})",
            f"elif {right}.__class__ is _list and {left}.__class__ is _str:",  # a text in a list: no error possible
            f"    {result} = {left} {operator} {right}",
            "else:",
            f"    {result} = _member({left}, {right}, {negate})",
        ]
        return stmts, result

    def given_field(self, node: ast.Attribute) -> tuple[list[str], str]:
        """``given(company.a.b)``: whether each part of the field is there, read as :meth:`e_Attribute` reads it,
        without raising and catching :class:`~engine.language.runtime.Missing` for an absent one."""
        probe, chain = attribute_chain(node)
        root = probe.id  # type: ignore[attr-defined]
        assert root in ROOTS
        result = self.temp()
        stmts: list[Any] = []
        block = stmts
        current = f"s.{root}"
        for i, part in enumerate(chain):
            value = self.temp()
            block.append(f"{value} = {_part(current, part, i)}")
            if i == len(chain) - 1:
                block.append(f"{result} = {value} is not None")
            else:
                block.append(f"if {value} is None: {result} = False")
                block.append("else:")
                nested: list[Any] = []
                block.append(nested)
                block = nested
            current = value
        return _flatten(stmts), result

    def e_Call(self, node: ast.Call) -> tuple[list[str], str]:
        name = node.func.id  # type: ignore[attr-defined]
        if name == "given":
            if isinstance(node.args[0], ast.Attribute):
                return self.given_field(node.args[0])
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
        if function.pure and not node.keywords and all(isinstance(a, ast.Constant) for a in node.args):
            constants = cast(list[ast.Constant], node.args)
            return [], self.constant(function.impl(*[literal(a.value) for a in constants]))
        nodes = list(node.args) + [k.value for k in node.keywords]
        stmts, exprs = self.operands(nodes)
        positional = exprs[: len(node.args)]
        shortcut = function.empty is not NO_SHORTCUT and bool(positional)
        if shortcut:  # read twice, so computed once now: still left to right, as no later argument has statements
            positional[0] = self.materialize(stmts, positional[0])  # (else operands() would have computed it)
        keywords = [f"{k.arg}={e}" for k, e in zip(node.keywords, exprs[len(node.args) :])]
        arguments = (["s"] if function.needs_scope else []) + positional + keywords
        result = self.temp()
        call = [
            "try:",
            f"    {result} = {self.constant(function.impl)}({', '.join(arguments)})",
            "except _FunctionError as _e:",
            f"    raise _call_failed({name!r}, _e) from _e",
        ]
        if not shortcut:
            return stmts + call, result
        first = positional[0]  # an empty list first: the function's own answer for it (Function.empty), no call
        stmts += [f"if {first}.__class__ is _list and not {first}:", f"    {result} = {self.constant(function.empty)}"]
        stmts += ["else:"] + ["    " + line for line in call]
        return stmts, result


def _boolean(node: ast.AST) -> bool:
    """True for an expression always true or false (or that raises): a comparison, ``and``/``or``, ``not``, given()."""
    if isinstance(node, (ast.Compare, ast.BoolOp)):
        return True
    if isinstance(node, ast.UnaryOp):
        return isinstance(node.op, ast.Not)
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "given"


def _part(current: str, part: str, i: int) -> str:
    """Reading part ``i`` of a profile field from ``current``: the root (the scope's company or project, a dict as
    :class:`~engine.language.runtime.ProfileParts` says) untested; a part inside it only from a dict (else None)."""
    if i == 0:
        return f"{current}.get({part!r})"
    return f"{current}.get({part!r}) if {current}.__class__ is _dict else None"


def _flatten(lines: list[Any], indent: str = "") -> list[str]:
    """Nested statement lists (a list stands for the body of the line before it) as indented lines."""
    out: list[str] = []
    for line in lines:
        out += _flatten(line, indent + "    ") if isinstance(line, list) else [indent + line]
    return out


def inline(
    tree: ast.expr, symbols: Symbols, source: str, tag: str = "", shared: Mapping[str, str] | None = None
) -> tuple[list[str], str, dict[str, Any]]:
    """A checked expression tree as code inside a function of the scope ``s`` with :data:`RUNTIME` in its globals:
    statements, its value after them, the constants they read (named with ``tag``: expressions may share a function);
    ``shared``: the locals of that function that hold facts, by name (``_NOKEY`` until read)."""
    emitter = _Emitter(symbols, tag, shared)
    start = emitter.remember(tree)
    stmts, expr = emitter.emit(tree)
    if sum(len(line) for line in start + stmts) + len(f"return {expr}") > MAX_SOURCE:
        raise MemoryError(f"generated code for '{source[:60]}' would exceed {MAX_SOURCE} characters")
    return start + stmts, expr, emitter.constants


def generate(tree: ast.expr, symbols: Symbols, source: str) -> Callable[[Any], Any]:
    """Compile a checked expression tree into one Python function of the scope."""
    stmts, expr, constants = inline(tree, symbols, source)
    code = ["def _expression(s):"] + ["    " + line for line in [*stmts, f"return {expr}"]]
    namespace = {**RUNTIME, **constants}
    exec(compile("\n".join(code), f"<rule expression: {source[:60]}>", "exec"), namespace)  # checked tree only
    return cast(Callable[[Any], Any], namespace["_expression"])
