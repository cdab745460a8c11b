"""Unit tests for the rule language (engine.language.compiler, closures, runtime): the allow-list, name checks,
positions, Kleene logic and runtime limits."""

from __future__ import annotations

import ast
import datetime as dt
import time
from decimal import Decimal

import pytest

from engine.language.compiler import MAX_NODES, compile_expression, compile_later, symbols_of
from engine.language.expression import ExpressionChanged, Symbols, profile_fields, unparsed
from engine.language.functions import AidEntry
from engine.language.runtime import ExpressionRuntimeError, Missing
from engine.load.schemas import schema

FIELDS = profile_fields(schema("profile"))
SYMBOLS = Symbols(
    FIELDS,
    frozenset({"rate", "limit", "themes"}),
    frozenset({"size"}),
    allow_amount=True,
    measure_ids=frozenset({"kmo-portefeuille", "cybersecurity-verbetertraject"}),
)
NO_AMOUNT = Symbols(FIELDS, frozenset({"rate"}), frozenset({"size"}))


class FakeScope:
    """What a compiled expression reads: profile parts, parameters, the amount, the ledger and facts."""

    def __init__(self, company=None, project=None, project_index=0, params=None, amount=None, ledger=(), facts=None):
        self.company = company if company is not None else {}
        self.project = project if project is not None else {}
        self.project_index = project_index
        self.params = params if params is not None else {}
        self.amount = amount
        self.ledger = list(ledger)
        self.facts = facts if facts is not None else {}
        self.asked: list[str] = []

    def fact(self, name):
        self.asked.append(name)
        value = self.facts[name]
        if isinstance(value, Missing):
            raise value
        return value


def scope(**overrides):
    values = dict(
        company={
            "employees": 42,
            "region": "flanders",
            "founded": dt.date(2020, 2, 29),
            "turnover": Decimal("1000000.50"),
            "in_difficulty": False,
            "linked_enterprises": [{"employees": 3, "turnover": 10, "balance_sheet_total": 5}],
        },
        project={
            "cost": Decimal("10000"),
            "kind": "advice",
            "theme": "cybersecurity",
            "application_date": dt.date(2024, 5, 1),
        },
        project_index=2,
        params={"rate": {"small": 45, "medium": 35}, "limit": 7500, "themes": ["cybersecurity"]},
        amount=Decimal("4500.00"),
        ledger=[
            AidEntry(dt.date(2024, 1, 1), Decimal("1000"), "kmo-portefeuille", True),
            AidEntry(dt.date(2024, 3, 1), Decimal("250.50"), None, False),
        ],
        facts={"size": "small"},
    )
    values.update(overrides)
    return FakeScope(**values)


def compiled(source, symbols=SYMBOLS):
    expression, problems = compile_expression(source, symbols)
    assert problems == [], problems
    assert expression is not None
    return expression


def run(source, the_scope=None, symbols=SYMBOLS):
    return compiled(source, symbols).evaluate(the_scope if the_scope is not None else scope())


def problems(source, symbols=SYMBOLS):
    expression, found = compile_expression(source, symbols)
    assert expression is None
    return [(p.code, p.line, p.column) for p in found]


# -- allowed syntax -----------------------------------------------------------------


