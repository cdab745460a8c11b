"""How much a measure pays, in words a company owner reads: worked out from the expressions and the parameters.

The documentation pages put each expression of an amount (a rate and its base, a fixed amount, a
cap, a minimum) into sentences instead of code. Nothing here knows a measure; the words come
from the shape of the expression and the values of the parameters:

- **the inputs**: walking the expression's syntax tree (:attr:`Expression.tree`) gives the profile
  fields and shared facts it reads. Each must take a few values: an enumeration or a flag of the
  profile schema (``project.kind`` limited to the measure's kinds), or a fact whose values are
  texts (declared under ``values`` in its facts file, else the texts its expression can give).
  Parameters, numbers, texts, ``+ - * /``, comparisons, ``and``/``or``/``not``, ``x if c else y``,
  table lookups and ``min``/``max`` may be read too;
- **the periods**: the days a parameter it reads changes value, within the days the amount is in force;
- **the values**: the compiled expression evaluated for every combination of the inputs' values
  on the first day of each period (a combination it cannot give a value for, such as a rate
  table without 'large', is left out); periods that give the same values are merged;
- **the words**: the input with the most values (usually the company size) is named within a
  sentence ("45% of the cost for a small enterprise, 35% for a medium-sized enterprise"); the
  other inputs make one line per group of combinations that give the same values, the largest
  group last as "in other cases" when it takes the most words to name. Values are named by the
  profile schema's ``x-doc-labels`` (else its ``x-enum-labels``) and the facts' ``values``; a base
  by ``x-doc-name``.

An expression that reads anything else (the cost in a rate, the aid history in a cap) is not
put in words: the rule file's ``description`` of that amount, part or limit is shown instead, or
a sentence that points to the technical section, where every expression stays.
"""

from __future__ import annotations

import ast
import datetime as _dt
import itertools
from collections.abc import Callable, Iterable
from typing import Any

from ..evaluate.scope import parameters_on
from ..language.expression import ROOTS, Expression, attribute_chain, profile_fields
from ..language.runtime import ExpressionRuntimeError, Missing
from ..load.schemas import schema
from ..model import Amount, Measure, RuleSet, Text
from ..records import field, record
from ..text.messages import say
from ..text.placeholders import written
from .pages import Block, Items, Line, Para, Strong, Table

MAX_COMBINATIONS = 512  # the most combinations of input values one expression is evaluated for
MAX_PERIODS = 40  # the most periods one expression is evaluated in
_ALLOWED_CALLS = ("min", "max")
_PASS = (ast.expr_context, ast.operator, ast.cmpop, ast.boolop, ast.unaryop)

TextWriter = Callable[[Text, str], str]


@record
class Input:
    """Something an expression reads that takes a few values: a profile field or a shared fact."""

    path: str  # 'project.theme', or a fact's name
    values: tuple[Any, ...]
    labels: dict[str, Text] = field(default_factory=dict)  # by str(value): how the pages name each value

    def label(self, value: Any, lang: str) -> str:
        key = _key(value)
        if key in self.labels:
            return self.labels[key](lang)
        shown = say("common.yes" if value else "common.no", lang) if isinstance(value, bool) else str(value)
        return f"{self.path} = {shown}"


@record
class Period:
    """The values of an expression from ``start`` to ``end`` (both included; ``end`` None: open-ended)."""

    start: _dt.date
    end: _dt.date | None
    values: dict[tuple[Any, ...], Any]  # a combination of the inputs' values -> the expression's value


@record
class Worked:
    """An expression worked out: its inputs and its values per period, newest period first."""

    inputs: tuple[Input, ...]
    periods: tuple[Period, ...]


