"""Static analysis of compiled expressions: the kind of value each gives, and which facts can make it unknown.

Kinds catch, without any profile, the mistakes a rule editor makes: a date
compared with a number, a text where a rate belongs, 'flemish' where the region
field only takes 'flanders'. The unknown analysis follows the three-valued logic
of evaluation: it tells which absent profile fields can make an expression
unknown, so that `subsidie test --coverage` asks for an 'unknown' case only where
one is possible (``not given(x) or ...`` is never unknown because of ``x``).
"""

from __future__ import annotations

import ast
import datetime as _dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from ..diagnostics import Phrase, Words, did_you_mean, phrase
from ..records import field, record
from ..text.suggestions import closest
from .expression import ROOTS, Expression, attribute_chain
from .functions import FUNCTIONS, KEYWORD_KINDS
from .runtime import ExpressionRuntimeError, arithmetic, literal


@record
class Kind:
    """The kind of a value: number, text, boolean, date, list, table, or any (not known statically).

    Attributes:
        name: the kind's name.
        item: for a list, its items' kind; for a table, its values' kind.
        values: for a text, the values it can take when they are known (an enumerated field).
        keys: for a table, its keys when they are known.
    """

    name: str
    item: Kind | None = None
    values: frozenset[str] | None = None
    keys: frozenset[str] | None = None

    def __str__(self) -> str:
        return {"boolean": "true or false", "any": "any value"}.get(self.name, f"a {self.name}")

    def phrase(self) -> Phrase:
        """The kind in words ("a number", "een getal"), as :meth:`__str__` says it in English."""
        return phrase(_KIND_WORDS.get(self.name, "diagnostics.kind-any"))


_KIND_WORDS = {
    "number": "diagnostics.kind-number",
    "text": "diagnostics.kind-text",
    "boolean": "diagnostics.kind-boolean",
    "date": "diagnostics.kind-date",
    "list": "diagnostics.kind-list",
    "table": "diagnostics.kind-table",
    "any": "diagnostics.kind-any",
}


ANY = Kind("any")
NUMBER = Kind("number")
TEXT = Kind("text")
BOOLEAN = Kind("boolean")
DATE = Kind("date")


def merge(a: Kind | None, b: Kind | None) -> Kind:
    """The kind that covers both: the same kind with the union of what is known, else any."""
    if a is None:
        return b or ANY
    if b is None or a == b:
        return a
    if a.name != b.name:
        return ANY
    item = merge(a.item, b.item) if (a.item or b.item) else None
    values = a.values | b.values if a.values is not None and b.values is not None else None
    keys = a.keys | b.keys if a.keys is not None and b.keys is not None else None
    return Kind(a.name, item, values, keys)


def kind_of_value(value: Any) -> Kind:
    """The kind of a parameter value from a rule file."""
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, (int, Decimal)):
        return NUMBER
    if isinstance(value, str):
        return Kind("text", values=frozenset([value]))
    if isinstance(value, _dt.date):
        return DATE
    if isinstance(value, list):
        item = None
        for entry in value:
            item = merge(item, kind_of_value(entry)) if item else kind_of_value(entry)
        return Kind("list", item=item)
    if isinstance(value, dict):
        item = None
        for entry in value.values():
            item = merge(item, kind_of_value(entry)) if item else kind_of_value(entry)
        return Kind("table", item=item, keys=frozenset(value))
    return ANY


def kind_of_schema(node: dict[str, Any]) -> Kind:
    """The kind of a profile field from its JSON Schema."""
    kind = node.get("type")
    if kind in ("number", "integer"):
        return NUMBER
    if kind == "boolean":
        return BOOLEAN
    if kind == "string":
        if node.get("format") == "date":
            return DATE
        return Kind("text", values=frozenset(node["enum"])) if "enum" in node else TEXT
    if kind == "array":
        return Kind("list", item=Kind("table"))
    if kind == "object":
        return Kind("table", keys=frozenset(node.get("properties", {})))
    return ANY


@record
class Sources:
    """Which absent profile fields make an expression unknown, true or false."""

    unknown: frozenset[str] = frozenset()
    true: frozenset[str] = frozenset()
    false: frozenset[str] = frozenset()


NONE = Sources()


@record
class Problem:
    """A static problem at an AST node of an expression."""

    code: str
    message: Phrase
    node: ast.AST
    hint: Phrase | None = None