@pytest.mark.parametrize(
    "source, expected",
    [
        ("company.employees < 50", True),
        ("company.employees >= 43", False),
        ("1 < company.employees <= 42", True),
        ("project.cost * rate[size] / 100", Decimal("4500")),
        ("min(project.cost * rate[size] / 100, limit)", Decimal("4500")),
        ("max(1, 2.5, company.employees)", 42),
        ("company.region in ['flanders', 'brussels']", True),
        ("company.region not in ['flanders']", False),
        ("project.theme in themes", True),
        ("'small' in rate", True),
        ("0.1 + 0.2", Decimal("0.3")),
        ("0.1 + 0.2 == 0.3", True),
        ("company.turnover - 0.5", Decimal("1000000.00")),
        ("-project.cost", Decimal("-10000")),
        ("+company.employees", 42),
        ("7 % 3", Decimal("1")),
        ("2 ** 10", Decimal("1024")),
        ("2 ** -1", Decimal("0.5")),
        ("1 / 4", Decimal("0.25")),
        ("1 / 3", Decimal("0.3333333333333333333333333333")),
        ("company.employees * 2 + 1", 85),
        ("'big' if company.employees > 250 else 'small'", "small"),
        ("not (company.employees > 10)", False),
        ("not company.in_difficulty", True),
        ("amount <= limit", True),
        ("amount", Decimal("4500.00")),
        ("size", "small"),
        ("size == 'small' and company.region == 'flanders'", True),
        ("rate['medium']", 35),
        ("rate['small' if company.employees < 50 else 'medium']", 45),
        ("[1, 2] if false else (3, 4)", [3, 4]),
        ("true", True),
        ("false", False),
        ("true and false", False),
        ("false or true", True),
        ("company.founded < date('2021-01-01')", True),
        ("add_years(company.founded, 1)", dt.date(2021, 2, 28)),
        ("year(project.application_date)", 2024),
        ("sum_of(company.linked_enterprises, 'employees')", Decimal("3")),
        ("count(company.linked_enterprises)", 1),
        ("aid_total(date('2024-01-01'), date('2024-12-31'))", Decimal("1250.50")),
        ("aid_total(date('2024-01-01'), date('2024-12-31'), measure='kmo-portefeuille')", Decimal("1000")),
        ("aid_count(year_start(project.application_date), project.application_date, de_minimis=false)", 1),
        ("'a' == 'a'", True),
        ("company.region == 1", False),
    ],
)
def test_allowed_syntax_evaluates(source, expected):
    value = run(source)
    assert value == expected
    assert type(value) is type(expected)


def test_float_literals_are_decimal():
    assert run("0.1") == Decimal("0.1")
    assert type(run("0.1")) is Decimal
    assert run("1e3") == Decimal("1000.0")


def test_expression_records_what_it_reads():
    expression = compiled("project.cost * rate[size] / 100 <= limit and amount > 0")
    assert expression.parameters == frozenset({"rate", "limit"})
    assert expression.facts == frozenset({"size"})
    assert expression.uses_amount is True
    assert [name for name, _ in expression.reads] == ["project.cost", "size", "rate[size]", "limit", "amount"]
    assert expression.source == "project.cost * rate[size] / 100 <= limit and amount > 0"


def test_compile_once_evaluate_many():
    expression = compiled("company.employees < 50")
    assert expression.evaluate(scope()) is True
    assert expression.evaluate(scope(company={"employees": 50})) is False
    assert expression.evaluate(scope(company={"employees": Decimal("49.5")})) is True


# -- Kleene logic and missing facts ---------------------------------------------------------------


def test_false_and_missing_is_false():
    assert run("false and company.nis2 == 'essential'") is False
    assert run("company.nis2 == 'essential' and false") is False
    assert run("company.employees > 100 and company.nis2 == 'essential'") is False


def test_true_or_missing_is_true():
    assert run("true or company.nis2 == 'essential'") is True
    assert run("company.nis2 == 'essential' or true") is True
    assert run("company.employees < 100 or company.nis2 == 'essential'") is True


def test_missing_and_true_raises_missing():
    with pytest.raises(Missing) as caught:
        run("company.turnover > 1 and true", scope(company={}))
    assert caught.value.paths == frozenset({"company.turnover"})


def test_missing_or_false_raises_missing():
    with pytest.raises(Missing) as caught:
        run("company.nis2 == 'x' or false")
    assert caught.value.paths == frozenset({"company.nis2"})


def test_missing_project_field_names_the_project():
    with pytest.raises(Missing) as caught:
        run("project.start_date > date('2020-01-01')")
    assert caught.value.paths == frozenset({"projects[2].start_date"})


def test_missing_paths_are_collected():
    with pytest.raises(Missing) as caught:
        run("company.nis2 == 'x' and project.start_date > date('2020-01-01') and true")
    assert caught.value.paths == frozenset({"company.nis2", "projects[2].start_date"})
    assert str(caught.value) == "company.nis2, projects[2].start_date"


