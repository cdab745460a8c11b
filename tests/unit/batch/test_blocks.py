"""engine.batch.blocks: the input cut into blocks of whole records, which the workers read themselves, gives exactly
the rows (numbers, names, cells, messages) that reading the whole file in one process gives: quoted cells over
several lines, \\r\\n and lone \\r line ends, blank lines, plain quotes inside a cell, a bad row in the middle, a
quoted cell not closed at the end; a record too long for a block sends the rest row by row."""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path
from typing import Any

import pytest

from engine.batch import blocks
from engine.batch.blocks import block_rows, open_blocks
from engine.batch.reader import read_raw_rows
from engine.batch.rows import RawRow, unpacked_rows
from engine.batch.runner import run_batch

from ...conftest import RULES

HEADER = "company.legal_form,company.region,company.employees,project.kind,project.cost,aid_received"
AID = '"[{""date"": ""2026-02-01"", ""amount"": 2000, ""measure"": ""kmo-portefeuille""}]"'
ROWS = [
    f"bv,flanders,12,advice,10000,{AID}",
    'bv,"flan\nders",12,advice,10000,',  # a quoted cell over two lines
    "",  # a blank line: a row number, no row
    'bv,flanders,12,"adv""ice\r\nmore",10000,',  # a doubled quote and a \r\n inside a quoted cell
    'b"v,flanders,12,advice,10000,',  # a quote inside a cell is a plain character
    'x""",flanders,"12",advice,10000,',  # three plain quotes; then a quoted cell "12"
    "bv,flanders,12,advice",  # a bad row in the middle: too few cells
    '"bv"x"y,flanders,12,advice,10000,',  # a quoted cell, then text with a plain quote
    "bv,flanders,12,advice,10000,",
]


def rows_in_blocks(path: Path, size: int) -> tuple[list[Any], list[tuple[str, int]]]:
    """The rows the workers read from the blocks, in order, and each item's kind and first row number."""
    source = open_blocks(path, size)
    assert source is not None
    rows: list[Any] = []
    items: list[tuple[str, int]] = []
    for item in source.items:
        if item[0] == "block":
            items.append(("block", item[1]))
            rows.extend(block_rows(source.name, source.fmt, source.header, item[1], item[2]))
        else:
            items.append(("rows", item[1][0][0]))
            rows.extend(unpacked_rows(item[1]))
    return rows, items


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("size", [1, 2, 3, 7, 64])
def test_blocks_give_the_rows_of_one_reader(tmp_path: Path, end: str, size: int) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes((HEADER + end + end.join(ROWS) + end).encode())
    whole = list(read_raw_rows(path))
    rows, items = rows_in_blocks(path, size)
    assert rows == whole
    assert [type(r) for r in rows] == [type(r) for r in whole]
    assert [r[0] for r in whole] == [1, 2, 4, 5, 6, 7, 8, 9]  # row 3 is the blank line
    assert whole[1].payload[1][1] == "flan\nders"
    assert whole[2].payload[1][3] == 'adv"ice\r\nmore'
    assert whole[3].payload[1][0] == 'b"v'
    assert whole[4].payload[1][:3] == ['x"""', "flanders", "12"]
    assert whole[6].payload[1][0] == 'bvx"y'
    assert [kind for kind, _ in items] == ["block"] * len(items)
    assert [first for _, first in items] == list(range(1, 10, size))  # blocks of `size` records: blank ones count


