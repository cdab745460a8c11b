"""Splitting a batch input into blocks of whole records, so that worker processes read the rows themselves.

With several jobs, parsing every CSV row in the parent process (and shipping its cells) cost the parent
about half its time; now the parent only cuts the file into blocks of whole records (:func:`open_blocks`)
and each worker reads its block with the very reader one job uses (:func:`block_rows`:
:func:`~engine.batch.csv_input.csv_rows` on the header and the block, or
:func:`~engine.batch.jsonl_input.jsonl_rows`), numbered as in the whole file, so rows, messages and
their numbers are exactly those of one job.

A CSV record ends at a line end (``\\n``, ``\\r\\n`` or a lone ``\\r``, as the csv module reads them)
outside a quoted cell; a quoted cell starts with a quote at the start of a cell, ends at a quote not
doubled, and may span lines; a quote anywhere else is a plain character. One regular expression finds
a block of whole records at a time. Blank lines are records (rows are numbered over them, as one job
numbers them). A JSONL record is a line ending in ``\\n``.

Blocks are used for plain files whose header reads cleanly; anything else (a pipe, a header with a
problem, a blank first line) is read as before, row by row in this process. A record so long that the
reader might treat it differently (a line or cell near :data:`~engine.batch.rows.MAX_LINE`) makes the
rest of the file go row by row in this process too, read from that record on by the same reader.
"""

from __future__ import annotations

import io
import os
import re
import stat
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ..diagnostics import ERROR, diagnostic_at, phrase
from ..load.file_problems import unreadable
from .csv_input import csv_rows
from .jsonl_input import jsonl_rows
from .rows import MAX_LINE, BatchInputError, RawRow, Row, input_format, packed_chunks
from .workers import chunked

LIMIT = MAX_LINE // 2
"""Bytes a block may hold; a longer record makes the rest of the file go row by row (no line or cell of a
shorter one can reach the reader's bounds)."""

READ = 256 * 1024
"""Bytes read from the file at a time."""

HEADER_BYTES = 4 * 64 * 1024 + 2
"""Bytes in which a CSV header's line end must be found (the reader allows 64 Ki characters)."""


class Source(NamedTuple):
    """A batch input split into blocks: what a worker needs to read them (:func:`block_rows`), and the work items.

    ``items`` yields ``("block", first row number, bytes)`` for a block of whole records, and ``("rows", chunk)``
    for a chunk of rows read in this process (:func:`~engine.batch.rows.packed_chunks`).
    """

    name: str
    fmt: str  # 'csv' or 'jsonl'
    header: bytes  # the CSV header line as in the file; b'' for JSONL
    items: Generator[tuple[Any, ...], None, None]


def open_blocks(path: str | Path, size: int) -> Source | None:
    """The input split into blocks of ``size`` records, or None when it is to be read row by row as before.

    Raises:
        BatchInputError: the file cannot be opened, its suffix is unknown or its CSV header is bad.
    """
    name = str(path)
    fmt = input_format(path)
    try:
        plain = stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        plain = False
    if not plain:
        return None  # not opened here: a pipe opened twice could lose what its writer sent
    try:
        handle = open(path, "rb", buffering=0)  # noqa: SIM115 - closed by the items' generator, or below
    except OSError as exc:
        raise BatchInputError([unreadable(name, exc)]) from exc
    try:
        before = os.fstat(handle.fileno())
        if not stat.S_ISREG(before.st_mode):
            handle.close()
            return None
        buffer = b""
        header = b""
        if fmt == "csv":
            buffer = _read_at_least(handle, b"", HEADER_BYTES)
            end = _line_end(buffer, len(buffer) < HEADER_BYTES)
            header = buffer[:end]
            if end == 0 or not header.decode("utf-8-sig", "surrogateescape").strip():
                handle.close()
                return None  # a header too long, or a blank first line: as before
            for _ in csv_rows(io.BytesIO(header), name):  # the header checked, as the reader checks it
                pass
            buffer = buffer[end:]
    except BaseException:
        handle.close()
        raise
    items = _items(handle, before, name, fmt, header, buffer, size)
    return Source(name, fmt, header, items)


def _read_at_least(handle: Any, buffer: bytes, want: int) -> bytes:
    """``buffer`` with more of the file after it, until it holds ``want`` bytes or the file ends."""
    parts = [buffer]
    have = len(buffer)
    while have < want:
        more = handle.read(max(want - have, READ))
        if not more:
            break
        parts.append(more)
        have += len(more)
    return b"".join(parts)


def _line_end(buffer: bytes, eof: bool) -> int:
    """Where the first line of ``buffer`` ends, its line end included; 0 when no whole line is in it."""
    found = re.search(rb"\r\n|\r|\n", buffer)
    if found is None:
        return len(buffer) if eof else 0
    if found.group() == b"\r" and found.end() == len(buffer) and not eof:
        return 0  # a \n may follow
    return found.end()