def test_missing_nested_field_names_the_first_missing_part():
    with pytest.raises(Missing) as caught:
        run("project.consortium.independent_companies > 1", scope(project_index=0))
    assert caught.value.paths == frozenset({"projects[0].consortium"})
    with pytest.raises(Missing) as caught:
        run(
            "project.consortium.independent_companies > 1",
            scope(project={"consortium": {"research_organisation": True}}, project_index=1),
        )
    assert caught.value.paths == frozenset({"projects[1].consortium.independent_companies"})


def test_missing_fact_propagates():
    missing_size = scope(facts={"size": Missing(frozenset({"company.turnover"}))})
    with pytest.raises(Missing) as caught:
        run("size == 'small'", missing_size)
    assert caught.value.paths == frozenset({"company.turnover"})
    assert run("size == 'small' or true", missing_size) is True


def test_not_missing_is_missing():
    with pytest.raises(Missing):
        run("not (company.nis2 == 'x')")


def test_given():
    assert run("given(company.nis2)") is False
    assert run("given(company.employees)") is True
    assert run("given(project.consortium.independent_companies)") is False
    assert run("not given(project.start_date) or project.start_date > date('2020-01-01')") is True
    assert run("company.nis2 if given(company.nis2) else 'none'") == "none"
    assert run("given(size)") is True


def test_true_false_literals_are_not_names():
    expression = compiled("true or false")
    assert expression.reads == ()
    assert expression.evaluate(None) is True


# -- rejected forms: exact code and column -------------------------------------------------------


