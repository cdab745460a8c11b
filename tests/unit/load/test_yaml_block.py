"""The line-by-line reader of block YAML (yaml_block.block_data) gives the positional reader's data, or gives up.

Where it reads a text, the data must be the positional (pure-Python) reader's, value for value and type for
type (dates, Decimals, booleans, None), with no problem that reader would report; where it cannot vouch for
that it must give up (None), and the profile is read by the other readers, whose messages name the line and
column. Checked on every YAML file of the repository, on the benchmark's largest profile, on texts at the
edges, and on random block texts and their one-character mutations.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.load.profile import parse_profile
from engine.load.yaml_block import block_data
from engine.load.yaml_loader import MAX_DEPTH, MAX_NODES, decode, load_text
from engine.load.yaml_plain import plain_data

from .test_yaml_readers import FILES, ROOT, typed


def assert_block_alike(text: str) -> Any:
    """``block_data(text)`` is None, or the positional reader's data for a text it reports nothing on."""
    data = block_data(text)
    if data is not None:
        doc, diagnostics = load_text(text, "f.yaml", fast=False)
        assert doc is not None and diagnostics == [], text
        assert typed(data) == typed(doc.data), text
    return data


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_file_of_the_repository(path):
    text, _ = decode(path.read_bytes(), path.name)
    assert text is not None
    assert_block_alike(text)


def test_every_example_profile_is_read_line_by_line():
    """The shipped example profiles have the block shape: the fast path is the one they take."""
    profiles = sorted((ROOT / "examples" / "profiles").rglob("*.yaml"))
    assert profiles
    for path in profiles:
        text = path.read_text(encoding="utf-8")
        if text.lstrip(" \n#").startswith(("{", "[")) or "|" in text or ">" in text:
            continue
        assert assert_block_alike(text) is not None, path


