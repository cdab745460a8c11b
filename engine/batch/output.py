"""One output row of a batch, and how it is written: CSV cells (safe for spreadsheets) or a JSON object.

:class:`OutputRecord` is a (row, project, measure) result or an error row; :func:`record_writer` writes records
to a stream as CSV (:data:`FIELDS`) or JSONL, the way :func:`engine.batch.runner.write_output` and the worker
processes' parts of the output write them.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NamedTuple

from ..text.formatting import json_number, json_text, printable

FIELDS = (
    "row",
    "project",
    "measure",
    "status",
    "rate",
    "amount",
    "failed",
    "error",
    "missing",
    "amount_min",
    "amount_max",
)


class OutputRecord(NamedTuple):
    """One output row: a (row, project, measure) result, or an error row (``error`` set, result fields empty).

    A named tuple rather than a dataclass: worker processes send these back to the parent, and a
    tuple pickles several times faster."""

    row: int
    project: str = ""
    measure: str = ""
    status: str = ""
    rate: Decimal | None = None
    amount: Decimal | None = None
    failed: str = ""
    error: str = ""
    missing: str = ""  # undetermined: the absent facts that can change the result, joined by ';'
    amount_range: tuple[Decimal, Decimal | None] | None = None  # undetermined: the least and the most amount

    def csv_row(self) -> list[str]:
        """The record as CSV cells, in the order of :data:`FIELDS`; decimals as written (``4500.00``).

        Texts that come from the input (project ids, messages) are made safe for spreadsheets:
        control characters are escaped, and a text starting with = + - @ gets a leading quote
        so that no spreadsheet runs it as a formula.
        """
        number, project, measure, status, rate, amount, failed, error, missing, span = self
        return [
            str(number),
            project if project.isprintable() and project[:1] not in _FORMULA else _safe_cell(project),
            measure,
            status,
            "" if rate is None else _plain(rate),
            "" if amount is None else _plain(amount),
            failed,
            _safe_cell(error) if error else "",
            missing,
            "" if span is None else _plain(span[0]),
            "" if span is None or span[1] is None else _plain(span[1]),
        ]

    def json(self) -> dict[str, Any]:
        """The record as a JSON object: numbers as in ``evaluate --format json``, ``failed`` as a list."""
        if self.error:
            return {
                "row": self.row,
                "project": None,
                "measure": None,
                "status": None,
                "rate": None,
                "amount": None,
                "failed": [],
                "error": self.error,
                "missing": [],
                "amount_range": None,
            }
        span = self.amount_range
        return {
            "row": self.row,
            "project": self.project,
            "measure": self.measure,
            "status": self.status,
            "rate": json_number(self.rate),
            "amount": json_number(self.amount),
            "failed": self.failed.split(";") if self.failed else [],
            "error": None,
            "missing": self.missing.split(";") if self.missing else [],
            "amount_range": None if span is None else {"min": json_number(span[0]), "max": json_number(span[1])},
        }


def _plain(number: Decimal) -> str:
    """A decimal as ``format(number, "f")`` writes it: its ``str`` (a third of the cost) where that has no exponent."""
    text = str(number)
    return text if "E" not in text and "e" not in text else format(number, "f")


_FORMULA = ("=", "+", "-", "@")
"""What a spreadsheet runs as a formula when a cell starts with it."""
_FORMULA_STARTS = frozenset(_FORMULA)


def _safe_cell(text: str) -> str:
    if not text.isprintable():
        text = printable(text, 100_000)
    return "'" + text if text[:1] in _FORMULA else text


def record_writer(stream: Any, fmt: str, *, header: bool = True) -> Callable[[OutputRecord], None]:
    """A function that writes one record to ``stream`` in ``fmt`` ('csv' or 'jsonl'); for CSV, the header
    line of :data:`FIELDS` is written first (unless ``header`` is false: a worker's part of the output)."""
    if fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        if header:
            writer.writerow(FIELDS)
        write, write_row, commas, formula = stream.write, writer.writerow, len(FIELDS) - 1, _FORMULA_STARTS

        def put(record: OutputRecord) -> None:
            number, project, measure, status, rate, amount, failed, error, missing, span = record
            if span is None and not error:
                # a result without a range, written as one formatted line: what csv_row and the CSV writer give where
                # no text holds the separator, a quote or a line end, the project needs no escape, and no decimal is
                # written with an exponent (else it is written below); the texts are looked at once, joined
                texts = f"{project}{measure}{status}{failed}{missing}"
                shown = "" if rate is None else str(rate)
                paid = "" if amount is None else str(amount)
                if (
                    "," not in texts
                    and '"' not in texts
                    and "\n" not in texts
                    and "\r" not in texts
                    and project.isprintable()
                    and project[:1] not in formula
                    and "E" not in shown
                    and "E" not in paid
                    and "e" not in shown
                    and "e" not in paid
                ):
                    write(f"{number},{project},{measure},{status},{shown},{paid},{failed},,{missing},,\n")
                    return
            # the CSV writer looks at every character (a third of a row's output cost); a line none of whose cells
            # holds the separator, a quote or a line end is what it would write, and is written as it is
            cells = record.csv_row()
            line = ",".join(cells)
            if line.count(",") == commas and '"' not in line and "\n" not in line and "\r" not in line:
                write(line + "\n")
            else:
                write_row(cells)

        return put
    if fmt == "jsonl":
        return lambda record: stream.write(json_text(record.json(), indent=None) + "\n")
    raise ValueError(f"unknown output format '{fmt}'")
