"""engine.batch.rows' chunks for the workers: a CSV row's cells go joined into one text and come back exactly as
they were read; a row whose cells hold the separator, a checked (error) row and a JSONL row go as they are."""

from __future__ import annotations

from pathlib import Path

from engine.batch.reader import read_raw_rows
from engine.batch.rows import RawRow, packed_chunks, unpacked_rows


def test_rows_sent_packed_come_back_as_they_were_read(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("company.name,company.employees,project.kind\nPlain,12,advice\nUnit\x1fseparator,3,advice\n")
    checked = (3, f"{path}:row 3", None, [])  # a row broken as text already: checked, with its diagnostics
    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text('{"company": {}}\n')
    chunk = [*read_raw_rows(path), checked, *read_raw_rows(jsonl)]
    assert [type(item) for item in chunk] == [RawRow, RawRow, tuple, RawRow]
    packed = list(packed_chunks([chunk]))
    assert len(packed) == 1
    assert [type(item) for item in packed[0]] == [tuple, RawRow, tuple, RawRow]  # only the plain CSV row is joined
    assert packed[0][0] == (
        1,
        f"{path}:row 1",
        "Plain\x1f12\x1fadvice",
        ("company.name", "company.employees", "project.kind"),
    )
    back = list(unpacked_rows(packed[0]))
    assert back == chunk
    assert [type(item) for item in back] == [RawRow, RawRow, tuple, RawRow]
