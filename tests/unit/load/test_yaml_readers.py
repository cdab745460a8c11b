"""libyaml and PyYAML's pure-Python reader give the same document, positions and diagnostics.

:func:`engine.load.yaml_loader.load_text` reads a text with libyaml where PyYAML has it and
falls back to the pure-Python reader for anything libyaml stops at and for the constructs the
two read differently; these tests hold the two ways to the same result on every YAML and JSON
file of the repository, on the differences found so far, and on random texts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from engine.load import yaml_loader
from engine.load.yaml_loader import decode, load_text
from fuzz.targets import loader_inputs

ROOT = Path(__file__).resolve().parents[3]
FILES = sorted(p for pattern in ("*.yaml", "*.json") for p in ROOT.rglob(pattern) if ".git" not in p.parts)


def outcome(text: str, fast: bool) -> tuple[Any, ...]:
    """Everything a loaded text gives: data, every position, style and span, and the diagnostics."""
    doc, diagnostics = load_text(text, "f.yaml", fast=fast)
    messages = [str(d) for d in diagnostics]
    if doc is None:
        return None, messages
    return doc.data, doc.positions, doc.key_positions, doc.styles, doc.plain_booleans, doc.spans, messages


def test_libyaml_is_there():
    """The fast reader is in use on this platform (PyYAML's wheels ship libyaml)."""
    assert yaml_loader._FAST is not None


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_file_of_the_repository_reads_alike(path):
    text, _ = decode(path.read_bytes(), path.name)
    assert text is not None
    assert outcome(text, fast=True) == outcome(text, fast=False)


@pytest.mark.parametrize(
    "text",
    [
        "a: x\tb\n",  # a tab inside a text: libyaml reads it, PyYAML refuses it
        "a: {p?q: 1}\n",  # a question mark inside a plain key of a flow mapping
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


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(raw=loader_inputs())
def test_random_texts_read_alike(raw):
    text, _ = decode(raw, "f.yaml")
    if text is not None:
        assert outcome(text, fast=True) == outcome(text, fast=False)
