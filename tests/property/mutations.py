"""Random edits of YAML text, the kind a person makes by mistake, as a Hypothesis strategy.

Each edit works on lines: delete one, duplicate one (a duplicate key), swap two, swap
the values of two ``key: value`` lines, give a value another type, rename a key,
change the indentation, put in a tab, cut the file short, insert a character YAML
treats specially, or replace an expression with other syntax. The mutation tests
run the edited rule files, case files and profiles through the command line; the
fuzz harness feeds them to the loader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

_KEY_VALUE = re.compile(r"^(\s*(?:- )?[A-Za-z_][\w-]*:\s)(.*)$")

# Values of another type, and values YAML reads in surprising ways.
OTHER_VALUES = [
    "12",
    "-1",
    "0",
    "1.5",
    "1e999",
    ".nan",
    "-.inf",
    "0x1F",
    "0o17",
    "012",
    "1_000",
    "12:30:00",
    "45%",
    "'text'",
    '""',
    "true",
    "false",
    "yes",
    "off",
    "~",
    "null",
    "[]",
    "{}",
    "[1, 2]",
    "{a: 1}",
    "2024-02-30",
    "2024-02-29",
    "13/09/2021",
    "2024-01-01T10:00:00",
    "'2026-02-01'",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "&anchor x",
    "*anchor",
    "'unterminated",
    '"\\ud800"',
    "|",
    ">-",
    "- item",
    "{a: [",
    "a: b: c",
    "#",
    "\t1",
    "é",
    "\U0001f600",
    "x" * 300,
    "9" * 40,
    "'" + "a" * 2000 + "'",
]

# Pieces of rule expressions, valid and not, for edits of expression values.
EXPRESSION_PIECES = [
    "company.employees",
    "project.cost",
    "project.application_date",
    "company.partner_enterprises",
    "size",
    "amount",
    "rate",
    "rate[size]",
    "rate['x']",
    "yearly_cap",
    "de_minimis_used",
    "company",
    "company.nope",
    "project.consortium.independent_companies",
    "aid_total()",
    "aid_total(measure='x')",
    "aid_count(1, 2)",
    "min(1)",
    "max()",
    "date('2024-02-30')",
    "date('x')",
    "add_years(project.application_date, 1e6)",
    "years_between(1, 2)",
    "sum_of(1, 'x')",
    "given(1)",
    "given(company.employees)",
    "__import__('os')",
    "().__class__",
    "lambda: 1",
    "[x for x in []]",
    "{1: 2}",
    "{1}",
    "f'{1}'",
    "1 if true",
    "x := 1",
    "*a",
    "a[1:2]",
    "1 is 1",
    "not",
    "and",
    "or",
    "in",
    "not in",
    "==",
    "<",
    ">=",
    "+",
    "-",
    "*",
    "/",
    "%",
    "**",
    "//",
    "@",
    "&",
    "|",
    "^",
    "~",
    "<<",
    "(",
    ")",
    "[",
    "]",
    ",",
    "'",
    '"',
    "\\",
    "#",
    "0",
    "1",
    "-1",
    "1.5",
    "10 ** 100",
    "9" * 30,
    "1e309",
    "0x10",
    "1j",
    "true",
    "false",
    "None",
    "'text'",
    "' '",
    "project.cost / 0",
    "1 % 0",
    "2 ** 65",
    "company.employees ** 64",
]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _pick(draw: Any, lines: list[str], matching: Callable[[str], bool] = lambda line: True) -> int | None:
    candidates = [i for i, line in enumerate(lines) if matching(line)]
    return draw(st.sampled_from(candidates)) if candidates else None


@st.composite
def mutated(draw: Any, text: str, max_edits: int = 3) -> str:
    """``text`` with one to ``max_edits`` random edits."""
    lines = _lines(text)
    for _ in range(draw(st.integers(1, max_edits))):
        lines = draw(_edit(lines))
        if not lines:
            lines = [""]
    return "\n".join(lines)


@st.composite
def _edit(draw: Any, lines: list[str]) -> list[str]:
    lines = list(lines)
    kind = draw(
        st.sampled_from(
            [
                "delete",
                "duplicate",
                "swap-lines",
                "swap-values",
                "retype",
                "rename-key",
                "indent",
                "tab",
                "truncate",
                "insert-char",
                "expression",
            ]
        )
    )
    i = draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap-lines":
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "swap-values":
        a, b = _pick(draw, lines, _KEY_VALUE.match), _pick(draw, lines, _KEY_VALUE.match)
        if a is not None and b is not None:
            ma, mb = _KEY_VALUE.match(lines[a]), _KEY_VALUE.match(lines[b])
            lines[a], lines[b] = ma.group(1) + mb.group(2), mb.group(1) + ma.group(2)
    elif kind == "retype":
        a = _pick(draw, lines, _KEY_VALUE.match)
        if a is not None:
            lines[a] = _KEY_VALUE.match(lines[a]).group(1) + draw(st.sampled_from(OTHER_VALUES))
    elif kind == "rename-key":
        a = _pick(draw, lines, _KEY_VALUE.match)
        if a is not None:
            head = _KEY_VALUE.match(lines[a]).group(1)
            key = head.strip().removeprefix("- ").rstrip(":")
            new = draw(st.sampled_from([key[:-1] or "x", key + "s", key.upper(), key.replace("_", "-"), "$" + key]))
            lines[a] = lines[a].replace(key + ":", new + ":", 1)
    elif kind == "indent":
        delta = draw(st.sampled_from([-4, -2, -1, 1, 2, 4]))
        lines[i] = (
            " " * delta + lines[i] if delta > 0 else lines[i][min(-delta, len(lines[i]) - len(lines[i].lstrip(" "))) :]
        )
    elif kind == "tab":
        lines[i] = "\t" + lines[i] if draw(st.booleans()) else lines[i].replace(" ", "\t", 1)
    elif kind == "truncate":
        text = "\n".join(lines)
        return _lines(text[: draw(st.integers(0, len(text)))])
    elif kind == "insert-char":
        line = lines[i]
        at = draw(st.integers(0, len(line)))
        char = draw(st.sampled_from(list(":-{}[],&*!|>'\"%@`#?") + ["\x00", "\x07", "\ufeff", "\u2028", "\r"]))
        lines[i] = line[:at] + char + line[at:]
    else:
        a = _pick(
            draw, lines, lambda line: bool(re.match(r"^\s*(?:- )?(when|rate|base|amount|expression|fixed):\s", line))
        )
        if a is not None:
            pieces = draw(st.lists(st.sampled_from(EXPRESSION_PIECES), min_size=1, max_size=6))
            lines[a] = _KEY_VALUE.match(lines[a]).group(1) + '"' + " ".join(pieces).replace('"', "'") + '"'
    return lines
