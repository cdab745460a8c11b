"""Unit tests for engine.load.checks: the rule checks run one by one, on documents read from YAML text or on the
parts a Builder assembled, with the exact code, position, severity and message of every diagnostic.

The checks read data the schema already validated, so each document here is written in the form the
builder hands over (defaults filled in where a check reads them, such as ``after_gap``).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from pathlib import Path

import pytest

from engine.diagnostics import Diagnostic
from engine.load import checks
from engine.load.builder import Builder
from engine.load.checks import CHECKS, RuleSetParts, run_checks
from engine.load.checks.kinds import check_expression_kinds
from engine.load.checks.names import check_measure_ids
from engine.load.checks.texts import text_problems
from engine.load.checks.timelines import check_value
from engine.load.checks.versions import check_amounts, check_call_windows, check_versions
from engine.load.measure_builder import build_measures
from engine.load.ruleset import check_rules, rule_files
from engine.load.yaml_loader import Document, load_text

from .test_ruleset import CLEAN, write


def document(text: str, name: str = "demo.yaml") -> Document:
    doc, problems = load_text(text, name)
    assert problems == [] and doc is not None
    return doc


def found(diagnostics: Iterable[Diagnostic]) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.column, d.severity, d.code) for d in diagnostics]


def assembled(rule_dir: Path) -> RuleSetParts:
    """What the builder assembles from a rule folder, before any check runs."""
    builder = Builder(rule_dir)
    measure_paths, fact_paths = rule_files(rule_dir)
    fact_docs = builder.load(fact_paths, "facts")
    measure_docs = builder.load(measure_paths, "measure")
    _, parameters, shared, symbols = builder.facts(fact_docs)
    build_measures(builder, measure_docs, parameters, symbols.facts, shared)
    assert builder.diagnostics == []
    return builder.parts


MEASURE = """\
id: demo
valid_from: 2024-01-01
status: rules
parameters:
  rate: {description: The rate.}
versions:
  - id: v1
    from: 2024-03-01
    until: 2024-06-30
    after_gap: false
    amount: {rate: rate, base: project.cost}
  - id: v2
    from: 2024-06-01
    after_gap: false
    parameters:
      ceiling: 1000
calls:
  windows:
    - {name: spring, open: 2024-04-01, close: 2024-03-31, source: x}
    - {name: autumn, open: 2024-09-01, close: 2024-10-31, source: x}
