"""docs/profile.md cannot drift: its example profiles are valid and evaluate, the complete example uses
every field of the schema, every field, legal form and NIS2 sector is documented, the table of
measures per project kind is the rule set's, and every example output is what the engine prints.

How the examples are marked and run: tests/doc_examples.py.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine.evaluate.evaluator import Evaluator
from engine.load.profile import parse_profile
from engine.load.ruleset import load_rules
from engine.load.schemas import resolve

from .conftest import ROOT, RULES
from .doc_examples import check_output, event_id, events

DOC = ROOT / "docs" / "profile.md"
TEXT = DOC.read_text(encoding="utf-8")
EVENTS = events(TEXT)
OUTPUTS = [e for e in EVENTS if e.kind == "output"]
FILES = {e.argument: e.block for e in EVENTS if e.kind == "file"}
SCHEMA = json.loads((ROOT / "schemas" / "profile.schema.json").read_text(encoding="utf-8"))


def _node(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target, _ = resolve(node["$ref"], "profile")
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def schema_paths(node: dict[str, Any] | None = None, prefix: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every field of the profile schema as a documented path (``projects[].consortium.research_organisation``)
    with its (resolved) schema."""
    node = _node(node if node is not None else SCHEMA)
    for name, sub in node.get("properties", {}).items():
        sub = _node(sub)
        path = f"{prefix}.{name}" if prefix else name
        yield path, sub
        if sub.get("type") == "array" and isinstance(sub.get("items"), dict):
            yield from schema_paths(sub["items"], path + "[]")
        elif sub.get("type") == "object":
            yield from schema_paths(sub, path)


PATHS = dict(schema_paths())


def test_the_schema_walk_finds_the_fields():
    assert len(PATHS) >= 45
    assert "projects[].consortium.independent_companies" in PATHS
    assert "company.partner_enterprises[].share" in PATHS


@pytest.mark.parametrize("path", sorted(p for p in PATHS if p != "$schema"))
def test_every_field_is_documented(path: str):
    assert f"`{path}`" in TEXT, f"docs/profile.md does not name `{path}`"


@pytest.mark.parametrize(
    "path",
    [
        "company.legal_form",
        "company.nis2_sector",
        "company.region",
        "company.nis2",
        "projects[].kind",
        "projects[].theme",
        "projects[].package",
    ],
)
def test_every_choice_is_documented(path: str):
    missing = [value for value in PATHS[path]["enum"] if f"`{value}`" not in TEXT]
    assert missing == [], f"docs/profile.md does not name these values of {path}: {missing}"


def test_every_default_is_documented():
    """A field with a default is listed with it in the paragraph on absent facts."""
    paragraph = TEXT.split("- **Absent facts.**", 1)[1].split("\n\n", 1)[0]
    defaulted = [path for path, sub in PATHS.items() if "default" in sub]
    assert len(defaulted) >= 9
    assert [p for p in defaulted if f"`{p}`" not in paragraph and f"`{p.split('.')[-1]}`" not in paragraph] == []


@pytest.mark.parametrize("name", sorted(n for n in FILES if n.endswith((".yaml", ".json"))))
def test_example_profile_is_valid_and_evaluates(name: str):
    block = FILES[name]
    assert block is not None
    data, problems = parse_profile(block.text, name)
    if name == "mistakes.yaml":  # the example of the checks beyond the schema
        assert data is None and {p.code for p in problems} == {
            "kbo-check",
            "duplicate-project",
            "application-before-founded",
        }
        return
    assert data is not None and problems == [], [str(p) for p in problems]
    outcome = Evaluator(load_rules(RULES)).evaluate(data, _dt.date(2026, 3, 1), "en")
    assert outcome.results


def _leaves(data: Any, prefix: str = "") -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, f"{prefix}.{key}" if prefix else key)
        if prefix:
            yield prefix
    elif isinstance(data, list):
        for item in data:
            yield from _leaves(item, prefix + "[]")
        yield prefix
    else:
        yield prefix


def test_the_complete_example_uses_every_field():
    """Each field of the schema is in the complete example, as a key or (company.nis2, which would
    override the derivation the example shows) in a comment."""
    block = FILES["complete.yaml"]
    assert block is not None
    data, problems = parse_profile(block.text, "complete.yaml")
    assert data is not None and problems == []
    used = set(_leaves(json.loads(json.dumps(data, default=str))))
    commented = {f"company.{key}" for key in re.findall(r"^\s*# (\w+):", block.text, re.M)}
    absent = sorted(p for p in PATHS if p != "$schema" and p not in used | commented)
    assert absent == []


def test_the_measures_per_kind_are_the_rule_sets():
    table = TEXT.split("The measures each kind gets", 1)[1].split("\n\n", 2)[1]
    documented = {}
    for row in table.splitlines()[2:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        documented[cells[0].strip("`")] = sorted(m.strip().strip("`") for m in cells[1].split(","))
    rules = load_rules(RULES)
    actual = {
        kind: sorted(m.id for m in rules.measures.values() if kind in m.applies_to)
        for kind in PATHS["projects[].kind"]["enum"]
    }
    assert documented == actual


@pytest.mark.parametrize("event", OUTPUTS, ids=[event_id(e) for e in OUTPUTS])
def test_example_output(event, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check_output(DOC, EVENTS, event, tmp_path, monkeypatch)
