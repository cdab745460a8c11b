"""Unit tests for engine.load.profile: KBO check digits and the checks a schema cannot make."""

from __future__ import annotations

import datetime as dt

import pytest

from engine.load.profile import kbo_valid, load_profile, parse_profile


def triples(diagnostics):
    return [(d.line, d.column, d.code) for d in diagnostics]


@pytest.mark.parametrize(
    "number",
    [
        "0566.988.259",
        "BE 0419.618.535",
        "BE0419618535",
        "0419 618 535",
        "0419618535",
        "2.147.812.897",  # first eight digits divisible by 97: check digits 97
    ],
)
def test_kbo_valid(number):
    assert kbo_valid(number) is True


@pytest.mark.parametrize(
    "number",
    [
        "0566.988.258",
        "0566.988.260",
        "BE 0419.618.536",
        "2.147.812.800",
        "0566.988.25",
        "0566.988.2590",
        "",
    ],
)
def test_kbo_invalid(number):
    assert kbo_valid(number) is False


PROJECT = "projects:\n  - id: p1\n    kind: advice\n"


def test_wrong_check_digits():
    data, diagnostics = parse_profile(
        "company:\n  region: flanders\n  enterprise_number: 0566.988.258\n" + PROJECT, "p.yaml"
    )
    assert data is None
    assert triples(diagnostics) == [(3, 22, "kbo-check")]
    assert "expected 59, found 58" in diagnostics[0].message
    assert diagnostics[0].file == "p.yaml"


def test_wrong_check_digits_quoted_with_prefix():
    _, diagnostics = parse_profile("company:\n  enterprise_number: 'BE 0419.618.536'\n" + PROJECT, "p.yaml")
    assert triples(diagnostics) == [(2, 22, "kbo-check")]
    assert "expected 35, found 36" in diagnostics[0].message


def test_right_check_digits():
    data, diagnostics = parse_profile("company:\n  enterprise_number: 0566.988.259\n" + PROJECT, "p.yaml")
    assert diagnostics == []
    assert data["company"]["enterprise_number"] == "0566.988.259"


def test_malformed_enterprise_number_is_a_schema_error():
    _, diagnostics = parse_profile("company:\n  enterprise_number: '2.147.812.897'\n" + PROJECT, "p.yaml")
    assert triples(diagnostics) == [(2, 22, "schema-pattern")]


def test_duplicate_project_id():
    text = (
        "company:\n  region: flanders\nprojects:\n  - id: p1\n    kind: advice\n"
        "  - id: p2\n    kind: training\n  - id: p1\n    kind: training\n"
    )
    data, diagnostics = parse_profile(text, "p.yaml")
    assert data is None
    assert triples(diagnostics) == [(8, 9, "duplicate-project")]
    assert "first by project 1" in diagnostics[0].message


def test_every_duplicate_project_is_reported():
    text = "company: {}\nprojects:\n  - {id: a, kind: advice}\n  - {id: a, kind: advice}\n  - {id: a, kind: advice}\n"
    _, diagnostics = parse_profile(text, "p.yaml")
    assert triples(diagnostics) == [(4, 10, "duplicate-project"), (5, 10, "duplicate-project")]


def test_application_before_founded():
    text = (
        "company:\n  founded: 2020-05-01\nprojects:\n  - id: p1\n    kind: advice\n    application_date: 2020-04-30\n"
    )
    data, diagnostics = parse_profile(text, "p.yaml")
    assert data is None
    assert triples(diagnostics) == [(6, 23, "application-before-founded")]


def test_application_before_founded_with_quoted_dates():
    text = (
        "company:\n  founded: '2020-05-01'\nprojects:\n  - id: ok\n    kind: advice\n"
        "    application_date: '2020-05-01'\n  - id: early\n    kind: advice\n"
        "    application_date: '2019-12-31'\n"
    )
    _, diagnostics = parse_profile(text, "p.yaml")
    assert triples(diagnostics) == [(9, 23, "application-before-founded")]


def test_application_on_founding_day_is_fine():
    text = (
        "company:\n  founded: 2020-05-01\nprojects:\n  - id: p1\n    kind: advice\n    application_date: 2020-05-01\n"
    )
    data, diagnostics = parse_profile(text, "p.yaml")
    assert diagnostics == []
    assert data["projects"][0]["application_date"] == dt.date(2020, 5, 1)


def test_all_profile_checks_reported_together():
    text = (
        "company:\n  enterprise_number: 0566.988.258\n  founded: 2020-05-01\nprojects:\n"
        "  - {id: p1, kind: advice, application_date: 2020-01-01}\n  - {id: p1, kind: advice}\n"
    )
    _, diagnostics = parse_profile(text, "p.yaml")
    assert triples(diagnostics) == [
        (2, 22, "kbo-check"),
        (5, 46, "application-before-founded"),
        (6, 10, "duplicate-project"),
    ]


def test_schema_errors_and_profile_checks_are_reported_together():
    """Every problem at once (issue 16: a form shows them all, not one after the other)."""
    text = "company:\n  enterprise_number: 0566.988.258\n  regoin: flanders\n" + PROJECT
    data, diagnostics = parse_profile(text, "p.yaml")
    assert data is None
    assert triples(diagnostics) == [(2, 22, "kbo-check"), (3, 3, "unknown-key")]
    text = (
        "company:\n  founded: 2020-05-01\n  employees: -1\nprojects:\n"
        "  - {id: p1, kind: advice, application_date: 2020-01-01, cost: -5}\n  - {id: p1, kind: advise}\n"
    )
    _, diagnostics = parse_profile(text, "p.yaml")
    assert triples(diagnostics) == [
        (3, 14, "schema-range"),
        (5, 46, "application-before-founded"),
        (5, 64, "schema-range"),
        (6, 10, "duplicate-project"),
        (6, 20, "schema-enum"),
    ]


def test_a_check_is_left_out_where_the_schema_refuses_its_value():
    """A value the schema refuses is not checked again: one message for it, not two."""
    text = 'company:\n  enterprise_number: "0566-988-258"\n  founded: "2020-05"\nprojects:\n'
    text += "  - {id: p1, kind: advice, application_date: 2020-01-01}\n  - {id: 7, kind: advice}\n"
    _, diagnostics = parse_profile(text, "p.yaml")
    assert triples(diagnostics) == [(2, 22, "schema-pattern"), (3, 12, "schema-format"), (6, 10, "schema-type")]


def test_yaml_errors_stop_early():
    _, diagnostics = parse_profile("company:\n  founded: 2020-02-30\n" + PROJECT, "p.yaml")
    assert triples(diagnostics) == [(2, 12, "yaml-date")]


def test_load_profile_from_file(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("company:\n  enterprise_number: 0566.988.258\n" + PROJECT, encoding="utf-8")
    data, diagnostics = load_profile(path, "p.yaml")
    assert data is None
    assert triples(diagnostics) == [(2, 22, "kbo-check")]


def test_json_profile_positions():
    text = '{\n  "company": {"enterprise_number": "0566.988.258"},\n  "projects": [{"id": "p1", "kind": "advice"}]\n}\n'
    _, diagnostics = parse_profile(text, "p.json")
    assert triples(diagnostics) == [(2, 36, "kbo-check")]  # the opening quote of the value
