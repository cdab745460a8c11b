"""Regression tests for the adversarial review's findings: hostile or odd input ends in a clear
diagnostic and the documented exit code, never a crash or a leak."""

from __future__ import annotations

import json
import shutil

from engine.cases.rule_cases import load_cases
from engine.load.yaml_loader import load_text

from ..conftest import RULES

BASE = """\
company: {legal_form: bv, region: flanders, employees: 12, turnover: 1800000, balance_sheet_total: 900000}
projects:
  - {id: p1, kind: advice, theme: cybersecurity, cost: 10000, application_date: 2026-03-01, provider_registered: true}
"""


def test_case_profile_path_may_not_leave_the_case_folder(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("-----BEGIN FAKE PRIVATE KEY-----\n", encoding="utf-8")
    folder = tmp_path / "cases"
    folder.mkdir()
    case_file = folder / "leak.cases.yaml"
    case_file.write_text(
        f"cases:\n  - name: up\n    profile: ../secret.txt\n  - name: absolute\n    profile: {secret}\n",
        encoding="utf-8",
    )
    cases, diagnostics = load_cases(case_file)
    assert cases == []
    assert [(d.line, d.column, d.code) for d in diagnostics] == [(3, 14, "profile-outside"), (5, 14, "profile-outside")]
    assert all("PRIVATE" not in str(d) for d in diagnostics)


def test_long_values_are_cut_in_messages(run_cli):
    code, _, err = run_cli("evaluate", "-", input="company: " + "x" * 5000 + "\nprojects: []\n")
    assert code == 2
    first = err.splitlines()[0]
    assert first.startswith("<stdin>:1:10: error: expected a mapping (key: value lines) but found the text 'xxx")
    assert len(first) < 200


def test_control_character_in_profile_exit_2(run_cli):
    code, out, err = run_cli("evaluate", "-", input='company:\n  name: "Acme\x1b BV"\nprojects: []\n')
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == "<stdin>:2:14: error: the character '\\x1b' is not allowed in YAML [yaml-syntax]"


def _rules_with_condition(tmp_path, expression: str):
    target = tmp_path / "rules"
    shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("*.cases.yaml"))
    path = target / "kmo-portefeuille.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  - use: de-minimis-ceiling\nreminders:",
        f'  - use: de-minimis-ceiling\n  - id: extra\n    when: "{expression}"\n    text: {{nl: x, en: x}}\n'
        "    source: https://x.org\nreminders:",
    )
    path.write_text(text, encoding="utf-8")
    return target


def test_unhashable_table_key_is_a_clear_error(run_cli, tmp_path):
    rules = _rules_with_condition(tmp_path, "yearly_cap[yearly_cap] == 1")
    code, out, err = run_cli("evaluate", "-", "--rules", str(rules), input=BASE)
    assert (code, out) == (2, "")
    # caught when the rules load, before any profile is read
    assert "a table key must be a text, found a table in condition 'extra' [type-mismatch]" in err
    assert "internal error" not in err


def test_bad_field_in_sum_is_a_clear_error(run_cli, tmp_path):
    rules = _rules_with_condition(tmp_path, "sum_of(company.linked_enterprises, 'nope') == 0")
    profile = BASE.replace(
        "balance_sheet_total: 900000}",
        "balance_sheet_total: 900000, linked_enterprises: [{employees: 1, turnover: 1, balance_sheet_total: 1}]}",
    )
    code, _, err = run_cli("evaluate", "-", "--rules", str(rules), input=profile)
    assert code == 2
    assert "sum_of(): the entries have no field 'nope'" in err


