"""Generated code and closures give the same results, errors and unknowns for every expression."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from engine.language.codegen import generate
from engine.language.compiler import compile_expression
from engine.language.expression import Symbols, profile_fields
from engine.language.functions import AidEntry
from engine.language.runtime import ExpressionRuntimeError, Missing
from engine.load.schemas import schema

SYMBOLS = Symbols(
    profile_fields(schema("profile")),
    frozenset({"rate", "limit", "themes", "empty"}),
    frozenset({"size"}),
    allow_amount=True,
    measure_ids=frozenset({"m"}),
)


class Scope:
    def __init__(self, company, project, size="small"):
        self.company, self.project, self.project_index = company, project, 3
        self.params = {
            "rate": {"small": Decimal(45), "medium": 35},
            "limit": 7500,
            "themes": ["cybersecurity"],
            "empty": [],
        }
        self.amount = Decimal("4500.00")
        self.ledger = [AidEntry(dt.date(2026, 1, 5), Decimal(2000), "m", True)]
        self._size = size

    def fact(self, name):
        if self._size is None:
            raise Missing(frozenset(["company.employees"]))
        return self._size


EXPRESSIONS = [
    "company.region == 'flanders' and size in ['micro', 'small']",
    "company.turnover > 10 or company.balance_sheet_total > 10",
    "company.turnover > 10 and company.balance_sheet_total > 10",
    "not given(project.start_date) or project.application_date <= add_days(project.start_date, 14)",
    "rate['raised' if project.theme in themes else 'standard'] if project.theme in empty else rate[size]",
    "min(rate[size] * project.cost / 100, limit - aid_total(date('2026-01-01'), project.application_date, "
    "measure='m'))",
    "'large' if company.employees >= 250 else 'medium' if company.employees >= 50 else 'small'",
    "8500 <= project.cost <= 35000",
    "project.consortium.independent_companies >= 3",
    "company.previous_year.employees < 50",
    "-project.cost + +project.cost == 0",
    "amount + 2000 <= 300000",
    "project.cost / 0 > 1",
    "company.region < 3",
    "years_before(project.application_date, 4) < company.founded",
    "aid_count(measure='m') == 1",
]

COMPANIES = [
    {
        "region": "flanders",
        "employees": 12,
        "turnover": 5,
        "balance_sheet_total": 20,
        "founded": dt.date(2024, 1, 1),
        "previous_year": {"employees": 60, "turnover": 1, "balance_sheet_total": 1},
    },
    {"region": "wallonia", "employees": 300},
    {},
]
PROJECTS = [
    {
        "id": "p",
        "kind": "advice",
        "theme": "cybersecurity",
        "cost": 10000,
        "application_date": dt.date(2026, 3, 1),
        "start_date": dt.date(2026, 2, 10),
        "consortium": {"independent_companies": 3},
    },
    {"id": "p", "kind": "advice", "application_date": dt.date(2026, 3, 1)},
]


def outcome(function, scope):
    try:
        return ("value", function(scope))
    except Missing as exc:
        return ("missing", exc.paths)
    except ExpressionRuntimeError:
        return ("error",)


@pytest.mark.parametrize("source", EXPRESSIONS)
def test_generated_code_matches_the_closures(source, monkeypatch):
    monkeypatch.setattr("engine.language.compiler.USE_CLOSURES", True)
    compiled, problems = compile_expression(source, SYMBOLS)
    assert problems == []
    generated = generate(compiled.tree, SYMBOLS, source)
    seen = set()
    for company in COMPANIES:
        for project in PROJECTS:
            for size in ("small", None):
                scope = Scope(company, project, size)
                expected = outcome(compiled.evaluate, scope)
                assert outcome(generated, scope) == expected, (source, company, project, size)
                seen.add(expected[0])
    assert seen  # each expression was run on every combination


def test_very_wide_expressions_fall_back_to_closures():
    source = " or ".join(f"size == 'k{i}'" for i in range(120))  # 120 nested levels: more than Python allows
    compiled, problems = compile_expression(source, SYMBOLS)
    assert problems == []
    assert compiled.evaluate(Scope({}, PROJECTS[0], size="k119")) is True
    assert compiled.evaluate(Scope({}, PROJECTS[0], size="k120")) is False
    with pytest.raises((SyntaxError, MemoryError)):
        generate(compiled.tree, SYMBOLS, source)


def test_nested_membership_grows_linearly():
    """Each level of 'x in [x in [...]]' used to double the generated source."""
    source = "project.collaboration"
    for _ in range(20):
        source = f"project.collaboration in [{source}]"
    compiled, problems = compile_expression(source, SYMBOLS)
    assert problems == []
    function = generate(compiled.tree, SYMBOLS, source)
    assert function.__code__.co_code.__len__() < 40_000
    scope = Scope({}, {**PROJECTS[0], "collaboration": True})
    assert function(scope) is compiled.evaluate(scope) is True


@pytest.mark.parametrize("source, value", [("-project.cost", "-0.00"), ("+project.cost", "1000.01")])
def test_signs_agree_with_the_closures(source, value, monkeypatch):
    monkeypatch.setattr("engine.language.compiler.USE_CLOSURES", True)
    compiled, _ = compile_expression(source, SYMBOLS)
    generated = generate(compiled.tree, SYMBOLS, source)
    cost = Decimal("0.00") if value == "-0.00" else Decimal("1000.00499999999999999999999999999")
    scope = Scope({}, {**PROJECTS[0], "cost": cost})
    assert str(generated(scope)) == str(compiled.evaluate(scope))
