"""The lean evaluation of a measure (explanations off): its shared checks, and its errors, as the explaining path's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from engine import Evaluator, load_rules, parse_profile
from engine.diagnostics import EvaluationError

MEASURE = """\
id: lean
title: {nl: lean nl, en: lean en}
applies_to: [development]
valid_from: 2020-01-01
sources: [https://example.org/lean]
conditions:
  - id: in-flanders
    when: company.region == 'flanders'
    text: {nl: vlaams, en: flemish}
    source: https://example.org/source
amount:
  rate: "40"
  base: project.cost
  caps:
    - id: left-over
      amount: "100000 - project.cost"
      text: {nl: rest, en: rest}
  minimum:
    id: least
    amount: "project.cost - 150000"
    text: {nl: min, en: min}
"""

PROFILE = """\
company: {{legal_form: bv, region: {region}, employees: 20, turnover: 1000000, balance_sheet_total: 1000000}}
projects:
  - {{id: p, kind: development, application_date: 2024-06-01, cost: {cost}}}
"""


def _evaluator(rule_dir: Path) -> Evaluator:
    (rule_dir / "lean.yaml").write_text(MEASURE, encoding="utf-8")
    return Evaluator(load_rules(rule_dir))


def _profile(region: str = "flanders", cost: int = 200000) -> dict:
    data, diagnostics = parse_profile(PROFILE.format(region=region, cost=cost), "p.yaml")
    assert diagnostics == []
    return data


def test_a_check_that_holds_or_fails_is_one_object_shared_by_every_lean_result(rule_dir):
    evaluator = _evaluator(rule_dir)
    day = dt.date(2024, 6, 1)
    first = evaluator.evaluate(_profile(region="wallonia"), day, explain=False).results[0]
    second = evaluator.evaluate(_profile(region="wallonia"), day, explain=False).results[0]
    flemish = evaluator.evaluate(_profile(), day, explain=False).results[0]
    assert (first.status, first.conditions[0].id, first.conditions[0].holds) == ("not_eligible", "in-flanders", False)
    assert first.conditions[0] is second.conditions[0]
    assert (flemish.conditions[0].holds, flemish.conditions[0].text) == (True, "")
    assert flemish.conditions[0] is not first.conditions[0]
    explained = evaluator.evaluate(_profile(region="wallonia"), day, explain=True).results[0]
    assert (explained.conditions[0].holds, explained.conditions[0].text) == (False, "flemish")
    assert explained.conditions[0] is not first.conditions[0]


def test_a_cap_that_leaves_nothing_fails_alike_with_and_without_explanations(rule_dir):
    evaluator = _evaluator(rule_dir)
    day = dt.date(2024, 6, 1)
    for explain in (False, True):
        result = evaluator.evaluate(_profile(cost=200000), day, explain=explain).results[0]
        cap = result.conditions[1]
        assert (result.status, result.amount, result.rate) == ("not_eligible", 0, 40)
        assert (cap.id, cap.holds, cap.text, cap.expression) == ("left-over", False, "rest", "100000 - project.cost")


@pytest.mark.parametrize("explain", [False, True])
def test_a_negative_minimum_is_an_error_naming_the_minimum(rule_dir, explain):
    evaluator = _evaluator(rule_dir)
    with pytest.raises(EvaluationError) as caught:
        evaluator.evaluate(_profile(cost=50000), dt.date(2024, 6, 1), explain=explain)
    assert str(caught.value) == f"{rule_dir / 'lean.yaml'}: minimum 'least' of measure 'lean' is negative (-100000)"