@pytest.mark.parametrize(
    "source, expected",
    [
        # unknown names
        ("employes > 1", [("unknown-name", 1, 1)]),
        ("size and rate > 1 and sz", [("unknown-name", 1, 23)]),
        ("company.employees > 1 and company.turnvoer < 10", [("unknown-name", 1, 27)]),
        ("project.csot > 1", [("unknown-name", 1, 1)]),
        ("given(nis)", [("unknown-name", 1, 7)]),
        ("'é' == x", [("unknown-name", 1, 8)]),
        ("company.employees > 1\nand sz", [("unknown-name", 2, 5)]),
        ("a + b", [("unknown-name", 1, 1), ("unknown-name", 1, 5)]),
        ("company", [("incomplete-name", 1, 1)]),
        ("1 + min", [("function-not-called", 1, 5)]),
        # unknown functions
        ("__import__('os')", [("unknown-function", 1, 1)]),
        ("1 + getattr(company, 'x')", [("unknown-function", 1, 5)]),
        ("eval('1')", [("unknown-function", 1, 1)]),
        ("open('/etc/passwd')", [("unknown-function", 1, 1)]),
        ("exec('x')", [("unknown-function", 1, 1)]),
        ("mim(1, 2)", [("unknown-function", 1, 1)]),
        # syntax outside the allow-list
        ("lambda: 1", [("syntax-not-allowed", 1, 1)]),
        ("1 + (lambda: 1)()", [("syntax-not-allowed", 1, 5)]),
        ("[x for x in [1]]", [("syntax-not-allowed", 1, 1)]),
        ("(x for x in [1])", [("syntax-not-allowed", 1, 1)]),
        ("f'{1}'", [("syntax-not-allowed", 1, 1)]),
        ("(x := 1)", [("syntax-not-allowed", 1, 2)]),
        ("{1: 2}", [("syntax-not-allowed", 1, 1)]),
        ("{1, 2}", [("syntax-not-allowed", 1, 1)]),
        ("rate[0:1]", [("syntax-not-allowed", 1, 6)]),
        ("1 // 2", [("syntax-not-allowed", 1, 1)]),
        ("1 << 2", [("syntax-not-allowed", 1, 1)]),
        ("~1", [("syntax-not-allowed", 1, 1)]),
        ("None", [("syntax-not-allowed", 1, 1)]),
        ("b'x'", [("syntax-not-allowed", 1, 1)]),
        ("rate.real", [("syntax-not-allowed", 1, 1)]),
        ("rate.keys()", [("syntax-not-allowed", 1, 1)]),
        ("size.upper()", [("syntax-not-allowed", 1, 1)]),
        ("'abc'.upper()", [("syntax-not-allowed", 1, 1)]),
        ("_secret", [("syntax-not-allowed", 1, 1)]),
        # dunder chains
        ("().__class__.__bases__", [("syntax-not-allowed", 1, 1)]),
        ("().__class__.__bases__[0].__subclasses__()", [("syntax-not-allowed", 1, 1)]),
        ("company.__class__", [("syntax-not-allowed", 1, 1)]),
        ("company.employees.__class__", [("syntax-not-allowed", 1, 1)]),
        ("1 + project.__dict__", [("syntax-not-allowed", 1, 5)]),
        ("min.__self__", [("syntax-not-allowed", 1, 1)]),
        ("date.__globals__", [("syntax-not-allowed", 1, 1)]),
        # arity and options
        ("min()", [("function-arguments", 1, 1)]),
        ("year(project.application_date, 2)", [("function-arguments", 1, 1)]),
        ("1 + aid_total(date('2024-01-01'), date('2024-12-31'), date('2025-01-01'))", [("function-arguments", 1, 5)]),
        ("given(company.nis2, company.region)", [("function-arguments", 1, 1)]),
        ("given()", [("function-arguments", 1, 1)]),
        ("count([1], foo=1)", [("function-arguments", 1, 12)]),
        ("aid_total(date('2024-01-01'), date('2024-12-31'), measures='x')", [("function-arguments", 1, 51)]),
        ("date('2024-02-30')", [("function-arguments", 1, 1)]),
        ("aid_total(date('2024-01-01'), date('2024-12-31'), measure='kmo-portefeuile')", [("unknown-measure", 1, 59)]),
        # constants out of bounds
        ("10000000000000000000000000000000000", [("number-too-large", 1, 1)]),
        ("'" + "a" * 1001 + "'", [("string-too-long", 1, 1)]),
        # syntax errors
        ("1 +* 2", [("expression-syntax", 1, 4)]),
        ("a = 1", [("expression-syntax", 1, 3)]),
        ("x && y", [("expression-syntax", 1, 4)]),
        ("company.employees > 1 )", [("expression-syntax", 1, 23)]),
        ("company.employees > 1\nand and x", [("expression-syntax", 2, 5)]),
        ("'abc", [("expression-syntax", 1, 1)]),
        ("", [("expression-syntax", 1, 1)]),
        ("   ", [("expression-syntax", 1, 1)]),
    ],
)
def test_rejected(source, expected):
    assert problems(source) == expected


def test_amount_only_in_conditions():
    assert problems("amount > 1", NO_AMOUNT) == [("unknown-name", 1, 1)]
    _, found = compile_expression("amount > 1", NO_AMOUNT)
    assert str(found[0].hint) == "the amount can only be read in conditions, after it is computed"


@pytest.mark.parametrize(
    "source, hint",
    [
        ("employes > 1", "did you mean 'company.employees'?"),
        ("size and rate > 1 and sz", "did you mean 'size'?"),
        ("company.turnvoer < 10", "did you mean 'company.turnover'?"),
        ("project.csot > 1", "did you mean 'project.cost'?"),
        ("mim(1, 2)", "did you mean 'min'?"),
        ("givn(size)", "did you mean 'given'?"),
        (
            "aid_total(date('2024-01-01'), date('2024-12-31'), measure='kmo-portefeuile')",
            "did you mean 'kmo-portefeuille'?",
        ),
        ("a = 1", "to compare, write == (two equals signs)"),
        ("x && y", "write 'and' and 'or' instead of && and ||"),
        ("__import__('os')", None),
    ],
)
def test_rejection_hints(source, hint):
    _, found = compile_expression(source, SYMBOLS)
    assert (None if found[0].hint is None else str(found[0].hint)) == hint


def test_unknown_measure_not_checked_without_measure_ids():
    compiled("aid_total(date('2024-01-01'), date('2024-12-31'), measure='anything')", NO_AMOUNT)


