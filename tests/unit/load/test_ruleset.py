"""Unit tests for engine.load.builder and engine.load.checks: consistency checks of small rule sets, with exact
positions.

Each test writes one measure file next to a copy of the shipped rules/facts/ (the
``rule_dir`` fixture) and checks the (line, column, code) of every error.
"""

from __future__ import annotations

from pathlib import Path

from engine.load.ruleset import check_rules, load_rules

CLEAN = """\
id: demo
title:
  nl: Demo
  en: Demo
applies_to: [advice]
valid_from: 2024-01-01
sources:
  - https://example.org/demo
parameters:
  rate:
    description: The rate.
    unit: percent
    values:
      - from: 2024-01-01
        value: 40
        source: https://example.org/rate
conditions:
  - use: flemish-region
  - id: small
    when: company.employees < 50
    text:
      nl: Klein.
      en: Small.
    source: https://example.org/source
amount:
  rate: rate
  base: project.cost
"""


def write(rule_dir: Path, text: str, stem: str = "demo") -> None:
    (rule_dir / f"{stem}.yaml").write_text(text, encoding="utf-8")


def errors(rule_dir: Path) -> list[tuple[int, int, str]]:
    rules, diagnostics = check_rules(rule_dir)
    found = [(d.line, d.column, d.code) for d in diagnostics if d.severity == "error"]
    assert (rules is None) == bool(found)
    return found


def errors_in(rule_dir: Path, stem: str = "demo") -> list[tuple[int, int, str]]:
    """The errors of one file; the copied facts files must stay clean."""
    _, diagnostics = check_rules(rule_dir)
    assert [d for d in diagnostics if d.severity == "error" and not d.file.endswith(f"{stem}.yaml")] == []
    return [(d.line, d.column, d.code) for d in diagnostics if d.severity == "error"]


def test_clean_minimal_measure(rule_dir):
    write(rule_dir, CLEAN)
    rules, diagnostics = check_rules(rule_dir)
    assert diagnostics == []
    assert rules is not None
    assert list(rules.measures) == ["demo"]
    measure = rules.measures["demo"]
    assert [c.id for c in measure.conditions] == ["flemish-region", "small"]
    assert load_rules(rule_dir).measures["demo"].id == "demo"


def test_diagnostics_name_the_file(rule_dir):
    write(rule_dir, CLEAN.replace("company.employees < 50", "company.employes < 50"))
    _, diagnostics = check_rules(rule_dir)
    assert [Path(d.file).name for d in diagnostics] == ["demo.yaml"]


# -- positions inside expressions ---------------------------------------------------------


def test_unknown_name_at_start_of_plain_scalar(rule_dir):
    write(rule_dir, CLEAN.replace("company.employees < 50", "company.employes < 50"))
    assert errors_in(rule_dir) == [(20, 11, "unknown-name")]


def test_unknown_name_inside_plain_scalar(rule_dir):
    # 'company.turnvoer' is at offset 28 of the expression; the scalar starts at column 11
    write(rule_dir, CLEAN.replace("company.employees < 50", "company.employees < 50 and company.turnvoer > 1"))
    assert errors_in(rule_dir) == [(20, 11 + 28 - 1, "unknown-name")]


def test_unknown_name_inside_single_quoted_scalar(rule_dir):
    write(rule_dir, CLEAN.replace("company.employees < 50", "'company.employees < 50 and company.turnvoer > 1'"))
    assert errors_in(rule_dir) == [(20, 11 + 1 + 28 - 1, "unknown-name")]


def test_unknown_name_inside_double_quoted_scalar(rule_dir):
    write(rule_dir, CLEAN.replace("company.employees < 50", "\"size in ['micro'] and sz == 'x'\""))
    # 'sz' is at offset 23 of the expression
    assert errors_in(rule_dir) == [(20, 11 + 1 + 23 - 1, "unknown-name")]


def test_unknown_name_in_literal_block(rule_dir):
    write(
        rule_dir,
        CLEAN.replace(
            "when: company.employees < 50", "when: |\n      company.employees < 50\n      and company.turnvoer > 1"
        ),
    )
    # line 2 of the block (file line 22), column 5 of that line, indented by 6
    assert errors_in(rule_dir) == [(22, 11, "unknown-name")]


def test_unknown_name_in_folded_block_first_line(rule_dir):
    write(
        rule_dir,
        CLEAN.replace(
            "when: company.employees < 50", "when: >-\n      company.employes < 50\n      and company.turnover > 1"
        ),
    )
    assert errors_in(rule_dir) == [(21, 7, "unknown-name")]


