"""engine.batch.csv_builder: a compiled CSV row gives exactly the data of a row checked as a file, and refuses every
row with a problem (which the file check then reports, with the messages it always gave)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from engine.batch.csv_builder import RowBuilder, row_builder
from engine.batch.csv_input import csv_columns, csv_row
from engine.batch.reader import check_row, read_raw_rows
from engine.batch.rows import RawRow
from engine.load.quickcheck import node_check, typed_check

from ...commands.batch_corpus import Corpus, write_csv


def _slow(item: RawRow) -> tuple[object, list[object]]:
    names, cells = item.payload
    known = csv_columns()
    _number, _name, data, diagnostics = csv_row(cells, [known[n] for n in names], item.name, item.number)
    return data, diagnostics


def test_every_good_row_is_built_as_the_file_check_builds_it_and_every_bad_row_is_refused(tmp_path: Path) -> None:
    corpus = Corpus(count=3_000, seed=7)
    path = tmp_path / "rows.csv"
    messages = write_csv(corpus, path)
    built = refused = broken = 0
    for item in read_raw_rows(path):
        if not isinstance(item, RawRow):
            assert item[0] in messages  # broken as text already
            broken += 1
            continue
        names, cells = item.payload
        fast = row_builder(names)(cells, item.number)
        slow, diagnostics = _slow(item)
        if item.number in messages:
            assert fast is None, item.number
            assert slow is None and diagnostics
            assert check_row(item) == (item.number, item.name, None, diagnostics)
            refused += 1
        else:
            assert fast is not None, (item.number, diagnostics)
            assert repr(fast) == repr(slow)  # the same values, types and key order
            built += 1
    assert len(messages) == 30 and built == 3_000 - 30 and refused + broken == 30


HEADER = ("company.employees", "company.turnover", "project.kind", "project.cost", "company.founded", "aid_received")


@pytest.mark.parametrize(
    ("cells", "accepted"),
    [
        (["12", "1800000", "advice", "0.125", "2020-01-01", ""], True),
        (["12", "1800000", "advice", "1.5e3", "2020-01-01", '[{"date": "2024-01-02", "amount": 10.50}]'], True),
        (["12", "10.000", "advice", "100", "2020-01-01", ""], False),  # a thousands separator, or three decimals
        (["12", "-1", "advice", "100", "", ""], False),  # below the schema's minimum
        (["12", "", "", "100", "", ""], False),  # the project's kind is required
        (["12", "", "advice", "100", "2020-02-30", ""], False),
        (["12", "", "advice", "100", "", "null"], False),
        (["12", "", "advice", "100", "", '[{"date": "2024-01-02", "amount": 1, "amount": 2}]'], False),
        (["12", "", "advice", "100", "", "[NaN]"], False),
        (["12", "", "advice", "100", ""], False),  # a cell short
    ],
)
def test_a_row_is_built_only_when_the_file_check_accepts_it(cells: list[str], accepted: bool) -> None:
    fast = row_builder(HEADER)(cells, 4)
    known = csv_columns()
    slow = csv_row(cells, [known[n] for n in HEADER], "in.csv:row 4", 4)[2]
    assert (fast is not None) is accepted
    assert slow is not None if accepted else slow is None
    if accepted:
        assert repr(fast) == repr(slow)
        assert fast is not None and fast["projects"][0]["id"] == "row-4"
        assert fast["company"]["partner_enterprises"] == [] and fast["company"]["negative_equity"] is False


SAMPLES = {
    "number": [
        Decimal("-1"),
        Decimal(0),
        Decimal("24.99"),
        Decimal(25),
        Decimal(50),
        Decimal("50.01"),
        Decimal("1e13"),
    ],
    "integer": [-1, 0, 3, 1000, 1001],
    "boolean": [True, False],
    "string": ["", "bv", "flanders", "advice", "0566.988.259", "62.010", "x" * 501, "2024-02-29", "2023-02-29"],
}


@pytest.mark.parametrize("name", sorted(csv_columns()))
def test_the_typed_check_of_a_column_agrees_with_the_schema_check(name: str) -> None:
    column = csv_columns()[name]
    if column.kind == "json":
        return
    kind = "string" if column.kind == "date" else column.kind
    typed = typed_check(column.node, kind)
    assert typed is not None, name  # every scalar column of the profile schema has a typed check
    whole = node_check(column.node, "profile")
    for value in SAMPLES[kind]:
        assert typed(value) == whole(value), (name, value)


def test_a_json_column_without_a_one_pass_reader_is_read_checked_and_completed_in_three_passes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("engine.batch.csv_builder.json_reader", lambda node, schema_name: None)
    build = RowBuilder(HEADER).build
    cells = ["12", "1800000", "advice", "100", "2020-01-01", '[{"date": "2024-01-02", "amount": 10.50}]']
    assert repr(build(cells, 4)) == repr(row_builder(HEADER)(cells, 4))
    assert build(cells, 4)["aid_received"] == [  # type: ignore[index]
        {"date": date(2024, 1, 2), "amount": Decimal("10.50"), "de_minimis": True}
    ]
    assert build(cells[:5] + ['[{"date": "2024-01-02", "amount": -1}]'], 4) is None


DATED = ("company.enterprise_number", "company.founded", "project.kind", "project.application_date")


@pytest.mark.parametrize(
    ("cells", "accepted"),
    [
        (["", "2020-01-01", "advice", "2020-01-01"], True),  # applied on the day of the founding
        (["", "2020-01-02", "advice", "2020-01-01"], False),  # applied before it
        (["", "", "advice", "2020-01-01"], True),
        (["", "2020-01-02", "advice", ""], True),
        (["0566.988.259", "2020-01-01", "advice", "2021-01-01"], True),
        (["0566.988.258", "2020-01-01", "advice", "2021-01-01"], False),  # wrong check digits
        (["0566.988.258", "", "advice", ""], False),
    ],
)
def test_the_checks_beyond_the_schema_refuse_exactly_the_rows_the_file_check_refuses(
    cells: list[str], accepted: bool
) -> None:
    fast = row_builder(DATED)(cells, 2)
    known = csv_columns()
    _number, _name, slow, diagnostics = csv_row(cells, [known[n] for n in DATED], "in.csv:row 2", 2)
    assert (fast is not None, slow is not None) == (accepted, accepted)
    if accepted:
        assert repr(fast) == repr(slow) and diagnostics == []
    else:
        assert [d.code for d in diagnostics] in (["application-before-founded"], ["kbo-check"])


@pytest.mark.parametrize(
    ("employees", "accepted"),
    [
        ("9999999", True),  # fewer digits than the maximum (10,000,000): no comparison
        ("10000000", True),  # the maximum itself
        ("10000001", False),
        ("00000000012", True),  # leading zeros: compared
        ("99999999", False),
        ("0", True),
        ("12.5", True),
        ("-0", True),
        ("-1", False),
        ("9999999.99", True),  # a decimal with fewer digits before its point than the maximum: no comparison
        ("10000000.0", True),
        ("10000000.01", False),
        ("1.500", False),  # a thousands separator, or three decimals
        ("0.500", True),
        ("1234.500", True),
        ("12.", True),
        (".5", True),
        ("1e3", True),
        (" 12.5 ", True),
        ("12.5.1", False),
        ("\u0661\u0662.\u0665", False),  # digits, but not ASCII ones
    ],
)
def test_a_number_is_within_its_bounds_exactly_when_the_file_check_says_so(employees: str, accepted: bool) -> None:
    cells = [employees, "1800000", "advice", "100", "", ""]
    fast = row_builder(HEADER)(cells, 3)
    known = csv_columns()
    slow = csv_row(cells, [known[n] for n in HEADER], "in.csv:row 3", 3)[2]
    assert (fast is not None, slow is not None) == (accepted, accepted)
    if accepted:
        assert repr(fast) == repr(slow)


@pytest.mark.parametrize(
    ("name", "accepted"), [("x" * 500, True), ("x" * 501, False), (" é ", True), ("€" * 500, True)]
)
def test_a_text_is_within_its_length_exactly_when_the_file_check_says_so(name: str, accepted: bool) -> None:
    header = ("company.name", "project.kind")
    fast = row_builder(header)([name, "advice"], 5)
    known = csv_columns()
    slow = csv_row([name, "advice"], [known[n] for n in header], "in.csv:row 5", 5)[2]
    assert (fast is not None, slow is not None) == (accepted, accepted)
    if accepted:
        assert repr(fast) == repr(slow)


SPACED = (
    "company.name",
    "company.founded",
    "project.kind",
    "company.employees",
    "aid_received",
    "company.negative_equity",
)


@pytest.mark.parametrize(
    "cells",
    [
        ["Acme", "2020-01-01", "advice", "12", "", "true"],  # each cell in its common form, read as written
        ["  Acme ", " 2020-01-01 ", "advice", " 12", "", " yes"],  # white space around: stripped, as a file check does
        ["   ", "\t", "advice", " ", " ", "  "],  # cells of white space only are absent facts
        ["Café", "2020-01-01", "advice", "0012", "", "True"],  # not ASCII, leading zeros, a capital
        ["x" * 500, "2020-02-29", "advice", "9999999", '[{"date": "2020-01-02", "amount": 1}]', "0"],
        ["Acme", "2020-01-01", "advice", "12.5", '[{"date": " 2020-01-02", "amount": 1}]', "no"],  # a spaced day
        ["Acme", "2020-01-01", " advice", "12", "", "true"],  # an option with white space is not the option
        ["Acme", "2020-02-30", "advice", "12", "", "true"],
        ["Acme", "2020-01-01", "advice", "١٢", "", "true"],  # digits, but not ASCII ones
        ["Acme", "2020-01-01", "advice", "12", "", "yes please"],
    ],
)
def test_a_cell_read_as_written_gives_what_the_file_check_gives(cells: list[str]) -> None:
    fast = row_builder(SPACED)(cells, 6)
    known = csv_columns()
    slow = csv_row(cells, [known[n] for n in SPACED], "in.csv:row 6", 6)[2]
    assert (fast is None) == (slow is None)
    assert repr(fast) == repr(slow)


@pytest.mark.parametrize(
    ("index", "cell"),
    [
        (0, "Bad\udce9"),  # a text
        (1, "2020-01-0\udce9"),  # a date
        (2, "advice\udce9"),  # an option
        (3, "1\udce92"),  # a number
        (4, '[{"date": "2024-01-02", "amount": 1, "measure": "x\udce9"}]'),  # a text inside a JSON cell
        (5, "tru\udce9"),  # a boolean
    ],
)
def test_a_bad_byte_in_any_cell_refuses_the_row_with_its_column(index: int, cell: str) -> None:
    cells = ["Acme", "2020-01-01", "advice", "12", "", "true"]
    cells[index] = cell
    assert row_builder(SPACED)(cells, 3) is None
    _number, _name, data, diagnostics = check_row(RawRow(3, "in.csv:row 3", "csv", (SPACED, cells)))
    assert data is None
    assert [d.text("en") for d in diagnostics] == [
        f"in.csv:row 3:3:{index + 1}: error: column '{SPACED[index]}': byte 0xe9 is not valid UTF-8 [encoding]\n"
        "  hint: save the file as UTF-8"
    ]
    assert [d.text("nl") for d in diagnostics] == [
        f"in.csv:row 3:3:{index + 1}: fout: kolom '{SPACED[index]}': byte 0xe9 is geen geldige UTF-8 [encoding]\n"
        "  tip: bewaar het bestand als UTF-8"
    ]
