"""Building a rule set: validated rule and facts files into compiled, checked model objects.

:class:`Builder` reads the files of one rule-set folder (:meth:`Builder.load`: YAML, schema,
defaults), compiles every expression once (:mod:`engine.language.compiler`) with the names
visible where it stands, turns the data into the objects of :mod:`engine.model` (parameters
with their timelines, conditions, amounts, versions, facts), and checks what the schemas
cannot: the kinds of expressions (:mod:`engine.language.analysis`) and the checks of
:mod:`engine.load.rule_checks`. Every problem becomes a :class:`Diagnostic`; the builder
goes on after one, so a file's problems are all reported at once. :mod:`engine.load.ruleset`
drives it over a folder.
"""

from __future__ import annotations

import ast
import difflib
import itertools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..diagnostics import ERROR, Diagnostic
from ..language import analysis
from ..language.analysis import BOOLEAN, NUMBER, Environment, Kind, Sources
from ..language.compiler import compile_expression
from ..language.expression import Expression, Symbols, parse_quietly, profile_fields
from ..model import (
    Amount,
    Calls,
    CallWindow,
    Condition,
    DatedValue,
    Fact,
    FactsFile,
    Limit,
    Measure,
    Note,
    Parameter,
    Part,
    Reminder,
    Text,
    Version,
)
from ..resources import display_path, link_name, outside
from .completion import complete
from .rule_checks import check_fact_cycles, check_parameter_dates, check_value, check_versions
from .schemas import schema
from .validation import validate
from .yaml_loader import Document, YamlPath, load_file, value_at


def _notes(data: list[dict[str, Any]] | None) -> tuple[Note, ...]:
    return tuple(Note(n["text"], n.get("decision"), n.get("assumption", False)) for n in data or ())