def _key(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _text_map(data: Any) -> dict[str, Text]:
    if not isinstance(data, dict):
        return {}
    return {str(k): Text(v["nl"], v["en"]) for k, v in data.items() if isinstance(v, dict) and {"nl", "en"} <= set(v)}


_FIELDS: dict[str, dict[str, Any]] = {}


def _fields() -> dict[str, dict[str, Any]]:
    if not _FIELDS:
        _FIELDS.update(profile_fields(schema("profile")))
    return _FIELDS


def field_name(path: str, lang: str) -> str | None:
    """The profile schema's ``x-doc-name`` of a field ('the project's cost'), or None."""
    names = _text_map({"name": _fields().get(path, {}).get("x-doc-name")})
    return names["name"](lang) if names else None


# -- the inputs --------------------------------------------------------------------------


class _TooComplex(Exception):
    """The expression reads something that does not take a few values."""


class _Inputs:
    def __init__(self, rules: RuleSet, measure: Measure):
        self.rules = rules
        self.measure = measure
        self.found: dict[str, Input] = {}

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, (*_PASS, ast.Constant)):
            return
        if isinstance(node, ast.Name):
            self.name(node.id)
        elif isinstance(node, ast.Attribute):
            root, chain = attribute_chain(node)
            if not (isinstance(root, ast.Name) and root.id in ROOTS):
                raise _TooComplex
            self.profile_field(f"{root.id}.{'.'.join(chain)}")
        elif isinstance(node, ast.Call):
            if not (isinstance(node.func, ast.Name) and node.func.id in _ALLOWED_CALLS) or node.keywords:
                raise _TooComplex
            for arg in node.args:
                self.visit(arg)
        elif isinstance(node, (ast.BinOp, ast.BoolOp, ast.Compare, ast.IfExp, ast.Subscript, ast.UnaryOp)):
            for child in ast.iter_child_nodes(node):
                self.visit(child)
        elif isinstance(node, (ast.List, ast.Tuple)):
            for child in node.elts:
                self.visit(child)
        else:
            raise _TooComplex

    def name(self, name: str) -> None:
        if name in self.measure.parameters or name in self.rules.parameters:
            return
        fact = self.rules.facts.get(name)
        if fact is None:
            raise _TooComplex  # the computed amount, or a name the expression cannot read here
        if name not in self.found:
            values = tuple(fact.values) or tuple(dict.fromkeys(self.fact_values(fact.expression.tree, set())))
            if not values:
                raise _TooComplex
            self.found[name] = Input(name, values, dict(fact.values))

    def fact_values(self, node: ast.AST | None, seen: set[str]) -> Iterable[Any]:
        """The texts a fact's expression can give: its constants in result places, through other facts."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value
        elif isinstance(node, ast.IfExp):
            yield from self.fact_values(node.body, seen)
            yield from self.fact_values(node.orelse, seen)
        elif isinstance(node, ast.Name) and node.id in self.rules.facts and node.id not in seen:
            seen.add(node.id)
            yield from self.fact_values(self.rules.facts[node.id].expression.tree, seen)
        else:
            raise _TooComplex

    def profile_field(self, path: str) -> None:
        if path in self.found:
            return
        spec = _fields().get(path)
        if spec is None:
            raise _TooComplex
        values: tuple[Any, ...]
        if spec.get("type") == "boolean":
            values = (True, False)
        elif "enum" in spec:
            values = tuple(spec["enum"])
            if path == "project.kind":  # a measure is only checked for its own kinds
                values = tuple(v for v in values if v in self.measure.applies_to)
        else:
            raise _TooComplex
        labels = _text_map(spec.get("x-doc-labels")) or _text_map(spec.get("x-enum-labels"))
        self.found[path] = Input(path, values, labels)


# -- the values ----------------------------------------------------------------------------


class _Scope:
    """What a compiled expression reads, with the inputs set to one combination of their values."""

    def __init__(self, params: dict[str, Any], facts: dict[str, Any], company: dict[str, Any], project: dict[str, Any]):
        self.params = params
        self._facts = facts
        self.company = company
        self.project = project
        self.project_index = 0
        self.amount = None
        self.ledger = ()
        self.trace = None
        self.budget = None
        self.date = getattr(params, "day", None)

    def fact(self, name: str) -> Any:
        if name not in self._facts:
            raise Missing(frozenset({name}))
        return self._facts[name]


def _nest(target: dict[str, Any], path: list[str], value: Any) -> None:
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target[path[-1]] = value


def _evaluate(expression: Expression, inputs: tuple[Input, ...], combination: tuple[Any, ...], params: Any) -> Any:
    facts: dict[str, Any] = {}
    roots: dict[str, dict[str, Any]] = {"company": {}, "project": {}}
    for item, value in zip(inputs, combination, strict=True):
        if "." in item.path:
            root, *rest = item.path.split(".")
            _nest(roots[root], rest, value)
        else:
            facts[item.path] = value
    try:
        return expression.evaluate(_Scope(params, facts, roots["company"], roots["project"]))
    except (Missing, ExpressionRuntimeError, ArithmeticError):
        return None  # this combination gives no value: it is left out


def spans(measure: Measure, amount: Amount) -> list[tuple[_dt.date, _dt.date | None]]:
    """The days ``amount`` is in force for ``measure``: the measure's own amount where no version sets one, a
    version's amount in that version's days."""
    bounds: list[tuple[_dt.date, _dt.date | None, Amount | None]] = []
    starts = [measure.valid_from] + [v.start for v in measure.versions if v.start > measure.valid_from]
    for i, start in enumerate(starts):
        end = starts[i + 1] - _dt.timedelta(days=1) if i + 1 < len(starts) else measure.valid_until
        version = measure.version_at(start)
        if version is not None and version.until is not None and (end is None or version.until < end):
            end = version.until
        bounds.append((start, end, version.amount if version and version.amount else measure.amount))
    found: list[tuple[_dt.date, _dt.date | None]] = []
    for start, end, used in bounds:
        if used is amount:
            if found and found[-1][1] is not None and found[-1][1] + _dt.timedelta(days=1) == start:
                found[-1] = (found[-1][0], end)
            else:
                found.append((start, end))
    return found


def work_out(expression: Expression, measure: Measure, rules: RuleSet, amount: Amount) -> Worked | None:
    """The values of ``expression`` per period and combination of its inputs, or None when it is too complex."""
    if expression.tree is None:
        return None
    finder = _Inputs(rules, measure)
    try:
        finder.visit(expression.tree)
    except _TooComplex:
        return None
    inputs = tuple(finder.found.values())
    combinations = list(itertools.product(*(i.values for i in inputs)))
    if len(combinations) > MAX_COMBINATIONS:
        return None
    definitions = [g[n] for n in expression.parameters for g in (measure.parameters, rules.parameters) if n in g]
    periods: list[Period] = []
    for first, last in spans(measure, amount):
        days = {first} | {
            e.start for p in definitions for e in p.timeline if e.start > first and (last is None or e.start <= last)
        }
        ordered = sorted(days)
        if len(ordered) > MAX_PERIODS:
            return None
        for i, day in enumerate(ordered):
            end = ordered[i + 1] - _dt.timedelta(days=1) if i + 1 < len(ordered) else last
            params = parameters_on(rules, measure, day)
            values = {c: v for c in combinations if (v := _evaluate(expression, inputs, c, params)) is not None}
            if periods and periods[-1].values == values and periods[-1].end == day - _dt.timedelta(days=1):
                periods[-1] = Period(periods[-1].start, end, values)
            else:
                periods.append(Period(day, end, values))
    return Worked(inputs, tuple(reversed(periods)))


# -- the words -----------------------------------------------------------------------------


def _join(words: list[str], lang: str) -> str:
    """Words joined with ', ' and 'or', their common leading words said once: 'for a micro or small enterprise'."""
    if len(words) <= 1:
        return "".join(words)
    split = [w.split(" ") for w in words]
    common = 0
    while all(len(w) > common + 1 and w[common] == split[0][common] for w in split):
        common += 1
    head = " ".join(split[0][:common])
    rest = [" ".join(w[common:]) for w in split]
    joined = say("docs.words-or", lang, left=", ".join(rest[:-1]), right=rest[-1])
    return f"{head} {joined}" if head else joined


def _matters(index: int, values: dict[tuple[Any, ...], Any], inputs: tuple[Input, ...]) -> bool:
    """True when the input at ``index`` changes the value for some combination of the others, or leaves some out."""
    seen: dict[tuple[Any, ...], set[str]] = {}
    for combination, value in values.items():
        seen.setdefault(combination[:index] + combination[index + 1 :], set()).add(repr(value))
    if any(len(v) > 1 for v in seen.values()):
        return True
    return any(
        sum(1 for c in values if c[:index] + c[index + 1 :] == rest) < len(inputs[index].values) for rest in seen
    )


def _order(item: Input) -> int:
    """Where an input's words go in a line: facts first, then profile fields in the schema's order."""
    names = list(_fields())
    return names.index(item.path) + 1 if item.path in names else 0


def _describe(combos: set[tuple[Any, ...]], inputs: list[Input], lang: str) -> list[tuple[tuple[int, str], ...]]:
    """A set of combinations of ``inputs`` as pieces (to be joined with 'and'), each piece its words per input."""
    if not inputs or combos == set(itertools.product(*(i.values for i in inputs))):
        return [()]
    best: list[tuple[tuple[int, str], ...]] | None = None
    for at, item in enumerate(inputs):
        rest = inputs[:at] + inputs[at + 1 :]
        groups: dict[frozenset[tuple[Any, ...]], list[Any]] = {}
        for value in item.values:
            sub = frozenset(c[:at] + c[at + 1 :] for c in combos if c[at] == value)
            if sub:
                groups.setdefault(sub, []).append(value)
        pieces = []
        for sub, values in groups.items():
            head = ((_order(item), _join([item.label(v, lang) for v in values], lang)),)
            pieces += [head + tail for tail in _describe(set(sub), rest, lang)]
        if best is None or (len(pieces), len(str(pieces))) < (len(best), len(str(best))):
            best = pieces
    return best or [()]


def _piece_words(piece: tuple[tuple[int, str], ...]) -> str:
    return " ".join(words for _, words in sorted(piece))


def _value_words(item: Input | None, vector: list[tuple[Any, str]], lead: str, lang: str) -> str:
    """'45% of the cost for a micro or small enterprise, 35% for a medium-sized enterprise'."""
    groups: dict[str, list[Any]] = {}
    for key, shown in vector:
        groups.setdefault(shown, []).append(key)
    if item is None or (len(groups) == 1 and len(vector) == len(item.values)):
        return lead.replace("{value}", next(iter(groups)))
    parts = []
    for i, (shown, keys) in enumerate(groups.items()):
        text = lead.replace("{value}", shown) if i == 0 else shown
        parts.append(f"{text} {_join([item.label(k, lang) for k in keys], lang)}")
    return ", ".join(parts)


def period_lines(
    period: Period, inputs: tuple[Input, ...], show: Callable[[Any], str], lead: str, lang: str
) -> list[str]:
    """The values of one period as lines: one per group of combinations that give the same values.

    ``lead`` starts the words of the first value, with ``{value}`` for it ('{value} of the cost');
    ``show`` writes one value ('45%')."""
    matter = [i for i in range(len(inputs)) if _matters(i, period.values, inputs)]
    used = tuple(inputs[i] for i in matter)
    values: dict[tuple[Any, ...], str] = {}
    for combination, value in period.values.items():
        values.setdefault(tuple(combination[i] for i in matter), show(value))
    primary = max(range(len(used)), key=lambda i: len(used[i].values), default=None)
    others = [used[i] for i in range(len(used)) if i != primary]
    rows: dict[tuple[Any, ...], list[tuple[Any, str]]] = {}
    for combination, shown in values.items():
        rest = tuple(v for i, v in enumerate(combination) if i != primary)
        rows.setdefault(rest, []).append((combination[primary] if primary is not None else None, shown))
    groups: dict[tuple[tuple[Any, str], ...], set[tuple[Any, ...]]] = {}
    for rest, vector in rows.items():
        groups.setdefault(tuple(vector), set()).add(rest)
    described = [(vector, _describe(rests, others, lang)) for vector, rests in groups.items()]
    # a group that takes more words to name than every other comes last, as 'in other cases'
    widest = max(range(len(described)), key=lambda i: len(described[i][1]))
    otherwise = len(described) > 1 and all(
        len(d[1]) < len(described[widest][1]) for i, d in enumerate(described) if i != widest
    )
    if otherwise:
        described.append(described.pop(widest))
    item = used[primary] if primary is not None else None
    lines = []
    for n, (shown_values, pieces) in enumerate(described):
        words = _value_words(item, list(shown_values), lead, lang)
        if len(described) == 1:
            lines.append(words)
        elif otherwise and n == len(described) - 1:
            lines.append(say("docs.words-otherwise", lang, words=words))
        else:
            named = sorted(pieces, key=lambda p: (len(p), sorted(p)))  # the shortest first
            when = _piece_words(named[0])
            for piece in named[1:]:
                when = say("docs.words-and", lang, left=when, right=_piece_words(piece))
            lines.append(f"{when}: {words}")
    return [_capital(line) for line in lines]


def sentences(worked: Worked, show: Callable[[Any], str], lead: str, lang: str) -> list[tuple[str, list[str]]]:
    """Per period (newest first): the words for its days ('' when there is one period) and its lines."""
    periods = [p for p in worked.periods if p.values]
    return [(_period_words(p, lang, len(periods)), period_lines(p, worked.inputs, show, lead, lang)) for p in periods]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _period_words(period: Period, lang: str, count: int) -> str:
    if count == 1:
        return ""
    start = written(period.start, "date", lang)
    if period.end is None:
        return say("docs.words-since", lang, start=start)
    return say("docs.words-between", lang, start=start, end=written(period.end, "date", lang))


def base_words(expression: Expression, lang: str) -> str | None:
    """A base in words: a profile field with its ``x-doc-name``, or such fields added and subtracted."""

    def words(node: ast.AST) -> str | None:
        if isinstance(node, ast.Attribute):
            root, chain = attribute_chain(node)
            if isinstance(root, ast.Name) and root.id in ROOTS:
                return field_name(f"{root.id}.{'.'.join(chain)}", lang)
            return None
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            left, right = words(node.left), words(node.right)
            if left and right:
                joiner = "docs.words-plus" if isinstance(node.op, ast.Add) else "docs.words-minus"
                return say(joiner, lang, left=left, right=right)
        return None

    return words(expression.tree) if expression.tree is not None else None


# -- the blocks ----------------------------------------------------------------------------


def _period_blocks(found: list[tuple[str, list[str]]], lang: str) -> list[Block]:
    """The newest period's lines, then the earlier periods as a small table."""
    if not found:
        return [Para((say("docs.words-never", lang),))]
    blocks: list[Block] = []
    when, lines = found[0]
    if when:
        blocks.append(Para((Strong(_capital(when)), ":")))
    blocks.append(Para((lines[0] + ".",)) if len(lines) == 1 else Items(tuple((line + ".",) for line in lines)))
    if len(found) > 1:
        blocks.append(Para((Strong(say("docs.words-earlier", lang)), ":")))
        rows = tuple(((_capital(w),), (" ".join(line + "." for line in ls),)) for w, ls in found[1:])
        blocks.append(Table((say("docs.words-period", lang), say("docs.how-much", lang)), rows))
    return blocks


