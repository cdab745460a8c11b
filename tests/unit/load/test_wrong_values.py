"""Values that look right to a rule editor and that validate used to accept (issue 17): a euro amount with a Dutch
thousands separator, call windows out of order or overlapping, a condition without its source, a note naming a
decision that does not exist, and a dated value placed above older ones. Each with its exact position and words."""

from __future__ import annotations

from engine.load.ruleset import check_rules

from .test_ruleset import CLEAN, write


def reported(rule_dir) -> list[tuple[int, int, str, str, str, str | None]]:
    _, diagnostics = check_rules(rule_dir)
    return [(d.line, d.column, d.severity, d.code, d.message, d.hint) for d in diagnostics]


def with_rate_values(values: str) -> str:
    old = "      - from: 2024-01-01\n        value: 40\n        source: https://example.org/rate\n"
    assert old in CLEAN
    return CLEAN.replace("    unit: percent\n", "    unit: euro\n").replace(old, values)


def test_a_euro_amount_with_a_dutch_thousands_separator_is_an_error(rule_dir):
    write(rule_dir, with_rate_values("      - from: 2024-01-01\n        value: 2.500\n        source: https://x.org\n"))
    assert reported(rule_dir) == [
        (
            15,
            16,
            "error",
            "euro-thousands",
            "'2.500' in 'rate' is EUR 2.50: a point in a number is the decimal point",
            "for 2500 euro write 2500, without a thousands separator",
        )
    ]


def test_cents_in_a_euro_amount_are_a_warning(rule_dir):
    write(
        rule_dir, with_rate_values("      - from: 2024-01-01\n        value: 2500.5\n        source: https://x.org\n")
    )
    assert reported(rule_dir) == [
        (
            15,
            16,
            "warning",
            "euro-fraction",
            "'2500.5' in 'rate' has cents; VLAIO's amounts are whole euro",
            "write whole euro, for example 2501; leave it if the cents are meant",
        )
    ]


def test_whole_euro_and_two_decimals_of_zero_pass(rule_dir):
    write(
        rule_dir, with_rate_values("      - from: 2024-01-01\n        value: 2500.00\n        source: https://x.org\n")
    )
    assert reported(rule_dir) == []


NEW_VALUE_ON_TOP = """\
      - from: 2026-07-01
        value: 50
        source: https://example.org/new
      - from: 2024-01-01
        value: 40
        source: https://example.org/rate
      - from: 2025-01-01
        value: 45
        source: https://example.org/rate2
"""


def test_a_value_placed_above_older_ones_is_the_one_reported(rule_dir):
    write(rule_dir, with_rate_values(NEW_VALUE_ON_TOP).replace("    unit: euro\n", "    unit: percent\n"))
    # the new value (line 14), not the value of 2024-01-01 below it that nobody touched
    assert reported(rule_dir) == [
        (
            14,
            15,
            "error",
            "timeline-order",
            "the dates of parameter 'rate' must increase: 2026-07-01 comes before 2024-01-01",
            "the values go from the oldest to the newest date: correct this date, or move this value to just after "
            "the one from 2025-01-01",
        )
    ]


CALLS = """\
calls:
  condition: {id: no-open-call, text: {nl: o, en: o}}
  windows:
    - {name: call 2021, open: 2021-01-01, close: 2021-06-30, source: "https://example.org/c1"}
    - {name: call 2022, open: 2022-01-01, close: 2024-01-31, source: "https://example.org/c2"}
    - {name: call 2027, open: 2023-01-01, close: 2027-03-31, source: "https://example.org/c3"}
"""


def test_a_call_window_that_overlaps_the_one_before_it(rule_dir):
    write(rule_dir, CLEAN.replace("conditions:\n", CALLS + "conditions:\n"))
    assert reported(rule_dir) == [
        (
            22,
            31,
            "error",
            "call-overlap",
            "call 'call 2027' opens on 2023-01-01, while call 'call 2022' is open until 2024-01-31",
            "calls may not overlap: check the year of this date, or end the earlier call the day before",
        )
    ]


def test_a_call_window_out_of_order(rule_dir):
    calls = (
        CALLS.replace("2021-01-01, close: 2021-06-30", "2025-01-01, close: 2025-06-30")
        .replace("2022-01-01, close: 2024-01-31", "2026-01-01, close: 2026-06-30")
        .replace("2023-01-01, close: 2027-03-31", "2024-01-01, close: 2027-03-31")
    )
    write(rule_dir, CLEAN.replace("conditions:\n", calls + "conditions:\n"))
    # the 2027 call typed as 2024 is the one out of place, not the two calls before it
    assert reported(rule_dir) == [
        (
            22,
            31,
            "error",
            "call-order",
            "call 'call 2027' opens on 2024-01-01, after a call that opens on 2026-01-01",
            "list the calls from the oldest to the newest: correct this date, or move this call to the top of the list",
        )
    ]


def test_a_condition_without_its_source(rule_dir):
    write(rule_dir, CLEAN.replace("    source: https://example.org/source\n", ""))
    assert reported(rule_dir) == [
        (
            19,
            5,
            "error",
            "missing-key",
            "missing required key 'source' in 'small' (item 2 of 'conditions')",
            "add 'source:' with the web page (URL) that states it, at the indentation of the other keys of this item",
        )
    ]


def test_a_dated_value_without_its_source_says_which_list(rule_dir):
    write(rule_dir, CLEAN.replace("        source: https://example.org/rate\n", ""))
    assert reported(rule_dir) == [
        (
            14,
            9,
            "error",
            "missing-key",
            "missing required key 'source' in item 1 of 'values' of 'rate'",
            "add 'source:' with the web page (URL) that states it, at the indentation of the other keys of this item",
        )
    ]


def test_a_note_naming_a_decision_that_does_not_exist(rule_dir):
    write(
        rule_dir, CLEAN.replace("parameters:\n", "notes:\n  - decision: D27\n    text: An assumption.\nparameters:\n")
    )
    assert reported(rule_dir) == [
        (
            10,
            15,
            "error",
            "schema-enum",
            "the text 'D27' is not allowed here; expected one of: " + ", ".join(f"D{i}" for i in range(1, 27)),
            "name a decision of docs/decisions.md (D1 to D26); a new decision gets its section there and its id in "
            "the list of schemas/measure.schema.json",
        )
    ]