class Builder:
    """Builds a RuleSet, collecting diagnostics instead of stopping at the first."""

    def __init__(self, root: Path, trusted: bool = False):
        self.root = root
        self.trusted = trusted  # data from the rules cache: it loaded without errors, so kinds need no check
        self.diagnostics: list[Diagnostic] = []
        self.fields = profile_fields(schema("profile"))
        self.optional = analysis.optional_fields(self.fields, schema("profile"))
        self.pending: list[tuple[Document, YamlPath, Expression, str]] = []
        self.kinds: dict[str, Kind] = {}
        self.failed_names: set[str] = set()  # names in expressions that did not compile: not "unused"

    def report(
        self,
        doc: Document,
        path: YamlPath,
        code: str,
        message: str,
        hint: str | None = None,
        severity: str = ERROR,
        *,
        key: bool = False,
    ) -> None:
        """Add a diagnostic at the value (or, with ``key``, the key) at ``path``."""
        line, column = doc.position(path, key=key)
        self.diagnostics.append(Diagnostic(doc.name, line, column, severity, code, message, hint))

    def expression(self, doc: Document, path: YamlPath, symbols: Symbols, what: str) -> Expression | None:
        source = value_at(doc.data, path)
        if not isinstance(source, str):  # a bare number or true/false is an expression too
            source = str(source).lower() if isinstance(source, bool) else str(source)
        compiled, problems = compile_expression(source, symbols)
        if compiled is not None:
            self.pending.append((doc, path, compiled, what))
        else:
            self.failed_names |= _names_in(source)
        for problem in problems:
            line, column = doc.locate_in_scalar(path, problem.line, problem.column)
            self.diagnostics.append(
                Diagnostic(doc.name, line, column, ERROR, problem.code, f"{problem.message} in {what}", problem.hint)
            )
        return compiled

    # -- files ------------------------------------------------------------------
    def load(self, paths: Iterable[Path], schema_name: str) -> list[Document]:
        documents = []
        for path in paths:
            if outside(path, self.root):
                self.diagnostics.append(
                    Diagnostic(
                        link_name(path),
                        1,
                        1,
                        ERROR,
                        "link-outside",
                        "the file is a link to a file outside the rule folder; it is not read",
                        "commit the rule file itself, not a link",
                    )
                )
                continue
            doc, diagnostics = load_file(path, display_path(path))
            self.diagnostics.extend(diagnostics)
            if doc is None or diagnostics:
                continue
            problems = validate(doc, schema_name)
            self.diagnostics.extend(problems)
            if problems:
                continue
            doc.data = complete(doc.data, schema_name)
            if doc.data["id"] != path.stem:
                self.report(
                    doc,
                    ("id",),
                    "id-mismatch",
                    f"the id '{doc.data['id']}' differs from the file name '{path.stem}'",
                    f"name the file {doc.data['id']}.yaml, or change the id to '{path.stem}'",
                )
            documents.append(doc)
        return documents

    # -- parameters -------------------------------------------------------------
    def parameters(
        self, doc: Document, base: YamlPath, data: dict[str, Any], versions: Sequence[dict[str, Any]] = ()
    ) -> dict[str, Parameter]:
        result = {}
        for name, spec in data.items():
            entries: list[tuple[DatedValue, YamlPath]] = []
            value_paths: dict[int, YamlPath] = {}
            previous = None
            for i, value in enumerate(spec.get("values", [])):
                path = base + (name, "values", i)
                if previous is not None and value["from"] < previous:
                    self.report(
                        doc,
                        path + ("from",),
                        "timeline-order",
                        f"the dates of parameter '{name}' must increase: {value['from']} comes after {previous}",
                        "list the values from the oldest to the newest date",
                    )
                previous = value["from"]
                entries.append(
                    (
                        DatedValue(
                            value["from"], value["value"], value["source"], "timeline", _notes(value.get("notes"))
                        ),
                        path,
                    )
                )
                value_paths[id(entries[-1][0])] = path + ("value",)
            for j, version in enumerate(versions):
                if name in version.get("parameters", {}):
                    entries.append(
                        (
                            DatedValue(
                                version["from"],
                                version["parameters"][name],
                                version["source"],
                                f"version {version['id']}",
                            ),
                            ("versions", j, "parameters", name),
                        )
                    )
                    value_paths[id(entries[-1][0])] = entries[-1][1]
            entries.sort(key=lambda e: e[0].start)
            for (first, _), (second, path) in itertools.pairwise(entries):
                if first.start == second.start:
                    self.report(
                        doc,
                        path,
                        "timeline-duplicate",
                        f"parameter '{name}' gets two values from {second.start} ({first.origin} and {second.origin})",
                        "keep one value per date",
                    )
            kind = None
            for entry, _ in entries:
                value_path = value_paths[id(entry)]
                check_value(self.report, doc, value_path, name, spec.get("unit"), entry.value)
                here = analysis.kind_of_value(entry.value)
                if kind is not None and analysis.merge(kind, here).name == "any":
                    self.report(
                        doc,
                        value_path,
                        "parameter-kinds",
                        f"parameter '{name}' holds {here} here but {kind} elsewhere",
                        "every value of a parameter must be of the same kind",
                    )
                kind = analysis.merge(kind, here) if kind else here
            self.kinds[self._kind_key(doc, name)] = kind or analysis.ANY
            timeline = tuple(e for e, _ in entries)
            result[name] = Parameter(
                name, spec["description"], spec.get("unit"), timeline, tuple(e.start for e in timeline)
            )
        return result

    @staticmethod
    def _kind_key(doc: Document, name: str) -> str:
        return f"{doc.name}\0{name}"

    def check_kinds(self, env: Environment, items: list[tuple[Document, YamlPath, Expression, str]]) -> None:
        """Report the static kind problems of compiled expressions (not for cached rules, which had none)."""
        if self.trusted:
            return
        for doc, path, compiled, what in items:
            wanted = {
                "when": BOOLEAN,
                "applies_when": BOOLEAN,
                "rate": NUMBER,
                "base": NUMBER,
                "fixed": NUMBER,
                "amount": NUMBER,
            }.get(str(path[-1]))
            _, problems = analysis.check(compiled, env, wanted, what)
            for problem in problems:
                line, column = doc.locate_in_scalar(path, *compiled.position(problem.node))
                self.diagnostics.append(
                    Diagnostic(
                        doc.name, line, column, ERROR, problem.code, f"{problem.message} in {what}", problem.hint
                    )
                )

    # -- conditions, amounts ----------------------------------------------------
    def conditions(
        self, doc: Document, path: YamlPath, items: list[dict[str, Any]], symbols: Symbols, shared: dict[str, Condition]
    ) -> tuple[Condition, ...]:
        result = []
        seen: set[str] = set()
        for i, item in enumerate(items):
            here = path + (i,)
            if "use" in item:
                found = shared.get(item["use"])
                if found is None:
                    close = difflib.get_close_matches(item["use"], list(shared), n=1)
                    self.report(
                        doc,
                        here + ("use",),
                        "unknown-condition",
                        f"unknown shared condition '{item['use']}'",
                        f"did you mean '{close[0]}'?" if close else "shared conditions are defined in rules/facts/",
                    )
                    continue
                condition = found
            else:
                compiled = self.expression(doc, here + ("when",), symbols, f"condition '{item['id']}'")
                if compiled is None:
                    continue
                condition = Condition(
                    item["id"], compiled, Text(**item["text"]), item.get("source"), _notes(item.get("notes"))
                )
            if condition.id in seen:
                self.report(
                    doc,
                    here,
                    "duplicate-condition",
                    f"condition id '{condition.id}' is used twice",
                    "give every condition its own id",
                )
            seen.add(condition.id)
            result.append(condition)
        return tuple(result)

    def amount(self, doc: Document, path: YamlPath, data: dict[str, Any], symbols: Symbols) -> Amount:
        parts: list[Part] = []
        if "rate" in data:
            rate = self.expression(doc, path + ("rate",), symbols, "the rate")
            base = self.expression(doc, path + ("base",), symbols, "the base")
            if rate and base:
                parts.append(Part(rate, base))
            else:  # the partner that did compile still uses its parameters
                self.failed_names |= set().union(*(e.parameters for e in (rate, base) if e))
        for i, part in enumerate(data.get("parts", [])):
            rate = self.expression(doc, path + ("parts", i, "rate"), symbols, f"part {i + 1}'s rate")
            base = self.expression(doc, path + ("parts", i, "base"), symbols, f"part {i + 1}'s base")
            if rate and base:
                parts.append(Part(rate, base, Text.of(part.get("label"))))
            else:
                self.failed_names |= set().union(*(e.parameters for e in (rate, base) if e))
        fixed = self.expression(doc, path + ("fixed",), symbols, "the fixed amount") if "fixed" in data else None

        def limit(spec: dict[str, Any], where: YamlPath) -> Limit | None:
            compiled = self.expression(doc, where + ("amount",), symbols, f"limit '{spec['id']}'")
            return Limit(spec["id"], compiled, Text(**spec["text"]), spec.get("source")) if compiled else None

        caps = tuple(
            cap for i, spec in enumerate(data.get("caps", [])) if (cap := limit(spec, path + ("caps", i))) is not None
        )
        minimum = limit(data["minimum"], path + ("minimum",)) if "minimum" in data else None
        return Amount(tuple(parts), fixed, caps, minimum)

    # -- whole files ------------------------------------------------------------
    def facts(
        self, documents: list[Document]
    ) -> tuple[dict[str, Fact], dict[str, Parameter], dict[str, Condition], Symbols]:
        parameters: dict[str, Parameter] = {}
        owners: dict[str, Document] = {}
        for doc in documents:
            for name, parameter in self.parameters(doc, ("parameters",), doc.data.get("parameters", {})).items():
                if name in parameters:
                    self.report(
                        doc,
                        ("parameters", name),
                        "duplicate-name",
                        f"parameter '{name}' is also defined in {owners[name].name}",
                        key=True,
                    )
                parameters[name] = parameter
                owners[name] = doc
        fact_names: dict[str, Document] = {}
        for doc in documents:
            for name in doc.data.get("facts", {}):
                if name in fact_names or name in parameters:
                    self.report(
                        doc,
                        ("facts", name),
                        "duplicate-name",
                        f"the name '{name}' is also defined in {(fact_names.get(name) or owners[name]).name}",
                        key=True,
                    )
                fact_names[name] = doc
        symbols = Symbols(self.fields, frozenset(parameters), frozenset(fact_names))
        facts: dict[str, Fact] = {}
        for doc in documents:
            for name, spec in doc.data.get("facts", {}).items():
                compiled = self.expression(doc, ("facts", name, "expression"), symbols, f"fact '{name}'")
                if compiled:
                    facts[name] = Fact(name, spec["description"], compiled, spec.get("source"), doc.name)
        check_fact_cycles(self.report, facts, fact_names)
        self.fact_env = self._fact_environment(facts, parameters, owners)
        used = set().union(*(f.expression.parameters for f in facts.values())) if facts else set()
        shared: dict[str, Condition] = {}
        condition_symbols = Symbols(self.fields, frozenset(parameters), frozenset(fact_names), allow_amount=True)
        for doc in documents:
            for i, item in enumerate(doc.data.get("conditions", [])):
                compiled = self.expression(
                    doc, ("conditions", i, "when"), condition_symbols, f"shared condition '{item['id']}'"
                )
                if item["id"] in shared:
                    self.report(
                        doc,
                        ("conditions", i, "id"),
                        "duplicate-condition",
                        f"shared condition '{item['id']}' is defined twice",
                    )
                if compiled:
                    shared[item["id"]] = Condition(
                        item["id"],
                        compiled,
                        Text(**item["text"]),
                        item.get("source"),
                        _notes(item.get("notes")),
                        shared=True,
                    )
                    used |= compiled.parameters
        self.global_used = used
        self.global_owners = owners
        self.facts_files = tuple(
            FactsFile(
                doc.data["id"],
                Text(**doc.data["title"]),
                tuple(doc.data["sources"]),
                _notes(doc.data.get("notes")),
                tuple(doc.data.get("parameters", {})),
                tuple(doc.data.get("facts", {})),
                tuple(c["id"] for c in doc.data.get("conditions", [])),
                doc.name,
            )
            for doc in documents
        )
        self.check_kinds(self.fact_env, self.pending)
        self.pending = []
        return facts, parameters, shared, symbols

    def _fact_environment(
        self, facts: dict[str, Fact], parameters: dict[str, Parameter], owners: dict[str, Document]
    ) -> Environment:
        kinds: dict[str, Kind] = {}
        sources: dict[str, Sources] = {}
        env = Environment(
            self.fields,
            self.optional,
            {n: self.kinds.get(self._kind_key(owners[n], n), analysis.ANY) for n in parameters},
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

        return env

    def measure(
        self,
        doc: Document,
        global_parameters: dict[str, Parameter],
        fact_names: frozenset[str],
        shared: dict[str, Condition],
        measure_ids: frozenset[str],
    ) -> Measure | None:
        self.pending = []
        self.failed_names = set()
        data = doc.data
        versions = data.get("versions", [])
        check_versions(self.report, doc)
        parameters = self.parameters(doc, ("parameters",), data.get("parameters", {}), versions)
        for name in parameters:
            if name in ("amount", "true", "false"):
                self.report(
                    doc,
                    ("parameters", name),
                    "reserved-name",
                    f"'{name}' is a reserved word in expressions and cannot name a parameter",
                    "choose a more specific name",
                    key=True,
                )
            if name in global_parameters or name in fact_names:
                self.report(
                    doc,
                    ("parameters", name),
                    "duplicate-name",
                    f"the parameter '{name}' hides a shared fact or parameter of the same name",
                    "choose another name",
                    key=True,
                )
        names = frozenset(parameters) | frozenset(global_parameters)
        symbols = Symbols(self.fields, names, fact_names, measure_ids=measure_ids)
        condition_symbols = Symbols(self.fields, names, fact_names, allow_amount=True, measure_ids=measure_ids)
        conditions = self.conditions(doc, ("conditions",), data.get("conditions", []), condition_symbols, shared)
        amount = self.amount(doc, ("amount",), data["amount"], symbols) if "amount" in data else None
        compiled_versions = []
        for j, version in enumerate(versions):
            v_conditions = (
                self.conditions(doc, ("versions", j, "conditions"), version["conditions"], condition_symbols, shared)
                if "conditions" in version
                else None
            )
            v_amount = (
                self.amount(doc, ("versions", j, "amount"), version["amount"], symbols) if "amount" in version else None
            )
            compiled_versions.append(
                Version(
                    version["id"],
                    version["from"],
                    version["source"],
                    v_conditions,
                    v_amount,
                    _notes(version.get("notes")),
                    version.get("until"),
                )
            )
        if data.get("status", "rules") == "rules" and amount is None and not any(v.amount for v in compiled_versions):
            self.report(
                doc,
                (),
                "missing-amount",
                f"measure '{data['id']}' has no amount",
                "add an 'amount' (or set status: info)",
            )
        elif (
            data.get("status", "rules") == "rules"
            and amount is None
            and versions
            and versions[0]["from"] > data["valid_from"]
        ):
            self.report(
                doc,
                ("versions", 0, "from"),
                "version-start",
                f"the first version starts on {versions[0]['from']}, after valid_from "
                f"{data['valid_from']}, and the measure has no amount of its own for the days between",
                "start the first version on valid_from, or give the measure an amount",
            )
        applies_when = (
            self.expression(doc, ("applies_when",), symbols, "applies_when") if "applies_when" in data else None
        )
        reminders = []
        for i, item in enumerate(data.get("reminders", [])):
            when = (
                self.expression(doc, ("reminders", i, "when"), symbols, f"reminder '{item['id']}'")
                if "when" in item
                else None
            )
            reminders.append(Reminder(item["id"], Text(**item["text"]), when, _notes(item.get("notes"))))
        calls = None
        if "calls" in data:
            spec = data["calls"]
            windows = []
            for i, w in enumerate(spec["windows"]):
                if w["close"] < w["open"]:
                    self.report(
                        doc,
                        ("calls", "windows", i, "close"),
                        "call-dates",
                        f"call '{w['name']}' closes on {w['close']}, before it opens on {w['open']}",
                    )
                windows.append(CallWindow(w["name"], w["open"], w["close"], w["source"]))
            calls = Calls(spec["condition"]["id"], Text(**spec["condition"]["text"]), tuple(windows))
        expressions = [c.expression for c in conditions] + [r.when for r in reminders if r.when]
        expressions += [applies_when] if applies_when else []
        for version in compiled_versions:
            expressions += [c.expression for c in version.conditions or ()]
        for spec in [amount] + [v.amount for v in compiled_versions]:
            expressions += spec.expressions() if spec else []
        used = set().union(*(e.parameters for e in expressions if e)) if expressions else set()
        used |= self.failed_names
        self.failed_names = set()
        self.global_used |= used
        check_parameter_dates(
            self.report,
            doc,
            ("parameters",),
            parameters,
            used,
            data["valid_from"],
            data.get("valid_until"),
            f"measure '{data['id']}'",
        )
        env = Environment(
            self.fields,
            self.optional,
            {
                **self.fact_env.parameters,
                **{n: self.kinds.get(self._kind_key(doc, n), analysis.ANY) for n in parameters},
            },
            self.fact_env.fact_kind,
            self.fact_env.fact_sources,
        )
        self.check_kinds(env, self.pending)
        self.pending = []
        all_conditions = list(conditions) + [c for v in compiled_versions for c in v.conditions or ()]
        amount_specs = [spec for spec in [amount] + [v.amount for v in compiled_versions] if spec]

        def unknown_conditions() -> frozenset[str]:
            """The conditions an absent fact can leave unknown (the amount's own unknowns included)."""
            env.amount_sources = Sources(
                frozenset().union(
                    *(
                        analysis.unknown_sources(e, env).unknown
                        for spec in amount_specs
                        for e in [
                            *(x for p in spec.parts for x in (p.rate, p.base)),
                            *([spec.fixed] if spec.fixed else []),
                        ]
                    )
                )
            )
            return frozenset(c.id for c in all_conditions if analysis.unknown_sources(c.expression, env).unknown)

        return Measure(
            id=data["id"],
            title=Text(**data["title"]),
            summary=Text.of(data.get("summary")),
            status=data.get("status", "rules"),
            applies_to=frozenset(data["applies_to"]),
            applies_when=applies_when,
            valid_from=data["valid_from"],
            valid_until=data.get("valid_until"),
            de_minimis=data["de_minimis"],
            sources=tuple(data["sources"]),
            notes=_notes(data.get("notes")),
            parameters=parameters,
            versions=tuple(compiled_versions),
            calls=calls,
            conditions=conditions,
            reminders=tuple(reminders),
            amount=amount,
            file=doc.name,
            unknown_finder=unknown_conditions,
        )


def _names_in(source: str) -> set[str]:
    """The plain names in an expression that may not compile (for the unused-parameter check)."""
    try:
        tree = parse_quietly(" ".join(source.split()))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
