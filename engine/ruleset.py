"""Loading a rule set: files to checked, compiled :class:`RuleSet` objects.

A rule set is a folder: one measure per ``*.yaml`` file at its top (file stem =
measure id), shared facts, parameters and conditions in ``facts/*.yaml``, and test
cases in ``*.cases.yaml`` files anywhere in it. Loading reports every problem of
every file as a :class:`Diagnostic` and compiles every expression once.
"""

from __future__ import annotations

import ast
import datetime as _dt
import os
import difflib
import hashlib
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from . import analysis
from .analysis import BOOLEAN, NUMBER, Environment, Kind, Sources
from .diagnostics import ERROR, WARNING, Diagnostic, RuleLoadError, has_errors
from .expressions import Expression, Symbols, compile_expression, parse_quietly, profile_fields
from .loader import Document, YamlPath, load_file
from .model import (Amount, CallWindow, Calls, Condition, DatedValue, Fact, FactsFile, Limit, Measure, Note,
                    Parameter, Part, Reminder, RuleSet, Text, Version)
from .resources import display_path, link_name, outside
from .messages import placeholders
from .schema import complete, printable, schema, validate


def rule_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The measure files and the facts files of a rule-set folder, sorted."""
    measures = sorted(p for p in root.glob("*.yaml") if not p.name.endswith(".cases.yaml"))
    facts = sorted(p for p in (root / "facts").glob("*.yaml") if not p.name.endswith(".cases.yaml"))
    return measures, facts


def case_files(root: Path) -> list[Path]:
    """Every ``*.cases.yaml`` file under a rule-set folder, sorted (a link to a file outside it is one too:
    :func:`engine.cases.load_cases` refuses it)."""
    return sorted(root.rglob("*.cases.yaml"))


_TEXT_OWNERS = ("conditions", "caps", "minimum", "reminders", "condition")


def _rule_texts(node: Any, path: YamlPath) -> Iterable[tuple[YamlPath, str]]:
    """Every Dutch and English text of a condition, cap, minimum, reminder or call check under ``node``."""
    if isinstance(node, dict):
        text = node.get("text")
        owner = path[-2] if len(path) >= 2 and isinstance(path[-1], int) else path[-1] if path else None
        if isinstance(text, dict) and owner in _TEXT_OWNERS:
            for lang in ("nl", "en"):
                if isinstance(text.get(lang), str):
                    yield path + ("text", lang), text[lang]
        for key, value in node.items():
            if key != "text" and key != "versions":
                yield from _rule_texts(value, path + (key,))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _rule_texts(item, path + (i,))


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _version_only_parameters(general: set[str], versions: list[Version], in_texts: dict[int, set[str]],
                             measure_id: str) -> dict[str, tuple[_dt.date, str]]:
    """The parameters that only some versions' own conditions, amount or texts read (not ``general``
    ones, which the measure reads in every version), with the first such version's start."""
    found: dict[str, tuple[_dt.date, str]] = {}
    for j, version in sorted(enumerate(versions), key=lambda item: item[1].start):
        own = [c.expression for c in version.conditions or ()] + (version.amount.expressions() if version.amount else [])
        names = set().union(*(e.parameters for e in own)) if own else set()
        for name in (names | in_texts.get(j, set())) - general:
            found.setdefault(name, (version.start, f"version '{version.id}' of measure '{measure_id}'"))
    return found


def _notes(data: list[dict[str, Any]] | None) -> tuple[Note, ...]:
    return tuple(Note(n["text"], n.get("decision"), n.get("assumption", False)) for n in data or ())


