"""Generated code and closures give the same results, errors and unknowns for every expression.

Both run on one runtime (engine.language.runtime): every runtime error below is produced by both with
exactly the expected message, so a message copied into one of them and changed there fails here.
"""

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
    "rate['small'] * 2 if size == 'micro' or size == 'small' else rate['small'] + rate['medium']",
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


@pytest.fixture(autouse=True)
def closures_only(monkeypatch):
    """Compiled expressions evaluate as closures only, never switching to generated code after some calls."""
    monkeypatch.setattr("engine.language.compiler.USE_CLOSURES", True)


def outcome(function, scope):
    """What an evaluation gives: a value (with its type and exact digits), the unknown facts, or the error."""
    try:
        value = function(scope)
    except Missing as exc:
        return ("missing", exc.paths)
    except ExpressionRuntimeError as exc:
        return ("error", type(exc).__name__, str(exc))
    return ("value", type(value).__name__, repr(value))


def both_ways(source, symbols=SYMBOLS):
    """The expression as closures (what SUBSIDIE_CLOSURES=1 runs) and as generated code."""
    compiled, problems = compile_expression(source, symbols)
    assert problems == []
    return compiled.evaluate, generate(compiled.tree, symbols, source)


class CountingScope(Scope):
    """A scope that counts the facts and parameters read through it."""

    def __init__(self, size):
        super().__init__(COMPANIES[0], PROJECTS[0], size)
        self.facts = 0
        self.tables = 0
        params = self.params

        class Counted(dict):
            def __getitem__(inner, name):
                self.tables += 1
                return params[name]

        self.params = Counted(params)

    def fact(self, name):
        self.facts += 1
        return super().fact(name)


def test_a_fact_or_table_entry_read_again_is_read_from_a_local():
    """A fact, a parameter or a parameter's entry by written keys that an expression reads more than once is
    read through the scope once (the first time it is reached); an unknown fact is asked again each time, and
    gives the same unknowns as the closures."""
    source = "rate['small'] * 2 if size == 'micro' or size == 'small' else rate['small'] + rate['medium']"
    _, generated = both_ways(source)
    scope = CountingScope("medium")
    assert outcome(generated, scope) == ("value", "Decimal", "Decimal('80')")
    assert (scope.facts, scope.tables) == (1, 1)
    unknown = CountingScope(None)
    assert outcome(generated, unknown) == ("missing", frozenset({"company.employees"}))
    assert (unknown.facts, unknown.tables) == (2, 0)


@pytest.mark.parametrize("source", EXPRESSIONS)
def test_generated_code_matches_the_closures(source):
    closures, generated = both_ways(source)
    seen = set()
    for company in COMPANIES:
        for project in PROJECTS:
            for size in ("small", None):
                scope = Scope(company, project, size)
                expected = outcome(closures, scope)
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
def test_signs_agree_with_the_closures(source, value):
    compiled, _ = compile_expression(source, SYMBOLS)
    generated = generate(compiled.tree, SYMBOLS, source)
    cost = Decimal("0.00") if value == "-0.00" else Decimal("1000.00499999999999999999999999999")
    scope = Scope({}, {**PROJECTS[0], "cost": cost})
    assert str(generated(scope)) == str(compiled.evaluate(scope))


FULL, EMPTY = (COMPANIES[0], PROJECTS[0]), ({}, PROJECTS[1])


def error(message):
    """The outcome of an evaluation that stops with this message."""
    return ("error", "ExpressionRuntimeError", message)


def missing(*paths):
    """The outcome of an evaluation that lacks these facts."""
    return ("missing", frozenset(paths))


