"""Which conditions concern a project: not one that holds by its kind alone (engine.language.concerns)."""

from __future__ import annotations

import pytest

from engine.language.compiler import compile_expression
from engine.language.concerns import given_in, given_reads, holds_by_kind

from .test_codegen import SYMBOLS


def _compiled(source: str):
    compiled, problems = compile_expression(source, SYMBOLS)
    assert problems == [] and compiled is not None
    return compiled


@pytest.mark.parametrize(
    ("source", "kind", "holds"),
    [
        ("project.kind != 'training' or project.cost >= limit", "advice", True),  # a training's minimum, on advice
        ("project.kind != 'training' or project.cost >= limit", "training", False),
        ("project.kind == 'training' or project.theme in themes", "training", True),
        ("project.kind == 'training' or project.theme in themes", "advice", False),
        ("project.kind in ['advice', 'training'] and true", "advice", True),
        ("not (project.kind == 'research') or project.development_cost <= project.cost", "advice", True),
        ("not (project.kind == 'research') or project.development_cost <= project.cost", "research", False),
        ("(1 if project.kind == 'icon' else 2) == 2", "advice", True),
        ("project.cost > 0 if project.kind == 'icon' else true", "icon", False),
        ("company.region == 'flanders'", "advice", False),  # about the company: it concerns every project
        ("not given(project.start_date) or project.application_date <= project.start_date", "advice", False),
        ("size in ['micro', 'small']", "advice", False),
    ],
)
def test_a_condition_holds_by_the_kind_alone_or_concerns_the_project(source, kind, holds):
    assert holds_by_kind(_compiled(source), kind) is holds


def test_a_condition_that_asks_whether_a_fact_is_given_names_it():
    expression = _compiled("not given(project.start_date) or project.application_date <= project.start_date")
    assert given_reads(expression) == [("project", "start_date")]
    assert given_in({"start_date": "2026-01-01"}, {}, ("project", "start_date"))
    assert not given_in({}, {}, ("project", "start_date"))
    assert not given_in({}, {"name": "x"}, ("company", "employees"))
