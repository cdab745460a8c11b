"""Building a rule set: validated rule and facts files into compiled model objects.

:class:`Builder` reads the files of one rule-set folder (:meth:`Builder.load`: YAML, schema,
defaults), compiles every expression once (:mod:`engine.language.compiler`) with the names
visible where it stands (from the rules cache, each on its first use, with the names it reads
as the cache keeps them), and turns the data into the objects of :mod:`engine.model`
(parameters with their timelines, conditions, amounts, versions, facts). It reports only what
stops it building: a file that does not load or fails its schema, an expression that does not
compile, a ``use`` of an unknown shared condition. What it finds on the way (timelines,
shared names, condition ids, compiled expressions with the kinds of the names they read, the
parameters each measure reads) goes into a :class:`~engine.load.checks.RuleSetParts`, which
the checks of :mod:`engine.load.checks` read. The builder goes on after a problem, so a
file's problems are all reported at once. :mod:`engine.load.ruleset` drives it over a folder
(:mod:`engine.load.measure_builder` builds each measure).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..diagnostics import ERROR, Diagnostic, Phrase, Words, diagnostic_at, grouped, in_where, phrase
from ..language import analysis
from ..language.analysis import Environment, Kind, Sources
from ..language.compiler import compile_expression, compile_later
from ..language.expression import Expression, Symbols, parse_quietly, profile_fields
from ..language.fact_order import SHALLOW, deep_facts, fact_cycles
from ..model import (
    Condition,
    DatedValue,
    Fact,
    FactsFile,
    Note,
    Parameter,
    Text,
    either_text,
)
from ..resources import display_path, link_name, outside
from .checks import CompiledExpression, ConditionEntry, ExpressionGroup, RuleSetParts, Timeline, TimelineEntry
from .checks.context import diagnostic
from .checks.texts import placeholder_names
from .completion import complete
from .schemas import schema
from .validation import validate
from .yaml_loader import MAX_BYTES, Document, YamlPath, load_file, value_at


def notes_of(data: list[dict[str, Any]] | None) -> tuple[Note, ...]:
    """The notes of an item of a rule file, as :class:`~engine.model.Note` objects."""
    return tuple(Note(either_text(n["text"]), n.get("decision"), n.get("assumption", False)) for n in data or ())


MAX_RULESET_BYTES = 1_048_576
"""The bytes the rule files of one folder (measures and facts, not case files) may hold together: as much as one
file may hold (``MAX_BYTES``). The shipped rule set holds about 73 kB."""

Names = tuple[tuple[str, ...], tuple[str, ...], bool]
"""What the rules cache keeps of a compiled expression: the parameters and facts it reads, and whether it reads the
amount (plain data: the unpickler of :mod:`engine.load.cache` builds nothing else)."""

MAX_EXPRESSIONS = 5_000
"""The expressions one rule set may hold together (the shipped one holds 71): compiling them is the work of loading
a rule set that grows with its size, about 0.2 ms each, so about 1 s for all of them."""


class Builder:
    """Builds a RuleSet, collecting diagnostics instead of stopping at the first."""

    def __init__(self, root: Path, trusted: bool = False, known: dict[str, dict[YamlPath, Names]] | None = None):
        """``known``: the names each expression of a cached rule set reads, by file and path (``trusted``), so
        that it compiles on its first use (:func:`~engine.language.compiler.compile_later`)."""
        self.root = root
        self.known = known or {}
        self.names: dict[str, dict[YamlPath, Names]] = {}  # of the expressions compiled here, for the cache
        self.diagnostics: list[Diagnostic] = []
        self.bytes_read = 0  # of the rule files read so far (MAX_RULESET_BYTES)
        self.expressions = 0  # compiled so far (MAX_EXPRESSIONS)
        self.fields = profile_fields(schema("profile"))
        self.optional = analysis.optional_fields(self.fields, schema("profile"))
        self.pending: list[CompiledExpression] = []  # compiled, for the kind check of their group
        self.kinds: dict[str, Kind] = {}
        self.failed_names: set[str] = set()  # names in expressions that did not compile: not "unused"
        # what the checks read (engine.load.checks), filled while assembling; data from the rules cache is
        # trusted: it loaded without errors, so its expressions' kinds need no check
        self.parts = RuleSetParts(trusted=trusted)

    def report(
        self,
        doc: Document,
        path: YamlPath,
        code: str,
        message: Phrase,
        hint: Phrase | None = None,
        severity: str = ERROR,
        *,
        key: bool = False,
    ) -> None:
        """Add a diagnostic at the value (or, with ``key``, the key) at ``path``."""
        self.diagnostics.append(diagnostic(doc, path, code, message, hint, severity, key=key))

    def expression(self, doc: Document, path: YamlPath, symbols: Symbols, what: Words) -> Expression | None:
        """The expression at ``path`` compiled with ``symbols`` (None when it does not: its problems are reported,
        at their place inside the scalar, and its plain names are not "unused")."""
        source = value_at(doc.data, path)
        if not isinstance(source, str):  # a bare number or true/false is an expression too
            source = str(source).lower() if isinstance(source, bool) else str(source)
        self.expressions += 1
        if self.expressions > MAX_EXPRESSIONS:
            if self.expressions == MAX_EXPRESSIONS + 1:
                self.report(
                    doc,
                    path,
                    "too-many-expressions",
                    phrase("diagnostics.too-many-expressions", limit=grouped(MAX_EXPRESSIONS)),
                    phrase("diagnostics.too-many-expressions-hint"),
                )
            self.failed_names |= _names_in(source)
            return None
        names = self.known.get(doc.name, {}).get(path)
        if names is not None:  # from the cache: it compiled, with these symbols, when the entry was written
            later = compile_later(source, symbols, frozenset(names[0]), frozenset(names[1]), names[2])
            self.pending.append(CompiledExpression(doc, path, later, what))
            return later
        compiled, problems = compile_expression(source, symbols)
        if compiled is not None:
            self.pending.append(CompiledExpression(doc, path, compiled, what))
            self.names.setdefault(doc.name, {})[path] = (
                tuple(sorted(compiled.parameters)),
                tuple(sorted(compiled.facts)),
                compiled.uses_amount,
            )
        else:
            self.failed_names |= _names_in(source)
        for problem in problems:
            line, column = doc.locate_in_scalar(path, problem.line, problem.column)
            self.diagnostics.append(
                diagnostic_at(
                    doc.name, line, column, ERROR, problem.code, in_where(problem.message, what), problem.hint
                )
            )
        return compiled

    # -- files ------------------------------------------------------------------
    def load(self, paths: Iterable[Path], schema_name: str) -> list[Document]:
        """The files at ``paths`` that load and pass the schema ``schema_name``, with their defaults filled in."""
        documents = []
        for path in paths:
            if outside(path, self.root):
                self.diagnostics.append(
                    diagnostic_at(
                        link_name(path),
                        1,
                        1,
                        ERROR,
                        "link-outside",
                        phrase("diagnostics.link-outside"),
                        phrase("diagnostics.link-outside-hint"),
                    )
                )
                continue
            try:
                size = path.stat().st_size if path.is_file() else 0
            except OSError:
                size = 0  # load_file says why it cannot be read
            if size <= MAX_BYTES:  # a larger file is refused by load_file (file-too-large), having read no more
                self.bytes_read += size
            if self.bytes_read > MAX_RULESET_BYTES:
                self.diagnostics.append(
                    diagnostic_at(
                        display_path(path),
                        1,
                        1,
                        ERROR,
                        "rules-too-large",
                        phrase("diagnostics.rules-too-large", limit=grouped(MAX_RULESET_BYTES)),
                        phrase("diagnostics.rules-too-large-hint"),
                    )
                )
                break
            doc, diagnostics = load_file(path, display_path(path) if path.exists() else link_name(path), found=True)
            self.diagnostics.extend(diagnostics)
            if doc is None or diagnostics:
                continue
            problems = validate(doc, schema_name)
            self.diagnostics.extend(problems)
            if problems:
                continue
            doc.data = complete(doc.data, schema_name)
            self.parts.file_stems.append((doc, path.stem))
            documents.append(doc)
        return documents

    # -- parameters -------------------------------------------------------------
    def parameters(
        self, doc: Document, base: YamlPath, data: dict[str, Any], versions: Sequence[dict[str, Any]] = ()
    ) -> dict[str, Parameter]:
        """The parameters declared at ``base`` in ``doc``, with the values ``versions`` set; their timelines and
        kinds are recorded for the checks (:mod:`engine.load.checks.timelines`) and the kind analysis."""
        result = {}
        for name, spec in data.items():
            entries: list[TimelineEntry] = []
            for i, value in enumerate(spec.get("values", [])):
                path = base + (name, "values", i)
                dated = DatedValue(
                    value["from"], value["value"], value["source"], "timeline", notes_of(value.get("notes"))
                )
                entries.append(TimelineEntry(dated, path, path + ("value",), True))
            for j, version in enumerate(versions):
                if name in version.get("parameters", {}):
                    path = ("versions", j, "parameters", name)
                    dated = DatedValue(
                        version["from"], version["parameters"][name], version["source"], f"version {version['id']}"
                    )
                    entries.append(TimelineEntry(dated, path, path, False))
            ordered = sorted(entries, key=lambda e: e.value.start)
            self.parts.timelines.append(Timeline(doc, name, spec.get("unit"), tuple(entries), tuple(ordered)))
            kind = None
            for entry in ordered:
                here = analysis.kind_of_value(entry.value.value)
                kind = analysis.merge(kind, here) if kind else here
            self.kinds[self.kind_key(doc, name)] = kind or analysis.ANY
            timeline = tuple(e.value for e in ordered)
            result[name] = Parameter(
                name, either_text(spec["description"]), spec.get("unit"), timeline, tuple(e.start for e in timeline)
            )
        return result

    @staticmethod
    def kind_key(doc: Document, name: str) -> str:
        """The key of a parameter of ``doc`` in :attr:`kinds`."""
        return f"{doc.name}\0{name}"

    def close_group(self, env: Environment) -> None:
        """Hand the expressions compiled since the last group to the checks, with the environment that gives
        the kinds of the names they read (:func:`engine.load.checks.kinds.check_expression_kinds`)."""
        self.parts.expressions.append(ExpressionGroup(env, tuple(self.pending)))
        self.pending = []

    # -- conditions, amounts ----------------------------------------------------
    # -- whole files ------------------------------------------------------------
    def facts(
        self, documents: list[Document]
    ) -> tuple[dict[str, Fact], dict[str, Parameter], dict[str, Condition], Symbols]:
        """The shared facts, parameters and conditions of the facts files ``documents``, and the names a
        measure may read."""
        self.parts.fact_docs = documents
        parameters: dict[str, Parameter] = {}
        owners: dict[str, Document] = {}
        for doc in documents:
            for name, parameter in self.parameters(doc, ("parameters",), doc.data.get("parameters", {})).items():
                parameters[name] = parameter
                owners[name] = doc
        fact_names: dict[str, Document] = {}
        for doc in documents:
            for name in doc.data.get("facts", {}):
                fact_names[name] = doc
        symbols = Symbols(self.fields, frozenset(parameters), frozenset(fact_names))
        facts: dict[str, Fact] = {}
        for doc in documents:
            for name, spec in doc.data.get("facts", {}).items():
                compiled = self.expression(
                    doc, ("facts", name, "expression"), symbols, phrase("diagnostics.where-fact", name=name)
                )
                if compiled:
                    labels = {value: Text(**text) for value, text in spec.get("values", {}).items()}
                    facts[name] = Fact(
                        name, either_text(spec["description"]), compiled, spec.get("source"), doc.name, labels
                    )
        self.parts.facts, self.parts.fact_owners = facts, fact_names
        self.parts.parameters, self.parts.parameter_owners = parameters, owners
        circled = {name for cycle in fact_cycles(facts) for name in cycle}  # reported by the checks
        self.fact_env = self._fact_environment(facts, parameters, owners, circled)
        used = set().union(*(f.expression.parameters for f in facts.values())) if facts else set()
        shared: dict[str, Condition] = {}
        condition_symbols = Symbols(self.fields, frozenset(parameters), frozenset(fact_names), allow_amount=True)
        for doc in documents:
            for i, item in enumerate(doc.data.get("conditions", [])):
                compiled = self.expression(
                    doc,
                    ("conditions", i, "when"),
                    condition_symbols,
                    phrase("diagnostics.where-shared-condition", id=item["id"]),
                )
                self.parts.shared_conditions.append(
                    ConditionEntry(doc, ("conditions", i), item["id"], compiled is not None)
                )
                if compiled:
                    shared[item["id"]] = Condition(
                        item["id"],
                        compiled,
                        Text(**item["text"]),
                        item.get("source"),
                        notes_of(item.get("notes")),
                        shared=True,
                        failed=Text.of(item.get("failed")),
                    )
                    used |= compiled.parameters
        for doc in documents if not self.parts.trusted else ():  # for the checks, which a cached rule set passed
            used |= placeholder_names((), {"conditions": doc.data.get("conditions", [])}, parameters)
        self.parts.used = used
        self.facts_files = tuple(
            FactsFile(
                doc.data["id"],
                Text(**doc.data["title"]),
                tuple(doc.data["sources"]),
                notes_of(doc.data.get("notes")),
                tuple(doc.data.get("parameters", {})),
                tuple(doc.data.get("facts", {})),
                tuple(c["id"] for c in doc.data.get("conditions", [])),
                doc.name,
            )
            for doc in documents
        )
        self.close_group(self.fact_env)
        return facts, parameters, shared, symbols

    def _fact_environment(
        self,
        facts: dict[str, Fact],
        parameters: dict[str, Parameter],
        owners: dict[str, Document],
        circled: set[str] = frozenset(),  # type: ignore[assignment]
    ) -> Environment:
        # facts in a long circle (reported) are of any kind: working them out would follow the circle
        long_circle = circled if len(circled) > SHALLOW else set()
        kinds: dict[str, Kind] = dict.fromkeys(long_circle, analysis.ANY)
        sources: dict[str, Sources] = {name: Sources() for name in long_circle}
        env = Environment(
            self.fields,
            self.optional,
            {n: self.kinds.get(self.kind_key(owners[n], n), analysis.ANY) for n in parameters},
            lambda n: fact_kind(n),
            lambda n: fact_sources(n),
        )

        def fact_kind(name: str) -> Kind:
            if name not in kinds:
                kinds[name] = analysis.ANY  # a guard against cycles (reported separately)
                if name in facts:
                    kinds[name] = analysis.check(facts[name].expression, env)[0]
            return kinds[name]

        def fact_sources(name: str) -> Sources:
            if name not in sources:
                sources[name] = Sources()
                if name in facts:
                    sources[name] = analysis.unknown_sources(facts[name].expression, env)
            return sources[name]

        # work deep chains of facts out from the bottom up, so that no chain nests deeper than a few levels
        for name in deep_facts(facts):
            for below in deep_facts(facts)[name]:
                fact_kind(below)
                fact_sources(below)
        return env


def _names_in(source: str) -> set[str]:
    """The plain names in an expression that may not compile (for the unused-parameter check)."""
    try:
        tree = parse_quietly(" ".join(source.split()))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
