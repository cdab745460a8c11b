"""The command line: formats, exit codes and messages, run in-process and once as a real process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from ..conftest import EXAMPLES, ROOT, RULES

EXAMPLE = str(EXAMPLES / "small-it-firm.yaml")

GOOD = """\
company: {legal_form: bv, region: flanders, employees: 12, turnover: 1800000, balance_sheet_total: 900000}
projects:
  - {id: audit, kind: advice, theme: cybersecurity, cost: 10000, application_date: 2026-03-01,
     provider_registered: true, start_date: 2026-02-25}
"""

BAD = """\
company:
  legal_form: bv
  employes: 12
projects:
  - {id: audit, kind: advise}
"""


def test_evaluate_text(run_cli):
    code, out, err = run_cli("evaluate", "-", "--as-of", "2026-11-29", "--lang", "en", input=GOOD)
    assert (code, err) == (0, "")
    assert out.splitlines()[:7] == [
        "Subsidies for your company",
        "Application date: 1 March 2026",
        "Aid to expect: EUR 4,500.00",
        "This is an estimate from the facts given; VLAIO decides on every application.",
        "",
        "audit (advice, applied 1 March 2026)",
        "  SME wallet (kmo-portefeuille): EUR 4,500.00, eligible",
    ]


def test_evaluate_json_single_and_array(run_cli, tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text(GOOD, encoding="utf-8")
    code, out, _ = run_cli("evaluate", str(profile), "--format", "json", "--as-of", "2026-11-29")
    single = json.loads(out)
    assert code == 0
    assert (single["profile"], single["results"][0]["amount"], single["totals"]["amount"]) == (str(profile), 4500, 4500)
    code, out, _ = run_cli("evaluate", str(profile), EXAMPLE, "--format", "json", "--as-of", "2026-11-29")
    both = json.loads(out)
    assert code == 0
    assert [d["totals"]["amount"] for d in both] == [4500, 7500]


def test_evaluate_markdown_dutch(run_cli):
    code, out, _ = run_cli("evaluate", "-", "--format", "markdown", "--lang", "nl", "--as-of", "2026-11-29", input=GOOD)
    assert code == 0
    assert out.startswith(
        "# Subsidies voor je onderneming\n\nAanvraagdatum: 1 maart 2026  \n**Te verwachten steun: EUR 4.500,00**  \n"
        "Dit is een schatting op basis van de opgegeven gegevens; VLAIO beslist over elke aanvraag.\n\n"
        "## audit (advies, aanvraag 1 maart 2026)\n\n- **Kmo-portefeuille: EUR 4.500,00, komt in aanmerking**\n"
    )
    assert (
        "### audit: [Kmo-portefeuille](https://www.vlaio.be/nl/subsidies-financiering/subsidiedatabank/"
        "kmo-portefeuille-steun-voor-opleiding-en-advies)" in out
    )
    assert out.endswith("Berekening:\n\n- 45% van EUR 10.000,00 = EUR 4.500,00\n")


def test_evaluate_bad_profile_exit_2_with_positions_and_no_stdout(run_cli):
    code, out, err = run_cli("evaluate", "-", "--format", "json", input=BAD)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "<stdin>:3:3: error: unknown key 'employes' [unknown-key]",
        "  hint: did you mean 'employees'?",
        "<stdin>:5:23: error: the text 'advise' is not allowed here; expected one of: advice, training, "
        "improvement_trajectory, development, research, icon, startup [schema-enum]",
        "  hint: did you mean 'advice'?",
    ]


def test_evaluate_good_and_bad_profiles_reports_bad_and_evaluates_good(run_cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD, encoding="utf-8")
    code, out, err = run_cli("evaluate", EXAMPLE, str(bad), "--format", "json", "--as-of", "2026-11-29")
    assert code == 2
    assert [d["profile"] for d in json.loads(out)] == [EXAMPLE]
    assert f"{bad}:3:3: error: unknown key 'employes' [unknown-key]" in err


def test_evaluate_missing_file_and_bad_date(run_cli, tmp_path):
    code, out, err = run_cli("evaluate", str(tmp_path / "nope.yaml"))
    assert (code, out) == (2, "")
    assert err.startswith(f"{tmp_path / 'nope.yaml'}:1:1: error: cannot read the file")
    code, _, err = run_cli("evaluate", EXAMPLE, "--as-of", "13/09/2021")
    assert code == 2
    assert "'13/09/2021' is not a date written YYYY-MM-DD" in err


def test_evaluate_with_broken_rules_exit_2(run_cli, rule_dir):
    (rule_dir / "broken.yaml").write_text("id: broken\n", encoding="utf-8")
    code, out, err = run_cli("evaluate", EXAMPLE, "--rules", str(rule_dir))
    assert (code, out) == (2, "")
    assert "missing required key 'title' in 'broken' [missing-key]" in err
    assert err.rstrip().endswith("error: the rule set has errors; run 'subsidie validate' for details")


def test_validate_shipped_rules_clean(run_cli):
    code, out, err = run_cli("validate")
    assert (code, out, err) == (0, "", "no problems found\n")


def test_validate_reports_every_file_and_formats(run_cli, rule_dir, monkeypatch):
    (rule_dir / "one.yaml").write_text(
        "id: one\ntitle: {nl: a, en: a}\napplies_to: [advice]\n"
        "valid_from: 2020-01-01\nsources: [https://example.org]\n"
        "amount:\n  rate: '10'\n  base: project.costs\n",
        encoding="utf-8",
    )
    (rule_dir / "two.yaml").write_text("id: three\n", encoding="utf-8")
    monkeypatch.chdir(rule_dir)
    code, _, err = run_cli("validate", ".")
    assert code == 1
    assert err.splitlines() == [
        "one.yaml:8:9: error: unknown profile field 'project.costs' in the base [unknown-name]",
        "  hint: did you mean 'project.cost'?",
        "two.yaml:1:1: error: missing required key 'applies_to' in 'three' [missing-key]",
        "  hint: add 'applies_to:' to it: the project kinds this measure is checked for: advice, training, "
        "improvement_trajectory, development, research, icon, startup.",
        "two.yaml:1:1: error: missing required key 'sources' in 'three' [missing-key]",
        "  hint: add 'sources:' to it: web pages (URLs) that describe the measure; the first is shown with every "
        "result.",
        "two.yaml:1:1: error: missing required key 'title' in 'three' [missing-key]",
        "  hint: add 'title:' to it: the measure's name, in Dutch (nl) and English (en).",
        "two.yaml:1:1: error: missing required key 'valid_from' in 'three' [missing-key]",
        "  hint: add 'valid_from:' to it: the first application date on which the measure exists. Earlier "
        "applications are not eligible (condition 'in-force').",
        "5 error(s), 0 warning(s) in 1 path(s)",
    ]
    code, out, _ = run_cli("validate", "one.yaml", "--format", "json")
    assert code == 1
    assert json.loads(out) == [
        {
            "file": "one.yaml",
            "line": 8,
            "column": 9,
            "severity": "error",
            "code": "unknown-name",
            "message": "unknown profile field 'project.costs' in the base",
            "hint": "did you mean 'project.cost'?",
        }
    ]
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run_cli("validate", "one.yaml")
    assert code == 1
    assert out == (
        "::error file=one.yaml,line=8,col=9,title=unknown-name::unknown profile field "
        "'project.costs' in the base (hint: did you mean 'project.cost'?)\n"
    )


def test_validate_strict_fails_on_warnings(run_cli, rule_dir):
    (rule_dir / "one.yaml").write_text(
        "id: one\ntitle: {nl: a, en: a}\napplies_to: [advice]\nvalid_from: 2020-01-01\n"
        "sources: [https://example.org]\nparameters:\n  spare: {description: unused, values: "
        "[{from: 2020-01-01, value: 1, source: 'https://example.org'}]}\namount:\n  fixed: '10'\n",
        encoding="utf-8",
    )
    code, _, err = run_cli("validate", str(rule_dir))
    assert code == 0
    assert (
        f"{rule_dir / 'one.yaml'}:7:3: warning: parameter 'spare' is not used by any expression [unused-parameter]"
        in err
    )
    code, _, _ = run_cli("validate", str(rule_dir), "--strict")
    assert code == 1


CASES = """\
cases:
  - name: passes
    profile:
      company: {legal_form: bv, region: flanders, employees: 12, turnover: 1, balance_sheet_total: 1}
      projects: [{id: a, kind: advice, theme: cybersecurity, cost: 1000, application_date: 2026-03-01,
                  provider_registered: true}]
    expect:
      - {project: a, measure: kmo-portefeuille, status: eligible, rate: 45, amount: 450}
  - name: fails
    profile:
      company: {legal_form: bv, region: flanders, employees: 12, turnover: 1, balance_sheet_total: 1}
      projects: [{id: a, kind: advice, theme: other, cost: 1000, application_date: 2026-03-01,
                  provider_registered: true}]
    expect:
      - {project: a, measure: kmo-portefeuille, status: eligible, amount: 300}