class _Builder:
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

    def report(self, doc: Document, path: YamlPath, code: str, message: str, hint: str | None = None,
               severity: str = ERROR, *, key: bool = False) -> None:
        """Add a diagnostic at the value (or, with ``key``, the key) at ``path``."""
        line, column = doc.position(path, key=key)
        self.diagnostics.append(Diagnostic(doc.name, line, column, severity, code, message, hint))

    def expression(self, doc: Document, path: YamlPath, symbols: Symbols, what: str) -> Expression | None:
        source = _get(doc.data, path)
        if not isinstance(source, str):  # a bare number or true/false is an expression too
            source = str(source).lower() if isinstance(source, bool) else str(source)
        compiled, problems = compile_expression(source, symbols)
        if compiled is not None:
            self.pending.append((doc, path, compiled, what))
        else:
            self.failed_names |= _names_in(source)
        for problem in problems:
            line, column = doc.locate_in_scalar(path, problem.line, problem.column)
            self.diagnostics.append(Diagnostic(doc.name, line, column, ERROR, problem.code,
                                               f"{problem.message} in {what}", problem.hint))
        return compiled

    # -- files ------------------------------------------------------------------
    def load(self, paths: Iterable[Path], schema_name: str) -> list[Document]:
        documents = []
        for path in paths:
            if outside(path, self.root):
                self.diagnostics.append(Diagnostic(link_name(path), 1, 1, ERROR, "link-outside",
                                                   "the file is a link to a file outside the rule folder; it is not read",
                                                   "commit the rule file itself, not a link"))
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
                self.report(doc, ("id",), "id-mismatch",
                            f"the id '{doc.data['id']}' differs from the file name '{path.stem}'",
                            f"name the file {doc.data['id']}.yaml, or change the id to '{path.stem}'")
            documents.append(doc)
        return documents

    # -- parameters -------------------------------------------------------------
    def parameters(self, doc: Document, base: YamlPath, data: dict[str, Any],
                   versions: list[dict[str, Any]] = ()) -> dict[str, Parameter]:
        result = {}
        for name, spec in data.items():
            entries: list[tuple[DatedValue, YamlPath]] = []
            value_paths: dict[int, YamlPath] = {}
            previous = None
            for i, value in enumerate(spec.get("values", [])):
                path = base + (name, "values", i)
                if previous is not None and value["from"] < previous:
                    self.report(doc, path + ("from",), "timeline-order",
                                f"the dates of parameter '{name}' must increase: {value['from']} comes after {previous}",
                                "list the values from the oldest to the newest date")
                previous = value["from"]
                entries.append((DatedValue(value["from"], value["value"], value["source"], "timeline",
                                           _notes(value.get("notes"))), path))
                value_paths[id(entries[-1][0])] = path + ("value",)
            for j, version in enumerate(versions):
                if name in version.get("parameters", {}):
                    entries.append((DatedValue(version["from"], version["parameters"][name], version["source"],
                                               f"version {version['id']}"), ("versions", j, "parameters", name)))
                    value_paths[id(entries[-1][0])] = entries[-1][1]
            entries.sort(key=lambda e: e[0].start)
            for (first, _), (second, path) in zip(entries, entries[1:]):
                if first.start == second.start:
                    self.report(doc, path, "timeline-duplicate",
                                f"parameter '{name}' gets two values from {second.start} "
                                f"({first.origin} and {second.origin})",
                                "keep one value per date")
            kind = None
            for entry, path in entries:
                value_path = value_paths[id(entry)]
                self.check_value(doc, value_path, name, spec.get("unit"), entry.value)
                here = analysis.kind_of_value(entry.value)
                if kind is not None and analysis.merge(kind, here).name == "any":
                    self.report(doc, value_path, "parameter-kinds",
                                f"parameter '{name}' holds {here} here but {kind} elsewhere",
                                "every value of a parameter must be of the same kind")
                kind = analysis.merge(kind, here) if kind else here
            self.kinds[self._kind_key(doc, name)] = kind or analysis.ANY
            timeline = tuple(e for e, _ in entries)
            result[name] = Parameter(name, spec["description"], spec.get("unit"), timeline,
                                     tuple(e.start for e in timeline))
        return result

    @staticmethod
    def _kind_key(doc: Document, name: str) -> str:
        return f"{doc.name}\0{name}"

    def check_value(self, doc: Document, path: YamlPath, name: str, unit: str | None, value: Any) -> None:
        """Numbers where numbers belong; percentages between 0 and 100; amounts in euro not negative."""
        for where, word in doc.plain_booleans.items():
            if where[: len(path)] == tuple(path) and unit != "flag":
                self.report(doc, where, "yaml-boolean", f"YAML reads the bare word '{word}' as "
                            f"{str(_get(doc.data, where)).lower()} in '{name}'", f"put it in quotes: '{word}'")
        if unit in ("percent", "euro", "count", "years"):
            for where, text in _texts(value, tuple(path)):
                hint = (f"write the number alone: {text.strip().rstrip('%').strip()}"
                        if text.strip().endswith("%") else "write a plain number, without quotes or units")
                self.report(doc, where, "not-a-number", f"'{printable(text)}' in '{name}' is not a number", hint)
        for where, number in _numbers(value, tuple(path)):
            if unit == "percent" and not 0 <= number <= 100:
                self.report(doc, where, "rate-range", f"the percentage {number} of '{name}' is outside 0 to 100",
                            "write a percentage as a number from 0 to 100, for example 12.5 for 12.5%")
            if unit == "euro" and number < 0:
                self.report(doc, where, "negative-amount", f"the amount {number} of '{name}' is negative")

    def check_kinds(self, env: Environment, items: list[tuple[Document, YamlPath, Expression, str]]) -> None:
        """Report the static kind problems of compiled expressions (not for cached rules, which had none)."""
        if self.trusted:
            return
        for doc, path, compiled, what in items:
            wanted = {"when": BOOLEAN, "applies_when": BOOLEAN, "rate": NUMBER, "base": NUMBER,
                      "fixed": NUMBER, "amount": NUMBER}.get(str(path[-1]))
            _, problems = analysis.check(compiled, env, wanted, what)
            for problem in problems:
                line, column = doc.locate_in_scalar(path, *compiled.position(problem.node))
                self.diagnostics.append(Diagnostic(doc.name, line, column, ERROR, problem.code,
                                                   f"{problem.message} in {what}", problem.hint))

    def check_parameter_dates(self, doc: Document, base: YamlPath, parameters: dict[str, Parameter],
                              used: set[str], start: _dt.date, end: _dt.date | None, owner: str,
                              needed_from: dict[str, tuple[_dt.date, str]] | None = None) -> None:
        """Check each parameter's timeline against the days it is needed.

        A parameter is needed from ``start`` (when ``owner`` starts), or, when only the own
        conditions or amount of some versions read it, from the first of those versions
        (``needed_from`` maps its name to that day and a description of the version).
        """
        def at(name: str, code: str, message: str, hint: str | None = None, severity: str = ERROR) -> None:
            self.report(doc, base + (name,), code, message, hint, severity, key=True)

        for name, parameter in parameters.items():
            if not parameter.timeline:
                if name in used:
                    at(name, "parameter-gap",
                                f"parameter '{name}' has no value at all", "add a value under 'values' or in a version")
                continue
            first, whose = (needed_from or {}).get(name, (start, owner))
            if name in used and parameter.timeline[0].start > first:
                at(name, "parameter-gap",
                            f"parameter '{name}' has no value from {first} (when {whose} starts) "
                            f"until {parameter.timeline[0].start}",
                            f"give it a value from {first}")
            for entry, following in zip(parameter.timeline, parameter.timeline[1:]):
                if following.start <= start:
                    at(name, "value-never-applies",
                                f"the value of '{name}' from {entry.start} never applies: {owner} starts on "
                                f"{start} and a later value holds by then", "remove it", severity=WARNING)
            if end is not None:
                for entry in parameter.timeline:
                    if entry.start > end:
                        at(name, "value-never-applies",
                                    f"the value of '{name}' from {entry.start} never applies: {owner} ends on {end}",
                                    "remove it or move the end date", severity=WARNING)
            if name not in used:
                at(name, "unused-parameter",
                            f"parameter '{name}' is not used by any expression", severity=WARNING)

    def text_parameters(self, doc: Document, base: YamlPath, node: Any,
                        known: dict[str, Parameter]) -> set[str]:
        """Check the ``{name}`` placeholders of every rule text under ``node``; returns the names they use.

        Texts of conditions, caps, minimums, reminders and the call check may name a parameter in
        braces; its value in force is written there. Versions' own texts are checked with their node.
        """
        used: set[str] = set()
        for path, text in _rule_texts(node, base):
            names, stray = placeholders(text)
            for offset in stray:
                line, column = _line_and_column(text, offset)
                at = doc.locate_in_scalar(path, line, column)
                self.diagnostics.append(Diagnostic(
                    doc.name, at[0], at[1], ERROR, "text-brace", f"a lone '{text[offset]}' in a text",
                    "write {name} to show a parameter's value, or {{ and }} for a brace"))
            for name, offset in names:
                line, column = _line_and_column(text, offset)
                at = doc.locate_in_scalar(path, line, column)
                parameter = known.get(name)
                if parameter is None:
                    close = difflib.get_close_matches(name, list(known), n=1)
                    self.diagnostics.append(Diagnostic(
                        doc.name, at[0], at[1], ERROR, "unknown-placeholder",
                        f"the text names '{{{name}}}', which is not a parameter",
                        f"did you mean '{{{close[0]}}}'?" if close else "name a parameter of this file or a shared one"))
                    continue
                used.add(name)
                if any(isinstance(entry.value, dict) for entry in parameter.timeline):
                    self.diagnostics.append(Diagnostic(
                        doc.name, at[0], at[1], ERROR, "placeholder-table",
                        f"the text names '{{{name}}}', whose value is a table, which a text cannot show",
                        "name a parameter with a single value"))
        return used

    # -- conditions, amounts ----------------------------------------------------
    def conditions(self, doc: Document, path: YamlPath, items: list[dict[str, Any]], symbols: Symbols,
                   shared: dict[str, Condition]) -> tuple[Condition, ...]:
        result = []
        seen: set[str] = set()
        for i, item in enumerate(items):
            here = path + (i,)
            if "use" in item:
                found = shared.get(item["use"])
                if found is None:
                    close = difflib.get_close_matches(item["use"], list(shared), n=1)
                    self.report(doc, here + ("use",), "unknown-condition",
                                f"unknown shared condition '{item['use']}'",
                                f"did you mean '{close[0]}'?" if close else "shared conditions are defined in rules/facts/")
                    continue
                condition = found
            else:
                compiled = self.expression(doc, here + ("when",), symbols, f"condition '{item['id']}'")
                if compiled is None:
                    continue
                condition = Condition(item["id"], compiled, Text(**item["text"]), item.get("source"),
                                      _notes(item.get("notes")))
            if condition.id in seen:
                self.report(doc, here, "duplicate-condition", f"condition id '{condition.id}' is used twice",
                            "give every condition its own id")
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

        caps = tuple(cap for i, spec in enumerate(data.get("caps", []))
                     if (cap := limit(spec, path + ("caps", i))) is not None)
        minimum = limit(data["minimum"], path + ("minimum",)) if "minimum" in data else None
        return Amount(tuple(parts), fixed, caps, minimum)

    # -- whole files ------------------------------------------------------------
    def facts(self, documents: list[Document]) -> tuple[dict[str, Fact], dict[str, Parameter],
                                                        dict[str, Condition], Symbols]:
        parameters: dict[str, Parameter] = {}
        owners: dict[str, Document] = {}
        for doc in documents:
            for name, parameter in self.parameters(doc, ("parameters",), doc.data.get("parameters", {})).items():
                if name in parameters:
                    self.report(doc, ("parameters", name), "duplicate-name",
                                f"parameter '{name}' is also defined in {owners[name].name}", key=True)
                parameters[name] = parameter
                owners[name] = doc
        fact_names = {}
        for doc in documents:
            for name in doc.data.get("facts", {}):
                if name in fact_names or name in parameters:
                    self.report(doc, ("facts", name), "duplicate-name",
                                f"the name '{name}' is also defined in {(fact_names.get(name) or owners[name]).name}",
                                key=True)
                fact_names[name] = doc
        symbols = Symbols(self.fields, frozenset(parameters), frozenset(fact_names))
        facts: dict[str, Fact] = {}
        for doc in documents:
            for name, spec in doc.data.get("facts", {}).items():
                compiled = self.expression(doc, ("facts", name, "expression"), symbols, f"fact '{name}'")
                if compiled:
                    facts[name] = Fact(name, spec["description"], compiled, spec.get("source"), doc.name)
        self._check_cycles(facts, fact_names)
        self.fact_env = self._fact_environment(facts, parameters, owners)
        used = set().union(*(f.expression.parameters for f in facts.values())) if facts else set()
        shared: dict[str, Condition] = {}
        condition_symbols = Symbols(self.fields, frozenset(parameters), frozenset(fact_names), allow_amount=True)
        for doc in documents:
            for i, item in enumerate(doc.data.get("conditions", [])):
                compiled = self.expression(doc, ("conditions", i, "when"), condition_symbols,
                                           f"shared condition '{item['id']}'")
                if item["id"] in shared:
                    self.report(doc, ("conditions", i, "id"), "duplicate-condition",
                                f"shared condition '{item['id']}' is defined twice")
                if compiled:
                    shared[item["id"]] = Condition(item["id"], compiled, Text(**item["text"]), item.get("source"),
                                                   _notes(item.get("notes")), shared=True)
                    used |= compiled.parameters
        for doc in documents:
            used |= self.text_parameters(doc, (), {"conditions": doc.data.get("conditions", [])}, parameters)
        self.global_used = used
        self.global_owners = owners
        self.facts_files = tuple(
            FactsFile(doc.data["id"], Text(**doc.data["title"]), tuple(doc.data["sources"]),
                      _notes(doc.data.get("notes")), tuple(doc.data.get("parameters", {})),
                      tuple(doc.data.get("facts", {})), tuple(c["id"] for c in doc.data.get("conditions", [])),
                      doc.name)
            for doc in documents)
        self.check_kinds(self.fact_env, self.pending)
        self.pending = []
        return facts, parameters, shared, symbols

    def _fact_environment(self, facts: dict[str, Fact], parameters: dict[str, Parameter],
                          owners: dict[str, Document]) -> Environment:
        kinds: dict[str, Kind] = {}
        sources: dict[str, Sources] = {}
        env = Environment(self.fields, self.optional,
                          {n: self.kinds.get(self._kind_key(owners[n], n), analysis.ANY) for n in parameters},
                          lambda n: fact_kind(n), lambda n: fact_sources(n))

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

    def _check_cycles(self, facts: dict[str, Fact], owners: dict[str, Document]) -> None:
        state: dict[str, int] = {}

        def visit(name: str, trail: list[str]) -> None:
            if state.get(name) == 2 or name not in facts:
                return
            if state.get(name) == 1:
                cycle = trail[trail.index(name):] + [name]
                doc = owners[name]
                self.report(doc, ("facts", name, "expression"), "fact-cycle",
                            "facts depend on each other in a circle: " + " -> ".join(cycle))
                return
            state[name] = 1
            for dependency in sorted(facts[name].expression.facts):
                visit(dependency, trail + [name])
            state[name] = 2

        for name in sorted(facts):
            visit(name, [])

    def measure(self, doc: Document, global_parameters: dict[str, Parameter], fact_names: frozenset[str],
                shared: dict[str, Condition], measure_ids: frozenset[str]) -> Measure | None:
        self.pending = []
        self.failed_names = set()
        data = doc.data
        versions = data.get("versions", [])
        for j, version in enumerate(versions):
            if j and version["from"] <= versions[j - 1]["from"]:
                self.report(doc, ("versions", j, "from"), "version-order",
                            f"version '{version['id']}' starts on {version['from']}, not after the version before it",
                            "list versions from the oldest to the newest")
            for name in version.get("parameters", {}):
                if name not in data.get("parameters", {}):
                    self.report(doc, ("versions", j, "parameters", name), "unknown-parameter",
                                f"version '{version['id']}' sets '{name}', which is not declared under parameters",
                                "declare it under parameters with a description", key=True)
            if "until" in version and version["until"] < version["from"]:
                self.report(doc, ("versions", j, "until"), "version-dates",
                            f"version '{version['id']}' ends on {version['until']}, before it starts on "
                            f"{version['from']}")
            previous = versions[j - 1] if j else None
            if previous is not None and "until" in previous and version["from"] > previous["from"]:
                if version["from"] <= previous["until"]:
                    self.report(doc, ("versions", j, "from"), "version-overlap",
                                f"version '{version['id']}' starts on {version['from']}, while version "
                                f"'{previous['id']}' runs until {previous['until']}",
                                "versions may not overlap: end the earlier one the day before")
                elif version["from"] > previous["until"] + _dt.timedelta(days=1) and not version["after_gap"]:
                    self.report(doc, ("versions", j, "from"), "version-gap",
                                f"the measure does not exist from {previous['until'] + _dt.timedelta(days=1)} "
                                f"to {version['from'] - _dt.timedelta(days=1)}, between versions "
                                f"'{previous['id']}' and '{version['id']}'",
                                "if that is intended, add 'after_gap: true' to the later version",
                                severity=WARNING)
            if version["from"] < data["valid_from"]:
                self.report(doc, ("versions", j, "from"), "version-before-start",
                            f"version '{version['id']}' starts on {version['from']}, before the measure's "
                            f"valid_from {data['valid_from']}")
        parameters = self.parameters(doc, ("parameters",), data.get("parameters", {}), versions)
        for name in parameters:
            if name in ("amount", "true", "false"):
                self.report(doc, ("parameters", name), "reserved-name",
                            f"'{name}' is a reserved word in expressions and cannot name a parameter",
                            "choose a more specific name", key=True)
            if name in global_parameters or name in fact_names:
                self.report(doc, ("parameters", name), "duplicate-name",
                            f"the parameter '{name}' hides a shared fact or parameter of the same name",
                            "choose another name", key=True)
        names = frozenset(parameters) | frozenset(global_parameters)
        symbols = Symbols(self.fields, names, fact_names, measure_ids=measure_ids)
        condition_symbols = Symbols(self.fields, names, fact_names, allow_amount=True, measure_ids=measure_ids)
        conditions = self.conditions(doc, ("conditions",), data.get("conditions", []), condition_symbols, shared)
        amount = self.amount(doc, ("amount",), data["amount"], symbols) if "amount" in data else None
        compiled_versions = []
        for j, version in enumerate(versions):
            v_conditions = (self.conditions(doc, ("versions", j, "conditions"), version["conditions"],
                                            condition_symbols, shared) if "conditions" in version else None)
            v_amount = (self.amount(doc, ("versions", j, "amount"), version["amount"], symbols)
                        if "amount" in version else None)
            compiled_versions.append(Version(version["id"], version["from"], version["source"], v_conditions,
                                             v_amount, _notes(version.get("notes")), version.get("until")))
        if data.get("status", "rules") == "rules" and amount is None and not any(
                v.amount for v in compiled_versions):
            self.report(doc, (), "missing-amount", f"measure '{data['id']}' has no amount",
                        "add an 'amount' (or set status: info)")
        elif (data.get("status", "rules") == "rules" and amount is None and versions
              and versions[0]["from"] > data["valid_from"]):
            self.report(doc, ("versions", 0, "from"), "version-start",
                        f"the first version starts on {versions[0]['from']}, after valid_from "
                        f"{data['valid_from']}, and the measure has no amount of its own for the days between",
                        "start the first version on valid_from, or give the measure an amount")
        applies_when = (self.expression(doc, ("applies_when",), symbols, "applies_when")
                        if "applies_when" in data else None)
        reminders = []
        for i, item in enumerate(data.get("reminders", [])):
            when = (self.expression(doc, ("reminders", i, "when"), symbols, f"reminder '{item['id']}'")
                    if "when" in item else None)
            reminders.append(Reminder(item["id"], Text(**item["text"]), when, _notes(item.get("notes")),
                                      item.get("source")))
        calls = None
        if "calls" in data:
            spec = data["calls"]
            windows = []
            for i, w in enumerate(spec["windows"]):
                if w["close"] < w["open"]:
                    self.report(doc, ("calls", "windows", i, "close"), "call-dates",
                                f"call '{w['name']}' closes on {w['close']}, before it opens on {w['open']}")
                windows.append(CallWindow(w["name"], w["open"], w["close"], w["source"]))
            calls = Calls(spec["condition"]["id"], Text(**spec["condition"]["text"]), tuple(windows))
        expressions = [c.expression for c in conditions] + [r.when for r in reminders if r.when]
        expressions += [applies_when] if applies_when else []
        expressions += amount.expressions() if amount else []
        expressions_of_measure = list(expressions)
        for version in compiled_versions:
            expressions += [c.expression for c in version.conditions or ()]
        for spec in [v.amount for v in compiled_versions]:
            expressions += spec.expressions() if spec else []
        known = {**global_parameters, **parameters}
        in_texts = self.text_parameters(doc, (), {k: v for k, v in data.items() if k != "versions"}, known)
        in_version_texts = {j: self.text_parameters(doc, ("versions", j), version, known)
                            for j, version in enumerate(versions)}
        used = set().union(*(e.parameters for e in expressions if e)) if expressions else set()
        used |= in_texts | set().union(*in_version_texts.values()) if in_version_texts else in_texts
        used |= self.failed_names
        self.failed_names = set()
        self.global_used |= used
        self.check_parameter_dates(doc, ("parameters",), parameters, used, data["valid_from"],
                                   data.get("valid_until"), f"measure '{data['id']}'",
                                   _version_only_parameters(
                                       set().union(*(e.parameters for e in expressions_of_measure if e)) | in_texts,
                                       compiled_versions, in_version_texts, data["id"]))
        env = Environment(self.fields, self.optional,
                          {**self.fact_env.parameters,
                           **{n: self.kinds.get(self._kind_key(doc, n), analysis.ANY) for n in parameters}},
                          self.fact_env.fact_kind, self.fact_env.fact_sources)
        self.check_kinds(env, self.pending)
        self.pending = []
        all_conditions = list(conditions) + [c for v in compiled_versions for c in v.conditions or ()]
        amount_specs = [spec for spec in [amount] + [v.amount for v in compiled_versions] if spec]

        def unknown_conditions() -> frozenset[str]:
            """The conditions an absent fact can leave unknown (the amount's own unknowns included)."""
            env.amount_sources = Sources(frozenset().union(*(
                analysis.unknown_sources(e, env).unknown
                for spec in amount_specs for e in [*(x for p in spec.parts for x in (p.rate, p.base)),
                                                   *([spec.fixed] if spec.fixed else [])])))
            return frozenset(c.id for c in all_conditions if analysis.unknown_sources(c.expression, env).unknown)

        return Measure(
            id=data["id"], title=Text(**data["title"]), summary=Text.of(data.get("summary")),
            status=data.get("status", "rules"), applies_to=frozenset(data["applies_to"]), applies_when=applies_when,
            valid_from=data["valid_from"], valid_until=data.get("valid_until"), de_minimis=data["de_minimis"],
            sources=tuple(data["sources"]), notes=_notes(data.get("notes")), parameters=parameters,
            versions=tuple(compiled_versions), calls=calls, conditions=conditions, reminders=tuple(reminders),
            amount=amount, file=doc.name, unknown_finder=unknown_conditions,
        )