def test_unknown_name_in_folded_block_later_line(rule_dir):
    write(
        rule_dir,
        CLEAN.replace(
            "when: company.employees < 50", "when: >-\n      company.employees < 50\n      and company.turnvoer > 1"
        ),
    )
    assert errors_in(rule_dir) == [(22, 11, "unknown-name")]


def test_unknown_name_after_quote_escape(rule_dir):
    write(rule_dir, CLEAN.replace("company.employees < 50", "'company.region == ''flanders'' and sz'"))
    # 'sz' is at offset 34 of the expression and at column 11 + 1 + 33 + 2 of the file
    assert errors_in(rule_dir) == [(20, 47, "unknown-name")]


def test_unknown_name_in_amount(rule_dir):
    write(rule_dir, CLEAN.replace("base: project.cost", "base: project.cost - project.dev_cost"))
    assert errors_in(rule_dir) == [(27, 9 + 16 - 1, "unknown-name")]  # 'project.dev_cost' at offset 16


def test_syntax_error_position(rule_dir):
    write(rule_dir, CLEAN.replace("company.employees < 50", "company.employees <* 50"))
    # Python points at '*', offset 20 of the expression
    assert errors_in(rule_dir) == [(20, 11 + 20 - 1, "expression-syntax")]


# -- file-level checks ------------------------------------------------------------------------


def test_id_mismatch(rule_dir):
    write(rule_dir, CLEAN.replace("id: demo", "id: other"))
    assert errors(rule_dir) == [(1, 5, "id-mismatch")]


def test_missing_amount(rule_dir):
    write(rule_dir, "# a measure without an amount\n" + CLEAN.split("amount:\n")[0])
    assert errors(rule_dir) == [(2, 1, "missing-amount")]


def test_info_measure_needs_no_amount(rule_dir):
    write(
        rule_dir,
        CLEAN.split("amount:\n")[0]
        .replace("parameters:\n", "status: info\nparameters:\n")
        .replace("company.employees < 50", "company.employees < 50 and rate > 0"),
    )
    assert errors(rule_dir) == []


def test_schema_error_in_measure(rule_dir):
    write(rule_dir, CLEAN.replace("applies_to: [advice]", "applies_to: [advise]"))
    assert errors(rule_dir) == [(5, 14, "schema-enum")]


# -- parameters -----------------------------------------------------------------------------------

TWO_VALUES = """\
      - from: {first}
        value: 40
        source: https://example.org/rate
      - from: {second}
        value: 45
        source: https://example.org/rate2
"""


def with_values(first: str, second: str) -> str:
    old = "      - from: 2024-01-01\n        value: 40\n        source: https://example.org/rate\n"
    assert old in CLEAN
    return CLEAN.replace(old, TWO_VALUES.format(first=first, second=second))


def test_timeline_order(rule_dir):
    write(rule_dir, with_values("2024-06-01", "2024-01-01"))
    # the second 'from' (line 17, value at column 15)
    assert errors(rule_dir) == [(17, 15, "timeline-order")]


def test_timeline_duplicate(rule_dir):
    write(rule_dir, with_values("2024-01-01", "2024-01-01"))
    # at the second entry (line 17, its mapping starts at column 9)
    assert errors(rule_dir) == [(17, 9, "timeline-duplicate")]


def test_timeline_duplicate_is_reported(rule_dir):
    write(rule_dir, with_values("2024-01-01", "2024-01-01"))
    assert (17, 9, "timeline-duplicate") in errors(rule_dir)


VERSIONS = """\
versions:
  - id: v1
    from: {first}
    source: https://example.org/v1
    parameters: {{{name}: 50}}
  - id: v2
    from: {second}
    source: https://example.org/v2
"""


def with_versions(first: str = "2024-03-01", second: str = "2024-06-01", name: str = "rate") -> str:
    return CLEAN.replace("conditions:\n", VERSIONS.format(first=first, second=second, name=name) + "conditions:\n", 1)


def test_timeline_duplicate_with_version(rule_dir):
    write(rule_dir, with_versions(first="2024-01-01"))
    # the version's value for 'rate' (line 21: "    parameters: {rate: 50}", value at column 24)
    assert errors(rule_dir) == [(21, 24, "timeline-duplicate")]


def test_versions_are_accepted(rule_dir):
    write(rule_dir, with_versions())
    assert errors(rule_dir) == []


def test_version_order(rule_dir):
    write(rule_dir, with_versions(first="2024-06-01", second="2024-03-01"))
    assert errors(rule_dir) == [(23, 11, "version-order")]


def test_version_order_same_day(rule_dir):
    write(rule_dir, with_versions(first="2024-06-01", second="2024-06-01"))
    assert errors(rule_dir) == [(23, 11, "version-order")]


