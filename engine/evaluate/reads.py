"""What each measure reads directly, and what each fact reads through the facts it uses (issue 15).

The split of :mod:`.factored` splits a result over the absent facts its measure reads, grouped by the
things that read them: :class:`Reads` holds the profile fields (generic paths: ``projects[].cost``) and the
facts an expression names, worked out from its syntax tree; :class:`Analysis` keeps them per measure and,
per fact, the fields it reads through the facts below it, once per rule set. A rule that reads ``company``
or ``project`` whole is *opaque*: nothing here can tell what it reads.
"""

from __future__ import annotations

import ast

from ..ask.profile_fields import generic
from ..language.expression import Expression, attribute_chain
from ..model import Measure, RuleSet
from .budget import expression_steps


class Opaque(Exception):
    """The analysis cannot tell what a measure reads: the whole split of :mod:`.completion` takes over."""


# --------------------------------------------------------------------------- what each measure reads


class Reads:
    """What expressions read directly: generic field paths and fact names (``opaque``: a root read whole)."""

    __slots__ = ("facts", "fields", "opaque")

    def __init__(self) -> None:
        self.fields: set[str] = set()
        self.facts: set[str] = set()
        self.opaque = False

    def add(self, expression: Expression | None) -> None:
        if expression is None:
            return
        self.facts |= expression.facts
        if expression.tree is None:
            return
        inner: set[int] = set()
        for node in ast.walk(expression.tree):
            if isinstance(node, ast.Attribute):
                inner.add(id(node.value))
        for node in ast.walk(expression.tree):
            if isinstance(node, ast.Attribute) and id(node) not in inner:
                probe, chain = attribute_chain(node)
                if isinstance(probe, ast.Name) and probe.id in ("company", "project"):
                    inner.add(id(probe))
                    root = "company" if probe.id == "company" else "projects[]"
                    self.fields.add(".".join([root, *chain]))
        for node in ast.walk(expression.tree):
            if isinstance(node, ast.Name) and node.id in ("company", "project") and id(node) not in inner:
                self.opaque = True


class Analysis:
    """Per rule set: what each measure reads directly, and the fields each fact reads through its facts."""

    def __init__(self, rules: RuleSet):
        self.rules = rules
        self.measures: dict[str, Reads] = {}
        self.fact_fields: dict[str, tuple[frozenset[str], bool]] = {}
        self.fact_steps: dict[str, int] = {}

    def measure(self, measure: Measure) -> Reads:
        found = self.measures.get(measure.id)
        if found is None:
            found = self.measures[measure.id] = Reads()
            for expression in measure.expressions():
                found.add(expression)
        return found

    def reads_of(self, measure: Measure) -> set[str]:
        """The generic field paths a measure reads, through the facts it uses."""
        reads = self.measure(measure)
        found = set(reads.fields)
        for name in reads.facts:
            if name in self.rules.facts:
                found |= self.fact(name)[0]
        return found

    def fact(self, name: str) -> tuple[frozenset[str], bool]:
        """The generic field paths a fact reads, through the facts it uses; and whether some read is opaque."""
        found = self.fact_fields.get(name)
        if found is None:
            self.fact_fields[name] = (frozenset(), False)  # a cycle (refused when the rules load) reads no more
            reads = Reads()
            reads.add(self.rules.facts[name].expression)
            paths, opaque = set(reads.fields), reads.opaque
            for sub in reads.facts:
                if sub in self.rules.facts:
                    more, deeper = self.fact(sub)
                    paths |= more
                    opaque |= deeper
            found = self.fact_fields[name] = (frozenset(paths), opaque)
        return found

    def steps(self, name: str) -> int:
        """The steps of computing a fact and the facts below it."""
        found = self.fact_steps.get(name)
        if found is None:
            facts = self.rules.facts
            found, seen, pending = 0, {name}, [name]
            while pending:
                expression = facts[pending.pop()].expression
                found += expression_steps(expression)
                for sub in expression.facts - seen:
                    if sub in facts:
                        seen.add(sub)
                        pending.append(sub)
            self.fact_steps[name] = found
        return found


_ANALYSES: dict[int, Analysis] = {}


def analysis(rules: RuleSet) -> Analysis:
    """The analysis of a rule set, kept while the rule set lives."""
    found = _ANALYSES.get(id(rules))
    if found is None or found.rules is not rules:
        if len(_ANALYSES) > 16:
            _ANALYSES.clear()
        found = _ANALYSES[id(rules)] = Analysis(rules)
    return found


def covers(read: str, path: str) -> bool:
    """True when reading the generic field ``read`` reads the absent leaf ``path`` (concrete)."""
    leaf = generic(path)
    return leaf == read or leaf.startswith(read + ".")