def _texts(value: Any, path: YamlPath) -> list[tuple[YamlPath, str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, list):
        return [t for i, item in enumerate(value) for t in _texts(item, path + (i,))]
    if isinstance(value, dict):
        return [t for key, item in value.items() for t in _texts(item, path + (key,))]
    return []


def _numbers(value: Any, path: YamlPath) -> list[tuple[YamlPath, Any]]:
    if isinstance(value, bool):
        return []
    if isinstance(value, (int, Decimal)):
        return [(path, value)]
    if isinstance(value, list):
        return [n for i, item in enumerate(value) for n in _numbers(item, path + (i,))]
    if isinstance(value, dict):
        return [n for key, item in value.items() for n in _numbers(item, path + (key,))]
    return []


def _names_in(source: str) -> set[str]:
    """The plain names in an expression that may not compile (for the unused-parameter check)."""
    try:
        tree = parse_quietly(" ".join(source.split()))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}


def _get(data: Any, path: YamlPath) -> Any:
    for part in path:
        data = data[part]
    return data


def digest(root: Path) -> str:
    """A sha256 over the rule files' names and bytes: it changes whenever a rule changes."""
    measures, facts = rule_files(root)
    hasher = hashlib.sha256()
    for path in measures + facts:
        hasher.update(path.relative_to(root).as_posix().encode() + b"\0")
        with open(path, "rb") as handle:  # in pieces: a rule file from a pull request may be any size
            while piece := handle.read(1 << 20):
                hasher.update(piece)
        hasher.update(b"\0")
    return "sha256:" + hasher.hexdigest()


