"""`subsidie test --coverage`: which condition outcomes, versions and dated values cases exercise."""

from __future__ import annotations

MEASURE = """\
id: m
title: {nl: m, en: m}
applies_to: [advice]
valid_from: 2020-01-01
sources: [https://example.org/m]
parameters:
  rate:
    description: the rate
    unit: percent
    values:
      - {from: 2020-01-01, value: 10, source: "https://example.org/a"}
      - {from: 2022-01-01, value: 20, source: "https://example.org/b"}
versions:
  - {id: first, from: 2020-01-01, source: "https://example.org/v1"}
  - {id: second, from: 2023-01-01, source: "https://example.org/v2"}
conditions:
  - id: registered
    when: project.provider_registered == true
    text: {nl: r, en: r}
    source: https://example.org/source
  - id: started-in-time
    when: not given(project.start_date) or project.start_date <= project.application_date
    text: {nl: s, en: s}
    source: https://example.org/source
amount:
  rate: rate
  base: project.cost
"""

CASES = """\
cases:
  - name: registered
    profile:
      company: {region: flanders}
      projects: [{id: p, kind: advice, cost: 100, application_date: 2021-06-01, provider_registered: true}]
    expect: [{project: p, measure: m, status: eligible, amount: 10}]
  - name: not-registered
    profile:
      company: {region: flanders}
      projects: [{id: p, kind: advice, cost: 100, application_date: 2021-06-01, provider_registered: false,
                  start_date: 2021-07-01}]
    expect: [{project: p, measure: m, status: not_eligible}]
"""


def test_coverage_lists_exactly_what_no_case_exercises(run_cli, rule_dir):
    (rule_dir / "m.yaml").write_text(MEASURE, encoding="utf-8")
    (rule_dir / "m.cases.yaml").write_text(CASES, encoding="utf-8")
    code, out, _ = run_cli("test", "--rules", str(rule_dir), "--coverage")
    assert code == 0
    # 'registered' can be unknown (the fact may be absent); 'started-in-time' cannot (not given(x) or ...)
    assert out.splitlines() == [
        "coverage: 52.2% (12 of 23 items)",
        f"  m ({rule_dir / 'm.yaml'}): not covered",
        "    condition 'registered' unknown",
        "    version 'first' first day 2020-01-01",
        "    version 'second' (from 2023-01-01)",
        "    version 'second' first day 2023-01-01",
        "    value of 'rate' from 2022-01-01",
        "  facts (shared parameters): not covered",
        "    value of 'de_minimis_ceiling' from 2024-01-01",
        "    value of 'de_minimis_window_years' from 2024-01-01",
        "    value of 'de_minimis_window' from 2024-01-01",
        "    value of 'nis2_annex_i' from 2023-01-16",
        "    value of 'nis2_annex_ii' from 2023-01-16",
        "    value of 'nis2_any_size' from 2023-01-16",
        "2 passed, 0 failed",
    ]


CALLS = """\
id: m
title: {nl: m, en: m}
applies_to: [advice]
valid_from: 2020-01-01
sources: [https://example.org/m]
calls:
  condition: {id: no-open-call, text: {nl: o, en: o}}
  windows:
    - {name: call 2021, open: 2021-01-01, close: 2021-06-30, source: "https://example.org/c1"}
    - {name: call 2027, open: 2027-01-01, close: 2027-03-31, source: "https://example.org/c2"}
amount:
  fixed: '100'
"""


def _case(name: str, day: str, status: str) -> str:
    return f"""\
  - name: {name}
    profile:
      company: {{region: flanders}}
      projects: [{{id: p, kind: advice, application_date: {day}}}]
    expect: [{{project: p, measure: m, status: {status}}}]
"""


def test_coverage_counts_the_first_and_last_day_of_every_call_window(run_cli, rule_dir):
    (rule_dir / "m.yaml").write_text(CALLS, encoding="utf-8")
    cases = "cases:\n" + _case("open-2021", "2021-01-01", "eligible") + _case("closed", "2022-01-01", "not_eligible")
    (rule_dir / "m.cases.yaml").write_text(cases, encoding="utf-8")
    code, out, _ = run_cli(
        "test", "--rules", str(rule_dir), "--coverage", "--min-coverage", "100", str(rule_dir / "m.cases.yaml")
    )
    assert code == 1
    # the cases of the 2027 call are missing: its two days, and the 2021 call's last day, are not covered
    assert out.splitlines()[:5] == [
        "coverage: 25.0% (1 of 4 items)",
        f"  m ({rule_dir / 'm.yaml'}): not covered",
        "    call 'call 2021' last day 2021-06-30",
        "    call 'call 2027' first day 2027-01-01",
        "    call 'call 2027' last day 2027-03-31",
    ]


def test_min_coverage_fails_below_and_passes_at(run_cli, rule_dir):
    (rule_dir / "m.yaml").write_text(MEASURE, encoding="utf-8")
    (rule_dir / "m.cases.yaml").write_text(CASES, encoding="utf-8")
    code, out, _ = run_cli("test", "--rules", str(rule_dir), "--min-coverage", "100")
    assert code == 1
    assert "is below the minimum of 100%" in out
    code, _, _ = run_cli("test", "--rules", str(rule_dir), "--min-coverage", "1")
    assert code == 0


def test_shipped_rules_reach_full_coverage(run_cli):
    code, out, _ = run_cli("test", "--min-coverage", "100")
    assert code == 0
    assert out.splitlines()[0].startswith("coverage: 100.0% (")
