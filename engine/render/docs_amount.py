"""How much a measure pays, in words a company owner reads: worked out from the expressions and the parameters.

The documentation pages put each expression of an amount (a rate and its base, a fixed amount, a
cap, a minimum) into sentences instead of code. :mod:`engine.render.docs_values` works out the
values an expression gives per period and per combination of what it reads; here they become
words, with nothing measure-specific: the input with the most values (usually the company size)
is named within a sentence ("N% of the project's cost for a small enterprise, M% for a
medium-sized enterprise"); the other inputs make one line per group of combinations that give the
same values ("On cybersecurity: ..."), the group that takes the most words to name last, as "in
other cases". Values are named by the profile schema's ``x-doc-labels`` (else its
``x-enum-labels``) and the facts' ``values``; a base by the profile schema's ``x-doc-name``
(without one it reads "the base").
The newest period comes first, the earlier ones in a small table.

An expression too complex for that is not put in words: the rule file's ``description`` of that
amount, part or limit is shown instead, or a sentence that points to the technical section,
where every expression stays.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Callable
from typing import Any

from ..language.expression import ROOTS, Expression, attribute_chain
from ..model import Amount, Measure, RuleSet, Text
from ..text.messages import say
from ..text.placeholders import written
from .docs_values import Input, Period, Worked, field_name, fields_order, work_out
from .pages import Block, Items, Line, Para, Strong, Table

TextWriter = Callable[[Text, str], str]


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
    return fields_order(item.path)


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
    """'N% of the cost for a micro or small enterprise, M% for a medium-sized enterprise'."""
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
    ``show`` writes one value ('N%')."""
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