@record(frozen=False)
class Environment:
    """What the analysis knows about names.

    Attributes:
        fields: the profile schema per dotted field path ('company.employees').
        optional: the dotted field paths that a profile may leave out.
        parameters: the kind of every parameter visible here.
        fact_kind, fact_sources: the kind and unknown-sources of a fact, by name.
        amount_sources: what makes the computed amount unknown (for conditions that read it).
    """

    fields: dict[str, dict[str, Any]]
    optional: frozenset[str]
    parameters: dict[str, Kind]
    fact_kind: Callable[[str], Kind]
    fact_sources: Callable[[str], Sources]
    amount_sources: Sources = field(default_factory=Sources)


def optional_fields(fields: dict[str, dict[str, Any]], profile_schema: dict[str, Any]) -> frozenset[str]:
    """The field paths a profile may leave out: not required-and-present, no default, not filled by the engine."""
    defs = profile_schema["$defs"]
    required = {
        "company": set(),
        "project": set(defs["project"].get("required", [])) | {"application_date"},
    }
    optional = set()
    for path, node in fields.items():
        root, *rest = path.split(".")
        if "default" in node:
            continue
        if len(rest) == 1 and rest[0] in required[root]:
            continue
        optional.add(path)
    return frozenset(optional)


def _dotted(node: ast.Attribute) -> str:
    probe, chain = attribute_chain(node)
    return ".".join([probe.id if isinstance(probe, ast.Name) else "?", *chain])


_UNKNOWN = object()  # a part whose value depends on the profile or the rules' parameters


