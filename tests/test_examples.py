"""Every shipped example profile evaluates to its checked expected JSON."""

from __future__ import annotations

import json

import pytest

from engine.ruleset import digest

from .conftest import EXAMPLES, RULES

PROFILES = sorted(EXAMPLES.glob("*.yaml"))


def test_examples_exist():
    assert [p.name for p in PROFILES] == ["small-it-firm.yaml"]


@pytest.mark.parametrize("profile", PROFILES, ids=[p.stem for p in PROFILES])
def test_example_matches_expected_json(profile, run_cli, monkeypatch):
    monkeypatch.chdir(EXAMPLES.parent.parent)
    relative = str(profile.relative_to(EXAMPLES.parent.parent))
    code, out, err = run_cli("evaluate", relative, "--format", "json", "--as-of", "2026-11-29", "--lang", "en")
    assert code == 0, err
    got = json.loads(out)
    expected = json.loads(profile.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert got["rules_digest"] == digest(RULES)
    got.pop("rules_digest")
    expected.pop("rules_digest")
    assert got == expected


def test_small_it_firm_hand_checked_amounts(run_cli, monkeypatch):
    """45% x 10,000 = 4,500; 45% x 8,000 = 3,600 capped at 7,500 - 4,500 = 3,000; other advice after 2026-02-01: 0."""
    monkeypatch.chdir(EXAMPLES.parent.parent)
    code, out, _ = run_cli("evaluate", "examples/profiles/small-it-firm.yaml", "--format", "json", "--as-of",
                           "2026-11-29")
    assert code == 0
    got = json.loads(out)
    assert got["company"] == {"size": "small", "nis2": "none"}
    assert [(r["project"], r["status"], r["rate"], r["amount"], r["recommended"]) for r in got["results"]] == [
        ("cyber-audit", "eligible", 45, 4500, True),
        ("security-training", "eligible", 45, 3000, True),
        ("marketing-advice", "not_eligible", None, 0, False),
    ]
    assert got["totals"] == {"amount": 7500, "de_minimis": {"ceiling": 300000, "used": 2000, "granted_now": 7500,
                                                           "remaining": 290500}}
