"""Profiles that are well-formed YAML but wrong, through every command that reads profiles.

One table (``MISTAKES``): an unknown key (with a "did you mean"), an enterprise number with a
wrong check digit, a project id used twice, an application date before the company was founded.
Each is written into a profile file (``evaluate``), an inline case profile (``test``), a JSONL row
and, where a CSV row can hold it, a CSV row (``batch``). The diagnostic must name the exact
place, found by plain string search in the input; every run ends within 2 s and 200 MB, with the
documented exit code and no traceback.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

import pytest

from .conftest import Engine
from .harness import assert_contained, position

PROFILE = """\
company:
  name: Acme BV
  enterprise_number: "0566.988.259"
  legal_form: bv
  founded: 2016-03-01
  region: flanders
  employees: 12
  turnover: 1800000
  balance_sheet_total: 900000
projects:
  - id: audit
    kind: advice
    theme: cybersecurity
    cost: 10000
    application_date: 2026-03-01
    provider_registered: true
  - id: course
    kind: training
    theme: cybersecurity
    cost: 2000
    application_date: 2026-04-01
    provider_registered: true
"""

JSONL = json.dumps(
    {
        "company": {
            "name": "Acme BV",
            "enterprise_number": "0566.988.259",
            "legal_form": "bv",
            "founded": "2016-03-01",
            "region": "flanders",
            "employees": 12,
            "turnover": 1800000,
            "balance_sheet_total": 900000,
        },
        "projects": [
            {
                "id": "audit",
                "kind": "advice",
                "theme": "cybersecurity",
                "cost": 10000,
                "application_date": "2026-03-01",
                "provider_registered": True,
            },
            {
                "id": "course",
                "kind": "training",
                "theme": "cybersecurity",
                "cost": 2000,
                "application_date": "2026-04-01",
                "provider_registered": True,
            },
        ],
    }
)

CSV_HEADER = (
    "project.id,company.enterprise_number,company.legal_form,company.founded,company.region,"
    "company.employees,company.turnover,company.balance_sheet_total,project.kind,project.theme,"
    "project.cost,project.application_date,project.provider_registered"
)
CSV_ROW = "audit,0566.988.259,bv,2016-03-01,flanders,12,1800000,900000,advice,cybersecurity,10000,2026-03-01,true"

KBO_HINT = (
    "copy the number from the KBO (Crossroads Bank for Enterprises); the last two digits are 97 minus the "
    "first eight modulo 97"
)


@dataclass(frozen=True)
class Mistake:
    """A mistake made in each form of profile: (old, new) per form, the diagnostic's code and message,
    and the text (``at``) where it must point; None for a form that cannot hold the mistake."""

    name: str
    yaml: tuple[str, str]
    json: tuple[str, str]
    csv: tuple[str, str] | None
    code: str
    message: str
    hint: str | None
    at: str
    json_field: str  # the field a batch error row names


MISTAKES = [
    Mistake(
        "unknown-company-key",
        ("  employees: 12", "  employes: 12"),
        ('"employees": 12', '"employes": 12'),
        None,
        "unknown-key",
        "unknown key 'employes'",
        "did you mean 'employees'?",
        "employes",
        "company.employes",
    ),
    Mistake(
        "unknown-project-key",
        ("    theme: cybersecurity\n    cost: 10000", "    thema: cybersecurity\n    cost: 10000"),
        ('"theme": "cybersecurity", "cost": 10000', '"thema": "cybersecurity", "cost": 10000'),
        None,
        "unknown-key",
        "unknown key 'thema'",
        "did you mean 'theme'?",
        "thema",
        "projects[0].thema",
    ),
    Mistake(
        "enterprise-number-check-digit",
        ('"0566.988.259"', '"0566.988.295"'),
        ('"0566.988.259"', '"0566.988.295"'),
        ("0566.988.259", "0566.988.295"),
        "kbo-check",
        "the enterprise number '0566.988.295' has the wrong check digits: expected 59, found 95",
        KBO_HINT,
        '"0566.988.295"',
        "company.enterprise_number",
    ),
    Mistake(
        "project-id-used-twice",
        ("  - id: course", "  - id: audit"),
        ('"id": "course"', '"id": "audit"'),
        None,
        "duplicate-project",
        "project id 'audit' is used twice (first by project 1)",
        "give every project its own id",
        "audit\n    kind: training",
        "projects[1].id",
    ),
    Mistake(
        "applied-before-founded",
        ("founded: 2016-03-01", "founded: 2026-03-15"),
        ('"founded": "2016-03-01"', '"founded": "2026-03-15"'),
        ("2016-03-01", "2026-03-15"),
        "application-before-founded",
        "the application date 2026-03-01 is before the company was founded (2026-03-15)",
        None,
        "2026-03-01",
        "projects[0].application_date",
    ),
]


def _edit(text: str, change: tuple[str, str]) -> str:
    old, new = change
    assert text.count(old) == 1, f"'{old}' must occur once"
    return text.replace(old, new)


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.name)
def test_evaluate_reports_the_mistake(mistake: Mistake, engine: Engine, tmp_path):
    text = _edit(PROFILE, mistake.yaml)
    (tmp_path / "profile.yaml").write_text(text, encoding="utf-8")
    run = engine("evaluate", "profile.yaml", cwd=tmp_path)
    assert_contained(run, 2)
    assert run.stdout == ""
    line, column = position(text, mistake.at)
    expected = [f"profile.yaml:{line}:{column}: error: {mistake.message} [{mistake.code}]"]
    expected += [f"  hint: {mistake.hint}"] if mistake.hint else []
    assert run.stderr.splitlines() == expected


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.name)
def test_test_reports_the_mistake_in_an_inline_case_profile(mistake: Mistake, engine: Engine, tmp_path):
    profile = "".join("      " + line + "\n" for line in PROFILE.splitlines())
    text = _edit(
        f"cases:\n  - name: acme\n    as_of: 2026-01-01\n    profile:\n{profile}",
        (mistake.yaml[0].replace("\n", "\n      "), mistake.yaml[1].replace("\n", "\n      ")),
    )
    (tmp_path / "acme.cases.yaml").write_text(text, encoding="utf-8")
    run = engine("test", "acme.cases.yaml", cwd=tmp_path)
    assert_contained(run, 1)
    line, column = position(text, mistake.at.replace("\n", "\n      "))
    assert run.stderr.splitlines()[0] == f"acme.cases.yaml:{line}:{column}: error: {mistake.message} [{mistake.code}]"
    assert run.stdout == "0 passed, 0 failed, 1 file problem(s)\n"


def _rows(path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.name)
def test_batch_jsonl_row_with_the_mistake_is_an_error_row(mistake: Mistake, engine: Engine, tmp_path):
    (tmp_path / "in.jsonl").write_text("\n".join([JSONL, _edit(JSONL, mistake.json), JSONL]) + "\n", encoding="utf-8")
    run = engine("batch", "in.jsonl", "-o", "out.csv", cwd=tmp_path)
    assert_contained(run, 1)
    rows = _rows(tmp_path / "out.csv")
    assert [(r["row"], r["error"]) for r in rows if r["error"]] == [
        ("2", f"{mistake.json_field}: {mistake.message}" + (f" (hint: {mistake.hint})" if mistake.hint else ""))
    ]
    assert sorted({r["row"] for r in rows if not r["error"]}) == ["1", "3"]


@pytest.mark.parametrize("mistake", [m for m in MISTAKES if m.csv], ids=lambda m: m.name)
def test_batch_csv_row_with_the_mistake_is_an_error_row(mistake: Mistake, engine: Engine, tmp_path):
    (tmp_path / "in.csv").write_text(
        "\n".join([CSV_HEADER, CSV_ROW, _edit(CSV_ROW, mistake.csv), CSV_ROW]) + "\n", encoding="utf-8"
    )
    run = engine("batch", "in.csv", "-o", "out.csv", cwd=tmp_path)
    assert_contained(run, 1)
    rows = _rows(tmp_path / "out.csv")
    column = mistake.json_field.replace("projects[0]", "project")
    assert [(r["row"], r["error"]) for r in rows if r["error"]] == [
        ("2", f"column '{column}': {mistake.message}" + (f" (hint: {mistake.hint})" if mistake.hint else ""))
    ]


def test_batch_csv_unknown_column_stops_the_run_with_a_did_you_mean(engine: Engine, tmp_path):
    header = CSV_HEADER.replace("company.employees", "company.employes")
    (tmp_path / "in.csv").write_text(header + "\n" + CSV_ROW + "\n", encoding="utf-8")
    run = engine("batch", "in.csv", "-o", "out.csv", cwd=tmp_path)
    assert_contained(run, 2)
    assert run.stderr.splitlines() == [
        "in.csv:1:6: error: unknown column 'company.employes' [unknown-column]",
        "  hint: did you mean 'company.employees'?",
    ]
    assert not (tmp_path / "out.csv").exists()
