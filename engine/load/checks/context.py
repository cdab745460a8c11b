"""What the rule checks read: the validated files of a rule set and what assembling them found.

:class:`~engine.load.builder.Builder` fills a :class:`RuleSetParts` while it assembles the rule
set (every parameter's timeline with the paths of its values, the shared names and their
files, the parameters each measure reads, every compiled expression with the names it may
read); the checks of :mod:`engine.load.checks` read it
and yield their diagnostics. :func:`diagnostic` positions one at a value (or key) of a file.
"""

from __future__ import annotations

import datetime as _dt
from typing import NamedTuple

from ...diagnostics import ERROR, Diagnostic, Phrase, Words, YamlPath, diagnostic_at
from ...language.analysis import Environment
from ...language.expression import Expression
from ...model import DatedValue, Fact, Parameter
from ...records import field, record
from ..yaml_loader import Document


def diagnostic(
    doc: Document,
    path: YamlPath,
    code: str,
    message: Phrase,
    hint: Phrase | None = None,
    severity: str = ERROR,
    *,
    key: bool = False,
) -> Diagnostic:
    """A diagnostic at the value (or, with ``key``, the key) at ``path`` in ``doc``; its words may be phrases."""
    line, column = doc.position(path, key=key)
    return diagnostic_at(doc.name, line, column, severity, code, message, hint, path)


class TimelineEntry(NamedTuple):
    """One dated value of a parameter, with where it is written."""

    value: DatedValue
    path: YamlPath
    """The path of the dated item (``values[i]``) or of the version's setting."""
    value_path: YamlPath
    """The path of the value itself."""
    listed: bool
    """True for an item of the parameter's own ``values`` list, False for a version's setting."""


class Timeline(NamedTuple):
    """The dated values of one parameter of one file: as listed (``entries``), and by date (``ordered``)."""

    doc: Document
    name: str
    unit: str | None
    entries: tuple[TimelineEntry, ...]
    ordered: tuple[TimelineEntry, ...]


class MeasureUse(NamedTuple):
    """The parameters one measure declares and those its expressions and texts read."""

    doc: Document
    parameters: dict[str, Parameter]
    used: frozenset[str]
    needed_from: dict[str, tuple[_dt.date, Words]]


class ConditionEntry(NamedTuple):
    """One item of a list of conditions, with its id (the shared condition's, for a ``use``)."""

    doc: Document
    path: YamlPath
    """The path of the item in the list."""
    id: str
    compiled: bool
    """True when it compiled (or names a shared condition that did)."""


class CompiledExpression(NamedTuple):
    """An expression that compiled, with where it is written and what it is (``condition 'x'``)."""

    doc: Document
    path: YamlPath
    expression: Expression
    what: Words


class ExpressionGroup(NamedTuple):
    """The compiled expressions of the facts files, or of one measure, with the kinds of the names they read."""

    env: Environment
    expressions: tuple[CompiledExpression, ...]


@record(frozen=False)
class RuleSetParts:
    """The validated files of a rule set and what assembling them found, for the checks."""

    fact_docs: list[Document] = field(default_factory=list)
    measure_docs: list[Document] = field(default_factory=list)
    file_stems: list[tuple[Document, str]] = field(default_factory=list)
    """Every file read (not the cached ones, which loaded without errors) with the stem of its name."""
    timelines: list[Timeline] = field(default_factory=list)
    parameters: dict[str, Parameter] = field(default_factory=dict)
    """The shared parameters (of the facts files)."""
    parameter_owners: dict[str, Document] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    fact_owners: dict[str, Document] = field(default_factory=dict)
    measures: list[MeasureUse] = field(default_factory=list)
    shared_conditions: list[ConditionEntry] = field(default_factory=list)
    """Every shared condition, in the order of the facts files."""
    condition_lists: list[tuple[ConditionEntry, ...]] = field(default_factory=list)
    """The conditions of each measure and of each version that has its own, those that compiled or were found."""
    used: set[str] = field(default_factory=set)
    """Every parameter name an expression or a text of the rule set reads."""
    expressions: list[ExpressionGroup] = field(default_factory=list)
    trusted: bool = False
    """True for data from the rules cache: it loaded without errors, so its expressions' kinds need no check."""