def _percent(lang: str) -> Callable[[Any], str]:
    return lambda value: written(value, "percent", lang)


def _euro(lang: str) -> Callable[[Any], str]:
    return lambda value: written(value, "euro", lang)


_CAP = ("docs.words-cap-title", "docs.words-cap")  # a limit's title and its words
_MINIMUM = ("docs.words-minimum-title", "docs.words-minimum")


def amount_words(amount: Amount, measure: Measure, rules: RuleSet, lang: str, write: TextWriter) -> list[Block]:
    """The amount in words for a company owner: the rate and its base (or the parts, or the fixed amount), the caps
    and the minimum, per period; where an expression is too complex, its description from the rules."""
    blocks: list[Block] = []
    complex_ = Para((say("docs.words-complex", lang),))
    if amount.description is not None:
        blocks.append(Para((write(amount.description, lang),)))
    elif amount.parts:
        several = len(amount.parts) > 1 or amount.parts[0].label is not None
        if several:
            blocks.append(Para((say("docs.parts-sum", lang),)))
        for part in amount.parts:
            if several:
                label: Line = (Strong(_capital(part.label(lang))), ":") if part.label else ()
                blocks.append(Para(label))
            if part.description is not None:
                blocks.append(Para((write(part.description, lang),)))
                continue
            worked = work_out(part.rate, measure, rules, amount)
            if worked is None:
                blocks.append(complex_)
                continue
            base = base_words(part.base, lang) or say("docs.words-base", lang)
            lead = say("docs.words-rate", lang, base=base, value="{value}")
            blocks += _period_blocks(sentences(worked, _percent(lang), lead, lang), lang)
    elif amount.fixed is not None:
        worked = work_out(amount.fixed, measure, rules, amount)
        lead = say("docs.words-fixed", lang, value="{value}")
        blocks += _period_blocks(sentences(worked, _euro(lang), lead, lang), lang) if worked else [complex_]
    limits = [(cap, _CAP) for cap in amount.caps] + ([(amount.minimum, _MINIMUM)] if amount.minimum else [])
    for limit, (title, words) in limits:
        blocks.append(Para((Strong(say(title, lang)), ":")))
        if limit.description is not None:
            blocks.append(Para((write(limit.description, lang),)))
            continue
        worked = work_out(limit.amount, measure, rules, amount)
        if worked is None:
            blocks.append(Para((say("docs.words-limit-text", lang, text=write(limit.text, lang)),)))
            continue
        lead = say(words, lang, value="{value}")
        blocks += _period_blocks(sentences(worked, _euro(lang), lead, lang), lang)
    return blocks
