"""docs/output.md cannot drift: every example output in it is what the engine prints today, and
every key the engine writes, every batch column and every API route is documented.

How the examples are marked and run: tests/doc_examples.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from engine.batch.output import FIELDS
from engine.serve.server import ROUTES

from .conftest import ROOT
from .doc_examples import Event, build, check_output, event_id, events, run

DOC = ROOT / "docs" / "output.md"
EVENTS = events(DOC.read_text(encoding="utf-8"))
OUTPUTS = [e for e in EVENTS if e.kind == "output"]


def test_the_document_has_its_examples():
    commands = " ".join(e.argument for e in OUTPUTS)
    for command in ("subsidie evaluate", "subsidie explain", "subsidie diff", "subsidie batch"):
        assert command in commands, command
    assert any("--format json" in e.argument for e in OUTPUTS)


@pytest.mark.parametrize("event", OUTPUTS, ids=[event_id(e) for e in OUTPUTS])
def test_example_output(event, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check_output(DOC, EVENTS, event, tmp_path, monkeypatch)


def _keys(value, found: set[str]) -> set[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            found.add(key)
            if key != "value":  # a parameter's or a read value: its table keys are the rules', not the format's
                _keys(item, found)
    elif isinstance(value, list):
        for item in value:
            _keys(item, found)
    return found


def _documented() -> set[str]:
    spans = re.findall(r"`([^`\n]+)`", DOC.read_text(encoding="utf-8"))
    return {word for span in spans for word in re.findall(r"[a-z_0-9]+", span)}


def test_every_key_of_the_examples_is_documented(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Each key of the JSON documents the examples come from is named in the text (in `code`), so a
    new key needs its line."""
    keys: set[str] = set()
    seen = set()
    for event in OUTPUTS:
        assert event.block is not None
        command = event.argument.split(";")[0]
        if event.block.lang != "json" or command in seen:
            continue
        seen.add(command)
        whole = Event(event.kind, command, event.line, event.block)
        folder = build(EVENTS, event, tmp_path / f"work{len(seen)}")
        output, _ = run(whole, folder, monkeypatch)
        _keys(json.loads(output), keys)
    assert {"results", "conditions", "explanations", "aid_history", "changes"} <= keys
    assert sorted(keys - _documented()) == []


def test_every_batch_column_is_documented():
    assert sorted(set(FIELDS) - _documented()) == []


def test_every_api_route_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for method, path in ROUTES:
        assert f"`{method} {path}`" in text, (method, path)
