"""engine.batch.output.record_writer: a CSV output line is exactly what the csv module writes, whether the line is
written as it is (no cell needs quoting) or through the CSV writer."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from engine.batch.output import FIELDS, OutputRecord, record_writer

RECORDS = [
    OutputRecord(1, "row-1", "kmo-portefeuille", "eligible", Decimal("45"), Decimal("4500.00")),
    OutputRecord(2, "p", "m", "not_eligible", None, None, "a;b"),
    OutputRecord(3, "p", "m", "undetermined", None, None, "", "", "x.y;z", (Decimal("0.00"), None)),
    OutputRecord(4, "a,b", "m", "eligible", Decimal("1E+2"), Decimal("-0.50")),
    OutputRecord(5, 'say "hi"', "m", "eligible"),
    OutputRecord(6, "two\nlines", "m", "eligible"),
    OutputRecord(7, "carriage\rreturn", "m", "eligible"),
    OutputRecord(8, "=1+1", "m", "eligible"),
    OutputRecord(9, "tab\there", "m", "eligible"),
    OutputRecord(10, "semi;colon", "m", "eligible"),
    OutputRecord(11, "", "", "", None, None, "", "bad, very bad"),
    OutputRecord(12, "", "", "", None, None, "", 'column "x": "y"'),
    OutputRecord(13, "", "", "", None, None, "", "line\r\nbreak"),
    OutputRecord(14, " spaced ", "m", "eligible"),
    OutputRecord(15, "nul\x00byte", "m", "eligible"),
    OutputRecord(16, "p", "m", "eligible", Decimal("1E+2"), Decimal("45")),  # a decimal with an exponent
    OutputRecord(17, "p", "m", "eligible", Decimal("45"), Decimal("1E-7")),
    OutputRecord(18, "Eén", "m,n", "eligible", Decimal("45"), Decimal("4500.00")),  # a separator in another cell
    OutputRecord(19, "p", "m", "not_eligible", None, Decimal("0.00"), 'a"b'),
    OutputRecord(20, "p", "m", "undetermined", None, None, "", "", "x\ny"),
    OutputRecord(21, "-p", "m", "eligible"),
    OutputRecord(22, "@p", "m", "eligible"),
    OutputRecord(23, "p", "m", "eligible", Decimal("-0"), Decimal("1234567.89")),
]


@pytest.mark.parametrize("header", [True, False])
def test_csv_lines_are_exactly_the_csv_writers(header: bool) -> None:
    fast = io.StringIO()
    put = record_writer(fast, "csv", header=header)
    for record in RECORDS:
        put(record)
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    if header:
        writer.writerow(FIELDS)
    for record in RECORDS:
        writer.writerow(record.csv_row())
    assert fast.getvalue() == expected.getvalue()
    assert fast.getvalue().splitlines()[int(header)] == "1,row-1,kmo-portefeuille,eligible,45,4500.00,,,,,"


def test_a_decimal_is_written_as_format_f_writes_it() -> None:
    texts = ["0", "-0", "0.00", "-0.00", "45", "37.5", "4500.00", "1E+2", "1.5E+3", "1E-7", "0.0000001", "1E-6", "1e5"]
    texts += [f"{sign}{digits}E{power}" for sign in ("", "-") for digits in ("1", "12345") for power in range(-9, 6)]
    for text in texts:
        number = Decimal(text)
        record = OutputRecord(1, "p", "m", "eligible", number, number, amount_range=(number, number))
        assert record.csv_row()[4:6] == [format(number, "f")] * 2, text
        assert record.csv_row()[9:] == [format(number, "f")] * 2, text
