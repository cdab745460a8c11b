"""Regression tests for the engine bugs that the property tests and the fuzz harness found.

Each test is the minimal reproducer of one finding (see fuzz/FINDINGS.md), kept once fixed.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from engine import parse_profile
from engine.load.yaml_loader import load_text


def test_json_escaped_surrogate_pair_is_one_character():
    """json.dumps writes a character beyond U+FFFF as an escaped surrogate pair ("\\ud83d\\ude00");
    the loader rejected it as a lone surrogate, so a valid JSON profile with an emoji in a name failed."""
    profile = {
        "company": {
            "name": "Caf\U0001f600 BV",
            "legal_form": "bv",
            "region": "flanders",
            "employees": 3,
            "turnover": 1,
            "balance_sheet_total": 1,
        },
        "projects": [{"id": "p\U00010348", "kind": "advice"}],
    }
    text = json.dumps(profile)
    assert "\\ud83d\\ude00" in text
    data, diagnostics = parse_profile(text, "p.json")
    assert diagnostics == []
    assert (data["company"]["name"], data["projects"][0]["id"]) == ("Caf\U0001f600 BV", "p\U00010348")


def test_lone_and_reversed_surrogates_are_still_diagnostics():
    for text in ['x: "\\ud800"', 'x: "\\ude00\\ud83d"', 'x: "a\\ud83d\\ude00\\ud800"']:
        document, diagnostics = load_text(text, "f.yaml")
        assert [(d.line, d.column, d.code) for d in diagnostics] == [(1, 4, "yaml-text")], text
        assert document.data == {"x": ""}


@pytest.mark.parametrize(
    "value, code, message",
    [
        ("!!int", "yaml-number", "'' is not a plain decimal number"),
        ("!!int abc", "yaml-number", "'abc' is not a plain decimal number"),
        ("!!int 0x", "yaml-number", "'0x' is not a plain decimal number"),
        ("!!int 1:2:x", "yaml-number", "'1:2:x' is not a plain decimal number"),
        ("!!int 0x1F", "yaml-number", "'0x1F' is not a plain decimal number (YAML would read it as 31)"),
        ("!!bool maybe", "yaml-tag", "'maybe' is not true or false"),
        ("!!bool", "yaml-tag", "'' is not true or false"),
        ("!!timestamp", "yaml-date", "'' is not a date"),
        ("!!timestamp next week", "yaml-date", "'next week' is not a date"),
    ],
)
def test_explicit_standard_tags_with_other_text_are_diagnostics(value, code, message):
    """An explicit !!int, !!bool or !!timestamp tag on a text that is not one crashed the loader
    (IndexError, ValueError, KeyError, AttributeError: 'internal error', exit 3); found by the fuzz harness."""
    _, diagnostics = load_text(f"company:\n  employees: {value}\n", "p.yaml")
    assert [(d.line, d.column, d.code, d.message) for d in diagnostics] == [(2, 14, code, message)]


def test_explicit_tags_that_fit_still_load():
    document, diagnostics = load_text("a: !!int 12\nb: !!bool yes\nc: !!timestamp 2024-02-29\n", "f.yaml")
    assert (document.data, diagnostics) == ({"a": 12, "b": True, "c": dt.date(2024, 2, 29)}, [])


def test_explicit_int_tag_through_the_command_line(run_cli, tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("company: !!int\nprojects: []\n", encoding="utf-8")
    code, out, err = run_cli("evaluate", str(profile))
    assert (code, out) == (2, "")
    assert err.startswith(f"{profile}:1:10: error: '' is not a plain decimal number [yaml-number]")


def test_a_case_profile_of_the_wrong_form_is_a_diagnostic(run_cli, tmp_path):
    """A one-of choice (a case's profile: a path or a mapping) given a list reached jsonschema's
    best_match through a module name that is imported lazily: NameError, 'internal error', exit 3.
    Found by the fuzz harness."""
    cases = tmp_path / "x.cases.yaml"
    cases.write_text("cases:\n  - name: x\n    profile: [1]\n    expect: []\n", encoding="utf-8")
    problem = f"{cases}:3:14: error: expected a text but found a list [schema-type]\n"
    assert run_cli("validate", str(cases)) == (1, "", problem + "1 error(s), 0 warning(s) in 1 path(s)\n")
    code, out, err = run_cli("test", str(cases))
    assert (code, out, err) == (1, "0 passed, 0 failed, 1 file problem(s)\n", problem)
