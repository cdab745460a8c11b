"""engine.batch.csv_input: a CSV line without a quote is split at the separator, any other goes to the csv module;
the rows (numbers, names, cells, messages in both languages) are exactly those of the csv module reading every line,
as the reader did before: on every shipped CSV input (the tests', the snapshot's, benchmark 4's rows) and on
seeded random inputs of quotes, separators, \\r\\n and lone \\r, blank lines, a BOM, bad bytes, NUL and short and
long rows, each read whole and from a first row number as a worker reads a block; and on lines with JSON cells (doubled
quotes, separators and line ends inside quoted cells, bad JSON, quoting broken in each way), whose rows are also checked
with the messages of the file check."""

from __future__ import annotations

import ast
import csv
import io
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine.batch import csv_input
from engine.batch.csv_input import csv_columns, csv_row, csv_rows
from engine.batch.reader import check_row
from engine.batch.rows import MAX_LINE, RawRow
from engine.diagnostics import ERROR, diagnostic_at, grouped, phrase

from ...commands.test_batch import CSV_TEXT
from .test_blocks import HEADER as BLOCKS_HEADER
from .test_blocks import ROWS as BLOCKS_ROWS

REPO = Path(__file__).resolve().parents[3]


def module_rows(data: bytes, name: str, first: int = 1) -> list[Any]:
    """The rows as the csv module reads every line (the reader before lines without a quote were split): the
    reference the reader is compared with."""
    handle = io.BytesIO(data)
    with io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline="") as text:
        line = text.readline(csv_input.MAX_HEADER + 1)
        if not line.strip():
            return []
        delimiter = max((",", ";", "\t"), key=line.count)  # the most frequent (a tie: the first), as the reader
        names = tuple(next(csv.reader([line], delimiter=delimiter)))
        long_lines: list[int] = []
        reader = csv.reader(csv_input.bounded_lines(text, long_lines), delimiter=delimiter)
        rows: list[Any] = []
        number = first - 1
        while True:
            number += 1
            where = f"{name}:row {number}"
            try:
                cells = next(reader)
            except StopIteration:
                return rows
            except csv.Error as exc:
                problem = phrase("batch.row-syntax", problem=exc)
                rows.append((number, where, None, [diagnostic_at(where, number, 1, ERROR, "csv-syntax", problem)]))
                continue
            if long_lines and csv_input.TOO_LONG in "".join(cells):
                long_lines.pop()
                too_long = phrase("batch.row-too-long", limit=grouped(MAX_LINE))
                rows.append((number, where, None, [diagnostic_at(where, number, 1, ERROR, "file-too-large", too_long)]))
                continue
            if not any(cell.strip() for cell in cells):
                continue
            rows.append(RawRow(number, where, "csv", (names, cells)))


def same_rows(data: bytes, first: int = 1) -> None:
    """The reader gives exactly the rows of the csv module, with the same messages in Dutch and English."""
    mine = list(csv_rows(io.BytesIO(data), "in.csv", first))
    theirs = module_rows(data, "in.csv", first)
    assert mine == theirs
    assert [type(row) for row in mine] == [type(row) for row in theirs]
    for row, other in zip(mine, theirs):
        if type(row) is not RawRow:
            for lang in ("nl", "en"):
                assert [d.text(lang) for d in row[3]] == [d.text(lang) for d in other[3]]