def _check(root: Path, cached: dict[str, Any] | None = None
           ) -> tuple[RuleSet | None, list[Diagnostic], list[Document], list[Document]]:
    builder = _Builder(root, trusted=cached is not None)
    if cached is None:
        measure_paths, fact_paths = rule_files(root)
        if not measure_paths:
            builder.diagnostics.append(Diagnostic(str(root), 1, 1, ERROR, "no-rules",
                                                  f"'{root}' holds no measure files (*.yaml)"))
        fact_docs = builder.load(fact_paths, "facts")
        measure_docs = builder.load(measure_paths, "measure")
    else:  # validated data from the cache: no YAML parsing, no schema validation
        fact_docs = [Document(display_path(root / rel), data, "") for rel, data in cached["facts"]]
        measure_docs = [Document(display_path(root / rel), data, "") for rel, data in cached["measures"]]
    facts, parameters, shared, fact_symbols = builder.facts(fact_docs)
    ids = frozenset(doc.data["id"] for doc in measure_docs)
    measures: dict[str, Measure] = {}
    for doc in measure_docs:
        measure = builder.measure(doc, parameters, fact_symbols.facts, shared, ids)
        if measure is not None:
            if measure.id in measures:
                builder.report(doc, ("id",), "duplicate-measure", f"measure id '{measure.id}' is used twice")
            measures[measure.id] = measure
    for name, parameter in parameters.items():
        if name not in builder.global_used:
            builder.report(builder.global_owners[name], ("parameters", name), "unused-parameter",
                           f"parameter '{name}' is not used by any expression", severity=WARNING, key=True)
    diagnostics = sorted(set(builder.diagnostics))
    if has_errors(diagnostics):
        return None, diagnostics, fact_docs, measure_docs
    rules = RuleSet(dict(sorted(measures.items())), facts, parameters, shared,
                    cached["digest"] if cached else digest(root), str(root), builder.facts_files)
    return rules, diagnostics, fact_docs, measure_docs