def _csv_record(delimiter: bytes) -> re.Pattern[bytes]:
    """The pattern of one CSV record with its line end, as the csv module reads it: text without quotes or line
    ends, quoted cells (a quote at the start of a cell, to a quote not doubled) and quotes inside a cell (plain)."""
    d = re.escape(delimiter)
    quoted = rb'(?<![^%s\r\n])"[^"]*+(?:""[^"]*+)*+"' % d
    plain_quote = rb'(?<=[^%s\r\n])"' % d
    # atomic, as the reader never goes back: a \r\n is one line end, not a \r ending this record and a blank one
    return re.compile(rb'(?>[^"\r\n]*+(?:(?:%s|%s)[^"\r\n]*+)*+(?:\r\n|\r|\n))' % (quoted, plain_quote))


def _delimiter(header: bytes) -> bytes:
    """The separator the CSV reader recognises from the header: the most frequent of comma, semicolon, tab."""
    counts = {d: header.count(d) for d in (b",", b";", b"\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else b","


def _items(
    handle: Any, before: os.stat_result, name: str, fmt: str, header: bytes, buffer: bytes, size: int
) -> Generator[tuple[Any, ...], None, None]:
    with handle:
        record = _csv_record(_delimiter(header)) if fmt == "csv" else re.compile(rb"[^\n]*+\n")
        many = re.compile(rb"(?:%s){%d}" % (record.pattern, size))
        number = 1  # of the next record
        pos = 0
        eof = False
        while True:
            if not eof and len(buffer) - pos < READ // 4:  # running low: read on (copying only what is left)
                buffer, pos, eof = _read_on(handle, buffer, pos)
            end = len(buffer) - 1 if not eof and buffer.endswith(b"\r") else len(buffer)  # a \n may follow
            found = many.match(buffer, pos, end)
            if found is not None and found.end() - pos <= LIMIT:
                yield "block", number, buffer[pos : found.end()]
                number += size
                pos = found.end()
                continue
            if not eof and len(buffer) - pos <= LIMIT:  # too little in hand to tell where the next records end
                buffer, pos, eof = _read_on(handle, buffer, pos)
                continue
            count, stop = _some(record, eof, buffer, pos, end, size)
            if count == 0 and eof and pos == len(buffer):
                break
            if count == 0:
                # a record too long to cut out safely: the rest goes row by row, from this record on
                rest = io.BufferedReader(_Joined(header + buffer[pos:], handle))
                rows = csv_rows(rest, name, number) if fmt == "csv" else jsonl_rows(rest, name, number)
                for chunk in packed_chunks(chunked(rows, size)):
                    yield "rows", chunk
                break
            yield "block", number, buffer[pos:stop]
            number += count
            pos = stop
        after = os.fstat(handle.fileno())
        offset = os.lseek(handle.fileno(), 0, os.SEEK_CUR)
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or offset != after.st_size:
        raise BatchInputError([diagnostic_at(name, 1, 1, ERROR, "input-changed", phrase("batch.input-changed"))])


def _read_on(handle: Any, buffer: bytes, pos: int) -> tuple[bytes, int, bool]:
    """The bytes from ``pos`` on with more of the file after them, their start (0), and whether the file ended."""
    more = handle.read(READ)
    return (buffer[pos:] + more, 0, False) if more else (buffer, pos, True)


def _some(record: re.Pattern[bytes], eof: bool, buffer: bytes, pos: int, end: int, size: int) -> tuple[int, int]:
    """Up to ``size`` whole records from ``pos`` that together hold at most :data:`LIMIT` bytes: how many, and where
    they end. At the end of the file, what follows the last line end outside quotes is the last record (a line
    without a line end, or a quoted cell that is not closed: the reader reads it to the end)."""
    count = 0
    start = pos
    while count < size:
        found = record.match(buffer, pos, end)
        stop = found.end() if found is not None else end if eof and pos < end else -1
        if stop < 0 or stop - start > LIMIT:
            break
        count += 1
        pos = stop
    return count, pos


class _Joined(io.RawIOBase):
    """Bytes in hand, then the rest of a file (which the reader's closing leaves open)."""

    def __init__(self, start: bytes, handle: Any):
        self._start = memoryview(start)
        self._handle = handle

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        if self._start:
            count = min(len(target), len(self._start))
            target[:count] = self._start[:count]
            self._start = self._start[count:]
            return count
        return int(self._handle.readinto(target) or 0)


def block_rows(name: str, fmt: str, header: bytes, first: int, data: bytes) -> Iterator[Row | RawRow]:
    """The rows of a block, read by the reader one job uses, numbered as in the whole file."""
    if fmt == "csv":
        return csv_rows(io.BytesIO(header + data), name, first)
    return jsonl_rows(io.BytesIO(data), name, first)
