"""Rule sets and profiles each within the file limits whose work together was unbounded (issue 14, item 3).

Conditions that read the aid history many times, thousands of conditions, a case or profile with
thousands of aid entries: each run ends within the suite's 2 s of CPU and 200 MB, either with its
answer or stopped by the evaluation budget (engine/evaluate/budget.py) with its message and exit 2.
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

from engine.evaluate.budget import COMMAND_STEPS, PROFILE_STEPS

from .conftest import Engine
from .harness import assert_contained

COMPANY = "{legal_form: bv, region: flanders, employees: 12, turnover: 1800000, balance_sheet_total: 900000}"
PROJECT = (
    "{id: p, kind: advice, theme: cybersecurity, cost: 10000, application_date: 2026-03-01, "
    "start_date: 2026-02-26, provider_registered: true}"
)
LIMIT_EN = (
    "error: the evaluation stopped: it needs more than the {steps} steps of work {what} may take "
    "(the rules and the profile are too large together: fewer projects, aid entries or conditions)"
)
LIMIT_NL = (
    "error: de evaluatie is gestopt: ze vraagt meer dan de {steps} stappen werk die {what} mag kosten "
    "(de regels en het profiel zijn samen te groot: minder projecten, steunbedragen of voorwaarden)"
)
MANY_READS = "max(" + ", ".join(["aid_total()"] * 130) + ") >= 0"


def add_conditions(rules: Path, whens: list[str]) -> None:
    """Add conditions to kmo-portefeuille, after its last one: shared conditions (``- use: hN``) defined in facts
    files of 1,500 each, since 4,500 conditions with their text and source in one file would pass the 50,000
    values a file may hold."""
    for start in range(0, len(whens), 1500):
        defined = "".join(
            f"  - id: h{i}\n    when: '{w}'\n    text: {{nl: x, en: x}}\n    source: https://x.org\n"
            for i, w in enumerate(whens[start : start + 1500], start)
        )
        (rules / "facts" / f"extra-{start}.yaml").write_text(
            f"id: extra-{start}\ntitle: {{nl: x, en: x}}\nsources: [https://x.org]\nconditions:\n{defined}",
            encoding="utf-8",
        )
    measure = rules / "kmo-portefeuille.yaml"
    extra = "".join(f"  - use: h{i}\n" for i in range(len(whens)))
    text = measure.read_text(encoding="utf-8")
    measure.write_text(
        text.replace("  - use: de-minimis-ceiling\nreminders:", "  - use: de-minimis-ceiling\n" + extra + "reminders:"),
        encoding="utf-8",
    )


def _aid(entries: int, indent: str) -> str:
    first = _dt.date(2019, 1, 1)
    return "\n".join(
        f"{indent}- {{date: {first + _dt.timedelta(days=i % 2500)}, amount: {1 + i % 50}}}" for i in range(entries)
    )


def _case_file(rules: Path, cases: int, entries: int) -> Path:
    """``cases`` cases, each a profile with ``entries`` aid entries, expecting kmo-portefeuille to be eligible."""
    one = (
        "  - name: big{n}\n    profile:\n      company: " + COMPANY + "\n      aid_received:\n"
        + _aid(entries, "        ")
        + "\n      projects:\n        - " + PROJECT
        + "\n    expect:\n      - {project: p, measure: kmo-portefeuille, status: eligible}\n"
    )  # fmt: skip
    path = rules / "kmo-portefeuille.cases.yaml"
    path.write_text("cases:\n" + "".join(one.replace("{n}", str(n)) for n in range(cases)), encoding="utf-8")
    return path


def test_a_case_of_7000_aid_entries_read_13000_times_is_tested_within_the_bounds(engine: Engine, rule_copy, tmp_path):
    """100 conditions of max(aid_total(), ... 130 times): 14 s of CPU when every read scanned the history."""
    rules = rule_copy()
    add_conditions(rules, [MANY_READS] * 100)
    _case_file(rules, 1, 7000)
    run = engine("test", "--rules", str(rules), cwd=tmp_path)
    assert_contained(run, 0)
    assert run.stdout.splitlines()[-1] == "1 passed, 0 failed"


def test_cases_that_together_pass_the_commands_budget_stop_test(engine: Engine, rule_copy, tmp_path):
    rules = rule_copy()
    add_conditions(rules, [MANY_READS] * 100)
    path = _case_file(rules, 3, 2000)
    run = engine("test", "--rules", str(rules), cwd=tmp_path)
    assert_contained(run, 2)
    line = path.read_text(encoding="utf-8").splitlines().index("  - name: big2") + 1
    where = f"{path.relative_to(tmp_path)}:{line}: case 'big2': "
    assert run.stderr.splitlines() == [
        LIMIT_EN.format(steps=f"{COMMAND_STEPS:,}", what="one command").replace("error: ", "error: " + where, 1)
    ]
    assert run.stdout == ""


def test_explaining_13000_reads_of_7000_aid_entries_is_stopped(engine: Engine, rule_copy, tmp_path):
    """explain lists the grants each read counted: 91 million, had it gone on."""
    rules = rule_copy()
    add_conditions(rules, [MANY_READS] * 100)
    profile = tmp_path / "aid.yaml"
    profile.write_text(
        f"company: {COMPANY}\naid_received:\n{_aid(7000, '')}\nprojects:\n- {PROJECT}\n", encoding="utf-8"
    )
    run = engine("explain", str(profile), "--rules", str(rules), "--as-of", "2026-03-01", cwd=tmp_path)
    assert_contained(run, 2)
    assert run.stderr.splitlines() == [f"{profile}: " + LIMIT_EN.format(steps=f"{PROFILE_STEPS:,}", what="one profile")]
    assert run.stdout == ""


def _projects(profile: Path, count: int) -> None:
    projects = "".join(
        f"- {{id: p{i}, kind: advice, theme: cybersecurity, cost: 10000, provider_registered: true}}\n"
        for i in range(count)
    )
    profile.write_text(f"company: {COMPANY}\nprojects:\n{projects}", encoding="utf-8")


def test_4500_conditions_reading_the_aid_history_are_evaluated_within_the_bounds(engine: Engine, rule_copy, tmp_path):
    """4,500 conditions of aid_total() >= 0 took 3.5 s of CPU for the three projects of small-it-firm;
    a project is answered (1,000 are past a profile's budget: below)."""
    rules = rule_copy()
    add_conditions(rules, ["aid_total() >= 0"] * 4500)
    profile = tmp_path / "one.yaml"
    _projects(profile, 1)
    run = engine(
        "evaluate", str(profile), "--rules", str(rules), "--as-of", "2026-03-01", "--format", "json", cwd=tmp_path
    )
    assert_contained(run, 0)
    assert run.stdout.count('"holds": true') == 4500 + 9  # the added conditions and kmo-portefeuille's own


def test_4500_conditions_for_1000_projects_are_stopped_in_dutch_and_english(engine: Engine, rule_copy, tmp_path):
    rules = rule_copy()
    add_conditions(rules, ["aid_total() >= 0"] * 4500)
    profile = tmp_path / "many.yaml"
    _projects(profile, 1000)
    for lang, message, what in (("en", LIMIT_EN, "one profile"), ("nl", LIMIT_NL, "één profiel")):
        steps = f"{PROFILE_STEPS:,}".replace(",", "." if lang == "nl" else ",")
        run = engine(
            "evaluate", str(profile), "--rules", str(rules), "--as-of", "2026-03-01", "--lang", lang, cwd=tmp_path
        )
        assert_contained(run, 2)
        assert run.stderr.splitlines() == [f"{profile}: " + message.format(steps=steps, what=what)]
        assert run.stdout == ""


def test_a_corpus_that_passes_the_commands_budget_stops_diff(engine: Engine, rule_copy, tmp_path):
    """diff evaluates every profile of its corpus under both rule sets: 4,500 conditions for seven
    one-project profiles pass the current rules' budget for the command at the seventh."""
    base, current = rule_copy(), rule_copy()
    add_conditions(current, ["aid_total() >= 0"] * 4500)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(7):
        _projects(corpus / f"a{n}.yaml", 1)
    run = engine(
        "diff", "--base", str(base), "--rules", str(current), "--profiles", str(corpus), "--as-of", "2026-03-01"
    )
    assert_contained(run, 2)
    assert run.stdout.splitlines()[1].startswith("6 profiles evaluated (6 results); 0 changed")
    limit = LIMIT_EN.format(steps=f"{COMMAND_STEPS:,}", what="one command")
    assert run.stdout.splitlines()[-1] == limit.replace("error: ", f"error: {corpus / 'a6.yaml'}: ", 1)


def test_a_batch_row_past_a_profiles_budget_is_an_error_row(engine: Engine, rule_copy, tmp_path):
    rules = rule_copy()
    add_conditions(rules, ["aid_total() >= 0"] * 4500)
    company = {"legal_form": "bv", "region": "flanders", "employees": 12, "turnover": 1800000}
    company["balance_sheet_total"] = 900000
    project = {"kind": "advice", "theme": "cybersecurity", "cost": 10000, "provider_registered": True}
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        "\n".join(
            json.dumps({"company": company, "projects": [{"id": f"p{i}", **project} for i in range(count)]})
            for count in (1, 5)
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    run = engine("batch", str(rows), "-o", str(out), "--rules", str(rules), "--as-of", "2026-03-01", cwd=tmp_path)
    assert_contained(run, 1)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["row"], r["project"], r["status"], r["amount"]) for r in records] == [
        (1, "p0", "eligible", 4500),
        (2, None, None, None),
    ]
    limit = LIMIT_EN.format(steps=f"{PROFILE_STEPS:,}", what="one profile")
    assert records[1]["error"] == limit.removeprefix("error: ")
