"""The shipped rule set as a whole: clean, traceable, and free of measure logic in Python."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from engine.load.ruleset import case_files, check_rules, load_rules

from .conftest import EXAMPLES, ROOT, RULES

RULE_FILES = sorted(p for p in RULES.rglob("*.yaml") if not p.name.endswith(".cases.yaml"))


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_shipped_rules_have_no_diagnostics():
    rules, diagnostics = check_rules(RULES)
    assert rules is not None
    assert [str(d) for d in diagnostics] == []


def test_the_measures_of_the_seed_text_are_all_there():
    assert sorted(load_rules(RULES).measures) == [
        "cs-icon",
        "cybersecurity-verbetertraject",
        "digital-europe",
        "horizon-europe",
        "innovatieve-starterssteun",
        "kmo-portefeuille",
        "onderzoeksproject",
        "ontwikkelingsproject",
    ]


def test_schemas_are_valid_json_schemas():
    for path in sorted((ROOT / "schemas").glob("*.schema.json")):
        Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


def _conditions(data):
    yield from (c for c in data.get("conditions", []) if "when" in c)
    for version in data.get("versions", []):
        yield from (c for c in version.get("conditions", []) if "when" in c)


def test_every_condition_limit_and_reminder_has_a_source():
    missing = []
    for path in RULE_FILES:
        data = _load(path)
        for condition in _conditions(data):
            if "source" not in condition:
                missing.append(f"{path.name}: condition {condition['id']}")
        for reminder in data.get("reminders", []):
            if "source" not in reminder:
                missing.append(f"{path.name}: reminder {reminder['id']}")
        for amount in [data.get("amount")] + [v.get("amount") for v in data.get("versions", [])]:
            for limit in (amount or {}).get("caps", []) + (
                [amount["minimum"]] if amount and "minimum" in amount else []
            ):
                if "source" not in limit:
                    missing.append(f"{path.name}: limit {limit['id']}")
    assert missing == []


def _notes(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "notes":
                yield from value
            else:
                yield from _notes(value)
    elif isinstance(node, list):
        for item in node:
            yield from _notes(item)


def test_every_assumption_names_its_decision():
    assumptions = [(path.name, note) for path in RULE_FILES for note in _notes(_load(path)) if note.get("assumption")]
    assert len(assumptions) >= 10
    assert [name for name, note in assumptions if not re.fullmatch(r"D[0-9]+", note.get("decision", ""))] == []


def test_the_decisions_a_note_may_name_are_those_of_decisions_md():
    """The schema's list of decision ids (what validate accepts in a note's ``decision:``) is the list of sections
    of docs/decisions.md, in order."""
    headings = re.findall(r"^## (D[0-9]+) ", (ROOT / "docs" / "decisions.md").read_text(encoding="utf-8"), re.M)
    schema = json.loads((ROOT / "schemas" / "measure.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["note"]["properties"]["decision"]["enum"] == headings
    assert headings[0] == "D1" and len(headings) == 26


def _expressions(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if (key in ("when", "expression", "rate", "base", "fixed", "applies_when") and isinstance(value, str)) or (
                key == "amount" and isinstance(value, str)
            ):
                yield value
            else:
                yield from _expressions(value)
    elif isinstance(node, list):
        for item in node:
            yield from _expressions(item)


def test_numbers_in_expressions_are_parameters_not_literals():
    """Every number a rule editor may need to change is a dated parameter with a source; expressions
    hold only 0 (no bonus) and 1 (one day)."""
    literals = set()
    for path in RULE_FILES:
        for source in _expressions(_load(path)):
            for node in ast.walk(ast.parse(" ".join(source.split()), mode="eval")):
                if isinstance(node, ast.Constant) and type(node.value) in (int, float):
                    literals.add(node.value)
    assert literals <= {0, 1}


def test_no_measure_logic_in_python():
    """No measure id, parameter name or percentage of the rule set appears in engine/."""
    rules = load_rules(RULES)
    words = set(rules.measures) | {p for m in rules.measures.values() for p in m.parameters} | set(rules.parameters)
    words -= {"rate"}  # the generic word of the JSON output (docs/output.md)
    # the interface between engine and rules: facts the JSON output reports (see README, "Rules")
    words -= {"size", "nis2", "de_minimis_ceiling", "de_minimis_used"}
    engine_text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "engine").rglob("*.py")))
    assert sorted(w for w in words if re.search(rf"\b{re.escape(w)}\b", engine_text)) == []
    for number in ("45", "35", "7500", "7,500", "300000", "200000", "25000", "100000"):
        assert not re.search(rf"(?<![\w.]){re.escape(number)}(?![\w.])", engine_text), number


def test_every_file_starts_with_its_schema_comment():
    expected = {
        "measure": "schemas/measure.schema.json",
        "facts": "schemas/facts.schema.json",
        "cases": "schemas/cases.schema.json",
        "profile": "schemas/profile.schema.json",
    }
    files = [(p, "facts" if p.parent.name == "facts" else "measure") for p in RULE_FILES]
    files += [(p, "cases") for p in case_files(RULES)]
    files += [(p, "profile") for p in EXAMPLES.glob("*.yaml")]
    wrong = []
    for path, kind in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        if not match or (path.parent / match.group(1)).resolve() != (ROOT / expected[kind]).resolve():
            wrong.append(str(path.relative_to(ROOT)))
    assert wrong == []


def test_at_least_150_rule_cases():
    count = sum(len(_load(p)["cases"]) for p in case_files(RULES))
    assert count >= 150


def _bilingual_texts(data):
    """Every parameter and fact description and every note text of a rule file, with where it stands."""
    for name, spec in (data.get("parameters") or {}).items():
        yield f"parameter {name}", spec["description"]
    for name, spec in (data.get("facts") or {}).items():
        yield f"fact {name}", spec["description"]
    for index, note in enumerate(_notes(data)):
        yield f"note {index + 1}", note["text"]


_QUOTED = re.compile(r'"[^"]*"')
_ENGLISH = {"the", "and", "with", "which", "when", "only", "from", "are", "not", "that"}
_DUTCH = {"het", "een", "en", "van", "met", "niet", "voor", "wordt", "zijn", "enkel"}


def _words(text: str) -> set[str]:
    """The words of a text, leaving out quotations (a note may quote a source in the other language) and names
    (``valid_from``, ``economic-activity-only``)."""
    return set(re.findall(r"[a-z]+(?:[-_][a-z0-9]+)*", _QUOTED.sub(" ", text).lower().replace("de minimis", " ")))


def test_every_parameter_description_and_note_is_in_dutch_and_english():
    """The documentation pages in Dutch (``subsidie docs --lang nl``) show the Dutch text of every parameter and
    fact description and note, the English ones the English text: each is given as {nl: ..., en: ...}, each
    language in its own words."""
    one_language, mixed = [], []
    count = 0
    for path in RULE_FILES:
        for where, text in _bilingual_texts(_load(path)):
            count += 1
            if not (isinstance(text, dict) and set(text) == {"nl", "en"} and all(text.values())):
                one_language.append(f"{path.name}: {where}")
                continue
            if _words(text["nl"]) & _ENGLISH:
                mixed.append(f"{path.name}: {where}: English in nl: {sorted(_words(text['nl']) & _ENGLISH)}")
            if _words(text["en"]) & _DUTCH:
                mixed.append(f"{path.name}: {where}: Dutch in en: {sorted(_words(text['en']) & _DUTCH)}")
    assert count >= 139
    assert one_language == []
    assert mixed == []
