"""Hostile YAML and JSON through every command that reads it: a profile (``evaluate``), a rule file
(``validate``, and ``evaluate``/``test``/``batch`` with ``--rules``), a case file (``test``) and a
batch input line (``batch``).

Two tables. ``WHOLE_FILES`` are inputs that are hostile as a whole (an alias bomb, 10,000 levels
of nesting, 50 MB, bytes that are not UTF-8, a Python tag, an empty file, a comment): the same
bytes are planted as each kind of file and must give the same diagnostic everywhere. ``EDITS``
are hostile values (a tab, a duplicate key, a tag, 2026-02-30, .nan, .inf, 1e400, negative
money, a wrong type, a list where a mapping belongs), written into a valid file of each kind;
the diagnostic must point at the hostile value, found by plain string search in the input.
Every run is measured: it must end within 2 s and 200 MB, with the documented exit code and no
traceback (see harness.py).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import RULES, Engine
from .harness import assert_contained, position

PROFILE = """\
company: {legal_form: bv, region: flanders, employees: 12, turnover: 1800000, balance_sheet_total: 900000}
projects:
  - {id: p1, kind: advice, theme: cybersecurity, cost: 10000, application_date: 2026-03-01, provider_registered: true}
"""

CASES = """\
cases:
  - name: small-cyber-advice
    as_of: 2026-03-01
    profile:
      company: {legal_form: bv, region: flanders, employees: 12, turnover: 1800000, balance_sheet_total: 900000}
      projects:
        - {id: p1, kind: advice, theme: cybersecurity, cost: 10000, application_date: 2026-03-01, provider_registered: true}
    expect:
      - {project: p1, measure: kmo-portefeuille, status: eligible, rate: 45, amount: 4500.00}
