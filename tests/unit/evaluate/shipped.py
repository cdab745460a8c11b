"""The inputs the lean-path tests run on: every case of the shipped case files and every example profile."""

from __future__ import annotations

from datetime import date
from typing import Any

from engine.cases.rule_cases import load_cases
from engine.load.profile import load_profile
from engine.load.ruleset import case_files
from engine.model import RuleSet

from ...conftest import EXAMPLES, RULES


def shipped_inputs(rules: RuleSet) -> list[tuple[dict[str, Any], date]]:
    """(profile, as-of date) of every case of the shipped case files and every example profile (on the first
    case's date)."""
    inputs = []
    for path in case_files(RULES):
        inputs += [(case.profile, case.as_of) for case in load_cases(path, rules)[0]]
    for path in sorted(EXAMPLES.glob("*.yaml")):
        data, problems = load_profile(path)
        assert not problems
        inputs.append((data, inputs[0][1]))
    return inputs


def first_case(rules: RuleSet) -> tuple[dict[str, Any], date]:
    """(profile, as-of date) of the first case of the first shipped case file."""
    path = next(iter(case_files(RULES)))
    return next((case.profile, case.as_of) for case in load_cases(path, rules)[0])
