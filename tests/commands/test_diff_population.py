"""`subsidie diff --profiles FILE.csv`: what a rule change costs over a population of companies (issue 18)."""

from __future__ import annotations

import copy
import csv
import datetime as _dt
import json
import shutil

import pytest
import yaml

from engine.diff.population import compare_population, untouched_kinds
from engine.diff.tally import MAX_ERRORS
from engine.load.ruleset import digest, load_rules

from ..adversarial.test_injection import HOSTILE_ID, SHOWN
from ..conftest import EXAMPLES, RULES
from .test_diff import changed_copy

AS_OF = "2026-11-29"


def company(employees, turnover, balance_sheet_total, **more):
    return {
        "legal_form": "bv",
        "region": "flanders",
        "employees": employees,
        "turnover": turnover,
        "balance_sheet_total": balance_sheet_total,
        **more,
    }


SMALL = company(12, 1_800_000, 900_000)
MICRO = company(3, 300_000, 200_000)
MEDIUM = company(60, 12_000_000, 8_000_000)
LARGE = company(300, 80_000_000, 60_000_000)


def profile(firm, kind, theme, cost, day, aid=None, **more):
    project = {"kind": kind, "theme": theme, "cost": cost, "application_date": day, "provider_registered": True}
    data = {"company": firm, "projects": [{**project, **more}]}
    if aid:
        data["aid_received"] = aid
    return data


# One company with one project a row; the comments give what the shipped rules decide (the base).
ROWS = [
    profile(SMALL, "advice", "cybersecurity", 10000, "2026-03-02"),  # kmo 45% raised = 4,500
    profile(MICRO, "training", "cybersecurity", 8000, "2026-05-04"),  # kmo 45% = 3,600
    profile(MEDIUM, "advice", "cybersecurity", 10000, "2026-03-02"),  # kmo 35% = 3,500
    profile(SMALL, "advice", "cybersecurity", 10000, "2025-06-02"),  # kmo 45% = 4,500
    profile(  # kmo 45% of 20,000 = 9,000, capped at the yearly EUR 7,500 less 2,000 received in 2026: 5,500
        SMALL,
        "training",
        "cybersecurity",
        20000,
        "2026-04-01",
        aid=[{"date": "2026-01-15", "amount": 2000, "measure": "kmo-portefeuille"}],
    ),
    profile({**SMALL, "region": "vlaanderen"}, "advice", "cybersecurity", 5000, "2026-03-02"),  # a bad row
    profile(LARGE, "advice", "cybersecurity", 10000, "2026-03-02"),  # kmo not eligible: not an SME
    profile(MICRO, "advice", "other", 6000, "2026-03-02"),  # kmo not eligible: advice only on cybersecurity
    profile(SMALL, "training", "other", 800, "2026-03-02"),  # kmo 30% standard = 240
    profile(SMALL, "development", "cybersecurity", 100000, "2026-03-02", collaboration=True),  # 50% = 50,000
]
ERROR = (
    "column 'company.region': the text 'vlaanderen' is not allowed here; expected one of: flanders, brussels, "
    "wallonia, abroad (hint: did you mean 'flanders'?)"
)


def _cell(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value) if isinstance(value, list) else str(value)


def write_csv(path, rows):
    """The rows as `subsidie batch` reads a CSV: dotted profile paths, the project id left to the row number."""
    flat = []
    for data in rows:
        cells = {f"company.{key}": _cell(value) for key, value in data["company"].items()}
        cells.update({f"project.{key}": _cell(value) for key, value in data["projects"][0].items()})
        if "aid_received" in data:
            cells["aid_received"] = _cell(data["aid_received"])
        flat.append(cells)
    columns = sorted({column for cells in flat for column in cells})
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows([cells.get(column, "") for column in columns] for cells in flat)
    return path


