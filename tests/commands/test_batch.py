"""Batch evaluation (engine.batch): CSV and JSONL input, exact output rows, order with several
processes, no partial output after a failure, and streaming."""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import inspect
import io
import itertools
import json
import os
import signal
from decimal import Decimal

import pytest

from engine.batch.output import FIELDS, OutputRecord
from engine.batch.reader import read_rows
from engine.batch.rows import BatchInputError
from engine.batch.runner import BatchSummary, evaluate_rows, run_batch, write_output
from engine.load.profile import parse_profile
from engine.load.ruleset import load_rules

from ..conftest import RULES

AS_OF = _dt.date(2026, 1, 1)
LEGAL_FORMS = (
    "nv, bv, cv, vof, commv, esv, se, sce, vzw, ivzw, stichting, sole_trader, liberal_profession, "
    "maatschap, feitelijke_vereniging, public_body, foreign_company"
)

HEADER = (
    "company.legal_form,company.region,company.employees,company.turnover,company.balance_sheet_total,"
    "project.kind,project.theme,project.cost,project.application_date,project.provider_registered,aid_received"
)
# Row 1: a small bv in Flanders (12 AWU, EUR 1.8M turnover), cybersecurity advice of EUR 10,000 applied
#   2026-03-01 with a registered provider: kmo-portefeuille, raised rate for a small company 45%,
#   45% of 10,000 = 4,500.00, far below the 7,500 yearly cap.
# Row 2: legal form 'gmbh' is not a Belgian legal form: error row.
# Row 3: cost '10.000' (ten thousand with a thousands separator, or ten?): error row.
# Row 4: a medium bv (100 AWU, EUR 20M turnover, EUR 15M balance sheet), cybersecurity training of
#   EUR 30,000 applied 2026-05-10: raised medium rate 35%, 35% of 30,000 = 10,500, capped at the
#   yearly cap 7,500 minus the 2,000 kmo-portefeuille aid of 2026-02-01 = 5,500.00.
# Row 5: a small vzw, advice, provider not registered: not eligible, the legal form and the
#   provider fail; no rate, amount 0.00.
CSV_TEXT = (
    HEADER
    + """
bv,flanders,12,1800000,900000,advice,cybersecurity,10000,2026-03-01,yes,
gmbh,flanders,12,1800000,900000,advice,cybersecurity,10000,2026-03-01,yes,
bv,flanders,12,1800000,900000,advice,cybersecurity,10.000,2026-03-01,yes,
bv,flanders,100,20000000,15000000,training,cybersecurity,30000,2026-05-10,TRUE,"[{""date"": ""2026-02-01"", ""amount"": 2000, ""measure"": ""kmo-portefeuille""}]"
vzw,flanders,12,1800000,900000,advice,cybersecurity,10000,2026-03-01,No,
"""  # noqa: E501 - one CSV row a line
)

GMBH_MESSAGE = f"the text 'gmbh' is not allowed here; expected one of: {LEGAL_FORMS}"
COST_CSV_MESSAGE = (
    "column 'project.cost': '10.000' is ambiguous: 10000 written with a thousands separator, "
    "or 10 with three decimals (hint: write 10000 or 10, without thousands separators)"
)

EXPECTED_CSV = [
    ["row", "project", "measure", "status", "rate", "amount", "failed", "error", "missing", "amount_min", "amount_max"],
    ["1", "row-1", "kmo-portefeuille", "eligible", "45", "4500.00", "", "", "", "", ""],
    ["2", "", "", "", "", "", "", f"column 'company.legal_form': {GMBH_MESSAGE}", "", "", ""],
    ["3", "", "", "", "", "", "", COST_CSV_MESSAGE, "", "", ""],
    ["4", "row-4", "kmo-portefeuille", "eligible", "35", "5500.00", "", "", "", "", ""],
    ["5", "row-5", "kmo-portefeuille", "not_eligible", "", "0.00", "legal-form;provider-registered", "", "", "", ""],
]


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def small_bv(**project):
    return {
        "company": {
            "legal_form": "bv",
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
                **project,
            }
        ],
    }