def test_a_bad_row_in_the_middle_has_the_number_one_job_gives(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(HEADER + "\n" + "\n".join(ROWS) + "\n", encoding="utf-8")
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    first = run_batch(path, one, RULES, _dt.date(2026, 1, 1), jobs=1)
    second = run_batch(path, two, RULES, _dt.date(2026, 1, 1), jobs=2, chunksize=2)
    assert one.read_bytes() == two.read_bytes()
    assert (first.rows, first.failed_rows, first.results) == (second.rows, second.failed_rows, second.results)
    bad = [line for line in two.read_text(encoding="utf-8").splitlines() if line.startswith("7,")]
    assert bad == [
        '7,,,,,,,"the row has 4 cells but the header has 6 columns (hint: give every column a cell, an empty one for an'
        ' unknown fact; was the row cut short?)",,,'
    ]


def test_the_last_record_without_a_line_end_and_a_quoted_cell_left_open(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes((HEADER + "\r\n" + "bv,flanders\r\n" + 'bv,"open\r\nto the end').encode())
    whole = list(read_raw_rows(path))
    assert [r[0] for r in whole] == [1, 2]
    assert whole[1].payload[1] == ["bv", "open\r\nto the end"]
    for size in (1, 2, 5):
        assert rows_in_blocks(path, size)[0] == whole


@pytest.mark.parametrize("separator", [";", "\t"])
def test_the_separator_of_the_header(tmp_path: Path, separator: str) -> None:
    path = tmp_path / "rows.csv"
    lines = [HEADER.replace(",", separator), f'bv{separator}"a{separator}b\nc"', "", f"bv{separator}x"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = list(read_raw_rows(path))
    assert [r[0] for r in whole] == [1, 3]
    assert whole[0].payload[1] == ["bv", f"a{separator}b\nc"]
    assert rows_in_blocks(path, 1)[0] == whole


def test_a_record_too_long_for_a_block_sends_the_rest_row_by_row(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(blocks, "LIMIT", 100)
    monkeypatch.setattr(blocks, "READ", 10)
    path = tmp_path / "rows.csv"
    long = "bv," + '"' + "x" * 150 + '"'
    path.write_text("\n".join([HEADER, "bv,a", "", "bv,b", long, "bv,c", "", "bv,d"]) + "\n", encoding="utf-8")
    whole = list(read_raw_rows(path))
    assert [r[0] for r in whole] == [1, 3, 4, 5, 7]
    rows, items = rows_in_blocks(path, 2)
    assert rows == whole
    assert items == [("block", 1), ("block", 3), ("rows", 4), ("rows", 7)]  # from row 4 on: row by row
    assert whole[2].payload[1] == ["bv", "x" * 150]


def test_jsonl_blocks(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b'{"company": {}}\n\n  \n{"company": {"employees": 3}}\r\n{not json}\n{"company": {}}')
    whole = list(read_raw_rows(path))
    assert [r[0] for r in whole] == [1, 4, 5, 6]
    assert all(type(r) is RawRow for r in whole)
    assert whole[1].name == f"{path}:4"
    for size in (1, 2, 3, 64):
        rows, items = rows_in_blocks(path, size)
        assert rows == whole
        assert [first for _, first in items] == list(range(1, 7, size))


def test_an_error_row_of_the_reader_is_renumbered_with_its_message(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(blocks, "LIMIT", 1000)
    monkeypatch.setattr(blocks, "READ", 100)
    path = tmp_path / "rows.jsonl"
    long = b'{"company": {"name": "' + b"x" * (blocks.MAX_LINE + 10) + b'"}}\n'
    path.write_bytes(b'{"company": {}}\n' * 3 + long + b'{"company": {}}\n')
    whole = list(read_raw_rows(path))
    assert whole[3][0] == 4 and whole[3][2] is None
    assert whole[3][3][0].file == f"{path}:4"
    rows, items = rows_in_blocks(path, 2)
    assert rows == whole
    assert items == [("block", 1), ("block", 3), ("rows", 4)]


def test_what_is_not_cut_into_blocks(tmp_path: Path) -> None:
    blank = tmp_path / "blank.csv"
    blank.write_text("\nbv,flanders\n", encoding="utf-8")
    assert open_blocks(blank, 4) is None  # a blank first line: read as before (no rows)
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert open_blocks(fifo, 4) is None  # a pipe: read as before, and not opened here (no writer: this would wait)
    header_only = tmp_path / "header.csv"
    header_only.write_text(HEADER, encoding="utf-8")
    assert rows_in_blocks(header_only, 4) == ([], [])
