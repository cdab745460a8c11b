"""libyaml and PyYAML's pure-Python reader give the same document, positions and diagnostics.

:func:`engine.load.yaml_loader.load_text` reads a text with libyaml where PyYAML has it and
falls back to the pure-Python reader for anything libyaml stops at and for the constructs the
two read differently; these tests hold the two ways to the same result on every YAML and JSON
file of the repository, on the differences found so far, and on random texts.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from engine.load import yaml_loader
from engine.load.yaml_loader import MAX_DEPTH, MAX_NODES, decode, load_text
from engine.load.yaml_plain import GiveUp, marked_data, plain_data
from fuzz.targets import loader_inputs

ROOT = Path(__file__).resolve().parents[3]
FILES = sorted(p for pattern in ("*.yaml", "*.json") for p in ROOT.rglob(pattern) if ".git" not in p.parts)


def outcome(text: str, fast: bool) -> tuple[Any, ...]:
    """Everything a loaded text gives: data, every position, style and span, and the diagnostics."""
    doc, diagnostics = load_text(text, "f.yaml", fast=fast)
    messages = [str(d) for d in diagnostics]
    if doc is None:
        return None, messages
    return *recorded(doc), messages


def recorded(doc: yaml_loader.Document) -> tuple[Any, ...]:
    """A document's data, typed, and every position, style and span in the order recorded (messages follow it)."""
    tables = (doc.positions, doc.key_positions, doc.styles, doc.plain_booleans, doc.spans)
    return typed(doc.data), *(list(table.items()) for table in tables)


def typed(data: Any) -> Any:
    """``data`` with the type of every value beside it (1, True and Decimal('1') are equal, but not alike)."""
    if isinstance(data, dict):
        return {key: typed(value) for key, value in data.items()}, list(data)
    if isinstance(data, list):
        return [typed(value) for value in data]
    return type(data).__name__, data


def assert_plain_alike(text: str) -> None:
    """The fast path without positions (yaml_plain.plain_data) gives the positional reader's data, or gives up: never
    data where the reader reports a problem."""
    plain = plain_data(text)
    if plain is not None:
        doc, diagnostics = load_text(text, "f.yaml", fast=False)
        assert doc is not None and diagnostics == []
        assert typed(plain) == typed(doc.data)


def test_libyaml_is_there():
    """The fast reader is in use on this platform (PyYAML's wheels ship libyaml)."""
    assert yaml_loader._FAST is not None


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_file_of_the_repository_reads_alike(path):
    text, _ = decode(path.read_bytes(), path.name)
    assert text is not None
    assert outcome(text, fast=True) == outcome(text, fast=False)
    assert_plain_alike(text)


RULE_FILES = sorted((ROOT / "rules").rglob("*.yaml")) + sorted((ROOT / "examples").rglob("*.yaml"))


@pytest.mark.parametrize("path", RULE_FILES, ids=[str(p.relative_to(ROOT)) for p in RULE_FILES])
def test_rule_case_and_example_files_are_read_in_one_pass_of_events(path):
    """Every shipped rule, case and example file is read by the one-pass reader with positions
    (yaml_plain.marked_data), which gives what the pure-Python reader's composed nodes give."""
    text, _ = decode(path.read_bytes(), path.name)
    assert text is not None
    doc = yaml_loader.Document(name="f.yaml", data=None, text=text)
    doc.data = marked_data(text, doc)
    assert outcome(text, fast=False) == (*recorded(doc), [])