@pytest.mark.parametrize("source", ["company.nis2 is 'x'", "company.nis2 is not 'x'"])
def test_is_is_rejected(source):
    assert problems(source) == [("syntax-not-allowed", 1, 1)]


def test_syntax_error_at_end_points_at_end():
    assert problems("company.employees <") == [("expression-syntax", 1, 20)]


# -- size limits -------------------------------------------------------------------------


def test_more_than_max_nodes():
    source = "[" + ", ".join(["1"] * MAX_NODES) + "]"  # MAX_NODES + 1 nodes
    # the node past the limit is the 400th element, at column 2 + 3 * 399
    assert problems(source) == [("expression-size", 1, 1199)]


def test_max_nodes_is_accepted():
    source = "[" + ", ".join(["1"] * (MAX_NODES - 1)) + "]"
    assert run(source) == [1] * (MAX_NODES - 1)


def test_nesting_depth():
    assert problems("-" * 100 + "1") == [("expression-size", 1, 42)]
    assert problems(" + ".join(["1"] * 300)) == [("expression-size", 1, 1)]


@pytest.mark.parametrize(
    "source",
    [
        "(" * 10_000 + "1" + ")" * 10_000,
        "(" * 10_000,
        "[" * 10_000 + "]" * 10_000,
        "-" * 10_000 + "1",
        "not " * 10_000 + "true",
    ],
)
def test_deep_nesting_rejected_without_crashing(source):
    started = time.perf_counter()
    found = problems(source)
    assert time.perf_counter() - started < 5
    assert [code for code, _, _ in found] in (["expression-syntax"], ["expression-size"])


def test_ten_thousand_parentheses_exact():
    assert problems("(" * 10_000 + "1" + ")" * 10_000) == [("expression-syntax", 1, 201)]


# -- runtime limits ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "9**9**9",
        "10**100",
        "10 ** 31",
        "2 ** 0.5",
        "1000001 ** 2",
        "1e14 * 100",
        "-(10 ** 15) - 10 ** 15",
        "0 ** 0",
        "'a' * 1000000",
        "'a' + 'b'",
        "company.region * 3",
        "company.founded > 1",
        "company.founded < '2020-01-01'",
        "1 < 'a'",
        "[1] < [2]",
        "1 / 0",
        "7 % 0",
        "company.employees / (company.employees - 42)",
        "1 and true",
        "not 1",
        "-company.region",
        "1 if 'x' else 2",
        "1 in 1",
        "rate['large']",
        "limit[1]",
        "add_years(company.employees, 1)",
        "min(company.region)",
        "sum_of(company.region, 'x')",
    ],
)
def test_runtime_errors(source):
    expression = compiled(source)
    started = time.perf_counter()
    with pytest.raises(ExpressionRuntimeError):
        expression.evaluate(scope())
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize("source", ["0 ** -1", "(company.employees - 42) ** -2"])
def test_zero_to_a_negative_power(source):
    with pytest.raises(ExpressionRuntimeError):
        run(source)


def test_large_but_allowed_numbers():
    assert run("10 ** 15") == Decimal("1E+15")
    assert run("1000 ** 5") == Decimal("1E+15")


def test_number_literal_above_the_bound_is_rejected_when_loading():
    assert problems("1e16 > 1") == [("number-too-large", 1, 1)]


# -- found by the fuzz harness (fuzz/FINDINGS.md F3, F4) ----------------------------------


@pytest.mark.parametrize("source, column", [("1if true else 2", 1), ("0not in themes", 1), ("1in themes", 1)])
def test_a_python_syntax_warning_is_a_syntax_error_whatever_the_warning_filters(source, column, recwarn):
    import warnings

    for action in ("default", "ignore", "error"):
        with warnings.catch_warnings():
            warnings.simplefilter(action)
            assert problems(source) == [("expression-syntax", 1, column)]
    assert len(recwarn) == 0  # nothing printed to the user either