def check_rules(root: str | Path) -> tuple[RuleSet | None, list[Diagnostic]]:
    """Load and check a rule-set folder, reading every file (no cache).

    Returns:
        The rule set (None when it has errors) and every diagnostic found.
    """
    root = Path(root)
    if not root.is_dir():
        return None, [Diagnostic(str(root), 1, 1, ERROR, "no-rules", f"'{root}' is not a folder of rules")]
    rules, diagnostics, _, _ = _check(root)
    return rules, diagnostics


def load_rules_cached(root: str | Path) -> tuple[RuleSet | None, list[Diagnostic]]:
    """Like :func:`check_rules`, but reuse the validated data of an unchanged rule set (see engine.cache)."""
    from . import cache

    root = Path(root)
    if not root.is_dir():
        return check_rules(root)
    current = digest(root)
    cached = cache.read(current)
    if cached is not None:
        rules, diagnostics, _, _ = _check(root, cached)
        if rules is not None:
            return rules, diagnostics
    rules, diagnostics, fact_docs, measure_docs = _check(root)
    if rules is not None and rules.digest == current:
        def relative(doc: Document) -> str:
            return Path(os.path.relpath(Path(doc.name).resolve(), root.resolve())).as_posix()

        cache.write(current, {"facts": [(relative(d), d.data) for d in fact_docs],
                              "measures": [(relative(d), d.data) for d in measure_docs]})
    return rules, diagnostics


def load_rules(root: str | Path) -> RuleSet:
    """Load a rule set, raising :class:`RuleLoadError` when it has errors."""
    rules, diagnostics = check_rules(root)
    if rules is None:
        raise RuleLoadError([d for d in diagnostics if d.severity == ERROR])
    return rules
