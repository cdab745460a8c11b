"""Unit tests for engine.load.validation, schemas and completion: positioned schema diagnostics, defaults, and the
schemas themselves."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from jsonschema import Draft202012Validator

from engine.load.completion import complete
from engine.load.validation import validate
from engine.load.yaml_loader import load_text
from engine.resources import schemas_dir

PROJECTS = "projects:\n  - id: p1\n    kind: advice\n"


def check(text):
    doc, diagnostics = load_text(text, "profile.yaml")
    assert diagnostics == []
    return validate(doc, "profile")


def triples(diagnostics):
    return [(d.line, d.column, d.code) for d in diagnostics]


def test_valid_profile_has_no_diagnostics():
    assert check("company:\n  region: flanders\n  employees: 12\n  founded: 2020-01-01\n" + PROJECTS) == []


def test_unknown_key_with_suggestion():
    found = check("company:\n  region: flanders\n  turnvoer: 100\n" + PROJECTS)
    assert triples(found) == [(3, 3, "unknown-key")]  # the key, not its value at column 13
    assert found[0].hint == "did you mean 'turnover'?"
    assert found[0].file == "profile.yaml"
    assert found[0].severity == "error"


def test_unknown_key_without_close_match_lists_allowed_keys():
    found = check("company:\n  region: flanders\n" + PROJECTS + "zzz: 1\n")
    assert triples(found) == [(6, 1, "unknown-key")]
    assert found[0].hint == "allowed keys: $schema, company, aid_received, projects"


def test_unknown_key_in_project():
    found = check("company: {}\nprojects:\n  - id: p1\n    kind: advice\n    cots: 100\n")
    assert triples(found) == [(5, 5, "unknown-key")]
    assert found[0].hint == "did you mean 'cost'?"


def test_missing_top_level_key_points_at_document():
    found = check("# a profile\ncompany:\n  region: flanders\n")
    assert triples(found) == [(2, 1, "missing-key")]
    assert "'projects'" in found[0].message


def test_missing_key_points_at_parent_mapping():
    found = check("company:\n  region: flanders\nprojects:\n  - id: p1\n    cost: 100\n")
    assert triples(found) == [(4, 5, "missing-key")]
    assert "'kind'" in found[0].message


def test_missing_key_in_nested_mapping():
    found = check("company:\n  previous_year:\n    employees: 5\n    turnover: 10\n" + PROJECTS)
    assert triples(found) == [(3, 5, "missing-key")]
    assert "'balance_sheet_total'" in found[0].message


def test_wrong_enum_with_suggestion():
    found = check("company:\n  region: flandres\n" + PROJECTS)
    assert triples(found) == [(2, 11, "schema-enum")]
    assert found[0].hint == "did you mean 'flanders'?"


def test_wrong_enum_in_project():
    found = check("company: {}\nprojects:\n  - id: p1\n    kind: advise\n")
    assert triples(found) == [(4, 11, "schema-enum")]
    assert found[0].hint == "did you mean 'advice'?"


def test_percent_where_a_number_belongs():
    found = check("company:\n  public_participation: 45%\n" + PROJECTS)
    assert triples(found) == [(2, 25, "schema-type")]
    assert found[0].hint == "write the percentage as a plain number: 45, not 45%"


def test_quoted_number_with_separator():
    found = check("company:\n  turnover: '12 500'\n" + PROJECTS)
    assert triples(found) == [(2, 13, "schema-type")]
    assert found[0].hint == (
        "write numbers without quotes, thousands separators or spaces, with a dot for decimals: 12500.50"
    )


def test_bare_no_read_as_false_in_a_text_field():
    found = check("company:\n  name: no\n" + PROJECTS)
    assert triples(found) == [(2, 9, "schema-type")]
    assert found[0].hint == "YAML reads a bare 'no' as false; put it in quotes: 'no'"


@pytest.mark.parametrize(
    "field, column, values",
    [
        ("nis2", 9, "essential, important, none"),
        ("region", 11, "flanders, brussels, wallonia, abroad"),
    ],
)
def test_bare_no_in_an_enumerated_field_names_the_allowed_values(field, column, values):
    """Quoting 'no' would not help: it is not an allowed value either."""
    found = check(f"company:\n  {field}: no\n" + PROJECTS)
    assert triples(found) == [(2, column, "schema-type")]
    assert found[0].hint == f"YAML reads a bare 'no' as false; the allowed values are: {values}"


def test_bare_yes_in_text_field():
    found = check("company:\n  name: Yes\n" + PROJECTS)
    assert triples(found) == [(2, 9, "schema-type")]
    assert found[0].hint == "YAML reads a bare 'Yes' as true; put it in quotes: 'Yes'"


def test_quoted_no_in_enum_field():
    found = check("company:\n  nis2: 'no'\n" + PROJECTS)
    assert triples(found) == [(2, 9, "schema-enum")]
    assert found[0].hint == "did you mean 'none'?"


def test_explicit_false_in_text_field_has_no_yaml_hint():
    found = check("company:\n  name: false\n" + PROJECTS)
    assert triples(found) == [(2, 9, "schema-type")]
    assert found[0].hint is None


def test_slash_date():
    found = check("company:\n  founded: 13/09/2021\n" + PROJECTS)
    assert triples(found) == [(2, 12, "schema-format")]
    assert found[0].hint == "write dates as YYYY-MM-DD (year, month, day): 2021-09-13"


def test_impossible_quoted_date():
    found = check("company:\n  founded: '2021-02-30'\n" + PROJECTS)
    assert triples(found) == [(2, 12, "schema-format")]


def test_number_ranges():
    found = check("company:\n  public_participation: 101\n  employees: -1\n" + PROJECTS)
    assert triples(found) == [(2, 25, "schema-range"), (3, 14, "schema-range")]


def test_partner_share_range():
    found = check(
        "company:\n  partner_enterprises:\n    - share: 60\n      employees: 1\n"
        "      turnover: 1\n      balance_sheet_total: 1\n" + PROJECTS
    )
    assert triples(found) == [(3, 14, "schema-range")]


def test_pattern():
    found = check("company:\n  nace: 62010\n" + PROJECTS)
    # a bare 62010 is a number, so the type is wrong before the pattern
    assert triples(found) == [(2, 9, "schema-type")]
    found = check("company:\n  nace: '6201x'\n" + PROJECTS)
    assert triples(found) == [(2, 9, "schema-pattern")]


def test_empty_project_list():
    found = check("company: {}\nprojects: []\n")
    assert triples(found) == [(2, 11, "schema-size")]


def test_several_problems_sorted_by_position():
    found = check("company:\n  regoin: flanders\n  employees: many\nprojects:\n  - id: p1\n    kind: advise\n")
    assert triples(found) == [(2, 3, "unknown-key"), (3, 14, "schema-type"), (6, 11, "schema-enum")]


# -- complete() --------------------------------------------------------------------

COMPLETE_TEXT = """\
company:
  founded: '2021-09-13'
  region: flanders