def test_unknown_parameter_in_version(rule_dir):
    write(rule_dir, with_versions(name="rat"))
    # at the key 'rat' inside the flow mapping on line 21
    assert errors(rule_dir) == [(21, 18, "unknown-parameter")]


def test_version_before_valid_from(rule_dir):
    write(rule_dir, with_versions(first="2023-12-31"))
    assert errors(rule_dir) == [(19, 11, "version-before-start")]


def test_parameter_gap_late_start(rule_dir):
    write(rule_dir, CLEAN.replace("      - from: 2024-01-01\n", "      - from: 2024-06-01\n"))
    # at the parameter's key 'rate' (line 10, column 3)
    assert errors(rule_dir) == [(10, 3, "parameter-gap")]


def test_parameter_gap_no_value_at_all(rule_dir):
    write(rule_dir, CLEAN.split("    values:\n")[0] + "conditions:\n" + CLEAN.split("\nconditions:\n")[1])
    assert errors(rule_dir) == [(10, 3, "parameter-gap")]


def test_unused_parameter_without_value_is_only_a_warning(rule_dir):
    write(rule_dir, CLEAN.replace("  rate: rate\n", "  rate: '40'\n"))
    rules, diagnostics = check_rules(rule_dir)
    assert rules is not None
    assert [(d.line, d.column, d.code, d.severity) for d in diagnostics] == [(10, 3, "unused-parameter", "warning")]


def test_unknown_parameter_name_in_expression(rule_dir):
    write(rule_dir, CLEAN.replace("  rate: rate\n", "  rate: rat\n"))
    assert errors(rule_dir) == [(26, 9, "unknown-name")]


# -- conditions ----------------------------------------------------------------------------------------


def test_unknown_shared_condition(rule_dir):
    write(rule_dir, CLEAN.replace("use: flemish-region", "use: flemish-regoin"))
    assert errors(rule_dir) == [(18, 10, "unknown-condition")]
    _, diagnostics = check_rules(rule_dir)
    assert diagnostics[0].hint == "did you mean 'flemish-region'?"


def test_duplicate_condition(rule_dir):
    extra = (
        "  - id: small\n    when: company.employees < 10\n    text:\n      nl: Klein.\n      en: Small.\n"
        "    source: https://example.org/source\n"
    )
    write(rule_dir, CLEAN.replace("amount:\n", extra + "amount:\n"))
    # at the second condition's mapping (line 25, column 5)
    assert errors(rule_dir) == [(25, 5, "duplicate-condition")]


def test_duplicate_shared_condition(rule_dir):
    write(rule_dir, CLEAN.replace("  - use: flemish-region\n", "  - use: flemish-region\n  - use: flemish-region\n"))
    assert errors(rule_dir) == [(19, 5, "duplicate-condition")]


def test_local_condition_with_shared_id(rule_dir):
    write(rule_dir, CLEAN.replace("  - id: small\n", "  - id: flemish-region\n"))
    assert errors(rule_dir) == [(19, 5, "duplicate-condition")]


# -- facts ---------------------------------------------------------------------------------------

LOOP = """\
id: loop
title:
  nl: Lus
  en: Loop
sources:
  - https://example.org/loop
facts:
  alpha:
    description: Reads beta.
    expression: beta + 1
  beta:
    description: Reads alpha.
    expression: alpha + 1
"""


def test_fact_cycle(rule_dir):
    write(rule_dir, CLEAN)
    (rule_dir / "facts" / "loop.yaml").write_text(LOOP, encoding="utf-8")
    rules, diagnostics = check_rules(rule_dir)
    assert rules is None
    found = [(Path(d.file).name, d.line, d.column, d.code) for d in diagnostics if d.severity == "error"]
    # reported once, at the expression of the first fact of the circle
    assert found == [("loop.yaml", 10, 17, "fact-cycle")]
    assert "alpha -> beta -> alpha" in diagnostics[0].message


def test_fact_reading_itself(rule_dir):
    write(rule_dir, CLEAN)
    (rule_dir / "facts" / "loop.yaml").write_text(
        LOOP.replace("expression: beta + 1", "expression: alpha + 1"), encoding="utf-8"
    )
    _, diagnostics = check_rules(rule_dir)
    found = [(Path(d.file).name, d.line, d.column, d.code) for d in diagnostics if d.severity == "error"]
    assert found == [("loop.yaml", 10, 17, "fact-cycle")]