class _Checker:
    def __init__(self, env: Environment):
        self.env = env
        self.problems: list[Problem] = []
        self.values: dict[int, Any] = {}  # id of an arithmetic node -> its constant value, or _UNKNOWN

    def constant(self, node: ast.AST) -> Any:
        """The value of a part made of number literals and arithmetic only, else _UNKNOWN.

        Arithmetic on literals that can never be computed (``9 ** 9 ** 9``, ``1 / 0``, ``10 ** 20``)
        is reported where it stands, once, so that ``validate`` catches what every evaluation would fail on.
        """
        value: Any
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return _UNKNOWN
            return literal(value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            value = self.constant(node.operand)
            return value if value is _UNKNOWN or isinstance(node.op, ast.UAdd) else -value
        if not isinstance(node, ast.BinOp) or type(node.op) not in (
            ast.Add,
            ast.Sub,
            ast.Mult,
            ast.Div,
            ast.Mod,
            ast.Pow,
        ):
            return _UNKNOWN
        if id(node) not in self.values:
            left, right = self.constant(node.left), self.constant(node.right)
            value = _UNKNOWN
            # the divisor or exponent alone can make every evaluation fail: 'x / 0', 'x ** 100'
            probe = 1 if left is _UNKNOWN and type(node.op) in (ast.Div, ast.Mod, ast.Pow) else left
            if probe is not _UNKNOWN and right is not _UNKNOWN:
                try:
                    result = arithmetic(type(node.op))(probe, right)
                    value = _UNKNOWN if left is _UNKNOWN else result
                except ExpressionRuntimeError as exc:
                    self.problem(
                        "expression-value",
                        phrase("expressions.never-computed", expression=ast.unparse(node), reason=exc),
                        node,
                        phrase("expressions.never-computed-hint"),
                    )
            self.values[id(node)] = value
        return self.values[id(node)]

    def problem(self, code: str, message: Phrase, node: ast.AST, hint: Phrase | None = None) -> None:
        self.problems.append(Problem(code, message, node, hint))

    # -- kinds --------------------------------------------------------------------------------
    def kind(self, node: ast.AST) -> Kind:
        method = getattr(self, "k_" + type(node).__name__, None)
        return method(node) if method else ANY

    def k_Constant(self, node: ast.Constant) -> Kind:
        if isinstance(node.value, bool):
            return BOOLEAN
        if isinstance(node.value, (int, float)):
            return NUMBER
        if isinstance(node.value, str):
            return Kind("text", values=frozenset([node.value]))
        return ANY

    def k_Name(self, node: ast.Name) -> Kind:
        name = node.id
        if name in ("true", "false"):
            return BOOLEAN
        if name == "amount":
            return NUMBER
        if name in self.env.parameters:
            return self.env.parameters[name]
        return self.env.fact_kind(name)

    def k_Attribute(self, node: ast.Attribute) -> Kind:
        schema = self.env.fields.get(_dotted(node))
        return kind_of_schema(schema) if schema else ANY

    def k_List(self, node: ast.List) -> Kind:
        item = None
        for element in node.elts:
            item = merge(item, self.kind(element)) if item else self.kind(element)
        return Kind("list", item=item)

    k_Tuple = k_List

    def k_Subscript(self, node: ast.Subscript) -> Kind:
        table = self.kind(node.value)
        key = self.kind(node.slice)
        if table.name not in ("table", "any"):
            self.problem("type-mismatch", phrase("expressions.lookup-not-table", kind=table.phrase()), node)
            return ANY
        if key.name not in ("text", "number", "any"):
            self.problem("type-mismatch", phrase("expressions.table-key-kind", kind=key.phrase()), node.slice)
        if (
            isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, str)
            and table.keys is not None
            and node.slice.value not in table.keys
        ):
            self.problem(
                "unknown-table-key",
                phrase("expressions.unknown-table-key", key=node.slice.value, keys=", ".join(sorted(table.keys))),
                node.slice,
                did_you_mean(closest(node.slice.value, sorted(table.keys))),
            )
        return table.item or ANY

    def k_BoolOp(self, node: ast.BoolOp) -> Kind:
        word = "and" if isinstance(node.op, ast.And) else "or"
        for value in node.values:
            self.expect(value, BOOLEAN, phrase("expressions.needs-boolean-sides", word=word))
        return BOOLEAN

    def k_UnaryOp(self, node: ast.UnaryOp) -> Kind:
        if isinstance(node.op, ast.Not):
            self.expect(node.operand, BOOLEAN, phrase("expressions.not-needs-boolean"))
            return BOOLEAN
        self.expect(node.operand, NUMBER, phrase("expressions.sign-needs-number"))
        return NUMBER

    def k_BinOp(self, node: ast.BinOp) -> Kind:
        symbol = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Mod: "%", ast.Pow: "**"}.get(
            type(node.op), "?"
        )
        mismatch = False
        for side in (node.left, node.right):
            kind = self.kind(side)
            if kind.name not in ("number", "any"):
                hint = phrase("expressions.dates-arithmetic-hint") if kind.name == "date" else None
                message = phrase("expressions.needs-numbers", symbol=symbol, kind=kind.phrase())
                self.problem("type-mismatch", message, side, hint)
                mismatch = True
        if not mismatch:
            self.constant(node)
        return NUMBER

    def k_IfExp(self, node: ast.IfExp) -> Kind:
        self.expect(node.test, BOOLEAN, phrase("expressions.if-needs-boolean"))
        return merge(self.kind(node.body), self.kind(node.orelse))

    def k_Compare(self, node: ast.Compare) -> Kind:
        left_node = node.left
        left = self.kind(left_node)
        for op, right_node in zip(node.ops, node.comparators):
            right = self.kind(right_node)
            if isinstance(op, (ast.In, ast.NotIn)):
                self.membership(left_node, left, right_node, right)
            else:
                self.comparison(op, left_node, left, right_node, right)
            left_node, left = right_node, right
        return BOOLEAN

    def comparison(self, op: ast.cmpop, left_node: ast.AST, left: Kind, right_node: ast.AST, right: Kind) -> None:
        if "any" in (left.name, right.name):
            return
        ordering = isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE))
        if left.name != right.name:
            self.problem(
                "type-mismatch",
                phrase("expressions.cannot-compare", left=left.phrase(), right=right.phrase())
                if ordering
                else phrase("expressions.never-equal", left=left.phrase(), right=right.phrase()),
                right_node,
                phrase("expressions.bare-dates-hint") if "date" in (left.name, right.name) else None,
            )
            return
        if ordering and left.name not in ("number", "date", "text"):
            self.problem("type-mismatch", phrase("expressions.cannot-order", kind=left.phrase()), right_node)
            return
        for field_kind, constant in ((left, right_node), (right, left_node)):
            self.check_value(field_kind, constant)

    def check_value(self, kind: Kind, node: ast.AST) -> None:
        """A constant text compared with an enumerated field must be one of its values."""
        if kind.name != "text" or kind.values is None or len(kind.values) < 2:
            return
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value not in kind.values:
            self.problem(
                "unknown-value",
                phrase("expressions.never-a-value", value=node.value, values=", ".join(sorted(kind.values))),
                node,
                did_you_mean(closest(node.value, sorted(kind.values))),
            )

    def membership(self, left_node: ast.AST, left: Kind, right_node: ast.AST, right: Kind) -> None:
        if right.name not in ("list", "table", "any"):
            self.problem("type-mismatch", phrase("expressions.in-needs-list", kind=right.phrase()), right_node)
            return
        item = right.item if right.name == "list" else Kind("text", values=right.keys)
        if item is None or "any" in (left.name, item.name):
            return
        if left.name != item.name:
            message = phrase("expressions.never-in-list", kind=left.phrase(), item=item.phrase())
            self.problem("type-mismatch", message, right_node)
            return
        if left.values is not None and len(left.values) > 1 and item.values is not None:
            wrong = sorted(item.values - left.values)
            if wrong:
                self.problem(
                    "unknown-value",
                    phrase("expressions.never-a-value", value=wrong[0], values=", ".join(sorted(left.values))),
                    right_node,
                    did_you_mean(closest(wrong[0], sorted(left.values))),
                )
        if isinstance(right_node, ast.List) and left.values is not None and len(left.values) > 1:
            for element in right_node.elts:
                self.check_value(left, element)

    def k_Call(self, node: ast.Call) -> Kind:
        name = node.func.id if isinstance(node.func, ast.Name) else ""
        if name == "given":
            self.kind(node.args[0]) if node.args else None
            return BOOLEAN
        function = FUNCTIONS.get(name)
        if function is None:
            return ANY
        for i, argument in enumerate(node.args):
            wanted = function.args[min(i, len(function.args) - 1)] if function.args else "any"
            self.expect(
                argument, Kind(wanted), phrase("expressions.function-needs", name=name, kind=Kind(wanted).phrase())
            )
        for keyword in node.keywords:
            if keyword.arg in KEYWORD_KINDS:
                wanted_kind = Kind(KEYWORD_KINDS[keyword.arg])
                needs = phrase("expressions.option-needs", name=name, option=keyword.arg, kind=wanted_kind.phrase())
                self.expect(keyword.value, wanted_kind, needs)
        return Kind(function.returns) if function.returns != "any" else ANY

    def expect(self, node: ast.AST, wanted: Kind, message: Phrase) -> Kind:
        kind = self.kind(node)
        if wanted.name != "any" and kind.name not in (wanted.name, "any"):
            hint = phrase("expressions.compare-it-hint") if wanted.name == "boolean" and kind.name == "text" else None
            self.problem(
                "type-mismatch", phrase("expressions.but-this-is", message=message, kind=kind.phrase()), node, hint
            )
        return kind

    # -- unknown sources ----------------------------------------------------------------------
    def sources(self, node: ast.AST) -> Sources:
        if isinstance(node, ast.Attribute):
            path = _dotted(node)
            if path.split(".")[0] not in ROOTS:
                return NONE
            parts = path.split(".")
            prefixes = {".".join(parts[: i + 1]) for i in range(1, len(parts))}
            return Sources(unknown=frozenset(p for p in prefixes if p in self.env.optional))
        if isinstance(node, ast.Name):
            if node.id == "amount":
                return self.env.amount_sources
            if node.id in self.env.parameters or node.id in ("true", "false"):
                return NONE
            return self.env.fact_sources(node.id)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "given":
            inner = self.sources(node.args[0]) if node.args else NONE
            return Sources(false=inner.unknown)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            inner = self.sources(node.operand)
            return Sources(inner.unknown, true=inner.false, false=inner.true)
        if isinstance(node, ast.BoolOp):
            branches = [self.sources(v) for v in node.values]
            unknown = frozenset().union(*(b.unknown for b in branches))
            trues = frozenset().union(*(b.true for b in branches))
            falses = frozenset().union(*(b.false for b in branches))
            if isinstance(node.op, ast.Or):
                return Sources(unknown - trues, true=trues, false=frozenset.intersection(*(b.false for b in branches)))
            return Sources(unknown - falses, true=frozenset.intersection(*(b.true for b in branches)), false=falses)
        unknown = frozenset().union(*(self.sources(child).unknown for child in _children(node)))
        return Sources(unknown)


def _children(node: ast.AST) -> Iterable[ast.AST]:
    if isinstance(node, ast.Call):
        yield from node.args
        yield from (k.value for k in node.keywords)
        return
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.expr):
            yield child


def check(
    expression: Expression, env: Environment, wanted: Kind | None = None, what: Words = "the expression"
) -> tuple[Kind, list[Problem]]:
    """The kind of a compiled expression and the problems found; ``wanted`` is the kind it must give."""
    checker = _Checker(env)
    if expression.tree is None:
        return ANY, []
    kind = checker.kind(expression.tree)
    if wanted is not None and kind.name not in (wanted.name, "any"):
        hint = phrase("diagnostics.must-give-number-hint") if wanted.name == "number" and kind.name == "text" else None
        checker.problem(
            "type-mismatch",
            phrase("diagnostics.must-give", wanted=wanted.phrase(), kind=kind.phrase()),
            expression.tree,
            hint,
        )
    return kind, checker.problems


def unknown_sources(expression: Expression, env: Environment) -> Sources:
    """Which absent profile fields can make ``expression`` unknown (or settle it)."""
    if expression.tree is None:
        return NONE
    return _Checker(env).sources(expression.tree)