@pytest.mark.parametrize(
    "text",
    [
        "a: x\tb\n",  # a tab inside a text: libyaml reads it, PyYAML refuses it
        "a: {p?q: 1}\n",  # a question mark inside a plain key of a flow mapping
        "a: [x?y, 'z?']\n",  # ... of a flow sequence (libyaml reads it, PyYAML stops), and in quotes
        "a: {b: c?}\n",
        "a: [x ?y]\n",
        "a: [?x]\n",
        "- {a: b}\n- c?d\n- e?: f?\n",  # in block texts both read it
        "? a\n: b\n",
        "a: b?\nc: [d]\n",
        "a: |#\n",  # a comment straight after a block scalar's indicator
        "a: >-#\n  x\n",
        "---",  # an empty value at the end of a text without a final line break
        "a:",
        "- a\n- ",
        "a: 1\n\ufeff# a byte-order mark after the start\n",
        "a: 1\x85b: 2\n",  # NEL, one of YAML's rarer line breaks
        "a: [1, 2\n",  # libyaml stops: PyYAML's message and position are reported
        "a: &x [1]\nb: *x\n",
        "a: b: c\n",
        "key: 'it''s'\nother: \"\\u00e9\\t\"\n",
        "é: ü\nlist: [ä, 'ö']\n",
        "a: 1\r\nb:\r\n  - 2\r\n",
        "!",  # a value tagged only '!': libyaml reads an empty one as '', PyYAML as no value
        "a: !\nb: ! x\n",
        "- !\n- 1\n",
    ],
)
def test_known_differences_read_alike(text):
    assert outcome(text, fast=True) == outcome(text, fast=False)
    assert_plain_alike(text)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(raw=loader_inputs())
def test_random_texts_read_alike(raw):
    text, _ = decode(raw, "f.yaml")
    if text is not None:
        assert outcome(text, fast=True) == outcome(text, fast=False)
        assert_plain_alike(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1]\nb: *x\n",  # anchors and aliases: the bounds on aliases are the positional reader's
        "a: !!str 1\n",  # any tag
        "a: 1\na: 2\n",  # a duplicate key
        "[1]: a\n",  # a key that is a list
        "{a: 1}: b\n",  # a key that is a mapping
        "a: [1, *x]\n",  # an alias without its anchor
        "a: 0x1f\n",  # numbers the builder refuses or reports
        "a: 1:30\n",
        "a: 2026-02-30\n",  # a date that does not exist
        "a: 2026-03-01 10:00:00\n",  # a date with a time
        'a: "\\ud800"\n',  # a lone surrogate
        "a: 1\n---\nb: 2\n",  # two documents
        "",
        "# nothing\n",
        "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
        "[" + "1, " * MAX_NODES + "]",
        "a: x\tb\n",  # a text libyaml and PyYAML read differently
    ],
)
def test_the_fast_path_leaves_what_it_cannot_vouch_for_to_the_positional_reader(text):
    assert plain_data(text) is None
    with pytest.raises(GiveUp):
        marked_data(text, yaml_loader.Document(name="f.yaml", data=None, text=text))


def test_the_fast_path_reads_what_a_profile_holds():
    text = (
        "company: {legal_form: bv, employees: 12, turnover: 1_800_000, public_participation: 2.5e1,"
        " in_difficulty: no}\n"
        "aid_received:\n  - {date: 2025-04-01, amount: 2000.50, measure: 'kmo-portefeuille', de_minimis: true}\n"
        'projects:\n  - id: "p1"\n    kind: advice\n    cost:\n    note: |\n      two\n      lines\n'
    )
    data = plain_data(text)
    assert typed(data) == typed(
        {
            "company": {
                "legal_form": "bv",
                "employees": 12,
                "turnover": 1800000,
                "public_participation": Decimal("2.5e1"),
                "in_difficulty": False,
            },
            "aid_received": [
                {
                    "date": dt.date(2025, 4, 1),
                    "amount": Decimal("2000.50"),
                    "measure": "kmo-portefeuille",
                    "de_minimis": True,
                }
            ],
            "projects": [{"id": "p1", "kind": "advice", "cost": None, "note": "two\nlines\n"}],
        }
    )
    assert_plain_alike(text)
    for at_the_bounds in ("[" * MAX_DEPTH + "]" * MAX_DEPTH, "[" + "1, " * (MAX_NODES - 1) + "]"):
        assert plain_data(at_the_bounds) is not None
        assert_plain_alike(at_the_bounds)
    nested = "x: [1, {a: [2, {b: c}], d: {}}, []]\ny: z\n"
    assert plain_data(nested) == {"x": [1, {"a": [2, {"b": "c"}], "d": {}}, []], "y": "z"}
    assert_plain_alike(nested)
    assert plain_data("1\n") == 1
