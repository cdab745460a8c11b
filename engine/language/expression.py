"""Rule expressions as the rest of the engine sees them: the compiled :class:`Expression`, the names it may use.

An :class:`Expression` keeps its source text, its compiled ``evaluate`` (a function of the
evaluation :class:`Scope`), what it reads (for explanations) and its syntax tree (for the
static analysis and the generated code). :class:`Symbols` are the names an expression may
use where it stands: profile fields (:func:`profile_fields`), parameters, facts, and the
computed amount in conditions. Compiling is :mod:`engine.language.compiler`.
"""

from __future__ import annotations

import ast
import threading
import warnings
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from ..diagnostics import EvaluationError, Phrase
from ..records import field, record
from .functions import FUNCTIONS, SPECIAL_FORMS

ROOTS = ("company", "project")


class Scope(Protocol):
    """What a compiled expression reads at evaluation time."""

    company: dict[str, Any]
    project: dict[str, Any]
    project_index: int
    params: dict[str, Any]
    amount: Any
    ledger: Iterable[Any]

    def fact(self, name: str) -> Any: ...


Getter = Callable[[Any], Any]


@record
class Problem:
    """A problem found while compiling, at a 1-based (line, column) inside the expression."""

    code: str
    message: Phrase
    line: int
    column: int
    hint: Phrase | None = None


@record
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


@record
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


class _OnFirstUse:
    """A field of an :class:`Expression` made by :func:`compiled_on_first_use`: the first read compiles the
    expression, which puts every such field in the expression's own attributes, so later reads never come here
    (a descriptor with ``__get__`` only gives way to an instance's attribute). An expression made whole, by
    ``Expression(...)``, has them all from the start."""

    def __init__(self, name: str, default: Any):
        self.name = name
        self.default = default

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is None:
            if self.default is _NO_DEFAULT:
                raise AttributeError(self.name)
            return self.default
        with _COMPILING:  # one compile, also when two threads of 'serve' read it at once
            if self.name not in vars(instance):
                vars(instance)["_compile"](instance)
        return vars(instance)[self.name]


_NO_DEFAULT = object()
_COMPILING = threading.RLock()
for _name, _default in (("evaluate", _NO_DEFAULT), ("reads", ()), ("tree", None), ("lead", 0)):
    setattr(Expression, _name, _OnFirstUse(_name, _default))


class ExpressionChanged(EvaluationError):
    """An expression made by :func:`compiled_on_first_use` does not compile to the names it was made with (never,
    unless someone wrote the rules cache by hand: its key covers the rules and the engine's code)."""

    def __init__(self, source: str):
        super().__init__(f"the expression {source!r} no longer compiles as the rules cache says: clear the cache")


def compiled_on_first_use(
    source: str,
    parameters: frozenset[str],
    facts: frozenset[str],
    uses_amount: bool,
    compile: Callable[[Expression], None],
) -> Expression:
    """An :class:`Expression` that knows its source and the names it reads, and gets ``evaluate``, ``reads``,
    ``tree`` and ``lead`` from ``compile`` when one of them is first read (``compile`` sets them with
    ``object.__setattr__``); see :func:`engine.language.compiler.compile_later`."""
    expression: Expression = object.__new__(Expression)
    for name, value in (("source", source), ("parameters", parameters), ("facts", facts), ("uses_amount", uses_amount)):
        object.__setattr__(expression, name, value)
    object.__setattr__(expression, "_compile", compile)
    return expression


def attribute_chain(node: ast.Attribute) -> tuple[ast.AST, list[str]]:
    """The node a dotted read starts from and the field names after it: company.a.b -> (company, [a, b])."""
    chain: list[str] = []
    probe: ast.AST = node
    while isinstance(probe, ast.Attribute):
        chain.append(probe.attr)
        probe = probe.value
    chain.reverse()
    return probe, chain


def unparsed(node: ast.AST) -> str:
    """``ast.unparse(node)``: written here for a table read by plain keys (``rate[size]``,
    ``ceilings['small']['awu']``) or a call such as ``aid_total()``, which explanations show and a compile meets
    most (``ast.unparse`` costs some 85,000 instructions a call); ``ast.unparse`` itself for anything else."""
    return _plain(node) or ast.unparse(node)


def _plain(node: ast.AST) -> str | None:
    """The text of a name, a dotted name, a text or whole-number constant of plain characters, a subscript of
    these, or a call of a function by name with these as arguments; None for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        value = _plain(node.value) if isinstance(node.value, (ast.Name, ast.Attribute)) else None
        return f"{value}.{node.attr}" if value else None
    if isinstance(node, ast.Constant):
        constant = node.value
        if isinstance(constant, str) and constant and all(c in _PLAIN for c in constant):
            return f"'{constant}'"
        return repr(constant) if type(constant) is int and constant >= 0 else None
    if isinstance(node, ast.Subscript):
        table = _plain(node.value) if isinstance(node.value, (ast.Name, ast.Attribute, ast.Subscript)) else None
        key = _plain(node.slice) if table else None
        return f"{table}[{key}]" if key else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        parts = [_plain(a) for a in node.args]
        parts += [f"{k.arg}={value}" if k.arg and (value := _plain(k.value)) else None for k in node.keywords]
        shown = [part for part in parts if part is not None]
        return f"{node.func.id}({', '.join(shown)})" if len(shown) == len(parts) else None
    return None


_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_- .")


def node_position(source: str, lead: int, node: ast.AST) -> tuple[int, int]:
    """The 1-based (line, column) in ``source`` of an AST node parsed from it (``lead`` spaces stripped)."""
    offset = getattr(node, "col_offset", 0) or 0
    stripped = source.replace("\r", " ").replace("\n", " ").replace("\t", " ")[lead:]
    chars = lead + len(stripped.encode("utf-8")[:offset].decode("utf-8", "ignore"))
    before = source[:chars]
    line = before.count("\n") + 1
    column = chars - (before.rfind("\n") + 1) + 1
    return line, column


def parse_quietly(text: str) -> ast.Expression:
    """``ast.parse`` in eval mode, with Python's syntax warnings (``1if``, ``0not``) raised as SyntaxError,
    so such an expression is always refused, and nothing is printed whatever the warning filters are."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", SyntaxWarning)
        return ast.parse(text, mode="eval")


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