# Every error of the runtime, and every way an unknown fact shows, with the exact outcome: the profile
# (FULL or EMPTY), the expression, and what both ways of running it must give.
RUNTIME_OUTCOMES = [
    (FULL, "1 and true", error("'and'/'or' need true or false, found number 1")),
    (FULL, "true and company.region", error("'and'/'or' need true or false, found text 'flanders'")),
    (FULL, "false or false or themes", error("'and'/'or' need true or false, found list ['cybersecurity']")),
    (
        ({}, PROJECTS[0]),
        "company.in_difficulty or project.theme",
        error("'and'/'or' need true or false, found text 'cybersecurity'"),
    ),
    (FULL, "not project.cost", error("'not' needs true or false, found number")),
    (FULL, "1 if company.region else 2", error("the condition of 'if' must be true or false, found text")),
    (FULL, "-company.region", error("a sign needs a number, found text")),
    (FULL, "+company.founded", error("a sign needs a number, found date")),
    (FULL, "company.region + 1", error("'+' needs two numbers, found text and number")),
    (FULL, "project.application_date - company.founded", error("'-' needs two numbers, found date and date")),
    (FULL, "themes * 2", error("'*' needs two numbers, found list and number")),
    (FULL, "true / 2", error("'/' needs two numbers, found boolean and number")),
    (FULL, "company.region % 2", error("'%' needs two numbers, found text and number")),
    (FULL, "rate ** 2", error("'**' needs two numbers, found table and number")),
    (FULL, "project.cost * 1000000000000", error("the number 10000000000000000 is too large")),
    (FULL, "project.cost + 999999999999999", error("the number 1000000000009999 is too large")),
    (FULL, "-999999999999999 - project.cost", error("the number -1000000000009999 is too large")),
    (FULL, "project.cost / 0.000000000001", error("the number 1.0000E+16 is too large")),
    (FULL, "project.cost / (company.employees - 12)", error("division by zero")),
    (FULL, "project.cost % 0", error("division by zero")),
    (FULL, "project.cost ** 0.5", error("the exponent must be a whole number up to 64, found 0.5")),
    (FULL, "project.cost ** 65", error("the exponent must be a whole number up to 64, found 65")),
    (FULL, "1000001 ** company.employees", error("the base of a power must be at most 1000000, found 1000001")),
    (FULL, "project.cost ** 64", error("the number 1.000000000000000000000000000E+256 is too large")),
    (FULL, "(company.employees - 12) ** 0", error("'**' cannot be computed: [<class 'decimal.InvalidOperation'>]")),
    (FULL, "(company.employees - 12) ** -1", error("the result Infinity is not a finite number")),
    (FULL, "company.founded > 1", error("cannot compare date datetime.date(2024, 1, 1) with number 1")),
    (FULL, "company.region <= 3", error("cannot compare text 'flanders' with number 3")),
    (FULL, "true < false", error("cannot compare boolean True with boolean False")),
    (FULL, "1 < project.cost >= 'x'", error("cannot compare number 10000 with text 'x'")),
    (FULL, "themes > themes", error("cannot compare list ['cybersecurity'] with list ['cybersecurity']")),
    (FULL, "1 in 1", error("'in' needs a list on its right, found number")),
    (FULL, "size not in limit", error("'in' needs a list on its right, found number")),
    (FULL, "1 < 2 in company.region", error("'in' needs a list on its right, found text")),
    (FULL, "themes in rate", error("cannot compare list with table")),
    (FULL, "limit[1]", error("'limit[1]': only tables can be indexed, found a number")),
    (FULL, "rate[themes]", error("'rate[themes]': a table key must be a text or number, found a list")),
    (FULL, "rate['large']", error("'rate['large']': the table has no entry 'large' (it has: small, medium)")),
    # a text key on a value that is no table: Python's TypeError in generated code, the runtime's message in both
    (FULL, "themes['small']", error("'themes['small']': only tables can be indexed, found a list")),
    (FULL, "limit['small']", error("'limit['small']': only tables can be indexed, found a number")),
    (FULL, "rate[size]['x']", error("'rate[size]['x']': only tables can be indexed, found a number")),
    (FULL, "add_years(company.employees, 1)", error("add_years(): the date must be a date, found 12")),
    (FULL, "aid_total(company.region)", error("aid_total(): the first date must be a date, found 'flanders'")),
    (FULL, "min(company.region)", error("min(): min()'s argument must be a number, found 'flanders'")),
    (EMPTY, "company.employees", missing("company.employees")),
    (EMPTY, "project.cost", missing("projects[3].cost")),
    (EMPTY, "company.previous_year.employees", missing("company.previous_year")),
    (EMPTY, "project.consortium.independent_companies", missing("projects[3].consortium")),
    (
        ({}, {**PROJECTS[0], "consortium": 3}),
        "project.consortium.independent_companies",
        missing("projects[3].consortium.independent_companies"),
    ),
    (EMPTY, "company.turnover > 1 and company.employees > 1", missing("company.turnover", "company.employees")),
    (EMPTY, "company.turnover > 1 or company.employees > 1 or false", missing("company.turnover", "company.employees")),
    (EMPTY, "company.turnover > 1 and false", ("value", "bool", "False")),
    (EMPTY, "true or company.turnover > 1", ("value", "bool", "True")),
    (EMPTY, "project.theme in empty", ("value", "bool", "False")),
    (EMPTY, "project.theme not in empty", ("value", "bool", "True")),
    (EMPTY, "project.theme in themes", missing("projects[3].theme")),
    (EMPTY, "given(project.cost) or given(company.region)", ("value", "bool", "False")),
]


