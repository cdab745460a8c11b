"""Unit tests for engine.load.yaml_loader: positions, rejected YAML and the decoding step."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import pytest

from engine.load.yaml_loader import MAX_ALIASES, MAX_BYTES, decode, load_file, load_text


def triples(diagnostics):
    return [(d.line, d.column, d.code) for d in diagnostics]


def load(text):
    return load_text(text, "f.yaml")


# -- positions ---------------------------------------------------------------

POSITIONS_TEXT = """\
id: demo
title:
  nl: Demo
  en: 'Demo'
list:
  - first
  - key: value
flow: [x, 'y']
"""


def test_positions_of_values():
    doc, diagnostics = load(POSITIONS_TEXT)
    assert diagnostics == []
    assert doc.positions == {
        (): (1, 1),
        ("id",): (1, 5),
        ("title",): (3, 3),
        ("title", "nl"): (3, 7),
        ("title", "en"): (4, 7),
        ("list",): (6, 3),
        ("list", 0): (6, 5),
        ("list", 1): (7, 5),
        ("list", 1, "key"): (7, 10),
        ("flow",): (8, 7),
        ("flow", 0): (8, 8),
        ("flow", 1): (8, 11),
    }


def test_positions_of_keys():
    doc, _ = load(POSITIONS_TEXT)
    assert doc.key_positions == {
        ("id",): (1, 1),
        ("title",): (2, 1),
        ("title", "nl"): (3, 3),
        ("title", "en"): (4, 3),
        ("list",): (5, 1),
        ("list", 1, "key"): (7, 5),
        ("flow",): (8, 1),
    }
    assert doc.position(("title", "nl"), key=True) == (3, 3)
    assert doc.position(("title", "nl")) == (3, 7)


def test_position_falls_back_to_enclosing_value():
    doc, _ = load(POSITIONS_TEXT)
    assert doc.position(("title", "de")) == (3, 3)
    assert doc.position(("nothing", "here")) == (1, 1)
    # a list item has no key: key=True falls back to the value
    assert doc.position(("list", 0), key=True) == (6, 5)


def test_data_and_scalar_styles():
    doc, _ = load(POSITIONS_TEXT)
    assert doc.data == {
        "id": "demo",
        "title": {"nl": "Demo", "en": "Demo"},
        "list": ["first", {"key": "value"}],
        "flow": ["x", "y"],
    }
    assert doc.styles[("title", "nl")] is None
    assert doc.styles[("title", "en")] == "'"


# -- duplicate keys ------------------------------------------------------------


def test_duplicate_key_at_top_level():
    doc, diagnostics = load("a: 1\nb: 2\na: 3\n")
    assert triples(diagnostics) == [(3, 1, "duplicate-key")]
    assert "line 1" in diagnostics[0].message
    assert doc.data == {"a": 1, "b": 2}  # the first value is kept


def test_duplicate_key_nested():
    _, diagnostics = load("outer:\n  x: 1\n  y: 2\n  x: 3\n")
    assert triples(diagnostics) == [(4, 3, "duplicate-key")]
    assert "line 2" in diagnostics[0].message


def test_duplicate_key_in_flow_mapping():
    _, diagnostics = load("m: {a: 1, b: 2, a: 3}\n")
    assert triples(diagnostics) == [(1, 17, "duplicate-key")]


def test_every_duplicate_is_reported():
    _, diagnostics = load("a: 1\na: 2\nb: 1\nb: 2\n")
    assert triples(diagnostics) == [(2, 1, "duplicate-key"), (4, 1, "duplicate-key")]


# -- dates -----------------------------------------------------------------------


def test_valid_date_becomes_date():
    doc, diagnostics = load("d: 2024-02-29\n")
    assert diagnostics == []
    assert doc.data == {"d": dt.date(2024, 2, 29)}


@pytest.mark.parametrize("text", ["2026-02-30", "2023-02-29", "2024-13-01", "2024-04-31"])
def test_invalid_date(text):
    doc, diagnostics = load(f"x: 1\nd: {text}\n")
    assert triples(diagnostics) == [(2, 4, "yaml-date")]
    assert diagnostics[0].hint == "write dates as YYYY-MM-DD with a day that exists in that month"
    assert doc.data["d"] == text


def test_quoted_date_stays_text():
    doc, diagnostics = load("d: '2026-02-30'\n")
    assert diagnostics == []
    assert doc.data == {"d": "2026-02-30"}


def test_date_with_time_is_left_as_text():
    doc, diagnostics = load("d: 2024-01-01 10:00:00\n")
    assert diagnostics == []
    assert doc.data == {"d": "2024-01-01 10:00:00"}


# -- tags --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("x: !!python/object:os.system {}\n", [(1, 4, "yaml-tag")]),
        ("x: !!python/object/apply:os.system ['ls']\n", [(1, 4, "yaml-tag")]),
        ("x: !!python/name:os.system ''\n", [(1, 4, "yaml-tag")]),
        ("a: 1\nx: !custom 1\n", [(2, 4, "yaml-tag")]),
        ("x: !!binary aGVsbG8=\n", [(1, 4, "yaml-tag")]),
        ("x: !!set {a, b}\n", [(1, 4, "yaml-tag")]),
        ("- !!omap [a: 1]\n", [(1, 3, "yaml-tag")]),
    ],
)
def test_tags_are_rejected(text, expected):
    _, diagnostics = load(text)
    assert triples(diagnostics) == expected


def test_tagged_value_is_not_constructed():
    doc, _ = load("x: !!python/object/apply:os.system ['echo hi']\n")
    assert doc.data == {"x": ["echo hi"]}


def test_standard_tags_are_accepted():
    doc, diagnostics = load("a: !!str 12\nb: !!int '7'\n")
    assert diagnostics == []
    assert doc.data == {"a": "12", "b": 7}


def test_complex_key_is_rejected():
    _, diagnostics = load("? [a, b]\n: 1\n")
    assert triples(diagnostics) == [(1, 3, "yaml-key")]


# -- numbers -------------------------------------------------------------------------


def test_floats_become_exact_decimals():
    doc, diagnostics = load("a: 0.1\nb: 12500.50\nc: -2.5\nd: 1_000.25\ne: 7\nf: 1.5e+3\n")
    assert diagnostics == []
    assert doc.data == {
        "a": Decimal("0.1"),
        "b": Decimal("12500.50"),
        "c": Decimal("-2.5"),
        "d": Decimal("1000.25"),
        "e": 7,
        "f": Decimal("1.5e+3"),
    }
    assert str(doc.data["a"]) == "0.1"
    assert str(doc.data["b"]) == "12500.50"
    assert type(doc.data["e"]) is int
    assert doc.data["a"] + Decimal("0.2") == Decimal("0.3")


@pytest.mark.parametrize("text", [".inf", "-.inf", "+.INF", ".nan", ".NaN"])
def test_non_finite_numbers(text):
    doc, diagnostics = load(f"a: 1\nb: {text}\n")
    assert triples(diagnostics) == [(2, 4, "yaml-number")]
    assert doc.data["b"] is None


def test_booleans_and_yaml11_words():
    doc, diagnostics = load("a: true\nb: no\nc: 'no'\nd: On\n")
    assert diagnostics == []
    assert doc.data == {"a": True, "b": False, "c": "no", "d": True}
    assert doc.plain_booleans == {("b",): "no", ("d",): "On"}


# -- bombs and depth ----------------------------------------------------------------


def test_alias_limit():
    text = "a: &x 1\nb: [" + ", ".join(["*x"] * (MAX_ALIASES + 1)) + "]\n"
    started = time.perf_counter()
    doc, diagnostics = load(text)
    assert time.perf_counter() - started < 2
    assert doc is None
    # the first alias is at column 5; each further one is 4 characters on
    assert triples(diagnostics) == [(2, 5 + 4 * MAX_ALIASES, "yaml-aliases")]


def test_up_to_the_alias_limit_is_accepted():
    text = "a: &x 1\nb: [" + ", ".join(["*x"] * MAX_ALIASES) + "]\n"
    doc, diagnostics = load(text)
    assert diagnostics == []
    assert doc.data["b"] == [1] * MAX_ALIASES


def test_billion_laughs_rejected_quickly():
    # the classic shape: 9 levels of 10 references (80 aliases, under the alias limit);
    # expanding it would give 10**9 values, so the value-count bound stops it
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 10) + "]")
    started = time.perf_counter()
    doc, diagnostics = load("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 5
    assert doc is None
    # expanded sizes: a 11, b 111, c 1,111, d 11,111 values; b to d expand to 12,330 values and
    # each '*d' of e adds 11,111: the 4th (line 5, column 20) would pass 50,000, so it stops there
    assert triples(diagnostics) == [(5, 20, "yaml-size")]


def test_many_aliases_billion_laughs_gives_yaml_aliases():
    # a wider bomb would use more than MAX_ALIASES references, but its first alias that would
    # expand the document past 50,000 values (the 4th '*d' of e, line 5) stops it earlier
    lines = ["a: &a [" + ", ".join(["lol"] * 10) + "]"]
    for level in "bcdefghijklm":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 10) + "]")
    started = time.perf_counter()
    doc, diagnostics = load("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 2
    assert doc is None
    assert triples(diagnostics) == [(5, 20, "yaml-size")]


def test_deep_flow_nesting_rejected_quickly():
    started = time.perf_counter()
    doc, diagnostics = load("[" * 10_000)
    assert time.perf_counter() - started < 2
    assert doc is None
    assert triples(diagnostics) == [(1, 65, "yaml-depth")]


def test_deep_nesting_balanced():
    doc, diagnostics = load("[" * 10_000 + "]" * 10_000 + "\n")
    assert doc is None
    assert triples(diagnostics) == [(1, 65, "yaml-depth")]


def test_deep_block_nesting():
    text = "".join("  " * i + f"k{i}:\n" for i in range(70)) + "  " * 70 + "v\n"
    doc, diagnostics = load(text)
    assert doc is None
    # the 65th nested node is the mapping that starts with key k63 (line 64, column 2 * 63 + 1)
    assert triples(diagnostics) == [(64, 127, "yaml-depth")]


def test_nesting_at_the_limit_is_accepted():
    _, diagnostics = load("[" * 64 + "]" * 64 + "\n")
    assert diagnostics == []


# -- syntax ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected, spaces",
    [
        ("a:\n\tb: 1\n", (2, 1), 2),
        ("a: 1\n\tb: 1\n", (2, 1), 0),
        ("a:\n  b: 1\n\tc: 2\n", (3, 1), 2),
    ],
)
def test_tab_indentation(text, expected, spaces):
    doc, diagnostics = load(text)
    assert doc is None
    assert triples(diagnostics) == [(*expected, "yaml-syntax")]
    assert diagnostics[0].message == "this line is indented with a tab; YAML indents with spaces only"
    assert diagnostics[0].hint == f"YAML does not allow tabs for indentation; use spaces: probably {spaces} here"


def test_colon_in_plain_text_hint():
    _, diagnostics = load("nl: Kost: 10\n")
    assert triples(diagnostics) == [(1, 9, "yaml-syntax")]
    assert "quotes" in diagnostics[0].hint


@pytest.mark.parametrize(
    "text, position, key, example",
    [
        (
            "notes:\n  - decision: D15\n    text: Note: only in the Flemish Region.\n",
            (3, 15),
            "text",
            'text: "Note: only in the Flemish Region."',
        ),
        (
            "cases:\n  - name: small\n    description: Small company: 45% x 10,000 = 4,500.00\n",
            (3, 31),
            "description",
            'description: "Small company: 45% x 10,000 = 4,500.00"',
        ),
        ('- {a: 1}\n- text: He said: "no"\n', (2, 16), "text", "text: 'He said: \"no\"'"),
    ],
)
def test_a_colon_in_a_text_after_a_list_dash_asks_for_quotes_not_indentation(text, position, key, example):
    _, diagnostics = load(text)
    assert triples(diagnostics) == [(*position, "yaml-syntax")]
    assert diagnostics[0].message == (
        f"the text of '{key}' holds ': ' (a colon and a space), which YAML reads as the start of a new key"
    )
    assert diagnostics[0].hint == f"put the text in quotes: {example}"


def test_a_key_indented_deeper_than_the_one_above_is_an_indentation_problem():
    _, diagnostics = load("a:\n  b: text\n    c: 1\n")
    assert triples(diagnostics) == [(3, 6, "yaml-syntax")]
    assert diagnostics[0].message == "this key starts further right (4 spaces) than the key on the line above (2)"
    assert diagnostics[0].hint == (
        "check the indentation: keys of one mapping start in the same column; indent this line by 2 spaces"
    )


def test_bad_indentation_hint():
    _, diagnostics = load("a:\n  b: 1\n c: 2\n")
    assert triples(diagnostics) == [(3, 2, "yaml-syntax")]
    assert diagnostics[0].message == "the indentation of this line (1 spaces) does not fit the lines above it (2)"
    assert diagnostics[0].hint == (
        "check the indentation: keys of one mapping start in the same column; indent this line by 2 spaces, "
        "like the line above"
    )


def test_unclosed_flow_sequence():
    _, diagnostics = load("a: [1, 2\nb: 3\n")
    assert [d.code for d in diagnostics] == ["yaml-syntax"]


def test_control_character():
    _, diagnostics = load("x: 1\na: b\x07c\n")
    assert triples(diagnostics) == [(2, 5, "yaml-syntax")]


def test_second_document_is_rejected():
    doc, diagnostics = load("a: 1\n---\nb: 2\n")
    assert doc is None
    assert triples(diagnostics) == [(2, 1, "yaml-syntax")]


# -- encoding and empty files --------------------------------------------------------------


def test_bom_is_accepted():
    text, diagnostics = decode("\ufeffa: 1\nb: é\n".encode("utf-8"), "f.yaml")
    assert diagnostics == []
    assert text == "a: 1\nb: é\n"
    doc, diagnostics = load_text(text, "f.yaml")
    assert diagnostics == []
    assert doc.positions[("a",)] == (1, 4)
    assert doc.data == {"a": 1, "b": "é"}


def test_bom_file_on_disk(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: demo\nn: 0.5\n")
    doc, diagnostics = load_file(path)
    assert diagnostics == []
    assert doc.data == {"id": "demo", "n": Decimal("0.5")}
    assert doc.key_positions[("id",)] == (1, 1)
    assert doc.name == str(path)


def test_non_utf8_bytes():
    text, diagnostics = decode(b"a: 1\nb: caf\xe9\n", "f.yaml")
    assert text is None
    assert triples(diagnostics) == [(2, 7, "encoding")]
    assert diagnostics[0].file == "f.yaml"
    assert diagnostics[0].hint == "save the file as UTF-8"


def test_non_utf8_first_byte():
    _, diagnostics = decode(b"\xff\xfea\x00", "f.yaml")
    assert triples(diagnostics) == [(1, 1, "encoding")]


def test_non_utf8_column_counts_characters():
    # 'x: é' is four characters (five bytes); the bad byte is the fifth character
    _, diagnostics = decode(b"x: \xc3\xa9\xff\n", "f.yaml")
    assert triples(diagnostics) == [(1, 5, "encoding")]


def test_non_utf8_file_on_disk(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: demo\ntitle: Caf\u00e9\n".encode("latin-1"))
    doc, diagnostics = load_file(path, "latin1.yaml")
    assert doc is None
    assert triples(diagnostics) == [(2, 11, "encoding")]


@pytest.mark.parametrize("text", ["", "\n\n", "# only\n# comments\n", "   \n# c\n"])
def test_empty_file(text):
    doc, diagnostics = load(text)
    assert doc is None
    assert triples(diagnostics) == [(1, 1, "empty-file")]


def test_file_too_large():
    raw = b"#" * (MAX_BYTES + 1)
    text, diagnostics = decode(raw, "big.yaml")
    assert text is None
    assert triples(diagnostics) == [(1, 1, "file-too-large")]
    assert str(MAX_BYTES + 1) in diagnostics[0].message


def test_file_at_size_limit_is_accepted():
    raw = b"a: 1\n" + b"#" * (MAX_BYTES - 5)
    assert len(raw) == MAX_BYTES
    text, diagnostics = decode(raw, "big.yaml")
    assert diagnostics == []
    assert text is not None and len(text) == MAX_BYTES


def test_missing_file(tmp_path):
    doc, diagnostics = load_file(tmp_path / "nope.yaml", "nope.yaml")
    assert doc is None
    assert triples(diagnostics) == [(1, 1, "unreadable")]


# -- locate_in_scalar ------------------------------------------------------------------------

SCALARS_TEXT = """\
plain: company.employes < 10
quoted: 'company.employes < 10'
dq: "company.employes < 10"
lit: |
  company.employees < 10
  and company.turnvoer > 5
