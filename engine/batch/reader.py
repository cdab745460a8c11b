"""Reading a batch input: CSV or JSONL rows, streamed, each turned into a checked profile or diagnostics.

:func:`read_rows` yields checked rows; :func:`read_raw_rows` yields them unchecked
(:class:`~engine.batch.rows.RawRow`, small and picklable) so that :func:`check_row`, which
costs more than evaluating, can run in the worker processes. The formats are described in
:mod:`engine.batch.runner`. A CSV row is checked exactly as ``subsidie evaluate`` checks a
profile file, with positions turned into column names; a JSONL line exactly as a profile file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from ..diagnostics import ERROR, diagnostic_at, phrase
from ..load.file_problems import unreadable
from .csv_builder import row_builder
from .csv_input import csv_columns, csv_row, csv_rows
from .jsonl_input import jsonl_row, jsonl_rows
from .rows import BatchInputError, RawRow, Row, input_format

_last: list[tuple[Any, Any]] = [(None, None)]
"""The names of the last CSV header a row was built for, and its builder (one tuple: safe across threads)."""


def check_row(item: Row | RawRow) -> Row:
    """A checked row ``(number, name, data or None, diagnostics)``; a checked row is returned as it is."""
    if not isinstance(item, RawRow):
        return item
    if item.kind == "jsonl":
        return jsonl_row(item.payload, item.name, item.number)
    names, cells = item.payload
    last = _last[0]
    if last[0] is not names:  # every row of a file has the same names: no look-up (and hash of them) per row
        last = _last[0] = (names, row_builder(names))
    data = last[1](cells, item.number)
    if data is not None:
        return item.number, item.name, data, []
    known = csv_columns()  # a row with a problem: checked as a file is, for its messages
    return csv_row(cells, [known[n] for n in names], item.name, item.number)


def read_rows(path: str | Path) -> Iterator[Row]:
    """Stream the rows of a CSV or JSONL input, checked.

    The same as :func:`check_row` on each item of :func:`read_raw_rows`.

    Yields:
        ``(row number, name, profile data or None, diagnostics)`` per row: the data is
        checked and completed exactly as ``subsidie evaluate`` does; it is None when the
        diagnostics hold errors. ``name`` is ``INPUT:row N`` (CSV) or ``INPUT:N`` (JSONL).

    Raises:
        BatchInputError: at the first step, when the file cannot be read, its suffix is
            unknown or the CSV header has unknown, empty or repeated columns.
    """
    for item in read_raw_rows(path):
        yield check_row(item)


def read_raw_rows(path: str | Path) -> Generator[Row | RawRow, None, None]:
    """Stream the rows of a CSV or JSONL input as read, leaving the checks to :func:`check_row`.

    Rows that are broken already as text (a CSV syntax error, an oversized line) come
    as checked rows with their diagnostics.

    Raises:
        BatchInputError: as :func:`read_rows`; and after the last row, when the input is a plain
            file that was written to while it was read (its size or time changed): the rows read
            may be neither the old file nor the new one.
    """
    name = str(path)
    fmt = input_format(path)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise BatchInputError([unreadable(name, exc)]) from exc
    probe = os.dup(handle.fileno())  # outlives the handle, which the CSV reader closes, and shares its offset
    try:
        before = os.fstat(probe)
        with handle:
            if fmt == "csv":
                yield from csv_rows(handle, name)
            else:
                yield from jsonl_rows(handle, name)
        if stat.S_ISREG(before.st_mode) and _changed(before, os.fstat(probe), os.lseek(probe, 0, os.SEEK_CUR)):
            raise BatchInputError([diagnostic_at(name, 1, 1, ERROR, "input-changed", phrase("batch.input-changed"))])
    finally:
        os.close(probe)


def _changed(before: os.stat_result, after: os.stat_result, offset: int) -> bool:
    """Whether a plain file was written to while read: its size or time changed, or it was not read to the end."""
    return (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or offset != after.st_size