def test_unknown_name_in_fact(rule_dir):
    write(rule_dir, CLEAN)
    (rule_dir / "facts" / "loop.yaml").write_text(
        LOOP.replace("expression: beta + 1", "expression: company.employes + 1").replace(
            "expression: alpha + 1", "expression: project.cost"
        ),
        encoding="utf-8",
    )
    _, diagnostics = check_rules(rule_dir)
    found = [(Path(d.file).name, d.line, d.column, d.code) for d in diagnostics if d.severity == "error"]
    assert found == [("loop.yaml", 10, 17, "unknown-name")]


def test_facts_file_id_mismatch(rule_dir):
    write(rule_dir, CLEAN)
    (rule_dir / "facts" / "loop.yaml").write_text(
        LOOP.replace("id: loop", "id: lus")
        .replace("expression: beta + 1", "expression: '1'")
        .replace("expression: alpha + 1", "expression: '2'"),
        encoding="utf-8",
    )
    _, diagnostics = check_rules(rule_dir)
    found = [(Path(d.file).name, d.line, d.column, d.code) for d in diagnostics if d.severity == "error"]
    assert found == [("loop.yaml", 1, 5, "id-mismatch")]


def test_no_measures(rule_dir):
    rules, diagnostics = check_rules(rule_dir)
    assert rules is None
    assert [(d.line, d.column, d.code) for d in diagnostics] == [(1, 1, "no-rules")]


# -- parameter values in texts ({name}) ------------------------------------------------------

TEXTS = CLEAN.replace(
    """      nl: Klein.
      en: Small.""",
    """      nl: "Hoogstens {rate} van de kost."
      en: At most {rate} of the cost.""",
)


def test_a_text_may_name_a_parameter(rule_dir):
    write(rule_dir, TEXTS)
    assert check_rules(rule_dir)[1] == []


def test_an_unknown_parameter_in_a_text_is_reported_at_its_brace_with_a_suggestion(rule_dir):
    write(rule_dir, TEXTS.replace("en: At most {rate}", "en: At most {rates}"))
    _, diagnostics = check_rules(rule_dir)
    assert [(d.line, d.column, d.code, d.message, d.hint) for d in diagnostics] == [
        (23, 19, "unknown-placeholder", "the text names '{rates}', which is not a parameter", "did you mean '{rate}'?")
    ]


def test_a_lone_brace_in_a_text_is_reported(rule_dir):
    write(rule_dir, TEXTS.replace("en: At most {rate} of the cost.", "en: At most {rate} of the cost }."))
    assert errors_in(rule_dir) == [(23, 38, "text-brace")]


def test_doubled_braces_stand_for_a_brace(rule_dir):
    write(rule_dir, TEXTS.replace("en: At most {rate} of the cost.", "en: At most {rate} of {{the}} cost."))
    assert check_rules(rule_dir)[1] == []


def test_a_text_cannot_name_a_table_parameter(rule_dir):
    write(
        rule_dir,
        TEXTS.replace("        value: 40", "        value: {small: 40, medium: 30}").replace(
            "  rate: rate\n", "  rate: rate['small']\n"
        ),
    )
    assert errors_in(rule_dir) == [(22, 22, "placeholder-table"), (23, 19, "placeholder-table")]


def test_a_parameter_only_a_text_names_is_used(rule_dir):
    write(rule_dir, TEXTS.replace("  rate: rate\n", "  rate: 0\n"))
    assert [(d.code, d.severity) for d in check_rules(rule_dir)[1]] == []


VERSION_ONLY = CLEAN.replace(
    """conditions:""",
    """  bonus:
    description: A bonus only the second version pays.
    unit: percent
versions:
  - id: first
    from: 2024-01-01
    source: https://example.org/first
  - id: second
    from: 2025-01-01
    source: https://example.org/second
    parameters: {bonus: 5}
    amount:
      rate: rate + bonus
      base: project.cost
conditions:""",
)


def test_a_parameter_only_a_later_version_reads_needs_a_value_from_that_version_only(rule_dir):
    write(rule_dir, VERSION_ONLY)
    assert check_rules(rule_dir)[1] == []


def test_a_parameter_a_later_version_reads_must_have_a_value_when_that_version_starts(rule_dir):
    write(
        rule_dir,
        VERSION_ONLY.replace("    parameters: {bonus: 5}\n", "").replace(
            "    unit: percent\nversions:",
            "    unit: percent\n    values:\n      - from: 2025-06-01\n"
            "        value: 5\n        source: https://example.org/bonus\nversions:",
        ),
    )
    _, diagnostics = check_rules(rule_dir)
    assert [(d.line, d.column, d.code, d.message) for d in diagnostics] == [
        (
            17,
            3,
            "parameter-gap",
            "parameter 'bonus' has no value from 2025-01-01 (when version 'second' of "
            "measure 'demo' starts) until 2025-06-01",
        )
    ]
