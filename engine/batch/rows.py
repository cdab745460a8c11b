"""The rows of a batch input: what a row is, checked or not, and which format a file is in.

A checked row is ``(number, name, profile data or None, diagnostics)``; a :class:`RawRow` is
one as read, not yet checked (small and picklable, so the checks can run in the worker
processes). :func:`input_format` tells CSV from JSONL by the file's suffix; reading is
:mod:`engine.batch.reader`, the formats :mod:`engine.batch.csv_input` and
:mod:`engine.batch.jsonl_input`, described in :mod:`engine.batch.runner`.
:func:`packed_chunks` packs chunks of rows for the trip to a worker process, :func:`unpacked_rows` unpacks them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ..diagnostics import ERROR, Diagnostic, InputError, diagnostic_at, phrase
from ..load.yaml_loader import MAX_BYTES

Row = tuple[int, str, "dict[str, Any] | None", list[Diagnostic]]

CSV_SUFFIXES = (".csv",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSON_COLUMNS = ("aid_received", "company.partner_enterprises", "company.linked_enterprises")
MAX_LINE = MAX_BYTES


class BatchInputError(InputError):
    """The input as a whole cannot be read: unreadable file, unknown format, or a bad CSV header."""


def input_format(path: str | Path) -> str:
    """'csv' or 'jsonl', from the file's suffix."""
    suffix = Path(path).suffix.lower()
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    raise BatchInputError(
        [
            diagnostic_at(
                str(path),
                1,
                1,
                ERROR,
                "input-format",
                phrase("batch.input-format", suffix=suffix),
                phrase("batch.input-format-hint"),
            )
        ]
    )


class RawRow(NamedTuple):
    """A row as read, not yet checked: a JSONL line's bytes, or a CSV row's column names and cells.

    :func:`engine.batch.reader.check_row` turns it into a checked row; it is small and picklable (a named tuple, the
    fastest to make and to pickle), so the checking (the costly part of reading) can run in the
    worker processes.
    """

    number: int
    name: str
    kind: str  # 'jsonl' or 'csv'
    payload: Any  # bytes, or (column names, cells)


_SEPARATOR = "\x1f"
"""Joins a CSV row's cells for the trip to a worker (the ASCII unit separator; a row holding it goes as it is)."""


def packed_chunks(chunks: Iterable[list[Row | RawRow]]) -> Iterator[list[Any]]:
    """Chunks as they are sent to the workers: a CSV row's cells joined into one text, ``(number, name, text,
    names)``, which pickles several times faster than a named tuple of 30 texts; other rows as they are."""
    separator = _SEPARATOR
    for chunk in chunks:
        packed: list[Any] = []
        for item in chunk:
            if type(item) is RawRow and item.kind == "csv":
                names, cells = item.payload
                text = separator.join(cells)
                if text.count(separator) == len(cells) - 1:  # no cell holds the separator
                    packed.append((item.number, item.name, text, names))
                    continue
            packed.append(item)
        yield packed


def unpacked_rows(rows: list[Any]) -> Iterator[Row | RawRow]:
    """The rows of a chunk :func:`packed_chunks` made, as they were read."""
    for item in rows:
        if type(item) is tuple and type(item[2]) is str:  # a checked row has data or None there
            number, name, text, names = item
            yield tuple.__new__(RawRow, (number, name, "csv", (names, text.split(_SEPARATOR))))
        else:
            yield item
