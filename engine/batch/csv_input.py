"""CSV batch input: one company with one project per row, columns named by dotted profile paths.

The header names the columns (``company.employees``, ``project.cost``; unknown, empty or
repeated names stop the run before any row, with a "did you mean"); the separator (comma,
semicolon or tab) is recognised from it. Each cell is converted to the kind of its field
in the profile schema (numbers with a dot for decimals, whole numbers, booleans, dates,
JSON lists), an empty cell is an absent fact, and the row is checked exactly as
``subsidie evaluate`` checks a profile file, positions turned into column names. A line
longer than :data:`~engine.batch.rows.MAX_LINE` is skipped in pieces and becomes an error row.

A line without a quote is split at the separator (what the csv module makes of it, at some 60% of its
instructions); a line with a quote is read by the csv module, with the lines after it where a quoted cell goes
on over several. Rows are numbered from the ``first`` number :func:`csv_rows` is given (a worker's block of a
file, :mod:`engine.batch.blocks`, is numbered as in the whole file).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

from ..diagnostics import ERROR, Diagnostic, Phrase, Words, diagnostic_at, did_you_mean, grouped, phrase
from ..load.profile import check_document
from ..load.schemas import schema
from ..load.yaml_loader import Document, YamlPath
from ..records import field, record
from ..text.formatting import printable
from ..text.suggestions import closest
from .csv_cells import CellError, convert_cell
from .rows import JSON_COLUMNS, MAX_LINE, BatchInputError, RawRow, Row


@record
class Column:
    """A column a CSV input may have: its name, its place in the profile, and the kind of its cells."""

    name: str
    path: tuple[str, ...]  # in the profile, with 'project' standing for ('projects', 0)
    kind: str  # number, integer, boolean, date, string, json
    node: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # its schema node, $ref resolved


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def csv_columns() -> dict[str, Column]:
    """Every column a CSV input may have, from the profile schema."""
    return _profile_columns()[0]


def csv_objects() -> dict[tuple[str, ...], dict[str, Any]]:
    """The schema node ($ref resolved) of every mapping that columns fill, by its path (``()`` is the profile)."""
    return _profile_columns()[1]


@cache
def _profile_columns() -> tuple[dict[str, Column], dict[tuple[str, ...], dict[str, Any]]]:
    root = schema("profile")
    found: dict[str, Column] = {}
    objects: dict[tuple[str, ...], dict[str, Any]] = {(): root}

    def walk(node: dict[str, Any], path: tuple[str, ...]) -> None:
        node = _resolve(node, root)
        kind = node.get("type")
        name = ".".join(path)
        if kind == "object" and "properties" in node and name not in JSON_COLUMNS:
            objects[path] = node
            for key, child in node["properties"].items():
                walk(child, path + (key,))
        elif kind == "array" or name in JSON_COLUMNS:
            found[name] = Column(name, path, "json", node)
        elif node.get("format") == "date":
            found[name] = Column(name, path, "date", node)
        elif kind in ("number", "integer", "boolean", "string"):
            found[name] = Column(name, path, kind, node)

    properties = root["properties"]
    walk(properties["company"], ("company",))
    walk(root["$defs"]["project"], ("project",))
    walk(properties["aid_received"], ("aid_received",))
    return found, objects


def _suggest(name: str, known: list[str]) -> Phrase | None:
    ends = [c for c in known if c.endswith("." + name.strip())]
    if 0 < len(ends) <= 3:
        columns: Words = f"'{ends[-1]}'"
        for end in reversed(ends[:-1]):
            columns = phrase("batch.or", first=f"'{end}'", second=columns)
        return phrase("batch.did-you-mean-columns", columns=columns)
    return did_you_mean(closest(name, known, cutoff=0.75))


def _header(cells: list[str], name: str, known: dict[str, Column]) -> list[Column]:
    problems = []
    columns = []
    seen: set[str] = set()
    for index, cell in enumerate(cells, 1):
        label = cell.strip()
        if not label:
            problems.append(
                diagnostic_at(
                    name,
                    1,
                    index,
                    ERROR,
                    "csv-header",
                    phrase("batch.column-no-name", index=index),
                    phrase("batch.column-no-name-hint"),
                )
            )
        elif label in seen:
            repeated = phrase("batch.column-repeated", name=printable(label))
            problems.append(diagnostic_at(name, 1, index, ERROR, "csv-header", repeated))
        elif label not in known:
            hint = _suggest(label, list(known)) or phrase("batch.columns-are-paths", columns=", ".join(known))
            unknown = phrase("batch.unknown-column", name=printable(label))
            problems.append(diagnostic_at(name, 1, index, ERROR, "unknown-column", unknown, hint))
        else:
            columns.append(known[label])
        seen.add(label)
    if problems:
        raise BatchInputError(problems)
    return columns


def _sniff(first: str) -> str:
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


_SURROGATE = re.compile("[\udc80-\udcff]")


def _undecodable(text: str) -> int | None:
    found = _SURROGATE.search(text)
    return None if found is None else ord(found.group()) - 0xDC00


def csv_rows(handle: Any, name: str, first: int = 1) -> Iterator[Row | RawRow]:
    """The rows of a CSV input as raw rows (after its header is checked), numbered from ``first`` (a block of a file
    read by a worker is numbered as in the whole file)."""
    return _csv_text_rows(handle, name, first)  # the generator itself: no second one passing each row on


MAX_HEADER = 64 * 1024  # characters in the header line (the 30-odd column names take about 1,000)
TOO_LONG = "\x00subsidie: line too long\x00"  # stands for an oversized line; a real row holding it is refused


def bounded_lines(text: Any, long_lines: list[int]) -> Iterator[str]:
    """The lines of ``text``, none kept longer than :data:`MAX_LINE` characters: a longer line is
    skipped in pieces and stands as :data:`TOO_LONG` (its count goes into ``long_lines``)."""
    while True:
        line = text.readline(MAX_LINE + 2)  # room for a CRLF after a line of MAX_LINE characters
        if not line:
            return
        if len(line) > MAX_LINE and len(line.rstrip("\r\n")) > MAX_LINE:
            # a line ends in \n, \r\n or a lone \r (a Mac spreadsheet's CSV), as the csv module reads it
            rest = line
            while rest and not rest.endswith(("\n", "\r")):
                rest = text.readline(1 << 20)
            long_lines.append(1)
            yield TOO_LONG + "\n"
            continue
        yield line


def _held_first(held: list[str], lines: Iterator[str]) -> Iterator[str]:
    """The lines the csv module reads its records from: a line held back for it first, then the lines that follow (a
    quoted cell may go on over several)."""
    while True:
        if held:
            yield held.pop()
            continue
        line = next(lines, None)
        if line is None:
            return
        yield line


def _csv_text_rows(handle: Any, name: str, first: int = 1) -> Iterator[Row | RawRow]:
    # Undecodable bytes become lone surrogates, so one bad cell makes one error row (see _undecodable).
    with io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline="") as text:
        first_line = text.readline(MAX_HEADER + 1)
        if len(first_line) > MAX_HEADER and not first_line.endswith("\n"):
            raise BatchInputError(
                [
                    diagnostic_at(
                        name,
                        1,
                        1,
                        ERROR,
                        "csv-header",
                        phrase("batch.header-too-long", limit=grouped(MAX_HEADER)),
                        phrase("batch.header-hint"),
                    )
                ]
            )
        if not first_line.strip():
            return
        known = csv_columns()
        delimiter = _sniff(first_line)
        try:
            header = next(csv.reader([first_line], delimiter=delimiter))
        except csv.Error as exc:
            raise BatchInputError(
                [diagnostic_at(name, 1, 1, ERROR, "csv-syntax", phrase("batch.header-syntax", problem=exc))]
            ) from exc
        names = tuple(c.name for c in _header(header, name, known))
        long_lines: list[int] = []
        if csv.field_size_limit() < MAX_LINE:
            csv.field_size_limit(MAX_LINE)  # a JSON cell (aid_received) may be as long as a line may be
        lines = bounded_lines(text, long_lines)
        held: list[str] = []
        reader = csv.reader(_held_first(held, lines), delimiter=delimiter)  # for the lines with a quote
        prefix = f"{name}:row "
        number = first - 1
        for line in lines:
            number += 1
            where = f"{prefix}{number}"
            # a line without a quote is its cells split at the separator (the csv module, which looks at each
            # character, took 1.6 times the instructions); a line with one goes to the csv module, with any lines its
            # record goes on over
            if '"' not in line:
                cells = line.rstrip("\r\n").split(delimiter)
            else:
                held.append(line)
                try:
                    cells = next(reader)
                except csv.Error as exc:
                    problem = phrase("batch.row-syntax", problem=exc)
                    yield number, where, None, [diagnostic_at(where, number, 1, ERROR, "csv-syntax", problem)]
                    continue
            if long_lines and TOO_LONG in "".join(cells):
                long_lines.pop()
                yield (
                    number,
                    where,
                    None,
                    [
                        diagnostic_at(
                            where,
                            number,
                            1,
                            ERROR,
                            "file-too-large",
                            phrase("batch.row-too-long", limit=grouped(MAX_LINE)),
                        )
                    ],
                )
                continue
            if not (cells and cells[0].strip()) and not any(cell.strip() for cell in cells):  # a first cell says it
                continue
            yield _new(RawRow, (number, where, "csv", (names, cells)))  # not the named tuple's own __new__: per row


_new = tuple.__new__


def csv_row(cells: list[str], columns: list[Column], where: str, number: int) -> Row:
    """A CSV row's cells as a checked profile, each message naming its column."""
    problems: list[Diagnostic] = []
    if len(cells) != len(columns):
        # a row cut short is refused too: reading its last cells as unknown facts would pass for a result
        too_many = len(cells) > len(columns)
        problems.append(
            diagnostic_at(
                where,
                number,
                (len(columns) if too_many else len(cells)) + 1,
                ERROR,
                "csv-cells",
                phrase("batch.row-cells", cells=len(cells), columns=len(columns)),
                phrase("batch.row-cells-more-hint" if too_many else "batch.row-cells-fewer-hint"),
            )
        )
        return number, where, None, problems
    company: dict[str, Any] = {}
    project: dict[str, Any] = {}
    data: dict[str, Any] = {"company": company, "projects": [project]}
    placed: dict[tuple[Any, ...], int] = {}  # profile path -> 1-based column index
    failed: set[tuple[Any, ...]] = set()
    for index, (column, cell) in enumerate(zip(columns, cells), 1):
        if not cell.strip():
            continue
        path = _profile_path(column.path)
        byte = _undecodable(cell)
        if byte is not None:
            problems.append(
                diagnostic_at(
                    where,
                    number,
                    index,
                    ERROR,
                    "encoding",
                    _at(phrase("batch.column", name=column.name), phrase("batch.cell-encoding", byte=f"{byte:02x}")),
                    phrase("diagnostics.encoding-hint"),
                )
            )
            failed.add(path)
            continue
        value_text = cell if column.kind == "string" else cell.strip()
        try:
            value = convert_cell(column.kind, value_text)
        except CellError as exc:
            problems.append(
                diagnostic_at(
                    where,
                    number,
                    index,
                    ERROR,
                    "schema-type" if column.kind != "json" else "json-syntax",
                    _at(phrase("batch.column", name=column.name), exc.message),
                    exc.hint,
                )
            )
            failed.add(path)
            continue
        target: Any = data
        for part in path[:-1]:
            target = target.setdefault(part, {}) if isinstance(part, str) else target[part]
        target[path[-1]] = value
        placed[path] = index
    if "id" not in project:
        project["id"] = f"row-{number}"
    return _check_csv(data, placed, failed, problems, columns, where, number)