"""


def test_test_command_pass_fail_and_filter(run_cli, tmp_path):
    cases = tmp_path / "x.cases.yaml"
    cases.write_text(CASES, encoding="utf-8")
    code, out, _ = run_cli("test", str(cases))
    assert code == 1
    assert out.splitlines() == [
        f"FAIL {cases}:9: fails",
        "  project 'a', measure 'kmo-portefeuille': status: expected eligible, got not_eligible",
        "  project 'a', measure 'kmo-portefeuille': amount: expected 300, got 0",
        "  project 'a', measure 'kmo-portefeuille': conditions that did not hold: theme-supported=false "
        "(project.kind = 'advice'; project.theme = 'other'; advice_themes = ['cybersecurity'])",
        "0 passed, 1 failed".replace("0 passed", "1 passed"),
    ]
    code, out, _ = run_cli("test", str(cases), "-k", "PASS", "-v")
    assert (code, out.splitlines()) == (0, [f"PASS {cases}:2: passes", "1 passed, 0 failed"])


def test_python_dash_m_engine_runs_as_a_process():
    done = subprocess.run(
        [sys.executable, "-m", "engine", "evaluate", EXAMPLE, "--format", "json", "--as-of", "2026-11-29"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["totals"]["amount"] == 7500
    done = subprocess.run(
        [sys.executable, "-m", "engine", "evaluate", "-"],
        input="company: [\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("<stdin>:2:1: error:")


@pytest.mark.parametrize("command", ["evaluate", "explain", "batch", "diff", "ask"])
def test_an_iso_week_date_is_not_an_as_of_date(run_cli, command):
    # date.fromisoformat reads '2026-W53-7' as 2027-01-03; --as-of accepts YYYY-MM-DD only (issue 14)
    code, out, err = run_cli(command, "--as-of", "2026-W53-7", EXAMPLE)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == "Error: Invalid value for '--as-of': '2026-W53-7' is not a date written YYYY-MM-DD"


def test_a_command_imports_only_its_own_module_of_the_cli():
    """The group loads a command's module when that command runs: 'evaluate' does not import the other eight."""
    script = (
        "import contextlib, io, sys\n"
        "from engine.cli.app import exit_code\n"
        "sys.argv = ['subsidie', 'evaluate', 'examples/profiles/small-it-firm.yaml']\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = exit_code()\n"
        "print(code, sorted(m for m in sys.modules if m.startswith('engine.cli')))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SUBSIDIE_NO_CACHE": "1"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.stdout == "0 ['engine.cli', 'engine.cli.app', 'engine.cli.evaluate', 'engine.cli.options']\n"


def test_an_expression_broken_after_a_warm_cache_is_reported_where_it_stands(run_cli, tmp_path, monkeypatch):
    """The rules cache compiles expressions on their first use; a changed rule file misses it, so evaluate
    reports a bad expression at its line and column, as validate does."""
    monkeypatch.setenv("SUBSIDIE_CACHE_DIR", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    for _ in range(2):  # a miss writes the cache, then a warm start
        code, out, err = run_cli("evaluate", EXAMPLE, "--rules", str(rules), "--as-of", "2026-11-29")
        assert (code, err) == (0, "") and "EUR 7,500.00" in out
    path = rules / "kmo-portefeuille.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    when: project.provider_registered == true\n" in text
    path.write_text(text.replace("provider_registered == true", "provider_registerd == true"), encoding="utf-8")
    where = f"{path}:218:11: error: unknown profile field 'project.provider_registerd'"
    code, _, err = run_cli("evaluate", EXAMPLE, "--rules", str(rules), "--as-of", "2026-11-29")
    assert code == 2 and err.startswith(where)
    code, _, err = run_cli("validate", "--rules", str(rules))
    assert code == 1 and err.startswith(where)