"""  # noqa: E501 - a case file as an editor writes it

CSV_HEADER = (
    "project.id,company.legal_form,company.region,company.employees,company.turnover,"
    "company.balance_sheet_total,project.kind,project.theme,project.cost,project.application_date,"
    "project.provider_registered"
)
CSV_ROW = "p1,bv,flanders,12,1800000,900000,advice,cybersecurity,10000,2026-03-01,true"
JSONL_ROW = json.dumps(
    {
        "company": {
            "legal_form": "bv",
            "region": "flanders",
            "employees": 12,
            "turnover": 1800000,
            "balance_sheet_total": 900000,
        },
        "projects": [
            {
                "id": "p1",
                "kind": "advice",
                "theme": "cybersecurity",
                "cost": 10000,
                "application_date": "2026-03-01",
                "provider_registered": True,
            }
        ],
    }
)

MEASURE = RULES / "kmo-portefeuille.yaml"


def _billion_laughs() -> bytes:
    """Ten levels of nine references each: 9**10 (3.5 billion) strings once expanded, in 600 bytes."""
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return ("{" + ", ".join(levels) + "}\n").encode()


@dataclass(frozen=True)
class WholeFile:
    """A file that is hostile as a whole, on one line so that it also serves as a JSONL row."""

    name: str
    data: bytes
    line: int
    column: int
    code: str
    message: str


WHOLE_FILES = [
    # a0 to a3 stand for 10, 91, 820 and 7,381 values; a1 to a3 expand to 8,289, and each '*a3' of
    # a4 adds 7,381: the 6th (column 256) would pass 50,000 values, so loading stops there
    WholeFile(
        "billion-laughs", _billion_laughs(), 1, 256, "yaml-size", "more than 50000 values (after expanding aliases)"
    ),
    WholeFile(
        "recursive-alias",
        b"{company: &c {linked_enterprises: [*c]}}\n",
        1,
        36,
        "yaml-aliases",
        "the alias refers to a value that contains it",
    ),
    WholeFile(
        "nesting-10000-flow",
        b"[" * 10_000 + b"1" + b"]" * 10_000 + b"\n",
        1,
        65,
        "yaml-depth",
        "nesting deeper than 64 levels",
    ),
    WholeFile("nesting-10000-block", b"- " * 10_000 + b"1\n", 1, 129, "yaml-depth", "nesting deeper than 64 levels"),
    WholeFile("not-utf-8", b"company: {name: Caf\xe9}\n", 1, 20, "encoding", "byte 0xe9 is not valid UTF-8"),
    WholeFile(
        "python-object-tag",
        b"!!python/object/apply:os.system ['touch PWNED']\n",
        1,
        1,
        "yaml-tag",
        "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
    ),
    WholeFile(
        "python-name-tag",
        b"company: !!python/name:os.system\n",
        1,
        10,
        "yaml-tag",
        "tag 'tag:yaml.org,2002:python/name:os.system' is not allowed",
    ),
    WholeFile("empty", b"", 1, 1, "empty-file", "the file holds no data"),
    WholeFile("only-a-comment", b"# nothing but a comment\n", 1, 1, "empty-file", "the file holds no data"),
]


def _diagnostic(file: str | Path, hostile: WholeFile) -> str:
    return f"{file}:{hostile.line}:{hostile.column}: error: {hostile.message} [{hostile.code}]"


@pytest.fixture
def fifty_mb_file(fifty_megabytes: bytes) -> WholeFile:
    return WholeFile(
        "fifty-megabytes",
        fifty_megabytes,
        1,
        1,
        "file-too-large",
        f"the file is {len(fifty_megabytes)} bytes; the limit is 1048576",
    )


def _whole_files(request: pytest.FixtureRequest, name: str) -> WholeFile:
    if name == "fifty-megabytes":
        return request.getfixturevalue("fifty_mb_file")
    return next(w for w in WHOLE_FILES if w.name == name)


WHOLE_NAMES = [w.name for w in WHOLE_FILES] + ["fifty-megabytes"]


# -- whole files: profile, rule file, case file ---------------------------------------------------


@pytest.mark.parametrize("name", WHOLE_NAMES)
def test_whole_file_as_profile(name, request, engine: Engine, tmp_path):
    hostile = _whole_files(request, name)
    profile = tmp_path / "profile.yaml"
    profile.write_bytes(hostile.data)
    run = engine("evaluate", "profile.yaml", cwd=tmp_path)
    assert_contained(run, 2)
    assert run.stdout == ""
    assert run.stderr.splitlines()[0] == _diagnostic("profile.yaml", hostile)
    assert not (tmp_path / "PWNED").exists()


RULE_COMMANDS = {
    # command line (with RULES standing for the rule folder), exit code
    "validate": (["validate", "RULES"], 1),
    "evaluate": (["evaluate", str(RULES.parent / "examples/profiles/small-it-firm.yaml"), "--rules", "RULES"], 2),
    "test": (["test", "--rules", "RULES"], 2),
    "batch": (["batch", "INPUT", "-o", "OUTPUT", "--rules", "RULES"], 2),
}


def _rule_command(command: str, rules: Path, tmp_path: Path) -> tuple[list[str], int]:
    args, code = RULE_COMMANDS[command]
    if command == "batch":
        (tmp_path / "in.csv").write_text(CSV_HEADER + "\n" + CSV_ROW + "\n", encoding="utf-8")
    replace = {"RULES": str(rules), "INPUT": str(tmp_path / "in.csv"), "OUTPUT": str(tmp_path / "out.csv")}
    return [replace.get(a, a) for a in args], code


@pytest.mark.parametrize("command", list(RULE_COMMANDS))
@pytest.mark.parametrize("name", WHOLE_NAMES)
def test_whole_file_as_rule_file(name, command, request, engine: Engine, rule_copy, tmp_path):
    hostile = _whole_files(request, name)
    rules = rule_copy()
    planted = rules / "kmo-portefeuille.yaml"
    planted.write_bytes(hostile.data)
    args, code = _rule_command(command, rules, tmp_path)
    run = engine(*args, cwd=tmp_path)
    assert_contained(run, code)
    assert run.stderr.splitlines()[0] == _diagnostic(planted.relative_to(tmp_path), hostile)
    if command != "validate":
        assert "error: the rule set has errors; run 'subsidie validate' for details" in run.stderr
    if name == "fifty-megabytes":  # the rules digest reads files in pieces: 50 MB never sit in memory
        assert run.peak < 64 * 2**20, run.describe()
    assert not (tmp_path / "out.csv").exists()
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize("name", WHOLE_NAMES)
def test_whole_file_as_case_file(name, request, engine: Engine, tmp_path):
    hostile = _whole_files(request, name)
    (tmp_path / "hostile.cases.yaml").write_bytes(hostile.data)
    run = engine("test", "hostile.cases.yaml", cwd=tmp_path)
    assert_contained(run, 1)
    assert run.stderr.splitlines()[0] == _diagnostic("hostile.cases.yaml", hostile)
    assert run.stdout == "0 passed, 0 failed, 1 file problem(s)\n"
    assert not (tmp_path / "PWNED").exists()


# -- whole files: a batch input line ----------------------------------------------------------------


def _batch_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("name", [n for n in WHOLE_NAMES if n != "empty"])
def test_whole_file_as_jsonl_line(name, request, engine: Engine, tmp_path):
    """The hostile line is row 2, between two good rows: it becomes one error row and the run goes on."""
    hostile = _whole_files(request, name)
    data = JSONL_ROW.encode() + b"\n" + hostile.data.rstrip(b"\n") + b"\n" + JSONL_ROW.encode() + b"\n"
    (tmp_path / "in.jsonl").write_bytes(data)
    run = engine("batch", "in.jsonl", "-o", "out.csv", cwd=tmp_path)
    assert_contained(run, 1)
    rows = _batch_rows(tmp_path / "out.csv")
    assert [(r["row"], r["status"]) for r in rows] == [("1", "eligible"), ("2", ""), ("3", "eligible")]
    if name == "fifty-megabytes":
        expected = "the line is longer than 1048576 bytes"
    else:
        expected = f"column {hostile.column}: {hostile.message}"
    assert rows[1]["error"].split(" (hint: ")[0] == expected
    assert run.stderr.splitlines()[-1].startswith("3 rows (1 with errors), 2 results in ")
    assert not (tmp_path / "PWNED").exists()


def test_empty_jsonl_and_csv_inputs_give_an_empty_output(engine: Engine, tmp_path):
    for name in ("in.jsonl", "in.csv"):
        (tmp_path / name).write_bytes(b"")
        run = engine("batch", name, "-o", "out.csv", cwd=tmp_path)
        assert_contained(run, 0)
        assert (tmp_path / "out.csv").read_text(
            encoding="utf-8"
        ) == "row,project,measure,status,rate,amount,failed,error,missing,amount_min,amount_max\n"


def test_fifty_megabyte_csv_cell_is_an_error_row(engine: Engine, tmp_path):
    cell = "9" * (50 * 2**20)
    (tmp_path / "in.csv").write_text(
        f"{CSV_HEADER}\n{CSV_ROW}\n{CSV_ROW.replace(',10000,', ',' + cell + ',')}\n{CSV_ROW}\n", encoding="utf-8"
    )
    run = engine("batch", "in.csv", "-o", "out.csv", cwd=tmp_path)
    assert_contained(run, 1)
    rows = _batch_rows(tmp_path / "out.csv")
    assert [(r["row"], r["status"], r["error"]) for r in rows] == [
        ("1", "eligible", ""),
        ("2", "", "the row is longer than 1,048,576 characters"),
        ("3", "eligible", ""),
    ]


def test_csv_cell_over_the_csv_modules_own_field_limit_is_read(engine: Engine, tmp_path):
    """A JSON cell of 200,000 characters (the csv module's default limit is 131,072) is a value like any other."""
    aid = json.dumps([{"date": "2025-01-01", "amount": 1, "measure": "m" * 40}] * 2800)
    assert 131_072 < len(aid) < 1_048_576
    header, row = CSV_HEADER + ",aid_received", CSV_ROW + ',"' + aid.replace('"', '""') + '"'
    (tmp_path / "in.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    run = engine("batch", "in.csv", "-o", "out.csv", cwd=tmp_path)
    assert_contained(run, 0)
    assert [(r["row"], r["status"], r["error"]) for r in _batch_rows(tmp_path / "out.csv")] == [("1", "eligible", "")]


def test_csv_header_cell_over_the_csv_field_limit_is_a_diagnostic(engine: Engine, tmp_path):
    (tmp_path / "in.csv").write_text("x" * 200_000 + "\n" + CSV_ROW + "\n", encoding="utf-8")
    run = engine("batch", "in.csv", "-o", "out.csv", cwd=tmp_path)
    assert_contained(run, 2)
    assert (
        run.stderr.splitlines()[0] == "in.csv:1:1: error: the header line is longer than 65,536 characters [csv-header]"
    )


def test_csv_line_of_150_megabytes_stays_within_the_memory_bound(engine: Engine, tmp_path):
    cell = "9" * (150 * 2**20)
    (tmp_path / "in.csv").write_text(
        f"{CSV_HEADER}\n{CSV_ROW.replace(',10000,', ',' + cell + ',')}\n", encoding="utf-8"
    )
    run = engine("batch", "in.csv", "-o", "out.csv", cwd=tmp_path)
    assert_contained(run, 1)
    assert [(r["row"], r["error"]) for r in _batch_rows(tmp_path / "out.csv")] == [
        ("1", "the row is longer than 1,048,576 characters")
    ]


# -- hostile values in valid files -------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """A hostile value written into a valid file: ``old`` becomes ``new``.

    The diagnostic is expected where ``at`` (default: ``new``) stands in the edited file.
    """

    name: str
    target: str  # profile, rule, cases, csv, jsonl
    old: str
    new: str
    code: str
    message: str
    at: str | None = None


EDITS = [
    # a tab
    Edit(
        "tab",
        "profile",
        "  - {id: p1",
        "\t- {id: p1",
        "yaml-syntax",
        "this line is indented with a tab; YAML indents with spaces only",
        at="\t",
    ),
    Edit(
        "tab",
        "rule",
        "\n  nl: Kmo-portefeuille",
        "\n\tnl: Kmo-portefeuille",
        "yaml-syntax",
        "this line is indented with a tab; YAML indents with spaces only",
        at="\t",
    ),
    Edit(
        "tab",
        "cases",
        "\n    as_of:",
        "\n\tas_of:",
        "yaml-syntax",
        "this line is indented with a tab; YAML indents with spaces only",
        at="\t",
    ),
    # a duplicate key
    Edit(
        "duplicate-key",
        "profile",
        "employees: 12,",
        "employees: 12, employees: 13,",
        "duplicate-key",
        "duplicate key 'employees' (first defined at line 1)",
        at="employees: 13",
    ),
    Edit(
        "duplicate-key",
        "rule",
        "\nde_minimis: true\n",
        "\nde_minimis: true\nde_minimis: false\n",
        "duplicate-key",
        "duplicate key 'de_minimis' (first defined at line 13)",
        at="de_minimis: false",
    ),
    Edit(
        "duplicate-key",
        "cases",
        "    as_of: 2026-03-01\n",
        "    as_of: 2026-03-01\n    as_of: 2026-03-02\n",
        "duplicate-key",
        "duplicate key 'as_of' (first defined at line 3)",
        at="as_of: 2026-03-02",
    ),
    Edit(
        "duplicate-key",
        "jsonl",
        '"employees": 12,',
        '"employees": 12, "employees": 13,',
        "duplicate-key",
        "column {column}: duplicate key 'employees' (first defined at line 1)",
        at='"employees": 13',
    ),
    # other tags
    Edit(
        "binary-tag",
        "profile",
        "cost: 10000",
        "cost: !!binary aGVsbG8=",
        "yaml-tag",
        "tag 'tag:yaml.org,2002:binary' is not allowed",
        at="!!binary",
    ),
    Edit(
        "set-tag",
        "rule",
        "applies_to: [advice, training]",
        "applies_to: !!set {advice, training}",
        "yaml-tag",
        "tag 'tag:yaml.org,2002:set' is not allowed",
        at="!!set",
    ),
    Edit(
        "local-tag",
        "cases",
        "as_of: 2026-03-01",
        "as_of: !date 2026-03-01",
        "yaml-tag",
        "tag '!date' is not allowed",
        at="!date",
    ),
    # a date that does not exist
    Edit(
        "february-30",
        "profile",
        "application_date: 2026-03-01",
        "application_date: 2026-02-30",
        "yaml-date",
        "'2026-02-30' is not a valid date: day is out of range for month",
        at="2026-02-30",
    ),
    Edit(
        "february-30",
        "rule",
        "valid_from: 2016-04-01",
        "valid_from: 2026-02-30",
        "yaml-date",
        "'2026-02-30' is not a valid date: day is out of range for month",
        at="2026-02-30",
    ),
    Edit(
        "february-30",
        "cases",
        "as_of: 2026-03-01",
        "as_of: 2026-02-30",
        "yaml-date",
        "'2026-02-30' is not a valid date: day is out of range for month",
        at="2026-02-30",
    ),
    Edit(
        "february-30",
        "csv",
        ",2026-03-01,",
        ",2026-02-30,",
        "schema-format",
        "column 'project.application_date': the text '2026-02-30' is not a valid date",
    ),
    Edit(
        "february-30",
        "jsonl",
        '"2026-03-01"',
        '"2026-02-30"',
        "schema-format",
        "projects[0].application_date: the text '2026-02-30' is not a valid date",
    ),
    # not a number, infinity, a number beyond any range
    Edit("nan", "profile", "cost: 10000", "cost: .nan", "yaml-number", "'.nan' is not a finite number", at=".nan"),
    Edit(
        "nan",
        "rule",
        "standard: {micro: 40,",
        "standard: {micro: .NaN,",
        "yaml-number",
        "'.NaN' is not a finite number",
        at=".NaN",
    ),
    Edit(
        "nan",
        "csv",
        ",10000,",
        ",nan,",
        "schema-type",
        "column 'project.cost': expected a number but found the text 'nan'",
    ),
    Edit(
        "nan",
        "jsonl",
        '"cost": 10000',
        '"cost": NaN',
        "schema-type",
        "projects[0].cost: expected a number but found the text 'NaN'",
        at="NaN",
    ),
    Edit(
        "inf", "profile", "employees: 12", "employees: .inf", "yaml-number", "'.inf' is not a finite number", at=".inf"
    ),
    Edit(
        "inf",
        "rule",
        "standard: {micro: 40,",
        "standard: {micro: -.inf,",
        "yaml-number",
        "'-.inf' is not a finite number",
        at="-.inf",
    ),
    Edit(
        "inf",
        "csv",
        ",10000,",
        ",Infinity,",
        "schema-type",
        "column 'project.cost': expected a number but found the text 'Infinity'",
    ),
    Edit(
        "inf",
        "jsonl",
        '"cost": 10000',
        '"cost": Infinity',
        "schema-type",
        "projects[0].cost: expected a number but found the text 'Infinity'",
        at="Infinity",
    ),
    Edit(
        "1e400",
        "profile",
        "cost: 10000",
        "cost: 1e400",
        "schema-range",
        "must be at most 1000000000000, found 1E+400",
        at="1e400",
    ),
    Edit(
        "1e400",
        "rule",
        "standard: {micro: 40,",
        "standard: {micro: 1e400,",
        "rate-range",
        "the percentage 1E+400 of 'rate' is outside 0 to 100",
        at="1e400",
    ),
    Edit(
        "1e400",
        "csv",
        ",10000,",
        ",1e400,",
        "schema-range",
        "column 'project.cost': must be at most 1000000000000, found 1E+400",
    ),
    Edit(
        "1e400",
        "jsonl",
        '"cost": 10000',
        '"cost": 1e400',
        "schema-range",
        "projects[0].cost: must be at most 1000000000000, found 1E+400",
        at="1e400",
    ),
    # negative money
    Edit(
        "negative-money",
        "profile",
        "cost: 10000",
        "cost: -10000",
        "schema-range",
        "must be at least 0, found -10000",
        at="-10000",
    ),
    Edit(
        "negative-money",
        "rule",
        "value: {micro: 7500,",
        "value: {micro: -7500,",
        "negative-amount",
        "the amount -7500 of 'yearly_cap' is negative",
        at="-7500",
    ),
    Edit(
        "negative-money",
        "csv",
        ",10000,",
        ",-10000,",
        "schema-range",
        "column 'project.cost': must be at least 0, found -10000",
    ),
    Edit(
        "negative-money",
        "jsonl",
        '"cost": 10000',
        '"cost": -10000',
        "schema-range",
        "projects[0].cost: must be at least 0, found -10000",
        at="-10000",
    ),
    # a wrong type
    Edit(
        "wrong-type",
        "profile",
        "employees: 12",
        "employees: twelve",
        "schema-type",
        "expected a number but found the text 'twelve'",
        at="twelve",
    ),
    Edit(
        "wrong-type",
        "rule",
        "de_minimis: true",
        "de_minimis: 12",
        "schema-type",
        "expected true or false but found the number 12",
        at="12",
    ),
    Edit(
        "wrong-type",
        "cases",
        "rate: 45,",
        "rate: forty-five,",
        "schema-type",
        "expected a number or nothing but found the text 'forty-five'",
        at="forty-five",
    ),
    Edit(
        "wrong-type",
        "csv",
        ",12,",
        ",twelve,",
        "schema-type",
        "column 'company.employees': expected a number but found the text 'twelve'",
    ),
    Edit(
        "wrong-type",
        "jsonl",
        '"employees": 12',
        '"employees": "twelve"',
        "schema-type",
        "company.employees: expected a number but found the text 'twelve'",
        at='"twelve"',
    ),
    # a list where a mapping belongs
    Edit(
        "list-for-mapping",
        "profile",
        "company: {legal_form: bv, region: flanders, employees: 12, turnover: 1800000, balance_sheet_total: 900000}",
        "company: [bv, flanders]",
        "schema-type",
        "expected a mapping (key: value lines) but found a list",
        at="[bv",
    ),
    Edit(
        "list-for-mapping",
        "rule",
        "title:\n  nl: Kmo-portefeuille\n  en: SME wallet (kmo-portefeuille)\n",
        "title: [Kmo-portefeuille, SME wallet]\n",
        "schema-type",
        "expected a mapping (key: value lines) but found a list",
        at="[Kmo",
    ),
    Edit(
        "list-for-mapping",
        "cases",
        "company: {legal_form: bv, region: flanders, employees: 12, turnover: 1800000, balance_sheet_total: 900000}",
        "company: [bv, flanders]",
        "schema-type",
        "expected a mapping (key: value lines) but found a list",
        at="[bv",
    ),
    Edit(
        "list-for-mapping",
        "jsonl",
        '"company": {',
        '"company": [{',
        "schema-type",
        "company: expected a mapping (key: value lines) but found a list",
        at="[{",
    ),
]


def _edit_id(edit: Edit) -> str:
    return f"{edit.name}-{edit.target}"


def _apply(edit: Edit, text: str) -> str:
    assert text.count(edit.old) == 1, f"'{edit.old}' must occur once in the base {edit.target} file"
    edited = text.replace(edit.old, edit.new)
    if edit.target == "jsonl" and edit.name == "list-for-mapping":
        edited = edited.replace('"balance_sheet_total": 900000}', '"balance_sheet_total": 900000}]')
    return edited


@pytest.mark.parametrize("edit", [e for e in EDITS if e.target in ("profile", "rule", "cases")], ids=_edit_id)
def test_hostile_value_in_a_yaml_file(edit: Edit, engine: Engine, rule_copy, tmp_path):
    if edit.target == "profile":
        text, path = _apply(edit, PROFILE), tmp_path / "profile.yaml"
        command, code, shown = ["evaluate", "profile.yaml"], 2, "profile.yaml"
    elif edit.target == "cases":
        text, path = _apply(edit, CASES), tmp_path / "hostile.cases.yaml"
        command, code, shown = ["test", "hostile.cases.yaml"], 1, "hostile.cases.yaml"
    else:
        rules = rule_copy()
        text, path = _apply(edit, MEASURE.read_text(encoding="utf-8")), rules / "kmo-portefeuille.yaml"
        command, code, shown = ["validate", str(rules)], 1, str(path.relative_to(tmp_path))
    path.write_text(text, encoding="utf-8")
    run = engine(*command, cwd=tmp_path)
    assert_contained(run, code)
    line, column = position(text, edit.at or edit.new)
    assert f"{shown}:{line}:{column}: error: {edit.message} [{edit.code}]" in run.stderr.splitlines()


@pytest.mark.parametrize("edit", [e for e in EDITS if e.target in ("csv", "jsonl")], ids=_edit_id)
def test_hostile_value_in_a_batch_row(edit: Edit, engine: Engine, tmp_path):
    """Row 2 of three is hostile: it becomes an error row with the plain message, the others are evaluated."""
    if edit.target == "csv":
        lines = [CSV_HEADER, CSV_ROW, _apply(edit, CSV_ROW), CSV_ROW]
        name = "in.csv"
    else:
        lines = [JSONL_ROW, _apply(edit, JSONL_ROW), JSONL_ROW]
        name = "in.jsonl"
    (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = engine("batch", name, "-o", "out.csv", cwd=tmp_path)
    assert_contained(run, 1)
    rows = _batch_rows(tmp_path / "out.csv")
    assert [(r["row"], r["status"]) for r in rows] == [("1", "eligible"), ("2", ""), ("3", "eligible")]
    hostile = lines[-2]
    assert rows[1]["error"].split(" (hint: ")[0] == edit.message.format(
        column=position(hostile, edit.at or edit.new)[1]
    )


# -- a byte-order mark is accepted and moves no position -------------------------------------------

BOM = "\ufeff"


def test_bom_profile_is_evaluated(engine: Engine, tmp_path):
    (tmp_path / "profile.yaml").write_text(BOM + PROFILE, encoding="utf-8")
    run = engine("evaluate", "profile.yaml", "--format", "json", cwd=tmp_path)
    assert_contained(run, 0)
    result = json.loads(run.stdout)["results"][0]
    assert (result["measure"], result["status"], result["amount"]) == ("kmo-portefeuille", "eligible", 4500)


def test_bom_does_not_move_positions(engine: Engine, tmp_path):
    (tmp_path / "profile.yaml").write_text(BOM + PROFILE.replace("employees: 12", "employees: x"), encoding="utf-8")
    run = engine("evaluate", "profile.yaml", cwd=tmp_path)
    assert_contained(run, 2)
    assert (
        run.stderr.splitlines()[0] == "profile.yaml:1:56: error: expected a number but found the text 'x' [schema-type]"
    )


def test_bom_rule_file_and_case_file_are_accepted(engine: Engine, rule_copy, tmp_path):
    rules = rule_copy()
    measure = rules / "kmo-portefeuille.yaml"
    measure.write_text(BOM + measure.read_text(encoding="utf-8"), encoding="utf-8")
    (rules / "small.cases.yaml").write_text(BOM + CASES, encoding="utf-8")
    run = engine("validate", str(rules), cwd=tmp_path)
    assert_contained(run, 0)
    assert run.stderr == "no problems found\n"
    run = engine("test", "--rules", str(rules), cwd=tmp_path)
    assert_contained(run, 0)
    assert run.stdout == "1 passed, 0 failed\n"


def test_bom_in_batch_inputs_is_accepted(engine: Engine, tmp_path):
    (tmp_path / "in.csv").write_text(BOM + CSV_HEADER + "\n" + CSV_ROW + "\n", encoding="utf-8")
    (tmp_path / "in.jsonl").write_text(BOM + JSONL_ROW + "\n", encoding="utf-8")
    for name in ("in.csv", "in.jsonl"):
        run = engine("batch", name, "-o", "out.csv", cwd=tmp_path)
        assert_contained(run, 0)
        rows = _batch_rows(tmp_path / "out.csv")
        assert [(r["row"], r["measure"], r["status"], r["amount"]) for r in rows] == [
            ("1", "kmo-portefeuille", "eligible", "4500.00")
        ]