@lru_cache(maxsize=1024)
def _profile_path(path: tuple[str, ...]) -> tuple[Any, ...]:
    return ("projects", 0) + path[1:] if path[0] == "project" else path


def _column_name(path: YamlPath) -> str:
    parts: list[Any] = list(path)
    if parts[:2] == ["projects", 0]:
        parts = ["project"] + parts[2:]
    return ".".join(str(p) for p in parts)


def _check_csv(
    data: dict[str, Any],
    placed: dict[tuple[Any, ...], int],
    failed: set[tuple[Any, ...]],
    problems: list[Diagnostic],
    columns: list[Column],
    where: str,
    number: int,
) -> Row:
    """Check a row's profile as ``evaluate`` does, turning positions into column names.

    A row is checked first without positions (the common, valid case needs none); only a row
    with problems is checked again with every value placed, to name its columns."""
    if not problems:
        checked, diagnostics = check_document(Document(where, data, ""))
        if not diagnostics:
            return number, where, checked, []
    doc = Document(where, data, "")
    spots: list[tuple[YamlPath, int]] = []  # synthetic line k+1 -> (path, column index)

    def register(value: Any, path: YamlPath, index: int) -> None:
        spots.append((path, index))
        doc.positions[path] = (len(spots), index)
        if isinstance(value, dict):
            for key, child in value.items():
                register(child, path + (key,), placed.get(path + (key,), index))
        elif isinstance(value, list):
            for i, child in enumerate(value):
                register(child, path + (i,), placed.get(path + (i,), index))

    register(data, (), 0)
    checked, diagnostics = check_document(doc)
    names = {c.name for c in columns} | set(csv_columns())
    for diagnostic in diagnostics:
        path, index = spots[diagnostic.line - 1] if 0 < diagnostic.line <= len(spots) else ((), 0)
        if diagnostic.code == "missing-key" and diagnostic.key is not None:
            full = path + (diagnostic.key,)
            if full in failed:
                continue  # already reported: the cell could not be read
            label: Phrase | None = phrase("batch.column", name=_column_name(full))
        else:
            label = _label(path, names)
        assert diagnostic.words is not None  # every diagnostic is made by diagnostic_at
        message, hint = diagnostic.words
        problems.append(
            diagnostic_at(
                where,
                number,
                max(index, 1),
                diagnostic.severity,
                diagnostic.code,
                _at(label, message) if label else message,
                hint,
            )
        )
    if problems:
        return number, where, None, sorted(problems)
    return number, where, checked, []


def _at(where: Phrase, message: Words) -> Phrase:
    """``column 'x': <message>``: a message with the column (or field) it is about."""
    return phrase("batch.at", where=where, message=message)


def _label(path: YamlPath, names: set[str]) -> Phrase | None:
    for cut in range(len(path), 0, -1):
        name = _column_name(path[:cut])
        if name in names:
            rest = path[cut:]
            if not rest:
                return phrase("batch.column", name=name)
            within: Words = ""
            for part in reversed(rest):
                piece = (
                    phrase("batch.column-item", number=part + 1)
                    if isinstance(part, int)
                    else phrase("batch.column-key", key=part)
                )
                within = piece if within == "" else phrase("batch.list", first=piece, rest=within)
            return phrase("batch.column-in", name=name, within=within)
    return phrase("batch.columns", name=_column_name(path)) if path else None