def write_jsonl(path, rows):
    """The rows as JSONL, one profile a line, each project named as a CSV row's would be (row-N)."""
    lines = []
    for number, data in enumerate(rows, 1):
        data = copy.deepcopy(data)
        data["projects"][0]["id"] = f"row-{number}"
        lines.append(json.dumps(data))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def diff(run_cli, current, source, *extra, expect=2):
    code, out, err = run_cli(
        "diff", "--base", str(RULES), "--rules", str(current), "--profiles", str(source), "--as-of", AS_OF, *extra
    )
    assert code == expect, err
    return out, err


def diff_json(run_cli, current, source, *extra, expect=2):
    out, err = diff(run_cli, current, source, "--format", "json", *extra, expect=expect)
    assert err == ""
    return json.loads(out)


def totals(before, after):
    return {"before": before, "after": after, "difference": after - before}


def counts(changed=0, newly=0, no_longer=0):
    return {"changed": changed, "newly_eligible": newly, "no_longer_eligible": no_longer, "undetermined": 0}


@pytest.fixture(scope="module")
def one_rate(tmp_path_factory):
    """The shipped rules with one rate changed: kmo-portefeuille's raised rate for micro and small firms 45% ->
    50% from 2026-01-01 (tests/commands/test_diff.py)."""
    return changed_copy(tmp_path_factory.mktemp("one-rate") / "rules")


@pytest.fixture(scope="module")
def reform(tmp_path_factory):
    """The shipped rules where kmo-portefeuille supports advice on any theme again from 2026-02-01, and a training
    must cost at least EUR 1,000 (instead of 100)."""
    target = tmp_path_factory.mktemp("reform") / "rules"
    shutil.copytree(RULES, target)
    path = target / "kmo-portefeuille.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in (
        (
            "      - from: 2026-02-01\n        value: [cybersecurity]\n",
            "      - from: 2026-02-01\n        value: [cybersecurity, other]\n",
        ),
        ("      - from: 2016-04-01\n        value: 100\n", "      - from: 2016-04-01\n        value: 1000\n"),
    ):
        assert text.count(old) == 1
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return target


@pytest.mark.parametrize("form", ["csv", "jsonl"])
def test_one_rate_change_over_a_population_gives_exact_figures(run_cli, tmp_path, one_rate, form):
    source = (write_csv if form == "csv" else write_jsonl)(tmp_path / f"companies.{form}", ROWS)
    report = diff_json(run_cli, one_rate, source)
    name = f"{source}:row " if form == "csv" else f"{source}:"
    assert report["base"] == {"rules": str(RULES), "rules_digest": digest(RULES)}
    assert report["current"] == {"rules_digest": digest(one_rate)}
    assert (report["as_of"], report["input"]) == (AS_OF, str(source))
    # 10 rows, one bad; 8 kmo-portefeuille results, and the development project's three (two of them info)
    assert (report["rows"], report["companies"], report["projects"], report["results"]) == (10, 9, 9, 11)
    assert report["affected"] == {"companies": 3, "projects": 3}
    assert report["counts"] == {**counts(changed=3), "not_in_force": 0}
    # before: 4,500 + 3,600 + 3,500 + 4,500 + 5,500 + 0 + 0 + 240 + 50,000; after: 500 more for row 1, 400 for row 2
    assert report["totals"] == totals(71840, 72740)
    assert report["by_measure"] == [
        {"measure": "digital-europe", "results": 1, "counts": counts(), "totals": totals(0, 0)},
        {"measure": "horizon-europe", "results": 1, "counts": counts(), "totals": totals(0, 0)},
        {"measure": "kmo-portefeuille", "results": 8, "counts": counts(changed=3), "totals": totals(21840, 22740)},
        {"measure": "ontwikkelingsproject", "results": 1, "counts": counts(), "totals": totals(50000, 50000)},
    ]
    assert report["by_size"] == [
        {"size": "micro", "companies": 2, "affected": 1, "totals": totals(3600, 4000)},  # rows 2, 8
        {"size": "small", "companies": 5, "affected": 2, "totals": totals(64740, 65240)},  # rows 1, 4, 5, 9, 10
        {"size": "medium", "companies": 1, "affected": 0, "totals": totals(3500, 3500)},  # row 3
        {"size": "large", "companies": 1, "affected": 0, "totals": totals(0, 0)},  # row 7
    ]
    assert [
        (c["row"], c["profile"], c["project"], c["measure"], c["size"], c["before"], c["after"], c["difference"])
        for c in report["largest_changes"]
    ] == [
        (1, f"{name}1", "row-1", "kmo-portefeuille", "small", *outcomes((45, 4500), (50, 5000)), 500),
        (2, f"{name}2", "row-2", "kmo-portefeuille", "micro", *outcomes((45, 3600), (50, 4000)), 400),
        # 50% of 20,000 is still over what the yearly cap leaves: only the rate changed
        (5, f"{name}5", "row-5", "kmo-portefeuille", "small", *outcomes((45, 5500), (50, 5500)), 0),
    ]
    assert report["largest_changes_left_out"] == 0
    expected_error = ERROR if form == "csv" else ERROR.replace("column 'company.region'", "company.region")
    assert (report["error_rows"], report["errors"]) == (1, [{"row": 6, "error": expected_error}])
    assert (report["effect_dates"], report["effect_dates_left_out"]) == (["2026-01-01"], [])


