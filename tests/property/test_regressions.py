"""Regression tests for the engine bugs that the property tests and the fuzz harness found.

Each test is the minimal reproducer of one finding (see fuzz/FINDINGS.md), kept once fixed.
"""

from __future__ import annotations

import json

from engine import parse_profile
from engine.loader import load_text


def test_json_escaped_surrogate_pair_is_one_character():
    """json.dumps writes a character beyond U+FFFF as an escaped surrogate pair ("\\ud83d\\ude00");
    the loader rejected it as a lone surrogate, so a valid JSON profile with an emoji in a name failed."""
    profile = {"company": {"name": "Caf\U0001F600 BV", "legal_form": "bv", "region": "flanders", "employees": 3,
                           "turnover": 1, "balance_sheet_total": 1},
               "projects": [{"id": "p\U00010348", "kind": "advice"}]}
    text = json.dumps(profile)
    assert "\\ud83d\\ude00" in text
    data, diagnostics = parse_profile(text, "p.json")
    assert diagnostics == []
    assert (data["company"]["name"], data["projects"][0]["id"]) == ("Caf\U0001F600 BV", "p\U00010348")


def test_lone_and_reversed_surrogates_are_still_diagnostics():
    for text in ['x: "\\ud800"', 'x: "\\ude00\\ud83d"', 'x: "a\\ud83d\\ude00\\ud800"']:
        document, diagnostics = load_text(text, "f.yaml")
        assert [(d.line, d.column, d.code) for d in diagnostics] == [(1, 4, "yaml-text")], text
        assert document.data == {"x": ""}