@pytest.mark.parametrize(
    "profile, source, expected", RUNTIME_OUTCOMES, ids=[source for _, source, _ in RUNTIME_OUTCOMES]
)
def test_every_runtime_error_is_the_same_in_both_ways(profile, source, expected):
    closures, generated = both_ways(source)
    scope = Scope(*profile)
    assert outcome(closures, scope) == expected
    assert outcome(generated, scope) == expected


UNKNOWN = object()  # a fact the profile does not give
VALUES = [
    True,
    False,
    0,
    7,
    Decimal("2.5"),
    Decimal("-3"),
    Decimal("999999999999999"),
    "x",
    "small",
    dt.date(2024, 2, 29),
    [],
    [7, "x"],
    {},
    {"x": 1, "small": Decimal("0.5")},
    UNKNOWN,
]
OPERATIONS = [
    "a and b",
    "a or b",
    "a and b or a",
    "not a",
    "-a",
    "+a",
    "a + b",
    "a - b",
    "a * b",
    "a / b",
    "a % b",
    "a ** b",
    "a < b",
    "a <= b",
    "a > b",
    "a >= b",
    "a == b",
    "a != b",
    "a < b <= a",
    "a == b != a",
    "a in b",
    "a not in b",
    "a in b in b",
    "a if b else 1",
    "b[a]",
    "given(a) and b",
    "min(a, b)",
    "add_days(a, b)",
]


EQUALITIES = ("a == b", "a != b", "a == b != a")  # any two values can be compared for equality


class FactScope:
    """A scope whose facts a and b hold any value, or are unknown."""

    def __init__(self, a, b):
        self.values = {"a": a, "b": b}

    def fact(self, name):
        if self.values[name] is UNKNOWN:
            raise Missing(frozenset([f"fact {name}"]))
        return self.values[name]


@pytest.mark.parametrize("source", OPERATIONS)
def test_every_operation_on_every_kind_of_value_is_the_same_in_both_ways(source):
    """Each operation on each pair of kinds (and an unknown fact): the same value, error message or unknowns."""
    symbols = Symbols({}, frozenset(), frozenset({"a", "b"}))
    closures, generated = both_ways(source, symbols)
    seen = set()
    for a in VALUES:
        for b in VALUES:
            scope = FactScope(a, b)
            expected = outcome(closures, scope)
            assert outcome(generated, scope) == expected, (source, a, b)
            seen.add(expected[0])
    assert seen == ({"value", "missing"} if source in EQUALITIES else {"value", "missing", "error"})


def test_an_empty_list_is_answered_as_the_function_answers_it():
    """Generated code gives a function's answer for an empty list first (``Function.empty``) without calling it:
    the answer the function gives, and the closures; any other list goes to the function, with its errors."""
    from engine.language.functions import FUNCTIONS, NO_SHORTCUT

    shortcuts = {name: f for name, f in FUNCTIONS.items() if f.empty is not NO_SHORTCUT}
    assert sorted(shortcuts) == ["count", "sum_of", "sum_share"]
    for f in shortcuts.values():
        for others in (["employees", "share"], [1, None]):
            answer = f.impl([], *others[: f.arity[0] - 1])
            assert (type(answer), repr(answer)) == (type(f.empty), repr(f.empty))
    source = (
        "sum_share(company.partner_enterprises, 'employees', 'share') + sum_of(company.linked_enterprises, "
        "'employees') + count(company.linked_enterprises)"
    )
    closures, generated = both_ways(source)
    companies = [
        ({"partner_enterprises": [], "linked_enterprises": []}, ("value", "Decimal", "Decimal('0')")),
        (
            {"partner_enterprises": [{"employees": 3, "share": 30}], "linked_enterprises": [{"employees": 2}]},
            ("value", "Decimal", "Decimal('3.9')"),
        ),
        (
            {"partner_enterprises": [], "linked_enterprises": [{"employees": True}]},
            ("error", "ExpressionRuntimeError", "sum_of(): employees must be a number, found True"),
        ),
        ({"partner_enterprises": []}, ("missing", frozenset({"company.linked_enterprises"}))),
    ]
    for company, expected in companies:
        scope = Scope(company, PROJECTS[0])
        assert outcome(generated, scope) == expected
        assert outcome(closures, scope) == expected