def outcomes(before, after):
    return [{"status": "eligible", "rate": rate, "amount": amount} for rate, amount in (before, after)]


def test_a_jsonl_profile_with_three_projects(run_cli, tmp_path, one_rate):
    profile = yaml.safe_load((EXAMPLES / "small-it-firm.yaml").read_text(encoding="utf-8"))
    source = tmp_path / "companies.jsonl"
    source.write_text(json.dumps(profile, default=str) + "\n", encoding="utf-8")
    report = diff_json(run_cli, one_rate, source, expect=0)
    # as in test_diff.py: the audit gets 50% of 10,000, which leaves 2,500 of the yearly cap for the training;
    # advice on 'other' is not supported in 2026 either way
    assert (report["companies"], report["projects"], report["affected"]) == (1, 3, {"companies": 1, "projects": 2})
    assert report["counts"]["changed"] == 2
    assert report["totals"] == totals(7500, 7500)
    assert [(c["project"], c["difference"]) for c in report["largest_changes"]] == [
        ("cyber-audit", 500),
        ("security-training", -500),
    ]


def test_newly_and_no_longer_eligible(run_cli, tmp_path, reform):
    source = write_csv(tmp_path / "companies.csv", ROWS)
    report = diff_json(run_cli, reform, source, "--top", "1")
    # row 8: micro advice on 'other' becomes eligible (30% of 6,000); row 9: a training of EUR 800 no longer is
    assert report["counts"] == {**counts(changed=2, newly=1, no_longer=1), "not_in_force": 0}
    assert report["totals"] == totals(71840, 71840 + 1800 - 240)
    kmo = next(m for m in report["by_measure"] if m["measure"] == "kmo-portefeuille")
    assert kmo == {
        "measure": "kmo-portefeuille",
        "results": 8,
        "counts": counts(changed=2, newly=1, no_longer=1),
        "totals": totals(21840, 21840 + 1800 - 240),
    }
    sizes = {s["size"]: (s["affected"], s["totals"]["difference"]) for s in report["by_size"]}
    assert sizes == {"micro": (1, 1800), "small": (1, -240), "medium": (0, 0), "large": (0, 0)}
    [largest] = report["largest_changes"]  # --top 1
    assert (largest["row"], largest["before"]["status"], largest["after"], largest["difference"]) == (
        8,
        "not_eligible",
        {"status": "eligible", "rate": 30, "amount": 1800},
        1800,
    )
    assert report["largest_changes_left_out"] == 1


def many_rows(count):
    """``count`` rows cycling through ROWS with their costs varied, so that changes differ in size."""
    rows = []
    for index in range(count):
        data = copy.deepcopy(ROWS[index % len(ROWS)])
        data["projects"][0]["cost"] += index % 97
        rows.append(data)
    return rows