def jsonl_profiles():
    good = small_bv()
    gmbh = small_bv()
    gmbh["company"]["legal_form"] = "gmbh"
    text_cost = small_bv(cost="10.000")
    medium = {
        "company": {
            "legal_form": "bv",
            "region": "flanders",
            "employees": 100,
            "turnover": 20000000,
            "balance_sheet_total": 15000000,
        },
        "aid_received": [{"date": "2026-02-01", "amount": 2000, "measure": "kmo-portefeuille"}],
        "projects": [
            {
                "id": "training",
                "kind": "training",
                "theme": "cybersecurity",
                "cost": 30000,
                "application_date": "2026-05-10",
                "provider_registered": True,
            }
        ],
    }
    vzw = small_bv(provider_registered=False)
    vzw["company"]["legal_form"] = "vzw"
    return [good, gmbh, text_cost, medium, vzw]


@pytest.fixture(scope="module")
def rules():
    return load_rules(RULES)


# --------------------------------------------------------------------------- CSV


def test_csv_rows_give_exact_results_and_error_rows(tmp_path, rules):
    source = tmp_path / "companies.csv"
    source.write_text(CSV_TEXT, encoding="utf-8")
    target = tmp_path / "results.csv"
    summary = run_batch(source, target, rules, AS_OF)
    assert read_csv(target) == EXPECTED_CSV
    assert (summary.rows, summary.failed_rows, summary.results) == (5, 2, 3)
    assert sorted(os.listdir(tmp_path)) == ["companies.csv", "results.csv"]


def test_csv_row_diagnostics_name_the_input_row_and_the_column(tmp_path):
    source = tmp_path / "companies.csv"
    source.write_text(CSV_TEXT, encoding="utf-8")
    rows = list(read_rows(source))
    assert [(number, name.removeprefix(str(source)), data is None) for number, name, data, _ in rows] == [
        (1, ":row 1", False),
        (2, ":row 2", True),
        (3, ":row 3", True),
        (4, ":row 4", False),
        (5, ":row 5", False),
    ]
    (gmbh,) = rows[1][3]
    assert (gmbh.file, gmbh.column, gmbh.code) == (f"{source}:row 2", 1, "schema-enum")
    assert gmbh.message == f"column 'company.legal_form': {GMBH_MESSAGE}"
    (cost,) = rows[2][3]
    assert (cost.column, cost.code) == (8, "schema-type")
    # Cells become the schema's types; the profile is completed with its defaults like a profile file.
    data = rows[3][2]
    assert data["company"]["employees"] == Decimal("100")
    assert data["projects"][0]["application_date"] == _dt.date(2026, 5, 10)
    assert data["projects"][0]["provider_registered"] is True
    assert data["aid_received"] == [
        {"date": _dt.date(2026, 2, 1), "amount": 2000, "measure": "kmo-portefeuille", "de_minimis": True}
    ]
    assert data["company"]["public_participation"] == 0
    assert rows[4][2]["projects"][0]["provider_registered"] is False


def test_csv_cell_conversions_and_their_errors(tmp_path, rules):
    source = tmp_path / "in.csv"
    source.write_text(
        "project.id;company.legal_form;project.kind;project.cost;project.provider_registered;aid_received;"
        "project.consortium.independent_companies;project.application_date\n"
        "a;bv;advice;10.000,5;maybe;[1;2.5;13/09/2026\n"
        ';bv;advice;-5;1;[{"date": "2025-01-01", "amount": 1, "amount": 2}];;\n'
        "c;bv;advice;1e3;0;;;\n"
        "\n"
        "d;b v;advice;100;;;3;2026-13-01;extra\n",
        encoding="utf-8",
    )
    rows = list(read_rows(source))
    assert [r[0] for r in rows] == [1, 2, 3, 5]  # the blank record 4 is skipped, the numbering kept
    messages = {number: [d.message for d in diagnostics] for number, _, _, diagnostics in rows}
    assert messages[1] == [
        "column 'project.cost': expected a number but found the text '10.000,5'",
        "column 'project.provider_registered': expected true or false but found the text 'maybe'",
        "column 'aid_received': not valid JSON: Expecting ',' delimiter",
        "column 'project.consortium.independent_companies': expected a whole number but found the text '2.5'",
        "column 'project.application_date': the text '13/09/2026' is not a valid date",
    ]
    assert (
        rows[0][3][0].hint == "write numbers without thousands separators or spaces, with a dot for decimals: 12500.50"
    )
    assert messages[2] == [
        "column 'project.cost': must be at least 0, found -5",
        "column 'aid_received': not valid JSON: the key 'amount' appears twice",
    ]
    assert messages[3] == []
    assert rows[2][2]["projects"][0] == {
        "id": "c",
        "kind": "advice",
        "cost": Decimal("1E+3"),
        "provider_registered": False,
        "collaboration": False,
        "development_cost": 0,
    }
    assert messages[5] == ["the row has 9 cells but the header has 8 columns"]


