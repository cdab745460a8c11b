"""JSONL batch input: one profile per line, each checked exactly as ``subsidie evaluate`` checks a file.

A line that is plain JSON takes a fast path (:func:`json.loads`); any other line, or one
with problems, goes through the YAML loader so that each message can name the field it is
about (``projects[0].cost: ...``). A line longer than :data:`~engine.batch.rows.MAX_LINE`
is skipped without being kept and becomes an error row.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..diagnostics import ERROR, Diagnostic, diagnostic_at, phrase
from ..load.plain_json import plain_json
from ..load.profile import check_document
from ..load.yaml_loader import Document, YamlPath, decode, load_text
from .rows import MAX_LINE, RawRow, Row


def jsonl_rows(handle: Any, name: str, first: int = 1) -> Iterator[Row | RawRow]:
    """The lines of a JSONL input as raw rows (blank lines skipped; an over-long line is an error row), numbered from
    ``first`` (a block of a file read by a worker is numbered as in the whole file)."""
    number = first - 1
    while True:
        raw = handle.readline(MAX_LINE + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
            while True:  # skip the rest of the oversized line without keeping it
                rest = handle.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            where = f"{name}:{number}"
            yield (
                number,
                where,
                None,
                [diagnostic_at(where, 1, 1, ERROR, "file-too-large", phrase("batch.line-too-long", limit=MAX_LINE))],
            )
            continue
        if not raw.strip():
            continue
        yield RawRow(number, f"{name}:{number}", "jsonl", raw)


def jsonl_row(raw: bytes, where: str, number: int) -> Row:
    """A JSONL line checked as a profile file is, each message naming the field it is about."""
    text, diagnostics = decode(raw.rstrip(b"\r\n"), where)
    if text is None:
        return number, where, None, [_jsonl_located(d, None) for d in diagnostics]
    fast = plain_json(text)
    if fast is not None:
        data, diagnostics = check_document(Document(where, fast, text))
        if not diagnostics:
            return number, where, data, []
    # What engine.load.profile.parse_profile does, keeping the document to name the field of each message.
    doc, diagnostics = load_text(text, where)
    if doc is None or diagnostics:
        return number, where, None, [_jsonl_located(d, None) for d in diagnostics]
    data, diagnostics = check_document(doc)
    return number, where, data, [_jsonl_located(d, doc) for d in diagnostics]


def _jsonl_located(diagnostic: Diagnostic, doc: Document | None) -> Diagnostic:
    """Prefix a message with the field it is about (``projects[0].cost``), else the column in the line."""
    where: str | None = None
    if doc is not None:
        spots: dict[tuple[int, int], YamlPath] = {}
        for table in (doc.positions, doc.key_positions):
            for path, spot in table.items():
                if len(path) >= len(spots.get(spot, ())):
                    spots[spot] = path
        found = spots.get((diagnostic.line, diagnostic.column))
        if found:
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in found).lstrip(".")
    place = phrase("batch.column-number", number=diagnostic.column) if where is None else where
    assert diagnostic.words is not None  # every diagnostic is made by diagnostic_at
    message, hint = diagnostic.words
    return diagnostic_at(
        diagnostic.file,
        diagnostic.line,
        diagnostic.column,
        diagnostic.severity,
        diagnostic.code,
        phrase("batch.at", where=place, message=message),
        hint,
    )