def test_the_largest_profile_of_the_benchmark(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from projects import write_profile
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    text = write_profile(tmp_path / "p.yaml").read_text(encoding="utf-8")
    data = assert_block_alike(text)
    assert data is not None
    assert typed(data) == typed(plain_data(text))


def test_values_as_the_positional_reader_types_them():
    text = (
        "# a profile\n"
        "company:\n"
        "  name: Bakkerij 't Hoekske  # a comment\n"
        "  founded: 2010-01-01\n"
        "  since: '2010-01-01'\n"
        "  turnover: 1_800_000\n"
        "  share: 2.5e1\n"
        "  rate: 0.35\n"
        "  in_difficulty: no\n"
        '  note: "é, ü: fine"\n'
        "  quote: 'it''s'\n"
        "  empty:\n"
        "  partners: []\n"
        "  extra: {}\n"
        "aid_received:\n"
        "- date: 2025-04-01\n"
        "  amount: 2000.50\n"
        "-   date: 2025-05-01\n"
        "    amount: -5\n"
        "projects:\n"
        "  - id: p1\n"
        "    tags:\n"
        "    - a\n"
        "    - ~\n"
        "\n"
        "  - id: p2   \n"
        "    nested:\n"
        "       deep: x\n"
    )
    data = assert_block_alike(text)
    assert typed(data) == typed(
        {
            "company": {
                "name": "Bakkerij 't Hoekske",
                "founded": dt.date(2010, 1, 1),
                "since": "2010-01-01",
                "turnover": 1800000,
                "share": Decimal("2.5e1"),
                "rate": Decimal("0.35"),
                "in_difficulty": False,
                "note": "é, ü: fine",
                "quote": "it's",
                "empty": None,
                "partners": [],
                "extra": {},
            },
            "aid_received": [
                {"date": dt.date(2025, 4, 1), "amount": Decimal("2000.50")},
                {"date": dt.date(2025, 5, 1), "amount": -5},
            ],
            "projects": [{"id": "p1", "tags": ["a", None]}, {"id": "p2", "nested": {"deep": "x"}}],
        }
    )


@pytest.mark.parametrize(
    "text",
    [
        "a: [1, 2]\n",  # flow collections other than [] and {}
        "a: {b: 1}\n",
        "{a: 1}\n",
        '{"a": 1}\n',  # JSON
        "a: |\n  x\n",  # block scalars
        "a: >\n  x\n",
        "a: b\n  c\n",  # a value over several lines
        "a: 'b\n  c'\n",
        'a: "b\\tc"\n',  # an escape
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 1\n",  # a tag
        "a: 1\na: 2\n",  # a duplicate key
        "'a': 1\n",  # a quoted key
        "yes: 1\n",  # a key that is not a text
        "null: 1\n",
        "a: 0x1f\n",  # values the builder refuses or reports
        "a: 1:30\n",
        "a: 2026-02-30\n",
        "a: 2026-03-01 10:00:00\n",
        "a: b: c\n",
        "a: b:\n",
        "a:\tb\n",  # a tab
        "a: 1\r\nb: 2\r\n",  # a carriage return
        "a: 1\x85b: 2\n",  # YAML's rarer line breaks
        "a: 1\u2028b: 2\n",
        "a: \x07\n",  # a character YAML refuses
        "a: \ud800\n",  # a lone surrogate
        "a: 1",  # no final line break
        "---\na: 1\n",  # document markers and directives
        "a: 1\n---\nb: 2\n",
        "%YAML 1.1\n---\na: 1\n",
        "a: 1\n...\n",
        "  a: 1\n",  # an indented document
        "a:\n  b: 1\n c: 2\n",  # indentation that does not line up
        "a:\n  - 1\n  b: 2\n",
        "- a\n -b\n",
        "- - a\n",  # a list in a list on one line
        "-\n  a: 1\n",  # a dash alone
        "- \n",
        "- # empty\n",
        "x\n",  # a plain document
        "",
        "# nothing\n",
        "a: ? b\n",
        "a: @b\n",
        "a: `b\n",
        "a: 'b' c\n",
        'a: "b" c\n',
        "a: [] x\n",
        "".join(" " * i + "a:\n" for i in range(MAX_DEPTH)) + " " * MAX_DEPTH + "a: 1\n",  # too deep
        "- 1\n" * MAX_NODES,
    ],
)
def test_it_gives_up_on_what_it_does_not_read(text):
    assert block_data(text) is None


def test_at_the_bounds_it_reads_as_the_positional_reader_does():
    assert assert_block_alike("- 1\n" * (MAX_NODES - 1)) is not None
    deep = "".join(" " * i + "a:\n" for i in range(MAX_DEPTH - 3)) + " " * (MAX_DEPTH - 3) + "a: 1\n"
    assert assert_block_alike(deep) is not None


def test_problems_still_name_the_file_line_and_column_in_dutch():
    """A block profile with a wrong value is read again with positions: the message names line and column."""
    text = "company:\n  legal_form: bv\n  employees: veel\nprojects:\n- id: p1\n  kind: advice\n"
    assert block_data(text) is not None
    data, diagnostics = parse_profile(text, "bedrijf.yaml")
    assert data is None and diagnostics
    found = [d for d in diagnostics if d.path == ("company", "employees")]
    assert found and (found[0].file, found[0].line, found[0].column) == ("bedrijf.yaml", 3, 14)
    said = found[0].text("nl")
    assert said.startswith("bedrijf.yaml:3:14: fout: ") and said != found[0].text("en")


_KEYS = ["a", "b_c", "d-e", "x1", "_k", "yes", "null", "on", "y", "True", "1", "-a", "a b", "'q'", "<<"]
_SAFE_KEYS = _KEYS[:5] + ["y"]
_ATOMS = [
    "x",
    "hello world",
    "it's",
    "a:b",
    "a#b",
    "1",
    "-5",
    "1_000",
    "2.5e1",
    "1e3",
    ".5",
    "0",
    "+1",
    "1.0",
    "1,000",
    "2026-03-01",
    "'2026-03-01'",
    "no",
    "true",
    "True",
    "~",
    "null",
    "'it''s'",
    "''",
    '"dq"',
    '""',
    "[]",
    "{}",
    "x  y",
    "é ü",
    "C#",
    "http://x",
    "-x",
    "x?",
    "x]",
    "= x",
    "a,b",
    "(x)",
]
_SAFE_ATOMS = list(_ATOMS)
_ATOMS += [
    "00",
    "012",
    "0x1f",
    "1:30",
    "-.inf",
    ".nan",
    "2026-02-30",
    "2026-3-1",
    "2026-03-01 10:00:00",
    "on",
    "off",
    "[1]",
    "{a: 1}",
    "&a x",
    "*a",
    "!!str 1",
    "",
    "",
    ">",
    "@x",
    "`x",
    "%x",
    "? x",
    ": x",
    "- x",
    "-",
    "a: b",
    "a:",
    "#c",
    "'a'#c",
    '"a" x',
    "---",
    "...",
    "<<",
    "0o17",
    "0b101",
    "1__0",
    "12e",
    "--",
    "?x",
    ":x",
    "[x",
    '"a\\tb"',
    "'a",
    '"a',
    "x:",
]


@st.composite
def _blocks(draw: Any, safe: bool) -> str:
    """A random block text: mappings and lists nested a few deep, values written as people write them."""
    keys = _SAFE_KEYS if safe else _KEYS
    atoms = _SAFE_ATOMS if safe else _ATOMS
    width = draw(st.integers(1, 4))
    out: list[str] = []

    def comment(indent: int) -> None:
        if draw(st.integers(0, 9)) == 0:
            out.append(draw(st.sampled_from(["", " " * indent + "# note", "#"])))

    def atom() -> str:
        return draw(st.sampled_from(atoms)) + draw(st.sampled_from(["", "", " ", "  # c"]))

    def mapping(indent: int, depth: int, first: str | None = None) -> None:
        used = set()
        for n in range(draw(st.integers(1, 4))):
            key = draw(st.sampled_from(keys))
            if safe and key in used:
                continue
            used.add(key)
            head = (first if n == 0 and first is not None else " " * indent) + key + ":"
            value(head, indent, depth)
            comment(indent)

    def value(head: str, indent: int, depth: int) -> None:
        kind = draw(st.integers(0, 5)) if depth < 3 else 0
        if kind <= 2:
            out.append(head + draw(st.sampled_from([" ", " ", "  "])) + atom())
        elif kind == 3:
            out.append(head)
            mapping(indent + width, depth + 1)
        else:
            out.append(head)
            sequence(indent + width if kind == 4 else indent, depth + 1)

    def sequence(indent: int, depth: int) -> None:
        for _ in range(draw(st.integers(1, 3))):
            dash = " " * indent + "-" + " " * draw(st.integers(1, 3))
            if depth < 3 and draw(st.booleans()):
                mapping(len(dash), depth + 1, first=dash)
            else:
                out.append(dash + atom())
            comment(indent)

    if draw(st.integers(0, 4)) == 0:
        sequence(0, 1)
    else:
        mapping(0, 1)
    return "\n".join(out) + "\n"


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(text=_blocks(safe=True))
def test_random_block_texts_of_safe_values_are_read(text):
    assert assert_block_alike(text) is not None


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(
    text=_blocks(safe=False),
    edit=st.tuples(st.integers(0, 10_000), st.sampled_from(["", " ", "-", ":", "#", "'", "\n", "a", "[", "\t"])),
)
def test_random_block_texts_and_their_mutations_read_alike(text, edit):
    assert_block_alike(text)
    at = edit[0] % (len(text) + 1)
    assert_block_alike(text[:at] + edit[1] + text[at + 1 :])
    assert_block_alike(text[:at] + edit[1] + text[at:])