fold: >-
  company.employees < 10
  and company.turnvoer > 5
"""


@pytest.fixture
def scalars():
    doc, diagnostics = load(SCALARS_TEXT)
    assert diagnostics == []
    return doc


def test_locate_in_plain_scalar(scalars):
    assert scalars.locate_in_scalar(("plain",), 1, 1) == (1, 8)
    assert scalars.locate_in_scalar(("plain",), 1, 9) == (1, 16)


def test_locate_in_single_quoted_scalar(scalars):
    assert scalars.locate_in_scalar(("quoted",), 1, 1) == (2, 10)
    assert scalars.locate_in_scalar(("quoted",), 1, 9) == (2, 18)


def test_locate_in_double_quoted_scalar(scalars):
    assert scalars.locate_in_scalar(("dq",), 1, 9) == (3, 14)


def test_locate_in_literal_block(scalars):
    assert scalars.data["lit"] == "company.employees < 10\nand company.turnvoer > 5\n"
    assert scalars.locate_in_scalar(("lit",), 1, 1) == (5, 3)
    assert scalars.locate_in_scalar(("lit",), 2, 5) == (6, 7)


def test_locate_in_folded_block_first_line(scalars):
    assert scalars.data["fold"] == "company.employees < 10 and company.turnvoer > 5"
    assert scalars.locate_in_scalar(("fold",), 1, 9) == (8, 11)


def test_locate_in_folded_block_later_line(scalars):
    # 'company.turnvoer' starts at column 28 of the folded text; in the file it is at line 9, column 7
    assert scalars.locate_in_scalar(("fold",), 1, 28) == (9, 7)
