"""engine.batch.json_cells: a JSON cell read in one pass gives exactly what reading, checking and completing it in
three passes gives, and refuses every text the three passes refuse."""

from __future__ import annotations

import datetime as _dt
from typing import Any

import pytest

from engine.batch.csv_input import csv_columns
from engine.batch.json_cells import DATE_TEXT, json_reader
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