aid_received:
  - date: 2024-01-01
    amount: 10.5
  - date: '2024-06-30'
    amount: 20
    de_minimis: false
projects:
  - id: p1
    kind: research
    application_date: '2025-01-02'
    start_date: 2025-02-01
"""


def test_complete_fills_defaults_and_dates():
    doc, diagnostics = load_text(COMPLETE_TEXT, "profile.yaml")
    assert diagnostics == []
    assert validate(doc, "profile") == []
    data = complete(doc.data, "profile")
    assert data == {
        "company": {
            "founded": dt.date(2021, 9, 13),
            "region": "flanders",
            "partner_enterprises": [],
            "linked_enterprises": [],
            "public_participation": 0,
            "negative_equity": False,
            "in_difficulty": False,
            "maatwerkbedrijf": False,
        },
        "aid_received": [
            {"date": dt.date(2024, 1, 1), "amount": Decimal("10.5"), "de_minimis": True},
            {"date": dt.date(2024, 6, 30), "amount": 20, "de_minimis": False},
        ],
        "projects": [
            {
                "id": "p1",
                "kind": "research",
                "application_date": dt.date(2025, 1, 2),
                "start_date": dt.date(2025, 2, 1),
                "collaboration": False,
                "development_cost": 0,
            }
        ],
    }
    assert type(data["company"]["founded"]) is dt.date


def test_complete_fills_empty_aid_list_and_does_not_share_defaults():
    doc, _ = load_text("company: {}\nprojects:\n  - {id: a, kind: advice}\n  - {id: b, kind: advice}\n", "p")
    first = complete(doc.data, "profile")
    second = complete(doc.data, "profile")
    assert first["aid_received"] == []
    assert first["company"]["partner_enterprises"] == []
    first["company"]["partner_enterprises"].append({"x": 1})
    assert second["company"]["partner_enterprises"] == []
    assert doc.data == {"company": {}, "projects": [{"id": "a", "kind": "advice"}, {"id": "b", "kind": "advice"}]}


def test_complete_keeps_given_values():
    doc, _ = load_text(
        "company:\n  public_participation: 30\nprojects:\n"
        "  - {id: a, kind: research, collaboration: true, development_cost: 5}\n",
        "p",
    )
    data = complete(doc.data, "profile")
    assert data["company"]["public_participation"] == 30
    assert data["projects"][0]["collaboration"] is True
    assert data["projects"][0]["development_cost"] == 5


# -- the schemas themselves ------------------------------------------------------------

SCHEMA_FILES = sorted(schemas_dir().glob("*.schema.json"))


def test_all_schemas_found():
    assert [p.name for p in SCHEMA_FILES] == [
        "cases.schema.json",
        "facts.schema.json",
        "measure.schema.json",
        "profile.schema.json",
    ]


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("/" + path.name)


def _form_nodes(node, where="#"):
    """Every schema node that asks a form of its value (a pattern) or a choice between forms (anyOf, oneOf)."""
    if isinstance(node, dict):
        if "pattern" in node or "anyOf" in node or "oneOf" in node:
            yield where, node
        for key, value in node.items():
            if key not in ("x-enum-labels", "x-doc-labels", "x-question", "enum", "default"):
                yield from _form_nodes(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _form_nodes(value, f"{where}/{index}")


def test_every_form_a_schema_asks_has_its_hint_in_both_languages():
    """A value not of the form a pattern asks, or of none of the forms a choice allows, gets a hint in Dutch and
    English: the schema names it with ``x-hint`` (a key of the validation's table of hints), since the schema's
    own descriptions are in English only. The choices inside a choice (anyOf of required keys) are part of it."""
    from engine.load.validation import _SCHEMA_HINTS

    missing, forms = [], 0
    for path in sorted(schemas_dir().glob("*.schema.json")):
        for where, node in _form_nodes(json.loads(path.read_text(encoding="utf-8"))):
            if where.endswith("/not"):
                continue
            forms += 1
            if node.get("x-hint") not in _SCHEMA_HINTS:
                missing.append(f"{path.name}{where}")
    assert forms >= 13
    assert missing == []
