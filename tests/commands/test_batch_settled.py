"""`batch` settles incomplete rows as `evaluate` settles a profile (issue 15): the same status, amount, `missing`
and `amount_range` for every (row, project, measure), from CSV and from JSONL.

The rows are the resilience corpus's good rows (every kind of project, companies with and without their
figures, aid histories) with one to three more facts left out, at seeded places."""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from .batch_corpus import COLUMNS, good_row, profile

AS_OF = "2026-03-01"
AS_OF_DATE = dt.date(2026, 3, 1)
COUNT = 70
LEFT_OUT = (
    "company.legal_form",
    "company.founded",
    "company.region",
    "company.employees",
    "company.turnover",
    "company.balance_sheet_total",
    "project.theme",
    "project.cost",
    "project.provider_registered",
    "project.provider_framework_contract",
    "project.collaboration",
    "project.consortium.research_organisation",
    "project.consortium.independent_companies",
)


def _rows() -> list[dict[str, str]]:
    rng = random.Random(15)
    rows = []
    for number in range(1, COUNT + 1):
        row = good_row(rng, number)
        given = [column for column in LEFT_OUT if row[column]]
        for column in rng.sample(given, min(len(given), rng.randint(1, 3))):
            row[column] = ""
        rows.append(row)
    return rows


def _fields(result: dict[str, Any]) -> tuple[Any, ...]:
    return (result["status"], result["amount"], result["missing"], result.get("amount_range"))


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from click.testing import CliRunner

    from engine.cli import main

    folder = tmp_path_factory.mktemp("settled-rows")
    rows = _rows()
    with (folder / "rows.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows([row[c] for c in COLUMNS] for row in rows)
    profiles = [profile(row, number) for number, row in enumerate(rows, 1)]
    (folder / "rows.jsonl").write_text("".join(json.dumps(p) + "\n" for p in profiles), encoding="utf-8")
    files = []
    for number, data in enumerate(profiles, 1):
        path = folder / f"row-{number:03d}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        files.append(str(path))
    runner = CliRunner()
    found: dict[str, Any] = {}
    for name in ("rows.csv", "rows.jsonl"):
        out = folder / f"{name}.out.jsonl"
        done = runner.invoke(main, ["batch", str(folder / name), "-o", str(out), "--as-of", AS_OF])
        assert done.exit_code == 0, done.output
        found[name] = [json.loads(line, parse_float=Decimal) for line in out.read_text(encoding="utf-8").splitlines()]
    done = runner.invoke(main, ["evaluate", *files, "--format", "json", "--as-of", AS_OF])
    assert done.exit_code == 0, done.output
    found["evaluate"] = json.loads(done.stdout, parse_float=Decimal)
    found["folder"] = folder
    return found


@pytest.mark.parametrize("name", ["rows.csv", "rows.jsonl"])
def test_batch_gives_exactly_what_evaluate_gives_for_incomplete_rows(runs: dict[str, Any], name: str):
    expected = [
        (number, result["project"], result["measure"], *_fields(result))
        for number, document in enumerate(runs["evaluate"], 1)
        for result in document["results"]
    ]
    assert [(r["row"], r["project"], r["measure"], *_fields(r)) for r in runs[name]] == expected


def test_the_rows_are_incomplete_and_settled_both_ways(runs: dict[str, Any], monkeypatch: pytest.MonkeyPatch):
    """The check above means something: many results are undetermined with a range, and others are settled
    although their row leaves out a fact they read (without the split they would be undetermined)."""
    from engine.batch import runner
    from engine.batch.reader import read_rows
    from engine.load.ruleset import load_rules

    from ..conftest import RULES

    rows = runs["rows.csv"]
    monkeypatch.setattr(runner, "BATCH_COMPLETIONS", 0)
    plain = list(runner.evaluate_rows(load_rules(RULES), read_rows(runs["folder"] / "rows.csv"), AS_OF_DATE))
    assert [(r.row, r.measure) for r in plain] == [(r["row"], r["measure"]) for r in rows]
    settled = [r for r, p in zip(rows, plain, strict=True) if p.status == "undetermined" != r["status"]]
    assert len(settled) >= 2
    undetermined = [r for r in rows if r["status"] == "undetermined"]
    assert len(undetermined) >= 10
    assert all(r["missing"] and r["amount_range"] is not None for r in undetermined)
    assert all(r["missing"] == [] and r["amount_range"] is None for r in rows if r["status"] != "undetermined")
    assert any(r["amount_range"]["max"] is not None and r["amount_range"]["max"] > 0 for r in undetermined)


def test_batch_keeps_the_bound_of_the_split(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The split of a batch row has evaluate's bounds: beyond them both leave the result as the evaluation found
    it, with the facts it met and an amount range without an upper bound."""
    from click.testing import CliRunner

    from engine.batch import runner
    from engine.cli import main
    from engine.evaluate import budget, groups

    assert runner.BATCH_COMPLETIONS == budget.MAX_COMPLETIONS
    monkeypatch.setattr(groups, "MAX_COMPLETIONS", 10)
    source = tmp_path / "rows.csv"
    source.write_text(
        "company.legal_form,company.region,company.turnover,project.kind,project.theme,project.provider_registered\n"
        "bv,flanders,20000000,advice,cybersecurity,true\n",
        encoding="utf-8",
    )
    runner_ = CliRunner()
    done = runner_.invoke(main, ["batch", str(source), "-o", str(tmp_path / "out.jsonl"), "--as-of", AS_OF])
    assert done.exit_code == 0, done.output
    (row,) = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (row["status"], row["missing"], row["amount_range"]) == (
        "undetermined",
        ["company.employees"],
        {"min": 0, "max": None},
    )
    profile = tmp_path / "row.json"
    profile.write_text(
        json.dumps(
            {
                "company": {"legal_form": "bv", "region": "flanders", "turnover": 20000000},
                "projects": [{"id": "row-1", "kind": "advice", "theme": "cybersecurity", "provider_registered": True}],
            }
        ),
        encoding="utf-8",
    )
    done = runner_.invoke(main, ["evaluate", str(profile), "--format", "json", "--as-of", AS_OF])
    (result,) = json.loads(done.stdout)["results"]
    assert _fields(result) == _fields(row)