"""


def test_run_checks_runs_the_checks_of_the_list(monkeypatch):
    doc = document("id: demo\n")

    def check_one(parts: RuleSetParts):
        yield Diagnostic(doc.name, 1, 1, "error", "one", "first")

    def check_two(parts: RuleSetParts):
        yield Diagnostic(doc.name, 2, 1, "warning", "two", "second")

    monkeypatch.setattr(checks, "CHECKS", (check_one, check_two))
    assert found(run_checks(RuleSetParts())) == [(1, 1, "error", "one"), (2, 1, "warning", "two")]


def test_every_check_is_listed_once():
    assert len(set(CHECKS)) == len(CHECKS) == 18
    assert list(run_checks(RuleSetParts())) == []


def test_versions_overlapping_and_setting_an_undeclared_parameter():
    diagnostics = list(check_versions(RuleSetParts(measure_docs=[document(MEASURE)])))
    assert found(diagnostics) == [(16, 7, "error", "unknown-parameter"), (13, 11, "error", "version-overlap")]
    assert diagnostics[0].message == "version 'v2' sets 'ceiling', which is not declared under parameters"
    assert diagnostics[1].message == "version 'v2' starts on 2024-06-01, while version 'v1' runs until 2024-06-30"
    assert diagnostics[1].path == ("versions", 1, "from")


def test_versions_with_a_gap_not_marked_after_gap():
    text = MEASURE.replace("from: 2024-06-01", "from: 2024-08-01")
    diagnostics = list(check_versions(RuleSetParts(measure_docs=[document(text)])))
    assert found(diagnostics) == [(16, 7, "error", "unknown-parameter"), (13, 11, "warning", "version-gap")]
    assert diagnostics[1].message == (
        "the measure does not exist from 2024-07-01 to 2024-07-31, between versions 'v1' and 'v2'"
    )
    marked = text.replace("    after_gap: false\n    parameters:", "    after_gap: true\n    parameters:")
    assert found(check_versions(RuleSetParts(measure_docs=[document(marked)]))) == [
        (16, 7, "error", "unknown-parameter")
    ]


def test_a_first_version_after_valid_from_without_an_amount_of_the_measure():
    diagnostics = list(check_amounts(RuleSetParts(measure_docs=[document(MEASURE)])))
    assert found(diagnostics) == [(8, 11, "error", "version-start")]
    assert diagnostics[0].message == (
        "the first version starts on 2024-03-01, after valid_from 2024-01-01, "
        "and the measure has no amount of its own for the days between"
    )
    own_amount = MEASURE.replace("status: rules\n", "status: rules\namount: {fixed: 1000}\n")
    assert list(check_amounts(RuleSetParts(measure_docs=[document(own_amount)]))) == []
    info = MEASURE.replace("status: rules", "status: info")
    assert list(check_amounts(RuleSetParts(measure_docs=[document(info)]))) == []


def test_a_measure_without_any_amount():
    text = MEASURE.replace("    amount: {rate: rate, base: project.cost}\n", "")
    diagnostics = list(check_amounts(RuleSetParts(measure_docs=[document(text)])))
    assert found(diagnostics) == [(1, 1, "error", "missing-amount")]
    assert (diagnostics[0].message, diagnostics[0].hint) == (
        "measure 'demo' has no amount",
        "add an 'amount' (or set status: info)",
    )


def test_a_call_window_closing_before_it_opens():
    diagnostics = list(check_call_windows(RuleSetParts(measure_docs=[document(MEASURE)])))
    assert found(diagnostics) == [(19, 47, "error", "call-dates")]
    assert diagnostics[0].message == "call 'spring' closes on 2024-03-31, before it opens on 2024-04-01"


def test_two_measure_files_with_one_id():
    first, second = document("id: demo\n", "demo.yaml"), document("# again\nid: demo\n", "other.yaml")
    diagnostics = list(check_measure_ids(RuleSetParts(measure_docs=[first, second])))
    assert [(d.file, d.line, d.column, d.code) for d in diagnostics] == [("other.yaml", 2, 5, "duplicate-measure")]
    assert diagnostics[0].message == "measure id 'demo' is used twice"


def test_two_measure_files_with_one_id_through_check_rules(rule_dir):
    write(rule_dir, CLEAN)
    write(rule_dir, CLEAN, "other")
    rules, diagnostics = check_rules(rule_dir)
    assert rules is None
    assert [(Path(d.file).name, d.line, d.column, d.code) for d in diagnostics] == [
        ("other.yaml", 1, 5, "duplicate-measure"),
        ("other.yaml", 1, 5, "id-mismatch"),
    ]


@pytest.mark.parametrize(
    ("unit", "value", "expected"),
    [
        ("euro", "-5", [(3, 12, "error", "negative-amount")]),
        ("percent", "120", [(3, 12, "error", "rate-range")]),
        ("percent", "'12%'", [(3, 12, "error", "not-a-number")]),
        ("count", "[1, 2]", []),
        ("text", "yes", [(3, 12, "error", "yaml-boolean")]),
        ("flag", "yes", []),
    ],
)
def test_a_value_against_its_unit(unit, value, expected):
    doc = document(f"parameters:\n  rate:\n    value: {value}\n")
    path = ("parameters", "rate", "value")
    assert found(check_value(doc, path, "rate", unit, doc.data["parameters"]["rate"]["value"])) == expected


def test_a_percentage_as_text_gets_a_hint_with_the_number_alone():
    doc = document("parameters:\n  rate:\n    value: ' 12.5 %'\n")
    path = ("parameters", "rate", "value")
    (diagnostic,) = check_value(doc, path, "rate", "percent", " 12.5 %")
    assert (diagnostic.message, diagnostic.hint) == (
        "' 12.5 %' in 'rate' is not a number",
        "write the number alone: 12.5",
    )


def test_the_placeholders_of_a_text_at_their_brace():
    doc = document("conditions:\n  - id: small\n    text:\n      nl: 'Tot {ceilng} euro }'\n      en: Up to.\n")
    diagnostics = list(text_problems(doc, (), doc.data, {}))
    assert found(diagnostics) == [(4, 30, "error", "text-brace"), (4, 16, "error", "unknown-placeholder")]


def test_kinds_are_checked_except_for_trusted_rules(rule_dir):
    write(rule_dir, CLEAN.replace("company.employees < 50", "company.employees + 1"))
    parts = assembled(rule_dir)
    diagnostics = list(check_expression_kinds(parts))
    assert found(diagnostics) == [(20, 11, "error", "type-mismatch")]
    assert diagnostics[0].message == "the expression must give true or false, but gives a number in condition 'small'"
    parts.trusted = True
    assert list(check_expression_kinds(parts)) == []


def test_the_assembled_parts_of_a_clean_measure(rule_dir):
    write(rule_dir, CLEAN)
    parts = assembled(rule_dir)
    assert list(run_checks(parts)) == []
    (measure,) = parts.measures
    assert measure.used == frozenset({"rate"})
    assert [(e.path, e.id, e.compiled) for entries in parts.condition_lists for e in entries] == [
        (("conditions", 0), "flemish-region", True),
        (("conditions", 1), "small", True),
    ]
    (timeline,) = [t for t in parts.timelines if t.doc.name.endswith("demo.yaml")]
    assert [(e.value.start, e.value_path) for e in timeline.ordered] == [
        (_dt.date(2024, 1, 1), ("parameters", "rate", "values", 0, "value"))
    ]
