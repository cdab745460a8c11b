"""The evaluator's mechanisms on small purpose-built rule sets: versions, parts, fixed amounts,
caps, minimums, calls, info measures, applies_when, recommendation and three-valued status."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from engine import Evaluator, load_rules, parse_profile

D = dt.date

MEASURE = """\
id: {id}
title: {{nl: {id} nl, en: {id} en}}
applies_to: [development, research]
valid_from: 2020-01-01
sources: [https://example.org/{id}]
{body}
"""


def write(rule_dir: Path, measure_id: str, body: str) -> None:
    (rule_dir / f"{measure_id}.yaml").write_text(MEASURE.format(id=measure_id, body=body), encoding="utf-8")


AS_OF = D(2024, 6, 1)


def evaluate(rule_dir: Path, profile: str, as_of: dt.date = AS_OF, lang: str = "en"):
    data, diagnostics = parse_profile(profile, "p.yaml")
    assert diagnostics == []
    return Evaluator(load_rules(rule_dir)).evaluate(data, as_of, lang)


COMPANY = """\
company: {{legal_form: bv, region: flanders, employees: 20, turnover: 1000000, balance_sheet_total: 1000000}}
projects:
{projects}
"""


def project(
    pid: str, kind: str = "development", cost: str = "200000", date: str = "2024-06-01", extra: str = ""
) -> str:
    text = f"  - {{id: {pid}, kind: {kind}, application_date: {date}"
    text += f", cost: {cost}" if cost else ""
    return text + (f", {extra}" if extra else "") + "}"


VERSIONED = """\
parameters:
  rate:
    description: the rate
    unit: percent
versions:
  - id: v2020
    from: 2020-01-01
    source: https://example.org/v2020
    parameters: {rate: 25}
  - id: v2022
    from: 2022-03-01
    source: https://example.org/v2022
    parameters: {rate: 45}
    conditions:
      - id: small-only
        when: size in ['micro', 'small']
        text: {nl: klein, en: small}
        source: https://example.org/source
amount:
  rate: rate
  base: project.cost
  caps:
    - id: maximum-aid
      amount: "50000"
      text: {nl: max, en: max}
  minimum:
    id: below-minimum
    amount: "10000"
    text: {nl: min, en: min}
"""


def test_versions_select_parameters_and_conditions(rule_dir):
    write(rule_dir, "versioned", VERSIONED)
    profile = COMPANY.format(
        projects="\n".join(
            [
                project("before", cost="100000", date="2022-02-28"),
                project("on-the-day", cost="100000", date="2022-03-01"),
            ]
        )
    )
    results = {r.project: r for r in evaluate(rule_dir, profile).results}
    before, after = results["before"], results["on-the-day"]
    assert (before.version, before.status, before.rate, before.amount) == (
        "v2020",
        "eligible",
        Decimal(25),
        Decimal("25000.00"),
    )
    assert [c.id for c in before.conditions] == ["maximum-aid", "below-minimum"]
    assert before.source == "https://example.org/v2020"
    assert (after.version, after.status, after.rate, after.amount) == (
        "v2022",
        "eligible",
        Decimal(45),
        Decimal("45000.00"),
    )
    assert [c.id for c in after.conditions] == ["small-only", "maximum-aid", "below-minimum"]
    assert after.explanation[0] == "Rules in force on 2022-03-01: version v2022 (from 2022-03-01)."


def test_cap_binds_and_minimum_fails(rule_dir):
    write(rule_dir, "versioned", VERSIONED)
    profile = COMPANY.format(
        projects="\n".join(
            [
                project("big", cost="200000"),  # 45% x 200,000 = 90,000 -> capped at 50,000
                project("small", cost="22222.21"),  # 45% x 22,222.21 = 9,999.9945 -> 9,999.99 < 10,000
                project("exact", cost="22222.22"),  # 45% x 22,222.22 = 9,999.999 -> 10,000.00 = minimum
            ]
        )
    )
    results = {r.project: r for r in evaluate(rule_dir, profile).results}
    assert (results["big"].status, results["big"].amount) == ("eligible", Decimal("50000.00"))
    assert "Cap 'maximum-aid': at most EUR 50,000.00, so the amount becomes EUR 50,000.00" in results["big"].explanation
    assert (results["small"].status, results["small"].amount) == ("not_eligible", Decimal("0.00"))
    assert [c.id for c in results["small"].conditions if c.holds is False] == ["below-minimum"]
    assert (results["exact"].status, results["exact"].amount) == ("eligible", Decimal("10000.00"))


def test_not_in_force_before_valid_from(rule_dir):
    write(rule_dir, "versioned", VERSIONED)
    outcome = evaluate(rule_dir, COMPANY.format(projects=project("old", date="2019-12-31")))
    result = outcome.results[0]
    assert (result.status, result.amount, result.rate) == ("not_eligible", Decimal("0.00"), None)
    assert [(c.id, c.holds) for c in result.conditions] == [("in-force", False)]


PARTS = """\
amount:
  parts:
    - label: {nl: onderzoek, en: research}
      rate: "50"
      base: project.cost - project.development_cost
    - label: {nl: ontwikkeling, en: development}
      rate: "25"
      base: project.development_cost
"""


def test_parts_add_up_and_round_once(rule_dir):
    write(rule_dir, "parts", PARTS)
    # 50% x 100.01 = 50.005 and 25% x 0.03 = 0.0075: 50.0125 -> 50.01 once (per part rounding would give 50.02)
    profile = COMPANY.format(projects=project("mixed", kind="research", cost="100.04", extra="development_cost: 0.03"))
    result = evaluate(rule_dir, profile).results[0]
    assert (result.status, result.rate, result.base, result.amount) == (
        "eligible",
        Decimal(50),
        Decimal("100.04"),
        Decimal("50.01"),
    )
    assert result.explanation == [
        "research: 50% of EUR 100.01 = EUR 50.005",
        "development: 25% of EUR 0.03 = EUR 0.0075",
        "Total of the parts = EUR 50.0125",
        "Rounded half-up to the cent: EUR 50.01",
    ]


CALLS = """\
calls:
  condition:
    id: no-open-call
    text: {nl: open oproep, en: an open call}
  windows:
    - {name: first call, open: 2021-01-01, close: 2021-08-20, source: https://example.org/c1}
amount:
  fixed: "50000"
"""


@pytest.mark.parametrize(
    "date, status, amount",
    [
        ("2020-12-31", "not_eligible", Decimal("0.00")),
        ("2021-01-01", "eligible", Decimal("50000.00")),
        ("2021-08-20", "eligible", Decimal("50000.00")),
        ("2021-08-21", "not_eligible", Decimal("0.00")),
    ],
)
def test_call_windows_and_fixed_amount(rule_dir, date, status, amount):
    write(rule_dir, "calls", CALLS)
    result = evaluate(rule_dir, COMPANY.format(projects=project("p", date=date))).results[0]
    assert (result.status, result.amount, result.rate) == (status, amount, None)
    assert [(c.id, c.holds) for c in result.conditions] == [("no-open-call", status == "eligible")]


INFO = """\
status: info
applies_when: project.theme == 'cybersecurity'
"""


def test_info_measure_only_for_matching_projects(rule_dir):
    write(rule_dir, "info", INFO)
    profile = COMPANY.format(
        projects="\n".join(
            [
                project("cyber", extra="theme: cybersecurity"),
                project("other", extra="theme: other"),
                project("unknown-theme"),
            ]
        )
    )
    results = evaluate(rule_dir, profile).results
    assert [(r.project, r.status, r.amount, r.rate) for r in results] == [
        ("cyber", "info", None, None),
        ("unknown-theme", "info", None, None),
    ]


THREE_VALUED = """\
conditions:
  - id: either
    when: company.nis2 == 'essential' or company.employees < 50
    text: {nl: a, en: a}
    source: https://example.org/source
  - id: both
    when: company.negative_equity == false and project.collaboration == true
    text: {nl: b, en: b}
    source: https://example.org/source
amount:
  rate: "10"
  base: project.cost
"""


def test_three_valued_status_and_missing(rule_dir):
    write(rule_dir, "tv", THREE_VALUED)
    profile = COMPANY.format(
        projects="\n".join(
            [
                project("no-cost", cost="", extra="collaboration: true"),
                project("fails", extra="collaboration: false"),
            ]
        )
    )
    results = {r.project: r for r in evaluate(rule_dir, profile).results}
    # 'either' holds though company.nis2 is absent (true or unknown = true); the amount needs the cost
    assert (results["no-cost"].status, results["no-cost"].amount, results["no-cost"].missing) == (
        "undetermined",
        None,
        ["projects[0].cost"],
    )
    assert [(c.id, c.holds) for c in results["no-cost"].conditions] == [("either", True), ("both", True)]
    assert (results["fails"].status, results["fails"].amount, results["fails"].missing) == (
        "not_eligible",
        Decimal("0.00"),
        [],
    )


def test_unknown_condition_lists_missing_paths(rule_dir):
    write(rule_dir, "tv", THREE_VALUED)
    profile = """\
company: {legal_form: bv, region: flanders}
projects:
  - {id: a, kind: research, cost: 1000, application_date: 2024-06-01, collaboration: true}
"""
    result = evaluate(rule_dir, profile).results[0]
    # either fact would decide 'either' (nis2 essential, or fewer than 50 employees): both are listed
    assert (result.status, result.amount, result.missing) == (
        "undetermined",
        None,
        ["company.employees", "company.nis2"],
    )
    assert [(c.id, c.holds) for c in result.conditions] == [("either", None), ("both", True)]


def test_recommendation_highest_amount_then_id_and_totals(rule_dir):
    write(rule_dir, "b-measure", 'amount:\n  fixed: "1000"\n')
    write(rule_dir, "a-measure", 'amount:\n  fixed: "1000"\n')
    write(rule_dir, "c-measure", 'amount:\n  fixed: "999.99"\n')
    outcome = evaluate(rule_dir, COMPANY.format(projects=project("p")))
    assert [(r.measure.id, r.recommended) for r in outcome.results] == [
        ("a-measure", True),
        ("b-measure", False),
        ("c-measure", False),
    ]
    assert outcome.total == Decimal("1000.00")


YEARLY = """\
de_minimis: true
conditions:
  - use: de-minimis-ceiling
amount:
  rate: "50"
  base: project.cost
  caps:
    - id: yearly-cap-reached
      amount: 1000 - aid_total(year_start(project.application_date), project.application_date, measure='yearly')
      text: {nl: jaar, en: year}
"""


def test_earlier_projects_count_in_date_order(rule_dir):
    write(rule_dir, "yearly", YEARLY)
    profile = COMPANY.format(
        projects="\n".join(
            [
                project("late", cost="1000", date="2024-09-01"),  # evaluated second: 1000 - 600 = 400 left
                project("early", cost="1200", date="2024-03-01"),  # 50% x 1,200 = 600
                project("next-year", cost="1000", date="2025-01-01"),  # a new year: 500
            ]
        )
    )
    outcome = evaluate(rule_dir, profile)
    assert [(r.project, r.amount) for r in outcome.results] == [
        ("late", Decimal("400.00")),
        ("early", Decimal("600.00")),
        ("next-year", Decimal("500.00")),
    ]
    assert outcome.de_minimis == {
        "ceiling": Decimal(300000),
        "used": Decimal("0.00"),
        "granted_now": Decimal("1500.00"),
        "remaining": Decimal("298500.00"),
    }


def test_dutch_texts_and_money(rule_dir):
    write(rule_dir, "versioned", VERSIONED)
    result = evaluate(rule_dir, COMPANY.format(projects=project("p", cost="100000.5")), lang="nl").results[0]
    assert result.title == "versioned nl"
    assert "45% van EUR 100.000,50 = EUR 45.000,225" in result.explanation
    assert "Afgerond op de cent: EUR 45.000,23" in result.explanation


def test_de_minimis_remaining_follows_from_the_figures_shown():
    """Aid finer than a cent: 'used' is shown rounded, and 'remaining' is ceiling - used - granted now
    from those same figures (found by the property tests)."""
    from engine.load.profile import parse_profile
    from engine.load.ruleset import load_rules

    from ...conftest import RULES

    data, problems = parse_profile(
        "company: {legal_form: bv, region: flanders, employees: 12, turnover: 1800000, balance_sheet_total: 900000}\n"
        "aid_received: [{date: 2025-04-01, amount: 161.695}]\n"
        "projects:\n  - {id: p1, kind: advice, theme: cybersecurity, cost: 10000, application_date: 2026-03-01,"
        " provider_registered: true}\n",
        "p.yaml",
    )
    assert problems == []
    outcome = Evaluator(load_rules(RULES)).evaluate(data, dt.date(2026, 3, 1), "en")
    assert outcome.de_minimis == {
        "ceiling": Decimal("300000"),
        "used": Decimal("161.70"),
        "granted_now": Decimal("4500.00"),
        "remaining": Decimal("295338.30"),
    }


TEXT_VALUES = """\
parameters:
  lowest:
    description: the lowest cost
    unit: euro
    values:
      - {from: 2020-01-01, value: 8500, source: https://example.org/lowest}
      - {from: 2024-01-01, value: 9200.5, source: https://example.org/lowest}
  share:
    description: the rate
    unit: percent
    values:
      - {from: 2020-01-01, value: 12.5, source: https://example.org/share}
  deadline:
    description: the last day
    unit: date
    values:
      - {from: 2020-01-01, value: 2021-04-14, source: https://example.org/deadline}
conditions:
  - id: costly-enough
    when: project.cost >= lowest
    text:
      nl: "Minstens {lowest} ({share}, tot {deadline}; {{niet}} ingevuld)."
      en: "At least {lowest} ({share}, until {deadline})."
    source: https://example.org/source
reminders:
  - id: note
    text: {nl: "Minstens {lowest}.", en: "At least {lowest}."}
amount:
  rate: share
  base: project.cost
  caps:
    - id: top
      amount: lowest
      text: {nl: "Hoogstens {lowest}.", en: "At most {lowest}."}
"""


@pytest.mark.parametrize(
    ("date", "lang", "condition", "reminder", "cap"),
    [
        (
            "2023-12-31",
            "nl",
            "Minstens EUR 8.500 (12,5%, tot 14 april 2021; {niet} ingevuld).",
            "Minstens EUR 8.500.",
            "Hoogstens EUR 8.500.",
        ),
        (
            "2023-12-31",
            "en",
            "At least EUR 8,500 (12.5%, until 14 April 2021).",
            "At least EUR 8,500.",
            "At most EUR 8,500.",
        ),
        (
            "2024-01-01",
            "nl",
            "Minstens EUR 9.200,50 (12,5%, tot 14 april 2021; {niet} ingevuld).",
            "Minstens EUR 9.200,50.",
            "Hoogstens EUR 9.200,50.",
        ),
        (
            "2024-01-01",
            "en",
            "At least EUR 9,200.50 (12.5%, until 14 April 2021).",
            "At least EUR 9,200.50.",
            "At most EUR 9,200.50.",
        ),
    ],
)
def test_texts_show_the_parameter_values_in_force_on_the_application_date(
    rule_dir, date, lang, condition, reminder, cap
):
    write(rule_dir, "texts", TEXT_VALUES)
    profile = COMPANY.format(projects=project("p", cost="100000", date=date))
    data, _ = parse_profile(profile, "p.yaml")
    result = Evaluator(load_rules(rule_dir)).evaluate(data, D(2024, 6, 1), lang, explain=True).results[0]
    texts = {c.id: c.text for c in result.conditions}
    assert (texts["costly-enough"], result.reminders, texts["top"]) == (condition, [("note", reminder)], cap)
