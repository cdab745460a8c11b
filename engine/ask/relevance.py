"""Whether a fact can still change a result: the helpers of the questionnaire's choices.

A fact whose absence the rules treat as unknown shows up in the ``missing`` list of the
results it could decide. Two kinds do not: a fact the schema fills in with a default,
and a fact the rules read with ``given()`` or in an ``applies_when`` (where an absent
fact has a meaning of its own). For those, the questionnaire evaluates the profile with
a few telling values of the fact and compares the results (:func:`result_keys`). The
profile variants share everything but the containers on the changed path.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from typing import Any, cast

from ..evaluate.results import ProfileResult
from ..language.expression import Expression, attribute_chain
from ..model import RuleSet
from .profile_fields import example_values, fields, figures, generic, required, split, walk

ABSENT = object()  # a fact left out


def watched_fields(rules: RuleSet) -> frozenset[str]:
    """Generic paths of the fields whose absence a rule does not treat as unknown: those read with
    given(), and those an applies_when reads (an unknown there lets the measure apply)."""
    expressions: list[Expression] = [f.expression for f in rules.facts.values()]
    for measure in rules.measures.values():
        expressions += measure.expressions()  # applies_when included: given() there counts too
    found: set[str] = set()
    for expression in expressions:
        for node in ast.walk(expression.tree) if expression.tree is not None else ():
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "given":
                found |= {_field(arg) for arg in node.args if isinstance(arg, ast.Attribute)}
    conditions = [m.applies_when for m in rules.measures.values() if m.applies_when is not None]
    for expression in with_facts(rules, conditions):
        found |= {_field(node) for node in ast.walk(cast(ast.AST, expression.tree)) if isinstance(node, ast.Attribute)}
    return frozenset(found - {""})


def with_facts(rules: RuleSet, expressions: list[Expression]) -> Iterator[Expression]:
    """``expressions``, then the expressions of the derived facts they read, directly or through other facts:
    each fact once (what a rule reads through the facts it uses)."""
    pending, seen = list(expressions), set[str]()
    while pending:
        expression = pending.pop()
        yield expression
        for name in expression.facts - seen:
            seen.add(name)
            pending.append(rules.facts[name].expression)


def _field(node: ast.Attribute) -> str:
    """The generic profile path of a dotted read: project.start_date -> 'projects[].start_date'."""
    probe, chain = attribute_chain(node)
    if not isinstance(probe, ast.Name) or probe.id not in ("company", "project") or not chain:
        return ""
    return ".".join(["company" if probe.id == "company" else "projects[]", *chain])


def remove(data: dict[str, Any], path: str) -> None:
    """Take the value at ``path`` out of ``data`` (in place)."""
    parts = split(path)
    owner = walk(data, parts[:-1])
    if isinstance(owner, dict):
        owner.pop(parts[-1], None)


def replaced(data: Any, parts: list[str | int], value: Any) -> Any:
    """A copy of ``data`` with the value at ``parts`` set (or left out, for ABSENT); only the containers
    on the way are copied, the rest is shared (the evaluator changes nothing it is given)."""
    head, rest = parts[0], parts[1:]
    if isinstance(data, list):
        copied: Any = list(data)
        child = data[head] if isinstance(head, int) and head < len(data) else {}
    else:
        copied = dict(data)
        child = data.get(head, {})
    if rest:
        copied[head] = replaced(child, rest, value)
    elif value is ABSENT:
        copied.pop(head, None)
    else:
        copied[head] = value
    return copied


def result_keys(outcome: ProfileResult) -> dict[tuple[str, str], tuple[Any, ...]]:
    """What counts as a result, per (project, measure): status, rate, amount and whether it is recommended."""
    return {(r.project, r.measure.id): (r.status, r.rate, r.amount, r.recommended) for r in outcome.results}


def differences(before: dict[Any, Any], after: dict[Any, Any]) -> set[Any]:
    """The keys whose results differ (or exist on one side only)."""
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def changed_results(
    evaluate: Callable[[dict[str, Any]], ProfileResult | None], probe: dict[str, Any], path: str, values: list[Any]
) -> set[tuple[str, str]]:
    """The (project, measure) results that differ between the first value of a fact (ABSENT: left out) and
    the others; a variant the evaluator cannot evaluate (``evaluate`` gives None) counts for nothing."""
    seen = []
    for value in values:
        outcome = evaluate(replaced(probe, split(path), value))
        if outcome is not None:
            seen.append(result_keys(outcome))
    return set().union(*(differences(seen[0], other) for other in seen[1:])) if seen else set()


def witnesses(path: str, probe: dict[str, Any], measure_ids: list[str]) -> list[Any]:
    """A few values of a fact that together show whether it can change a result: for a list of enterprises,
    a small one and a large one; for the aid history, a large grant of every measure on every application
    date; for figures, low and high ones; else :func:`engine.ask.profile_fields.example_values` around
    the application date."""
    node = fields()[generic(path)]
    dates = sorted({p["application_date"] for p in probe["projects"]})
    if path.startswith("projects["):
        dates = [probe["projects"][split(path)[1]]["application_date"]]
    if node.get("type") == "array":
        examples = figures(generic(path))
        if examples:
            return [[item] for item in examples]
        return [
            [
                {"date": day, "amount": 10**9, "measure": measure, "de_minimis": True}
                for day in dates
                for measure in measure_ids
            ]
        ]
    if node.get("type") == "object":
        return figures(generic(path))
    return example_values(node, dates[-1])


ENGINE_READS = ("application_date",)
"""The project fields the evaluator itself reads for every measure, besides the rules: the application date
selects the version, the call window and the dated values in force."""


def project_fields(rules: RuleSet) -> dict[str, dict[str, list[str]]]:
    """Per project kind of the schema: the measures that apply to it and the project fields that can matter to
    them, in the schema's order, as paths inside a project ('cost', 'consortium.research_organisation').

    A field matters when the project's required fields name it (id, kind), the evaluator reads it
    (:data:`ENGINE_READS`), or an expression of a measure for that kind reads it, directly or through the
    derived facts it uses. A read of a whole object (``project.consortium``) counts for each of its fields.
    """
    leaves = [p.removeprefix("projects[].") for p, node in fields().items() if p.startswith("projects[].")]
    leaves = [p for p in leaves if fields()[f"projects[].{p}"].get("type") not in ("object", "array")]
    always = set(required("projects[]")) | set(ENGINE_READS)
    found: dict[str, dict[str, list[str]]] = {}
    for kind in fields()["projects[].kind"]["enum"]:
        measures = [m for m in rules.measures.values() if kind in m.applies_to]
        read = _project_reads(rules, [e for m in measures for e in m.expressions()])
        matters = [p for p in leaves if p in always or any(p == r or p.startswith(r + ".") for r in read)]
        found[kind] = {"measures": [m.id for m in measures], "fields": matters}
    return found


def _project_reads(rules: RuleSet, expressions: list[Expression]) -> set[str]:
    """The project fields that ``expressions`` read ('cost', 'consortium.research_organisation'; 'consortium' for
    a read of the whole object), following the derived facts."""
    found: set[str] = set()
    for expression in with_facts(rules, expressions):
        nodes = list(ast.walk(expression.tree)) if expression.tree is not None else []
        inner = {id(node.value) for node in nodes if isinstance(node, ast.Attribute)}  # project.consortium of .x
        for node in nodes:
            if isinstance(node, ast.Attribute) and id(node) not in inner:
                probe, chain = attribute_chain(node)
                if isinstance(probe, ast.Name) and probe.id == "project" and chain:
                    found.add(".".join(chain))
    return found
