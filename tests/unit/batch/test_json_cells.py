"""engine.batch.json_cells: a JSON cell read in one pass gives exactly what reading, checking and completing it in
three passes gives, and refuses every text the three passes refuse."""

from __future__ import annotations

import datetime as _dt
from typing import Any

import pytest

from engine.batch import json_cells
from engine.batch.csv_input import csv_columns
from engine.batch.json_cells import DATE_TEXT, json_reader, known_day
from engine.load.completion import node_completer
from engine.load.plain_json import plain_json
from engine.load.quickcheck import node_check
from engine.load.schemas import is_date

COLUMNS = ("aid_received", "company.partner_enterprises", "company.linked_enterprises")

FIGURES = '"employees": 12, "turnover": 1800000.50, "balance_sheet_total": 0'
TEXTS = [
    "[]",
    '[{"date": "2024-01-02", "amount": 10.50}]',
    '[{"date": "2024-01-02", "amount": 10, "measure": "kmo-portefeuille", "de_minimis": false}]',
    '[{"amount": 7500, "date": "2021-07-11"}, {"date": "2018-12-08", "amount": 1.9e5, "measure": "x"}]',
    f'[{{"share": 25, {FIGURES}}}, {{"share": 50.0, {FIGURES}}}]',
    f"[{{{FIGURES}}}]",
    "  [ ]  ",
    # refused
    "null",
    "{}",
    "[NaN]",
    "[Infinity]",
    '[{"date": "2024-01-02", "amount": 1, "amount": 2}]',
    '[{"date": "2024-01-02"}]',
    '[{"date": "2024-01-02", "amount": -1}]',
    '[{"date": "2024-01-02", "amount": true}]',
    '[{"date": "2024-01-02", "amount": "10"}]',
    '[{"date": "2023-02-29", "amount": 1}]',
    '[{"date": "2024-1-02", "amount": 1}]',
    '[{"date": 20240102, "amount": 1}]',
    '[{"date": "2024-01-02", "amount": 1, "measure": "' + "m" * 201 + '"}]',
    '[{"date": "2024-01-02", "amount": 1, "measure": "' + "m" * 200 + '"}]',  # accepted: at the maximum length
    '[{"date": "2024-01-02", "amount": 1, "measure": 5}]',
    '[{"date": "2024-01-02", "amount": 1, "de_minimis": 1}]',
    '[{"date": "2024-01-02", "amount": 1, "other": 1}]',
    '[{"date": "2024-01-02", "amount": 1e13}]',
    '[{"date": "\\ud800-01-02", "amount": 1}]',
    '\ufeff[{"date": "2024-01-02", "amount": 1}]',
    f'[{{"share": 24.99, {FIGURES}}}]',
    f'[{{"share": 50.01, {FIGURES}}}]',
    f'[{{"share": 30, {FIGURES}, "share": 31}}]',
    f"[{{{FIGURES}, {FIGURES}}}]",
    "[[1, 2]]",
    '[{"date": "2024-01-02", "amount": 1}',
    "[" * 5000 + "]" * 5000,
    "[1]",
    '["x"]',
]


def _three_passes(name: str, text: str) -> Any:
    node = csv_columns()[name].node
    value = plain_json(text)
    if value is None or not node_check(node, "profile")(value):
        return None
    complete = node_completer(node, "profile")
    return value if complete is None else complete(value)


@pytest.mark.parametrize("name", COLUMNS)
@pytest.mark.parametrize("text", TEXTS)
def test_one_pass_gives_what_three_passes_give(name: str, text: str) -> None:
    read = json_reader(csv_columns()[name].node, "profile")
    assert read is not None  # every JSON column of the profile schema has a one-pass reader
    assert repr(read(text.strip())) == repr(_three_passes(name, text.strip()))  # the same values, types, key order


def test_what_one_pass_reads_is_complete() -> None:
    read = json_reader(csv_columns()["aid_received"].node, "profile")
    assert read is not None
    assert repr(read('[{"amount": 10.50, "date": "2024-01-02"}]')) == (
        "[{'amount': Decimal('10.50'), 'date': datetime.date(2024, 1, 2), 'de_minimis': True}]"
    )


def test_a_node_with_a_keyword_it_does_not_know_has_no_one_pass_reader() -> None:
    assert json_reader({"type": "array", "items": {"type": "string"}, "uniqueItems": True}, "profile") is None
    assert json_reader({"type": "array", "items": {"type": "object", "properties": {}}}, "profile") is None
    assert json_reader({"type": ["array", "null"], "items": {"type": "string"}}, "profile") is None


@pytest.mark.parametrize(
    "text",
    [
        "2024-01-02",
        "2024-02-29",
        "2023-02-29",
        "2024-1-02",
        "02-01-2024",
        "\uff12\uff10\uff12\uff14-01-02",
        "2024-01-02\n",
    ],
)
def test_the_date_text_is_the_schemas_date_format(text: str) -> None:
    try:
        day = DATE_TEXT.match(text) is not None and bool(_dt.date.fromisoformat(text))
    except ValueError:
        day = False
    assert is_date(text) == day


@pytest.mark.parametrize(
    "text",
    [
        '[{"date": "2024-01-02", "amount": 1, "measure": "a:b"}]',  # a ':' in a text: read the other way, accepted
        '[{"date": "2024-01-02", "amount": 1, "\\u0061mount": 2}]',  # a key given twice, once escaped: refused
        '[{"date": "2024-01-02", "amount": 1, "amount": 2, "measure": "x:y"}]',
        '[{"date": "2024-01-02", "amount": 1.5, "measure": "x"}, {"date": "2024-01-02", "amount": 3}]',
    ],
)
def test_the_reader_of_dicts_sees_a_key_given_twice(text: str) -> None:
    read = json_reader(csv_columns()["aid_received"].node, "profile")
    assert read is not None
    assert repr(read(text)) == repr(_three_passes("aid_received", text))


def test_a_plain_list_is_read_as_dicts_without_the_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    read = json_reader(csv_columns()["aid_received"].node, "profile")
    assert read is not None

    def no_pairs(text: str, start: int) -> Any:
        raise AssertionError("read as pairs")

    monkeypatch.setattr(json_cells, "_SCAN", no_pairs)
    assert repr(read('[{"date": "2024-01-02", "amount": 10.50}]')) == (
        "[{'date': datetime.date(2024, 1, 2), 'amount': Decimal('10.50'), 'de_minimis': True}]"
    )


@pytest.mark.parametrize("text", ["2024-01-02", "2024-02-29", "2023-02-29", "2024-1-02", "2024-01-02\n", None])
def test_a_known_day_is_the_same_day_read_again(text: Any) -> None:
    try:
        expected = _dt.date.fromisoformat(text) if DATE_TEXT.match(text or "") else None
    except ValueError:
        expected = None
    assert known_day(text) == expected
    assert known_day(text) == expected  # the second time from what was read before