def test_empty_cells_are_absent_facts_and_the_project_id_defaults_to_the_row(tmp_path, rules):
    source = tmp_path / "in.csv"
    source.write_text(
        "project.id,company.legal_form,company.region,company.employees,company.turnover,"
        "company.balance_sheet_total,project.kind,project.theme,project.cost,project.application_date,"
        "project.provider_registered\n"
        ",bv,flanders,12,1800000,900000,advice,cybersecurity,10000,2026-03-01,\n"
        "audit,bv,flanders,12,1800000,900000,advice,cybersecurity,10000,2026-03-01,true\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.csv"
    run_batch(source, target, rules, AS_OF)
    assert read_csv(target)[1:] == [
        ["1", "row-1", "kmo-portefeuille", "undetermined", "45", "", "", "", "projects[0].provider_registered"]
        + ["0.00", "4500.00"],
        ["2", "audit", "kmo-portefeuille", "eligible", "45", "4500.00", "", "", "", "", ""],
    ]


@pytest.mark.parametrize(
    ("column", "hint"),
    [
        ("company.employes", "did you mean 'company.employees'?"),
        ("employees", "did you mean 'company.employees' or 'company.previous_year.employees'?"),
        ("project.costs", "did you mean 'project.cost'?"),
    ],
)
def test_unknown_columns_stop_the_run_before_any_row(tmp_path, rules, column, hint):
    source = tmp_path / "in.csv"
    source.write_text(f"company.legal_form,{column}\nbv,12\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    with pytest.raises(BatchInputError) as caught:
        run_batch(source, target, rules, AS_OF)
    (problem,) = caught.value.diagnostics
    assert (problem.file, problem.line, problem.column, problem.code) == (str(source), 1, 2, "unknown-column")
    assert problem.message == f"unknown column '{column}'"
    assert problem.hint == hint
    assert sorted(os.listdir(tmp_path)) == ["in.csv"]


# --------------------------------------------------------------------------- JSONL


def test_jsonl_gives_the_same_results_and_evaluates_messages(tmp_path, rules):
    lines = [json.dumps(p) for p in jsonl_profiles()]
    lines.insert(3, "")  # a blank line: skipped, but rows are numbered by line
    source = tmp_path / "companies.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "results.csv"
    summary = run_batch(source, target, rules, AS_OF)
    cost_message = (
        "projects[0].cost: expected a number but found the text '10.000' (hint: write numbers without "
        "quotes, thousands separators or spaces, with a dot for decimals: 12500.50)"
    )
    assert read_csv(target) == [
        list(FIELDS),
        ["1", "audit", "kmo-portefeuille", "eligible", "45", "4500.00", "", "", "", "", ""],
        ["2", "", "", "", "", "", "", f"company.legal_form: {GMBH_MESSAGE}", "", "", ""],
        ["3", "", "", "", "", "", "", cost_message, "", "", ""],
        ["5", "training", "kmo-portefeuille", "eligible", "35", "5500.00", "", "", "", "", ""],
        [
            "6",
            "audit",
            "kmo-portefeuille",
            "not_eligible",
            "",
            "0.00",
            "legal-form;provider-registered",
            "",
            "",
            "",
            "",
        ],
    ]
    assert (summary.rows, summary.failed_rows, summary.results) == (5, 2, 3)
    # The messages are evaluate's (parse_profile on the same text), after the field they are about.
    rows = {number: diagnostics for number, _, _, diagnostics in read_rows(source)}
    for number in (2, 3):
        expected = parse_profile(lines[number - 1], f"{source}:{number}")[1]
        assert [(d.file, d.line, d.column, d.code, d.message.split(": ", 1)[1]) for d in rows[number]] == [
            (d.file, d.line, d.column, d.code, d.message) for d in expected
        ]


def test_jsonl_output_and_broken_lines(tmp_path, rules):
    source = tmp_path / "in.ndjson"
    source.write_bytes(json.dumps(small_bv()).encode() + b'\n{"company": {\n' + b'{"company": "\xe9"}\n')
    target = tmp_path / "out.jsonl"
    summary = run_batch(source, target, rules, AS_OF)
    assert [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()] == [
        {
            "row": 1,
            "project": "audit",
            "measure": "kmo-portefeuille",
            "status": "eligible",
            "rate": 45,
            "amount": 4500,
            "failed": [],
            "error": None,
            "missing": [],
            "amount_range": None,
        },
        {
            "row": 2,
            "project": None,
            "measure": None,
            "status": None,
            "rate": None,
            "amount": None,
            "failed": [],
            "error": "column 14: the text ends where more must follow (a value, a closing bracket or a quote)",
            "missing": [],
            "amount_range": None,
        },
        {
            "row": 3,
            "project": None,
            "measure": None,
            "status": None,
            "rate": None,
            "amount": None,
            "failed": [],
            "error": "column 14: byte 0xe9 is not valid UTF-8 (hint: save the file as UTF-8)",
            "missing": [],
            "amount_range": None,
        },
    ]
    assert summary.failed_rows == 2


# --------------------------------------------------------------------------- processes


def generated_rows(count):
    kinds = ["advice", "training", "improvement_trajectory", "development"]
    for i in range(count):
        profile = small_bv(
            id=f"p{i}",
            kind=kinds[i % 4],
            cost=1000 + 137 * i,
            application_date=f"2026-{1 + i % 12:02d}-15",
            package="start",
        )
        profile["company"]["employees"] = 1 + (i * 7) % 400
        if i % 17 == 5:
            profile["company"]["legal_form"] = "gmbh"  # some error rows too
        yield profile


def test_two_processes_give_the_same_output_in_the_same_order(tmp_path, rules):
    source = tmp_path / "many.jsonl"
    source.write_text("".join(json.dumps(p) + "\n" for p in generated_rows(200)), encoding="utf-8")
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    done = []
    first = run_batch(source, one, rules, AS_OF, jobs=1)
    second = run_batch(source, two, RULES, AS_OF, jobs=2, chunksize=7, progress=done.append)
    assert one.read_bytes() == two.read_bytes()
    assert done == list(range(1, 201))
    assert (first.rows, first.failed_rows, first.results) == (second.rows, second.failed_rows, second.results)
    assert (first.rows, first.failed_rows) == (200, 12)
    numbers = [int(row[0]) for row in read_csv(one)[1:]]
    assert numbers == sorted(numbers) and set(numbers) == set(range(1, 201))
    assert len(read_csv(one)) - 1 == first.results + first.failed_rows


# --------------------------------------------------------------------------- no partial output


def records_then(failure, count=3):
    for i in range(1, count + 1):
        yield OutputRecord(i, f"p{i}", "kmo-portefeuille", "eligible", Decimal(45), Decimal("4500.00"))
    if callable(failure):
        failure()
    else:
        raise failure


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("failure", [RuntimeError("boom"), KeyboardInterrupt()])
def test_no_output_and_no_temporary_file_after_a_failure(tmp_path, fmt, failure):
    target = tmp_path / f"out.{fmt}"
    with pytest.raises(type(failure)):
        write_output(records_then(failure), target, fmt)
    assert os.listdir(tmp_path) == []
    target.write_text("the previous output\n", encoding="utf-8")
    with pytest.raises(type(failure)):
        write_output(records_then(failure), target, fmt)
    assert os.listdir(tmp_path) == [target.name]
    assert target.read_text(encoding="utf-8") == "the previous output\n"


def test_sigterm_leaves_no_output_and_the_handler_is_restored(tmp_path):
    before = signal.getsignal(signal.SIGTERM)
    target = tmp_path / "out.csv"
    with pytest.raises(KeyboardInterrupt):
        write_output(records_then(lambda: os.kill(os.getpid(), signal.SIGTERM)), target, "csv")
    assert os.listdir(tmp_path) == []
    assert signal.getsignal(signal.SIGTERM) is before


def test_interrupting_a_run_with_workers_leaves_no_output(tmp_path, rules):
    source = tmp_path / "many.jsonl"
    source.write_text("".join(json.dumps(p) + "\n" for p in generated_rows(200)), encoding="utf-8")

    def interrupt(done):
        if done == 30:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(source, tmp_path / "out.csv", rules, AS_OF, jobs=2, progress=interrupt)
    assert sorted(os.listdir(tmp_path)) == ["many.jsonl"]


def test_a_reader_failure_mid_run_is_raised_in_order_and_leaves_no_output(tmp_path, rules):
    def rows():
        yield from itertools.islice(read_rows_from_profiles([small_bv(id=f"p{i}") for i in range(10)]), 5)
        raise OSError("the disk went away")

    for jobs in (1, 2):
        seen = []

        def records(jobs=jobs, seen=seen):
            for record in evaluate_rows(rules, rows(), AS_OF, jobs):
                seen.append(record.row)
                yield record

        with pytest.raises(OSError, match="the disk went away"):
            write_output(records(), tmp_path / "out.csv", "csv")
        assert seen == [1, 2, 3, 4, 5]
        assert os.listdir(tmp_path) == []


def read_rows_from_profiles(profiles):
    for number, profile in enumerate(profiles, 1):
        data, diagnostics = parse_profile(json.dumps(profile), f"x:{number}")
        yield number, f"x:{number}", data, diagnostics


# --------------------------------------------------------------------------- streaming


def test_the_reader_streams(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(CSV_TEXT, encoding="utf-8")
    assert inspect.isgeneratorfunction(read_rows)
    rows = read_rows(source)
    assert inspect.isgenerator(rows)
    assert next(rows)[0] == 1
    rows.close()


def test_workers_take_rows_as_they_go_from_an_endless_input(rules):
    pulled = []

    def endless():
        for number in itertools.count(1):
            pulled.append(number)
            data, diagnostics = parse_profile(json.dumps(small_bv(id=f"p{number}")), f"x:{number}")
            yield number, f"x:{number}", data, diagnostics

    with contextlib.closing(evaluate_rows(RULES, endless(), AS_OF, jobs=2, chunksize=4)) as records:
        first = list(itertools.islice(records, 50))
    assert [r.row for r in first] == list(range(1, 51))
    assert {(r.status, r.amount) for r in first} == {("eligible", Decimal("4500.00"))}
    # Bounded read-ahead: at most 4 * jobs * chunksize rows beyond those taken (and one chunk being formed).
    assert len(pulled) <= 50 + 4 * 2 * 4 + 4


def test_the_summary_fields():
    assert BatchSummary.__match_args__ == ("rows", "failed_rows", "results", "seconds")


def test_output_record_forms():
    good = OutputRecord(7, "p", "m", "eligible", Decimal("37.5"), Decimal("1234.50"), "a;b")
    assert good.csv_row() == ["7", "p", "m", "eligible", "37.5", "1234.50", "a;b", "", "", "", ""]
    assert good.json() == {
        "row": 7,
        "project": "p",
        "measure": "m",
        "status": "eligible",
        "rate": 37.5,
        "amount": 1234.5,
        "failed": ["a", "b"],
        "error": None,
        "missing": [],
        "amount_range": None,
    }
    buffer = io.StringIO()
    csv.writer(buffer).writerow(OutputRecord(8, error="bad, very bad").csv_row())
    assert buffer.getvalue() == '8,,,,,,,"bad, very bad",,,\r\n'
    open_one = OutputRecord(9, "p", "m", "undetermined", None, None, "", "", "a;b", (Decimal("0.00"), None))
    assert open_one.csv_row() == ["9", "p", "m", "undetermined", "", "", "", "", "a;b", "0.00", ""]
    assert (open_one.json()["missing"], open_one.json()["amount_range"]) == (["a", "b"], {"min": 0, "max": None})


def test_jsonl_rows_are_checked_exactly_as_parse_profile_checks_them(tmp_path):
    profiles = list(generated_rows(40))
    profiles[3]["company"]["founded"] = "2027-01-01"  # after the application: a check beyond the schema
    profiles[4]["company"]["enterprise_number"] = "0566.988.258"  # wrong check digits
    source = tmp_path / "in.jsonl"
    lines = [json.dumps(p) for p in profiles] + ['{"company": {}, "company": {}, "projects": []}']
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for (_number, name, data, diagnostics), line in zip(read_rows(source), lines):
        expected_data, expected = parse_profile(line, name)
        assert data == expected_data
        assert [(d.column, d.code, d.message.split(": ", 1)[1]) for d in diagnostics] == [
            (d.column, d.code, d.message) for d in expected
        ]


def test_batch_command_exit_codes_and_summary(run_cli, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(
        "company.legal_form,company.region,company.employees,company.turnover,company.balance_sheet_total,"
        "project.kind,project.theme,project.cost,project.application_date,project.provider_registered\n"
        "bv,flanders,12,1800000,900000,advice,cybersecurity,10000,2026-03-01,true\n"
        "gmbh,flanders,12,1800000,900000,advice,cybersecurity,10000,2026-03-01,true\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    code, stdout, err = run_cli("batch", str(source), "-o", str(out))
    assert (code, stdout) == (1, "")
    assert err.endswith(f"2 rows (1 with errors), 1 results in {err.split(' in ')[1].split(' s:')[0]} s: {out}\n")
    assert out.read_text(encoding="utf-8").splitlines()[:2] == [
        "row,project,measure,status,rate,amount,failed,error,missing,amount_min,amount_max",
        "1,row-1,kmo-portefeuille,eligible,45,4500.00,,,,,",
    ]
    source.write_text(
        source.read_text(encoding="utf-8").splitlines()[0]
        + "\n"
        + source.read_text(encoding="utf-8").splitlines()[1]
        + "\n",
        encoding="utf-8",
    )
    code, _, _ = run_cli("batch", str(source), "-o", str(tmp_path / "ok.jsonl"))
    assert code == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("company.employes\n1\n", encoding="utf-8")
    code, _, err = run_cli("batch", str(bad), "-o", str(tmp_path / "never.csv"))
    assert code == 2
    assert "did you mean 'company.employees'?" in err
    assert not (tmp_path / "never.csv").exists()


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR (Mac spreadsheets)"])
def test_an_over_long_row_is_an_error_row_and_the_rows_after_it_are_read(tmp_path, rules, monkeypatch, newline):
    import engine.batch.csv_input as csv_input

    monkeypatch.setattr(csv_input, "MAX_LINE", 200)
    header = "company.legal_form,company.region,project.kind,project.cost,company.name"
    good = "bv,flanders,advice,10000,Acme"
    long_row = "bv,flanders,advice,10000," + "x" * 300
    exactly = "bv,flanders,advice,10000," + "y" * (200 - len("bv,flanders,advice,10000,"))
    source = tmp_path / "companies.csv"
    source.write_bytes(newline.join([header, good, long_row, exactly, good]).encode() + newline.encode())
    summary = run_batch(source, tmp_path / "results.csv", rules, AS_OF)
    rows = read_csv(tmp_path / "results.csv")[1:]  # row, project, measure, status, rate, amount, failed, error
    assert [(r[0], r[7]) for r in rows if r[7]] == [("2", "the row is longer than 200 characters")]
    assert sorted({r[0] for r in rows if not r[7]}) == ["1", "3", "4"]
    assert (summary.rows, summary.failed_rows) == (4, 1)


def test_saved_files_get_the_usual_permissions(tmp_path):
    from engine.files import current_umask, write_whole

    write_whole(tmp_path / "page.md", "# page\n")
    assert (tmp_path / "page.md").stat().st_mode & 0o777 == 0o666 & ~current_umask()
    assert os.listdir(tmp_path) == ["page.md"]