def test_rate_above_100_is_a_clear_error(run_cli, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules, ignore=shutil.ignore_patterns("*.cases.yaml"))
    path = rules / "kmo-portefeuille.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index('  rate: "rate[')
    end = text.index("\n", start)
    path.write_text(text[:start] + '  rate: "10 ** 14"' + text[end:], encoding="utf-8")
    code, _, err = run_cli("evaluate", "-", "--rules", str(rules), input=BASE)
    assert code == 2
    assert "the rate of measure 'kmo-portefeuille' is 100000000000000%, more than 100%" in err


def test_huge_list_is_stopped_while_reading():
    doc, diagnostics = load_text("projects: [" + ",".join(["1"] * 300_000) + "]\n", "big.yaml")
    assert doc is None
    assert [(d.code, d.line) for d in diagnostics] == [("yaml-size", 1)]


def test_nonexistent_rules_folder_is_a_usage_error(run_cli, tmp_path):
    code, _, err = run_cli("validate", "--rules", str(tmp_path / "nope"))
    assert code == 2
    assert "does not exist" in err


def test_case_names_cannot_inject_lines(run_cli, tmp_path):
    (tmp_path / "p.yaml").write_text(BASE, encoding="utf-8")
    case_file = tmp_path / "x.cases.yaml"
    case_file.write_text(
        'cases:\n  - name: "ok\\n::error file=x,line=1::injected"\n    profile: p.yaml\n'
        "    expect: [{project: p1, measure: kmo-portefeuille, status: not_eligible}]\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli("test", str(case_file))
    assert code == 1
    assert not any(line.startswith("::") for line in out.splitlines())
    assert out.splitlines()[0] == f"FAIL {case_file}:2: ok\\n::error file=x,line=1::injected"


def test_json_exponent_numbers_are_numbers(run_cli):
    profile = json.dumps(
        {
            "company": {
                "legal_form": "bv",
                "region": "flanders",
                "employees": 12,
                "turnover": 1.8e6,
                "balance_sheet_total": 9e5,
            },
            "projects": [
                {
                    "id": "p1",
                    "kind": "advice",
                    "theme": "cybersecurity",
                    "application_date": "2026-03-01",
                    "provider_registered": True,
                }
            ],
        }
    )
    profile = profile.replace('"projects": [{', '"projects": [{"cost": 1E4, ')
    code, out, err = run_cli("evaluate", "-", "--format", "json", input=profile)
    assert code == 0, err
    assert json.loads(out)["results"][0]["amount"] == 4500


def test_octal_and_base_60_numbers_are_rejected(run_cli):
    code, _, err = run_cli(
        "evaluate", "-", input=BASE.replace("employees: 12", "employees: 012").replace("cost: 10000", "cost: 1:30")
    )
    assert code == 2
    assert err.splitlines() == [
        "<stdin>:1:56: error: '012' is not a plain decimal number (YAML would read it as 10) [yaml-number]",
        "  hint: write the number without leading zeros, ':' or a 0x/0o/0b prefix, or put it in quotes if it is a text",
        "<stdin>:3:56: error: '1:30' is not a plain decimal number (YAML would read it as 90) [yaml-number]",
        "  hint: write the number without leading zeros, ':' or a 0x/0o/0b prefix, or put it in quotes if it is a text",
    ]


def test_subscripting_a_profile_field_is_rejected(tmp_path, run_cli):
    rules = _rules_with_condition(tmp_path, "project.consortium['independent_companies'] >= 0")
    code, _, err = run_cli("validate", str(rules))
    assert code == 1
    assert "error: profile fields are read with a dot, not with [ ] in condition 'extra' [syntax-not-allowed]" in err


def test_leading_space_in_expression_is_fine(tmp_path, run_cli):
    rules = _rules_with_condition(tmp_path, " size == 'small'")
    code, _, err = run_cli("validate", str(rules))
    assert (code, err) == (0, "no problems found\n")


def test_bad_as_of_has_a_message(run_cli):
    code, _, err = run_cli("evaluate", "-", "--as-of", "2026-2-1", input=BASE)
    assert code == 2
    assert "'2026-2-1' is not a date written YYYY-MM-DD" in err


def test_batch_output_cannot_carry_spreadsheet_formulas_or_extra_rows(run_cli, tmp_path):
    header = (
        "project.id,company.legal_form,company.region,company.employees,company.turnover,"
        "company.balance_sheet_total,project.kind,project.theme,project.cost,project.application_date,"
        "project.provider_registered\n"
    )
    row = ",bv,flanders,12,1800000,900000,advice,cybersecurity,10000,2026-03-01,true\n"
    source = tmp_path / "in.csv"
    source.write_text(
        header + '"=HYPERLINK(""http://x"")"' + row + "@SUM(1)" + row + '"a\rb"' + row, encoding="utf-8", newline=""
    )
    out = tmp_path / "out.csv"
    code, _, _ = run_cli("batch", str(source), "-o", str(out))
    assert code == 0
    import csv

    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert [r[1] for r in rows[1:]] == ['\'=HYPERLINK("http://x")', "'@SUM(1)", "a\\rb"]


def test_huge_integers_and_lone_surrogates_are_diagnostics(run_cli):
    code, out, err = run_cli("evaluate", "-", input=BASE.replace("cost: 10000", "cost: " + "9" * 5001))
    assert (code, out) == (2, "")
    assert "has more than 30 digits [yaml-number]" in err
    code, out, err = run_cli("evaluate", "-", input=BASE.replace("id: p1", 'id: "\\ud800"'))
    assert (code, out) == (2, "")
    assert "the text holds a lone surrogate" in err