def test_an_option_given_twice_is_a_diagnostic():
    expression, found = compile_expression(
        "aid_count(year_start(project.application_date), project.application_date, de_minimis=true, de_minimis=false)",
        SYMBOLS,
    )
    assert expression is None
    assert [(p.code, str(p.message), p.line, p.column) for p in found] == [
        ("function-arguments", "aid_count() is given the option 'de_minimis' twice", 1, 92)
    ]  # the second one


# -- compiled on first use (a rule set from the rules cache) ---------------------------------


def test_an_expression_compiled_later_is_the_one_compiled_at_once():
    source = "amount if size == 'small' and project.cost > limit else rate[size] * project.cost / 100"
    now = compiled(source)
    later = compile_later(source, SYMBOLS, now.parameters, now.facts, now.uses_amount)
    # nothing compiled: what it reads and the names it is compiled with (for its code inside a plan's, symbols_of)
    assert vars(later).keys() == {"source", "parameters", "facts", "uses_amount", "_compile", "_symbols"}
    assert symbols_of(later) is symbols_of(now) is SYMBOLS
    assert later == now and hash(later) == hash(now) and repr(later) == repr(now)
    assert later.evaluate(scope()) == now.evaluate(scope()) == Decimal("4500.00")
    assert (
        [name for name, _ in later.reads]
        == [name for name, _ in now.reads]
        == [
            "size",
            "project.cost",
            "limit",
            "amount",
            "rate[size]",
        ]
    )
    assert ast.dump(later.tree) == ast.dump(now.tree) and later.lead == now.lead == 0
    assert {"evaluate", "reads", "tree", "lead"} <= vars(later).keys()  # read from now on as plain attributes


@pytest.mark.parametrize("read", ["evaluate", "reads", "tree", "lead"])
def test_any_compiled_part_read_first_compiles_the_expression(read):
    later = compile_later("  project.cost * 2", SYMBOLS, frozenset(), frozenset(), False)
    getattr(later, read)
    assert later.lead == 2 and later.evaluate(scope()) == Decimal("20000")
    assert [name for name, _ in later.reads] == ["project.cost"]


def test_an_expression_that_does_not_compile_to_the_names_it_was_given_is_refused():
    later = compile_later("rate[size]", SYMBOLS, frozenset({"rate"}), frozenset(), False)  # 'size' is left out
    with pytest.raises(ExpressionChanged):
        later.evaluate(scope())
    with pytest.raises(ExpressionChanged):
        assert compile_later("rate[", SYMBOLS, frozenset(), frozenset(), False).tree is None


@pytest.mark.parametrize(
    "source",
    [
        "rate[size]",
        "size_ceilings['small']['awu']",
        "raised_themes[project.kind]",
        "table[0][12]",
        "table['a b-c_d.e']",
        'table["it\'s"]',
        "table['x\\\\y']",
        "table['é']",
        "table['']",
        "table[-1]",
        "table[True]",
        "table[1.5]",
        "table[1, 2]",
        "table[a][b + 1]",
        "rate['raised' if project.theme in raised_themes[project.kind] else 'standard'][size]",
        "f(x)[y]",
        "company.previous_year.employees",
        "aid_total()",
        "aid_total(months=36)",
        "f(x, 'a', k=b[c], m=company.size)",
        "f(-1)",
        "f(x, *y)",
        "f(**k)",
        "f(x)(y)",
        "f(g(x), k=h())",
        "f(k=1 + 2)",
    ],
)
def test_a_read_is_shown_as_ast_unparse_shows_it(source):
    tree = ast.parse(source, mode="eval")
    for node in ast.walk(tree):
        assert unparsed(node) == ast.unparse(node)


def test_every_read_of_the_shipped_rules_is_shown_as_ast_unparse_shows_it():
    from engine.load.ruleset import check_rules
    from engine.resources import rules_dir

    rules, _ = check_rules(rules_dir())
    expressions = [f.expression for f in rules.facts.values()]
    expressions += [e for m in rules.measures.values() for e in m.expressions()]
    nodes = [node for e in expressions for node in ast.walk(e.tree)]
    assert len(nodes) > 1000
    assert [unparsed(node) for node in nodes] == [ast.unparse(node) for node in nodes]