def test_two_jobs_give_the_same_report_as_one(run_cli, tmp_path, one_rate):
    source = write_csv(tmp_path / "companies.csv", many_rows(1_300))  # five chunks of rows, 130 bad rows
    one = diff_json(run_cli, one_rate, source, "--top", "7")
    two = diff_json(run_cli, one_rate, source, "--top", "7", "--jobs", "2")
    assert one == two
    assert (one["rows"], one["error_rows"]) == (1_300, 130)
    assert [e["row"] for e in one["errors"]] == list(range(6, 1_000, 10))  # the first MAX_ERRORS, across chunks
    assert len(one["largest_changes"]) == 7
    assert one["largest_changes_left_out"] == one["counts"]["changed"] - 7
    differences = [abs(c["difference"]) for c in one["largest_changes"]]
    assert differences == sorted(differences, reverse=True)
    for fmt in ("text", "markdown"):
        assert (
            diff(run_cli, one_rate, source, "--format", fmt)[0]
            == diff(run_cli, one_rate, source, "--format", fmt, "--jobs", "2")[0]
        )


def test_errors_are_counted_all_and_listed_to_a_bound(tmp_path, one_rate):
    bad = profile({**SMALL, "region": "vlaanderen"}, "advice", "cybersecurity", 5000, "2026-03-02")
    source = write_csv(tmp_path / "companies.csv", [bad] * (MAX_ERRORS + 20) + ROWS[:1])
    tally = compare_population(load_rules(RULES), load_rules(one_rate), source, _dt.date(2026, 11, 29))
    assert (tally.rows, tally.error_rows, tally.companies, tally.changed) == (MAX_ERRORS + 21, MAX_ERRORS + 20, 1, 1)
    assert [row for row, _ in tally.errors] == list(range(1, MAX_ERRORS + 1))


def test_rows_of_untouched_kinds_are_evaluated_once_with_the_same_figures(tmp_path, one_rate):
    base, current = load_rules(RULES), load_rules(one_rate)
    kinds = untouched_kinds(base, current)
    # kmo-portefeuille applies to advice and training; every other measure's file is the same
    assert "advice" not in kinds and "training" not in kinds and "development" in kinds
    assert untouched_kinds(base, base) == frozenset(k for m in base.measures.values() for k in m.applies_to)
    source = write_csv(tmp_path / "companies.csv", many_rows(300))
    day = _dt.date(2026, 11, 29)
    assert compare_population(base, current, source, day) == compare_population(
        base, current, source, day, skip_untouched=False
    )


def test_a_changed_facts_file_touches_every_kind(tmp_path):
    changed = tmp_path / "rules"
    shutil.copytree(RULES, changed)
    path = changed / "facts" / "de-minimis.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert untouched_kinds(load_rules(RULES), load_rules(changed)) == frozenset()


def test_text_report_in_dutch_and_markdown(run_cli, tmp_path, one_rate):
    source = write_csv(tmp_path / "companies.csv", ROWS)
    out, err = diff(run_cli, one_rate, source, "--lang", "nl")
    lines = out.splitlines()
    assert err == ""
    assert lines[1:4] == [
        f"Populatie {source}: 10 rijen (1 met fouten), 9 ondernemingen berekend (9 projecten, 11 resultaten)",
        "Geraakt: 3 ondernemingen en 3 projecten; 3 resultaten gewijzigd: 0 nieuw in aanmerking, 0 niet meer in "
        "aanmerking, 0 nieuw onbepaald",
        "Totaal aanbevolen: EUR 71.840,00 → EUR 72.740,00 (+EUR 900,00)",
    ]
    assert "Per maatregel:" in lines and "Per grootte van de onderneming:" in lines
    assert "  micro                2        1   EUR 3.600,00   EUR 4.000,00  +EUR 400,00" in lines
    assert "Rijen met fouten (1):" in lines
    out, _ = diff(run_cli, one_rate, source, "--format", "markdown", "--lang", "en")
    lines = out.splitlines()
    assert lines[0] == "## Rule change impact"
    assert "| `kmo-portefeuille` | 8 | 3 | 0 | 0 | EUR 21,840.00 | EUR 22,740.00 | +EUR 900.00 |" in lines
    assert "| small | 5 | 2 | EUR 64,740.00 | EUR 65,240.00 | +EUR 500.00 |" in lines
    assert (
        "| 1 | `row-1` | `kmo-portefeuille` | small | eligible 45% EUR 4,500.00 | eligible 50% EUR 5,000.00 "
        "| +EUR 500.00 |"
    ) in lines
    assert "### Rows with errors (1)" in lines


