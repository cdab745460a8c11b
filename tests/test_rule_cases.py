"""pytest runs the same rule test cases as `subsidie test`: one test per case."""

from __future__ import annotations

import pytest

from engine.cases.rule_cases import load_cases, run_case
from engine.evaluate.evaluator import Evaluator
from engine.load.ruleset import case_files, load_rules

from .conftest import RULES

_RULES = load_rules(RULES)
_EVALUATOR = Evaluator(_RULES)
_CASES = []
_PROBLEMS = []
for _path in case_files(RULES):
    _found, _diagnostics = load_cases(_path, _RULES)
    _CASES += _found
    _PROBLEMS += _diagnostics


def test_case_files_load_without_problems():
    assert [str(d) for d in _PROBLEMS] == []


def test_there_are_cases_for_every_measure():
    measured = {e["measure"] for case in _CASES for e in case.spec.get("expect", [])}
    assert measured == set(_RULES.measures)


@pytest.mark.parametrize("case", _CASES, ids=[f"{c.file}::{c.name}" for c in _CASES])
def test_rule_case(case):
    result = run_case(_EVALUATOR, case)
    assert result.failures == []


def test_an_error_in_the_company_summary_fails_a_case_that_checks_no_total(monkeypatch):
    import engine.evaluate.evaluator as evaluator_module
    from engine.diagnostics import EvaluationError

    def broken(*args):
        raise EvaluationError("fact 'size_current': division by zero")

    monkeypatch.setattr(evaluator_module, "summarise", broken)
    case = next(c for c in _CASES if "totals" not in c.spec)
    result = run_case(Evaluator(_RULES), case)
    assert [str(f) for f in result.failures] == ["evaluation failed: fact 'size_current': division by zero"]