def snapshot_csv() -> str:
    """The CSV input of scripts/snapshot_outputs.py (read from its source: the script is not a module to import)."""
    tree = ast.parse((REPO / "scripts" / "snapshot_outputs.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["CSV_ROWS"]:
            return str(ast.literal_eval(node.value))
    raise AssertionError("scripts/snapshot_outputs.py has no CSV_ROWS")


def benchmark_csv(tmp_path: Path) -> bytes:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from batch import write_rows  # benchmarks/batch.py

        path = tmp_path / "rows.csv"
        write_rows(path, 300)
        return path.read_bytes()
    finally:
        sys.path.remove(str(REPO / "benchmarks"))


def shipped(tmp_path: Path) -> Iterator[bytes]:
    yield CSV_TEXT.encode()
    yield snapshot_csv().encode()
    for end in ("\n", "\r\n", "\r"):
        yield (BLOCKS_HEADER + end + end.join(BLOCKS_ROWS) + end).encode()
    yield benchmark_csv(tmp_path)


def test_every_shipped_csv_input_gives_the_rows_of_the_csv_module(tmp_path: Path) -> None:
    inputs = list(shipped(tmp_path))
    for data in inputs:
        same_rows(data)
        same_rows(data, first=257)  # a worker's block, numbered as in the whole file
        for separator in (b";", b"\t"):  # the same inputs with the other separators
            same_rows(data.replace(b",", separator))
    plain = sum(b'"' not in line for data in inputs for line in data.splitlines())
    assert plain > 40  # most of them split here, not by the csv module


HEADER = "company.name,company.region,company.employees,aid_received"
PIECES = ["bv", "x y", " ", ",", ",", ";", "\t", '"', '""', '"a,b"', "\r", "\n", "\r\n", "\x00", "é", "\ufeff", "12"]


@pytest.mark.parametrize("seed", range(40))
def test_random_inputs_give_the_rows_of_the_csv_module(seed: int) -> None:
    generator = random.Random(seed)
    for separator in (",", ";", "\t"):
        lines = [HEADER.replace(",", separator)]
        for _ in range(40):
            count = generator.randint(0, 6)
            cells = ["".join(generator.choices(PIECES, k=generator.randint(0, 3))) for _ in range(count)]
            lines.append(separator.join(cells))
        end = generator.choice(["\n", "\r\n", "\r"])
        text = end.join(lines) + generator.choice(["", end])
        data = text.encode("utf-8", "surrogatepass")
        if seed % 3 == 0:
            data = b"\xef\xbb\xbf" + data  # a BOM
        if seed % 4 == 1:
            data = data.replace(b"x y", b"x\xff y")  # an undecodable byte
        same_rows(data)
        same_rows(data, first=1000)


@pytest.mark.parametrize(
    "line",
    [
        "bv,flanders,12,",  # a trailing separator: an empty last cell
        "bv,flanders",  # a row cut short
        "bv,flanders,12,[],more,cells",  # a long row
        ",,,",  # every cell empty: blank
        "   ",  # white space only: blank
        "",  # a blank line
        'b"v,flanders,12,',  # a plain quote inside a cell
        '"bv,flanders",12,"[]",',  # a separator inside a quoted cell
        '"bv',  # a quoted cell not closed: to the end of the input
        "bv\x00,flanders,12,",  # a NUL
        "bv,\udcff,12,",  # a bad byte
    ],
)
@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_adversarial_lines(line: str, end: str) -> None:
    for text in (HEADER + end + line + end + "nv,wallonia,3," + end, HEADER + end + line):  # last, without a line end
        same_rows(text.encode("utf-8", "surrogateescape"))


def test_an_over_long_line_without_a_quote_is_an_error_row() -> None:
    long = "bv," + "x" * (MAX_LINE + 10) + ",3,"
    data = (HEADER + "\n" + long + "\nnv,wallonia,3,\n").encode()
    rows = list(csv_rows(io.BytesIO(data), "in.csv"))
    assert [(row[0], type(row) is RawRow) for row in rows] == [(1, False), (2, True)]
    assert rows[0][3][0].code == "file-too-large"
    same_rows(data)


JSON_HEADER = "company.name,company.partner_enterprises,company.employees,aid_received"
JSON_TEXTS = [
    "[]",
    '[{"date": "2024-01-02", "amount": 10.50}]',
    '[{"date":"2021-05-09","amount":164294},{"date":"2018-12-08","amount":190000,"measure":"other-aid"}]',
    '[{"share": 25, "employees": 12, "turnover": 1800000.50, "balance_sheet_total": 0}]',
    '[{"date": "2024-01-02", "amount": 1, "measure": "a, b; c\\td"}]',  # separators inside the JSON text
    '[{"date": "2024-01-02", "amount": 1, "measure": "say ""hi"""}]',  # doubled quotes once written to CSV
    '[{"date": "2024-01-02", "amount": 1, "measure": "two\nlines"}]',  # a line end inside the quoted cell
    '[{"date": "2024-01-02", "amount": 1, "amount": 2}]',  # a key given twice
    '[{"date": "2024-01-02", "amount": 1}',  # not closed
    '[{"date": "2024-01-02", "amount": NaN}]',
    '[{"date": "2023-02-29", "amount": 1}]',
    "[1]",
    "null",
    "",
    " ",
]
# what is done to a JSON cell once written as CSV: nothing, or a break of its quoting
BREAKS = [
    lambda cell: cell,
    lambda cell: cell,
    lambda cell: cell[:-1],  # the closing quote left out: the cell goes on over the following lines
    lambda cell: cell + "x",  # text after the closing quote
    lambda cell: cell.replace('""', '"', 1),  # a quote not doubled
    lambda cell: "x" + cell,  # a quote inside a plain cell
    lambda cell: cell.replace('""', '"""', 1),
    lambda cell: cell.replace('"', "", 1),  # no opening quote
]


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def same_checked_rows(data: bytes) -> None:
    """Every row the reader gives is checked as the file check (the slow way) checks it: the same data, and the same
    messages in Dutch and English."""
    known = csv_columns()
    for item in csv_rows(io.BytesIO(data), "in.csv"):
        if type(item) is not RawRow:
            continue
        names, cells = item.payload
        checked = check_row(item)
        slow = csv_row(cells, [known[n] for n in names], item.name, item.number)
        assert checked[:3] == slow[:3]
        for lang in ("nl", "en"):
            assert [d.text(lang) for d in checked[3]] == [d.text(lang) for d in slow[3]]


@pytest.mark.parametrize("seed", range(30))
def test_random_lines_with_json_cells_give_the_rows_and_messages_of_the_csv_module(seed: int) -> None:
    generator = random.Random(1000 + seed)
    for separator in (",", ";", "\t"):
        lines = [JSON_HEADER.replace(",", separator)]
        for _ in range(30):
            partner, aid = (generator.choice(JSON_TEXTS) for _ in range(2))
            cells = [
                generator.choice(["bv", "x y", '"a, b"', "", '""']),
                generator.choice(BREAKS)(_quoted(partner)) if partner else "",
                generator.choice(["12", " 12 ", "-1", "1.5", ""]),
                generator.choice(BREAKS)(_quoted(aid)) if aid else "",
            ]
            lines.append(separator.join(cells[: generator.choice([4, 4, 4, 3, 5])]))
        end = generator.choice(["\n", "\r\n", "\r"])
        data = (end.join(lines) + end).encode()
        same_rows(data)
        same_rows(data, first=500)
        same_checked_rows(data)


@pytest.mark.parametrize("text", JSON_TEXTS)
@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_each_json_cell_in_a_line_is_read_and_checked_as_the_csv_module_reads_it(text: str, separator: str) -> None:
    header = JSON_HEADER.replace(",", separator)
    for index in (1, 3):  # the cell in the middle of a line, and last
        for breaking in BREAKS:
            cells = ["bv", "", "12", ""]
            cells[index] = breaking(_quoted(text))
            data = (header + "\n" + separator.join(cells) + "\nnv,,3,\n").encode()
            same_rows(data)
            same_checked_rows(data)