def test_progress_goes_to_standard_error_only(run_cli, tmp_path, one_rate, monkeypatch):
    monkeypatch.setattr("engine.cli.progress.monotonic", iter(range(0, 10_000, 1)).__next__)
    source = write_csv(tmp_path / "companies.csv", many_rows(600))
    plain, err = diff(run_cli, one_rate, source, "--format", "json")
    assert err == ""  # standard error is no terminal here: no bar unless asked for
    shown, err = diff(run_cli, one_rate, source, "--format", "json", "--progress")
    assert shown == plain
    assert "[" in err and "of 600 rows" in err and err.endswith("\r")
    assert diff(run_cli, one_rate, source, "--format", "json", "--no-progress")[1] == ""


def test_exit_codes_and_usage(run_cli, tmp_path, one_rate):
    good = write_csv(tmp_path / "good.csv", ROWS[:2])
    code, out, err = run_cli("diff", "--base", str(RULES), "--rules", str(one_rate), "--profiles", str(good))
    assert (code, err) == (0, "")
    code, _, _ = run_cli(
        "diff", "--base", str(RULES), "--rules", str(one_rate), "--profiles", str(good), "--fail-on-change"
    )
    assert code == 1
    code, out, err = run_cli("diff", "--base", str(RULES), str(good), str(EXAMPLES / "small-it-firm.yaml"))
    assert (code, out) == (2, "")
    assert err.startswith("error: a CSV or JSONL file of companies is compared on its own")
    code, out, err = run_cli("diff", "--base", str(RULES), str(EXAMPLES), "--jobs", "2")
    assert (code, out, err) == (
        2,
        "",
        "error: --jobs applies to a CSV or JSONL file of companies (--profiles FILE.csv)\n",
    )
    code, _, err = run_cli("diff", "--base", str(RULES), str(EXAMPLES), "--top", "3", "--lang", "nl")
    assert (code, err) == (
        2,
        "fout: --top geldt voor een CSV- of JSONL-bestand met ondernemingen (--profiles BESTAND.csv)\n",
    )
    header = tmp_path / "header.csv"
    header.write_text("company.employes\n3\n", encoding="utf-8")
    code, out, err = run_cli("diff", "--base", str(RULES), str(header))
    assert (code, out) == (2, "")
    assert "unknown column 'company.employes'" in err


def test_a_hostile_project_id_and_error_stay_inert(run_cli, tmp_path, one_rate):
    hostile = copy.deepcopy(ROWS[0])
    hostile["projects"][0]["id"] = HOSTILE_ID
    bad = copy.deepcopy(ROWS[5])
    bad["projects"][0]["id"] = "x"
    bad["company"]["region"] = HOSTILE_ID
    source = tmp_path / "companies.jsonl"
    source.write_text("\n".join(json.dumps(data) for data in (hostile, bad)) + "\n", encoding="utf-8")
    markdown, _ = diff(run_cli, one_rate, source, "--format", "markdown", "--lang", "en")
    text, _ = diff(run_cli, one_rate, source, "--lang", "en")
    for output in (markdown, text):
        assert "\x1b" not in output and "\r" not in output
        for line in output.splitlines():
            assert not line.lstrip().startswith(("::", "## Approved", "![", "<!--")), line
    assert (
        f"| 1 | `{SHOWN}` | `kmo-portefeuille` | small | eligible 45% EUR 4,500.00 | eligible 50% EUR 5,000.00 "
        "| +EUR 500.00 |"
    ) in markdown.splitlines()
    assert f"       +EUR 500.00  {source}:1  {SHOWN}  kmo-portefeuille: eligible 45% EUR 4,500.00 → " in text
